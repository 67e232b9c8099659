// How fast the page runs (perf_overlay.h): the per-frame timings, the overlay over the canvas and
// the figures of the help window's Performance section.
#include "app/perf_overlay.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app.h"
#include "app/i18n.h"
#include "app/theme.h"
#include "imgui.h"
#include "imgui_internal.h"

TL_NAMESPACE_BEGIN

void PerfStats::add(double start, double cpu, double gl, double train, uint64_t heatmap_serial,
                    double between, double task) {
  const double frame = cpu + gl;
  const double interval = last_start_ >= 0 ? (start - last_start_) * 1000.0 : 0.0;
  last_start_ = start;
  Frame& f = ring_[head_];
  f.frame = static_cast<float>(frame);
  f.cpu = static_cast<float>(cpu);
  f.gl = static_cast<float>(gl);
  f.train = static_cast<float>(train);
  f.interval = static_cast<float>(interval);
  head_ = (head_ + 1) % kRing;
  count_ = std::min(count_ + 1, kRing);

  if (t0_ < 0) t0_ = start;
  ++n_;
  sum_frame_ += frame;
  sum_cpu_ += cpu;
  sum_gl_ += gl;
  sum_train_ += train;
  sum_between_ += between;
  max_task_ = std::max(max_task_, task);
  max_frame_ = std::max(max_frame_, frame);
  max_train_ = std::max(max_train_, train);
  if (interval > 0) {
    ++n_interval_;
    sum_interval_ += interval;
    max_interval_ = std::max(max_interval_, interval);
  }
  if (frame > kSlowFrameMs) ++slow_;
  if (heatmap_serial != 0 && last_serial_ != 0 && heatmap_serial != last_serial_)
    ++heatmap_changes_;
  last_serial_ = heatmap_serial;

  const double span = start - t0_;
  if (span >= 1.0) {
    frame_ms = sum_frame_ / n_;
    frame_ms_max = max_frame_;
    cpu_ms = sum_cpu_ / n_;
    gl_ms = sum_gl_ / n_;
    train_ms = sum_train_ / n_;
    train_ms_max = max_train_;
    between_ms = sum_between_ / n_;
    task_ms_max = max_task_;
    interval_ms = n_interval_ > 0 ? sum_interval_ / n_interval_ : 0.0;
    interval_ms_max = max_interval_;
    // Frames started in [t0_, start): n_ - 1 of them (this one begins the next second's span).
    fps = (n_ - 1) / span;
    heatmap_hz = heatmap_changes_ / span;
    frames_over_50ms = slow_;
    ++seconds;
    t0_ = start;
    n_ = n_interval_ = heatmap_changes_ = slow_ = 0;
    sum_frame_ = sum_cpu_ = sum_gl_ = sum_train_ = sum_interval_ = sum_between_ = max_task_ = 0;
    max_frame_ = max_train_ = max_interval_ = 0;
  }
}

void PerfStats::last(int n, std::vector<float>& frame, std::vector<float>& interval) const {
  n = std::max(0, std::min(n, count_));
  frame.resize(static_cast<size_t>(n));
  interval.resize(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const Frame& f = ring_[(head_ - n + i + kRing) % kRing];
    frame[static_cast<size_t>(i)] = f.frame;
    interval[static_cast<size_t>(i)] = f.interval;
  }
}

std::string PerfStats::frames_json() const {
  std::string out;
  out.reserve(static_cast<size_t>(count_) * 5 * 8 + 80);
  char buf[32];
  auto column = [&](const char* name, float Frame::*field) {
    out += '"';
    out += name;
    out += "\":[";
    for (int i = 0; i < count_; ++i) {
      const Frame& f = ring_[(head_ - count_ + i + kRing) % kRing];
      std::snprintf(buf, sizeof buf, i ? ",%.3f" : "%.3f", static_cast<double>(f.*field));
      out += buf;
    }
    out += ']';
  };
  out += '{';
  column("frame_ms", &Frame::frame);
  out += ',';
  column("cpu_ms", &Frame::cpu);
  out += ',';
  column("gl_ms", &Frame::gl);
  out += ',';
  column("train_ms", &Frame::train);
  out += ',';
  column("interval_ms", &Frame::interval);
  out += '}';
  return out;
}

namespace {

std::string format(const char* fmt, double a, double b = 0, double c = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  return buf;
}

double reached(const App& app) {
  return app.snap ? app.snap->steps_per_second : 0.0;
}

bool training(const App& app) {
  return app.snap && app.snap->playing;
}

/// The frame (ms) the browser aims at: 60 frames per second.
constexpr double kFrameBudgetMs = 1000.0 / 60.0;

}  // namespace

std::vector<std::string> perf_verdicts(const App& app) {
  std::vector<std::string> out;
  const PerfStats& p = app.perf;
  if (p.seconds == 0) {
    out.push_back(tr("Measuring..."));
    return out;
  }
  const double asked = app.req.steps_per_second, got = reached(app);
  if (!training(app)) {
    out.push_back(tr("Training is not running: press Play to measure its speed."));
  } else if (asked > 0 && got < 0.9 * asked) {
    out.push_back(
        format(tr("Training is limited by this machine: %.0f of %.0f steps/s"), got, asked));
  } else if (asked > 0) {
    out.push_back(format(tr("Training keeps up: %.0f of %.0f steps/s"), got, asked));
  } else {
    out.push_back(format(tr("Training runs as fast as this machine allows: %.0f steps/s"), got));
  }
  // Drawing: a long interval with a short frame of ours is the browser's or the graphics'.
  if (p.interval_ms > 2.0 * kFrameBudgetMs && p.frame_ms < 0.5 * p.interval_ms) {
    out.push_back(format(tr("Drawing is limited by the graphics (frame %.0f ms, our code %.0f ms)"),
                         p.interval_ms, p.frame_ms));
  } else if (p.frame_ms > kFrameBudgetMs && p.gl_ms > p.cpu_ms) {
    out.push_back(
        format(tr("Drawing is limited by the graphics: our GL calls take %.0f of %.0f ms a frame"),
               p.gl_ms, p.frame_ms));
  } else if (p.frame_ms > kFrameBudgetMs) {
    out.push_back(
        format(tr("Drawing is limited by the page's own work (%.0f ms a frame)"), p.frame_ms));
  } else {
    out.push_back(format(tr("Drawing keeps up: %.0f frames/s"), p.fps));
  }
  return out;
}

void perf_figures(const App& app, bool explain) {
  const PerfStats& p = app.perf;
  const float value_x = ImGui::GetFontSize() * (explain ? 9.0f : 6.5f);
  auto row = [&](const char* label, const std::string& value, const char* meaning) {
    ImGui::TextDisabled("%s", label);
    ImGui::SameLine(value_x);
    ImGui::TextUnformatted(value.c_str());
    if (explain && meaning) {
      ImGui::Indent();
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextWrapped("%s", meaning);
      ImGui::PopStyleColor();
      ImGui::Unindent();
    }
  };
  row(tr("Our frame"), format(tr("%.1f ms (max %.0f)"), p.frame_ms, p.frame_ms_max),
      tr("the page's own work per frame, on average over the last second (the slowest in "
         "brackets)."));
  row(tr("CPU, GL"), format(tr("%.1f + %.1f ms"), p.cpu_ms, p.gl_ms),
      tr("CPU: input, training in the frame and building the controls; GL: handing the picture "
         "to the graphics (with software graphics, drawing it too)."));
  if (app.host->threaded()) {
    row(tr("Training"), tr("on a worker thread"),
        tr("the steps run beside the frames, so they do not slow the drawing."));
  } else {
    row(tr("Training"), format(tr("%.1f ms a frame"), p.between_ms),
        tr("the training steps run between the frames, in short tasks, so the drawing and input "
           "wait at most one task."));
    row(tr("Longest task"), format(tr("%.0f ms"), p.task_ms_max),
        tr("the longest of those tasks in the last second: how long a click may wait."));
  }
  row(tr("Frames"), format(tr("%.0f/s, every %.1f ms"), p.fps, p.interval_ms),
      tr("how often the browser lets the page draw; a long gap with a short frame of ours means "
         "the browser or the graphics are the limit."));
  const char* steps_meaning =
      tr("training steps done per second, beside the speed chosen in the top bar.");
  if (!training(app))
    row(tr("Steps/s"),
        app.req.steps_per_second > 0
            ? format(tr("not training (%.0f asked)"), app.req.steps_per_second)
            : std::string(tr("not training (fastest asked)")),
        steps_meaning);
  else if (app.req.steps_per_second > 0)
    row(tr("Steps/s"), format(tr("%.0f of %.0f asked"), reached(app), app.req.steps_per_second),
        steps_meaning);
  else
    row(tr("Steps/s"), format(tr("%.0f (fastest)"), reached(app)), steps_meaning);
  const double predict = app.snap && app.snap->heatmap ? app.snap->heatmap->predict_ms : 0.0;
  row(tr("Heatmap"), format(tr("%.0f/s, %.1f ms each"), p.heatmap_hz, predict),
      tr("how often the shading is computed again, and how long the model takes for its grid."));
  if (p.frames_over_50ms > 0)
    row(tr("Slow frames"), format(tr("%.0f over 50 ms"), p.frames_over_50ms),
        tr("frames of ours in the last second long enough to be seen as a stutter."));
}

void perf_sparkline(const App& app, float width, float height) {
  const int n = std::max(2, static_cast<int>(width / 2));  // ~2 px a frame
  std::vector<float> frame, interval;
  app.perf.last(n, frame, interval);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), IM_COL32(0, 0, 0, 70), 3);
  // Scale: 0 at the bottom, at least 50 ms at the top.
  float top = static_cast<float>(PerfStats::kSlowFrameMs);
  for (size_t i = 0; i < frame.size(); ++i) top = std::max({top, frame[i], interval[i]});
  auto y_of = [&](float ms) { return p0.y + height - 1 - (height - 2) * std::min(ms, top) / top; };
  // The 60 frames per second line.
  const float y60 = y_of(static_cast<float>(kFrameBudgetMs));
  dl->AddLine(ImVec2(p0.x, y60), ImVec2(p0.x + width, y60), theme::kGrid);
  const float dx = width / static_cast<float>(n);
  const float x0 = p0.x + width - dx * static_cast<float>(frame.size());
  for (size_t i = 0; i < frame.size(); ++i) {
    const float x = x0 + dx * static_cast<float>(i);
    // The interval as a faint column, our frame as a bright one in front.
    dl->AddRectFilled(ImVec2(x, y_of(interval[i])), ImVec2(x + dx, p0.y + height - 1),
                      IM_COL32(140, 148, 163, 60));
    const ImU32 col = frame[i] > PerfStats::kSlowFrameMs ? theme::kWarn : theme::kAccent;
    dl->AddRectFilled(ImVec2(x, y_of(frame[i])), ImVec2(x + std::max(1.0f, dx - 0.5f), y_of(0)),
                      col);
  }
  char label[32];
  std::snprintf(label, sizeof label, "%.0f ms", static_cast<double>(top));
  const ImVec2 ls = ImGui::CalcTextSize(label);
  dl->AddRectFilled(ImVec2(p0.x + 1, p0.y + 1), ImVec2(p0.x + ls.x + 5, p0.y + ls.y + 1),
                    IM_COL32(17, 19, 24, 200), 2);
  dl->AddText(ImVec2(p0.x + 3, p0.y + 1), theme::kMuted, label);
}

void perf_overlay(App& app) {
  const Layout& l = app.layout;
  if (l.canvas_size.x < 200 || l.canvas_size.y < 160) return;
  const float width = std::min(250.0f, l.canvas_size.x - 24);
  const float right = l.canvas_pos.x + l.canvas_size.x - 12;
  // Top right of the canvas; below the tool bar (and its banner) when the bar reaches this far.
  float y = l.canvas_pos.y + 12;
  if (const ImGuiWindow* bar = ImGui::FindWindowByName("Canvas tools")) {
    if (bar->Active && bar->Pos.x + bar->Size.x + 8 > right - width)
      y = std::max(y, app.canvas.overlays_bottom() + 8);
  }
  ImGui::SetNextWindowPos(ImVec2(right, y), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(width, 0));  // the height fits the content
  ImGui::SetNextWindowBgAlpha(0.72f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 2));
  ImGui::Begin("Performance", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
  ImGui::SetWindowFontScale(0.85f);
  perf_figures(app, false);
  perf_sparkline(app, ImGui::GetContentRegionAvail().x, 30);
  ImGui::PushTextWrapPos(0);
  for (const std::string& v : perf_verdicts(app)) ImGui::TextWrapped("%s", v.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SetWindowFontScale(1.0f);
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  ImGui::End();
  ImGui::PopStyleVar(3);
  app.mark_rect("perf_overlay", ImVec4(pos.x, pos.y, size.x, size.y));
}

TL_NAMESPACE_END

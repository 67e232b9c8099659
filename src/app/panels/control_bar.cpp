// The control bar above the canvas: play / pause, the fast toggle, step, reset, speed, the step
// counter, the copy-link button, help. On a phone its second row holds the counter, the link and
// help. With embed=1 it is the only chrome besides the canvas, and a title line on top names the
// scenario, shows its key figure beside the baseline and links to the full lab.
#include <cmath>
#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/embed_info.h"
#include "app/i18n.h"
#include "app/lessons.h"
#include "app/metric_format.h"
#include "app/panels/language_menu.h"
#include "app/panels/panels.h"
#include "app/phases.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

struct Speed {
  const char* label;
  const char* short_label;  ///< compact bars
  double steps_per_second;
};
constexpr Speed kSpeeds[] = {
    {"slow", "slow", 10},          {"30 steps/s", "30/s", 30},       {"60 steps/s", "60/s", 60},
    {"200 steps/s", "200/s", 200}, {"1000 steps/s", "1000/s", 1000}, {"fastest", "fastest", 0}};
constexpr int kNumSpeeds = static_cast<int>(sizeof(kSpeeds) / sizeof(kSpeeds[0]));
/// Seconds the "Ctrl+wheel to zoom" hint stays after the wheel scrolled the embedding page.
constexpr double kWheelHintSeconds = 1.8;

/// The speed the fast toggle returns to.
double speed_before_fast = 60;

/// Puts the cursor at the start of a row centred on `centre_y` (window coordinates).
void row_at(float centre_y) {
  ImGui::SetCursorPos(ImVec2(ImGui::GetStyle().WindowPadding.x,
                             std::floor(centre_y - ImGui::GetFrameHeight() * 0.5f)));
}

void copy_link_button(App& app, bool compact) {
  if (ImGui::Button((std::string(compact ? tr("Link") : tr("Copy link")) + "###copy").c_str()))
    platform::copy_text(app.full_lab_url());
  app.mark("copy_link");
  widgets::tooltip(app.embed
                       ? tr("Copy a link to the full lab with this scenario and its settings")
                       : tr("Copy a link to this view: the scenario, its settings, your points"));
  const int copied = platform::take_copy_result();
  if (copied == 1) app.notify(tr("Link copied"), false, 3);
  if (copied == 0)
    app.notify(tr("The browser keeps the clipboard closed: copy the link from the field"), false,
               6);
}

/// "step N / total · state" (or "N/total" where narrow) in a progress bar of `width`.
void step_counter(App& app, float width, bool done) {
  const Snapshot* s = app.snap.get();
  const long step = s ? s->step : 0, total = s ? s->total : 0;
  const char* state = !s                     ? tr("starting")
                      : s->playing           ? tr("training")
                      : !s->diverged.empty() ? tr("stopped")
                      : done                 ? tr("done")
                      : step == 0            ? tr("ready")
                                             : tr("paused");
  // The longest wording that fits the bar (long runs, e.g. a sweep's 19400 steps, need room).
  char buf[96];
  const float room = width - 2 * ImGui::GetStyle().FramePadding.x;
  for (int form = 0; form < 5; ++form) {
    if (form <= 1)
      std::snprintf(buf, sizeof(buf), tr("step %ld / %ld  ·  %s"), step, total, state);
    else if (form == 2)
      std::snprintf(buf, sizeof(buf), "%ld / %ld  ·  %s", step, total, state);
    else if (form == 3)
      std::snprintf(buf, sizeof(buf), "%ld/%ld · %s", step, total, state);
    else
      std::snprintf(buf, sizeof(buf), "%ld/%ld", step, total);
    if (form == 0) {
      if (!s) continue;
      append_phase_status(buf, sizeof(buf), *s);
    }
    if (ImGui::CalcTextSize(buf).x <= room) break;
  }
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                        theme::to_vec4(done ? theme::kGood : theme::kAccent));
  ImGui::ProgressBar(total > 0 ? static_cast<float>(step) / static_cast<float>(total) : 0.0f,
                     ImVec2(width, 0), buf);
  ImGui::PopStyleColor();
  app.mark("progress");
  widgets::tooltip(tr("Training steps done of the run's total"));
}

/// Embedded: the scenario's title and description, its key figure beside the baseline, and the
/// link to the full lab, on one line of the bar's width at `centre_y`.
void title_line(App& app, float centre_y) {
  const ScenarioInfo* info = app.info();
  if (!info) return;
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const float width = ImGui::GetWindowWidth() - 2 * pad;
  const bool compact = width < 560;
  ImGui::SetCursorPosY(std::floor(centre_y - ImGui::GetTextLineHeight() * 0.5f));

  // Right: the figure and the link (measured first, so the title takes what is left).
  std::string figure;
  KeyFigure kf;
  const Snapshot* s = app.snap.get();
  if (s && app.in_sync() && key_figure(app.mirror().metrics_info(), s->metrics, kf)) {
    figure = key_figure_text(kf);
  }
  const char* open_label = compact ? tr("Full lab") : tr("Open in full lab");
  const float open_w = ImGui::CalcTextSize(open_label).x + ImGui::GetStyle().FramePadding.x * 2;
  const float gap = 16;
  // The figure first; the title takes what is left (none where too narrow for a word or two).
  float figure_w = figure.empty() ? 0 : ImGui::CalcTextSize(figure.c_str()).x;
  const float figure_max = width - open_w - 2 * gap - (width < 480 ? 0.0f : 120.0f);
  if (figure_w > figure_max) {
    figure = widgets::fit_text(figure, figure_max);
    figure_w = ImGui::CalcTextSize(figure.c_str()).x;
  }
  float title_w = width - open_w - figure_w - 2 * gap;
  if (title_w < 80) title_w = 0;

  const Lesson* lesson = builtin_lessons().scenario(info->name);
  const std::string title = tr(lesson && !lesson->title.empty() ? lesson->title : info->name);
  ImGui::SetCursorPosX(pad);
  const std::string shown_title = title_w > 0 ? widgets::fit_text(title, title_w) : std::string();
  ImGui::TextUnformatted(shown_title.c_str());
  app.mark("embed_title");
  widgets::tooltip((title + ": " + tr(info->description)).c_str());
  const float used = ImGui::CalcTextSize(shown_title.c_str()).x;
  if (title_w > 0 && title_w - used > 60) {
    ImGui::SameLine();
    const std::string desc = widgets::fit_text(tr(info->description), title_w - used - 12);
    ImGui::TextDisabled("%s", desc.c_str());
  }
  if (!figure.empty()) {
    ImGui::SameLine();
    ImGui::SetCursorPosX(pad + width - open_w - gap - figure_w);
    ImGui::TextColored(theme::to_vec4(theme::kAccent), "%s", figure.c_str());
    app.mark("embed_figure");
    if (kf.has_baseline)
      widgets::tooltip((kf.info.name + ": " + tr(kf.info.description) + "\n" + kf.baseline.name +
                        ": " + tr(kf.baseline.description))
                           .c_str());
  }
  ImGui::SameLine();
  ImGui::SetCursorPosX(pad + width - open_w);
  ImGui::SetCursorPosY(std::floor(centre_y - ImGui::GetFrameHeight() * 0.5f));
  if (ImGui::Button((std::string(open_label) + "###open_lab").c_str()))
    platform::open_in_new_tab(app.full_lab_url());
  app.mark("open_lab");
  widgets::tooltip(tr("Open this scenario, with these settings, in the full lab (a new tab)"));
}

/// Embedded: the wheel over the canvas zooms only with Ctrl/Cmd or after a click on it, else it
/// scrolls the course page; a hint says so for a moment.
void wheel_policy(App& app) {
  const Layout& l = app.layout;
  platform::set_wheel_zoom(app.embed, l.canvas_pos.x, l.canvas_pos.y, l.canvas_size.x,
                           l.canvas_size.y);
  if (!app.embed || platform::seconds_since_wheel_hint() > kWheelHintSeconds) return;
  const char* hint = tr("Ctrl+wheel to zoom");
  const ImVec2 ts = ImGui::CalcTextSize(hint);
  const ImVec2 c(l.canvas_pos.x + l.canvas_size.x * 0.5f, l.canvas_pos.y + l.canvas_size.y * 0.5f);
  const ImVec2 a(c.x - ts.x * 0.5f - 14, c.y - ts.y * 0.5f - 9);
  const ImVec2 b(c.x + ts.x * 0.5f + 14, c.y + ts.y * 0.5f + 9);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->AddRectFilled(a, b, IM_COL32(17, 19, 24, 225), 8);
  dl->AddRect(a, b, theme::kAccent, 8);
  dl->AddText(ImVec2(a.x + 14, a.y + 9), IM_COL32(235, 238, 245, 255), hint);
}

}  // namespace

void control_bar(App& app) {
  const Snapshot* s = app.snap.get();
  const bool done = s && s->done && app.in_sync();
  const bool training = app.req.playing && !done;
  const Layout& l = app.layout;
  const float bw = ImGui::GetFrameHeight();
  wheel_policy(app);
  if (app.embed && app.hide_controls) {
    title_line(app, ImGui::GetWindowHeight() * 0.5f);  // controls=none: the course page drives
    return;
  }

  // Rows: embedded, the title line (36 px) over the controls; on a phone, the controls over the
  // counter, the link and help (36 px).
  const float h = ImGui::GetWindowHeight();
  const float second = l.bar_rows > 1 ? 36.0f : 0.0f;
  const float controls_y = app.embed ? second + (h - second) * 0.5f : (h - second) * 0.5f;
  if (app.embed && l.bar_rows > 1) title_line(app, second * 0.5f + 2);
  row_at(controls_y);

  const bool compact = l.phone || l.bar_size.x < 680;
  // A narrow embedded bar (one row of controls) leaves the single step out for the counter.
  const bool tiny = l.bar_size.x < 460 && !(l.phone && !app.embed);
  if (l.phone && !app.embed) {
    if (ImGui::Button(
            (std::string(app.show_side ? tr("Canvas") : tr("Panels")) + "###panels").c_str()))
      app.show_side = !app.show_side;
    app.mark("panels");
    ImGui::SameLine();
  }
  if (!app.embed && !l.phone) {
    if (ImGui::Button((std::string(app.show_home ? tr("Lab") : tr("Home")) + "###home").c_str()))
      app.show_home = !app.show_home;
    app.mark("home");
    widgets::tooltip(app.show_home ? tr("Back to the scenario")
                                   : tr("The lecture's grid of methods: pick another one"));
    ImGui::SameLine();
  }
  if (training) {
    if (widgets::icon_button("pause", widgets::Icon::kPause, compact ? "" : tr("Pause"), false,
                             ImVec2(compact ? bw * 1.4f : 96, 0)))
      app.play(false);
  } else {
    const widgets::Icon icon = done ? widgets::Icon::kRestart : widgets::Icon::kPlay;
    if (widgets::icon_button("play", icon,
                             compact ? ""
                             : done  ? tr("Again")
                                     : tr("Play"),
                             false, ImVec2(compact ? bw * 1.4f : 96, 0), theme::kAccent))
      app.play(true);
  }
  app.mark("play");
  widgets::tooltip(training ? tr("Pause training")
                   : done   ? tr("Train again from the start")
                            : tr("Start training"));

  // Fast: the fastest speed at one click (the list below picks any other).
  ImGui::SameLine();
  const bool fast = app.req.steps_per_second == 0;
  if (fast) {
    ImGui::PushStyleColor(ImGuiCol_Button, theme::to_vec4(IM_COL32(40, 92, 124, 255)));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(IM_COL32(235, 238, 245, 255)));
  }
  if (ImGui::Button((std::string(tr("Fast")) + "###fast").c_str())) {
    if (fast) {
      app.req.steps_per_second = speed_before_fast;
    } else {
      speed_before_fast = app.req.steps_per_second;
      app.req.steps_per_second = 0;
    }
    app.view_changed();
  }
  if (fast) ImGui::PopStyleColor(2);
  app.mark("fast");
  widgets::tooltip(fast ? tr("Training as fast as this computer can: click for the speed before")
                        : tr("Train as fast as this computer can"));

  if (!tiny) {
    ImGui::SameLine();
    if (widgets::icon_button("step", widgets::Icon::kStep, "", false, ImVec2(bw * 1.3f, 0)))
      app.step_once();
    app.mark("step");
    widgets::tooltip(tr("One training step (pauses)"));
  }
  ImGui::SameLine();
  if (widgets::icon_button("reset", widgets::Icon::kReset, "", false, ImVec2(bw * 1.3f, 0)))
    app.reset_training();
  app.mark("reset");
  widgets::tooltip(tr("Reset the model (same seed)"));

  // Speed.
  ImGui::SameLine(0, compact ? 8 : 14);
  int current = 0;
  for (int i = 0; i < kNumSpeeds; ++i)
    if (kSpeeds[i].steps_per_second == app.req.steps_per_second) current = i;
  ImGui::SetNextItemWidth(tiny ? 72 : compact ? 84 : 128);
  if (ImGui::BeginCombo("##speed",
                        tr(compact ? kSpeeds[current].short_label : kSpeeds[current].label))) {
    for (int i = 0; i < kNumSpeeds; ++i) {
      ImGui::PushID(i);
      if (ImGui::Selectable(tr(kSpeeds[i].label), i == current)) {
        app.req.steps_per_second = kSpeeds[i].steps_per_second;
        app.view_changed();
      }
      ImGui::PopID();
      char name[16];
      std::snprintf(name, sizeof(name), "speed_%d", i);
      app.mark(name);
    }
    ImGui::EndCombo();
  }
  app.mark("speed");
  widgets::tooltip(tr("Training speed (steps per second)"));

  // The counter, the link and help: on the same row, or on a phone on the second.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float help_w = ImGui::CalcTextSize(" ? ").x + st.FramePadding.x * 2;
  const bool compact_link = compact && !l.phone;  // a phone has the second row for it
  const float link_w =
      ImGui::CalcTextSize(compact_link ? tr("Link") : tr("Copy link")).x + st.FramePadding.x * 2;
  if (l.phone && !app.embed) {
    row_at(h - second * 0.5f - 2);
  } else {
    ImGui::SameLine(0, compact ? 8 : 14);
  }
  const float lang_w = app.embed ? 0.0f : language_menu_width(compact) + st.ItemSpacing.x;
  const float prog_w =
      ImGui::GetContentRegionAvail().x - help_w - link_w - lang_w - 2 * st.ItemSpacing.x;
  if (prog_w >= 40) {
    step_counter(app, prog_w, done);
    ImGui::SameLine();
  }
  copy_link_button(app, compact_link);
  if (!app.embed) {
    ImGui::SameLine();
    language_menu(app, compact);
  }
  ImGui::SameLine();
  if (ImGui::Button(" ? ")) app.show_help = !app.show_help;
  app.mark("help");
  widgets::tooltip(tr("How to use this page"));
}

}  // namespace panels

TL_NAMESPACE_END

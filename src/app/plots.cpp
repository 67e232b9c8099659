#include "app/plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "app/i18n.h"
#include "app/theme.h"

TL_NAMESPACE_BEGIN

double nice_step(double raw) {
  if (!(raw > 0) || !std::isfinite(raw)) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  const double m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

namespace {

/// The line where a phase of training begins, and the phases' names.
constexpr ImU32 kPhaseLine = IM_COL32(240, 228, 66, 170);
constexpr ImU32 kPhaseText = IM_COL32(240, 228, 66, 230);

void format_value(char* buf, size_t n, double v, const PlotOptions& opt) {
  if (!std::isfinite(v))
    std::snprintf(buf, n, "-");
  else if (opt.percent)
    std::snprintf(buf, n, "%.1f%%", 100 * v);
  else
    std::snprintf(buf, n, opt.y_format, v);
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float t, float& phase) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  const float on = 5, period = 8;
  float s = 0;
  while (s < len) {
    const float local = std::fmod(phase + s, period);
    const float seg =
        local < on ? std::min(on - local, len - s) : std::min(period - local, len - s);
    if (local < on)
      dl->AddLine(ImVec2(a.x + dx * s / len, a.y + dy * s / len),
                  ImVec2(a.x + dx * (s + seg) / len, a.y + dy * (s + seg) / len), col, t);
    s += std::max(seg, 0.01f);
  }
  phase = std::fmod(phase + len, period);
}

}  // namespace

void line_plot(const char* id, const std::vector<long>& xs, const std::vector<PlotSeries>& series,
               ImVec2 size, const PlotOptions& opt) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  const float avail = ImGui::GetContentRegionAvail().x;
  if (size.x <= 0) size.x = avail;

  // Legend (wrapping).
  {
    float x = 0;
    for (size_t i = 0; i < series.size(); ++i) {
      const PlotSeries& s = series[i];
      const float w = lh * 1.4f + ImGui::CalcTextSize(s.name.c_str()).x + 12;
      if (i > 0 && x + w < size.x)
        ImGui::SameLine(0, 12);
      else
        x = 0;
      x += w;
      const ImVec2 p = ImGui::GetCursorScreenPos();
      float phase = 0;
      if (s.dashed)
        dashed_line(dl, ImVec2(p.x, p.y + lh * 0.55f), ImVec2(p.x + lh * 1.1f, p.y + lh * 0.55f),
                    s.color, 2.0f, phase);
      else
        dl->AddLine(ImVec2(p.x, p.y + lh * 0.55f), ImVec2(p.x + lh * 1.1f, p.y + lh * 0.55f),
                    s.color, 2.5f);
      ImGui::Dummy(ImVec2(lh * 1.2f, lh));
      ImGui::SameLine(0, 4);
      ImGui::TextUnformatted(s.name.c_str());
      if (!s.tooltip.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.tooltip.c_str());
    }
  }

  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##plot", size);
  const bool hovered = ImGui::IsItemHovered();
  const float left = 44, bottom = lh + 6, top = 6, right = 8;
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(20, 23, 29, 255), 6.0f);

  // Ranges.
  double x0 = 0, x1 = 1;
  if (!xs.empty()) {
    x0 = static_cast<double>(xs.front());
    x1 = std::max(x0 + 1, static_cast<double>(xs.back()));
  }
  double y0 = opt.ymin, y1 = opt.ymax;
  if (opt.auto_y) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& s : series)
      for (double v : *s.y)
        if (std::isfinite(v)) {
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
    if (std::isfinite(lo)) {
      if (opt.from_zero) lo = std::min(0.0, lo);
      if (hi - lo < 1e-9) hi = lo + 1;
      const double step = nice_step((hi - lo) / 4);
      y0 = std::floor(lo / step) * step;
      y1 = std::ceil(hi / step) * step;
    }
  }
  auto sx = [&](double x) { return static_cast<float>(a.x + (x - x0) / (x1 - x0) * (b.x - a.x)); };
  auto sy = [&](double y) { return static_cast<float>(b.y - (y - y0) / (y1 - y0) * (b.y - a.y)); };

  // Axes and ticks.
  char buf[32];
  const double ystep = nice_step((y1 - y0) / 4);
  for (double y = std::ceil(y0 / ystep - 1e-9) * ystep; y <= y1 + ystep * 1e-6; y += ystep) {
    const float py = sy(y);
    dl->AddLine(ImVec2(a.x, py), ImVec2(b.x, py), theme::kGrid);
    const double shown = std::fabs(y) < ystep * 1e-6 ? 0.0 : y;
    if (opt.percent)
      std::snprintf(buf, sizeof(buf), "%.0f%%", 100 * shown);
    else
      std::snprintf(buf, sizeof(buf), "%g", shown);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - 6, py - ts.y * 0.5f), theme::kAxisText, buf);
  }
  const double xstep = nice_step((x1 - x0) / std::max(2.0f, (b.x - a.x) / 70));
  for (double x = std::ceil(x0 / xstep) * xstep; x <= x1; x += xstep) {
    const float px = sx(x);
    dl->AddLine(ImVec2(px, b.y), ImVec2(px, b.y + 3), theme::kAxisText);
    std::snprintf(buf, sizeof(buf), "%g", x);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(std::min(px - ts.x * 0.5f, b.x - ts.x), b.y + 3), theme::kAxisText, buf);
  }
  dl->AddLine(ImVec2(a.x, b.y), ImVec2(b.x, b.y), IM_COL32(255, 255, 255, 60));

  // Phases: each stretch of steps, every other one lightly shaded, a line where one begins and
  // its name at the top (a label that does not fit its stretch is left out).
  dl->PushClipRect(ImVec2(a.x, a.y), ImVec2(b.x + 1, b.y), true);
  for (size_t i = 0; i < opt.phases.size(); ++i) {
    const double start = opt.phases[i].start;
    const double end = i + 1 < opt.phases.size() ? opt.phases[i + 1].start : x1;
    if (start >= x1 || end <= x0) continue;
    const float pa = std::max(a.x, sx(start)), pb = std::min(b.x, sx(end));
    if (i % 2 == 1)
      dl->AddRectFilled(ImVec2(pa, a.y), ImVec2(pb, b.y), IM_COL32(255, 255, 255, 12));
    if (i > 0 && start > x0) dl->AddLine(ImVec2(pa, a.y), ImVec2(pa, b.y), kPhaseLine, 1.5f);
    const char* label = opt.phases[i].label.c_str();
    const ImVec2 ts = ImGui::CalcTextSize(label);
    // Right of its line; a stretch too short for it gets it below the previous label, ending
    // at the stretch's end (or the plot's).
    ImVec2 tp(pa + 4, a.y + 1);
    if (ts.x + 8 > pb - pa) tp = ImVec2(std::max(a.x + 4, pb - ts.x - 4), a.y + 3 + ts.y);
    dl->AddRectFilled(ImVec2(tp.x - 2, tp.y), ImVec2(tp.x + ts.x + 2, tp.y + ts.y),
                      IM_COL32(20, 23, 29, 200), 3.0f);
    dl->AddText(tp, kPhaseText, label);
  }
  dl->PopClipRect();

  // Series.
  dl->PushClipRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2), true);
  const int ns = static_cast<int>(series.size());
  if (opt.shade_a >= 0 && opt.shade_b >= 0 && opt.shade_a < ns && opt.shade_b < ns) {
    // One quad per interval where both series have values; each is split where they cross so
    // the colour says which one is ahead.
    const std::vector<double>& ya = *series[static_cast<size_t>(opt.shade_a)].y;
    const std::vector<double>& yb = *series[static_cast<size_t>(opt.shade_b)].y;
    const size_t n = std::min({xs.size(), ya.size(), yb.size()});
    const ImU32 up = IM_COL32(0, 158, 115, 70), down = IM_COL32(213, 94, 0, 70);
    auto quad = [&](double xa, double a0, double b0, double xb, double a1, double b1) {
      const ImU32 col = (a0 + a1) >= (b0 + b1) ? up : down;
      dl->AddQuadFilled(ImVec2(sx(xa), sy(a0)), ImVec2(sx(xb), sy(a1)), ImVec2(sx(xb), sy(b1)),
                        ImVec2(sx(xa), sy(b0)), col);
    };
    for (size_t i = 0; i + 1 < n; ++i) {
      const double a0 = ya[i], a1 = ya[i + 1], b0 = yb[i], b1 = yb[i + 1];
      if (!std::isfinite(a0) || !std::isfinite(a1) || !std::isfinite(b0) || !std::isfinite(b1))
        continue;
      const double xa = static_cast<double>(xs[i]), xb = static_cast<double>(xs[i + 1]);
      const double d0 = a0 - b0, d1 = a1 - b1;
      if (d0 * d1 < 0) {
        const double t = d0 / (d0 - d1);
        const double xm = xa + t * (xb - xa), ym = a0 + t * (a1 - a0);
        quad(xa, a0, b0, xm, ym, ym);
        quad(xm, ym, ym, xb, a1, b1);
      } else {
        quad(xa, a0, b0, xb, a1, b1);
      }
    }
  }
  for (const auto& s : series) {
    const std::vector<double>& y = *s.y;
    float phase = 0;
    bool have = false;
    ImVec2 prev;
    const size_t n = std::min(xs.size(), y.size());
    for (size_t i = 0; i < n; ++i) {
      if (!std::isfinite(y[i])) {
        have = false;
        continue;
      }
      const ImVec2 p(sx(static_cast<double>(xs[i])), sy(y[i]));
      if (have) {
        if (s.dashed)
          dashed_line(dl, prev, p, s.color, 1.8f, phase);
        else
          dl->AddLine(prev, p, s.color, 2.0f);
      } else if (n == 1 || i + 1 == n || !std::isfinite(y[i + 1])) {
        dl->AddCircleFilled(p, 2.5f, s.color);
      }
      prev = p;
      have = true;
    }
  }
  dl->PopClipRect();

  // Hover: nearest recorded step.
  if (hovered && !xs.empty()) {
    const float mx = ImGui::GetIO().MousePos.x;
    size_t best = 0;
    float bd = 1e30f;
    for (size_t i = 0; i < xs.size(); ++i) {
      const float d = std::fabs(sx(static_cast<double>(xs[i])) - mx);
      if (d < bd) {
        bd = d;
        best = i;
      }
    }
    const float px = sx(static_cast<double>(xs[best]));
    dl->AddLine(ImVec2(px, a.y), ImVec2(px, b.y), IM_COL32(255, 255, 255, 90));
    ImGui::BeginTooltip();
    ImGui::Text(tr("step %ld"), xs[best]);
    for (const auto& s : series) {
      if (best >= s.y->size()) continue;
      const double v = (*s.y)[best];
      if (std::isfinite(v)) dl->AddCircleFilled(ImVec2(px, sy(v)), 3.5f, s.color);
      format_value(buf, sizeof(buf), v, opt);
      ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(s.color),
                         ImGuiColorEditFlags_NoTooltip, ImVec2(10, 10));
      ImGui::SameLine();
      ImGui::Text("%s  %s", s.name.c_str(), buf);
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

TL_NAMESPACE_END

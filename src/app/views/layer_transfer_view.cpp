// The layer-transfer view: the network as a row of layers (input to output) whose weight layers
// are copied and frozen, copied and fine-tuned, or re-initialised, each a toggle that sets the
// scenario's per-layer key; and for the sweep, target accuracy against the number N of copied
// layers for AnB, AnB+ and BnB (mean and std over repeats), next to scratch, point by point.
// Reads ViewData kind "layer_transfer" (keys documented in layer_transfer_scenarios.cpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/plots.h"
#include "app/theme.h"
#include "app/views/views.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace views {

namespace {

// Okabe-Ito colours (colour-blind safe), one per mode and curve.
constexpr ImU32 kFrozen = IM_COL32(86, 180, 233, 255);   // sky blue
constexpr ImU32 kTuned = IM_COL32(230, 159, 0, 255);     // orange
constexpr ImU32 kBnb = IM_COL32(204, 121, 167, 255);     // reddish purple
constexpr ImU32 kReinit = IM_COL32(120, 128, 142, 255);  // grey
constexpr ImU32 kScratch = IM_COL32(215, 220, 228, 255);
constexpr ImU32 kInput = IM_COL32(70, 76, 88, 255);

enum Mode { kModeFrozen = 0, kModeTuned = 1, kModeReinit = 2 };

ImU32 mode_color(int mode, float alpha = 1.0f) {
  const ImU32 c = mode == kModeFrozen ? kFrozen : mode == kModeTuned ? kTuned : kReinit;
  const ImVec4 v = theme::to_vec4(c);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(v.x, v.y, v.z, v.w * alpha));
}

const char* mode_caption(int mode) {
  return mode == kModeFrozen  ? tr("copied, frozen")
         : mode == kModeTuned ? tr("copied, fine-tuned")
                              : tr("re-initialised");
}

ImU32 with_alpha(ImU32 c, float alpha) {
  ImVec4 v = theme::to_vec4(c);
  v.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(v);
}

void dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float t) {
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  for (float s = 0; s < len; s += 9) {
    const float e = std::min(s + 5, len);
    dl->AddLine(ImVec2(a.x + dx * s / len, a.y + dy * s / len),
                ImVec2(a.x + dx * e / len, a.y + dy * e / len), col, t);
  }
}

/// Text centred on x at y.
void centred_text(ImDrawList* dl, float x, float y, ImU32 col, const char* text) {
  const ImVec2 ts = ImGui::CalcTextSize(text);
  dl->AddText(ImVec2(x - ts.x * 0.5f, y), col, text);
}

/// A legend entry: a swatch (0 filled box, 1 line with a dot, 2 dashed line) and a caption.
/// Entries follow each other on a line and wrap before `right` (screen x); `first` starts a
/// new line.
void legend_entry(ImU32 col, const char* caption, int style, float right, bool first,
                  const char* tip = nullptr) {
  const float lh = ImGui::GetTextLineHeight();
  const float sw = style == 0 ? lh : lh * 1.4f;
  const float w = sw + 6 + ImGui::CalcTextSize(caption).x;
  if (!first) {
    ImGui::SameLine(0, 16);
    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float y = p.y + lh * 0.5f;
  if (style == 0) {
    dl->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + lh, p.y + lh - 2), col, 3);
  } else if (style == 1) {
    dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + sw, y), col, 2.5f);
    dl->AddCircleFilled(ImVec2(p.x + sw * 0.5f, y), 3.5f, col);
  } else {
    dashed(dl, ImVec2(p.x, y), ImVec2(p.x + sw, y), col, 2.0f);
  }
  ImGui::Dummy(ImVec2(sw, lh));
  ImGui::SameLine(0, 6);
  ImGui::TextUnformatted(caption);
  if (tip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
}

/// Wrapped muted text between the cursor's x and `right` (screen x).
void muted_wrapped(const char* text, float right) {
  ImGui::PushTextWrapPos(right - ImGui::GetWindowPos().x);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(theme::kMuted));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
}

/// Sets the layer keys of `keys` whose layers `modes` gives (index -> mode name) on the mirror,
/// then rebuilds the scenario.
void set_layer_modes(App& app, const std::vector<std::pair<std::string, std::string>>& sets) {
  bool changed = false;
  const std::vector<std::string> keys = config_keys(app.mirror().visitor());
  for (const auto& kv : sets) {
    if (std::find(keys.begin(), keys.end(), kv.first) == keys.end()) continue;
    if (set_config_field(app.mirror().visitor(), kv.first, kv.second).ok()) changed = true;
  }
  if (changed) app.config_changed();
}

/// The network, input to output, in the rectangle [p0, p0 + size]: a box per layer whose
/// height follows the layer's width; each weight layer coloured by its mode (`plan`, one code
/// per weight layer) and, where `toggles` and the layer has a config key, a button that cycles
/// its mode. `compact`: short captions (the width only) for a narrow region.
void draw_network(App& app, const ViewData& vd, const std::vector<int>& plan, ImVec2 p0,
                  ImVec2 size, bool toggles, bool compact) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Mat* widths = vd.mat("widths");
  const std::vector<std::string>* keys = vd.text("layer_keys");
  const std::vector<std::string>* names = vd.text("mode_names");
  if (!widths || static_cast<int>(widths->cols()) != static_cast<int>(plan.size()) + 1) return;
  const int layers = static_cast<int>(plan.size());
  const int cols = layers + 1;
  const float lh = ImGui::GetTextLineHeight();
  const float colw = size.x / static_cast<float>(cols);
  const float boxw = std::min(colw * (compact ? 0.6f : 0.5f), 72.0f);
  const float label_h = lh * 2.2f;
  const float maxh = std::clamp(size.y - label_h - 4, 24.0f, 170.0f);
  const float top = p0.y + std::max(0.0f, (size.y - label_h - 4 - maxh) * 0.5f);
  float maxw = 1;
  for (int i = 0; i < cols; ++i) maxw = std::max(maxw, static_cast<float>((*widths)(0, i)));
  const float mid = top + maxh * 0.5f;
  std::vector<ImVec2> lo(cols), hi(cols);
  for (int i = 0; i < cols; ++i) {
    const float w = static_cast<float>((*widths)(0, i));
    const float h = std::max(maxh * 0.14f, maxh * w / maxw);
    const float cx = p0.x + colw * (static_cast<float>(i) + 0.5f);
    lo[i] = ImVec2(cx - boxw * 0.5f, mid - h * 0.5f);
    hi[i] = ImVec2(cx + boxw * 0.5f, mid + h * 0.5f);
  }
  // Connections: weight layer i maps box i to box i+1 (a band in its colour).
  for (int i = 0; i < layers; ++i) {
    const ImVec2 a0(hi[i].x, lo[i].y), a1(hi[i].x, hi[i].y);
    const ImVec2 b0(lo[i + 1].x, lo[i + 1].y), b1(lo[i + 1].x, hi[i + 1].y);
    dl->AddQuadFilled(a0, b0, b1, a1, mode_color(plan[static_cast<size_t>(i)], 0.16f));
  }
  const float cap_y = top + maxh + 4;
  char buf[96];
  for (int i = 0; i < cols; ++i) {
    const float cx = (lo[i].x + hi[i].x) * 0.5f;
    const int units = static_cast<int>((*widths)(0, i));
    if (i == 0) {
      dl->AddRectFilled(lo[i], hi[i], kInput, 4);
      std::snprintf(buf, sizeof(buf), compact ? "%d" : tr("%d values"), units);
      centred_text(dl, cx, cap_y, theme::kAxisText, compact ? buf : tr("input"));
      centred_text(dl, cx, cap_y + lh, theme::kMuted, compact ? tr("input") : buf);
      continue;
    }
    const int layer = i - 1;
    const int mode = plan[static_cast<size_t>(layer)];
    const bool output = layer == layers - 1;
    const std::string key =
        keys && layer < static_cast<int>(keys->size()) ? (*keys)[static_cast<size_t>(layer)] : "";
    const bool can_toggle = toggles && !key.empty() && names && names->size() == 3;
    bool hovered = false;
    if (can_toggle) {
      // The button covers the box's column (box and caption), so a small box is easy to hit.
      ImGui::SetCursorScreenPos(ImVec2(cx - colw * 0.45f, top));
      ImGui::PushID(layer);
      const bool clicked = ImGui::InvisibleButton("##layer", ImVec2(colw * 0.9f, maxh + label_h));
      const std::string mark = "lt_layer_" + std::to_string(layer + 1);
      app.mark(mark.c_str());
      hovered = ImGui::IsItemHovered();
      if (hovered)
        ImGui::SetTooltip(
            output ? tr("Output layer %d (%d units): %s.\nClick to change: copy and freeze -> copy "
                        "and fine-tune -> re-initialise.\nTraining restarts with the new plan.")
                   : tr("Hidden layer %d (%d units): %s.\nClick to change: copy and freeze -> copy "
                        "and fine-tune -> re-initialise.\nTraining restarts with the new plan."),
            layer + 1, units, mode_caption(mode));
      ImGui::PopID();
      if (clicked) set_layer_modes(app, {{key, (*names)[static_cast<size_t>((mode + 1) % 3)]}});
    }
    if (mode == kModeReinit) {
      dl->AddRectFilled(lo[i], hi[i], with_alpha(kReinit, 0.25f), 4);
      dl->AddRect(lo[i], hi[i], kReinit, 4, 0, 2.0f);
    } else {
      dl->AddRectFilled(lo[i], hi[i], mode_color(mode), 4);
    }
    if (hovered)
      dl->AddRect(ImVec2(lo[i].x - 3, lo[i].y - 3), ImVec2(hi[i].x + 3, hi[i].y + 3),
                  IM_COL32(255, 255, 255, 200), 5, 0, 2.0f);
    // Inside the box (when it fits): the mode's one word.
    const char* word = mode == kModeFrozen  ? tr("frozen")
                       : mode == kModeTuned ? tr("tuned")
                                            : tr("new");
    if (hi[i].y - lo[i].y > lh + 2 && ImGui::CalcTextSize(word).x < boxw - 4)
      centred_text(dl, cx, mid - lh * 0.5f,
                   mode == kModeReinit ? theme::kAxisText : IM_COL32(15, 18, 24, 255), word);
    if (compact) {
      std::snprintf(buf, sizeof(buf), "%d", units);
      centred_text(dl, cx, cap_y, theme::kAxisText, buf);
      if (output) centred_text(dl, cx, cap_y + lh, theme::kMuted, tr("output"));
      continue;
    }
    if (output)
      std::snprintf(buf, sizeof(buf), tr("output: %d"), units);
    else
      std::snprintf(buf, sizeof(buf), tr("layer %d: %d"), layer + 1, units);
    centred_text(dl, cx, cap_y, theme::kAxisText, buf);
    const char* sub = !can_toggle && output ? tr("new (new classes)") : mode_caption(mode);
    centred_text(dl, cx, cap_y + lh, can_toggle ? mode_color(mode) : theme::kMuted, sub);
  }
  ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + size.y));
}

/// The plan codes of `vd`'s "plan" matrix.
std::vector<int> plan_codes(const ViewData& vd) {
  std::vector<int> out;
  if (const Mat* p = vd.mat("plan"))
    for (int i = 0; i < p->cols(); ++i) out.push_back(static_cast<int>((*p)(0, i)));
  return out;
}

/// Mode legend for the network, wrapping before `right`.
void network_legend(float right) {
  legend_entry(kFrozen, tr("copied from the source, frozen"), 0, right, true);
  legend_entry(kTuned, tr("copied, then fine-tuned on the target"), 0, right, false);
  legend_entry(with_alpha(kReinit, 0.6f), tr("re-initialised, trained on the target"), 0, right,
               false);
}

struct Curve {
  const char* name;  ///< shown as is (translated where the curves are made)
  ImU32 color;
  const Mat* mean;
  const Mat* std;
  const Mat* live;
  float offset;  ///< horizontal offset of its markers, in units of the N spacing
};

/// The sweep's chart in [p0, p0 + size]; returns the N whose column the mouse is over, or -1.
int draw_sweep_chart(const ViewData& vd, const std::vector<Curve>& curves, ImVec2 p0, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Mat* ns = vd.mat("sweep_n");
  const Mat* count = vd.mat("repeats_per_point");
  if (!ns || !count) return -1;
  const int points = static_cast<int>(ns->cols());
  const float lh = ImGui::GetTextLineHeight();
  const double scratch = vd.value("scratch_mean", std::nan(""));
  const double scratch_std = vd.value("scratch_std", std::nan(""));

  // y range: every mean +- std, live value and the scratch level, padded; at least 0.1 wide.
  double ylo = 1e9, yhi = -1e9;
  auto take = [&](double v) {
    if (std::isfinite(v)) {
      ylo = std::min(ylo, v);
      yhi = std::max(yhi, v);
    }
  };
  for (const Curve& c : curves)
    for (int n = 0; n < points; ++n) {
      const double m = c.mean ? (*c.mean)(0, n) : NAN, s = c.std ? (*c.std)(0, n) : NAN;
      take(m);
      if (std::isfinite(s)) {
        take(m - s);
        take(m + s);
      }
      if (c.live) take((*c.live)(0, n));
    }
  take(scratch);
  if (ylo > yhi) {
    ylo = 0.5;
    yhi = 1.0;
  }
  const double pad = std::max(0.02, (yhi - ylo) * 0.1);
  ylo = std::max(0.0, ylo - pad);
  yhi = std::min(1.0, yhi + pad);
  if (yhi - ylo < 0.1) {
    const double c = 0.5 * (ylo + yhi);
    ylo = std::max(0.0, c - 0.05);
    yhi = std::min(1.0, ylo + 0.1);
  }

  const float left = ImGui::CalcTextSize("100%").x + lh * 1.6f;
  const float bottom = lh * 3.2f;
  const ImVec2 a(p0.x + left, p0.y + lh * 1.4f);
  const ImVec2 b(p0.x + size.x - lh, p0.y + size.y - bottom);
  if (b.x - a.x < 40 || b.y - a.y < 30) return -1;
  dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 6), 3);
  auto X = [&](double n) { return a.x + static_cast<float>((n + 0.5) / points) * (b.x - a.x); };
  auto Y = [&](double v) {
    return b.y - static_cast<float>((v - ylo) / (yhi - ylo)) * (b.y - a.y);
  };
  char buf[64];
  // Grid and y ticks (percent).
  const double step = nice_step((yhi - ylo) / 4);
  for (double t = std::ceil(ylo / step) * step; t <= yhi + 1e-9; t += step) {
    dl->AddLine(ImVec2(a.x, Y(t)), ImVec2(b.x, Y(t)), theme::kGrid);
    std::snprintf(buf, sizeof(buf), "%.0f%%", 100 * t);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - 6, Y(t) - ts.y * 0.5f), theme::kAxisText, buf);
  }
  // y label, over the axis.
  dl->AddText(ImVec2(p0.x, p0.y), theme::kMuted, tr("accuracy on B (held-out digits 5-9)"));
  // The column under the mouse (its N is shown in the network).
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered_n = -1;
  if (ImGui::IsWindowHovered() && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y &&
      mouse.y < b.y + 2 * lh) {
    hovered_n = std::clamp(static_cast<int>((mouse.x - a.x) / (b.x - a.x) * points), 0, points - 1);
    const float w = (b.x - a.x) / points;
    dl->AddRectFilled(ImVec2(a.x + w * hovered_n, a.y), ImVec2(a.x + w * (hovered_n + 1), b.y),
                      IM_COL32(255, 255, 255, 10));
  }
  // x ticks: N and the repeats behind each point.
  for (int n = 0; n < points; ++n) {
    std::snprintf(buf, sizeof(buf), "N = %d", static_cast<int>((*ns)(0, n)));
    centred_text(dl, X(n), b.y + 4, theme::kAxisText, buf);
    const int c = static_cast<int>((*count)(0, n));
    // Repeats behind the point (the full word when the columns are wide enough).
    std::snprintf(buf, sizeof(buf),
                  (b.x - a.x) / points > ImGui::CalcTextSize(tr("9 repeats")).x + 8
                      ? (c == 1 ? tr("%d repeat") : tr("%d repeats"))
                      : "n=%d",
                  c);
    centred_text(dl, X(n), b.y + 4 + lh, c > 0 ? theme::kMuted : with_alpha(theme::kMuted, 0.5f),
                 buf);
  }
  centred_text(dl, 0.5f * (a.x + b.x), b.y + 4 + 2 * lh, theme::kMuted,
               tr("N = layers copied from the network trained on A (digits 0-4)"));

  // The scratch level (N = 0 trains on B alone) and its band of +- one std.
  if (std::isfinite(scratch)) {
    if (std::isfinite(scratch_std))
      dl->AddRectFilled(ImVec2(a.x, Y(std::min(yhi, scratch + scratch_std))),
                        ImVec2(b.x, Y(std::max(ylo, scratch - scratch_std))),
                        with_alpha(kScratch, 0.07f));
    dashed(dl, ImVec2(a.x, Y(scratch)), ImVec2(b.x, Y(scratch)), with_alpha(kScratch, 0.8f), 1.5f);
  }

  // Curves: lines through the means, error bars of +- one std, live values as rings.
  std::string hover;
  for (const Curve& c : curves) {
    const float dx = c.offset * (b.x - a.x) / points;
    ImVec2 prev;
    bool has_prev = false;
    for (int n = 0; n < points; ++n) {
      const double m = c.mean ? (*c.mean)(0, n) : NAN;
      if (!std::isfinite(m)) {
        has_prev = false;
        continue;
      }
      const ImVec2 q(X(n) + dx, Y(m));
      if (has_prev) dl->AddLine(prev, q, c.color, 2.0f);
      prev = q;
      has_prev = true;
    }
    for (int n = 0; n < points; ++n) {
      const double m = c.mean ? (*c.mean)(0, n) : NAN;
      const double s = c.std ? (*c.std)(0, n) : NAN;
      const float x = X(n) + dx;
      if (std::isfinite(m)) {
        if (std::isfinite(s)) {
          const float y0 = Y(std::max(ylo, m - s)), y1 = Y(std::min(yhi, m + s));
          dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), c.color, 1.5f);
          dl->AddLine(ImVec2(x - 4, y0), ImVec2(x + 4, y0), c.color, 1.5f);
          dl->AddLine(ImVec2(x - 4, y1), ImVec2(x + 4, y1), c.color, 1.5f);
        }
        dl->AddCircleFilled(ImVec2(x, Y(m)), 4.5f, c.color);
        if (std::fabs(mouse.x - x) < 6 && std::fabs(mouse.y - Y(m)) < 8) {
          const int k = static_cast<int>((*count)(0, n));
          std::snprintf(buf, sizeof(buf), "%s, N = %d: %.1f%%", c.name, n, 100 * m);
          hover = buf;
          if (std::isfinite(s)) {
            std::snprintf(buf, sizeof(buf), " +- %.1f", 100 * s);
            hover += buf;
          }
          std::snprintf(buf, sizeof(buf),
                        k == 1 ? tr(" (mean over %d repeat)") : tr(" (mean over %d repeats)"), k);
          hover += buf;
        }
      }
      const double l = c.live ? (*c.live)(0, n) : NAN;
      if (std::isfinite(l)) {
        dl->AddCircle(ImVec2(x, Y(l)), 6.0f, c.color, 0, 2.0f);
        if (std::fabs(mouse.x - x) < 7 && std::fabs(mouse.y - Y(l)) < 8) {
          std::snprintf(buf, sizeof(buf), tr("%s, N = %d: %.1f%% now (training)"), c.name, n,
                        100 * l);
          hover = buf;
        }
      }
    }
  }
  if (!hover.empty()) ImGui::SetTooltip("%s", hover.c_str());
  return hovered_n;
}

void sweep_legend(float right) {
  legend_entry(kFrozen, tr("copy the first N layers and freeze them (AnB)"), 1, right, true,
               tr("A's first N layers, trained on digits 0-4, kept as they are; the other layers "
                  "re-initialised and trained on B"));
  legend_entry(kTuned, tr("copy the first N layers and fine-tune them (AnB+)"), 1, right, false,
               tr("the same copy, but every layer keeps training on B"));
  legend_entry(kBnb, tr("control: B's own first N layers, frozen (BnB)"), 1, right, false,
               tr("the first N layers of the scratch network trained on B, frozen; the rest "
                  "re-trained: shows what freezing alone costs"));
  legend_entry(kScratch, tr("scratch: trained on B alone"), 2, right, false,
               tr("the band around it: +- 1 standard deviation over the repeats"));
  ImGui::TextColored(theme::to_vec4(theme::kMuted), "%s",
                     tr("bars: +- 1 std over repeats; ring: now"));
}

void sweep_view(App& app, const ViewData& vd, ImVec2 size) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float lh = ImGui::GetTextLineHeight();
  const int total = static_cast<int>(vd.value("sweep_total"));
  const int points = static_cast<int>(vd.value("sweep_points"));
  const int repeats = static_cast<int>(vd.value("repeats"));
  const int done = static_cast<int>(vd.value("repeats_done"));
  const int n = static_cast<int>(vd.value("current_n", -1));
  const int layers = static_cast<int>(vd.value("layers"));
  const int repeat = std::min(done + 1, repeats);

  // Right: the chart (drawn first: the network shows the N hovered there).
  // Wide enough for the legend's longest caption (a swatch, a gap and the text).
  const float legend_w =
      lh * 1.4f + 10 +
      ImGui::CalcTextSize(tr("copy the first N layers and fine-tune them (AnB+)")).x;
  const float netw = std::min(std::max(size.x * 0.3f, legend_w), size.x * 0.45f);
  const float cx = p0.x + netw + lh * 1.5f;
  const float right = p0.x + size.x;
  ImGui::SetCursorScreenPos(ImVec2(cx, p0.y));
  char buf[200];
  std::snprintf(buf, sizeof(buf), tr("Accuracy on B against N: %d of %d points, %d of %d repeats"),
                points, total, done, repeats);
  ImGui::PushFont(theme::bold());
  ImGui::TextUnformatted(buf);
  ImGui::PopFont();
  const float chart_top = ImGui::GetCursorScreenPos().y + 2;
  const std::vector<Curve> curves = {
      {tr("AnB (frozen)"), kFrozen, vd.mat("anb_mean"), vd.mat("anb_std"), vd.mat("anb_live"),
       -0.12f},
      {tr("AnB+ (fine-tuned)"), kTuned, vd.mat("anbp_mean"), vd.mat("anbp_std"),
       vd.mat("anbp_live"), 0.0f},
      {tr("BnB (control)"), kBnb, vd.mat("bnb_mean"), vd.mat("bnb_std"), vd.mat("bnb_live"), 0.12f},
  };
  const int hover_n =
      draw_sweep_chart(vd, curves, ImVec2(cx, chart_top),
                       ImVec2(right - cx, std::max(80.0f, p0.y + size.y - chart_top)));

  // Left: what is training, the network of one point (the one hovered in the chart, else the
  // one training now) and the legend.
  const bool training = n >= 1 && n < layers;
  const int shown = hover_n >= 0 ? hover_n : training ? n : n >= layers ? layers - 1 : 0;
  ImGui::SetCursorScreenPos(p0);
  ImGui::PushFont(theme::bold());
  ImGui::TextUnformatted(tr("Which layers transfer?"));
  ImGui::PopFont();
  widgets::tooltip(
      tr("Each N trains in turn: A's first N layers copied (frozen: AnB, fine-tuned: AnB+), the "
         "rest re-initialised and trained on B. The whole sweep is repeated over seeds."));
  if (n < 0)
    std::snprintf(buf, sizeof(buf), tr("repeat %d of %d: training on A (digits 0-4)"), repeat,
                  repeats);
  else if (n == 0)
    std::snprintf(buf, sizeof(buf), tr("repeat %d of %d: scratch (N = 0) on B"), repeat, repeats);
  else if (training)
    std::snprintf(buf, sizeof(buf), tr("repeat %d of %d: training N = %d"), repeat, repeats, n);
  else
    std::snprintf(buf, sizeof(buf), tr("all %d repeats done"), repeats);
  muted_wrapped(buf, p0.x + netw);
  if (shown == 0)
    std::snprintf(buf, sizeof(buf), "%s", tr("N = 0: nothing copied (scratch)"));
  else
    std::snprintf(buf, sizeof(buf),
                  shown == 1 ? tr("N = %d: A's first %d layer, frozen (AnB)")
                             : tr("N = %d: A's first %d layers, frozen (AnB)"),
                  shown, shown);
  ImGui::TextColored(theme::to_vec4(shown > 0 ? kFrozen : theme::kAxisText), "%s", buf);
  widgets::tooltip(tr("hover a column of the chart to see the network of its N"));
  std::vector<int> plan(static_cast<size_t>(std::max(layers, 0)), kModeReinit);
  for (int i = 0; i < shown && i < layers; ++i) plan[static_cast<size_t>(i)] = kModeFrozen;
  const float top = ImGui::GetCursorScreenPos().y + 2;
  const float legend_h = ImGui::GetTextLineHeightWithSpacing() * 5 + 4;
  const float net_h = std::max(60.0f, p0.y + size.y - top - legend_h);
  draw_network(app, vd, plan, ImVec2(p0.x, top), ImVec2(netw, net_h), false, true);
  ImGui::SetCursorScreenPos(ImVec2(p0.x, top + net_h + 2));
  ImGui::BeginGroup();
  sweep_legend(p0.x + netw);
  ImGui::EndGroup();
  ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + size.y));
}

}  // namespace

void layer_transfer_view(App& app, const ViewData& vd, ImVec2 size) {
  if (vd.value("sweep") != 0) {
    sweep_view(app, vd, size);
    return;
  }
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float lh = ImGui::GetTextLineHeight();
  const bool mirror = vd.value("mirror") != 0;
  ImGui::PushFont(theme::bold());
  ImGui::TextUnformatted(tr("Which layers come from the source network?"));
  ImGui::PopFont();
  // Back to the copy rule (copy / freeze) when any layer was set by hand.
  const std::vector<std::string>* keys = vd.text("layer_keys");
  std::vector<std::pair<std::string, std::string>> autos;
  bool any_set = false;
  if (keys) {
    const auto pairs = config_to_pairs(app.mirror().visitor());
    for (const std::string& k : *keys) {
      if (k.empty()) continue;
      for (const auto& kv : pairs)
        if (kv.first == k && kv.second != "auto") any_set = true;
      autos.emplace_back(k, "auto");
    }
  }
  ImGui::SameLine(0, 12);
  ImGui::TextColored(theme::to_vec4(theme::kMuted), "%s",
                     tr("click a layer to change what it gets"));
  if (any_set) {
    ImGui::SameLine(0, 16);
    const std::string reset = std::string(tr("back to the copy/freeze settings")) + "###lt_reset";
    if (ImGui::SmallButton(reset.c_str())) set_layer_modes(app, autos);
    app.mark("lt_reset_plan");
    widgets::tooltip(tr("every layer follows the settings `copy` and `freeze` again"));
  }
  if (mirror)
    muted_wrapped(tr("Shown: the model that keeps the LAST layers. The comparison (copy first) "
                     "keeps the mirror image: the same plan read from the output end."),
                  p0.x + size.x);
  const float top = ImGui::GetCursorScreenPos().y;
  const float net_h = std::max(60.0f, p0.y + size.y - top - lh * 2.2f);
  draw_network(app, vd, plan_codes(vd), ImVec2(p0.x, top + 4), ImVec2(size.x, net_h), true, false);
  ImGui::SetCursorScreenPos(ImVec2(p0.x, top + 8 + net_h));
  network_legend(p0.x + size.x);
}

}  // namespace views

TL_NAMESPACE_END

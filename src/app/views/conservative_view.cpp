// Conservative training's picture: where each variant goes while it adapts, as a trail in the
// plane (accuracy on the target, accuracy kept on the source). All trails start at the source
// model; plain fine-tuning drifts down (it forgets the source) while L2-SP and LwF stay higher at
// the same target accuracy. Beside it: the L2-SP weight alpha (a slider that restarts the run)
// and each variant's distance from the source model's weights.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
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

struct Variant {
  const char* key;    ///< ViewData prefix
  const char* label;  ///< shown (through tr)
  ImU32 color;
  const char* tip;  ///< shown (through tr)
};

const Variant kVariants[] = {
    {"finetune", "fine-tuned", IM_COL32(240, 110, 95, 255),
     "plain fine-tuning: nothing holds the weights near the source model"},
    {"l2sp", "L2-SP", IM_COL32(86, 180, 233, 255),
     "L2-SP: alpha/2 ||w - w_src||^2 pulls the weights toward the source model's"},
    {"lwf", "LwF", IM_COL32(90, 200, 150, 255),
     "Learning without Forgetting: the old head's outputs on the target inputs are kept close "
     "to the source model's"},
};

ImU32 with_alpha(ImU32 c, float a) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  v.w *= a;
  return ImGui::ColorConvertFloat4ToU32(v);
}

/// An axis range [lo, 1] around the finite values in the trails' row `row`.
void axis_range(const ViewData& vd, int row, double& lo, double& hi) {
  double mn = 1.0;
  for (const Variant& v : kVariants)
    if (const Mat* m = vd.mat(std::string("trail_") + v.key))
      for (Eigen::Index j = 0; j < m->cols(); ++j)
        if (std::isfinite((*m)(row, j))) mn = std::min(mn, static_cast<double>((*m)(row, j)));
  lo = std::max(0.0, std::floor(mn * 20.0 - 0.5) / 20.0);
  lo = std::min(lo, 0.9);
  hi = 1.0;
}

/// The mirror's current value of `key` (what the slider edits), or `fallback`.
double mirror_value(App& app, const char* key, double fallback) {
  for (const auto& [k, v] : config_to_pairs(app.mirror().visitor()))
    if (k == key) return std::atof(v.c_str());
  return fallback;
}

/// The trail plot: x target accuracy, y source accuracy kept.
void trail_plot(const ViewData& vd, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##trails", size);
  const bool hovered = ImGui::IsItemHovered();
  const float left = lh * 3.2f, bottom = lh * 2.4f, top = lh * 1.7f, right = lh * 0.8f;
  const float side = std::max(40.0f, std::min(size.x - left - right, size.y - top - bottom));
  const ImVec2 a(p0.x + left, p0.y + top), b(a.x + side, a.y + side);
  double xlo, xhi, ylo, yhi;
  axis_range(vd, 0, xlo, xhi);
  axis_range(vd, 1, ylo, yhi);
  const double pad = 0.015;
  xhi += pad, yhi += pad;
  auto to_screen = [&](double x, double y) {
    return ImVec2(a.x + static_cast<float>((x - xlo) / (xhi - xlo)) * side,
                  b.y - static_cast<float>((y - ylo) / (yhi - ylo)) * side);
  };
  dl->AddRectFilled(a, b, theme::kCanvasBg);
  // Grid and ticks.
  char buf[32];
  for (int axis = 0; axis < 2; ++axis) {
    const double lo = axis == 0 ? xlo : ylo, hi = axis == 0 ? xhi : yhi;
    const double step = nice_step((hi - lo) / 5);
    for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + 1e-9; t += step) {
      std::snprintf(buf, sizeof(buf), "%.0f%%", 100 * t);
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      if (axis == 0) {
        const float x = to_screen(t, ylo).x;
        dl->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), theme::kGrid);
        dl->AddText(ImVec2(x - ts.x / 2, b.y + 2), theme::kAxisText, buf);
      } else {
        const float y = to_screen(xlo, t).y;
        dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), theme::kGrid);
        dl->AddText(ImVec2(a.x - ts.x - 4, y - ts.y / 2), theme::kAxisText, buf);
      }
    }
  }
  dl->AddRect(a, b, IM_COL32(255, 255, 255, 40));
  const char* xl = tr("accuracy on the target (better: right)");
  const ImVec2 xs = ImGui::CalcTextSize(xl);
  dl->AddText(ImVec2(a.x + (side - xs.x) / 2, b.y + lh * 1.15f), theme::kAxisText, xl);
  // The y label above the axis (ImGui has no rotated text).
  dl->AddText(ImVec2(p0.x, p0.y), theme::kAxisText,
              tr("source accuracy kept (less forgetting: up)"));

  // Trails: a faint line through dots that get stronger with time; then every current point
  // large, on top of all trails; then their labels, stacked so that none covers another.
  int best_v = -1;
  Eigen::Index best_j = -1;
  float best_d = lh * 0.8f;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const Mat* steps = vd.mat("trail_steps");
  auto finite_at = [](const Mat& m, Eigen::Index j) {
    return std::isfinite(m(0, j)) && std::isfinite(m(1, j));
  };
  dl->PushClipRect(ImVec2(a.x - 8, a.y - 8), ImVec2(b.x + 8, b.y + 8), true);
  ImVec2 now[3];
  bool has_now[3] = {false, false, false};
  for (int vi = 0; vi < 3; ++vi) {
    const Variant& v = kVariants[vi];
    const Mat* m = vd.mat(std::string("trail_") + v.key);
    if (!m || m->cols() == 0) continue;
    const Eigen::Index n = m->cols();
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!finite_at(*m, j)) continue;
      const ImVec2 p = to_screen((*m)(0, j), (*m)(1, j));
      const float age = n > 1 ? static_cast<float>(j) / static_cast<float>(n - 1) : 1.0f;
      if (has_now[vi]) dl->AddLine(now[vi], p, with_alpha(v.color, 0.25f + 0.35f * age), 1.5f);
      dl->AddCircleFilled(p, 2.2f + 0.8f * age, with_alpha(v.color, 0.45f + 0.5f * age), 10);
      now[vi] = p;
      has_now[vi] = true;
      const float d = std::hypot(mouse.x - p.x, mouse.y - p.y);
      if (hovered && d < best_d) best_d = d, best_v = vi, best_j = j;
    }
  }
  // The common start: the source model.
  for (const Variant& v : kVariants) {
    const Mat* m = vd.mat(std::string("trail_") + v.key);
    if (!m || m->cols() == 0 || !finite_at(*m, 0)) continue;
    const ImVec2 s = to_screen((*m)(0, 0), (*m)(1, 0));
    dl->AddCircle(s, 8.0f, IM_COL32(230, 230, 230, 220), 20, 1.5f);
    const char* sl = tr("source model");
    const ImVec2 ss = ImGui::CalcTextSize(sl);
    const float sx = s.x + 12 + ss.x > b.x ? s.x - 12 - ss.x : s.x + 12;
    const float sy = s.y - ss.y - 6 < a.y ? s.y + 6 : s.y - ss.y - 6;
    dl->AddText(ImVec2(sx, sy), IM_COL32(230, 230, 230, 230), sl);
    break;
  }
  for (int vi = 0; vi < 3; ++vi)
    if (has_now[vi]) {
      dl->AddCircleFilled(now[vi], 7.0f, kVariants[vi].color, 20);
      dl->AddCircle(now[vi], 7.0f, IM_COL32(12, 14, 18, 255), 20, 1.5f);
    }
  // Labels: the first of a few places around the point that covers no other label, no current
  // point and stays inside the plot.
  std::vector<ImVec4> taken;  // rectangles x0, y0, x1, y1
  for (int vi = 0; vi < 3; ++vi)
    if (has_now[vi]) taken.emplace_back(now[vi].x - 8, now[vi].y - 8, now[vi].x + 8, now[vi].y + 8);
  for (int vi = 0; vi < 3; ++vi) {
    if (!has_now[vi]) continue;
    const Variant& v = kVariants[vi];
    const ImVec2 p = now[vi];
    const char* label = tr(v.label);
    const ImVec2 ts = ImGui::CalcTextSize(label);
    const ImVec2 places[] = {{p.x - ts.x - 11, p.y - ts.y / 2}, {p.x + 11, p.y - ts.y / 2},
                             {p.x - ts.x / 2, p.y + 10},        {p.x - ts.x / 2, p.y - ts.y - 10},
                             {p.x - ts.x - 8, p.y + 8},         {p.x + 8, p.y + 8}};
    ImVec2 at = places[0];
    for (const ImVec2& q : places) {
      bool free = q.x >= a.x && q.x + ts.x <= b.x && q.y >= a.y && q.y + ts.y <= b.y;
      for (const ImVec4& r : taken)
        free = free && !(q.x < r.z && q.x + ts.x > r.x && q.y < r.w && q.y + ts.y > r.y);
      if (free) {
        at = q;
        break;
      }
    }
    taken.emplace_back(at.x, at.y, at.x + ts.x, at.y + ts.y);
    dl->AddText(at, v.color, label);
  }
  dl->PopClipRect();
  if (best_v >= 0) {
    const Mat& m = *vd.mat(std::string("trail_") + kVariants[best_v].key);
    const long step = steps && best_j < steps->cols() ? static_cast<long>((*steps)(0, best_j)) : 0;
    ImGui::SetTooltip(tr("%s, adaptation step %ld\ntarget %.1f%%, source kept %.1f%%"),
                      tr(kVariants[best_v].label), step, 100 * m(0, best_j), 100 * m(1, best_j));
  }
}

}  // namespace

void conservative_view(App& app, const ViewData& vd, ImVec2 size) {
  const float lh = ImGui::GetTextLineHeight();
  const float plot_w = std::min(size.x * 0.55f, size.y + lh * 4.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  trail_plot(vd, ImVec2(plot_w, size.y));

  ImGui::SetCursorScreenPos(ImVec2(origin.x + plot_w + lh, origin.y));
  ImGui::BeginGroup();
  const float panel_w = std::max(120.0f, size.x - plot_w - lh * 1.5f);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + panel_w);
  widgets::heading(tr("Forgetting while adapting"));
  if (vd.value("adapting") == 0.0)
    widgets::muted(tr("Pre-training the source model; the trails start when adaptation does."));
  else
    widgets::muted(
        tr("Each dot is a recorded step. Higher at the same target accuracy: less forgetting."));
  ImGui::PopTextWrapPos();

  // Legend with the current figures.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float name_w = 0, col_w = 0;
  char fig[48];
  for (const Variant& v : kVariants) name_w = std::max(name_w, ImGui::CalcTextSize(tr(v.label)).x);
  name_w += lh * 1.3f + ImGui::CalcTextSize("  ").x;
  std::snprintf(fig, sizeof(fig), tr("target %.1f%%"), 100.0);
  col_w = ImGui::CalcTextSize(fig).x + ImGui::CalcTextSize("   ").x;
  for (const Variant& v : kVariants) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddCircleFilled(ImVec2(p.x + lh * 0.45f, p.y + lh * 0.55f), lh * 0.35f, v.color, 16);
    dl->AddText(ImVec2(p.x + lh * 1.3f, p.y), v.color, tr(v.label));
    const double t = vd.value(std::string(v.key) + "_target_acc", NAN);
    const double s = vd.value(std::string(v.key) + "_source_kept", NAN);
    if (std::isfinite(t)) {
      std::snprintf(fig, sizeof(fig), tr("target %.1f%%"), 100 * t);
      dl->AddText(ImVec2(p.x + name_w, p.y), IM_COL32(230, 232, 238, 255), fig);
    }
    if (std::isfinite(s)) {
      std::snprintf(fig, sizeof(fig), tr("source kept %.1f%%"), 100 * s);
      dl->AddText(ImVec2(p.x + name_w + col_w, p.y), IM_COL32(230, 232, 238, 255), fig);
    }
    ImGui::Dummy(ImVec2(panel_w, lh));
    widgets::tooltip(tr(v.tip));
  }

  // alpha: edits the mirror's config (the run restarts with it) when the slider is released.
  ImGui::Spacing();
  static bool editing = false;
  static float edit_value = 0;
  const double current = mirror_value(app, "alpha", vd.value("alpha"));
  float alpha = editing ? edit_value : static_cast<float>(current);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("L2-SP alpha"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(80.0f, panel_w - ImGui::CalcTextSize(tr("L2-SP alpha")).x - 16));
  ImGui::SliderFloat("##alpha", &alpha, 0.0f, 10.0f, "%.3g", ImGuiSliderFlags_Logarithmic);
  app.mark("conservative_alpha");
  widgets::tooltip(
      tr("Weight of the L2-SP pull toward the source weights (0: plain fine-tuning). Changing it "
         "restarts the run."));
  if (ImGui::IsItemActive()) {
    editing = true;
    edit_value = alpha;
  }
  if (ImGui::IsItemDeactivated()) {
    editing = false;
    if (alpha != static_cast<float>(current)) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%.4g", static_cast<double>(alpha));
      if (set_config_field(app.mirror().visitor(), "alpha", buf).ok()) app.config_changed();
    }
  }

  // Weight distances from the source model, as small bars on one scale.
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("distance from the source weights"));
  widgets::tooltip(tr("||w - w_src|| / ||w_src|| over the layers copied from the source model"));
  double top = 1e-6;
  for (const Variant& v : kVariants)
    top = std::max(top, vd.value(std::string(v.key) + "_distance"));
  float label_w = 0;
  for (const Variant& v : kVariants)
    label_w = std::max(label_w, ImGui::CalcTextSize(tr(v.label)).x);
  label_w += ImGui::CalcTextSize(" ").x;
  const float bar_w = std::max(40.0f, panel_w - label_w - ImGui::CalcTextSize(" 0.000").x - 8);
  for (const Variant& v : kVariants) {
    const double d = vd.value(std::string(v.key) + "_distance");
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddText(p, theme::kAxisText, tr(v.label));
    const ImVec2 q(p.x + label_w, p.y + lh * 0.2f);
    dl->AddRectFilled(q, ImVec2(q.x + bar_w, q.y + lh * 0.65f), IM_COL32(255, 255, 255, 14));
    dl->AddRectFilled(q, ImVec2(q.x + bar_w * static_cast<float>(d / top), q.y + lh * 0.65f),
                      v.color);
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.3f", d);
    dl->AddText(ImVec2(q.x + bar_w + 6, p.y), theme::kAxisText, buf);
    ImGui::Dummy(ImVec2(panel_w, lh * 1.1f));
  }
  ImGui::EndGroup();
}

}  // namespace views

TL_NAMESPACE_END

// Fine-tuning's view: the two phases (pre-training on the source, then adapting to a few labelled
// target points), the number of labelled points per class as a slider that restarts both models,
// fine-tuned against scratch as two bars, and the shots curve (1, 2, 5, 10 per class) where the
// gap shows how much the source model is worth as the labels run out.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/i18n.h"
#include "app/theme.h"
#include "app/views/views.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace views {

namespace {

/// The mirror's current value of config field `key` ("" when the scenario has none).
std::string config_value(App& app, const std::string& key) {
  for (const auto& kv : config_to_pairs(app.mirror().visitor()))
    if (kv.first == key) return kv.second;
  return {};
}

void bar(ImDrawList* dl, ImVec2 p, float w, float h, double v, ImU32 col, const char* label) {
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(40, 44, 54, 255), 3);
  if (std::isfinite(v))
    dl->AddRectFilled(p, ImVec2(p.x + w * static_cast<float>(std::clamp(v, 0.0, 1.0)), p.y + h),
                      col, 3);
  char buf[64];
  std::snprintf(buf, sizeof(buf), std::isfinite(v) ? "%s  %.1f%%" : "%s  -", label, 100 * v);
  dl->AddText(ImVec2(p.x + 6, p.y + (h - ImGui::GetFontSize()) * 0.5f),
              IM_COL32(245, 246, 250, 255), buf);
}

/// The shots curve: x = labelled points per class (evenly spaced), y = accuracy.
void shots_curve(const Mat& c, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(20, 23, 29, 255), 6);
  const float left = 40, right = 14, top = 10, bottom = 22;
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  double lo = 1, hi = 0;
  for (Eigen::Index j = 0; j < c.cols(); ++j)
    for (int r = 1; r <= 2; ++r) {
      lo = std::min(lo, static_cast<double>(c(r, j)));
      hi = std::max(hi, static_cast<double>(c(r, j)));
    }
  lo = std::max(0.0, std::floor(lo * 10 - 0.5) / 10);
  hi = std::min(1.0, std::ceil(hi * 10 + 0.5) / 10);
  const Eigen::Index n = c.cols();
  auto sx = [&](Eigen::Index j) {
    return a.x + (b.x - a.x) * (n > 1 ? static_cast<float>(j) / static_cast<float>(n - 1) : 0.5f);
  };
  auto sy = [&](double v) { return b.y - static_cast<float>((v - lo) / (hi - lo)) * (b.y - a.y); };
  char buf[32];
  for (double y = lo; y <= hi + 1e-9; y += 0.1) {
    dl->AddLine(ImVec2(a.x, sy(y)), ImVec2(b.x, sy(y)), theme::kGrid);
    std::snprintf(buf, sizeof(buf), "%.0f%%", 100 * y);
    dl->AddText(ImVec2(p0.x + 4, sy(y) - 7), theme::kAxisText, buf);
  }
  // The gap (green: fine-tuning ahead), then the two lines with their points.
  for (Eigen::Index j = 0; j + 1 < n; ++j) {
    const ImU32 col = c(1, j) + c(1, j + 1) >= c(2, j) + c(2, j + 1) ? IM_COL32(0, 158, 115, 70)
                                                                     : IM_COL32(213, 94, 0, 70);
    dl->AddQuadFilled(ImVec2(sx(j), sy(c(1, j))), ImVec2(sx(j + 1), sy(c(1, j + 1))),
                      ImVec2(sx(j + 1), sy(c(2, j + 1))), ImVec2(sx(j), sy(c(2, j))), col);
  }
  const ImU32 cols[3] = {0, theme::kAccent, IM_COL32(200, 204, 214, 230)};
  for (int r = 1; r <= 2; ++r)
    for (Eigen::Index j = 0; j < n; ++j) {
      const ImVec2 p(sx(j), sy(c(r, j)));
      if (j + 1 < n) dl->AddLine(p, ImVec2(sx(j + 1), sy(c(r, j + 1))), cols[r], 2.0f);
      dl->AddCircleFilled(p, 3.5f, cols[r]);
    }
  for (Eigen::Index j = 0; j < n; ++j) {
    std::snprintf(buf, sizeof(buf), "%.0f", static_cast<double>(c(0, j)));
    const float tw = ImGui::CalcTextSize(buf).x;
    dl->AddText(ImVec2(sx(j) - tw * 0.5f, b.y + 4), theme::kAxisText, buf);
  }
}

}  // namespace

void finetune_view(App& app, const ViewData& vd, ImVec2 size) {
  const bool adapting = vd.value("adapting") > 0.5;
  const float left_w = std::min(360.0f, size.x * 0.45f);
  ImGui::BeginChild("##ft_left", ImVec2(left_w, size.y), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
  // The phases.
  const long pre = static_cast<long>(vd.value("pretrain_steps"));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(adapting ? theme::kMuted : theme::kAccent));
  ImGui::TextUnformatted(adapting ? tr("1. pre-train on the source  (done)")
                                  : tr("1. pre-train on the source"));
  ImGui::PopStyleColor();
  if (!adapting) {
    ImGui::SameLine();
    ImGui::TextDisabled(tr("step %ld of %ld"), vd.step, pre);
  }
  ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(adapting ? theme::kAccent : theme::kMuted));
  ImGui::Text(vd.value("shots") == 1 ? tr("2. adapt to %d labelled target point per class")
                                     : tr("2. adapt to %d labelled target points per class"),
              static_cast<int>(vd.value("shots")));
  ImGui::PopStyleColor();
  // Labelled target points per class: restarts both models.
  const std::string cur = config_value(app, "shots");
  if (!cur.empty()) {
    int shots = std::atoi(cur.c_str());
    ImGui::SetNextItemWidth(left_w - 90);
    const std::string label = std::string(tr("shots")) + "###ft_shots";
    if (ImGui::SliderInt(label.c_str(), &shots, 1, 20, tr("%d per class"))) {
      if (set_config_field(app.mirror().visitor(), "shots", std::to_string(shots)).ok())
        app.config_changed();
    }
    app.mark("ft_shots");
    widgets::tooltip(
        tr("Labelled target points per class: fewer points, more the source helps. Restarts both "
           "models."));
  }
  ImGui::Spacing();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bw = left_w - 10, bh = ImGui::GetFontSize() + 10;
  ImVec2 p = ImGui::GetCursorScreenPos();
  bar(dl, p, bw, bh, vd.value("target_acc"), theme::kAccent, tr("fine-tuned"));
  bar(dl, ImVec2(p.x, p.y + bh + 6), bw, bh, vd.value("scratch_target_acc"),
      IM_COL32(120, 126, 140, 255), tr("scratch (same few points)"));
  ImGui::Dummy(ImVec2(bw, 2 * bh + 10));
  ImGui::PushTextWrapPos(0);
  widgets::muted(adapting
                     ? tr("Target accuracy on held-out target points. Scratch sees only the few "
                          "labelled points; fine-tuning starts from the source model.")
                     : tr("Both wait for the source model: scratch starts with the adaptation."));
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##ft_right", ImVec2(0, size.y), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
  if (const Mat* c = vd.mat("curve"); c && c->rows() == 3 && c->cols() >= 2) {
    ImGui::TextUnformatted(tr("Target accuracy by labelled points per class"));
    ImGui::SameLine();
    ImGui::TextColored(theme::to_vec4(theme::kAccent), "%s", tr("fine-tuned"));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("vs scratch"));
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    shots_curve(*c, ImVec2(avail.x, std::max(80.0f, avail.y - ImGui::GetTextLineHeight() - 8)));
    app.mark("ft_curve");
    widgets::muted(
        tr("The shaded gap is what the source model is worth: widest with the fewest labels."));
  } else {
    ImGui::PushTextWrapPos(0);
    widgets::muted(adapting ? ""
                            : tr("The shots curve (1, 2, 5 and 10 labelled points per class) fills "
                                 "in once adaptation starts."));
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();
}

}  // namespace views

TL_NAMESPACE_END

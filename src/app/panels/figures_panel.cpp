// Key figures of the current run: progress, loss, every metric the scenario reports, speed.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/metric_format.h"
#include "app/panels/panels.h"
#include "app/phases.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

void figures_panel(App& app) {
  const Snapshot* s = app.snap.get();
  widgets::heading(tr("Results"));
  if (!s) {
    widgets::muted(tr("starting..."));
    return;
  }
  if (!app.results_valid()) {
    // The engine refused the current data: no figures (they would be the previous data's).
    ImGui::TextDisabled("%s", tr("not trained"));
    widgets::muted(tr_message(app.training_gap()).c_str());
    app.mark("results_empty");
    return;
  }
  const char* state = s->playing             ? tr("training")
                      : !s->diverged.empty() ? tr("stopped: diverged")
                      : s->done              ? tr("finished")
                                             : tr("paused");
  ImGui::TextDisabled(tr("%s  ·  step %ld of %ld"), state, s->step, s->total);
  // Which phase of training this is (pre-training on the source or adapting to the target).
  const std::string phase = phase_status(*s);
  if (!phase.empty()) {
    ImGui::TextDisabled("%s", phase.c_str());
    app.mark("phase_status");
  }
  if (!app.in_sync()) {
    ImGui::SameLine();
    ImGui::TextColored(theme::to_vec4(theme::kWarn),
                       app.setup_error().empty() ? tr("(updating)") : tr("(not applied)"));
  }
  // Method and baseline on one row with the difference (the scenario's metric metadata pairs
  // them), then the remaining figures: fractions (accuracies, NMI, purity) as percentages, then
  // other values; baselines, oracles and diagnostics muted. Labels are the metadata's short ones,
  // the full name and description in a tooltip.
  const MetricInfoList infos = app.mirror().metrics_info();
  const ImU32 bright = IM_COL32(235, 238, 245, 255);
  std::vector<std::string> paired;
  auto has = [&](const std::string& name) {
    for (const auto& kv : s->metrics)
      if (kv.first == name) return true;
    return false;
  };
  auto tip = [](const MetricInfo& info) {
    if (!info.description.empty())
      widgets::tooltip((info.name + ": " + tr(info.description)).c_str());
  };
  const ImGuiTableFlags tf = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg;
  bool any_pair = false;
  for (const auto& kv : s->metrics) {
    const MetricInfo info = metric_info_or_default(infos, kv.first);
    // One row per method metric of its own (not a family of generated names such as a curve's
    // points) whose baseline is reported.
    const bool exact = std::any_of(infos.begin(), infos.end(),
                                   [&](const MetricInfo& m) { return m.name == kv.first; });
    if (!exact || info.role != MetricRole::kMethod || info.compared_with.empty() ||
        !has(info.compared_with) || !is_unit_score(info))
      continue;
    if (!any_pair) {
      any_pair = ImGui::BeginTable("##pairs", 3, tf);
      if (!any_pair) break;
      ImGui::TableSetupColumn("method", ImGuiTableColumnFlags_WidthStretch, 1.2f);
      ImGui::TableSetupColumn("baseline", ImGuiTableColumnFlags_WidthStretch, 1.2f);
      ImGui::TableSetupColumn("diff", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    }
    const MetricInfo base = metric_info_or_default(infos, info.compared_with);
    const double v = kv.second, b = metric(s->metrics, base.name);
    // Each cell: the label on top (wrapped, never cut), the value under it.
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(tr(info.label).c_str());
    ImGui::PopTextWrapPos();
    tip(info);
    ImGui::PushFont(theme::big());
    ImGui::TextColored(theme::to_vec4(theme::kAccent), "%s", format_metric(info, v).c_str());
    ImGui::PopFont();
    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr(base.label).c_str());
    ImGui::PopTextWrapPos();
    tip(base);
    ImGui::PushFont(theme::big());
    ImGui::TextColored(theme::to_vec4(theme::kMuted), "%s", format_metric(base, b).c_str());
    ImGui::PopFont();
    ImGui::TableSetColumnIndex(2);
    if (std::isfinite(v) && std::isfinite(b)) {
      const double d = v - b;
      std::string unit;
      const std::string diff = format_metric_difference(info, d, &unit);
      const ImU32 col = d > 0.0005    ? IM_COL32(0, 190, 140, 255)
                        : d < -0.0005 ? IM_COL32(230, 120, 60, 255)
                                      : bright;
      ImGui::TextDisabled("%s", tr("difference"));
      ImGui::PushFont(theme::big());
      ImGui::TextColored(theme::to_vec4(col), "%s", diff.c_str());
      ImGui::PopFont();
      char tip_text[128];
      std::snprintf(tip_text, sizeof(tip_text), tr("the method minus its baseline, in %s"),
                    tr(unit).c_str());
      widgets::tooltip(unit.empty() ? tr("the method minus its baseline") : tip_text);
    }
    paired.push_back(info.name);
    paired.push_back(base.name);
  }
  if (any_pair) ImGui::EndTable();
  auto is_paired = [&](const std::string& name) {
    return std::find(paired.begin(), paired.end(), name) != paired.end();
  };
  if (ImGui::BeginTable("##figures", 2, ImGuiTableFlags_SizingStretchSame)) {
    int col = 0;
    auto figure = [&](const MetricInfo& info, const std::string& value) {
      if (col % 2 == 0) ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(col % 2);
      ++col;
      ImGui::TextDisabled("%s", tr(info.label).c_str());
      tip(info);
      const ImU32 color = is_reference(info) ? theme::kMuted : bright;
      ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(color));
      ImGui::TextUnformatted(value.c_str());
      ImGui::PopStyleColor();
    };
    for (const bool fractions : {true, false})
      for (const auto& kv : s->metrics) {
        if (is_paired(kv.first)) continue;
        const MetricInfo info = metric_info_or_default(infos, kv.first);
        if (is_unit_score(info) == fractions) figure(info, format_metric(info, kv.second));
      }
    bool has_loss = false;
    for (const auto& kv : s->metrics) has_loss = has_loss || kv.first == "loss";
    if (!has_loss && std::isfinite(s->batch_loss)) {
      MetricInfo batch;
      batch.name = "minibatch loss";
      batch.label = tr("minibatch loss");
      batch.kind = MetricKind::kLoss;
      batch.role = MetricRole::kMethod;
      batch.description = tr("the main method's training objective on recent minibatches");
      figure(batch, format_metric(batch, s->batch_loss));
    }
    ImGui::EndTable();
  }
  if (s->steps_per_second > 0) ImGui::TextDisabled(tr("%.0f steps/s"), s->steps_per_second);
}

}  // namespace panels

TL_NAMESPACE_END

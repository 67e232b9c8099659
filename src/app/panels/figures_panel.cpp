// Key figures of the current run: progress, loss, every metric the scenario reports, speed.
#include <cmath>
#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/metric_format.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

void figures_panel(App& app) {
  const Snapshot* s = app.snap.get();
  widgets::heading("Results");
  if (!s) {
    widgets::muted("starting...");
    return;
  }
  const char* state = s->playing             ? "training"
                      : !s->diverged.empty() ? "stopped: diverged"
                      : s->done              ? "finished"
                                             : "paused";
  ImGui::TextDisabled("%s  ·  step %ld of %ld", state, s->step, s->total);
  if (!app.in_sync()) {
    ImGui::SameLine();
    ImGui::TextColored(theme::to_vec4(theme::kWarn),
                       app.setup_error().empty() ? "(updating)" : "(not applied)");
  }
  // Big figures: fractions (accuracies, NMI, purity) as percentages, then the other values; the
  // scenario's metric metadata gives each its short label, description and role (baselines,
  // oracles and diagnostics muted).
  const MetricInfoList infos = app.mirror().metrics_info();
  if (ImGui::BeginTable("##figures", 2, ImGuiTableFlags_SizingStretchSame)) {
    int col = 0;
    auto figure = [&](const MetricInfo& info, const std::string& value) {
      if (col % 2 == 0) ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(col % 2);
      ++col;
      ImGui::TextDisabled("%s", info.label.c_str());
      if (!info.description.empty())
        widgets::tooltip((info.name + ": " + info.description).c_str());
      const ImU32 color = is_reference(info) ? theme::kMuted : IM_COL32(235, 238, 245, 255);
      ImGui::PushFont(theme::big());
      ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(color));
      ImGui::TextUnformatted(value.c_str());
      ImGui::PopStyleColor();
      ImGui::PopFont();
    };
    for (const bool fractions : {true, false})
      for (const auto& kv : s->metrics) {
        const MetricInfo info = metric_info_or_default(infos, kv.first);
        if ((info.kind == MetricKind::kFraction) == fractions)
          figure(info, format_metric(info, kv.second));
      }
    bool has_loss = false;
    for (const auto& kv : s->metrics) has_loss = has_loss || kv.first == "loss";
    if (!has_loss && std::isfinite(s->batch_loss)) {
      MetricInfo batch;
      batch.name = batch.label = "minibatch loss";
      batch.kind = MetricKind::kLoss;
      batch.role = MetricRole::kMethod;
      batch.description = "the main method's training objective on recent minibatches";
      figure(batch, format_metric(batch, s->batch_loss));
    }
    ImGui::EndTable();
  }
  if (s->steps_per_second > 0) ImGui::TextDisabled("%.0f steps/s", s->steps_per_second);
}

}  // namespace panels

TL_NAMESPACE_END

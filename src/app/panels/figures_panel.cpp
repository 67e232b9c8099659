// Key figures of the current run: progress, loss, every metric the scenario reports, speed.
#include <cmath>
#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

bool is_fraction(const std::string& name) {
  return name.find("acc") != std::string::npos || name == "nmi" || name == "purity" ||
         name.find("_nmi") != std::string::npos || name.find("purity") != std::string::npos;
}

}  // namespace

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
  // Big figures: accuracies as percentages, then the loss.
  if (ImGui::BeginTable("##figures", 2, ImGuiTableFlags_SizingStretchSame)) {
    int col = 0;
    auto figure = [&](const std::string& name, const std::string& value, ImU32 color) {
      if (col % 2 == 0) ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(col % 2);
      ++col;
      ImGui::TextDisabled("%s", name.c_str());
      ImGui::PushFont(theme::big());
      ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(color));
      ImGui::TextUnformatted(value.c_str());
      ImGui::PopStyleColor();
      ImGui::PopFont();
    };
    char buf[48];
    for (const auto& kv : s->metrics) {
      if (!is_fraction(kv.first)) continue;
      std::snprintf(buf, sizeof(buf), "%.1f%%", 100 * kv.second);
      const bool baseline = kv.first.find("baseline") != std::string::npos;
      figure(kv.first, buf, baseline ? theme::kMuted : IM_COL32(235, 238, 245, 255));
    }
    for (const auto& kv : s->metrics) {
      if (is_fraction(kv.first)) continue;
      std::snprintf(buf, sizeof(buf), "%.4g", kv.second);
      figure(kv.first, buf, IM_COL32(235, 238, 245, 255));
    }
    bool has_loss = false;
    for (const auto& kv : s->metrics) has_loss = has_loss || kv.first == "loss";
    if (!has_loss && std::isfinite(s->batch_loss)) {
      std::snprintf(buf, sizeof(buf), "%.4g", s->batch_loss);
      figure("minibatch loss", buf, IM_COL32(235, 238, 245, 255));
    }
    ImGui::EndTable();
  }
  if (s->steps_per_second > 0) ImGui::TextDisabled("%.0f steps/s", s->steps_per_second);
}

}  // namespace panels

TL_NAMESPACE_END

// Loss and accuracy curves of the current run (main method and baselines) from the metrics
// history the engine records; the scenario's metric metadata sorts them onto the two plots.
#include <string>
#include <vector>

#include "app/app.h"
#include "app/metric_format.h"
#include "app/panels/panels.h"
#include "app/plots.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

void plots_panel(App& app) {
  const Snapshot* s = app.snap.get();
  widgets::heading("Curves");
  if (!s || !s->history || s->history->steps.size() < 2) {
    widgets::muted("Press Play: the loss and accuracy curves appear here.");
    ImGui::Dummy(ImVec2(0, 6));
    return;
  }
  const History& h = *s->history;
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::max(120.0f, std::min(190.0f, ImGui::GetIO().DisplaySize.y * 0.2f));
  std::vector<PlotSeries> loss, score;
  int color = 0;
  // Which plot a metric goes on, and whether it is drawn dashed (baselines, oracles), comes from
  // the scenario's metric metadata.
  const MetricInfoList infos = app.mirror().metrics_info();
  for (size_t i = 0; i < h.names.size(); ++i) {
    const MetricInfo info = metric_info_or_default(infos, h.names[i]);
    PlotSeries ps{info.label, &h.values[i], theme::class_u32(color++), is_reference(info),
                  info.name + ": " + info.description};
    if (on_loss_plot(info))
      loss.push_back(ps);
    else if (on_score_plot(info))
      score.push_back(ps);
  }
  loss.push_back({"minibatch loss", &h.batch_loss, IM_COL32(170, 178, 192, 200), true,
                  "the main method's training objective on recent minibatches"});
  PlotOptions lo;
  lo.y_format = "%.4f";
  ImGui::TextDisabled("loss");
  line_plot("loss", h.steps, loss, ImVec2(width, height), lo);
  app.mark("plot_loss");
  if (!score.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("accuracy");
    PlotOptions so;
    so.auto_y = false;
    so.ymin = 0;
    so.ymax = 1;
    so.percent = true;
    line_plot("score", h.steps, score, ImVec2(width, height), so);
    app.mark("plot_accuracy");
  }
}

}  // namespace panels

TL_NAMESPACE_END

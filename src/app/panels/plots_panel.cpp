// Loss and accuracy curves of the current run (main method and baselines) from the metrics
// history the engine records.
#include <string>
#include <vector>

#include "app/app.h"
#include "app/panels/panels.h"
#include "app/plots.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

bool is_loss(const std::string& n) {
  return n.find("loss") != std::string::npos;
}

/// Metrics that live in [0, 1] (accuracies, NMI, purity) go on the second plot.
bool in_unit_range(const std::vector<double>& v) {
  for (double x : v)
    if (std::isfinite(x) && (x < -1e-9 || x > 1 + 1e-9)) return false;
  return true;
}

}  // namespace

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
  for (size_t i = 0; i < h.names.size(); ++i) {
    const std::string& n = h.names[i];
    const bool baseline = n.find("baseline") != std::string::npos;
    PlotSeries ps{n, &h.values[i], theme::class_u32(color++), baseline};
    if (is_loss(n))
      loss.push_back(ps);
    else if (in_unit_range(h.values[i]))
      score.push_back(ps);
  }
  loss.push_back({"minibatch loss", &h.batch_loss, IM_COL32(170, 178, 192, 200), true});
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

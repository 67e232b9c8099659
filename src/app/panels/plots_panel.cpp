// Curves of the current run from the metrics history the engine records. The scenario's metric
// metadata sorts them: one chart per method metric and the baseline it is compared with (the gap
// shaded), one chart of the other fractions, one of the losses. Other values (distances, weights)
// never share an axis with accuracies. Scenarios that train in phases (pre-training, then
// adaptation) get the phases marked on every chart, and a model that starts training only in a
// later phase is drawn from there.
#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/metric_format.h"
#include "app/panels/panels.h"
#include "app/phases.h"
#include "app/plots.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

/// At most this many method-vs-baseline charts (the rest join the fractions chart).
constexpr size_t kMaxPairCharts = 3;

/// Whether `name` has an entry of its own in `list` (not only a pattern family's).
bool exact_entry(const MetricInfoList& list, const std::string& name) {
  return std::any_of(list.begin(), list.end(), [&](const MetricInfo& m) { return m.name == name; });
}

int column_of(const History& h, const std::string& name) {
  auto it = std::find(h.names.begin(), h.names.end(), name);
  return it == h.names.end() ? -1 : static_cast<int>(it - h.names.begin());
}

}  // namespace

void plots_panel(App& app) {
  const Snapshot* s = app.snap.get();
  widgets::heading(tr("Curves"));
  if (!s || !s->history || s->history->steps.size() < 2) {
    widgets::muted(tr("Press Play: the method's and its baseline's curves appear here."));
    ImGui::Dummy(ImVec2(0, 6));
    return;
  }
  const History& h = *s->history;
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::max(110.0f, std::min(170.0f, ImGui::GetIO().DisplaySize.y * 0.17f));
  const MetricInfoList infos = app.mirror().metrics_info();
  PlotOptions frac;
  frac.auto_y = false;
  frac.ymin = 0;
  frac.ymax = 1;
  frac.percent = true;
  for (const Phase& p : s->phases)
    frac.phases.push_back({static_cast<double>(p.start_step), p.name});
  // Each model's curve from the step it starts training at (kept alive for the charts).
  std::deque<std::vector<double>> drawn;
  auto column = [&](size_t i) -> const std::vector<double>* {
    const long from = metric_train_from(s->models.get(), h.names[i]);
    if (from <= 0) return &h.values[i];
    drawn.push_back(drawn_from(h, h.values[i], from));
    return &drawn.back();
  };

  // Method vs baseline, one chart per pair.
  std::vector<bool> used(h.names.size(), false);
  size_t pairs = 0;
  for (size_t i = 0; i < h.names.size() && pairs < kMaxPairCharts; ++i) {
    const MetricInfo info = metric_info_or_default(infos, h.names[i]);
    if (info.role != MetricRole::kMethod || !is_unit_score(info) || info.compared_with.empty() ||
        !exact_entry(infos, info.name))
      continue;
    const int j = column_of(h, info.compared_with);
    if (j < 0) continue;
    const MetricInfo base = metric_info_or_default(infos, info.compared_with);
    std::vector<PlotSeries> series = {
        {tr(info.label), column(i), theme::kAccent, false, info.name + ": " + tr(info.description)},
        {tr(base.label), column(static_cast<size_t>(j)), IM_COL32(200, 204, 214, 230), true,
         base.name + ": " + tr(base.description)}};
    PlotOptions o = frac;
    o.percent = info.kind == MetricKind::kFraction;  // a score such as NMI reads 0.62, not 62%
    o.shade_a = 0;
    o.shade_b = 1;
    // The title, and which networks the shading compares (on a line of its own when narrow).
    const std::string method = tr(info.label), baseline = tr(base.label);
    char title_buf[160], shade_buf[160], tip_buf[400];
    std::snprintf(title_buf, sizeof(title_buf), tr("%s vs %s"), method.c_str(), baseline.c_str());
    std::snprintf(shade_buf, sizeof(shade_buf), tr("shaded: %s minus %s"), method.c_str(),
                  baseline.c_str());
    std::snprintf(tip_buf, sizeof(tip_buf),
                  tr("shaded: the gap between %s (the method) and %s (its baseline); green where "
                     "%s is ahead, orange where %s is"),
                  method.c_str(), baseline.c_str(), method.c_str(), baseline.c_str());
    const std::string title = title_buf, shade = shade_buf;
    ImGui::TextDisabled("%s", title.c_str());
    if (ImGui::CalcTextSize((title + "   " + shade).c_str()).x + 12 < width) ImGui::SameLine(0, 12);
    ImGui::TextDisabled("%s", shade.c_str());
    widgets::tooltip(tip_buf);
    line_plot(("pair" + std::to_string(pairs)).c_str(), h.steps, series, ImVec2(width, height), o);
    if (pairs == 0) app.mark("plot_accuracy");
    used[i] = true;
    used[static_cast<size_t>(j)] = true;
    ++pairs;
    ImGui::Spacing();
  }

  // The other fractions, then the losses (other values stay in the figures).
  std::vector<PlotSeries> score, loss;
  bool all_fractions = true;
  int color = 0;
  for (size_t i = 0; i < h.names.size(); ++i) {
    // Families of generated names (a curve over shots, a sweep over layers) are points of a
    // chart over their parameter, drawn by the method's view, not curves over steps.
    if (used[i] || !exact_entry(infos, h.names[i])) continue;
    const MetricInfo info = metric_info_or_default(infos, h.names[i]);
    PlotSeries ps{tr(info.label), column(i), theme::class_u32(color++), is_reference(info),
                  info.name + ": " + tr(info.description)};
    if (on_loss_plot(info))
      loss.push_back(ps);
    else if (on_score_plot(info))
      score.push_back(ps), all_fractions = all_fractions && info.kind == MetricKind::kFraction;
  }
  if (!score.empty()) {
    const char* title = all_fractions ? (pairs ? tr("other accuracies") : tr("accuracy"))
                                      : (pairs ? tr("other scores") : tr("scores"));
    ImGui::TextDisabled("%s", title);
    PlotOptions o = frac;
    o.percent = all_fractions;
    line_plot("score", h.steps, score, ImVec2(width, height), o);
    if (pairs == 0) app.mark("plot_accuracy");
    ImGui::Spacing();
  }
  loss.push_back({tr("minibatch loss"), &h.batch_loss, IM_COL32(170, 178, 192, 200), true,
                  tr("the main method's training objective on recent minibatches")});
  PlotOptions lo;
  lo.y_format = "%.4f";
  lo.phases = frac.phases;
  ImGui::TextDisabled("%s", tr("loss"));
  line_plot("loss", h.steps, loss, ImVec2(width, height), lo);
  app.mark("plot_loss");
}

}  // namespace panels

TL_NAMESPACE_END

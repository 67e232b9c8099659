#pragma once
/// How the page shows a metric, read from the scenario's metric metadata
/// (scenarios/metric_info.h): the figures panel, the curves and the live region use these rather
/// than guessing from the metric's name.
#include <string>

#include "app/embed_info.h"
#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

/// The value as shown in a figure: a fraction as a percentage ("93.1%"), a score such as NMI as
/// a plain number ("0.62"), a count as a whole number, anything else with four significant digits.
std::string format_metric(const MetricInfo& info, double value);
/// A method's difference to its baseline (`d` = method - baseline): percentage points for a
/// fraction ("+2.5"), a plain difference for a score ("+0.03"); `unit` receives what it is in.
std::string format_metric_difference(const MetricInfo& info, double d, std::string* unit = nullptr);

/// A key figure as one line: "adapted 98.3%  vs  source only 72.8%" (the baseline when it has
/// one).
std::string key_figure_text(const KeyFigure& kf);

/// A fraction or a score: a value in [0, 1] where higher is better (accuracy, purity, NMI).
bool is_unit_score(const MetricInfo& info);

/// A baseline, oracle or diagnostic: drawn muted (figures) or dashed (curves).
bool is_reference(const MetricInfo& info);

/// Curves: the loss plot takes the losses of the method and its baselines (not diagnostic
/// errors, whose scale would flatten them); the score plot takes the fractions.
bool on_loss_plot(const MetricInfo& info);
bool on_score_plot(const MetricInfo& info);

/// The metrics part of the live region's text: " name 93%." for every fraction, " name 0.62."
/// for every score.
std::string live_metrics_text(const MetricInfoList& list, const Metrics& metrics);

TL_NAMESPACE_END

#pragma once
/// What the embedded page (`embed=1`) shows and shares besides the canvas: the link of the full
/// lab with the same state, and the run's key figure beside its baseline, read from the
/// scenario's metric metadata (scenarios/metric_info.h) as the figures panel reads it.
/// UI-free: the unit tests check both.
#include <string>

#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

/// The hash without its `embed` field (the full lab's link to the same state); the other fields
/// stay as they are, in order.
std::string hash_without_embed(const std::string& hash);

/// The figure an embedded page shows: the method's main accuracy and its baseline.
struct KeyFigure {
  MetricInfo info;   ///< the method's metric
  double value = 0;  ///< its current value
  bool has_baseline = false;
  MetricInfo baseline;  ///< the metric it is read against (has_baseline)
  double baseline_value = 0;
};

/// The first method metric of `list` that is a fraction and is reported in `metrics` together
/// with the metric it is compared with; else the first reported method fraction without one.
/// False when the scenario reports none.
bool key_figure(const MetricInfoList& list, const Metrics& metrics, KeyFigure& out);

TL_NAMESPACE_END

#include "app/metric_format.h"

#include <cmath>
#include <cstdio>

#include "app/i18n.h"

TL_NAMESPACE_BEGIN

std::string format_metric(const MetricInfo& info, double value) {
  char buf[48];
  if (!std::isfinite(value))
    std::snprintf(buf, sizeof(buf), "-");
  else if (info.kind == MetricKind::kFraction)
    std::snprintf(buf, sizeof(buf), "%.1f%%", 100 * value);
  else if (info.kind == MetricKind::kScore)
    std::snprintf(buf, sizeof(buf), "%.2f", value);
  else if (info.kind == MetricKind::kCount)
    std::snprintf(buf, sizeof(buf), "%.0f", value);
  else
    std::snprintf(buf, sizeof(buf), "%.4g", value);
  return buf;
}

std::string format_metric_difference(const MetricInfo& info, double d, std::string* unit) {
  char buf[48];
  if (info.kind == MetricKind::kFraction) {
    std::snprintf(buf, sizeof(buf), "%+.1f", 100 * d);
    if (unit) *unit = "percentage points";
  } else {
    std::snprintf(buf, sizeof(buf), info.kind == MetricKind::kScore ? "%+.2f" : "%+.4g", d);
    if (unit) unit->clear();
  }
  return buf;
}

bool is_unit_score(const MetricInfo& info) {
  return info.kind == MetricKind::kFraction || info.kind == MetricKind::kScore;
}

bool is_reference(const MetricInfo& info) {
  return info.role != MetricRole::kMethod;
}

bool on_loss_plot(const MetricInfo& info) {
  return info.kind == MetricKind::kLoss && info.role != MetricRole::kDiagnostic;
}

bool on_score_plot(const MetricInfo& info) {
  return is_unit_score(info);
}

std::string live_metrics_text(const MetricInfoList& list, const Metrics& metrics) {
  std::string text;
  char buf[32];
  for (const auto& kv : metrics) {
    const MetricKind kind = metric_info_or_default(list, kv.first).kind;
    if (kind == MetricKind::kFraction)
      std::snprintf(buf, sizeof(buf), "%.0f%%", 100 * kv.second);
    else if (kind == MetricKind::kScore)
      std::snprintf(buf, sizeof(buf), "%.2f", kv.second);
    else
      continue;
    text += " " + kv.first + " " + buf + ".";
  }
  return text;
}

std::string key_figure_text(const KeyFigure& kf) {
  const std::string method = tr(kf.info.label) + " " + format_metric(kf.info, kf.value);
  if (!kf.has_baseline) return method;
  const std::string baseline =
      tr(kf.baseline.label) + " " + format_metric(kf.baseline, kf.baseline_value);
  char buf[256];
  std::snprintf(buf, sizeof(buf), tr("%s  vs  %s"), method.c_str(), baseline.c_str());
  return buf;
}

TL_NAMESPACE_END

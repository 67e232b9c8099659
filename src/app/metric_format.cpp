#include "app/metric_format.h"

#include <cmath>
#include <cstdio>

TL_NAMESPACE_BEGIN

std::string format_metric(const MetricInfo& info, double value) {
  char buf[48];
  if (!std::isfinite(value))
    std::snprintf(buf, sizeof(buf), "-");
  else if (info.kind == MetricKind::kFraction)
    std::snprintf(buf, sizeof(buf), "%.1f%%", 100 * value);
  else if (info.kind == MetricKind::kCount)
    std::snprintf(buf, sizeof(buf), "%.0f", value);
  else
    std::snprintf(buf, sizeof(buf), "%.4g", value);
  return buf;
}

bool is_reference(const MetricInfo& info) {
  return info.role != MetricRole::kMethod;
}

bool on_loss_plot(const MetricInfo& info) {
  return info.kind == MetricKind::kLoss && info.role != MetricRole::kDiagnostic;
}

bool on_score_plot(const MetricInfo& info) {
  return info.kind == MetricKind::kFraction;
}

std::string live_metrics_text(const MetricInfoList& list, const Metrics& metrics) {
  std::string text;
  char buf[32];
  for (const auto& kv : metrics) {
    if (metric_info_or_default(list, kv.first).kind != MetricKind::kFraction) continue;
    std::snprintf(buf, sizeof(buf), "%.0f%%", 100 * kv.second);
    text += " " + kv.first + " " + buf + ".";
  }
  return text;
}

TL_NAMESPACE_END

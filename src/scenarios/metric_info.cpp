#include "scenarios/metric_info.h"

TL_NAMESPACE_BEGIN

namespace {

/// Whether `name` matches `pattern` (at most one `*`, matching non-empty text); `star` receives
/// the matched text.
bool match(const std::string& pattern, const std::string& name, std::string& star) {
  const size_t at = pattern.find('*');
  if (at == std::string::npos) {
    star.clear();
    return pattern == name;
  }
  const size_t tail = pattern.size() - at - 1;
  if (name.size() <= at + tail) return false;
  if (name.compare(0, at, pattern, 0, at) != 0) return false;
  if (name.compare(name.size() - tail, tail, pattern, at + 1, tail) != 0) return false;
  star = name.substr(at, name.size() - at - tail);
  return true;
}

}  // namespace

bool find_metric_info(const MetricInfoList& list, const std::string& name, MetricInfo& out) {
  const MetricInfo* best = nullptr;
  std::string best_star;
  for (const MetricInfo& info : list) {
    std::string star;
    if (!match(info.name, name, star)) continue;
    if (star.empty()) {  // an exact entry
      best = &info;
      best_star.clear();
      break;
    }
    if (!best) {
      best = &info;
      best_star = star;
    }
  }
  if (!best) return false;
  out = *best;
  out.name = name;
  for (std::string* text : {&out.compared_with, &out.label}) {
    const size_t at = text->find('*');
    if (at != std::string::npos) text->replace(at, 1, best_star);
  }
  return true;
}

MetricInfo metric_info_or_default(const MetricInfoList& list, const std::string& name) {
  MetricInfo info;
  if (!find_metric_info(list, name, info)) {
    info.name = name;
    info.label = name;
  }
  return info;
}

const char* metric_kind_name(MetricKind kind) {
  switch (kind) {
    case MetricKind::kFraction:
      return "fraction";
    case MetricKind::kScore:
      return "score";
    case MetricKind::kLoss:
      return "loss";
    case MetricKind::kCount:
      return "count";
    case MetricKind::kValue:
      return "value";
  }
  return "value";
}

const char* metric_role_name(MetricRole role) {
  switch (role) {
    case MetricRole::kMethod:
      return "method";
    case MetricRole::kBaseline:
      return "baseline";
    case MetricRole::kOracle:
      return "oracle";
    case MetricRole::kDiagnostic:
      return "diagnostic";
  }
  return "diagnostic";
}

TL_NAMESPACE_END

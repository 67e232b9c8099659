#include "app/embed_info.h"

#include <algorithm>

TL_NAMESPACE_BEGIN

std::string hash_without_embed(const std::string& hash) {
  std::string out;
  size_t start = hash.size() > 0 && hash[0] == '#' ? 1 : 0;
  while (start <= hash.size()) {
    size_t end = hash.find('&', start);
    if (end == std::string::npos) end = hash.size();
    const std::string part = hash.substr(start, end - start);
    const std::string key = part.substr(0, part.find('='));
    if (!part.empty() && key != "embed") {
      if (!out.empty()) out += '&';
      out += part;
    }
    start = end + 1;
  }
  return out;
}

bool key_figure(const MetricInfoList& list, const Metrics& metrics, KeyFigure& out) {
  auto find = [&metrics](const std::string& name, double& value) {
    const auto it = std::find_if(metrics.begin(), metrics.end(),
                                 [&name](const auto& kv) { return kv.first == name; });
    if (it == metrics.end()) return false;
    value = it->second;
    return true;
  };
  auto method_fraction = [](const MetricInfo& m) {
    return m.role == MetricRole::kMethod && m.kind == MetricKind::kFraction &&
           m.name.find('*') == std::string::npos;
  };
  // A method metric with its baseline first, then one alone.
  for (const bool paired : {true, false}) {
    for (const MetricInfo& m : list) {
      if (!method_fraction(m) || (paired && m.compared_with.empty())) continue;
      double value = 0, base = 0;
      if (!find(m.name, value)) continue;
      const bool has_base = !m.compared_with.empty() && find(m.compared_with, base);
      if (paired && !has_base) continue;
      out = KeyFigure();
      out.info = m;
      out.value = value;
      if (has_base) {
        out.has_baseline = true;
        out.baseline = metric_info_or_default(list, m.compared_with);
        out.baseline_value = base;
      }
      return true;
    }
  }
  return false;
}

TL_NAMESPACE_END

#include "scenarios/view_data.h"

TL_NAMESPACE_BEGIN

int find_model(const ModelList& list, const std::string& key) {
  for (size_t i = 0; i < list.size(); ++i)
    if (list[i].key == key) return static_cast<int>(i);
  return -1;
}

int default_comparison(const ModelList& list) {
  for (size_t i = 1; i < list.size(); ++i)
    if (list[i].role == MetricRole::kBaseline) return static_cast<int>(i);
  return list.size() > 1 ? 1 : -1;
}

const Mat* ViewData::mat(const std::string& key) const {
  auto it = mats.find(key);
  return it == mats.end() ? nullptr : &it->second;
}

double ViewData::value(const std::string& key, double fallback) const {
  auto it = values.find(key);
  return it == values.end() ? fallback : it->second;
}

const std::vector<std::string>* ViewData::text(const std::string& key) const {
  auto it = texts.find(key);
  return it == texts.end() ? nullptr : &it->second;
}

TL_NAMESPACE_END

#include "scenarios/registry.h"

TL_NAMESPACE_BEGIN

const std::vector<ScenarioInfo>& scenarios() {
  static const std::vector<ScenarioInfo> all = [] {
    std::vector<ScenarioInfo> list;
    register_basic(list);
    register_both_labelled(list);
    register_target_unlabelled(list);
    register_source_unlabelled(list);
    return list;
  }();
  return all;
}

const ScenarioInfo* find_scenario(const std::string& name) {
  for (const ScenarioInfo& s : scenarios())
    if (s.name == name) return &s;
  return nullptr;
}

TL_NAMESPACE_END

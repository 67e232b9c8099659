#include "scenarios/registry.h"

TL_NAMESPACE_BEGIN

const std::vector<ScenarioInfo>& scenarios() {
  static const std::vector<ScenarioInfo> all = [] {
    std::vector<ScenarioInfo> list;
    register_basic(list);
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

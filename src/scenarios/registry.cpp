#include "scenarios/registry.h"

#include <algorithm>

TL_NAMESPACE_BEGIN

const std::vector<ScenarioInfo>& scenarios() {
  static const std::vector<ScenarioInfo> all = [] {
    std::vector<ScenarioInfo> list;
    // Listing order: no transfer, then the lecture's grid corner by corner.
    register_basic(list);
    register_finetune_scenarios(list);
    register_conservative_moons(list);
    register_layer_transfer(list);
    register_multitask_moons(list);
    register_multitask_input_layers(list);
    register_progressive_moons(list);
    register_dann_scenarios(list);
    register_zeroshot_scenarios(list);
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

std::vector<std::string> corner_families(Corner corner) {
  std::vector<std::string> out;
  for (const ScenarioInfo& s : scenarios())
    if (s.corner == corner && std::find(out.begin(), out.end(), s.family) == out.end())
      out.push_back(s.family);
  return out;
}

TL_NAMESPACE_END

// Scenarios with unlabelled target: domain-adversarial training and statistical alignment
// (dann_scenarios.cpp), zero-shot learning (zeroshot_scenarios.cpp).
#include "scenarios/registry.h"

TL_NAMESPACE_BEGIN

void register_dann_scenarios(std::vector<ScenarioInfo>& out);
void register_zeroshot_scenarios(std::vector<ScenarioInfo>& out);

void register_target_unlabelled(std::vector<ScenarioInfo>& out) {
  register_dann_scenarios(out);
  register_zeroshot_scenarios(out);
}

TL_NAMESPACE_END

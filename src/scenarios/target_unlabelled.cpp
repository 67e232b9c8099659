// Scenarios with unlabelled target.
#include "scenarios/registry.h"

TL_NAMESPACE_BEGIN

void register_target_unlabelled(std::vector<ScenarioInfo>& out) { (void)out; }

TL_NAMESPACE_END

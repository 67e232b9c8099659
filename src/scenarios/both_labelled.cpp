// Scenarios with labelled source and target.
#include "scenarios/registry.h"

TL_NAMESPACE_BEGIN

void register_both_labelled(std::vector<ScenarioInfo>& out) { (void)out; }

TL_NAMESPACE_END

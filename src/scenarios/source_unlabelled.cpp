// Scenarios with unlabelled source.
#include "scenarios/registry.h"

TL_NAMESPACE_BEGIN

void register_source_unlabelled(std::vector<ScenarioInfo>& out) { (void)out; }

TL_NAMESPACE_END

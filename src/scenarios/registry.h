#pragma once
/// Each scenario file adds its entries through one of these functions (called from
/// scenarios() in registry.cpp, in listing order).
#include <vector>

#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

void register_basic(std::vector<ScenarioInfo>& out);

TL_NAMESPACE_END

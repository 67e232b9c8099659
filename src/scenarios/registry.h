#pragma once
/// One registration path: each scenario file defines its scenarios and adds them (name,
/// title, description, corner, method family, factory) in its register_* function; scenarios() in
/// registry.cpp calls these in listing order.
#include <vector>

#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

// Each is defined at the end of its scenario file (basic.cpp, finetune_scenarios.cpp,
// conservative_moons.cpp, layer_transfer_scenarios.cpp, ...).
void register_basic(std::vector<ScenarioInfo>& out);
void register_finetune_scenarios(std::vector<ScenarioInfo>& out);
void register_conservative_moons(std::vector<ScenarioInfo>& out);
void register_layer_transfer(std::vector<ScenarioInfo>& out);
void register_multitask_moons(std::vector<ScenarioInfo>& out);
void register_multitask_input_layers(std::vector<ScenarioInfo>& out);
void register_progressive_moons(std::vector<ScenarioInfo>& out);
void register_dann_scenarios(std::vector<ScenarioInfo>& out);
void register_zeroshot_scenarios(std::vector<ScenarioInfo>& out);
void register_source_unlabelled(std::vector<ScenarioInfo>& out);

TL_NAMESPACE_END

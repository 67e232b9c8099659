#pragma once
/// Each scenario file adds its entries through one of these functions (called from
/// scenarios() in registry.cpp, in listing order).
#include <vector>

#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

void register_basic(std::vector<ScenarioInfo>& out);
/// Source and target labelled: fine-tuning, conservative training, layer transfer, multitask,
/// progressive networks (src/scenarios/both_labelled.cpp).
void register_both_labelled(std::vector<ScenarioInfo>& out);
/// Target unlabelled: domain-adversarial training, zero-shot learning
/// (src/scenarios/target_unlabelled.cpp).
void register_target_unlabelled(std::vector<ScenarioInfo>& out);
/// Source unlabelled: self-taught learning and clustering (src/scenarios/source_unlabelled.cpp).
void register_source_unlabelled(std::vector<ScenarioInfo>& out);

TL_NAMESPACE_END

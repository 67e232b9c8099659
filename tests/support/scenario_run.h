#pragma once
/// Runs a registered scenario to completion with optional --set style overrides.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "scenarios/scenario.h"

namespace tl_test {

using Sets = std::vector<std::pair<std::string, std::string>>;

inline tl::Metrics run_scenario(const std::string& name, uint64_t seed, const Sets& sets = {}) {
  const tl::ScenarioInfo* info = tl::find_scenario(name);
  REQUIRE(info != nullptr);
  auto s = info->make();
  for (const auto& kv : sets) REQUIRE(tl::set_config_field(s->visitor(), kv.first, kv.second).ok());
  REQUIRE(s->reset(seed).ok());
  while (!s->done()) s->step();
  return s->metrics();
}

}  // namespace tl_test

#pragma once
/// Runs a registered scenario to completion with optional --set style overrides.
#include <doctest/doctest.h>

#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/scenario.h"

namespace tl_test {

using Sets = std::vector<std::pair<std::string, std::string>>;

/// A registered scenario with `sets` applied, reset to `seed`.
inline std::unique_ptr<tl::Scenario> make_scenario(const std::string& name, uint64_t seed,
                                                   const Sets& sets = {}) {
  const tl::ScenarioInfo* info = tl::find_scenario(name);
  REQUIRE(info != nullptr);
  auto s = info->make();
  for (const auto& kv : sets) REQUIRE(tl::set_config_field(s->visitor(), kv.first, kv.second).ok());
  const tl::Status reset = s->reset(seed);
  REQUIRE_MESSAGE(reset.ok(), reset.message);
  return s;
}

/// At most `steps` guarded steps (fewer when the scenario finishes); every one must succeed.
inline void step_scenario(tl::Scenario& s, long steps = std::numeric_limits<long>::max()) {
  for (long i = 0; i < steps && !s.done(); ++i) {
    const tl::Status st = s.guarded_step();
    REQUIRE_MESSAGE(st.ok(), st.message);
  }
}

/// The view data's matrix `key`, which must be there.
inline const tl::Mat& need_mat(const tl::ViewData& vd, const std::string& key) {
  const tl::Mat* m = vd.mat(key);
  REQUIRE_MESSAGE(m != nullptr, "view matrix " << key << " missing");
  return *m;
}

/// Runs a scenario for at most `max_steps` steps (a small budget for tests that compare runs
/// with each other rather than judge how well the method learns), under the divergence guard so
/// that every scenario test also shows it never trips on a healthy run.
inline tl::Metrics run_scenario_steps(const std::string& name, uint64_t seed, long max_steps,
                                      const Sets& sets = {}) {
  auto s = make_scenario(name, seed, sets);
  step_scenario(*s, max_steps);
  return s->metrics();
}

/// Runs to completion.
inline tl::Metrics run_scenario(const std::string& name, uint64_t seed, const Sets& sets = {}) {
  return run_scenario_steps(name, seed, std::numeric_limits<long>::max(), sets);
}

}  // namespace tl_test

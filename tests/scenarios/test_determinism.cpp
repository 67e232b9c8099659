// Determinism over the whole registry: the same seed gives identical metrics across two runs and
// across training thread counts (the thread pool's fixed partition and reduction order).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/thread_pool.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"

namespace {

/// Steps per run: enough to leave the first phase's initial weights and, with the minibatch
/// below, to cut each batch into two shards of kShardColumns.
constexpr long kSteps = 30;
const tl_test::Sets kSets = {{"batch", "128"}};

/// Restores one training thread however the test case ends.
struct ThreadsGuard {
  explicit ThreadsGuard(int n) { tl::set_training_threads(n); }
  ~ThreadsGuard() { tl::set_training_threads(1); }
};

tl::Metrics run_with_threads(const std::string& name, uint64_t seed, int threads) {
  ThreadsGuard guard(threads);
  return tl_test::run_scenario_steps(name, seed, kSteps, kSets);
}

/// Equal names and bit-identical values (two NaNs in the same place count as equal).
bool identical(const tl::Metrics& a, const tl::Metrics& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].first != b[i].first) return false;
    const double x = a[i].second, y = b[i].second;
    if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
  }
  return true;
}

std::string show(const tl::Metrics& m) {
  std::string s;
  for (const auto& kv : m) s += kv.first + "=" + std::to_string(kv.second) + " ";
  return s;
}

}  // namespace

TEST_SUITE("scenarios/determinism") {
  TEST_CASE(
      "every scenario gives identical metrics for the same seed, run twice and on 1 or 2 "
      "threads") {
    REQUIRE(tl::scenarios().size() >= 10);
    const uint64_t seed = tl_test::base_seed();
    int differs_by_seed = 0;
    for (const auto& info : tl::scenarios()) {
      CAPTURE(info.name);
      const tl::Metrics first = run_with_threads(info.name, seed, 1);
      const tl::Metrics again = run_with_threads(info.name, seed, 1);
      const tl::Metrics two = run_with_threads(info.name, seed, 2);
      CAPTURE(show(first));
      CAPTURE(show(two));
      REQUIRE_FALSE(first.empty());
      CHECK(identical(first, again));
      CHECK(identical(first, two));
      differs_by_seed += !identical(first, run_with_threads(info.name, seed + 1, 1));
    }
    // The comparison can tell runs apart: another seed changes the metrics of (nearly) every
    // scenario.
    CHECK(differs_by_seed >= static_cast<int>(tl::scenarios().size()) - 2);
  }
}

// The dice button's seeds: deterministic, in range, never the current seed, varied per press.
#include <doctest/doctest.h>

#include <cstdint>
#include <set>

#include "app/new_seed.h"

TEST_SUITE("app/new_seed") {
  TEST_CASE("next_seed is deterministic, in range, and moves off the current seed") {
    for (uint64_t current :
         {uint64_t{0}, uint64_t{1}, uint64_t{7}, uint64_t{999999}, uint64_t{123456789012345ULL}}) {
      for (uint64_t press = 1; press <= 50; ++press) {
        const uint64_t s = tl::next_seed(current, press);
        CHECK(s == tl::next_seed(current, press));
        CHECK(s < tl::kNewSeedRange);
        CHECK(s != current);
      }
    }
  }

  TEST_CASE("successive presses give different seeds") {
    // A press sequence from seed 1, as the page runs it: each press starts from the last seed.
    std::set<uint64_t> seen;
    uint64_t seed = 1;
    for (uint64_t press = 1; press <= 1000; ++press) {
      seed = tl::next_seed(seed, press);
      seen.insert(seed);
    }
    // A million values, a thousand draws: a handful of repeats at most.
    CHECK(seen.size() >= 995);
    // The same press count from different seeds, and different press counts from the same seed,
    // differ.
    CHECK(tl::next_seed(1, 1) != tl::next_seed(2, 1));
    CHECK(tl::next_seed(1, 1) != tl::next_seed(1, 2));
  }
}

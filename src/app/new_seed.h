#pragma once
/// The seed the dice button ("New seed") picks. No clock: a tl::Rng seeded from the current seed
/// mixed with a count of presses, so every press moves to another seed (never the current one),
/// and the same presses from the same seed give the same seeds (a session can be replayed).
#include <cstdint>

#include "core/rng.h"

TL_NAMESPACE_BEGIN

/// Seeds the dice picks from: [0, kNewSeedRange), short enough to read and type.
constexpr uint64_t kNewSeedRange = 1000000;

/// The seed after `current` on the `press`-th press of the dice (press counts from 1).
inline uint64_t next_seed(uint64_t current, uint64_t press) {
  Rng rng(current ^ (press * 0x9e3779b97f4a7c15ULL), press);
  for (;;) {
    const uint64_t bits = (static_cast<uint64_t>(rng.next_u32()) << 32) | rng.next_u32();
    const uint64_t s = bits % kNewSeedRange;
    if (s != current) return s;
  }
}

TL_NAMESPACE_END

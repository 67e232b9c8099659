#pragma once
/// The seed every randomised test starts from. Fixed by default, printed at start, overridable
/// with --seed=N on the test binary's command line.
#include <cstdint>

namespace tl_test {
uint64_t base_seed();
}

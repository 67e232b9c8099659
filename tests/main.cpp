#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "support/seed.h"

namespace {
uint64_t g_seed = 20261128;
}

namespace tl_test {
uint64_t base_seed() {
  return g_seed;
}
}  // namespace tl_test

int main(int argc, char** argv) {
  // Take --seed=N (ours) out of the arguments before doctest sees them.
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--seed=", 7) == 0) {
      g_seed = std::strtoull(argv[i] + 7, nullptr, 10);
    } else {
      args.push_back(argv[i]);
    }
  }
  std::printf("tl_tests: base seed %llu (override with --seed=N)\n",
              static_cast<unsigned long long>(g_seed));
  doctest::Context context(static_cast<int>(args.size()), args.data());
  return context.run();
}

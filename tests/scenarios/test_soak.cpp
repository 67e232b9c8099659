// Soak: resident memory stays flat over many training steps. The suite runs a small budget; the
// documented long run (scripts/soak.sh) sets TL_SOAK_STEPS=200000 and prints the figures. Linux
// only (reads /proc/self/statm); skipped elsewhere, e.g. under Emscripten.
#include <doctest/doctest.h>

// Sanitizer builds hold freed memory in quarantine, so resident memory grows by design there.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define TL_SOAK_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TL_SOAK_SANITIZED 1
#endif

#if defined(__linux__) && !defined(__EMSCRIPTEN__) && !defined(TL_SOAK_SANITIZED)
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "scenarios/scenario.h"

namespace {

/// Resident set size in bytes (second field of /proc/self/statm, in pages).
long resident_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long size = 0, resident = -1;
  if (std::fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
  std::fclose(f);
  return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

long soak_steps() {
  const char* env = std::getenv("TL_SOAK_STEPS");
  if (!env || !*env) return 20000;
  char* end = nullptr;
  const long n = std::strtol(env, &end, 10);
  return *end == '\0' && n > 0 ? n : 20000;
}

struct SoakResult {
  long steps = 0;
  long rss_warm = 0, rss_end = 0;
};

/// Runs `steps` steps (after a warm-up) the way the page does: training steps under the
/// divergence guard, and every 500 steps the metrics and a prediction over a heatmap grid. A
/// scenario that finishes is reset.
SoakResult soak(const std::string& name, long steps) {
  const tl::ScenarioInfo* info = tl::find_scenario(name);
  REQUIRE(info != nullptr);
  auto s = info->make();
  REQUIRE(tl::set_config_field(s->visitor(), "epochs", "100000").ok());
  REQUIRE(s->reset(1).ok());
  const tl::Mat grid = tl::Mat::Random(s->input_dim(), 64 * 64);
  auto run = [&](long n) {
    for (long i = 0; i < n; ++i) {
      if (s->done()) REQUIRE(s->reset(1).ok());
      const tl::Status st = s->guarded_step();
      REQUIRE_MESSAGE(st.ok(), st.message);
      if (i % 500 == 0) {
        CHECK(!s->metrics().empty());
        CHECK(s->predict(grid).cols() == grid.cols());
      }
    }
  };
  const long warm_up = std::min(2000L, steps / 10 + 1);
  run(warm_up);
  SoakResult r;
  r.steps = steps;
  r.rss_warm = resident_bytes();
  run(steps);
  r.rss_end = resident_bytes();
  return r;
}

}  // namespace

TEST_SUITE("scenarios/soak") {
  TEST_CASE("resident memory does not grow over many training steps") {
    const long steps = soak_steps();
    const bool verbose = std::getenv("TL_SOAK_STEPS") != nullptr;
    // One single-phase scenario, one that switches phase (pre-training, then adaptation) and
    // one with a domain-adversarial head.
    for (const char* name : {"basic-moons", "finetune-moons", "dann-moons"}) {
      CAPTURE(name);
      const SoakResult r = soak(name, steps);
      REQUIRE(r.rss_warm > 0);
      const long delta = r.rss_end - r.rss_warm;
      CAPTURE(r.rss_warm);
      CAPTURE(r.rss_end);
      if (verbose)
        std::printf(
            "soak %-16s steps %ld  rss after warm-up %.2f MB  at end %.2f MB  delta %+ld KB\n",
            name, r.steps, r.rss_warm / 1048576.0, r.rss_end / 1048576.0, delta / 1024);
      // A leak of 100 bytes per step shows at 20k steps; allocator noise stays far below.
      CHECK(delta <= 1L << 20);
    }
  }
}
#endif

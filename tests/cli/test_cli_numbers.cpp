// The CLI's number options go through the strict parser (core/parse.h): spaces, signs,
// overflow and trailing characters are usage errors (exit 2), the plain form still runs.
#ifndef __EMSCRIPTEN__
#include <doctest/doctest.h>

#include <string>

#include "support/cli_run.h"

namespace {
constexpr const char* kStderrPath = "/tmp/tl_cli_numbers_stderr.txt";

tl_test::CliRun run_cli(const std::string& args) {
  return tl_test::run_cli_with(args, kStderrPath);
}
}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("--seed, --steps, --threads and --batch reject anything but plain digits in range") {
    for (const char* bad : {"' -1'", "' 1'", "'1 '", "+1", "-1", "18446744073709551616",
                            "99999999999999999999999", "1x", "0x10", "1e3", "''"}) {
      CAPTURE(bad);
      const tl_test::CliRun seed = run_cli(std::string("run basic-moons --seed ") + bad);
      CHECK(seed.code == 2);
      CHECK(seed.err.find("--seed needs a non-negative integer") != std::string::npos);
      const tl_test::CliRun steps = run_cli(std::string("run basic-moons --steps ") + bad);
      CHECK(steps.code == 2);
      CHECK(steps.err.find("--steps needs a non-negative integer") != std::string::npos);
      CHECK(run_cli(std::string("bench --threads ") + bad).code == 2);
      CHECK(run_cli(std::string("bench --batch ") + bad).code == 2);
    }
    // The largest seed is accepted, and the run reports it (the text report prints it exactly).
    const tl_test::CliRun max = run_cli("run basic-moons --seed 18446744073709551615 --steps 1");
    CHECK(max.code == 0);
    CHECK(max.out.find("18446744073709551615") != std::string::npos);
  }

  TEST_CASE("--set numbers are strict too: no spaces, garbage, overflow or non-finite reals") {
    for (const char* bad :
         {"'lr= 0.1'", "'lr=0.1 '", "lr=0.1x", "lr=inf", "lr=nan", "lr=0x1p-3", "lr=1e999",
          "'epochs= 5'", "epochs=5.0", "epochs=99999999999999999999", "'hidden=8, 8'"}) {
      CAPTURE(bad);
      CHECK(run_cli(std::string("run basic-moons --steps 1 --set ") + bad).code == 2);
    }
    CHECK(run_cli("run basic-moons --steps 1 --set lr=1e-2 --set epochs=+5").code == 0);
  }
}
#endif

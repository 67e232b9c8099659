// Every seed input (tests/fuzz/corpus/NAME) and every input that once made a fuzz target fail
// (tests/fuzz/regressions/NAME) goes through the fuzz targets' checks in the ordinary test binary,
// so a fixed crash stays fixed in every build, sanitized or not.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "fuzz/checks.h"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs `check` over the files of corpus/NAME and regressions/NAME; returns how many there were.
template <class Check>
int replay(const std::string& name, Check check) {
  int files = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path folder = fs::path(TL_SOURCE_DIR) / "tests" / "fuzz" / kind / name;
    if (!fs::is_directory(folder)) continue;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (!entry.is_regular_file()) continue;
      INFO(entry.path().string());
      CHECK(check(read_file(entry.path())) == "");
      ++files;
    }
  }
  return files;
}

}  // namespace

TEST_SUITE("fuzz/replay") {
  TEST_CASE("the CSV reader passes its fuzz checks on every seed and regression input") {
    CHECK(replay("csv", tl_fuzz::check_csv) >= 4);
  }

  TEST_CASE(
      "the attribute-table reader passes its fuzz checks on every seed and regression input") {
    CHECK(replay("attributes", tl_fuzz::check_attributes) >= 2);
  }

  TEST_CASE("the model loader passes its fuzz checks on every seed and regression input") {
    CHECK(replay("model", tl_fuzz::check_model) >= 2);
  }

  TEST_CASE("the URL-state parser passes its fuzz checks on every seed and regression input") {
    CHECK(replay("url_state", tl_fuzz::check_url_state) >= 9);
  }
}

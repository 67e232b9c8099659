// The bad-input corpus run through the CLI: every file is written at test time into a fresh
// temporary folder (the million-column and 200 MB files too; the latter is sparse, so it costs no
// disk time: the size limit must reject it before anything is read). Each bad file must exit with
// 3 and a message naming the file, the problem and where it is; nothing may crash.
#ifndef __EMSCRIPTEN__
#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/json.h"
#include "support/cli_run.h"

namespace {

namespace fs = std::filesystem;

/// A temporary folder removed with everything in it at the end of the test case.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tl_bad_input_XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
  REQUIRE(f.good());
}

using Run = tl_test::CliRun;

Run run_cli(const TempDir& dir, const std::string& args) {
  return tl_test::run_cli_with(args, dir.file("stderr.txt"));
}

/// The bytes of a string literal, NULs included (without the terminating one).
template <size_t N>
std::string bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

/// Two classes of 2-D points, `rows` of them, as CSV rows with the given label texts.
std::string two_class_rows(int rows, const char* label0, const char* label1) {
  std::string s;
  for (int i = 0; i < rows; ++i)
    s += std::to_string((i % 2 ? 1.0 : -1.0) + 0.01 * i) + ",0.5," + (i % 2 ? label1 : label0) +
         "\n";
  return s;
}

struct BadCase {
  const char* name;                   ///< file name, shown on failure
  const char* scenario;               ///< scenario to run
  const char* flag;                   ///< --source-csv or --target-csv
  std::string bytes;                  ///< file contents
  std::vector<std::string> expected;  ///< parts the message must contain (file name is implied)
};

}  // namespace

TEST_SUITE("cli/bad_input") {
  TEST_CASE("every file of the bad-input corpus exits with 3 naming file, problem and place") {
    TempDir dir;
    const std::vector<BadCase> cases = {
        {"empty.csv", "basic-moons", "--source-csv", "", {"empty file"}},
        {"blank_lines.csv", "basic-moons", "--source-csv", "\n \r\n\n", {"empty file"}},
        {"header_only.csv", "basic-moons", "--source-csv", "x,y,label\n", {"header only"}},
        {"ragged.csv",
         "basic-moons",
         "--source-csv",
         "x,y,label\n1,2,0\n3,4,1\n5,6\n",
         {"row 4", "expected 3 columns, got 2"}},
        {"non_numeric.csv",
         "basic-moons",
         "--source-csv",
         "x,y,label\n1,2,0\n3,abc,1\n",
         {"row 3, column 2 ('y')", "'abc' is not a number"}},
        {"nan.csv",
         "basic-moons",
         "--source-csv",
         "x,y,label\n1,2,0\n3,NaN,1\n",
         {"row 3, column 2 ('y')", "not a finite number"}},
        {"inf.csv",
         "finetune-moons",
         "--target-csv",
         "x,y,label\n-inf,2,0\n3,1,1\n",
         {"row 2, column 1 ('x')", "not a finite number"}},
        {"overflow.csv",
         "basic-moons",
         "--source-csv",
         "x,y,label\n1,2,0\n1e999,1,1\n",
         {"row 3, column 1 ('x')", "out of range"}},
        {"single_class.csv",
         "basic-moons",
         "--source-csv",
         "x,y,label\n" + two_class_rows(10, "0", "0"),
         {"needs labelled points of at least 2 classes, found 1"}},
        {"single_class_target.csv",
         "finetune-moons",
         "--target-csv",
         "x,y,label\n" + two_class_rows(10, "cat", "cat"),
         {"target: needs labelled points of at least 2 classes, found 1"}},
        {"million_columns.csv",
         "basic-moons",
         "--source-csv",
         repeat("0,", 999999) + "0\n" + repeat("1,", 999999) + "1\n",
         {"row 1", "more than 4096 columns", "the limit is 4096"}},
        {"duplicate_header.csv",
         "basic-moons",
         "--source-csv",
         "a,b,a,label\n1,2,3,0\n4,5,6,1\n",
         {"row 1", "duplicate column name 'a'", "columns 1 and 3"}},
        {"binary.bin",
         "basic-moons",
         "--source-csv",
         bytes("x,label\n1,0\n2\x01\x02\x7f\xfe\x00,1\n"),
         {"row 3", "binary data", "byte offset 13", "expected a text file"}},
        {"invalid_utf8.csv",
         "basic-moons",
         "--source-csv",
         "x,label\n1,caf\xE9\n",
         {"row 2", "invalid UTF-8 at byte offset 13"}},
        {"utf16_bom.csv",
         "basic-moons",
         "--source-csv",
         bytes("\xFF\xFEx\0,\0l\0a\0b\0e\0l\0\n\0001\0,\0000\0\n\0"),
         {"looks like UTF-16; save as UTF-8", "byte-order mark FF FE at byte offset 0"}},
        {"utf16_no_bom.csv",
         "basic-moons",
         "--source-csv",
         bytes("x\0,\0l\0a\0b\0e\0l\0\n\0001\0,\0000\0\n\0"),
         {"looks like UTF-16; save as UTF-8", "byte offset 1"}},
        {"wrong_dimension.csv",
         "finetune-moons",
         "--source-csv",
         "x,y,z,label\n1,2,3,0\n4,5,6,1\n7,8,9,0\n",
         {"source: expected 2 feature columns, got 3"}},
        {"wrong_dimension_target.csv",
         "selftaught-2d",
         "--target-csv",
         "x,y,z,label\n1,2,3,0\n4,5,6,1\n7,8,9,0\n",
         {"target: expected 2 feature columns, got 3"}},
        {"negative_label.csv",
         "basic-moons",
         "--source-csv",
         "x,y,label\n1,2,0\n3,4,-1\n",
         {"row 3, column 3 ('label')", "negative label"}},
        {"unterminated_quote.csv",
         "basic-moons",
         "--source-csv",
         "x,label\n1,0\n2,\"cat\n3,1\n",
         {"row 3, column 2", "unterminated quote"}},
    };
    for (const BadCase& c : cases) {
      CAPTURE(c.name);
      const std::string path = dir.file(c.name);
      write_file(path, c.bytes);
      const Run r = run_cli(dir, std::string("run ") + c.scenario + " " + c.flag + " " + path);
      CAPTURE(r.err);
      CHECK(r.code == 3);
      CHECK(r.out.empty());
      CHECK(r.err.rfind("transferlab: " + path + ": ", 0) == 0);
      for (const std::string& part : c.expected) CHECK(contains(r.err, part));
      CHECK_FALSE(contains(r.err, "terminate called"));
      CHECK_FALSE(contains(r.err, "Assertion"));
    }
  }

  TEST_CASE("a 200 MB file is refused by the size limit before it is read") {
    TempDir dir;
    const std::string path = dir.file("huge.csv");
    {
      std::ofstream f(path, std::ios::binary);
      REQUIRE(f.good());
    }
    // Sparse: no data blocks are written. Read, it would be 200 MB of NUL bytes, whose message
    // would be about UTF-16 or binary data rather than the size.
    fs::resize_file(path, std::uintmax_t{200} << 20);
    REQUIRE(fs::file_size(path) == std::uintmax_t{200} << 20);
    const Run r = run_cli(dir, "run basic-moons --source-csv " + path);
    CAPTURE(r.err);
    CHECK(r.code == 3);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("transferlab: " + path + ": ", 0) == 0);
    CHECK(contains(r.err, "200 MB"));
    CHECK(contains(r.err, "over the limit of 64 MB"));
  }

  TEST_CASE("a missing file exits with 3 naming the file") {
    TempDir dir;
    const std::string path = dir.file("missing.csv");
    const Run r = run_cli(dir, "run basic-moons --target-csv " + path);
    // basic-moons takes no target data set; a missing file is reported before that.
    CHECK(r.code == 3);
    CHECK(r.err.rfind("transferlab: " + path + ": ", 0) == 0);
    CHECK(contains(r.err, "cannot open"));
  }

  TEST_CASE("string labels are accepted and the class-name mapping is shown") {
    TempDir dir;
    const std::string path = dir.file("animals.csv");
    write_file(path, "a,b,label\n" + two_class_rows(40, "cat", "dog"));

    const Run table = run_cli(dir, "run basic-moons --steps 5 --source-csv " + path);
    CAPTURE(table.err);
    REQUIRE(table.code == 0);
    CHECK(contains(table.out, "\nclasses   0=cat 1=dog\n"));

    const Run json = run_cli(dir, "run basic-moons --steps 5 --json --source-csv " + path);
    REQUIRE(json.code == 0);
    auto j = tl::Json::parse(json.out);
    REQUIRE(j.ok());
    const tl::Json* names = j->find("class_names");
    REQUIRE(names != nullptr);
    REQUIRE(names->is_array());
    REQUIRE(names->items().size() == 2);
    CHECK(names->items()[0].as_string() == "cat");
    CHECK(names->items()[1].as_string() == "dog");
    CHECK(j->find("target_class_names") == nullptr);
  }

  TEST_CASE("source and target class names are shown separately when both files have them") {
    TempDir dir;
    const std::string src = dir.file("src.csv"), tgt = dir.file("tgt.csv");
    write_file(src, "a,b,label\n" + two_class_rows(40, "cat", "dog"));
    write_file(tgt, "a,b,label\n" + two_class_rows(40, "dog", "cat"));
    const Run r = run_cli(
        dir, "run finetune-moons --steps 3 --json --source-csv " + src + " --target-csv " + tgt);
    CAPTURE(r.err);
    REQUIRE(r.code == 0);
    auto j = tl::Json::parse(r.out);
    REQUIRE(j.ok());
    REQUIRE(j->find("class_names") != nullptr);
    REQUIRE(j->find("target_class_names") != nullptr);
    CHECK(j->find("class_names")->items()[0].as_string() == "cat");
    CHECK(j->find("target_class_names")->items()[0].as_string() == "dog");
    const Run table =
        run_cli(dir, "run finetune-moons --steps 3 --source-csv " + src + " --target-csv " + tgt);
    REQUIRE(table.code == 0);
    CHECK(contains(table.out, "\nclasses   0=cat 1=dog\n"));
    CHECK(contains(table.out, "\ntarget    0=dog 1=cat\n"));
  }

  TEST_CASE("numeric labels show no class-name mapping") {
    TempDir dir;
    const std::string path = dir.file("numeric.csv");
    write_file(path, "a,b,label\n" + two_class_rows(40, "0", "1"));
    const Run r = run_cli(dir, "run basic-moons --steps 3 --json --source-csv " + path);
    REQUIRE(r.code == 0);
    auto j = tl::Json::parse(r.out);
    REQUIRE(j.ok());
    CHECK(j->find("class_names") == nullptr);
    CHECK_FALSE(
        contains(run_cli(dir, "run basic-moons --steps 3 --source-csv " + path).out, "\nclasses "));
  }

  TEST_CASE("config values past the size limits exit with 2 and state the limit") {
    TempDir dir;
    const std::pair<const char*, const char*> refused[] = {
        {"hidden=2000", "each width must be an integer in [1, 1024]"},
        {"hidden=8,8,8,8,8,8,8,8,8", "at most 8 hidden layers"},
        {"hidden=1024,1024,1", "2049 hidden units; the limit is 2048 in all"},
        {"batch=100000", "out of range [1, 4096]"},
        {"points=1000000", "out of range [4, 20000]"},
    };
    for (const auto& item : refused) {
      const char* set = item.first;
      const char* expected = item.second;
      CAPTURE(set);
      const Run r = run_cli(dir, std::string("run basic-moons --steps 1 --set ") + set);
      CAPTURE(r.err);
      CHECK(r.code == 2);
      CHECK(contains(r.err, expected));
    }
    // Exactly at the limits is accepted.
    const Run at =
        run_cli(dir, "run basic-moons --steps 1 --set hidden=1024,1024 --set batch=4096");
    CAPTURE(at.err);
    CHECK(at.code == 0);
  }
}
#endif

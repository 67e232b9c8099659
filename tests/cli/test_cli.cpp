// The CLI's contract: list, run --json, exit codes. Runs the native binary as a subprocess.
#ifndef __EMSCRIPTEN__
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "core/json.h"
#include "scenarios/scenario.h"
#include "support/cli_run.h"

namespace {
constexpr const char* kStderrPath = "/tmp/tl_cli_stderr.txt";

tl_test::CliRun run_cli(const std::string& args) {
  return tl_test::run_cli_with(args, kStderrPath);
}

std::string last_stderr() {
  std::ifstream f(kStderrPath);
  return std::string(std::istreambuf_iterator<char>(f), {});
}
}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("list prints one scenario per line as name, tab, title, tab, description") {
    tl_test::CliRun o = run_cli("list");
    CHECK(o.code == 0);
    const tl::ScenarioInfo& first = tl::scenarios().front();
    CHECK(o.out.find(first.name + "\t" + first.title + "\t" + first.description + "\n") == 0);
    size_t lines = 0;
    for (size_t pos = 0; (pos = o.out.find('\n', pos)) != std::string::npos; ++pos) ++lines;
    CHECK(lines >= 1);
  }

  TEST_CASE("run --json prints exactly one JSON object with the documented fields") {
    tl_test::CliRun o = run_cli("run basic-moons --seed 3 --set epochs=20 --json");
    REQUIRE(o.code == 0);
    CHECK(o.out.find('\n') == o.out.size() - 1);
    auto j = tl::Json::parse(o.out);
    REQUIRE(j.ok());
    CHECK(j->find("scenario")->as_string() == "basic-moons");
    CHECK(j->find("seed")->as_number() == 3);
    CHECK(j->find("config")->find("epochs")->as_number() == 20);
    CHECK(j->find("metrics")->find("test_acc")->as_number() > 0.8);
    CHECK(j->find("steps")->as_number() > 0);
    CHECK(j->find("seconds")->is_number());
  }

  TEST_CASE("run --json describes every metric in metrics_info") {
    tl_test::CliRun o = run_cli("run finetune-moons --seed 2 --steps 150 --json");
    REQUIRE(o.code == 0);
    auto j = tl::Json::parse(o.out);
    REQUIRE(j.ok());
    const tl::Json* metrics = j->find("metrics");
    const tl::Json* info = j->find("metrics_info");
    REQUIRE(metrics != nullptr);
    REQUIRE(info != nullptr);
    size_t n = 0;
    for (const auto& kv : metrics->members()) {
      CAPTURE(kv.first);
      const tl::Json* mi = info->find(kv.first);
      REQUIRE(mi != nullptr);
      CHECK(!mi->find("label")->as_string().empty());
      CHECK(!mi->find("description")->as_string().empty());
      CHECK(mi->find("kind")->is_string());
      CHECK(mi->find("role")->is_string());
      const tl::Json* cmp = mi->find("compared_with");
      REQUIRE(cmp != nullptr);
      if (cmp->is_string()) CHECK(metrics->find(cmp->as_string()) != nullptr);
      ++n;
    }
    CHECK(n >= 4);
    CHECK(info->members().size() == n);
    const tl::Json* t = info->find("target_acc");
    CHECK(t->find("kind")->as_string() == "fraction");
    CHECK(t->find("role")->as_string() == "method");
    CHECK(t->find("compared_with")->as_string() == "scratch_target_acc");
    CHECK(info->find("scratch_target_acc")->find("role")->as_string() == "baseline");
    CHECK(info->find("scratch_target_acc")->find("compared_with")->is_null());
    // The table: a method's metric shows its difference to the one it is compared with.
    tl_test::CliRun table = run_cli("run finetune-moons --seed 2 --steps 150");
    REQUIRE(table.code == 0);
    CHECK(table.out.find(" vs scratch_target_acc)") != std::string::npos);
  }

  TEST_CASE("--steps stops early and the table output names the metrics") {
    tl_test::CliRun o = run_cli("run basic-moons --steps 7");
    REQUIRE(o.code == 0);
    CHECK(o.out.find("steps     7") != std::string::npos);
    CHECK(o.out.find("test_acc") != std::string::npos);
  }

  TEST_CASE("usage errors exit with 2 and say what is wrong") {
    CHECK(run_cli("").code == 2);
    CHECK(run_cli("frobnicate").code == 2);
    CHECK(run_cli("run").code == 2);
    CHECK(run_cli("run no-such-scenario").code == 2);
    CHECK(last_stderr().find("unknown scenario") != std::string::npos);
    CHECK(run_cli("run basic-moons --set bogus=1").code == 2);
    CHECK(last_stderr().find("valid keys") != std::string::npos);
    CHECK(run_cli("run basic-moons --set lr=5000").code == 2);
    CHECK(last_stderr().find("out of range") != std::string::npos);
    CHECK(run_cli("run basic-moons --seed -4").code == 2);
    CHECK(run_cli("run basic-moons --wat").code == 2);
  }

  TEST_CASE("bad input data exits with 3 and names the file, row and column") {
    const std::string path = "/tmp/tl_cli_bad.csv";
    {
      std::ofstream f(path);
      f << "x,y,label\n0.1,0.2,0\n0.3,abc,1\n";
    }
    CHECK(run_cli("run basic-moons --source-csv " + path).code == 3);
    const std::string err = last_stderr();
    CHECK(err.find("row 3") != std::string::npos);
    CHECK(err.find("column 2") != std::string::npos);
    CHECK(run_cli("run basic-moons --source-csv /nonexistent.csv").code == 3);
    {
      std::ofstream f(path);
      f << "x,y,label\n0.1,0.2,0\n0.3,0.4,0\n";
    }
    CHECK(run_cli("run basic-moons --source-csv " + path).code == 3);
    CHECK(last_stderr().find("at least 2 classes") != std::string::npos);
  }

  TEST_CASE("a user CSV replaces the scenario's data") {
    const std::string path = "/tmp/tl_cli_good.csv";
    {
      std::ofstream f(path);
      f << "a,b,label\n";
      for (int i = 0; i < 40; ++i)
        f << (i % 2 ? 1.0 : -1.0) + 0.01 * i << "," << 0.5 << "," << i % 2 << "\n";
    }
    tl_test::CliRun o = run_cli("run basic-moons --json --source-csv " + path);
    REQUIRE(o.code == 0);
    auto j = tl::Json::parse(o.out);
    REQUIRE(j.ok());
    CHECK(j->find("metrics")->find("test_acc")->as_number() == 1.0);
  }

  TEST_CASE("a diverging run exits with 4, keeps finite metrics and suggests a lower rate") {
    tl_test::CliRun o = run_cli("run basic-moons --set lr=100 --set optimizer=sgd --json");
    CHECK(o.code == 4);
    const std::string err = last_stderr();
    CHECK(err.find("training diverged at step") != std::string::npos);
    CHECK(err.find("lower learning rate") != std::string::npos);
    auto j = tl::Json::parse(o.out);
    REQUIRE(j.ok());
    REQUIRE(j->find("diverged") != nullptr);
    CHECK(j->find("diverged")->as_string().find("restored") != std::string::npos);
    CHECK(j->find("steps")->as_number() < 840);
    CHECK(std::isfinite(j->find("metrics")->find("loss")->as_number()));

    tl_test::CliRun table = run_cli("run basic-moons --set lr=100 --set optimizer=sgd");
    CHECK(table.code == 4);
    CHECK(table.out.find("diverged  training diverged") != std::string::npos);
  }
  TEST_CASE("--attributes replaces the class table of a zero-shot scenario") {
    const std::string path = "/tmp/tl_cli_attributes.csv";
    auto write = [&](const std::string& text) {
      std::ofstream f(path);
      f << text;
    };
    auto metrics_of = [](const tl_test::CliRun& o) {
      auto j = tl::Json::parse(o.out);
      REQUIRE(j.ok());
      return j->find("metrics")->dump();
    };
    // The shipped animals table, rows in reverse order: matched by name, the same run.
    const std::string header = "class,left,right,upper,lower,near_origin\n";
    const char* rows[9] = {"eagle,1,0,1,0,0", "owl,0,0,1,0,0",  "bat,0,1,1,0,0",
                           "cat,1,0,0,0,0",   "dog,0,0,0,0,1",  "horse,0,1,0,0,0",
                           "frog,1,0,0,1,0",  "crab,0,0,0,1,0", "whale,0,1,0,1,0"};
    std::string reversed = header;
    for (int i = 8; i >= 0; --i) reversed += std::string(rows[i]) + "\n";
    write(reversed);
    const std::string args = "run zeroshot-animals --set epochs=2 --json";
    const tl_test::CliRun plain = run_cli(args);
    REQUIRE(plain.code == 0);
    const tl_test::CliRun same = run_cli(args + " --attributes " + path);
    REQUIRE(same.code == 0);
    CHECK(metrics_of(same) == metrics_of(plain));

    // Real-valued vectors (any number of columns): conse and embed take them, DAP refuses.
    std::string vectors = "class,v1,v2,v3\n";
    for (int i = 0; i < 9; ++i) {
      const std::string row = rows[i];
      vectors += row.substr(0, row.find(',')) + "," + std::to_string(0.3 * i - 1.1) + "," +
                 std::to_string((i * 7 % 9) * -0.25) + "," + std::to_string(1.5 - 0.1 * i * i) +
                 "\n";
    }
    write(vectors);
    tl_test::CliRun embed = run_cli(args + " --set method=embed --attributes " + path);
    CHECK(embed.code == 0);
    CHECK(metrics_of(embed).find("unseen_acc") != std::string::npos);
    CHECK(run_cli(args + " --set method=conse --attributes " + path).code == 0);
    CHECK(run_cli(args + " --set method=dap --attributes " + path).code == 3);
    CHECK(last_stderr().find("method=conse or method=embed") != std::string::npos);

    // The digits table with a noisy extra column.
    std::string digits =
        "class,top,upper_left,upper_right,middle,lower_left,lower_right,bottom,loop,two_loops,"
        "diagonal,vertical,symmetric,noise\n"
        "0,1,1,1,0,1,1,1,1,0,0,0,1,0.31\n1,0,0,0,0,0,0,1,0,0,0,1,1,0.92\n"
        "2,1,0,1,0,1,0,1,0,0,1,0,0,0.05\n3,1,0,1,1,0,1,1,0,0,0,0,0,0.47\n"
        "4,0,1,0,1,0,1,0,0,0,1,1,0,0.66\n5,1,1,0,1,0,1,1,0,0,0,0,0,0.12\n"
        "6,0,1,0,1,1,1,1,1,0,1,0,0,0.83\n7,1,0,1,1,1,0,0,0,0,1,0,0,0.29\n"
        "8,1,1,1,1,1,1,1,1,1,0,0,1,0.58\n9,1,1,1,1,0,1,1,1,0,0,0,0,0.74\n";
    write(digits);
    CHECK(run_cli("run zeroshot-digits --steps 5 --json --attributes " + path).code == 0);

    // Bad files: exit 3, the file and the place named, nothing run.
    std::string no_bat = header;
    for (int i = 0; i < 9; ++i)
      if (i != 2) no_bat += std::string(rows[i]) + "\n";
    write(no_bat);
    tl_test::CliRun bad = run_cli(args + " --attributes " + path);
    CHECK(bad.code == 3);
    CHECK(bad.out.empty());
    CHECK(last_stderr().find(path + ": attributes: missing class 'bat'") != std::string::npos);
    write(header + "eagle,1,0,1,0,0\nowl,0,0,x,0,0\n");
    CHECK(run_cli(args + " --attributes " + path).code == 3);
    CHECK(last_stderr().find(path + ": row 3") != std::string::npos);
    write(reversed + "owl,0,0,1,1,1\n");
    CHECK(run_cli(args + " --attributes " + path).code == 3);
    CHECK(last_stderr().find("duplicate class 'owl'") != std::string::npos);
    CHECK(run_cli(args + " --attributes /nonexistent.csv").code == 3);
    CHECK(last_stderr().find("/nonexistent.csv") != std::string::npos);
    write(reversed);
    CHECK(run_cli("run basic-moons --attributes " + path).code == 3);
    CHECK(last_stderr().find("takes no class table") != std::string::npos);
    CHECK(run_cli("run zeroshot-animals --attributes").code == 2);
  }
}
#endif

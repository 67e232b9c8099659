// The CLI's contract: list, run --json, exit codes. Runs the native binary as a subprocess.
#ifndef __EMSCRIPTEN__
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "core/json.h"

namespace {
struct Output {
  int code;
  std::string out;
};

Output run_cli(const std::string& args) {
  const std::string cmd = std::string(TL_CLI_PATH) + " " + args + " 2>/tmp/tl_cli_stderr.txt";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string last_stderr() {
  std::ifstream f("/tmp/tl_cli_stderr.txt");
  return std::string(std::istreambuf_iterator<char>(f), {});
}
}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("list prints one scenario per line as name, tab, description") {
    Output o = run_cli("list");
    CHECK(o.code == 0);
    CHECK(o.out.find("basic-moons\t") == 0);
    size_t lines = 0;
    for (size_t pos = 0; (pos = o.out.find('\n', pos)) != std::string::npos; ++pos) ++lines;
    CHECK(lines >= 1);
  }

  TEST_CASE("run --json prints exactly one JSON object with the documented fields") {
    Output o = run_cli("run basic-moons --seed 3 --set epochs=20 --json");
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

  TEST_CASE("--steps stops early and the table output names the metrics") {
    Output o = run_cli("run basic-moons --steps 7");
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
    CHECK(run_cli("run basic-moons --set lr=1000").code == 2);
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
      for (int i = 0; i < 40; ++i) f << (i % 2 ? 1.0 : -1.0) + 0.01 * i << "," << 0.5 << "," << i % 2 << "\n";
    }
    Output o = run_cli("run basic-moons --json --source-csv " + path);
    REQUIRE(o.code == 0);
    auto j = tl::Json::parse(o.out);
    REQUIRE(j.ok());
    CHECK(j->find("metrics")->find("test_acc")->as_number() == 1.0);
  }
}
#endif

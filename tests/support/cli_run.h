#pragma once
/// Runs the native CLI (TL_CLI_PATH) as a subprocess: its exit status, standard output and
/// standard error (through a file). Native builds only.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace tl_test {

struct CliRun {
  int code;  ///< exit status, -1 when killed by a signal
  std::string out, err;
};

/// `transferlab ARGS` with standard error written to `err_path` (and read back).
inline CliRun run_cli_with(const std::string& args, const std::string& err_path) {
  const std::string cmd = std::string(TL_CLI_PATH) + " " + args + " 2>" + err_path;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  std::ifstream f(err_path, std::ios::binary);
  std::string err{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err};
}

}  // namespace tl_test

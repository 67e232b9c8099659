// transferlab: the command-line runner over the training core.
//   transferlab list
//   transferlab run SCENARIO [--seed N] [--set key=value]... [--steps N] [--json]
//                            [--source-csv FILE] [--target-csv FILE] [--attributes FILE]
// Exit codes: 0 success, 2 usage error, 3 bad input data, 4 training diverged (the metrics are
// those of the last good weights, which the divergence guard restored).
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "bench.h"
#include "core/json.h"
#include "core/parse.h"
#include "data/csv.h"
#include "scenarios/scenario.h"

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitData = 3;
constexpr int kExitDiverged = 4;
constexpr uint64_t kDefaultSeed = 1;

const char* kUsage =
    "usage:\n"
    "  transferlab list\n"
    "  transferlab run SCENARIO [--seed N] [--set key=value]... [--steps N] [--json]\n"
    "                           [--source-csv FILE] [--target-csv FILE] [--attributes FILE]\n"
    "  --attributes FILE: zero-shot class semantics, CSV 'class,v1,v2,...' (one row per class,\n"
    "    matched by name; attributes or any class embedding such as word vectors; method=dap\n"
    "    needs values in [0, 1], conse and embed take any numbers)\n"
    "  transferlab bench [--workload w1|w2|w3|grid|gemm|all] [--threads N] [--batch N] [--json]\n"
    "exit codes: 0 success, 2 usage error, 3 bad input data, 4 training diverged\n";

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "transferlab: %s\n%s", msg.c_str(), kUsage);
  return kExitUsage;
}

int data_error(const std::string& msg) {
  std::fprintf(stderr, "transferlab: %s\n", msg.c_str());
  return kExitData;
}

/// Strict unsigned decimal (no sign, spaces or overflow; see core/parse.h).
bool parse_u64(const char* s, uint64_t& out) {
  const std::optional<uint64_t> v = tl::parse_unsigned(s);
  if (v) out = *v;
  return v.has_value();
}

int cmd_list() {
  for (const auto& s : tl::scenarios())
    std::printf("%s\t%s\t%s\n", s.name.c_str(), s.title.c_str(), s.description.c_str());
  return 0;
}

int cmd_run(int argc, char** argv) {
  if (argc < 1) return usage_error("run: missing SCENARIO (see 'transferlab list')");
  const std::string name = argv[0];
  const tl::ScenarioInfo* info = tl::find_scenario(name);
  if (!info) return usage_error("unknown scenario '" + name + "' (see 'transferlab list')");
  auto scenario = info->make();

  uint64_t seed = kDefaultSeed;
  long max_steps = -1;
  bool json = false;
  std::string source_csv, target_csv, attributes_csv;
  std::vector<std::string> source_classes, target_classes;  // names of string labels
  std::vector<std::pair<std::string, std::string>> sets;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* flag) -> const char* {
      if (i + 1 >= argc) return nullptr;
      (void)flag;
      return argv[++i];
    };
    if (arg == "--json") {
      json = true;
    } else if (arg == "--seed") {
      const char* v = value("--seed");
      if (!v || !parse_u64(v, seed)) return usage_error("--seed needs a non-negative integer");
    } else if (arg == "--steps") {
      const char* v = value("--steps");
      uint64_t n = 0;
      if (!v || !parse_u64(v, n)) return usage_error("--steps needs a non-negative integer");
      max_steps = static_cast<long>(n);
    } else if (arg == "--set") {
      const char* v = value("--set");
      if (!v) return usage_error("--set needs key=value");
      const char* eq = std::strchr(v, '=');
      if (!eq) return usage_error(std::string("--set ") + v + ": expected key=value");
      sets.emplace_back(std::string(v, eq), std::string(eq + 1));
    } else if (arg == "--source-csv") {
      const char* v = value("--source-csv");
      if (!v) return usage_error("--source-csv needs a file");
      source_csv = v;
    } else if (arg == "--target-csv") {
      const char* v = value("--target-csv");
      if (!v) return usage_error("--target-csv needs a file");
      target_csv = v;
    } else if (arg == "--attributes") {
      const char* v = value("--attributes");
      if (!v) return usage_error("--attributes needs a file");
      attributes_csv = v;
    } else {
      return usage_error("unknown option '" + arg + "'");
    }
  }
  for (const auto& kv : sets) {
    tl::Status st = scenario->set_field(kv.first, kv.second);
    if (!st.ok()) return usage_error("--set " + kv.first + "=" + kv.second + ": " + st.message);
  }
  if (!source_csv.empty()) {
    auto ds = tl::load_csv(source_csv);
    if (!ds) return data_error(ds.error());
    source_classes = ds->class_names;
    tl::Status st = scenario->set_user_source(std::move(*ds));
    if (!st.ok()) return data_error(source_csv + ": " + st.message);
  }
  if (!target_csv.empty()) {
    auto ds = tl::load_csv(target_csv);
    if (!ds) return data_error(ds.error());
    target_classes = ds->class_names;
    tl::Status st = scenario->set_user_target(std::move(*ds));
    if (!st.ok()) return data_error(target_csv + ": " + st.message);
  }

  if (!attributes_csv.empty()) {
    auto table = tl::load_attribute_table_file(attributes_csv, {});
    if (!table) return data_error(table.error());
    tl::Status st = scenario->set_user_class_semantics(std::move(*table));
    if (!st.ok()) return data_error(attributes_csv + ": " + st.message);
  }

  const auto t0 = std::chrono::steady_clock::now();
  tl::Status st = scenario->reset(seed);
  if (!st.ok()) return data_error(st.message);
  const long total =
      max_steps >= 0 ? std::min(max_steps, scenario->total_steps()) : scenario->total_steps();
  const bool progress = isatty(2) != 0;
  auto last_report = t0;
  tl::StepStats stats;
  std::string diverged;
  while (scenario->steps_done() < total) {
    const tl::Status step_status = scenario->guarded_step(&stats);
    if (!step_status.ok()) {
      diverged = step_status.message;
      break;
    }
    if (progress) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_report > std::chrono::milliseconds(200)) {
        last_report = now;
        std::fprintf(stderr, "\r%s: step %ld/%ld  %-10s loss %.4f   ", name.c_str(),
                     scenario->steps_done(), total, stats.phase.c_str(), stats.loss);
      }
    }
  }
  if (progress) std::fprintf(stderr, "\r%*s\r", 70, "");
  if (!diverged.empty()) std::fprintf(stderr, "transferlab: %s\n", diverged.c_str());
  const int status = diverged.empty() ? 0 : kExitDiverged;
  const tl::Metrics metrics = scenario->metrics();
  const tl::MetricInfoList metrics_info = scenario->metrics_info();
  auto info_of = [&](const std::string& metric_name) {
    return tl::metric_info_or_default(metrics_info, metric_name);
  };
  // String labels of a CSV file are numbered in order of first appearance: show the mapping
  // ("class_names" and "classes", the target's separately when both files have names).
  const bool both_named = !source_classes.empty() && !target_classes.empty();
  const std::vector<std::string>& main_classes =
      source_classes.empty() ? target_classes : source_classes;
  auto classes_json = [](const std::vector<std::string>& names) {
    tl::Json a = tl::Json::array();
    for (const auto& n : names) a.push(tl::Json::string(n));
    return a;
  };
  auto classes_line = [](const char* label, const std::vector<std::string>& names) {
    std::printf("%-9s", label);
    for (size_t i = 0; i < names.size(); ++i) std::printf(" %zu=%s", i, names[i].c_str());
    std::printf("\n");
  };
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (json) {
    tl::Json out = tl::Json::object();
    out.set("scenario", tl::Json::string(name));
    out.set("seed", tl::Json::number(static_cast<double>(seed)));
    out.set("config", tl::config_to_json(scenario->visitor()));
    tl::Json m = tl::Json::object();
    for (const auto& kv : metrics) m.set(kv.first, tl::Json::number(kv.second));
    out.set("metrics", m);
    tl::Json mi = tl::Json::object();
    for (const auto& kv : metrics) {
      const tl::MetricInfo i = info_of(kv.first);
      tl::Json o = tl::Json::object();
      o.set("kind", tl::Json::string(tl::metric_kind_name(i.kind)));
      o.set("role", tl::Json::string(tl::metric_role_name(i.role)));
      o.set("compared_with",
            i.compared_with.empty() ? tl::Json::null() : tl::Json::string(i.compared_with));
      o.set("label", tl::Json::string(i.label));
      o.set("description", tl::Json::string(i.description));
      mi.set(kv.first, o);
    }
    out.set("metrics_info", mi);
    out.set("steps", tl::Json::number(static_cast<double>(scenario->steps_done())));
    out.set("seconds", tl::Json::number(seconds));
    if (!main_classes.empty()) out.set("class_names", classes_json(main_classes));
    if (both_named) out.set("target_class_names", classes_json(target_classes));
    if (!diverged.empty()) out.set("diverged", tl::Json::string(diverged));
    std::printf("%s\n", out.dump().c_str());
    return status;
  }
  std::printf("scenario  %s\nseed      %llu\nsteps     %ld\nseconds   %.3f\n\nconfig\n",
              name.c_str(), static_cast<unsigned long long>(seed), scenario->steps_done(), seconds);
  for (const auto& kv : tl::config_to_pairs(scenario->visitor()))
    std::printf("  %-24s %s\n", kv.first.c_str(), kv.second.c_str());
  if (!main_classes.empty()) classes_line("classes", main_classes);
  if (both_named) classes_line("target", target_classes);
  std::printf("\nmetrics\n");
  // A method's metric is followed by its difference to the metric it is compared with.
  for (const auto& kv : metrics) {
    std::printf("  %-24s %.4f", kv.first.c_str(), kv.second);
    const tl::MetricInfo i = info_of(kv.first);
    const double other = tl::metric(metrics, i.compared_with, std::nan(""));  // NaN: not reported
    if (i.role == tl::MetricRole::kMethod && !std::isnan(other))
      std::printf("  (%+.4f vs %s)", kv.second - other, i.compared_with.c_str());
    std::printf("\n");
  }
  if (!diverged.empty()) std::printf("\ndiverged  %s\n", diverged.c_str());
  return status;
}

int cmd_bench(int argc, char** argv) {
  std::vector<std::string> workloads = bench_workloads();
  int threads = 1, batch = 0;
  bool json = false;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (arg == "--threads" && i + 1 < argc) {
      uint64_t n = 0;
      if (!parse_u64(argv[++i], n) || n < 1 || n > 64) return usage_error("--threads needs 1..64");
      threads = static_cast<int>(n);
    } else if (arg == "--batch" && i + 1 < argc) {
      uint64_t n = 0;
      if (!parse_u64(argv[++i], n) || n < 1 || n > 100000)
        return usage_error("--batch needs 1..100000");
      batch = static_cast<int>(n);
    } else if (arg == "--workload" && i + 1 < argc) {
      const std::string w = argv[++i];
      if (w != "all") workloads = {w};
    } else {
      return usage_error("bench: unknown option '" + arg + "'");
    }
  }
  if (!json)
    std::printf("simd: %s\n%-6s %8s %10s %14s %8s %10s %8s\n", Eigen::SimdInstructionSetsInUse(),
                "work", "threads", "train_s", "samples/s", "GFLOP/s", "loss", "acc");
  for (const std::string& w : workloads) {
    BenchResult r;
    std::string error;
    if (!run_bench(w, threads, batch, r, error)) {
      if (error.find("unknown workload") != std::string::npos) return usage_error(error);
      return data_error(error);
    }
    if (json) {
      tl::Json o = tl::Json::object();
      o.set("workload", tl::Json::string(r.workload));
      o.set("simd", tl::Json::string(Eigen::SimdInstructionSetsInUse()));
      o.set("threads", tl::Json::number(r.threads));
      o.set("batch", tl::Json::number(r.batch));
      o.set("train_s", tl::Json::number(r.train_s));
      o.set("samples_per_s", tl::Json::number(r.samples_per_s));
      o.set("gflops", tl::Json::number(r.gflops));
      o.set("final_loss", tl::Json::number(r.final_loss));
      o.set("final_acc", tl::Json::number(r.final_acc));
      for (const auto& kv : r.extra) o.set(kv.first, tl::Json::number(kv.second));
      std::printf("%s\n", o.dump().c_str());
    } else {
      std::printf("%-6s %8d %10.3f %14.0f %8.2f %10.4f %8.4f\n", r.workload.c_str(), r.threads,
                  r.train_s, r.samples_per_s, r.gflops, r.final_loss, r.final_acc);
      for (const auto& kv : r.extra)
        std::printf("       %-24s %.4g\n", kv.first.c_str(), kv.second);
    }
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage_error("missing command");
  const std::string cmd = argv[1];
  if (cmd == "list") return argc == 2 ? cmd_list() : usage_error("list takes no arguments");
  if (cmd == "run") return cmd_run(argc - 2, argv + 2);
  if (cmd == "bench") return cmd_bench(argc - 2, argv + 2);
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::printf("%s", kUsage);
    return 0;
  }
  return usage_error("unknown command '" + cmd + "'");
}

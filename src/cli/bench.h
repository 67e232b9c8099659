#pragma once
/// Fixed, deterministic workloads for `transferlab bench` (bench/README.md):
///   w1   two moons, 1000 points, MLP 2-32-32-2 tanh, batch 32, plain SGD lr 0.1, 200 epochs
///   w2   the 1797 real digits, MLP 64-128-128-10 tanh, batch 64, plain SGD lr 0.1, 50 epochs
///   w3   the dann-digits scenario at its defaults (seed 1): DANN (extractor 64-64-32, label
///        head, domain head) beside its source-only and target-oracle baselines, 60 epochs
///   grid the basic-moons default network (2-32-32-2) predicting the page's 128x128 heatmap grid
///   gemm the build's single-thread float matrix-product peak: the best rate over a few shapes
///        (256^3 and the W2 layers' products), best of several repeats
#include <string>
#include <utility>
#include <vector>

struct BenchResult {
  std::string workload;
  int threads = 1;
  int batch = 0;
  double train_s = 0;
  double samples_per_s = 0;
  double gflops = 0;  ///< 0: not applicable
  double final_loss = 0;
  double final_acc = 0;
  /// Further numbers of the workload (epochs, per-shape GEMM rates, grid timings, ...), written
  /// into the JSON line after the fixed fields.
  std::vector<std::pair<std::string, double>> extra;
};

/// Runs one workload with the data-parallel gradient on `threads` threads (minibatches are cut
/// into fixed 64-column shards, so results do not depend on the thread count); batch > 0
/// overrides the workload's minibatch size. Returns false with a message for an unknown workload
/// or missing data.
bool run_bench(const std::string& workload, int threads, int batch, BenchResult& out,
               std::string& error);
/// The workloads `--workload all` runs, in order.
std::vector<std::string> bench_workloads();

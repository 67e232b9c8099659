#pragma once
/// Fixed, deterministic training workloads for `transferlab bench` (bench/README.md):
///   w1   two moons, 1000 points, MLP 2-32-32-2 tanh, batch 32, plain SGD lr 0.1, 200 epochs
///   w2   the 1797 real digits, MLP 64-128-128-10 tanh, batch 64, plain SGD lr 0.1, 50 epochs
///   gemm float 256x256x256 matrix product, the build's single-thread peak for comparison
#include <string>
#include <vector>

struct BenchResult {
  std::string workload;
  int threads = 1;
  int batch = 0;
  double train_s = 0;
  double samples_per_s = 0;
  double gflops = 0;
  double final_loss = 0;
  double final_acc = 0;
};

/// Runs one workload with the data-parallel gradient on `threads` threads (minibatches are cut
/// into fixed 64-column shards, so results do not depend on the thread count); batch > 0
/// overrides the workload's minibatch size. Returns false with a message for an unknown workload
/// or missing data.
bool run_bench(const std::string& workload, int threads, int batch, BenchResult& out,
               std::string& error);
std::vector<std::string> bench_workloads();

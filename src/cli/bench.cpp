#include "bench.h"

#include <chrono>

#include "core/loss.h"
#include "core/metrics.h"
#include "core/thread_pool.h"
#include "data/digits.h"
#include "data/synthetic.h"
#include "transfer/supervised.h"

namespace {

using Clock = std::chrono::steady_clock;

struct MlpWorkload {
  const char* name;
  std::vector<int> hidden;
  int batch;
  int epochs;
};

// Multiply-adds of one forward pass per sample; training costs three times that in FLOPs x2
// (forward, input gradient, weight gradient), each multiply-add being two FLOPs.
double train_flops_per_sample(const tl::Mlp& net) {
  double macs = 0;
  for (const tl::Dense& l : net.layers) macs += double(l.in()) * l.out();
  return 6.0 * macs;
}

bool run_mlp(MlpWorkload w, const tl::Dataset& data, int batch, BenchResult& out) {
  if (batch > 0) w.batch = batch;
  out.batch = w.batch;
  tl::Rng rng(42);
  tl::TrainConfig tc;
  tc.hidden = w.hidden;
  tc.batch = w.batch;
  tc.epochs = w.epochs;
  tc.lr = 0.1;
  tc.optimizer = "sgd";
  tl::Rng init = rng.split(1);
  tl::Mlp net(tl::make_spec(tc, data.dim(), data.num_classes), init);
  tl::SupervisedTrainer trainer(std::move(net), data, tc, rng.split(2));
  tl::OptimizerConfig oc = tl::make_optimizer_config(tc);
  oc.momentum = 0;  // plain SGD, as the peers run it
  trainer.optimizer = tl::Optimizer(oc);
  const long steps = tl::steps_for(data.size(), tc.batch, tc.epochs);
  const auto t0 = Clock::now();
  for (long s = 0; s < steps; ++s) trainer.step();
  out.train_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double samples = double(data.size()) * tc.epochs;
  out.samples_per_s = samples / out.train_s;
  out.gflops = train_flops_per_sample(trainer.net) * samples / out.train_s * 1e-9;
  out.final_loss = trainer.objective();
  out.final_acc = tl::accuracy_of(trainer.net, data);
  return true;
}

double gemm_gflops() {
  const int n = 256;
  tl::Mat A = tl::Mat::Random(n, n), B = tl::Mat::Random(n, n), C(n, n);
  C.noalias() = A * B;  // warm-up
  int reps = 0;
  const auto t0 = Clock::now();
  double elapsed = 0;
  while (elapsed < 0.5 || reps < 5) {
    C.noalias() = A * B;
    ++reps;
    elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  }
  volatile float sink = C(0, 0);
  (void)sink;
  return 2.0 * n * n * n * reps / elapsed * 1e-9;
}

}  // namespace

std::vector<std::string> bench_workloads() { return {"w1", "w2", "gemm"}; }

bool run_bench(const std::string& workload, int threads, int batch, BenchResult& out,
               std::string& error) {
  out = {};
  out.workload = workload;
  out.threads = threads;
  tl::set_training_threads(threads);
  out.threads = tl::training_pool().threads();
  if (workload == "w1") {
    tl::Rng rng(7);
    return run_mlp({"w1", {32, 32}, 32, 200}, tl::make_moons(1000, 0.1, rng), batch, out);
  }
  if (workload == "w2") {
    auto digits = tl::load_digits();
    if (!digits) {
      error = digits.error();
      return false;
    }
    return run_mlp({"w2", {128, 128}, 64, 50}, *digits, batch, out);
  }
  if (workload == "gemm") {
    const auto t0 = Clock::now();
    out.gflops = gemm_gflops();
    out.train_s = std::chrono::duration<double>(Clock::now() - t0).count();
    return true;
  }
  error = "unknown workload '" + workload + "' (w1, w2, gemm)";
  return false;
}

#include "bench.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/activation.h"
#include "core/gemm.h"
#include "core/loss.h"
#include "core/metrics.h"
#include "core/thread_pool.h"
#include "data/digits.h"
#include "data/grid.h"
#include "data/synthetic.h"
#include "scenarios/scenario.h"
#include "transfer/supervised.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

struct MlpWorkload {
  const char* name;
  std::vector<int> hidden;
  int batch;
  int epochs;
};

// Multiply-adds of one forward pass per sample.
double forward_macs(const tl::Mlp& net) {
  double macs = 0;
  for (const tl::Dense& l : net.layers) macs += double(l.in()) * l.out();
  return macs;
}

// Training costs three products per layer (forward, input gradient, weight gradient), each
// multiply-add being two FLOPs.
double train_flops_per_sample(const tl::Mlp& net) {
  return 6.0 * forward_macs(net);
}

// Trains a throw-away copy of the trainer (its own weights, batches and state) for at least
// 0.25 s before the clock starts, as the TF.js runs warm up before theirs: JIT tiers (V8 compiles
// WebAssembly with a baseline compiler first and optimises hot functions in the background),
// caches and the thread pool are then in their steady state, and the measured run is unchanged.
void warm_up(const tl::SupervisedTrainer& trainer, long max_steps) {
  tl::SupervisedTrainer copy = trainer;
  const auto t0 = Clock::now();
  for (long s = 0; s < max_steps && (s < 20 || seconds_since(t0) < 0.25); ++s) copy.step();
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
  tc.optimizer = tl::OptimizerKind::kSgd;
  tl::Rng init = rng.split(1);
  tl::Mlp net(tl::make_spec(tc, data.dim(), data.num_classes), init);
  tl::SupervisedTrainer trainer(std::move(net), data, tc, rng.split(2));
  tl::OptimizerConfig oc = tl::make_optimizer_config(tc);
  oc.momentum = 0;  // plain SGD, as the peers run it
  trainer.optimizer = tl::Optimizer(oc);
  const long steps = tl::steps_for(data.size(), tc.batch, tc.epochs);
  warm_up(trainer, steps);
  const auto t0 = Clock::now();
  for (long s = 0; s < steps; ++s) trainer.step();
  out.train_s = seconds_since(t0);
  const double samples = double(data.size()) * tc.epochs;
  out.samples_per_s = samples / out.train_s;
  out.gflops = train_flops_per_sample(trainer.net) * samples / out.train_s * 1e-9;
  out.final_loss = trainer.objective();
  out.final_acc = tl::accuracy_of(trainer.net, data);
  out.extra.emplace_back("epochs", tc.epochs);
  out.extra.emplace_back("steps", static_cast<double>(steps));
  return true;
}

// W3: the dann-digits scenario exactly as `transferlab run dann-digits` trains it (seed 1, its
// defaults: extractor 64-64-32 tanh, label head, domain head of 32, Adam, batch 32, 60 epochs),
// one step training DANN and its two baselines. samples_per_s counts source minibatch columns.
bool run_dann_digits(int batch, BenchResult& out, std::string& error) {
  const tl::ScenarioInfo* info = tl::find_scenario("dann-digits");
  if (!info) {
    error = "w3: scenario dann-digits is not registered";
    return false;
  }
  auto scenario = info->make();
  if (batch > 0) {
    tl::Status st = tl::set_config_field(scenario->visitor(), "batch", std::to_string(batch));
    if (!st.ok()) {
      error = "w3: " + st.message;
      return false;
    }
  }
  int cfg_batch = 32, cfg_epochs = 60;
  for (const auto& kv : tl::config_to_pairs(scenario->visitor())) {
    if (kv.first == "batch") cfg_batch = std::stoi(kv.second);
    if (kv.first == "epochs") cfg_epochs = std::stoi(kv.second);
  }
  tl::Status st = scenario->reset(1);
  if (!st.ok()) {
    error = "w3: " + st.message;
    return false;
  }
  out.batch = cfg_batch;
  {
    auto copy = info->make();  // warm-up on a throw-away instance (see warm_up)
    if (batch > 0) tl::set_config_field(copy->visitor(), "batch", std::to_string(batch));
    copy->reset(2);
    const auto t0 = Clock::now();
    for (long s = 0; s < copy->total_steps() && (s < 20 || seconds_since(t0) < 0.25); ++s)
      copy->step();
  }
  const long steps = scenario->total_steps();
  const long per_epoch = std::max(1L, steps / std::max(1, cfg_epochs));
  double last_epoch_loss = 0;
  const auto t0 = Clock::now();
  for (long s = 0; s < steps; ++s) {
    const tl::StepStats st_s = scenario->step();
    if (s >= steps - per_epoch) last_epoch_loss += st_s.loss;
  }
  out.train_s = seconds_since(t0);
  out.samples_per_s = double(steps) * cfg_batch / out.train_s;
  out.final_loss = last_epoch_loss / double(std::min(steps, per_epoch));
  const tl::Metrics m = scenario->metrics();
  auto metric = [&](const std::string& key) {
    for (const auto& kv : m)
      if (kv.first == key) return kv.second;
    return std::nan("");
  };
  out.final_acc = metric("target_acc");
  out.extra.emplace_back("epochs", cfg_epochs);
  out.extra.emplace_back("steps", static_cast<double>(steps));
  out.extra.emplace_back("source_acc", metric("source_acc"));
  out.extra.emplace_back("source_only_target_acc", metric("source_only_target_acc"));
  out.extra.emplace_back("domain_acc", metric("domain_acc"));
  return true;
}

// Median and fastest of many evaluations of f (at least 30, over at least 1 s).
struct Timing {
  double median_ms = 0, min_ms = 0, seconds = 0;
  long evaluations = 0;
};
template <class F>
Timing time_repeatedly(F&& f) {
  f();  // warm-up
  std::vector<double> ms;
  const auto t0 = Clock::now();
  while (ms.size() < 30 || (seconds_since(t0) < 1.0 && ms.size() < 2000)) {
    const auto t = Clock::now();
    f();
    ms.push_back(seconds_since(t) * 1e3);
  }
  Timing r;
  r.seconds = seconds_since(t0);
  r.median_ms = median_of(ms);
  r.min_ms = *std::min_element(ms.begin(), ms.end());
  r.evaluations = static_cast<long>(ms.size());
  return r;
}

// The page's heatmap: the basic-moons default network (2-32-32-2 tanh, trained for a few epochs
// so the weights are not the initial draw) predicting class probabilities on the 128x128 grid
// over the data, as the page does it: the grid's points, then the prediction under display
// precision (core/activation.h). The median time of many evaluations; beside it the exact
// prediction's times and the largest difference of a probability between the two.
bool run_grid(BenchResult& out, std::string& error) {
  const tl::ScenarioInfo* info = tl::find_scenario("basic-moons");
  if (!info) {
    error = "grid: scenario basic-moons is not registered";
    return false;
  }
  auto scenario = info->make();
  tl::Status st = scenario->reset(1);
  if (!st.ok()) {
    error = "grid: " + st.message;
    return false;
  }
  for (long s = 0; s < std::min<long>(200, scenario->total_steps()); ++s) scenario->step();
  const tl::GridSpec spec = tl::fit_grid(scenario->source_data()->X, 128);
  tl::Mat grid, probs, exact;
  const Timing display = time_repeatedly([&] {
    grid = tl::grid_points(spec);
    tl::DisplayPrecision scope;
    probs = scenario->predict(grid);
  });
  const Timing precise = time_repeatedly([&] {
    grid = tl::grid_points(spec);
    exact = scenario->predict(grid);
  });
  const double med = display.median_ms;
  out.train_s = display.seconds + precise.seconds;
  const double cells = static_cast<double>(grid.cols());
  out.samples_per_s = cells / (med * 1e-3);
  // Forward multiply-adds of 2-32-32-k per point, two FLOPs each.
  const double macs = 2.0 * 32 + 32.0 * 32 + 32.0 * static_cast<double>(probs.rows());
  out.gflops = 2.0 * macs * cells / (med * 1e-3) * 1e-9;
  out.final_loss = std::nan("");
  out.final_acc = std::nan("");
  out.extra.emplace_back("cells", cells);
  out.extra.emplace_back("ms_median", med);
  out.extra.emplace_back("ms_min", display.min_ms);
  out.extra.emplace_back("evaluations", static_cast<double>(display.evaluations));
  out.extra.emplace_back("exact_ms_median", precise.median_ms);
  out.extra.emplace_back("exact_ms_min", precise.min_ms);
  out.extra.emplace_back("display_max_prob_error", (probs - exact).cwiseAbs().maxCoeff());
  return true;
}

// Best rate of C = A B (m x k times k x n) over `trials` timed runs of at least ~40 ms each.
/// The best rate of C = A B over `trials` runs of ~40 MFLOP: Eigen's product, or with `kernel` the
/// core's small-shape kernel (core/gemm.h) that the layers use below its size threshold.
double gemm_rate(int m, int k, int n, int trials, bool kernel) {
  tl::Rng rng(3);
  tl::Mat A(m, k), B(k, n), C(m, n);
  for (Eigen::Index i = 0; i < A.size(); ++i) A.data()[i] = tl::Scalar(rng.uniform(-1, 1));
  for (Eigen::Index i = 0; i < B.size(); ++i) B.data()[i] = tl::Scalar(rng.uniform(-1, 1));
  auto product = [&] {
    if (kernel)
      tl::gemm_nn(m, n, k, A.data(), m, B.data(), k, C.data(), m, tl::GemmStore::kOverwrite);
    else
      C.noalias() = A * B;
  };
  product();  // warm-up
  const double flops = 2.0 * m * k * n;
  const long reps = std::max(1L, static_cast<long>(4e7 / flops));  // ~40 MFLOP per trial
  double best = 0;
  for (int t = 0; t < trials; ++t) {
    const auto t0 = Clock::now();
    for (long r = 0; r < reps; ++r) product();
    best = std::max(best, flops * reps / seconds_since(t0) * 1e-9);
  }
  volatile tl::Scalar sink = C(0, 0);
  (void)sink;
  return best;
}

// The single-thread peak: the best rate over 256^3 and the products a W2 step runs (forward
// 128x64 * 64x64 and 128x128 * 128x64, the input gradient 128x128 * 128x64 as W^T dZ, the weight
// gradient 128x64 * 64x128), each the best of several repeats so a moment of machine load does
// not set the yardstick. 32^3 (the W1 hidden layer's product) is there for comparing builds on
// small products, which W1 consists of. Each shape's rate is the better of Eigen's product and
// the core's small-shape kernel where that kernel takes the shape (as the layers do).
void run_gemm(BenchResult& out) {
  struct Shape {
    const char* name;
    int m, k, n;
  };
  const Shape shapes[] = {{"gemm_256x256x256", 256, 256, 256}, {"gemm_128x128x64", 128, 128, 64},
                          {"gemm_128x64x64", 128, 64, 64},     {"gemm_128x64x128", 128, 64, 128},
                          {"gemm_64x64x64", 64, 64, 64},       {"gemm_32x32x32", 32, 32, 32}};
  const auto t0 = Clock::now();
  for (const Shape& s : shapes) {
    double g = gemm_rate(s.m, s.k, s.n, 7, false);
    if (tl::gemm_small_fits(s.m, s.k, s.n)) g = std::max(g, gemm_rate(s.m, s.k, s.n, 7, true));
    out.extra.emplace_back(s.name, g);
    out.gflops = std::max(out.gflops, g);
  }
  out.train_s = seconds_since(t0);
}

}  // namespace

std::vector<std::string> bench_workloads() {
  return {"w1", "w2", "w3", "grid", "gemm"};
}

bool run_bench(const std::string& workload, int threads, int batch, BenchResult& out,
               std::string& error) {
  out = {};
  out.workload = workload;
#ifdef TL_CLI_MAX_THREADS
  threads = std::min(threads, TL_CLI_MAX_THREADS);  // the threaded WebAssembly CLI's worker pool
#endif
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
  if (workload == "w3") return run_dann_digits(batch, out, error);
  if (workload == "grid") return run_grid(out, error);
  if (workload == "gemm") {
    run_gemm(out);
    return true;
  }
  error = "unknown workload '" + workload + "' (w1, w2, w3, grid, gemm)";
  return false;
}

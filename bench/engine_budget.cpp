// tl_engine_budget: where the page's engine spends its time on the single-threaded build, where
// it runs inside the frame. For every scenario in the registry (or those named), an Engine plays
// at the requested steps per second under simulated frames: each frame calls tick(request,
// budget) and publish_if_changed() (as EngineHost::pump does), then sleeps to the next frame.
// Prints per scenario the mean and largest engine ms per frame, the ms per frame by kind of work
// (predictions for the heatmap and the points, metrics, view data, steps), the one-off setup,
// the steps per second reached and the heatmap refreshes per second.
//
//   tl_engine_budget [--seconds S] [--fps F] [--budget MS] [--rate STEPS_PER_S] [--json]
//                    [scenario ...]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "app/engine.h"

namespace {

struct Result {
  std::string name;
  std::string error;
  double setup_ms = 0;
  double mean_ms = 0, max_ms = 0;
  double predict_ms = 0, metrics_ms = 0, view_ms = 0, step_ms = 0, other_ms = 0;
  double steps_per_second = 0, heatmap_hz = 0, blocks_per_heatmap = 0;
  double over_budget = 0;  ///< fraction of frames whose engine time exceeded the budget
};

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

Result measure(const std::string& name, double seconds, double fps, double budget, double rate) {
  Result out;
  out.name = name;
  tl::Engine engine;
  tl::Request req;
  req.setup.scenario = name;
  req.setup.seed = 1;
  req.setup.version = 1;
  req.playing = false;
  req.steps_per_second = rate;
  // Setup first (paused), so that the one-off cost is counted apart from the frames.
  auto t0 = std::chrono::steady_clock::now();
  engine.tick(req, budget);
  engine.publish_if_changed();
  out.setup_ms = ms_since(t0);
  if (auto s = engine.publish_if_changed(); s && !s->error.empty()) out.error = s->error;
  // A few paused frames: the first heatmap and view data.
  for (int i = 0; i < 30; ++i) {
    engine.tick(req, budget);
    engine.publish_if_changed();
  }
  const tl::EngineCosts c0 = engine.costs();
  req.playing = true;
  const double frame_ms = 1000.0 / fps;
  const auto start = std::chrono::steady_clock::now();
  long frames = 0, over = 0;
  double total = 0, worst = 0;
  auto next = start;
  while (ms_since(start) < seconds * 1000.0) {
    const auto f0 = std::chrono::steady_clock::now();
    engine.tick(req, budget);
    engine.publish_if_changed();
    const double ms = ms_since(f0);
    total += ms;
    worst = std::max(worst, ms);
    over += ms > budget * 1.05;
    ++frames;
    next += std::chrono::microseconds(static_cast<long>(frame_ms * 1000));
    if (next > std::chrono::steady_clock::now())
      std::this_thread::sleep_until(next);
    else
      next = std::chrono::steady_clock::now();  // a long frame: the next one starts now
  }
  const double elapsed = ms_since(start) / 1000.0;
  const tl::EngineCosts& c = engine.costs();
  const double n = std::max<long>(1, frames);
  out.mean_ms = total / n;
  out.max_ms = worst;
  out.predict_ms = (c.predict_ms - c0.predict_ms) / n;
  out.metrics_ms = (c.metrics_ms - c0.metrics_ms) / n;
  out.view_ms = (c.view_ms - c0.view_ms) / n;
  out.step_ms = (c.step_ms - c0.step_ms) / n;
  out.other_ms = out.mean_ms - out.predict_ms - out.metrics_ms - out.view_ms - out.step_ms;
  out.steps_per_second = (c.steps - c0.steps) / elapsed;
  out.heatmap_hz = (c.heatmaps - c0.heatmaps) / elapsed;
  const long heatmaps = c.heatmaps - c0.heatmaps;
  out.blocks_per_heatmap =
      heatmaps > 0 ? static_cast<double>(c.heatmap_blocks - c0.heatmap_blocks) / heatmaps : 0;
  out.over_budget = static_cast<double>(over) / n;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3, fps = 60, budget = 8, rate = 60;
  bool json = false;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](const char* what) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", what);
        std::exit(2);
      }
      return std::atof(argv[++i]);
    };
    if (a == "--seconds")
      seconds = value("--seconds");
    else if (a == "--fps")
      fps = value("--fps");
    else if (a == "--budget")
      budget = value("--budget");
    else if (a == "--rate")
      rate = value("--rate");
    else if (a == "--json")
      json = true;
    else if (a == "--help" || a == "-h") {
      std::printf(
          "usage: tl_engine_budget [--seconds S] [--fps F] [--budget MS] [--rate STEPS_PER_S] "
          "[--json] [scenario ...]\n");
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "unknown option %s (try --help)\n", a.c_str());
      return 2;
    } else if (!tl::find_scenario(a)) {
      std::fprintf(stderr, "unknown scenario '%s'\n", a.c_str());
      return 2;
    } else {
      names.push_back(a);
    }
  }
  if (fps <= 0 || budget < 0 || seconds <= 0 || rate < 0) {
    std::fprintf(stderr, "--fps and --seconds must be positive, --budget and --rate >= 0\n");
    return 2;
  }
  if (names.empty())
    for (const tl::ScenarioInfo& info : tl::scenarios()) names.push_back(info.name);
  if (!json)
    std::printf(
        "%.0f frames/s, budget %.1f ms, %.0f steps/s asked, %.0f s each; ms per frame\n"
        "%-30s %8s %6s %6s %6s %6s %6s %6s %6s %7s %6s %6s %5s\n",
        fps, budget, rate, seconds, "scenario", "setup", "mean", "max", "pred", "metric", "view",
        "steps", "other", "steps/s", "hm/s", "blk/hm", "over");
  if (json) std::printf("[\n");
  for (size_t k = 0; k < names.size(); ++k) {
    const Result r = measure(names[k], seconds, fps, budget, rate);
    if (json) {
      std::printf(
          "  {\"scenario\": \"%s\", \"error\": \"%s\", \"setup_ms\": %.2f, \"mean_ms\": %.3f, "
          "\"max_ms\": %.3f, \"predict_ms\": %.3f, \"metrics_ms\": %.3f, \"view_ms\": %.3f, "
          "\"step_ms\": %.3f, \"other_ms\": %.3f, \"steps_per_second\": %.2f, "
          "\"heatmap_hz\": %.2f, \"blocks_per_heatmap\": %.2f, \"over_budget\": %.3f}%s\n",
          r.name.c_str(), r.error.c_str(), r.setup_ms, r.mean_ms, r.max_ms, r.predict_ms,
          r.metrics_ms, r.view_ms, r.step_ms, r.other_ms, r.steps_per_second, r.heatmap_hz,
          r.blocks_per_heatmap, r.over_budget, k + 1 < names.size() ? "," : "");
    } else {
      std::printf(
          "%-30s %8.1f %6.2f %6.1f %6.2f %6.2f %6.2f %6.2f %6.2f %7.1f %6.1f %6.1f %4.0f%%%s%s\n",
          r.name.c_str(), r.setup_ms, r.mean_ms, r.max_ms, r.predict_ms, r.metrics_ms, r.view_ms,
          r.step_ms, r.other_ms, r.steps_per_second, r.heatmap_hz, r.blocks_per_heatmap,
          100 * r.over_budget, r.error.empty() ? "" : "  error: ", r.error.c_str());
    }
    std::fflush(stdout);
  }
  if (json) std::printf("]\n");
  return 0;
}

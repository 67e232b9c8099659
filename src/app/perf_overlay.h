#pragma once
/// How fast the page runs, for the user and for the browser benchmark.
///
/// PerfStats keeps the page's own work per frame ("our frame", measured with the monotonic clock,
/// performance.now in the browser): cpu_ms (input, training on the single build, building the
/// UI, the link and the live region), gl_ms (our GL submission: the heatmap texture uploads,
/// ImGui's draw data with the heatmap and the points, a figure export), train_ms (the engine's
/// pump in the frame on the single build until its training tasks between frames run; 0 on the
/// threaded build, where the thread trains; between_ms is the training in those tasks), and
/// frame_ms = cpu_ms + gl_ms (train_ms is part of cpu_ms). The interval is the time between the
/// starts of two frames (the browser's animation frames): long intervals with a short frame of
/// ours mean the browser, the compositor or the graphics hold the page back, not our code.
/// Means and maxima over the last second are published once a second; a ring buffer keeps the
/// last kRing frames for the benchmark (frames_json()).
///
/// perf_overlay() draws the figures over the top right of the canvas (`perf=1` in the link, or
/// F2); perf_figures() and perf_verdicts() are the help window's Performance section.
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.h"

TL_NAMESPACE_BEGIN

class App;

class PerfStats {
 public:
  /// Frames the ring buffer keeps (10 s at 60 frames per second).
  static constexpr int kRing = 600;
  /// A frame of ours longer than this is counted (frames_over_50ms).
  static constexpr double kSlowFrameMs = 50.0;

  /// One frame: `start` (seconds, the frame's start on the monotonic clock), its parts in ms,
  /// and the heatmap serial the UI holds after it (0: none).
  /// `between_ms`: training in tasks of their own since the previous frame (single build), and
  /// `task_ms`: the longest of those tasks.
  void add(double start, double cpu_ms, double gl_ms, double train_ms, uint64_t heatmap_serial,
           double between_ms = 0, double task_ms = 0);

  // Published once a second: means and maxima over the last second.
  double frame_ms = 0, frame_ms_max = 0, cpu_ms = 0, gl_ms = 0, train_ms = 0, train_ms_max = 0;
  double interval_ms = 0, interval_ms_max = 0, fps = 0;
  /// Single build: training between frames, per frame (mean), and the longest training task.
  double between_ms = 0, task_ms_max = 0;
  double heatmap_hz = 0;     ///< heatmap serial changes seen per second
  int frames_over_50ms = 0;  ///< frames of ours over kSlowFrameMs in the last second
  long seconds = 0;          ///< how many seconds were published so far

  /// The last `n` frames (at most kRing), oldest first: our frame ms and the interval before it.
  void last(int n, std::vector<float>& frame, std::vector<float>& interval) const;
  /// The ring buffer as JSON: {"frame_ms": [...], "cpu_ms", "gl_ms", "train_ms", "interval_ms"},
  /// oldest first (interval 0 for the very first frame).
  std::string frames_json() const;

 private:
  struct Frame {
    float frame = 0, cpu = 0, gl = 0, train = 0, interval = 0;
  };
  Frame ring_[kRing];
  int head_ = 0, count_ = 0;  // the next slot, and how many are filled
  double last_start_ = -1;
  uint64_t last_serial_ = 0;
  // The second being summed.
  double t0_ = -1;
  int n_ = 0, n_interval_ = 0, heatmap_changes_ = 0, slow_ = 0;
  double sum_frame_ = 0, sum_cpu_ = 0, sum_gl_ = 0, sum_train_ = 0, sum_interval_ = 0;
  double max_frame_ = 0, max_train_ = 0, max_interval_ = 0, sum_between_ = 0, max_task_ = 0;
};

/// The verdict lines (translated): what limits the page now, if anything.
std::vector<std::string> perf_verdicts(const App& app);
/// The figures as rows of label and value; with `explain`, a plain sentence under each.
void perf_figures(const App& app, bool explain);
/// A small chart of the last seconds of our frame ms (and the interval), `width` x `height`.
void perf_sparkline(const App& app, float width, float height);
/// The overlay over the top right of the canvas (when App::show_perf).
void perf_overlay(App& app);

TL_NAMESPACE_END

#pragma once
/// The page's training engine: owns one Scenario, follows the setup the UI asks for (scenario,
/// config, seed, the user's data), runs training steps within a time budget and publishes
/// immutable snapshots (figures, metrics history, the data to draw, the heatmap grid's class
/// probabilities). No ImGui, GL or Emscripten here: it runs on a worker pthread (threaded build),
/// inside the frame (single build) or natively.
///
/// The UI never touches the Scenario the engine trains. It writes a whole Request (setup with a
/// version number, play/pause, speed, view, counters for one-shot actions) and reads the latest
/// Snapshot; both are exchanged under a mutex held only to copy a few fields and pointers.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "data/grid.h"
#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

using ConfigPairs = std::vector<std::pair<std::string, std::string>>;

/// The user's own data (sketched, generated or uploaded), replacing the scenario's.
struct UserData {
  std::optional<Dataset> source, target;
};

/// What the UI wants the engine to train.
struct Setup {
  std::string scenario;
  ConfigPairs config;
  uint64_t seed = 1;
  std::shared_ptr<const UserData> data;  ///< nullptr: the scenario's own data
  /// The user's class table (zero-shot class semantics); nullptr: the scenario's own.
  std::shared_ptr<const AttributeTable> class_table;
  uint64_t version = 0;  ///< changed by the UI on every edit
};

/// Everything the UI asks for; the engine applies what changed since the last one.
struct Request {
  Setup setup;
  bool playing = false;
  double steps_per_second = 0;  ///< 0: as fast as the time budget allows
  GridSpec view;                ///< the canvas' visible rectangle (canvas coordinates)
  bool has_view = false;
  long step_requests = 0;   ///< each increment: one step (while paused)
  long reset_requests = 0;  ///< each increment: rebuild the current setup (same seed)
  long model_requests = 0;  ///< each increment: save the main model (Snapshot::model)
  /// The model drawn beside the method (an index into Scenario::models(); -1: the scenario's
  /// default comparison, 0: none).
  int compare = -1;
};

/// The data the scenario trains on, as drawn on the canvas.
struct DataView {
  uint64_t serial = 0;
  Dataset source, target;    ///< as the scenario reports them
  Mat source_xy, target_xy;  ///< 2 x n canvas positions (principal components when dim > 2)
  bool projected = false;    ///< positions are the first two principal components
  Vec mean;                  ///< dim, projection centre
  Mat basis;                 ///< dim x 2, orthonormal principal directions
  int dim = 0;
  int num_classes = 0;
  GridSpec bounds;  ///< a view that fits every point
};

/// The main model's prediction on a grid over the view, and on the drawn points.
struct Heatmap {
  uint64_t serial = 0;
  uint64_t data_serial = 0;  ///< the DataView it belongs to
  GridSpec spec;
  int classes = 0;
  std::vector<float> probs;  ///< classes x (n*n), class-major; cell r*n+c is row r (y up), col c
  std::vector<int> pred_source, pred_target;  ///< argmax class per drawn point
  /// The same for the comparison model (Snapshot::models[compare]); empty when compare < 1.
  int compare = -1;
  std::vector<float> compare_probs;
  std::vector<int> compare_source, compare_target;
  double predict_ms = 0;  ///< engine time of this heatmap's predictions (all its blocks)
  int blocks = 0;         ///< the blocks (one per tick or more) it was computed in
};

/// Metrics recorded every few steps (columns share the steps vector; NaN where missing).
struct History {
  std::vector<long> steps;
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  ///< one column per name
  std::vector<double> batch_loss;           ///< running mean of the minibatch loss
};

struct Snapshot {
  uint64_t seq = 0;            ///< increases with every publish
  uint64_t setup_version = 0;  ///< the setup the current model was built from
  long resets = 0;             ///< the reset requests applied so far (Request::reset_requests)
  uint64_t error_version = 0;  ///< the setup `error` refers to
  std::string error;           ///< why that setup was rejected ("" when accepted)
  std::string scenario;
  long step = 0, total = 0;
  bool playing = false;  ///< the engine is training now
  bool done = false;
  double batch_loss = 0;  ///< running mean of the minibatch loss (NaN before the first step)
  Metrics metrics;        ///< latest recorded metrics
  /// Training steps per second reached (over the last half second; 0 while paused).
  double steps_per_second = 0;
  // Measured costs, for a performance display (milliseconds of engine time).
  double train_ms = 0;     ///< engine time of the last tick (all work: steps, predictions...)
  double budget_ms = 0;    ///< the budget of the last tick
  double heatmap_hz = 0;   ///< heatmaps completed in the last second
  int heatmap_blocks = 0;  ///< blocks the last heatmap took (> 1: spread over ticks)
  double heatmap_ms = 0;   ///< engine time of the last heatmap (grid and points, all models)
  double step_ms = 0;      ///< engine time of one training step (running mean)
  int step_slices = 0;     ///< slices the last step took (> 1: spread over ticks)
  double metrics_ms = 0;   ///< engine time of the last metrics record
  double view_ms = 0;      ///< engine time of the last method-view refresh
  std::shared_ptr<const DataView> data;
  std::shared_ptr<const Heatmap> heatmap;
  std::shared_ptr<const History> history;
  /// The scenario's models (method first, then its baselines) and its method-specific picture
  /// (nullptr: none), refreshed a few times a second while training.
  std::shared_ptr<const ModelList> models;
  std::shared_ptr<const ViewData> view;
  /// The scenario's phases of training (Scenario::phases(); empty: one phase).
  PhaseList phases;
  /// Set when the divergence guard stopped training (the last good weights are back); cleared
  /// by the next setup or reset. `diverged_count` counts such stops, so the UI reacts once.
  std::string diverged;
  uint64_t diverged_count = 0;
  long model_seq = 0;  ///< the model request the model text answers
  std::shared_ptr<const std::string> model;
};

/// Cumulative engine time by kind of work, milliseconds, and counts (for measurements).
struct EngineCosts {
  double setup_ms = 0;    ///< apply_setup: building data and models
  double predict_ms = 0;  ///< heatmap grid and per-point predictions
  double metrics_ms = 0;  ///< Scenario::metrics() and the history
  double view_ms = 0;     ///< Scenario::view_data()
  double step_ms = 0;     ///< training steps (and step slices)
  double tick_ms = 0;     ///< whole ticks
  double max_tick_ms = 0;
  long ticks = 0;
  long heatmaps = 0;  ///< heatmaps published
  long heatmap_blocks = 0;
  long step_slices = 0;
  long steps = 0;
};

/// Single-owner training loop. `tick` applies the request and works for about `budget_ms`.
///
/// Budget: a tick runs units of work until the budget is spent (always at least one, so work
/// progresses however small the budget): a slice of a training step (Scenario::step_slice), a
/// block of heatmap predictions (grid cells or drawn points, sized from the measured cost per
/// column to fit what is left), a metrics record, a method-view refresh. Only a new setup or a
/// reset (building data and models) and the user's single steps run whole.
/// - A heatmap is a job over ticks, published when complete. No step runs while one is pending
///   and none starts in the middle of a step, so one picture comes from one set of weights.
/// - Periodic work is throttled by its measured cost: while training, heatmaps may take about a
///   third of the budget (kPredictShare), metrics records and view refreshes smaller shares, each
///   on top of its interval; a costly one thus runs less often instead of being skipped.
/// - Steps follow the requested rate (a token bucket) with what is left.
class Engine {
 public:
  Engine();
  /// Applies `req` and trains for about budget_ms (when playing). Returns true when it did
  /// anything (so an idle thread may sleep).
  bool tick(const Request& req, double budget_ms);
  /// A snapshot of the current state, or nullptr when nothing changed since the last call.
  std::shared_ptr<const Snapshot> publish_if_changed();
  /// Cumulative costs since construction.
  const EngineCosts& costs() const { return costs_; }

  /// Grid resolution (cells per side) of the heatmap.
  static constexpr int kGridCells = 96;
  /// Heatmap refresh interval while training, seconds (>= 10 Hz).
  static constexpr double kGridInterval = 1.0 / 20;
  /// Method-view refresh interval while training, seconds.
  static constexpr double kViewInterval = 1.0 / 5;
  /// Shares of the budget that heatmaps, metrics records and view refreshes may take while
  /// training (on average over ticks).
  static constexpr double kPredictShare = 1.0 / 3;
  static constexpr double kMetricsShare = 0.15;
  static constexpr double kViewShare = 0.1;
  /// Units of work the last tick ran (step slices, heatmap blocks, records, view refreshes).
  int last_tick_units() const { return last_units_; }
  /// Whether a heatmap job is part-way (published when complete).
  bool heatmap_pending() const { return job_ != nullptr; }

 private:
  void apply_setup(const Setup& setup);
  void build_data_view();
  void record_metrics();
  /// Starts a heatmap job over `view` (replacing a pending one).
  void update_heatmap(const GridSpec& view);
  /// Runs one block of the pending job, within about `ms`; publishes it when complete.
  void heatmap_block(double ms);
  /// Runs one slice of a training step; false when the divergence guard stopped training.
  bool step_slice();
  /// A share of the budget for periodic work: credit grows by share x budget per tick (up to
  /// one tick's share) and the work's cost is taken from it; the work waits while it is < 0.
  struct Throttle {
    double share = 0, credit = 0;
    void accrue(double budget_ms) {
      credit = std::min(credit + share * budget_ms, share * budget_ms);
    }
    bool ready() const { return credit >= 0; }
  };
  struct HeatmapJob;
  void update_view();
  /// The comparison model to draw (an index into models_, or -1).
  int comparison() const;
  void note_loss(double loss);
  /// Completes a step in progress, then `n` whole steps (the user's single steps).
  void manual_steps(long n);

  std::unique_ptr<Scenario> scn_;
  Setup setup_;  // the setup the scenario was built from
  uint64_t seen_version_ = 0;
  bool started_ = false;
  long seen_resets_ = 0, seen_steps_ = 0, seen_models_ = 0;
  std::string error_;
  uint64_t error_version_ = 0;
  std::shared_ptr<const DataView> data_;
  std::shared_ptr<const Heatmap> heatmap_;
  std::shared_ptr<const ModelList> models_;
  PhaseList phases_;
  std::shared_ptr<const ViewData> view_;
  int compare_ = -1;        // the request's comparison
  bool view_stale_ = true;  // weights changed since the view data were taken
  double last_view_time_ = -1e9;
  std::shared_ptr<History> history_;
  std::shared_ptr<const History> history_pub_;
  Metrics metrics_;
  double loss_mean_ = 0;
  long loss_count_ = 0;
  long record_every_ = 1;
  long last_record_step_ = -1;
  double last_record_time_ = 0;
  bool weights_changed_ = true;
  double last_grid_time_ = -1e9;  // when the last heatmap job started
  std::shared_ptr<HeatmapJob> job_;
  Throttle predict_throttle_{kPredictShare}, metrics_throttle_{kMetricsShare},
      view_throttle_{kViewShare};
  double cost_per_col_[2] = {0, 0};    // ms per predicted column: main model, comparison model
  std::vector<double> heatmap_times_;  // completion times in the last second
  int last_units_ = 0;
  double last_tick_ms_ = 0, last_budget_ms_ = 0, step_ms_ = 0, metrics_ms_ = 0, view_ms_ = 0;
  double slice_ms_ = 0;       // running mean of a step slice's cost
  double step_accum_ms_ = 0;  // the step in progress so far
  int slices_this_step_ = 0, last_step_slices_ = 0;
  GridSpec grid_view_;
  bool has_grid_view_ = false;
  double tokens_ = 0;
  double last_tick_time_ = -1;
  bool playing_ = false;
  std::string diverged_;  // the guard's message while training is halted
  uint64_t diverged_count_ = 0;
  double rate_ = 0;  // measured steps per second
  double rate_t0_ = 0;
  long rate_steps0_ = 0;
  long model_seq_ = 0;
  std::shared_ptr<const std::string> model_;
  uint64_t data_serial_ = 0, heatmap_serial_ = 0, publish_seq_ = 0;
  bool changed_ = true;
  double last_publish_time_ = -1e9;
  EngineCosts costs_;
};

/// The UI's handle on the engine: on the threaded build a detached pthread runs the engine and
/// publishes snapshots; on the single build pump() runs it inside the frame.
class EngineHost {
 public:
  explicit EngineHost(bool threaded);
  void send(const Request& req);
  std::shared_ptr<const Snapshot> latest();
  /// Single build: trains for about budget_ms now; returns whether the engine had anything to do
  /// (an idle page may call it less often). Threaded build: nothing (false).
  bool pump(double budget_ms);
  bool threaded() const { return threaded_; }
  /// True once the training thread runs (threaded build).
  bool thread_started() const { return thread_started_.load(); }

 private:
  void thread_main();
  bool threaded_;
  Engine engine_;
  std::mutex mutex_;
  Request request_;
  uint64_t request_serial_ = 0;
  std::shared_ptr<const Snapshot> latest_;
  std::atomic<bool> thread_started_{false};
};

/// Seconds since an arbitrary start (monotonic).
double now_seconds();

TL_NAMESPACE_END

#pragma once
/// The page's state and its one frame(): input -> NewFrame -> training (pumped here on the single
/// build; a pthread on the threaded build) -> panels -> heatmap texture update when the model
/// changed -> render. Panels (src/app/panels/) read and edit this state; the canvas sees only a
/// CanvasContext (canvas_context()).
///
/// Mirror and engine: the page holds two copies of the current scenario. The *mirror* (mirror())
/// lives here on the UI side and is never trained: the config panel edits its config through its
/// ConfigVisitor, the URL state is read from and written to it, and it checks user data and class
/// tables (set_user_source etc., then reset) before anything changes. The *engine* (host, see
/// engine.h) owns the trained copy, rebuilt from a Setup (scenario name, the mirror's config as
/// key/value pairs, seed, user data, setup version) each time send() passes one; on the threaded
/// build it lives on the training thread. The UI reads the engine's results only from snapshots
/// (snap), and a snapshot describes the current setup only when in_sync(): its setup_version is
/// the one the UI sent last.
///
/// The App's code is split by responsibility: app.cpp (actions, mirror, engine requests, live
/// region), app_frame.cpp (the frame and window placement, layout.h), app_data_io.cpp (CSV and
/// digits in, data/metrics/model out), app_url.cpp (the location hash), test_state.cpp (the state
/// the browser tests read), notices.h (messages over the canvas).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "imgui.h"

#include "app/canvas.h"
#include "app/engine.h"
#include "app/heatmap_renderer.h"
#include "app/layout.h"
#include "app/notices.h"
#include "app/panel_state.h"
#include "app/perf_overlay.h"
#include "app/platform_web.h"
#include "app/sketch.h"
#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

/// The scenario shown first, and when a link names an unknown one.
inline constexpr char kDefaultScenario[] = "basic-moons";

class App {
 public:
  bool init(bool threaded);
  void frame();
  /// Single build: one training slice of at most kTrainSliceMs, run in a task of its own between
  /// frames (main.cpp schedules it), so the steps/s reached does not depend on how often the
  /// browser can draw a frame. Returns whether the engine had work (an idle page calls it
  /// rarely). Once these tasks run, the frame itself no longer trains.
  bool train_between_frames();
  /// The longest the single build trains at once: inside a frame, or in one task between frames.
  static constexpr double kTrainSliceMs = 8.0;

  // --- Actions (panels and hooks call these) -------------------------------------------------
  /// Switches scenario; its default config; the user's data stays when the new one takes it.
  void select_scenario(const std::string& name);
  /// The mirror's config was edited: rebuild the engine's scenario.
  void config_changed();
  /// The sketch changed (fit: re-fit the view to the new data).
  void data_changed(bool fit);
  /// The canvas view moved: the engine's heatmap grid follows it.
  void view_changed() { send(); }
  void set_seed(uint64_t seed);
  /// The dice: the next seed of next_seed() (new_seed.h), from the current seed and a count of
  /// presses (deterministic, no clock).
  void new_seed();
  void play(bool on);
  void step_once();
  void reset_training();
  /// Starts editing the data: adopts the scenario's data into the sketch when inactive.
  void begin_sketch_edit();
  /// A CSV (or other) file from the picker or a drop.
  void load_file(const platform::FileDrop& file);
  /// A class table CSV (`class,v1,v2,...`) from the picker (kind 2): the zero-shot class
  /// semantics, checked on the mirror before it replaces the scenario's table.
  void load_class_table(const platform::FileDrop& file);
  /// A class table from the page itself (the zero-shot view's editor), `name` shown as its origin:
  /// checked on the mirror like an uploaded one. False (with a notice) when it is refused; the
  /// previous table is then kept. `announce`: a notice also when it is taken.
  bool set_class_table(AttributeTable table, const std::string& name, bool announce = true);
  /// Back to the scenario's own class table.
  void clear_class_table();
  /// Replaces the data with the real 8x8 digits (64-D; the canvas shows a PCA view).
  void load_digits_data();
  void download_data_csv();
  void download_metrics_csv();
  void request_model_download();
  void request_canvas_png() { png_requested_ = true; }
  /// Shows model `index` of the scenario's models beside the method (0: the method alone).
  void set_compare(int index);
  void notify(const std::string& text, bool error = false, double seconds = 6.0);
  /// Applies a location hash (initial load or the user edited the address).
  void apply_hash(const std::string& hash);

  // --- Course API (app_api.cpp; web/embed.js -> web/api_bridge.js -> tl_api in main.cpp) ----
  /// Runs one command, a JSON object {"cmd": "play"|"pause"|"step"|"reset"|"set"|"load"|
  /// "metrics"|"status", ...}, through the page's own actions; answers {"ok": true, ...} or
  /// {"ok": false, "error": message} (then nothing changed). `set` checks the value with the
  /// CLI's --set (Scenario::set_field) and its message.
  std::string api(const std::string& command);
  /// What the bridge polls: step, total, done, playing, error (the engine's refusal or the
  /// divergence guard's message), run (changes with every new setup), settled (the engine has
  /// taken every command so far), and with `with_metrics` the latest metrics and the config.
  std::string api_status(bool with_metrics = false);

  // --- Queries ----------------------------------------------------------------------------------
  const ScenarioInfo* info() const { return info_; }
  Scenario& mirror() { return *mirror_; }
  bool accepts_source() const { return accepts_source_; }
  bool accepts_target() const { return accepts_target_; }
  /// Whether the scenario takes a class table (zero-shot), and the user's table (nullptr: none).
  bool accepts_class_table() const { return accepts_class_table_; }
  const AttributeTable* class_table() const { return class_table_.get(); }
  const std::string& class_table_name() const { return class_table_name_; }
  /// Whether the current model (snapshot) was built from the current setup.
  bool in_sync() const;
  /// The engine rejected the current setup: its message ("" otherwise).
  std::string setup_error() const;
  /// What the current data lacks for training, as a sentence for the user ("" when nothing is
  /// known to be missing): the sketch's labelled classes, else the engine's refusal.
  std::string training_gap() const;
  /// Whether the snapshot's figures may be shown: false once the engine refused the current setup
  /// (they belong to older data, e.g. the points just cleared).
  bool results_valid() const { return setup_error().empty(); }
  /// Whether the page's link carries the user's data (no data of the user's: true).
  bool link_holds_data() const;
  /// The address of the full lab with the current state (this page's, without `embed`): what
  /// "Copy link" copies and "Open in full lab" opens.
  std::string full_lab_url() const;
  /// Whether the scenario takes 2-D data of `k` classes (probed on the mirror, cached per setup):
  /// the canvas offers a new class only then.
  bool accepts_classes(int k);
  int num_classes() const;
  /// Labels for the two point sets: "source"/"target" or "train"/"test" (supervised scenarios).
  const char* source_label() const;
  const char* target_label() const;
  /// The version of the setup last sent to the engine (snapshots carry the one they are from).
  uint64_t setup_version() const { return setup_version_; }
  /// The location hash last read or written (without '#').
  const std::string& hash() const { return last_hash_; }
  /// Records a widget's rectangle for the browser tests (call right after the widget).
  void mark(const char* name);
  /// Records a rectangle (x, y, w, h in CSS pixels) that is not an ImGui item, e.g. a window.
  void mark_rect(const char* name, const ImVec4& rect) { widgets_[name] = rect; }
  /// The rectangles mark() recorded this frame (x, y, w, h in CSS pixels), by name.
  const std::map<std::string, ImVec4>& widget_marks() const { return widgets_; }
  /// What the canvas reads and its callbacks into this App.
  CanvasContext canvas_context();

  // --- State ------------------------------------------------------------------------------------
  std::unique_ptr<EngineHost> host;
  std::shared_ptr<const Snapshot> snap;
  Sketch sketch;
  Request req;
  Canvas canvas;
  HeatmapRenderer renderer;
  HeatmapRenderer compare_renderer;  ///< the comparison model's pane (split canvas)
  bool embed = false;
  uint64_t seed = 1;
  Notices notices;
  std::string upload_error;
  /// Timings (ms): whole frame() (GL included), frame() up to ImGui::Render (our CPU work,
  /// engine pump included), training in the frame (single build), heatmap texture upload.
  /// The *_avg values and fps are means over the last second. train_task_ms: training in the
  /// tasks between the last two frames (single build), and the longest such task over the last
  /// second (train_task_ms_max).
  double frame_ms = 0, frame_ms_avg = 0, ui_ms = 0, ui_ms_avg = 0, upload_ms = 0, engine_ms = 0,
         engine_ms_avg = 0, train_task_ms = 0, train_task_ms_avg = 0, train_task_ms_max = 0;
  double fps = 0;
  long frames = 0;
  /// Our frame in parts, means and maxima over the last second, and the last frames (the
  /// Performance figures; perf_overlay.h).
  PerfStats perf;
  /// The Performance overlay over the canvas (`perf=1` in the link, F2).
  bool show_perf = false;
  bool show_help = false;
  /// The home view (the lecture's grid) covers the canvas; shown first when a link names no
  /// scenario.
  bool show_home = false;
  /// The lesson card is expanded (after opening a scenario from the home view).
  bool lesson_open = false;
  bool renderer_ok = false;
  /// controls=none: the embedded page without its control bar (a course page drives it).
  bool hide_controls = false;

  /// Layout of the panels in CSS pixels (set each frame).
  Layout layout;
  bool show_side = false;  ///< phone layout: the panels (true) or the canvas
  /// What the panels remember between frames.
  PanelState panel_state;

 private:
  void draw_windows();
  void update_timings(double t0);
  void update_from_snapshot();
  void sync_hash();
  void update_live_region();
  void send();
  void make_mirror(const std::string& name);
  /// api_status's `settled` (clears a reached step(n) target).
  bool api_settled();

  const ScenarioInfo* info_ = nullptr;
  std::unique_ptr<Scenario> mirror_;
  bool accepts_source_ = false, accepts_target_ = false, accepts_class_table_ = false;
  std::shared_ptr<const AttributeTable> class_table_;  ///< the user's class table, if any
  std::string class_table_name_;                       ///< its file name
  uint64_t setup_version_ = 0;
  uint64_t seed_presses_ = 0;  ///< new_seed() presses so far
  uint64_t heatmap_serial_ = 0;
  long model_wanted_ = 0;
  uint64_t diverged_seen_ = 0;  // Snapshot::diverged_count already announced
  bool link_held_data_ = true;  // link_holds_data() when the link was last written
  uint64_t probe_version_ = 0;  // accepts_classes(): the setup and class count probed, and the
  int probe_k_ = -1;            // answer
  bool probe_ok_ = false;
  bool png_requested_ = false;
  std::string last_hash_;
  double hash_written_at_ = 0;
  std::string live_text_;
  double live_at_ = -1e9;
  std::map<std::string, ImVec4> widgets_;
  bool ready_sent_ = false;
  bool initial_focus_done_ = false;  ///< keyboard focus given to the Controls (or the user acted)
  long api_step_target_ = -1;        // the step a course API step(n) waits for (-1: none)
  double fps_t0_ = 0;
  long fps_frames_ = 0;
  double sum_frame_ = 0, sum_ui_ = 0, sum_engine_ = 0, sum_train_task_ = 0;
  bool training_between_frames_ = false;  // train_between_frames() has run
  double train_tasks_ms_ = 0;             // training in tasks since the last frame
  double train_task_max_window_ = 0, train_task_last_max_ = 0;
};

TL_NAMESPACE_END

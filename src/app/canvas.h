#pragma once
/// The main view: the data of both domains over the model's decision heatmap. Click to add a
/// point of the chosen class and domain, drag to paint, right-drag or the eraser to erase, wheel
/// or pinch to zoom, middle-drag / the hand tool / two fingers to pan; axis ticks and a legend.
/// The canvas knows nothing of the App: it reads a CanvasContext (the snapshot, the sketch, a few
/// facts about the scenario) and reports through the context's callbacks.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "imgui.h"

#include "app/heatmap_renderer.h"
#include "app/sketch.h"
#include "data/grid.h"

TL_NAMESPACE_BEGIN

enum class Tool { kAdd, kErase, kPan };

/// Canvas (data) coordinates <-> screen (CSS pixels): a centre and a uniform scale.
struct CanvasView {
  double cx = 0, cy = 0;
  double scale = 100;  ///< pixels per data unit
  ImVec2 min, max;     ///< screen rectangle
  ImVec2 to_screen(double x, double y) const;
  void to_data(ImVec2 p, double& x, double& y) const;
  /// Fits a data rectangle into the screen rectangle.
  void fit(const GridSpec& g);
  /// Zooms by `factor` keeping the data point under screen point `p` fixed.
  void zoom_at(ImVec2 p, double factor);
  /// The visible data rectangle.
  GridSpec visible() const;
  CanvasFrame frame() const;
};

/// What the canvas reads, and the callbacks through which it changes anything outside itself.
/// Built by its owner for each frame; the queries whose answer the canvas's own edits change
/// (in_sync, setup_error, num_classes) are functions, asked when needed.
struct CanvasContext {
  // --- Reads ------------------------------------------------------------------------------------
  const Snapshot* snap = nullptr;       ///< the engine's latest snapshot (nullptr: none yet)
  Sketch* sketch = nullptr;             ///< the user's data; the canvas adds, erases, undoes
  HeatmapRenderer* renderer = nullptr;  ///< nullptr: the heatmap is disabled
  /// The comparison model's heatmap and points (the left pane of the split view; nullptr: none).
  HeatmapRenderer* compare_renderer = nullptr;
  std::string scenario;                      ///< the scenario's name (for messages)
  bool accepts_source = false;               ///< the scenario takes user data
  bool accepts_target = false;               ///< ... and a user target set
  bool supervised = false;                   ///< train/test points rather than source/target
  bool embed = false;                        ///< the page is embedded (compact chrome)
  const char* source_label = "source";       ///< "source" or "train"
  const char* target_label = "target";       ///< "target" or "test"
  std::function<bool()> in_sync;             ///< the snapshot was built from the current setup
  std::function<std::string()> setup_error;  ///< why the engine rejected the setup ("" if not)
  std::function<int()> num_classes;          ///< classes in the data (at least 2)
  /// The target's labels are hidden from training (used only to score): drawn unlabelled unless
  /// the user asks to see them.
  bool target_labels_hidden = false;
  /// The page's link carries the user's data.
  bool link_holds_data = true;
  /// The snapshot's figures belong to the current data (the engine did not refuse it).
  std::function<bool()> results_valid;
  /// What the data lacks for training, as a sentence ("" when nothing is known to be missing).
  std::function<std::string()> training_gap;
  /// Whether the scenario takes data of k classes (a new class may be sketched).
  std::function<bool(int)> accepts_classes;

  // --- Callbacks --------------------------------------------------------------------------------
  std::function<void()> view_changed;              ///< the view moved (the heatmap grid follows)
  std::function<void(bool fit)> data_changed;      ///< the sketch changed (fit: re-fit the view)
  std::function<void()> begin_sketch_edit;         ///< adopt the scenario's data before an edit
  std::function<void(const std::string&)> notify;  ///< a short message to the user
  std::function<void(const char*)> mark;           ///< records the last widget's rectangle (tests)
  std::function<void(int)>
      set_compare;  ///< shows model `index` of the snapshot's models on the left
  /// Drops the user's data: the scenario's own, made by its settings as they are now.
  std::function<void()> use_scenario_data;

  /// The comparison model the snapshot's heatmap carries (an index into snap->models), or -1 when
  /// the canvas shows the method alone.
  int compare_index() const;

  /// Whether the user can sketch on the data: the scenario takes user data and it is 2-D.
  bool can_sketch() const;
};

class Canvas {
 public:
  /// Draws the canvas in the rectangle [pos, pos + size) of the current window.
  /// With a comparison model (ctx.compare_index()) and room for it, the rectangle holds two panes
  /// on the same view: the comparison on the left, the method on the right (`view` is the right
  /// pane's), each under a caption with its accuracy.
  void draw(const CanvasContext& ctx, ImVec2 pos, ImVec2 size);
  /// The floating tool bar and legend over the canvas (separate windows, call after draw()).
  void overlays(const CanvasContext& ctx);
  /// Rebuilds the point markers from the context's data (call when data or predictions change).
  void rebuild_points(const CanvasContext& ctx);

  CanvasView view;
  /// The whole canvas rectangle (both panes when split).
  ImVec2 area_min, area_max;
  bool split = false;  ///< two panes this frame
  Tool tool = Tool::kAdd;
  int brush_class = 0;
  int brush_domain = 0;  ///< 0 source, 1 target
  bool fit_pending = true;
  bool has_view = false;
  float marker_size = 9.0f;
  /// Draw every point; otherwise data sets of over kSampleMax points show a stable sample.
  bool show_all_points = false;
  bool sampled = false;  ///< the last rebuild drew a sample
  static constexpr size_t kSampleMax = 1500;
  float heat_strength = 1.0f;
  /// Colour the target points by their held-back labels (ctx.target_labels_hidden).
  bool show_held_back_labels = false;
  /// What the class picker and the legend offered in the last frame (for the tests).
  std::vector<std::string> picker_entries, legend_entries;
  /// Target points drawn with a class colour in the last rebuild.
  int drawn_target_labelled = 0;
  /// The lower edge of the windows over the top of the canvas (tool bar, banner) last drawn.
  float overlays_bottom() const { return overlays_bottom_; }
  float toolbar_bottom() const { return toolbar_bottom_; }  ///< the tool bar's lower edge
  /// Drawing an exported figure (figure_export.h): no interaction, hover marks, pickers or tool
  /// bar.
  bool figure_mode = false;

 private:
  void toolbar(const CanvasContext& ctx);
  void legend(const CanvasContext& ctx);
  /// Over the canvas while the user's data replaces the scenario's: says the data settings are
  /// paused, offers the way back, and whether the link carries the data.
  void data_banner(const CanvasContext& ctx);
  /// The name of class c as the legend writes it (the data's class names, else 1-based indices).
  std::string class_name(const CanvasContext& ctx, int c) const;
  void axes(ImDrawList* dl);
  void interact(const CanvasContext& ctx);
  /// Tooltip for the point under the mouse; `compare`: the left pane (comparison predictions).
  void hover(const CanvasContext& ctx, bool compare = false);
  /// The comparison pane in [min, max): shares the method pane's centre and scale.
  void draw_compare_pane(const CanvasContext& ctx, ImVec2 min, ImVec2 max, float marker);
  /// A pane's caption strip: model label and accuracy; on the comparison pane a picker.
  void pane_caption(const CanvasContext& ctx, ImVec2 min, float width, int model, bool picker);
  void empty_hint(const CanvasContext& ctx);

  struct Drawn {  ///< a drawn point, for hover
    float x, y;
    int label, domain, pred, index;
    int pred_compare;  ///< the comparison model's prediction (-1 none)
    bool held_back;    ///< a target label hidden from training, drawn unlabelled
  };
  std::vector<Drawn> drawn_;
  std::vector<PointInstance> instances_, compare_instances_;
  bool stroke_active_ = false;
  ImVec2 last_paint_;
  double stroke_started_ = 0;
  uint64_t points_key_ = ~0ULL;
  float toolbar_bottom_ = 0;   ///< the tool bar's lower edge in the last frame
  float overlays_bottom_ = 0;  ///< the tool bar's or the banner's, whichever is lower
  float legend_top_ = 1e9f;    ///< the legend's upper edge in the last frame
};

TL_NAMESPACE_END

#pragma once
/// The main view: the data of both domains over the model's decision heatmap. Click to add a
/// point of the chosen class and domain, drag to paint, right-drag or the eraser to erase, wheel
/// or pinch to zoom, middle-drag / the hand tool / two fingers to pan; axis ticks and a legend.
#include <cstdint>
#include <vector>

#include "imgui.h"

#include "app/heatmap_renderer.h"
#include "data/grid.h"

TL_NAMESPACE_BEGIN

class App;

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

class Canvas {
 public:
  /// Draws the canvas in the rectangle [pos, pos + size) of the current window.
  void draw(App& app, ImVec2 pos, ImVec2 size);
  /// The floating tool bar and legend over the canvas (separate windows, call after draw()).
  void overlays(App& app);
  /// Rebuilds the point markers from the app's data (call when data or predictions change).
  void rebuild_points(App& app);

  CanvasView view;
  Tool tool = Tool::kAdd;
  int brush_class = 0;
  int brush_domain = 0;  ///< 0 source, 1 target
  bool fit_pending = true;
  bool has_view = false;
  float marker_size = 9.0f;
  float heat_strength = 1.0f;

 private:
  void toolbar(App& app);
  void legend(App& app);
  void axes(ImDrawList* dl);
  void interact(App& app);
  void hover(App& app);
  void empty_hint(App& app);
  static bool s_bounds_ok(App& app);

  struct Drawn {  ///< a drawn point, for hover
    float x, y;
    int label, domain, pred, index;
  };
  std::vector<Drawn> drawn_;
  std::vector<PointInstance> instances_;
  bool stroke_active_ = false;
  ImVec2 last_paint_;
  double stroke_started_ = 0;
  uint64_t points_key_ = ~0ULL;
};

TL_NAMESPACE_END

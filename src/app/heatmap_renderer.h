#pragma once
/// Our own WebGL2 drawing inside ImGui's draw lists (through draw callbacks): the decision
/// heatmap (shaders/heatmap.*: class probabilities in an R16F texture array) and the data points
/// (shaders/points.*: instanced markers).
#include <cstdint>
#include <vector>

#include "imgui.h"

#include "app/engine.h"

TL_NAMESPACE_BEGIN

/// One marker for the points shader.
struct PointInstance {
  float x, y;   ///< canvas (data) coordinates
  float label;  ///< class, -1 unlabelled
  float shape;  ///< 0 circle (source), 1 triangle (target)
  float fill;   ///< 1 filled, 0 hollow (held-out test points)
  float wrong;  ///< 1 when the model misclassifies the point; 2 + k: `label` is the predicted
                ///< class and k the true one (drawn as a ring)
};

/// Where to draw: the canvas rectangle (CSS pixels) and the data rectangle it shows.
struct CanvasFrame {
  ImVec2 min, max;
  double xmin, xmax, ymin, ymax;
};

class HeatmapRenderer {
 public:
  /// Compiles the shaders (needs a current WebGL2 context); false with a message on failure.
  bool init(std::string& error);
  /// Uploads the grid's probabilities (the method's, or with `compare` the comparison model's);
  /// returns the upload time in ms.
  double upload(const Heatmap& hm, bool compare = false);
  bool has_heatmap() const { return classes_ > 0; }
  void clear_heatmap() { classes_ = 0; }
  void set_points(const std::vector<PointInstance>& points);
  /// Adds draw-list callbacks that draw the heatmap / the points into `frame` (clipped to the
  /// current clip rectangle). `strength` scales the heatmap's colouring; `size` is the marker
  /// size in CSS pixels.
  void draw_heatmap(ImDrawList* dl, const CanvasFrame& frame, float strength);
  void draw_points(ImDrawList* dl, const CanvasFrame& frame, float size);

 private:
  struct Pass {
    HeatmapRenderer* self;
    CanvasFrame frame;
    float value;
  };
  static void heatmap_callback(const ImDrawList* dl, const ImDrawCmd* cmd);
  static void points_callback(const ImDrawList* dl, const ImDrawCmd* cmd);
  void set_common(unsigned program, const CanvasFrame& f, const ImDrawCmd* cmd);

  unsigned heat_prog_ = 0, point_prog_ = 0;
  unsigned tex_ = 0, vao_empty_ = 0, vao_points_ = 0, vbo_points_ = 0;
  int classes_ = 0;
  int grid_n_ = 0;
  GridSpec grid_;
  int point_count_ = 0;
  size_t point_capacity_ = 0;
  // Per-frame pass data (callbacks run during rendering, after the panels ran).
  Pass heat_pass_{}, point_pass_{};
};

TL_NAMESPACE_END

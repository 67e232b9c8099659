#include "app/canvas.h"

#include <algorithm>

TL_NAMESPACE_BEGIN

ImVec2 CanvasView::to_screen(double x, double y) const {
  const double mx = 0.5 * (min.x + max.x), my = 0.5 * (min.y + max.y);
  return ImVec2(static_cast<float>(mx + (x - cx) * scale),
                static_cast<float>(my - (y - cy) * scale));
}

void CanvasView::to_data(ImVec2 p, double& x, double& y) const {
  const double mx = 0.5 * (min.x + max.x), my = 0.5 * (min.y + max.y);
  x = cx + (p.x - mx) / scale;
  y = cy - (p.y - my) / scale;
}

void CanvasView::fit(const GridSpec& g) {
  const double w = std::max(1.0f, max.x - min.x), h = std::max(1.0f, max.y - min.y);
  const double gw = std::max(1e-6, g.xmax - g.xmin), gh = std::max(1e-6, g.ymax - g.ymin);
  scale = std::min(w / gw, h / gh);
  cx = 0.5 * (g.xmin + g.xmax);
  cy = 0.5 * (g.ymin + g.ymax);
}

void CanvasView::zoom_at(ImVec2 p, double factor) {
  double x0, y0;
  to_data(p, x0, y0);
  scale = std::clamp(scale * factor, 1e-3, 1e7);
  double x1, y1;
  to_data(p, x1, y1);
  cx += x0 - x1;
  cy += y0 - y1;
}

GridSpec CanvasView::visible() const {
  GridSpec g;
  const double hw = 0.5 * std::max(1.0f, max.x - min.x) / scale;
  const double hh = 0.5 * std::max(1.0f, max.y - min.y) / scale;
  g.xmin = cx - hw;
  g.xmax = cx + hw;
  g.ymin = cy - hh;
  g.ymax = cy + hh;
  return g;
}

CanvasFrame CanvasView::frame() const {
  const GridSpec g = visible();
  return {min, max, g.xmin, g.xmax, g.ymin, g.ymax};
}

TL_NAMESPACE_END

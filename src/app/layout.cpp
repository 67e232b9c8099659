#include "app/layout.h"

#include <algorithm>
#include <cmath>

TL_NAMESPACE_BEGIN

Layout compute_layout(ImVec2 display, bool embed, bool show_side, const Layout& previous) {
  Layout l = previous;
  const ImVec2 d = display;
  const float row_h = 56, second_row_h = 36;
  float bar_h = row_h;
  l.narrow = d.x < 1100;
  l.bar_rows = 1;
  if (embed) {
    l.bar_rows = 2;
    bar_h = row_h + second_row_h;
    l.left_size = l.right_size = ImVec2(0, 0);
    l.bar_pos = ImVec2(0, 0);
    l.bar_size = ImVec2(d.x, bar_h);
    l.canvas_pos = ImVec2(0, bar_h);
    l.canvas_size = ImVec2(d.x, std::max(1.0f, d.y - bar_h));
    return l;
  }
  l.phone = d.x < 640;
  if (l.phone) {
    l.bar_rows = 2;
    bar_h = row_h + second_row_h;
    // One column: the bar on top, then either the panels or the canvas.
    l.bar_pos = ImVec2(0, 0);
    l.bar_size = ImVec2(d.x, bar_h);
    l.right_size = ImVec2(0, 0);
    l.left_pos = ImVec2(0, bar_h);
    l.left_size = show_side ? ImVec2(d.x, std::max(1.0f, d.y - bar_h)) : ImVec2(0, 0);
    l.canvas_pos = ImVec2(0, bar_h);
    l.canvas_size = show_side ? ImVec2(0, 0) : ImVec2(d.x, std::max(1.0f, d.y - bar_h));
    return l;
  }
  const float left_w = l.narrow ? std::floor(std::min(370.0f, d.x * 0.42f)) : 370.0f;
  const float right_w =
      l.narrow ? 0.0f : std::floor(std::min(380.0f, std::max(300.0f, d.x * 0.22f)));
  l.left_pos = ImVec2(0, 0);
  l.left_size = ImVec2(left_w, d.y);
  l.right_pos = ImVec2(d.x - right_w, 0);
  l.right_size = ImVec2(right_w, d.y);
  const float cx = left_w, cw = std::max(1.0f, d.x - left_w - right_w);
  l.bar_pos = ImVec2(cx, 0);
  l.bar_size = ImVec2(cw, bar_h);
  l.canvas_pos = ImVec2(cx, bar_h);
  l.canvas_size = ImVec2(cw, std::max(1.0f, d.y - bar_h));
  return l;
}

void drop_control_row(Layout& l) {
  const float title_h = 36;
  const float bottom = l.canvas_pos.y + l.canvas_size.y;
  l.bar_rows = 1;
  l.bar_size.y = title_h;
  l.canvas_pos.y = l.bar_pos.y + title_h;
  l.canvas_size.y = std::max(1.0f, bottom - l.canvas_pos.y);
}

void split_for_view(Layout& l, bool has_view, float fraction) {
  l.view_size = ImVec2(0, 0);
  if (!has_view || l.canvas_size.x < 2 || l.canvas_size.y < 320) return;
  const float h = std::floor(std::max(220.0f, l.canvas_size.y * fraction));
  l.canvas_size.y -= h;
  l.view_pos = ImVec2(l.canvas_pos.x, l.canvas_pos.y + l.canvas_size.y);
  l.view_size = ImVec2(l.canvas_size.x, h);
}

TL_NAMESPACE_END

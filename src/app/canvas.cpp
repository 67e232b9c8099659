#include "app/canvas.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app.h"
#include "app/plots.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "data/digits.h"

TL_NAMESPACE_BEGIN

// --- CanvasView -------------------------------------------------------------------------------

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

// --- Canvas -----------------------------------------------------------------------------------

namespace {

bool sketchable(App& app) {
  if (!app.accepts_source()) return false;
  if (app.sketch.active()) return app.sketch.dim() == 2;
  return !app.snap || !app.snap->data || app.snap->data->dim == 2;
}

}  // namespace

void Canvas::rebuild_points(App& app) {
  instances_.clear();
  drawn_.clear();
  const bool supervised = app.info() && app.info()->corner == Corner::kSupervised;
  const Snapshot* s = app.snap.get();
  const bool use_engine = s && s->data && (!app.sketch.active() || app.in_sync());
  auto add_set = [&](const Mat& xy, const Labels& y, const std::vector<int>* pred, int domain,
                     bool hollow) {
    for (Eigen::Index j = 0; j < xy.cols(); ++j) {
      const int label = static_cast<size_t>(j) < y.size() ? y[static_cast<size_t>(j)] : -1;
      const int p =
          pred && static_cast<size_t>(j) < pred->size() ? (*pred)[static_cast<size_t>(j)] : -1;
      PointInstance pi;
      pi.x = static_cast<float>(xy(0, j));
      pi.y = static_cast<float>(xy(1, j));
      pi.label = static_cast<float>(label);
      pi.shape = domain == 1 && !supervised ? 1.0f : 0.0f;
      pi.fill = hollow ? 0.0f : 1.0f;
      pi.wrong = (label >= 0 && p >= 0 && p != label) ? 1.0f : 0.0f;
      instances_.push_back(pi);
      drawn_.push_back({pi.x, pi.y, label, domain, p, static_cast<int>(j)});
    }
  };
  if (use_engine) {
    const DataView& d = *s->data;
    const Heatmap* hm =
        s->heatmap && s->heatmap->data_serial == d.serial ? s->heatmap.get() : nullptr;
    add_set(d.source_xy, d.source.y, hm ? &hm->pred_source : nullptr, 0, false);
    add_set(d.target_xy, d.target.y, hm ? &hm->pred_target : nullptr, 1, supervised);
  } else if (app.sketch.active() && app.sketch.dim() == 2) {
    add_set(app.sketch.source().X, app.sketch.source().y, nullptr, 0, false);
    add_set(app.sketch.target().X, app.sketch.target().y, nullptr, 1, false);
  }
  if (app.renderer_ok) app.renderer.set_points(instances_);
}

void Canvas::axes(ImDrawList* dl) {
  const GridSpec g = view.visible();
  const float w = view.max.x - view.min.x, h = view.max.y - view.min.y;
  const double step = nice_step((g.xmax - g.xmin) / std::max(2.0f, w / 110.0f));
  const double step_y = nice_step((g.ymax - g.ymin) / std::max(2.0f, h / 90.0f));
  const double s = std::min(step, step_y);
  char buf[32];
  ImFont* font = theme::regular();
  const float fs = ImGui::GetFontSize() * 0.85f;
  for (double x = std::ceil(g.xmin / s) * s; x <= g.xmax; x += s) {
    const float sx = view.to_screen(x, 0).x;
    const bool zero = std::fabs(x) < s * 1e-6;
    dl->AddLine(ImVec2(sx, view.min.y), ImVec2(sx, view.max.y),
                zero ? IM_COL32(255, 255, 255, 40) : theme::kGrid);
    std::snprintf(buf, sizeof(buf), "%g", zero ? 0.0 : x);
    dl->AddText(font, fs, ImVec2(sx + 3, view.max.y - fs - 4), theme::kAxisText, buf);
  }
  for (double y = std::ceil(g.ymin / s) * s; y <= g.ymax; y += s) {
    const float sy = view.to_screen(0, y).y;
    const bool zero = std::fabs(y) < s * 1e-6;
    dl->AddLine(ImVec2(view.min.x, sy), ImVec2(view.max.x, sy),
                zero ? IM_COL32(255, 255, 255, 40) : theme::kGrid);
    std::snprintf(buf, sizeof(buf), "%g", zero ? 0.0 : y);
    dl->AddText(font, fs, ImVec2(view.min.x + 5, sy - fs - 1), theme::kAxisText, buf);
  }
}

void Canvas::interact(App& app) {
  ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  const ImVec2 mouse = io.MousePos;
  bool view_moved = false;

  // Two-finger gestures (touch): pan and pinch zoom; a stroke the first finger began is undone.
  const platform::Gesture g = platform::take_gesture();
  if (g.started && stroke_active_) {
    stroke_active_ = false;
    if (now_seconds() - stroke_started_ < 0.6) {
      app.sketch.undo();
      app.data_changed(false);
    }
  }
  if (g.pan_x != 0 || g.pan_y != 0) {
    view.cx -= g.pan_x / view.scale;
    view.cy += g.pan_y / view.scale;
    view_moved = true;
  }
  if (g.zoom != 1.0f) {
    view.zoom_at(ImVec2(g.cx, g.cy), g.zoom);
    view_moved = true;
  }
  if (hovered && io.MouseWheel != 0) {
    view.zoom_at(mouse, std::pow(1.2, io.MouseWheel));
    view_moved = true;
  }
  const bool pan_drag =
      active && (ImGui::IsMouseDown(ImGuiMouseButton_Middle) ||
                 (tool == Tool::kPan && ImGui::IsMouseDown(ImGuiMouseButton_Left)));
  if (pan_drag && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) {
    view.cx -= io.MouseDelta.x / view.scale;
    view.cy += io.MouseDelta.y / view.scale;
    view_moved = true;
  }
  if (view_moved) {
    has_view = true;
    app.view_changed();
  }

  const bool can_edit = sketchable(app);
  const bool left_press = ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  const bool right_press = hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right);
  const bool erasing = (tool == Tool::kErase && ImGui::IsMouseDown(ImGuiMouseButton_Left)) ||
                       ImGui::IsMouseDown(ImGuiMouseButton_Right);
  const float erase_px = platform::touch_input() ? 22.0f : 14.0f;
  if ((left_press && tool != Tool::kPan) || right_press) {
    if (!can_edit) {
      app.notify(app.accepts_source()
                     ? "sketching works on 2-D data; this data set has " +
                           std::to_string(app.snap && app.snap->data ? app.snap->data->dim : 0) +
                           " features (use the scenario's data or generate 2-D data)"
                     : app.info()->name + " takes no user data",
                 false);
      return;
    }
    app.begin_sketch_edit();
    stroke_active_ = true;
    stroke_started_ = now_seconds();
    last_paint_ = mouse;
    double x, y;
    view.to_data(mouse, x, y);
    if (left_press && tool == Tool::kAdd) {
      app.sketch.add(x, y, brush_class, app.accepts_target() ? brush_domain : 0);
    } else {
      app.sketch.erase_near(x, y, erase_px / view.scale);
    }
    app.data_changed(false);
    return;
  }
  if (stroke_active_ && (active || ImGui::IsMouseDown(ImGuiMouseButton_Right))) {
    const float dx = mouse.x - last_paint_.x, dy = mouse.y - last_paint_.y;
    const float spacing = erasing ? 4.0f : (platform::touch_input() ? 18.0f : 13.0f);
    const bool inside = mouse.x >= view.min.x && mouse.x < view.max.x && mouse.y >= view.min.y &&
                        mouse.y < view.max.y;
    if (inside && dx * dx + dy * dy >= spacing * spacing) {
      double x, y;
      view.to_data(mouse, x, y);
      bool changed = false;
      if (erasing) {
        changed = app.sketch.erase_near(x, y, erase_px / view.scale) > 0;
      } else if (tool == Tool::kAdd) {
        app.sketch.add(x, y, brush_class, app.accepts_target() ? brush_domain : 0);
        changed = true;
      }
      last_paint_ = mouse;
      if (changed) app.data_changed(false);
    }
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left) && !ImGui::IsMouseDown(ImGuiMouseButton_Right))
    stroke_active_ = false;

  // Keyboard: Ctrl+Z undo, digits pick the class.
  if (!io.WantTextInput && ImGui::IsWindowFocused(ImGuiFocusedFlags_AnyWindow)) {
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z)) &&
        app.sketch.can_undo()) {
      app.sketch.undo();
      app.data_changed(false);
    }
  }
}

void Canvas::hover(App& app) {
  if (!ImGui::IsItemHovered() || drawn_.empty() || ImGui::IsMouseDown(0)) return;
  const ImVec2 m = ImGui::GetIO().MousePos;
  int best = -1;
  float best_d = 10.0f * 10.0f;
  for (size_t i = 0; i < drawn_.size(); ++i) {
    const ImVec2 p = view.to_screen(drawn_[i].x, drawn_[i].y);
    const float d = (p.x - m.x) * (p.x - m.x) + (p.y - m.y) * (p.y - m.y);
    if (d < best_d) {
      best_d = d;
      best = static_cast<int>(i);
    }
  }
  if (best < 0) return;
  const Drawn& d = drawn_[static_cast<size_t>(best)];
  const ImVec2 p = view.to_screen(d.x, d.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircle(p, marker_size * 0.5f + 5, IM_COL32(255, 255, 255, 200), 24, 1.5f);
  ImGui::BeginTooltip();
  const char* set = d.domain == 1 ? app.target_label() : app.source_label();
  ImGui::Text("%s point %d", set, d.index + 1);
  if (d.label >= 0) {
    ImGui::ColorButton("##c", theme::class_color(d.label), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(12, 12));
    ImGui::SameLine();
    ImGui::Text("class %d", d.label + 1);
  } else {
    ImGui::TextUnformatted("unlabelled");
  }
  if (d.pred >= 0) {
    ImGui::ColorButton("##p", theme::class_color(d.pred), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(12, 12));
    ImGui::SameLine();
    ImGui::Text("predicted %d%s", d.pred + 1, d.label >= 0 && d.label != d.pred ? "  (wrong)" : "");
  }
  const Snapshot* s = app.snap.get();
  if (s && s->data && s->data->projected && s->data->dim == kDigitPixels && app.in_sync()) {
    const Dataset& ds = d.domain == 1 ? s->data->target : s->data->source;
    if (d.index < ds.size()) {
      const float cell = 9;
      const ImVec2 o = ImGui::GetCursorScreenPos();
      ImDrawList* tl = ImGui::GetWindowDrawList();
      for (int r = 0; r < kDigitSide; ++r)
        for (int c = 0; c < kDigitSide; ++c) {
          const float v =
              std::clamp(static_cast<float>(ds.X(r * kDigitSide + c, d.index)), 0.0f, 1.0f);
          const int g = static_cast<int>(v * 255);
          tl->AddRectFilled(ImVec2(o.x + c * cell, o.y + r * cell),
                            ImVec2(o.x + (c + 1) * cell, o.y + (r + 1) * cell),
                            IM_COL32(g, g, g, 255));
        }
      ImGui::Dummy(ImVec2(cell * kDigitSide, cell * kDigitSide));
    }
  } else {
    ImGui::TextDisabled("x %.3f   y %.3f", d.x, d.y);
  }
  ImGui::EndTooltip();
}

void Canvas::draw(App& app, ImVec2 pos, ImVec2 size) {
  view.min = pos;
  view.max = ImVec2(pos.x + size.x, pos.y + size.y);
  const Snapshot* s = app.snap.get();
  if (fit_pending && s && s->data && app.in_sync()) {
    view.fit(s->data->bounds);
    fit_pending = false;
    has_view = true;
    app.view_changed();
  }
  if (!has_view) {
    GridSpec g;
    view.fit(g);
  }

  ImGui::SetCursorScreenPos(pos);
  ImGui::InvisibleButton("##canvas", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  app.mark("canvas");
  interact(app);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(view.min, view.max, true);
  const bool heat = app.renderer_ok && app.renderer.has_heatmap() && s && s->heatmap && s->data &&
                    app.in_sync() && s->heatmap->data_serial == s->data->serial;
  if (heat) app.renderer.draw_heatmap(dl, view.frame(), heat_strength);
  axes(dl);
  const uint64_t key = (s ? s->seq * 1000003ULL : 0) ^ (app.sketch.version() * 7919ULL) ^
                       (app.in_sync() ? 1ULL : 0ULL);
  if (key != points_key_) {
    points_key_ = key;
    rebuild_points(app);
  }
  // Markers shrink a little for dense data sets.
  const size_t n = drawn_.size();
  const float marker = marker_size * (n <= 300 ? 1.2f : n <= 2500 ? 1.0f : 0.8f);
  if (app.renderer_ok) app.renderer.draw_points(dl, view.frame(), marker);
  hover(app);
  // Eraser cursor.
  if (ImGui::IsItemHovered() && (tool == Tool::kErase || ImGui::IsMouseDown(1))) {
    dl->AddCircle(ImGui::GetIO().MousePos, platform::touch_input() ? 22.0f : 14.0f,
                  IM_COL32(255, 255, 255, 150), 32, 1.2f);
  }
  dl->PopClipRect();
  empty_hint(app);
}

void Canvas::empty_hint(App& app) {
  const Snapshot* s = app.snap.get();
  std::string text;
  std::string sub;
  const std::string err = app.setup_error();
  if (app.sketch.active() && app.sketch.size() == 0) {
    text = "Click to add points, drag to paint.";
    sub = "Pick a class colour above, add a second class, then press Play.";
  } else if (!err.empty()) {
    if (err.find("at least 2 classes") != std::string::npos) {
      text = "Add points of a second class to train.";
      sub = "Pick another colour in the toolbar above.";
    } else {
      text = err;
    }
  } else if (!s) {
    text = "Starting...";
  }
  if (text.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* big = theme::bold();
  const float fs = ImGui::GetFontSize() * 1.25f;
  const float wrap = std::min(520.0f, view.max.x - view.min.x - 40);
  const ImVec2 ts = big->CalcTextSizeA(fs, FLT_MAX, wrap, text.c_str());
  const ImVec2 ss =
      sub.empty() ? ImVec2(0, 0) : ImGui::CalcTextSize(sub.c_str(), nullptr, false, wrap);
  const float cx = 0.5f * (view.min.x + view.max.x);
  const float cy = view.max.y - 120;
  const float w = std::max(ts.x, ss.x) + 36, h = ts.y + (sub.empty() ? 0 : ss.y + 8) + 24;
  dl->AddRectFilled(ImVec2(cx - w * 0.5f, cy - h * 0.5f), ImVec2(cx + w * 0.5f, cy + h * 0.5f),
                    IM_COL32(24, 27, 33, 225), 10.0f);
  dl->AddText(big, fs, ImVec2(cx - ts.x * 0.5f, cy - h * 0.5f + 12), IM_COL32(235, 238, 245, 255),
              text.c_str(), nullptr, wrap);
  if (!sub.empty())
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                ImVec2(cx - ss.x * 0.5f, cy - h * 0.5f + 20 + ts.y), theme::kAxisText, sub.c_str(),
                nullptr, wrap);
}

void Canvas::overlays(App& app) {
  toolbar(app);
  legend(app);
}

void Canvas::toolbar(App& app) {
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing;
  ImGui::SetNextWindowPos(ImVec2(view.min.x + 12, view.min.y + 12));
  ImGui::SetNextWindowBgAlpha(0.88f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 4));
  ImGui::Begin("Canvas tools", nullptr, flags);
  const bool can_edit = sketchable(app);
  if (!can_edit) ImGui::BeginDisabled();
  const bool compact = view.max.x - view.min.x < 640;
  if (widgets::icon_button("tool_add", widgets::Icon::kPen, compact ? "" : "Add",
                           tool == Tool::kAdd))
    tool = Tool::kAdd;
  app.mark("tool_add");
  widgets::tooltip("Add points: click, or drag to paint (right-drag erases)");
  ImGui::SameLine();
  if (widgets::icon_button("tool_erase", widgets::Icon::kEraser, compact ? "" : "Erase",
                           tool == Tool::kErase))
    tool = Tool::kErase;
  app.mark("tool_erase");
  widgets::tooltip("Erase points under the cursor");
  if (!can_edit) ImGui::EndDisabled();
  ImGui::SameLine();
  if (widgets::icon_button("tool_pan", widgets::Icon::kHand, "", tool == Tool::kPan))
    tool = Tool::kPan;
  app.mark("tool_pan");
  widgets::tooltip("Pan (also: middle mouse, two fingers); zoom with the wheel or a pinch");
  ImGui::SameLine();
  if (widgets::icon_button("fit", widgets::Icon::kFit, "")) {
    if (s_bounds_ok(app)) {
      view.fit(app.snap->data->bounds);
      has_view = true;
      app.view_changed();
    }
  }
  app.mark("fit");
  widgets::tooltip("Fit the view to the data");

  if (!can_edit) ImGui::BeginDisabled();
  ImGui::SameLine(0, compact ? 8 : 14);
  if (!compact) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("class");
  }
  const int k = std::min(theme::kPaletteSize, app.num_classes() + 1);
  const float sw = ImGui::GetFrameHeight();
  for (int c = 0; c < k; ++c) {
    ImGui::SameLine();
    char id[16], label[8];
    std::snprintf(id, sizeof(id), "##class%d", c);
    std::snprintf(label, sizeof(label), "%d", c + 1);
    if (widgets::swatch(id, theme::class_u32(c), brush_class == c, label, sw)) brush_class = c;
    char name[16];
    std::snprintf(name, sizeof(name), "class_%d", c);
    app.mark(name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Class %d%s", c + 1, c == k - 1 ? " (new)" : "");
  }
  ImGui::SameLine();
  if (widgets::swatch("##unlabelled", theme::unlabelled_u32(), brush_class == -1, "?", sw))
    brush_class = -1;
  app.mark("class_unlabelled");
  widgets::tooltip("Unlabelled point");
  if (app.accepts_target()) {
    ImGui::SameLine(0, 14);
    if (widgets::icon_button("dom_source", widgets::Icon::kCircle, app.source_label(),
                             brush_domain == 0))
      brush_domain = 0;
    app.mark("domain_source");
    ImGui::SameLine();
    if (widgets::icon_button("dom_target", widgets::Icon::kTriangle, app.target_label(),
                             brush_domain == 1))
      brush_domain = 1;
    app.mark("domain_target");
  }
  ImGui::SameLine(0, 14);
  const bool can_undo = app.sketch.can_undo();
  if (!can_undo) ImGui::BeginDisabled();
  if (widgets::icon_button("undo", widgets::Icon::kUndo, "")) {
    app.sketch.undo();
    app.data_changed(false);
  }
  app.mark("undo");
  widgets::tooltip("Undo (Ctrl+Z)");
  if (!can_undo) ImGui::EndDisabled();
  ImGui::SameLine();
  if (widgets::icon_button("clear", widgets::Icon::kClear, compact ? "" : "Clear")) {
    app.sketch.clear();
    app.data_changed(false);
  }
  app.mark("clear");
  widgets::tooltip("Remove every point and sketch your own data");
  if (!can_edit) ImGui::EndDisabled();
  ImGui::End();
  ImGui::PopStyleVar(3);
}

bool Canvas::s_bounds_ok(App& app) {
  return app.snap && app.snap->data;
}

void Canvas::legend(App& app) {
  if (app.embed && view.max.x - view.min.x < 420) return;
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
  ImGui::SetNextWindowPos(ImVec2(view.max.x - 12, view.max.y - 30), ImGuiCond_Always,
                          ImVec2(1.0f, 1.0f));
  ImGui::SetNextWindowBgAlpha(0.82f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 8));
  ImGui::Begin("Legend", nullptr, flags);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight();
  const bool supervised = app.info() && app.info()->corner == Corner::kSupervised;
  auto entry = [&](int shape, bool hollow, const char* text, bool ring = false) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 c(p.x + h * 0.5f, p.y + h * 0.5f);
    if (ring) dl->AddCircle(c, h * 0.42f, IM_COL32(255, 255, 255, 255), 20, 2.0f);
    widgets::marker(dl, c, h * 0.3f, shape, theme::class_u32(0), hollow);
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
  };
  entry(0, false, app.source_label());
  ImGui::SameLine(0, 12);
  entry(supervised ? 0 : 1, supervised, app.target_label());
  ImGui::SameLine(0, 12);
  entry(0, false, "misclassified", true);
  // Class names.
  const Snapshot* s = app.snap.get();
  const int k = std::min(app.num_classes(), theme::kPaletteSize);
  const std::vector<std::string>* names = nullptr;
  if (s && s->data && !s->data->source.class_names.empty()) names = &s->data->source.class_names;
  for (int c = 0; c < k; ++c) {
    if (c % 6 != 0) ImGui::SameLine(0, 10);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + h * 0.6f, p.y + h * 0.8f),
                      theme::class_u32(c), 2.0f);
    ImGui::Dummy(ImVec2(h * 0.6f, h));
    ImGui::SameLine(0, 4);
    if (names && static_cast<size_t>(c) < names->size())
      ImGui::TextUnformatted((*names)[static_cast<size_t>(c)].c_str());
    else
      ImGui::Text("%d", c + 1);
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() +
                         std::min(440.0f, view.max.x - view.min.x - 60.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted("shade: predicted class (stronger = surer); line: decision boundary");
  if (s && s->data && s->data->projected)
    ImGui::Text("axes: first two principal components of %d-D data", s->data->dim);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ImGui::End();
  ImGui::PopStyleVar(2);
}

TL_NAMESPACE_END

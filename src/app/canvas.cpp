#include "app/canvas.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include "app/i18n.h"
#include "app/platform_web.h"
#include "app/plots.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "data/digits.h"
#include "scenarios/metric_info.h"

TL_NAMESPACE_BEGIN

// --- Canvas -----------------------------------------------------------------------------------

bool CanvasContext::can_sketch() const {
  if (!accepts_source) return false;
  if (sketch->active()) return sketch->dim() == 2;
  return !snap || !snap->data || snap->data->dim == 2;
}

int CanvasContext::compare_index() const {
  if (!snap || !snap->heatmap || !snap->models || !compare_renderer) return -1;
  const int c = snap->heatmap->compare;
  return c >= 1 && c < static_cast<int>(snap->models->size()) ? c : -1;
}

void Canvas::rebuild_points(const CanvasContext& ctx) {
  instances_.clear();
  compare_instances_.clear();
  drawn_.clear();
  const bool supervised = ctx.supervised;
  const Snapshot* s = ctx.snap;
  const bool use_engine = s && s->data && (!ctx.sketch->active() || ctx.in_sync());
  // Data shown by principal components (e.g. 64-D digits): no heatmap, each point filled with
  // its predicted class and ringed with its true one.
  const bool projected = use_engine && s->data->projected;
  // Thousands of points: a stable sample (the same points every frame and every run).
  size_t total = 0;
  if (use_engine)
    total = static_cast<size_t>(s->data->source_xy.cols() + s->data->target_xy.cols());
  const bool sample = !show_all_points && total > kSampleMax;
  // Target labels the method never sees are drawn unlabelled unless asked for.
  const bool hide_target = ctx.target_labels_hidden && !show_held_back_labels;
  drawn_target_labelled = 0;
  const uint64_t keep_below = sample ? (uint64_t{1} << 32) * kSampleMax / total : 0;
  sampled = sample;
  auto kept = [&](Eigen::Index j, int domain) {
    if (!sample) return true;
    const uint64_t h = (static_cast<uint64_t>(j) * 2 + static_cast<uint64_t>(domain)) *
                       2654435761ULL % (uint64_t{1} << 32);
    return h < keep_below;
  };
  auto add_set = [&](const Mat& xy, const Labels& y, const std::vector<int>* pred,
                     const std::vector<int>* pred_cmp, int domain, bool hollow) {
    for (Eigen::Index j = 0; j < xy.cols(); ++j) {
      if (!kept(j, domain)) continue;
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
      const int q = pred_cmp && static_cast<size_t>(j) < pred_cmp->size()
                        ? (*pred_cmp)[static_cast<size_t>(j)]
                        : -1;
      PointInstance pc = pi;
      pc.wrong = (label >= 0 && q >= 0 && q != label) ? 1.0f : 0.0f;
      const bool held_back = hide_target && domain == 1 && label >= 0;
      if (held_back) {
        pi.label = pc.label = -1.0f;
        pi.wrong = pc.wrong = 0.0f;
      } else if (projected && label >= 0) {
        if (p >= 0) {
          pi.label = static_cast<float>(p);
          pi.wrong = 2.0f + static_cast<float>(label);
        }
        if (q >= 0) {
          pc.label = static_cast<float>(q);
          pc.wrong = 2.0f + static_cast<float>(label);
        }
      }
      if (domain == 1 && pi.label >= 0) ++drawn_target_labelled;
      instances_.push_back(pi);
      compare_instances_.push_back(pc);
      drawn_.push_back({pi.x, pi.y, label, domain, p, static_cast<int>(j), q, held_back});
    }
  };
  if (use_engine) {
    const DataView& d = *s->data;
    const Heatmap* hm =
        s->heatmap && s->heatmap->data_serial == d.serial ? s->heatmap.get() : nullptr;
    add_set(d.source_xy, d.source.y, hm ? &hm->pred_source : nullptr,
            hm ? &hm->compare_source : nullptr, 0, false);
    add_set(d.target_xy, d.target.y, hm ? &hm->pred_target : nullptr,
            hm ? &hm->compare_target : nullptr, 1, supervised);
  } else if (ctx.sketch->active() && ctx.sketch->dim() == 2) {
    add_set(ctx.sketch->source().X, ctx.sketch->source().y, nullptr, nullptr, 0, false);
    add_set(ctx.sketch->target().X, ctx.sketch->target().y, nullptr, nullptr, 1, false);
  }
  if (ctx.renderer) ctx.renderer->set_points(instances_);
  if (ctx.compare_renderer) ctx.compare_renderer->set_points(compare_instances_);
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

void Canvas::interact(const CanvasContext& ctx) {
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
      ctx.sketch->undo();
      ctx.data_changed(false);
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
    ctx.view_changed();
  }

  const bool can_edit = ctx.can_sketch();
  const bool left_press = ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  const bool right_press = hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right);
  const bool erasing = (tool == Tool::kErase && ImGui::IsMouseDown(ImGuiMouseButton_Left)) ||
                       ImGui::IsMouseDown(ImGuiMouseButton_Right);
  const float erase_px = platform::touch_input() ? 22.0f : 14.0f;
  if ((left_press && tool != Tool::kPan) || right_press) {
    if (!can_edit) {
      ctx.notify(ctx.accepts_source
                     ? "sketching works on 2-D data; this data set has " +
                           std::to_string(ctx.snap && ctx.snap->data ? ctx.snap->data->dim : 0) +
                           " features (use the scenario's data or generate 2-D data)"
                     : ctx.scenario + " takes no user data");
      return;
    }
    ctx.begin_sketch_edit();
    stroke_active_ = true;
    stroke_started_ = now_seconds();
    last_paint_ = mouse;
    double x, y;
    view.to_data(mouse, x, y);
    if (left_press && tool == Tool::kAdd) {
      ctx.sketch->add(x, y, brush_class, ctx.accepts_target ? brush_domain : 0);
    } else {
      ctx.sketch->erase_near(x, y, erase_px / view.scale);
    }
    ctx.data_changed(false);
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
        changed = ctx.sketch->erase_near(x, y, erase_px / view.scale) > 0;
      } else if (tool == Tool::kAdd) {
        ctx.sketch->add(x, y, brush_class, ctx.accepts_target ? brush_domain : 0);
        changed = true;
      }
      last_paint_ = mouse;
      if (changed) ctx.data_changed(false);
    }
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left) && !ImGui::IsMouseDown(ImGuiMouseButton_Right))
    stroke_active_ = false;

  // Keyboard: Ctrl+Z undo, digits pick the class.
  if (!io.WantTextInput && ImGui::IsWindowFocused(ImGuiFocusedFlags_AnyWindow)) {
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z)) &&
        ctx.sketch->can_undo()) {
      ctx.sketch->undo();
      ctx.data_changed(false);
    }
  }
}

void Canvas::hover(const CanvasContext& ctx, bool compare) {
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
  Drawn d = drawn_[static_cast<size_t>(best)];
  if (compare) d.pred = d.pred_compare;
  const ImVec2 p = view.to_screen(d.x, d.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircle(p, marker_size * 0.5f + 5, IM_COL32(255, 255, 255, 200), 24, 1.5f);
  ImGui::BeginTooltip();
  const char* set = d.domain == 1 ? ctx.target_label : ctx.source_label;
  ImGui::Text(tr("%s point %d"), tr(set), d.index + 1);
  if (d.held_back) {
    ImGui::TextUnformatted(tr("label held back (used only to score)"));
  } else if (d.label >= 0) {
    ImGui::ColorButton("##c", theme::class_color(d.label), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(12, 12));
    ImGui::SameLine();
    ImGui::Text(tr("class %s"), class_name(ctx, d.label).c_str());
  } else {
    ImGui::TextUnformatted(tr("unlabelled"));
  }
  if (d.pred >= 0) {
    ImGui::ColorButton("##p", theme::class_color(d.pred), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(12, 12));
    ImGui::SameLine();
    const bool wrong = !d.held_back && d.label >= 0 && d.label != d.pred;
    ImGui::Text(wrong ? tr("predicted %s  (wrong)") : tr("predicted %s"),
                class_name(ctx, d.pred).c_str());
  }
  const Snapshot* s = ctx.snap;
  if (s && s->data && s->data->projected && s->data->dim == kDigitPixels && ctx.in_sync()) {
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

namespace {

/// Height of a pane's caption strip in the split view (CSS pixels).
constexpr float kCaptionH = 30;
/// Gap between the two panes.
constexpr float kPaneGap = 6;
/// The split view needs at least this width (narrower: the method alone).
constexpr float kMinSplitWidth = 520;

/// The label and accuracy of model `index` of the snapshot's models: "fine-tuned", "83.4%".
void model_caption(const CanvasContext& ctx, int index, std::string& label, std::string& value) {
  label.clear();
  value.clear();
  const Snapshot* s = ctx.snap;
  if (!s || !s->models || index < 0 || index >= static_cast<int>(s->models->size())) return;
  const ModelInfo& m = (*s->models)[static_cast<size_t>(index)];
  label = tr(m.label);
  // No figure of data the engine refused (it would be the previous data's).
  if (m.metric.empty() || (ctx.results_valid && !ctx.results_valid())) return;
  const double v = metric(s->metrics, m.metric, std::numeric_limits<double>::quiet_NaN());
  if (!std::isfinite(v)) return;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f%%", 100.0 * v);
  value = buf;
}

}  // namespace

void Canvas::pane_caption(const CanvasContext& ctx, ImVec2 min, float width, int model,
                          bool picker) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 max(min.x + width, min.y + kCaptionH);
  dl->AddRectFilled(min, max, IM_COL32(30, 34, 42, 255));
  const Snapshot* s = ctx.snap;
  const bool method = model == 0;
  std::string label, value;
  model_caption(ctx, model, label, value);
  const char* role = method ? tr("method") : tr("compared with");
  const float pad = 8;
  const float fs = ImGui::GetFontSize();
  const float ty = min.y + (kCaptionH - fs) * 0.5f;
  dl->AddText(theme::regular(), fs * 0.85f, ImVec2(min.x + pad, ty + fs * 0.1f), theme::kAxisText,
              role);
  const float role_w = theme::regular()->CalcTextSizeA(fs * 0.85f, FLT_MAX, 0, role).x;
  const float x0 = min.x + pad + role_w + 8;
  // The value on the right, large.
  if (!value.empty()) {
    ImFont* big = theme::bold();
    const float vs = fs * 1.1f;
    const float vw = big->CalcTextSizeA(vs, FLT_MAX, 0, value.c_str()).x;
    dl->AddText(big, vs, ImVec2(max.x - pad - vw, min.y + (kCaptionH - vs) * 0.5f),
                method ? theme::kAccent : IM_COL32(235, 238, 245, 255), value.c_str());
  }
  const bool several = s && s->models && s->models->size() > 2;
  if (picker && several && ctx.set_compare) {
    // Which baseline (or oracle) is on the left.
    ImGui::SetCursorScreenPos(ImVec2(x0, min.y + (kCaptionH - ImGui::GetFrameHeight()) * 0.5f));
    ImGui::SetNextItemWidth(std::max(80.0f, std::min(200.0f, width - (x0 - min.x) - 70)));
    if (ImGui::BeginCombo("##compare", label.c_str())) {
      for (size_t i = 1; i < s->models->size(); ++i) {
        const ModelInfo& m = (*s->models)[i];
        const bool sel = static_cast<int>(i) == model;
        char item[160];
        std::snprintf(item, sizeof(item), m.role == MetricRole::kOracle ? tr("%s  (oracle)") : "%s",
                      tr(m.label).c_str());
        ImGui::PushID(static_cast<int>(i));
        const bool picked = ImGui::Selectable(item, sel);
        ImGui::PopID();
        if (picked) ctx.set_compare(static_cast<int>(i));
      }
      ImGui::EndCombo();
    }
    ctx.mark("compare_picker");
    widgets::tooltip(tr("Which model to show on the left, beside the method"));
  } else {
    dl->AddText(theme::bold(), fs, ImVec2(x0, ty), IM_COL32(235, 238, 245, 255), label.c_str());
  }
}

void Canvas::draw_compare_pane(const CanvasContext& ctx, ImVec2 min, ImVec2 max, float marker) {
  // The pane is drawn through `view` (axes, interaction and hover use it), then the method
  // pane's view takes over any pan or zoom made here.
  const CanvasView method_view = view;
  view.min = min;
  view.max = max;
  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton("##canvas_compare", ImVec2(max.x - min.x, max.y - min.y),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  ctx.mark("canvas_compare");
  if (!figure_mode) interact(ctx);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(view.min, view.max, true);
  const Snapshot* s = ctx.snap;
  const bool heat = ctx.compare_renderer->has_heatmap() && s && s->heatmap && s->data &&
                    !s->data->projected && ctx.in_sync() &&
                    s->heatmap->data_serial == s->data->serial;
  if (heat) ctx.compare_renderer->draw_heatmap(dl, view.frame(), heat_strength);
  axes(dl);
  ctx.compare_renderer->draw_points(dl, view.frame(), marker);
  if (!figure_mode) hover(ctx, true);
  dl->PopClipRect();
  const CanvasView moved = view;
  view = method_view;
  view.cx = moved.cx;
  view.cy = moved.cy;
  view.scale = moved.scale;
}

void Canvas::draw(const CanvasContext& ctx, ImVec2 pos, ImVec2 size) {
  area_min = pos;
  area_max = ImVec2(pos.x + size.x, pos.y + size.y);
  const int compare = ctx.compare_index();
  split = compare >= 1 && size.x >= kMinSplitWidth && size.y > kCaptionH + 120;
  ImVec2 mpos = pos, msize = size;
  ImVec2 cmin, cmax;
  if (split) {
    const float half = std::floor((size.x - kPaneGap) * 0.5f);
    cmin = ImVec2(pos.x, pos.y + kCaptionH);
    cmax = ImVec2(pos.x + half, pos.y + size.y);
    mpos = ImVec2(pos.x + half + kPaneGap, pos.y + kCaptionH);
    msize = ImVec2(size.x - half - kPaneGap, size.y - kCaptionH);
  }
  view.min = mpos;
  view.max = ImVec2(mpos.x + msize.x, mpos.y + msize.y);
  const Snapshot* s = ctx.snap;
  if (fit_pending && s && s->data && ctx.in_sync()) {
    view.fit(s->data->bounds);
    fit_pending = false;
    has_view = true;
    ctx.view_changed();
  }
  if (!has_view) {
    GridSpec g;
    view.fit(g);
  }
  const uint64_t key = (s ? s->seq * 1000003ULL : 0) ^ (ctx.sketch->version() * 7919ULL) ^
                       (ctx.in_sync() ? 1ULL : 0ULL) ^ (show_held_back_labels ? 2ULL : 0ULL) ^
                       (ctx.target_labels_hidden ? 4ULL : 0ULL);
  if (key != points_key_) {
    points_key_ = key;
    rebuild_points(ctx);
  }
  // Markers shrink a little for dense data sets.
  const size_t n = drawn_.size();
  const float marker = marker_size * (n <= 300 ? 1.2f : n <= 2500 ? 1.0f : 0.8f);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (split) {
    dl->AddRectFilled(ImVec2(cmax.x, pos.y), ImVec2(mpos.x, area_max.y), IM_COL32(14, 16, 20, 255));
    draw_compare_pane(ctx, cmin, cmax, marker);
  }

  ImGui::SetCursorScreenPos(mpos);
  ImGui::InvisibleButton("##canvas", msize,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  ctx.mark("canvas");
  if (!figure_mode) interact(ctx);

  dl->PushClipRect(view.min, view.max, true);
  const bool heat = ctx.renderer && ctx.renderer->has_heatmap() && s && s->heatmap && s->data &&
                    !s->data->projected && ctx.in_sync() &&
                    s->heatmap->data_serial == s->data->serial;
  if (heat) ctx.renderer->draw_heatmap(dl, view.frame(), heat_strength);
  axes(dl);
  if (ctx.renderer) ctx.renderer->draw_points(dl, view.frame(), marker);
  if (!figure_mode) hover(ctx);
  // Eraser cursor.
  if (!figure_mode && ImGui::IsItemHovered() && (tool == Tool::kErase || ImGui::IsMouseDown(1))) {
    dl->AddCircle(ImGui::GetIO().MousePos, platform::touch_input() ? 22.0f : 14.0f,
                  IM_COL32(255, 255, 255, 150), 32, 1.2f);
  }
  dl->PopClipRect();
  if (split) {
    pane_caption(ctx, pos, cmax.x - cmin.x, compare, !figure_mode);
    pane_caption(ctx, ImVec2(mpos.x, pos.y), msize.x, 0, false);
  }
  empty_hint(ctx);
}

void Canvas::empty_hint(const CanvasContext& ctx) {
  const Snapshot* s = ctx.snap;
  std::string text;
  std::string sub;
  const std::string err = ctx.setup_error();
  const std::string gap = ctx.training_gap ? ctx.training_gap() : std::string();
  if (ctx.sketch->active() && ctx.sketch->size() == 0) {
    text = tr("Click to add points, drag to paint.");
    sub = tr("Pick a class colour above: labelled points of two classes are needed to train.");
  } else if (ctx.sketch->active() && !gap.empty() && gap.rfind("Cannot train", 0) != 0) {
    // What the sketch lacks, exactly (only unlabelled points, or one class): the message's head
    // (before its colon) large, the rest under it.
    const std::string shown = tr_message(gap);
    size_t colon = shown.find(": "), skip = 2;
    if (colon == std::string::npos && (colon = shown.find("\xEF\xBC\x9A")) != std::string::npos)
      skip = 3;  // a full-width colon
    char head[256];
    std::snprintf(head, sizeof(head), tr("%s."), shown.substr(0, colon).c_str());
    text = head;
    if (colon != std::string::npos) {
      sub = shown.substr(colon + skip);
      sub[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sub[0])));
    }
  } else if (!err.empty()) {
    text = tr_message(err);
  } else if (!s) {
    text = tr("Starting...");
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
  const float w = std::max(ts.x, ss.x) + 36, h = ts.y + (sub.empty() ? 0 : ss.y + 8) + 24;
  // Low on the canvas, above the legend.
  const float cy =
      std::max(view.min.y + h * 0.5f + 80, std::min(view.max.y - 120, legend_top_ - h * 0.5f - 10));
  dl->AddRectFilled(ImVec2(cx - w * 0.5f, cy - h * 0.5f), ImVec2(cx + w * 0.5f, cy + h * 0.5f),
                    IM_COL32(24, 27, 33, 225), 10.0f);
  dl->AddText(big, fs, ImVec2(cx - ts.x * 0.5f, cy - h * 0.5f + 12), IM_COL32(235, 238, 245, 255),
              text.c_str(), nullptr, wrap);
  if (!sub.empty())
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                ImVec2(cx - ss.x * 0.5f, cy - h * 0.5f + 20 + ts.y), theme::kAxisText, sub.c_str(),
                nullptr, wrap);
}

TL_NAMESPACE_END

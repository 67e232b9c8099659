// The canvas's floating windows: the tool bar (tools, class and domain brushes, undo, clear) and
// the legend (markers, class names, what the shading means).
#include <algorithm>
#include <cstdio>
#include <string>

#include "app/canvas.h"
#include "app/i18n.h"
#include "app/keyboard_nav.h"
#include "app/theme.h"
#include "app/url_state.h"
#include "app/widgets.h"
#include "scenarios/metric_info.h"

TL_NAMESPACE_BEGIN

void Canvas::overlays(const CanvasContext& ctx) {
  if (!figure_mode) {
    toolbar(ctx);
    data_banner(ctx);
  }
  legend(ctx);
}

// In the page's language (e.g. the zero-shot animals); files and links keep the data's names.
std::string Canvas::class_name(const CanvasContext& ctx, int c) const {
  const Snapshot* s = ctx.snap;
  if (s && s->data && c >= 0 && static_cast<size_t>(c) < s->data->source.class_names.size())
    return tr(s->data->source.class_names[static_cast<size_t>(c)]);
  return std::to_string(c + 1);
}

namespace {

/// The width widgets::icon_button gives a button with this label ("" for the icon alone).
float icon_button_width(const char* label) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float text = label && *label ? ImGui::CalcTextSize(label).x : 0;
  return ImGui::GetFrameHeight() * 0.9f + (text > 0 ? text + st.FramePadding.x * 1.5f : 0) +
         st.FramePadding.x * 0.5f;
}

float checkbox_width(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label, nullptr, true).x;
}

}  // namespace

void Canvas::toolbar(const CanvasContext& ctx) {
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing;
  // Over the top left of the whole canvas (the comparison pane when split: the bar is wide).
  ImGui::SetNextWindowPos(ImVec2(area_min.x + 12, view.min.y + 12));
  ImGui::SetNextWindowBgAlpha(0.88f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 4));
  ImGui::Begin("Canvas tools", nullptr, flags);
  // The bar wraps onto further rows rather than running past the canvas's right edge.
  const float limit = area_max.x - 12 - 8;
  bool first = true;
  auto place = [&](float width, float gap) {
    if (first) {
      first = false;
      return;
    }
    if (ImGui::GetItemRectMax().x + gap + width <= limit) ImGui::SameLine(0, gap);
  };
  const bool can_edit = ctx.can_sketch();
  if (!can_edit) ImGui::BeginDisabled();
  const bool compact = area_max.x - area_min.x < 820;
  const char* add_label = compact ? "" : tr("Add");
  place(icon_button_width(add_label), 4);
  if (widgets::icon_button("tool_add", widgets::Icon::kPen, add_label, tool == Tool::kAdd))
    tool = Tool::kAdd;
  ctx.mark("tool_add");
  widgets::tooltip(tr("Add points: click, or drag to paint (right-drag erases)"));
  const char* erase_label = compact ? "" : tr("Erase");
  place(icon_button_width(erase_label), 4);
  if (widgets::icon_button("tool_erase", widgets::Icon::kEraser, erase_label, tool == Tool::kErase))
    tool = Tool::kErase;
  ctx.mark("tool_erase");
  widgets::tooltip(tr("Erase points under the cursor"));
  if (!can_edit) ImGui::EndDisabled();
  place(icon_button_width(""), 4);
  if (widgets::icon_button("tool_pan", widgets::Icon::kHand, "", tool == Tool::kPan))
    tool = Tool::kPan;
  ctx.mark("tool_pan");
  widgets::tooltip(tr("Pan (also: middle mouse, two fingers); zoom with the wheel or a pinch"));
  place(icon_button_width(""), 4);
  if (widgets::icon_button("fit", widgets::Icon::kFit, "")) {
    if (ctx.snap && ctx.snap->data) {
      view.fit(ctx.snap->data->bounds);
      has_view = true;
      ctx.view_changed();
    }
  }
  ctx.mark("fit");
  widgets::tooltip(tr("Fit the view to the data"));

  // The class picker: the legend's classes, by the same names, then a new class when sketching
  // can add one, then unlabelled.
  if (!can_edit) ImGui::BeginDisabled();
  const int k = std::min(theme::kPaletteSize, ctx.num_classes());
  const bool can_add_class =
      can_edit && k < theme::kPaletteSize && (!ctx.accepts_classes || ctx.accepts_classes(k + 1));
  if (brush_class > k || (brush_class == k && !can_add_class)) brush_class = 0;
  picker_entries.clear();
  const float h = ImGui::GetFrameHeight();
  if (!compact) {
    place(ImGui::CalcTextSize(tr("class")).x + h, 14);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", tr("class"));
  }
  for (int c = 0; c < k; ++c) {
    const std::string label = class_name(ctx, c);
    picker_entries.push_back(label);
    place(widgets::swatch_width(label.c_str(), h), c == 0 && compact ? 8 : 4);
    char id[16];
    std::snprintf(id, sizeof(id), "##class%d", c);
    if (widgets::swatch(id, theme::class_u32(c), brush_class == c, label.c_str(), h))
      brush_class = c;
    char name[16];
    std::snprintf(name, sizeof(name), "class_%d", c);
    ctx.mark(name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr("Class %s"), label.c_str());
  }
  if (can_add_class) {
    picker_entries.push_back("+");
    place(widgets::swatch_width("+", h), 4);
    if (widgets::swatch("##class_new", theme::class_u32(k), brush_class == k, "+", h))
      brush_class = k;
    ctx.mark("class_new");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(tr("A new class (%s): points of a class the data does not have yet"),
                        class_name(ctx, k).c_str());
  }
  picker_entries.push_back("?");
  place(widgets::swatch_width("?", h), 4);
  if (widgets::swatch("##unlabelled", theme::unlabelled_u32(), brush_class == -1, "?", h))
    brush_class = -1;
  ctx.mark("class_unlabelled");
  widgets::tooltip(tr("Unlabelled point"));
  if (ctx.accepts_target) {
    place(icon_button_width(tr(ctx.source_label)), 14);
    if (widgets::icon_button("dom_source", widgets::Icon::kCircle, tr(ctx.source_label),
                             brush_domain == 0))
      brush_domain = 0;
    ctx.mark("domain_source");
    place(icon_button_width(tr(ctx.target_label)), 4);
    if (widgets::icon_button("dom_target", widgets::Icon::kTriangle, tr(ctx.target_label),
                             brush_domain == 1))
      brush_domain = 1;
    ctx.mark("domain_target");
  }
  const bool can_undo = ctx.sketch->can_undo();
  place(icon_button_width(""), 14);
  if (!can_undo) ImGui::BeginDisabled();
  if (widgets::icon_button("undo", widgets::Icon::kUndo, "")) {
    ctx.sketch->undo();
    ctx.data_changed(false);
  }
  ctx.mark("undo");
  widgets::tooltip(tr("Undo (Ctrl+Z)"));
  if (!can_undo) ImGui::EndDisabled();
  const char* clear_label = compact ? "" : tr("Clear");
  place(icon_button_width(clear_label), 4);
  if (widgets::icon_button("clear", widgets::Icon::kClear, clear_label)) {
    ctx.sketch->clear();
    ctx.data_changed(false);
  }
  ctx.mark("clear");
  widgets::tooltip(tr("Remove every point and sketch your own data"));
  if (!can_edit) ImGui::EndDisabled();
  if (ctx.target_labels_hidden) {
    const std::string label = std::string(tr("held-back labels")) + "###held_back";
    place(checkbox_width(label.c_str()), 14);
    if (ImGui::Checkbox(label.c_str(), &show_held_back_labels)) points_key_ = ~0ULL;
    ctx.mark("show_held_back");
    widgets::tooltip(
        tr("Show held-back labels: colour the target points by their true class. The method never "
           "sees these labels; they are used only to score it."));
  }
  if (sampled || show_all_points) {
    const std::string label = std::string(tr("all points")) + "###all_points";
    place(checkbox_width(label.c_str()), 14);
    if (ImGui::Checkbox(label.c_str(), &show_all_points)) points_key_ = ~0ULL;
    ctx.mark("show_all_points");
    widgets::tooltip(
        tr("Thousands of points hide each other: by default a fixed sample of them is drawn. Tick "
           "to draw every point."));
  }
  toolbar_bottom_ = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
  overlays_bottom_ = toolbar_bottom_;
  ImGui::End();
  ImGui::PopStyleVar(3);
}

void Canvas::data_banner(const CanvasContext& ctx) {
  if (!ctx.sketch->active() || !ctx.accepts_source || !ctx.use_scenario_data) return;
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing;
  const float width = area_max.x - area_min.x - 24;
  ImGui::SetNextWindowPos(ImVec2(area_min.x + 12, toolbar_bottom_ + 6));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(width, FLT_MAX));
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 6));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(58, 48, 22, 240));
  ImGui::Begin(keyboard::kDataBanner, nullptr, flags);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 20);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Your own points: the data settings are paused"));
  ctx.mark("data_banner");
  const char* back = tr("Back to the scenario's data");
  const float bw = ImGui::CalcTextSize(back).x + ImGui::GetStyle().FramePadding.x * 2;
  if (ImGui::GetItemRectMax().x + 10 + bw <= area_max.x - 22) ImGui::SameLine(0, 10);
  if (ImGui::Button((std::string(back) + "###banner_back").c_str())) ctx.use_scenario_data();
  ctx.mark("banner_back");
  widgets::tooltip(
      tr("Drops your points and uses the data the scenario's settings make now (your points stay "
         "one Undo away)"));
  if (!ctx.link_holds_data) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(theme::kWarn));
    if (ctx.sketch->dim() == 2)
      ImGui::Text(tr("This page's link does not carry your %d points (it holds at most %d)."),
                  ctx.sketch->size(), kMaxUrlPoints);
    else
      ImGui::TextUnformatted(
          tr("This page's link does not carry your data (it holds only 2-D points)."));
    ImGui::PopStyleColor();
    ctx.mark("banner_link");
  }
  ImGui::PopTextWrapPos();
  overlays_bottom_ = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
}

void Canvas::legend(const CanvasContext& ctx) {
  legend_top_ = 1e9f;
  if (ctx.embed && view.max.x - view.min.x < 420) return;
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
  const bool supervised = ctx.supervised;
  const bool held_back = ctx.target_labels_hidden && !show_held_back_labels;
  auto entry = [&](int shape, bool hollow, const char* text, bool ring = false,
                   bool neutral = false) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 c(p.x + h * 0.5f, p.y + h * 0.5f);
    if (ring) dl->AddCircle(c, h * 0.42f, IM_COL32(255, 255, 255, 255), 20, 2.0f);
    widgets::marker(dl, c, h * 0.3f, shape, neutral ? theme::unlabelled_u32() : theme::class_u32(0),
                    hollow);
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
  };
  entry(0, false, tr(ctx.source_label));
  ImGui::SameLine(0, 12);
  entry(supervised ? 0 : 1, supervised, tr(ctx.target_label), false, held_back);
  ImGui::SameLine(0, 12);
  const bool projected = ctx.snap && ctx.snap->data && ctx.snap->data->projected;
  if (!projected) entry(0, false, tr("misclassified"), true);
  // Class names.
  const Snapshot* s = ctx.snap;
  const int k = std::min(ctx.num_classes(), theme::kPaletteSize);
  legend_entries.clear();
  for (int c = 0; c < k; ++c) {
    const std::string name = class_name(ctx, c);
    legend_entries.push_back(name);
    if (c % 6 != 0) ImGui::SameLine(0, 10);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + h * 0.6f, p.y + h * 0.8f),
                      theme::class_u32(c), 2.0f);
    ImGui::Dummy(ImVec2(h * 0.6f, h));
    ImGui::SameLine(0, 4);
    ImGui::TextUnformatted(name.c_str());
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() +
                         std::min(440.0f, view.max.x - view.min.x - 60.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  if (ctx.target_labels_hidden) {
    bool oracle = false;
    if (s && s->models)
      for (const ModelInfo& m : *s->models) oracle = oracle || m.role == MetricRole::kOracle;
    ImGui::Text(oracle ? tr("%s labels are hidden from training; used only to score (and by the "
                            "oracle)")
                       : tr("%s labels are hidden from training; used only to score"),
                tr(ctx.target_label));
  }
  if (projected) {
    if (s && s->view && s->view->kind == "clustering")  // no classes are predicted: clusters
      ImGui::TextUnformatted(
          tr("fill: cluster; ring: true class (which the clustering never sees)"));
    else
      ImGui::TextUnformatted(
          tr("fill: predicted class; ring: true class (two colours = a mistake)"));
    ImGui::Text(
        tr("axes: first two principal components of %d-D data (no boundary: the model sees all %d "
           "dimensions)"),
        s->data->dim, s->data->dim);
    if (sampled) ImGui::TextUnformatted(tr("a fixed sample of the points is drawn"));
  } else {
    ImGui::TextUnformatted(
        tr("shade: predicted class (stronger = surer); line: decision boundary"));
  }
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  legend_top_ = ImGui::GetWindowPos().y;
  ImGui::End();
  ImGui::PopStyleVar(2);
}

TL_NAMESPACE_END

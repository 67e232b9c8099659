// The canvas's floating windows: the tool bar (tools, class and domain brushes, undo, clear) and
// the legend (markers, class names, what the shading means).
#include <algorithm>
#include <cstdio>

#include "app/canvas.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

void Canvas::overlays(const CanvasContext& ctx) {
  if (!figure_mode) toolbar(ctx);
  legend(ctx);
}

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
  const bool can_edit = ctx.can_sketch();
  if (!can_edit) ImGui::BeginDisabled();
  const bool compact = area_max.x - area_min.x < 820;
  if (widgets::icon_button("tool_add", widgets::Icon::kPen, compact ? "" : "Add",
                           tool == Tool::kAdd))
    tool = Tool::kAdd;
  ctx.mark("tool_add");
  widgets::tooltip("Add points: click, or drag to paint (right-drag erases)");
  ImGui::SameLine();
  if (widgets::icon_button("tool_erase", widgets::Icon::kEraser, compact ? "" : "Erase",
                           tool == Tool::kErase))
    tool = Tool::kErase;
  ctx.mark("tool_erase");
  widgets::tooltip("Erase points under the cursor");
  if (!can_edit) ImGui::EndDisabled();
  ImGui::SameLine();
  if (widgets::icon_button("tool_pan", widgets::Icon::kHand, "", tool == Tool::kPan))
    tool = Tool::kPan;
  ctx.mark("tool_pan");
  widgets::tooltip("Pan (also: middle mouse, two fingers); zoom with the wheel or a pinch");
  ImGui::SameLine();
  if (widgets::icon_button("fit", widgets::Icon::kFit, "")) {
    if (ctx.snap && ctx.snap->data) {
      view.fit(ctx.snap->data->bounds);
      has_view = true;
      ctx.view_changed();
    }
  }
  ctx.mark("fit");
  widgets::tooltip("Fit the view to the data");

  if (!can_edit) ImGui::BeginDisabled();
  ImGui::SameLine(0, compact ? 8 : 14);
  if (!compact) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("class");
  }
  const int k = std::min(theme::kPaletteSize, ctx.num_classes() + 1);
  const float sw = ImGui::GetFrameHeight();
  for (int c = 0; c < k; ++c) {
    ImGui::SameLine();
    char id[16], label[8];
    std::snprintf(id, sizeof(id), "##class%d", c);
    std::snprintf(label, sizeof(label), "%d", c + 1);
    if (widgets::swatch(id, theme::class_u32(c), brush_class == c, label, sw)) brush_class = c;
    char name[16];
    std::snprintf(name, sizeof(name), "class_%d", c);
    ctx.mark(name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Class %d%s", c + 1, c == k - 1 ? " (new)" : "");
  }
  ImGui::SameLine();
  if (widgets::swatch("##unlabelled", theme::unlabelled_u32(), brush_class == -1, "?", sw))
    brush_class = -1;
  ctx.mark("class_unlabelled");
  widgets::tooltip("Unlabelled point");
  if (ctx.accepts_target) {
    ImGui::SameLine(0, 14);
    if (widgets::icon_button("dom_source", widgets::Icon::kCircle, ctx.source_label,
                             brush_domain == 0))
      brush_domain = 0;
    ctx.mark("domain_source");
    ImGui::SameLine();
    if (widgets::icon_button("dom_target", widgets::Icon::kTriangle, ctx.target_label,
                             brush_domain == 1))
      brush_domain = 1;
    ctx.mark("domain_target");
  }
  ImGui::SameLine(0, 14);
  const bool can_undo = ctx.sketch->can_undo();
  if (!can_undo) ImGui::BeginDisabled();
  if (widgets::icon_button("undo", widgets::Icon::kUndo, "")) {
    ctx.sketch->undo();
    ctx.data_changed(false);
  }
  ctx.mark("undo");
  widgets::tooltip("Undo (Ctrl+Z)");
  if (!can_undo) ImGui::EndDisabled();
  ImGui::SameLine();
  if (widgets::icon_button("clear", widgets::Icon::kClear, compact ? "" : "Clear")) {
    ctx.sketch->clear();
    ctx.data_changed(false);
  }
  ctx.mark("clear");
  widgets::tooltip("Remove every point and sketch your own data");
  if (!can_edit) ImGui::EndDisabled();
  if (sampled || show_all_points) {
    ImGui::SameLine(0, 14);
    if (ImGui::Checkbox("all points", &show_all_points)) points_key_ = ~0ULL;
    ctx.mark("show_all_points");
    widgets::tooltip(
        "Thousands of points hide each other: by default a fixed sample of them is "
        "drawn. Tick to draw every point.");
  }
  ImGui::End();
  ImGui::PopStyleVar(3);
}

void Canvas::legend(const CanvasContext& ctx) {
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
  auto entry = [&](int shape, bool hollow, const char* text, bool ring = false) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 c(p.x + h * 0.5f, p.y + h * 0.5f);
    if (ring) dl->AddCircle(c, h * 0.42f, IM_COL32(255, 255, 255, 255), 20, 2.0f);
    widgets::marker(dl, c, h * 0.3f, shape, theme::class_u32(0), hollow);
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
  };
  entry(0, false, ctx.source_label);
  ImGui::SameLine(0, 12);
  entry(supervised ? 0 : 1, supervised, ctx.target_label);
  ImGui::SameLine(0, 12);
  const bool projected = ctx.snap && ctx.snap->data && ctx.snap->data->projected;
  if (!projected) entry(0, false, "misclassified", true);
  // Class names.
  const Snapshot* s = ctx.snap;
  const int k = std::min(ctx.num_classes(), theme::kPaletteSize);
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
  if (projected) {
    ImGui::TextUnformatted("fill: predicted class; ring: true class (two colours = a mistake)");
    ImGui::Text(
        "axes: first two principal components of %d-D data (no boundary: the model "
        "sees all %d dimensions)",
        s->data->dim, s->data->dim);
    if (sampled) ImGui::TextUnformatted("a fixed sample of the points is drawn");
  } else {
    ImGui::TextUnformatted("shade: predicted class (stronger = surer); line: decision boundary");
  }
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ImGui::End();
  ImGui::PopStyleVar(2);
}

TL_NAMESPACE_END

// The zero-shot method view (ViewData kind "zero_shot", filled by zeroshot_scenarios.cpp): the
// class x attribute table the model uses, editable in place, beside what the model makes of the
// unseen classes' test points; for ConSE also the class embeddings in the plane with each test
// point's convex combination of its top-T seen classes.
//
// Editing: a click toggles a cell of a 0/1 table; Ctrl+click (or a click on a real-valued table)
// types a value and a drag sideways changes a real value. Each edit builds a whole table that
// goes through App::set_class_table, the path of an uploaded class table (checked on the mirror,
// then the engine retrains from the start). An edit the checks would refuse (two classes with the
// same row, an attribute equal for every class, DAP with a value outside [0, 1]) is kept here as
// a draft, shown with the reason, and the model keeps the last valid table.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/platform_web.h"
#include "app/theme.h"
#include "app/views/views.h"
#include "app/widgets.h"
#include "transfer/zero_shot.h"

TL_NAMESPACE_BEGIN

namespace views {

namespace {

/// An edited table the checks refuse, kept until it is valid or discarded.
struct Draft {
  bool active = false;
  std::string scenario;              ///< the scenario it was made in
  std::vector<std::string> classes;  ///< and its classes (else it is dropped)
  std::string method;                ///< the method it was checked for
  AttributeTable table;
  std::string problem;
};

/// What the view remembers between frames.
struct ZeroShotState {
  Draft draft;
  AttributeTable used;               ///< the table the model uses (this frame's ViewData)
  int edit_row = -1, edit_col = -1;  ///< the cell whose value is being typed
  float edit_value = 0;
  bool open_edit = false;
  int drag_row = -1, drag_col = -1;  ///< the cell being dragged
  float drag_start = 0, drag_value = 0;
  bool dragging = false;
  int header_col = -1;  ///< the attribute whose menu is open
  int added = 0;        ///< attributes added so far (for their names)
};

ZeroShotState& state() {
  static ZeroShotState s;
  return s;
}

/// Everything the view reads from the ViewData, checked for consistent shapes.
struct Input {
  const std::vector<std::string>* classes = nullptr;
  const std::vector<std::string>* attributes = nullptr;
  const Mat* table = nullptr;
  const Mat* unseen = nullptr;
  const Mat* confusion = nullptr;
  const Mat* pred_attr = nullptr;
  std::string method;
  int k = 0, a = 0;
  std::vector<int> unseen_list;

  bool read(const ViewData& vd) {
    classes = vd.text("classes");
    attributes = vd.text("attributes");
    table = vd.mat("table");
    unseen = vd.mat("unseen");
    confusion = vd.mat("confusion");
    pred_attr = vd.mat("pred_attr");
    const auto* m = vd.text("method");
    if (!classes || !attributes || !table || !unseen || !confusion || !m || m->empty())
      return false;
    method = m->front();
    k = static_cast<int>(table->rows());
    a = static_cast<int>(table->cols());
    if (static_cast<int>(classes->size()) != k || static_cast<int>(attributes->size()) != a ||
        unseen->rows() != k)
      return false;
    for (int c = 0; c < k; ++c)
      if ((*unseen)(c, 0) != 0) unseen_list.push_back(c);
    if (confusion->rows() != static_cast<Eigen::Index>(unseen_list.size())) return false;
    if (pred_attr && (pred_attr->rows() != k || pred_attr->cols() != a)) pred_attr = nullptr;
    return true;
  }
};

bool is_binary(const Mat& t) {
  return ((t.array() == 0) || (t.array() == 1)).all();
}

/// Why the page would refuse `t` for `method` ("" when it would take it), in English (shown
/// through tr_message).
std::string table_problem(const AttributeTable& t, const std::string& method) {
  if (t.table.cols() == 0) return "the table needs at least one attribute";
  const Status st = check_attribute_table(t, {}, "table");
  if (!st.ok()) return st.message;
  if (method == "dap" && !((t.table.array() >= 0).all() && (t.table.array() <= 1).all()))
    return "table: DAP takes values in [0, 1] only (method conse or embed take any numbers)";
  return {};
}

/// Takes an edited table: sends it when valid, otherwise keeps it as the draft.
void submit(App& app, AttributeTable t, const std::string& method) {
  ZeroShotState& s = state();
  // Back to the table in use (e.g. a cell toggled twice): nothing to send.
  if (t.class_names == s.used.class_names && t.attribute_names == s.used.attribute_names &&
      t.table.rows() == s.used.table.rows() && t.table.cols() == s.used.table.cols() &&
      t.table == s.used.table) {
    s.draft.active = false;
    return;
  }
  std::string problem = table_problem(t, method);
  if (problem.empty()) {
    std::string name = "edited table";
    if (app.class_table()) {
      name = app.class_table_name();
      const std::string tag = " (edited)";
      if (name != "edited table" &&
          (name.size() < tag.size() || name.compare(name.size() - tag.size(), tag.size(), tag)))
        name += tag;
    }
    if (app.set_class_table(t, name, false)) {
      s.draft.active = false;
      return;
    }
    problem = app.upload_error;
  }
  s.draft.active = true;
  s.draft.scenario = app.info() ? app.info()->name : "";
  s.draft.classes = t.class_names;
  s.draft.method = method;
  s.draft.table = std::move(t);
  s.draft.problem = problem;
}

/// Whether the scenario lets the page choose the unseen classes (a config field "unseen").
bool unseen_editable(App& app) {
  for (const auto& kv : config_to_pairs(app.mirror().visitor()))
    if (kv.first == "unseen") return true;
  return false;
}

/// Marks class `c` unseen (or seen) through the config's `unseen` field.
void toggle_unseen(App& app, const std::vector<int>& unseen, int c) {
  std::vector<int> next;
  for (int u : unseen)
    if (u != c) next.push_back(u);
  if (next.size() == unseen.size()) next.push_back(c);
  std::sort(next.begin(), next.end());
  if (next.size() < 2 || next.size() > 3) {
    app.notify(tr("choose 2 or 3 unseen classes (untick one before ticking another)"), true, 6);
    return;
  }
  std::string text;
  for (int u : next) text += (text.empty() ? "" : ",") + std::to_string(u);
  const Status st = set_config_field(app.mirror().visitor(), "unseen", text);
  if (!st.ok()) {
    app.notify(st.message, true, 8);
    return;
  }
  app.config_changed();
}

std::string fmt_value(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * v);
  return buf;
}

ImU32 with_alpha(ImU32 c, float alpha) {
  const unsigned a = static_cast<unsigned>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f + 0.5f);
  return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

// --- The table -----------------------------------------------------------------------------------

/// Width of an attribute cell, in text lines.
constexpr float kMinCell = 1.15f, kMaxCell = 5.0f;

/// Draws the editable table at the cursor into `size`; returns the class row under the mouse.
int table_editor(App& app, const Input& in, AttributeTable& shown, ImVec2 size, float& used_w) {
  ZeroShotState& s = state();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  const bool binary = is_binary(shown.table);
  const bool can_unseen = unseen_editable(app);
  const int k = in.k;
  const int a = static_cast<int>(shown.table.cols());

  // Column widths: the unseen tick, the class name, then the attribute cells.
  const float check_w = line * 1.6f;
  float name_w = line * 2;
  for (const auto& n : shown.class_names)
    name_w = std::max(name_w, ImGui::CalcTextSize(tr(n).c_str()).x + line * 1.4f);
  name_w = std::min(name_w, size.x * 0.25f);
  const float cells_w = std::max(1.0f, size.x - check_w - name_w);
  const float cell_w = std::clamp(cells_w / std::max(a, 1), kMinCell * line, kMaxCell * line);
  used_w = check_w + name_w + a * cell_w;
  // Headers on one line when every name fits its cell, else staggered over two lines.
  bool stagger = false;
  for (const auto& n : shown.attribute_names)
    stagger = stagger || ImGui::CalcTextSize(tr(n).c_str()).x > cell_w - 4;
  const float header_h = (stagger ? 2 : 1) * (line + 2) + 4;
  const float hint_h = line + 4;
  const float row_h =
      std::clamp((size.y - header_h - hint_h) / std::max(k, 1), line + 2, line * 1.7f);
  const float x_cells = origin.x + check_w + name_w;

  // Header: "unseen", then the attribute names (click: a menu to remove the attribute).
  bool open_menu = false;
  dl->AddText(ImVec2(origin.x, origin.y + header_h - line - 4), theme::kMuted,
              can_unseen ? tr("unseen") : tr("class"));
  for (int c = 0; c < a; ++c) {
    const float x = x_cells + c * cell_w;
    const int level = stagger ? (c % 2 == 0 ? 0 : 1) : 0;
    const float y = origin.y + level * (line + 2);
    const float avail = stagger ? 2 * cell_w - 4 : cell_w - 4;
    const std::string attr = tr(shown.attribute_names[c]);
    const std::string label = widgets::fit_text(attr, avail, "..");
    const float label_w = ImGui::CalcTextSize(label.c_str()).x;
    // Centred over its column, kept inside the table.
    const float lx = std::clamp(x + (cell_w - label_w) * 0.5f, x_cells,
                                std::max(x_cells, x_cells + a * cell_w - label_w));
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushID(1000 + c);
    ImGui::InvisibleButton("##attr", ImVec2(cell_w, line + 2));
    const bool hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemClicked()) s.header_col = c, open_menu = true;
    app.mark(("zs_attr_" + std::to_string(c)).c_str());
    ImGui::PopID();
    if (hovered) {
      ImGui::BeginTooltip();
      ImGui::Text(tr("attribute '%s' (click: remove it)"), attr.c_str());
      ImGui::EndTooltip();
    }
    dl->AddText(ImVec2(lx, y), hovered ? theme::kAccent : theme::kAxisText, label.c_str());
  }
  if (open_menu) ImGui::OpenPopup("zs_attr_menu");
  if (ImGui::BeginPopup("zs_attr_menu")) {
    const int c = s.header_col;
    if (c >= 0 && c < a) {
      ImGui::TextDisabled(tr("attribute '%s'"), tr(shown.attribute_names[c]).c_str());
      const std::string remove = std::string(tr("Remove this attribute")) + "###zs_attr_remove";
      if (ImGui::Selectable(remove.c_str())) {
        AttributeTable t = shown;
        const int n = static_cast<int>(t.table.cols());
        Mat m(t.table.rows(), n - 1);
        for (int j = 0, o = 0; j < n; ++j)
          if (j != c) m.col(o++) = t.table.col(j);
        t.table = m;
        t.attribute_names.erase(t.attribute_names.begin() + c);
        submit(app, std::move(t), in.method);
      }
      app.mark("zs_attr_remove");
    }
    ImGui::EndPopup();
  }

  // Rows.
  const float pred_lo = in.pred_attr ? std::min(0.0f, shown.table.minCoeff()) : 0.0f;
  const float pred_hi = in.pred_attr ? std::max(1.0f, shown.table.maxCoeff()) : 1.0f;
  const float tmin = a > 0 ? shown.table.minCoeff() : 0.0f;
  const float tmax = a > 0 ? shown.table.maxCoeff() : 1.0f;
  int hovered_row = -1;
  const ImGuiIO& io = ImGui::GetIO();
  for (int r = 0; r < k; ++r) {
    const float y = origin.y + header_h + r * row_h;
    const bool unseen = (*in.unseen)(r, 0) != 0;
    const ImVec2 row_min(origin.x, y), row_max(x_cells + a * cell_w, y + row_h);
    if (unseen) dl->AddRectFilled(row_min, row_max, IM_COL32(240, 180, 70, 22));
    if (ImGui::IsMouseHoveringRect(row_min, row_max)) hovered_row = r;
    ImGui::PushID(r);
    // Unseen tick.
    if (can_unseen) {
      ImGui::SetCursorScreenPos(ImVec2(origin.x, y + (row_h - ImGui::GetFrameHeight()) * 0.5f));
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 2));
      bool tick = unseen;
      if (ImGui::Checkbox("##unseen", &tick)) toggle_unseen(app, in.unseen_list, r);
      ImGui::PopStyleVar();
      app.mark(("zs_unseen_" + std::to_string(r)).c_str());
      widgets::tooltip(unseen
                           ? tr("unseen: no training example of this class (untick to train on it)")
                           : tr("tick to hide this class from training (2 or 3 unseen classes)"));
    }
    // Class name with its marker: filled for a seen class, hollow for an unseen one.
    const ImVec2 mc(origin.x + check_w + line * 0.5f, y + row_h * 0.5f);
    widgets::marker(dl, mc, line * 0.32f, 0, theme::class_u32(r), unseen);
    const std::string name =
        widgets::fit_text(tr(shown.class_names[r]), name_w - line * 1.2f, "..");
    dl->AddText(ImVec2(mc.x + line * 0.6f, y + (row_h - line) * 0.5f),
                unseen ? theme::kWarn : theme::kAxisText, name.c_str());
    // Cells.
    for (int c = 0; c < a; ++c) {
      const ImVec2 p0(x_cells + c * cell_w + 1, y + 1), p1(p0.x + cell_w - 2, y + row_h - 1);
      ImGui::SetCursorScreenPos(p0);
      ImGui::PushID(c);
      const bool pressed = ImGui::InvisibleButton("##cell", ImVec2(p1.x - p0.x, p1.y - p0.y));
      const bool hovered = ImGui::IsItemHovered();
      const float value = shown.table(r, c);
      if (ImGui::IsItemActivated()) {
        s.drag_row = r;
        s.drag_col = c;
        s.drag_start = s.drag_value = value;
        s.dragging = false;
      }
      const bool this_drag = s.drag_row == r && s.drag_col == c;
      if (ImGui::IsItemActive() && this_drag && !binary && !io.KeyCtrl &&
          ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4)) {
        s.dragging = true;
        const float range = std::max(tmax - tmin, 1e-3f);
        const float dx = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).x;
        s.drag_value = s.drag_start + dx * range / 150.0f;
        if (in.method == "dap") s.drag_value = std::clamp(s.drag_value, 0.0f, 1.0f);
      }
      if (ImGui::IsItemDeactivated() && this_drag && s.dragging) {
        s.dragging = false;
        s.drag_row = s.drag_col = -1;
        AttributeTable t = shown;
        t.table(r, c) = s.drag_value;
        submit(app, std::move(t), in.method);
      } else if (pressed && !s.dragging) {
        if (binary && !io.KeyCtrl && !io.KeySuper) {
          AttributeTable t = shown;
          t.table(r, c) = 1 - value;
          submit(app, std::move(t), in.method);
        } else {
          s.edit_row = r;
          s.edit_col = c;
          s.edit_value = value;
          s.open_edit = true;
        }
      }
      app.mark(("zs_cell_" + std::to_string(r) + "_" + std::to_string(c)).c_str());
      ImGui::PopID();
      const float shown_value = this_drag && s.dragging ? s.drag_value : value;
      // Fill: 0/1 tables on or off; real tables by value between the table's extremes.
      ImU32 fill;
      if (binary) {
        fill = shown_value != 0
                   ? (unseen ? IM_COL32(240, 180, 70, 210) : IM_COL32(86, 180, 233, 200))
                   : IM_COL32(255, 255, 255, 14);
      } else {
        const float t = tmax > tmin ? (shown_value - tmin) / (tmax - tmin) : 0.5f;
        fill = with_alpha(unseen ? theme::kWarn : theme::kAccent,
                          0.08f + 0.8f * std::clamp(t, 0.0f, 1.0f));
      }
      dl->AddRectFilled(p0, p1, fill, 2);
      // A draft's cells that differ from the table in use are outlined in the error colour.
      const bool drafted =
          s.draft.active && in.table->cols() == shown.table.cols() && (*in.table)(r, c) != value;
      if (drafted)
        dl->AddRect(p0, p1, theme::kError, 2, 0, 2.0f);
      else
        dl->AddRect(p0, p1, hovered ? IM_COL32(255, 255, 255, 200) : IM_COL32(255, 255, 255, 30),
                    2);
      if (!binary && cell_w > line * 2.2f) {
        const std::string txt = fmt_value(shown_value);
        const ImVec2 ts = ImGui::CalcTextSize(txt.c_str());
        dl->AddText(ImVec2(p0.x + (p1.x - p0.x - ts.x) * 0.5f, p0.y + (p1.y - p0.y - ts.y) * 0.5f),
                    IM_COL32(235, 238, 245, 255), txt.c_str());
      }
      // What the model predicts for this unseen class's test points: a bar along the bottom.
      const bool draw_pred = unseen && in.pred_attr && c < in.pred_attr->cols() &&
                             a == static_cast<int>(in.table->cols());
      if (draw_pred) {
        const float pv = (*in.pred_attr)(r, c);
        const float f = std::clamp((pv - pred_lo) / (pred_hi - pred_lo), 0.0f, 1.0f);
        const float bh = std::max(2.0f, row_h * 0.16f);
        dl->AddRectFilled(ImVec2(p0.x + 2, p1.y - bh - 1), ImVec2(p1.x - 2, p1.y - 1),
                          IM_COL32(0, 0, 0, 120));
        dl->AddRectFilled(ImVec2(p0.x + 2, p1.y - bh - 1),
                          ImVec2(p0.x + 2 + f * (p1.x - p0.x - 4), p1.y - 1),
                          IM_COL32(235, 238, 245, 230));
      }
      if (hovered) {
        ImGui::BeginTooltip();
        ImGui::Text("%s  x  %s = %s", tr(shown.class_names[r]).c_str(),
                    tr(shown.attribute_names[c]).c_str(), fmt_value(value).c_str());
        if (draw_pred)
          ImGui::Text(tr("the model predicts %.2f on average for %s's test points"),
                      (*in.pred_attr)(r, c), tr(shown.class_names[r]).c_str());
        ImGui::TextDisabled("%s", binary ? tr("click: toggle  ·  Ctrl+click: type a value")
                                         : tr("click: type a value  ·  drag sideways: change it"));
        ImGui::EndTooltip();
      }
    }
    ImGui::PopID();
  }

  // Typing a value.
  if (s.open_edit) {
    ImGui::OpenPopup("zs_edit_cell");
    s.open_edit = false;
  }
  if (ImGui::BeginPopup("zs_edit_cell")) {
    if (s.edit_row >= 0 && s.edit_row < k && s.edit_col >= 0 && s.edit_col < a) {
      ImGui::Text("%s  x  %s", tr(shown.class_names[s.edit_row]).c_str(),
                  tr(shown.attribute_names[s.edit_col]).c_str());
      if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
      ImGui::SetNextItemWidth(line * 7);
      const bool enter = ImGui::InputFloat("##value", &s.edit_value, 0, 0, "%.3g",
                                           ImGuiInputTextFlags_EnterReturnsTrue);
      app.mark("zs_edit_value");
      ImGui::SameLine();
      const std::string set = std::string(tr("Set")) + "###zs_set";
      if (ImGui::Button(set.c_str()) || enter) {
        AttributeTable t = shown;
        float v = s.edit_value;
        if (!std::isfinite(v)) v = 0;
        t.table(s.edit_row, s.edit_col) = v;
        submit(app, std::move(t), in.method);
        ImGui::CloseCurrentPopup();
      }
      if (in.method == "dap") ImGui::TextDisabled("%s", tr("DAP takes values in [0, 1]"));
    }
    ImGui::EndPopup();
  }

  // How to edit, and what the bars in the unseen rows are.
  const char* hint =
      binary ? tr("click: toggle  ·  Ctrl+click: type  ·  bar: mean prediction on its test points")
             : tr("click: type a value  ·  drag: change it  ·  bar: mean prediction on its test "
                  "points");
  if (ImGui::CalcTextSize(hint).x > size.x)
    hint = binary ? tr("click: toggle  ·  Ctrl+click: type") : tr("click: type  ·  drag: change");
  ImGui::PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  dl->AddText(ImVec2(origin.x, origin.y + header_h + k * row_h + 3), theme::kMuted, hint);
  ImGui::PopClipRect();
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(check_w + name_w + a * cell_w, header_h + k * row_h + hint_h));
  return hovered_row;
}

// --- Results ---------------------------------------------------------------------------------

/// Unseen accuracy against chance, and per unseen class a bar of what its test points are
/// predicted as (segments in the predicted class's colour).
void results(const ViewData& vd, const Input& in, const AttributeTable& shown, ImVec2 size,
             int hovered_row) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  const double acc = vd.value("unseen_acc"), chance = vd.value("chance_acc");
  ImGui::TextDisabled("%s", tr("accuracy on the unseen classes"));
  ImGui::PushFont(theme::big());
  ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(acc > chance ? theme::kGood : theme::kWarn));
  ImGui::TextUnformatted(percent(acc).c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled(tr("chance %s"), percent(chance).c_str());
  ImGui::TextDisabled("%s", tr("their test points predicted as:"));
  const int u = static_cast<int>(in.unseen_list.size());
  float label_w = line * 2;
  for (int c : in.unseen_list)
    label_w = std::max(label_w, ImGui::CalcTextSize(tr(shown.class_names[c]).c_str()).x + 8);
  label_w = std::min(label_w, size.x * 0.35f);
  const float bar_w = std::max(line * 3, size.x - label_w - line * 3.2f);
  const float top = ImGui::GetCursorScreenPos().y;
  const float avail_h = size.y - (top - origin.y) - line * 1.4f;
  const float bar_h = std::clamp(avail_h / std::max(u, 1) - 4, line, line * 1.6f);
  for (int i = 0; i < u; ++i) {
    const int c = in.unseen_list[static_cast<size_t>(i)];
    const float y = top + i * (bar_h + 4);
    const ImVec2 p0(origin.x + label_w, y), p1(p0.x + bar_w, y + bar_h);
    const std::string name =
        widgets::fit_text(tr(shown.class_names[static_cast<size_t>(c)]), label_w - 6, "..");
    dl->AddText(ImVec2(origin.x, y + (bar_h - line) * 0.5f),
                hovered_row == c ? IM_COL32(255, 255, 255, 255) : theme::kWarn, name.c_str());
    const double total = in.confusion->row(i).sum();
    dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 12));
    float x = p0.x;
    for (int j = 0; j < u; ++j) {
      const double n = (*in.confusion)(i, j);
      if (n <= 0 || total <= 0) continue;
      const int pc = in.unseen_list[static_cast<size_t>(j)];
      const float w = static_cast<float>(n / total) * bar_w;
      const ImVec2 a(x, p0.y), b(x + w, p1.y);
      dl->AddRectFilled(a, b, theme::class_u32(pc, pc == c ? 0.95f : 0.75f));
      if (pc != c) {
        // Wrong predictions hatched so that they read without colour.
        for (float hx = a.x - bar_h; hx < b.x; hx += 6)
          dl->AddLine(ImVec2(std::max(hx, a.x), a.y + std::max(0.0f, a.x - hx)),
                      ImVec2(std::min(hx + bar_h, b.x), a.y + std::min(bar_h, b.x - hx)),
                      IM_COL32(0, 0, 0, 90));
      }
      const std::string seg = tr(shown.class_names[static_cast<size_t>(pc)]);
      if (ImGui::CalcTextSize(seg.c_str()).x + 6 < w)
        dl->AddText(ImVec2(a.x + 3, a.y + (bar_h - line) * 0.5f), IM_COL32(10, 12, 16, 255),
                    seg.c_str());
      if (ImGui::IsMouseHoveringRect(a, b)) {
        ImGui::BeginTooltip();
        ImGui::Text(tr("%s test points predicted as %s: %.0f of %.0f (%s)"),
                    tr(shown.class_names[static_cast<size_t>(c)]).c_str(), seg.c_str(), n, total,
                    percent(n / total).c_str());
        ImGui::EndTooltip();
      }
      x += w;
    }
    const double right = total > 0 ? (*in.confusion)(i, i) / total : 0;
    dl->AddText(ImVec2(p1.x + 4, y + (bar_h - line) * 0.5f), theme::kAxisText,
                percent(right).c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, top + u * (bar_h + 4) + 2));
  ImGui::TextDisabled("%s", tr("hatched: mistaken for another"));
}

// --- ConSE's embedding plot ------------------------------------------------------------------

/// The class rows in the plane (seen filled, unseen hollow) and the drawn test points at their
/// combined embedding; hovering a point draws its convex combination.
void conse_plot(App& app, const ViewData& vd, const Input& in, const AttributeTable& shown,
                ImVec2 size, int hovered_row) {
  const Mat* cxy = vd.mat("class_xy");
  const Mat* pxy = vd.mat("point_xy");
  const Mat* top = vd.mat("point_top");
  const Mat* weight = vd.mat("point_weight");
  const Mat* truth = vd.mat("point_truth");
  const Mat* pred = vd.mat("point_pred");
  if (!cxy || !pxy || !top || !weight || !truth || !pred || cxy->cols() != in.k) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  char title[96];
  std::snprintf(title, sizeof title, tr("class rows in 2-D (PCA, %.0f%% of variance)"),
                100.0 * vd.value("pca_var"));
  if (ImGui::CalcTextSize(title).x > size.x)
    std::snprintf(title, sizeof title, tr("class rows (PCA, %.0f%%)"), 100.0 * vd.value("pca_var"));
  dl->AddText(origin, theme::kAxisText, title);
  const ImVec2 p0(origin.x, origin.y + line + 4), p1(origin.x + size.x, origin.y + size.y);
  ImGui::SetCursorScreenPos(p0);
  ImGui::InvisibleButton("##conse_plot", ImVec2(p1.x - p0.x, p1.y - p0.y));
  app.mark("zs_plot");
  dl->AddRectFilled(p0, p1, theme::kCanvasBg, 4);
  dl->AddRect(p0, p1, IM_COL32(255, 255, 255, 30), 4);
  // Bounds over classes and points, equal scale on both axes.
  float xmin = 0, xmax = 0, ymin = 0, ymax = 0;
  auto grow = [&](float x, float y) {
    xmin = std::min(xmin, x);
    xmax = std::max(xmax, x);
    ymin = std::min(ymin, y);
    ymax = std::max(ymax, y);
  };
  for (int c = 0; c < cxy->cols(); ++c) grow((*cxy)(0, c), (*cxy)(1, c));
  for (int j = 0; j < pxy->cols(); ++j) grow((*pxy)(0, j), (*pxy)(1, j));
  float label_w = 0;
  for (const auto& n : shown.class_names)
    label_w = std::max(label_w, ImGui::CalcTextSize(tr(n).c_str()).x);
  const float pad = line * 0.9f;
  const float pad_right = pad + std::min(label_w + line * 0.5f, (p1.x - p0.x) * 0.3f);
  const float w = p1.x - p0.x - pad - pad_right, h = p1.y - p0.y - 2 * pad;
  const float span = std::max({xmax - xmin, (ymax - ymin) * w / std::max(h, 1.0f), 1e-4f});
  const float scale = w / span;
  const float cx = 0.5f * (xmin + xmax), cy = 0.5f * (ymin + ymax);
  auto to_screen = [&](float x, float y) {
    return ImVec2(p0.x + pad + w * 0.5f + (x - cx) * scale,
                  p0.y + pad + h * 0.5f - (y - cy) * scale);
  };
  dl->PushClipRect(p0, p1, true);
  // The centre (the mean class row): ConSE's cosine measures directions from here.
  const ImVec2 o = to_screen(0, 0);
  dl->AddLine(ImVec2(o.x - 5, o.y), ImVec2(o.x + 5, o.y), theme::kMuted);
  dl->AddLine(ImVec2(o.x, o.y - 5), ImVec2(o.x, o.y + 5), theme::kMuted);
  // Test points, and the one under the mouse.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool in_plot = ImGui::IsItemHovered();
  int hover = -1;
  float best = line * line;
  for (int j = 0; j < pxy->cols(); ++j) {
    const ImVec2 q = to_screen((*pxy)(0, j), (*pxy)(1, j));
    const int t = static_cast<int>((*truth)(0, j));
    float alpha = hovered_row >= 0 ? (hovered_row == t ? 0.95f : 0.12f) : 0.55f;
    dl->AddCircleFilled(q, 2.2f, theme::class_u32(t, alpha));
    const float d = (q.x - mouse.x) * (q.x - mouse.x) + (q.y - mouse.y) * (q.y - mouse.y);
    if (in_plot && d < best) {
      best = d;
      hover = j;
    }
  }
  // Its convex combination: lines to its top-T seen classes, as wide as their weights.
  if (hover >= 0) {
    const ImVec2 q = to_screen((*pxy)(0, hover), (*pxy)(1, hover));
    for (int i = 0; i < top->rows(); ++i) {
      const int c = static_cast<int>((*top)(i, hover));
      if (c < 0 || c >= in.k) continue;
      const float wt = (*weight)(i, hover);
      dl->AddLine(q, to_screen((*cxy)(0, c), (*cxy)(1, c)),
                  IM_COL32(255, 255, 255, static_cast<int>(80 + 170 * wt)), 1.0f + 7.0f * wt);
    }
    const int pc = static_cast<int>((*pred)(0, hover));
    if (pc >= 0 && pc < in.k) {
      const ImVec2 pq = to_screen((*cxy)(0, pc), (*cxy)(1, pc));
      dl->AddCircle(pq, line * 0.75f, IM_COL32(255, 255, 255, 220), 0, 2.0f);
    }
    dl->AddCircleFilled(q, 5, theme::class_u32(static_cast<int>((*truth)(0, hover))));
    dl->AddCircle(q, 6, IM_COL32(255, 255, 255, 255), 0, 1.5f);
  }
  // Classes: seen filled, unseen hollow, with their names.
  for (int c = 0; c < in.k; ++c) {
    const bool unseen = (*in.unseen)(c, 0) != 0;
    const ImVec2 q = to_screen((*cxy)(0, c), (*cxy)(1, c));
    widgets::marker(dl, q, line * 0.42f, 0, theme::class_u32(c), unseen);
    dl->AddText(ImVec2(q.x + line * 0.5f, q.y - line * 0.5f),
                unseen ? theme::kWarn : theme::kAxisText, tr(shown.class_names[c]).c_str());
  }
  dl->PopClipRect();
  if (hover >= 0) {
    const int t = static_cast<int>((*truth)(0, hover));
    const int pc = static_cast<int>((*pred)(0, hover));
    ImGui::BeginTooltip();
    ImGui::Text(tr("a test point of %s, predicted %s"), tr(shown.class_names[t]).c_str(),
                pc >= 0 && pc < in.k ? tr(shown.class_names[pc]).c_str() : "?");
    std::string combo = "f(x) =";
    for (int i = 0; i < top->rows(); ++i) {
      const int c = static_cast<int>((*top)(i, hover));
      if (c < 0 || c >= in.k) continue;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s %.2f %s", i ? " +" : "", (*weight)(i, hover),
                    tr(shown.class_names[c]).c_str());
      combo += buf;
    }
    ImGui::TextUnformatted(combo.c_str());
    ImGui::TextDisabled("%s",
                        tr("its top seen classes, weighted by the classifier's probabilities"));
    ImGui::EndTooltip();
  }
}

const char* method_blurb(const std::string& method) {
  if (method == "dap")
    return tr(
        "DAP predicts each attribute of a point; the unseen class whose row matches best wins.");
  if (method == "conse")
    return tr(
        "ConSE mixes the rows of a point's top seen classes; the unseen row nearest in angle "
        "wins.");
  return tr("embed maps points and class rows into one space; the best-scoring unseen row wins.");
}

}  // namespace

void zero_shot_view(App& app, const ViewData& vd, ImVec2 size) {
  Input in;
  if (!in.read(vd)) {
    widgets::muted(tr("zero-shot view: incomplete data"));
    return;
  }
  ZeroShotState& s = state();
  // The table shown: a pending draft of this scenario's classes, else the one in use.
  AttributeTable used{*in.classes, *in.attributes, *in.table};
  s.used = used;
  const std::string scenario = app.info() ? app.info()->name : "";
  if (s.draft.active && (s.draft.scenario != scenario || s.draft.classes != *in.classes))
    s.draft.active = false;
  // Another method may take the draft (ConSE takes any numbers): try it once more.
  if (s.draft.active && s.draft.method != in.method) submit(app, s.draft.table, in.method);
  AttributeTable shown = s.draft.active ? s.draft.table : used;

  const float line = ImGui::GetTextLineHeight();
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 start = ImGui::GetCursorScreenPos();

  // Top line: what the method does, then the table's actions at the right.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(6, 2));
  float buttons_w = 0;
  // Buttons show translated text; their ImGui ids are their mark names.
  const char* add_text = tr("+ attribute");
  const char* save_text = tr("Save CSV");
  const char* load_text = tr("Load CSV...");
  const char* own_text = tr("Own table");
  for (const char* b : {add_text, save_text, load_text, own_text})
    buttons_w += ImGui::CalcTextSize(b).x + 12 + style.ItemSpacing.x;
  const float blurb_w = std::max(line * 10, size.x - buttons_w - line);
  ImGui::PushTextWrapPos(start.x - ImGui::GetWindowPos().x + blurb_w);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(theme::kAxisText));
  ImGui::TextWrapped("%s", method_blurb(in.method));
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  const float text_bottom = ImGui::GetCursorScreenPos().y;
  ImGui::SetCursorScreenPos(ImVec2(start.x + size.x - buttons_w, start.y));
  if (ImGui::SmallButton((std::string(add_text) + "###zs_add_attribute").c_str())) {
    AttributeTable t = shown;
    t.table.conservativeResize(t.table.rows(), t.table.cols() + 1);
    t.table.col(t.table.cols() - 1).setZero();
    std::string name;
    do {
      name = "attr" + std::to_string(++s.added);
    } while (std::find(t.attribute_names.begin(), t.attribute_names.end(), name) !=
             t.attribute_names.end());
    t.attribute_names.push_back(name);
    submit(app, std::move(t), in.method);
  }
  app.mark("zs_add_attribute");
  widgets::tooltip(
      tr("Adds an attribute column (all 0): it is used once its cells differ between classes"));
  ImGui::SameLine();
  if (ImGui::SmallButton((std::string(save_text) + "###zs_save_csv").c_str())) {
    const std::string csv = attribute_table_csv(shown);
    platform::download(scenario + "-classes.csv", "text/csv", csv.data(), csv.size());
  }
  app.mark("zs_save_csv");
  widgets::tooltip(tr("Downloads the table as class,attribute,... CSV (what Load reads back)"));
  ImGui::SameLine();
  if (ImGui::SmallButton((std::string(load_text) + "###zs_load_csv").c_str()))
    platform::open_file_picker(2);
  app.mark("zs_load_csv");
  widgets::tooltip(tr("A class,v1,v2,... CSV with one row per class, matched by name"));
  if (app.class_table() || s.draft.active) {
    ImGui::SameLine();
    if (ImGui::SmallButton((std::string(own_text) + "###zs_own_table").c_str())) {
      s.draft.active = false;
      if (app.class_table()) app.clear_class_table();
    }
    app.mark("zs_own_table");
    widgets::tooltip(tr("Back to the scenario's own table"));
  }
  ImGui::PopStyleVar();
  float y = std::max(text_bottom, ImGui::GetCursorScreenPos().y) + 2;
  if (s.draft.active) {
    ImGui::SetCursorScreenPos(ImVec2(start.x, y));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(theme::kError));
    ImGui::TextWrapped(tr("Not used yet: %s. The model keeps the last valid table."),
                       tr_message(s.draft.problem).c_str());
    ImGui::PopStyleColor();
    y = ImGui::GetCursorScreenPos().y + 2;
  }

  // Body: table | results | ConSE plot.
  const float body_h = std::max(line * 4, start.y + size.y - y - style.ItemSpacing.y);
  const bool conse = in.method == "conse" && vd.mat("class_xy");
  float plot_w = conse ? std::min(body_h * 1.25f, size.x * 0.3f) : 0.0f;
  float results_w = std::clamp(size.x * 0.26f, line * 14, line * 20);
  const float gap = line;
  // The table gets what it needs at its narrowest first: the results, then the plot give way.
  float names_w = line * 2;
  for (const auto& n : shown.class_names)
    names_w = std::max(names_w, ImGui::CalcTextSize(tr(n).c_str()).x + line * 1.4f);
  const float table_need = line * 1.6f + std::min(names_w, size.x * 0.1f) +
                           static_cast<float>(shown.table.cols()) * kMinCell * line;
  float short_by = table_need - (size.x - plot_w - results_w - 2 * gap);
  if (short_by > 0) {
    const float r = std::min(short_by, results_w - line * 11);
    results_w -= std::max(0.0f, r);
    short_by -= std::max(0.0f, r);
  }
  if (short_by > 0 && conse) plot_w = std::max(line * 8, plot_w - short_by);
  const float table_w = std::max(line * 10, size.x - plot_w - results_w - 2 * gap);
  ImGui::SetCursorScreenPos(ImVec2(start.x, y));
  float used_w = table_w;
  const int hovered_row = table_editor(app, in, shown, ImVec2(table_w, body_h), used_w);
  // The results right after the table; they may take what the table left.
  results_w = std::max(results_w, size.x - plot_w - used_w - 2 * gap);
  if (!conse) results_w = std::min(results_w, line * 24);
  ImGui::SetCursorScreenPos(ImVec2(start.x + used_w + gap, y));
  const ImGuiWindowFlags child = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground |
                                 ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  if (ImGui::BeginChild("##zs_results", ImVec2(results_w, body_h), false, child))
    results(vd, in, shown, ImVec2(results_w, body_h), hovered_row);
  ImGui::EndChild();
  ImGui::PopStyleVar();
  if (conse) {
    ImGui::SetCursorScreenPos(ImVec2(start.x + size.x - plot_w, y));
    conse_plot(app, vd, in, shown, ImVec2(plot_w, body_h), hovered_row);
  }
  ImGui::SetCursorScreenPos(ImVec2(start.x, y + body_h));
}

}  // namespace views

TL_NAMESPACE_END

// Progressive networks' picture: one column per task, side by side, the earlier ones frozen
// (grey, padlock), the laterals from them into the new column as arrows whose width follows the
// adapter's weight norm; beside it, task-1 accuracy from the start of task 2: flat for the
// progressive network (its task-1 column never changes), falling for plain fine-tuning.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/plots.h"
#include "app/theme.h"
#include "app/views/views.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace views {

namespace {

constexpr ImU32 kFrozenFill = IM_COL32(70, 74, 84, 255);
constexpr ImU32 kFrozenLine = IM_COL32(120, 126, 138, 255);
constexpr ImU32 kTrainFill = IM_COL32(30, 70, 95, 255);
constexpr ImU32 kLateral = IM_COL32(240, 180, 70, 255);
constexpr ImU32 kFinetune = IM_COL32(240, 110, 95, 255);

/// A small padlock centred at c.
void padlock(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
  dl->PathArcTo(ImVec2(c.x, c.y - r * 0.2f), r * 0.55f, 3.14159f, 2 * 3.14159f, 12);
  dl->PathStroke(col, 0, r * 0.28f);
  dl->AddRectFilled(ImVec2(c.x - r * 0.8f, c.y - r * 0.2f), ImVec2(c.x + r * 0.8f, c.y + r * 0.9f),
                    col, r * 0.15f);
}

/// An arrow from a to b with a head of size h.
void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float width, float h) {
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  const float ux = dx / len, uy = dy / len;
  const ImVec2 base(b.x - ux * h, b.y - uy * h);
  dl->AddLine(a, base, col, width);
  dl->AddTriangleFilled(b, ImVec2(base.x - uy * h * 0.6f, base.y + ux * h * 0.6f),
                        ImVec2(base.x + uy * h * 0.6f, base.y - ux * h * 0.6f), col);
}

/// The columns with their laterals.
void columns_diagram(const ViewData& vd, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##columns", size);
  const Mat* widths = vd.mat("column_widths");
  const Mat* frozen = vd.mat("frozen");
  const Mat* laterals = vd.mat("laterals");
  if (!widths || widths->cols() == 0) return;
  const std::vector<std::string>* labels = vd.text("columns");
  const int built = static_cast<int>(widths->cols());
  const int tasks = std::max(built, static_cast<int>(vd.value("num_tasks", built)));
  const int rows = static_cast<int>(widths->rows());  // input + layers
  // Geometry: columns spread over the width, layers stacked bottom (input) to top (output).
  const bool any_lateral = laterals != nullptr && laterals->cols() > 0;
  const float top = p0.y + lh * 1.6f, bottom = p0.y + size.y - lh * (any_lateral ? 1.5f : 0.4f);
  const float row_h = (bottom - top) / static_cast<float>(rows);
  const float box_h = std::min(row_h * 0.55f, lh * 1.6f);
  const float col_w = size.x / static_cast<float>(tasks);
  float max_width = 1;
  for (int r = 1; r < rows; ++r) max_width = std::max(max_width, (*widths)(r, 0));
  auto box = [&](int c, int r, ImVec2& a, ImVec2& b) {
    const float cx = p0.x + col_w * (static_cast<float>(c) + 0.5f);
    const float cy = bottom - row_h * (static_cast<float>(r) + 0.5f);
    const float w = r < rows && c < built ? (*widths)(r, c) : (*widths)(std::min(r, rows - 1), 0);
    const float frac = r == 0 ? 0.0f : std::sqrt(w / max_width);
    const float bw = col_w * (0.30f + 0.32f * frac);
    a = ImVec2(cx - bw / 2, cy - box_h / 2);
    b = ImVec2(cx + bw / 2, cy + box_h / 2);
  };
  char buf[64];
  float max_norm = 1e-6f;
  if (laterals)
    for (Eigen::Index k = 0; k < laterals->cols(); ++k)
      max_norm = std::max(max_norm, (*laterals)(3, k));
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered = ImGui::IsItemHovered();
  std::string tip;

  // Laterals first (under the boxes): from column j's layer i-1 to column c's layer i.
  if (laterals)
    for (Eigen::Index k = 0; k < laterals->cols(); ++k) {
      const int c = static_cast<int>((*laterals)(0, k)), j = static_cast<int>((*laterals)(1, k));
      const int i = static_cast<int>((*laterals)(2, k));
      const float norm = (*laterals)(3, k);
      ImVec2 fa, fb, ta, tb;
      box(j, i, fa, fb);  // row i is layer i-1 (row 0 is the input)
      box(c, i + 1, ta, tb);
      const ImVec2 from(fb.x, (fa.y + fb.y) / 2), to(ta.x, (ta.y + tb.y) / 2);
      const float w = 1.0f + 5.0f * norm / max_norm;
      // Laterals from further back are drawn fainter and unlabelled (hover names them).
      const bool adjacent = j + 1 == c;
      arrow(dl, from, to, adjacent ? kLateral : (kLateral & 0x00FFFFFF) | (140u << 24), w, 6 + w);
      // Hover: the nearest point on the arrow.
      const float dx = to.x - from.x, dy = to.y - from.y;
      const float t = std::clamp(
          ((mouse.x - from.x) * dx + (mouse.y - from.y) * dy) / (dx * dx + dy * dy + 1e-6f), 0.0f,
          1.0f);
      if (hovered &&
          std::hypot(mouse.x - (from.x + t * dx), mouse.y - (from.y + t * dy)) < w / 2 + 4) {
        std::snprintf(buf, sizeof(buf), tr("lateral task %d -> task %d, layer %d: ||U|| = %.3f"),
                      j + 1, c + 1, i + 1, static_cast<double>(norm));
        tip = buf;
      }
      if (!adjacent) continue;
      std::snprintf(buf, sizeof(buf), "%.2f", static_cast<double>(norm));
      // The norm beside the arrow's first third, above it.
      const ImVec2 at(from.x + 0.35f * dx, from.y + 0.35f * dy);
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      dl->AddText(ImVec2(at.x - ts.x - 2, at.y - ts.y - w / 2), kLateral, buf);
    }

  // Boxes.
  for (int c = 0; c < tasks; ++c) {
    const bool exists = c < built;
    const bool is_frozen = exists && frozen && c < frozen->cols() && (*frozen)(0, c) > 0.5f;
    for (int r = 1; r < rows; ++r) {
      ImVec2 a, b;
      box(c, r, a, b);
      if (!exists) {
        dl->AddRect(a, b, IM_COL32(255, 255, 255, 50), 3, 0, 1.0f);
        continue;
      }
      dl->AddRectFilled(a, b, is_frozen ? kFrozenFill : kTrainFill, 3);
      dl->AddRect(a, b, is_frozen ? kFrozenLine : theme::kAccent, 3, 0, is_frozen ? 1.0f : 2.0f);
      std::snprintf(buf, sizeof(buf), r + 1 == rows ? tr("out %d") : "%d",
                    static_cast<int>((*widths)(r, c)));
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      dl->AddText(ImVec2((a.x + b.x - ts.x) / 2, (a.y + b.y - ts.y) / 2),
                  is_frozen ? IM_COL32(200, 204, 212, 255) : IM_COL32(235, 240, 248, 255), buf);
      if (hovered && mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y) {
        std::snprintf(buf, sizeof(buf),
                      r + 1 == rows ? tr("task %d column, output layer %d: %d units%s")
                                    : tr("task %d column, hidden layer %d: %d units%s"),
                      c + 1, r, static_cast<int>((*widths)(r, c)),
                      is_frozen ? tr(" (frozen)") : "");
        tip = buf;
      }
    }
    // Within a column: its own path upward.
    for (int r = 1; r + 1 < rows && exists; ++r) {
      ImVec2 a, b, a2, b2;
      box(c, r, a, b);
      box(c, r + 1, a2, b2);
      dl->AddLine(ImVec2((a.x + b.x) / 2, a.y), ImVec2((a2.x + b2.x) / 2, b2.y),
                  is_frozen ? kFrozenLine : theme::kAccent, 1.5f);
    }
    // Title: the task, frozen or training.
    const float cx = p0.x + col_w * (static_cast<float>(c) + 0.5f);
    // The core names the columns "task N"; any other name goes through the catalogue as is.
    char task[48];
    std::snprintf(task, sizeof(task), tr("task %d"), c + 1);
    std::string name = task;
    if (exists && labels && c < static_cast<int>(labels->size()) &&
        (*labels)[static_cast<size_t>(c)] != "task " + std::to_string(c + 1))
      name = tr((*labels)[static_cast<size_t>(c)]);
    char title_buf[96];
    std::snprintf(title_buf, sizeof(title_buf),
                  !exists     ? tr("%s (later)")
                  : is_frozen ? tr("%s  frozen")
                              : tr("%s  training"),
                  name.c_str());
    const std::string title = title_buf;
    const ImVec2 ts = ImGui::CalcTextSize(title.c_str());
    const float tx = cx - ts.x / 2 + (is_frozen ? lh * 0.6f : 0);
    if (is_frozen) padlock(dl, ImVec2(tx - lh * 0.7f, p0.y + lh * 0.55f), lh * 0.45f, kFrozenLine);
    dl->AddText(ImVec2(tx, p0.y),
                !exists     ? theme::kMuted
                : is_frozen ? kFrozenLine
                            : theme::kAccent,
                title.c_str());
  }
  // The input, shared by every column.
  {
    const float y = bottom - row_h * 0.5f;
    const ImVec2 a(p0.x + col_w * 0.15f, y - box_h * 0.35f),
        b(p0.x + size.x - col_w * 0.15f, y + box_h * 0.35f);
    dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 16), 3);
    std::snprintf(buf, sizeof(buf), tr("input x (%d)"), static_cast<int>((*widths)(0, 0)));
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2((a.x + b.x - ts.x) / 2, (a.y + b.y - ts.y) / 2), theme::kAxisText, buf);
    for (int c = 0; c < built; ++c) {
      ImVec2 ba, bb;
      box(c, 1, ba, bb);
      const float cx = (ba.x + bb.x) / 2;
      dl->AddLine(ImVec2(cx, a.y), ImVec2(cx, bb.y), IM_COL32(255, 255, 255, 60), 1.5f);
    }
  }
  if (any_lateral) {
    const char* cap = tr("arrows: lateral adapters U, line width ~ weight norm ||U||");
    const ImVec2 ts = ImGui::CalcTextSize(cap);
    dl->AddText(ImVec2(p0.x + std::max(0.0f, (size.x - ts.x) / 2), p0.y + size.y - lh * 1.1f),
                theme::kMuted, cap);
  }
  if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
}

}  // namespace

void progressive_view(App& app, const ViewData& vd, ImVec2 size) {
  (void)app;
  const float lh = ImGui::GetTextLineHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float diagram_w = std::floor(size.x * 0.52f);
  columns_diagram(vd, ImVec2(diagram_w, size.y));

  ImGui::SetCursorScreenPos(ImVec2(origin.x + diagram_w + lh, origin.y));
  ImGui::BeginGroup();
  const float chart_w = std::max(120.0f, size.x - diagram_w - lh * 1.5f);
  widgets::heading(vd.value("num_tasks") > 2 ? tr("Task-1 accuracy while the later tasks train")
                                             : tr("Task-1 accuracy while task 2 trains"));
  const double kept = vd.value("task1_acc", NAN), ft = vd.value("finetune_task1_acc", NAN);
  const Mat* hist = vd.mat("task1_history");
  if (vd.value("task2_started") == 0.0 || !hist || hist->cols() == 0) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + chart_w);
    ImGui::Text(tr("Task 1: training its column (now %.1f%% on held-out task 1)."), 100 * kept);
    widgets::muted(
        tr("When task 2 starts, this column is frozen and a new one is added beside it; "
           "fine-tuning instead keeps training this column on task 2."));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    return;
  }
  static std::vector<long> xs;
  static std::vector<double> prog, fine;
  xs.clear();
  prog.clear();
  fine.clear();
  for (Eigen::Index k = 0; k < hist->cols(); ++k) {
    xs.push_back(static_cast<long>((*hist)(0, k)));
    prog.push_back((*hist)(1, k));
    fine.push_back((*hist)(2, k));
  }
  char name_p[64], name_f[64];
  std::snprintf(name_p, sizeof(name_p), tr("progressive %.1f%% (kept)"), 100 * kept);
  std::snprintf(name_f, sizeof(name_f), tr("fine-tuned %.1f%%"), 100 * ft);
  PlotSeries sp{name_p, &prog, theme::kAccent, false,
                tr("the task-1 column is frozen: its accuracy cannot change")};
  PlotSeries sf{name_f, &fine, kFinetune, false,
                tr("the same column trained further on task 2: it forgets task 1")};
  PlotOptions opt;
  opt.percent = true;
  opt.from_zero = false;
  const float h = std::max(80.0f, size.y - (ImGui::GetCursorScreenPos().y - origin.y) - lh * 3.0f);
  line_plot("##task1", xs, {sp, sf}, ImVec2(chart_w, h), opt);
  widgets::muted(tr("steps since task 2 began"));
  ImGui::EndGroup();
}

}  // namespace views

TL_NAMESPACE_END

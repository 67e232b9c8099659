// Multitask learning's picture: three small panels side by side, task A and task B as the joint
// model (one shared trunk, a head per task) answers them, and task B learnt alone by the same
// network. With 2-D inputs each panel shows its model's decision regions with the task's points;
// otherwise each shows its confusion matrix on the held-out set.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/i18n.h"
#include "app/theme.h"
#include "app/views/views.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace views {

namespace {

struct Panel {
  const char* title;   ///< shown (through tr), as is tip
  const char* grid;    ///< probabilities over the grid (2-D inputs)
  const char* matrix;  ///< confusion matrix (other inputs)
  const char* acc;     ///< accuracy value
  const char* tip;
};

const Panel kPanels[] = {
    {"task A · multitask", "grid_a", "confusion_a", "task_a_acc",
     "the joint model's task-A head (many labels), on the shared trunk"},
    {"task B · multitask", "grid_b", "confusion_b", "task_b_acc",
     "the joint model's task-B head (few labels): its trunk was shaped by both tasks"},
    {"task B · alone", "grid_b_single", "confusion_b_single", "single_task_b_acc",
     "the same network trained on task B's few labels alone"},
};

ImU32 mix(ImU32 a, ImU32 b, float t) {
  const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
  return ImGui::ColorConvertFloat4ToU32(
      ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, 1.0f));
}

/// Decision regions: cells coloured by the winning class (stronger where surer, as on the
/// canvas), the boundary traced where the winner's margin crosses zero (marching squares).
void regions(ImDrawList* dl, const Mat& P, int n, ImVec2 a, ImVec2 b) {
  const int K = static_cast<int>(P.rows());
  const float cw = (b.x - a.x) / n, ch = (b.y - a.y) / n;
  const float chance = 1.0f / std::max(K, 2);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const Eigen::Index j = r * n + c;
      Eigen::Index k = 0;
      const float p = P.col(j).maxCoeff(&k);
      const float conf = std::clamp((p - chance) / (1 - chance), 0.0f, 1.0f);
      const ImU32 col =
          mix(theme::kCanvasBg, theme::class_u32(static_cast<int>(k)), 0.10f + 0.36f * conf * conf);
      const float x = a.x + cw * c, y = b.y - ch * (r + 1);
      dl->AddRectFilled(ImVec2(x, y), ImVec2(x + cw + 0.5f, y + ch + 0.5f), col);
    }
  // Boundary of each class's region: g = p_k - max_{j != k} p_j = 0 (for two classes one pass).
  auto pos = [&](float r, float c) { return ImVec2(a.x + cw * (c + 0.5f), b.y - ch * (r + 0.5f)); };
  for (int k = 0; k < (K <= 2 ? 1 : K); ++k) {
    auto g = [&](int r, int c) {
      const Eigen::Index j = r * n + c;
      float other = -1;
      for (int q = 0; q < K; ++q)
        if (q != k) other = std::max(other, P(q, j));
      return P(k, j) - other;
    };
    for (int r = 0; r + 1 < n; ++r)
      for (int c = 0; c + 1 < n; ++c) {
        const float v[4] = {g(r, c), g(r, c + 1), g(r + 1, c + 1), g(r + 1, c)};
        const float rr[4] = {0, 0, 1, 1}, cc[4] = {0, 1, 1, 0};
        ImVec2 pts[4];
        int m = 0;
        for (int e = 0; e < 4; ++e) {
          const int f = (e + 1) % 4;
          if ((v[e] > 0) == (v[f] > 0)) continue;
          const float t = v[e] / (v[e] - v[f]);
          pts[m++] = pos(r + rr[e] + t * (rr[f] - rr[e]), c + cc[e] + t * (cc[f] - cc[e]));
        }
        for (int s = 0; s + 1 < m; s += 2)
          dl->AddLine(pts[s], pts[s + 1], IM_COL32(235, 238, 245, 200), 1.3f);
      }
  }
}

/// Points (3 x n: x, y, class) as markers.
void draw_points(ImDrawList* dl, const Mat* pts, int shape, float radius, bool hollow,
                 const ViewData& vd, ImVec2 a, ImVec2 b) {
  if (!pts) return;
  const double x0 = vd.value("x0"), x1 = vd.value("x1"), y0 = vd.value("y0"), y1 = vd.value("y1");
  for (Eigen::Index j = 0; j < pts->cols(); ++j) {
    const float x = a.x + static_cast<float>(((*pts)(0, j) - x0) / (x1 - x0)) * (b.x - a.x);
    const float y = b.y - static_cast<float>(((*pts)(1, j) - y0) / (y1 - y0)) * (b.y - a.y);
    const int k = static_cast<int>((*pts)(2, j));
    if (hollow)
      dl->AddTriangle(ImVec2(x, y - radius * 1.1f), ImVec2(x - radius, y + radius * 0.75f),
                      ImVec2(x + radius, y + radius * 0.75f), theme::class_u32(k, 0.45f), 1.0f);
    else
      widgets::marker(dl, ImVec2(x, y), radius, shape, theme::class_u32(k), false);
  }
}

/// A confusion matrix (rows: true class, columns: predicted), shaded by each row's share.
void confusion(ImDrawList* dl, const Mat& M, ImVec2 a, ImVec2 b) {
  const int K = static_cast<int>(M.rows());
  if (K == 0) return;
  const float cw = (b.x - a.x) / K, ch = (b.y - a.y) / K;
  for (int r = 0; r < K; ++r) {
    const float total = std::max(1.0f, M.row(r).sum());
    for (int c = 0; c < K; ++c) {
      const float share = M(r, c) / total;
      const ImU32 hue = r == c ? theme::kGood : theme::kError;
      const ImVec2 p(a.x + cw * c, a.y + ch * r);
      dl->AddRectFilled(p, ImVec2(p.x + cw - 1, p.y + ch - 1),
                        mix(IM_COL32(30, 33, 40, 255), hue, std::sqrt(share)));
      // The count, where the cell has room for it.
      if (M(r, c) > 0 && cw >= ImGui::CalcTextSize("00").x + 2 && ch >= ImGui::GetFontSize()) {
        char buf[16];
        std::snprintf(buf, sizeof(buf), "%d", static_cast<int>(M(r, c)));
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        dl->AddText(ImVec2(p.x + (cw - 1 - ts.x) / 2, p.y + (ch - 1 - ts.y) / 2),
                    r == c ? IM_COL32(240, 244, 248, 255) : IM_COL32(200, 190, 185, 200), buf);
      }
    }
  }
}

}  // namespace

void multitask_view(App& app, const ViewData& vd, ImVec2 size) {
  (void)app;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const bool grid = vd.mat("grid_b") != nullptr;
  const int n = static_cast<int>(vd.value("grid"));
  const float gap = lh * 1.2f;
  // Three squares side by side, under a title line each, with room for the legend line.
  const float side =
      std::max(40.0f, std::min((size.x - 2 * gap) / 3.0f, size.y - lh * (grid ? 3.4f : 3.6f)));
  const float total_w = 3 * side + 2 * gap;
  const float x_start = origin.x + std::max(0.0f, (size.x - total_w) / 2);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (int i = 0; i < 3; ++i) {
    const Panel& p = kPanels[i];
    const float x = x_start + i * (side + gap);
    const ImVec2 a(x, origin.y + lh * 1.4f), b(x + side, origin.y + lh * 1.4f + side);
    // Title with the accuracy; the method's panels in the accent colour.
    char title[96];
    const double acc = vd.value(p.acc, NAN);
    if (std::isfinite(acc))
      std::snprintf(title, sizeof(title), "%s  %.1f%%", tr(p.title), 100 * acc);
    else
      std::snprintf(title, sizeof(title), "%s", tr(p.title));
    dl->AddText(theme::bold(), theme::bold()->FontSize, ImVec2(x, origin.y),
                i < 2 ? theme::kAccent : theme::kAxisText, title);
    dl->AddRectFilled(a, b, theme::kCanvasBg);
    if (grid) {
      const Mat* P = vd.mat(p.grid);
      if (P && n > 1 && P->cols() == static_cast<Eigen::Index>(n) * n) {
        dl->PushClipRect(a, b, true);
        regions(dl, *P, n, a, b);
        if (i == 0) {
          draw_points(dl, vd.mat("points_a"), 0, 2.6f, false, vd, a, b);
        } else {
          draw_points(dl, vd.mat("points_b_test"), 1, 2.2f, true, vd, a, b);
          draw_points(dl, vd.mat("points_b"), 1, 6.0f, false, vd, a, b);
        }
        dl->PopClipRect();
      }
    } else if (const Mat* M = vd.mat(p.matrix)) {
      confusion(dl, *M, a, b);
    }
    dl->AddRect(a, b, i < 2 ? IM_COL32(86, 180, 233, 120) : IM_COL32(255, 255, 255, 50));
    if (mouse.x >= x && mouse.x <= x + side && mouse.y >= origin.y && mouse.y <= b.y &&
        ImGui::IsWindowHovered())
      ImGui::SetTooltip("%s", tr(p.tip));
  }
  // Legend.
  const float ly = origin.y + lh * 1.6f + side;
  const char* legend = grid ? tr("circles: task A's training points · filled triangles: task B's "
                                 "few labelled points · hollow: task B held out")
                            : tr("confusion on the held-out digits: rows true class, columns "
                                 "predicted (green: right)");
  const ImVec2 ls = ImGui::CalcTextSize(legend);
  dl->AddText(ImVec2(std::max(origin.x, x_start + (total_w - ls.x) / 2), ly), theme::kMuted,
              legend);
  ImGui::Dummy(size);
}

}  // namespace views

TL_NAMESPACE_END

// Self-taught clustering: the target's clusters as rows of thumbnails (framed in their true
// class's colour, which no clustering sees), the clusters x classes contingency tables with and
// without the auxiliary data side by side, and NMI / purity with and without it. Two routes:
// the co-clustering of target and auxiliary data (control: the same co-clustering of the target
// alone) and k-means on codes of an autoencoder trained on the auxiliary data (control: cosine
// k-means on the raw features). Reads the ViewData of kind "clustering"
// (scenarios/source_unlabelled.cpp documents its keys).
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

struct Route {
  const char* key;      ///< ViewData prefix
  const char* button;   ///< toggle label (shown through tr, as are method and control)
  const char* mark;     ///< widget mark
  const char* method;   ///< with the auxiliary data
  const char* control;  ///< without
  const char* nmi;      ///< values
  const char* purity;
  const char* control_nmi;
  const char* control_purity;
};

constexpr Route kRoutes[2] = {
    {"stc", "Co-clustering", "clustering_route_stc", "co-clustering with auxiliary data",
     "co-clustering of the target alone", "stc_nmi", "stc_purity", "stc_noaux_nmi",
     "stc_noaux_purity"},
    {"codes", "Learned codes + k-means", "clustering_route_codes",
     "k-means on codes learned from auxiliary data", "cosine k-means on the raw features",
     "codes_nmi", "codes_purity", "cosine_nmi", "cosine_purity"},
};

/// The route shown (page state, not the scenario's).
int g_route = 0;

constexpr ImU32 kWith = IM_COL32(90, 200, 150, 255);
constexpr ImU32 kWithout = IM_COL32(150, 156, 170, 255);

bool hovered(ImVec2 a, ImVec2 b) {
  return ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(a, b);
}

/// A thumbnail: an 8x8 image (side > 0) or a strip of topic shares (side 0).
void draw_thumb(ImDrawList* dl, ImVec2 p, ImVec2 box, const Mat& T, Eigen::Index j, int side) {
  if (side > 0) {
    const float cell = box.x / side;
    for (int r = 0; r < side; ++r)
      for (int c = 0; c < side; ++c) {
        const float v = std::clamp(static_cast<float>(T(r * side + c, j)), 0.0f, 1.0f);
        const int g = static_cast<int>(20 + v * 235);
        dl->AddRectFilled(ImVec2(p.x + c * cell, p.y + r * cell),
                          ImVec2(p.x + (c + 1) * cell, p.y + (r + 1) * cell),
                          IM_COL32(g, g, g, 255));
      }
    return;
  }
  // Topic shares as bars from the bottom, one per topic.
  const int t = static_cast<int>(T.rows());
  const float w = box.x / std::max(1, t);
  dl->AddRectFilled(p, ImVec2(p.x + box.x, p.y + box.y), IM_COL32(24, 27, 33, 255));
  for (int k = 0; k < t; ++k) {
    const float v = std::clamp(static_cast<float>(T(k, j)), 0.0f, 1.0f);
    dl->AddRectFilled(ImVec2(p.x + k * w + 0.5f, p.y + box.y * (1 - v)),
                      ImVec2(p.x + (k + 1) * w - 0.5f, p.y + box.y), IM_COL32(220, 220, 220, 255));
  }
}

/// What a document's strip shows, under the thumbnails.
void strip_caption(ImDrawList* dl, ImVec2 at) {
  dl->AddText(at, theme::kMuted, tr("bars: each topic's share of a document's words"));
}

/// Rows of thumbnails, one per cluster of route r (or, before the clustering, a plain grid).
void draw_thumbs(ImDrawList* dl, ImVec2 p, ImVec2 size, const ViewData& vd, int r, bool clustered) {
  const float line = ImGui::GetTextLineHeight();
  const Mat* T = vd.mat("thumbs");
  const Mat* cl = vd.mat("thumb_cluster");
  const Mat* cls = vd.mat("thumb_class");
  if (!T || !cl || !cls || T->cols() == 0) return;
  const int side = static_cast<int>(vd.value("thumb_side"));
  const ImVec2 caption(p.x, p.y + size.y - line);
  if (side == 0) size.y -= line + 4;
  const float aspect = side > 0 ? 1.0f : 0.6f;  // strips are wider than tall
  // Rows for at most kMaxRows clusters (the tables hold them all).
  constexpr int kMaxRows = 12;
  const int k = std::min(kMaxRows, static_cast<int>(vd.value("clusters")));
  const int m = static_cast<int>(T->cols());
  const std::vector<std::string>* names = vd.text("class_names");
  auto thumb_tip = [&](int j, int cluster) {
    const int c = static_cast<int>((*cls)(0, j));
    const std::string name = names && c >= 0 && c < static_cast<int>(names->size())
                                 ? tr((*names)[static_cast<size_t>(c)])
                                 : std::string("?");
    if (cluster >= 0)
      ImGui::SetTooltip(
          tr("cluster %d; true class %s (the frame's colour; the method never sees it)"),
          cluster + 1, name.c_str());
    else
      ImGui::SetTooltip(tr("true class %s (the frame's colour; hidden from the clustering)"),
                        name.c_str());
  };
  if (!clustered) {
    dl->AddText(p, theme::kAxisText,
                tr("The target to cluster (frame: its true class, which no method sees)"));
    const float top = p.y + line + 4, gap = 4;
    int cols = 1;
    float best = 0;
    for (int c = 1; c <= m; ++c) {
      const int rows = (m + c - 1) / c;
      const float s =
          std::min((size.x - c * gap) / c, ((size.y - line - 4) - rows * gap) / rows / aspect);
      if (s > best) best = s, cols = c;
    }
    const float w = std::floor(std::min(best, 48.0f)), h = std::floor(w * aspect);
    for (int j = 0; j < m; ++j) {
      const ImVec2 q(p.x + (j % cols) * (w + gap), top + (j / cols) * (h + gap));
      draw_thumb(dl, q, ImVec2(w, h), *T, j, side);
      dl->AddRect(ImVec2(q.x - 1, q.y - 1), ImVec2(q.x + w + 1, q.y + h + 1),
                  theme::class_u32(static_cast<int>((*cls)(0, j)), 0.95f), 2, 0, 2.0f);
      if (hovered(q, ImVec2(q.x + w, q.y + h))) thumb_tip(j, -1);
    }
    if (side == 0) strip_caption(dl, caption);
    return;
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, tr("Clusters: %s"), tr(kRoutes[r].method));
  dl->AddText(p, theme::kAxisText, buf);
  const float top = p.y + line + 4, gap = 4, head = ImGui::CalcTextSize("C10 ").x + 4;
  const int per_row = 10;
  const float row_h = (size.y - line - 4) / std::max(1, k);
  const float w =
      std::floor(std::min({(size.x - head) / per_row - gap, (row_h - gap) / aspect, 40.0f}));
  // Strips may use the row's height.
  const float h = std::floor(side > 0 ? w : std::max(w * aspect, std::min(w * 1.2f, row_h - 10)));
  if (w < 3 || h < 3) return;
  std::vector<int> shown(static_cast<size_t>(std::max(1, k)), 0);
  for (int a = 0; a < k; ++a) {
    std::snprintf(buf, sizeof buf, "C%d", a + 1);
    dl->AddText(ImVec2(p.x, top + a * row_h + (h - line) / 2), theme::kMuted, buf);
  }
  for (int j = 0; j < m; ++j) {
    const int a = static_cast<int>((*cl)(r, j));
    if (a < 0 || a >= k || shown[static_cast<size_t>(a)] >= per_row) continue;
    const int i = shown[static_cast<size_t>(a)]++;
    const ImVec2 q(p.x + head + i * (w + gap), top + a * row_h);
    draw_thumb(dl, q, ImVec2(w, h), *T, j, side);
    const int c = static_cast<int>((*cls)(0, j));
    dl->AddRect(ImVec2(q.x - 1, q.y - 1), ImVec2(q.x + w + 1, q.y + h + 1),
                theme::class_u32(c, 0.95f), 2, 0, 2.0f);
    if (hovered(q, ImVec2(q.x + w, q.y + h))) thumb_tip(j, a);
  }
  if (side == 0) strip_caption(dl, caption);
}

/// A clusters x classes table as a heat grid, counts in the cells.
void draw_table(ImDrawList* dl, ImVec2 p, ImVec2 size, const Mat& table, const char* title,
                const std::vector<std::string>* names, ImU32 color) {
  const float line = ImGui::GetTextLineHeight();
  dl->AddText(p, theme::kAxisText, title);
  const int k = static_cast<int>(table.rows()), c = static_cast<int>(table.cols());
  if (k == 0 || c == 0) return;
  const float head = ImGui::CalcTextSize("C10").x + 6;
  const float cell = std::floor(std::min((size.x - head) / c, (size.y - 2 * line - 6) / k));
  if (cell < 4) return;
  const float x0 = p.x + head, y0 = p.y + 2 * line + 6;
  const float top = std::max<Scalar>(1, table.maxCoeff());
  const ImVec4 col = ImGui::ColorConvertU32ToFloat4(color);
  char buf[32];
  for (int q = 0; q < c; ++q) {
    const std::string name = names && q < static_cast<int>(names->size())
                                 ? tr((*names)[static_cast<size_t>(q)])
                                 : std::to_string(q);
    const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
    const ImVec2 at(x0 + q * cell + (cell - ts.x) / 2, p.y + line + 3);
    dl->AddRectFilled(ImVec2(x0 + q * cell + 2, at.y + ts.y),
                      ImVec2(x0 + (q + 1) * cell - 2, at.y + ts.y + 2), theme::class_u32(q));
    dl->AddText(at, theme::kMuted, name.c_str());
  }
  for (int a = 0; a < k; ++a) {
    std::snprintf(buf, sizeof buf, "C%d", a + 1);
    dl->AddText(ImVec2(p.x, y0 + a * cell + (cell - line) / 2), theme::kMuted, buf);
    const float row = table.row(a).sum();
    for (int q = 0; q < c; ++q) {
      const float v = table(a, q) / top;
      const ImVec2 lo(x0 + q * cell, y0 + a * cell), hi(lo.x + cell - 1, lo.y + cell - 1);
      dl->AddRectFilled(lo, hi,
                        ImGui::ColorConvertFloat4ToU32(ImVec4(0.12f + (col.x - 0.12f) * v,
                                                              0.13f + (col.y - 0.13f) * v,
                                                              0.16f + (col.z - 0.16f) * v, 1.0f)));
      if (table(a, q) > 0 && cell >= 14) {
        std::snprintf(buf, sizeof buf, "%d", static_cast<int>(table(a, q)));
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        if (ts.x < cell - 2)
          dl->AddText(ImVec2(lo.x + (cell - ts.x) / 2, lo.y + (cell - ts.y) / 2),
                      v > 0.55f ? IM_COL32(10, 12, 16, 255) : IM_COL32(230, 232, 236, 255), buf);
      }
      if (hovered(lo, hi)) {
        const std::string name = names && q < static_cast<int>(names->size())
                                     ? tr((*names)[static_cast<size_t>(q)])
                                     : std::to_string(q);
        ImGui::SetTooltip(tr("cluster %d holds %d points of class %s (%.0f%% of the cluster)"),
                          a + 1, static_cast<int>(table(a, q)), name.c_str(),
                          row > 0 ? 100.0 * table(a, q) / row : 0.0);
      }
    }
  }
}

/// NMI and purity, with and without the auxiliary data.
void draw_scores(ImDrawList* dl, ImVec2 p, float width, const ViewData& vd, const Route& r) {
  const float line = ImGui::GetTextLineHeight();
  dl->AddText(p, theme::kAxisText, tr("Scores vs the true classes"));
  float y = p.y + line + 6;
  char buf[64];
  const float name_w =
      std::max(ImGui::CalcTextSize(tr("with")).x, ImGui::CalcTextSize(tr("without")).x) + 8;
  const float x0 = p.x + name_w, x1 = p.x + width - ImGui::CalcTextSize("100.0%").x - 6;
  const struct {
    const char* title;
    const char* with;
    const char* without;
    const char* help;
    bool percent;  ///< a share of the points (purity); NMI is a score from 0 to 1
  } scores[2] = {
      {"NMI", r.nmi, r.control_nmi,
       tr("normalised mutual information of clusters and classes, from 0 (unrelated) to 1 (the "
          "same grouping)"),
       false},
      {tr("purity"), r.purity, r.control_purity,
       tr("share of the points that belong to their cluster's most common class"), true}};
  for (const auto& s : scores) {
    dl->AddText(ImVec2(p.x, y), theme::kMuted, s.title);
    y += line + 2;
    for (int i = 0; i < 2; ++i) {
      const double v = vd.value(i == 0 ? s.with : s.without, std::nan(""));
      dl->AddText(ImVec2(p.x, y), theme::kAxisText, i == 0 ? tr("with") : tr("without"));
      dl->AddRectFilled(ImVec2(x0, y + 2), ImVec2(x1, y + line - 2), IM_COL32(255, 255, 255, 14),
                        2);
      if (std::isfinite(v)) {
        dl->AddRectFilled(
            ImVec2(x0, y + 2),
            ImVec2(x0 + (x1 - x0) * static_cast<float>(std::clamp(v, 0.0, 1.0)), y + line - 2),
            i == 0 ? kWith : kWithout, 2);
        if (s.percent)
          std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
        else
          std::snprintf(buf, sizeof buf, "%.2f", v);
        dl->AddText(ImVec2(x1 + 6, y), theme::kAxisText, buf);
      } else {
        dl->AddText(ImVec2(x1 + 6, y), theme::kMuted, "-");
      }
      if (hovered(ImVec2(p.x, y), ImVec2(p.x + width, y + line)))
        ImGui::SetTooltip(i == 0 ? tr("%s, with auxiliary data (%s)\n%s")
                                 : tr("%s, without auxiliary data (%s)\n%s"),
                          s.title, tr(i == 0 ? r.method : r.control), s.help);
      y += line + 3;
    }
    y += 4;
  }
  dl->AddRectFilled(ImVec2(p.x, y + 4), ImVec2(p.x + 10, y + line - 4), kWith);
  dl->AddText(ImVec2(p.x + 14, y), theme::kMuted, tr("with auxiliary data"));
  y += line;
  dl->AddRectFilled(ImVec2(p.x, y + 4), ImVec2(p.x + 10, y + line - 4), kWithout);
  dl->AddText(ImVec2(p.x + 14, y), theme::kMuted, tr("without (control)"));
}

}  // namespace

void clustering_view(App& app, const ViewData& vd, ImVec2 size) {
  const float y_start = ImGui::GetCursorScreenPos().y;
  const bool clustered = vd.value("clustered") > 0;
  // Route toggle.
  for (int r = 0; r < 2; ++r) {
    if (r > 0) ImGui::SameLine();
    const bool selected = g_route == r;
    if (selected) {
      ImGui::PushStyleColor(ImGuiCol_Button, theme::to_vec4(IM_COL32(52, 110, 150, 255)));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::to_vec4(IM_COL32(62, 125, 170, 255)));
    }
    const std::string label = std::string(tr(kRoutes[r].button)) + "###" + kRoutes[r].mark;
    if (ImGui::Button(label.c_str())) g_route = r;
    if (selected) ImGui::PopStyleColor(2);
    app.mark(kRoutes[r].mark);
    widgets::tooltip(r == 0 ? tr("Co-clustering (Dai et al. 2008): target and auxiliary data are "
                                 "clustered together, sharing one clustering of the features. "
                                 "Control: the same co-clustering of the target alone.")
                            : tr("k-means on the codes of an autoencoder trained on the auxiliary "
                                 "data. Control: cosine k-means on the raw features."));
  }
  const Route& route = kRoutes[g_route];
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  if (clustered) {
    ImGui::TextColored(theme::to_vec4(theme::kMuted), "%s",
                       tr("with vs without the auxiliary data"));
  } else {
    ImGui::TextColored(theme::to_vec4(theme::kWarn),
                       tr("clustering runs after the feature phase: %.0f%%"),
                       100 * vd.value("progress"));
    widgets::tooltip(
        tr("First an autoencoder learns features from the unlabelled auxiliary data; then, in one "
           "step, both routes and their controls cluster the target."));
  }
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float avail_h = std::max(60.0f, size.y - (p.y - y_start) - 2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float gap = 18;
  const float scores_w = std::min(230.0f, std::max(170.0f, size.x * 0.24f));
  const float tables_w = std::min(220.0f, size.x * 0.26f);
  const float thumbs_w = size.x - scores_w - tables_w - 2 * gap;
  if (!clustered) {
    draw_thumbs(dl, p, ImVec2(size.x - scores_w - gap, avail_h), vd, g_route, false);
  } else {
    draw_thumbs(dl, p, ImVec2(thumbs_w, avail_h), vd, g_route, true);
    const std::vector<std::string>* names = vd.text("class_names");
    const Mat* with = vd.mat(std::string(route.key) + "_contingency");
    const Mat* without = vd.mat(std::string(route.key) + "_control_contingency");
    const ImVec2 tp(p.x + thumbs_w + gap, p.y);
    const float th = std::floor((avail_h - 8) / 2);
    if (with)
      draw_table(dl, tp, ImVec2(tables_w, th), *with, tr("with auxiliary data"), names, kWith);
    if (without)
      draw_table(dl, ImVec2(tp.x, tp.y + th + 8), ImVec2(tables_w, th), *without,
                 tr("without (control)"), names, kWithout);
  }
  draw_scores(dl, ImVec2(p.x + size.x - scores_w, p.y), scores_w, vd, route);
  ImGui::Dummy(ImVec2(size.x, avail_h));
}

}  // namespace views

TL_NAMESPACE_END

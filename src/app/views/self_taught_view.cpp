// Self-taught learning: what the autoencoder learned from the unlabelled source (its first-layer
// filters, or for 2-D data the code units' activations over the plane), how well it
// reconstructs held-out target inputs of classes it never saw, and the few-shot accuracy of the
// same softmax on learned, raw and untrained-encoder features. Reads the ViewData of kind
// "self_taught" (scenarios/source_unlabelled.cpp documents its keys).
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

ImU32 lerp_color(ImU32 a, ImU32 b, float t) {
  const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
  return ImGui::ColorConvertFloat4ToU32(
      ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, 1.0f));
}

constexpr ImU32 kNegative = IM_COL32(8, 16, 40, 255);      // near black, a blue tint
constexpr ImU32 kZero = IM_COL32(118, 120, 126, 255);      // mid grey
constexpr ImU32 kPositive = IM_COL32(255, 246, 222, 255);  // near white, a warm tint
constexpr ImU32 kDark = IM_COL32(30, 33, 40, 255);

/// A signed weight in [-1, 1]: mid grey at 0, dark for negative, light for positive.
ImU32 diverging(float v) {
  v = std::clamp(v, -1.0f, 1.0f);
  return v >= 0 ? lerp_color(kZero, kPositive, v) : lerp_color(kZero, kNegative, -v);
}

/// An activation in [0, 1]: dark, blue, then near white.
ImU32 ramp(float v) {
  v = std::clamp(v, 0.0f, 1.0f);
  const ImU32 mid = IM_COL32(60, 130, 200, 255), top = IM_COL32(250, 236, 160, 255);
  return v < 0.5f ? lerp_color(kDark, mid, v * 2) : lerp_color(mid, top, (v - 0.5f) * 2);
}

ImU32 grey(float v) {
  const int g = static_cast<int>(20 + std::clamp(v, 0.0f, 1.0f) * 235);
  return IM_COL32(g, g, g, 255);
}

/// Column j of M as a side x side image at p with square pixels of `cell`; `color` maps a value.
template <class F>
void draw_image(ImDrawList* dl, ImVec2 p, float cell, int side, const Mat& M, Eigen::Index j,
                F color) {
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c) {
      const float v = static_cast<float>(M(r * side + c, j));
      dl->AddRectFilled(ImVec2(p.x + c * cell, p.y + r * cell),
                        ImVec2(p.x + (c + 1) * cell, p.y + (r + 1) * cell), color(v));
    }
}

bool hovered(ImVec2 a, ImVec2 b) {
  return ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(a, b);
}

void label(ImDrawList* dl, ImVec2 p, ImU32 col, const char* text) {
  dl->AddText(p, col, text);
}

/// The filter grid: each row of W as a side x side image, scaled by its largest |weight|.
void draw_filters(ImDrawList* dl, ImVec2 p, ImVec2 size, const Mat& W, int side, int units) {
  const float line = ImGui::GetTextLineHeight();
  char buf[96];
  std::snprintf(buf, sizeof buf, tr("Learned filters (%d of %d units)"), static_cast<int>(W.rows()),
                units);
  label(dl, p, theme::kAxisText, buf);
  const int n = static_cast<int>(W.rows());
  if (n == 0) return;
  const float top = p.y + line + 4, avail_h = size.y - (line + 4) - line - 6;
  // Columns so that the grid fills the box: try each and keep the largest image.
  int best_cols = 1;
  float best_cell = 0;
  for (int cols = 1; cols <= n; ++cols) {
    const int rows = (n + cols - 1) / cols;
    const float cell =
        std::min((size.x - cols * 3) / (cols * side), (avail_h - rows * 3) / (rows * side));
    if (cell > best_cell) {
      best_cell = cell;
      best_cols = cols;
    }
  }
  const float cell = std::max(1.0f, std::floor(best_cell));
  const float img = cell * side, gap = 3;
  for (int k = 0; k < n; ++k) {
    const ImVec2 q(p.x + (k % best_cols) * (img + gap), top + (k / best_cols) * (img + gap));
    Mat f = W.row(k).transpose();
    const Scalar m = f.cwiseAbs().maxCoeff();
    if (m > 0) f /= m;
    draw_image(dl, q, cell, side, f, 0, diverging);
    if (hovered(q, ImVec2(q.x + img, q.y + img)))
      ImGui::SetTooltip(tr("unit %d: its first-layer weights over the pixels\n(light +, dark -, "
                           "grey 0; scaled to its largest weight)"),
                        k + 1);
  }
  const int rows = (n + best_cols - 1) / best_cols;
  const float y = top + rows * (img + gap) + 2;
  // Legend of the diverging scale.
  const float w = 60;
  for (int i = 0; i < 30; ++i)
    dl->AddRectFilled(ImVec2(p.x + i * w / 30, y + 3), ImVec2(p.x + (i + 1) * w / 30, y + line - 3),
                      diverging(-1.0f + 2.0f * (i + 0.5f) / 30));
  label(dl, ImVec2(p.x + w + 6, y), theme::kMuted, tr("weight - / 0 / +"));
}

/// Inputs over their reconstructions.
void draw_reconstructions(ImDrawList* dl, ImVec2 p, ImVec2 size, const Mat& in, const Mat& out,
                          int side, bool whitened) {
  const float line = ImGui::GetTextLineHeight();
  label(dl, p, theme::kAxisText, tr("Held-out inputs / reconstructions"));
  const int k = static_cast<int>(std::min(in.cols(), out.cols()));
  if (k == 0) return;
  // Pairs (input above reconstruction) in the number of columns that gives the largest images.
  const float gap = 4, pair_gap = 10,
              label_w = std::max(ImGui::CalcTextSize(tr("recon.")).x,
                                 ImGui::CalcTextSize(tr("input")).x) +
                        6;
  const float avail_h = size.y - 2 * (line + 4) - 4;
  int cols = k;
  float best = 0;
  for (int c = k; c >= 1; --c) {
    const int rows = (k + c - 1) / c;
    const float cell = std::min((size.x - label_w - c * gap) / (c * side),
                                (avail_h - rows * (gap + pair_gap)) / (2 * rows * side));
    if (cell > best + 0.25f) {
      best = cell;
      cols = c;
    }
  }
  const float cell = std::max(1.0f, std::floor(std::min(best, 5.0f)));
  const float img = cell * side;
  const int rows = (k + cols - 1) / cols;
  float y = p.y + line + 4;
  for (int pr = 0; pr < rows; ++pr) {
    for (int half = 0; half < 2; ++half) {
      const Mat& M = half == 0 ? in : out;
      const float yy = y + half * (img + gap);
      label(dl, ImVec2(p.x, yy + img / 2 - line / 2), theme::kMuted,
            half == 0 ? tr("input") : tr("recon."));
      for (int c = 0; c < cols; ++c) {
        const int j = pr * cols + c;
        if (j >= k) break;
        const ImVec2 q(p.x + label_w + c * (img + gap), yy);
        // Whitened inputs are signed: the diverging scale, each pair by its input's largest value.
        if (whitened) {
          const float m = std::max(in.col(j).cwiseAbs().maxCoeff(), Scalar(1e-6));
          draw_image(dl, q, cell, side, M, j, [m](float v) { return diverging(v / m); });
        } else {
          draw_image(dl, q, cell, side, M, j, grey);
        }
        dl->AddRect(ImVec2(q.x - 1, q.y - 1), ImVec2(q.x + img + 1, q.y + img + 1),
                    IM_COL32(255, 255, 255, 40));
        if (hovered(q, ImVec2(q.x + img, q.y + img))) {
          const double err =
              (out.col(j) - in.col(j)).squaredNorm() / std::max<Eigen::Index>(1, in.rows());
          ImGui::SetTooltip(
              tr("held-out target input %d: squared reconstruction error %.4f per pixel"), j + 1,
              err);
        }
      }
    }
    y += 2 * img + gap + pair_gap;
  }
  label(dl, ImVec2(p.x, y - pair_gap + 4), theme::kMuted,
        whitened ? tr("(whitened, as the autoencoder sees them)")
                 : tr("classes the autoencoder never saw"));
}

/// The code units' activations over the plane, the source and the labelled points on top.
void draw_feature_map(ImDrawList* dl, ImVec2 p, ImVec2 size, const ViewData& vd) {
  const Mat* map = vd.mat("feature_map");
  const float line = ImGui::GetTextLineHeight();
  char buf[96];
  std::snprintf(buf, sizeof buf, tr("Code units over the plane (%d of %d units)"),
                map ? static_cast<int>(map->rows()) : 0, static_cast<int>(vd.value("units")));
  label(dl, p, theme::kAxisText, buf);
  if (!map || map->rows() == 0) return;
  const int g = static_cast<int>(vd.value("grid_cells"));
  if (g <= 0 || map->cols() != g * g) return;
  const double x0 = vd.value("xmin"), x1 = vd.value("xmax"), y0 = vd.value("ymin"),
               y1 = vd.value("ymax");
  const int n = static_cast<int>(map->rows());
  const float top = p.y + line + 4, avail_h = size.y - 2 * (line + 4);
  int best_cols = 1;
  float best = 0;
  for (int cols = 1; cols <= n; ++cols) {
    const int rows = (n + cols - 1) / cols;
    const float s = std::min((size.x - cols * 6) / cols, (avail_h - rows * 6) / rows);
    if (s > best) {
      best = s;
      best_cols = cols;
    }
  }
  const float tile = std::max(8.0f, std::floor(best)), cell = tile / g;
  const Mat* src = vd.mat("map_source");
  const Mat* pts = vd.mat("map_points");
  const Mat* cls = vd.mat("map_point_class");
  auto to_screen = [&](ImVec2 q, float x, float y) {
    return ImVec2(q.x + static_cast<float>((x - x0) / (x1 - x0)) * tile,
                  q.y + static_cast<float>((y1 - y) / (y1 - y0)) * tile);
  };
  for (int k = 0; k < n; ++k) {
    const ImVec2 q(p.x + (k % best_cols) * (tile + 6), top + (k / best_cols) * (tile + 6));
    // Each unit on its own range: sparse codes vary over a small part of [0, 1].
    const float lo = map->row(k).minCoeff(), hi = map->row(k).maxCoeff();
    const float scale = hi - lo > 1e-6f ? 1.0f / (hi - lo) : 0.0f;
    for (int i = 0; i < g; ++i)
      for (int j = 0; j < g; ++j)
        dl->AddRectFilled(ImVec2(q.x + j * cell, q.y + i * cell),
                          ImVec2(q.x + (j + 1) * cell + 0.5f, q.y + (i + 1) * cell + 0.5f),
                          ramp(((*map)(k, i * g + j) - lo) * scale));
    dl->PushClipRect(q, ImVec2(q.x + tile, q.y + tile), true);
    if (src)
      for (Eigen::Index j = 0; j < src->cols(); ++j)
        dl->AddCircleFilled(to_screen(q, (*src)(0, j), (*src)(1, j)), 1.0f,
                            IM_COL32(255, 255, 255, 70), 6);
    if (pts && cls && cls->cols() == pts->cols())
      for (Eigen::Index j = 0; j < pts->cols(); ++j) {
        const ImVec2 c = to_screen(q, (*pts)(0, j), (*pts)(1, j));
        dl->AddCircleFilled(c, 3.2f, IM_COL32(0, 0, 0, 200), 10);
        dl->AddCircleFilled(c, 2.4f, theme::class_u32(static_cast<int>((*cls)(0, j))), 10);
      }
    dl->PopClipRect();
    dl->AddRect(q, ImVec2(q.x + tile, q.y + tile), IM_COL32(255, 255, 255, 40));
    std::snprintf(buf, sizeof buf, "%d", k + 1);
    label(dl, ImVec2(q.x + 3, q.y + 1), IM_COL32(255, 255, 255, 160), buf);
    if (hovered(q, ImVec2(q.x + tile, q.y + tile)))
      ImGui::SetTooltip(
          tr("code unit %d: its activation at every point of the plane, from %.3f (dark) to %.3f "
             "(bright);\nwhite dots: the unlabelled source, coloured: the labelled target"),
          k + 1, lo, hi);
  }
  const int rows = (n + best_cols - 1) / best_cols;
  const float y = top + rows * (tile + 6);
  const float w = 60;
  for (int i = 0; i < 30; ++i)
    dl->AddRectFilled(ImVec2(p.x + i * w / 30, y + 3), ImVec2(p.x + (i + 1) * w / 30, y + line - 3),
                      ramp((i + 0.5f) / 30));
  label(dl, ImVec2(p.x + w + 6, y), theme::kMuted, tr("activation, low .. high (per unit)"));
}

struct Bar {
  const char* name;
  const char* help;
  double value;  ///< NaN: not yet
  ImU32 color;
};

/// Horizontal bars of fractions, value printed at the end.
float draw_bars(ImDrawList* dl, ImVec2 p, float width, const Bar* bars, int n) {
  const float line = ImGui::GetTextLineHeight();
  float name_w = 0;
  for (int i = 0; i < n; ++i) name_w = std::max(name_w, ImGui::CalcTextSize(bars[i].name).x);
  const float x0 = p.x + name_w + 8, x1 = p.x + width - ImGui::CalcTextSize("100.0%").x - 6;
  float y = p.y;
  char buf[32];
  for (int i = 0; i < n; ++i) {
    const Bar& b = bars[i];
    label(dl, ImVec2(p.x, y), theme::kAxisText, b.name);
    dl->AddRectFilled(ImVec2(x0, y + 2), ImVec2(x1, y + line - 2), IM_COL32(255, 255, 255, 14), 2);
    if (std::isfinite(b.value)) {
      const float v = static_cast<float>(std::clamp(b.value, 0.0, 1.0));
      dl->AddRectFilled(ImVec2(x0, y + 2), ImVec2(x0 + (x1 - x0) * v, y + line - 2), b.color, 2);
      std::snprintf(buf, sizeof buf, "%.1f%%", 100 * b.value);
      label(dl, ImVec2(x1 + 6, y), theme::kAxisText, buf);
    } else {
      label(dl, ImVec2(x1 + 6, y), theme::kMuted, "-");
    }
    if (hovered(ImVec2(p.x, y), ImVec2(p.x + width, y + line))) ImGui::SetTooltip("%s", b.help);
    y += line + 4;
  }
  return y - p.y;
}

constexpr ImU32 kLearned = IM_COL32(90, 200, 150, 255);
constexpr ImU32 kRaw = IM_COL32(150, 156, 170, 255);
constexpr ImU32 kRandom = IM_COL32(200, 140, 90, 255);

double value_or_nan(const ViewData& vd, const char* key) {
  return vd.value(key, std::nan(""));
}

/// Few-shot accuracy of the three feature sets, and the shots curve when reported.
void draw_accuracy(ImDrawList* dl, ImVec2 p, ImVec2 size, const ViewData& vd) {
  const float line = ImGui::GetTextLineHeight();
  char buf[96];
  std::snprintf(buf, sizeof buf, tr("Held-out accuracy, %d labels per class"),
                static_cast<int>(vd.value("shots")));
  label(dl, p, theme::kAxisText, buf);
  float y = p.y + line + 4;
  const Bar bars[3] = {
      {tr("learned"), tr("softmax on the autoencoder's features (the method)"),
       value_or_nan(vd, "learned_acc"), kLearned},
      {tr("raw"), tr("the same softmax on the raw inputs"), value_or_nan(vd, "raw_acc"), kRaw},
      {tr("untrained"), tr("the same softmax on the features of the same encoder, untrained"),
       value_or_nan(vd, "random_acc"), kRandom}};
  y += draw_bars(dl, ImVec2(p.x, y), size.x, bars, 3);
  if (!vd.values.count("learned_acc")) {
    label(dl, ImVec2(p.x, y), theme::kMuted, tr("(the classifiers train after pretraining)"));
    y += line + 4;
  }
  const Mat* curve = vd.mat("shots_curve");
  if (vd.mat("feature_map")) {
    y += 6;
    ImGui::PushClipRect(ImVec2(p.x, y), ImVec2(p.x + size.x, p.y + size.y), true);
    const char* text =
        tr("Each code unit is a soft step across the plane, placed by the autoencoder to fit the "
           "unlabelled points (white dots). The softmax adds such steps into a bent boundary; on "
           "the raw coordinates it can only draw straight lines, and with the untrained encoder's "
           "random steps it gains little.");
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p.x, y), theme::kMuted, text,
                nullptr, size.x);
    ImGui::PopClipRect();
  }
  if (!curve || curve->rows() != 4 || curve->cols() == 0) return;
  y += 6;
  label(dl, ImVec2(p.x, y), theme::kAxisText, tr("By labels per class (after training)"));
  y += line + 10;
  const float bottom = p.y + size.y - line - 2;
  const float h = bottom - y;
  if (h < 20) return;
  const int L = static_cast<int>(curve->cols());
  const float axis_w = ImGui::CalcTextSize("100%").x + 6;
  for (int t = 0; t <= 4; ++t) {
    const float gy = bottom - h * t / 4;
    dl->AddLine(ImVec2(p.x + axis_w, gy), ImVec2(p.x + size.x, gy), theme::kGrid);
    if (t % 2 == 0) {
      std::snprintf(buf, sizeof buf, "%d%%", t * 25);
      label(dl, ImVec2(p.x + axis_w - 4 - ImGui::CalcTextSize(buf).x, gy - line / 2), theme::kMuted,
            buf);
    }
  }
  const float group = (size.x - axis_w) / L, bw = std::min(14.0f, (group - 10) / 3);
  const ImU32 colors[3] = {kLearned, kRaw, kRandom};
  const char* names[3] = {tr("learned"), tr("raw"), tr("untrained")};
  for (int l = 0; l < L; ++l) {
    const float gx = p.x + axis_w + l * group + (group - 3 * bw) / 2;
    for (int i = 0; i < 3; ++i) {
      const float v = (*curve)(1 + i, l);
      const ImVec2 a(gx + i * bw, bottom - (std::isfinite(v) ? h * std::clamp(v, 0.0f, 1.0f) : 0));
      const ImVec2 b(gx + (i + 1) * bw - 1, bottom);
      if (std::isfinite(v)) dl->AddRectFilled(a, b, colors[i]);
      if (!hovered(ImVec2(a.x, bottom - h), b)) continue;
      if (std::isfinite(v))
        ImGui::SetTooltip(tr("%d per class, %s: %.1f%%"), static_cast<int>((*curve)(0, l)),
                          names[i], 100 * v);
      else
        ImGui::SetTooltip(tr("%d per class, %s: runs after training"),
                          static_cast<int>((*curve)(0, l)), names[i]);
    }
    std::snprintf(buf, sizeof buf, "%d", static_cast<int>((*curve)(0, l)));
    label(dl,
          ImVec2(p.x + axis_w + l * group + group / 2 - ImGui::CalcTextSize(buf).x / 2, bottom + 1),
          theme::kMuted, buf);
  }
}

}  // namespace

void self_taught_view(App& app, const ViewData& vd, ImVec2 size) {
  (void)app;
  const float y_start = ImGui::GetCursorScreenPos().y;
  const std::vector<std::string>* phase_text = vd.text("phase");
  const std::string phase = phase_text && !phase_text->empty() ? phase_text->front() : "";
  char buf[160];
  if (phase == "pretrain")
    std::snprintf(buf, sizeof buf,
                  tr("1. Pretraining the autoencoder on the unlabelled source: %.0f%%  (then 2. a "
                     "softmax on its features)"),
                  100 * vd.value("pretrain_progress"));
  else if (phase == "classifier")
    std::snprintf(
        buf, sizeof buf,
        tr("2. Features frozen; training the softmax on the few labelled targets: %.0f%%"),
        100 * vd.value("classifier_progress"));
  else if (phase == "curve")
    std::snprintf(buf, sizeof buf, "%s",
                  tr("3. Repeating the probe with 1, 2, 5 and 10 labels per class"));
  else
    std::snprintf(buf, sizeof buf, "%s",
                  tr("Done: the features were learned without a single label, then frozen."));
  ImGui::TextUnformatted(buf);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = std::max(40.0f, size.y - (p.y - y_start) - 2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float gap = 18;
  const Mat* filters = vd.mat("filters");
  const float acc_w = std::min(260.0f, std::max(180.0f, size.x * 0.3f));
  const float left_w = size.x - acc_w - gap;
  if (filters) {
    const int side = static_cast<int>(vd.value("filter_side"));
    const int image_side = static_cast<int>(vd.value("image_side"));
    const Mat* in = vd.mat("inputs");
    const Mat* out = vd.mat("reconstructions");
    const float fw = std::floor(left_w * 0.48f);
    draw_filters(dl, p, ImVec2(fw, h), *filters, side, static_cast<int>(vd.value("units")));
    if (in && out && image_side > 0)
      draw_reconstructions(dl, ImVec2(p.x + fw + gap, p.y), ImVec2(left_w - fw - gap, h), *in, *out,
                           image_side, vd.value("whitened") > 0);
  } else {
    draw_feature_map(dl, p, ImVec2(left_w, h), vd);
  }
  draw_accuracy(dl, ImVec2(p.x + left_w + gap, p.y), ImVec2(acc_w, h), vd);
  ImGui::Dummy(ImVec2(size.x, h));
}

}  // namespace views

TL_NAMESPACE_END

// The DANN view (ViewData kind "dann", filled by the dann scenarios): the feature space the
// extractor learns, for the source-only network (left) and the adapted one (right), each in a
// plane of its own: by default the domain direction (x: from the mean source feature to the mean
// target feature) beside the widest remaining spread, or (a toggle) the first two principal
// components. Source points are circles, target points triangles, coloured by class (or, a
// toggle, by domain); the points glide to their new places as training moves them. Beside them:
// how much of the gap to the oracle is closed, how well a domain classifier tells the domains
// apart over training (or, for coral and mmd, the alignment loss), and the schedule of the
// alignment weight with the current step marked.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/theme.h"
#include "app/views/views.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace views {

namespace {

/// Seconds over which the drawn points settle on new positions (exponential approach: 95% of
/// the way after about 0.45 s).
constexpr float kSettleTau = 0.15f;
constexpr ImU32 kText = IM_COL32(235, 238, 245, 255);
constexpr ImU32 kPanelBg = IM_COL32(20, 23, 29, 255);
constexpr ImU32 kMethodColor = IM_COL32(86, 180, 233, 255);     // theme::kAccent
constexpr ImU32 kBaselineColor = IM_COL32(160, 166, 178, 255);  // muted grey
/// Point colours when colouring by domain.
constexpr ImU32 kSourceColor = IM_COL32(120, 200, 255, 220);
constexpr ImU32 kTargetColor = IM_COL32(255, 120, 90, 220);

/// One scatter panel's animated state: the positions drawn now (in projection coordinates) and
/// the bounds shown, both easing toward the latest view data.
struct PanelAnim {
  std::vector<ImVec2> shown, goal;
  ImVec2 lo{0, 0}, hi{1, 1}, goal_lo{0, 0}, goal_hi{1, 1};
};

struct State {
  std::string key;  ///< scenario and setup version the animation belongs to
  long step = -1;
  const ViewData* data = nullptr;
  PanelAnim panels[2];
  double last_time = -1;
  bool by_domain = false;  ///< colour the points by domain instead of class
  /// Show the plane of the domain direction instead of the principal components (and which of
  /// the two the goal positions are in).
  bool domain_axes = true, goal_domain_axes = true;
};

State& state() {
  static State s;
  return s;
}

std::vector<ImVec2> points_of(const Mat* a, const Mat* b) {
  std::vector<ImVec2> out;
  for (const Mat* m : {a, b})
    if (m && m->rows() == 2)
      for (Eigen::Index j = 0; j < m->cols(); ++j) out.emplace_back((*m)(0, j), (*m)(1, j));
  return out;
}

/// Bounds around the points: the 1st to 99th percentile per axis, padded, so that one stray
/// point does not shrink the rest.
void bounds_of(const std::vector<ImVec2>& p, ImVec2& lo, ImVec2& hi) {
  if (p.empty()) {
    lo = ImVec2(-1, -1);
    hi = ImVec2(1, 1);
    return;
  }
  std::vector<float> xs, ys;
  for (const ImVec2& v : p) {
    xs.push_back(v.x);
    ys.push_back(v.y);
  }
  std::sort(xs.begin(), xs.end());
  std::sort(ys.begin(), ys.end());
  const size_t n = xs.size();
  const size_t a = n / 100, b = n - 1 - n / 100;
  lo = ImVec2(xs[a], ys[a]);
  hi = ImVec2(xs[b], ys[b]);
  const float px = 0.06f * std::max(hi.x - lo.x, 1e-4f), py = 0.06f * std::max(hi.y - lo.y, 1e-4f);
  lo = ImVec2(lo.x - px, lo.y - py);
  hi = ImVec2(hi.x + px, hi.y + py);
}

void ease(PanelAnim& p, float k) {
  auto mix = [k](ImVec2& a, const ImVec2& b) {
    a.x += (b.x - a.x) * k;
    a.y += (b.y - a.y) * k;
  };
  for (size_t i = 0; i < p.shown.size(); ++i) mix(p.shown[i], p.goal[i]);
  mix(p.lo, p.goal_lo);
  mix(p.hi, p.goal_hi);
}

/// Takes the latest view data as the animation's goal (jumping there at once on a new setup, a
/// reset or a different number of points) and eases the drawn positions toward it.
void animate(App& app, const ViewData& vd) {
  State& s = state();
  const std::string key =
      (app.snap ? app.snap->scenario : std::string()) + "#" + std::to_string(app.setup_version());
  const bool fresh = key != s.key || vd.step < s.step;
  if (&vd != s.data || vd.step != s.step || fresh || s.domain_axes != s.goal_domain_axes) {
    const std::string suffix = s.domain_axes ? "_domain_xy" : "_xy";
    const char* models[2] = {"source_only", "method"};
    for (int k = 0; k < 2; ++k) {
      PanelAnim& p = s.panels[k];
      const std::string m = models[k];
      p.goal = points_of(vd.mat(m + "_source" + suffix), vd.mat(m + "_target" + suffix));
      bounds_of(p.goal, p.goal_lo, p.goal_hi);
      if (fresh || p.shown.size() != p.goal.size()) {
        p.shown = p.goal;
        p.lo = p.goal_lo;
        p.hi = p.goal_hi;
      }
    }
    s.key = key;
    s.step = vd.step;
    s.data = &vd;
    s.goal_domain_axes = s.domain_axes;
  }
  const double now = now_seconds();  // wall clock: ImGui's time steps by frames
  const float dt = s.last_time < 0 ? 0.0f : static_cast<float>(now - s.last_time);
  s.last_time = now;
  const float k = 1.0f - std::exp(-std::min(dt, 1.0f) / kSettleTau);
  for (PanelAnim& p : s.panels) ease(p, k);
}

std::string percent(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.0f%%", 100 * v);
  return buf;
}

void text_at(ImDrawList* dl, ImVec2 p, ImU32 col, const char* text, ImFont* font = nullptr) {
  if (font)
    dl->AddText(font, font->FontSize, p, col, text);
  else
    dl->AddText(p, col, text);
}

/// Wrapped text in a column of `width` at `p`.
void wrapped_at(ImVec2 p, float width, ImU32 col, const char* text) {
  ImGui::SetCursorScreenPos(p);
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + width);  // window-local, like the cursor
  ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(col));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
}

/// Height of `text` wrapped at `width`.
float wrapped_height(const char* text, float width) {
  return ImGui::CalcTextSize(text, nullptr, false, width).y;
}

/// The scatter of one network's features in [a, b].
void scatter(App& app, const char* id, const PanelAnim& p, const ViewData& vd, bool by_domain,
             bool domain_axes, ImVec2 a, ImVec2 b) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, kPanelBg, 6.0f);
  ImGui::SetCursorScreenPos(a);
  ImGui::InvisibleButton(id, ImVec2(b.x - a.x, b.y - a.y));
  app.mark(id);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s",
                      tr("Each mark is a held-out point, placed by what the network's last hidden "
                         "layer\ncomputes for it (its features), seen in a plane of that feature "
                         "space (the axes\ntoggle below: the widest spread, or the direction from "
                         "source to target).\nCircles: source points; triangles: target points; "
                         "colour: the true class or the\ndomain (the toggle below)."));
  const Mat* ys = vd.mat("source_labels");
  const Mat* yt = vd.mat("target_labels");
  const size_t ns = ys ? static_cast<size_t>(ys->cols()) : 0;
  // Principal components: the same scale on both axes, centred, so that distances in the picture
  // are distances in the plane. Domain direction: each axis fills the panel, so that a shift
  // between the domains along x shows however wide the spread along y is.
  const float pad = 10;
  const float w = b.x - a.x - 2 * pad, h = b.y - a.y - 2 * pad - (domain_axes ? 16 : 0);
  const float dx = std::max(p.hi.x - p.lo.x, 1e-6f), dy = std::max(p.hi.y - p.lo.y, 1e-6f);
  const float scale = std::min(w / dx, h / dy);
  const float scale_x = domain_axes ? w / dx : scale, scale_y = domain_axes ? h / dy : scale;
  const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f - (domain_axes ? 8 : 0));
  const ImVec2 m((p.lo.x + p.hi.x) * 0.5f, (p.lo.y + p.hi.y) * 0.5f);
  auto to_screen = [&](ImVec2 v) {
    return ImVec2(c.x + (v.x - m.x) * scale_x, c.y - (v.y - m.y) * scale_y);
  };
  const float r = std::clamp(std::min(w, h) / 55.0f, 3.0f, 5.0f);
  dl->PushClipRect(a, b, true);
  // Interleave the two domains so that neither covers the other wholesale.
  const size_t nt = p.shown.size() > ns ? p.shown.size() - ns : 0;
  const size_t n = std::max(ns, nt);
  for (size_t i = 0; i < n; ++i)
    for (int domain = 0; domain < 2; ++domain) {
      const size_t count = domain == 0 ? ns : nt;
      if (i >= count) continue;
      const size_t idx = domain == 0 ? i : ns + i;
      if (idx >= p.shown.size()) continue;
      const Mat* labels = domain == 0 ? ys : yt;
      const int y = labels && static_cast<Eigen::Index>(i) < labels->cols()
                        ? static_cast<int>((*labels)(0, static_cast<Eigen::Index>(i)))
                        : -1;
      const ImU32 col = by_domain ? (domain == 0 ? kSourceColor : kTargetColor)
                        : y >= 0  ? theme::class_u32(y, 0.85f)
                                  : theme::unlabelled_u32(0.85f);
      widgets::marker(dl, to_screen(p.shown[idx]), domain == 0 ? r : r * 1.2f, domain, col, false);
    }
  if (domain_axes) {
    const char* hint = tr("source side  <-  x  ->  target side");
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    text_at(dl, ImVec2((a.x + b.x - ts.x) * 0.5f, b.y - ts.y - 3), theme::kMuted, hint);
  }
  dl->PopClipRect();
}

/// A small chart over the run's steps [0, total]: polylines, an optional dashed level, a marker
/// at the current step. Returns nothing; draws into [a, b].
struct Line {
  std::vector<double> x, y;
  ImU32 color;
  const char* label;
  bool smooth = false;  ///< draw faintly, with a moving average over it
};

/// Centred moving average over +-`half` entries (NaN skipped).
std::vector<double> moving_average(const std::vector<double>& y, int half) {
  std::vector<double> out(y.size(), NAN);
  for (size_t i = 0; i < y.size(); ++i) {
    double sum = 0;
    int n = 0;
    const size_t lo = i >= static_cast<size_t>(half) ? i - half : 0;
    const size_t hi = std::min(y.size() - 1, i + half);
    for (size_t j = lo; j <= hi; ++j)
      if (std::isfinite(y[j])) {
        sum += y[j];
        ++n;
      }
    if (n > 0 && std::isfinite(y[i])) out[i] = sum / n;
  }
  return out;
}

void chart(const char* title, const std::vector<Line>& lines, double total, double y0, double y1,
           double level, const char* level_label, double marker_x, ImVec2 a, ImVec2 b,
           bool percent_axis) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  dl->AddRectFilled(a, b, kPanelBg, 6.0f);
  dl->PushClipRect(a, b, true);
  text_at(dl, ImVec2(a.x + 8, a.y + 4), theme::kAxisText, title);
  // Legend right-aligned on the title's row, or on a row of its own when it does not fit there.
  float legend_w = 0;
  for (const Line& l : lines)
    if (l.label) legend_w += ImGui::CalcTextSize(l.label).x + 14;
  const bool own_row = 8 + ImGui::CalcTextSize(title).x + 16 + legend_w > b.x - a.x;
  const float ly = own_row ? a.y + 4 + lh : a.y + 4;
  float lx = b.x - 8;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (!it->label) continue;
    lx -= ImGui::CalcTextSize(it->label).x;
    text_at(dl, ImVec2(lx, ly), it->color, it->label);
    dl->AddLine(ImVec2(lx - 11, ly + lh * 0.55f), ImVec2(lx - 3, ly + lh * 0.55f), it->color, 2);
    lx -= 14;
  }
  dl->PopClipRect();
  const float left = 40, right = 10, top = (own_row ? 2 * lh : lh) + 10, bottom = lh + 6;
  const ImVec2 pa(a.x + left, a.y + top), pb(b.x - right, b.y - bottom);
  if (pb.x <= pa.x + 10 || pb.y <= pa.y + 10) return;
  if (!(y1 > y0)) y1 = y0 + 1;
  total = std::max(total, 1.0);
  auto sx = [&](double x) { return static_cast<float>(pa.x + x / total * (pb.x - pa.x)); };
  auto sy = [&](double y) {
    const double t = std::clamp((y - y0) / (y1 - y0), -0.05, 1.05);
    return static_cast<float>(pb.y - t * (pb.y - pa.y));
  };
  char buf[32];
  for (double y : {y0, y1}) {
    if (percent_axis)
      std::snprintf(buf, sizeof(buf), "%.0f%%", 100 * y);
    else
      std::snprintf(buf, sizeof(buf), "%.3g", y);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(pa.x - ts.x - 5, sy(y) - ts.y * 0.5f), theme::kAxisText, buf);
    dl->AddLine(ImVec2(pa.x, sy(y)), ImVec2(pb.x, sy(y)), theme::kGrid);
  }
  dl->AddLine(ImVec2(pa.x, pb.y), ImVec2(pb.x, pb.y), IM_COL32(255, 255, 255, 60));
  text_at(dl, ImVec2(pa.x, pb.y + 2), theme::kAxisText, tr("step 0"));
  std::snprintf(buf, sizeof(buf), "%.0f", total);
  text_at(dl, ImVec2(pb.x - ImGui::CalcTextSize(buf).x, pb.y + 2), theme::kAxisText, buf);
  if (std::isfinite(level)) {
    const float py = sy(level);
    for (float x = pa.x; x < pb.x; x += 8)
      dl->AddLine(ImVec2(x, py), ImVec2(std::min(x + 4, pb.x), py), IM_COL32(255, 255, 255, 120),
                  1.5f);
    if (level_label) {
      const ImVec2 ts = ImGui::CalcTextSize(level_label);
      text_at(dl, ImVec2(pb.x - ts.x - 2, py + 1), theme::kMuted, level_label);
    }
  }
  dl->PushClipRect(ImVec2(pa.x - 4, pa.y - 4), ImVec2(pb.x + 4, pb.y + 4), true);
  auto polyline = [&](const std::vector<double>& x, const std::vector<double>& y, ImU32 col,
                      float thickness) {
    std::vector<ImVec2> pts;
    for (size_t i = 0; i < std::min(x.size(), y.size()); ++i)
      if (std::isfinite(y[i])) pts.emplace_back(sx(x[i]), sy(y[i]));
    if (pts.size() >= 2)
      dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, thickness);
    return pts.empty() ? ImVec2(NAN, NAN) : pts.back();
  };
  for (const Line& l : lines) {
    ImVec2 end;
    if (l.smooth) {
      polyline(l.x, l.y, (l.color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 70), 1.0f);
      end = polyline(l.x, moving_average(l.y, 4), l.color, 2.0f);
    } else {
      end = polyline(l.x, l.y, l.color, 2.0f);
    }
    if (std::isfinite(end.x)) dl->AddCircleFilled(end, 3.5f, l.color);
  }
  if (std::isfinite(marker_x)) {
    const float px = sx(std::clamp(marker_x, 0.0, total));
    dl->AddLine(ImVec2(px, pa.y), ImVec2(px, pb.y), IM_COL32(255, 255, 255, 70), 1.0f);
  }
  dl->PopClipRect();
}

/// The history column `name` of the snapshot as (steps, values).
Line history_line(const App& app, const char* name, ImU32 color, const char* label) {
  Line l{{}, {}, color, label};
  if (!app.snap || !app.snap->history) return l;
  const History& h = *app.snap->history;
  for (size_t c = 0; c < h.names.size(); ++c)
    if (h.names[c] == name) {
      for (size_t i = 0; i < h.steps.size() && i < h.values[c].size(); ++i) {
        l.x.push_back(static_cast<double>(h.steps[i]));
        l.y.push_back(h.values[c][i]);
      }
    }
  return l;
}

}  // namespace

void dann_view(App& app, const ViewData& vd, ImVec2 size) {
  animate(app, vd);
  const State& s = state();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float lh = ImGui::GetTextLineHeight();
  const float gap = 12;

  const std::vector<std::string>* align_text = vd.text("align");
  const std::string align = align_text && !align_text->empty() ? align_text->front() : "dann";
  const bool statistical = align == "coral" || align == "mmd";
  const std::string method = align == "coral" ? "CORAL" : align == "mmd" ? "MMD" : "DANN";
  const double domain_acc = vd.value("domain_acc", NAN);
  const double base_domain_acc = vd.value("source_only_domain_acc", NAN);

  // Columns: two scatter panels, then the figures and charts.
  const float side_w = std::clamp(size.x * 0.32f, 230.0f, 440.0f);
  const float panel_w = std::max(120.0f, (size.x - side_w - 2 * gap) * 0.5f);

  struct PanelText {
    const char* id;
    std::string title;
    ImU32 color;
    double dacc;
    std::string caption;
  };
  std::string base_caption = tr("Features of the source-only network: the domains stay apart");
  if (std::isfinite(base_domain_acc) && base_domain_acc < 0.65)
    base_caption = tr("Features of the source-only network: here the domains overlap already");
  std::string method_caption;
  if (!statistical) {
    method_caption = std::isfinite(domain_acc) && domain_acc < 0.65
                         ? tr("DANN: the domain classifier can no longer tell them apart")
                         : tr("DANN: the features are pushed to hide which domain a point is from");
  } else {
    char buf[200];
    std::snprintf(buf, sizeof(buf),
                  align == "coral"
                      ? tr("%s: the features' covariances are matched across domains")
                      : tr("%s: the features' distributions are matched (kernel mean embeddings)"),
                  method.c_str());
    method_caption = buf;
  }
  const PanelText texts[2] = {
      {"dann_source_only_panel", tr("source only"), kBaselineColor, base_domain_acc, base_caption},
      {"dann_method_panel", method, kMethodColor, domain_acc, method_caption}};

  const float title_h = lh + 6;
  const float caption_h = std::max(wrapped_height(texts[0].caption.c_str(), panel_w),
                                   wrapped_height(texts[1].caption.c_str(), panel_w)) +
                          6;
  const float legend_h = lh + 4;
  const float plot_h = std::max(80.0f, size.y - title_h - caption_h - legend_h - 4);

  for (int k = 0; k < 2; ++k) {
    const PanelText& t = texts[k];
    const ImVec2 a(o.x + k * (panel_w + gap), o.y);
    text_at(dl, a, t.color, t.title.c_str(), theme::bold());
    char dacc_buf[64];
    std::snprintf(dacc_buf, sizeof(dacc_buf), tr("domain acc. %s"), percent(t.dacc).c_str());
    const std::string dacc = dacc_buf;
    const float dw = ImGui::CalcTextSize(dacc.c_str()).x;
    text_at(dl, ImVec2(a.x + panel_w - dw, a.y), theme::kAxisText, dacc.c_str());
    const ImVec2 pa(a.x, a.y + title_h), pb(a.x + panel_w, a.y + title_h + plot_h);
    scatter(app, t.id, s.panels[k], vd, s.by_domain, s.domain_axes, pa, pb);
    wrapped_at(ImVec2(a.x, pb.y + 4), panel_w, kText, t.caption.c_str());
  }
  // Legend under the panels: shapes are domains; colours are classes or domains (a toggle).
  {
    State& st = state();
    float x = o.x;
    const float y = o.y + title_h + plot_h + caption_h + 2;
    const float cy = y + lh * 0.55f;
    const float right = o.x + 2 * panel_w + gap;
    const ImU32 shape_col[2] = {st.by_domain ? kSourceColor : theme::kMuted,
                                st.by_domain ? kTargetColor : theme::kMuted};
    widgets::marker(dl, ImVec2(x + 5, cy), 4.5f, 0, shape_col[0], false);
    text_at(dl, ImVec2(x + 14, y), theme::kAxisText, tr("source"));
    x += 14 + ImGui::CalcTextSize(tr("source")).x + 12;
    widgets::marker(dl, ImVec2(x + 5, cy), 5.0f, 1, shape_col[1], false);
    text_at(dl, ImVec2(x + 14, y), theme::kAxisText, tr("target"));
    x += 14 + ImGui::CalcTextSize(tr("target")).x + 16;
    text_at(dl, ImVec2(x, y), theme::kAxisText, tr("colour:"));
    x += ImGui::CalcTextSize(tr("colour:")).x + 6;
    // The button shows `text`; its ImGui id is the mark name (the same in every language).
    auto toggle = [&](const char* text, const char* mark, bool selected) {
      const std::string label = std::string(text) + "###" + mark;
      ImGui::SetCursorScreenPos(ImVec2(x, y - 1));
      ImGui::PushStyleColor(ImGuiCol_Button, selected ? theme::to_vec4(IM_COL32(50, 90, 130, 255))
                                                      : theme::to_vec4(IM_COL32(40, 44, 52, 255)));
      const bool pressed = ImGui::SmallButton(label.c_str());
      ImGui::PopStyleColor();
      app.mark(mark);
      x = ImGui::GetItemRectMax().x + 4;
      return pressed;
    };
    if (toggle(tr("class"), "dann_colour_class", !st.by_domain)) st.by_domain = false;
    if (toggle(tr("domain"), "dann_colour_domain", st.by_domain)) st.by_domain = true;
    x += 12;
    text_at(dl, ImVec2(x, y), theme::kAxisText, tr("axes:"));
    x += ImGui::CalcTextSize(tr("axes:")).x + 6;
    if (toggle(tr("spread"), "dann_axes_pca", !st.domain_axes)) st.domain_axes = false;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "%s", tr("Axes: the features' two directions of widest spread (principal components)."));
    if (toggle(tr("domain"), "dann_axes_domain", st.domain_axes)) st.domain_axes = true;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "%s", tr("Axes: x the direction from the mean source feature to the mean target "
                   "feature\n(found on training points), y the widest spread beside it; each axis "
                   "stretched to\nfill the panel. Domains that lie apart sit side by side."));
    x += 8;
    if (!st.by_domain) {
      const std::vector<std::string>* names = vd.text("class_names");
      const int classes = std::clamp(static_cast<int>(vd.value("num_classes", 2)), 1, 12);
      for (int c = 0; c < classes; ++c) {
        char buf[16];
        std::snprintf(buf, sizeof(buf), "%d", c);
        const std::string name =
            names && c < static_cast<int>(names->size()) && !(*names)[c].empty() ? tr((*names)[c])
                                                                                 : std::string(buf);
        const char* label = name.c_str();
        const float w = 11 + ImGui::CalcTextSize(label).x + 6;
        if (x + w > right) break;
        dl->AddCircleFilled(ImVec2(x + 4, cy), 4.0f, theme::class_u32(c));
        text_at(dl, ImVec2(x + 10, y), theme::kAxisText, label);
        x += w;
      }
    }
  }

  // Side column: the gap closed, then the domain chart, then the schedule.
  const float sx = o.x + 2 * (panel_w + gap);
  const float sw = std::max(100.0f, size.x - (sx - o.x));
  float fig_h = 0;
  {
    text_at(dl, ImVec2(sx, o.y), theme::kAxisText, tr("gap closed"));
    ImFont* big = theme::big();
    const std::string gs = percent(vd.value("gap_closed", NAN));
    text_at(dl, ImVec2(sx, o.y + lh), kText, gs.c_str(), big);
    const float fig_w = big->CalcTextSizeA(big->FontSize, 1e9f, 0, gs.c_str()).x;
    char acc_buf[200];
    std::snprintf(acc_buf, sizeof(acc_buf),
                  tr("accuracy on the target: %s %s, source only %s, oracle %s"), method.c_str(),
                  percent(vd.value("target_acc", NAN)).c_str(),
                  percent(vd.value("source_only_target_acc", NAN)).c_str(),
                  percent(vd.value("oracle_target_acc", NAN)).c_str());
    const std::string acc = acc_buf;
    const float tx = sx + std::max(fig_w, ImGui::CalcTextSize(tr("gap closed")).x) + 14;
    const float tw = std::max(60.0f, sx + sw - tx);
    wrapped_at(ImVec2(tx, o.y + 2), tw, theme::kAxisText, acc.c_str());
    fig_h = std::max(lh + big->FontSize, wrapped_height(acc.c_str(), tw)) + 10;
    ImGui::SetCursorScreenPos(ImVec2(sx, o.y));
    ImGui::InvisibleButton("##gap", ImVec2(sw, fig_h - 6));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          tr("How much of the way from the source-only network's target accuracy to the\noracle's "
             "(trained on the target's labels) the adaptation goes: 0%% no better,\n100%% as good "
             "as the oracle."));
  }
  const float charts_h = size.y - fig_h;
  const float dom_h = std::max(60.0f, charts_h * 0.58f);
  const float sched_h = std::max(50.0f, charts_h - dom_h - 8);
  const double total = vd.value("total_steps", 1);
  const double step = static_cast<double>(vd.step);
  {
    const ImVec2 a(sx, o.y + fig_h), b(sx + sw, o.y + fig_h + dom_h);
    if (!statistical) {
      std::vector<Line> lines = {
          history_line(app, "source_only_domain_acc", kBaselineColor, tr("source only")),
          history_line(app, "domain_acc", kMethodColor, method.c_str())};
      for (Line& l : lines) l.smooth = true;
      double lo = 0.4;
      for (const Line& l : lines)
        for (double v : l.y)
          if (std::isfinite(v)) lo = std::min(lo, std::floor(v * 10) / 10);
      chart(tr("domain classifier accuracy"), lines, total, lo, 1.0, 0.5, tr("chance 50%"), step, a,
            b, true);
    } else {
      Line m{{}, {}, kMethodColor, method.c_str()}, so{{}, {}, kBaselineColor, tr("source only")};
      double hi = 0;
      if (const Mat* trace = vd.mat("align_trace"); trace && trace->rows() == 3)
        for (Eigen::Index j = 0; j < trace->cols(); ++j) {
          m.x.push_back((*trace)(0, j));
          so.x.push_back((*trace)(0, j));
          m.y.push_back((*trace)(1, j));
          so.y.push_back((*trace)(2, j));
          for (double v : {m.y.back(), so.y.back()})
            if (std::isfinite(v)) hi = std::max(hi, v);
        }
      char title[96];
      std::snprintf(title, sizeof(title), tr("%s between the domains"), method.c_str());
      chart(title, {so, m}, total, 0.0, hi > 0 ? hi * 1.05 : 1.0, NAN, nullptr, step, a, b, false);
    }
    ImGui::SetCursorScreenPos(a);
    ImGui::InvisibleButton("##domain_chart", ImVec2(b.x - a.x, b.y - a.y));
    app.mark("dann_domain_chart");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          statistical
              ? tr("The alignment loss between the source and target features (0: matched).")
              : tr("A small classifier tries to tell source from target by the features.\nDANN "
                   "trains the network to fool it: its accuracy falls toward 50%%."));
  }
  {
    const ImVec2 a(sx, o.y + fig_h + dom_h + 8), b(sx + sw, o.y + fig_h + dom_h + 8 + sched_h);
    Line l{{}, {}, theme::kWarn, nullptr};
    double hi = 0;
    if (const Mat* sc = vd.mat("lambda_schedule"); sc && sc->rows() == 2)
      for (Eigen::Index j = 0; j < sc->cols(); ++j) {
        l.x.push_back((*sc)(0, j));
        l.y.push_back((*sc)(1, j));
        hi = std::max(hi, static_cast<double>((*sc)(1, j)));
      }
    // The schedule up to now, drawn over the whole schedule in a fainter colour.
    Line done{{}, {}, theme::kWarn, nullptr};
    l.color = IM_COL32(240, 180, 70, 90);
    for (size_t i = 0; i < l.x.size() && l.x[i] <= step; ++i) {
      done.x.push_back(l.x[i]);
      done.y.push_back(l.y[i]);
    }
    const double lam = vd.value("lambda", NAN);
    if (std::isfinite(lam)) {
      done.x.push_back(step);
      done.y.push_back(lam);
    }
    char title[96];
    std::snprintf(
        title, sizeof(title),
        statistical ? tr("loss weight, now %.3g") : tr("adversary weight lambda, now %.3g"), lam);
    chart(title, {l, done}, total, 0.0, hi > 0 ? hi : 1.0, NAN, nullptr, step, a, b, false);
    ImGui::SetCursorScreenPos(a);
    ImGui::InvisibleButton("##schedule", ImVec2(b.x - a.x, b.y - a.y));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "%s",
          tr("The weight of the domain term grows from 0 over training (2/(1+exp(-10p)) - 1),\nso "
             "the features first learn the classes, then are pushed to hide the domain."));
  }
  ImGui::SetCursorScreenPos(o);
  ImGui::Dummy(size);
}

}  // namespace views

TL_NAMESPACE_END

// Keyboard use of the page (keyboard_nav.h): Tab through every control across the panels, F6
// between panels, the canvas keys, F2 for the Performance overlay and the focus ring.
#include "app/keyboard_nav.h"

#include <algorithm>
#include <vector>

#include "app/app.h"
#include "app/theme.h"
#include "imgui_internal.h"

TL_NAMESPACE_BEGIN

namespace keyboard {

namespace {

constexpr int kKeysPlus[] = {187, 107, 61};    // '=' / '+', keypad +, Firefox '='
constexpr int kKeysMinus[] = {189, 109, 173};  // '-', keypad -, Firefox '-'
constexpr int kKeyF2 = 113;                    // shows or hides the Performance overlay
/// Tab lands on at most this many disabled controls in a row before it stops skipping.
constexpr int kMaxSkips = 64;

struct NavState {
  int tab_dir = 0;           // the Tab request made this frame: +1 / -1, 0 none
  ImGuiID tab_from = 0;      // the control it starts from (0: the panel's first / last)
  int repeat_dir = 0;        // Tab landed on a disabled control: go on next frame
  int skips = 0;             // disabled controls skipped in a row
  std::string enter;         // a panel to focus next frame
  int enter_dir = 0;         // +1 its first control, -1 its last, 0 the one it had
  int enter_tries = 0;       // panels without a control skipped in a row
  std::string before_help;   // the panel focused when the help opened
  bool uses_escape = false;  // page_uses_escape()
};

NavState& st() {
  static NavState s;
  return s;
}

/// The window of a panel named `name`: by that name, or by an ID of its own after "###" when
/// its visible title is translated ("标题###How to use TransferLab").
ImGuiWindow* find_window(const char* name) {
  if (ImGuiWindow* w = ImGui::FindWindowByName(name)) return w;
  return ImGui::FindWindowByName(("###" + std::string(name)).c_str());
}

/// A window's name as the tests know it: the part after "###" where it has one.
std::string panel_name(const ImGuiWindow* w) {
  const std::string name = w->Name;
  const size_t id = name.find("###");
  return id == std::string::npos ? name : name.substr(id + 3);
}

bool pressed(int key) {
  return ImGui::IsKeyPressed(key, true);
}

/// The panels shown (this frame once the windows ran, else last frame), in F6 order.
std::vector<ImGuiWindow*> panels(const App& app, bool this_frame) {
  static const char* const kOrder[] = {kTopBar,     kLeft,  kCanvasTools, kDataBanner, kCanvas,
                                       kMethodView, kRight, kHome,        kHelp};
  std::vector<ImGuiWindow*> out;
  for (const char* name : kOrder) {
    if (app.show_home && std::string(name) == kCanvas) continue;  // under the home grid
    ImGuiWindow* w = find_window(name);
    if (w && (this_frame ? w->Active : w->WasActive) && !w->Hidden) out.push_back(w);
  }
  return out;
}

/// The panel `step` places after (before) the focused one; the first (last) when none is.
ImGuiWindow* neighbour(const std::vector<ImGuiWindow*>& list, int step) {
  if (list.empty()) return nullptr;
  const ImGuiContext& g = *GImGui;
  const ImGuiWindow* root = g.NavWindow ? g.NavWindow->RootWindow : nullptr;
  const auto it = std::find(list.begin(), list.end(), root);
  const int n = static_cast<int>(list.size());
  if (it == list.end()) return step > 0 ? list.front() : list.back();
  const int i = static_cast<int>(it - list.begin());
  return list[static_cast<size_t>(((i + step) % n + n) % n)];
}

/// A tabbing request over every control of the focused panel (ImGui scores them as this frame's
/// windows submit them; end_frame() reads the result).
void submit_tab(int dir, bool from_start) {
  ImGuiContext& g = *GImGui;
  NavState& s = st();
  if (from_start) g.NavId = 0;
  ImGui::NavMoveRequestSubmit(
      ImGuiDir_None, dir < 0 ? ImGuiDir_Up : ImGuiDir_Down,
      ImGuiNavMoveFlags_Tabbing | ImGuiNavMoveFlags_FocusApi,
      ImGuiScrollFlags_KeepVisibleEdgeX | ImGuiScrollFlags_KeepVisibleEdgeY);
  g.NavTabbingDir = dir;
  g.NavTabbingResultFirst.Clear();
  g.NavTabbingCounter = -1;
  s.tab_dir = dir;
  s.tab_from = g.NavId;
}

/// Focuses a panel now: its first (dir > 0) or last (dir < 0) control, or the one it had (0).
void enter_panel(ImGuiWindow* w, int dir) {
  ImGuiContext& g = *GImGui;
  ImGui::FocusWindow(w);
  g.NavDisableHighlight = false;
  g.NavDisableMouseHover = true;
  if (dir != 0 || g.NavId == 0) submit_tab(dir != 0 ? dir : 1, true);
}

/// The canvas keys: arrows pan, + and - zoom about the centre, Enter adds a point there.
void canvas_keys(App& app) {
  Canvas& c = app.canvas;
  CanvasView& v = c.view;
  if (v.scale <= 0) return;
  const ImGuiIO& io = ImGui::GetIO();
  const double step = 40.0 / v.scale * (io.KeyShift ? 4.0 : 1.0);
  bool moved = false;
  if (pressed(kKeyLeft)) v.cx -= step, moved = true;
  if (pressed(kKeyRight)) v.cx += step, moved = true;
  if (pressed(kKeyUp)) v.cy += step, moved = true;
  if (pressed(kKeyDown)) v.cy -= step, moved = true;
  const ImVec2 centre((v.min.x + v.max.x) * 0.5f, (v.min.y + v.max.y) * 0.5f);
  for (int k : kKeysPlus)
    if (pressed(k)) v.zoom_at(centre, 1.25), moved = true;
  for (int k : kKeysMinus)
    if (pressed(k)) v.zoom_at(centre, 1.0 / 1.25), moved = true;
  if (moved) {
    c.has_view = true;
    app.view_changed();
  }
  if (pressed(kKeyEnter)) {
    CanvasContext ctx = app.canvas_context();
    if (ctx.can_sketch()) {
      app.begin_sketch_edit();
      app.sketch.add(v.cx, v.cy, c.brush_class, app.accepts_target() ? c.brush_domain : 0);
      app.data_changed(false);
    }
  }
}

/// The ring around the focused control: a wide light band with a dark edge, on every surface.
void draw_ring() {
  const ImGuiContext& g = *GImGui;
  if (!g.NavWindow || g.NavId == 0 || g.NavDisableHighlight || !g.NavIdIsAlive) return;
  ImGuiWindow* w = g.NavWindow;
  ImRect r = ImGui::WindowRectRelToAbs(w, w->NavRectRel[g.NavLayer]);
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  // Large targets (the canvas) get the ring inside their edge.
  const bool large = r.GetWidth() > d.x * 0.3f && r.GetHeight() > d.y * 0.3f;
  r.Expand(large ? -3.0f : 3.0f);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  ImRect clip = w->RootWindow->OuterRectClipped;
  clip.Expand(5.0f);
  dl->PushClipRect(clip.Min, clip.Max, false);
  const float rounding = std::min(6.0f, r.GetHeight() * 0.3f);
  dl->AddRect(ImVec2(r.Min.x - 1.5f, r.Min.y - 1.5f), ImVec2(r.Max.x + 1.5f, r.Max.y + 1.5f),
              IM_COL32(0, 0, 0, 230), rounding + 1.5f, 0, 2.0f);
  dl->AddRect(r.Min, r.Max, theme::kFocusRing, rounding, 0, 2.5f);
  if (w->RootWindow->Name == std::string(kCanvas)) {
    // The centre cross, where Enter adds a point.
    const ImRect wr = w->Rect();
    const ImVec2 c((wr.Min.x + wr.Max.x) * 0.5f, (wr.Min.y + wr.Max.y) * 0.5f);
    for (const ImU32 col : {IM_COL32(0, 0, 0, 230), theme::kFocusRing}) {
      const float t = col == theme::kFocusRing ? 2.0f : 4.0f;
      dl->AddLine(ImVec2(c.x - 10, c.y), ImVec2(c.x + 10, c.y), col, t);
      dl->AddLine(ImVec2(c.x, c.y - 10), ImVec2(c.x, c.y + 10), col, t);
    }
  }
  dl->PopClipRect();
}

}  // namespace

void focus_window_next_frame(const char* name) {
  st().enter = name;
  st().enter_dir = 0;
}

bool page_uses_escape() {
  return st().uses_escape;
}

void begin_frame(App& app) {
  ImGuiContext& g = *GImGui;
  const ImGuiIO& io = ImGui::GetIO();
  NavState& s = st();
  s.tab_dir = 0;
  s.uses_escape = g.OpenPopupStack.Size > 0 || io.WantTextInput || g.ActiveId != 0 || app.show_help;
  if (g.NavWindowingTarget) return;  // ImGui's Ctrl+Tab window switcher is open
  if (ImGui::IsKeyPressed(kKeyF2, false) && !io.KeyCtrl && !io.KeyAlt)
    app.show_perf = !app.show_perf;

  if (g.NavWindow && g.NavWindow->RootWindow != find_window(kHelp))
    s.before_help = g.NavWindow->RootWindow->Name;
  if (app.show_help && pressed(kKeyEscape) && g.OpenPopupStack.Size == 0 && !io.WantTextInput) {
    app.show_help = false;
    focus_window_next_frame(s.before_help.empty() ? kTopBar : s.before_help.c_str());
    return;
  }

  const std::vector<ImGuiWindow*> list = panels(app, false);
  if (!s.enter.empty()) {
    ImGuiWindow* w = ImGui::FindWindowByName(s.enter.c_str());
    const int dir = s.enter_dir;
    s.enter.clear();
    if (w && w->WasActive) {
      enter_panel(w, dir);
      return;
    }
  }
  const bool typing = io.WantTextInput && g.ActiveId != 0;
  const bool on_canvas = g.NavWindow && g.NavWindow->RootWindow->Name == std::string(kCanvas);
  // Enter presses the focused control as Space does (ImGui 1.86 gives Enter only to text
  // fields and sliders, which still take it as "type a value").
  if (ImGui::IsKeyPressed(kKeyEnter, false) && !typing && g.ActiveId == 0 && g.NavId != 0 &&
      !g.NavDisableHighlight && !on_canvas && !io.KeyCtrl && !io.KeyAlt)
    g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavId;
  if (pressed(kKeyF6) && !io.KeyCtrl && !io.KeyAlt) {
    if (ImGuiWindow* w = neighbour(list, io.KeyShift ? -1 : 1)) {
      s.enter_tries = 0;
      enter_panel(w, 1);
    }
    return;
  }
  if (pressed(kKeyTab) && !io.KeyCtrl && !io.KeyAlt) {
    s.skips = 0;
    s.enter_tries = 0;
    const int dir = io.KeyShift ? -1 : 1;
    if (!g.NavWindow) {
      if (ImGuiWindow* w = neighbour(list, dir)) enter_panel(w, dir);
    } else {
      g.NavDisableHighlight = false;
      submit_tab(dir, false);
    }
    return;
  }
  if (s.repeat_dir != 0 && g.NavWindow) {
    const int dir = s.repeat_dir;
    s.repeat_dir = 0;
    submit_tab(dir, false);
    return;
  }
  if (!typing && on_canvas && !io.KeyCtrl && !app.show_home) canvas_keys(app);
}

void end_frame(App& app) {
  ImGuiContext& g = *GImGui;
  NavState& s = st();
  if (s.tab_dir != 0 && g.NavMoveSubmitted && (g.NavMoveFlags & ImGuiNavMoveFlags_FocusApi) &&
      g.NavWindow) {
    const int dir = s.tab_dir;
    const bool from_seen = s.tab_from != 0 && g.NavIdIsAlive;
    ImGuiNavItemData result;
    bool at_end = false;
    if (!g.NavMoveScoringItems)
      result = g.NavMoveResultLocal;  // the control after (before) the focused one
    else if (!from_seen)
      result = dir > 0 ? g.NavTabbingResultFirst : g.NavMoveResultLocal;  // the first (last)
    else
      at_end = true;  // past the panel's last (first) control
    if (at_end || result.ID == 0) {
      ImGui::NavMoveRequestCancel();
      // The next panel with a control (an empty one is skipped, each at most once).
      const std::vector<ImGuiWindow*> list = panels(app, true);
      if (ImGuiWindow* w = neighbour(list, dir);
          w && s.enter_tries < static_cast<int>(list.size())) {
        ++s.enter_tries;
        s.enter = w->Name;
        s.enter_dir = dir;
      }
    } else {
      s.enter_tries = 0;
      g.NavMoveResultLocal = result;
      g.NavMoveResultOther.Clear();
      g.NavMoveResultLocalVisible.Clear();
      g.NavMoveScoringItems = false;
      // Focus the control without entering its text field (Enter does that).
      g.NavMoveFlags &= ~(ImGuiNavMoveFlags_Tabbing | ImGuiNavMoveFlags_DontSetNavHighlight);
      const bool skip = (result.InFlags & (ImGuiItemFlags_Disabled | ImGuiItemFlags_NoNav)) != 0;
      if (skip && s.skips < kMaxSkips) {
        ++s.skips;
        s.repeat_dir = dir;
      } else {
        s.skips = 0;
      }
    }
  }
  draw_ring();
}

Focus current_focus(const std::map<std::string, ImVec4>& marks) {
  Focus f;
  const ImGuiContext& g = *GImGui;
  if (!g.NavWindow) return f;
  f.window = panel_name(g.NavWindow->RootWindow);
  if (g.NavId == 0) return f;
  f.visible = !g.NavDisableHighlight;
  ImGuiWindow* w = g.NavWindow;
  const ImRect r = ImGui::WindowRectRelToAbs(w, w->NavRectRel[g.NavLayer]);
  f.rect = ImVec4(r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight());
  // The mark that covers the same rectangle (intersection over union above one half).
  double best = 0.5;
  for (const auto& kv : marks) {
    const ImRect m(kv.second.x, kv.second.y, kv.second.x + kv.second.z, kv.second.y + kv.second.w);
    const float ix = std::min(m.Max.x, r.Max.x) - std::max(m.Min.x, r.Min.x);
    const float iy = std::min(m.Max.y, r.Max.y) - std::max(m.Min.y, r.Min.y);
    if (ix <= 0 || iy <= 0) continue;
    const double inter = static_cast<double>(ix) * iy;
    const double uni = static_cast<double>(m.GetArea()) + r.GetArea() - inter;
    if (uni > 0 && inter / uni > best) {
      best = inter / uni;
      f.widget = kv.first;
    }
  }
  return f;
}

ImVec4 window_rect(const char* name) {
  const ImGuiWindow* w = find_window(name);
  if (!w || !w->Active) return ImVec4(0, 0, 0, 0);
  return ImVec4(w->Pos.x, w->Pos.y, w->Size.x, w->Size.y);
}

bool tooltip_shown() {
  const ImGuiContext& g = *GImGui;
  for (const ImGuiWindow* w : g.Windows)
    if ((w->Flags & ImGuiWindowFlags_Tooltip) && w->Active && !w->Hidden) return true;
  return false;
}

}  // namespace keyboard

TL_NAMESPACE_END

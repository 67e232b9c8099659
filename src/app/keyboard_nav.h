#pragma once
/// Keyboard use of the page: Tab and Shift+Tab walk every control of the focused panel in order
/// and go on to the next panel at its end; F6 and Shift+F6 move between panels (the top bar, the
/// settings, the canvas tool bar, the canvas, the method view, the results, the home grid, the
/// help); with the canvas focused the arrow keys pan it, + and - zoom and Enter adds a point at
/// the centre cross. A ring marks the focused control. Escape with nothing to close lets the next
/// Tab leave the page (out of an embedding frame); see platform_input.cpp.
///
/// Dear ImGui 1.86 tabs only through text fields within one window; these functions replace its
/// Tab handling with a request that scores every item of the focused window and move between
/// windows themselves.
#include <map>
#include <string>

#include "imgui.h"

#include "core/config.h"

TL_NAMESPACE_BEGIN

class App;

namespace keyboard {

/// The ImGui window names of the panels, in F6 order.
inline constexpr char kTopBar[] = "Controls";
inline constexpr char kLeft[] = "Setup";
inline constexpr char kCanvasTools[] = "Canvas tools";
inline constexpr char kDataBanner[] = "Your data";
inline constexpr char kCanvas[] = "Canvas";
inline constexpr char kMethodView[] = "Method view";
inline constexpr char kRight[] = "Results";
inline constexpr char kHome[] = "Home";
inline constexpr char kHelp[] = "How to use TransferLab";

/// Browser key codes (KeyboardEvent.keyCode; the platform layer's key indices).
inline constexpr int kKeyTab = 9;
inline constexpr int kKeyEnter = 13;
inline constexpr int kKeyShift = 16;
inline constexpr int kKeyEscape = 27;
inline constexpr int kKeyLeft = 37;
inline constexpr int kKeyUp = 38;
inline constexpr int kKeyRight = 39;
inline constexpr int kKeyDown = 40;
inline constexpr int kKeyF6 = 117;

/// After ImGui::NewFrame(): Tab, F6 and the canvas keys.
void begin_frame(App& app);
/// After the windows, before ImGui::Render(): resolves Tab at a panel's end, draws the ring.
void end_frame(App& app);

/// Asks that the named window take the keyboard focus on the next frame (its first control).
void focus_window_next_frame(const char* name);

/// Whether Escape has something to close or cancel on the page (a popup, a field being edited,
/// the help); when not, Escape lets the next Tab go to the browser.
bool page_uses_escape();

/// The keyboard focus: the window, the marked widget it is on ("" when it is on an unmarked one
/// or none), and whether the ring shows.
struct Focus {
  std::string window;
  std::string widget;
  bool visible = false;
  ImVec4 rect{0, 0, 0, 0};  ///< x, y, w, h (CSS pixels); zero when none
};
Focus current_focus(const std::map<std::string, ImVec4>& marks);

/// The rectangle (x, y, w, h) of a window drawn in the last frame; zero size when none.
ImVec4 window_rect(const char* name);

/// Whether a tooltip window was drawn in the last frame.
bool tooltip_shown();

}  // namespace keyboard

TL_NAMESPACE_END

#pragma once
// Internal to the platform layer (platform_web.cpp, platform_input.cpp): the browser's input
// events queued for the next frame, and the layer's state.
#include <emscripten/html5.h>

#include <deque>
#include <string>

#include "app/platform_web.h"

TL_NAMESPACE_BEGIN

namespace platform {
namespace detail {

/// The text of a string a JS function returned (allocated with malloc on the JS side, by
/// stringToNewUTF8), freed; "" for null.
std::string take_js_string(char* p);

enum class Ev { kMove, kDown, kUp, kWheel, kKeyDown, kKeyUp, kChar, kLeave };
struct Event {
  Ev type;
  int a = 0;  // button / key
  float x = 0, y = 0;
  unsigned int ch = 0;
  unsigned int mods = 0;  // kModCtrl | kModShift | kModAlt | kModSuper when the event happened
};
constexpr unsigned int kModCtrl = 1, kModShift = 2, kModAlt = 4, kModSuper = 8;

struct State {
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx = 0;
  std::deque<Event> queue;
  float dpr = 1;
  int fb_w = 1, fb_h = 1;
  double css_w = 1, css_h = 1;
  bool ctrl = false, shift = false, alt = false, super = false;
  std::string clipboard;
  // wheel (set_wheel_zoom): outside `zoom_area` or, when it needs a modifier, without Ctrl/Cmd
  // and before a click in it, the wheel is the embedding page's (it scrolls)
  bool wheel_needs_modifier = false;
  bool wheel_engaged = false;  // a click in the zoom area since the pointer entered
  float zoom_x = 0, zoom_y = 0, zoom_w = 0, zoom_h = 0;
  double wheel_hint_at = -1;  // last wheel the page let scroll (performance.now() ms)
  // touch
  bool touch_mode = false;
  long primary_touch = -1;
  bool gesture_active = false;
  bool gesture_lock = false;  // fingers remain after a gesture: ignore until all lifted
  float g_cx = 0, g_cy = 0, g_dist = 0;
  Gesture gesture;

  /// The modifier keys as the last DOM event reported them (kMod* bits).
  unsigned int mods() const {
    return (ctrl ? kModCtrl : 0) | (shift ? kModShift : 0) | (alt ? kModAlt : 0) |
           (super ? kModSuper : 0);
  }
  /// Queues an event with the modifier keys of its moment.
  void push(Event ev) {
    ev.mods = mods();
    queue.push_back(ev);
  }
};

/// The platform layer's one state.
State& st();

/// Registers the mouse, wheel, keyboard, focus and touch callbacks that fill State::queue.
void install_input_callbacks();

}  // namespace detail
}  // namespace platform

TL_NAMESPACE_END

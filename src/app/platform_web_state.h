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

enum class Ev { kMove, kDown, kUp, kWheel, kKeyDown, kKeyUp, kChar, kLeave };
struct Event {
  Ev type;
  int a = 0;  // button / key
  float x = 0, y = 0;
  unsigned int ch = 0;
};

struct State {
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx = 0;
  std::deque<Event> queue;
  float dpr = 1;
  int fb_w = 1, fb_h = 1;
  double css_w = 1, css_h = 1;
  bool ctrl = false, shift = false, alt = false, super = false;
  std::string clipboard;
  // touch
  bool touch_mode = false;
  long primary_touch = -1;
  bool gesture_active = false;
  bool gesture_lock = false;  // fingers remain after a gesture: ignore until all lifted
  float g_cx = 0, g_cy = 0, g_dist = 0;
  Gesture gesture;
};

/// The platform layer's one state.
State& st();

/// Registers the mouse, wheel, keyboard, focus and touch callbacks that fill State::queue.
void install_input_callbacks();

}  // namespace detail
}  // namespace platform

TL_NAMESPACE_END

// The platform layer's input: browser mouse, wheel, keyboard and touch events become ImGui events
// (queued in order, applied by new_frame()), two-finger touches become pan/zoom gestures.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cfloat>
#include <cmath>
#include <cstring>

#include "app/keyboard_nav.h"
#include "app/platform_web_state.h"
#include "imgui.h"

// clang-format off
EM_JS(void, tl_js_focus_canvas, (), {
  var c = document.getElementById("canvas");
  if (c && document.activeElement !== c) c.focus();
});

EM_JS(int, tl_js_canvas_focused, (), {
  var c = document.getElementById("canvas");
  return c && document.activeElement === c ? 1 : 0;
});

// clang-format on

TL_NAMESPACE_BEGIN

namespace platform {
namespace detail {

namespace {

bool in_zoom_area(float x, float y) {
  const State& s = st();
  return x >= s.zoom_x && y >= s.zoom_y && x < s.zoom_x + s.zoom_w && y < s.zoom_y + s.zoom_h;
}

using keyboard::kKeyEscape;
using keyboard::kKeyF6;
using keyboard::kKeyShift;
using keyboard::kKeyTab;

/// Escape with nothing to close on the page: the next Tab is the browser's (it leaves the canvas,
/// and an embedding frame), so a keyboard user is never kept in the page.
bool tab_released = false;

int imgui_button(unsigned short dom_button) {
  switch (dom_button) {
    case 0:
      return 0;
    case 1:
      return 2;
    case 2:
      return 1;
    default:
      return dom_button < 5 ? dom_button : -1;
  }
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
  State& s = st();
  s.touch_mode = false;
  Event ev;
  ev.x = static_cast<float>(e->clientX);
  ev.y = static_cast<float>(e->clientY);
  s.ctrl = e->ctrlKey;
  s.shift = e->shiftKey;
  s.alt = e->altKey;
  s.super = e->metaKey;
  if (type == EMSCRIPTEN_EVENT_MOUSEMOVE) {
    ev.type = Ev::kMove;
    s.push(ev);
    return EM_FALSE;
  }
  const int b = imgui_button(e->button);
  if (b < 0) return EM_FALSE;
  ev.a = b;
  ev.type = type == EMSCRIPTEN_EVENT_MOUSEDOWN ? Ev::kDown : Ev::kUp;
  Event move = ev;
  move.type = Ev::kMove;
  s.push(move);
  s.push(ev);
  if (type == EMSCRIPTEN_EVENT_MOUSEDOWN) {
    tl_js_focus_canvas();
    s.wheel_engaged = in_zoom_area(ev.x, ev.y);
  }
  return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_leave(int, const EmscriptenMouseEvent*, void*) {
  st().wheel_engaged = false;
  Event ev;
  ev.type = Ev::kLeave;
  st().push(ev);
  return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  State& s = st();
  if (s.wheel_needs_modifier && !e->mouse.ctrlKey && !e->mouse.metaKey && !s.wheel_engaged) {
    // Embedded: the wheel scrolls the course page (not prevented, not given to the canvas); over
    // the canvas a hint says how to zoom.
    if (in_zoom_area(static_cast<float>(e->mouse.clientX), static_cast<float>(e->mouse.clientY)))
      s.wheel_hint_at = emscripten_get_now();
    return EM_FALSE;
  }
  double dx = e->deltaX, dy = e->deltaY;
  switch (e->deltaMode) {
    case DOM_DELTA_PIXEL:
      dx /= 100.0;
      dy /= 100.0;
      break;
    case DOM_DELTA_LINE:
      dx /= 3.0;
      dy /= 3.0;
      break;
    default:
      break;  // pages
  }
  Event ev;
  ev.type = Ev::kWheel;
  ev.x = static_cast<float>(-dx);
  ev.y = static_cast<float>(-dy);
  s.push(ev);
  return EM_TRUE;
}

bool is_nav_key(unsigned long code) {
  switch (code) {
    case 9:
    case kKeyF6:  // between panels
    case 13:
    case 32:
    case 33:
    case 34:
    case 35:
    case 36:
    case 37:
    case 38:
    case 39:
    case 40:
    case 8:
    case 46:
      return true;
    default:
      return false;
  }
}

unsigned int decode_single_codepoint(const char* s) {
  const auto* u = reinterpret_cast<const unsigned char*>(s);
  if (!u[0]) return 0;
  unsigned int c = 0;
  int len = 0;
  if (u[0] < 0x80) {
    c = u[0];
    len = 1;
  } else if ((u[0] & 0xe0) == 0xc0) {
    c = u[0] & 0x1f;
    len = 2;
  } else if ((u[0] & 0xf0) == 0xe0) {
    c = u[0] & 0x0f;
    len = 3;
  } else if ((u[0] & 0xf8) == 0xf0) {
    c = u[0] & 0x07;
    len = 4;
  } else
    return 0;
  for (int i = 1; i < len; ++i) {
    if ((u[i] & 0xc0) != 0x80) return 0;
    c = (c << 6) | (u[i] & 0x3f);
  }
  if (u[len] != 0) return 0;  // more than one character: a named key such as "Enter"
  return c;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
  State& s = st();
  s.ctrl = e->ctrlKey;
  s.shift = e->shiftKey;
  s.alt = e->altKey;
  s.super = e->metaKey;
  const unsigned long code = e->keyCode;
  const ImGuiIO& io = ImGui::GetIO();
  const bool command = e->ctrlKey || e->metaKey;
  // Let the browser paste (the 'paste' event brings the text).
  if (command && code == 86) return EM_FALSE;
  const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  if (code == kKeyTab) {
    // Tab moves between the page's controls while the canvas has the focus; otherwise (focus
    // elsewhere, or released by Escape) the browser moves the focus.
    if (tab_released || !tl_js_canvas_focused()) {
      if (down) tab_released = false;
      return EM_FALSE;
    }
  } else if (down && code == kKeyEscape) {
    tab_released = !keyboard::page_uses_escape();
  } else if (down && code != kKeyShift) {
    tab_released = false;
  }
  if (code > 0 && code < 512) {
    Event ev;
    ev.type = type == EMSCRIPTEN_EVENT_KEYDOWN ? Ev::kKeyDown : Ev::kKeyUp;
    ev.a = static_cast<int>(code);
    s.push(ev);
  }
  if (type == EMSCRIPTEN_EVENT_KEYDOWN && !command) {
    const unsigned int ch = decode_single_codepoint(e->key);
    if (ch >= 32 && ch != 127) {
      Event ev;
      ev.type = Ev::kChar;
      ev.ch = ch;
      s.push(ev);
      return io.WantTextInput ? EM_TRUE : (ch == ' ' ? EM_TRUE : EM_FALSE);
    }
  }
  if (is_nav_key(code)) return EM_TRUE;
  if (command && io.WantTextInput &&
      (code == 65 || code == 67 || code == 88 || code == 89 || code == 90))
    return EM_TRUE;
  if (command && code == 90) return EM_TRUE;  // undo on the canvas
  return EM_FALSE;
}

EM_BOOL on_blur(int, const EmscriptenFocusEvent*, void*) {
  // Release every key so none sticks when focus returns.
  ImGuiIO& io = ImGui::GetIO();
  for (bool& k : io.KeysDown) k = false;
  st().ctrl = st().shift = st().alt = st().super = false;
  tab_released = false;
  return EM_FALSE;
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
  State& s = st();
  s.touch_mode = true;
  // Fingers down after this event.
  int down = 0;
  const EmscriptenTouchPoint* pts[2] = {nullptr, nullptr};
  for (int i = 0; i < e->numTouches; ++i) {
    const EmscriptenTouchPoint& t = e->touches[i];
    const bool ended =
        (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) && t.isChanged;
    if (ended) continue;
    if (down < 2) pts[down] = &t;
    ++down;
  }
  auto push_mouse = [&](Ev type_, float x, float y) {
    Event m;
    m.type = Ev::kMove;
    m.x = x;
    m.y = y;
    s.push(m);
    if (type_ != Ev::kMove) {
      Event b = m;
      b.type = type_;
      b.a = 0;
      s.push(b);
    }
  };
  if (down >= 2) {
    const float cx = 0.5f * static_cast<float>(pts[0]->clientX + pts[1]->clientX);
    const float cy = 0.5f * static_cast<float>(pts[0]->clientY + pts[1]->clientY);
    const float dist = std::hypot(static_cast<float>(pts[0]->clientX - pts[1]->clientX),
                                  static_cast<float>(pts[0]->clientY - pts[1]->clientY));
    if (!s.gesture_active) {
      s.gesture_active = true;
      s.gesture.started = true;
      if (s.primary_touch >= 0) {
        // The first finger's stroke ends where it is; the canvas undoes it on `started`.
        push_mouse(Ev::kUp, cx, cy);
        s.primary_touch = -1;
      }
    } else {
      s.gesture.pan_x += cx - s.g_cx;
      s.gesture.pan_y += cy - s.g_cy;
      if (s.g_dist > 1 && dist > 1) s.gesture.zoom *= dist / s.g_dist;
    }
    s.gesture.active = true;
    s.gesture.cx = cx;
    s.gesture.cy = cy;
    s.g_cx = cx;
    s.g_cy = cy;
    s.g_dist = dist;
    return EM_TRUE;
  }
  if (s.gesture_active) {
    s.gesture_active = false;
    s.gesture.active = false;
    s.gesture_lock = down > 0;
    return EM_TRUE;
  }
  if (s.gesture_lock) {
    if (down == 0) s.gesture_lock = false;
    return EM_TRUE;
  }
  for (int i = 0; i < e->numTouches; ++i) {
    const EmscriptenTouchPoint& t = e->touches[i];
    if (!t.isChanged) continue;
    const float x = static_cast<float>(t.clientX), y = static_cast<float>(t.clientY);
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART && s.primary_touch < 0) {
      s.primary_touch = t.identifier;
      push_mouse(Ev::kDown, x, y);
    } else if (t.identifier == s.primary_touch) {
      if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        push_mouse(Ev::kMove, x, y);
      } else {
        push_mouse(Ev::kUp, x, y);
        s.primary_touch = -1;
        // A finger does not hover: the pointer leaves once the tap is done (the next frame), so
        // no hover highlight or tooltip stays behind; a mouse move brings it back.
        Event gone;
        gone.type = Ev::kMove;
        gone.x = gone.y = -FLT_MAX;
        s.push(gone);
      }
    }
  }
  return EM_TRUE;
}

}  // namespace

void install_input_callbacks() {
  emscripten_set_mousedown_callback("#canvas", nullptr, EM_TRUE, on_mouse);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_mouse);
  emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_mouse);
  emscripten_set_mouseleave_callback("#canvas", nullptr, EM_TRUE, on_leave);
  emscripten_set_wheel_callback("#canvas", nullptr, EM_TRUE, on_wheel);
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_key);
  emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_key);
  emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_blur);
  emscripten_set_touchstart_callback("#canvas", nullptr, EM_TRUE, on_touch);
  emscripten_set_touchmove_callback("#canvas", nullptr, EM_TRUE, on_touch);
  emscripten_set_touchend_callback("#canvas", nullptr, EM_TRUE, on_touch);
  emscripten_set_touchcancel_callback("#canvas", nullptr, EM_TRUE, on_touch);
}

}  // namespace detail
}  // namespace platform

TL_NAMESPACE_END

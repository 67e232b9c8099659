#include "app/platform_web.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <GLES3/gl3.h>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "app/platform_web_state.h"
#include "imgui.h"

// --- JavaScript bridges -----------------------------------------------------------------------

// clang-format off
EM_JS(void, tl_js_install, (), {
  window.addEventListener('hashchange', function() { Module['_tl_on_hashchange'](); });
  var canvas = document.getElementById('canvas');
  if (canvas) {
    canvas.addEventListener('contextmenu', function(e) { e.preventDefault(); });
    canvas.focus();
  }
  window.addEventListener('paste', function(e) {
    var text = (e.clipboardData || window.clipboardData).getData('text');
    if (!text) return;
    var n = lengthBytesUTF8(text) + 1;
    var p = Module['_malloc'](n);
    stringToUTF8(text, p, n);
    Module['_tl_on_paste'](p);
    Module['_free'](p);
    e.preventDefault();
  });
});

EM_JS(void, tl_js_copy_text, (const char* text), {
  var t = UTF8ToString(text);
  try { if (navigator.clipboard) navigator.clipboard.writeText(t).catch(function() {}); } catch (e) {}
});
// clang-format on

TL_NAMESPACE_BEGIN

namespace platform {

namespace detail {

State& st() {
  static State s;
  return s;
}

}  // namespace detail

using detail::Ev;
using detail::Event;
using detail::kModAlt;
using detail::kModCtrl;
using detail::kModShift;
using detail::kModSuper;
using detail::st;
using detail::State;

namespace {

const char* get_clipboard(void*) {
  return st().clipboard.c_str();
}
void set_clipboard(void*, const char* text) {
  st().clipboard = text ? text : "";
  tl_js_copy_text(st().clipboard.c_str());
}

void update_size() {
  State& s = st();
  double w = 0, h = 0;
  emscripten_get_element_css_size("#canvas", &w, &h);
  if (w < 1) w = 1;
  if (h < 1) h = 1;
  float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  if (!(dpr > 0)) dpr = 1;
  dpr = std::min(dpr, 4.0f);
  const int fw = static_cast<int>(std::lround(w * dpr)),
            fh = static_cast<int>(std::lround(h * dpr));
  if (fw != s.fb_w || fh != s.fb_h) {
    emscripten_set_canvas_element_size("#canvas", fw, fh);
    s.fb_w = fw;
    s.fb_h = fh;
  }
  s.css_w = w;
  s.css_h = h;
  s.dpr = dpr;
}

}  // namespace

bool init() {
  State& s = st();
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = EM_FALSE;
  attrs.depth = EM_FALSE;
  attrs.stencil = EM_FALSE;
  attrs.antialias = EM_FALSE;
  attrs.premultipliedAlpha = EM_TRUE;
  attrs.preserveDrawingBuffer = EM_FALSE;
  attrs.enableExtensionsByDefault = EM_TRUE;
  s.ctx = emscripten_webgl_create_context("#canvas", &attrs);
  if (s.ctx <= 0) {
    fatal("This page needs WebGL2, which this browser does not provide (or it is turned off).");
    return false;
  }
  emscripten_webgl_make_context_current(s.ctx);
  update_size();

  detail::install_input_callbacks();
  tl_js_install();

  ImGuiIO& io = ImGui::GetIO();
  io.BackendPlatformName = "transferlab_html5";
  io.KeyMap[ImGuiKey_Tab] = 9;
  io.KeyMap[ImGuiKey_LeftArrow] = 37;
  io.KeyMap[ImGuiKey_RightArrow] = 39;
  io.KeyMap[ImGuiKey_UpArrow] = 38;
  io.KeyMap[ImGuiKey_DownArrow] = 40;
  io.KeyMap[ImGuiKey_PageUp] = 33;
  io.KeyMap[ImGuiKey_PageDown] = 34;
  io.KeyMap[ImGuiKey_Home] = 36;
  io.KeyMap[ImGuiKey_End] = 35;
  io.KeyMap[ImGuiKey_Insert] = 45;
  io.KeyMap[ImGuiKey_Delete] = 46;
  io.KeyMap[ImGuiKey_Backspace] = 8;
  io.KeyMap[ImGuiKey_Space] = 32;
  io.KeyMap[ImGuiKey_Enter] = 13;
  io.KeyMap[ImGuiKey_Escape] = 27;
  io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
  io.KeyMap[ImGuiKey_A] = 65;
  io.KeyMap[ImGuiKey_C] = 67;
  io.KeyMap[ImGuiKey_V] = 86;
  io.KeyMap[ImGuiKey_X] = 88;
  io.KeyMap[ImGuiKey_Y] = 89;
  io.KeyMap[ImGuiKey_Z] = 90;
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  return true;
}

void new_frame() {
  State& s = st();
  update_size();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(s.css_w), static_cast<float>(s.css_h));
  io.DisplayFramebufferScale =
      ImVec2(static_cast<float>(s.fb_w / s.css_w), static_cast<float>(s.fb_h / s.css_h));
  // Apply queued events in order; stop at the second transition of the same button or key so
  // that ImGui sees every press and release in some frame, and at a change of the modifier keys
  // after a transition, so that each press is seen with the modifiers it had (Shift+F6 arrives as
  // four events, often between two frames).
  bool button_changed[5] = {false, false, false, false, false};
  static bool key_changed[512];
  std::memset(key_changed, 0, sizeof(key_changed));
  bool any_changed = false;
  unsigned int applied = (io.KeyCtrl ? kModCtrl : 0) | (io.KeyShift ? kModShift : 0) |
                         (io.KeyAlt ? kModAlt : 0) | (io.KeySuper ? kModSuper : 0);
  const auto apply_mods = [&io, &applied](unsigned int mods) {
    applied = mods;
    io.KeyCtrl = (mods & kModCtrl) != 0;
    io.KeyShift = (mods & kModShift) != 0;
    io.KeyAlt = (mods & kModAlt) != 0;
    io.KeySuper = (mods & kModSuper) != 0;
  };
  while (!s.queue.empty()) {
    const Event ev = s.queue.front();
    if (ev.mods != applied && any_changed) break;
    if ((ev.type == Ev::kDown || ev.type == Ev::kUp) && button_changed[ev.a]) break;
    if ((ev.type == Ev::kKeyDown || ev.type == Ev::kKeyUp) && key_changed[ev.a] &&
        io.KeysDown[ev.a] != (ev.type == Ev::kKeyDown))
      break;
    // A move after a press/release this frame waits, so the click lands where it happened.
    if (ev.type == Ev::kMove && (button_changed[0] || button_changed[1] || button_changed[2]))
      break;
    s.queue.pop_front();
    apply_mods(ev.mods);
    switch (ev.type) {
      case Ev::kMove:
        io.MousePos = ImVec2(ev.x, ev.y);
        break;
      case Ev::kLeave:
        if (!io.MouseDown[0] && !io.MouseDown[1] && !io.MouseDown[2])
          io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        break;
      case Ev::kDown:
      case Ev::kUp:
        io.MouseDown[ev.a] = ev.type == Ev::kDown;
        button_changed[ev.a] = true;
        any_changed = true;
        break;
      case Ev::kWheel:
        io.MouseWheelH += ev.x;
        io.MouseWheel += ev.y;
        break;
      case Ev::kKeyDown:
      case Ev::kKeyUp:
        io.KeysDown[ev.a] = ev.type == Ev::kKeyDown;
        key_changed[ev.a] = true;
        any_changed = true;
        break;
      case Ev::kChar:
        io.AddInputCharacter(ev.ch);
        break;
    }
  }
  // Everything applied: the modifiers as they are now (a blur releases them without an event).
  if (s.queue.empty()) apply_mods(s.mods());
}

float pixel_ratio() {
  return st().dpr;
}
int framebuffer_width() {
  return st().fb_w;
}
int framebuffer_height() {
  return st().fb_h;
}

Gesture take_gesture() {
  State& s = st();
  Gesture g = s.gesture;
  s.gesture.started = false;
  s.gesture.pan_x = s.gesture.pan_y = 0;
  s.gesture.zoom = 1;
  return g;
}

bool touch_input() {
  return st().touch_mode;
}

}  // namespace platform

TL_NAMESPACE_END

extern "C" {
EMSCRIPTEN_KEEPALIVE void tl_on_paste(const char* text) {
  if (text && ImGui::GetCurrentContext()) ImGui::GetIO().AddInputCharactersUTF8(text);
}
}

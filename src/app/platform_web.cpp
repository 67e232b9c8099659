#include "app/platform_web.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <GLES3/gl3.h>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>

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

EM_JS(char*, tl_js_hash, (), {
  var h = window.location.hash || "";
  var n = lengthBytesUTF8(h) + 1;
  var p = _malloc(n);
  stringToUTF8(h, p, n);
  return p;
});

EM_JS(void, tl_js_replace_hash, (const char* hash), {
  var h = UTF8ToString(hash);
  var url = window.location.pathname + window.location.search + (h ? "#" + h : "");
  try { window.history.replaceState(null, "", url); } catch (e) {}
});

EM_JS(void, tl_js_download, (const char* name, const char* mime, const uint8_t* data, int len), {
  var bytes = HEAPU8.slice(data, data + len);  // a copy (the heap may be shared memory)
  var blob = new Blob([bytes], {type: UTF8ToString(mime)});
  var a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
});

EM_JS(void, tl_js_save_png, (int x, int y, int w, int h, const char* name), {
  var src = document.getElementById('canvas');
  var off = document.createElement('canvas');
  off.width = w;
  off.height = h;
  off.getContext('2d').drawImage(src, x, y, w, h, 0, 0, w, h);
  var file = UTF8ToString(name);
  off.toBlob(function(blob) {
    if (!blob) return;
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = file;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
  }, 'image/png');
});

EM_JS(void, tl_js_open_file_picker, (int kind), {
  if (Module['tlOpenFilePicker']) Module['tlOpenFilePicker'](kind);
});

EM_JS(int, tl_js_pending_file_size, (), {
  var f = Module['tlPendingFiles'] && Module['tlPendingFiles'][0];
  return f ? f.bytes.length : -1;
});

EM_JS(int, tl_js_take_pending_file, (uint8_t* dst, char* name, int name_cap), {
  var f = Module['tlPendingFiles'].shift();
  HEAPU8.set(f.bytes, dst);
  stringToUTF8(f.name || 'data.csv', name, name_cap);
  return f.kind | 0;
});

EM_JS(void, tl_js_set_live, (const char* text), {
  var el = document.getElementById('tl-live');
  if (el) el.textContent = UTF8ToString(text);
});

EM_JS(void, tl_js_set_alert, (const char* text), {
  var el = document.getElementById('tl-alert');
  if (el) el.textContent = UTF8ToString(text);
});

EM_JS(void, tl_js_ready, (int threaded), {
  if (Module['tlReady']) Module['tlReady'](!!threaded);
});

EM_JS(void, tl_js_fatal, (const char* text), {
  if (Module['tlFatal']) Module['tlFatal'](UTF8ToString(text));
});

EM_JS(void, tl_js_focus_canvas, (), {
  var c = document.getElementById("canvas");
  if (c && document.activeElement !== c) c.focus();
});

EM_JS(int, tl_js_isolated, (), {
  return (typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated) ? 1 : 0;
});

EM_JS(void, tl_js_copy_text, (const char* text), {
  var t = UTF8ToString(text);
  try { if (navigator.clipboard) navigator.clipboard.writeText(t).catch(function() {}); } catch (e) {}
});
// clang-format on

TL_NAMESPACE_BEGIN

namespace platform {

namespace {

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
  bool hash_changed = false;
  std::string clipboard;
  // touch
  bool touch_mode = false;
  long primary_touch = -1;
  bool gesture_active = false;
  bool gesture_lock = false;  // fingers remain after a gesture: ignore until all lifted
  float g_cx = 0, g_cy = 0, g_dist = 0;
  Gesture gesture;
};

State& st() {
  static State s;
  return s;
}

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
    s.queue.push_back(ev);
    return EM_FALSE;
  }
  const int b = imgui_button(e->button);
  if (b < 0) return EM_FALSE;
  ev.a = b;
  ev.type = type == EMSCRIPTEN_EVENT_MOUSEDOWN ? Ev::kDown : Ev::kUp;
  Event move = ev;
  move.type = Ev::kMove;
  s.queue.push_back(move);
  s.queue.push_back(ev);
  if (type == EMSCRIPTEN_EVENT_MOUSEDOWN) {
    tl_js_focus_canvas();
  }
  return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_leave(int, const EmscriptenMouseEvent*, void*) {
  Event ev;
  ev.type = Ev::kLeave;
  st().queue.push_back(ev);
  return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
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
  st().queue.push_back(ev);
  return EM_TRUE;
}

bool is_nav_key(unsigned long code) {
  switch (code) {
    case 9:
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
  if (code > 0 && code < 512) {
    Event ev;
    ev.type = type == EMSCRIPTEN_EVENT_KEYDOWN ? Ev::kKeyDown : Ev::kKeyUp;
    ev.a = static_cast<int>(code);
    s.queue.push_back(ev);
  }
  if (type == EMSCRIPTEN_EVENT_KEYDOWN && !command) {
    const unsigned int ch = decode_single_codepoint(e->key);
    if (ch >= 32 && ch != 127) {
      Event ev;
      ev.type = Ev::kChar;
      ev.ch = ch;
      s.queue.push_back(ev);
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
    s.queue.push_back(m);
    if (type_ != Ev::kMove) {
      Event b = m;
      b.type = type_;
      b.a = 0;
      s.queue.push_back(b);
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
      }
    }
  }
  return EM_TRUE;
}

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
  io.KeyCtrl = s.ctrl;
  io.KeyShift = s.shift;
  io.KeyAlt = s.alt;
  io.KeySuper = s.super;
  // Apply queued events in order; stop at the second transition of the same button or key so
  // that ImGui sees every press and release in some frame.
  bool button_changed[5] = {false, false, false, false, false};
  static bool key_changed[512];
  std::memset(key_changed, 0, sizeof(key_changed));
  while (!s.queue.empty()) {
    const Event ev = s.queue.front();
    if ((ev.type == Ev::kDown || ev.type == Ev::kUp) && button_changed[ev.a]) break;
    if ((ev.type == Ev::kKeyDown || ev.type == Ev::kKeyUp) && key_changed[ev.a] &&
        io.KeysDown[ev.a] != (ev.type == Ev::kKeyDown))
      break;
    // A move after a press/release this frame waits, so the click lands where it happened.
    if (ev.type == Ev::kMove && (button_changed[0] || button_changed[1] || button_changed[2]))
      break;
    s.queue.pop_front();
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
        break;
      case Ev::kWheel:
        io.MouseWheelH += ev.x;
        io.MouseWheel += ev.y;
        break;
      case Ev::kKeyDown:
      case Ev::kKeyUp:
        io.KeysDown[ev.a] = ev.type == Ev::kKeyDown;
        key_changed[ev.a] = true;
        break;
      case Ev::kChar:
        io.AddInputCharacter(ev.ch);
        break;
    }
  }
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

std::string location_hash() {
  char* p = tl_js_hash();
  std::string out = p ? p : "";
  std::free(p);
  return out;
}

void replace_hash(const std::string& hash) {
  tl_js_replace_hash(hash.c_str());
}

bool take_hash_changed() {
  const bool changed = st().hash_changed;
  st().hash_changed = false;
  return changed;
}

void download(const std::string& name, const std::string& mime, const void* data, size_t len) {
  tl_js_download(name.c_str(), mime.c_str(), static_cast<const uint8_t*>(data),
                 static_cast<int>(len));
}

void save_canvas_png(int x, int y, int w, int h, const std::string& name) {
  tl_js_save_png(x, y, w, h, name.c_str());
}

void open_file_picker(int kind) {
  tl_js_open_file_picker(kind);
}

bool take_file(FileDrop& out) {
  const int size = tl_js_pending_file_size();
  if (size < 0) return false;
  out.bytes.assign(static_cast<size_t>(size), 0);
  char name[512];
  out.kind = tl_js_take_pending_file(out.bytes.data(), name, sizeof(name));
  out.name = name;
  return true;
}

void set_live_region(const std::string& text) {
  tl_js_set_live(text.c_str());
}
void set_alert(const std::string& text) {
  tl_js_set_alert(text.c_str());
}
void page_ready(bool threaded) {
  tl_js_ready(threaded ? 1 : 0);
}
void fatal(const std::string& message) {
  tl_js_fatal(message.c_str());
}
bool cross_origin_isolated() {
  return tl_js_isolated() != 0;
}

}  // namespace platform

TL_NAMESPACE_END

extern "C" {
EMSCRIPTEN_KEEPALIVE void tl_on_hashchange() {
  tl::platform::st().hash_changed = true;
}
EMSCRIPTEN_KEEPALIVE void tl_on_paste(const char* text) {
  if (text && ImGui::GetCurrentContext()) ImGui::GetIO().AddInputCharactersUTF8(text);
}
}

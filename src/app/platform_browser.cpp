// The platform layer's page services: the location hash, downloads, the canvas as PNG, picked
// or dropped files, the live region and alert, and the page's start-up signals (see
// platform_web.h; input and the WebGL context are platform_web.cpp).
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdint>
#include <cstdlib>

#include "app/i18n.h"
#include "app/platform_web.h"
#include "app/platform_web_state.h"

// --- JavaScript bridges -----------------------------------------------------------------------

// clang-format off
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

EM_JS(void, tl_js_save_rgba_png, (const uint8_t* rgba, int w, int h, const char* name), {
  var off = document.createElement('canvas');
  off.width = w;
  off.height = h;
  var ctx = off.getContext('2d');
  var img = ctx.createImageData(w, h);
  img.data.set(HEAPU8.subarray(rgba, rgba + w * h * 4));  // copied into the image
  ctx.putImageData(img, 0, 0);
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

EM_JS(char*, tl_js_page_url, (const char* hash), {
  var h = UTF8ToString(hash);
  var u = String(window.location.href).split("#")[0] + (h ? "#" + h : "");
  var n = lengthBytesUTF8(u) + 1;
  var p = _malloc(n);
  stringToUTF8(u, p, n);
  return p;
});

EM_JS(void, tl_js_copy_link, (const char* text), {
  var t = UTF8ToString(text);
  // Where the clipboard is closed to the page: the link in a small text field, selected, to
  // copy by hand (Ctrl+C); Escape, Enter or a click elsewhere closes it.
  var field = function() {
    var old = document.getElementById('tl-link');
    if (old) old.remove();
    var box = document.createElement('div');
    box.id = 'tl-link';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', 'Link to this view');
    var st = box.style;
    st.position = 'fixed'; st.left = '50%'; st.top = '64px'; st.transform = 'translateX(-50%)';
    st.zIndex = '30'; st.width = 'min(560px, 92vw)'; st.padding = '10px 12px';
    st.background = '#1c2029'; st.border = '1px solid #56b4e9'; st.borderRadius = '8px';
    st.font = '14px/1.4 sans-serif'; st.color = '#e2e6ee';
    var label = document.createElement('div');
    label.textContent = 'Copy this link (Ctrl+C), then Escape:';
    label.style.marginBottom = '6px';
    var input = document.createElement('input');
    input.type = 'text';
    input.readOnly = true;
    input.value = t;
    input.setAttribute('aria-label', 'Link to this view');
    var is = input.style;
    is.width = '100%'; is.boxSizing = 'border-box'; is.padding = '4px 6px';
    is.background = '#111318'; is.color = '#e2e6ee'; is.border = '1px solid #3a4150';
    box.appendChild(label);
    box.appendChild(input);
    document.body.appendChild(box);
    var close = function() {
      box.remove();
      var c = document.getElementById('canvas');
      if (c) c.focus();
    };
    input.addEventListener('keydown', function(e) {
      e.stopPropagation();
      if (e.key === 'Escape' || e.key === 'Enter') close();
    });
    input.addEventListener('keyup', function(e) { e.stopPropagation(); });
    input.addEventListener('blur', function() { setTimeout(close, 0); });
    input.focus();
    input.select();
  };
  var done = function(ok) {
    if (!ok) field();
    Module['_tl_on_copy_result'](ok ? 1 : 0);
  };
  try {
    if (!navigator.clipboard || !navigator.clipboard.writeText) { done(false); return; }
    navigator.clipboard.writeText(t).then(function() { done(true); }, function() { done(false); });
  } catch (e) { done(false); }
});

EM_JS(void, tl_js_open_in_new_tab, (const char* url), {
  var a = document.createElement('a');
  a.href = UTF8ToString(url);
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
});

EM_JS(int, tl_js_isolated, (), {
  return (typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated) ? 1 : 0;
});
// clang-format on

TL_NAMESPACE_BEGIN

namespace platform {

namespace {

bool hash_changed = false;  ///< set by the hashchange listener (tl_on_hashchange)
int copy_result = -1;       ///< set by the clipboard's answer (tl_on_copy_result)

}  // namespace

std::string detail::take_js_string(char* p) {
  std::string out = p ? p : "";
  std::free(p);
  return out;
}

std::string location_hash() {
  return detail::take_js_string(tl_js_hash());
}

void replace_hash(const std::string& hash) {
  tl_js_replace_hash(hash.c_str());
}

bool take_hash_changed() {
  const bool changed = hash_changed;
  hash_changed = false;
  return changed;
}

void download(const std::string& name, const std::string& mime, const void* data, size_t len) {
  tl_js_download(name.c_str(), mime.c_str(), static_cast<const uint8_t*>(data),
                 static_cast<int>(len));
}

void save_rgba_png(const unsigned char* rgba, int w, int h, const std::string& name) {
  tl_js_save_rgba_png(rgba, w, h, name.c_str());
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

// Screen readers get the text without the zero-width break marks of Chinese (i18n.h).
void set_live_region(const std::string& text) {
  tl_js_set_live(i18n::strip_breaks(text).c_str());
}
void set_alert(const std::string& text) {
  tl_js_set_alert(i18n::strip_breaks(text).c_str());
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

std::string page_url(const std::string& hash) {
  return detail::take_js_string(tl_js_page_url(hash.c_str()));
}

void copy_text(const std::string& text) {
  copy_result = -1;
  tl_js_copy_link(text.c_str());
}

int take_copy_result() {
  const int r = copy_result;
  copy_result = -1;
  return r;
}

void open_in_new_tab(const std::string& url) {
  tl_js_open_in_new_tab(url.c_str());
}

void set_wheel_zoom(bool needs_modifier, float x, float y, float w, float h) {
  detail::State& s = detail::st();
  s.wheel_needs_modifier = needs_modifier;
  s.zoom_x = x;
  s.zoom_y = y;
  s.zoom_w = w;
  s.zoom_h = h;
}

double seconds_since_wheel_hint() {
  const double at = detail::st().wheel_hint_at;
  return at < 0 ? 1e9 : (emscripten_get_now() - at) / 1000.0;
}

}  // namespace platform

TL_NAMESPACE_END

extern "C" {
/// Called by the hashchange listener that platform::init() installs.
EMSCRIPTEN_KEEPALIVE void tl_on_hashchange() {
  tl::platform::hash_changed = true;
}
/// Called with the clipboard's answer to tl_js_copy_link (1 copied, 0 not).
EMSCRIPTEN_KEEPALIVE void tl_on_copy_result(int ok) {
  tl::platform::copy_result = ok ? 1 : 0;
}
}

// The platform layer's page services: the location hash, downloads, the canvas as PNG, picked
// or dropped files, the live region and alert, and the page's start-up signals (see
// platform_web.h; input and the WebGL context are platform_web.cpp).
#include <emscripten.h>

#include <cstdint>
#include <cstdlib>

#include "app/platform_web.h"

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

EM_JS(int, tl_js_isolated, (), {
  return (typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated) ? 1 : 0;
});
// clang-format on

TL_NAMESPACE_BEGIN

namespace platform {

namespace {

bool hash_changed = false;  ///< set by the hashchange listener (tl_on_hashchange)

}  // namespace

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
  const bool changed = hash_changed;
  hash_changed = false;
  return changed;
}

void download(const std::string& name, const std::string& mime, const void* data, size_t len) {
  tl_js_download(name.c_str(), mime.c_str(), static_cast<const uint8_t*>(data),
                 static_cast<int>(len));
}

void save_canvas_png(int x, int y, int w, int h, const std::string& name) {
  tl_js_save_png(x, y, w, h, name.c_str());
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
/// Called by the hashchange listener that platform::init() installs.
EMSCRIPTEN_KEEPALIVE void tl_on_hashchange() {
  tl::platform::hash_changed = true;
}
}

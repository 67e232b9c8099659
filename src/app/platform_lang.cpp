// The platform layer's language services (platform_lang.h): navigator.languages, <html lang> and
// fetching a language's files with fetch(), handed to the page through exported callbacks.
#include "app/platform_lang.h"
#include "app/platform_web_state.h"

#include <emscripten.h>

#include <cstdlib>
#include <deque>

// clang-format off
EM_JS(char*, tl_js_browser_languages, (), {
  var list = (navigator.languages && navigator.languages.length) ? navigator.languages
             : (navigator.language ? [navigator.language] : []);
  var s = Array.prototype.join.call(list, ",");
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

EM_JS(void, tl_js_set_document_lang, (const char* code), {
  document.documentElement.setAttribute('lang', UTF8ToString(code));
});

EM_JS(void, tl_js_fetch_files, (int id, const char* joined), {
  var paths = UTF8ToString(joined).split("\n");
  var fail = function(text) {
    var n = lengthBytesUTF8(text) + 1;
    var p = _malloc(n);
    stringToUTF8(text, p, n);
    Module['_tl_on_fetch_done'](id, 0, p);
    _free(p);
  };
  Promise.all(paths.map(function(path) {
    return fetch(path).then(function(r) {
      if (!r.ok) throw new Error(path + ": HTTP " + r.status);
      return r.arrayBuffer();
    }, function(e) { throw new Error(path + ": " + (e && e.message ? e.message : "network error")); });
  })).then(function(buffers) {
    for (var i = 0; i < buffers.length; ++i) {
      var bytes = new Uint8Array(buffers[i]);
      var p = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, p);
      Module['_tl_on_fetched_file'](id, i, p, bytes.length);
      _free(p);
    }
    Module['_tl_on_fetch_done'](id, 1, 0);
  }, function(e) { fail(String(e && e.message ? e.message : e)); });
});
// clang-format on

TL_NAMESPACE_BEGIN

namespace platform {

namespace {
Fetched pending_fetch;         ///< the fetch in progress (files arrive one by one)
std::deque<Fetched> finished;  ///< fetches done, not yet taken
}  // namespace

std::string browser_languages() {
  return detail::take_js_string(tl_js_browser_languages());
}

void set_document_lang(const std::string& bcp47) {
  tl_js_set_document_lang(bcp47.c_str());
}

void fetch_files(int id, const std::vector<std::string>& paths) {
  std::string joined;
  for (const std::string& p : paths) joined += (joined.empty() ? "" : "\n") + p;
  pending_fetch = Fetched();
  pending_fetch.id = id;
  pending_fetch.files.resize(paths.size());
  tl_js_fetch_files(id, joined.c_str());
}

bool take_fetched(Fetched& out) {
  if (finished.empty()) return false;
  out = std::move(finished.front());
  finished.pop_front();
  return true;
}

}  // namespace platform

TL_NAMESPACE_END

extern "C" {
/// Called by tl_js_fetch_files with file `index` of request `id` (the bytes are copied).
EMSCRIPTEN_KEEPALIVE void tl_on_fetched_file(int id, int index, const uint8_t* data, int len) {
  tl::platform::Fetched& f = tl::platform::pending_fetch;
  if (f.id != id || index < 0 || static_cast<size_t>(index) >= f.files.size()) return;
  f.files[static_cast<size_t>(index)].assign(data, data + len);
}
/// Called by tl_js_fetch_files when request `id` is done (ok) or failed (`error`).
EMSCRIPTEN_KEEPALIVE void tl_on_fetch_done(int id, int ok, const char* error) {
  tl::platform::Fetched& f = tl::platform::pending_fetch;
  if (f.id != id) return;
  f.ok = ok != 0;
  if (!f.ok) {
    f.error = error ? error : "failed";
    f.files.clear();
  }
  tl::platform::finished.push_back(std::move(f));
  f = tl::platform::Fetched();
}
}

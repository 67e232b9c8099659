#pragma once
/// The browser side of the page: WebGL2 context on <canvas id="canvas">, input (mouse, wheel,
/// keyboard, touch) fed to Dear ImGui from Emscripten's html5 events, HiDPI canvas sizing, and
/// small bridges to the page's JavaScript (location hash, downloads, file input, the ARIA live
/// region, clipboard). Only this file and main.cpp talk to Emscripten.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.h"

TL_NAMESPACE_BEGIN

namespace platform {

/// Creates the WebGL2 context and registers input callbacks; false (with a message on the page)
/// when WebGL2 is unavailable.
bool init();
/// Sizes the canvas for the current window and devicePixelRatio and feeds queued input to ImGui
/// (at most one press or release per button/key per frame, so short clicks are never lost).
void new_frame();
/// CSS pixels to framebuffer pixels.
float pixel_ratio();
int framebuffer_width();
int framebuffer_height();

/// Two-finger touch gesture since the last call: pan in CSS pixels, zoom factor about a centre.
struct Gesture {
  bool started = false;  ///< a gesture began (cancel any stroke the first finger began)
  bool active = false;
  float pan_x = 0, pan_y = 0;
  float zoom = 1;
  float cx = 0, cy = 0;
};
Gesture take_gesture();
/// True while the primary pointer is a finger (bigger hit targets for sketching).
bool touch_input();

// --- Page bridges -----------------------------------------------------------------------------
std::string location_hash();
/// history.replaceState with the new hash (no reload, no new history entry).
void replace_hash(const std::string& hash);
/// True once after the user edited the address (hashchange).
bool take_hash_changed();

void download(const std::string& name, const std::string& mime, const void* data, size_t len);
/// Saves `w` x `h` RGBA pixels (rows top first) as a PNG download.
void save_rgba_png(const unsigned char* rgba, int w, int h, const std::string& name);
/// Opens the file picker; the chosen file arrives through take_file(). kind: 0 source, 1 target,
/// 2 class table.
void open_file_picker(int kind);

struct FileDrop {
  int kind = 0;  ///< 0 source (or both, with a domain column), 1 target, 2 class table
  std::string name;
  std::vector<uint8_t> bytes;
};
/// A file the user picked or dropped, delivered once.
bool take_file(FileDrop& out);

/// Text of the visually hidden ARIA live region (screen readers announce changes).
void set_live_region(const std::string& text);
/// Text of the visually hidden ARIA alert region (errors, announced at once).
void set_alert(const std::string& text);
/// Hides the loading overlay (after the first frame).
void page_ready(bool threaded);
/// Shows a fatal message over the page.
void fatal(const std::string& message);
/// Whether the page is cross-origin isolated (threads possible).
bool cross_origin_isolated();

/// The page's own address (without its hash) followed by `#hash` (none when empty).
std::string page_url(const std::string& hash);
/// Puts `text` on the clipboard (navigator.clipboard.writeText, where the page may); the outcome
/// arrives through take_copy_result().
void copy_text(const std::string& text);
/// The outcome of the last copy_text, once: 1 copied, 0 refused or unavailable, -1 none yet.
int take_copy_result();
/// Opens `url` in a new tab (a link with target=_blank and rel=noopener: the new page cannot reach
/// this one).
void open_in_new_tab(const std::string& url);

/// The wheel over the page: `x, y, w, h` (CSS pixels) is where it zooms the view; with
/// `needs_modifier` (an embedded page) it zooms there only with Ctrl/Cmd held or after a click in
/// it, and otherwise scrolls the embedding page. Call each frame.
void set_wheel_zoom(bool needs_modifier, float x, float y, float w, float h);
/// Seconds since the wheel last scrolled the embedding page from over the zoom area (a large
/// number when it never did): the page shows how to zoom for a moment.
double seconds_since_wheel_hint();

}  // namespace platform

TL_NAMESPACE_END

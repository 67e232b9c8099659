// The page's entry point: Dear ImGui with our html5 platform layer and the OpenGL3 renderer on
// WebGL2, one App whose frame() runs from the browser's animation loop, and test hooks
// (EMSCRIPTEN_KEEPALIVE) that the browser tests read.
#include <emscripten.h>
#include <emscripten/eventloop.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/app.h"
#include "app/platform_web.h"
#include "app/test_state.h"
#include "app/theme.h"
#include "app/ui_renderer.h"
#include "imgui.h"

#ifndef TL_APP_THREADED
#define TL_APP_THREADED 0
#endif

namespace {

tl::App* g_app = nullptr;

void frame() {
  g_app->frame();
}

/// Single build: training slices in tasks of their own, between frames: at once again while the
/// engine has work (the browser still runs frames and input between these tasks), about once a
/// frame while it has none.
void train_task(void*) {
  const bool worked = g_app->train_between_frames();
  emscripten_set_timeout(train_task, worked ? 0 : 16, nullptr);
}

}  // namespace

int main() {
  // The digits (and fonts) are preloaded into Emscripten's file system under /data and /fonts.
  setenv("TL_DATA_DIR", "/data", 1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  if (!tl::platform::init()) return 0;
  tl::theme::apply_style();
  tl::theme::build_fonts(tl::platform::pixel_ratio());
  std::string gl_error;
  if (!tl::ui_renderer::init(gl_error)) {
    std::fprintf(stderr, "transferlab: %s\n", gl_error.c_str());
    return 0;
  }
  tl::ui_renderer::create_fonts_texture();
  g_app = new tl::App();
  g_app->init(TL_APP_THREADED != 0);
  if (!g_app->host->threaded()) emscripten_set_timeout(train_task, 0, nullptr);
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}

// --- Test hooks (read by tests/e2e) -----------------------------------------------------------
extern "C" {

/// The whole observable state as JSON: build, thread, step, loss, metrics, point counts, canvas
/// rectangle and view, widget rectangles (CSS pixels), notices, hash, timings.
EMSCRIPTEN_KEEPALIVE const char* tl_test_state() {
  static std::string text;
  text = g_app ? tl::test_state_json(*g_app) : std::string("{}");
  return text.c_str();
}

/// The last frames' timings (PerfStats::frames_json: our frame and its parts in ms, and the
/// interval between animation frames), oldest first.
EMSCRIPTEN_KEEPALIVE const char* tl_perf_frames() {
  static std::string text;
  text = g_app ? g_app->perf.frames_json() : std::string("{}");
  return text.c_str();
}

/// 1 on the threaded build, 0 on the single-threaded one.
EMSCRIPTEN_KEEPALIVE int tl_build_threaded() {
  return TL_APP_THREADED;
}

/// 1 once the training thread runs (threaded build).
EMSCRIPTEN_KEEPALIVE int tl_thread_started() {
  return g_app && g_app->host && g_app->host->thread_started() ? 1 : 0;
}

/// The course API (web/api_bridge.js): one command as JSON, the answer as JSON (App::api).
EMSCRIPTEN_KEEPALIVE const char* tl_api(const char* command) {
  static std::string text;
  text = g_app && command ? g_app->api(command)
                          : std::string("{\"ok\":false,\"error\":\"the lab is not running\"}");
  return text.c_str();
}

/// The state web/api_bridge.js polls for its events (App::api_status).
EMSCRIPTEN_KEEPALIVE const char* tl_api_status() {
  static std::string text;
  text = g_app ? g_app->api_status() : std::string("{}");
  return text.c_str();
}

/// Called by web/loader.js when a file was picked or dropped (it waits in Module.tlPendingFiles).
EMSCRIPTEN_KEEPALIVE void tl_file_ready() {}
}

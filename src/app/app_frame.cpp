// One frame of the page: input, training, the windows in their layout, render, then the hash,
// the live region and the timings.
#include <algorithm>

#include "app/app.h"
#include "app/figure_export.h"
#include "app/i18n.h"
#include "app/keyboard_nav.h"
#include "app/language.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/ui_renderer.h"
#include "app/views/views.h"

#include <GLES3/gl3.h>

TL_NAMESPACE_BEGIN

void App::frame() {
  const double t0 = now_seconds();
  widgets_.clear();
  platform::new_frame();
  if (platform::take_hash_changed()) apply_hash(platform::location_hash());
  for (platform::FileDrop f; platform::take_file(f);) {
    if (f.kind == 2)
      load_class_table(f);
    else
      load_file(f);
  }
  language::update(*this);  // a fetched language's font joins the fonts just below
  if (theme::build_fonts(platform::pixel_ratio())) {
    ui_renderer::destroy_fonts_texture();
    ui_renderer::create_fonts_texture();
  }
  ImGui::NewFrame();
  keyboard::begin_frame(*this);

  // Training: on the threaded build the thread; on the single build tasks between frames
  // (train_between_frames), or up to kTrainSliceMs here until those run.
  const double te = now_seconds();
  if (!training_between_frames_) host->pump(kTrainSliceMs);
  engine_ms = (now_seconds() - te) * 1000.0;
  train_task_ms = train_tasks_ms_;
  train_tasks_ms_ = 0;
  // A heatmap texture upload in update_from_snapshot() is GL work (upload_ms).
  const uint64_t serial_before = heatmap_serial_;
  update_from_snapshot();
  const double gl_upload_ms = heatmap_serial_ != serial_before ? upload_ms : 0.0;

  layout = compute_layout(ImGui::GetIO().DisplaySize, embed, show_side, layout);
  if (embed && hide_controls) drop_control_row(layout);
  split_for_view(layout, in_sync() && snap && snap->view && views::find_view(snap->view->kind));
  draw_windows();
  keyboard::end_frame(*this);

  ImGui::Render();
  const double tg = now_seconds();
  ui_ms = (tg - t0) * 1000.0;
  const int fw = platform::framebuffer_width(), fh = platform::framebuffer_height();
  glViewport(0, 0, fw, fh);
  const ImVec4 bg = theme::to_vec4(theme::kCanvasBg);
  glClearColor(bg.x, bg.y, bg.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ui_renderer::render(ImGui::GetDrawData());
  // The canvas as a figure: drawn again offscreen, without the page's controls (the screen keeps
  // this frame).
  if (png_requested_) {
    png_requested_ = false;
    save_canvas_figure(*this, info_->name + "-canvas.png");
  }
  const double gl_ms = gl_upload_ms + (now_seconds() - tg) * 1000.0;

  sync_hash();
  update_live_region();
  ++frames;
  if (!ready_sent_) {
    ready_sent_ = true;
    platform::page_ready(host->threaded());
  }
  update_timings(t0);
  perf.add(t0, frame_ms - gl_ms, gl_ms, host->threaded() ? 0.0 : engine_ms,
           snap && snap->heatmap ? snap->heatmap->serial : 0, train_task_ms, train_task_last_max_);
  train_task_last_max_ = 0;
}

void App::draw_windows() {
  const Layout& l = layout;
  // The panels tile the page. One that appears later (the method view, once its data come)
  // takes no focus: focusing it would cancel a click in progress elsewhere (Play pressed early).
  const ImGuiWindowFlags fixed =
      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoFocusOnAppearing;
  // Canvas first (at the back).
  if (l.canvas_size.x > 1 && l.canvas_size.y > 1) {
    ImGui::SetNextWindowPos(l.canvas_pos);
    ImGui::SetNextWindowSize(l.canvas_size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::to_vec4(theme::kCanvasBg));
    ImGui::Begin("Canvas", nullptr,
                 fixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    const CanvasContext ctx = canvas_context();
    canvas.draw(ctx, l.canvas_pos, l.canvas_size);
    ImGui::End();
    if (!show_home) canvas.overlays(ctx);
    if (!show_home && show_perf) perf_overlay(*this);
  }

  if (l.view_size.x > 1 && l.view_size.y > 1 && !show_home) {
    ImGui::SetNextWindowPos(l.view_pos);
    ImGui::SetNextWindowSize(l.view_size);
    ImGui::Begin("Method view", nullptr, fixed | ImGuiWindowFlags_NoScrollbar);
    views::method_view(*this, ImGui::GetContentRegionAvail());
    ImGui::End();
    widgets_["method_view"] = ImVec4(l.view_pos.x, l.view_pos.y, l.view_size.x, l.view_size.y);
  }

  ImGui::SetNextWindowPos(l.bar_pos);
  ImGui::SetNextWindowSize(l.bar_size);
  ImGui::Begin("Controls", nullptr, fixed | ImGuiWindowFlags_NoScrollbar);
  // Keyboard navigation starts at the Play button (once every window exists), unless the user
  // is already clicking: focusing another window would cancel that click.
  if (!initial_focus_done_ && frames >= 2) {
    initial_focus_done_ = true;
    if (!ImGui::IsAnyMouseDown() && !ImGui::IsAnyItemActive()) ImGui::SetWindowFocus();
  }
  panels::control_bar(*this);
  ImGui::End();

  if (!embed && l.left_size.x > 0) {
    ImGui::SetNextWindowPos(l.left_pos);
    ImGui::SetNextWindowSize(l.left_size);
    ImGui::Begin("Setup", nullptr, fixed);
    if (l.narrow || l.phone) {
      if (ImGui::BeginTabBar("##tabs")) {
        if (ImGui::BeginTabItem((std::string(tr("Setup")) + "###tab_setup").c_str())) {
          panels::scenario_panel(*this);
          panels::config_panel(*this);
          panels::data_panel(*this);
          ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem((std::string(tr("Results")) + "###tab_results").c_str())) {
          panels::lesson_panel(*this);
          panels::figures_panel(*this);
          panels::plots_panel(*this);
          panels::save_panel(*this);
          panels::digits_panel(*this);
          ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
      }
    } else {
      panels::scenario_panel(*this);
      panels::config_panel(*this);
      panels::data_panel(*this);
    }
    ImGui::End();
  }
  if (!embed && l.right_size.x > 0) {
    ImGui::SetNextWindowPos(l.right_pos);
    ImGui::SetNextWindowSize(l.right_size);
    ImGui::Begin("Results", nullptr, fixed);
    panels::lesson_panel(*this);
    panels::figures_panel(*this);
    panels::plots_panel(*this);
    panels::save_panel(*this);
    panels::digits_panel(*this);
    ImGui::End();
  }
  if (show_home && !embed && l.canvas_size.x > 1) {
    // Over the canvas and the method view.
    const float h = l.canvas_size.y + l.view_size.y;
    ImGui::SetNextWindowPos(l.canvas_pos);
    ImGui::SetNextWindowSize(ImVec2(l.canvas_size.x, h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18, 14));
    ImGui::Begin("Home", nullptr, fixed & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
    panels::home_panel(*this);
    ImGui::End();
    ImGui::PopStyleVar();
  }
  notices.draw(
      l.canvas_pos, l.canvas_size, [this](const char* name) { mark(name); },
      show_home ? 0.0f : canvas.overlays_bottom());
  if (show_help) panels::help_window(*this);
}

bool App::train_between_frames() {
  training_between_frames_ = true;
  const double t0 = now_seconds();
  const bool worked = host->pump(kTrainSliceMs);
  const double ms = (now_seconds() - t0) * 1000.0;
  train_tasks_ms_ += ms;
  train_task_max_window_ = std::max(train_task_max_window_, ms);
  train_task_last_max_ = std::max(train_task_last_max_, ms);
  return worked;
}

void App::update_timings(double t0) {
  frame_ms = (now_seconds() - t0) * 1000.0;
  // Means over the last second (published once a second).
  const double now = now_seconds();
  ++fps_frames_;
  sum_frame_ += frame_ms;
  sum_ui_ += ui_ms;
  sum_engine_ += engine_ms;
  sum_train_task_ += train_task_ms;
  if (now - fps_t0_ >= 1.0) {
    fps = fps_frames_ / (now - fps_t0_);
    frame_ms_avg = sum_frame_ / fps_frames_;
    ui_ms_avg = sum_ui_ / fps_frames_;
    engine_ms_avg = sum_engine_ / fps_frames_;
    train_task_ms_avg = sum_train_task_ / fps_frames_;
    train_task_ms_max = train_task_max_window_;
    train_task_max_window_ = 0;
    fps_t0_ = now;
    fps_frames_ = 0;
    sum_frame_ = sum_ui_ = sum_engine_ = sum_train_task_ = 0;
  }
}

TL_NAMESPACE_END

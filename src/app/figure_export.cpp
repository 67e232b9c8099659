#include "app/figure_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/metric_format.h"
#include "app/phases.h"
#include "app/theme.h"
#include "app/ui_renderer.h"
#include "imgui_internal.h"

#include <GLES3/gl3.h>

TL_NAMESPACE_BEGIN

float figure_title_height() {
  return std::ceil(ImGui::GetFontSize() * 1.25f + ImGui::GetTextLineHeight() + 22);
}

FigureTitle figure_title(App& app) {
  FigureTitle t;
  const ScenarioInfo* info = app.info();
  t.title = info ? tr(info->title) + "  \xC2\xB7  " + info->name : std::string("TransferLab");
  const Snapshot* s = app.snap.get();
  if (!s) return t;
  // The method's main metric beside its baseline (as the embedded page shows it), else its first
  // reported metric.
  const MetricInfoList infos = app.mirror().metrics_info();
  std::string figures;
  KeyFigure kf;
  if (key_figure(infos, s->metrics, kf)) {
    figures = key_figure_text(kf);
  } else {
    for (const auto& kv : s->metrics) {
      const MetricInfo mi = metric_info_or_default(infos, kv.first);
      if (mi.role != MetricRole::kMethod) continue;
      figures = tr(mi.label) + " " + format_metric(mi, kv.second);
      break;
    }
  }
  const std::string sep = "  \xC2\xB7  ";
  if (!figures.empty()) figures += sep;
  char step[96];
  std::snprintf(step, sizeof(step), tr("step %ld of %ld"), s->step, s->total);
  figures += step;
  if (!s->done) {
    const std::string phase = phase_status(*s);
    if (!phase.empty()) figures += sep + phase;
  }
  char seed[64];
  std::snprintf(seed, sizeof(seed), tr("seed %llu"), static_cast<unsigned long long>(app.seed));
  figures += sep + seed;
  t.figures = figures;
  return t;
}

void save_canvas_figure(App& app, const std::string& file_name) {
  const ImVec2 pos = app.layout.canvas_pos, size = app.layout.canvas_size;
  if (size.x < 8 || size.y < 8) return;
  const FigureTitle title = figure_title(app);

  // The figure's frame: the canvas below a title strip, its legend; nothing else is submitted.
  const int page_frame = ImGui::GetFrameCount();
  const CanvasView view = app.canvas.view;
  const ImVec2 area_min = app.canvas.area_min, area_max = app.canvas.area_max;
  const bool split = app.canvas.split;
  ImGui::NewFrame();
  const float band = figure_title_height();
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::to_vec4(theme::kCanvasBg));
  ImGui::Begin("Figure", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
  // Behind the canvas's legend (a window of its own, drawn over the figure).
  ImGui::BringWindowToDisplayBack(ImGui::GetCurrentWindow());
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize() * 1.25f;
  dl->AddText(theme::bold(), fs, ImVec2(pos.x + 14, pos.y + 8), IM_COL32(235, 238, 245, 255),
              title.title.c_str());
  dl->AddText(ImVec2(pos.x + 14, pos.y + 12 + fs), theme::kAxisText, title.figures.c_str());
  dl->AddLine(ImVec2(pos.x, pos.y + band - 1), ImVec2(pos.x + size.x, pos.y + band - 1),
              IM_COL32(255, 255, 255, 40));
  CanvasContext ctx = app.canvas_context();
  // Drawing the figure changes nothing outside the canvas.
  ctx.view_changed = [] {};
  ctx.data_changed = [](bool) {};
  ctx.begin_sketch_edit = [] {};
  ctx.notify = [](const std::string&) {};
  ctx.mark = [](const char*) {};
  ctx.set_compare = [](int) {};
  app.canvas.figure_mode = true;
  app.canvas.draw(ctx, ImVec2(pos.x, pos.y + band), ImVec2(size.x, size.y - band));
  ImGui::End();
  app.canvas.overlays(ctx);
  app.canvas.figure_mode = false;
  ImGui::Render();
  // The page's windows stay as they were: not submitted in this extra frame, ImGui would take
  // them for newly opened ones next frame (focusing them, hiding auto-sized ones for a frame).
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (ImGuiWindow* w : g.Windows)
    if (w->LastFrameActive == page_frame && !w->Active) {
      w->Active = true;
      w->LastFrameActive = g.FrameCount;
    }
  app.canvas.view = view;
  app.canvas.area_min = area_min;
  app.canvas.area_max = area_max;
  app.canvas.split = split;

  // Drawn at kFigureScale into an offscreen framebuffer over the canvas rectangle.
  ImDrawData* dd = ImGui::GetDrawData();
  dd->DisplayPos = pos;
  dd->DisplaySize = size;
  dd->FramebufferScale = ImVec2(kFigureScale, kFigureScale);
  const int w = static_cast<int>(std::lround(size.x * kFigureScale));
  const int h = static_cast<int>(std::lround(size.y * kFigureScale));
  GLuint fbo = 0, rb = 0;
  glGenFramebuffers(1, &fbo);
  glGenRenderbuffers(1, &rb);
  glBindRenderbuffer(GL_RENDERBUFFER, rb);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb);
  std::vector<unsigned char> rgba;
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) {
    glViewport(0, 0, w, h);
    glDisable(GL_SCISSOR_TEST);
    const ImVec4 bg = theme::to_vec4(theme::kCanvasBg);
    glClearColor(bg.x, bg.y, bg.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ui_renderer::render(dd);
    rgba.resize(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glDeleteRenderbuffers(1, &rb);
  glDeleteFramebuffers(1, &fbo);
  if (rgba.empty()) {
    app.notify(tr("Could not draw the figure (no offscreen framebuffer)"), true);
    return;
  }
  // Opaque, rows top first.
  for (size_t i = 3; i < rgba.size(); i += 4) rgba[i] = 255;
  const size_t row = static_cast<size_t>(w) * 4;
  for (int y = 0; y < h / 2; ++y)
    std::swap_ranges(
        rgba.begin() + static_cast<std::ptrdiff_t>(row * static_cast<size_t>(y)),
        rgba.begin() + static_cast<std::ptrdiff_t>(row * static_cast<size_t>(y + 1)),
        rgba.begin() + static_cast<std::ptrdiff_t>(row * static_cast<size_t>(h - 1 - y)));
  platform::save_rgba_png(rgba.data(), w, h, file_name);
}

TL_NAMESPACE_END

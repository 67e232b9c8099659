#include "app/heatmap_renderer.h"

#include <GLES3/gl3.h>

#include "app/engine.h"
#include "app/gl_program.h"
#include "app/shaders_embedded.h"
#include "app/theme.h"

TL_NAMESPACE_BEGIN

namespace {

void set_palette(unsigned prog) {
  float pal[theme::kPaletteSize * 3];
  for (int k = 0; k < theme::kPaletteSize; ++k) {
    const ImVec4 c = theme::class_color(k);
    pal[3 * k] = c.x;
    pal[3 * k + 1] = c.y;
    pal[3 * k + 2] = c.z;
  }
  glUniform3fv(glGetUniformLocation(prog, "u_palette"), theme::kPaletteSize, pal);
}

}  // namespace

bool HeatmapRenderer::init(std::string& error) {
  heat_prog_ = gl_link_program(kShader_heatmap_vert, kShader_heatmap_frag, error);
  if (!heat_prog_) return false;
  point_prog_ = gl_link_program(kShader_points_vert, kShader_points_frag, error);
  if (!point_prog_) return false;
  glGenVertexArrays(1, &vao_empty_);
  glGenVertexArrays(1, &vao_points_);
  glGenBuffers(1, &vbo_points_);
  glBindVertexArray(vao_points_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_points_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(PointInstance), nullptr);
  glVertexAttribDivisor(0, 1);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, sizeof(PointInstance),
                        reinterpret_cast<void*>(2 * sizeof(float)));
  glVertexAttribDivisor(1, 1);
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);

  glUseProgram(heat_prog_);
  set_palette(heat_prog_);
  glUniform1i(glGetUniformLocation(heat_prog_, "u_probs"), 0);
  const ImVec4 bg = theme::to_vec4(theme::kCanvasBg);
  glUniform3f(glGetUniformLocation(heat_prog_, "u_background"), bg.x, bg.y, bg.z);
  glUniform3f(glGetUniformLocation(heat_prog_, "u_line"), 0.96f, 0.97f, 1.0f);
  glUseProgram(point_prog_);
  set_palette(point_prog_);
  const ImVec4 un = theme::class_color(-1);
  glUniform3f(glGetUniformLocation(point_prog_, "u_unlabelled"), un.x, un.y, un.z);
  glUseProgram(0);
  return true;
}

double HeatmapRenderer::upload(const Heatmap& hm, bool compare) {
  const double t0 = now_seconds();
  const int n = hm.spec.n;
  const std::vector<float>& probs = compare ? hm.compare_probs : hm.probs;
  if (hm.classes <= 0 || n <= 0 || probs.size() != static_cast<size_t>(hm.classes) * n * n) {
    classes_ = 0;
    return 0;
  }
  const int layers = std::min(hm.classes, theme::kPaletteSize);
  if (!tex_) glGenTextures(1, &tex_);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D_ARRAY, tex_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (n != grid_n_ || layers != classes_) {
    glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GL_R16F, n, n, layers, 0, GL_RED, GL_FLOAT, probs.data());
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  } else {
    glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, 0, n, n, layers, GL_RED, GL_FLOAT, probs.data());
  }
  glBindTexture(GL_TEXTURE_2D_ARRAY, 0);
  grid_n_ = n;
  classes_ = layers;
  grid_ = hm.spec;
  return (now_seconds() - t0) * 1000.0;
}

void HeatmapRenderer::set_points(const std::vector<PointInstance>& points) {
  glBindBuffer(GL_ARRAY_BUFFER, vbo_points_);
  const size_t bytes = points.size() * sizeof(PointInstance);
  if (points.size() > point_capacity_) {
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(bytes), points.data(), GL_DYNAMIC_DRAW);
    point_capacity_ = points.size();
  } else if (bytes > 0) {
    glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), points.data());
  }
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  point_count_ = static_cast<int>(points.size());
}

void HeatmapRenderer::set_common(unsigned program, const CanvasFrame& f, const ImDrawCmd* cmd) {
  const ImDrawData* dd = ImGui::GetDrawData();
  const ImVec2 pos = dd->DisplayPos, size = dd->DisplaySize, scale = dd->FramebufferScale;
  const float fb_h = size.y * scale.y;
  // Scissor to the command's clip rectangle (framebuffer pixels, origin bottom-left).
  const ImVec4 c = cmd->ClipRect;
  const float x0 = (c.x - pos.x) * scale.x, y0 = (c.y - pos.y) * scale.y;
  const float x1 = (c.z - pos.x) * scale.x, y1 = (c.w - pos.y) * scale.y;
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<int>(x0), static_cast<int>(fb_h - y1), static_cast<int>(x1 - x0),
            static_cast<int>(y1 - y0));
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glUseProgram(program);
  auto ndc_x = [&](float x) { return (x - pos.x) / size.x * 2.0f - 1.0f; };
  auto ndc_y = [&](float y) { return 1.0f - (y - pos.y) / size.y * 2.0f; };
  glUniform4f(glGetUniformLocation(program, "u_rect_ndc"), ndc_x(f.min.x), ndc_y(f.min.y),
              ndc_x(f.max.x), ndc_y(f.max.y));
  glUniform4f(glGetUniformLocation(program, "u_view"), static_cast<float>(f.xmin),
              static_cast<float>(f.xmax), static_cast<float>(f.ymin), static_cast<float>(f.ymax));
}

void HeatmapRenderer::heatmap_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const Pass& pass = *static_cast<const Pass*>(cmd->UserCallbackData);
  HeatmapRenderer& r = *pass.self;
  if (r.classes_ <= 0) return;
  r.set_common(r.heat_prog_, pass.frame, cmd);
  glUniform1i(glGetUniformLocation(r.heat_prog_, "u_classes"), r.classes_);
  glUniform4f(glGetUniformLocation(r.heat_prog_, "u_grid"), static_cast<float>(r.grid_.xmin),
              static_cast<float>(r.grid_.xmax), static_cast<float>(r.grid_.ymin),
              static_cast<float>(r.grid_.ymax));
  glUniform1f(glGetUniformLocation(r.heat_prog_, "u_strength"), pass.value);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D_ARRAY, r.tex_);
  glBindVertexArray(r.vao_empty_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBindTexture(GL_TEXTURE_2D_ARRAY, 0);
}

void HeatmapRenderer::points_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const Pass& pass = *static_cast<const Pass*>(cmd->UserCallbackData);
  HeatmapRenderer& r = *pass.self;
  if (r.point_count_ <= 0) return;
  r.set_common(r.point_prog_, pass.frame, cmd);
  const ImDrawData* dd = ImGui::GetDrawData();
  const float fb_w = dd->DisplaySize.x * dd->FramebufferScale.x;
  const float fb_h = dd->DisplaySize.y * dd->FramebufferScale.y;
  glUniform2f(glGetUniformLocation(r.point_prog_, "u_px_ndc"), 2.0f / fb_w, 2.0f / fb_h);
  glUniform1f(glGetUniformLocation(r.point_prog_, "u_size"), pass.value * dd->FramebufferScale.x);
  glUniform1f(glGetUniformLocation(r.point_prog_, "u_ratio"), dd->FramebufferScale.x);
  glBindVertexArray(r.vao_points_);
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, r.point_count_);
}

void HeatmapRenderer::draw_heatmap(ImDrawList* dl, const CanvasFrame& frame, float strength) {
  heat_pass_ = {this, frame, strength};
  dl->AddCallback(heatmap_callback, &heat_pass_);
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void HeatmapRenderer::draw_points(ImDrawList* dl, const CanvasFrame& frame, float size) {
  point_pass_ = {this, frame, size};
  dl->AddCallback(points_callback, &point_pass_);
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

TL_NAMESPACE_END

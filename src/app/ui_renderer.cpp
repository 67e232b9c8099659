#include "app/ui_renderer.h"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "app/gl_program.h"
#include "app/shaders_embedded.h"

TL_NAMESPACE_BEGIN

namespace ui_renderer {

namespace {

static_assert(sizeof(ImDrawIdx) == 4, "the page builds ImGui with 32-bit indices");

struct State {
  unsigned program = 0, vao = 0, vbo = 0, ibo = 0, font_texture = 0;
  int u_proj = -1, u_texture = -1;
  // All draw lists of a frame in one upload; indices rebased onto the joined vertex array.
  std::vector<ImDrawVert> vertices;
  std::vector<ImDrawIdx> indices;
};

State& state() {
  static State s;
  return s;
}

/// Everything the widgets' draws need, set rather than queried (also after a draw callback that
/// asked for ImDrawCallback_ResetRenderState).
void setup_render_state(const ImDrawData* dd, int fb_width, int fb_height) {
  State& s = state();
  glViewport(0, 0, fb_width, fb_height);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  // Orthographic projection of the display rectangle: x right, y down (CSS pixels) to clip space.
  const float l = dd->DisplayPos.x, r = dd->DisplayPos.x + dd->DisplaySize.x;
  const float t = dd->DisplayPos.y, b = dd->DisplayPos.y + dd->DisplaySize.y;
  const float proj[16] = {
      2.0f / (r - l),    0, 0, 0, 0, 2.0f / (t - b), 0, 0, 0, 0, -1, 0, (r + l) / (l - r),
      (t + b) / (b - t), 0, 1};
  glUseProgram(s.program);
  glUniform1i(s.u_texture, 0);
  glUniformMatrix4fv(s.u_proj, 1, GL_FALSE, proj);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(s.vao);
}

}  // namespace

bool init(std::string& error) {
  State& s = state();
  s.program = gl_link_program(kShader_ui_vert, kShader_ui_frag, error);
  if (!s.program) return false;
  s.u_proj = glGetUniformLocation(s.program, "u_proj");
  s.u_texture = glGetUniformLocation(s.program, "u_texture");
  glGenVertexArrays(1, &s.vao);
  glGenBuffers(1, &s.vbo);
  glGenBuffers(1, &s.ibo);
  glBindVertexArray(s.vao);
  glBindBuffer(GL_ARRAY_BUFFER, s.vbo);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, s.ibo);  // part of the vertex array's state
  const GLsizei stride = sizeof(ImDrawVert);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  ImGui::GetIO().BackendRendererName = "transferlab_webgl2";
  return true;
}

void create_fonts_texture() {
  State& s = state();
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  if (!s.font_texture) glGenTextures(1, &s.font_texture);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, s.font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  glBindTexture(GL_TEXTURE_2D, 0);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(s.font_texture)));
}

void destroy_fonts_texture() {
  State& s = state();
  if (s.font_texture) glDeleteTextures(1, &s.font_texture);
  s.font_texture = 0;
  ImGui::GetIO().Fonts->SetTexID(nullptr);
}

void render(const ImDrawData* dd) {
  State& s = state();
  const int fb_width = static_cast<int>(dd->DisplaySize.x * dd->FramebufferScale.x);
  const int fb_height = static_cast<int>(dd->DisplaySize.y * dd->FramebufferScale.y);
  if (fb_width <= 0 || fb_height <= 0 || !s.program) return;

  // One upload of every list's vertices and indices; list k's indices shifted by the vertices
  // before it (WebGL2 has no base-vertex draw).
  s.vertices.clear();
  s.indices.clear();
  for (int n = 0; n < dd->CmdListsCount; ++n) {
    const ImDrawList* list = dd->CmdLists[n];
    const ImDrawIdx base = static_cast<ImDrawIdx>(s.vertices.size());
    s.vertices.insert(s.vertices.end(), list->VtxBuffer.begin(), list->VtxBuffer.end());
    for (const ImDrawIdx i : list->IdxBuffer) s.indices.push_back(i + base);
  }
  setup_render_state(dd, fb_width, fb_height);
  glBindBuffer(GL_ARRAY_BUFFER, s.vbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(s.vertices.size() * sizeof(ImDrawVert)),
               s.vertices.data(), GL_STREAM_DRAW);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER,
               static_cast<GLsizeiptr>(s.indices.size() * sizeof(ImDrawIdx)), s.indices.data(),
               GL_STREAM_DRAW);

  const ImVec2 off = dd->DisplayPos, scale = dd->FramebufferScale;
  size_t list_first_index = 0;
  for (int n = 0; n < dd->CmdListsCount; ++n) {
    const ImDrawList* list = dd->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
          setup_render_state(dd, fb_width, fb_height);
        } else {
          cmd.UserCallback(list, &cmd);
        }
        continue;
      }
      // Clip rectangle in framebuffer pixels; GL's scissor origin is the bottom-left corner.
      const float x0 = (cmd.ClipRect.x - off.x) * scale.x, y0 = (cmd.ClipRect.y - off.y) * scale.y;
      const float x1 = (cmd.ClipRect.z - off.x) * scale.x, y1 = (cmd.ClipRect.w - off.y) * scale.y;
      if (x1 <= x0 || y1 <= y0) continue;
      glScissor(static_cast<int>(x0), static_cast<int>(fb_height - y1), static_cast<int>(x1 - x0),
                static_cast<int>(y1 - y0));
      glBindTexture(GL_TEXTURE_2D,
                    static_cast<unsigned>(reinterpret_cast<intptr_t>(cmd.GetTexID())));
      const size_t first = list_first_index + cmd.IdxOffset;
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), GL_UNSIGNED_INT,
                     reinterpret_cast<void*>(first * sizeof(ImDrawIdx)));
    }
    list_first_index += static_cast<size_t>(list->IdxBuffer.Size);
  }
  glDisable(GL_SCISSOR_TEST);
  glBindVertexArray(0);
}

}  // namespace ui_renderer

TL_NAMESPACE_END

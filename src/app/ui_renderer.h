#pragma once
/// Draws ImGui's draw data with WebGL2 (shaders/ui.*), in place of ImGui's OpenGL3 backend.
///
/// Why our own: that backend saves and restores the GL state around every frame with
/// glGetIntegerv/glIsEnabled. In a browser, some of those queries (the scissor box, the blend
/// factors) are answered by the GPU process, so the page's main thread waits there until every
/// earlier frame has been drawn: with a software rasteriser that wait was over 90% of each frame,
/// time the single-threaded build could not train in. This renderer asks WebGL nothing per frame:
/// the page owns every GL call, so the state it needs is set, never read back. Per frame it makes
/// one vertex and one index upload (all draw lists concatenated) and one draw per command.
#include <string>
#include <vector>

#include "imgui.h"

#include "core/config.h"

TL_NAMESPACE_BEGIN

namespace ui_renderer {

/// Compiles the program and creates the buffers (needs a current WebGL2 context); false with a
/// message on failure.
bool init(std::string& error);
/// Builds the font atlas texture (again) from ImGui's fonts: at start and after the fonts change.
void create_fonts_texture();
void destroy_fonts_texture();
/// Draws `dd` into the bound framebuffer, sized DisplaySize x FramebufferScale. Leaves the
/// scissor test off, so the next glClear clears the whole framebuffer.
void render(const ImDrawData* dd);

}  // namespace ui_renderer

TL_NAMESPACE_END

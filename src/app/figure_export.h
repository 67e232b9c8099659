#pragma once
/// The canvas as a figure (the "Canvas PNG" download): the plot alone (heatmap and points, both
/// panes when split, with their captions), its axes and legend, under a title strip naming the
/// scenario and its key figures (the method's main metric and its baseline), at twice the
/// canvas's CSS size. No tool bar, notices or hover marks.
#include <string>

#include "imgui.h"

#include "core/config.h"

TL_NAMESPACE_BEGIN

class App;

/// The figure's scale: output pixels per CSS pixel.
inline constexpr float kFigureScale = 2.0f;

/// The title strip's height at the top of the figure (CSS pixels).
float figure_title_height();

/// The title strip's two lines: the scenario, then its key figures ("fine-tuned 91.0% vs
/// scratch 83.5% (target accuracy) · step 600 of 600 · seed 1").
struct FigureTitle {
  std::string title, figures;
};
FigureTitle figure_title(App& app);

/// Renders the figure in an extra ImGui frame (after the page's own frame has been rendered: the
/// screen is left as it is) into an offscreen framebuffer and downloads it as `file_name`. Call
/// after ImGui::Render() and its drawing.
void save_canvas_figure(App& app, const std::string& file_name);

TL_NAMESPACE_END

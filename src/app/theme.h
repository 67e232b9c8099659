#pragma once
/// Look of the page: a dark instrument-panel theme, the class palette (Okabe-Ito, colour-blind
/// safe, extended for up to 12 classes) and fonts sized for the device pixel ratio.
#include <string>
#include <vector>

#include "imgui.h"

#include "core/config.h"

TL_NAMESPACE_BEGIN

namespace theme {

constexpr int kPaletteSize = 12;
/// Class colour (RGB in [0, 1]); index wraps.
ImVec4 class_color(int k);
ImU32 class_u32(int k, float alpha = 1.0f);
/// Colour of unlabelled points.
ImU32 unlabelled_u32(float alpha = 1.0f);

// Surfaces and text.
constexpr ImU32 kCanvasBg = IM_COL32(17, 19, 24, 255);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 18);
constexpr ImU32 kAxisText = IM_COL32(170, 178, 192, 255);
constexpr ImU32 kMuted = IM_COL32(140, 148, 163, 255);
constexpr ImU32 kAccent = IM_COL32(86, 180, 233, 255);
constexpr ImU32 kWarn = IM_COL32(240, 180, 70, 255);
constexpr ImU32 kError = IM_COL32(255, 120, 100, 255);
constexpr ImU32 kGood = IM_COL32(90, 200, 150, 255);
/// The keyboard focus ring: bright yellow, clear on the dark panels and on the canvas shading.
constexpr ImU32 kFocusRing = IM_COL32(255, 214, 10, 255);
ImVec4 to_vec4(ImU32 c);

/// Applies the style (sizes in CSS pixels).
void apply_style();
/// (Re)builds the fonts for a pixel ratio: regular, bold, large figures. Returns true when the
/// atlas changed (the renderer must re-upload it): the ratio changed or a CJK font was set.
/// Every font also draws the language switch's Chinese name and the loading notice (a tiny
/// built-in subset), and draws i18n::kBreakMark with zero width.
bool build_fonts(float pixel_ratio);
/// A CJK font (TrueType bytes) merged into the regular, bold and big fonts for `codepoints` (the
/// characters it maps; those the UI font has keep the UI font's) at the next build_fonts.
void set_cjk_font(std::vector<unsigned char> ttf, const std::vector<char32_t>& codepoints);
/// How many of the CJK font's characters every font can draw (0 before one is set).
int cjk_glyphs();
/// The characters of `text` that the regular, bold or big font cannot draw (without the
/// fallback glyph), each once, ascending; line breaks and break marks are not characters here.
std::vector<char32_t> missing_glyphs(const std::u32string& text);

ImFont* regular();
ImFont* bold();
ImFont* big();

}  // namespace theme

TL_NAMESPACE_END

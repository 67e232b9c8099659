#pragma once
/// Small custom widgets: buttons with vector icons (no icon font needed), marker glyphs, class
/// swatches, section headings and help markers.
#include <string>

#include "imgui.h"

#include "core/config.h"

TL_NAMESPACE_BEGIN

namespace widgets {

enum class Icon {
  kPlay,
  kPause,
  kStep,
  kReset,
  kRestart,
  kCircle,
  kTriangle,
  kPen,
  kEraser,
  kHand,
  kUndo,
  kClear,
  kFit,
  kDownload,
  kUpload,
  kDice,
  kHelp
};

/// Draws `icon` centred at c with half-size r.
void draw_icon(ImDrawList* dl, Icon icon, ImVec2 c, float r, ImU32 col);
/// A button with an icon and an optional label; `selected` highlights it (toggle groups).
bool icon_button(const char* id, Icon icon, const char* label, bool selected = false,
                 ImVec2 size = ImVec2(0, 0), ImU32 accent = 0);
/// A class colour swatch (selectable), `size` high and at least as wide, wider where its label
/// (drawn inside: a class name such as "cat", "7", "?") needs it.
bool swatch(const char* id, ImU32 color, bool selected, const char* label, float size);
/// The width swatch() takes for `label` at height `size`.
float swatch_width(const char* label, float size);
/// Marker glyph like the canvas draws it (shape 0 circle, 1 triangle; hollow: ring only).
void marker(ImDrawList* dl, ImVec2 c, float r, int shape, ImU32 fill, bool hollow);
/// Section heading: bold text with a faint rule.
void heading(const char* text);
/// Tooltip on the last item.
void tooltip(const char* text);
/// Text muted colour.
void muted(const char* text);

/// `text` cut at whole UTF-8 characters, and `ellipsis` added, to fit `width` pixels in the
/// current font (trailing blanks before the ellipsis dropped); "" when not even that fits.
std::string fit_text(const std::string& text, float width, const char* ellipsis = "...");

}  // namespace widgets

TL_NAMESPACE_END

#pragma once
/// Where the page's windows go: the setup column on the left, the results column on the right,
/// the control bar and the canvas between them; tabs in one column when narrow, one pane at a
/// time on a phone, only the bar and the canvas when embedded.
#include "imgui.h"

#include "core/config.h"

TL_NAMESPACE_BEGIN

/// The panels' rectangles in CSS pixels (a zero size: not shown).
struct Layout {
  ImVec2 left_pos, left_size, right_pos, right_size, bar_pos, bar_size, canvas_pos, canvas_size;
  /// The method view under the canvas (zero size: none; split_for_view()).
  ImVec2 view_pos, view_size;
  /// Rows of the control bar: 1; 2 on a phone (the step counter, the link and help below) and
  /// embedded (the title line and the key figure above).
  int bar_rows = 1;
  bool narrow = false;  ///< panels in tabs on the left, no right column
  bool phone = false;   ///< one column: the panels or the canvas (show_side)
};

/// The layout for a display of `display` CSS pixels. `previous` keeps what a mode leaves unset
/// (embedded: the side columns' positions; phone: the right column's position).
Layout compute_layout(ImVec2 display, bool embed, bool show_side, const Layout& previous);

/// Embedded with controls=none: the bar keeps only its title line; the canvas takes the rest.
void drop_control_row(Layout& l);

/// Gives the lower part of the canvas's rectangle to the method view (`fraction` of its height,
/// at least a usable minimum), or none when `has_view` is false.
void split_for_view(Layout& l, bool has_view, float fraction = 0.42f);

TL_NAMESPACE_END

#pragma once
/// Line plots drawn with ImDrawList: axes with ticks, a legend, and values on hover.
#include <string>
#include <vector>

#include "imgui.h"

#include "core/config.h"

TL_NAMESPACE_BEGIN

struct PlotSeries {
  std::string name;
  const std::vector<double>* y = nullptr;  ///< one value per x (NaN: gap)
  ImU32 color = 0;
  bool dashed = false;
  std::string tooltip;  ///< shown when the legend entry is hovered ("" none)
};

/// A phase of training: from step `start` to the next phase's start (or the plot's end).
struct PlotPhase {
  double start = 0;
  std::string label;  ///< written at the top of its stretch ("fine-tune on target")
};

struct PlotOptions {
  double ymin = 0, ymax = 1;
  bool auto_y = true;  ///< fit y to the data (keeping ymin when auto_from_zero)
  bool from_zero = true;
  const char* y_format = "%.2f";
  bool percent = false;  ///< show values as percentages
  /// Shade the gap between series `shade_a` (the method) and `shade_b` (its baseline): green
  /// where a is above b, red where below (-1: no shading).
  int shade_a = -1, shade_b = -1;
  /// Phases of training: a vertical line at each start after the first, every other phase
  /// lightly shaded, each labelled at its top left (empty: none).
  std::vector<PlotPhase> phases;
};

/// Draws a plot of `series` over `xs` into a region of `size` (width 0: all available).
void line_plot(const char* id, const std::vector<long>& xs, const std::vector<PlotSeries>& series,
               ImVec2 size, const PlotOptions& opt);

/// A "nice" tick step (1, 2 or 5 times a power of ten) near `raw`.
double nice_step(double raw);

TL_NAMESPACE_END

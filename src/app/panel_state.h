#pragma once
/// What the panels remember between frames, owned by the App (no function-local statics): the
/// generator's settings, the layer strings being typed, the scenario grid's open quadrant.
#include <map>
#include <string>

#include "core/config.h"

TL_NAMESPACE_BEGIN

/// The data panel's generator: the shape, its size and noise, and the shift that makes the target.
struct GeneratorState {
  int generator = 0;
  int points = 300;
  float noise = 0.12f;
  int classes = 3;
  bool make_target = true;
  float rotation = 35.0f;
  float shift_x = 0.0f, shift_y = 0.0f;
  float scale = 1.0f;
  int target_points = 200;
};

struct PanelState {
  GeneratorState generator;
  /// Config panel: a layer list ("32,16") as typed, by config key, while it is being edited.
  std::map<std::string, std::string> layer_text;
  /// Config panel: why the typed layer list was rejected, by config key ("" when accepted).
  std::map<std::string, std::string> layer_error;
  /// Scenario panel: the quadrant of the 2x2 grid the user last opened (-1: the one of the
  /// current scenario).
  int open_cell = -1;
};

TL_NAMESPACE_END

// Compiled by the `layering_guard` test with the training core's include path: it must fail,
// because the core may not include ImGui, GL or Emscripten headers (DESIGN.md).
#include "imgui.h"

// Layering guard: src/core, src/data, src/transfer and src/scenarios must not depend on the UI,
// graphics or Emscripten (see DESIGN.md). This header shadows <GLFW/glfw3.h> on their include path.
#error "layering violation: the training core may not include <GLFW/glfw3.h>"

#pragma once
/// Compiling and linking the page's GLSL ES 3.00 programs (shaders/, embedded at build time).
#include <string>

#include "core/config.h"

TL_NAMESPACE_BEGIN

/// Compiles `vertex` and `fragment` (bodies without a #version line) and links them; returns the
/// program, or 0 with `error` set to the compiler's or linker's message.
unsigned gl_link_program(const char* vertex, const char* fragment, std::string& error);

TL_NAMESPACE_END

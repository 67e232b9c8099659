#pragma once
/// The characters a TrueType font maps (its `cmap` table, formats 4 and 12), read from the font's
/// bytes: the page merges exactly these from a fetched font subset, and reports how many it got.
/// UI-free (the unit tests read it natively).
#include <cstddef>
#include <vector>

#include "core/config.h"
#include "core/status.h"

TL_NAMESPACE_BEGIN

/// The code points `ttf` maps to a glyph other than .notdef, ascending; an error names what is
/// wrong with a file that is not a TrueType font (or holds no Unicode cmap).
Result<std::vector<char32_t>> font_codepoints(const unsigned char* ttf, size_t size);

TL_NAMESPACE_END

#pragma once
/// UTF-8 helpers shared by the JSON reader, the CSV messages, the page's translations and its
/// text clipping: encoding one code point, and finding character boundaries so that text is cut
/// between whole characters.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/config.h"

TL_NAMESPACE_BEGIN

namespace utf8 {

/// True for a continuation byte (10xxxxxx), which never starts a character.
inline bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}

/// The start of the character that holds byte `at` (`at` itself when it starts one); `at` may
/// be s.size(), which is a boundary.
inline size_t char_start(std::string_view s, size_t at) {
  if (at >= s.size()) return s.size();
  while (at > 0 && is_continuation(s[at])) --at;
  return at;
}

/// Appends code point `c` as UTF-8.
inline void append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xc0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xe0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (c & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (c & 0x3f));
  }
}

}  // namespace utf8

TL_NAMESPACE_END

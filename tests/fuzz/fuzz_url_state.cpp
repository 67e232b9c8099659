// libFuzzer target: the page's URL-state parser (app/url_state; compiled in directly). The
// properties checked are in checks.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!tl_fuzz::check_url_state(text).empty()) __builtin_trap();
  return 0;
}

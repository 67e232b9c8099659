// libFuzzer target: the model-file loader (and the JSON parser under it). Whatever it accepts
// must save and load back to the same text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json.h"
#include "core/model_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto j = tl::Json::parse(text, "fuzz");
  if (j.ok()) {
    auto again = tl::Json::parse(j->dump(), "fuzz");
    if (!again.ok() || again->dump() != j->dump()) __builtin_trap();
  }
  auto m = tl::load_mlp(text, "fuzz");
  if (m.ok()) {
    const std::string saved = tl::save_mlp(*m);
    auto back = tl::load_mlp(saved, "fuzz");
    if (!back.ok() || tl::save_mlp(*back) != saved) __builtin_trap();
  }
  return 0;
}

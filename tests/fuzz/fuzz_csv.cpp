// libFuzzer target: the CSV reader must return a data set or a message for any bytes, and what
// it accepts must survive a write/parse round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tl::CsvLimits limits;
  limits.max_columns = 256;
  limits.max_rows = 4096;
  auto r = tl::parse_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", limits);
  if (r.ok()) {
    if (!r->X.allFinite()) __builtin_trap();
    for (int label : r->y)
      if (label < -1 || label >= r->num_classes) __builtin_trap();
    auto again = tl::parse_csv(tl::write_csv(*r), "fuzz-roundtrip", limits);
    if (!again.ok() || again->size() != r->size()) __builtin_trap();
  } else if (r.error().rfind("fuzz: ", 0) != 0) {
    __builtin_trap();  // every message names its origin
  }
  return 0;
}

// libFuzzer target: the attribute-table reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = tl::parse_attribute_table(std::string_view(reinterpret_cast<const char*>(data), size),
                                     {}, "fuzz");
  if (r.ok()) {
    if (r->table.rows() != static_cast<Eigen::Index>(r->class_names.size())) __builtin_trap();
    if (r->table.cols() != static_cast<Eigen::Index>(r->attribute_names.size())) __builtin_trap();
    if (!r->table.allFinite()) __builtin_trap();
  }
  return 0;
}

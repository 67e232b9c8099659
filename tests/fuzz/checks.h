#pragma once
/// The properties the fuzz targets check, one function per reader. Each returns an empty string
/// when the input passes and otherwise what went wrong. The libFuzzer targets (fuzz_*.cpp) trap
/// on a non-empty result; tests/fuzz/test_replay.cpp runs every seed and regression input through
/// the same functions in the ordinary test binary. Crashes and sanitizer reports are caught by
/// the sanitized builds of both.
#include <string>
#include <string_view>

#include "app/url_state.h"
#include "core/json.h"
#include "core/model_io.h"
#include "data/csv.h"

namespace tl_fuzz {

/// The CSV reader returns a data set or a message naming its origin for any bytes, and what it
/// accepts survives a write/parse round trip.
inline std::string check_csv(std::string_view text) {
  tl::CsvLimits limits;
  limits.max_columns = 256;
  limits.max_rows = 4096;
  auto r = tl::parse_csv(text, "fuzz", limits);
  if (!r.ok()) {
    if (r.error().rfind("fuzz: ", 0) != 0) return "message without its origin: " + r.error();
    return {};
  }
  if (!r->X.allFinite()) return "accepted a non-finite value";
  if (static_cast<int>(r->y.size()) != r->size()) return "label count differs from point count";
  for (int label : r->y)
    if (label < -1 || label >= r->num_classes) return "label out of range";
  auto again = tl::parse_csv(tl::write_csv(*r), "fuzz-roundtrip", limits);
  if (!again.ok()) return "write_csv output does not parse: " + again.error();
  if (again->size() != r->size()) return "round trip changed the point count";
  if (r->size() > 0 && r->dim() > 0) {
    if (again->X != r->X) return "round trip changed the features";
    if (again->y != r->y) return "round trip changed the labels";
    if (again->domain != r->domain) return "round trip changed the domains";
  }
  return {};
}

/// The attribute-table reader returns a consistent table or a message naming its origin.
inline std::string check_attributes(std::string_view text) {
  auto r = tl::parse_attribute_table(text, {}, "fuzz");
  if (!r.ok()) {
    if (r.error().rfind("fuzz: ", 0) != 0) return "message without its origin: " + r.error();
    return {};
  }
  if (r->table.rows() != static_cast<Eigen::Index>(r->class_names.size()))
    return "row count differs from class count";
  if (r->table.cols() != static_cast<Eigen::Index>(r->attribute_names.size()))
    return "column count differs from attribute count";
  if (!r->table.allFinite()) return "accepted a non-finite value";
  // Asking for the classes it just read, in reverse order, must succeed and reorder the rows.
  std::vector<std::string> reversed(r->class_names.rbegin(), r->class_names.rend());
  auto again = tl::parse_attribute_table(text, reversed, "fuzz");
  if (!again.ok()) return "rejected its own class list: " + again.error();
  if (again->class_names != reversed) return "rows not in the requested order";
  if (again->table != r->table.colwise().reverse()) return "reordered rows differ";
  return {};
}

/// The JSON parser and the model-file loader: whatever they accept dumps/saves and reads back to
/// the same text.
inline std::string check_model(std::string_view text) {
  auto j = tl::Json::parse(text, "fuzz");
  if (j.ok()) {
    auto again = tl::Json::parse(j->dump(), "fuzz");
    if (!again.ok()) return "dump output does not parse: " + again.error();
    if (again->dump() != j->dump()) return "JSON round trip changed the text";
  } else if (j.error().rfind("fuzz: ", 0) != 0) {
    return "message without its origin: " + j.error();
  }
  auto m = tl::load_mlp(text, "fuzz");
  if (m.ok()) {
    const std::string saved = tl::save_mlp(*m);
    auto back = tl::load_mlp(saved, "fuzz");
    if (!back.ok()) return "save_mlp output does not load: " + back.error();
    if (tl::save_mlp(*back) != saved) return "model round trip changed the text";
  } else if (m.error().rfind("fuzz: ", 0) != 0) {
    return "message without its origin: " + m.error();
  }
  return {};
}

/// The URL-state parser never fails (problems become notices naming their origin), and what it
/// returns is a fixed point of format-then-parse.
inline std::string check_url_state(std::string_view hash) {
  const tl::UrlParse r = tl::parse_url_hash(hash);
  for (const std::string& n : r.notices)
    if (n.rfind("link: ", 0) != 0) return "notice without its origin: " + n;
  if (r.state.points && !tl::url_points_fit(*r.state.points))
    return "decoded points do not fit the encoding";
  bool left_out = true;
  const std::string text = tl::format_url_hash(r.state, &left_out);
  if (left_out) return "decoded points were left out of the link";
  if (text.size() <= tl::kMaxUrlHashLength) {
    const tl::UrlParse again = tl::parse_url_hash(text);
    if (!again.notices.empty()) return "formatted link gives a notice: " + again.notices[0];
    if (tl::format_url_hash(again.state) != text) return "format-parse is not a fixed point";
    if (again.state.scenario != r.state.scenario || again.state.seed != r.state.seed ||
        again.state.embed != r.state.embed || again.state.config != r.state.config)
      return "format-parse changed the state";
  }
  const auto decoded = tl::percent_decode(tl::percent_encode(hash));
  if (!decoded || *decoded != hash) return "percent escapes do not round-trip";
  return {};
}

}  // namespace tl_fuzz

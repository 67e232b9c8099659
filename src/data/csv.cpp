#include "data/csv.h"

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <unordered_map>
#include <utility>

#include "core/utf8.h"

TL_NAMESPACE_BEGIN

namespace {

using Record = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// Small text helpers

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// A cell quoted for a message: at most 40 bytes (cut on a UTF-8 boundary), control characters
/// shown as escapes.
std::string show(std::string_view s) {
  constexpr size_t kMax = 40;
  bool cut = false;
  if (s.size() > kMax) {
    s = s.substr(0, utf8::char_start(s, kMax));
    cut = true;
  }
  std::string out = "'";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += '?';
    } else {
      out += c;
    }
  }
  if (cut) out += "...";
  out += "'";
  return out;
}

/// Replaces the current locale's decimal point in a printf result by '.'.
std::string with_dot(const char* buf) {
  std::string out(buf);
  const char* dp = std::localeconv()->decimal_point;
  if (dp == nullptr || dp[0] == '\0' || std::strcmp(dp, ".") == 0) return out;
  const std::string point(dp);
  for (size_t at = out.find(point); at != std::string::npos; at = out.find(point, at + 1))
    out.replace(at, point.size(), ".");
  return out;
}

std::string format_g(double v, int precision) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", precision, v);
  return with_dot(buf);
}

/// A byte count in MB for messages, e.g. "64 MB" or "0.000954 MB (1000 bytes)".
std::string megabytes(uint64_t bytes) {
  constexpr uint64_t kMB = uint64_t{1} << 20;
  if (bytes % kMB == 0) return std::to_string(bytes / kMB) + " MB";
  return format_g(static_cast<double>(bytes) / static_cast<double>(kMB), 3) + " MB (" +
         std::to_string(bytes) + " bytes)";
}

std::string row_text(size_t line) {
  return "row " + std::to_string(line);
}

/// "column 3" or "column 3 (name)" for 0-based index `col`.
std::string column_text(size_t col, const std::vector<std::string>& names) {
  std::string out = "column " + std::to_string(col + 1);
  if (col < names.size() && !names[col].empty()) out += " (" + show(names[col]) + ")";
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// Parses a decimal floating-point number: [+-] digits [. digits] [e [+-] digits], with at least
/// one mantissa digit, surrounded by optional blanks. No hex, no nan/inf, independent of the
/// locale. Out-of-range values come back as +-inf (the caller checks finiteness).
bool parse_number(std::string_view text, double* out) {
  const std::string_view s = trim_blanks(text);
  const size_t n = s.size();
  size_t i = 0;
  if (n == 0) return false;
  bool negative = false;
  if (s[i] == '+' || s[i] == '-') {
    negative = s[i] == '-';
    ++i;
  }
  uint64_t mantissa = 0;
  int significant = 0;
  long long exp10 = 0;
  bool any_digit = false;
  bool inexact = false;
  auto take = [&](int d, bool fraction) {
    any_digit = true;
    if (mantissa == 0 && d == 0) {
      if (fraction) --exp10;
    } else if (significant < 19) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(d);
      ++significant;
      if (fraction) --exp10;
    } else {
      if (!fraction) ++exp10;
      if (d != 0) inexact = true;
    }
  };
  while (i < n && is_digit(s[i])) take(s[i++] - '0', false);
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && is_digit(s[i])) take(s[i++] - '0', true);
  }
  if (!any_digit) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
      exp_negative = s[i] == '-';
      ++i;
    }
    if (i >= n || !is_digit(s[i])) return false;
    long long e = 0;
    while (i < n && is_digit(s[i])) {
      if (e < 1000000) e = e * 10 + (s[i] - '0');
      ++i;
    }
    exp10 += exp_negative ? -e : e;
  }
  if (i != n) return false;

  if (mantissa == 0) {
    *out = negative ? -0.0 : 0.0;
    return true;
  }
  // Exact when both the mantissa and the power of ten are exact doubles (one rounding).
  static const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (!inexact && mantissa <= (uint64_t{1} << 53) && exp10 >= -22 && exp10 <= 22) {
    double v = static_cast<double>(mantissa);
    v = exp10 < 0 ? v / kPow10[-exp10] : v * kPow10[exp10];
    *out = negative ? -v : v;
    return true;
  }
  // Otherwise let strtod round correctly; the syntax is already checked, only the decimal point
  // has to follow the current locale.
  std::string copy(s);
  const char* dp = std::localeconv()->decimal_point;
  if (dp != nullptr && dp[0] != '\0' && std::strcmp(dp, ".") != 0) {
    const size_t at = copy.find('.');
    if (at != std::string::npos) copy.replace(at, 1, dp);
  }
  char* end = nullptr;
  const double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return false;
  *out = v;
  return true;
}

/// Text that names a non-finite value (nan, inf, infinity with optional sign).
bool names_non_finite(std::string_view text) {
  std::string_view s = trim_blanks(text);
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  const std::string lower = to_lower(s);
  return lower == "nan" || lower == "inf" || lower == "infinity";
}

enum class CellKind { kEmpty, kNumber, kNonFinite, kText };

CellKind classify(std::string_view cell, double* value = nullptr) {
  double v = 0.0;
  if (trim_blanks(cell).empty()) return CellKind::kEmpty;
  if (parse_number(cell, &v)) {
    if (value != nullptr) *value = v;
    return std::isfinite(v) ? CellKind::kNumber : CellKind::kNonFinite;
  }
  if (names_non_finite(cell)) return CellKind::kNonFinite;
  return CellKind::kText;
}

/// Parses a finite Scalar; on failure returns the reason (without position).
bool parse_scalar(std::string_view cell, Scalar* out, std::string* why) {
  double v = 0.0;
  switch (classify(cell, &v)) {
    case CellKind::kEmpty:
      *why = "empty cell; values must be numbers";
      return false;
    case CellKind::kNonFinite:
      *why = show(trim_blanks(cell)) + " is not a finite number";
      if (!names_non_finite(cell)) *why += " (out of range)";
      return false;
    case CellKind::kText: {
      *why = show(trim_blanks(cell)) + " is not a number";
      std::string dotted(trim_blanks(cell));
      std::replace(dotted.begin(), dotted.end(), ',', '.');
      double unused = 0.0;
      if (parse_number(dotted, &unused)) *why += " (use '.' as the decimal point)";
      return false;
    }
    case CellKind::kNumber:
      break;
  }
  if (std::fabs(v) > static_cast<double>(std::numeric_limits<Scalar>::max())) {
    *why = show(trim_blanks(cell)) + " is not a finite number (out of range)";
    return false;
  }
  *out = static_cast<Scalar>(v);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Encoding checks

/// Length of the valid UTF-8 sequence starting at s[i] (a byte >= 0x80), or 0 when invalid.
size_t utf8_sequence(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // at most U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return len;
}

bool has_utf8_bom(std::string_view s) {
  return s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF &&
         static_cast<unsigned char>(s[1]) == 0xBB && static_cast<unsigned char>(s[2]) == 0xBF;
}

/// Rejects UTF-16, binary data and invalid UTF-8. Returns an empty string when the text is fine.
std::string check_encoding(std::string_view s, const std::string& prefix) {
  const std::string utf16 = prefix + "row 1: looks like UTF-16; save as UTF-8";
  if (s.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(s[0]);
    const auto b1 = static_cast<unsigned char>(s[1]);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF))
      return utf16 + " (byte-order mark " + (b0 == 0xFF ? "FF FE" : "FE FF") + " at byte offset 0)";
  }
  // UTF-16 text of mostly ASCII characters has a NUL in every other byte.
  const size_t window = std::min<size_t>(s.size(), 4096);
  size_t nul_even = 0, nul_odd = 0;
  for (size_t i = 0; i < window; ++i)
    if (s[i] == '\0') ++(i % 2 == 0 ? nul_even : nul_odd);
  const size_t nuls = nul_even + nul_odd;
  if (window >= 2 && nuls * 4 >= window && std::max(nul_even, nul_odd) * 10 >= nuls * 9)
    return utf16 + " (NUL in every other byte from byte offset " +
           (nul_odd >= nul_even ? "1" : "0") + ")";

  size_t line = 1;
  for (size_t i = has_utf8_bom(s) ? 3 : 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      ++line;
    } else if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      ++line;
    } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return prefix + row_text(line) + ": binary data (control byte " + hex + " at byte offset " +
             std::to_string(i) + "); expected a text file";
    } else if (c >= 0x80) {
      const size_t len = utf8_sequence(s, i);
      if (len == 0)
        return prefix + row_text(line) + ": invalid UTF-8 at byte offset " + std::to_string(i) +
               "; save as UTF-8";
      i += len - 1;
    }
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

/// The delimiter with the most occurrences outside quotes on the first non-blank line; ties
/// prefer ',' then ';' then tab; ',' when none occurs.
char detect_delimiter(std::string_view s) {
  size_t counts[3] = {0, 0, 0};
  bool in_quotes = false, content = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_quotes) {
      if (c == '"') in_quotes = false;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (content) break;
      counts[0] = counts[1] = counts[2] = 0;
      continue;
    }
    if (c == '"') in_quotes = true;
    if (c == ',') ++counts[0];
    if (c == ';') ++counts[1];
    if (c == '\t') ++counts[2];
    if (c != ' ' && c != '\t') content = true;
  }
  const char delims[3] = {',', ';', '\t'};
  size_t best = 0;
  for (size_t k = 1; k < 3; ++k)
    if (counts[k] > counts[best]) best = k;
  return delims[best];
}

/// Splits text into records of cells. Rows are numbered by physical line; blank lines are
/// skipped. Unquoted cells are trimmed; quoted cells are kept as written (line breaks as '\n').
class Tokenizer {
 public:
  enum class Next { kRecord, kEnd, kError };

  Tokenizer(std::string_view text, char delimiter, int max_columns, std::string prefix)
      : text_(text), delim_(delimiter), max_columns_(max_columns), prefix_(std::move(prefix)) {}

  /// Reads the next non-blank record into `cells`; `row` gets the line it starts on.
  Next next(Record& cells, size_t& row) {
    const size_t n = text_.size();
    while (pos_ < n) {
      cells.clear();
      row = line_;
      bool any_quoted = false;
      for (;;) {
        std::string cell;
        while (pos_ < n && is_blank(text_[pos_])) ++pos_;
        if (pos_ < n && text_[pos_] == '"') {
          any_quoted = true;
          if (!read_quoted(cell, cells.size())) return Next::kError;
        } else {
          const size_t start = pos_;
          while (pos_ < n && text_[pos_] != delim_ && text_[pos_] != '\r' && text_[pos_] != '\n')
            ++pos_;
          size_t end = pos_;
          while (end > start && is_blank(text_[end - 1])) --end;
          cell.assign(text_.data() + start, end - start);
        }
        if (static_cast<long long>(cells.size()) >= max_columns_) {
          error_ = prefix_ + row_text(row) + ": more than " + std::to_string(max_columns_) +
                   " columns (the limit is " + std::to_string(max_columns_) + ")";
          return Next::kError;
        }
        cells.push_back(std::move(cell));
        if (pos_ >= n) break;
        const char c = text_[pos_++];
        if (c == delim_) continue;
        if (c == '\r' && pos_ < n && text_[pos_] == '\n') ++pos_;
        ++line_;
        break;
      }
      if (cells.size() == 1 && !any_quoted && cells[0].empty()) continue;  // blank line
      return Next::kRecord;
    }
    return Next::kEnd;
  }

  const std::string& error() const { return error_; }

 private:
  bool is_blank(char c) const { return c == ' ' || (c == '\t' && delim_ != '\t'); }

  bool read_quoted(std::string& cell, size_t column) {
    const size_t n = text_.size();
    const size_t open_line = line_;
    ++pos_;
    bool closed = false;
    while (pos_ < n) {
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < n && text_[pos_ + 1] == '"') {
          cell += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        closed = true;
        break;
      }
      if (c == '\r' || c == '\n') {
        ++pos_;
        if (c == '\r' && pos_ < n && text_[pos_] == '\n') ++pos_;
        ++line_;
        cell += '\n';
        continue;
      }
      cell += c;
      ++pos_;
    }
    if (!closed) {
      error_ = prefix_ + row_text(open_line) + ", column " + std::to_string(column + 1) +
               ": unterminated quote (the opening '\"' is never closed)";
      return false;
    }
    while (pos_ < n && is_blank(text_[pos_])) ++pos_;
    if (pos_ < n && text_[pos_] != delim_ && text_[pos_] != '\r' && text_[pos_] != '\n') {
      error_ = prefix_ + row_text(line_) + ", column " + std::to_string(column + 1) +
               ": unexpected text after a closing quote (write a quote inside a quoted cell "
               "as \"\")";
      return false;
    }
    return true;
  }

  std::string_view text_;
  char delim_;
  long long max_columns_;
  std::string prefix_;
  size_t pos_ = 0;
  size_t line_ = 1;
  std::string error_;
};

/// Checks size and encoding and strips a UTF-8 BOM from `text`; false with `error` set on failure.
bool open_text(std::string_view& text, const std::string& prefix, const CsvLimits& limits,
               std::string* error) {
  if (text.size() > limits.max_bytes) {
    *error = prefix + "input is " + megabytes(text.size()) + ", over the limit of " +
             megabytes(limits.max_bytes);
    return false;
  }
  *error = check_encoding(text, prefix);
  if (!error->empty()) return false;
  if (has_utf8_bom(text)) text.remove_prefix(3);
  return true;
}

bool is_reserved_header(std::string_view cell) {
  const std::string lower = to_lower(trim_blanks(cell));
  return lower == "label" || lower == "class" || lower == "target" || lower == "domain";
}

/// See the rule in csv.h.
bool looks_like_header(const Record& first, const Record* second) {
  bool any_text = false, reserved = false;
  for (const std::string& cell : first) {
    if (classify(cell) == CellKind::kText) any_text = true;
    if (is_reserved_header(cell)) reserved = true;
  }
  if (!any_text) return false;
  if (reserved || second == nullptr) return true;
  const size_t width = std::min(first.size(), second->size());
  for (size_t j = 0; j < width; ++j) {
    const CellKind below = classify((*second)[j]);
    if (classify(first[j]) == CellKind::kText &&
        (below == CellKind::kNumber || below == CellKind::kNonFinite))
      return true;
  }
  return false;
}

/// Index of the column whose name equals `name` ignoring case, -1 if none; an error when two do.
bool find_named_column(const std::vector<std::string>& names, const char* name, int* index,
                       const std::string& prefix, std::string* error) {
  *index = -1;
  for (size_t j = 0; j < names.size(); ++j) {
    if (to_lower(trim_blanks(names[j])) != name) continue;
    if (*index >= 0) {
      *error = prefix + "row 1: columns " + std::to_string(*index + 1) + " and " +
               std::to_string(j + 1) + " are both named " + show(name);
      return false;
    }
    *index = static_cast<int>(j);
  }
  return true;
}

bool check_unique_names(const std::vector<std::string>& names, size_t first, size_t row,
                        const std::string& prefix, std::string* error) {
  std::unordered_map<std::string, size_t> seen;
  for (size_t j = first; j < names.size(); ++j) {
    if (names[j].empty()) continue;
    const auto [it, inserted] = seen.emplace(names[j], j);
    if (!inserted) {
      *error = prefix + row_text(row) + ": duplicate column name " + show(names[j]) + " (columns " +
               std::to_string(it->second + 1) + " and " + std::to_string(j + 1) + ")";
      return false;
    }
  }
  return true;
}

/// A distinct label text, in order of first appearance.
struct LabelText {
  std::string text;
  double value;  ///< when the text is a number
  bool is_text;
  size_t first_row;
};

/// Upper bound on the number of data rows, for reserving storage.
size_t count_lines(std::string_view s) {
  size_t lines = 1;
  for (char c : s)
    if (c == '\n' || c == '\r') ++lines;
  return lines;
}

}  // namespace

// -----------------------------------------------------------------------------------------------

Result<Dataset> parse_csv(std::string_view text, const std::string& origin,
                          const CsvLimits& limits) {
  const std::string p = origin + ": ";
  std::string error;
  if (!open_text(text, p, limits, &error)) return Error{error};
  Tokenizer tok(text, detect_delimiter(text), limits.max_columns, p);

  Record first, second;
  size_t first_row = 0, second_row = 0;
  Tokenizer::Next st = tok.next(first, first_row);
  if (st == Tokenizer::Next::kError) return Error{tok.error()};
  if (st == Tokenizer::Next::kEnd) return Error{p + "empty file (no rows)"};
  st = tok.next(second, second_row);
  if (st == Tokenizer::Next::kError) return Error{tok.error()};
  const bool has_second = st == Tokenizer::Next::kRecord;
  const bool header = looks_like_header(first, has_second ? &second : nullptr);

  const size_t width = first.size();
  std::vector<std::string> names;
  if (header) {
    names = first;
    if (!check_unique_names(names, 0, first_row, p, &error)) return Error{error};
  }
  if (width < 2)
    return Error{p + row_text(first_row) +
                 ": only one column; need at least one feature column and a label column"};

  int label_col = -1, domain_col = -1;
  if (header) {
    for (const char* name : {"label", "class", "target", "y"}) {
      if (!find_named_column(names, name, &label_col, p, &error)) return Error{error};
      if (label_col >= 0) break;
    }
    if (!find_named_column(names, "domain", &domain_col, p, &error)) return Error{error};
  }
  if (label_col < 0) {
    label_col = static_cast<int>(width) - 1;
    if (label_col == domain_col) --label_col;
  }
  std::vector<size_t> feature_cols;
  for (size_t j = 0; j < width; ++j)
    if (static_cast<int>(j) != label_col && static_cast<int>(j) != domain_col)
      feature_cols.push_back(j);
  if (feature_cols.empty())
    return Error{p + row_text(first_row) +
                 ": no feature columns (need at least one column besides label and domain)"};
  const size_t dim = feature_cols.size();

  std::vector<Scalar> values;
  std::vector<int> label_ids;  // per row: index into label_texts, or -1 when empty
  std::vector<LabelText> label_texts;
  std::unordered_map<std::string, int> label_index;
  std::vector<int> domains;
  std::string why;
  const std::string label_column = column_text(static_cast<size_t>(label_col), names);
  {
    const size_t rows =
        std::min(count_lines(text), static_cast<size_t>(std::max(limits.max_rows, 0)));
    values.reserve(rows * dim);
    label_ids.reserve(rows);
    if (domain_col >= 0) domains.reserve(rows);
  }

  auto add_row = [&](const Record& cells, size_t row) -> bool {
    if (cells.size() != width) {
      error = p + row_text(row) + ": expected " + std::to_string(width) + " columns, got " +
              std::to_string(cells.size());
      return false;
    }
    if (static_cast<long long>(label_ids.size()) >= limits.max_rows) {
      error = p + row_text(row) + ": more than " + std::to_string(limits.max_rows) +
              " data rows (the limit is " + std::to_string(limits.max_rows) + ")";
      return false;
    }
    for (size_t j : feature_cols) {
      Scalar v = 0;
      if (!parse_scalar(cells[j], &v, &why)) {
        error = p + row_text(row) + ", " + column_text(j, names) + ": " + why;
        return false;
      }
      values.push_back(v);
    }
    const std::string& label = cells[static_cast<size_t>(label_col)];
    auto it = label_index.find(label);
    if (it != label_index.end()) {
      label_ids.push_back(it->second);
    } else {
      double v = 0.0;
      const CellKind kind = classify(label, &v);
      if (kind == CellKind::kEmpty) {
        label_ids.push_back(-1);
      } else if (kind == CellKind::kNonFinite) {
        error = p + row_text(row) + ", " + label_column + ": label " + show(trim_blanks(label)) +
                " is not a valid class";
        return false;
      } else if (static_cast<long long>(label_texts.size()) >= limits.max_classes) {
        error = p + row_text(row) + ", " + label_column + ": more than " +
                std::to_string(limits.max_classes) + " distinct labels (the limit is " +
                std::to_string(limits.max_classes) + " classes)";
        return false;
      } else {
        const int id = static_cast<int>(label_texts.size());
        label_texts.push_back({label, v, kind == CellKind::kText, row});
        label_index.emplace(label, id);
        label_ids.push_back(id);
      }
    }
    if (domain_col >= 0) {
      const std::string& cell = cells[static_cast<size_t>(domain_col)];
      double v = -1.0;
      if (classify(cell, &v) != CellKind::kNumber || (v != 0.0 && v != 1.0)) {
        error = p + row_text(row) + ", " + column_text(static_cast<size_t>(domain_col), names) +
                ": domain must be 0 (source) or 1 (target), got " + show(trim_blanks(cell));
        return false;
      }
      domains.push_back(v == 0.0 ? 0 : 1);
    }
    return true;
  };

  if (!header && !add_row(first, first_row)) return Error{error};
  if (has_second && !add_row(second, second_row)) return Error{error};
  Record cells;
  size_t row = 0;
  for (;;) {
    st = tok.next(cells, row);
    if (st == Tokenizer::Next::kError) return Error{tok.error()};
    if (st == Tokenizer::Next::kEnd) break;
    if (!add_row(cells, row)) return Error{error};
  }
  if (label_ids.empty()) return Error{p + "header only (no data rows)"};

  // Labels: names when any is text, otherwise non-negative integers.
  bool named = false;
  for (const LabelText& label : label_texts) named = named || label.is_text;
  std::vector<int> class_of(label_texts.size(), 0);
  Dataset ds;
  if (named) {
    for (size_t id = 0; id < label_texts.size(); ++id) {
      class_of[id] = static_cast<int>(id);
      ds.class_names.push_back(label_texts[id].text);
    }
    ds.num_classes = static_cast<int>(label_texts.size());
  } else {
    // Distinct labels are in order of first appearance: the first bad one is the earliest row.
    for (size_t id = 0; id < label_texts.size(); ++id) {
      const LabelText& label = label_texts[id];
      const double v = label.value;
      const char* problem = nullptr;
      if (v < 0.0) {
        problem = "negative label ";
      } else if (v != std::floor(v)) {
        problem = "fractional label ";
      }
      const std::string where = p + row_text(label.first_row) + ", " + label_column + ": ";
      if (problem != nullptr)
        return Error{where + problem + show(trim_blanks(label.text)) +
                     "; labels must be integers >= 0"};
      if (v >= static_cast<double>(limits.max_classes))
        return Error{where + "label " + show(trim_blanks(label.text)) + " is over the limit of " +
                     std::to_string(limits.max_classes) + " classes"};
      class_of[id] = static_cast<int>(v);
      ds.num_classes = std::max(ds.num_classes, class_of[id] + 1);
    }
  }
  ds.y.resize(label_ids.size(), kUnlabelled);
  for (size_t k = 0; k < label_ids.size(); ++k)
    if (label_ids[k] >= 0) ds.y[k] = class_of[static_cast<size_t>(label_ids[k])];

  const auto n = static_cast<Eigen::Index>(label_ids.size());
  ds.X = Eigen::Map<const Mat>(values.data(), static_cast<Eigen::Index>(dim), n);
  ds.domain = std::move(domains);
  if (header)
    for (size_t j : feature_cols) ds.feature_names.push_back(names[j]);
  return ds;
}

namespace {

/// Reads the file at `path` into `text`, checking its size against limits.max_bytes; messages
/// start with `path + ": "`.
Status read_text_file(const std::string& path, const CsvLimits& limits, std::string& text) {
  namespace fs = std::filesystem;
  const std::string p = path + ": ";
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    return {p + "cannot open file (" + (ec ? ec.message() : "no such file") + ")"};
  if (!fs::is_regular_file(status)) return {p + "not a regular file"};
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return {p + "cannot read the file size (" + ec.message() + ")"};
  if (size > limits.max_bytes)
    return {p + "file is " + megabytes(size) + ", over the limit of " +
            megabytes(limits.max_bytes)};

  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return {p + "cannot open file (" + std::strerror(errno) + ")"};
  text.clear();
  text.reserve(static_cast<size_t>(size));
  char buf[1 << 16];
  bool too_big = false;
  for (;;) {
    const size_t got = std::fread(buf, 1, sizeof buf, file);
    if (got == 0) break;
    if (text.size() + got > limits.max_bytes) {  // the file grew after its size was checked
      too_big = true;
      break;
    }
    text.append(buf, got);
  }
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (too_big) return {p + "file is over the limit of " + megabytes(limits.max_bytes)};
  if (failed) return {p + "error while reading the file"};
  return {};
}

}  // namespace

Result<Dataset> load_csv(const std::string& path, const CsvLimits& limits) {
  std::string text;
  const Status st = read_text_file(path, limits, text);
  if (!st.ok()) return Error{st.message};
  return parse_csv(text, path, limits);
}

Result<AttributeTable> load_attribute_table_file(const std::string& path,
                                                 const std::vector<std::string>& expected_classes,
                                                 const CsvLimits& limits) {
  std::string text;
  const Status st = read_text_file(path, limits, text);
  if (!st.ok()) return Error{st.message};
  return parse_attribute_table(text, expected_classes, path);
}

// -----------------------------------------------------------------------------------------------

namespace {

bool has_control(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  return false;
}

/// A cell as written: quoted when it contains a delimiter, quote, line break or outer blanks.
std::string quote_cell(const std::string& s) {
  const bool needs = s.find_first_of(",;\t\"\r\n") != std::string::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!needs) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

/// Shortest decimal text that parses back to the same Scalar.
std::string format_scalar(Scalar v) {
  const int max_digits = std::numeric_limits<Scalar>::max_digits10;
  for (int digits = 6; digits < max_digits; ++digits) {
    const std::string s = format_g(static_cast<double>(v), digits);
    double back = 0.0;
    if (parse_number(s, &back) && static_cast<Scalar>(back) == v) return s;
  }
  return format_g(static_cast<double>(v), max_digits);
}

bool usable_feature_names(const Dataset& ds) {
  if (static_cast<int>(ds.feature_names.size()) != ds.dim()) return false;
  std::vector<std::string> sorted = ds.feature_names;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return false;
  for (const std::string& name : ds.feature_names) {
    const std::string lower = to_lower(trim_blanks(name));
    if (trim_blanks(name).empty() || has_control(name) || lower == "label" || lower == "domain")
      return false;
  }
  return true;
}

/// Class names are written only when parse_csv would number them the same way.
bool usable_class_names(const Dataset& ds) {
  if (ds.num_classes <= 0 || static_cast<int>(ds.class_names.size()) != ds.num_classes)
    return false;
  std::vector<std::string> sorted = ds.class_names;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return false;
  for (const std::string& name : ds.class_names)
    if (classify(name) != CellKind::kText || has_control(name) ||
        trim_blanks(name).size() != name.size())
      return false;
  int next = 0;
  for (int label : ds.y) {
    if (label < 0) continue;
    if (label > next || label >= ds.num_classes) return false;
    if (label == next) ++next;
  }
  return next == ds.num_classes;
}

}  // namespace

std::string write_csv(const Dataset& ds) {
  const int dim = ds.dim();
  const int n = ds.size();
  const bool domains = ds.has_domains() && static_cast<int>(ds.domain.size()) == n;
  const bool names = usable_class_names(ds);
  std::string out;
  if (usable_feature_names(ds)) {
    for (int r = 0; r < dim; ++r) out += quote_cell(ds.feature_names[r]) + ",";
  } else {
    for (int r = 0; r < dim; ++r) out += "x" + std::to_string(r) + ",";
  }
  out += domains ? "label,domain\n" : "label\n";
  for (int j = 0; j < n; ++j) {
    for (int r = 0; r < dim; ++r) out += format_scalar(ds.X(r, j)) + ",";
    const int label = j < static_cast<int>(ds.y.size()) ? ds.y[j] : kUnlabelled;
    if (label >= 0) out += names ? quote_cell(ds.class_names[label]) : std::to_string(label);
    if (domains) out += "," + std::to_string(ds.domain[j]);
    out += "\n";
  }
  return out;
}

// -----------------------------------------------------------------------------------------------

Result<AttributeTable> parse_attribute_table(std::string_view text,
                                             const std::vector<std::string>& expected_classes,
                                             const std::string& origin) {
  const std::string p = origin + ": ";
  const CsvLimits limits;
  std::string error;
  if (!open_text(text, p, limits, &error)) return Error{error};
  Tokenizer tok(text, detect_delimiter(text), limits.max_columns, p);

  Record header;
  size_t header_row = 0;
  Tokenizer::Next st = tok.next(header, header_row);
  if (st == Tokenizer::Next::kError) return Error{tok.error()};
  if (st == Tokenizer::Next::kEnd) return Error{p + "empty file (no rows)"};
  if (header.size() < 2)
    return Error{p + row_text(header_row) +
                 ": need a class column and at least one attribute column (header "
                 "class,attr1,attr2,...)"};
  bool all_numeric = true;
  for (size_t j = 1; j < header.size(); ++j) {
    if (classify(header[j]) != CellKind::kNumber) all_numeric = false;
    if (trim_blanks(header[j]).empty())
      return Error{p + row_text(header_row) + ", column " + std::to_string(j + 1) +
                   ": empty attribute name"};
  }
  if (all_numeric)
    return Error{p + row_text(header_row) +
                 ": the first row must be a header class,attr1,attr2,... naming the attributes"};
  if (!check_unique_names(header, 1, header_row, p, &error)) return Error{error};

  const size_t width = header.size();
  const size_t num_attributes = width - 1;
  std::vector<std::string> classes;
  std::vector<size_t> rows;
  std::vector<Scalar> values;  // row-major, num_attributes per class
  std::unordered_map<std::string, size_t> seen;
  Record cells;
  size_t row = 0;
  std::string why;
  for (;;) {
    st = tok.next(cells, row);
    if (st == Tokenizer::Next::kError) return Error{tok.error()};
    if (st == Tokenizer::Next::kEnd) break;
    if (cells.size() != width)
      return Error{p + row_text(row) + ": expected " + std::to_string(width) + " columns, got " +
                   std::to_string(cells.size())};
    if (static_cast<long long>(classes.size()) >= limits.max_classes)
      return Error{p + row_text(row) + ": more than " + std::to_string(limits.max_classes) +
                   " classes (the limit is " + std::to_string(limits.max_classes) + ")"};
    const std::string name(trim_blanks(cells[0]));
    if (name.empty()) return Error{p + row_text(row) + ", column 1: empty class name"};
    const auto [it, inserted] = seen.emplace(name, row);
    if (!inserted)
      return Error{p + row_text(row) + ": duplicate class " + show(name) + " (also in row " +
                   std::to_string(it->second) + ")"};
    if (!expected_classes.empty() &&
        std::find(expected_classes.begin(), expected_classes.end(), name) == expected_classes.end())
      return Error{p + row_text(row) + ", column 1: unknown class " + show(name) +
                   " (not one of the data set's classes)"};
    for (size_t j = 1; j < width; ++j) {
      Scalar v = 0;
      if (!parse_scalar(cells[j], &v, &why))
        return Error{p + row_text(row) + ", " + column_text(j, header) + ": " + why};
      values.push_back(v);
    }
    classes.push_back(name);
    rows.push_back(row);
  }
  if (classes.empty()) return Error{p + "header only (no class rows)"};

  // Row order: the expected classes' order when given, else the file's.
  std::vector<size_t> order;
  AttributeTable out;
  if (expected_classes.empty()) {
    for (size_t k = 0; k < classes.size(); ++k) order.push_back(k);
    out.class_names = classes;
  } else {
    for (const std::string& name : expected_classes) {
      const auto it = std::find(classes.begin(), classes.end(), name);
      if (it == classes.end())
        return Error{p + "class " + show(name) + " has no row in the attribute table"};
      order.push_back(static_cast<size_t>(it - classes.begin()));
    }
    out.class_names = expected_classes;
  }
  for (size_t j = 1; j < width; ++j) out.attribute_names.push_back(header[j]);
  out.table.resize(static_cast<Eigen::Index>(order.size()),
                   static_cast<Eigen::Index>(num_attributes));
  for (size_t k = 0; k < order.size(); ++k)
    for (size_t a = 0; a < num_attributes; ++a)
      out.table(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(a)) =
          values[order[k] * num_attributes + a];

  if (out.table.rows() >= 2) {
    for (Eigen::Index a = 0; a < out.table.cols(); ++a) {
      if ((out.table.col(a).array() == out.table(0, a)).all())
        return Error{p + column_text(static_cast<size_t>(a) + 1, header) + ": attribute " +
                     show(header[static_cast<size_t>(a) + 1]) +
                     " is equal for all classes and carries no information"};
    }
  }
  return out;
}

TL_NAMESPACE_END

#include "core/parse.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

TL_NAMESPACE_BEGIN

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Skips a run of digits from s[i]; returns how many there were.
size_t skip_digits(std::string_view s, size_t& i) {
  const size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i - start;
}

}  // namespace

std::optional<uint64_t> parse_unsigned(std::string_view s) {
  if (s.empty()) return std::nullopt;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  uint64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (kMax - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

std::optional<int64_t> parse_integer(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const std::optional<uint64_t> m = parse_unsigned(s);
  if (!m) return std::nullopt;
  constexpr uint64_t kMaxPos = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (*m > kMaxPos + 1) return std::nullopt;
    // -(kMaxPos + 1) without signed overflow.
    return *m == kMaxPos + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(*m);
  }
  if (*m > kMaxPos) return std::nullopt;
  return static_cast<int64_t>(*m);
}

std::optional<double> parse_real(std::string_view s) {
  // Check the grammar first: strtod alone would accept spaces, "inf", "nan" and hex forms.
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = skip_digits(s, i);
  if (i < s.size() && s[i] == '.') {
    ++i;
    digits += skip_digits(s, i);
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (skip_digits(s, i) == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  const std::string text(s);
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

TL_NAMESPACE_END

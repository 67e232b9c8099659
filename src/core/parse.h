#pragma once
/// Strict number parsing, shared by the command line, the page's URL state and the config
/// setter: the whole text must be the number (no leading or trailing spaces, no trailing
/// characters), in range for its type (no overflow), and reals must be finite.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/config.h"

TL_NAMESPACE_BEGIN

/// Decimal digits only ("0", "42", "007"; no sign), up to UINT64_MAX.
std::optional<uint64_t> parse_unsigned(std::string_view s);
/// An optional sign ('-' or '+') and decimal digits, in [INT64_MIN, INT64_MAX].
std::optional<int64_t> parse_integer(std::string_view s);
/// A decimal real: optional sign, digits with an optional '.' (at least one digit), an optional
/// exponent ("1", "-0.5", ".5", "2.", "1e-3", "+1E+2"). No "inf", "nan" or hexadecimal forms;
/// values whose magnitude is out of the double range (overflow or underflow) are rejected.
std::optional<double> parse_real(std::string_view s);

TL_NAMESPACE_END

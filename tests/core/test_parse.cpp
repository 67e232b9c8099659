#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "core/parse.h"

TEST_SUITE("core/parse") {
  TEST_CASE("parse_unsigned takes plain digits up to UINT64_MAX") {
    CHECK(tl::parse_unsigned("0") == 0u);
    CHECK(tl::parse_unsigned("42") == 42u);
    CHECK(tl::parse_unsigned("007") == 7u);
    CHECK(tl::parse_unsigned("18446744073709551615") == std::numeric_limits<uint64_t>::max());
    CHECK(tl::parse_unsigned("000000000000000000000000001") == 1u);  // length is no limit
    for (const char* bad : {"", " 1", "1 ", " -1", "-1", "+1", "-0", "1x", "x1", "0x10", "1.0",
                            "1e3", "18446744073709551616", "99999999999999999999", "\t1", "1\n"}) {
      CAPTURE(bad);
      CHECK_FALSE(tl::parse_unsigned(bad).has_value());
    }
    CHECK_FALSE(tl::parse_unsigned(std::string("1\0", 2)).has_value());
  }

  TEST_CASE("parse_integer takes an optional sign and digits within int64") {
    CHECK(tl::parse_integer("0") == 0);
    CHECK(tl::parse_integer("-0") == 0);
    CHECK(tl::parse_integer("+5") == 5);
    CHECK(tl::parse_integer("-17") == -17);
    CHECK(tl::parse_integer("9223372036854775807") == std::numeric_limits<int64_t>::max());
    CHECK(tl::parse_integer("-9223372036854775808") == std::numeric_limits<int64_t>::min());
    for (const char* bad :
         {"", "-", "+", "--1", "+-1", " 1", "1 ", " -1", "- 1", "1.5", "1e2", "0x1", "12a",
          "9223372036854775808", "-9223372036854775809", "18446744073709551616"}) {
      CAPTURE(bad);
      CHECK_FALSE(tl::parse_integer(bad).has_value());
    }
  }

  TEST_CASE("parse_real takes decimal reals and rejects spaces, garbage, non-finite and hex") {
    CHECK(tl::parse_real("1") == 1.0);
    CHECK(tl::parse_real("-0.5") == -0.5);
    CHECK(tl::parse_real("+2.5") == 2.5);
    CHECK(tl::parse_real(".5") == 0.5);
    CHECK(tl::parse_real("2.") == 2.0);
    CHECK(tl::parse_real("1e-3") == 1e-3);
    CHECK(tl::parse_real("1E+2") == 100.0);
    CHECK(tl::parse_real("0.003") == 0.003);
    CHECK(tl::parse_real("1.7976931348623157e308") == std::numeric_limits<double>::max());
    for (const char* bad :
         {"",    " 1",    "1 ",   " -1", "\t1",   "1x",     "1.2.3", ".",        "-",
          "+.",  "e5",    "1e",   "1e+", "1e5x",  "inf",    "-inf",  "infinity", "nan",
          "NaN", "0x1p3", "0x10", "1,5", "1e999", "-1e999", "1e-999"}) {
      CAPTURE(bad);
      CHECK_FALSE(tl::parse_real(bad).has_value());
    }
  }
}

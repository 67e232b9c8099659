#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "app/url_state.h"
#include "core/rng.h"
#include "support/seed.h"

namespace {

using tl::UrlPoint;
using tl::UrlState;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The one notice of a parse that must produce exactly one.
std::string single_notice(const tl::UrlParse& r) {
  REQUIRE(r.notices.size() == 1);
  CHECK(r.notices[0].rfind("link: ", 0) == 0);
  return r.notices[0];
}

std::vector<UrlPoint> random_points(tl::Rng& rng, int n) {
  std::vector<UrlPoint> pts(static_cast<size_t>(n));
  for (UrlPoint& p : pts) {
    p.x = static_cast<float>(rng.uniform(-32.0, 32.0));
    p.y = static_cast<float>(rng.uniform(-32.0, 32.0));
    p.label = static_cast<int>(rng.below(128)) - 1;
    p.domain = static_cast<int>(rng.below(2));
  }
  return pts;
}

void check_points_close(const std::vector<UrlPoint>& got, const std::vector<UrlPoint>& want) {
  REQUIRE(got.size() == want.size());
  const double step = 0.5 / tl::kUrlPointScale + 1e-6;
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("point " << i);
    CHECK(std::fabs(got[i].x - want[i].x) <= step);
    CHECK(std::fabs(got[i].y - want[i].y) <= step);
    CHECK(got[i].label == want[i].label);
    CHECK(got[i].domain == want[i].domain);
  }
}

}  // namespace

TEST_SUITE("app/url_state") {
  TEST_CASE("a formatted state parses back to the same state") {
    tl::Rng rng(tl_test::base_seed(), 0x0a11);
    UrlState s;
    s.scenario = "basic-moons";
    s.seed = 18446744073709551615ull;
    s.config = {{"lr", "0.01"}, {"hidden", "32,32"}, {"note", "a&b=c #1 caf\xc3\xa9 100%"}};
    s.points = random_points(rng, 60);
    s.embed = true;
    s.compare = "oracle";

    bool left_out = true;
    const std::string text = tl::format_url_hash(s, &left_out);
    CHECK_FALSE(left_out);
    CHECK(text.find('#') == std::string::npos);
    CHECK(text.size() < tl::kMaxUrlHashLength);

    for (const std::string& hash : {text, "#" + text}) {
      const tl::UrlParse r = tl::parse_url_hash(hash);
      CHECK(r.notices.empty());
      CHECK(r.state.scenario == s.scenario);
      REQUIRE(r.state.seed.has_value());
      CHECK(*r.state.seed == *s.seed);
      CHECK(r.state.config == s.config);
      CHECK(r.state.embed);
      CHECK(r.state.compare == "oracle");
      REQUIRE(r.state.points.has_value());
      check_points_close(*r.state.points, *s.points);
      CHECK(tl::format_url_hash(r.state) == text);
    }
  }

  TEST_CASE("the example link from the header parses field by field") {
    const tl::UrlParse r =
        tl::parse_url_hash("#scenario=basic-moons&seed=7&lr=0.01&hidden=32%2C32&embed=1");
    CHECK(r.notices.empty());
    CHECK(r.state.scenario == "basic-moons");
    CHECK(r.state.seed == std::optional<uint64_t>(7));
    REQUIRE(r.state.config.size() == 2);
    CHECK(r.state.config[0] == std::make_pair(std::string("lr"), std::string("0.01")));
    CHECK(r.state.config[1] == std::make_pair(std::string("hidden"), std::string("32,32")));
    CHECK(r.state.embed);
    CHECK_FALSE(r.state.points.has_value());
  }

  TEST_CASE("an empty hash gives the defaults without notices") {
    for (const char* hash : {"", "#", "#&&", "&"}) {
      INFO(hash);
      const tl::UrlParse r = tl::parse_url_hash(hash);
      CHECK(r.notices.empty());
      CHECK(r.state.scenario.empty());
      CHECK(r.state.config.empty());
      CHECK_FALSE(r.state.seed.has_value());
      CHECK_FALSE(r.state.points.has_value());
      CHECK_FALSE(r.state.embed);
    }
  }

  TEST_CASE("percent escapes round-trip every byte value") {
    std::string all;
    for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
    const std::string enc = tl::percent_encode(all);
    for (char c : enc)
      CHECK(((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
             std::string("-_.~,%").find(c) != std::string::npos));
    const auto dec = tl::percent_decode(enc);
    REQUIRE(dec.has_value());
    CHECK(*dec == all);
    CHECK(tl::percent_decode("%e2%9c%93") == std::optional<std::string>("\xe2\x9c\x93"));
    CHECK(tl::percent_decode("a+b") == std::optional<std::string>("a+b"));
  }

  TEST_CASE("malformed escapes are rejected by the decoder") {
    for (const char* bad : {"%", "%4", "a%", "ab%4", "%G0", "%0G", "%%41", "x%zz", "%-1"}) {
      INFO(bad);
      CHECK_FALSE(tl::percent_decode(bad).has_value());
    }
  }

  TEST_CASE("an entry with a malformed escape is dropped with a notice and the rest is kept") {
    const tl::UrlParse r = tl::parse_url_hash("#scenario=dann&lr=0.1%&seed=5&bad%ZZ=1&embed=1");
    REQUIRE(r.notices.size() == 2);
    CHECK(contains(r.notices[0], "bad %-escape"));
    CHECK(contains(r.notices[0], "lr=0.1%"));
    CHECK(contains(r.notices[1], "bad%ZZ=1"));
    CHECK(r.state.scenario == "dann");
    CHECK(r.state.seed == std::optional<uint64_t>(5));
    CHECK(r.state.config.empty());
    CHECK(r.state.embed);
  }

  TEST_CASE("notices show the offending text clipped and with control bytes masked") {
    const std::string junk = "seed=" + std::string(100, '9') + "\x01";
    const std::string notice = single_notice(tl::parse_url_hash(junk));
    CHECK(contains(notice, "seed: expected an unsigned integer"));
    CHECK(contains(notice, "..."));
    CHECK(notice.size() < 120);
    const std::string masked = single_notice(tl::parse_url_hash("seed=1%0A2"));
    CHECK(contains(masked, "'1?2'"));
  }

  TEST_CASE("a seed must be an unsigned 64-bit decimal") {
    CHECK(tl::parse_url_hash("seed=0").state.seed == std::optional<uint64_t>(0));
    CHECK(tl::parse_url_hash("seed=18446744073709551615").state.seed ==
          std::optional<uint64_t>(18446744073709551615ull));
    for (const char* bad : {"seed=18446744073709551616", "seed=-1", "seed=+1", "seed=1e3",
                            "seed= 1", "seed=", "seed=0x10", "seed=99999999999999999999999"}) {
      INFO(bad);
      const tl::UrlParse r = tl::parse_url_hash(bad);
      CHECK(contains(single_notice(r), "seed"));
      CHECK_FALSE(r.state.seed.has_value());
    }
  }

  TEST_CASE("an entry without a name and a repeated name give notices; the first value is used") {
    const tl::UrlParse r = tl::parse_url_hash("=3&lr=0.1&lr=0.2&%3D=4");
    REQUIRE(r.notices.size() == 2);
    CHECK(contains(r.notices[0], "without a name"));
    CHECK(contains(r.notices[1], "'lr' appears twice"));
    REQUIRE(r.state.config.size() == 2);
    CHECK(r.state.config[0].second == "0.1");
    CHECK(r.state.config[1] == std::make_pair(std::string("="), std::string("4")));
  }

  TEST_CASE("a hash longer than the limit is ignored with a notice") {
    const std::string ok = "#scenario=" + std::string(tl::kMaxUrlHashLength - 9, 'a');
    REQUIRE(ok.size() == tl::kMaxUrlHashLength + 1);  // the '#' does not count
    const tl::UrlParse accepted = tl::parse_url_hash(ok);
    CHECK(accepted.notices.empty());
    CHECK(accepted.state.scenario.size() == tl::kMaxUrlHashLength - 9);

    const tl::UrlParse r = tl::parse_url_hash(ok + "a");
    CHECK(contains(single_notice(r), "too long"));
    CHECK(r.state.scenario.empty());
    CHECK(r.state.config.empty());

    const tl::UrlParse huge = tl::parse_url_hash(std::string(1u << 20, '%'));
    CHECK(contains(single_notice(huge), "too long"));
  }

  TEST_CASE("points round-trip through the pts payload at the encoding's resolution") {
    tl::Rng rng(tl_test::base_seed(), 0x0a12);
    for (int n : {0, 1, 7, tl::kMaxUrlPoints}) {
      INFO("n = " << n);
      const std::vector<UrlPoint> pts = random_points(rng, n);
      REQUIRE(tl::url_points_fit(pts));
      auto back = tl::decode_url_points(tl::encode_url_points(pts));
      REQUIRE(back.ok());
      check_points_close(*back, pts);
    }
    const std::vector<UrlPoint> edges = {{32.767f, -32.767f, 126, 1}, {-32.767f, 0.0f, -1, 0}};
    auto back = tl::decode_url_points(tl::encode_url_points(edges));
    REQUIRE(back.ok());
    check_points_close(*back, edges);
  }

  TEST_CASE("a bad pts payload gives a notice, no points, and keeps the other entries") {
    // The encoder writes whatever it is given (callers check url_points_fit first).
    const std::string too_many =
        tl::encode_url_points(std::vector<UrlPoint>(static_cast<size_t>(tl::kMaxUrlPoints) + 1));
    const std::string valid = tl::encode_url_points({{1.0f, 2.0f, 0, 0}});
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"!!!!", "not base64url"},
        {"A", "not base64url"},
        {"", "unknown format version"},
        {"AA", "unknown format version"},
        {"Ag", "unknown format version"},
        {valid.substr(0, valid.size() - 1), "truncated"},
        {valid + "AA", "truncated"},
        {too_many, "more than 500 points"},
        {"AQ%3D%3D", "not base64url"},
        // x = 32767 and y = -32768: the encoder never writes -32768 (found by fuzzing).
        {"Af9_AID_AYD_fwA", "point 1: coordinate out of range"},
    };
    for (const auto& c : cases) {
      const std::string& payload = c.first;
      const std::string& message = c.second;
      INFO("pts=" << payload);
      const tl::UrlParse r = tl::parse_url_hash("#scenario=sketch&pts=" + payload + "&seed=4");
      CHECK(contains(single_notice(r), message));
      CHECK(contains(r.notices[0], "pts: "));
      CHECK_FALSE(r.state.points.has_value());
      CHECK(r.state.scenario == "sketch");
      CHECK(r.state.seed == std::optional<uint64_t>(4));
    }
  }

  TEST_CASE("an empty point list is a valid payload") {
    const tl::UrlParse r = tl::parse_url_hash("pts=" + tl::encode_url_points({}));
    CHECK(r.notices.empty());
    REQUIRE(r.state.points.has_value());
    CHECK(r.state.points->empty());
  }

  TEST_CASE("points that do not fit the encoding are left out of the link and reported") {
    UrlState s;
    s.scenario = "sketch";
    const std::vector<std::vector<UrlPoint>> misfits = {
        std::vector<UrlPoint>(static_cast<size_t>(tl::kMaxUrlPoints) + 1),
        {{40.0f, 0.0f, 0, 0}},
        {{0.0f, std::nanf(""), 0, 0}},
        {{0.0f, 0.0f, 127, 0}},
        {{0.0f, 0.0f, -2, 0}},
        {{0.0f, 0.0f, 0, 2}},
    };
    for (size_t i = 0; i < misfits.size(); ++i) {
      INFO("case " << i);
      CHECK_FALSE(tl::url_points_fit(misfits[i]));
      s.points = misfits[i];
      bool left_out = false;
      const std::string text = tl::format_url_hash(s, &left_out);
      CHECK(left_out);
      CHECK_FALSE(contains(text, "pts="));
      CHECK(tl::parse_url_hash(text).notices.empty());
    }
  }

  TEST_CASE("config entries named like the reserved keys are not written") {
    UrlState s;
    s.config = {{"scenario", "x"}, {"seed", "1"}, {"pts", "AQ"}, {"embed", "1"}, {"lr", "2"}};
    CHECK(tl::format_url_hash(s) == "lr=2");
  }

  TEST_CASE("embed takes 1, true or no value") {
    CHECK(tl::parse_url_hash("embed").state.embed);
    CHECK(tl::parse_url_hash("embed=").state.embed);
    CHECK(tl::parse_url_hash("embed=true").state.embed);
    CHECK(tl::parse_url_hash("embed=1").state.embed);
    CHECK_FALSE(tl::parse_url_hash("embed=0").state.embed);
    CHECK_FALSE(tl::parse_url_hash("embed=yes").state.embed);
  }

  TEST_CASE("perf shows the performance overlay, is written back and is not config") {
    CHECK_FALSE(tl::parse_url_hash("scenario=basic-moons").state.perf);
    for (const char* on : {"perf", "perf=", "perf=1", "perf=true"}) {
      const tl::UrlParse r = tl::parse_url_hash(std::string("scenario=basic-moons&") + on);
      CHECK(r.state.perf);
      CHECK(r.notices.empty());
      CHECK(r.state.config.empty());
    }
    CHECK_FALSE(tl::parse_url_hash("perf=0").state.perf);
    CHECK_FALSE(tl::parse_url_hash("perf=false").state.perf);
    const tl::UrlParse bad = tl::parse_url_hash("perf=fast&lr=2");
    CHECK_FALSE(bad.state.perf);
    REQUIRE(bad.notices.size() == 1);
    CHECK(bad.notices[0] == "link: perf: expected 1 or 0, got 'fast'");
    CHECK(bad.state.config.size() == 1);
    UrlState s;
    s.scenario = "basic-moons";
    s.config = {{"perf", "1"}, {"lr", "2"}};
    CHECK(tl::format_url_hash(s) == "scenario=basic-moons&lr=2");
    s.perf = true;
    const std::string text = tl::format_url_hash(s);
    CHECK(text == "scenario=basic-moons&lr=2&perf=1");
    CHECK(tl::parse_url_hash(text).state.perf);
  }

  TEST_CASE("controls takes full, compact or none; another value gives a notice") {
    for (const char* v : {"full", "compact", "none"}) {
      const tl::UrlParse r = tl::parse_url_hash(std::string("scenario=dann-moons&controls=") + v);
      CHECK(r.state.controls == v);
      CHECK(r.notices.empty());
      CHECK(r.state.config.empty());
    }
    const tl::UrlParse bad = tl::parse_url_hash("controls=tiny&lr=2");
    CHECK(bad.state.controls.empty());
    REQUIRE(bad.notices.size() == 1);
    CHECK(bad.notices[0] == "link: controls: expected full, compact or none, got 'tiny'");
    CHECK(bad.state.config.size() == 1);
  }

  TEST_CASE("the embedding page's channel keys are not config and are not written back") {
    const tl::UrlParse r = tl::parse_url_hash(
        "scenario=basic-moons&channel=0123abcd0123abcd&parent_origin=https%3A%2F%2Fcourse.example."
        "org"
        "&controls=none&lr=0.1");
    CHECK(r.notices.empty());
    REQUIRE(r.state.config.size() == 1);
    CHECK(r.state.config[0].first == "lr");
    UrlState s = r.state;
    s.config.push_back({"channel", "x"});
    s.config.push_back({"parent_origin", "y"});
    s.config.push_back({"controls", "none"});
    CHECK(tl::format_url_hash(s) == "scenario=basic-moons&lr=0.1");
  }
}

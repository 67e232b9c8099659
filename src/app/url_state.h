#pragma once
/// The page's state in the location hash, so that a link reproduces the view:
///
///   #scenario=basic-moons&seed=7&lr=0.01&hidden=32%2C32&...&pts=AYC...&embed=1
///
/// - `scenario`: registry name; `seed`: unsigned 64-bit decimal; `embed=1`: canvas and a compact
///   control bar only (for iframes); `compare`: the key of the model shown beside the method
///   (Scenario::models(), e.g. `oracle`; the caller validates it); `lang`: the page's language
///   (`en` or `zh`, i18n::languages(); an unknown one is a notice and English).
/// - `controls=full|compact|none`: the page's chrome (full: the whole page; compact: as embed=1;
///   none: embed=1 without the control bar, for a course page that drives the lab through
///   web/embed.js). `channel` and `parent_origin`: the embedding page's message channel (read by
///   web/api_bridge.js; the app only keeps them out of the config). None of the three is written
///   back by format_url_hash.
/// - `perf=1`: the Performance overlay over the canvas (frame times, steps/s, heatmap rate);
///   `perf=0` or no key: hidden.
/// - every other key is a config field of the scenario, value in its text form
///   (config_to_pairs / set_config_field); the caller validates them against the scenario.
/// - `pts`: a sketched 2-D data set of at most kMaxUrlPoints points, base64url of a version byte
///   (1) then 5 bytes per point: x and y as little-endian int16 in units of 1/kUrlPointScale, and
///   one byte `domain << 7 | (label + 1)` (label -1 = unlabelled, labels 0..126).
/// Keys and values are percent-encoded (UTF-8). Parsing never fails: problems become notices and
/// the affected entries are dropped, so a broken link opens with defaults and a message.
/// No ImGui or browser dependency (fuzzed natively).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

TL_NAMESPACE_BEGIN

constexpr int kMaxUrlPoints = 500;
constexpr double kUrlPointScale = 1000.0;
/// Longest hash accepted (characters); longer ones are ignored with a notice.
constexpr size_t kMaxUrlHashLength = 16384;

struct UrlPoint {
  float x = 0, y = 0;
  int label = -1;  ///< -1 unlabelled
  int domain = 0;  ///< 0 source, 1 target
};

struct UrlState {
  std::string scenario;  ///< empty: the default scenario
  std::vector<std::pair<std::string, std::string>> config;
  std::optional<uint64_t> seed;
  std::optional<std::vector<UrlPoint>> points;
  bool embed = false;
  std::string compare;   ///< empty: the scenario's default comparison
  std::string controls;  ///< "", "full", "compact" or "none" (checked by the parser)
  std::string lang;      ///< a language code of i18n::languages(); empty: the browser's language
  bool perf = false;     ///< `perf=1`: the Performance overlay over the canvas
};

struct UrlParse {
  UrlState state;
  std::vector<std::string> notices;  ///< one line per problem ("link: ...")
};

/// Parses a hash with or without the leading '#'.
UrlParse parse_url_hash(std::string_view hash);
/// The hash text without '#'. Points that do not fit the encoding (out of range, too many) are
/// left out; `points_left_out` (optional) tells.
std::string format_url_hash(const UrlState& state, bool* points_left_out = nullptr);

/// The `pts` payload (exposed for tests).
std::string encode_url_points(const std::vector<UrlPoint>& points);
Result<std::vector<UrlPoint>> decode_url_points(std::string_view text);
/// Whether the points fit the encoding (count, range, labels).
bool url_points_fit(const std::vector<UrlPoint>& points);

std::string percent_encode(std::string_view s);
/// Decodes %XX escapes ('+' stays '+'); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view s);

TL_NAMESPACE_END

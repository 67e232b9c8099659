#include "app/url_state.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "app/i18n.h"
#include "core/parse.h"

TL_NAMESPACE_BEGIN

namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::string b64_encode(const std::vector<uint8_t>& in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (size_t i = 0; i < in.size(); i += 3) {
    const uint32_t a = in[i], b = i + 1 < in.size() ? in[i + 1] : 0,
                   c = i + 2 < in.size() ? in[i + 2] : 0;
    const uint32_t v = (a << 16) | (b << 8) | c;
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    if (i + 1 < in.size()) out += kB64[(v >> 6) & 63];
    if (i + 2 < in.size()) out += kB64[v & 63];
  }
  return out;
}

std::optional<std::vector<uint8_t>> b64_decode(std::string_view in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::vector<uint8_t> out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = b64_value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>((acc >> bits) & 0xff));
    }
  }
  return out;
}

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~' || c == ',';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string clip(std::string_view s, size_t n = 40) {
  std::string out(s.substr(0, n));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  if (s.size() > n) out += "...";
  return out;
}

}  // namespace

std::string percent_encode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

bool url_points_fit(const std::vector<UrlPoint>& points) {
  if (points.size() > static_cast<size_t>(kMaxUrlPoints)) return false;
  const double lim = 32767.0 / kUrlPointScale;
  for (const UrlPoint& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return false;
    if (std::fabs(p.x) > lim || std::fabs(p.y) > lim) return false;
    if (p.label < -1 || p.label > 126) return false;
    if (p.domain != 0 && p.domain != 1) return false;
  }
  return true;
}

std::string encode_url_points(const std::vector<UrlPoint>& points) {
  std::vector<uint8_t> bytes;
  bytes.reserve(1 + points.size() * 5);
  bytes.push_back(1);
  for (const UrlPoint& p : points) {
    for (float v : {p.x, p.y}) {
      const long q = std::lround(static_cast<double>(v) * kUrlPointScale);
      const auto u =
          static_cast<uint16_t>(static_cast<int16_t>(std::max(-32767L, std::min(32767L, q))));
      bytes.push_back(static_cast<uint8_t>(u & 0xff));
      bytes.push_back(static_cast<uint8_t>(u >> 8));
    }
    bytes.push_back(static_cast<uint8_t>((p.domain ? 0x80 : 0) | ((p.label + 1) & 0x7f)));
  }
  return b64_encode(bytes);
}

Result<std::vector<UrlPoint>> decode_url_points(std::string_view text) {
  auto bytes = b64_decode(text);
  if (!bytes) return Error{"pts: not base64url"};
  if (bytes->empty() || (*bytes)[0] != 1) return Error{"pts: unknown format version"};
  if ((bytes->size() - 1) % 5 != 0) return Error{"pts: truncated point data"};
  const size_t n = (bytes->size() - 1) / 5;
  if (n > static_cast<size_t>(kMaxUrlPoints))
    return Error{"pts: more than " + std::to_string(kMaxUrlPoints) + " points"};
  std::vector<UrlPoint> out(n);
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* b = bytes->data() + 1 + i * 5;
    const auto x = static_cast<int16_t>(static_cast<uint16_t>(b[0] | (b[1] << 8)));
    const auto y = static_cast<int16_t>(static_cast<uint16_t>(b[2] | (b[3] << 8)));
    // The encoder writes -32767..32767; -32768 would decode to a point it cannot write back.
    if (x == INT16_MIN || y == INT16_MIN)
      return Error{"pts: point " + std::to_string(i + 1) + ": coordinate out of range"};
    out[i].x = static_cast<float>(x / kUrlPointScale);
    out[i].y = static_cast<float>(y / kUrlPointScale);
    out[i].domain = (b[4] & 0x80) ? 1 : 0;
    out[i].label = (b[4] & 0x7f) - 1;
  }
  return out;
}

UrlParse parse_url_hash(std::string_view hash) {
  UrlParse r;
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  if (hash.empty()) return r;
  if (hash.size() > kMaxUrlHashLength) {
    r.notices.push_back("link: the address is too long (" + std::to_string(hash.size()) +
                        " characters); using the defaults");
    return r;
  }
  size_t pos = 0;
  while (pos <= hash.size()) {
    size_t amp = hash.find('&', pos);
    if (amp == std::string_view::npos) amp = hash.size();
    const std::string_view part = hash.substr(pos, amp - pos);
    pos = amp + 1;
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    auto key = percent_decode(part.substr(0, eq));
    auto value = eq == std::string_view::npos ? std::optional<std::string>(std::string())
                                              : percent_decode(part.substr(eq + 1));
    if (!key || !value) {
      r.notices.push_back("link: bad %-escape in '" + clip(part) + "'");
      continue;
    }
    if (key->empty()) {
      r.notices.push_back("link: entry without a name: '" + clip(part) + "'");
      continue;
    }
    if (*key == "scenario") {
      r.state.scenario = *value;
    } else if (*key == "seed") {
      if (auto s = parse_unsigned(*value))
        r.state.seed = *s;
      else
        r.notices.push_back("link: seed: expected an unsigned integer, got '" + clip(*value) + "'");
    } else if (*key == "compare") {
      r.state.compare = *value;
    } else if (*key == "lang") {
      bool known = false;
      for (const auto& l : i18n::languages()) known = known || *value == l.code;
      if (known) {
        r.state.lang = *value;
      } else {
        std::string codes;
        for (const auto& l : i18n::languages())
          codes += std::string(codes.empty() ? "" : " or ") + l.code;
        r.notices.push_back("link: lang: unknown language '" + clip(*value) + "' (" + codes +
                            "); showing English");
        r.state.lang = "en";
      }
    } else if (*key == "embed") {
      r.state.embed = *value == "1" || *value == "true" || value->empty();
    } else if (*key == "perf") {
      if (*value == "1" || *value == "true" || value->empty())
        r.state.perf = true;
      else if (*value == "0" || *value == "false")
        r.state.perf = false;
      else
        r.notices.push_back("link: perf: expected 1 or 0, got '" + clip(*value) + "'");
    } else if (*key == "controls") {
      if (*value == "full" || *value == "compact" || *value == "none")
        r.state.controls = *value;
      else
        r.notices.push_back("link: controls: expected full, compact or none, got '" + clip(*value) +
                            "'");
    } else if (*key == "channel" || *key == "parent_origin") {
      // The embedding page's message channel (web/api_bridge.js reads it).
    } else if (*key == "pts") {
      auto pts = decode_url_points(*value);
      if (pts.ok())
        r.state.points = std::move(pts.value());
      else
        r.notices.push_back("link: " + pts.error());
    } else {
      bool dup = false;
      for (const auto& kv : r.state.config) dup = dup || kv.first == *key;
      if (dup)
        r.notices.push_back("link: '" + clip(*key) + "' appears twice; the first is used");
      else
        r.state.config.emplace_back(*key, *value);
    }
    if (amp == hash.size()) break;
  }
  return r;
}

std::string format_url_hash(const UrlState& state, bool* points_left_out) {
  std::string out;
  auto add = [&out](const std::string& k, const std::string& v) {
    if (!out.empty()) out += '&';
    out += percent_encode(k);
    out += '=';
    out += percent_encode(v);
  };
  if (!state.scenario.empty()) add("scenario", state.scenario);
  if (state.seed) add("seed", std::to_string(*state.seed));
  for (const auto& kv : state.config) {
    if (kv.first == "scenario" || kv.first == "seed" || kv.first == "pts" || kv.first == "embed" ||
        kv.first == "compare" || kv.first == "controls" || kv.first == "channel" ||
        kv.first == "parent_origin" || kv.first == "lang" || kv.first == "perf")
      continue;
    add(kv.first, kv.second);
  }
  if (points_left_out) *points_left_out = false;
  if (state.points) {
    if (url_points_fit(*state.points)) {
      if (!out.empty()) out += '&';
      out += "pts=" + encode_url_points(*state.points);
    } else if (points_left_out) {
      *points_left_out = true;
    }
  }
  if (!state.compare.empty()) add("compare", state.compare);
  if (!state.lang.empty()) add("lang", state.lang);
  if (state.perf) add("perf", "1");
  if (state.embed) add("embed", "1");
  return out;
}

TL_NAMESPACE_END

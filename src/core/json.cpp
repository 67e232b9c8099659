#include "core/json.h"

#include "core/utf8.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

TL_NAMESPACE_BEGIN

Json Json::boolean(bool b) {
  Json j;
  j.type_ = Type::kBool;
  j.bool_ = b;
  return j;
}
Json Json::number(double x) {
  Json j;
  j.type_ = Type::kNumber;
  j.number_ = x;
  return j;
}
Json Json::string(std::string s) {
  Json j;
  j.type_ = Type::kString;
  j.string_ = std::move(s);
  return j;
}
Json Json::array() {
  Json j;
  j.type_ = Type::kArray;
  return j;
}
Json Json::object() {
  Json j;
  j.type_ = Type::kObject;
  return j;
}

const Json* Json::find(std::string_view key) const {
  for (const auto& kv : members_)
    if (kv.first == key) return &kv.second;
  return nullptr;
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return items_.back();
}

Json& Json::set(const std::string& key, Json value) {
  for (auto& kv : members_)
    if (kv.first == key) return kv.second = std::move(value);
  members_.emplace_back(key, std::move(value));
  return members_.back().second;
}

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string json_number(double x) {
  if (!std::isfinite(x)) return "null";
  char buf[32];
  if (!(x == std::floor(x) && std::abs(x) < 1e15)) {
    std::snprintf(buf, sizeof buf, "%.9g", x);
    // Rounding to 9 digits can give an integer (22222222222222.2 -> 2.22222222e+13); write that
    // as an integer too, so that dumping what was parsed gives the same text again.
    x = std::strtod(buf, nullptr);
    if (!(x == std::floor(x) && std::abs(x) < 1e15)) return buf;
  }
  std::snprintf(buf, sizeof buf, "%.0f", x);
  return buf;
}

namespace {
void dump_to(const Json& j, std::string& out) {
  switch (j.type()) {
    case Json::Type::kNull:
      out += "null";
      break;
    case Json::Type::kBool:
      out += j.as_bool() ? "true" : "false";
      break;
    case Json::Type::kNumber:
      out += json_number(j.as_number());
      break;
    case Json::Type::kString:
      out += json_quote(j.as_string());
      break;
    case Json::Type::kArray: {
      out += '[';
      bool first = true;
      for (const Json& item : j.items()) {
        if (!first) out += ',';
        first = false;
        dump_to(item, out);
      }
      out += ']';
      break;
    }
    case Json::Type::kObject: {
      out += '{';
      bool first = true;
      for (const auto& kv : j.members()) {
        if (!first) out += ',';
        first = false;
        out += json_quote(kv.first);
        out += ':';
        dump_to(kv.second, out);
      }
      out += '}';
      break;
    }
  }
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& origin) : s_(text), origin_(origin) {}

  Result<Json> run() {
    Json value;
    skip_ws();
    if (!parse_value(value, 0)) return Error{message_};
    skip_ws();
    if (pos_ != s_.size()) {
      fail("unexpected text after the value");
      return Error{message_};
    }
    return value;
  }

 private:
  bool fail(const std::string& what) {
    if (message_.empty()) message_ = origin_ + ": offset " + std::to_string(pos_) + ": " + what;
    return false;
  }
  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }
  bool parse_value(Json& out, int depth) {
    if (depth > 64) return fail("nesting deeper than 64");
    if (pos_ >= s_.size()) return fail("unexpected end of input");
    const char c = s_[pos_];
    if (c == '{') return parse_object(out, depth);
    if (c == '[') return parse_array(out, depth);
    if (c == '"') {
      std::string str;
      if (!parse_string(str)) return false;
      out = Json::string(std::move(str));
      return true;
    }
    if (c == 't') return literal("true") && (out = Json::boolean(true), true);
    if (c == 'f') return literal("false") && (out = Json::boolean(false), true);
    if (c == 'n') return literal("null") && (out = Json::null(), true);
    return parse_number(out);
  }
  bool parse_number(Json& out) {
    const size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    auto digits = [&] {
      size_t k = 0;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_, ++k;
      return k;
    };
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      return fail("expected a value");
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return fail("expected digits after '.'");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) return fail("expected digits in exponent");
    }
    if (pos_ - start > 64) return fail("number too long");
    const std::string token(s_.substr(start, pos_ - start));
    out = Json::number(std::strtod(token.c_str(), nullptr));
    return true;
  }

  bool hex4(unsigned& cp) {
    if (pos_ + 4 > s_.size()) return fail("truncated \\u escape");
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = s_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9')
        cp |= h - '0';
      else if (h >= 'a' && h <= 'f')
        cp |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F')
        cp |= h - 'A' + 10;
      else
        return fail("bad hex digit in \\u escape");
    }
    return true;
  }
  bool parse_string(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= s_.size()) return fail("unterminated string");
      const unsigned char c = static_cast<unsigned char>(s_[pos_++]);
      if (c == '"') return true;
      if (c < 0x20) return fail("control character in string");
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      if (pos_ >= s_.size()) return fail("unterminated escape");
      const char e = s_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {
            unsigned lo = 0;
            if (s_.substr(pos_, 2) != "\\u") return fail("lone surrogate");
            pos_ += 2;
            if (!hex4(lo)) return false;
            if (lo < 0xDC00 || lo >= 0xE000) return fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            return fail("lone surrogate");
          }
          utf8::append(out, static_cast<char32_t>(cp));
          break;
        }
        default:
          return fail("bad escape");
      }
    }
  }
  bool parse_array(Json& out, int depth) {
    ++pos_;
    out = Json::array();
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_ws();
      Json item;
      if (!parse_value(item, depth + 1)) return false;
      out.push(std::move(item));
      skip_ws();
      if (pos_ >= s_.size()) return fail("unterminated array");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }
  bool parse_object(Json& out, int depth) {
    ++pos_;
    out = Json::object();
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a string key");
      std::string key;
      if (!parse_string(key)) return false;
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      skip_ws();
      Json value;
      if (!parse_value(value, depth + 1)) return false;
      out.set(key, std::move(value));
      skip_ws();
      if (pos_ >= s_.size()) return fail("unterminated object");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  std::string_view s_;
  std::string origin_;
  size_t pos_ = 0;
  std::string message_;
};
}  // namespace

Result<Json> Json::parse(std::string_view text, const std::string& origin) {
  return Parser(text, origin).run();
}

std::string Json::dump() const {
  std::string out;
  dump_to(*this, out);
  return out;
}

TL_NAMESPACE_END

#include "app/i18n.h"

#include <memory>

#include "core/utf8.h"

TL_NAMESPACE_BEGIN

namespace {

std::string_view trim_end(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

/// `\n` -> line break, `\\` -> backslash; other text unchanged.
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'n' || s[i + 1] == '\\')) {
      out += s[i + 1] == 'n' ? '\n' : '\\';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> split_holes(const std::string& key) {
  std::vector<std::string> parts;
  size_t from = 0;
  for (size_t at = key.find("{}"); at != std::string::npos; at = key.find("{}", from)) {
    parts.push_back(key.substr(from, at - from));
    from = at + 2;
  }
  parts.push_back(key.substr(from));
  return parts;
}

/// Matches the rest of a message, `text`, which follows the literal parts[k], against hole k
/// (any non-empty text) and the parts after it; fills `holes`. Holes are matched shortest
/// first, with backtracking.
bool match_from(const std::vector<std::string>& parts, size_t k, std::string_view text,
                std::vector<std::string>& holes) {
  const std::string& next = parts[k + 1];
  if (k + 2 == parts.size()) {
    if (text.size() <= next.size() || text.substr(text.size() - next.size()) != next) return false;
    holes.emplace_back(text.substr(0, text.size() - next.size()));
    return true;
  }
  for (size_t at = next.empty() ? 1 : text.find(next, 1);
       at != std::string_view::npos && at < text.size();
       at = next.empty() ? at + 1 : text.find(next, at + 1)) {
    holes.emplace_back(text.substr(0, at));
    if (match_from(parts, k + 1, text.substr(at + next.size()), holes)) return true;
    holes.pop_back();
  }
  return false;
}

bool match_pattern(const std::vector<std::string>& parts, std::string_view text,
                   std::vector<std::string>& holes) {
  if (parts.size() < 2 || text.substr(0, parts[0].size()) != parts[0]) return false;
  return match_from(parts, 0, text.substr(parts[0].size()), holes);
}

}  // namespace

const std::string* Catalogue::find(const std::string& en) const {
  auto it = exact.find(en);
  return it == exact.end() ? nullptr : &it->second;
}

std::string Catalogue::message(const std::string& en) const {
  if (const std::string* t = find(en)) return *t;
  for (const Pattern& p : patterns) {
    std::vector<std::string> holes;
    if (!match_pattern(p.parts, en, holes)) continue;
    std::string out;
    size_t from = 0, h = 0;
    for (size_t at = p.translation.find("{}"); at != std::string::npos;
         at = p.translation.find("{}", from)) {
      out += p.translation.substr(from, at - from);
      // A hole holding a sentence (e.g. a nested error) is itself a message: translate it when
      // it can be. A single word (a key, a file or class name, a number) stays as written.
      if (h < holes.size()) {
        const std::string& hole = holes[h++];
        out += hole.find(' ') != std::string::npos ? message(hole) : hole;
      }
      from = at + 2;
    }
    out += p.translation.substr(from);
    return out;
  }
  return en;
}

Result<Catalogue> parse_catalogue(std::string_view text) {
  Catalogue out;
  std::string pending_en;
  bool have_en = false;
  size_t en_line = 0;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = trim_end(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    const std::string where = "i18n: line " + std::to_string(line_no) + ": ";
    if (line.empty() || line.front() == '#') continue;
    if (line.rfind("en: ", 0) == 0 || line == "en:") {
      if (have_en)
        return Error{where + "an 'en:' line follows the 'en:' line " + std::to_string(en_line) +
                     " without its translation"};
      pending_en = unescape(line.substr(line.size() > 3 ? 4 : 3));
      if (pending_en.empty()) return Error{where + "empty English text"};
      have_en = true;
      en_line = line_no;
      continue;
    }
    const size_t colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0 || colon > 8)
      return Error{where + "expected 'en: text' or 'LANG: text'"};
    if (!have_en) return Error{where + "a translation without its 'en:' line"};
    std::string translation = unescape(line.substr(colon + 2));
    if (translation.empty()) return Error{where + "empty translation"};
    // The catalogue is joined from several files; one text may be in two of them, but it must
    // read the same in both.
    if (auto it = out.exact.find(pending_en); it != out.exact.end()) {
      if (it->second != translation)
        return Error{where + "'" + pending_en + "' is translated twice, differently"};
      have_en = false;
      continue;
    }
    if (pending_en.find("{}") != std::string::npos)
      out.patterns.push_back({split_holes(pending_en), translation});
    out.exact.emplace(std::move(pending_en), std::move(translation));
    have_en = false;
  }
  if (have_en)
    return Error{"i18n: line " + std::to_string(en_line) + ": 'en:' line without its translation"};
  return out;
}

namespace i18n {

namespace {
struct State {
  std::string lang = "en";
  std::map<std::string, Catalogue> catalogues;
  const Catalogue* current = nullptr;
};
State& state() {
  static State s;
  return s;
}
}  // namespace

const std::vector<Language>& languages() {
  static const std::vector<Language> list = {{"en", "English"}, {"zh", "简体中文"}};
  return list;
}

const std::string& lang() {
  return state().lang;
}

void install(const std::string& code, Catalogue catalogue) {
  State& s = state();
  s.catalogues[code] = std::move(catalogue);
  if (s.lang == code) s.current = &s.catalogues[code];
}

bool available(const std::string& code) {
  return code == "en" || state().catalogues.count(code) > 0;
}

bool set_lang(const std::string& code) {
  State& s = state();
  if (!available(code)) return false;
  s.lang = code;
  auto it = s.catalogues.find(code);
  s.current = code == "en" || it == s.catalogues.end() ? nullptr : &it->second;
  return true;
}

std::string lang_from_browser(std::string_view languages) {
  size_t from = 0;
  while (from <= languages.size()) {
    size_t comma = languages.find(',', from);
    if (comma == std::string_view::npos) comma = languages.size();
    std::string_view entry = languages.substr(from, comma - from);
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    if (entry.size() >= 2 && (entry[0] == 'z' || entry[0] == 'Z') &&
        (entry[1] == 'h' || entry[1] == 'H') &&
        (entry.size() == 2 || entry[2] == '-' || entry[2] == '_' || entry[2] == ';'))
      return "zh";
    from = comma + 1;
  }
  return "en";
}

std::vector<char32_t> codepoints(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
    char32_t c = n == 0 ? b : n == 1 ? (b & 0x1f) : n == 2 ? (b & 0x0f) : (b & 0x07);
    bool ok = n >= 0 && i + static_cast<size_t>(n) < s.size();
    for (int k = 1; ok && k <= n; ++k) {
      const auto cb = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      ok = (cb & 0xc0) == 0x80;
      c = (c << 6) | (cb & 0x3f);
    }
    if (!ok) {
      out.push_back(0xfffd);
      ++i;
      continue;
    }
    out.push_back(c);
    i += static_cast<size_t>(n) + 1;
  }
  return out;
}

bool is_cjk(char32_t c) {
  return (c >= 0x2e80 && c <= 0x9fff) ||  // radicals, CJK punctuation, kana, ideographs
         (c >= 0xac00 && c <= 0xd7af) ||  // hangul
         (c >= 0xf900 && c <= 0xfaff) ||  // compatibility ideographs
         (c >= 0xfe30 && c <= 0xfe4f) ||  // compatibility forms
         (c >= 0xff00 && c <= 0xffef) ||  // full-width forms
         (c >= 0x20000 && c <= 0x3ffff);  // supplementary ideographs
}

bool can_break_before(char32_t c) {
  static const std::u32string kNoBreakBefore =
      U"，。、：；！？）》〉」』】〕〗〙〛］｝｠”’…—～・ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュ"
      U"ョヮヵヶ"
      U".,:;!?)]}%";
  return kNoBreakBefore.find(c) == std::u32string::npos;
}

bool can_break_after(char32_t c) {
  static const std::u32string kNoBreakAfter = U"（《〈「『【〔〖〘〚［｛｟“‘([{";
  return kNoBreakAfter.find(c) == std::u32string::npos;
}

bool can_break_between(char32_t a, char32_t b) {
  const auto blank = [](char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == kBreakMark;
  };
  if (blank(a) || blank(b)) return false;  // a space is its own break
  if (!is_cjk(a) && !is_cjk(b)) return false;
  return can_break_after(a) && can_break_before(b);
}

std::string mark_breaks(std::string_view text) {
  const std::vector<char32_t> cps = codepoints(text);
  bool any = false;
  for (char32_t c : cps) any = any || is_cjk(c);
  if (!any) return std::string(text);
  std::string out;
  out.reserve(text.size() * 2);
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i > 0 && can_break_between(cps[i - 1], cps[i])) utf8::append(out, kBreakMark);
    utf8::append(out, cps[i]);
  }
  return out;
}

std::string strip_breaks(std::string_view text) {
  std::string mark;
  utf8::append(mark, kBreakMark);
  std::string out(text);
  for (size_t at = out.find(mark); at != std::string::npos; at = out.find(mark, at))
    out.erase(at, mark.size());
  return out;
}

void mark_breaks(Catalogue& catalogue) {
  for (auto& kv : catalogue.exact) kv.second = mark_breaks(kv.second);
  for (auto& p : catalogue.patterns) p.translation = mark_breaks(p.translation);
}

}  // namespace i18n

const char* tr(const char* en) {
  const Catalogue* c = i18n::state().current;
  if (!c || !en) return en;
  const std::string* t = c->find(en);
  return t ? t->c_str() : en;
}

std::string tr(const std::string& en) {
  const Catalogue* c = i18n::state().current;
  if (!c) return en;
  const std::string* t = c->find(en);
  return t ? *t : en;
}

std::string tr_message(const std::string& en) {
  const Catalogue* c = i18n::state().current;
  return c ? c->message(en) : en;
}

TL_NAMESPACE_END

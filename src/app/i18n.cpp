#include "app/i18n.h"

#include <memory>

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

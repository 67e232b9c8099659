#include "app/language.h"

#include <set>

#include "app/app.h"
#include "app/font_cmap.h"
#include "app/i18n.h"
#include "app/lessons.h"
#include "app/platform_lang.h"
#include "app/theme.h"

TL_NAMESPACE_BEGIN

namespace language {

namespace {

struct State {
  bool started = false;  ///< from_link ran once
  bool chosen = false;   ///< a link or the switch named the language
  std::string loading;   ///< the language being fetched ("" when none)
  int request = 0;       ///< the fetch's id
  std::u32string chars;  ///< installed_chars()
};
State& st() {
  static State s;
  return s;
}

/// BCP 47 tag for <html lang>.
const char* document_tag(const std::string& code) {
  return code == "zh" ? "zh-Hans" : code.c_str();
}

void apply(const std::string& code) {
  if (!i18n::set_lang(code)) return;
  platform::set_document_lang(document_tag(code));
}

std::string text_of(const std::vector<uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

/// Installs a fetched language; an error message ("" when it went well).
std::string install(const std::string& code, const platform::Fetched& f) {
  if (f.files.size() != 3) return "incomplete download";
  Result<Catalogue> catalogue = parse_catalogue(text_of(f.files[0]));
  if (!catalogue.ok()) return "web/i18n/" + code + ".txt: " + catalogue.error();
  Result<Lessons> lessons = parse_lessons(text_of(f.files[1]));
  if (!lessons.ok()) return "web/lessons/" + code + ".txt: " + lessons.error();
  Result<std::vector<char32_t>> cps = font_codepoints(f.files[2].data(), f.files[2].size());
  if (!cps.ok()) return "web/fonts/" + code + ".ttf: " + cps.error();
  // The characters a font must draw, before the break marks go in.
  std::set<char32_t> chars;
  for (const auto& kv : catalogue->exact)
    for (char32_t c : i18n::codepoints(kv.second)) chars.insert(c);
  for (std::string* t : lesson_texts(*lessons))
    for (char32_t c : i18n::codepoints(*t)) chars.insert(c);
  st().chars.assign(chars.begin(), chars.end());
  i18n::mark_breaks(*catalogue);
  for (std::string* t : lesson_texts(*lessons)) *t = i18n::mark_breaks(*t);
  i18n::install(code, std::move(*catalogue));
  install_lessons(code, std::move(*lessons));
  theme::set_cjk_font(f.files[2], *cps);
  return "";
}

}  // namespace

void from_link(App& app, const std::string& code) {
  State& s = st();
  const bool first = !s.started;
  s.started = true;
  if (!code.empty()) {
    s.chosen = true;
    choose(app, code);
  } else if (first) {
    choose(app, i18n::lang_from_browser(platform::browser_languages()));
    s.chosen = false;
  }
}

void choose(App& app, const std::string& code) {
  State& s = st();
  s.chosen = true;
  if (code == s.loading) return;
  if (i18n::available(code)) {
    s.loading.clear();  // a later choice wins over a fetch still running
    apply(code);
    return;
  }
  s.loading = code;
  ++s.request;
  platform::fetch_files(s.request, {"web/i18n/" + code + ".txt", "web/lessons/" + code + ".txt",
                                    "web/fonts/" + code + ".ttf"});
}

void update(App& app) {
  State& s = st();
  for (platform::Fetched f; platform::take_fetched(f);) {
    if (f.id != s.request || s.loading.empty()) continue;  // superseded
    const std::string code = s.loading;
    s.loading.clear();
    const std::string error = f.ok ? install(code, f) : f.error;
    if (!error.empty()) {
      app.notify(
          "Could not load the Chinese translation (" + error + "); the page stays in English", true,
          15);
      apply("en");
      continue;
    }
    apply(code);
  }
}

bool loading() {
  return !st().loading.empty();
}

const std::string& loading_code() {
  return st().loading;
}

std::string link_lang() {
  const State& s = st();
  return s.chosen ? (s.loading.empty() ? i18n::lang() : s.loading) : std::string();
}

const std::u32string& installed_chars() {
  return st().chars;
}

}  // namespace language

TL_NAMESPACE_END

// The page's Chinese: the lessons in both languages cover the same ground, Chinese text breaks
// between characters but never before closing punctuation, the link's `lang`, the browser's
// languages, and the font reader that tells which characters a fetched font maps.
#ifndef __EMSCRIPTEN__  // the page logic is linked into the native test binary only
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/font_cmap.h"
#include "app/i18n.h"
#include "app/language_names_font.h"
#include "app/lessons.h"
#include "app/url_state.h"
#include "core/utf8.h"
#include "support/source_files.h"

using namespace tl;

namespace {

std::string lessons_text(const std::string& lang) {
  return tl::test::read_source_file("web/lessons/" + lang + ".txt");
}

/// Per section head, the keys of its lines in order ("title", "idea", "idea", "try", ...).
std::map<std::string, std::vector<std::string>> section_keys(const std::string& text) {
  std::map<std::string, std::vector<std::string>> out;
  std::string section;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      section = line;
      out[section];
      continue;
    }
    out[section].push_back(line.substr(0, line.find(':')));
  }
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) utf8::append(out, c);
  return out;
}

}  // namespace

TEST_SUITE("app/language") {
  TEST_CASE("the Chinese lessons cover exactly the English sections and keys, tries included") {
    const std::string en = lessons_text("en"), zh = lessons_text("zh");
    REQUIRE_FALSE(zh.empty());
    const auto en_keys = section_keys(en), zh_keys = section_keys(zh);
    CHECK(en_keys.size() == zh_keys.size());
    for (const auto& entry : en_keys) {
      const auto& section = entry.first;
      const auto& keys = entry.second;
      CAPTURE(section);
      REQUIRE(zh_keys.count(section) == 1);
      CHECK(zh_keys.at(section) == keys);
    }
    for (const auto& kv : zh_keys) CHECK_MESSAGE(en_keys.count(kv.first), kv.first);

    auto parsed = parse_lessons(zh);
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? std::string() : parsed.error()));
    const Lessons& e = builtin_lessons("en");
    for (const auto& entry : e.scenarios) {
      const std::string& name = entry.first;
      const Lesson& lesson = entry.second;
      CAPTURE(name);
      const Lesson* z = parsed->scenario(name);
      REQUIRE(z);
      CHECK(z->tries.size() == lesson.tries.size());
      CHECK(z->title != lesson.title);  // translated, not copied
    }
  }

  TEST_CASE("installed lessons answer for their language, English stays built in") {
    auto parsed = parse_lessons("[basic-moons]\ntitle: 普通分类器\nidea: 一行。\nidea: 两行。\n");
    REQUIRE(parsed.ok());
    CHECK(parsed->scenario("basic-moons")->idea == "一行。两行。");  // no space between Chinese
    CHECK(builtin_lessons("xq").scenario("basic-moons")->title == "A plain classifier");
    install_lessons("xq", std::move(*parsed));
    CHECK(builtin_lessons("xq").scenario("basic-moons")->title == "普通分类器");
    CHECK(builtin_lessons("en").scenario("basic-moons")->title == "A plain classifier");
    // The current language (English here) is the default.
    CHECK(builtin_lessons().scenario("basic-moons")->title == "A plain classifier");
  }

  TEST_CASE("a line breaks between Chinese characters but never before closing punctuation") {
    CHECK(i18n::can_break_between(U'迁', U'移'));
    CHECK(i18n::can_break_between(U'。', U'源'));
    CHECK_FALSE(i18n::can_break_between(U'习', U'，'));
    CHECK_FALSE(i18n::can_break_between(U'习', U'。'));
    CHECK_FALSE(i18n::can_break_between(U'域', U'：'));
    CHECK_FALSE(i18n::can_break_between(U'（', U'源'));
    CHECK_FALSE(i18n::can_break_between(U'a', U'b'));  // Latin words break at spaces only
    CHECK(i18n::can_break_between(U'用', U'L'));
    CHECK_FALSE(i18n::can_break_between(U'用', U' '));
    CHECK_FALSE(i18n::can_break_before(U'，'));
    CHECK_FALSE(i18n::can_break_before(U'）'));
    CHECK(i18n::can_break_before(U'迁'));
    CHECK_FALSE(i18n::can_break_after(U'《'));

    const std::string mark = to_utf8(std::u32string(1, i18n::kBreakMark));
    const std::string marked = i18n::mark_breaks("源域，目标域（少量）");
    CHECK(marked == "源" + mark + "域，" + mark + "目" + mark + "标" + mark + "域" + mark + "（少" +
                        mark + "量）");
    CHECK(i18n::strip_breaks(marked) == "源域，目标域（少量）");
    CHECK(i18n::mark_breaks("step %d of %d") == "step %d of %d");  // English unchanged
    CHECK(i18n::mark_breaks("第 %d 步") == "第 %d 步");
    // printf conversions survive marking.
    CHECK(i18n::strip_breaks(i18n::mark_breaks("第%d步")) == "第%d步");
  }

  TEST_CASE("UTF-8 decodes to code points and back, malformed bytes become U+FFFD") {
    const auto cps = i18n::codepoints("a迁😀");
    REQUIRE(cps.size() == 3);
    CHECK(cps[1] == U'迁');
    CHECK(cps[2] == 0x1F600);
    CHECK(to_utf8(std::u32string(cps.begin(), cps.end())) == "a迁😀");
    const auto bad = i18n::codepoints(std::string("a\xe8\xbf", 3));
    CHECK(bad.size() == 3);
    CHECK(bad[1] == 0xfffd);
  }

  TEST_CASE("the browser's languages choose Chinese for any zh tag, else English") {
    CHECK(i18n::lang_from_browser("zh-CN,zh,en") == "zh");
    CHECK(i18n::lang_from_browser("en-US,zh-Hans") == "zh");
    CHECK(i18n::lang_from_browser("zh") == "zh");
    CHECK(i18n::lang_from_browser("en-GB,de") == "en");
    CHECK(i18n::lang_from_browser("zu,zha") == "en");  // Zulu and Zhuang are not Chinese
    CHECK(i18n::lang_from_browser("") == "en");
  }

  TEST_CASE("the link carries lang; an unknown one is a notice and English") {
    UrlParse r = parse_url_hash("#scenario=dann-moons&lang=zh");
    CHECK(r.notices.empty());
    CHECK(r.state.lang == "zh");
    CHECK(format_url_hash(r.state).find("lang=zh") != std::string::npos);
    CHECK(parse_url_hash("lang=en").state.lang == "en");
    CHECK(parse_url_hash("scenario=basic-moons").state.lang.empty());
    UrlParse bad = parse_url_hash("lang=xx");
    REQUIRE(bad.notices.size() == 1);
    CHECK(bad.notices[0].find("lang") != std::string::npos);
    CHECK(bad.notices[0].find("'xx'") != std::string::npos);
    CHECK(bad.state.lang == "en");
    CHECK(bad.state.config.empty());  // not taken for a setting
  }

  TEST_CASE("the font reader lists the characters a font maps and refuses what is no font") {
    auto cps = font_codepoints(kLanguageNamesFont, kLanguageNamesFontSize);
    REQUIRE_MESSAGE(cps.ok(), (cps.ok() ? std::string() : cps.error()));
    std::vector<char32_t> want = i18n::codepoints(kLanguageNamesChars);
    std::sort(want.begin(), want.end());
    CHECK(*cps == want);
    const unsigned char junk[] = "not a font at all";
    CHECK_FALSE(font_codepoints(junk, sizeof junk).ok());
    CHECK_FALSE(font_codepoints(kLanguageNamesFont, 40).ok());  // truncated
  }
}
#endif

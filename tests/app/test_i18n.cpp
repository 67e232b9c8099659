// The page's translations: the catalogue format, patterns for run-time messages, and the checks
// that hold every catalogue in web/i18n/ to the page's source text.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "app/i18n.h"
#include "support/source_files.h"

using namespace tl;
using tl::test::catalogue_text;
using tl::test::read_source_file;

namespace {

/// The printf conversions of a format string, in order ("%d", "%.1f", "%s"; "%%" skipped).
std::vector<std::string> conversions(const std::string& fmt) {
  static const std::regex conv(
      R"(%[-+ #0]*[0-9*]*(\.[0-9*]+)?(hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%])");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(fmt.begin(), fmt.end(), conv); it != std::sregex_iterator();
       ++it)
    if (it->str() != "%%") out.push_back(it->str());
  return out;
}

/// The string literals passed to tr("...") in the page's sources (src/app), unescaped; adjacent
/// literals (as clang-format splits a long one) are joined.
std::set<std::string> tr_literals() {
  std::set<std::string> out;
  static const std::regex call(R"re(\btr\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\))re");
  static const std::regex piece(R"re("((?:[^"\\]|\\.)*)")re");
  const std::filesystem::path root = std::filesystem::path(TL_SOURCE_DIR) / "src/app";
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (e.path().extension() != ".cpp" && e.path().extension() != ".h") continue;
    const std::string text = read_source_file(e.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call);
         it != std::sregex_iterator(); ++it) {
      const std::string joined = (*it)[1].str();
      std::string raw;
      for (auto p = std::sregex_iterator(joined.begin(), joined.end(), piece);
           p != std::sregex_iterator(); ++p)
        raw += (*p)[1].str();
      std::string s;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size()) {
          const char c = raw[++i];
          s += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
          s += raw[i];
        }
      }
      out.insert(s);
    }
  }
  return out;
}

}  // namespace

TEST_SUITE("app/i18n") {
  TEST_CASE("a catalogue maps English text to its translation, with line breaks escaped") {
    auto c = parse_catalogue(
        "# a comment\nen: Play\nzh: 播放\n\nen: Line one\\nline two\nzh: 一\\n二\n");
    REQUIRE(c.ok());
    CHECK(*c->find("Play") == "播放");
    CHECK(*c->find("Line one\nline two") == "一\n二");
    CHECK(c->find("Pause") == nullptr);
    CHECK(c->message("Pause") == "Pause");
  }

  TEST_CASE("bad catalogue lines are refused with their line number") {
    CHECK(parse_catalogue("en: Play\nen: Pause\nzh: x\n").error().find("line 2") !=
          std::string::npos);
    CHECK(parse_catalogue("zh: 播放\n").error().find("line 1") != std::string::npos);
    CHECK(parse_catalogue("en: Play\n").error().find("without its translation") !=
          std::string::npos);
    CHECK(parse_catalogue("en: Play\nzh: a\nen: Play\nzh: b\n").error().find("line 4") !=
          std::string::npos);
    CHECK(parse_catalogue("en: Play\nzh: a\nen: Play\nzh: a\n").ok());  // same text, two files
    CHECK(parse_catalogue("en: Play\nzh: \n").error().find("line 2") != std::string::npos);
  }

  TEST_CASE("patterns translate run-time messages and the text in their holes") {
    auto c = parse_catalogue(
        "en: csv: row {}: expected {} columns, got {}\nzh: csv：第 {} 行：应有 {} 列，实际 {} 列\n"
        "en: could not load {}: {}\nzh: 无法加载 {}：{}\n"
        "en: the file is empty\nzh: 文件是空的\n");
    REQUIRE(c.ok());
    CHECK(c->message("csv: row 12: expected 3 columns, got 2") ==
          "csv：第 12 行：应有 3 列，实际 2 列");
    CHECK(c->message("could not load a.csv: the file is empty") == "无法加载 a.csv：文件是空的");
    CHECK(c->message("could not load a.csv: row 3") == "无法加载 a.csv：row 3");
    CHECK(c->message("something else") == "something else");
    CHECK(c->message("csv: row : expected 3 columns, got 2") ==
          "csv: row : expected 3 columns, got 2");  // a hole is never empty
  }

  TEST_CASE("tr follows the chosen language and English needs no catalogue") {
    auto c = parse_catalogue("en: Play\nzh: 播放\nen: step %d of %d\nzh: 第 %d 步，共 %d 步\n");
    REQUIRE(c.ok());
    i18n::install("xx", std::move(*c));
    CHECK(i18n::available("en"));
    CHECK_FALSE(i18n::set_lang("nope"));
    CHECK(i18n::lang() == "en");
    CHECK(std::string(tr("Play")) == "Play");
    REQUIRE(i18n::set_lang("xx"));
    CHECK(std::string(tr("Play")) == "播放");
    CHECK(tr(std::string("Pause")) == "Pause");
    char buf[64];
    std::snprintf(buf, sizeof buf, tr("step %d of %d"), 3, 10);
    CHECK(std::string(buf) == "第 3 步，共 10 步");
    REQUIRE(i18n::set_lang("en"));
    CHECK(std::string(tr("Play")) == "Play");
  }

  TEST_CASE("every catalogue parses, and each translation keeps its key's printf conversions") {
    for (const auto& l : i18n::languages()) {
      if (std::string(l.code) == "en") continue;
      CAPTURE(l.code);
      auto c = parse_catalogue(catalogue_text(l.code));
      REQUIRE_MESSAGE(c.ok(), (c.ok() ? std::string() : c.error()));
      for (const auto& entry : c->exact) {
        const std::string& en = entry.first;
        const std::string& t = entry.second;
        CAPTURE(en);
        CHECK(conversions(en) == conversions(t));
        const auto holes = [](const std::string& s) {
          size_t n = 0;
          for (size_t at = s.find("{}"); at != std::string::npos; at = s.find("{}", at + 2)) ++n;
          return n;
        };
        CHECK(holes(en) == holes(t));
      }
    }
  }

  TEST_CASE("every string the page passes to tr() has a translation in every language") {
    const auto literals = tr_literals();
    for (const auto& l : i18n::languages()) {
      if (std::string(l.code) == "en") continue;
      CAPTURE(l.code);
      auto c = parse_catalogue(catalogue_text(l.code));
      REQUIRE(c.ok());
      std::vector<std::string> missing;
      for (const auto& s : literals)
        if (!c->find(s)) missing.push_back(s);
      std::string list;
      for (const auto& s : missing) list += "\n  " + s;
      CHECK_MESSAGE(missing.empty(), "untranslated:" << list);
    }
  }
}

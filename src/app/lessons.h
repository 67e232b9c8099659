#pragma once
/// The lessons: per scenario the idea in a few sentences, what to try, what to watch, the paper
/// and why the method sits in its corner of the lecture's grid; per corner a title and one
/// sentence. The text lives in one data file per language (web/lessons/LANG.txt): English is
/// embedded in the build, other languages are fetched by the page when chosen and installed
/// (install_lessons); this is the parser and the lookup the page's explanation card and home grid
/// use.
/// UI-free: the unit tests check that every scenario has a complete lesson.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/status.h"

TL_NAMESPACE_BEGIN

struct Lesson {
  std::string title;
  std::string idea;  ///< the idea lines joined by spaces
  std::vector<std::string> tries;
  std::string watch;
  std::string paper;
  std::string corner;  ///< scenario: why it sits in its corner; corner section: its sentence
};

struct Lessons {
  std::map<std::string, Lesson> scenarios;  ///< by scenario name
  std::map<std::string, Lesson> corners;    ///< by corner key ("both", "target-unlabelled", ...)
  const Lesson* scenario(const std::string& name) const;
  const Lesson* corner(const std::string& key) const;
};

/// Parses a lessons file: `# comment` lines, `[name]` or `[corner:key]` section heads, then
/// `key: text` lines (keys: title, idea, try, watch, paper, corner; corner sections: title,
/// text). Errors name the line. Repeated lines join with a space, or with none between Chinese
/// (CJK) text.
Result<Lessons> parse_lessons(std::string_view text);

/// The lessons in `lang` (empty: the page's current language, i18n::lang()): English is built in;
/// another language once installed, else English.
const Lessons& builtin_lessons(const std::string& lang = "");
/// Installs (or replaces) the lessons of `lang`.
void install_lessons(const std::string& lang, Lessons lessons);
/// Every text of the lessons (titles, ideas, tries, ...), in file order per section: to check
/// that a font can draw them, and to mark their line breaks.
std::vector<std::string*> lesson_texts(Lessons& lessons);

TL_NAMESPACE_END

#pragma once
/// The page's language: English is the source text; other languages come from a catalogue of
/// translations keyed by the English text (web/i18n/LANG/*.txt, joined into web/i18n/LANG.txt
/// by the site build and fetched only when that language is chosen).
///
/// Catalogue format, one entry per pair of lines:
///   # comment
///   en: Play
///   zh: 播放
/// `\n` in either line stands for a line break. A key may be a printf format ("step %d of %d"):
/// the translation must hold the same conversions in the same order (the unit tests check it).
/// A key holding `{}` is a pattern for messages built at run time (e.g. core error messages,
/// "csv: row {}: expected {} columns, got {}"): each `{}` matches any text, which the
/// translation's `{}` repeat in order; a hole holding a sentence (a space) is translated in turn,
/// a single word (a key, a name, a number) stays as written. Exact keys win over patterns.
///
/// UI-free (no ImGui or browser headers): the unit tests check the catalogues.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/status.h"

TL_NAMESPACE_BEGIN

struct Catalogue {
  std::map<std::string, std::string> exact;  ///< English -> translation
  struct Pattern {
    std::vector<std::string> parts;  ///< the key split at its `{}` holes
    std::string translation;
  };
  std::vector<Pattern> patterns;
  /// The translation of `en`, or nullptr.
  const std::string* find(const std::string& en) const;
  /// The translation of a run-time message: exact, then the first matching pattern; else `en`.
  std::string message(const std::string& en) const;
};

/// Parses a catalogue; errors name the line ("i18n: line 12: ..."). Later files may be appended
/// to one text; a key given twice must have the same translation both times.
Result<Catalogue> parse_catalogue(std::string_view text);

namespace i18n {

/// The languages the page offers, in menu order: {code, name in that language}.
struct Language {
  const char* code;
  const char* name;
};
const std::vector<Language>& languages();

/// The current language's code ("en" until another one is installed and chosen).
const std::string& lang();
/// Installs the catalogue for `code` (replacing an earlier one).
void install(const std::string& code, Catalogue catalogue);
/// True when `code` is "en" or has a catalogue installed.
bool available(const std::string& code);
/// Chooses the language; an unavailable one leaves the current choice and returns false.
bool set_lang(const std::string& code);
/// The language of a browser's preference list (navigator.languages, comma-separated, best
/// first): "zh" for the first entry that is Chinese (zh, zh-CN, zh-Hans, ...), else "en".
std::string lang_from_browser(std::string_view languages);

// --- Line breaking ------------------------------------------------------------------------------
// Chinese has no spaces between words: a line may break between two ideographs, but never before
// closing punctuation (，。：) nor after opening punctuation (（《). Dear ImGui wraps only at
// blanks, so the page puts kBreakMark, an ideographic space its fonts draw with zero width, at
// every break opportunity of translated text (mark_breaks): ImGui's wrapping then breaks there.

/// The zero-width break opportunity the page's fonts draw (U+3000, ideographic space).
constexpr char32_t kBreakMark = 0x3000;
/// The code points of UTF-8 text (a malformed byte becomes U+FFFD).
std::vector<char32_t> codepoints(std::string_view utf8);
/// Ideographs, kana, hangul, CJK symbols and punctuation, full-width forms.
bool is_cjk(char32_t c);
/// False for closing and full-width punctuation (，。、：；！？）》」… and ASCII .,:;!?)]}) that
/// must stay on the line of the character before it.
bool can_break_before(char32_t c);
/// False for opening punctuation (（《「“ and ASCII ([{) that must stay with what follows.
bool can_break_after(char32_t c);
/// Whether a line may break between `a` and `b` without a space: next to CJK text, and allowed
/// by the punctuation on both sides.
bool can_break_between(char32_t a, char32_t b);
/// `text` with kBreakMark at every break opportunity (can_break_between); text without CJK
/// characters comes back unchanged.
std::string mark_breaks(std::string_view text);
/// `text` without break marks (for screen readers and copied text).
std::string strip_breaks(std::string_view text);
/// mark_breaks applied to every translation of a catalogue.
void mark_breaks(Catalogue& catalogue);

}  // namespace i18n

/// The current language's text for an English UI string (a literal, or a format string: the
/// result keeps its conversions). Unknown strings come back unchanged.
const char* tr(const char* en) __attribute__((format_arg(1)));
std::string tr(const std::string& en);
/// A run-time message (e.g. an error from the core) in the current language, through the
/// catalogue's patterns.
std::string tr_message(const std::string& en);

TL_NAMESPACE_END

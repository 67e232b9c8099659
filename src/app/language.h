#pragma once
/// The page's language on the page: the start-up choice (the link's `lang`, else the browser's
/// languages), the switch, and loading a language when it is first chosen: its catalogue
/// (web/i18n/LANG.txt), lessons (web/lessons/LANG.txt) and font (web/fonts/LANG.ttf) are fetched
/// relative to the page, then installed (i18n::install, install_lessons, theme::set_cjk_font)
/// before the language is set. English needs none of them. A failed fetch is a notice in English;
/// the page then stays English.
#include <string>
#include <vector>

#include "core/config.h"

TL_NAMESPACE_BEGIN

class App;

namespace language {

/// The language a link asks for (`lang`, "" when none): on the first call, "" means the
/// browser's language; later (the address edited) "" keeps the current one.
void from_link(App& app, const std::string& code);
/// The switch: chooses `code`, loading it first when needed.
void choose(App& app, const std::string& code);
/// Per frame, before the fonts are built: installs a finished fetch.
void update(App& app);
/// True while a language's files are being fetched, and which.
bool loading();
const std::string& loading_code();
/// The language to write into the page's link: the one a link or the switch chose ("" when the
/// browser's language decided, so that a shared link opens in its reader's language).
std::string link_lang();
/// The characters of the installed translations (catalogue and lessons), each once: a font must
/// draw them all.
const std::u32string& installed_chars();

}  // namespace language

TL_NAMESPACE_END

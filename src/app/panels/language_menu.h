#pragma once
/// The language switch of the top bar: English / 简体中文, each language named in itself.
#include "core/config.h"

TL_NAMESPACE_BEGIN

class App;

namespace panels {

/// The switch's width in the bar (compact: short names).
float language_menu_width(bool compact);
/// The switch (a combo); while a language loads it reads "加载中文…".
void language_menu(App& app, bool compact);

}  // namespace panels

TL_NAMESPACE_END

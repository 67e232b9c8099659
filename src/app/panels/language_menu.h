#pragma once
/// The language switch of the top bar: a globe button (narrow, so the bar keeps its room) that
/// lists English / 简体中文, each language named in itself.
#include "core/config.h"

TL_NAMESPACE_BEGIN

class App;

namespace panels {

/// The switch's width in the bar.
float language_menu_width(bool compact);
/// The switch; while a language loads, "加载中文…" shows under it.
void language_menu(App& app, bool compact);

}  // namespace panels

TL_NAMESPACE_END

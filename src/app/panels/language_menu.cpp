// The language switch: a combo of the page's languages, each named in itself (i18n::languages),
// marked "language" for the browser tests with its entries "language_en", "language_zh".
#include "app/panels/language_menu.h"

#include <algorithm>
#include <string>

#include "app/app.h"
#include "app/i18n.h"
#include "app/language.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

/// The short name of a language (compact bars).
const char* short_name(const std::string& code) {
  return code == "zh" ? "中文" : code == "en" ? "EN" : code.c_str();
}

/// What the combo shows: the current language, or the notice while one loads.
std::string preview(bool compact) {
  if (language::loading()) return compact ? "…" : "加载中文…";
  for (const i18n::Language& l : i18n::languages())
    if (i18n::lang() == l.code) return compact ? short_name(l.code) : l.name;
  return i18n::lang();
}

}  // namespace

float language_menu_width(bool compact) {
  const ImGuiStyle& st = ImGui::GetStyle();
  float w = ImGui::CalcTextSize(compact ? "中文" : "加载中文…").x;
  for (const i18n::Language& l : i18n::languages())
    w = std::max(w, ImGui::CalcTextSize(compact ? short_name(l.code) : l.name).x);
  return w + st.FramePadding.x * 2 + ImGui::GetFrameHeight();
}

void language_menu(App& app, bool compact) {
  ImGui::SetNextItemWidth(language_menu_width(compact));
  const std::string shown = preview(compact);
  if (ImGui::BeginCombo("##language", shown.c_str())) {
    for (const i18n::Language& l : i18n::languages()) {
      const bool current =
          language::loading() ? language::loading_code() == l.code : i18n::lang() == l.code;
      if (ImGui::Selectable(l.name, current) && !current) language::choose(app, l.code);
      app.mark(("language_" + std::string(l.code)).c_str());
    }
    ImGui::EndCombo();
  }
  app.mark("language");
  if (language::loading())
    widgets::tooltip("Loading Chinese...");
  else
    widgets::tooltip(tr("Language of the page"));
}

}  // namespace panels

TL_NAMESPACE_END

// The language switch: a globe button in the top bar that opens the list of the page's languages,
// each named in itself (i18n::languages). Marked "language" for the browser tests, its entries
// "language_en", "language_zh"; while a language loads, "加载中文…" shows under it.
#include "app/panels/language_menu.h"

#include <cmath>
#include <string>

#include "app/app.h"
#include "app/i18n.h"
#include "app/language.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

/// A globe (a circle, its equator and a meridian's ellipse) centred at `c`.
void draw_globe(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
  dl->AddCircle(c, r, col, 24, 1.3f);
  dl->AddLine(ImVec2(c.x - r, c.y), ImVec2(c.x + r, c.y), col, 1.1f);
  dl->AddLine(ImVec2(c.x, c.y - r), ImVec2(c.x, c.y + r), col, 1.1f);
  const int n = 20;
  ImVec2 pts[n + 1];
  for (int i = 0; i <= n; ++i) {
    const float t = static_cast<float>(i) / n * 6.2831853f;
    pts[i] = ImVec2(c.x + 0.45f * r * std::cos(t), c.y + r * std::sin(t));
  }
  dl->AddPolyline(pts, n + 1, col, 0, 1.1f);
}

}  // namespace

float language_menu_width(bool compact) {
  (void)compact;  // one size: a square button
  return ImGui::GetFrameHeight();
}

void language_menu(App& app, bool compact) {
  const float w = language_menu_width(compact);
  const bool open = ImGui::Button("##language", ImVec2(w, 0));
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  app.mark("language");
  draw_globe(ImGui::GetWindowDrawList(), ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), w * 0.3f,
             ImGui::GetColorU32(ImGuiCol_Text));
  if (language::loading())
    widgets::tooltip("Loading Chinese...");
  else
    widgets::tooltip(tr("Language of the page"));
  if (open) ImGui::OpenPopup("##language_list");
  ImGui::SetNextWindowPos(ImVec2(b.x, b.y + 2), ImGuiCond_Appearing, ImVec2(1, 0));
  if (ImGui::BeginPopup("##language_list")) {
    for (const i18n::Language& l : i18n::languages()) {
      const bool current =
          language::loading() ? language::loading_code() == l.code : i18n::lang() == l.code;
      if (ImGui::Selectable(l.name, current) && !current) language::choose(app, l.code);
      app.mark(("language_" + std::string(l.code)).c_str());
    }
    ImGui::EndPopup();
  }
  if (language::loading()) {
    // The notice under the button, over whatever is below the bar.
    const char* text = "加载中文…";
    const ImVec2 ts = ImGui::CalcTextSize(text);
    const ImVec2 p(b.x - ts.x - 12, b.y + 6);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(p, ImVec2(b.x, p.y + ts.y + 8), IM_COL32(32, 36, 44, 245), 6);
    dl->AddRect(p, ImVec2(b.x, p.y + ts.y + 8), theme::kAccent, 6);
    dl->AddText(ImVec2(p.x + 6, p.y + 4), ImGui::GetColorU32(ImGuiCol_Text), text);
  }
}

}  // namespace panels

TL_NAMESPACE_END

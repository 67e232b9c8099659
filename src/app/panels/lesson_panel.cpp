// The lesson card of the current scenario: the idea, what to try, what to watch, the paper and
// the method's place in the lecture's grid (text from web/lessons/, lessons.h).
#include "app/app.h"
#include "app/i18n.h"
#include "app/lessons.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

void lesson_panel(App& app) {
  if (!app.info()) return;
  const Lesson* l = builtin_lessons().scenario(app.info()->name);
  if (!l) return;
  ImGui::SetNextItemOpen(app.lesson_open, ImGuiCond_Always);
  const std::string head = l->title + "###lesson";
  app.lesson_open = ImGui::CollapsingHeader(head.c_str());
  app.mark("lesson");
  if (!app.lesson_open) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(l->idea.c_str());
  ImGui::Spacing();
  ImGui::PushFont(theme::bold());
  ImGui::TextUnformatted(tr("Try"));
  ImGui::PopFont();
  for (const std::string& t : l->tries) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", t.c_str());
  }
  ImGui::PushFont(theme::bold());
  ImGui::TextUnformatted(tr("Watch"));
  ImGui::PopFont();
  ImGui::TextWrapped("%s", l->watch.c_str());
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped(tr("Scenario: %s (%s)"), tr(app.info()->title).c_str(),
                     app.info()->name.c_str());
  ImGui::TextWrapped(tr("Where in the lecture: %s"), l->corner.c_str());
  ImGui::TextWrapped(tr("Paper: %s"), l->paper.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  if (ImGui::SmallButton((std::string(tr("All methods (home)")) + "###open_home").c_str()))
    app.show_home = true;
  app.mark("open_home");
  ImGui::Spacing();
}

}  // namespace panels

TL_NAMESPACE_END

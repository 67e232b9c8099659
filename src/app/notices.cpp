#include "app/notices.h"

#include <algorithm>

#include "app/engine.h"
#include "app/i18n.h"
#include "app/theme.h"

TL_NAMESPACE_BEGIN

void Notices::push(const std::string& text, bool error, double until) {
  list_.push_back({text, error, until});
  if (list_.size() > kMaxShown) list_.erase(list_.begin());
}

void Notices::draw(ImVec2 canvas_pos, ImVec2 canvas_size,
                   const std::function<void(const char*)>& mark, float top) {
  const double now = now_seconds();
  list_.erase(
      std::remove_if(list_.begin(), list_.end(), [now](const Notice& n) { return n.until < now; }),
      list_.end());
  if (list_.empty()) return;
  const float width = std::min(560.0f, canvas_size.x - 40);
  ImVec2 pos(canvas_pos.x + canvas_size.x * 0.5f - width * 0.5f,
             std::max(canvas_pos.y + 58, top + 6));
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::SetNextWindowBgAlpha(0.94f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1);
  ImGui::Begin("##notices", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  int remove = -1;
  for (size_t i = 0; i < list_.size(); ++i) {
    const Notice& n = list_[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Text, n.error ? theme::to_vec4(theme::kError)
                                                 : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::PushTextWrapPos(width - 50);
    // Kept in English (the page's state reports them so); shown in the chosen language.
    ImGui::TextUnformatted(tr_message(n.text).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SameLine(width - 40);
    if (ImGui::SmallButton("x")) remove = static_cast<int>(i);
    if (i == 0) mark("notice_close");
    ImGui::PopID();
  }
  if (remove >= 0) list_.erase(list_.begin() + remove);
  ImGui::End();
  ImGui::PopStyleVar(2);
}

TL_NAMESPACE_END

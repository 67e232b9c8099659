// The home view: the lecture's 2x2 grid (is the source labelled? is the target labelled?) as the
// first thing a new visitor sees, each cell with its sentence and its methods; a method opens its
// scenario with the lesson card open. Drawn over the canvas area; the current scenario's cell is
// highlighted.
#include <algorithm>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/lessons.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

struct Cell {
  Corner corner;
  const char* key;  ///< the lessons' corner key
};

/// Rows: source labelled / unlabelled; columns: target labelled / unlabelled.
constexpr Cell kCells[2][2] = {
    {{Corner::kBothLabelled, "both"}, {Corner::kTargetUnlabelled, "target-unlabelled"}},
    {{Corner::kSourceUnlabelled, "source-unlabelled"}, {Corner::kNeitherLabelled, "neither"}}};

void open_scenario(App& app, const std::string& name) {
  app.select_scenario(name);
  app.show_home = false;
  app.lesson_open = true;
}

/// The scenarios of `family` in `corner` as links labelled by their titles (the tooltip adds the
/// scenario's name, as the CLI and links spell it, and its description).
void family_links(App& app, Corner corner, const std::string& family) {
  ImGui::PushFont(theme::bold());
  ImGui::TextUnformatted(tr(family).c_str());
  ImGui::PopFont();
  ImGui::Indent(10);
  for (const ScenarioInfo& s : scenarios()) {
    if (s.corner != corner || s.family != family) continue;
    const std::string label = tr(s.title) + "###home_" + s.name;
    const bool current = app.info() == &s;
    if (current) ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(theme::kAccent));
    if (ImGui::Selectable(label.c_str(), current)) open_scenario(app, s.name);
    if (current) ImGui::PopStyleColor();
    app.mark(("home_" + s.name).c_str());
    widgets::tooltip((s.name + ": " + tr(s.description)).c_str());
  }
  ImGui::Unindent(10);
}

}  // namespace

void home_panel(App& app) {
  const Lessons& lessons = builtin_lessons();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::PushFont(theme::big());
  ImGui::TextUnformatted(tr("Transfer learning, in the lecture's four corners"));
  ImGui::PopFont();
  widgets::muted(
      tr("Is the source data labelled? Is the target data labelled? Each corner has its own "
         "methods. Pick one: its demo opens with the method beside its baseline, and a card that "
         "says what to try."));
  ImGui::Spacing();

  const char* const row_heads[2] = {tr("source\nlabelled"), tr("source\nunlabelled")};
  const float head_w =
      std::max(ImGui::CalcTextSize(row_heads[0]).x, ImGui::CalcTextSize(row_heads[1]).x) + 16;
  const float gap = 8;
  const float cell_w = std::max(160.0f, (avail.x - head_w - gap) * 0.5f);
  const float top_h = ImGui::GetCursorPosY();
  const float cell_h =
      std::max(150.0f, (avail.y - (top_h - ImGui::GetStyle().WindowPadding.y) - 90) * 0.5f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Column heads.
  for (int col = 0; col < 2; ++col) {
    const char* head = col == 0 ? tr("target labelled") : tr("target unlabelled");
    const float tw = ImGui::CalcTextSize(head).x;
    dl->AddText(ImVec2(origin.x + head_w + col * (cell_w + gap) + (cell_w - tw) * 0.5f, origin.y),
                theme::kAxisText, head);
  }
  const float y0 = origin.y + ImGui::GetTextLineHeightWithSpacing();
  const Corner here = app.info() ? app.info()->corner : Corner::kSupervised;
  for (int row = 0; row < 2; ++row) {
    const float y = y0 + row * (cell_h + gap);
    dl->AddText(ImVec2(origin.x, y + cell_h * 0.5f - ImGui::GetTextLineHeight()), theme::kAxisText,
                row_heads[row]);
    for (int col = 0; col < 2; ++col) {
      const Cell& c = kCells[row][col];
      const ImVec2 a(origin.x + head_w + col * (cell_w + gap), y);
      const ImVec2 b(a.x + cell_w, a.y + cell_h);
      const bool current = c.corner == here;
      dl->AddRectFilled(a, b, current ? IM_COL32(86, 180, 233, 40) : IM_COL32(34, 38, 46, 255),
                        8.0f);
      if (current) dl->AddRect(a, b, theme::kAccent, 8.0f, 0, 2.0f);
      ImGui::SetCursorScreenPos(ImVec2(a.x + 10, a.y + 8));
      ImGui::BeginChild(c.key, ImVec2(cell_w - 20, cell_h - 14), false,
                        ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened);
      if (const Lesson* l = lessons.corner(c.key)) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", l->corner.c_str());
        ImGui::PopStyleColor();
      }
      ImGui::Spacing();
      for (const std::string& family : corner_families(c.corner))
        family_links(app, c.corner, family);
      ImGui::EndChild();
      char name[16];
      std::snprintf(name, sizeof(name), "home_cell_%d", row * 2 + col);
      app.mark(name);
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, y0 + 2 * cell_h + gap + 10));
  if (const Lesson* l = lessons.corner("none")) {
    ImGui::TextDisabled("%s:", l->title.c_str());
    for (const ScenarioInfo& s : scenarios()) {
      if (s.corner != Corner::kSupervised) continue;
      ImGui::SameLine();
      if (ImGui::SmallButton((tr(s.title) + "###home_" + s.name).c_str()))
        open_scenario(app, s.name);
      app.mark(("home_" + s.name).c_str());
      widgets::tooltip((s.name + ": " + tr(s.description)).c_str());
    }
  }
  ImGui::SameLine(0, 24);
  if (ImGui::SmallButton((std::string(tr("Back to the lab")) + "###home_close").c_str()))
    app.show_home = false;
  app.mark("home_close");
}

}  // namespace panels

TL_NAMESPACE_END

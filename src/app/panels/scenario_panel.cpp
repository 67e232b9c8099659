// Scenario navigation following the lecture's 2x2 grid: is the source data labelled, is the
// target data labelled? Scenarios without transfer (plain supervised baselines) sit above it.
#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

/// The corner of each cell of the grid: source labelled (row 0) / unlabelled (row 1), target
/// labelled (col 0) / unlabelled (col 1).
constexpr Corner kCellCorner[2][2] = {{Corner::kBothLabelled, Corner::kTargetUnlabelled},
                                      {Corner::kSourceUnlabelled, Corner::kNeitherLabelled}};

bool in_cell(const ScenarioInfo& s, int row, int col) {
  return s.corner == kCellCorner[row][col];
}

/// A cell's label: the method families registered in its corner, one per line ("fine-tuning,\n
/// multitask"); a single family takes two lines ("self-taught\nlearning").
std::string cell_methods(int row, int col) {
  const std::vector<std::string> families = corner_families(kCellCorner[row][col]);
  if (families.empty()) return tr("(none yet)");
  if (families.size() == 1) {
    std::string one = tr(families.front());
    const size_t space = one.find(' ');
    if (space != std::string::npos) one[space] = '\n';
    return one;
  }
  std::string out;
  for (const std::string& f : families) out += (out.empty() ? "" : tr(",\n")) + tr(f);
  return out;
}

int cell_of(const ScenarioInfo* s) {
  if (!s) return -1;
  for (int row = 0; row < 2; ++row)
    for (int col = 0; col < 2; ++col)
      if (in_cell(*s, row, col)) return row * 2 + col;
  return -1;
}

/// A scenario's entry: its title, then its name (the CLI's and the links' slug) smaller and dimmed,
/// after the title when both fit on one line, else below it.
void scenario_item(App& app, const ScenarioInfo& s) {
  const bool selected = app.info() == &s;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize(), small = size * 0.8f;
  const std::string title = tr(s.title);
  const float title_w = ImGui::CalcTextSize(title.c_str()).x;
  const float slug_w = font->CalcTextSizeA(small, FLT_MAX, 0.0f, s.name.c_str()).x;
  const float gap = size * 0.6f;
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool one_line = title_w + gap + slug_w <= avail;
  const float h = one_line ? ImGui::GetTextLineHeight() : ImGui::GetTextLineHeight() + small;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (ImGui::Selectable(("##scn_" + s.name).c_str(), selected, 0, ImVec2(0, h)))
    app.select_scenario(s.name);
  app.mark(("scn_" + s.name).c_str());
  widgets::tooltip(tr(s.description).c_str());
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = selected ? theme::kAccent : ImGui::GetColorU32(ImGuiCol_Text);
  dl->AddText(at, text, title.c_str());
  const ImVec2 slug_at = one_line ? ImVec2(at.x + title_w + gap, at.y + (size - small) * 0.7f)
                                  : ImVec2(at.x + size * 0.5f, at.y + size);
  dl->AddText(font, small, slug_at, theme::kMuted, s.name.c_str());
}

}  // namespace

void scenario_panel(App& app) {
  ImGui::PushFont(theme::big());
  ImGui::TextUnformatted("TransferLab");
  ImGui::PopFont();
  widgets::muted(
      tr("Transfer learning you can watch: sketch data, press Play, see the decision boundary "
         "form."));

  widgets::heading(tr("Scenario"));
  const std::vector<ScenarioInfo>& all = scenarios();
  const int current_cell = cell_of(app.info());
  int& open = app.panel_state.open_cell;  // the quadrant the user last opened
  const int shown = open >= 0 ? open : current_cell;

  // The 2x2 grid: is the source labelled (rows)? is the target labelled (columns)?
  const char* const row_heads[2] = {tr("source\nlabelled"), tr("source\nunlabelled")};
  const float row_head =
      std::max(ImGui::CalcTextSize(row_heads[0]).x, ImGui::CalcTextSize(row_heads[1]).x) + 10;
  const float gap = ImGui::GetStyle().ItemSpacing.x * 0.5f;
  const float cell_w = (ImGui::GetContentRegionAvail().x - row_head - gap) * 0.5f;
  const float cell_h = ImGui::GetTextLineHeight() * 3.3f;
  const ImVec2 base = ImGui::GetCursorPos();
  for (int col = 0; col < 2; ++col) {
    const char* head = col == 0 ? tr("target labelled") : tr("target unlabelled");
    const float tw = ImGui::CalcTextSize(head).x;
    ImGui::SetCursorPos(ImVec2(
        base.x + row_head + col * (cell_w + gap) + std::max(0.0f, (cell_w - tw) * 0.5f), base.y));
    ImGui::TextDisabled("%s", head);
  }
  ImGui::SetCursorPos(ImVec2(base.x, base.y + ImGui::GetTextLineHeightWithSpacing()));
  for (int row = 0; row < 2; ++row) {
    const ImVec2 p = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(p.x, p.y + (cell_h - 2 * ImGui::GetTextLineHeight()) * 0.5f));
    ImGui::TextDisabled("%s", row_heads[row]);
    ImGui::SetCursorPos(ImVec2(p.x + row_head, p.y));
    for (int col = 0; col < 2; ++col) {
      if (col) ImGui::SameLine(0, gap);
      const int cell = row * 2 + col;
      int count = 0;
      for (const auto& s : all) count += in_cell(s, row, col);
      char tail[96];
      std::snprintf(tail, sizeof(tail), count == 1 ? tr("%d scenario") : tr("%d scenarios"), count);
      const std::string label =
          cell_methods(row, col) + "\n" + tail + "###cell" + std::to_string(cell);
      const bool here = cell == current_cell;
      const bool opened = cell == shown;
      ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.5f, 0.5f));
      if (here) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.34f, 0.71f, 0.91f, 0.30f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.34f, 0.71f, 0.91f, 0.42f));
      } else if (opened) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.34f, 0.71f, 0.91f, 0.14f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.34f, 0.71f, 0.91f, 0.24f));
      }
      if (count == 0)
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      if (ImGui::Button(label.c_str(), ImVec2(cell_w, cell_h))) open = cell;
      if (count == 0) ImGui::PopStyleColor();
      if (here || opened) ImGui::PopStyleColor(2);
      ImGui::PopStyleVar();
      char name[16];
      std::snprintf(name, sizeof(name), "cell_%d", cell);
      app.mark(name);
      if (opened) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRect(a, b, theme::kAccent, ImGui::GetStyle().FrameRounding,
                                            0, 1.5f);
      }
    }
  }
  // Scenarios of the opened quadrant, then those without transfer.
  ImGui::Spacing();
  bool any = false;
  for (const auto& s : all)
    if (shown >= 0 && in_cell(s, shown / 2, shown % 2)) {
      scenario_item(app, s);
      any = true;
    }
  if (shown >= 0 && !any) widgets::muted(tr("No scenario of this kind is built in yet."));
  bool any_supervised = false;
  for (const auto& s : all) any_supervised = any_supervised || s.corner == Corner::kSupervised;
  if (any_supervised) {
    ImGui::TextDisabled("%s", tr("no transfer (baseline)"));
    for (const auto& s : all)
      if (s.corner == Corner::kSupervised) scenario_item(app, s);
  }
  if (app.info()) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr(app.info()->description).c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace panels

TL_NAMESPACE_END

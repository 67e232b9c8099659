// How to use the page: the lecture's grid, the methods, the figures, the canvas and its tool bar,
// the mouse and the keyboard, the performance figures, links. Placed over the results column (the
// settings column when narrow) so that the canvas stays in view; a sheet under the bar on a phone
// and in the embed.
// Escape closes it (keyboard_nav.cpp) and gives the focus back.
#include <algorithm>
#include <string>

#include "app/app.h"
#include "app/i18n.h"
#include "app/keyboard_nav.h"
#include "app/panels/language_menu.h"
#include "app/panels/panels.h"
#include "app/perf_overlay.h"
#include "app/theme.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

/// One section: a header that opens and closes (a keyboard stop) over wrapped paragraphs.
/// `title` is shown (translated); `id` keeps the header's open state when the language changes.
bool section(const char* title, const char* id) {
  return ImGui::CollapsingHeader((std::string(title) + "###" + id).c_str(),
                                 ImGuiTreeNodeFlags_DefaultOpen);
}

void para(const char* text) {
  ImGui::TextWrapped("%s", text);
  ImGui::Spacing();
}

/// A name in bold, what it means under it (indented).
void item(const char* name, const char* text) {
  ImGui::PushFont(theme::bold());
  ImGui::TextUnformatted(name);
  ImGui::PopFont();
  ImGui::Indent();
  ImGui::TextWrapped("%s", text);
  ImGui::Unindent();
  ImGui::Spacing();
}

void grid_section() {
  if (!section(tr("The 2x2 grid of transfer learning"), "grid")) return;
  para(
      tr("Transfer learning uses what a model learned on a source (one data set, task or domain) "
         "for a target. The lecture sorts the methods by which of the two carries labels:"));
  if (ImGui::BeginTable("##grid", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", tr("target labelled"));
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", tr("target unlabelled"));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", tr("source labelled"));
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", tr("fine-tuning, conservative training, layer transfer, multitask, "
                                "progressive networks"));
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", tr("DANN, zero-shot"));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", tr("source unlabelled"));
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", tr("self-taught learning"));
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", tr("self-taught clustering"));
    ImGui::EndTable();
  }
  ImGui::Spacing();
  para(tr("A plain classifier (one data set, no transfer) is the reference outside the grid."));
}

void methods_section() {
  if (!section(tr("The methods, one line each"), "methods")) return;
  item(tr("Plain classifier"), tr("one network on one labelled set; the reference."));
  item(tr("Fine-tuning"),
       tr("train on the source, then go on training on the target's few labels."));
  item(tr("Conservative training"),
       tr("fine-tuning with a pull back to the source model, so little is forgotten."));
  item(tr("Layer transfer"), tr("copy some layers of the source network, train the others on the "
                                "target; which layers to copy depends on what the tasks share."));
  item(tr("Multitask learning"),
       tr("one shared trunk and a head per task, trained on both at once."));
  item(tr("Progressive networks"),
       tr("a new column per task, reading the frozen earlier columns through side links."));
  item(tr("Domain-adversarial training (DANN)"),
       tr("features a domain classifier cannot tell apart, so the source classifier works on the "
          "unlabelled target."));
  item(
      tr("Zero-shot learning"),
      tr("classes described by attributes; unseen classes are recognised from their description."));
  item(tr("Self-taught learning"),
       tr("features learned from unlabelled source data help a classifier "
          "trained on a few target labels."));
  item(tr("Self-taught clustering"),
       tr("clusters the target together with unlabelled auxiliary data that shares its features."));
  ImGui::Spacing();
}

void metrics_section() {
  if (!section(tr("The figures"), "figures")) return;
  item(tr("Accuracy"), tr("the share of held-out points the model classifies right."));
  item(tr("Target (source) accuracy"),
       tr("the same, on the target's (source's) held-out points: what transfer is for."));
  item(tr("Baselines"),
       tr("muted figures and dashed curves: the source-only model (no transfer) and "
          "the target-only oracle, for comparison."));
  item(tr("Gap closed"),
       tr("how much of the way from the source-only model to the oracle the method "
          "goes (100%: as good as the oracle)."));
  item(tr("Domain accuracy"),
       tr("how well a classifier tells source from target features; near 50% means the features no "
          "longer show the domain, which is what domain-adversarial training aims for."));
  item(tr("NMI"),
       tr("normalised mutual information between the clusters and the true classes, from 0 "
          "(unrelated) to 1 (the same grouping)."));
  item(tr("Loss"), tr("what training minimises; it should fall."));
  ImGui::Spacing();
}

void canvas_section(const App& app) {
  if (!section(tr("The canvas and its tool bar"), "canvas")) return;
  para(
      tr("Circles are the source domain, triangles the target (in scenarios without a target, "
         "hollow circles are held-out test points). A white ring marks a point the model gets "
         "wrong. The shading is the predicted class, stronger where the model is surer; the thin "
         "line is the decision boundary."));
  para(
      tr("Tool bar, top left of the canvas: Add and Erase edit the points, the arrows pan, the "
         "corners fit the view to the data. The coloured squares pick the class of new points; "
         "\"?\" adds unlabelled points (for the methods that learn from data without labels). The "
         "source / target toggle (circle / triangle) says to which domain new points belong. Undo "
         "takes back the last change, Clear removes every point."));
  if (!app.embed)
    para(
        tr("Play trains, Pause stops, the step button does one step, reset starts the model again "
           "with the same seed. The settings on the left change the scenario (training restarts); "
           "the results on the right show the figures, curves and downloads."));
  else
    para(
        tr("Play trains, Pause stops, the step button does one step, reset starts the model again "
           "with the same seed."));
}

void input_section(const App& app) {
  if (!section(tr("Mouse, touch and keyboard"), "input")) return;
  item(tr("Mouse"), app.embed
                        ? tr("click to add a point, drag to paint, right-drag to erase; Ctrl+wheel "
                             "zooms (the wheel alone scrolls the page around the lab), middle-drag "
                             "pans.")
                        : tr("click to add a point, drag to paint, right-drag to erase; the wheel "
                             "zooms, middle-drag pans."));
  item(tr("Touch"), tr("tap to add, drag to paint; two fingers pan and pinch to zoom."));
  item(tr("Tab, Shift+Tab"),
       tr("every control in turn, panel after panel; Space or Enter activates, "
          "Enter also types a value into a slider."));
  item(tr("F6, Shift+F6"),
       tr("the next (previous) panel: the top bar, the settings, the canvas tool "
          "bar, the canvas, the method view, the results, the home grid."));
  item(tr("Arrow keys"),
       tr("move within a panel and change a focused slider; on the focused canvas "
          "they pan, + and - zoom, Enter adds a point at the centre cross."));
  item(tr("Ctrl+Z"), tr("undo a change to the points."));
  item(tr("F2"), tr("shows or hides the performance figures over the canvas."));
  item(tr("Escape"),
       tr("closes this help, a list or an edit; pressed again, the next Tab leaves the lab (for "
          "example to the page around an embedded lab)."));
  ImGui::Spacing();
}

void performance_section(App& app) {
  if (!section(tr("Performance"), "performance")) return;
  para(
      tr("How fast this machine runs the lab, over the last second. \"Our frame\" is the time "
         "the page's own code takes to make one picture."));
  for (const std::string& v : perf_verdicts(app)) {
    ImGui::PushFont(theme::bold());
    ImGui::TextWrapped("%s", v.c_str());
    ImGui::PopFont();
  }
  app.mark("help_perf_verdict");
  ImGui::Spacing();
  perf_figures(app, true);
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", tr("Our frame (bright) and the time between frames (faint), last "
                              "seconds; the line is 60 frames/s:"));
  ImGui::PopStyleColor();
  perf_sparkline(app, std::min(ImGui::GetContentRegionAvail().x, 360.0f), 44);
  app.mark("help_perf_chart");
  ImGui::Checkbox(
      (std::string(tr("Show these figures over the canvas (F2)")) + "###help_perf").c_str(),
      &app.show_perf);
  app.mark("help_perf");
  ImGui::Spacing();
}

void link_section(const App& app) {
  if (!section(app.embed ? tr("This embedded lab") : tr("Links"), "links")) return;
  if (!app.embed) {
    para(
        tr("The address bar holds the scenario, its settings, the seed and a sketch of up to 500 "
           "points: copy it to share exactly this view. Add embed=1 to it to place the lab in "
           "another page (only the bar and the canvas)."));
  } else {
    para(
        tr("This lab is embedded in another page: it shows only the bar and the canvas. The full "
           "lab adds the settings, the figures and curves, downloads and the home grid of all the "
           "scenarios; the button at the top of this help opens it in a new tab with the same "
           "scenario, settings and "
           "points."));
  }
}

}  // namespace

void help_window(App& app) {
  const Layout& l = app.layout;
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  // Over a side column, so the canvas stays in view; else a sheet under the bar.
  ImVec2 pos, size;
  if (!app.embed && l.right_size.x >= 240 && l.right_size.y > 200) {
    pos = l.right_pos;
    size = l.right_size;
  } else if (!app.embed && !l.phone && l.left_size.x >= 240 && l.left_size.y > 200) {
    pos = l.left_pos;
    size = l.left_size;
  } else {
    pos = ImVec2(0, l.bar_pos.y + l.bar_size.y);
    size = ImVec2(d.x, std::max(120.0f, d.y - pos.y));
  }
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (ImGui::Begin((std::string(tr("How to use TransferLab")) + "###" + keyboard::kHelp).c_str(),
                   &app.show_help,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr("Escape or the x closes this help."));
    ImGui::PopStyleColor();
    if (app.embed) {
      if (ImGui::Button(
              (std::string(tr("Open the full lab in a new tab")) + "###help_full_lab").c_str()))
        platform::open_in_new_tab(app.full_lab_url());
      app.mark("help_full_lab");
      language_menu(app, false);  // the embedded bar has no language switch
    }
    grid_section();
    methods_section();
    metrics_section();
    canvas_section(app);
    input_section(app);
    performance_section(app);
    link_section(app);
    ImGui::Spacing();
    ImGui::TextDisabled("%s", app.host->threaded()
                                  ? tr("threaded build (training on a worker thread)")
                                  : tr("single-threaded build"));
  }
  ImGui::End();
}

}  // namespace panels

TL_NAMESPACE_END

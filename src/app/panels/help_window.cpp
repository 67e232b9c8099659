// How to use the page: the canvas, the markers and shading, the controls, the keyboard, links.
#include <algorithm>

#include "app/app.h"
#include "app/panels/panels.h"

TL_NAMESPACE_BEGIN

namespace panels {

void help_window(App& app) {
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, d.x - 20), 0), ImGuiCond_Appearing);
  if (ImGui::Begin("How to use TransferLab", &app.show_help,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
    ImGui::TextUnformatted(
        "Canvas: click to add a point of the chosen class, drag to paint, right-drag (or the "
        "eraser) to erase, Clear to start from nothing, Ctrl+Z to undo. Wheel or pinch zooms, "
        "middle-drag or two fingers pan.\n\n"
        "Circles are the source domain, triangles the target domain (in scenarios without a "
        "target, hollow circles are held-out test points). A white ring marks a point the model "
        "gets wrong. The shading is the model's predicted class, stronger where it is surer; the "
        "thin line is the decision boundary.\n\n"
        "Play trains, Pause stops, the step button does one step, reset starts the model again "
        "with the same seed. The settings on the left change the scenario (training restarts).\n\n"
        "Keyboard: arrows move between controls, Space activates, Ctrl+Tab switches panel, "
        "Enter edits a value.\n\n"
        "The address bar holds the scenario, its settings, the seed and a sketch of up to 500 "
        "points: copy it to share exactly this view.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::TextDisabled("%s build", app.host->threaded() ? "threaded (training on a worker thread)"
                                                         : "single-threaded");
  }
  ImGui::End();
}

}  // namespace panels

TL_NAMESPACE_END

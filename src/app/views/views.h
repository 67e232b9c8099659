#pragma once
/// Method-specific views: the one picture per method that makes its idea visible (a feature
/// space, an attribute table, a sweep chart ...). Each view is a function in a file of its own
/// (src/app/views/NAME_view.cpp) that draws a scenario's ViewData (scenarios/view_data.h) of one
/// `kind` into the current ImGui window; views.cpp lists them. A view reads the snapshot's
/// ViewData and may act through the App like a panel does (e.g. set a config field); it never
/// reaches into the engine's scenario.
#include <string>

#include "imgui.h"

#include "scenarios/view_data.h"

TL_NAMESPACE_BEGIN

class App;

namespace views {

/// A view: draws `vd` into a region of `size` at the cursor of the current window.
using ViewFn = void (*)(App& app, const ViewData& vd, ImVec2 size);

/// The view for a ViewData kind, or nullptr.
ViewFn find_view(const std::string& kind);

/// Draws the current snapshot's method view into `size`; false when the scenario has none.
bool method_view(App& app, ImVec2 size);

// --- The views (one file each) ----------------------------------------------------------------
// Add a view: declare it here, define it in its own file, list it in views.cpp.
/// Fine-tuning: the phases, the shots slider, fine-tuned vs scratch, the shots curve.
void finetune_view(App& app, const ViewData& vd, ImVec2 size);
void conservative_view(App& app, const ViewData& vd, ImVec2 size);
void progressive_view(App& app, const ViewData& vd, ImVec2 size);
void multitask_view(App& app, const ViewData& vd, ImVec2 size);
void self_taught_view(App& app, const ViewData& vd, ImVec2 size);
void clustering_view(App& app, const ViewData& vd, ImVec2 size);
void layer_transfer_view(App& app, const ViewData& vd, ImVec2 size);
void zero_shot_view(App& app, const ViewData& vd, ImVec2 size);  ///< kind "zero_shot"

/// "dann": the feature space of the source-only and the adapted network (dann_view.cpp).
void dann_view(App& app, const ViewData& vd, ImVec2 size);

}  // namespace views

TL_NAMESPACE_END

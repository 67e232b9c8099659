#pragma once
/// The page's panels, one file each. Every panel reads and edits the App.
#include "core/config.h"

TL_NAMESPACE_BEGIN

class App;

namespace panels {

/// Play / pause / step / reset, speed, progress, seed, help (also the compact bar of embed=1).
void control_bar(App& app);
/// The lecture's 2x2 grid (source labelled? x target labelled?) for choosing a scenario.
void scenario_panel(App& app);
/// The scenario's settings, built generically from its ConfigVisitor.
void config_panel(App& app);
/// Data in: generators, CSV upload, digits.
void data_panel(App& app);
/// Data out: data CSV, metrics CSV, model file, canvas PNG.
void save_panel(App& app);
/// Key figures: step, loss, accuracies.
void figures_panel(App& app);
/// Loss and accuracy curves.
void plots_panel(App& app);
/// 8x8 thumbnails when the data are the digits.
void digits_panel(App& app);
/// How to use the page.
void help_window(App& app);
/// The home view: the lecture's 2x2 grid with each corner's sentence and methods.
void home_panel(App& app);
/// The current scenario's lesson card (idea, what to try, what to watch, paper).
void lesson_panel(App& app);

}  // namespace panels

TL_NAMESPACE_END

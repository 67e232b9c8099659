// The control bar above the canvas: play / pause / step / reset, speed, progress, help.
// With embed=1 it is the only chrome besides the canvas.
#include <cstdio>

#include "app/app.h"
#include "app/panels/panels.h"
#include "app/phases.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

struct Speed {
  const char* label;
  double steps_per_second;
};
constexpr Speed kSpeeds[] = {{"slow", 10},         {"30 steps/s", 30},     {"60 steps/s", 60},
                             {"200 steps/s", 200}, {"1000 steps/s", 1000}, {"fastest", 0}};

}  // namespace

void control_bar(App& app) {
  const Snapshot* s = app.snap.get();
  const bool done = s && s->done && app.in_sync();
  const bool training = app.req.playing && !done;
  ImGui::SetCursorPosY((ImGui::GetWindowHeight() - ImGui::GetFrameHeight()) * 0.5f);
  const float bw = ImGui::GetFrameHeight();

  const bool compact = app.layout.phone || app.layout.bar_size.x < 560;
  if (app.layout.phone && !app.embed) {
    if (ImGui::Button(app.show_side ? "Canvas" : "Panels")) app.show_side = !app.show_side;
    app.mark("panels");
    ImGui::SameLine();
  }
  if (!app.embed && !app.layout.phone) {
    if (ImGui::Button(app.show_home ? "Lab" : "Home")) app.show_home = !app.show_home;
    app.mark("home");
    widgets::tooltip(app.show_home ? "Back to the scenario"
                                   : "The lecture's grid of methods: pick another one");
    ImGui::SameLine();
  }
  if (training) {
    if (widgets::icon_button("pause", widgets::Icon::kPause, compact ? "" : "Pause", false,
                             ImVec2(compact ? bw * 1.4f : 96, 0)))
      app.play(false);
  } else {
    const widgets::Icon icon = done ? widgets::Icon::kRestart : widgets::Icon::kPlay;
    if (widgets::icon_button("play", icon,
                             compact ? ""
                             : done  ? "Again"
                                     : "Play",
                             false, ImVec2(compact ? bw * 1.4f : 96, 0), theme::kAccent))
      app.play(true);
  }
  app.mark("play");
  widgets::tooltip(training ? "Pause training"
                   : done   ? "Train again from the start"
                            : "Start training");
  ImGui::SameLine();
  if (widgets::icon_button("step", widgets::Icon::kStep, "", false, ImVec2(bw * 1.3f, 0)))
    app.step_once();
  app.mark("step");
  widgets::tooltip("One training step (pauses)");
  ImGui::SameLine();
  if (widgets::icon_button("reset", widgets::Icon::kReset, "", false, ImVec2(bw * 1.3f, 0)))
    app.reset_training();
  app.mark("reset");
  widgets::tooltip("Reset the model (same seed)");

  // Speed.
  ImGui::SameLine(0, 14);
  int current = 0;
  for (int i = 0; i < static_cast<int>(sizeof(kSpeeds) / sizeof(kSpeeds[0])); ++i)
    if (kSpeeds[i].steps_per_second == app.req.steps_per_second) current = i;
  ImGui::SetNextItemWidth(compact ? 96 : 128);
  if (ImGui::BeginCombo("##speed", kSpeeds[current].label)) {
    for (int i = 0; i < static_cast<int>(sizeof(kSpeeds) / sizeof(kSpeeds[0])); ++i) {
      if (ImGui::Selectable(kSpeeds[i].label, i == current)) {
        app.req.steps_per_second = kSpeeds[i].steps_per_second;
        app.view_changed();
      }
      char name[16];
      std::snprintf(name, sizeof(name), "speed_%d", i);
      app.mark(name);
    }
    ImGui::EndCombo();
  }
  app.mark("speed");
  widgets::tooltip("Training speed (steps per second)");

  // Progress (fills the rest of the bar, leaving room for the help button).
  const float help_w = ImGui::CalcTextSize(" ? ").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(0, 14);
  const float prog_w = ImGui::GetContentRegionAvail().x - help_w - ImGui::GetStyle().ItemSpacing.x;
  if (prog_w >= 60) {
    char buf[96];
    const long step = s ? s->step : 0, total = s ? s->total : 0;
    std::snprintf(buf, sizeof(buf), prog_w >= 140 ? "step %ld / %ld" : "%ld", step, total);
    if (s && prog_w >= 420) append_phase_status(buf, sizeof(buf), *s);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                          theme::to_vec4(done ? theme::kGood : theme::kAccent));
    ImGui::ProgressBar(total > 0 ? static_cast<float>(step) / static_cast<float>(total) : 0.0f,
                       ImVec2(prog_w, 0), buf);
    ImGui::PopStyleColor();
    app.mark("progress");
    ImGui::SameLine();
  }
  if (ImGui::Button(" ? ")) app.show_help = !app.show_help;
  app.mark("help");
  widgets::tooltip("How to use this page");
}

}  // namespace panels

TL_NAMESPACE_END

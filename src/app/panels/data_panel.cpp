// Data in: built-in generators with a domain shift that makes the target, CSV upload (file
// picker or drop), the real digits. Data out is save_panel.cpp. The generator's settings live in
// the App's PanelState.
#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/i18n.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/url_state.h"
#include "app/widgets.h"
#include "core/rng.h"
#include "data/synthetic.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

void generate(App& app) {
  GeneratorState& g = app.panel_state.generator;
  const std::string name = generator_names()[static_cast<size_t>(g.generator)];
  Rng rng(app.seed ^ 0x6a09e667f3bcc908ULL);
  Rng src_rng = rng.split(1), tgt_rng = rng.split(2);
  std::optional<Dataset> src = make_named(name, g.points, g.noise, g.classes, src_rng);
  if (!src) return;
  std::optional<Dataset> tgt;
  if (g.make_target && app.accepts_target()) {
    std::optional<Dataset> t = make_named(name, g.target_points, g.noise, g.classes, tgt_rng);
    if (t) {
      Dataset shifted = rotate(*t, g.rotation);
      shifted = scale(shifted, g.scale, g.scale);
      shifted = translate(shifted, g.shift_x, g.shift_y);
      tgt = std::move(shifted);
    }
  }
  app.sketch.set(*src, tgt);
  app.data_changed(true);
}

void label_row(const char* label) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::TableSetColumnIndex(1);
  ImGui::SetNextItemWidth(-FLT_MIN);
}

}  // namespace

void data_panel(App& app) {
  widgets::heading(tr("Data"));
  const Snapshot* s = app.snap.get();
  const bool supervised = app.info() && app.info()->corner == Corner::kSupervised;
  if (app.sketch.active()) {
    if (supervised) {
      // One set, split by the scenario: the counts as drawn (filled train, hollow test).
      ImGui::Text(tr("Your data: %d points"), app.sketch.size());
      if (s && s->data && app.in_sync())
        ImGui::TextDisabled(tr("%d %s + %d %s (held out), as drawn"), s->data->source.size(),
                            tr(app.source_label()), s->data->target.size(), tr(app.target_label()));
      else
        widgets::muted(tr("the scenario holds a share of them out for testing"));
    } else {
      ImGui::Text(tr("Your data: %d %s"), app.sketch.source().size(), tr(app.source_label()));
      if (app.sketch.target().size() > 0) {
        ImGui::SameLine(0, 4);
        ImGui::Text(tr("+ %d %s points"), app.sketch.target().size(), tr(app.target_label()));
      } else {
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted(tr("points"));
      }
    }
    app.mark("data_counts");
    if (app.sketch.dim() != 2) ImGui::TextDisabled(tr("%d features per point"), app.sketch.dim());
    if (app.sketch.dim() != 2 || app.sketch.size() > kMaxUrlPoints)
      widgets::muted(
          tr("Not part of the page's address: links hold sketches of up to 500 2-D points."));
    if (ImGui::Button(
            (std::string(tr("Use the scenario's data")) + "###use_scenario_data").c_str())) {
      app.sketch.deactivate();
      app.data_changed(true);
    }
    app.mark("use_scenario_data");
  } else {
    ImGui::TextUnformatted(tr("The scenario's own data"));
    if (s && s->data)
      ImGui::TextDisabled(tr("%d %s + %d %s points, %d-D"), s->data->source.size(),
                          tr(app.source_label()), s->data->target.size(), tr(app.target_label()),
                          s->data->dim);
  }
  if (!app.accepts_source()) {
    widgets::muted(tr("This scenario takes no data of yours."));
  }

  if (app.accepts_source()) {
    ImGui::Spacing();
    if (widgets::icon_button("upload", widgets::Icon::kUpload, tr("Upload CSV...")))
      platform::open_file_picker(0);
    app.mark("upload");
    widgets::tooltip(
        tr("A CSV file: feature columns, then the class (a 'label' column, or the last); an "
           "optional 'domain' column (0 source, 1 target). You can also drop a file anywhere on "
           "the page."));
    if (app.accepts_target()) {
      ImGui::SameLine();
      if (widgets::icon_button("upload_target", widgets::Icon::kUpload, tr("Target CSV...")))
        platform::open_file_picker(1);
      app.mark("upload_target");
      widgets::tooltip(tr("A CSV file for the target domain only"));
    }
    if (app.accepts_class_table()) {
      ImGui::SameLine();
      if (widgets::icon_button("upload_class_table", widgets::Icon::kUpload,
                               tr("Class table CSV...")))
        platform::open_file_picker(2);
      app.mark("upload_class_table");
      widgets::tooltip(
          tr("Upload class table (CSV): 'class,v1,v2,...', one row per class (matched by name), "
             "replacing the attribute table: attributes or any class embedding such as word "
             "vectors. DAP needs values in [0, 1]; ConSE and embed take any numbers."));
      if (app.class_table()) {
        ImGui::SameLine();
        if (ImGui::SmallButton((std::string(tr("Own table")) + "###own_table").c_str()))
          app.clear_class_table();
        app.mark("clear_class_table");
        widgets::tooltip(tr("Back to the scenario's own class table"));
      }
    }
    ImGui::SameLine();
    if (ImGui::Button((std::string(tr("Digits")) + "###digits").c_str())) app.load_digits_data();
    app.mark("digits");
    widgets::tooltip(
        tr("The real 8x8 handwritten digits (1797 images, 10 classes; UCI optdigits, CC BY 4.0). "
           "The canvas shows their first two principal components."));
    widgets::muted(tr("or drop a .csv file on the page"));
    if (app.class_table()) {
      char text[160];
      std::snprintf(text, sizeof(text), tr("class table: %s"), app.class_table_name().c_str());
      widgets::muted(text);
    }
    if (!app.upload_error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(theme::kError));
      ImGui::TextWrapped("%s", tr_message(app.upload_error).c_str());
      ImGui::PopStyleColor();
      widgets::muted(tr("Your previous data is kept."));
    }

    ImGui::Spacing();
    if (ImGui::CollapsingHeader(
            (std::string(tr("Generate 2-D data")) + "###generate_data").c_str())) {
      GeneratorState& g = app.panel_state.generator;
      if (ImGui::BeginTable("##gen", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("l", ImGuiTableColumnFlags_WidthStretch, 0.42f);
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch, 0.58f);
        const auto& names = generator_names();
        label_row(tr("Shape"));
        if (ImGui::BeginCombo("##shape", names[static_cast<size_t>(g.generator)].c_str())) {
          for (size_t i = 0; i < names.size(); ++i)
            if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == g.generator))
              g.generator = static_cast<int>(i);
          ImGui::EndCombo();
        }
        label_row(tr("Points"));
        ImGui::SliderInt("##points", &g.points, 10, 2000, "%d", ImGuiSliderFlags_Logarithmic);
        label_row(tr("Noise"));
        ImGui::SliderFloat("##noise", &g.noise, 0.0f, 1.0f, "%.2f");
        label_row(tr("Classes"));
        if (names[static_cast<size_t>(g.generator)] == "blobs" ||
            names[static_cast<size_t>(g.generator)] == "spiral") {
          ImGui::SliderInt("##classes", &g.classes, 2, 8);
        } else {
          // The other shapes always have two classes.
          ImGui::AlignTextToFramePadding();
          ImGui::TextDisabled("2 (%s)", names[static_cast<size_t>(g.generator)].c_str());
        }
        if (app.accepts_target()) {
          label_row(tr("Target domain"));
          ImGui::Checkbox("##target", &g.make_target);
          if (g.make_target) {
            label_row(tr("Target points"));
            ImGui::SliderInt("##tpoints", &g.target_points, 10, 2000, "%d",
                             ImGuiSliderFlags_Logarithmic);
            label_row(tr("Rotation"));
            ImGui::SliderFloat("##rot", &g.rotation, -180.0f, 180.0f, tr("%.0f deg"));
            label_row(tr("Shift x"));
            ImGui::SliderFloat("##sx", &g.shift_x, -3.0f, 3.0f, "%.2f");
            label_row(tr("Shift y"));
            ImGui::SliderFloat("##sy", &g.shift_y, -3.0f, 3.0f, "%.2f");
            label_row(tr("Scale"));
            ImGui::SliderFloat("##scale", &g.scale, 0.25f, 4.0f, "%.2f",
                               ImGuiSliderFlags_Logarithmic);
          }
        }
        ImGui::EndTable();
      }
      if (ImGui::Button((std::string(tr("Generate")) + "###generate").c_str(), ImVec2(-FLT_MIN, 0)))
        generate(app);
      app.mark("generate");
      widgets::tooltip(
          tr("Replaces the data with a fresh sample (seeded by the seed above); the target is "
             "another sample, rotated, scaled and shifted."));
    }
  }
}

}  // namespace panels

TL_NAMESPACE_END

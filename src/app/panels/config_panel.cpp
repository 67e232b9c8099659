// The scenario's settings, built generically from its ConfigVisitor: every scenario gets its
// controls from the one visit() that also drives the URL, the CLI and the tests.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include "app/app.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

/// A short label from the help text: up to " (" or ", e.g.", first letter capitalised.
std::string short_label(const char* key, const char* help) {
  std::string h = help && *help ? help : key;
  for (const char* cut : {" (", ", e.g.", "; "}) {
    const size_t p = h.find(cut);
    if (p != std::string::npos && p > 0) h = h.substr(0, p);
  }
  if (!h.empty() && h[0] >= 'a' && h[0] <= 'z') h[0] = static_cast<char>(h[0] - 'a' + 'A');
  return h;
}

class ImGuiConfigVisitor : public ConfigVisitor {
 public:
  explicit ImGuiConfigVisitor(App& app) : app_(app) {}
  bool changed = false;

  void real(const char* key, double& v, double lo, double hi, const char* help) override {
    row(key, help);
    const bool log = lo > 0 && hi / lo >= 100;
    double x = v;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::SliderScalar("##v", ImGuiDataType_Double, &x, &lo, &hi, log ? "%.4g" : "%.3g",
                            log ? ImGuiSliderFlags_Logarithmic : 0)) {
      v = std::fmin(hi, std::fmax(lo, x));
      changed = true;
    }
    end(key, help);
  }
  void integer(const char* key, int& v, int lo, int hi, const char* help) override {
    row(key, help);
    if (std::strcmp(key, "classes") == 0 &&
        (data_ == "moons" || data_ == "circles" || data_ == "xor")) {
      // These generators always make two classes: say so rather than show an unused count.
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("2 (%s has two)", data_.c_str());
      end(key, help);
      return;
    }
    const bool log = lo >= 1 && hi / std::max(lo, 1) >= 1000;
    int x = v;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::SliderInt("##v", &x, lo, hi, "%d",
                         (log ? ImGuiSliderFlags_Logarithmic : 0) | ImGuiSliderFlags_AlwaysClamp)) {
      v = std::min(hi, std::max(lo, x));
      changed = true;
    }
    end(key, help);
  }
  void flag(const char* key, bool& v, const char* help) override {
    row(key, help);
    if (ImGui::Checkbox("##v", &v)) changed = true;
    end(key, help);
  }
  void choice(const char* key, int& index, const std::vector<std::string>& names,
              const char* help) override {
    if (std::strcmp(key, "data") == 0) data_ = names[static_cast<size_t>(index)];
    row(key, help);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##v", names[static_cast<size_t>(index)].c_str())) {
      for (size_t i = 0; i < names.size(); ++i)
        if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == index)) {
          index = static_cast<int>(i);
          changed = true;
        }
      ImGui::EndCombo();
    }
    end(key, help);
  }
  void layers(const char* key, std::vector<int>& v, const char* help) override {
    row(key, help);
    std::string& buf = app_.panel_state.layer_text[key];
    if (buf.empty()) buf = format_layers(v);
    char text[128];
    std::snprintf(text, sizeof(text), "%s", buf.c_str());
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText("##v", text, sizeof(text), ImGuiInputTextFlags_CharsNoBlank);
    buf = text;
    if (ImGui::IsItemDeactivatedAfterEdit()) {
      Status st = set_config_field(app_.mirror().visitor(), key, buf);
      if (st.ok()) {
        changed = true;
        app_.panel_state.layer_error[key].clear();
      } else {
        app_.panel_state.layer_error[key] = st.message;
        buf = format_layers(v);
      }
    } else if (!ImGui::IsItemActive()) {
      buf = format_layers(v);
    }
    end(key, help);
    const std::string& err = app_.panel_state.layer_error[key];
    if (!err.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(1);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(theme::kError));
      ImGui::TextWrapped("%s", err.c_str());
      ImGui::PopStyleColor();
    }
  }

 private:
  void row(const char* key, const char* help) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(0.0f);  // wrap long labels at the column's edge
    ImGui::TextUnformatted(short_label(key, help).c_str());
    ImGui::PopTextWrapPos();
    tip(key, help);
    ImGui::TableSetColumnIndex(1);
    ImGui::PushID(key);
  }
  void end(const char* key, const char* help) {
    app_.mark((std::string("cfg_") + key).c_str());
    tip(key, help);
    ImGui::PopID();
  }
  void tip(const char* key, const char* help) {
    if (ImGui::IsItemHovered() || (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
      ImGui::TextUnformatted(help);
      ImGui::TextDisabled("key: %s  (Ctrl+click a slider to type a value)", key);
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
  App& app_;
  std::string data_;  ///< the "data" choice visited so far (its generator)
};

}  // namespace

void config_panel(App& app) {
  widgets::heading("Settings");
  ImGuiConfigVisitor v(app);
  if (ImGui::BeginTable("##config", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 0.48f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 0.52f);
    // The seed: the same seed gives the same data, weights and results.
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Seed");
    ImGui::TableSetColumnIndex(1);
    const float dice = ImGui::GetFrameHeight() * 1.3f;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - dice -
                            ImGui::GetStyle().ItemSpacing.x);
    uint64_t seed = app.seed;
    if (ImGui::InputScalar("##seed", ImGuiDataType_U64, &seed, nullptr, nullptr, "%llu",
                           ImGuiInputTextFlags_EnterReturnsTrue))
      app.set_seed(seed);
    app.mark("seed");
    widgets::tooltip(
        "Random seed: the same seed gives the same data, weights and results "
        "(Enter applies)");
    ImGui::SameLine();
    if (widgets::icon_button("new_seed", widgets::Icon::kDice, "", false, ImVec2(dice, 0)))
      app.new_seed();
    app.mark("new_seed");
    widgets::tooltip("New seed");
    app.mirror().visit(v);
    ImGui::EndTable();
  }
  if (v.changed) app.config_changed();
  if (app.sketch.active())
    widgets::muted("Your own data is in use: the data settings above do not apply to it.");
}

}  // namespace panels

TL_NAMESPACE_END

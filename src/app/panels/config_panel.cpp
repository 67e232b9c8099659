// The scenario's settings, built generically from its ConfigVisitor: every scenario gets its
// controls from the one visit() that also drives the URL, the CLI and the tests.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/i18n.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "scenarios/setting_text.h"

TL_NAMESPACE_BEGIN

namespace panels {

namespace {

/// Whether a choice's names are sets of class numbers ("1,3,5"): the page offers the classes by
/// name instead.
bool class_sets(const std::vector<std::string>& names) {
  for (const std::string& n : names)
    if (n.empty() || n.find_first_not_of("0123456789,") != std::string::npos) return false;
  return !names.empty();
}

/// The class numbers of a set such as "1,3,5".
std::vector<int> class_set(const std::string& text) {
  std::vector<int> out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t comma = std::min(text.find(',', pos), text.size());
    if (comma > pos && comma - pos <= 4) out.push_back(std::stoi(text.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  return out;
}

class ImGuiConfigVisitor : public ConfigVisitor {
 public:
  explicit ImGuiConfigVisitor(App& app) : app_(app) {}
  bool changed = false;

  void real(const char* key, double& v, double lo, double hi, const char* help) override {
    const SettingText text = setting_text(help ? help : "");
    row(key, text);
    const bool log = lo > 0 && hi / lo >= 100;
    double x = v;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::SliderScalar("##v", ImGuiDataType_Double, &x, &lo, &hi, log ? "%.4g" : "%.3g",
                            log ? ImGuiSliderFlags_Logarithmic : 0)) {
      v = std::fmin(hi, std::fmax(lo, x));
      changed = true;
    }
    end(key, text);
  }
  void integer(const char* key, int& v, int lo, int hi, const char* help) override {
    const SettingText text = setting_text(help ? help : "");
    row(key, text);
    if (std::strcmp(key, "classes") == 0 &&
        (data_ == "moons" || data_ == "circles" || data_ == "xor")) {
      // These generators always make two classes: say so rather than show an unused count.
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled(tr("2 (%s has two)"), data_.c_str());
      end(key, text);
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
    end(key, text);
  }
  void flag(const char* key, bool& v, const char* help) override {
    const SettingText text = setting_text(help ? help : "");
    row(key, text);
    if (ImGui::Checkbox("##v", &v)) changed = true;
    end(key, text);
  }
  void choice(const char* key, int& index, const std::vector<std::string>& names,
              const char* help) override {
    if (std::strcmp(key, "data") == 0) data_ = names[static_cast<size_t>(index)];
    const SettingText text = setting_text(help ? help : "", names);
    names_ = &names;
    row(key, text);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::vector<std::string> classes = app_.mirror().class_names();
    if (class_sets(names) && !classes.empty()) {
      class_choice(key, index, names, classes);
    } else {
      // The plain words of a choice first, its name (the CLI's and the links') dimmed beside.
      const size_t cur = static_cast<size_t>(index);
      const std::string& words = text.choice_words[cur];
      const std::string preview = words.empty() ? names[cur] : tr(words);
      if (ImGui::BeginCombo("##v", preview.c_str())) {
        for (size_t i = 0; i < names.size(); ++i) {
          const std::string& w = text.choice_words[i];
          const std::string item = (w.empty() ? names[i] : tr(w)) + "##" + names[i];
          if (ImGui::Selectable(item.c_str(), static_cast<int>(i) == index)) {
            index = static_cast<int>(i);
            changed = true;
          }
          if (!w.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", names[i].c_str());
          }
        }
        ImGui::EndCombo();
      }
    }
    end(key, text);
    names_ = nullptr;
  }
  void layers(const char* key, std::vector<int>& v, const char* help) override {
    const SettingText text = setting_text(help ? help : "");
    row(key, text);
    std::string& buf = app_.panel_state.layer_text[key];
    if (buf.empty()) buf = format_layers(v);
    char input[128];
    std::snprintf(input, sizeof(input), "%s", buf.c_str());
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText("##v", input, sizeof(input), ImGuiInputTextFlags_CharsNoBlank);
    buf = input;
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
    end(key, text);
    const std::string& err = app_.panel_state.layer_error[key];
    if (!err.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(1);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::to_vec4(theme::kError));
      ImGui::TextWrapped("%s", tr_message(err).c_str());
      ImGui::PopStyleColor();
    }
  }

 private:
  /// A field whose values are sets of 2 or 3 classes: a combo of the class names, ticked.
  void class_choice(const char* key, int& index, const std::vector<std::string>& names,
                    const std::vector<std::string>& classes) {
    const std::vector<int> picked = class_set(names[static_cast<size_t>(index)]);
    std::string preview;
    for (int c : picked)
      if (c >= 0 && c < static_cast<int>(classes.size()))
        preview += (preview.empty() ? "" : ", ") + classes[static_cast<size_t>(c)];
    if (ImGui::BeginCombo("##v", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
      ImGui::TextDisabled("%s", tr("2 or 3 classes without training examples"));
      for (int c = 0; c < static_cast<int>(classes.size()); ++c) {
        bool on = std::find(picked.begin(), picked.end(), c) != picked.end();
        if (ImGui::Checkbox(classes[static_cast<size_t>(c)].c_str(), &on)) {
          std::vector<int> next;
          for (int p : picked)
            if (p != c) next.push_back(p);
          if (on) next.push_back(c);
          std::sort(next.begin(), next.end());
          std::string value;
          for (int p : next) value += (value.empty() ? "" : ",") + std::to_string(p);
          const auto it = std::find(names.begin(), names.end(), value);
          if (it != names.end()) {
            index = static_cast<int>(it - names.begin());
            changed = true;
          } else {
            app_.notify(tr("choose 2 or 3 unseen classes (untick one before ticking another)"),
                        true, 6);
          }
        }
        app_.mark((std::string("cfg_") + key + "_" + std::to_string(c)).c_str());
      }
      ImGui::EndCombo();
    }
  }
  void row(const char* key, const SettingText& text) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(0.0f);  // wrap long labels at the column's edge
    ImGui::TextUnformatted(text.label.empty() ? key : tr(text.label).c_str());
    ImGui::PopTextWrapPos();
    tip(key, text);
    ImGui::TableSetColumnIndex(1);
    ImGui::PushID(key);
  }
  void end(const char* key, const SettingText& text) {
    app_.mark((std::string("cfg_") + key).c_str());
    tip(key, text);
    ImGui::PopID();
  }
  /// The label, its detail (symbols, formulas, papers), each choice's words and the key.
  void tip(const char* key, const SettingText& text) {
    if (ImGui::IsItemHovered() || (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
      ImGui::PushFont(theme::bold());
      ImGui::TextUnformatted(text.label.empty() ? key : tr(text.label).c_str());
      ImGui::PopFont();
      for (const std::string& line : text.detail) ImGui::TextUnformatted(tr(line).c_str());
      if (names_)
        for (size_t i = 0; i < names_->size() && i < text.choice_words.size(); ++i)
          if (!text.choice_words[i].empty())
            ImGui::BulletText("%s: %s", (*names_)[i].c_str(), tr(text.choice_words[i]).c_str());
      ImGui::TextDisabled(tr("key: %s  (Ctrl+click a slider to type a value)"), key);
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
  App& app_;
  std::string data_;  ///< the "data" choice visited so far (its generator)
  const std::vector<std::string>* names_ = nullptr;  ///< the choice being drawn
};

}  // namespace

void config_panel(App& app) {
  widgets::heading(tr("Settings"));
  ImGuiConfigVisitor v(app);
  if (ImGui::BeginTable("##config", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 0.48f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 0.52f);
    // The seed: the same seed gives the same data, weights and results.
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("Seed"));
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
        tr("Random seed: the same seed gives the same data, weights and results (Enter applies)"));
    ImGui::SameLine();
    if (widgets::icon_button("new_seed", widgets::Icon::kDice, "", false, ImVec2(dice, 0)))
      app.new_seed();
    app.mark("new_seed");
    widgets::tooltip(tr("New seed"));
    app.mirror().visit(v);
    ImGui::EndTable();
  }
  if (v.changed) app.config_changed();
  if (app.sketch.active())
    widgets::muted(tr("Your own data is in use: the data settings above do not apply to it."));
}

}  // namespace panels

TL_NAMESPACE_END

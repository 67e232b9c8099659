// The course API: commands from a page that embeds the lab (web/embed.js posts them, the lab's
// web/api_bridge.js checks where they come from and passes them to tl_api in main.cpp), run
// through the same actions as the page's own buttons, and the state the bridge polls for events.
//
// A command is a JSON object {"cmd": NAME, ...}; the answer is {"ok": true, ...} or
// {"ok": false, "error": MESSAGE}. A refused command changes nothing.
#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "core/json.h"

TL_NAMESPACE_BEGIN

namespace {

/// Most steps one step(n) asks for (the engine runs a step request within one tick).
constexpr long kMaxApiSteps = 1000;

std::string failure(const std::string& message) {
  Json out = Json::object();
  out.set("ok", Json::boolean(false));
  out.set("error", Json::string(message));
  return out.dump();
}

/// A config value from JSON in its text form (as the CLI's --set takes it): strings as they are,
/// numbers as the JSON writer prints them, booleans as 1/0, arrays joined with commas.
bool value_text(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::Type::kString:
      out = v.as_string();
      return true;
    case Json::Type::kNumber:
      out = json_number(v.as_number());
      return std::isfinite(v.as_number());
    case Json::Type::kBool:
      out = v.as_bool() ? "1" : "0";
      return true;
    case Json::Type::kArray: {
      out.clear();
      for (const Json& item : v.items()) {
        std::string part;
        if (item.is_array() || !value_text(item, part)) return false;
        if (!out.empty()) out += ',';
        out += part;
      }
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

std::string App::api(const std::string& command) {
  auto parsed = Json::parse(command, "command");
  if (!parsed.ok()) return failure(parsed.error());
  const Json& c = parsed.value();
  const Json* cmd = c.is_object() ? c.find("cmd") : nullptr;
  if (!cmd || !cmd->is_string()) return failure("a command needs a \"cmd\" name");
  const std::string name = cmd->as_string();

  Json out = Json::object();
  out.set("ok", Json::boolean(true));
  if (name == "play") {
    api_step_target_ = -1;
    show_home = false;
    play(true);
    if (!req.playing) return failure(training_gap().empty() ? "cannot play now" : training_gap());
  } else if (name == "pause") {
    api_step_target_ = -1;
    play(false);
  } else if (name == "step") {
    const Json* n = c.find("n");
    double count = 1;
    if (n && !n->is_null()) {
      if (!n->is_number()) return failure("step: n must be a whole number of steps");
      count = n->as_number();
    }
    if (count != std::floor(count) || count < 1 || count > kMaxApiSteps)
      return failure("step: n must be a whole number from 1 to " + std::to_string(kMaxApiSteps) +
                     ", got " + json_number(count));
    const std::string gap = training_gap();
    if (!gap.empty()) return failure(gap);
    // From the step the engine will be at when the request arrives: the snapshot's while it
    // describes the current setup, else 0 (the engine rebuilds it first).
    const bool current =
        snap && snap->setup_version == setup_version_ && snap->resets == req.reset_requests;
    const long base = current ? snap->step : 0;
    const long total = current ? snap->total : -1;
    api_step_target_ = base + static_cast<long>(count);
    if (total >= 0) api_step_target_ = std::min(api_step_target_, total);
    show_home = false;
    req.playing = false;
    req.step_requests += static_cast<long>(count);
    send();
  } else if (name == "reset") {
    // The Reset button's action; the snapshot's reset count says when the engine has done it.
    api_step_target_ = -1;
    reset_training();
  } else if (name == "set") {
    const Json* key = c.find("key");
    const Json* value = c.find("value");
    if (!key || !key->is_string() || key->as_string().empty())
      return failure("set: needs a config key (a string)");
    std::string text;
    if (!value || !value_text(*value, text))
      return failure("set " + key->as_string() +
                     ": needs a value (a string, a finite number, true/false or a list)");
    // The CLI's --set: the scenario's own check and message; on error nothing changes.
    const Status st = mirror_->set_field(key->as_string(), text);
    if (!st.ok()) return failure("set " + key->as_string() + "=" + text + ": " + st.message);
    api_step_target_ = -1;
    config_changed();
    for (const auto& kv : config_to_pairs(mirror_->visitor()))
      if (kv.first == key->as_string()) out.set("value", Json::string(kv.second));
  } else if (name == "load") {
    const Json* scenario = c.find("scenario");
    const std::string wanted =
        scenario && scenario->is_string() ? scenario->as_string() : (info_ ? info_->name : "");
    const ScenarioInfo* target = find_scenario(wanted);
    if (!target) {
      std::string names;
      for (const ScenarioInfo& s : scenarios()) names += (names.empty() ? "" : " ") + s.name;
      return failure("load: unknown scenario '" + wanted + "'; scenarios: " + names);
    }
    uint64_t new_seed = 1;
    if (const Json* s = c.find("seed"); s && !s->is_null()) {
      const double v = s->is_number() ? s->as_number() : -1;
      if (v < 0 || v != std::floor(v) || v > 9007199254740991.0)
        return failure("load: seed must be a non-negative whole number");
      new_seed = static_cast<uint64_t>(v);
    }
    // Every field checked on a fresh copy first, so that a refused load changes nothing.
    std::unique_ptr<Scenario> probe = target->make();
    std::vector<std::pair<std::string, std::string>> fields;
    if (const Json* config = c.find("config"); config && !config->is_null()) {
      if (!config->is_object()) return failure("load: config must be an object of key: value");
      for (const auto& kv : config->members()) {
        std::string text;
        if (!value_text(kv.second, text))
          return failure("load: " + kv.first +
                         ": needs a value (a string, a finite number, true/false or a list)");
        const Status st = probe->set_field(kv.first, text);
        if (!st.ok())
          return failure("load " + target->name + ": set " + kv.first + "=" + text + ": " +
                         st.message);
        fields.emplace_back(kv.first, text);
      }
    }
    api_step_target_ = -1;
    if (!info_ || info_->name != target->name)
      select_scenario(target->name);
    else
      make_mirror(target->name);  // the same scenario: back to its defaults
    for (const auto& kv : fields) mirror_->set_field(kv.first, kv.second);
    show_home = false;
    req.playing = false;
    seed = new_seed;
    canvas.fit_pending = true;
    ++setup_version_;
    send();
  } else if (name == "status" || name == "metrics") {
    return api_status(name == "metrics");
  } else {
    return failure("unknown command '" + name +
                   "'; commands: play pause step reset set load metrics status");
  }
  return out.dump();
}

bool App::api_settled() {
  if (!snap) return false;
  const bool refused = snap->error_version == setup_version_ && !snap->error.empty();
  if ((snap->setup_version != setup_version_ || snap->resets != req.reset_requests) && !refused)
    return false;
  const bool stopped = snap->done || !snap->diverged.empty() || refused;
  if (!stopped && snap->playing != req.playing) return false;
  if (api_step_target_ >= 0) {
    if (snap->step < api_step_target_ && !stopped) return false;
    api_step_target_ = -1;
  }
  return true;
}

std::string App::api_status(bool with_metrics) {
  Json out = Json::object();
  out.set("ok", Json::boolean(true));
  out.set("settled", Json::boolean(api_settled()));
  out.set("scenario", Json::string(info_ ? info_->name : std::string()));
  out.set("seed", Json::number(static_cast<double>(seed)));
  const bool synced = snap && in_sync();
  out.set("step", Json::number(synced ? static_cast<double>(snap->step) : 0.0));
  out.set("total", Json::number(synced ? static_cast<double>(snap->total) : 0.0));
  out.set("done", Json::boolean(synced && snap->done));
  out.set("playing", Json::boolean(req.playing && !(synced && snap->done)));
  std::string error = setup_error();
  if (error.empty() && snap && synced) error = snap->diverged;
  out.set("error", Json::string(error));
  if (with_metrics) {
    Json m = Json::object();
    if (synced && results_valid())
      for (const auto& kv : snap->metrics) m.set(kv.first, Json::number(kv.second));
    out.set("metrics", m);
    out.set("config", config_to_json(mirror_->visitor()));
  }
  return out.dump();
}

TL_NAMESPACE_END

// Typed choices: every choice field of every scenario is an enum (or a fixed list of names) that
// travels as text only at the edges. Each name turns into a value and back into the same name, and
// a typo is refused with the list of valid names at every edge: the config setter, the CLI's
// --set and a link (URL state applied by the engine).
#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/json.h"
#include "scenarios/registry.h"
#include "transfer/dann.h"
#include "transfer/method.h"
#ifndef __EMSCRIPTEN__
#include "app/engine.h"
#include "app/url_state.h"
#include "support/cli_run.h"
#endif

namespace {

struct ChoiceField {
  std::string key;
  int index;
  std::vector<std::string> names;
};

/// Records every choice field with its current index and names.
class ChoiceLister : public tl::ConfigVisitor {
 public:
  std::vector<ChoiceField> fields;
  void real(const char*, double&, double, double, const char*) override {}
  void integer(const char*, int&, int, int, const char*) override {}
  void flag(const char*, bool&, const char*) override {}
  void choice(const char* k, int& index, const std::vector<std::string>& names,
              const char*) override {
    fields.push_back({k, index, names});
  }
  void layers(const char*, std::vector<int>&, const char*) override {}
};

std::vector<ChoiceField> choices_of(tl::Scenario& s) {
  ChoiceLister lister;
  s.visit(lister);
  return lister.fields;
}

/// The current index of choice `key` (-1 when there is no such choice).
int index_of(tl::Scenario& s, const std::string& key) {
  for (const ChoiceField& f : choices_of(s))
    if (f.key == key) return f.index;
  return -1;
}

std::string pair_value(tl::Scenario& s, const std::string& key) {
  for (const auto& kv : tl::config_to_pairs(s.visitor()))
    if (kv.first == key) return kv.second;
  return "<missing>";
}

/// The setter's message for a bad value of a choice field: the key, the value and every name.
std::string refusal(const std::string& key, const std::string& value,
                    const std::vector<std::string>& names) {
  std::string msg = key + ": '" + value + "' is not one of";
  for (const auto& n : names) msg += " " + n;
  return msg;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("scenarios/choices") {
  TEST_CASE("every choice of every scenario round-trips name -> value -> name") {
    std::set<std::string> keys;
    int checked = 0;
    for (const tl::ScenarioInfo& info : tl::scenarios()) {
      CAPTURE(info.name);
      std::unique_ptr<tl::Scenario> s = info.make();
      for (const ChoiceField& f : choices_of(*s)) {
        CAPTURE(f.key);
        keys.insert(f.key);
        // The default is one of the names.
        REQUIRE(f.index >= 0);
        REQUIRE(f.index < static_cast<int>(f.names.size()));
        CHECK(f.names.size() >= 2);
        for (size_t i = 0; i < f.names.size(); ++i) {
          const std::string& name = f.names[i];
          CAPTURE(name);
          REQUIRE(tl::set_config_field(s->visitor(), f.key, name).ok());
          CHECK(index_of(*s, f.key) == static_cast<int>(i));
          CHECK(pair_value(*s, f.key) == name);
          const tl::Json json = tl::config_to_json(s->visitor());
          REQUIRE(json.find(f.key) != nullptr);
          CHECK(json.find(f.key)->as_string() == name);
          ++checked;
        }
        // Back to the default.
        REQUIRE(tl::set_config_field(s->visitor(), f.key, f.names[f.index]).ok());
        CHECK(index_of(*s, f.key) == f.index);
      }
    }
    for (const char* key : {"act", "optimizer", "align", "schedule", "scale", "scale_by", "rest",
                            "kl_inputs", "method", "data", "shape", "source", "auxiliary", "ae_act",
                            "ae_noise", "features", "classifier", "unseen"}) {
      CAPTURE(key);
      CHECK(keys.count(key) == 1);
    }
    CHECK(checked > 40);
  }

  TEST_CASE("the enums and their names: one name per value, in the listed order") {
    CHECK(tl::kActivationChoices.names == std::vector<std::string>{"tanh", "relu", "sigmoid"});
    CHECK(tl::kActivationChoices.name(tl::Activation::kRelu) == "relu");
    CHECK(tl::kActivationChoices.index_of(tl::Activation::kIdentity) == -1);
    CHECK(tl::kOptimizerChoices.name(tl::OptimizerKind::kSgd) == "sgd");
    CHECK(tl::kAlignChoices.name(tl::Align::kMmd) == "mmd");
    CHECK(tl::kGeneratorChoices.names == tl::generator_names());
    // The enum value follows the name through the setter into the config struct.
    std::unique_ptr<tl::Scenario> s = tl::find_scenario("basic-moons")->make();
    tl::TrainConfig tc;
    const tl::VisitFn visit = [&](tl::ConfigVisitor& v) { tc.visit(v); };
    REQUIRE(tl::set_config_field(visit, "act", "relu").ok());
    REQUIRE(tl::set_config_field(visit, "optimizer", "sgd").ok());
    CHECK(tc.act == tl::Activation::kRelu);
    CHECK(tc.optimizer == tl::OptimizerKind::kSgd);
    tc.act = tl::Activation::kSigmoid;
    CHECK(tl::config_to_pairs(visit)[4] ==
          std::make_pair(std::string("act"), std::string("sigmoid")));
  }

  TEST_CASE("a typo in any choice is refused by the config setter with the list of names") {
    for (const tl::ScenarioInfo& info : tl::scenarios()) {
      CAPTURE(info.name);
      std::unique_ptr<tl::Scenario> s = info.make();
      for (const ChoiceField& f : choices_of(*s)) {
        CAPTURE(f.key);
        for (const std::string& bad : {f.names[f.index] + "x", std::string(""),
                                       f.names[0].substr(1), std::string(" ") + f.names[0]}) {
          const tl::Status st = tl::set_config_field(s->visitor(), f.key, bad);
          REQUIRE_FALSE(st.ok());
          CHECK(st.message == refusal(f.key, bad, f.names));
          CHECK(index_of(*s, f.key) == f.index);  // unchanged
        }
      }
    }
  }

#ifndef __EMSCRIPTEN__
  TEST_CASE("the CLI's --set refuses a typo in a choice with the list of names (exit 2)") {
    const std::string err = "tl_choices_stderr.txt";
    const tl_test::CliRun r =
        tl_test::run_cli_with("run basic-moons --steps 1 --set act=tanhh", err);
    std::remove(err.c_str());
    CHECK(r.code == 2);
    CHECK(contains(r.err, "--set act=tanhh: act: 'tanhh' is not one of tanh relu sigmoid"));
    const tl_test::CliRun ok =
        tl_test::run_cli_with("run dann-moons --steps 1 --json --set align=coral", err);
    std::remove(err.c_str());
    CHECK(ok.code == 0);
    CHECK(contains(ok.out, "\"align\":\"coral\""));
  }

  TEST_CASE("a link with a typo in a choice is refused with the list of names") {
    const tl::UrlParse parsed = tl::parse_url_hash("#scenario=dann-moons&align=dnn&seed=3");
    CHECK(parsed.notices.empty());
    tl::Engine e;
    tl::Request r;
    r.setup.scenario = parsed.state.scenario;
    r.setup.config = parsed.state.config;
    r.setup.seed = *parsed.state.seed;
    r.setup.version = 1;
    std::shared_ptr<const tl::Snapshot> snap;
    for (int i = 0; i < 5 && !snap; ++i) {
      e.tick(r, 1.0);
      snap = e.publish_if_changed();
    }
    REQUIRE(snap);
    CHECK(snap->error_version == 1);
    CHECK(snap->error == "align: 'dnn' is not one of dann coral mmd none");
    // The same link with a valid name is accepted, and formats back to the same text.
    const tl::UrlParse good = tl::parse_url_hash("#scenario=dann-moons&align=mmd");
    std::unique_ptr<tl::Scenario> s = tl::find_scenario("dann-moons")->make();
    for (const auto& kv : good.state.config)
      REQUIRE(tl::set_config_field(s->visitor(), kv.first, kv.second).ok());
    CHECK(pair_value(*s, "align") == "mmd");
  }
#endif
}

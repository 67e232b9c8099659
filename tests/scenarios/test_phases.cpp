// Phases of training (Scenario::phases): the scenarios that pre-train on the source and then
// adapt, or train one task after another, declare their phases in order, and a declared phase
// begins exactly where the method's own steps change phase; a baseline that waits for the
// adaptation says from which step it trains.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"

namespace {

/// The scenarios that train in phases (each must declare them).
const std::set<std::string> kPhased = {
    "finetune-moons",        "finetune-digits",   "conservative-moons",
    "layer-transfer-digits", "progressive-moons", "layer-transfer-input-shift",
    "selftaught-digits",     "selftaught-2d",
};

}  // namespace

TEST_SUITE("scenarios/phases") {
  TEST_CASE("every scenario's phases start at step 0, follow each other and end before the run") {
    for (const tl::ScenarioInfo& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto s = tl_test::make_scenario(info.name, tl_test::base_seed());
      const tl::PhaseList phases = s->phases();
      CHECK(phases.empty() == (kPhased.count(info.name) == 0));
      if (phases.empty()) continue;
      CHECK(phases.size() >= 2);
      CHECK(phases.front().start_step == 0);
      for (size_t i = 1; i < phases.size(); ++i) {
        CAPTURE(i);
        CHECK(phases[i].start_step > phases[i - 1].start_step);
        CHECK(phases[i].start_step < s->total_steps());
      }
      for (const tl::Phase& p : phases) CHECK(!p.name.empty());
      // A model trains from the start of a declared phase.
      for (const tl::ModelInfo& m : s->models()) {
        CAPTURE(m.key);
        bool at_phase = m.train_from == 0;
        for (const tl::Phase& p : phases) at_phase = at_phase || p.start_step == m.train_from;
        CHECK(at_phase);
      }
    }
  }

  TEST_CASE("a declared phase begins at the step where the method's steps change phase") {
    // Fine-tuning and progressive networks over a few seeds, the others once.
    for (const std::string& name : kPhased) {
      const bool several = name == "finetune-moons" || name == "progressive-moons";
      for (uint64_t k = 0; k < (several ? 3u : 1u); ++k) {
        const uint64_t seed = tl_test::base_seed() + k;
        CAPTURE(name);
        CAPTURE(seed);
        auto s = tl_test::make_scenario(name, seed);
        const tl::PhaseList phases = s->phases();
        REQUIRE(phases.size() >= 2);
        const long last = phases.back().start_step;
        std::string previous;
        size_t next = 1;  // the next phase to begin
        while (s->steps_done() <= last && !s->done()) {
          const long at = s->steps_done();
          tl::StepStats st;
          const tl::Status ok = s->guarded_step(&st);
          REQUIRE_MESSAGE(ok.ok(), ok.message);
          if (at > 0 && st.phase != previous) {
            // The method's phase changed with this step: a declared phase starts here.
            REQUIRE(next < phases.size());
            CHECK(phases[next].start_step == at);
            ++next;
          }
          previous = st.phase;
        }
        CHECK(next == phases.size());
      }
    }
  }

  TEST_CASE("baselines that wait for the adaptation train from the adaptation phase") {
    for (uint64_t k = 0; k < 3; ++k) {
      const uint64_t seed = tl_test::base_seed() + k;
      CAPTURE(seed);
      auto s = tl_test::make_scenario("finetune-moons", seed);
      const tl::PhaseList phases = s->phases();
      REQUIRE(phases.size() == 2);
      const tl::ModelList models = s->models();
      const int scratch = tl::find_model(models, "scratch");
      REQUIRE(scratch >= 0);
      CHECK(models[static_cast<size_t>(scratch)].train_from == phases[1].start_step);
      CHECK(models[0].train_from == 0);
      // The scratch network does not change before its phase (its accuracy stays put), and it
      // is still reported there (the command line's metrics are unchanged).
      const double before = tl::metric(s->metrics(), "scratch_target_acc");
      tl_test::step_scenario(*s, phases[1].start_step);
      CHECK(tl::metric(s->metrics(), "scratch_target_acc") == before);
    }
  }
}

// The page's view of phases (app/phases.h) on the engine's snapshots: the status line names the
// current phase, and a baseline's curve starts at the step it starts training at.
#ifndef __EMSCRIPTEN__  // the engine is linked into the native test binary only
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>

#include "app/engine.h"
#include "app/phases.h"
#include "support/seed.h"

TEST_SUITE("app/phases") {
  TEST_CASE("phase_at finds the phase a step falls in") {
    const tl::PhaseList phases = {{"pre-train on source", 0}, {"fine-tune on target", 100}};
    CHECK(tl::phase_at({}, 5) == -1);
    CHECK(tl::phase_at(phases, 0) == 0);
    CHECK(tl::phase_at(phases, 99) == 0);
    CHECK(tl::phase_at(phases, 100) == 1);
    CHECK(tl::phase_at(phases, 1000) == 1);
  }

  TEST_CASE("a fine-tuning run names its phases and draws the scratch curve from the switch") {
    for (uint64_t k = 0; k < 2; ++k) {
      tl::Engine e;
      tl::Request r;
      r.setup.scenario = "finetune-moons";
      r.setup.config = {{"curve", "false"}};
      r.setup.seed = tl_test::base_seed() + k;
      r.setup.version = 1;
      r.playing = true;
      std::shared_ptr<const tl::Snapshot> s;
      bool saw_pretrain = false, saw_adapt = false;
      for (int i = 0; i < 20000 && !(s && s->done); ++i) {
        e.tick(r, 2.0);
        if (auto n = e.publish_if_changed()) s = n;
        if (!s || s->phases.size() != 2) continue;
        const std::string status = tl::phase_status(*s);
        if (s->step < s->phases[1].start_step) {
          saw_pretrain = saw_pretrain || status == "phase 1 of 2: pre-train on source";
        } else {
          saw_adapt = saw_adapt || status == "phase 2 of 2: fine-tune on target";
        }
      }
      REQUIRE(s);
      REQUIRE(s->done);
      CHECK(saw_pretrain);
      CHECK(saw_adapt);
      REQUIRE(s->models);
      REQUIRE(s->history);
      const tl::History& h = *s->history;
      const long from = tl::metric_train_from(s->models.get(), "scratch_target_acc");
      CHECK(from == s->phases[1].start_step);
      CHECK(tl::metric_train_from(s->models.get(), "target_acc") == 0);
      int col = -1;
      for (size_t i = 0; i < h.names.size(); ++i)
        if (h.names[i] == "scratch_target_acc") col = static_cast<int>(i);
      REQUIRE(col >= 0);
      const std::vector<double>& raw = h.values[static_cast<size_t>(col)];
      const std::vector<double> drawn = tl::drawn_from(h, raw, from);
      // The recorded history keeps every value; the drawn curve starts at the switch.
      CHECK(std::isfinite(raw.front()));
      bool any_before = false, any_after = false;
      for (size_t i = 0; i < h.steps.size(); ++i) {
        if (h.steps[i] < from) {
          any_before = true;
          CHECK(std::isnan(drawn[i]));
        } else {
          any_after = true;
          CHECK(drawn[i] == raw[i]);
        }
      }
      CHECK(any_before);
      CHECK(any_after);
    }
  }
}
#endif

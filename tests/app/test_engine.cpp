// The page's training engine (no ImGui, GL or browser): the divergence guard stops training,
// keeps the last good weights for the heatmap and says so in the snapshot; a new setup clears it.
#ifndef __EMSCRIPTEN__  // the engine is linked into the native test binary only
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "app/engine.h"
#include "core/metrics.h"
#include "data/grid.h"
#include "support/seed.h"
#include "transfer/zero_shot.h"

namespace {

/// Ticks the engine until `until` holds for the latest snapshot (or `max_ticks` pass); `last`
/// is the latest snapshot seen before.
template <class Pred>
std::shared_ptr<const tl::Snapshot> tick_until(tl::Engine& e, const tl::Request& r, Pred until,
                                               std::shared_ptr<const tl::Snapshot> last = nullptr,
                                               int max_ticks = 2000, double budget_ms = 2.0) {
  for (int i = 0; i < max_ticks; ++i) {
    e.tick(r, budget_ms);
    if (auto s = e.publish_if_changed()) last = s;
    if (last && until(*last)) break;
  }
  return last;
}

/// A scenario built and reset like the engine does (config applied, same seed).
std::unique_ptr<tl::Scenario> make_scenario(const std::string& name, const tl::ConfigPairs& config,
                                            uint64_t seed) {
  const tl::ScenarioInfo* info = tl::find_scenario(name);
  REQUIRE(info);
  auto scn = info->make();
  for (const auto& kv : config)
    REQUIRE(tl::set_config_field(scn->visitor(), kv.first, kv.second).ok());
  REQUIRE(scn->reset(seed).ok());
  return scn;
}

/// One whole step through the guard; false when it stopped training.
bool whole_step(tl::Scenario& scn, tl::StepStats* st) {
  return scn.guarded_step(st).ok();
}

/// One step in slices through the guard; counts the slices.
bool sliced_step(tl::Scenario& scn, tl::StepStats* st, long* slices) {
  bool complete = false;
  do {
    if (!scn.guarded_step_slice(st, &complete).ok()) return false;
    ++*slices;
  } while (!complete);
  return true;
}

/// Both scenarios' metrics and predictions on their own data are the same, bit for bit.
void check_same_models(tl::Scenario& a, tl::Scenario& b) {
  REQUIRE(a.steps_done() == b.steps_done());
  const tl::Metrics ma = a.metrics(), mb = b.metrics();
  REQUIRE(ma.size() == mb.size());
  for (size_t i = 0; i < ma.size(); ++i) {
    CAPTURE(ma[i].first);
    CHECK(ma[i].first == mb[i].first);
    CHECK((ma[i].second == mb[i].second || (std::isnan(ma[i].second) && std::isnan(mb[i].second))));
  }
  const tl::Dataset* data = a.target_data();
  REQUIRE(data);
  const tl::Mat pa = a.predict(data->X), pb = b.predict(data->X);
  CHECK((pa.array() == pb.array()).all());
  for (int m = 1; m < static_cast<int>(a.models().size()); ++m) {
    const tl::Mat qa = a.predict_model(m, data->X), qb = b.predict_model(m, data->X);
    CHECK((qa.array() == qb.array()).all());
  }
}

}  // namespace

TEST_SUITE("app/engine") {
  TEST_CASE(
      "a heatmap made in blocks over ticks equals the one made at once for the same weights") {
    const uint64_t seed = tl_test::base_seed();
    const tl::ConfigPairs config = {{"curve", "false"}, {"source_epochs", "1"}};
    tl::Engine e;
    tl::Request r;
    r.setup.scenario = "finetune-moons";
    r.setup.config = config;
    r.setup.seed = seed;
    r.setup.version = 1;
    r.step_requests = 40;  // past pre-training: the comparison (scratch) differs from the method
    // A zero budget: one unit of work per tick, so the heatmap takes many blocks. The steps
    // run in the first tick, before the first heatmap starts.
    auto s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.heatmap != nullptr; }, nullptr, 5000, 0.0);
    REQUIRE(s);
    CHECK(s->step == 40);
    REQUIRE(s);
    REQUIRE(s->heatmap);
    const tl::Heatmap& hm = *s->heatmap;
    CHECK(hm.blocks > 3);
    CHECK(s->heatmap_blocks == hm.blocks);
    // The same scenario, same seed, 40 whole steps, predicted at once.
    auto ref = make_scenario("finetune-moons", config, seed);
    for (int i = 0; i < 40; ++i) {
      tl::StepStats st;
      REQUIRE(whole_step(*ref, &st));
    }
    REQUIRE(ref->steps_done() == s->step);
    const tl::Mat grid = tl::grid_points(hm.spec);
    const tl::Mat P = ref->predict(grid);
    REQUIRE(hm.classes == P.rows());
    REQUIRE(hm.probs.size() == static_cast<size_t>(P.size()));
    const tl::Mat Q = ref->predict_model(hm.compare, grid);
    REQUIRE(hm.compare == 1);
    REQUIRE(hm.compare_probs.size() == static_cast<size_t>(Q.size()));
    // Equal up to the rounding of matrix products over fewer columns.
    double worst = 0;
    for (Eigen::Index k = 0; k < P.rows(); ++k)
      for (Eigen::Index j = 0; j < P.cols(); ++j) {
        const size_t at = static_cast<size_t>(k * P.cols() + j);
        worst = std::max(worst, std::fabs(hm.probs[at] - static_cast<double>(P(k, j))));
        worst = std::max(worst, std::fabs(hm.compare_probs[at] - static_cast<double>(Q(k, j))));
      }
    CHECK(worst < 1e-5);
    CHECK(hm.pred_source == tl::argmax_cols(ref->predict(ref->source_data()->X)));
    CHECK(hm.pred_target == tl::argmax_cols(ref->predict(ref->target_data()->X)));
    CHECK(hm.compare_source == tl::argmax_cols(ref->predict_model(1, ref->source_data()->X)));
    CHECK(hm.compare_target == tl::argmax_cols(ref->predict_model(1, ref->target_data()->X)));
  }
  TEST_CASE("steps run in slices give the same models as whole steps") {
    struct Case {
      std::string name;
      tl::ConfigPairs config;
      long steps;  // 0: to the end
    };
    const std::vector<Case> cases = {
        {"finetune-moons", {{"source_epochs", "2"}}, 400},
        {"layer-transfer-input-shift", {{"source_epochs", "2"}}, 300},
        {"layer-transfer-digits", {{"source_epochs", "1"}, {"epochs", "2"}}, 0},
        {"layer-transfer-sweep", {{"source_epochs", "1"}, {"epochs", "1"}, {"repeats", "2"}}, 0},
    };
    const uint64_t seed = tl_test::base_seed();
    for (const Case& c : cases) {
      CAPTURE(c.name);
      auto whole = make_scenario(c.name, c.config, seed);
      auto split = make_scenario(c.name, c.config, seed);
      const long n = c.steps > 0 ? std::min(c.steps, whole->total_steps()) : whole->total_steps();
      long slices = 0;
      for (long i = 0; i < n; ++i) {
        tl::StepStats a, b;
        REQUIRE(whole_step(*whole, &a));
        REQUIRE(sliced_step(*split, &b, &slices));
        REQUIRE(a.loss == b.loss);
        REQUIRE(a.step == b.step);
        REQUIRE(a.phase == b.phase);
        REQUIRE(a.aux.size() == b.aux.size());
        if (i % 97 == 0) check_same_models(*whole, *split);
      }
      CHECK(slices > n);  // the steps were split
      check_same_models(*whole, *split);
      if (c.steps == 0) CHECK(split->done());
    }
  }
  TEST_CASE(
      "at a zero budget a tick runs one unit of work and no step while a heatmap is pending") {
    tl::Engine e;
    tl::Request r;
    r.setup.scenario = "finetune-moons";
    r.setup.config = {{"curve", "false"}, {"source_epochs", "1"}};
    r.setup.seed = tl_test::base_seed();
    r.setup.version = 1;
    r.playing = true;
    r.steps_per_second = 0;  // as fast as the budget allows
    e.tick(r, 0.0);          // the setup
    long pending_ticks = 0, steps_while_pending = 0;
    for (int i = 0; i < 3000; ++i) {
      if (auto snap = e.publish_if_changed(); snap && snap->done) break;
      const bool pending = e.heatmap_pending();
      const long slices = e.costs().step_slices;
      e.tick(r, 0.0);
      CHECK(e.last_tick_units() == 1);
      if (pending && e.heatmap_pending()) {
        ++pending_ticks;
        steps_while_pending += e.costs().step_slices - slices;
      }
    }
    e.publish_if_changed();
    CHECK(pending_ticks > 10);
    CHECK(steps_while_pending == 0);
    CHECK(e.costs().heatmaps >= 1);
    CHECK(e.costs().steps > 100);
    // In the adaptation phase a step is a slice for the method and one for the scratch baseline.
    CHECK(e.costs().step_slices > e.costs().steps);
    // A budget lets a tick run many units (training anew: a new setup version).
    r.setup.version = 2;
    e.tick(r, 0.0);
    e.tick(r, 50.0);
    CHECK(e.last_tick_units() > 1);
  }
  TEST_CASE(
      "a diverging setup stops training with a message and finite weights; a new one clears it") {
    tl::Engine e;
    tl::Request r;
    r.setup.scenario = "basic-moons";
    r.setup.config = {{"lr", "100"}, {"optimizer", "sgd"}};
    r.setup.seed = tl_test::base_seed();
    r.setup.version = 1;
    r.playing = true;
    auto s = tick_until(e, r, [](const tl::Snapshot& s) { return !s.diverged.empty(); });
    REQUIRE(s);
    REQUIRE_FALSE(s->diverged.empty());
    CHECK(s->diverged.find("lower learning rate") != std::string::npos);
    CHECK_FALSE(s->playing);
    CHECK(s->step < s->total);
    CHECK(s->diverged_count == 1);
    for (const auto& kv : s->metrics) CHECK(std::isfinite(kv.second));
    // More ticks while "playing": no further steps.
    const long stopped = s->step;
    for (int i = 0; i < 20; ++i) e.tick(r, 2.0);
    if (auto later = e.publish_if_changed()) s = later;
    CHECK(s->step == stopped);
    // The heatmap shows the restored weights: every probability finite.
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.heatmap != nullptr; }, s, 50);
    REQUIRE(s->heatmap);
    for (float p : s->heatmap->probs) REQUIRE(std::isfinite(p));

    // A lower learning rate (a new setup version) trains again.
    r.setup.config = {{"lr", "0.01"}};
    r.setup.version = 2;
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.setup_version == 2 && s.step > 50; }, s);
    REQUIRE(s);
    CHECK(s->diverged.empty());
    CHECK(s->diverged_count == 1);
    CHECK(s->step > 50);
  }
  TEST_CASE("a class table in the setup replaces the zero-shot table; a bad one is rejected") {
    tl::Engine e;
    tl::Request r;
    r.setup.scenario = "zeroshot-animals";
    r.setup.config = {{"method", "embed"}, {"epochs", "2"}};
    r.setup.seed = tl_test::base_seed();
    r.setup.version = 1;
    tl::AttributeTable t = tl::animals_attribute_table();
    t.table.col(0) *= 3;  // real values outside [0, 1]: fine for embed
    r.setup.class_table = std::make_shared<const tl::AttributeTable>(t);
    auto s = tick_until(e, r, [](const tl::Snapshot& s) { return s.setup_version == 1; });
    REQUIRE(s);
    CHECK(s->error.empty());
    // The same table for DAP: refused, naming the methods that take it.
    r.setup.config = {{"method", "dap"}};
    r.setup.version = 2;
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.error_version == 2; }, s);
    REQUIRE(s);
    CHECK(s->error.find("method=conse or method=embed") != std::string::npos);
    // A table naming other classes: refused, naming the class.
    t.class_names[0] = "yak";
    r.setup.class_table = std::make_shared<const tl::AttributeTable>(t);
    r.setup.config = {{"method", "embed"}};
    r.setup.version = 3;
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.error_version == 3; }, s);
    REQUIRE(s);
    CHECK(s->error.find("missing class 'eagle'") != std::string::npos);
  }
  TEST_CASE(
      "the heatmap carries the comparison model's grid: the default baseline, the one asked "
      "for, or none") {
    tl::Engine e;
    tl::Request r;
    r.setup.scenario = "finetune-moons";
    r.setup.config = {{"curve", "false"}};
    r.setup.seed = tl_test::base_seed();
    r.setup.version = 1;
    r.playing = true;
    auto s = tick_until(e, r, [](const tl::Snapshot& s) {
      return s.heatmap && s.step > 450;  // past pre-training: scratch and fine-tuned differ
    });
    REQUIRE(s);
    REQUIRE(s->models);
    REQUIRE(s->models->size() >= 2);
    CHECK(s->models->front().role == tl::MetricRole::kMethod);
    CHECK((*s->models)[1].key == "scratch");
    // Default: the first baseline, with a grid of the method's shape.
    REQUIRE(s->heatmap->compare == 1);
    REQUIRE(s->heatmap->compare_probs.size() == s->heatmap->probs.size());
    REQUIRE(s->heatmap->compare_target.size() == s->heatmap->pred_target.size());
    double diff = 0;
    for (size_t i = 0; i < s->heatmap->probs.size(); ++i)
      diff += std::fabs(s->heatmap->probs[i] - s->heatmap->compare_probs[i]);
    CHECK(diff > 1.0);  // two different models
    // compare = 0: the method alone.
    r.compare = 0;
    r.playing = false;
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.heatmap && s.heatmap->compare < 0; }, s, 200);
    REQUIRE(s);
    CHECK(s->heatmap->compare_probs.empty());
  }
  TEST_CASE("every scenario's models name a method first and metrics the scenario declares") {
    for (const tl::ScenarioInfo& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto scn = info.make();
      const tl::ModelList models = scn->models();
      REQUIRE_FALSE(models.empty());
      CHECK(models.front().role == tl::MetricRole::kMethod);
      const tl::MetricInfoList infos = scn->metrics_info();
      for (const tl::ModelInfo& m : models) {
        CAPTURE(m.key);
        CHECK_FALSE(m.label.empty());
        if (m.metric.empty()) continue;
        tl::MetricInfo mi;
        CHECK(tl::find_metric_info(infos, m.metric, mi));
      }
    }
  }
}
#endif

// The divergence guard: NaN/Inf and exploding losses or weights stop training and bring back the
// last good weights, on its own and through Scenario::guarded_step for every scenario.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "scenarios/scenario.h"
#include "support/seed.h"
#include "transfer/divergence_guard.h"

namespace {

tl::StepStats stats(long step, double loss, const char* phase = "train") {
  tl::StepStats s;
  s.step = step;
  s.loss = loss;
  s.phase = phase;
  return s;
}

/// One block whose value is set to `v` by each simulated step.
struct Toy {
  tl::ParamBlock block;
  tl::DivergenceGuard guard;
  Toy() {
    block.name = "W";
    block.value = tl::Mat::Constant(2, 3, 0);
  }
  /// A step that leaves the weights at v and reports `loss`.
  tl::Status step(long n, float v, double loss, const char* phase = "train") {
    guard.before_step({&block}, n - 1);
    block.value.setConstant(v);
    block.m = tl::Mat::Constant(2, 3, 1);
    return guard.observe(stats(n, loss, phase), {&block});
  }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("transfer/divergence_guard") {
  TEST_CASE("a NaN loss restores the weights the last healthy loss was computed with") {
    Toy t;
    REQUIRE(t.step(1, 1, 0.9).ok());
    REQUIRE(t.step(2, 2, 0.8).ok());  // its loss judged the weights after step 1 (value 1)
    REQUIRE(t.step(3, 3, 0.7).ok());  // ... after step 2 (value 2)
    const tl::Status st = t.step(4, 4, std::nan(""));
    REQUIRE_FALSE(st.ok());
    CHECK(has(st.message, "step 4"));
    CHECK(has(st.message, "NaN"));
    CHECK(has(st.message, "lower learning rate"));
    // The NaN loss was computed with the weights after step 3: the last good ones are step 2's.
    CHECK(t.guard.restored_step() == 2);
    CHECK(t.block.value.isConstant(2));
    CHECK(t.block.m.size() == 0);  // optimizer state cleared
    // Stays tripped: later observations repeat the message and change nothing.
    CHECK(t.step(5, 9, 0.1).message == st.message);
    CHECK(t.block.value.isConstant(9));  // (the toy wrote 9 itself; the guard did not restore)
  }

  TEST_CASE("a loss that explodes relative to the phase's lowest loss trips the guard") {
    Toy t;
    REQUIRE(t.step(1, 1, 2.0).ok());
    REQUIRE(t.step(2, 2, 1.5).ok());
    REQUIRE(t.step(3, 3, 40.0).ok());  // 40 < 50 x max(1, 1.5): noisy but not an explosion
    const tl::Status st = t.step(4, 4, 80.0);
    REQUIRE_FALSE(st.ok());
    CHECK(has(st.message, "exploded"));
    CHECK(t.block.value.isConstant(2));
  }

  TEST_CASE("a new phase starts a new reference level") {
    Toy t;
    REQUIRE(t.step(1, 1, 0.5, "pretrain").ok());
    REQUIRE(t.step(2, 1, 0.01, "pretrain").ok());
    // Another objective: its first loss is the new reference, not an explosion.
    REQUIRE(t.step(3, 1, 200.0, "adapt").ok());
    REQUIRE(t.step(4, 3, 150.0, "adapt").ok());
    CHECK_FALSE(t.step(5, 3, 150.0 * 51, "adapt").ok());
  }

  TEST_CASE("a high but bounded objective with weights that stay put is not divergence") {
    // E.g. L2-SP with a huge alpha: Adam oscillates around the anchor, the penalty stays large.
    Toy t;
    t.block.value.setConstant(1);  // a model that starts where it stays
    REQUIRE(t.step(1, 1, 0.2).ok());
    for (int k = 2; k < 50; ++k) REQUIRE(t.step(k, k % 2 ? 1.0f : 1.01f, 6e4).ok());
    // The same losses with weights that grew would have tripped it.
    Toy u;
    u.block.value.setConstant(1);
    REQUIRE(u.step(1, 1, 0.2).ok());
    REQUIRE(u.step(2, 5, 0.3).ok());
    CHECK_FALSE(u.step(3, 5, 6e4).ok());
  }

  TEST_CASE("weights that become NaN or huge trip the guard even when the loss looked fine") {
    Toy t;
    REQUIRE(t.step(1, 1, 0.9).ok());
    REQUIRE(t.step(2, 2, 0.8).ok());
    tl::Status st = t.step(3, std::numeric_limits<float>::infinity(), 0.7);
    REQUIRE_FALSE(st.ok());
    CHECK(has(st.message, "weights of W"));
    // Step 3's loss vouched for the weights after step 2.
    CHECK(t.block.value.isConstant(2));

    Toy u;
    REQUIRE(u.step(1, 1, 0.9).ok());
    st = u.step(2, 1e7f, 0.8);
    REQUIRE_FALSE(st.ok());
    CHECK(has(st.message, "exploded"));
    CHECK(u.block.value.isConstant(1));
  }

  TEST_CASE("a bad first loss stops training without weights to restore") {
    Toy t;
    const tl::Status st = t.step(1, 1, std::numeric_limits<double>::infinity());
    REQUIRE_FALSE(st.ok());
    CHECK(t.guard.restored_step() == -1);
    CHECK(has(st.message, "no earlier weights"));
    t.guard.rearm();
    CHECK_FALSE(t.guard.tripped());
    CHECK(t.step(1, 1, 0.5).ok());
  }

  TEST_CASE("learning rate 100 stops basic-moons early with usable weights, and reset re-arms") {
    auto s = tl::find_scenario("basic-moons")->make();
    REQUIRE(tl::set_config_field(s->visitor(), "lr", "100").ok());
    REQUIRE(tl::set_config_field(s->visitor(), "optimizer", "sgd").ok());
    REQUIRE(s->reset(tl_test::base_seed()).ok());
    tl::Status st;
    while (!s->done() && st.ok()) st = s->guarded_step();
    REQUIRE_FALSE(st.ok());
    const long stopped = s->steps_done();
    CHECK(stopped < s->total_steps());
    CHECK(s->divergence() == st.message);
    for (const tl::ParamBlock* p : s->params()) CHECK(p->value.allFinite());
    for (const auto& kv : s->metrics()) CHECK(std::isfinite(kv.second));
    // Refuses to go on until reset.
    CHECK(s->guarded_step().message == st.message);
    CHECK(s->steps_done() == stopped);

    REQUIRE(tl::set_config_field(s->visitor(), "lr", "0.01").ok());
    REQUIRE(tl::set_config_field(s->visitor(), "optimizer", "adam").ok());
    REQUIRE(s->reset(tl_test::base_seed()).ok());
    CHECK(s->divergence().empty());
    while (!s->done()) REQUIRE(s->guarded_step().ok());
    CHECK(tl::metric(s->metrics(), "test_acc") > 0.9);
  }

  TEST_CASE("an absurd learning rate never leaves any scenario with NaN weights or metrics") {
    for (const tl::ScenarioInfo& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto s = info.make();
      if (!tl::set_config_field(s->visitor(), "lr", "1000").ok()) continue;
      REQUIRE(s->reset(tl_test::base_seed()).ok());
      tl::Status st;
      for (int i = 0; i < 400 && !s->done() && st.ok(); ++i) st = s->guarded_step();
      for (const tl::ParamBlock* p : s->params()) CHECK(p->value.allFinite());
      CHECK(s->divergence() == st.message);
      for (const auto& kv : s->metrics())
        if (kv.first.find("acc") != std::string::npos) CHECK(!std::isnan(kv.second));
    }
  }
}

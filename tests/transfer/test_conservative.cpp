#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "data/synthetic.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "support/stats.h"
#include "transfer/conservative.h"

namespace {

using tl_test::mean_se;
using tl_test::MeanSe;

using tl_test::run_scenario;
using tl_test::Sets;

uint64_t seed_k(int k) {
  return tl_test::base_seed() + 7919u * k;
}

tl::TransferData moons_pair(uint64_t seed, int shots = 3) {
  tl::Rng rng(seed);
  tl::TransferData d;
  d.source = tl::make_moons(200, 0.1, rng);
  d.source_test = tl::make_moons(200, 0.1, rng);
  d.target = tl::rotate(tl::make_moons(2 * shots, 0.1, rng), 40);
  d.target_test = tl::rotate(tl::make_moons(200, 0.1, rng), 40);
  return d;
}

template <class M>
void train(M& m) {
  while (m.steps_done() < m.total_steps()) m.step();
}

}  // namespace

TEST_SUITE("transfer/conservative") {
  TEST_CASE("conservative-moons reports the metrics the issue names") {
    const tl::Metrics m = run_scenario("conservative-moons", tl_test::base_seed(),
                                       {{"epochs", "3"}, {"source_epochs", "1"}});
    for (const char* key :
         {"target_acc", "finetune_target_acc", "source_acc_after", "finetune_source_acc_after",
          "weight_distance", "lwf_target_acc", "lwf_source_acc_after"}) {
      INFO(key);
      CHECK(tl::metric(m, key, -1) >= 0);
    }
  }

  TEST_CASE("alpha = 0 reproduces plain fine-tuning exactly") {
    tl::ConservativeConfig cfg;
    cfg.alpha = 0;
    cfg.fine_tune.source_epochs = 5;
    cfg.fine_tune.train.epochs = 60;
    const tl::TransferData d = moons_pair(tl_test::base_seed());
    tl::Conservative cons(cfg, d, tl::Rng(11));
    tl::FineTune plain(cfg.fine_tune, d, tl::Rng(11));
    train(cons);
    train(plain);
    for (int i = 0; i < cons.net().num_layers(); ++i) {
      CHECK(cons.net().layers[i].W.value == plain.net().layers[i].W.value);
      CHECK(cons.net().layers[i].b.value == plain.net().layers[i].b.value);
    }
    CHECK(cons.metrics() == plain.metrics());

    // And through the scenario: --set alpha=0 gives the fine-tuning baseline's figures.
    const tl::Metrics m =
        run_scenario("conservative-moons", tl_test::base_seed(), {{"alpha", "0"}});
    CHECK(tl::metric(m, "target_acc") == tl::metric(m, "finetune_target_acc"));
    CHECK(tl::metric(m, "source_acc_after") == tl::metric(m, "finetune_source_acc_after"));
    CHECK(tl::metric(m, "weight_distance") == tl::metric(m, "finetune_weight_distance"));
    CHECK(tl::metric(m, "weight_distance") > 0.05);
  }

  TEST_CASE("a huge alpha keeps the weights at the source model") {
    for (int k = 0; k < 3; ++k) {
      const tl::Metrics m = run_scenario("conservative-moons", seed_k(k), {{"alpha", "1000000"}});
      CHECK(tl::metric(m, "weight_distance") < 1e-3);
      CHECK(tl::metric(m, "finetune_weight_distance") > 0.05);
    }
  }

  TEST_CASE("weight_distance grows as alpha shrinks") {
    double prev = 0;
    for (const char* alpha : {"100", "1", "0.01"}) {
      const double d = tl::metric(run_scenario("conservative-moons", seed_k(1), {{"alpha", alpha}}),
                                  "weight_distance");
      CHECK(d > prev);
      prev = d;
    }
  }

  TEST_CASE("L2-SP and LwF keep more source accuracy than fine-tuning; target accuracy as good") {
    // Seeds other than the ones the scenario was looked at on (1-10). Per seed, each variant
    // minus plain fine-tuning from the same source model with the same minibatches.
    const int n = 10;
    std::vector<double> l2sp_kept, l2sp_target, lwf_kept, lwf_target;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("conservative-moons", seed_k(k));
      const double plain = tl::metric(m, "finetune_source_acc_after");
      const double plain_target = tl::metric(m, "finetune_target_acc");
      l2sp_kept.push_back(tl::metric(m, "source_acc_after") - plain);
      l2sp_target.push_back(tl::metric(m, "target_acc") - plain_target);
      lwf_kept.push_back(tl::metric(m, "lwf_source_acc_after") - plain);
      lwf_target.push_back(tl::metric(m, "lwf_target_acc") - plain_target);
    }
    auto check = [n](const char* name, const std::vector<double>& kept,
                     const std::vector<double>& target) {
      INFO(name);
      const MeanSe sk = mean_se(kept), st = mean_se(target);
      std::printf(
          "conservative-moons %s - fine-tuning: source kept %.3f +- %.3f (se %.3f), target "
          "%.3f +- %.3f (se %.3f), n %d\n",
          name, sk.mean, sk.std, sk.se, st.mean, st.std, st.se, n);
      CHECK(sk.mean > 2 * sk.se);
      // Target accuracy close to fine-tuning's: not worse by more than two standard errors.
      CHECK(st.mean > -2 * st.se);
    };
    check("L2-SP", l2sp_kept, l2sp_target);
    check("LwF", lwf_kept, lwf_target);
  }

  TEST_CASE("the rehearsal variant (KL on stored source inputs) retains more source accuracy") {
    const int n = 10;
    std::vector<double> kept;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("conservative-moons", seed_k(k),
                                         {{"alpha", "0"}, {"kl", "1"}, {"kl_inputs", "rehearsal"}});
      kept.push_back(tl::metric(m, "source_acc_after") -
                     tl::metric(m, "finetune_source_acc_after"));
    }
    const MeanSe s = mean_se(kept);
    std::printf(
        "conservative-moons rehearsal - fine-tuning: source kept %.3f +- %.3f (se %.3f), n %d\n",
        s.mean, s.std, s.se, n);
    CHECK(s.mean > 2 * s.se);
  }

  TEST_CASE("LwF with new target classes: a new head, the old head kept and held to its outputs") {
    // Source: two moons; target: three blobs (new classes, so a new head). The old head's
    // source accuracy with the output term (kl = 1) against the same run with a negligible term
    // (the old head then stays as it was while the trunk moves: fine-tuning's old head).
    const int n = 10;
    std::vector<double> kept;
    double with_term = 0, without = 0;
    for (int k = 0; k < n; ++k) {
      tl::TransferData d = moons_pair(seed_k(k));
      tl::Rng blob_rng(seed_k(k) + 1);
      d.target = tl::make_blobs(9, 3, 0.3, blob_rng, 1.0);
      d.target_test = tl::make_blobs(150, 3, 0.3, blob_rng, 1.0);
      double acc[2];
      for (int j = 0; j < 2; ++j) {
        tl::ConservativeConfig cfg;
        cfg.alpha = 0;
        cfg.beta = 0;
        cfg.kl = j == 0 ? 1 : 1e-9;
        cfg.fine_tune.source_epochs = 40;
        cfg.fine_tune.train.epochs = 300;
        tl::Conservative c(cfg, d, tl::Rng(seed_k(k) + 2));
        train(c);
        REQUIRE(c.has_old_head());
        CHECK(c.net().output_dim() == 3);
        CHECK(c.old_head().out() == 2);
        CHECK_FALSE(c.heads_match());
        const tl::Metrics m = c.metrics();
        acc[j] = tl::metric(m, "source_acc_after", -1);
        CHECK(acc[j] >= 0);
        CHECK(tl::metric(m, "target_acc", -1) > 0.6);
      }
      kept.push_back(acc[0] - acc[1]);
      with_term += acc[0] / n;
      without += acc[1] / n;
    }
    const MeanSe s = mean_se(kept);
    std::printf(
        "LwF new classes: source accuracy %.3f with the output term, %.3f without; "
        "difference %.3f +- %.3f (se %.3f), n %d\n",
        with_term, without, s.mean, s.std, s.se, n);
    CHECK(s.mean > s.se);
  }

  TEST_CASE("LwF compares each minibatch point with its own recorded outputs") {
    // At the first adaptation step the trunk and the old head are still the source model, so
    // the output term is zero exactly when the recorded outputs are taken for the minibatch's
    // points (shuffled minibatches of 4 out of 6 target points).
    tl::ConservativeConfig cfg;
    cfg.alpha = 0;
    cfg.kl = 1;
    cfg.fine_tune.source_epochs = 2;
    cfg.fine_tune.train.batch = 4;
    tl::Conservative c(cfg, moons_pair(tl_test::base_seed()), tl::Rng(3));
    while (!c.adapting()) c.step();
    const double first = tl::metric(c.step().aux, "kl", -1);
    CHECK(first >= 0);
    CHECK(first < 1e-9);
    double later = 0;
    for (int i = 0; i < 20; ++i) later = tl::metric(c.step().aux, "kl", -1);
    CHECK(later > 1e-6);
  }

  TEST_CASE("kl_inputs accepts target and rehearsal only") {
    const tl::ScenarioInfo* info = tl::find_scenario("conservative-moons");
    REQUIRE(info != nullptr);
    auto sc = info->make();
    CHECK(tl::set_config_field(sc->visitor(), "kl_inputs", "rehearsal").ok());
    CHECK(tl::set_config_field(sc->visitor(), "kl_inputs", "target").ok());
    CHECK_FALSE(tl::set_config_field(sc->visitor(), "kl_inputs", "source").ok());
  }

  TEST_CASE("beta decays only the re-initialised layers") {
    tl::ConservativeConfig cfg;
    cfg.fine_tune.reinit_output = true;
    cfg.fine_tune.source_epochs = 1;
    cfg.alpha = 0.5;
    cfg.beta = 0.25;
    tl::Conservative cons(cfg, moons_pair(tl_test::base_seed()), tl::Rng(5));
    while (!cons.adapting()) cons.step();
    const tl::Mlp& net = cons.net();
    CHECK(net.layers[0].W.anchor_weight == doctest::Approx(0.5));
    CHECK(net.layers[0].W.l2 == 0);
    CHECK(net.layers.back().W.l2 == doctest::Approx(0.25));
    CHECK(net.layers.back().W.anchor.size() == 0);
  }

  TEST_CASE("conservative-moons is deterministic for a seed") {
    const Sets sets = {{"kl", "0.5"}};
    CHECK(run_scenario("conservative-moons", seed_k(2), sets) ==
          run_scenario("conservative-moons", seed_k(2), sets));
  }
}

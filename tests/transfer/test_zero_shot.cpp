#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "support/stats.h"
#include "transfer/zero_shot.h"

namespace {

using tl_test::mean_se;
using tl_test::MeanSe;

using tl_test::Sets;

/// Mean of unseen_acc - chance_acc over five seeds.
double margin_over_chance(const std::string& name, const std::string& method) {
  double sum = 0;
  for (int k = 0; k < 5; ++k) {
    const uint64_t seed = tl_test::base_seed() + 37 * k;
    CAPTURE(seed);
    const tl::Metrics m = tl_test::run_scenario(name, seed, {{"method", method}});
    CHECK(tl::metric(m, "seen_acc") > 0.85);
    sum += tl::metric(m, "unseen_acc") - tl::metric(m, "chance_acc");
  }
  return sum / 5;
}

const std::vector<std::string> kAnimals = {"eagle", "owl",  "bat",  "cat",  "dog",
                                           "horse", "frog", "crab", "whale"};

std::string load_error(const std::string& csv, const std::vector<std::string>& classes) {
  auto r = tl::load_attribute_table(csv, classes, "attributes");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().rfind("attributes: ", 0) == 0);
  return r.error();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Over ten seeds fixed in advance (base_seed() + 7919 k): unseen_acc - chance_acc of
/// method=embed, and the paired difference unseen_acc(embed) - unseen_acc(dap).
struct EmbedEffect {
  MeanSe over_chance, over_dap;
};
EmbedEffect embed_effect(const std::string& name) {
  std::vector<double> chance, dap;
  for (int k = 0; k < 10; ++k) {
    const uint64_t seed = tl_test::base_seed() + 7919 * k;
    CAPTURE(seed);
    const tl::Metrics e = tl_test::run_scenario(name, seed, {{"method", "embed"}});
    const tl::Metrics d = tl_test::run_scenario(name, seed, {{"method", "dap"}});
    chance.push_back(tl::metric(e, "unseen_acc") - tl::metric(e, "chance_acc"));
    dap.push_back(tl::metric(e, "unseen_acc") - tl::metric(d, "unseen_acc"));
  }
  const EmbedEffect r{mean_se(chance), mean_se(dap)};
  std::printf("%s embed: unseen_acc - chance %.3f (SE %.3f), - dap %.3f (SE %.3f), n = 10\n",
              name.c_str(), r.over_chance.mean, r.over_chance.se, r.over_dap.mean, r.over_dap.se);
  return r;
}

/// A table of random class vectors (like word vectors: real values of either sign, no meaning
/// shared with the input) for the given class names.
tl::AttributeTable random_table(const std::vector<std::string>& classes, int cols, uint64_t seed) {
  tl::Rng rng(seed);
  tl::AttributeTable t;
  t.class_names = classes;
  for (int m = 0; m < cols; ++m) t.attribute_names.push_back("v" + std::to_string(m));
  t.table.resize(static_cast<Eigen::Index>(classes.size()), cols);
  for (Eigen::Index i = 0; i < t.table.rows(); ++i)
    for (int m = 0; m < cols; ++m) t.table(i, m) = static_cast<tl::Scalar>(rng.normal());
  return t;
}

}  // namespace

TEST_SUITE("transfer/zero_shot") {
  TEST_CASE("DAP and ConSE beat chance on unseen animals (5 seeds)") {
    CHECK(margin_over_chance("zeroshot-animals", "dap") > 0.4);
    CHECK(margin_over_chance("zeroshot-animals", "conse") > 0.3);
  }

  TEST_CASE("DAP and ConSE beat chance on unseen digits (5 seeds)") {
    CHECK(margin_over_chance("zeroshot-digits", "dap") > 0.06);
    CHECK(margin_over_chance("zeroshot-digits", "conse") > 0.06);
  }

  TEST_CASE("attribute embedding beats chance on both; DAP on the digits, not the animals") {
    // Ten seeds: over chance by two standard errors, against DAP (paired) by one.
    const EmbedEffect animals = embed_effect("zeroshot-animals");
    CHECK(animals.over_chance.mean > 2 * animals.over_chance.se);
    CHECK(animals.over_chance.mean > 0.1);
    CHECK(animals.over_dap.mean < -animals.over_dap.se);  // worse than DAP here
    const EmbedEffect digits = embed_effect("zeroshot-digits");
    CHECK(digits.over_chance.mean > 2 * digits.over_chance.se);
    CHECK(digits.over_chance.mean > 0.05);
    CHECK(digits.over_dap.mean > digits.over_dap.se);  // better than DAP here
  }

  TEST_CASE("attribute embedding: scores are f(x).g(a), metrics as the other methods report") {
    const Sets sets = {{"method", "embed"}, {"epochs", "5"}};
    const tl::Metrics m = tl_test::run_scenario("zeroshot-animals", tl_test::base_seed(), sets);
    for (const char* name :
         {"unseen_acc", "chance_acc", "generalized_unseen_acc", "generalized_seen_acc", "seen_acc"})
      CHECK(std::find_if(m.begin(), m.end(), [&](const auto& kv) { return kv.first == name; }) !=
            m.end());
    // embed predicts no attributes: no attribute_acc.
    CHECK(std::find_if(m.begin(), m.end(),
                       [](const auto& kv) { return kv.first == "attribute_acc"; }) == m.end());

    tl::Rng rng(tl_test::base_seed() + 3);
    const tl::Dataset all = tl::make_animals(20, 0.7, rng);
    const std::vector<int> seen = {0, 2, 3, 4, 6, 7, 8}, cand = {1, 5, 0};
    tl::TrainConfig tc;
    tc.hidden = {8};
    tc.epochs = 3;
    tl::ZeroShotConfig cfg;
    cfg.method = tl::ZeroShotMethod::kEmbed;
    cfg.embed_dim = 4;
    tl::ZeroShot zs(all.with_classes(seen, false), tl::attribute_table_of(all), seen, cfg, tc,
                    tl::Rng(5));
    while (zs.steps_done() < zs.total_steps()) zs.step();
    const tl::Mat F = zs.embed_inputs(all.X), G = zs.embed_classes(cand);
    REQUIRE(F.rows() == 4);
    REQUIRE(G.cols() == 3);
    CHECK((zs.scores(all.X, cand) - G.transpose() * F).cwiseAbs().maxCoeff() < 1e-4);
    const tl::Mat P = zs.predict_proba(all.X);
    CHECK(P.rows() == 9);
    CHECK((P.colwise().sum().array() - 1).abs().maxCoeff() < 1e-4);
    CHECK(zs.attribute_values(all.X).rows() == 0);
    tl::Mlp f = zs.input_net(), g = zs.class_net();
    CHECK(zs.params().size() == f.params().size() + g.params().size());
    CHECK(g.num_layers() == 1);  // g_hidden = 0: a linear map
  }

  TEST_CASE("DAP's attribute predictors transfer to unseen animals") {
    const tl::Metrics m = tl_test::run_scenario("zeroshot-animals", tl_test::base_seed());
    CHECK(tl::metric(m, "attribute_acc") > 0.8);
    CHECK(tl::metric(m, "generalized_unseen_acc") > tl::metric(m, "chance_acc"));
    CHECK(tl::metric(m, "generalized_seen_acc") > 0.7);
  }

  TEST_CASE("ConSE's embedding is a convex combination of the top-T seen classes' attributes") {
    tl::Rng rng(tl_test::base_seed());
    const tl::Dataset all = tl::make_animals(40, 0.7, rng);
    const std::vector<int> seen = {0, 2, 3, 4, 6, 7, 8};
    tl::TrainConfig tc;
    tc.hidden = {16};
    tc.epochs = 5;
    for (int T : {1, 3, 7, 20}) {
      CAPTURE(T);
      tl::ZeroShotConfig cfg;
      cfg.method = tl::ZeroShotMethod::kConse;
      cfg.T = T;
      tl::ZeroShot zs(all, tl::attribute_table_of(all), seen, cfg, tc, tl::Rng(2));
      while (zs.steps_done() < zs.total_steps()) zs.step();
      const tl::Mat W = zs.conse_weights(all.X);
      REQUIRE(W.rows() == static_cast<Eigen::Index>(seen.size()));
      CHECK(W.minCoeff() >= 0);
      CHECK((W.colwise().sum().array() - 1).abs().maxCoeff() < 1e-5);
      const int top = std::min<int>(T, static_cast<int>(seen.size()));
      const tl::Mat P = zs.seen_proba(all.X);
      for (Eigen::Index j = 0; j < W.cols(); ++j) {
        CHECK((W.col(j).array() > 0).count() <= top);
        CHECK((W.col(j).array() > 0).count() >= 1);
        // The kept classes are the T most probable ones, weighted by their renormalised
        // probabilities.
        tl::Scalar kept_min = 2, dropped_max = -1, kept_sum = 0;
        for (Eigen::Index i = 0; i < W.rows(); ++i) {
          if (W(i, j) > 0) {
            kept_min = std::min(kept_min, P(i, j));
            kept_sum += P(i, j);
          } else {
            dropped_max = std::max(dropped_max, P(i, j));
          }
        }
        CHECK(kept_min >= dropped_max);
        for (Eigen::Index i = 0; i < W.rows(); ++i)
          if (W(i, j) > 0) CHECK(W(i, j) == doctest::Approx(P(i, j) / kept_sum).epsilon(1e-5));
      }
      tl::Mat S(seen.size(), all.attributes.cols());
      for (size_t i = 0; i < seen.size(); ++i)
        S.row(static_cast<Eigen::Index>(i)) = all.attributes.row(seen[i]);
      const tl::Mat E = zs.conse_embedding(all.X);
      CHECK((E - S.transpose() * W).cwiseAbs().maxCoeff() < 1e-6);
      CHECK(E.minCoeff() >= 0);
      CHECK(E.maxCoeff() <= 1 + 1e-6);
    }
  }

  TEST_CASE("DAP picks the class whose attribute signature explains the predictions") {
    // Train on the animals, then check that each unseen class is predicted mostly as itself.
    tl::Rng rng(tl_test::base_seed() + 5);
    const tl::Dataset all = tl::make_animals(60, 0.6, rng);
    const std::vector<int> unseen = {1, 5}, seen = {0, 2, 3, 4, 6, 7, 8};
    tl::TrainConfig tc;
    tc.hidden = {16};
    tc.epochs = 30;
    tl::ZeroShot zs(all.with_classes(seen, false), tl::attribute_table_of(all), seen,
                    tl::ZeroShotConfig(), tc, tl::Rng(4));
    while (zs.steps_done() < zs.total_steps()) zs.step();
    const tl::Dataset test = all.with_classes(unseen, false);
    const tl::Labels pred = zs.classify(test.X, unseen);
    int hits = 0;
    for (size_t j = 0; j < pred.size(); ++j) hits += pred[j] == test.y[j];
    CHECK(hits > 0.8 * test.size());
    const tl::Mat A = zs.attribute_values(test.X);
    CHECK(A.rows() == 5);
    CHECK(A.minCoeff() >= 0);
    CHECK(A.maxCoeff() <= 1);
  }

  TEST_CASE("bad attribute tables are refused with clear messages") {
    const std::string header = "class,left,right\n";
    const std::vector<std::string> abc = {"a", "b", "c"};
    CHECK(contains(load_error(header + "a,1,0\nb,0,1\n", abc), "'c'"));
    CHECK(contains(load_error(header + "a,1,0\nb,0,1\nc,1\n", abc), "expected 3 columns, got 2"));
    CHECK(contains(load_error(header + "a,1,0\nb,0,1\na,1,1\n", abc), "duplicate class"));
    CHECK(contains(load_error(header + "a,1,0\nb,1,1\nc,1,0.5\n", abc), "left"));
    CHECK(contains(load_error(header + "a,1,0\nb,0,1\nc,1,0\n", abc), "the same attributes"));
    CHECK(contains(load_error(header + "a,1,0\nb,0,1\nz,1,1\n", abc), "unknown class"));
    CHECK(contains(load_error(header + "a,1,0\nb,0,x\nc,1,1\n", abc), "row 3"));

    // Tables built in code (e.g. edited on the page) go through the same checks.
    tl::AttributeTable t = tl::animals_attribute_table();
    CHECK(tl::check_attribute_table(t, kAnimals).ok());
    tl::AttributeTable narrow = t;
    narrow.attribute_names.pop_back();
    CHECK(contains(tl::check_attribute_table(narrow, kAnimals).message, "4 attribute names"));
    tl::AttributeTable constant = t;
    constant.table.col(2).setOnes();
    CHECK(contains(tl::check_attribute_table(constant, kAnimals).message,
                   "attribute 'upper' is 1 for every class"));
    tl::AttributeTable twin = t;
    twin.table.row(3) = twin.table.row(0);
    CHECK(contains(tl::check_attribute_table(twin, kAnimals).message,
                   "classes 'eagle' and 'cat' have the same attributes"));
    tl::AttributeTable renamed = t;
    renamed.class_names[4] = "eagle";
    CHECK(contains(tl::check_attribute_table(renamed, kAnimals).message, "duplicate class"));
    std::vector<std::string> more = kAnimals;
    more.push_back("yak");
    CHECK(contains(tl::check_attribute_table(t, more).message, "missing class 'yak'"));
    tl::AttributeTable nan_table = t;
    nan_table.table(0, 0) = std::numeric_limits<tl::Scalar>::quiet_NaN();
    CHECK(contains(tl::check_attribute_table(nan_table, kAnimals).message, "not a finite"));

    // The split and the method's needs.
    CHECK(tl::check_zero_shot_split(t, {0, 1, 2}, {3}, tl::ZeroShotMethod::kDap).ok());
    CHECK_FALSE(tl::check_zero_shot_split(t, {0, 1, 2}, {2}, tl::ZeroShotMethod::kDap).ok());
    CHECK_FALSE(tl::check_zero_shot_split(t, {0, 1, 2}, {}, tl::ZeroShotMethod::kDap).ok());
    CHECK_FALSE(tl::check_zero_shot_split(t, {0}, {3}, tl::ZeroShotMethod::kConse).ok());
    CHECK(contains(tl::check_zero_shot_split(t, {0, 1}, {12}, tl::ZeroShotMethod::kDap).message,
                   "out of range"));
    tl::AttributeTable scaled = t;
    scaled.table *= 2;
    CHECK(contains(tl::check_zero_shot_split(scaled, {0, 1}, {3}, tl::ZeroShotMethod::kDap).message,
                   "[0, 1]"));
    CHECK(tl::check_zero_shot_split(scaled, {0, 1}, {3}, tl::ZeroShotMethod::kConse).ok());
  }

  TEST_CASE("the shipped tables pass the checks and survive a CSV round trip") {
    for (const tl::AttributeTable& t :
         {tl::animals_attribute_table(), tl::digits_attribute_table()}) {
      CAPTURE(t.class_names.size());
      REQUIRE(tl::check_attribute_table(t, t.class_names).ok());
      auto back = tl::load_attribute_table(tl::attribute_table_csv(t), t.class_names);
      INFO((back.ok() ? std::string() : back.error()));
      REQUIRE(back.ok());
      CHECK(back->table == t.table);
      CHECK(back->attribute_names == t.attribute_names);
    }
  }

  TEST_CASE("user data with its own attribute table is used; without one it must fit the preset") {
    auto s = tl::find_scenario("zeroshot-animals")->make();
    REQUIRE(tl::set_config_field(s->visitor(), "epochs", "5").ok());
    tl::Rng rng(tl_test::base_seed());
    tl::Dataset ds = tl::make_animals(20, 0.6, rng);
    REQUIRE(s->set_user_source(ds).ok());
    REQUIRE(s->reset(1).ok());
    tl::Dataset bare = ds;
    bare.attributes.resize(0, 0);
    bare.X = tl::Mat::Random(3, ds.size());
    CHECK(contains(s->set_user_source(bare).message, "attribute table"));
    tl::Dataset twin = ds;
    twin.attributes.row(1) = twin.attributes.row(0);
    CHECK(contains(s->set_user_source(twin).message, "the same attributes"));
    // An unseen choice outside the user's classes is an error at reset, not a crash.
    tl::Dataset five = ds.with_classes({0, 4, 5, 7, 8}, true);
    REQUIRE(s->set_user_source(five).ok());
    REQUIRE(tl::set_config_field(s->visitor(), "unseen", "6,7").ok());
    CHECK(contains(s->reset(1).message, "out of range"));
  }

  TEST_CASE("user class semantics replace the table, matched by name") {
    // The shipped table with its rows reversed and an extra column gives the same rows per class.
    auto s = tl::find_scenario("zeroshot-animals")->make();
    REQUIRE(tl::set_config_field(s->visitor(), "epochs", "3").ok());
    REQUIRE(tl::set_config_field(s->visitor(), "method", "conse").ok());
    REQUIRE(s->reset(7).ok());
    while (!s->done()) s->step();
    const tl::Metrics preset = s->metrics();
    tl::AttributeTable reversed = tl::animals_attribute_table();
    reversed.table = reversed.table.colwise().reverse().eval();
    std::reverse(reversed.class_names.begin(), reversed.class_names.end());
    REQUIRE(s->set_user_class_semantics(reversed).ok());
    REQUIRE(s->reset(7).ok());
    while (!s->done()) s->step();
    CHECK(s->metrics() == preset);

    // Any class embedding (random vectors of either sign) is taken by conse and embed; DAP
    // refuses it at reset and names the methods that take it.
    const tl::AttributeTable words = random_table(kAnimals, 6, 99);
    REQUIRE(s->set_user_class_semantics(words).ok());
    REQUIRE(s->reset(7).ok());
    CHECK(s->source_data()->size() > 0);
    REQUIRE(tl::set_config_field(s->visitor(), "method", "embed").ok());
    CHECK(s->reset(7).ok());
    REQUIRE(tl::set_config_field(s->visitor(), "method", "dap").ok());
    const tl::Status dap = s->reset(7);
    CHECK(contains(dap.message, "method=conse or method=embed"));

    // A table that does not fit the classes is refused naming the class; the previous one stays.
    tl::AttributeTable missing = words;
    missing.class_names[2] = "yak";
    CHECK(contains(s->set_user_class_semantics(missing).message, "missing class 'bat'"));
    tl::AttributeTable twin = words;
    twin.class_names[2] = "eagle";
    CHECK(contains(s->set_user_class_semantics(twin).message, "duplicate class 'eagle'"));
    REQUIRE(tl::set_config_field(s->visitor(), "method", "embed").ok());
    CHECK(s->reset(7).ok());
    // Cleared: the preset table again.
    REQUIRE(s->set_user_class_semantics(std::nullopt).ok());
    REQUIRE(tl::set_config_field(s->visitor(), "method", "dap").ok());
    CHECK(s->reset(7).ok());

    // Scenarios without class semantics say so.
    auto basic = tl::find_scenario("basic-moons")->make();
    CHECK(contains(basic->set_user_class_semantics(words).message, "takes no class table"));
  }

  TEST_CASE("the same seed gives identical metrics") {
    for (const char* method : {"dap", "conse", "embed"}) {
      const Sets sets = {{"method", method}, {"epochs", "3"}};
      CHECK(tl_test::run_scenario("zeroshot-digits", tl_test::base_seed(), sets) ==
            tl_test::run_scenario("zeroshot-digits", tl_test::base_seed(), sets));
    }
  }
}

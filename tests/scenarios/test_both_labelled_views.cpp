// The method-view data of conservative-moons, progressive-moons and the multitask scenarios:
// shapes that agree with each other and with the metrics, and what each picture is meant to show.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "support/stats.h"

namespace {

using tl_test::make_scenario;
using tl_test::need_mat;

void step_n(tl::Scenario& s, long n) {
  tl_test::step_scenario(s, n);
}
void run_to_end(tl::Scenario& s) {
  tl_test::step_scenario(s);
}

bool has_value(const tl::ViewData& vd, const std::string& key) {
  return vd.values.count(key) > 0;
}

}  // namespace

TEST_SUITE("scenarios/both-labelled views") {
  TEST_CASE("conservative-moons lists L2-SP, fine-tuning and LwF and compares with fine-tuning") {
    auto s = make_scenario("conservative-moons", tl_test::base_seed());
    const tl::ModelList models = s->models();
    REQUIRE(models.size() == 3);
    CHECK(models[0].key == "method");
    CHECK(tl::default_comparison(models) == tl::find_model(models, "finetune"));
    run_to_end(*s);
    const tl::Metrics m = s->metrics();
    for (const tl::ModelInfo& info : models) {
      CAPTURE(info.key);
      bool found = false;
      for (const auto& [name, value] : m) found = found || name == info.metric;
      CHECK(found);
    }
    // The variants' predictions are their own once they adapt.
    const tl::Mat X = s->target_data()->X;
    CHECK(!s->predict_model(1, X).isApprox(s->predict_model(0, X)));
  }

  TEST_CASE(
      "conservative-moons records one trail point per few adaptation steps for each variant") {
    auto s = make_scenario("conservative-moons", tl_test::base_seed());
    auto before = s->view_data();
    REQUIRE(before != nullptr);
    CHECK(before->kind == "conservative");
    CHECK(need_mat(*before, "trail_steps").cols() == 0);
    CHECK(before->value("adapting") == 0.0);
    run_to_end(*s);
    auto vd = s->view_data();
    const tl::Mat& steps = need_mat(*vd, "trail_steps");
    const long budget = static_cast<long>(vd->value("adapt_steps"));
    REQUIRE(steps.rows() == 1);
    CHECK(steps.cols() >= 20);
    CHECK(steps.cols() <= budget + 1);
    CHECK(steps(0, 0) == 0.0f);
    CHECK(steps(0, steps.cols() - 1) == static_cast<float>(budget));
    for (Eigen::Index j = 1; j < steps.cols(); ++j) CHECK(steps(0, j) > steps(0, j - 1));
    const tl::Metrics m = s->metrics();
    const std::vector<std::pair<std::string, std::string>> variants = {
        {"finetune", "finetune_"}, {"l2sp", ""}, {"lwf", "lwf_"}};
    for (const auto& variant : variants) {
      const std::string& v = variant.first;
      const std::string& prefix = variant.second;
      CAPTURE(v);
      const tl::Mat& trail = need_mat(*vd, "trail_" + v);
      REQUIRE(trail.rows() == 2);
      REQUIRE(trail.cols() == steps.cols());
      CHECK(trail.allFinite());
      CHECK((trail.array() >= 0).all());
      CHECK((trail.array() <= 1).all());
      // Every variant starts at the source model.
      CHECK(trail(0, 0) == need_mat(*vd, "trail_finetune")(0, 0));
      CHECK(trail(1, 0) == need_mat(*vd, "trail_finetune")(1, 0));
      // The last point is the model now.
      const Eigen::Index last = trail.cols() - 1;
      CHECK(trail(0, last) == doctest::Approx(tl::metric(m, prefix + "target_acc")));
      CHECK(trail(1, last) == doctest::Approx(tl::metric(m, prefix + "source_acc_after")));
      CHECK(vd->value(v + "_target_acc") == doctest::Approx(trail(0, last)));
      CHECK(has_value(*vd, v + "_distance"));
    }
    CHECK(vd->value("l2sp_distance") == doctest::Approx(tl::metric(m, "weight_distance")));
    CHECK(vd->value("finetune_distance") ==
          doctest::Approx(tl::metric(m, "finetune_weight_distance")));
    CHECK(vd->value("alpha") == 0.1);
    const auto* names = vd->text("methods");
    REQUIRE(names != nullptr);
    CHECK(names->size() == 3);
  }

  TEST_CASE("conservative-moons' trails follow alpha: a larger pull keeps the weights closer") {
    // Over 10 seeds: the L2-SP distance from the source model shrinks when alpha grows.
    std::vector<double> diff;
    for (uint64_t k = 0; k < 10; ++k) {
      const uint64_t seed = tl_test::base_seed() + k;
      double d[2];
      for (int a = 0; a < 2; ++a) {
        auto s = tl::find_scenario("conservative-moons")->make();
        REQUIRE(tl::set_config_field(s->visitor(), "alpha", a == 0 ? "0.01" : "1").ok());
        REQUIRE(s->reset(seed).ok());
        run_to_end(*s);
        d[a] = s->view_data()->value("l2sp_distance");
      }
      diff.push_back(d[0] - d[1]);
    }
    const tl_test::MeanSe r = tl_test::mean_se(diff);
    CHECK(r.mean > r.se);
  }

  TEST_CASE("progressive-moons' view lists the columns, their laterals and task-1 accuracy") {
    auto s = make_scenario("progressive-moons", tl_test::base_seed());
    const tl::ModelList models = s->models();
    REQUIRE(models.size() == 3);
    CHECK(tl::default_comparison(models) == tl::find_model(models, "finetune"));
    CHECK(tl::find_model(models, "scratch") == 2);
    auto first = s->view_data();
    REQUIRE(first != nullptr);
    CHECK(first->kind == "progressive");
    CHECK(need_mat(*first, "column_widths").cols() == 1);
    CHECK(need_mat(*first, "laterals").cols() == 0);
    CHECK(first->value("training_task") == 1.0);
    run_to_end(*s);
    auto vd = s->view_data();
    const tl::Mat& widths = need_mat(*vd, "column_widths");
    const tl::Mat& frozen = need_mat(*vd, "frozen");
    const tl::Mat& laterals = need_mat(*vd, "laterals");
    const tl::Mat& hist = need_mat(*vd, "task1_history");
    const int columns = static_cast<int>(vd->value("num_columns"));
    CHECK(columns == 2);
    // Default widths 32,32 and two classes: input, two hidden layers, output.
    REQUIRE(widths.rows() == 4);
    REQUIRE(widths.cols() == columns);
    CHECK(widths(0, 0) == 2.0f);
    CHECK(widths(1, 1) == 32.0f);
    CHECK(widths(3, 1) == 2.0f);
    REQUIRE(frozen.cols() == columns);
    CHECK(frozen(0, 0) == 1.0f);
    CHECK(frozen(0, 1) == 0.0f);
    // Column 1 reads column 0 into its layers 1 and 2.
    REQUIRE(laterals.rows() == 4);
    REQUIRE(laterals.cols() == 2);
    for (Eigen::Index a = 0; a < laterals.cols(); ++a) {
      CHECK(laterals(0, a) == 1.0f);
      CHECK(laterals(1, a) == 0.0f);
      CHECK(laterals(2, a) == static_cast<float>(a + 1));
      CHECK(laterals(3, a) > 0.0f);
    }
    REQUIRE(hist.rows() == 3);
    CHECK(hist.cols() >= 20);
    CHECK(hist(0, 0) == 0.0f);
    CHECK(hist(0, hist.cols() - 1) == static_cast<float>(vd->value("task2_steps")));
    const tl::Metrics m = s->metrics();
    CHECK(vd->value("task1_acc") == doctest::Approx(tl::metric(m, "task1_acc_after")));
    CHECK(vd->value("finetune_task1_acc") ==
          doctest::Approx(tl::metric(m, "finetune_task1_acc_after")));
    CHECK(hist(2, hist.cols() - 1) == doctest::Approx(vd->value("finetune_task1_acc")));
    const auto* labels = vd->text("columns");
    REQUIRE(labels != nullptr);
    CHECK(labels->size() == static_cast<size_t>(columns));
  }

  TEST_CASE("progressive-moons' view counts the laterals of three columns") {
    auto s = tl::find_scenario("progressive-moons")->make();
    REQUIRE(tl::set_config_field(s->visitor(), "columns", "3").ok());
    REQUIRE(tl::set_config_field(s->visitor(), "hidden", "16,16,16").ok());
    REQUIRE(s->reset(tl_test::base_seed()).ok());
    run_to_end(*s);
    auto vd = s->view_data();
    CHECK(need_mat(*vd, "column_widths").rows() == 5);
    CHECK(need_mat(*vd, "column_widths").cols() == 3);
    // Column 1 from 0, column 2 from 0 and 1: 3 pairs, into layers 1..3 each.
    CHECK(need_mat(*vd, "laterals").cols() == 9);
    CHECK(need_mat(*vd, "frozen").sum() == 2.0f);
  }

  TEST_CASE("progressive-moons keeps task-1 accuracy exactly while fine-tuning's falls") {
    std::vector<double> falls;
    for (uint64_t k = 0; k < 10; ++k) {
      const uint64_t seed = tl_test::base_seed() + k;
      CAPTURE(seed);
      auto s = make_scenario("progressive-moons", seed);
      while (!s->done() && s->view_data()->value("task2_started") == 0.0) step_n(*s, 1);
      auto start = s->view_data();
      const double kept = start->value("task1_acc");
      const double ft_start = start->value("finetune_task1_acc");
      CHECK(ft_start == kept);  // the fine-tuned model starts as the task-1 column
      bool exact = true;
      while (!s->done()) {
        step_n(*s, 1);
        exact = exact && s->view_data()->value("task1_acc") == kept;
      }
      CHECK(exact);
      const auto end = s->view_data();
      const tl::Mat& hist = need_mat(*end, "task1_history");
      CHECK((hist.row(1).array() == static_cast<float>(kept)).all());
      falls.push_back(ft_start - end->value("finetune_task1_acc"));
    }
    const tl_test::MeanSe r = tl_test::mean_se(falls);
    MESSAGE("fine-tuning's task-1 fall: " << r.mean << " (se " << r.se << ")");
    CHECK(r.mean > r.se);
  }

  TEST_CASE("multitask-moons' view predicts both heads and task B alone on one grid") {
    auto s = make_scenario("multitask-moons", tl_test::base_seed());
    const tl::ModelList models = s->models();
    REQUIRE(models.size() == 2);
    CHECK(tl::default_comparison(models) == 1);
    step_n(*s, 50);
    auto vd = s->view_data();
    REQUIRE(vd != nullptr);
    CHECK(vd->kind == "multitask");
    const int n = static_cast<int>(vd->value("grid"));
    CHECK(n == 48);
    CHECK(vd->value("x0") < vd->value("x1"));
    CHECK(vd->value("y0") < vd->value("y1"));
    for (const char* key : {"grid_a", "grid_b", "grid_b_single"}) {
      CAPTURE(key);
      const tl::Mat& g = need_mat(*vd, key);
      CHECK(g.rows() == 2);
      REQUIRE(g.cols() == n * n);
      CHECK((g.colwise().sum().array() - 1).abs().maxCoeff() < 1e-4f);
    }
    // The single-task model is another model than the joint one's task-B head.
    CHECK(!need_mat(*vd, "grid_b").isApprox(need_mat(*vd, "grid_b_single")));
    const tl::Mat& pa = need_mat(*vd, "points_a");
    const tl::Mat& pb = need_mat(*vd, "points_b");
    const tl::Mat& pt = need_mat(*vd, "points_b_test");
    CHECK(pa.rows() == 3);
    CHECK(pb.rows() == 3);
    CHECK(pt.rows() == 3);
    CHECK(pb.cols() == 10);  // 5 shots x 2 classes
    CHECK(pa.cols() > 10 * pb.cols());
    // Every point lies inside the grid.
    for (const tl::Mat* p : {&pa, &pb, &pt}) {
      CHECK(p->row(0).minCoeff() > vd->value("x0"));
      CHECK(p->row(0).maxCoeff() < vd->value("x1"));
      CHECK(p->row(1).minCoeff() > vd->value("y0"));
      CHECK(p->row(1).maxCoeff() < vd->value("y1"));
    }
    const tl::Metrics m = s->metrics();
    for (const char* key : {"task_a_acc", "task_b_acc", "single_task_b_acc"})
      CHECK(vd->value(key) == tl::metric(m, key));
  }

  TEST_CASE("multitask-input-layers' view gives confusion matrices that match the accuracies") {
    auto s = make_scenario("multitask-input-layers", tl_test::base_seed());
    step_n(*s, 30);
    auto vd = s->view_data();
    REQUIRE(vd != nullptr);
    CHECK(vd->kind == "multitask");
    CHECK(vd->mat("grid_b") == nullptr);
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"confusion_a", "task_a_acc"},
        {"confusion_b", "task_b_acc"},
        {"confusion_b_single", "single_task_b_acc"}};
    for (const auto& pair : pairs) {
      const std::string& key = pair.first;
      const std::string& acc = pair.second;
      CAPTURE(key);
      const tl::Mat& c = need_mat(*vd, key);
      REQUIRE(c.rows() == 10);
      REQUIRE(c.cols() == 10);
      CHECK(c.sum() > 100);
      CHECK(c.trace() / c.sum() == doctest::Approx(vd->value(acc)));
    }
  }
}

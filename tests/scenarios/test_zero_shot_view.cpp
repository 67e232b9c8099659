// The zero-shot method view's data (kind "zero_shot"): shapes and sums that must agree with the
// scenario's table, split and metrics, and predictions that follow an edit of the class table.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "support/stats.h"
#include "transfer/zero_shot.h"

namespace {

/// Steps of every run here: enough for the classifiers to separate the seen classes.
constexpr long kSteps = 400;

std::unique_ptr<tl::Scenario> make(const std::string& name, const std::string& method) {
  const tl::ScenarioInfo* info = tl::find_scenario(name);
  REQUIRE(info != nullptr);
  auto s = info->make();
  REQUIRE(tl::set_config_field(s->visitor(), "method", method).ok());
  return s;
}

void train(tl::Scenario& s, uint64_t seed) {
  const tl::Status st = s.reset(seed);
  REQUIRE_MESSAGE(st.ok(), st.message);
  while (!s.done() && s.steps_done() < kSteps) REQUIRE(s.guarded_step().ok());
}

const tl::Mat& mat(const tl::ViewData& vd, const std::string& key) {
  const tl::Mat* m = vd.mat(key);
  REQUIRE_MESSAGE(m != nullptr, key);
  return *m;
}

/// The table the view shows, as an AttributeTable.
tl::AttributeTable table_of(const tl::ViewData& vd) {
  tl::AttributeTable t;
  REQUIRE(vd.text("classes") != nullptr);
  REQUIRE(vd.text("attributes") != nullptr);
  t.class_names = *vd.text("classes");
  t.attribute_names = *vd.text("attributes");
  t.table = mat(vd, "table");
  return t;
}

/// The first unseen class's table with one of its binary cells flipped (the first attribute whose
/// flip leaves a valid table).
tl::AttributeTable edited(const tl::ViewData& vd) {
  tl::AttributeTable t = table_of(vd);
  const tl::Mat& unseen = mat(vd, "unseen");
  int row = 0;
  while (row < unseen.rows() && unseen(row, 0) == 0) ++row;
  REQUIRE(row < unseen.rows());
  for (int a = 0; a < t.table.cols(); ++a) {
    tl::AttributeTable e = t;
    e.table(row, a) = 1 - e.table(row, a);
    if (tl::check_attribute_table(e, t.class_names).ok()) return e;
  }
  FAIL("no cell of the unseen class can be flipped");
  return t;
}

}  // namespace

TEST_SUITE("scenarios/zero_shot_view") {
  TEST_CASE("the zero-shot view's table, split, predictions and ConSE plot agree") {
    for (const std::string name : {"zeroshot-animals", "zeroshot-digits"}) {
      for (const std::string method : {"dap", "conse", "embed"}) {
        CAPTURE(name);
        CAPTURE(method);
        auto s = make(name, method);
        train(*s, tl_test::base_seed());
        const auto vdp = s->view_data();
        REQUIRE(vdp != nullptr);
        const tl::ViewData& vd = *vdp;
        CHECK(vd.kind == "zero_shot");
        CHECK(vd.step == s->steps_done());
        REQUIRE(vd.text("method") != nullptr);
        CHECK(vd.text("method")->at(0) == method);
        const tl::Mat& table = mat(vd, "table");
        const int k = static_cast<int>(table.rows());
        CHECK(k == s->num_classes());
        CHECK(static_cast<int>(vd.text("classes")->size()) == k);
        CHECK(static_cast<long>(vd.text("attributes")->size()) == table.cols());
        const tl::Mat& unseen = mat(vd, "unseen");
        REQUIRE(unseen.rows() == k);
        const int u = static_cast<int>(unseen.sum());
        CHECK(static_cast<int>(vd.text("unseen")->size()) == u);
        const int n = s->target_data()->size();
        CHECK(mat(vd, "pred").cols() == n);
        CHECK(mat(vd, "truth").cols() == n);
        const tl::Mat& counts = mat(vd, "pred_counts");
        REQUIRE(counts.rows() == k);
        CHECK(counts.sum() == doctest::Approx(n));
        CHECK(mat(vd, "true_counts").sum() == doctest::Approx(n));
        for (int c = 0; c < k; ++c) {
          if (unseen(c, 0) == 0) CHECK(counts(c, 0) == 0);
          if (unseen(c, 0) == 1)
            CHECK(vd.value("pred_count_" + std::to_string(c), -1) == counts(c, 0));
        }
        const tl::Mat& confusion = mat(vd, "confusion");
        CHECK(confusion.rows() == u);
        CHECK(confusion.cols() == u);
        CHECK(confusion.sum() == doctest::Approx(n));
        const tl::Metrics m = s->metrics();
        CHECK(vd.value("unseen_acc", -1) == doctest::Approx(tl::metric(m, "unseen_acc")));
        CHECK(vd.value("unseen_acc", -1) == doctest::Approx(confusion.trace() / n));
        CHECK(vd.value("chance_acc", -1) == doctest::Approx(tl::metric(m, "chance_acc")));
        CHECK(vd.values.count("predictions_hash") == 1);
        CHECK((vd.mat("pred_attr") != nullptr) == (method != "embed"));
        if (method != "conse") {
          CHECK(vd.mat("class_xy") == nullptr);
          continue;
        }
        const tl::Mat& class_xy = mat(vd, "class_xy");
        CHECK(class_xy.rows() == 2);
        CHECK(class_xy.cols() == k);
        const tl::Mat& xy = mat(vd, "point_xy");
        const tl::Mat& top = mat(vd, "point_top");
        const tl::Mat& weight = mat(vd, "point_weight");
        const int p = static_cast<int>(xy.cols());
        CHECK(p == std::min(n, 200));
        const int t = static_cast<int>(vd.value("T"));
        CHECK(top.rows() == t);
        CHECK(weight.rows() == t);
        CHECK(top.cols() == p);
        CHECK(mat(vd, "point_pred").cols() == p);
        for (int j = 0; j < p; ++j) {
          CHECK(weight.col(j).sum() == doctest::Approx(1).epsilon(1e-4));
          tl::Vec combo = tl::Vec::Zero(2);
          for (int i = 0; i < t; ++i) {
            const int c = static_cast<int>(top(i, j));
            REQUIRE(c >= 0);
            REQUIRE(c < k);
            CHECK(unseen(c, 0) == 0);
            if (i > 0) CHECK(weight(i, j) <= weight(i - 1, j));
            combo += weight(i, j) * class_xy.col(c);
          }
          CHECK((combo - xy.col(j)).norm() < 1e-3);
        }
      }
    }
  }

  TEST_CASE("editing one attribute of an unseen class changes the predictions of a trained model") {
    for (const std::string method : {"dap", "conse"}) {
      CAPTURE(method);
      std::vector<double> changed;
      for (int r = 0; r < 10; ++r) {
        const uint64_t seed = tl_test::base_seed() + 101 * r;
        CAPTURE(seed);
        auto s = make("zeroshot-animals", method);
        train(*s, seed);
        const auto before = s->view_data();
        const tl::Mat pred = mat(*before, "pred");
        // The same table again: the same training gives the same predictions.
        REQUIRE(s->set_user_class_semantics(table_of(*before)).ok());
        train(*s, seed);
        const auto again = s->view_data();
        CHECK(mat(*again, "pred") == pred);
        CHECK(again->value("predictions_hash") == before->value("predictions_hash"));
        // One cell of an unseen class flipped.
        REQUIRE(s->set_user_class_semantics(edited(*before)).ok());
        train(*s, seed);
        const auto after = s->view_data();
        const tl::Mat& pred_after = mat(*after, "pred");
        REQUIRE(pred_after.cols() == pred.cols());
        changed.push_back((pred_after.array() != pred.array()).cast<double>().mean());
        if (changed.back() > 0)
          CHECK(after->value("predictions_hash") != before->value("predictions_hash"));
      }
      const tl_test::MeanSe ms = tl_test::mean_se(changed);
      CAPTURE(ms.mean);
      CAPTURE(ms.se);
      // The share of unseen test points whose prediction changed (DAP about 0.06 for the first
      // flippable cell of the animals' owl, ConSE about 0.35).
      CHECK(ms.mean > ms.se);
    }
  }
}

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "scenarios/registry.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "support/stats.h"

namespace {

std::unique_ptr<tl::Scenario> make_dann(const std::string& name, uint64_t seed,
                                        const tl_test::Sets& sets = {}) {
  return tl_test::make_scenario(name, seed, sets);
}

void train(tl::Scenario& s, long steps) {
  tl_test::step_scenario(s, steps);
}

const tl::Mat& need(const tl::ViewData& vd, const char* key) {
  return tl_test::need_mat(vd, key);
}

/// How well the domain of a point can be told from its k = 5 nearest other points (Euclidean,
/// leave-one-out, majority vote): the balanced accuracy over source points S and target points T
/// (2 x n each). 0.5: each point's neighbourhood is as mixed as the two domains together; 1: the
/// domains lie apart. Invariant to a common scale of the coordinates.
double knn_domain_accuracy(const tl::Mat& S, const tl::Mat& T) {
  constexpr int kK = 5;
  tl::Mat all(S.rows(), S.cols() + T.cols());
  all << S, T;
  const int n = static_cast<int>(all.cols());
  double correct[2] = {0, 0};
  std::vector<std::pair<double, int>> d(static_cast<size_t>(n - 1));
  for (int i = 0; i < n; ++i) {
    int m = 0;
    for (int j = 0; j < n; ++j)
      if (j != i) d[static_cast<size_t>(m++)] = {(all.col(j) - all.col(i)).squaredNorm(), j};
    std::partial_sort(d.begin(), d.begin() + kK, d.end());
    int target_votes = 0;
    for (int k = 0; k < kK; ++k) target_votes += d[static_cast<size_t>(k)].second >= S.cols();
    const bool is_target = i >= S.cols();
    if ((target_votes * 2 > kK) == is_target) correct[is_target ? 1 : 0] += 1;
  }
  return 0.5 *
         (correct[0] / static_cast<double>(S.cols()) + correct[1] / static_cast<double>(T.cols()));
}

}  // namespace

TEST_SUITE("scenarios/dann-view") {
  TEST_CASE("the dann scenarios' view data have consistent shapes, values and a cached copy") {
    for (const char* name : {"dann-moons", "dann-digits"}) {
      CAPTURE(name);
      auto s = make_dann(name, tl_test::base_seed());
      train(*s, 30);
      const auto vd = s->view_data();
      REQUIRE(vd != nullptr);
      CHECK(vd->kind == "dann");
      CHECK(vd->step == 30);
      CHECK(s->view_data() == vd);  // same step: the same data, not recomputed
      const tl::Mat& ys = need(*vd, "source_labels");
      const tl::Mat& yt = need(*vd, "target_labels");
      CHECK(ys.rows() == 1);
      CHECK(yt.rows() == 1);
      CHECK(ys.cols() > 0);
      CHECK(yt.cols() > 0);
      CHECK(ys.cols() + yt.cols() <= 400);
      for (const std::string model :
           {"method", "source_only", "method_domain", "source_only_domain"}) {
        CAPTURE(model);
        const std::string base = model.substr(0, model.find("_domain"));
        const std::string suffix = model.size() > base.size() ? "_domain_xy" : "_xy";
        const tl::Mat& xs = need(*vd, (base + "_source" + suffix).c_str());
        const tl::Mat& xt = need(*vd, (base + "_target" + suffix).c_str());
        CHECK(xs.rows() == 2);
        CHECK(xt.rows() == 2);
        CHECK(xs.cols() == ys.cols());
        CHECK(xt.cols() == yt.cols());
        CHECK(xs.allFinite());
        CHECK(xt.allFinite());
      }
      const int classes = static_cast<int>(vd->value("num_classes"));
      CHECK(classes == s->num_classes());
      CHECK(ys.minCoeff() >= 0);
      CHECK(ys.maxCoeff() < classes);
      // The schedule covers the run: steps 0 .. total, the weight rising to the final lambda.
      const tl::Mat& sched = need(*vd, "lambda_schedule");
      REQUIRE(sched.rows() == 2);
      REQUIRE(sched.cols() >= 2);
      CHECK(sched(0, 0) == 0);
      CHECK(sched(0, sched.cols() - 1) == doctest::Approx(s->total_steps()));
      CHECK(sched(1, 0) == doctest::Approx(0));
      for (int j = 1; j < sched.cols(); ++j) CHECK(sched(1, j) >= sched(1, j - 1));
      CHECK(vd->value("lambda", -1) > 0);
      CHECK(vd->value("lambda", -1) <= sched(1, sched.cols() - 1) + 1e-6);
      CHECK(vd->value("total_steps") == s->total_steps());
      CHECK(vd->value("progress", -1) == doctest::Approx(30.0 / s->total_steps()));
      for (const char* key : {"domain_acc", "source_only_domain_acc", "target_acc",
                              "source_only_target_acc", "gap_closed"}) {
        CAPTURE(key);
        CHECK(vd->values.count(key) == 1);
      }
      CHECK(vd->value("domain_acc", -1) >= 0);
      CHECK(vd->value("domain_acc", -1) <= 1);
      REQUIRE(vd->text("align") != nullptr);
      CHECK(vd->text("align")->at(0) == "dann");
      CHECK(vd->values.count("align_loss") == 0);
    }
  }

  TEST_CASE("the projections are refitted only every few hundred steps and at the end") {
    auto s = make_dann("dann-moons", tl_test::base_seed(), {{"epochs", "20"}});
    const auto first = s->view_data();
    CHECK(first->value("refit_step", -1) == 0);
    train(*s, 10);
    const auto later = s->view_data();
    CHECK(later->value("refit_step", -1) == 0);  // same axes: the points moved, not the frame
    CHECK(*later->mat("method_source_xy") != *first->mat("method_source_xy"));
    train(*s, 1000000);
    REQUIRE(s->done());
    const auto end = s->view_data();
    CHECK(end->value("refit_step", -1) == s->total_steps());
  }

  TEST_CASE("with align=coral or mmd the view reports the alignment loss and its trace") {
    for (const char* align : {"coral", "mmd"}) {
      CAPTURE(align);
      auto s = make_dann("dann-moons", tl_test::base_seed(), {{"align", align}});
      s->view_data();
      train(*s, 5);
      const auto vd = s->view_data();
      CHECK(vd->text("align")->at(0) == align);
      CHECK(std::isfinite(vd->value("align_loss", NAN)));
      CHECK(vd->value("align_loss", -1) >= 0);
      CHECK(std::isfinite(vd->value("source_only_align_loss", NAN)));
      const tl::Mat& trace = need(*vd, "align_trace");
      REQUIRE(trace.rows() == 3);
      REQUIRE(trace.cols() == 2);  // the two calls, at steps 0 and 5
      CHECK(trace(0, 0) == 0);
      CHECK(trace(0, 1) == 5);
      CHECK(trace(1, 1) == doctest::Approx(vd->value("align_loss")));
    }
  }

  TEST_CASE("dann-moons: DANN's drawn features mix the domains more than source-only's") {
    // Measure: the leave-one-out 5-nearest-neighbour domain accuracy (balanced) of the drawn
    // held-out points in each panel's 2-D projection, i.e. of the picture the view shows (both
    // planes: principal components, domain direction), at the end of training. Effect:
    // source-only's minus DANN's, over 10 seeds.
    for (const std::string suffix : {"_xy", "_domain_xy"}) {
      CAPTURE(suffix);
      std::vector<double> diff, dann_acc, plain_acc;
      for (uint64_t k = 0; k < 10; ++k) {
        const uint64_t seed = tl_test::base_seed() + k;
        auto s = make_dann("dann-moons", seed);
        train(*s, 1000000);
        const auto vd = s->view_data();
        const double a = knn_domain_accuracy(need(*vd, ("method_source" + suffix).c_str()),
                                             need(*vd, ("method_target" + suffix).c_str()));
        const double b = knn_domain_accuracy(need(*vd, ("source_only_source" + suffix).c_str()),
                                             need(*vd, ("source_only_target" + suffix).c_str()));
        dann_acc.push_back(a);
        plain_acc.push_back(b);
        diff.push_back(b - a);
      }
      const tl_test::MeanSe d = tl_test::mean_se(diff);
      MESSAGE("5-NN domain accuracy in the ", suffix, " plane: DANN ",
              tl_test::mean_se(dann_acc).mean, ", source only ", tl_test::mean_se(plain_acc).mean,
              "; difference ", d.mean, " (SE ", d.se, ")");
      CHECK(d.mean > d.se);
      CHECK(d.mean > 0);
    }
  }
}

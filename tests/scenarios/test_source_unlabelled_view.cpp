// The method views of the source-unlabelled scenarios: the self-taught view's filters,
// reconstructions, feature map and accuracies, and the clustering view's assignments,
// contingency tables and thumbnails, checked against the scenario's own metrics.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/stats.h"

namespace {

std::unique_ptr<tl::Scenario> make(const std::string& name, uint64_t seed,
                                   const tl_test::Sets& sets = {}) {
  return tl_test::make_scenario(name, seed, sets);
}

void run_steps(tl::Scenario& s, long steps) {
  tl_test::step_scenario(s, steps);
}
void run_to_end(tl::Scenario& s) {
  tl_test::step_scenario(s);
}

double metric_of(tl::Scenario& s, const std::string& name) {
  for (const auto& kv : s.metrics())
    if (kv.first == name) return kv.second;
  FAIL("metric " << name << " missing");
  return 0;
}

const tl::Mat& require_mat(const tl::ViewData& vd, const std::string& key) {
  return tl_test::need_mat(vd, key);
}

bool has_value(const tl::ViewData& vd, const std::string& key) {
  return vd.values.count(key) > 0;
}

/// A small self-taught run: few pretraining and classifier epochs.
const tl_test::Sets kSmallStl = {{"ae_epochs", "3"}, {"epochs", "20"}};
/// A small clustering run.
const tl_test::Sets kSmallStc = {{"epochs", "3"}};

}  // namespace

TEST_SUITE("scenarios/source_unlabelled_view") {
  TEST_CASE(
      "the self-taught digits view holds filters, inputs beside reconstructions and "
      "the three accuracies") {
    auto s = make("selftaught-digits", 1, kSmallStl);
    auto vd = s->view_data();
    REQUIRE(vd);
    CHECK(vd->kind == "self_taught");
    CHECK(vd->step == 0);
    const tl::Mat& filters = require_mat(*vd, "filters");
    const int units = static_cast<int>(vd->value("units"));
    CHECK(units == 100);
    CHECK(filters.rows() == std::min(units, 32));
    CHECK(filters.cols() == 64);
    CHECK(vd->value("filter_side") == 8);
    CHECK(vd->value("image_side") == 8);
    const tl::Mat& in = require_mat(*vd, "inputs");
    const tl::Mat& out = require_mat(*vd, "reconstructions");
    CHECK(in.rows() == 64);
    CHECK(in.cols() >= 5);
    CHECK(in.cols() <= 8);
    CHECK(out.rows() == in.rows());
    CHECK(out.cols() == in.cols());
    CHECK(vd->mat("feature_map") == nullptr);
    // No accuracies while the classifiers wait for the pretraining.
    for (const char* key : {"learned_acc", "raw_acc", "random_acc"}) CHECK(!has_value(*vd, key));
    REQUIRE(vd->text("phase") != nullptr);
    CHECK(vd->text("phase")->front() == "pretrain");
    const tl::Mat& curve = require_mat(*vd, "shots_curve");
    CHECK(curve.rows() == 4);
    CHECK(curve.cols() == 4);
    CHECK(std::isnan(curve(1, 0)));

    run_steps(*s, s->total_steps() - 12 - 10);  // into the classifier phase
    vd = s->view_data();
    CHECK(vd->text("phase")->front() == "classifier");
    for (const char* key : {"learned_acc", "raw_acc", "random_acc"}) {
      REQUIRE(has_value(*vd, key));
      CHECK(vd->value(key) >= 0);
      CHECK(vd->value(key) <= 1);
    }
    CHECK(vd->value("learned_acc") == doctest::Approx(metric_of(*s, "target_acc")));

    run_to_end(*s);
    vd = s->view_data();
    REQUIRE(vd);
    CHECK(vd->step == s->steps_done());
    CHECK(vd->text("phase")->front() == "done");
    CHECK(vd->value("pretrain_progress") == doctest::Approx(1));
    CHECK(vd->value("classifier_progress") == doctest::Approx(1));
    CHECK(vd->value("learned_acc") == doctest::Approx(metric_of(*s, "target_acc")));
    CHECK(vd->value("raw_acc") == doctest::Approx(metric_of(*s, "raw_target_acc")));
    CHECK(vd->value("random_acc") == doctest::Approx(metric_of(*s, "random_features_target_acc")));
    CHECK(vd->value("reconstruction_error") > 0);
    const tl::Mat& done_curve = require_mat(*vd, "shots_curve");
    const int shots[] = {1, 2, 5, 10};
    const char* probes[] = {"learned", "raw", "random"};
    for (int l = 0; l < 4; ++l) {
      CHECK(done_curve(0, l) == shots[l]);
      for (int p = 0; p < 3; ++p)
        CHECK(done_curve(1 + p, l) ==
              doctest::Approx(metric_of(*s, std::string("curve_") + probes[p] + "_acc_shots" +
                                                std::to_string(shots[l]))));
    }
  }

  TEST_CASE("the filters and reconstructions the view shows change with pretraining") {
    // Over 10 seeds: the filters move away from their initial values and the reconstruction
    // error of the held-out target falls.
    std::vector<double> moved, gain;
    for (uint64_t seed = 1; seed <= 10; ++seed) {
      auto s = make("selftaught-digits", seed, {{"ae_epochs", "4"}, {"curve", "false"}});
      const auto before = s->view_data();
      REQUIRE(before);
      const tl::Mat f0 = require_mat(*before, "filters");
      const double err0 = before->value("reconstruction_error");
      run_steps(*s, 40);
      const auto after = s->view_data();
      REQUIRE(after);
      CHECK(after->step == 40);
      CHECK(after->text("phase")->front() == "pretrain");
      const tl::Mat& f1 = require_mat(*after, "filters");
      REQUIRE(f1.rows() == f0.rows());
      REQUIRE(f1.cols() == f0.cols());
      moved.push_back(static_cast<double>((f1 - f0).norm() / f0.norm()));
      gain.push_back(err0 - after->value("reconstruction_error"));
      // The reconstructions follow the autoencoder too.
      CHECK(require_mat(*after, "reconstructions") != require_mat(*before, "reconstructions"));
    }
    const tl_test::MeanSe m = tl_test::mean_se(moved), g = tl_test::mean_se(gain);
    CHECK(m.mean > 0.01);
    CHECK(m.mean > m.se);
    CHECK(g.mean > g.se);
  }

  TEST_CASE("the view is cached while the step is unchanged and renewed after a step") {
    auto s = make("selftaught-digits", 3, kSmallStl);
    const auto a = s->view_data();
    CHECK(s->view_data() == a);
    run_steps(*s, 1);
    const auto b = s->view_data();
    CHECK(b != a);
    CHECK(b->step == 1);
  }

  TEST_CASE("in patch mode the filters are patches and the reconstructions whole images") {
    auto s = make("selftaught-digits", 2, {{"ae_epochs", "1"}, {"patch", "4"}, {"curve", "false"}});
    run_steps(*s, 3);
    auto vd = s->view_data();
    REQUIRE(vd);
    CHECK(require_mat(*vd, "filters").cols() == 16);
    CHECK(vd->value("filter_side") == 4);
    const tl::Mat& in = require_mat(*vd, "inputs");
    const tl::Mat& out = require_mat(*vd, "reconstructions");
    CHECK(in.rows() == 64);
    CHECK(out.rows() == 64);
    CHECK(out.cols() == in.cols());
    CHECK(out.allFinite());
  }

  TEST_CASE("the self-taught 2-D view maps code units over the plane") {
    auto s = make("selftaught-2d", 1, {{"ae_epochs", "2"}, {"epochs", "10"}});
    auto vd = s->view_data();
    REQUIRE(vd);
    CHECK(vd->kind == "self_taught");
    CHECK(vd->mat("filters") == nullptr);
    CHECK(vd->mat("shots_curve") == nullptr);
    const int g = static_cast<int>(vd->value("grid_cells"));
    CHECK(g == 40);
    const tl::Mat map0 = require_mat(*vd, "feature_map");
    CHECK(map0.rows() == 6);
    CHECK(map0.cols() == g * g);
    CHECK(map0.minCoeff() >= 0);
    CHECK(map0.maxCoeff() <= 1);
    CHECK(vd->value("xmin") < vd->value("xmax"));
    CHECK(vd->value("ymin") < vd->value("ymax"));
    const tl::Mat& pts = require_mat(*vd, "map_points");
    const tl::Mat& cls = require_mat(*vd, "map_point_class");
    CHECK(pts.rows() == 2);
    CHECK(pts.cols() == s->target_data()->size());
    CHECK(cls.cols() == pts.cols());
    CHECK(require_mat(*vd, "map_source").rows() == 2);
    CHECK(require_mat(*vd, "map_source").cols() <= 300);
    run_steps(*s, 30);
    vd = s->view_data();
    CHECK((require_mat(*vd, "feature_map") - map0).cwiseAbs().maxCoeff() > 1e-4);
  }

  TEST_CASE("the self-taught scenarios list learned, raw and untrained models") {
    auto s = make("selftaught-2d", 1, {{"ae_epochs", "1"}, {"epochs", "5"}});
    run_to_end(*s);
    const tl::ModelList models = s->models();
    REQUIRE(models.size() == 3);
    CHECK(models[0].key == "method");
    CHECK(tl::default_comparison(models) == 1);
    CHECK(models[1].key == "raw");
    CHECK(models[2].key == "random");
    const tl::Dataset* t = s->target_data();
    REQUIRE(t != nullptr);
    CHECK(s->predict_model(0, t->X) == s->predict(t->X));
    const tl::Mat raw = s->predict_model(1, t->X);
    CHECK(raw.rows() == s->num_classes());
    CHECK(raw.cols() == t->size());
    CHECK(raw != s->predict(t->X));
    CHECK(s->predict_model(2, t->X) != s->predict(t->X));
  }

  TEST_CASE("the clustering view waits for the clustering phase, then agrees with the metrics") {
    auto s = make("selftaught-clustering-digits", 1, kSmallStc);
    auto vd = s->view_data();
    REQUIRE(vd);
    CHECK(vd->kind == "clustering");
    CHECK(vd->value("clustered") == 0);
    CHECK(!has_value(*vd, "stc_nmi"));
    CHECK(!has_value(*vd, "stc_noaux_nmi"));
    CHECK(vd->mat("stc_contingency") == nullptr);
    CHECK(has_value(*vd, "cosine_nmi"));
    CHECK(vd->value("thumb_side") == 8);
    const tl::Mat& thumbs0 = require_mat(*vd, "thumbs");
    CHECK(thumbs0.rows() == 64);
    CHECK(thumbs0.cols() == 40);
    CHECK(require_mat(*vd, "thumb_cluster").maxCoeff() == -1);
    run_steps(*s, 5);
    vd = s->view_data();
    CHECK(vd->value("progress") > 0);
    CHECK(vd->value("progress") < 1);

    run_to_end(*s);
    vd = s->view_data();
    REQUIRE(vd);
    CHECK(vd->value("clustered") == 1);
    const int n = s->target_data()->size();
    const int k = static_cast<int>(vd->value("clusters"));
    const int classes = static_cast<int>(vd->value("classes"));
    CHECK(k == 5);
    CHECK(classes == 5);
    REQUIRE(vd->text("class_names") != nullptr);
    CHECK(vd->text("class_names")->size() == static_cast<size_t>(classes));
    const tl::Labels& y = s->target_data()->y;
    for (const char* route : {"stc", "stc_control", "codes", "codes_control"}) {
      const std::string r = route;
      const tl::Mat& a = require_mat(*vd, r + "_assign");
      const tl::Mat& table = require_mat(*vd, r + "_contingency");
      REQUIRE(a.cols() == n);
      REQUIRE(table.rows() == k);
      REQUIRE(table.cols() == classes);
      CHECK(table.sum() == doctest::Approx(n));
      tl::Mat counts = tl::Mat::Zero(k, classes);
      for (int j = 0; j < n; ++j) counts(static_cast<int>(a(0, j)), y[static_cast<size_t>(j)]) += 1;
      CHECK(counts == table);
      // Numbered by majority class: the majorities never decrease down the table.
      int last = -1;
      for (int i = 0; i < k; ++i) {
        if (table.row(i).sum() == 0) continue;
        Eigen::Index c = 0;
        table.row(i).maxCoeff(&c);
        CHECK(static_cast<int>(c) >= last);
        last = static_cast<int>(c);
      }
    }
    CHECK(vd->value("stc_nmi") == doctest::Approx(metric_of(*s, "stc_nmi")));
    CHECK(vd->value("stc_noaux_nmi") == doctest::Approx(metric_of(*s, "stc_noaux_nmi")));
    CHECK(vd->value("stc_purity") == doctest::Approx(metric_of(*s, "stc_purity")));
    CHECK(vd->value("stc_noaux_purity") == doctest::Approx(metric_of(*s, "stc_noaux_purity")));
    CHECK(vd->value("codes_nmi") == doctest::Approx(metric_of(*s, "nmi")));
    CHECK(vd->value("codes_purity") == doctest::Approx(metric_of(*s, "purity")));
    CHECK(vd->value("cosine_nmi") == doctest::Approx(metric_of(*s, "raw_cosine_nmi")));

    // Thumbnails: at most 10 per cluster and route, each in a cell of that route's table.
    const tl::Mat& thumbs = require_mat(*vd, "thumbs");
    const tl::Mat& tc = require_mat(*vd, "thumb_cluster");
    const tl::Mat& tcls = require_mat(*vd, "thumb_class");
    REQUIRE(tc.rows() == 2);
    REQUIRE(tc.cols() == thumbs.cols());
    REQUIRE(tcls.cols() == thumbs.cols());
    for (int r = 0; r < 2; ++r) {
      const tl::Mat& table = require_mat(*vd, r == 0 ? "stc_contingency" : "codes_contingency");
      std::vector<int> per(static_cast<size_t>(k), 0);
      int shown = 0;
      for (int j = 0; j < tc.cols(); ++j) {
        const int a = static_cast<int>(tc(r, j));
        if (a < 0) continue;
        ++shown;
        ++per[static_cast<size_t>(a)];
        CHECK(table(a, static_cast<int>(tcls(0, j))) >= 1);
      }
      for (int a = 0; a < k; ++a) {
        CHECK(per[static_cast<size_t>(a)] <= 10);
        CHECK(per[static_cast<size_t>(a)] ==
              std::min<int>(10, static_cast<int>(table.row(a).sum())));
      }
      CHECK(shown > 0);
    }
  }

  TEST_CASE("the text clustering view's thumbnails are topic shares") {
    auto s = make("selftaught-clustering-text", 2, kSmallStc);
    run_to_end(*s);
    auto vd = s->view_data();
    REQUIRE(vd);
    CHECK(vd->value("thumb_side") == 0);
    const tl::Mat& thumbs = require_mat(*vd, "thumbs");
    CHECK(thumbs.rows() == 8);
    for (int j = 0; j < thumbs.cols(); ++j) CHECK(thumbs.col(j).sum() == doctest::Approx(1));
    CHECK(require_mat(*vd, "stc_contingency").rows() == 4);
    CHECK(require_mat(*vd, "stc_contingency").cols() == 4);
  }
}

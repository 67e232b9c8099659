#include <doctest/doctest.h>

#include <string>

#include "app/embed_info.h"

namespace {

using tl::KeyFigure;
using tl::MetricInfoList;
using tl::Metrics;
using K = tl::MetricKind;
using R = tl::MetricRole;

const MetricInfoList kInfos = {
    {"source_acc", K::kFraction, R::kDiagnostic, "source_only_source_acc", "source", ""},
    {"curve_acc_shots*", K::kFraction, R::kMethod, "curve_scratch_shots*", "* shots", ""},
    {"target_acc", K::kFraction, R::kMethod, "source_only_target_acc", "adapted", ""},
    {"source_only_target_acc", K::kFraction, R::kBaseline, "", "source only", ""},
    {"loss", K::kLoss, R::kMethod, "", "loss", ""},
};

}  // namespace

TEST_SUITE("app/embed_info") {
  TEST_CASE("the full lab's hash is the embedded hash without its embed field") {
    CHECK(tl::hash_without_embed("scenario=dann-moons&seed=7&embed=1") ==
          "scenario=dann-moons&seed=7");
    CHECK(tl::hash_without_embed("#embed=1&scenario=a&lr=0.1") == "scenario=a&lr=0.1");
    CHECK(tl::hash_without_embed("scenario=a&embed&seed=2") == "scenario=a&seed=2");
    CHECK(tl::hash_without_embed("scenario=a&embedding=3") == "scenario=a&embedding=3");
    CHECK(tl::hash_without_embed("embed=1") == "");
    CHECK(tl::hash_without_embed("") == "");
  }

  TEST_CASE("the key figure is the method's accuracy beside its reported baseline") {
    const Metrics m = {{"loss", 0.2},
                       {"source_acc", 0.99},
                       {"source_only_source_acc", 0.98},
                       {"curve_acc_shots5", 0.7},
                       {"curve_scratch_shots5", 0.6},
                       {"target_acc", 0.96},
                       {"source_only_target_acc", 0.74}};
    KeyFigure f;
    REQUIRE(tl::key_figure(kInfos, m, f));
    CHECK(f.info.name == "target_acc");
    CHECK(f.value == doctest::Approx(0.96));
    REQUIRE(f.has_baseline);
    CHECK(f.baseline.name == "source_only_target_acc");
    CHECK(f.baseline.label == "source only");
    CHECK(f.baseline_value == doctest::Approx(0.74));
  }

  TEST_CASE("without its baseline reported the method's accuracy stands alone") {
    KeyFigure f;
    REQUIRE(tl::key_figure(kInfos, {{"target_acc", 0.5}}, f));
    CHECK(f.info.name == "target_acc");
    CHECK_FALSE(f.has_baseline);
    CHECK_FALSE(tl::key_figure(kInfos, {{"loss", 0.5}, {"source_acc", 0.9}}, f));
    CHECK_FALSE(tl::key_figure({}, {{"target_acc", 0.5}}, f));
  }
}

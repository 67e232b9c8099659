// One registration path (name, description, corner, method family) and the metric metadata every
// scenario declares (scenarios/metric_info.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "scenarios/scenario.h"

namespace {

bool has_key(tl::Scenario& s, const std::string& key) {
  const auto keys = tl::config_keys(s.visitor());
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

TEST_SUITE("scenarios/registry") {
  TEST_CASE("the listing order and names are those transferlab list prints") {
    const std::vector<std::string> expected = {"basic-moons",
                                               "finetune-moons",
                                               "finetune-digits",
                                               "conservative-moons",
                                               "layer-transfer-digits",
                                               "layer-transfer-sweep",
                                               "layer-transfer-input-shift",
                                               "multitask-moons",
                                               "multitask-input-layers",
                                               "progressive-moons",
                                               "dann-moons",
                                               "dann-digits",
                                               "zeroshot-animals",
                                               "zeroshot-digits",
                                               "selftaught-digits",
                                               "selftaught-2d",
                                               "selftaught-clustering-digits",
                                               "selftaught-clustering-text"};
    std::vector<std::string> names;
    for (const auto& s : tl::scenarios()) names.push_back(s.name);
    CHECK(names == expected);
  }

  TEST_CASE("every scenario has a non-empty title of its own, distinct from its name") {
    std::set<std::string> titles;
    for (const auto& s : tl::scenarios()) {
      CAPTURE(s.name);
      CHECK(!s.title.empty());
      CHECK(s.title.find('\n') == std::string::npos);
      CHECK(s.title != s.name);
      CHECK(titles.insert(s.title).second);  // unique
    }
  }

  TEST_CASE("every scenario has a one-line description, a method family and a corner") {
    std::set<tl::Corner> corners;
    for (const auto& s : tl::scenarios()) {
      CAPTURE(s.name);
      CHECK(!s.description.empty());
      CHECK(s.description.find('\n') == std::string::npos);
      CHECK(!s.family.empty());
      CHECK(tl::find_scenario(s.name) == &s);
      corners.insert(s.corner);
    }
    // The lecture's four corners and the scenarios without transfer are all populated.
    CHECK(corners.size() == 5);
    CHECK(tl::find_scenario("selftaught-clustering-text")->corner == tl::Corner::kNeitherLabelled);
    CHECK(tl::find_scenario("selftaught-digits")->corner == tl::Corner::kSourceUnlabelled);
    CHECK(tl::find_scenario("dann-moons")->family == "domain-adversarial");
  }

  TEST_CASE("the grid's labels are the method families of each corner, in listing order") {
    using V = std::vector<std::string>;
    CHECK(tl::corner_families(tl::Corner::kBothLabelled) == V{"fine-tuning", "multitask"});
    CHECK(tl::corner_families(tl::Corner::kTargetUnlabelled) ==
          V{"domain-adversarial", "zero-shot"});
    CHECK(tl::corner_families(tl::Corner::kSourceUnlabelled) == V{"self-taught learning"});
    CHECK(tl::corner_families(tl::Corner::kNeitherLabelled) == V{"self-taught clustering"});
    CHECK(tl::corner_families(tl::Corner::kSupervised) == V{"supervised"});
  }

  TEST_CASE("a metric pattern resolves the name and what it is compared with") {
    const tl::MetricInfoList list = {
        {"curve_a_acc_shots*", tl::MetricKind::kFraction, tl::MetricRole::kMethod,
         "curve_b_acc_shots*", "a *-shot", "pattern"},
        {"curve_a_acc_shots1", tl::MetricKind::kValue, tl::MetricRole::kDiagnostic, "", "exact",
         "exact entry"},
        {"x*_std", tl::MetricKind::kValue, tl::MetricRole::kDiagnostic, "", "std", "spread"}};
    tl::MetricInfo mi;
    REQUIRE(tl::find_metric_info(list, "curve_a_acc_shots10", mi));
    CHECK(mi.name == "curve_a_acc_shots10");
    CHECK(mi.compared_with == "curve_b_acc_shots10");
    CHECK(mi.label == "a 10-shot");
    CHECK(mi.kind == tl::MetricKind::kFraction);
    REQUIRE(tl::find_metric_info(list, "curve_a_acc_shots1", mi));
    CHECK(mi.label == "exact");  // an exact entry wins over a pattern
    CHECK_FALSE(tl::find_metric_info(list, "curve_a_acc_shots", mi));  // `*` is not empty
    CHECK_FALSE(tl::find_metric_info(list, "x_std", mi));
    CHECK(tl::find_metric_info(list, "x1_std", mi));
    CHECK_FALSE(tl::find_metric_info(list, "curve_b_acc_shots2", mi));
    mi = tl::metric_info_or_default(list, "unknown");
    CHECK(mi.label == "unknown");
    CHECK(mi.role == tl::MetricRole::kDiagnostic);
    CHECK(std::string(tl::metric_kind_name(tl::MetricKind::kCount)) == "count");
    CHECK(std::string(tl::metric_kind_name(tl::MetricKind::kScore)) == "score");
    CHECK(std::string(tl::metric_role_name(tl::MetricRole::kOracle)) == "oracle");
  }

  TEST_CASE("every metric of every scenario has metadata, declared before the first step") {
    for (const auto& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto s = info.make();
      // Before reset(): what a display lays out its figures from.
      const tl::MetricInfoList list = s->metrics_info();
      REQUIRE(!list.empty());
      std::set<std::string> declared;
      for (const tl::MetricInfo& mi : list) {
        CAPTURE(mi.name);
        CHECK(declared.insert(mi.name).second);  // each name or pattern once
        CHECK(!mi.label.empty());
        CHECK(!mi.description.empty());
        CHECK(mi.label.size() <= 24);
        if (!mi.compared_with.empty()) {
          tl::MetricInfo other;
          std::string target = mi.compared_with;  // a pattern's `*` stands for any text
          if (target.find('*') != std::string::npos) target.replace(target.find('*'), 1, "7");
          CHECK_MESSAGE(tl::find_metric_info(list, target, other),
                        "compared_with names no metric: ", mi.compared_with);
          CHECK(other.name != mi.name);
        }
      }
      // Small budgets: a few steps of every phase the budget allows.
      for (const char* key : {"epochs", "source_epochs", "ae_epochs"})
        if (has_key(*s, key)) REQUIRE(tl::set_config_field(s->visitor(), key, "1").ok());
      if (has_key(*s, "repeats")) REQUIRE(tl::set_config_field(s->visitor(), "repeats", "2").ok());
      if (has_key(*s, "augment"))
        REQUIRE(tl::set_config_field(s->visitor(), "augment", "false").ok());
      REQUIRE(s->reset(1).ok());
      std::set<std::string> seen;
      auto check_reported = [&] {
        const tl::Metrics m = s->metrics();
        std::set<std::string> names;
        for (const auto& kv : m) names.insert(kv.first);
        for (const auto& kv : m) {
          CAPTURE(kv.first);
          tl::MetricInfo mi;
          REQUIRE_MESSAGE(tl::find_metric_info(list, kv.first, mi), "no metadata");
          CHECK(mi.name == kv.first);
          if ((mi.kind == tl::MetricKind::kFraction || mi.kind == tl::MetricKind::kScore) &&
              std::isfinite(kv.second))
            CHECK((kv.second >= 0 && kv.second <= 1));
          if (!mi.compared_with.empty() && mi.compared_with.find('*') == std::string::npos) {
            tl::MetricInfo other;
            CHECK(tl::find_metric_info(list, mi.compared_with, other));
          }
          seen.insert(kv.first);
        }
      };
      check_reported();
      const long budget = std::min<long>(s->total_steps(), 3000);
      const long every = std::max<long>(1, budget / 8);
      while (s->steps_done() < budget) {
        REQUIRE(s->guarded_step().ok());
        if (s->steps_done() % every == 0) check_reported();
      }
      check_reported();
      CHECK(seen.size() >= 3);
    }
  }
}

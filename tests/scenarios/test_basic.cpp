#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"

namespace {}  // namespace

TEST_SUITE("scenarios/basic") {
  TEST_CASE("basic-moons reaches at least 0.97 test accuracy on five seeds") {
    for (uint64_t k = 0; k < 5; ++k) {
      const uint64_t seed = tl_test::base_seed() + k;
      CAPTURE(seed);
      const tl::Metrics m = tl_test::run_scenario("basic-moons", seed);
      CHECK(tl::metric(m, "test_acc") >= 0.97);
      CHECK(tl::metric(m, "train_acc") >= 0.97);
      CHECK(tl::metric(m, "loss") < 0.2);
    }
  }

  TEST_CASE("the same seed gives identical metrics and another seed different ones") {
    const tl::Metrics a =
        tl_test::run_scenario("basic-moons", tl_test::base_seed(), {{"epochs", "5"}});
    const tl::Metrics b =
        tl_test::run_scenario("basic-moons", tl_test::base_seed(), {{"epochs", "5"}});
    const tl::Metrics c =
        tl_test::run_scenario("basic-moons", tl_test::base_seed() + 1, {{"epochs", "5"}});
    CHECK(a == b);
    CHECK(tl::metric(a, "loss") != tl::metric(c, "loss"));
  }

  TEST_CASE("config fields are set by key and bad keys or values are refused with the valid keys") {
    auto s = tl::find_scenario("basic-moons")->make();
    CHECK(tl::set_config_field(s->visitor(), "hidden", "16,8,4").ok());
    CHECK(tl::config_to_json(s->visitor()).find("hidden")->as_string() == "16,8,4");
    tl::Status st = tl::set_config_field(s->visitor(), "nope", "1");
    CHECK(st.message.find("valid keys") != std::string::npos);
    CHECK(st.message.find("lr") != std::string::npos);
    CHECK(tl::set_config_field(s->visitor(), "lr", "-1").message.find("out of range") !=
          std::string::npos);
    CHECK_FALSE(tl::set_config_field(s->visitor(), "epochs", "1.5").ok());
    CHECK_FALSE(tl::set_config_field(s->visitor(), "hidden", "16,,4").ok());
    CHECK_FALSE(tl::set_config_field(s->visitor(), "hidden", "5000").ok());
    CHECK_FALSE(tl::set_config_field(s->visitor(), "act", "swish").ok());
    CHECK(tl::config_to_json(s->visitor()).find("act")->as_string() == "tanh");
  }

  TEST_CASE("every scenario uses the shared key names for its training fields") {
    for (const auto& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto s = info.make();
      const auto keys = tl::config_keys(s->visitor());
      auto has = [&](const char* k) {
        return std::find(keys.begin(), keys.end(), k) != keys.end();
      };
      CHECK(has("lr"));
      CHECK(has("epochs"));
      CHECK(has("batch"));
      CHECK(has("hidden"));
    }
  }

  TEST_CASE("every scenario's config keys are unique (nested configs cannot collide unseen)") {
    for (const auto& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto s = info.make();
      std::vector<std::string> keys = tl::config_keys(s->visitor());
      std::sort(keys.begin(), keys.end());
      const auto dup = std::adjacent_find(keys.begin(), keys.end());
      CHECK_MESSAGE(dup == keys.end(), "duplicate key: " << (dup == keys.end() ? "" : *dup));
    }
  }

  TEST_CASE("user data with a single class is refused and the scenario keeps its data") {
    auto s = tl::find_scenario("basic-moons")->make();
    REQUIRE(s->reset(1).ok());
    const int before = s->source_data()->size();
    tl::Dataset one;
    one.X = tl::Mat::Random(2, 10);
    one.y.assign(10, 0);
    one.num_classes = 1;
    tl::Status st = s->set_user_source(one);
    CHECK(st.message.find("at least 2 classes") != std::string::npos);
    REQUIRE(s->reset(1).ok());
    CHECK(s->source_data()->size() == before);
  }
}

// Size limits on what a config (a link, --set) may ask for, with the messages that state them.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "transfer/method.h"

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string set_error(const std::string& scenario, const std::string& key,
                      const std::string& value) {
  auto s = tl::find_scenario(scenario)->make();
  const tl::Status st = tl::set_config_field(s->visitor(), key, value);
  REQUIRE_FALSE(st.ok());
  return st.message;
}

/// Records the range of every integer field and the keys of the layers fields.
class RangeLister : public tl::ConfigVisitor {
 public:
  struct Range {
    std::string key;
    int lo, hi;
  };
  std::vector<Range> integers;
  std::vector<std::string> layer_keys;
  void real(const char*, double&, double, double, const char*) override {}
  void integer(const char* k, int&, int lo, int hi, const char*) override {
    integers.push_back({k, lo, hi});
  }
  void flag(const char*, bool&, const char*) override {}
  void choice(const char*, int&, const std::vector<std::string>&, const char*) override {}
  void layers(const char* k, std::vector<int>&, const char*) override { layer_keys.push_back(k); }
};

}  // namespace

TEST_SUITE("scenarios/limits") {
  TEST_CASE("hidden layer widths, layer count and total units are limited with the limit named") {
    CHECK(contains(set_error("basic-moons", "hidden", "1025"),
                   "each width must be an integer in [1, 1024], got '1025'"));
    CHECK(contains(set_error("basic-moons", "hidden", "2,2,2,2,2,2,2,2,2"),
                   "hidden: at most 8 hidden layers"));
    CHECK(contains(set_error("basic-moons", "hidden", "1024,1000,100"),
                   "hidden: 1024,1000,100 has 2124 hidden units; the limit is 2048 in all"));
    // At the limits: accepted.
    auto s = tl::find_scenario("basic-moons")->make();
    CHECK(tl::set_config_field(s->visitor(), "hidden", "1024,1024").ok());
    CHECK(tl::set_config_field(s->visitor(), "hidden", "256,256,256,256,256,256,256,256").ok());
  }

  TEST_CASE("the units limit also bounds the weights between hidden layers by 1024 x 1024") {
    // Any widths of at most kMaxLayerWidth summing to at most kMaxHiddenUnits: sum w_i w_(i+1)
    // <= (sum / 2)^2. Checked on the widths that come closest.
    for (const std::vector<int>& w : std::vector<std::vector<int>>{
             {1024, 1024}, {512, 1024, 512}, {1, 1024, 1023}, {682, 683, 683}}) {
      long units = 0, weights = 0;
      for (size_t i = 0; i < w.size(); ++i) {
        units += w[i];
        if (i + 1 < w.size()) weights += static_cast<long>(w[i]) * w[i + 1];
      }
      CHECK(units <= tl::kMaxHiddenUnits);
      CHECK(weights <= 1024L * 1024L);
    }
  }

  TEST_CASE("minibatch sizes are limited in every scenario") {
    for (const auto& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto s = info.make();
      RangeLister lister;
      s->visit(lister);
      int batch_fields = 0;
      for (const auto& r : lister.integers) {
        if (!contains(r.key, "batch")) continue;
        CAPTURE(r.key);
        ++batch_fields;
        CHECK(r.hi == tl::kMaxBatch);
      }
      CHECK(batch_fields >= 1);
      CHECK(contains(set_error(info.name, "batch", "4097"), "4097 is out of range [1, 4096]"));
    }
  }

  TEST_CASE("every layers field of every scenario enforces the same limits") {
    for (const auto& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto s = info.make();
      RangeLister lister;
      s->visit(lister);
      REQUIRE_FALSE(lister.layer_keys.empty());
      for (const std::string& key : lister.layer_keys) {
        CAPTURE(key);
        CHECK(contains(set_error(info.name, key, "1024,1024,1"), "the limit is 2048 in all"));
        CHECK(contains(set_error(info.name, key, "4096"), "[1, 1024]"));
      }
    }
  }

  TEST_CASE("point counts of every scenario are capped at 50000") {
    // The generated data sets: at most 50000 points per field, so that with the widths above a
    // whole-set forward pass stays in the hundreds of megabytes.
    for (const auto& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto s = info.make();
      RangeLister lister;
      s->visit(lister);
      for (const auto& r : lister.integers) {
        CAPTURE(r.key);
        if (contains(r.key, "points") || contains(r.key, "per_class") || r.key == "shots")
          CHECK(r.hi <= 50000);
        CHECK(r.hi <= 100000);
        // One past the maximum is refused, with the range in the message.
        const std::string e = set_error(info.name, r.key, std::to_string(r.hi + 1L));
        CHECK(contains(e, r.key + ": " + std::to_string(r.hi + 1L) + " is out of range ["));
      }
    }
  }

  TEST_CASE("a whole network over the weight limit is refused naming its shape and the limit") {
    CHECK(tl::network_weights(2, {32, 32}, 2) == 3 * 32 + 33 * 32 + 33 * 2);
    CHECK(tl::network_weights(4096, {}, 10000) == 4097LL * 10000);
    CHECK(tl::check_network_size("network", 2, {32, 32}, 2).ok());
    CHECK(tl::check_network_size("network", 4096, {1024, 1024}, 10).ok());
    const tl::Status st = tl::check_network_size("data.csv", 4096, {1024, 1024}, 10000);
    REQUIRE_FALSE(st.ok());
    CHECK(contains(st.message, "data.csv: 4096 x 1024 x 1024 x 10000"));
    CHECK(contains(st.message, std::to_string(tl::network_weights(4096, {1024, 1024}, 10000))));
    CHECK(contains(st.message, "the limit is 8388608"));
  }
  TEST_CASE("user data that would need too big a network is refused and the old model stays") {
    // 8000 features with two hidden layers of 1024: about 9.2M weights.
    const int dim = 8000, n = 8;
    tl::Dataset big;
    big.X = tl::Mat::Random(dim, n);
    big.y.resize(n);
    for (int j = 0; j < n; ++j) big.y[j] = j % 2;
    big.num_classes = 2;
    for (const std::string name : {"basic-moons", "dann-moons"}) {
      CAPTURE(name);
      auto s = tl::find_scenario(name)->make();
      REQUIRE(tl::set_config_field(s->visitor(), "hidden", "1024,1024").ok());
      REQUIRE(s->reset(1).ok());
      const int before = s->input_dim();
      REQUIRE(s->set_user_source(big).ok());
      if (std::string(name) == "dann-moons") REQUIRE(s->set_user_target(big).ok());
      const tl::Status st = s->reset(1);
      REQUIRE_FALSE(st.ok());
      CHECK(contains(st.message, "the limit is 8388608"));
      CHECK(s->input_dim() == before);
    }
  }
}

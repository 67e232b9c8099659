#include <doctest/doctest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "data/documents.h"
#include "support/seed.h"

TEST_SUITE("data/documents") {
  TEST_CASE("topic documents hold `length` words each, mostly from their class's two topics") {
    tl::TopicDocumentsSpec spec;
    spec.topics = 6;
    spec.words = 5;
    spec.length = 40;
    spec.background = 0.25;
    const auto classes = tl::adjacent_topic_pairs(6);
    REQUIRE(classes == std::vector<std::pair<int, int>>{{0, 1}, {2, 3}, {4, 5}});
    tl::Rng rng(tl_test::base_seed());
    const tl::Dataset d = tl::make_topic_documents(classes, 30, spec, rng);
    REQUIRE(d.dim() == 30);
    REQUIRE(d.size() == 90);
    CHECK(d.num_classes == 3);
    double own = 0;
    for (int j = 0; j < d.size(); ++j) {
      CHECK(d.X.col(j).sum() == doctest::Approx(40));
      CHECK(d.X.col(j).minCoeff() >= 0);
      const auto& pair = classes[static_cast<size_t>(d.y[j])];
      own += d.X.block(pair.first * 5, j, 5, 1).sum() + d.X.block(pair.second * 5, j, 5, 1).sum();
    }
    // Expected share of the class's own topics: (1 - background) + background * 2 / topics.
    CHECK(own / (40.0 * 90) == doctest::Approx(0.75 + 0.25 * 2 / 6).epsilon(0.03));
  }

  TEST_CASE("the other topic pairs share no class with the adjacent pairs") {
    for (int topics : {4, 6, 8}) {
      CAPTURE(topics);
      const auto target = tl::adjacent_topic_pairs(topics);
      const auto other = tl::other_topic_pairs(topics);
      CHECK(static_cast<int>(other.size()) == 2 * (topics / 2));
      for (const auto& p : other) {
        CHECK(p.first != p.second);
        const auto same = [&](const std::pair<int, int>& q) {
          return (q.first == p.first && q.second == p.second) ||
                 (q.first == p.second && q.second == p.first);
        };
        CHECK(std::none_of(target.begin(), target.end(), same));
      }
    }
  }
}

#include <doctest/doctest.h>

#include <vector>

#include "data/dataset.h"

TEST_SUITE("data/dataset") {
  TEST_CASE("labelled() keeps the labelled points in order, with their domains and tables") {
    tl::Dataset ds;
    ds.X.resize(2, 5);
    ds.X << 0, 1, 2, 3, 4, 10, 11, 12, 13, 14;
    ds.y = {1, tl::kUnlabelled, 0, tl::kUnlabelled, 1};
    ds.domain = {0, 1, 1, 0, 1};
    ds.num_classes = 3;
    ds.class_names = {"a", "b", "c"};
    const tl::Dataset l = ds.labelled();
    REQUIRE(l.size() == 3);
    CHECK(l.y == tl::Labels{1, 0, 1});
    CHECK(l.domain == std::vector<int>{0, 1, 1});
    CHECK(l.X(0, 0) == 0);
    CHECK(l.X(0, 1) == 2);
    CHECK(l.X(1, 2) == 14);
    CHECK(l.num_classes == 3);
    CHECK(l.class_names == ds.class_names);
  }

  TEST_CASE("labelled() of a fully labelled set is the set; of an unlabelled one, empty") {
    tl::Dataset ds;
    ds.X.resize(1, 3);
    ds.X << 5, 6, 7;
    ds.y = {0, 1, 0};
    ds.num_classes = 2;
    const tl::Dataset all = ds.labelled();
    CHECK(all.X == ds.X);
    CHECK(all.y == ds.y);
    ds.y.assign(3, tl::kUnlabelled);
    const tl::Dataset none = ds.labelled();
    CHECK(none.empty());
    CHECK(none.dim() == 1);
    CHECK(none.num_classes == 2);
  }
}

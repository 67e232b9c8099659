#include <doctest/doctest.h>

#include <cmath>

#include "data/digits.h"
#include "data/grid.h"
#include "data/split.h"
#include "data/synthetic.h"
#include "support/seed.h"

TEST_SUITE("data/synthetic") {
  TEST_CASE("every generator gives balanced labelled 2-D points, the same for the same seed") {
    for (const std::string& name : tl::generator_names()) {
      CAPTURE(name);
      tl::Rng a(4), b(4), c(5);
      auto d1 = tl::make_named(name, 300, 0.1, 3, a);
      auto d2 = tl::make_named(name, 300, 0.1, 3, b);
      auto d3 = tl::make_named(name, 300, 0.1, 3, c);
      REQUIRE(d1.has_value());
      CHECK(d1->dim() == 2);
      CHECK(d1->size() == 300);
      CHECK(d1->X == d2->X);
      CHECK(d1->X != d3->X);
      CHECK(d1->X.allFinite());
      for (int count : d1->class_counts()) CHECK(count > 300 / d1->num_classes / 2);
    }
    tl::Rng rng(1);
    CHECK_FALSE(tl::make_named("nope", 10, 0, 2, rng).has_value());
  }

  TEST_CASE("domain shifts rotate, translate, scale and add noise as stated") {
    tl::Rng rng(2);
    tl::Dataset ds = tl::make_moons(50, 0.0, rng);
    tl::Dataset r = tl::rotate(ds, 90);
    CHECK(r.X(0, 3) == doctest::Approx(-ds.X(1, 3)).epsilon(1e-5));
    CHECK(r.X(1, 3) == doctest::Approx(ds.X(0, 3)).epsilon(1e-5));
    CHECK(r.y == ds.y);
    tl::Dataset t = tl::translate(ds, 1.0, -2.0);
    CHECK(t.X(1, 0) == doctest::Approx(ds.X(1, 0) - 2.0));
    tl::Dataset s = tl::scale(ds, 2.0, 0.5);
    CHECK(s.X(0, 1) == doctest::Approx(2 * ds.X(0, 1)));
    tl::Dataset n = tl::add_noise(ds, 0.1, rng);
    const double moved = (n.X - ds.X).norm() / std::sqrt(double(ds.X.size()));
    CHECK(moved == doctest::Approx(0.1).epsilon(0.3));
    tl::Dataset l = tl::label_shift(ds, {1.0, 0.0}, rng);
    CHECK(l.class_counts()[1] == 0);
    CHECK(l.class_counts()[0] == ds.class_counts()[0]);
  }

  TEST_CASE("few-shot sampling takes k points of every class and the rest stays disjoint") {
    tl::Rng rng(3);
    tl::Dataset ds = tl::make_blobs(90, 3, 0.3, rng);
    std::vector<int> rest;
    auto idx = tl::few_shot_indices(ds, 2, rng, &rest);
    REQUIRE(idx.size() == 6);
    CHECK(tl::Dataset(ds.subset(idx)).class_counts() == std::vector<int>{2, 2, 2});
    CHECK(rest.size() == 84);
    for (int j : idx) CHECK(std::find(rest.begin(), rest.end(), j) == rest.end());
    tl::Rng a(8), b(8);
    CHECK(tl::few_shot_indices(ds, 1, a) == tl::few_shot_indices(ds, 1, b));
  }

  TEST_CASE("a stratified split keeps class proportions and covers every point once") {
    tl::Rng rng(4);
    tl::Dataset ds = tl::make_moons(200, 0.1, rng);
    auto s = tl::stratified_split(ds, 0.25, rng);
    CHECK(s.test.size() == 50);
    CHECK(s.train.size() == 150);
    CHECK(ds.subset(s.test).class_counts() == std::vector<int>{25, 25});
  }

  TEST_CASE("the grid covers its rectangle at cell centres") {
    tl::GridSpec g;
    g.xmin = 0;
    g.xmax = 4;
    g.ymin = -1;
    g.ymax = 1;
    g.n = 4;
    tl::Mat P = tl::grid_points(g);
    CHECK(P.cols() == 16);
    CHECK(P(0, 0) == doctest::Approx(0.5));
    CHECK(P(1, 0) == doctest::Approx(-0.75));
    CHECK(P(0, 5) == doctest::Approx(1.5));
    CHECK(P(1, 5) == doctest::Approx(-0.25));
    tl::GridSpec f = tl::fit_grid(P, 8);
    CHECK(f.xmin < 0.5);
    CHECK(f.xmax > 3.5);
    CHECK(f.xmax - f.xmin == doctest::Approx(f.ymax - f.ymin));
  }
}

TEST_SUITE("data/digits") {
  TEST_CASE("the real digits load with 1797 images of 64 pixels in [0, 1] and ten classes") {
    auto r = tl::load_digits();
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
    CHECK(r->size() == 1797);
    CHECK(r->dim() == 64);
    CHECK(r->X.minCoeff() >= 0);
    CHECK(r->X.maxCoeff() <= 1);
    for (int c : r->class_counts()) CHECK(c > 170);
  }

  TEST_CASE("digit transforms invert, shift, rotate and blur the images") {
    auto r = tl::load_digits();
    REQUIRE(r.ok());
    tl::Dataset ds = r->subset({0, 1, 2});
    CHECK(tl::digits_invert(ds).X.isApprox((1 - ds.X.array()).matrix()));
    tl::Dataset s = tl::digits_shift(ds, 1, 0);
    CHECK(s.X(8 * 3 + 4, 0) == ds.X(8 * 3 + 3, 0));
    CHECK(s.X(8 * 3 + 0, 0) == 0);
    CHECK(tl::digits_rotate(ds, 0).X.isApprox(ds.X));
    tl::Dataset rot = tl::digits_rotate(ds, 90);
    // 90 degrees moves the top-left region's mass; total ink stays similar.
    CHECK(std::abs(rot.X.col(0).sum() - ds.X.col(0).sum()) < 0.25 * ds.X.col(0).sum());
    CHECK_FALSE(rot.X.isApprox(ds.X));
    tl::Dataset b = tl::digits_blur(ds, 1.0);
    CHECK(b.X.col(0).maxCoeff() < ds.X.col(0).maxCoeff());
  }

  TEST_CASE("digit intensity scaling and pixel noise") {
    auto r = tl::load_digits();
    REQUIRE(r.ok());
    std::vector<int> idx(100);
    for (int j = 0; j < 100; ++j) idx[j] = j;
    const tl::Dataset ds = r->subset(idx);
    CHECK(tl::digits_intensity(ds, 0.7).X.isApprox(ds.X * tl::Scalar(0.7)));
    tl::Rng a(tl_test::base_seed()), b(tl_test::base_seed());
    const tl::Dataset n = tl::digits_noise(ds, 0.1, a);
    CHECK(n.y == ds.y);
    const tl::Mat e = n.X - ds.X;
    const double mean = e.mean();
    const double sd = std::sqrt((e.array() - mean).square().mean());
    CHECK(std::abs(mean) < 0.01);  // 6400 draws: the standard error is 0.00125
    CHECK(sd == doctest::Approx(0.1).epsilon(0.05));
    CHECK(tl::digits_noise(ds, 0.1, b).X == n.X);  // the generator fixes the noise
  }

  TEST_CASE("a missing digits file gives a message that says how to fetch it") {
    auto r = tl::load_digits("/nonexistent/digits.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("setup") != std::string::npos);
  }
}

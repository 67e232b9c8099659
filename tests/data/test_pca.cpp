#include <doctest/doctest.h>

#include <cmath>

#include "core/rng.h"
#include "data/pca.h"

TEST_SUITE("data/pca") {
  TEST_CASE("points on a known plane project onto it: mean, axes and coordinates") {
    // 3-D points mean + a * u + b * v with spread 3 along u and 1 along v (u, v orthonormal).
    const tl::Vec mean = (tl::Vec(3) << 1, -2, 0.5).finished();
    const tl::Vec u = (tl::Vec(3) << 0, 0.6, 0.8).finished();
    const tl::Vec v = (tl::Vec(3) << 1, 0, 0).finished();
    const double a[] = {-3, 3, -3, 3, 0, 0};
    const double b[] = {-1, -1, 1, 1, 0, 0};
    tl::Mat F(3, 6);
    for (int j = 0; j < 6; ++j) F.col(j) = mean + tl::Scalar(a[j]) * u + tl::Scalar(b[j]) * v;

    const tl::Projection2d p = tl::fit_pca_2d(F);
    REQUIRE(p.axes.rows() == 3);
    REQUIRE(p.axes.cols() == 2);
    CHECK((p.mean - mean).norm() < 1e-5);
    // Axes: u then v, with the sign convention (largest-magnitude entry positive).
    CHECK((p.axes.col(0) - u).norm() < 1e-5);
    CHECK((p.axes.col(1) - v).norm() < 1e-5);
    // Orthonormal.
    const tl::Mat gram = p.axes.transpose() * p.axes;
    CHECK((gram - tl::Mat::Identity(2, 2)).norm() < 1e-5);
    // Coordinates are (a, b).
    const tl::Mat xy = p.apply(F);
    REQUIRE(xy.rows() == 2);
    REQUIRE(xy.cols() == 6);
    for (int j = 0; j < 6; ++j) {
      CHECK(std::abs(xy(0, j) - a[j]) < 1e-4);
      CHECK(std::abs(xy(1, j) - b[j]) < 1e-4);
    }
  }

  TEST_CASE("axes of random data are orthonormal, signed by the convention, and deterministic") {
    tl::Rng rng(7);
    tl::Mat F(6, 200);
    for (int j = 0; j < F.cols(); ++j)
      for (int i = 0; i < F.rows(); ++i) F(i, j) = tl::Scalar(rng.normal() * (i + 1) + 0.3 * i);
    const tl::Projection2d p = tl::fit_pca_2d(F);
    CHECK((p.axes.transpose() * p.axes - tl::Mat::Identity(2, 2)).norm() < 1e-5);
    for (int k = 0; k < 2; ++k) {
      Eigen::Index big = 0;
      p.axes.col(k).cwiseAbs().maxCoeff(&big);
      CHECK(p.axes(big, k) > 0);
    }
    // The first axis carries the most variance: it is (close to) the widest coordinate, 5.
    CHECK(std::abs(p.axes(5, 0)) > 0.9);
    // Same data, same axes; the negated data's axes have the same signs (the convention does not
    // follow the data's orientation).
    const tl::Projection2d again = tl::fit_pca_2d(F);
    CHECK(again.axes == p.axes);
    const tl::Projection2d flipped = tl::fit_pca_2d(-F);
    CHECK((flipped.axes - p.axes).norm() < 1e-4);
  }

  TEST_CASE("degenerate inputs: one dimension, no columns") {
    tl::Mat line(1, 4);
    line << 1, 2, 3, 4;
    const tl::Projection2d p1 = tl::fit_pca_2d(line);
    CHECK(p1.axes(0, 0) == doctest::Approx(1.0));
    CHECK(p1.axes(0, 1) == 0);
    CHECK(p1.mean(0) == doctest::Approx(2.5));
    const tl::Projection2d p0 = tl::fit_pca_2d(tl::Mat(3, 0));
    CHECK(p0.axes.isZero());
    CHECK(p0.mean.isZero());
    CHECK(p0.apply(tl::Mat(3, 0)).cols() == 0);
  }
}

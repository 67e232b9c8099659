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

  TEST_CASE("an aligned refit follows the previous axes' signs and order") {
    const tl::Vec u = (tl::Vec(3) << 0, 0.6, 0.8).finished();
    const tl::Vec v = (tl::Vec(3) << 1, 0, 0).finished();
    tl::Rng rng(3);
    tl::Mat F(3, 300);
    for (int j = 0; j < F.cols(); ++j)
      F.col(j) = tl::Scalar(3 * rng.normal()) * u + tl::Scalar(rng.normal()) * v;
    const tl::Projection2d plain = tl::fit_pca_2d(F);

    // Previous axes negated: the refit negates its axes too, and with them the coordinates.
    tl::Projection2d negated = plain;
    negated.axes = -plain.axes;
    const tl::Projection2d a = tl::fit_pca_2d_aligned(F, negated);
    CHECK((a.axes + plain.axes).norm() < 1e-5);
    CHECK((a.apply(F) + plain.apply(F)).norm() < 1e-3);
    CHECK((a.mean - plain.mean).norm() < 1e-6);

    // Only the second axis negated: only the second coordinate changes sign.
    tl::Projection2d second = plain;
    second.axes.col(1) = -plain.axes.col(1);
    const tl::Projection2d b = tl::fit_pca_2d_aligned(F, second);
    CHECK((b.axes.col(0) - plain.axes.col(0)).norm() < 1e-5);
    CHECK((b.axes.col(1) + plain.axes.col(1)).norm() < 1e-5);

    // Previous axes in the other order (v, -u): the refit keeps that order and those signs.
    tl::Projection2d swapped = plain;
    swapped.axes.col(0) = plain.axes.col(1);
    swapped.axes.col(1) = -plain.axes.col(0);
    const tl::Projection2d c = tl::fit_pca_2d_aligned(F, swapped);
    CHECK((c.axes - swapped.axes).norm() < 1e-5);
    CHECK((c.axes.transpose() * c.axes - tl::Mat::Identity(2, 2)).norm() < 1e-5);

    // Without a usable previous projection it is the plain fit.
    CHECK(tl::fit_pca_2d_aligned(F, tl::Projection2d{}).axes == plain.axes);
    tl::Projection2d other_dim;
    other_dim.axes = tl::Mat::Identity(4, 2);
    CHECK(tl::fit_pca_2d_aligned(F, other_dim).axes == plain.axes);
  }

  TEST_CASE("aligned refits of slowly turning data keep the picture steady where plain fits flip") {
    // A 2-D cloud elongated along a direction that turns by 2 degrees per refit across the
    // diagonal (-1, 1) / sqrt(2): the plain fit's sign convention (largest entry positive) flips
    // its first axis there; the aligned refit keeps every point where it was, near enough.
    tl::Rng rng(11);
    tl::Mat Z(2, 200);
    for (int j = 0; j < Z.cols(); ++j) {
      Z(0, j) = tl::Scalar(4 * rng.normal());
      Z(1, j) = tl::Scalar(rng.normal());
    }
    auto cloud = [&](double deg) {
      const double t = deg * 3.14159265358979 / 180;
      tl::Mat R(2, 2);
      R << tl::Scalar(std::cos(t)), tl::Scalar(-std::sin(t)), tl::Scalar(std::sin(t)),
          tl::Scalar(std::cos(t));
      return tl::Mat(R * Z);
    };
    tl::Projection2d plain_prev = tl::fit_pca_2d(cloud(125));
    tl::Projection2d aligned = plain_prev;
    int plain_flips = 0;
    for (double deg = 127; deg <= 145; deg += 2) {
      const tl::Mat F = cloud(deg);
      const tl::Projection2d plain = tl::fit_pca_2d(F);
      if (plain.axes.col(0).dot(plain_prev.axes.col(0)) < 0) ++plain_flips;
      plain_prev = plain;
      const tl::Mat before = aligned.apply(F);
      const tl::Projection2d next = tl::fit_pca_2d_aligned(F, aligned);
      const tl::Mat after = next.apply(F);
      // Each refit turns the axes by about the data's 2 degrees, never by half a turn.
      CHECK(next.axes.col(0).dot(aligned.axes.col(0)) > 0.99);
      CHECK(next.axes.col(1).dot(aligned.axes.col(1)) > 0.99);
      // Points move by a small fraction of the cloud's spread (4).
      const double moved = std::sqrt((after - before).colwise().squaredNorm().mean());
      CHECK(moved < 0.5);
      aligned = next;
    }
    CHECK(plain_flips >= 1);  // the case the alignment exists for does occur here
  }

  TEST_CASE(
      "a projection along a given axis keeps that axis and adds the widest spread beside it") {
    // Two groups 2 apart along e0 (spread 0.3 along e0), wide along e2 (spread 3), narrow along
    // e1 (spread 0.5); the axis is the difference of the group means.
    tl::Rng rng(5);
    tl::Mat F(3, 400);
    for (int j = 0; j < F.cols(); ++j) {
      F(0, j) = tl::Scalar((j < 200 ? -1 : 1) + 0.3 * rng.normal());
      F(1, j) = tl::Scalar(0.5 * rng.normal());
      F(2, j) = tl::Scalar(3 * rng.normal());
    }
    const tl::Vec axis = F.rightCols(200).rowwise().mean() - F.leftCols(200).rowwise().mean();
    const tl::Projection2d p = tl::fit_axis_pca_2d(F, axis, tl::Projection2d{});
    CHECK((p.axes.col(0) - axis.normalized()).norm() < 1e-5);
    CHECK((p.axes.transpose() * p.axes - tl::Mat::Identity(2, 2)).norm() < 1e-5);
    // The widest spread beside the axis: e2 (less its part along the axis), not e1.
    const tl::Vec a = axis.normalized();
    const tl::Vec e2 = (tl::Vec(3) << 0, 0, 1).finished();
    const tl::Vec beside = (e2 - a * a.dot(e2)).normalized();
    CHECK(std::abs(p.axes.col(1).dot(beside)) > 0.999);
    // Along the first coordinate the groups sit apart, in the axis' direction.
    const tl::Mat xy = p.apply(F);
    CHECK(xy.row(0).rightCols(200).mean() - xy.row(0).leftCols(200).mean() > 1.8);
    // The second axis follows the previous projection's sign; the first is the axis' own.
    tl::Projection2d prev = p;
    prev.axes.col(1) = -p.axes.col(1);
    const tl::Projection2d q = tl::fit_axis_pca_2d(F, axis, prev);
    CHECK((q.axes.col(0) - p.axes.col(0)).norm() < 1e-6);
    CHECK((q.axes.col(1) + p.axes.col(1)).norm() < 1e-6);
    // A zero axis falls back to the principal components.
    const tl::Projection2d r = tl::fit_axis_pca_2d(F, tl::Vec::Zero(3), tl::Projection2d{});
    CHECK(r.axes == tl::fit_pca_2d(F).axes);
  }
}

// The display-precision activations (core/activation.h): their measured error bound, that they
// act only under a DisplayPrecision of the current thread, and that a display-precision
// prediction stays within a colour step of the exact one, on one thread or several.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <thread>

#include "core/activation.h"
#include "core/loss.h"
#include "core/mlp.h"
#include "core/rng.h"
#include "core/thread_pool.h"
#include "data/grid.h"

using tl::Mat;
using tl::Scalar;

namespace {

/// n + 1 evenly spaced points of [lo, hi] in a 1 x (n + 1) matrix.
Mat sweep(double lo, double hi, int n) {
  Mat Z(1, n + 1);
  for (int i = 0; i <= n; ++i) Z(0, i) = static_cast<Scalar>(lo + (hi - lo) * i / n);
  return Z;
}

}  // namespace

TEST_SUITE("core/fast_activation") {
  TEST_CASE("fast tanh stays within its documented error bound on a dense sweep of [-20, 20]") {
    const Mat Z = sweep(-20, 20, 4'000'000);  // a step of 1e-5
    Mat A;
    tl::fast_tanh(Z, A);
    double worst = 0;
    for (Eigen::Index i = 0; i < Z.size(); ++i)
      worst = std::max(worst, std::abs(double(A(0, i)) - std::tanh(double(Z(0, i)))));
    MESSAGE("max |fast_tanh - tanh| = " << worst);
    CHECK(worst < tl::kFastTanhMaxError);
    CHECK(worst > 0);  // it is an approximation: the sweep does see its error
  }

  TEST_CASE("fast sigmoid stays within half the tanh bound on a dense sweep of [-20, 20]") {
    const Mat Z = sweep(-20, 20, 4'000'000);
    Mat A;
    tl::fast_sigmoid(Z, A);
    double worst = 0;
    for (Eigen::Index i = 0; i < Z.size(); ++i)
      worst = std::max(worst, std::abs(double(A(0, i)) - 1.0 / (1.0 + std::exp(-double(Z(0, i))))));
    MESSAGE("max |fast_sigmoid - sigmoid| = " << worst);
    CHECK(worst < tl::kFastTanhMaxError / 2);
  }

  TEST_CASE("fast tanh is odd, bounded by one and finite for extreme inputs, in every lane") {
    const Scalar inf = std::numeric_limits<Scalar>::infinity();
    // 7 values: a packet and a remainder, so the vector loop and the scalar tail both run.
    Mat Z(1, 7);
    Z << -inf, -1e30f, -3.0f, 0.0f, 3.0f, 1e30f, inf;
    Mat A;
    tl::fast_tanh(Z, A);
    for (Eigen::Index i = 0; i < Z.size(); ++i) {
      CHECK(std::isfinite(A(0, i)));
      CHECK(std::abs(A(0, i)) <= Scalar(1));
      CHECK(A(0, i) == doctest::Approx(-A(0, Z.size() - 1 - i)));
    }
    CHECK(A(0, 3) == Scalar(0));
    CHECK(std::abs(A(0, 6) - Scalar(1)) < tl::kFastTanhMaxError);
  }

  TEST_CASE("activate uses the fast tanh only inside a DisplayPrecision, and scopes nest") {
    const Mat Z = sweep(-3, 3, 999);
    Mat exact, fast, display, after;
    tl::activate(tl::Activation::kTanh, Z, exact);
    tl::fast_tanh(Z, fast);
    REQUIRE(exact != fast);
    CHECK(exact == Mat(Z.array().tanh().matrix()));
    CHECK_FALSE(tl::display_precision());
    {
      tl::DisplayPrecision scope;
      CHECK(tl::display_precision());
      tl::activate(tl::Activation::kTanh, Z, display);
      {
        tl::DisplayPrecision exact_inside(false);
        CHECK_FALSE(tl::display_precision());
      }
      CHECK(tl::display_precision());
#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)  // a thread can be started
      bool other_thread = true;
      std::thread([&] { other_thread = tl::display_precision(); }).join();
      CHECK_FALSE(other_thread);  // the switch belongs to the thread that set it
#endif
    }
    CHECK_FALSE(tl::display_precision());
    tl::activate(tl::Activation::kTanh, Z, after);
    CHECK(display == fast);
    CHECK(after == exact);
  }

  TEST_CASE("a display-precision grid prediction is within a colour step of the exact one") {
    tl::Rng rng(5);
    tl::MlpSpec spec;  // 2-32-32-2 tanh, the page's default network
    tl::Mlp net(spec, rng);
    // Larger weights than the initial draw, so hidden units saturate as in a trained network.
    for (tl::Dense& layer : net.layers) layer.W.value *= Scalar(3);
    tl::GridSpec g;
    g.n = 70;  // 4900 points: not a multiple of the blocks
    const Mat grid = tl::grid_points(g);
    for (int threads : {1, 2}) {
      CAPTURE(threads);
      tl::set_training_threads(threads);
      Mat exact, display, exact_again;
      net.predict_proba(grid, exact);
      {
        tl::DisplayPrecision scope;
        net.predict_proba(grid, display);
      }
      net.predict_proba(grid, exact_again);
      CHECK(exact_again == exact);
      REQUIRE(display.rows() == exact.rows());
      REQUIRE(display.cols() == exact.cols());
      CHECK(display != exact);
      const double worst = (display - exact).cwiseAbs().maxCoeff();
      MESSAGE("max probability difference " << worst);
      CHECK(worst < 1.0 / 255);
      CHECK((display.colwise().sum().array() - Scalar(1)).abs().maxCoeff() < Scalar(1e-5));
    }
    tl::set_training_threads(1);
  }

  TEST_CASE("the block softmax equals the column softmax up to float rounding") {
    tl::Rng rng(9);
    Mat Z(3, 37);
    for (Eigen::Index i = 0; i < Z.size(); ++i) Z.data()[i] = Scalar(rng.uniform(-30, 30));
    Mat ref, out(3, 40);
    tl::softmax(Z, ref);
    out.setConstant(Scalar(-1));
    tl::softmax_block(Z, out.middleCols(2, 37));
    CHECK((out.middleCols(2, 37) - ref).cwiseAbs().maxCoeff() < Scalar(1e-6));
    CHECK(out(0, 0) == Scalar(-1));  // columns outside the block untouched
    CHECK(out(2, 39) == Scalar(-1));
  }

  TEST_CASE("grid points are the cell centres, row by row") {
    tl::GridSpec g;
    g.xmin = -1;
    g.xmax = 3;
    g.ymin = 0;
    g.ymax = 2;
    g.n = 4;
    const Mat P = tl::grid_points(g);
    REQUIRE(P.cols() == 16);
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 4; ++c) {
        CHECK(P(0, r * 4 + c) == Scalar(-1 + (c + 0.5) * 1.0));
        CHECK(P(1, r * 4 + c) == Scalar(0 + (r + 0.5) * 0.5));
      }
  }
}

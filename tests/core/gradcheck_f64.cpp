// Finite-difference gradient checks of every layer, activation, loss and the gradient reversal
// layer, in double precision.
#include <doctest/doctest.h>

#include "core/dense.h"
#include "core/grad_reversal.h"
#include "core/loss.h"
#include "core/mlp.h"
#include "support/gradcheck.h"
#include "support/seed.h"

using tl::Mat;

namespace {

// Objective: a fixed random linear read-out of the network output, so every output unit matters.
struct Probe {
  Mat R;
  double value(const Mat& out) const { return (R.array() * out.array()).sum(); }
};

double check_mlp(tl::Activation act, tl::Activation out_act, uint64_t seed) {
  tl::Rng rng(seed);
  tl::MlpSpec spec;
  spec.input = 3;
  spec.hidden = {4, 5};
  spec.output = 2;
  spec.hidden_act = act;
  spec.output_act = out_act;
  tl::Mlp net(spec, rng);
  for (auto& l : net.layers) l.b.value.setRandom();
  Mat X(3, 6);
  for (int i = 0; i < X.size(); ++i) X.data()[i] = rng.normal();
  Probe probe{Mat::Random(2, 6)};
  tl::zero_grads(net.params());
  net.forward(X);
  net.backward(probe.R, true);
  const tl::Vec analytic = tl::flatten_grads(net.params());
  const tl::Vec numeric = tl_test::numeric_gradient(net.params(), [&] {
    Mat out;
    net.infer(X, out);
    return probe.value(out);
  });
  return tl_test::relative_error(analytic, numeric);
}

}  // namespace

TEST_SUITE("core/gradcheck") {
  TEST_CASE("dense layers with smooth activations have exact gradients") {
    for (auto act : {tl::Activation::kTanh, tl::Activation::kSigmoid, tl::Activation::kIdentity}) {
      CAPTURE(tl::activation_name(act));
      CHECK(check_mlp(act, tl::Activation::kIdentity, tl_test::base_seed()) < 1e-6);
      CHECK(check_mlp(tl::Activation::kTanh, act, tl_test::base_seed() + 1) < 1e-6);
    }
  }

  TEST_CASE("dense layers with ReLU have gradients within the kink tolerance") {
    CHECK(check_mlp(tl::Activation::kRelu, tl::Activation::kIdentity, tl_test::base_seed()) < 1e-4);
  }

  TEST_CASE("the input gradient of an MLP matches finite differences") {
    tl::Rng rng(tl_test::base_seed());
    tl::MlpSpec spec;
    spec.input = 3;
    spec.hidden = {4};
    spec.output = 2;
    tl::Mlp net(spec, rng);
    Mat X = Mat::Random(3, 5);
    Probe probe{Mat::Random(2, 5)};
    net.forward(X);
    const Mat dX = net.backward(probe.R, true);
    for (int i = 0; i < X.size(); ++i) {
      Mat Xp = X, Xm = X, op, om;
      Xp.data()[i] += 1e-6;
      Xm.data()[i] -= 1e-6;
      net.infer(Xp, op);
      net.infer(Xm, om);
      const double num = (probe.value(op) - probe.value(om)) / 2e-6;
      CHECK(dX.data()[i] == doctest::Approx(num).epsilon(1e-6));
    }
  }

  TEST_CASE("softmax cross-entropy, binary cross-entropy and MSE have exact gradients") {
    Mat Z = Mat::Random(4, 6);
    const tl::Labels y = {0, 3, -1, 2, 1, 3};
    std::vector<double> w = {1, 2, 1, 0.5, 1, 1};
    Mat d;
    for (bool weighted : {false, true}) {
      tl::softmax_cross_entropy(Z, y, d, weighted ? &w : nullptr);
      for (int i = 0; i < Z.size(); ++i) {
        Mat Zp = Z, Zm = Z, tmp;
        Zp.data()[i] += 1e-6;
        Zm.data()[i] -= 1e-6;
        const double num = (tl::softmax_cross_entropy(Zp, y, tmp, weighted ? &w : nullptr) -
                            tl::softmax_cross_entropy(Zm, y, tmp, weighted ? &w : nullptr)) /
                           2e-6;
        CHECK(d.data()[i] == doctest::Approx(num).epsilon(1e-6));
      }
    }
    Mat z = Mat::Random(1, 5) * 3;
    tl::RowVec t(5);
    t << 1, 0, 1, 0.3, 0;
    tl::binary_cross_entropy(z, t, d);
    for (int i = 0; i < z.size(); ++i) {
      Mat zp = z, zm = z, tmp;
      zp(0, i) += 1e-6;
      zm(0, i) -= 1e-6;
      const double num =
          (tl::binary_cross_entropy(zp, t, tmp) - tl::binary_cross_entropy(zm, t, tmp)) / 2e-6;
      CHECK(d(0, i) == doctest::Approx(num).epsilon(1e-6));
    }
    Mat P = Mat::Random(3, 4), T = Mat::Random(3, 4);
    tl::mean_squared_error(P, T, d);
    for (int i = 0; i < P.size(); ++i) {
      Mat Pp = P, Pm = P, tmp;
      Pp.data()[i] += 1e-6;
      Pm.data()[i] -= 1e-6;
      const double num =
          (tl::mean_squared_error(Pp, T, tmp) - tl::mean_squared_error(Pm, T, tmp)) / 2e-6;
      CHECK(d.data()[i] == doctest::Approx(num).epsilon(1e-6));
    }
  }

  TEST_CASE("the gradient reversal layer's backward is -lambda times the true gradient") {
    // f(X) = probe(net(R(X))): below the GRL the gradient must be -lambda df/dX.
    tl::GradReversal grl;
    grl.lambda = 0.37;
    Mat X = Mat::Random(2, 3), R = Mat::Random(2, 3);
    Mat dX;
    grl.backward(R, dX);  // d(sum R .* X)/dX = R
    for (int i = 0; i < X.size(); ++i) {
      Mat Xp = X, Xm = X;
      Xp.data()[i] += 1e-6;
      Xm.data()[i] -= 1e-6;
      const double num = ((R.array() * grl.forward(Xp).array()).sum() -
                          (R.array() * grl.forward(Xm).array()).sum()) /
                         2e-6;
      CHECK(dX.data()[i] == doctest::Approx(-0.37 * num).epsilon(1e-9));
    }
  }

  TEST_CASE("penalties' gradients (l2 and anchor) are exact") {
    tl::ParamBlock p;
    p.value = Mat::Random(3, 2);
    p.anchor = Mat::Random(3, 2);
    p.anchor_weight = 0.7;
    p.l2 = 0.3;
    p.zero_grad();
    tl::add_penalties({&p});
    const tl::Vec analytic = tl::flatten_grads({&p});
    const tl::Vec numeric = tl_test::numeric_gradient({&p}, [&] {
      p.zero_grad();
      return tl::add_penalties({&p});
    });
    CHECK(tl_test::relative_error(analytic, numeric) < 1e-8);
  }
}

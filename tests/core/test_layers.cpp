#include <doctest/doctest.h>

#include <cmath>

#include "core/activation.h"
#include "core/dense.h"
#include "core/grad_reversal.h"
#include "core/loss.h"
#include "core/metrics.h"
#include "core/mlp.h"
#include "core/optimizer.h"

using tl::Mat;
using tl::Scalar;

TEST_SUITE("core/layers") {
  TEST_CASE("a dense tanh layer's forward pass matches a hand computation") {
    tl::Dense layer(2, 2, tl::Activation::kTanh);
    layer.W.value << 0.5f, -1.0f, 2.0f, 0.25f;
    layer.b.value << 0.1f, -0.2f;
    Mat X(2, 2);
    X << 1.0f, 0.0f, 2.0f, -1.0f;  // columns (1, 2) and (0, -1)
    const Mat& A = layer.forward(X);
    // z1 = 0.5*1 - 1*2 + 0.1 = -1.4; z2 = 2*1 + 0.25*2 - 0.2 = 2.3
    CHECK(A(0, 0) == doctest::Approx(std::tanh(-1.4)));
    CHECK(A(1, 0) == doctest::Approx(std::tanh(2.3)));
    // z1 = 0 + 1 + 0.1 = 1.1; z2 = 0 - 0.25 - 0.2 = -0.45
    CHECK(A(0, 1) == doctest::Approx(std::tanh(1.1)));
    CHECK(A(1, 1) == doctest::Approx(std::tanh(-0.45)));
    Mat B;
    layer.infer(X, B);
    CHECK(B.isApprox(A));
  }

  TEST_CASE("activations compute relu, sigmoid and identity") {
    Mat Z(1, 3);
    Z << -2.0f, 0.0f, 3.0f;
    Mat A;
    tl::activate(tl::Activation::kRelu, Z, A);
    CHECK(A(0, 0) == 0.0f);
    CHECK(A(0, 2) == 3.0f);
    tl::activate(tl::Activation::kSigmoid, Z, A);
    CHECK(A(0, 1) == doctest::Approx(0.5));
    CHECK(A(0, 2) == doctest::Approx(1.0 / (1.0 + std::exp(-3.0))));
    tl::activate(tl::Activation::kIdentity, Z, A);
    CHECK(A == Z);
    CHECK(tl::parse_activation("relu") == tl::Activation::kRelu);
    CHECK_FALSE(tl::parse_activation("swish").has_value());
  }

  TEST_CASE("softmax cross-entropy matches a hand computation and skips unlabelled points") {
    Mat logits(3, 2);
    logits << 1.0f, 0.0f, 2.0f, 0.0f, 3.0f, 0.0f;
    Mat d;
    const Scalar loss = tl::softmax_cross_entropy(logits, {2, -1}, d);
    const double lse = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
    CHECK(loss == doctest::Approx(lse - 3.0));
    CHECK(d(2, 0) == doctest::Approx(std::exp(3.0 - lse) - 1.0));
    CHECK(d(0, 0) == doctest::Approx(std::exp(1.0 - lse)));
    CHECK(d.col(1).isZero());
  }

  TEST_CASE("binary cross-entropy and mean squared error match hand values") {
    Mat z(1, 2);
    z << 0.0f, 2.0f;
    tl::RowVec t(2);
    t << 1.0f, 0.0f;
    Mat d;
    const Scalar bce = tl::binary_cross_entropy(z, t, d);
    const double expect = (std::log(2.0) + (std::log1p(std::exp(2.0)))) / 2;
    CHECK(bce == doctest::Approx(expect));
    CHECK(d(0, 0) == doctest::Approx((0.5 - 1.0) / 2));
    Mat p(2, 1), q(2, 1);
    p << 1.0f, 3.0f;
    q << 0.0f, 1.0f;
    CHECK(tl::mean_squared_error(p, q, d) == doctest::Approx(0.5 * (1 + 4)));
    CHECK(d(1, 0) == doctest::Approx(2.0));
  }

  TEST_CASE("the gradient reversal layer is the identity forward and scales by -lambda backward") {
    tl::GradReversal grl;
    grl.lambda = 0.7f;
    Mat X = Mat::Random(3, 4);
    CHECK(&grl.forward(X) == &X);
    Mat dX;
    grl.backward(X, dX);
    CHECK(dX.isApprox(-0.7f * X));
  }

  TEST_CASE("SGD with and without momentum follows the hand-computed updates") {
    tl::ParamBlock p;
    p.value = Mat::Constant(1, 1, 1.0f);
    p.grad = Mat::Constant(1, 1, 0.5f);
    tl::OptimizerConfig oc;
    oc.kind = tl::OptimizerKind::kSgd;
    oc.lr = 0.1f;
    oc.momentum = 0;
    tl::Optimizer plain(oc);
    plain.step({&p});
    CHECK(p.value(0, 0) == doctest::Approx(1.0 - 0.05));
    oc.momentum = 0.9f;
    tl::ParamBlock q;
    q.value = Mat::Constant(1, 1, 1.0f);
    q.grad = Mat::Constant(1, 1, 0.5f);
    tl::Optimizer mom(oc);
    mom.step({&q});  // m = 0.5, w = 1 - 0.05
    mom.step({&q});  // m = 0.45 + 0.5 = 0.95, w = 0.95 - 0.095
    CHECK(q.value(0, 0) == doctest::Approx(0.855));
  }

  TEST_CASE("Adam's first steps move by about the learning rate against the gradient's sign") {
    tl::ParamBlock p;
    p.value = Mat::Constant(1, 2, 0.0f);
    p.grad.resize(1, 2);
    p.grad << 3.0f, -0.001f;
    tl::OptimizerConfig oc;
    oc.lr = 0.01f;
    tl::Optimizer adam(oc);
    adam.step({&p});
    // mhat = g, vhat = g^2, so the step is lr * g / (|g| + eps)
    CHECK(p.value(0, 0) == doctest::Approx(-0.01).epsilon(1e-4));
    CHECK(p.value(0, 1) == doctest::Approx(0.01).epsilon(1e-3));
    adam.step({&p});
    CHECK(p.value(0, 0) == doctest::Approx(-0.02).epsilon(1e-4));
  }

  TEST_CASE("frozen blocks and blocks with lr_mult 0 never change; lr_mult scales the step") {
    tl::ParamBlock a, b, c;
    for (tl::ParamBlock* p : {&a, &b, &c}) {
      p->value = Mat::Constant(2, 2, 1.0f);
      p->grad = Mat::Constant(2, 2, 1.0f);
    }
    a.trainable = false;
    b.lr_mult = 0;
    c.lr_mult = 0.5f;
    tl::OptimizerConfig oc;
    oc.kind = tl::OptimizerKind::kSgd;
    oc.momentum = 0;
    oc.lr = 0.2f;
    tl::Optimizer(oc).step({&a, &b, &c});
    CHECK(a.value == Mat::Constant(2, 2, 1.0f));
    CHECK(b.value == Mat::Constant(2, 2, 1.0f));
    CHECK(c.value(0, 0) == doctest::Approx(0.9));
  }

  TEST_CASE("penalties add l2 and anchor terms to value and gradient") {
    tl::ParamBlock p;
    p.value = Mat::Constant(1, 2, 2.0f);
    p.zero_grad();
    p.l2 = 0.5f;
    p.anchor = Mat::Constant(1, 2, 1.0f);
    p.anchor_weight = 3.0f;
    const Scalar pen = tl::add_penalties({&p});
    // 0.5/2 * (4+4) + 3/2 * (1+1) = 2 + 3
    CHECK(pen == doctest::Approx(5.0));
    CHECK(p.grad(0, 0) == doctest::Approx(0.5 * 2 + 3 * 1));
  }

  TEST_CASE("an MLP has the requested shapes and its init depends on the seed") {
    tl::MlpSpec spec;
    spec.input = 3;
    spec.hidden = {5, 4};
    spec.output = 2;
    tl::Rng r1(1), r2(2);
    tl::Mlp a(spec, r1), b(spec, r2);
    CHECK(a.num_layers() == 3);
    CHECK(a.layers[1].W.value.rows() == 4);
    CHECK(a.layers[1].W.value.cols() == 5);
    CHECK(a.params().size() == 6);
    CHECK_FALSE(a.layers[0].W.value.isApprox(b.layers[0].W.value));
    Mat X = Mat::Random(3, 7), out;
    a.infer(X, out);
    CHECK(out.rows() == 2);
    CHECK(out.cols() == 7);
    CHECK(out.isApprox(a.forward(X)));
  }

  TEST_CASE("accuracy, confusion matrix, NMI and purity match hand-computed cases") {
    CHECK(tl::accuracy({0, 1, 1, 0}, {0, 1, 0, -1}) == doctest::Approx(2.0 / 3));
    auto cm = tl::confusion_matrix({0, 1, 1}, {0, 1, 0}, 2);
    CHECK(cm[0][0] == 1);
    CHECK(cm[0][1] == 1);
    CHECK(cm[1][1] == 1);
    // Identical partitions up to renaming: NMI 1, purity 1.
    CHECK(tl::nmi({5, 5, 7, 7}, {0, 0, 1, 1}) == doctest::Approx(1.0));
    CHECK(tl::purity({5, 5, 7, 7}, {0, 0, 1, 1}) == doctest::Approx(1.0));
    // Independent partitions: NMI 0, purity 1/2.
    CHECK(tl::nmi({0, 1, 0, 1}, {0, 0, 1, 1}) == doctest::Approx(0.0));
    CHECK(tl::purity({0, 1, 0, 1}, {0, 0, 1, 1}) == doctest::Approx(0.5));
    // Clusters {a,a,b}, {b}: I = H(K) + H(C) - H(K,C) by hand.
    const double hk = -(0.75 * std::log(0.75) + 0.25 * std::log(0.25));
    const double hc = std::log(2.0);
    const double hkc = -(0.5 * std::log(0.5) + 2 * 0.25 * std::log(0.25));
    CHECK(tl::nmi({0, 0, 0, 1}, {0, 0, 1, 1}) ==
          doctest::Approx((hk + hc - hkc) / std::sqrt(hk * hc)));
    CHECK(tl::purity({0, 0, 0, 1}, {0, 0, 1, 1}) == doctest::Approx(0.75));
  }
}

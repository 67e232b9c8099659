// Finite-difference checks of the autoencoder objective (reconstruction + KL sparsity + weight
// decay, on a fixed corruption) and of the self-taught method's objective()/gradient() hooks, in
// double precision.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "data/synthetic.h"
#include "support/seed.h"
#include "transfer/self_taught.h"
#include "transfer/self_taught_clustering.h"

namespace {

using tl::Autoencoder;
using tl::AutoencoderConfig;
using tl::Mat;
using tl::Rng;
using tl::Vec;

/// Norm-wise relative error between an analytic gradient and central differences of f.
template <class F>
double gradcheck(const tl::ParamList& params, const Vec& analytic, F&& f, double h = 1e-5) {
  Vec theta = tl::flatten_values(params);
  Vec numeric(theta.size());
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    const double keep = theta(i);
    theta(i) = keep + h;
    tl::unflatten_values(params, theta);
    const double up = f();
    theta(i) = keep - h;
    tl::unflatten_values(params, theta);
    const double down = f();
    theta(i) = keep;
    numeric(i) = (up - down) / (2 * h);
  }
  tl::unflatten_values(params, theta);
  const double scale = std::max(analytic.norm() + numeric.norm(), 1e-12);
  return (analytic - numeric).norm() / scale;
}

Mat random_inputs(int dim, int n, Rng& rng, bool unit_interval) {
  Mat X(dim, n);
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      X(i, j) = unit_interval ? rng.uniform() : rng.normal();
  return X;
}

double ae_error(const AutoencoderConfig& cfg, int dim, bool unit_interval) {
  Rng rng(tl_test::base_seed() + 101);
  Autoencoder ae(dim, cfg, rng);
  const Mat X = random_inputs(dim, 9, rng, unit_interval);
  Mat Xc;
  ae.corrupt(X, Xc, rng);  // fixed once: the objective is then deterministic
  ae.evaluate(X, Xc, true);
  const Vec g = tl::flatten_grads(ae.params());
  return gradcheck(ae.params(), g, [&] { return ae.evaluate(X, Xc, false).total; });
}

}  // namespace

TEST_SUITE("transfer/self_taught") {
  TEST_CASE("the sparse denoising autoencoder's gradient matches finite differences (f64)") {
    AutoencoderConfig cfg;
    cfg.hidden = {5};
    cfg.sparsity = 0.7;
    cfg.rho = 0.15;
    cfg.noise = tl::AeNoise::kMask;
    cfg.corruption = 0.3;
    cfg.weight_decay = 1e-2;
    const double err = ae_error(cfg, 6, true);
    INFO("relative error " << err);
    CHECK(err <= 1e-6);
  }

  TEST_CASE("a deep autoencoder with Gaussian corruption has the right gradient (f64)") {
    AutoencoderConfig cfg;
    cfg.hidden = {7, 3};
    cfg.act = tl::Activation::kTanh;
    cfg.sparsity = 2.0;
    cfg.rho = 0.2;
    cfg.noise = tl::AeNoise::kGauss;
    cfg.corruption = 0.2;
    cfg.weight_decay = 1e-3;
    const double err = ae_error(cfg, 5, false);
    INFO("relative error " << err);
    CHECK(err <= 1e-6);
  }

  TEST_CASE("a ReLU-inner autoencoder has the right gradient (f64)") {
    AutoencoderConfig cfg;
    cfg.hidden = {8, 4};
    cfg.act = tl::Activation::kRelu;
    cfg.sparsity = 1.0;
    cfg.rho = 0.1;
    cfg.noise = tl::AeNoise::kGauss;
    cfg.corruption = 0.1;
    const double err = ae_error(cfg, 5, false);
    INFO("relative error " << err);
    CHECK(err <= 1e-4);
  }

  TEST_CASE("SelfTaught's objective hooks are consistent in both phases, patches included (f64)") {
    for (int patch : {0, 2}) {
      CAPTURE(patch);
      Rng rng(tl_test::base_seed() + 7);
      tl::Dataset source;
      source.X = random_inputs(16, 40, rng, true);
      source.y.assign(40, tl::kUnlabelled);
      tl::Dataset target;
      target.X = random_inputs(16, 6, rng, true);
      target.y = {0, 1, 2, 0, 1, 2};
      target.num_classes = 3;
      tl::SelfTaughtConfig cfg;
      cfg.ae.hidden = {4};
      cfg.ae.noise = tl::AeNoise::kMask;
      cfg.ae.corruption = 0.25;
      cfg.ae.epochs = 1;
      cfg.ae.batch = 20;
      cfg.patch = patch;
      cfg.pool = 2;
      cfg.standardize = true;
      cfg.classifier = tl::StlClassifier::kMlp;
      cfg.train.hidden = {5};
      cfg.train.epochs = 2;
      tl::SelfTaught method(cfg, source, target, tl_test::base_seed());
      REQUIRE(method.phase() == "pretrain");
      method.step();  // move away from the initial point
      double err =
          gradcheck(method.params(), method.gradient(), [&] { return method.objective(); });
      INFO("pretrain relative error " << err);
      CHECK(err <= 1e-6);
      while (method.phase() == "pretrain") method.step();
      REQUIRE(method.phase() == "classifier");
      err = gradcheck(method.params(), method.gradient(), [&] { return method.objective(); });
      INFO("classifier relative error " << err);
      CHECK(err <= 1e-6);
    }
  }

  TEST_CASE("the clusterer's autoencoder objective hook matches finite differences (f64)") {
    Rng rng(tl_test::base_seed() + 9);
    tl::Dataset aux;
    aux.X = random_inputs(6, 30, rng, true);
    aux.y.assign(30, tl::kUnlabelled);
    tl::Dataset target;
    target.X = random_inputs(6, 8, rng, true);
    target.y.assign(8, tl::kUnlabelled);
    tl::SelfTaughtClusteringConfig cfg;
    cfg.clusters = 2;
    cfg.ae.hidden = {3};
    cfg.ae.epochs = 1;
    tl::SelfTaughtClusterer method(cfg, aux, target, tl_test::base_seed());
    const double err =
        gradcheck(method.params(), method.gradient(), [&] { return method.objective(); });
    INFO("relative error " << err);
    CHECK(err <= 1e-6);
  }
}

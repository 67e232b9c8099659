#pragma once
/// Central finite differences over every parameter of a list, compared with an analytic gradient.
/// Meant for the double build (files named *_f64.cpp).
#include <cmath>
#include <functional>

#include "core/param_block.h"

namespace tl_test {

/// Numeric gradient of objective() w.r.t. the flattened params (central differences, step h).
inline tl::Vec numeric_gradient(const tl::ParamList& params,
                                const std::function<double()>& objective, double h = 1e-6) {
  tl::Vec flat = tl::flatten_values(params);
  tl::Vec g(flat.size());
  for (Eigen::Index i = 0; i < flat.size(); ++i) {
    const double saved = flat[i];
    flat[i] = saved + h;
    tl::unflatten_values(params, flat);
    const double up = objective();
    flat[i] = saved - h;
    tl::unflatten_values(params, flat);
    const double down = objective();
    flat[i] = saved;
    g[i] = (up - down) / (2 * h);
  }
  tl::unflatten_values(params, flat);
  return g;
}

/// ||a - n|| / max(||a|| + ||n||, tiny): the relative error of two gradients.
inline double relative_error(const tl::Vec& analytic, const tl::Vec& numeric) {
  const double denom = std::max(analytic.norm() + numeric.norm(), 1e-12);
  return (analytic - numeric).norm() / denom;
}

}  // namespace tl_test

#include "transfer/method.h"

namespace tl_test {

/// Relative error between a method's gradient() and central differences of its objective(),
/// over its params() (the parameters are restored afterwards).
inline double method_gradient_error(tl::Method& m, double h = 1e-6) {
  const tl::ParamList ps = m.params();
  const tl::Vec g = m.gradient();
  REQUIRE(g.size() == tl::count_params(ps));
  return relative_error(g, numeric_gradient(
                               ps, [&] { return m.objective(); }, h));
}

}  // namespace tl_test

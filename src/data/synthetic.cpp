#include "data/synthetic.h"

#include <cmath>

TL_NAMESPACE_BEGIN

namespace {
Dataset alloc(int n, int classes) {
  Dataset ds;
  ds.X = Mat::Zero(2, n);
  ds.y.assign(n, 0);
  ds.num_classes = classes;
  return ds;
}
// Interleaves classes: point j gets class j % k, so any prefix is balanced.
}  // namespace

Dataset make_moons(int n, double noise, Rng& rng) {
  Dataset ds = alloc(n, 2);
  for (int j = 0; j < n; ++j) {
    const int c = j % 2;
    const double t = rng.uniform(0.0, dmath::kPi);
    double x = c == 0 ? dmath::cos(t) : 1.0 - dmath::cos(t);
    double y = c == 0 ? dmath::sin(t) : 0.5 - dmath::sin(t);
    x += noise * rng.normal();
    y += noise * rng.normal();
    // centre the pair of moons on the origin
    ds.X(0, j) = static_cast<Scalar>(x - 0.5);
    ds.X(1, j) = static_cast<Scalar>(y - 0.25);
    ds.y[j] = c;
  }
  return ds;
}

Dataset make_circles(int n, double noise, double factor, Rng& rng) {
  Dataset ds = alloc(n, 2);
  for (int j = 0; j < n; ++j) {
    const int c = j % 2;
    const double t = rng.uniform(0.0, 2 * dmath::kPi);
    const double r = c == 0 ? 1.0 : factor;
    ds.X(0, j) = static_cast<Scalar>(r * dmath::cos(t) + noise * rng.normal());
    ds.X(1, j) = static_cast<Scalar>(r * dmath::sin(t) + noise * rng.normal());
    ds.y[j] = c;
  }
  return ds;
}

Dataset make_blobs(int n, int k, double spread, Rng& rng, double radius) {
  Dataset ds = alloc(n, k);
  for (int j = 0; j < n; ++j) {
    const int c = j % k;
    const double a = 2 * dmath::kPi * c / k + dmath::kPi / 4;
    ds.X(0, j) = static_cast<Scalar>(radius * dmath::cos(a) + spread * rng.normal());
    ds.X(1, j) = static_cast<Scalar>(radius * dmath::sin(a) + spread * rng.normal());
    ds.y[j] = c;
  }
  return ds;
}

Dataset make_spiral(int n, int arms, double noise, Rng& rng) {
  Dataset ds = alloc(n, arms);
  for (int j = 0; j < n; ++j) {
    const int c = j % arms;
    const double r = rng.uniform(0.05, 1.0);
    const double t = 2 * dmath::kPi * c / arms + 1.75 * dmath::kPi * r;
    ds.X(0, j) = static_cast<Scalar>(2 * r * dmath::cos(t) + noise * rng.normal());
    ds.X(1, j) = static_cast<Scalar>(2 * r * dmath::sin(t) + noise * rng.normal());
    ds.y[j] = c;
  }
  return ds;
}

Dataset make_xor(int n, double noise, Rng& rng) {
  Dataset ds = alloc(n, 2);
  for (int j = 0; j < n; ++j) {
    const double x = rng.uniform(-1, 1), y = rng.uniform(-1, 1);
    ds.X(0, j) = static_cast<Scalar>(x + noise * rng.normal());
    ds.X(1, j) = static_cast<Scalar>(y + noise * rng.normal());
    ds.y[j] = (x > 0) != (y > 0) ? 1 : 0;
  }
  return ds;
}

const std::vector<std::string>& generator_names() {
  static const std::vector<std::string> names = {"moons", "circles", "blobs", "spiral", "xor"};
  return names;
}

Dataset make_generated(Generator g, int n, double noise, int k, Rng& rng) {
  switch (g) {
    case Generator::kMoons:
      return make_moons(n, noise, rng);
    case Generator::kCircles:
      return make_circles(n, noise, 0.5, rng);
    case Generator::kBlobs:
      return make_blobs(n, k, 0.35 + noise, rng);
    case Generator::kSpiral:
      return make_spiral(n, k, noise, rng);
    case Generator::kXor:
      break;
  }
  return make_xor(n, noise, rng);
}

std::optional<Dataset> make_named(const std::string& name, int n, double noise, int k, Rng& rng) {
  const std::vector<std::string>& names = generator_names();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return make_generated(static_cast<Generator>(i), n, noise, k, rng);
  return std::nullopt;
}

Dataset rotate(const Dataset& ds, double degrees) {
  Dataset out = ds;
  const double a = degrees * dmath::kPi / 180.0;
  const double c = dmath::cos(a), s = dmath::sin(a);
  for (int j = 0; j < ds.size(); ++j) {
    const double x = ds.X(0, j), y = ds.X(1, j);
    out.X(0, j) = static_cast<Scalar>(c * x - s * y);
    out.X(1, j) = static_cast<Scalar>(s * x + c * y);
  }
  return out;
}

Dataset translate(const Dataset& ds, double dx, double dy) {
  Dataset out = ds;
  out.X.row(0).array() += static_cast<Scalar>(dx);
  out.X.row(1).array() += static_cast<Scalar>(dy);
  return out;
}

Dataset scale(const Dataset& ds, double sx, double sy) {
  Dataset out = ds;
  out.X.row(0) *= static_cast<Scalar>(sx);
  out.X.row(1) *= static_cast<Scalar>(sy);
  return out;
}

Dataset add_noise(const Dataset& ds, double sigma, Rng& rng) {
  Dataset out = ds;
  for (int j = 0; j < ds.size(); ++j)
    for (int i = 0; i < ds.dim(); ++i) out.X(i, j) += static_cast<Scalar>(sigma * rng.normal());
  return out;
}

Dataset label_shift(const Dataset& ds, const std::vector<double>& keep, Rng& rng) {
  std::vector<int> idx;
  for (int j = 0; j < ds.size(); ++j) {
    const int c = ds.y[j];
    const double p = c >= 0 && c < static_cast<int>(keep.size()) ? keep[c] : 1.0;
    if (rng.uniform() < p) idx.push_back(j);
  }
  return ds.subset(idx);
}

TL_NAMESPACE_END

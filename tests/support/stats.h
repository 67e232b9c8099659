#pragma once
/// Summary of per-seed values for effect tests. An effect counts when its mean over at least 10
/// seeds (fixed before looking at results) is larger than its standard error.
#include <cmath>
#include <vector>

namespace tl_test {

struct MeanSe {
  double mean = 0;  ///< sample mean
  double std = 0;   ///< sample standard deviation (n - 1 in the denominator)
  double se = 0;    ///< standard error of the mean: std / sqrt(n)
};

inline MeanSe mean_se(const std::vector<double>& v) {
  MeanSe r;
  const double n = static_cast<double>(v.size());
  if (v.empty()) return r;
  for (double x : v) r.mean += x / n;
  if (v.size() < 2) return r;
  double ss = 0;
  for (double x : v) ss += (x - r.mean) * (x - r.mean);
  r.std = std::sqrt(ss / (n - 1));
  r.se = r.std / std::sqrt(n);
  return r;
}

}  // namespace tl_test

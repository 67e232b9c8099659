#pragma once
/// Summary of per-seed values for effect tests. An effect counts when its mean over at least 10
/// seeds (fixed before looking at results) is larger than its standard error.
#include <cmath>
#include <vector>

#include "core/metrics.h"

namespace tl_test {

struct MeanSe {
  double mean = 0;  ///< sample mean
  double std = 0;   ///< sample standard deviation (n - 1 in the denominator)
  double se = 0;    ///< standard error of the mean: std / sqrt(n)
};

inline MeanSe mean_se(const std::vector<double>& v) {
  MeanSe r;
  if (v.empty()) return r;
  const tl::MeanStd ms = tl::mean_std(v);
  r.mean = ms.mean;
  if (v.size() < 2) return r;
  r.std = ms.std;
  r.se = r.std / std::sqrt(static_cast<double>(v.size()));
  return r;
}

}  // namespace tl_test

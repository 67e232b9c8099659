#include "core/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

TL_NAMESPACE_BEGIN

Labels argmax_cols(const Mat& scores) {
  Labels out(scores.cols());
  for (Eigen::Index j = 0; j < scores.cols(); ++j) {
    Eigen::Index best = 0;
    if (scores.rows() > 0) scores.col(j).maxCoeff(&best);
    out[j] = static_cast<int>(best);
  }
  return out;
}

double accuracy(const Labels& pred, const Labels& truth) {
  size_t n = 0, hits = 0;
  for (size_t j = 0; j < truth.size() && j < pred.size(); ++j) {
    if (truth[j] < 0) continue;
    ++n;
    hits += pred[j] == truth[j];
  }
  return n ? static_cast<double>(hits) / n : 0.0;
}

std::vector<std::vector<int>> confusion_matrix(const Labels& pred, const Labels& truth,
                                               int num_classes) {
  std::vector<std::vector<int>> m(num_classes, std::vector<int>(num_classes, 0));
  for (size_t j = 0; j < truth.size() && j < pred.size(); ++j) {
    if (truth[j] < 0 || truth[j] >= num_classes || pred[j] < 0 || pred[j] >= num_classes) continue;
    ++m[truth[j]][pred[j]];
  }
  return m;
}

namespace {
double entropy(const std::map<int, int>& counts, double n) {
  double h = 0;
  for (const auto& kv : counts) {
    const double p = kv.second / n;
    if (p > 0) h -= p * std::log(p);
  }
  return h;
}
}  // namespace

double nmi(const Labels& clusters, const Labels& truth) {
  std::map<int, int> ck, cc;
  std::map<std::pair<int, int>, int> joint;
  double n = 0;
  for (size_t j = 0; j < truth.size() && j < clusters.size(); ++j) {
    if (truth[j] < 0) continue;
    ++ck[clusters[j]];
    ++cc[truth[j]];
    ++joint[{clusters[j], truth[j]}];
    ++n;
  }
  if (n == 0) return 0;
  const double hk = entropy(ck, n), hc = entropy(cc, n);
  if (hk == 0 && hc == 0) return 1;
  if (hk == 0 || hc == 0) return 0;
  double mi = 0;
  for (const auto& kv : joint) {
    const double pij = kv.second / n;
    mi += pij * std::log(pij / ((ck[kv.first.first] / n) * (cc[kv.first.second] / n)));
  }
  return std::clamp(mi / std::sqrt(hk * hc), 0.0, 1.0);
}

double purity(const Labels& clusters, const Labels& truth) {
  std::map<int, std::map<int, int>> table;
  double n = 0;
  for (size_t j = 0; j < truth.size() && j < clusters.size(); ++j) {
    if (truth[j] < 0) continue;
    ++table[clusters[j]][truth[j]];
    ++n;
  }
  if (n == 0) return 0;
  double total = 0;
  for (const auto& row : table) {
    int best = 0;
    for (const auto& kv : row.second) best = std::max(best, kv.second);
    total += best;
  }
  return total / n;
}

MeanStd mean_std(const std::vector<double>& v) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (v.empty()) return {nan, nan};
  const double n = static_cast<double>(v.size());
  double mean = 0;
  for (double x : v) mean += x / n;
  if (v.size() < 2) return {mean, nan};
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return {mean, std::sqrt(ss / (n - 1))};
}

TL_NAMESPACE_END

#pragma once
/// Classification and clustering metrics.
#include <vector>

#include "core/tensor.h"

TL_NAMESPACE_BEGIN

/// Index of the largest entry of each column (ties: the first; 0 when there are no rows).
Labels argmax_cols(const Mat& scores);
/// Fraction of points with pred == truth, counting only points with truth >= 0. Returns 0 when
/// there is none.
double accuracy(const Labels& pred, const Labels& truth);
/// counts[t][p]: points of true class t predicted as p (points with truth < 0 skipped).
std::vector<std::vector<int>> confusion_matrix(const Labels& pred, const Labels& truth,
                                               int num_classes);
/// Normalised mutual information, NMI = I(C;K) / sqrt(H(C) H(K)) (Strehl & Ghosh 2002); 1 when
/// both partitions are trivial and equal, 0 when one of them is trivial and the other not.
double nmi(const Labels& clusters, const Labels& truth);
/// Purity: sum over clusters of the largest true-class count, divided by n.
double purity(const Labels& clusters, const Labels& truth);

/// Mean and sample standard deviation (n - 1 in the denominator) of values such as one figure
/// over several seeds; the mean is NaN for no value, the deviation NaN for fewer than two.
struct MeanStd {
  double mean, std;
};
MeanStd mean_std(const std::vector<double>& v);

TL_NAMESPACE_END

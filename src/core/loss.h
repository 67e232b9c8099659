#pragma once
/// Losses, each returning the mean over the batch and writing the gradient w.r.t. its input.
#include "core/tensor.h"

TL_NAMESPACE_BEGIN

/// Column-wise softmax of logits (classes x n), numerically stable.
void softmax(const Mat& logits, Mat& probs);
/// The same column-wise softmax written into `probs` (classes x n, contiguous columns, e.g. a
/// block of columns of a larger matrix), vectorised across the whole block: the shift by each
/// column's maximum and the normalisation are short scalar loops, the exponentials one SIMD pass
/// over the block's storage. Equal to softmax() up to float rounding (not bit for bit); used by
/// display-precision predictions (Mlp::predict_proba).
void softmax_block(const Mat& logits, Eigen::Ref<Mat> probs);

/// L = -1/m sum_j w_j log softmax(z_j)[y_j] over the m columns with y_j >= 0 (unlabelled columns,
/// y_j < 0, are skipped). weights: optional per-column weights (size n), m then being their sum.
/// dlogits (classes x n) = (softmax(z_j) - onehot(y_j)) w_j / m; zero for skipped columns.
Scalar softmax_cross_entropy(const Mat& logits, const Labels& y, Mat& dlogits,
                             const std::vector<Scalar>* weights = nullptr);

/// Binary cross-entropy on logits (1 x n) with targets t in [0, 1]:
/// L = 1/n sum_j [softplus(z_j) - t_j z_j];  dL/dz_j = (sigmoid(z_j) - t_j) / n.
Scalar binary_cross_entropy(const Mat& logits, const RowVec& targets, Mat& dlogits);
/// The same with one target t for every column (no targets vector to build).
Scalar binary_cross_entropy(const Mat& logits, Scalar target, Mat& dlogits);

/// Mean squared error: L = 1/(2n) sum_j ||p_j - t_j||^2;  dL/dp = (p - t) / n.
Scalar mean_squared_error(const Mat& pred, const Mat& target, Mat& dpred);

TL_NAMESPACE_END

#pragma once
/// Gradient reversal layer (Ganin & Lempitsky, "Unsupervised Domain Adaptation by
/// Backpropagation", ICML 2015): identity in the forward pass, gradient multiplied by -lambda in
/// the backward pass, so what is below it learns to *increase* the loss of what is above it.
#include "core/tensor.h"

TL_NAMESPACE_BEGIN

struct GradReversal {
  Scalar lambda = 1;
  /// R(X) = X
  const Mat& forward(const Mat& X) const { return X; }
  /// dR/dX = -lambda I, so dL/dX = -lambda dL/dR.
  void backward(const Mat& dY, Mat& dX) const { dX = -lambda * dY; }
};

TL_NAMESPACE_END

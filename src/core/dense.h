#pragma once
/// Fully connected layer A = f(W X + b) with cached activations for the backward pass. The
/// forward pass fuses the bias into the product (the small-shape kernel of core/gemm.h adds it as
/// it stores; above its size threshold A starts as b 1^T and Eigen adds W X) and applies the
/// activation in place.
#include "core/activation.h"
#include "core/param_block.h"
#include "core/rng.h"

TL_NAMESPACE_BEGIN

class Dense {
 public:
  Dense() = default;
  Dense(int in, int out, Activation act, const std::string& name = "dense");

  /// Glorot-uniform weights (He-uniform for ReLU), zero bias.
  void init(Rng& rng);

  /// X: in x n. Returns A: out x n. X must stay alive and unchanged until backward().
  const Mat& forward(const Mat& X);
  /// Forward without touching the training caches (safe for evaluation between steps).
  void infer(const Mat& X, Mat& A) const;

  /// dA: out x n, gradient of the objective w.r.t. this layer's output. Accumulates into
  /// W.grad and b.grad; returns dX (in x n) when need_input_grad, else an empty matrix.
  const Mat& backward(const Mat& dA, bool need_input_grad = true);

  int in() const { return static_cast<int>(W.value.cols()); }
  int out() const { return static_cast<int>(W.value.rows()); }
  const Mat& output() const { return a_.current(); }

  ParamBlock W;  ///< out x in
  ParamBlock b;  ///< out x 1
  Activation act = Activation::kIdentity;

 private:
  // Buffers kept per batch shape (core/tensor.h: Workspace), so steady-state training steps
  // allocate nothing, the epoch's last partial batch included.
  const Mat* x_ = nullptr;
  Workspace a_;   ///< out x n activations
  Workspace dz_;  ///< out x n
  Workspace dx_;  ///< in x n
  Mat none_;      ///< the empty dX when no input gradient is wanted
  Mat wt_;        ///< in x out copy of W^T for the small-shape dX product (core/gemm.h)
};

TL_NAMESPACE_END

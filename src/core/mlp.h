#pragma once
/// Sequential multi-layer perceptron: Dense layers with one hidden activation and an output
/// activation (identity for logits).
#include <string>
#include <vector>

#include "core/dense.h"

TL_NAMESPACE_BEGIN

struct MlpSpec {
  int input = 2;
  std::vector<int> hidden = {32, 32};
  int output = 2;
  Activation hidden_act = Activation::kTanh;
  Activation output_act = Activation::kIdentity;
};

/// Columns per block of Mlp::predict_proba (exact).
constexpr int kPredictColumns = 256;
/// Columns per block of Mlp::predict_proba under display precision (a 32-unit layer's block is
/// 16 KiB of floats, so both hidden buffers stay in a 48 KiB L1 cache).
constexpr int kDisplayColumns = 128;
/// Inputs up to which the display path computes the first layer as broadcast multiply-adds.
constexpr int kDisplayBroadcastInputs = 4;

class Mlp {
 public:
  Mlp() = default;
  /// Builds and initialises the network from the generator.
  Mlp(const MlpSpec& spec, Rng& rng, const std::string& name = "mlp");

  void init(Rng& rng);
  /// X: input x n; returns output x n (kept until the next forward).
  const Mat& forward(const Mat& X);
  /// Evaluation forward that leaves the training caches alone.
  void infer(const Mat& X, Mat& out) const;
  /// Class probabilities (softmax of the outputs), classes x n, into `probs`. Evaluated in fixed
  /// blocks of columns whose buffers stay in cache, on the training pool when it has more than
  /// one thread (the blocks depend on neither the thread count nor, thus, the results).
  ///
  /// Exact: blocks of kPredictColumns, Eigen's tanh, softmax() per block. Under a
  /// DisplayPrecision of the calling thread (passed on to the pool's threads): blocks of
  /// kDisplayColumns, the fast activations (activation.h), a first layer with few inputs as a
  /// broadcast multiply-add instead of a packed matrix product, and softmax_block().
  void predict_proba(const Mat& X, Mat& probs) const;
  /// Back-propagates dOut (output x n); accumulates parameter gradients; returns dX when
  /// need_input_grad (else empty).
  const Mat& backward(const Mat& dout, bool need_input_grad = false);

  ParamList params();
  /// The same list written into `out` (cleared first; its storage is reused, so a training step
  /// that refreshes its list every step does not allocate).
  void params_into(ParamList& out);
  const MlpSpec& spec() const { return spec_; }
  int input_dim() const { return spec_.input; }
  int output_dim() const { return spec_.output; }
  int num_layers() const { return static_cast<int>(layers.size()); }
  /// Output of layer i after the last forward().
  const Mat& layer_output(int i) const { return layers[i].output(); }

  std::vector<Dense> layers;

 private:
  MlpSpec spec_;
};

TL_NAMESPACE_END

#pragma once
/// A block of trainable parameters with its gradient, its optimizer state and the knobs transfer
/// methods turn: freezing, a learning-rate multiplier, weight decay and an L2-SP anchor. These are
/// data on the block, not special code paths (DESIGN.md).
#include <string>
#include <vector>

#include "core/tensor.h"

TL_NAMESPACE_BEGIN

struct ParamBlock {
  std::string name;
  Mat value;  ///< the parameters (W is out x in, b is out x 1)
  Mat grad;   ///< d objective / d value, same shape

  bool trainable = true;  ///< false: never updated (frozen)
  Scalar lr_mult = 1;     ///< learning rate multiplier (0 behaves as frozen)
  Scalar l2 = 0;          ///< penalty l2/2 ||value||^2 (weight decay; L2-SP's beta on new layers)
  Mat anchor;             ///< when non-empty: penalty anchor_weight/2 ||value - anchor||^2
  Scalar anchor_weight = 0;

  // Optimizer state lives with the block, so copying a network copies its state too.
  Mat m;       ///< momentum / Adam first moment
  Mat v;       ///< Adam second moment
  long t = 0;  ///< number of updates applied (Adam bias correction)

  void zero_grad() { grad.setZero(value.rows(), value.cols()); }
  void reset_state() {
    m.resize(0, 0);
    v.resize(0, 0);
    t = 0;
  }
  Eigen::Index size() const { return value.size(); }
};

using ParamList = std::vector<ParamBlock*>;

/// Adds the blocks' penalties (l2 and anchor) to their gradients and returns their value:
/// P = sum_b l2_b/2 ||w_b||^2 + anchor_weight_b/2 ||w_b - a_b||^2,  dP/dw_b = l2_b w_b +
/// anchor_weight_b (w_b - a_b). Frozen blocks contribute nothing.
Scalar add_penalties(const ParamList& params);

/// Sets every block's gradient to zero.
void zero_grads(const ParamList& params);

/// Number of scalar parameters in the list.
Eigen::Index count_params(const ParamList& params);

/// Copies all values into / out of one flat vector (in list order), for gradient checks and
/// snapshots.
Vec flatten_values(const ParamList& params);
void unflatten_values(const ParamList& params, const Vec& flat);
Vec flatten_grads(const ParamList& params);

TL_NAMESPACE_END

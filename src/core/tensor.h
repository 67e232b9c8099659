#pragma once
/// Eigen aliases. Matrices store one observation per column: X is dim x n.
#include <Eigen/Core>
#include <vector>

#include "core/config.h"

TL_NAMESPACE_BEGIN
using Mat = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
using Vec = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using RowVec = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;
using Labels = std::vector<int>;

/// A matrix buffer that keeps one allocation per recently used shape. Training alternates
/// between a few shapes (the minibatch, the epoch's last partial batch, an evaluation on the
/// whole set), and Eigen frees and reallocates on every change of size: with a slot per shape
/// the steady state allocates nothing. get() returns the slot of that shape (contents
/// unspecified), reusing the least recently used slot for a new shape; current() is the slot
/// get() returned last.
class Workspace {
 public:
  Mat& get(Eigen::Index rows, Eigen::Index cols) {
    if (slot_[cur_].rows() == rows && slot_[cur_].cols() == cols) return slot_[cur_];
    int pick = -1;
    for (int i = 0; i < kSlots; ++i)
      if (slot_[i].rows() == rows && slot_[i].cols() == cols) pick = i;
    if (pick < 0) {
      pick = 0;  // least recently used
      for (int i = 1; i < kSlots; ++i)
        if (used_[i] < used_[pick]) pick = i;
      slot_[pick].resize(rows, cols);
    }
    cur_ = pick;
    used_[cur_] = ++clock_;
    return slot_[cur_];
  }
  const Mat& current() const { return slot_[cur_]; }
  Mat& current() { return slot_[cur_]; }

 private:
  static constexpr int kSlots = 3;
  Mat slot_[kSlots];
  long used_[kSlots] = {0, 0, 0};
  long clock_ = 0;
  int cur_ = 0;
};
TL_NAMESPACE_END

#pragma once
/// The divergence guard: watches training for a loss or weights that become NaN/Inf or explode
/// (a learning rate far too high), and then restores the last good weights so that what the user
/// built is not lost. Generic over any set of parameter blocks; Scenario::guarded_step uses it
/// for the main method and its baselines together.
///
/// Rules (checked after every step):
/// - the minibatch loss is NaN or infinite, or any parameter is;
/// - the loss exceeds `explode_factor` x max(1, lowest loss so far in this phase) while the
///   largest weight has grown `weight_growth`-fold since the phase began (a phase change such as
///   pretrain -> adapt starts afresh, since objectives differ between phases). Both are needed:
///   a stiff penalty (L2-SP with a huge alpha) can hold the objective high but bounded while the
///   weights stay put, which is not divergence; a learning rate far too high blows up both;
/// - the loss exceeds `max_loss`, or a parameter's magnitude exceeds `max_weight`.
/// A step's loss judges the weights it was computed with, i.e. those *before* its update. So the
/// guard copies the weights before each step (`before_step`) and promotes that copy to "last
/// good" once the step's loss is healthy; when the loss is bad, the previous good copy comes
/// back. Values only, one pass over the parameters per step, no allocation once shapes are
/// known. On a trip the optimizer state of the restored blocks is cleared (Adam moments may
/// hold NaN).
#include <string>
#include <vector>

#include "core/param_block.h"
#include "core/status.h"
#include "transfer/method.h"

TL_NAMESPACE_BEGIN

struct DivergenceGuardConfig {
  /// loss > factor x max(1, phase's lowest loss) is an explosion. Healthy default runs of every
  /// scenario stay below 3.3x (seeds 1-3), so 50 leaves room for small, noisy minibatches.
  double explode_factor = 50;
  double weight_growth = 2;  ///< ... and the largest |w| exceeds this x its value at phase start
  double max_loss = 1e10;    ///< loss above this is an explosion whatever the reference
  double max_weight = 1e6;   ///< a parameter above this in magnitude is an explosion
};

class DivergenceGuard {
 public:
  explicit DivergenceGuard(DivergenceGuardConfig cfg = {}) : cfg_(cfg) {}

  /// Forgets everything (a new model).
  void rearm();
  /// Copies the weights the coming step starts from; `steps_done` counts the steps before it.
  void before_step(const ParamList& params, long steps_done);
  /// Judges the step just taken (`params`: the blocks now). Healthy: ok, and the weights the
  /// step started from become the last good ones. Diverged: the last good weights are restored
  /// (when they belong to the same blocks) and the error says what happened, at which step,
  /// after which step the weights are back, and suggests a lower learning rate.
  Status observe(const StepStats& stats, const ParamList& params);

  bool tripped() const { return !message_.empty(); }
  /// The message of the trip ("" when not tripped).
  const std::string& message() const { return message_; }
  /// The step whose weights were restored (-1 when none could be).
  long restored_step() const { return restored_step_; }

 private:
  /// A copy of some blocks' values.
  struct Copy {
    std::vector<const ParamBlock*> blocks;
    std::vector<Mat> values;
    long step = -1;  ///< the weights after this many steps (-1: none)
    bool matches(const ParamList& params) const;
    double scale() const;  ///< largest |value|
    void take(const ParamList& params, long steps_done);
  };
  /// Why the loss is bad, or "" when it is healthy.
  std::string judge_loss(const StepStats& stats);
  /// Why the weights are bad, or "".
  std::string judge_weights(const ParamList& params) const;
  Status trip(const StepStats& stats, const std::string& why, const ParamList& params);

  DivergenceGuardConfig cfg_;
  Copy good_;     ///< the last weights whose loss was healthy
  Copy pending_;  ///< the weights the current step started from
  std::string phase_;
  double phase_best_ = 0;
  double phase_scale_ = 0;  ///< largest |w| when the phase began
  bool phase_started_ = false;
  std::string message_;
  long restored_step_ = -1;
};

TL_NAMESPACE_END

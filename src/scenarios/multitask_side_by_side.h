#pragma once
/// Shared part of the multitask scenarios (multitask-moons, multitask-input-layers): the joint
/// model next to single-task baselines, each the same architecture trained alone on one task's
/// training points in lockstep with the joint model. Internal to src/scenarios.
#include <string>
#include <utility>
#include <vector>

#include "scenarios/both_labelled.h"
#include "transfer/multitask.h"

TL_NAMESPACE_BEGIN

/// Base: the scenario's base class (Scenario or PairScenario). The page is shown task B (the
/// few-label task) as predicted by the joint model.
template <class Base>
class MultitaskSideBySide : public Base {
 public:
  ParamList params() override {
    ParamList out = main_.params();
    for (Single& s : singles_) out = join_params({out, s.trainer.net.params()});
    return out;
  }
  /// One step of the joint model and of every baseline (aux single_task_<task>_loss).
  StepStats step() override {
    StepStats s = main_.step();
    for (Single& single : singles_)
      s.aux.emplace_back(single.loss_name, single.trainer.step().loss);
    return s;
  }
  long total_steps() const override { return main_.total_steps(); }
  long steps_done() const override { return main_.steps_done(); }

  /// task_a_acc, task_b_acc (joint model), then single_task_<task>_acc of every baseline.
  Metrics metrics() override {
    Metrics out = main_.metrics();
    for (const Single& s : singles_)
      out.emplace_back(s.acc_name, accuracy_of(s.trainer.net, s.test));
    return out;
  }

  int num_classes() const override { return main_.net().heads[1].out(); }
  Mat predict(const Mat& X) const override { return main_.predict_task(X, 1); }

 protected:
  /// A task learnt alone, measured on that task's held-out set.
  struct Single {
    std::string loss_name, acc_name;  ///< single_task_<task>_loss, single_task_<task>_acc
    SupervisedTrainer trainer;
    Dataset test;
  };

  /// Adds the baseline of `task` ("a" or "b"): the architecture of single_task_config(cfg)
  /// trained on `train` alone and measured on `test`.
  void add_single(const std::string& task, const MultitaskConfig& cfg, const Dataset& train,
                  Dataset test, Rng& rng) {
    singles_.push_back({"single_task_" + task + "_loss", "single_task_" + task + "_acc",
                        make_scratch(single_task_config(cfg), train, train.dim(), rng),
                        std::move(test)});
  }

  Multitask main_;
  std::vector<Single> singles_;
};

TL_NAMESPACE_END

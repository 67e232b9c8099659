#pragma once
/// Shared part of the multitask scenarios (multitask-moons, multitask-input-layers): the joint
/// model next to single-task baselines, each the same architecture trained alone on one task's
/// training points in lockstep with the joint model, and the method view's data. Internal to
/// src/scenarios.
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/metrics.h"
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

  ModelList models() const override {
    return {{"method", "multitask (task B)", MetricRole::kMethod, "task_b_acc"},
            {"single_b", "task B alone", MetricRole::kBaseline, "single_task_b_acc"}};
  }
  Mat predict_model(int index, const Mat& X) const override {
    const Single* b = single("b");
    if (index == 1 && b != nullptr) return predict_proba(b->trainer.net, X);
    return predict(X);
  }

  /// Cells per side of the view's grid (2-D inputs).
  static constexpr int kViewGrid = 48;

  /// Kind "multitask". 2-D inputs (decision regions):
  ///   mats  grid_a, grid_b: classes x kViewGrid^2, the joint model's task-A and task-B heads'
  ///           class probabilities over the grid; grid_b_single: task B's single-task baseline's.
  ///           Cell r * n + c is row r (y grows with r) and column c (x grows with c), at the
  ///           cell's centre;
  ///         points_a, points_b: 3 x n, each task's training points (rows x, y, class);
  ///         points_b_test: 3 x n, task B's held-out points.
  ///   values grid (cells per side), x0, x1, y0, y1 (the grid's bounds: a square around every
  ///   point,
  ///          with a margin).
  /// Other inputs (no picture of the input space):
  ///   mats  confusion_a, confusion_b, confusion_b_single: classes x classes counts on the held-out
  ///           sets (row: true class, column: predicted class).
  /// Both: values task_a_acc, task_b_acc, single_task_b_acc (and single_task_a_acc when that
  /// baseline is trained), the held-out accuracies now; input_dim.
  std::shared_ptr<const ViewData> view_data() override {
    auto vd = std::make_shared<ViewData>();
    vd->kind = "multitask";
    vd->step = steps_done();
    for (const auto& [name, value] : metrics()) vd->values[name] = value;
    vd->values["input_dim"] = this->input_dim();
    const Single* b = single("b");
    if (b == nullptr) return vd;
    if (this->input_dim() == 2) {
      view_grid(*vd, *b);
    } else {
      vd->mats["confusion_a"] = confusion(main_.predict_task(main_.test_data(0).X, 0),
                                          main_.test_data(0).y, main_.net().heads[0].out());
      vd->mats["confusion_b"] = confusion(main_.predict_task(main_.test_data(1).X, 1),
                                          main_.test_data(1).y, main_.net().heads[1].out());
      vd->mats["confusion_b_single"] = confusion(predict_proba(b->trainer.net, b->test.X),
                                                 b->test.y, b->trainer.net.output_dim());
    }
    return vd;
  }

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

 private:
  /// The baseline of `task`, or nullptr.
  const Single* single(const std::string& task) const {
    for (const Single& s : singles_)
      if (s.acc_name == "single_task_" + task + "_acc") return &s;
    return nullptr;
  }

  /// Counts of (true class, predicted class) for the probabilities `probs` (classes x n).
  static Mat confusion(const Mat& probs, const Labels& truth, int classes) {
    Mat m = Mat::Zero(classes, classes);
    const Labels pred = argmax_cols(probs);
    for (size_t k = 0; k < truth.size() && k < pred.size(); ++k)
      if (truth[k] >= 0 && truth[k] < classes && pred[k] >= 0 && pred[k] < classes)
        m(truth[k], pred[k]) += 1;
    return m;
  }

  /// Points as 3 x n (x, y, class).
  static Mat points(const Dataset& ds) {
    Mat m(3, ds.size());
    if (ds.size() == 0) return m;
    m.topRows(2) = ds.X.topRows(2);
    for (int k = 0; k < ds.size(); ++k) m(2, k) = static_cast<Scalar>(ds.y[k]);
    return m;
  }

  /// The 2-D picture: the three models' probabilities over a grid around every point.
  void view_grid(ViewData& vd, const Single& b) const {
    const Dataset& a = main_.task_data(0);
    const Dataset& bt = main_.task_data(1);
    const Dataset& btest = main_.test_data(1);
    float x0 = 1e30f, x1 = -1e30f, y0 = 1e30f, y1 = -1e30f;
    for (const Dataset* ds : {&a, &bt, &btest, &main_.test_data(0)})
      for (int k = 0; k < ds->size(); ++k) {
        x0 = std::min(x0, static_cast<float>(ds->X(0, k)));
        x1 = std::max(x1, static_cast<float>(ds->X(0, k)));
        y0 = std::min(y0, static_cast<float>(ds->X(1, k)));
        y1 = std::max(y1, static_cast<float>(ds->X(1, k)));
      }
    if (!(x0 < x1)) x0 = -1, x1 = 1;
    if (!(y0 < y1)) y0 = -1, y1 = 1;
    // A square around the points (the panels are square: no distortion), with a margin.
    const float half = 0.54f * std::max(x1 - x0, y1 - y0);
    const float cx = 0.5f * (x0 + x1), cy = 0.5f * (y0 + y1);
    x0 = cx - half, x1 = cx + half, y0 = cy - half, y1 = cy + half;
    const int n = kViewGrid;
    Mat G(2, n * n);
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < n; ++c) {
        G(0, r * n + c) = x0 + (x1 - x0) * (static_cast<float>(c) + 0.5f) / n;
        G(1, r * n + c) = y0 + (y1 - y0) * (static_cast<float>(r) + 0.5f) / n;
      }
    vd.mats["grid_a"] = main_.predict_task(G, 0);
    vd.mats["grid_b"] = main_.predict_task(G, 1);
    vd.mats["grid_b_single"] = predict_proba(b.trainer.net, G);
    vd.mats["points_a"] = points(a);
    vd.mats["points_b"] = points(bt);
    vd.mats["points_b_test"] = points(btest);
    vd.values["grid"] = n;
    vd.values["x0"] = x0;
    vd.values["x1"] = x1;
    vd.values["y0"] = y0;
    vd.values["y1"] = y1;
  }
};

TL_NAMESPACE_END

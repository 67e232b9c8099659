// progressive-moons: task 1 is two moons, task 2 the moons rotated by `angle` with `shots` labels
// per class (task 3, with columns = 3, rotated by twice the angle). A progressive network adds a
// column per task (randomly initialised, as in the paper; `warm_start` starts it from the
// previous column instead); next to it, the same network trained from scratch on task 2 and plain
// fine-tuning of the task-1 column on task 2 (which forgets task 1). The method view draws the
// columns with their laterals and follows both models' task-1 accuracy from the start of task 2.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "data/synthetic.h"
#include "scenarios/both_labelled.h"
#include "scenarios/registry.h"
#include "transfer/progressive.h"

TL_NAMESPACE_BEGIN

namespace {

class ProgressiveScenario : public PairScenario {
 public:
  void visit(ConfigVisitor& v) override {
    pair_.visit(v);
    v.integer(
        "columns", columns_, 2, 3,
        "Tasks (columns)\nNumber of tasks, one column each: 3 adds moons rotated by 2 x angle.");
    cfg_.visit(v);
  }

  Status reset(uint64_t seed) override {
    Rng root(seed);
    Rng data_rng = root.split(1);
    TransferData d = make_moons_pair(pair_, data_rng);
    std::vector<Dataset> tasks = {d.source, d.target};
    std::vector<Dataset> tests = {d.source_test, d.target_test};
    Rng third_rng = root.split(2);
    if (columns_ == 3) {
      Dataset pool =
          rotate(make_moons(pair_.target_points, pair_.noise, third_rng), 2 * pair_.angle);
      if (user_target_) pool = rotate(*user_target_, pair_.angle);
      FewShot f = few_shot_split(pool, pair_.shots, third_rng);
      tasks.push_back(std::move(f.train));
      tests.push_back(std::move(f.test));
    }
    tests_ = tests;
    Rng scratch_rng = root.split(3);
    scratch_.clear();
    for (size_t k = 1; k < tasks.size(); ++k)
      scratch_.push_back(make_scratch(cfg_.train, tasks[k], tasks[k].dim(), scratch_rng));
    FineTuneConfig fc;
    fc.train = cfg_.train;
    fc.source_epochs = cfg_.source_epochs;
    fc.source_lr = cfg_.source_lr;
    finetune_ = FineTune(fc, std::move(d), root.split(4));
    main_ = Progressive(cfg_, std::move(tasks), std::move(tests), root.split(5));
    history_.clear();
    task2_start_ = -1;
    // About 60 points over task 2.
    record_every_ = std::max(1L, main_.num_tasks() > 1 ? main_.task_steps(1) / 60 : 1L);
    return {};
  }

  ParamList params() override {
    ParamList out = join_params({main_.params(), finetune_.params()});
    for (SupervisedTrainer& s : scratch_) out = join_params({out, s.net.params()});
    return out;
  }
  StepStats step() override {
    StepStats s = main_.step();
    if (!finetune_.adapting() && main_.current_task() >= 1)
      finetune_.begin_adapt(main_.net().column_mlp(0));
    if (s.phase == "task2") s.aux.emplace_back("finetune_loss", finetune_.step().loss);
    for (size_t k = 1; k <= scratch_.size(); ++k)
      if (s.phase == "task" + std::to_string(k + 1)) scratch_[k - 1].step();
    if (main_.current_task() >= 1) {
      // Steps since task 2 began (0: its column was just added, nothing trained on it yet).
      if (task2_start_ < 0) task2_start_ = main_.steps_done();
      const long k = main_.steps_done() - task2_start_;
      if (k % record_every_ == 0 || done())
        history_.push_back({k, main_.task_accuracy(0), finetune_task1_acc()});
    }
    return s;
  }
  long total_steps() const override { return main_.total_steps(); }
  long steps_done() const override { return main_.steps_done(); }
  /// One phase per task: task 1 on the source moons, then each new column on its task.
  PhaseList phases() const override {
    PhaseList out;
    long start = 0;
    for (int k = 0; k < main_.num_tasks(); ++k) {
      out.push_back(
          {k == 0 ? "task 1: first column" : "task " + std::to_string(k + 1) + ": new column",
           start});
      start += main_.task_steps(k);
    }
    return out.size() > 1 ? out : PhaseList{};
  }

  Metrics metrics() override {
    Metrics out;
    if (main_.current_task() >= 1)
      out.emplace_back("task1_acc_before", main_.accuracy_at_freeze(0));
    out.emplace_back("task1_acc_after", main_.task_accuracy(0));
    if (main_.current_task() >= 1) {
      out.emplace_back("task2_acc", main_.task_accuracy(1));
      out.emplace_back("scratch_task2_acc", accuracy_of(scratch_[0].net, tests_[1]));
      const Metrics f = finetune_.metrics();
      if (finetune_.heads_match())
        out.emplace_back("finetune_task1_acc_after", metric(f, "source_acc_after"));
      out.emplace_back("finetune_task2_acc", metric(f, "target_acc"));
    }
    if (main_.current_task() >= 2) {
      out.emplace_back("task2_acc_before", main_.accuracy_at_freeze(1));
      out.emplace_back("task3_acc", main_.task_accuracy(2));
      out.emplace_back("scratch_task3_acc", accuracy_of(scratch_[1].net, tests_[2]));
    }
    return out;
  }

  MetricInfoList metrics_info() const override {
    using K = MetricKind;
    using R = MetricRole;
    return {
        {"task1_acc_before", K::kFraction, R::kDiagnostic, "", "task 1 frozen",
         "task 1 accuracy when its column was frozen"},
        {"task1_acc_after", K::kFraction, R::kMethod, "finetune_task1_acc_after", "task 1 now",
         "progressive network's task 1 accuracy now (kept exactly)"},
        {"task2_acc", K::kFraction, R::kMethod, "scratch_task2_acc", "task 2",
         "progressive network's accuracy on held-out task 2"},
        {"scratch_task2_acc", K::kFraction, R::kBaseline, "", "task 2 scratch",
         "a column trained on task 2 alone"},
        {"finetune_task1_acc_after", K::kFraction, R::kBaseline, "", "fine-tuned task 1",
         "task 1 accuracy of the column fine-tuned on task 2 (forgetting)"},
        {"finetune_task2_acc", K::kFraction, R::kBaseline, "", "fine-tuned task 2",
         "task 1's column fine-tuned on task 2: accuracy on held-out task 2"},
        {"task2_acc_before", K::kFraction, R::kDiagnostic, "", "task 2 frozen",
         "task 2 accuracy when its column was frozen"},
        {"task3_acc", K::kFraction, R::kMethod, "scratch_task3_acc", "task 3",
         "progressive network's accuracy on held-out task 3"},
        {"scratch_task3_acc", K::kFraction, R::kBaseline, "", "task 3 scratch",
         "a column trained on task 3 alone"},
    };
  }

  int input_dim() const override { return target_view_.dim(); }
  int num_classes() const override { return std::max(2, tests_[main_.current_task()].num_classes); }
  Mat predict(const Mat& X) const override { return main_.predict_task(X, main_.current_task()); }

  ModelList models() const override {
    return {
        {"method", "progressive", MetricRole::kMethod, "task2_acc"},
        {"finetune", "fine-tuned", MetricRole::kBaseline, "finetune_task2_acc", task2_from()},
        {"scratch", "task 2 scratch", MetricRole::kBaseline, "scratch_task2_acc", task2_from()}};
  }
  Mat predict_model(int index, const Mat& X) const override {
    // Until task 2 the fine-tuned model is the task-1 column itself.
    if (index == 1 && finetune_.adapting()) return predict_proba(finetune_.net(), X);
    if (index == 2 && !scratch_.empty()) return predict_proba(scratch_[0].net, X);
    return predict(X);
  }

  /// Kind "progressive":
  ///   mats  column_widths: (1 + layers) x columns built: row 0 the input dimension, then each
  ///           layer's width (hidden layers, then the output layer);
  ///         frozen: 1 x columns (1: frozen, 0: being trained);
  ///         laterals: 4 x adapters, one column per lateral adapter U_i^(c:j): rows to column c,
  ///           from column j, layer i of column c (>= 1; it reads layer i - 1 of column j), the
  ///           adapter's weight norm ||U||_F now;
  ///         task1_history: 3 x n, recorded every few steps from the start of task 2: rows the
  ///           step since task 2 began, the progressive net's task-1 accuracy, the fine-tuned
  ///           net's (NaN when its head is not task 1's).
  ///   values task1_acc (progressive net on held-out task 1, now; constant once task 2 begins),
  ///          finetune_task1_acc (the column fine-tuned on task 2; the task-1 column itself
  ///          before), training_task (1-based task whose column is trained), num_tasks,
  ///          num_columns, task2_started (0/1), task2_steps (task 2's budget), lateral (0/1).
  ///   texts columns: a label per column built ("task 1", "task 2", ...).
  std::shared_ptr<const ViewData> view_data() override {
    auto vd = std::make_shared<ViewData>();
    vd->kind = "progressive";
    vd->step = steps_done();
    const ProgressiveNet& net = main_.net();
    const int C = net.num_columns(), L = net.num_layers();
    Mat widths(L + 1, C), frozen(1, C);
    std::vector<std::string> labels;
    int adapters = 0;
    for (int c = 0; c < C; ++c) {
      widths(0, c) = static_cast<Scalar>(net.input_dim());
      for (int i = 0; i < L; ++i) widths(i + 1, c) = static_cast<Scalar>(net.layer_width(c, i));
      frozen(0, c) = net.frozen(c) ? 1 : 0;
      labels.push_back("task " + std::to_string(c + 1));
      for (int j = 0; j < c; ++j)
        if (net.has_lateral(c, j)) adapters += L - 1;
    }
    Mat laterals(4, adapters);
    int a = 0;
    for (int c = 0; c < C; ++c)
      for (int j = 0; j < c; ++j)
        for (int i = 1; i < L && net.has_lateral(c, j); ++i, ++a) {
          laterals(0, a) = static_cast<Scalar>(c);
          laterals(1, a) = static_cast<Scalar>(j);
          laterals(2, a) = static_cast<Scalar>(i);
          laterals(3, a) = static_cast<Scalar>(net.lateral_norm(c, i, j));
        }
    Mat hist(3, static_cast<Eigen::Index>(history_.size()));
    for (size_t k = 0; k < history_.size(); ++k) {
      const Eigen::Index col = static_cast<Eigen::Index>(k);
      hist(0, col) = static_cast<Scalar>(history_[k].step);
      hist(1, col) = static_cast<Scalar>(history_[k].progressive);
      hist(2, col) = static_cast<Scalar>(history_[k].finetune);
    }
    vd->mats["column_widths"] = std::move(widths);
    vd->mats["frozen"] = std::move(frozen);
    vd->mats["laterals"] = std::move(laterals);
    vd->mats["task1_history"] = std::move(hist);
    vd->texts["columns"] = std::move(labels);
    const double task1 = main_.task_accuracy(0);
    vd->values["task1_acc"] = task1;
    vd->values["finetune_task1_acc"] = finetune_.adapting() ? finetune_task1_acc() : task1;
    vd->values["training_task"] = main_.current_task() + 1;
    vd->values["num_tasks"] = main_.num_tasks();
    vd->values["num_columns"] = C;
    vd->values["task2_started"] = main_.current_task() >= 1 ? 1.0 : 0.0;
    vd->values["task2_steps"] =
        main_.num_tasks() > 1 ? static_cast<double>(main_.task_steps(1)) : 0.0;
    vd->values["lateral"] = cfg_.lateral ? 1.0 : 0.0;
    return vd;
  }

 private:
  /// One recorded point of task-1 accuracy during tasks 2, 3...
  struct Task1Point {
    long step;  ///< steps since task 2 began
    double progressive, finetune;
  };

  /// The step task 2 begins at (its baselines train from there).
  long task2_from() const { return main_.num_tasks() > 1 ? main_.task_steps(0) : 0; }

  /// The fine-tuned column's accuracy on held-out task 1 (NaN before it adapts, or when its
  /// output layer is no longer task 1's).
  double finetune_task1_acc() const {
    if (!finetune_.adapting() || !finetune_.heads_match())
      return std::numeric_limits<double>::quiet_NaN();
    return accuracy_of(finetune_.net(), tests_[0]);
  }

  MoonsPairConfig pair_;
  int columns_ = 2;
  ProgressiveConfig cfg_;
  Progressive main_;
  FineTune finetune_;
  std::vector<SupervisedTrainer> scratch_;
  std::vector<Dataset> tests_;
  std::vector<Task1Point> history_;
  long task2_start_ = -1;  ///< steps_done() when task 2 began (-1: not yet)
  long record_every_ = 1;
};

}  // namespace

void register_progressive_moons(std::vector<ScenarioInfo>& out) {
  out.push_back({"progressive-moons", "Progressive networks",
                 "progressive networks (Rusu et al. 2016): a new, randomly initialised column "
                 "per task with laterals from the frozen ones; task 1 is kept exactly while "
                 "fine-tuning forgets it; task 2 +0.04 over scratch, 0.03 below fine-tuning",
                 Corner::kBothLabelled, "multitask",
                 [] { return std::make_unique<ProgressiveScenario>(); }});
}

TL_NAMESPACE_END

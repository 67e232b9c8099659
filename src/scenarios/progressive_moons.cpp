// progressive-moons: task 1 is two moons, task 2 the moons rotated by `angle` with `shots` labels
// per class (task 3, with columns = 3, rotated by twice the angle). A progressive network adds a
// column per task (randomly initialised, as in the paper; `warm_start` starts it from the
// previous column instead); next to it, the same network trained from scratch on task 2 and plain
// fine-tuning of the task-1 column on task 2 (which forgets task 1).
#include <algorithm>
#include <string>

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
    v.integer("columns", columns_, 2, 3, "tasks (columns): 3 adds moons rotated by 2 x angle");
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
    return s;
  }
  long total_steps() const override { return main_.total_steps(); }
  long steps_done() const override { return main_.steps_done(); }

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

 private:
  MoonsPairConfig pair_;
  int columns_ = 2;
  ProgressiveConfig cfg_;
  Progressive main_;
  FineTune finetune_;
  std::vector<SupervisedTrainer> scratch_;
  std::vector<Dataset> tests_;
};

}  // namespace

void register_progressive_moons(std::vector<ScenarioInfo>& out) {
  out.push_back({"progressive-moons",
                 "progressive networks (Rusu et al. 2016): a new, randomly initialised column "
                 "per task with laterals from the frozen ones; task 1 is kept exactly while "
                 "fine-tuning forgets it; task 2 +0.04 over scratch, 0.03 below fine-tuning",
                 Corner::kBothLabelled, "multitask",
                 [] { return std::make_unique<ProgressiveScenario>(); }});
}

TL_NAMESPACE_END

// multitask-moons: task A (two moons, many labels) and task B (moons rotated by `angle`, `shots`
// labels per class) learnt together through a shared trunk, next to task B learnt alone by the
// same network with the same budget.
#include "scenarios/both_labelled.h"
#include "scenarios/registry.h"
#include "transfer/multitask.h"

TL_NAMESPACE_BEGIN

namespace {

class MultitaskScenario : public PairScenario {
 public:
  MultitaskScenario() {
    pair_.angle = 20;
    cfg_.train.epochs = 30;
    // Task B's ten points would otherwise pull the shared trunk toward over-fitting them.
    cfg_.weight_b = 0.1;
  }

  void visit(ConfigVisitor& v) override {
    pair_.visit(v);
    cfg_.visit(v);
  }

  Status reset(uint64_t seed) override {
    Rng root(seed);
    Rng data_rng = root.split(1);
    TransferData d = make_moons_pair(pair_, data_rng);
    Rng single_rng = root.split(2);
    single_ = make_scratch(single_task_config(cfg_), d.target, d.target.dim(), single_rng);
    test_b_ = d.target_test;
    main_ = Multitask(cfg_, std::move(d.source), std::move(d.target), std::move(d.source_test),
                      std::move(d.target_test), root.split(3));
    return {};
  }

  ParamList params() override { return join_params({main_.params(), single_.net.params()}); }
  StepStats step() override {
    StepStats s = main_.step();
    s.aux.emplace_back("single_task_b_loss", single_.step().loss);
    return s;
  }
  long total_steps() const override { return main_.total_steps(); }
  long steps_done() const override { return main_.steps_done(); }

  Metrics metrics() override {
    const Metrics m = main_.metrics();
    return {{"task_a_acc", metric(m, "task_a_acc")},
            {"task_b_acc", metric(m, "task_b_acc")},
            {"single_task_b_acc", accuracy_of(single_.net, test_b_)}};
  }

  MetricInfoList metrics_info() const override {
    using K = MetricKind;
    using R = MetricRole;
    return {
        {"task_a_acc", K::kFraction, R::kMethod, "", "task A",
         "joint model's accuracy on held-out task A (many labels)"},
        {"task_b_acc", K::kFraction, R::kMethod, "single_task_b_acc", "task B",
         "joint model's accuracy on held-out task B (few labels, rotated moons)"},
        {"single_task_b_acc", K::kFraction, R::kBaseline, "", "B alone",
         "the same network trained on task B alone"},
    };
  }

  int input_dim() const override { return target_view_.dim(); }
  int num_classes() const override { return main_.net().heads[1].out(); }
  Mat predict(const Mat& X) const override { return main_.predict_task(X, 1); }

 private:
  MoonsPairConfig pair_;
  MultitaskConfig cfg_;
  Multitask main_;
  SupervisedTrainer single_;
  Dataset test_b_;
};

}  // namespace

void register_multitask_moons(std::vector<ScenarioInfo>& out) {
  out.push_back({"multitask-moons",
                 "multitask learning: shared trunk, one head per task; task B (few labels, "
                 "rotated moons) learnt with task A (many labels) vs alone",
                 Corner::kBothLabelled, "multitask",
                 [] { return std::make_unique<MultitaskScenario>(); }});
}

TL_NAMESPACE_END

// multitask-moons: task A (two moons, many labels) and task B (moons rotated by `angle`, `shots`
// labels per class) learnt together through a shared trunk, next to task B learnt alone by the
// same network with the same budget.
#include "scenarios/both_labelled.h"
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

std::unique_ptr<Scenario> make_multitask_moons() {
  return std::make_unique<MultitaskScenario>();
}

TL_NAMESPACE_END

// multitask-moons: task A (two moons, many labels) and task B (moons rotated by `angle`, `shots`
// labels per class) learnt together through a shared trunk, next to task B learnt alone by the
// same network with the same budget.
#include "scenarios/multitask_side_by_side.h"
#include "scenarios/registry.h"

TL_NAMESPACE_BEGIN

namespace {

class MultitaskScenario : public MultitaskSideBySide<PairScenario> {
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
    singles_.clear();
    add_single("b", cfg_, d.target, d.target_test, single_rng);
    main_ = Multitask(cfg_, std::move(d.source), std::move(d.target), std::move(d.source_test),
                      std::move(d.target_test), root.split(3));
    return {};
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

 private:
  MoonsPairConfig pair_;
  MultitaskConfig cfg_;
};

}  // namespace

void register_multitask_moons(std::vector<ScenarioInfo>& out) {
  out.push_back({"multitask-moons", "Multitask: shared trunk",
                 "multitask learning: shared trunk, one head per task; task B (few labels, "
                 "rotated moons) learnt with task A (many labels) vs alone",
                 Corner::kBothLabelled, "multitask",
                 [] { return std::make_unique<MultitaskScenario>(); }});
}

TL_NAMESPACE_END

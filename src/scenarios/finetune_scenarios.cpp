// finetune-moons and finetune-digits: pre-train on the labelled source, then fine-tune on a few
// labelled target points, next to the same network trained from scratch on those points.
#include <limits>

#include "core/metrics.h"
#include "core/model_io.h"
#include "scenarios/both_labelled.h"

TL_NAMESPACE_BEGIN

namespace {

/// Fine-tuning and its scratch baseline, side by side; metrics on the held-out target.
class FineTuneScenario : public PairScenario {
 public:
  explicit FineTuneScenario(bool digits) : digits_(digits) {
    if (digits_) {
      cfg_.train.hidden = {64};
      cfg_.train.epochs = 60;
      cfg_.source_epochs = 5;
      cfg_.reinit_output = true;
    }
  }

  void visit(ConfigVisitor& v) override {
    if (digits_) {
      v.integer("shots", shots_, 1, 170, "labelled target digits per class (1 = one-shot)");
      v.flag("augment", augment_, "add shifted, rotated and blurred copies of the source digits");
    } else {
      pair_.visit(v);
    }
    cfg_.visit(v);
  }

  Status set_user_source(std::optional<Dataset> ds) override {
    return digits_ ? Scenario::set_user_source(std::move(ds))
                   : PairScenario::set_user_source(std::move(ds));
  }
  Status set_user_target(std::optional<Dataset> ds) override {
    return digits_ ? Scenario::set_user_target(std::move(ds))
                   : PairScenario::set_user_target(std::move(ds));
  }

  Status reset(uint64_t seed) override {
    Rng root(seed);
    Rng data_rng = root.split(1);
    TransferData data;
    if (digits_) {
      auto d = digits_pair(shots_, augment_, data_rng);
      if (!d) return {d.error()};
      data = std::move(*d);
      source_view_ = data.source;
      target_view_ = concat(data.target, data.target_test);
    } else {
      data = make_moons_pair(pair_, data_rng);
    }
    Rng scratch_rng = root.split(2);
    scratch_ = make_scratch(cfg_.train, data.target, data.target.dim(), scratch_rng);
    ft_ = FineTune(cfg_, std::move(data), root.split(3));
    return {};
  }

  ParamList params() override { return join_params({ft_.params(), scratch_.net.params()}); }
  StepStats step() override { return step_side_by_side(ft_, {}, {&scratch_}); }
  long total_steps() const override { return ft_.total_steps(); }
  long steps_done() const override { return ft_.steps_done(); }

  Metrics metrics() override {
    const Metrics m = ft_.metrics();
    const TransferData& d = ft_.data();
    // The source model applied as it is; undefined (NaN) when the target has other classes.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Metrics out = {{"target_acc", metric(m, "target_acc")},
                   {"scratch_target_acc", accuracy_of(scratch_.net, d.target_test)},
                   {"source_only_target_acc", metric(m, "source_only_target_acc", nan)},
                   {"source_acc", metric(m, "source_acc")}};
    if (ft_.heads_match()) out.emplace_back("source_acc_after", metric(m, "source_acc_after"));
    return out;
  }

  int input_dim() const override { return ft_.data().target.dim(); }
  int num_classes() const override { return ft_.net().output_dim(); }
  Mat predict(const Mat& X) const override { return predict_proba(ft_.net(), X); }
  std::string save_model() const override { return save_mlp(ft_.net()); }

 private:
  bool digits_;
  MoonsPairConfig pair_;
  int shots_ = 3;
  bool augment_ = true;
  FineTuneConfig cfg_;
  FineTune ft_;
  SupervisedTrainer scratch_;
};

}  // namespace

std::unique_ptr<Scenario> make_finetune_moons() {
  return std::make_unique<FineTuneScenario>(false);
}
std::unique_ptr<Scenario> make_finetune_digits() {
  return std::make_unique<FineTuneScenario>(true);
}

TL_NAMESPACE_END

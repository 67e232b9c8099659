// conservative-moons: fine-tuning on very few rotated-moons points with a pull toward the source
// model (L2-SP, optionally output KL), next to plain fine-tuning from the same source model with
// the same minibatches. With alpha = beta = kl = 0 both are the same computation, bit for bit.
#include "core/model_io.h"
#include "scenarios/both_labelled.h"
#include "transfer/conservative.h"

TL_NAMESPACE_BEGIN

namespace {

class ConservativeScenario : public PairScenario {
 public:
  ConservativeScenario() {
    pair_.shots = 3;
    pair_.angle = 40;
    cfg_.fine_tune.train.epochs = 300;
  }

  void visit(ConfigVisitor& v) override {
    pair_.visit(v);
    cfg_.visit(v);
  }

  Status reset(uint64_t seed) override {
    Rng root(seed);
    Rng data_rng = root.split(1);
    TransferData data = make_moons_pair(pair_, data_rng);
    // Same generator for both: same pre-training, same re-initialisation, same minibatches.
    const Rng method_rng = root.split(2);
    plain_ = FineTune(cfg_.fine_tune, data, method_rng);
    main_ = Conservative(cfg_, std::move(data), method_rng);
    return {};
  }

  ParamList params() override { return join_params({main_.params(), plain_.params()}); }
  StepStats step() override { return step_side_by_side(main_, {&plain_}, {}); }
  long total_steps() const override { return main_.total_steps(); }
  long steps_done() const override { return main_.steps_done(); }

  Metrics metrics() override {
    const Metrics m = main_.metrics();
    const Metrics p = plain_.adapting() ? plain_.metrics() : m;
    Metrics out = {{"target_acc", metric(m, "target_acc")},
                   {"finetune_target_acc", metric(p, "target_acc")}};
    if (main_.heads_match()) {  // the source task is only defined with the source's classes
      out.emplace_back("source_acc_after", metric(m, "source_acc_after"));
      out.emplace_back("finetune_source_acc_after", metric(p, "source_acc_after"));
    }
    out.emplace_back("weight_distance", main_.weight_distance());
    out.emplace_back("finetune_weight_distance", plain_.weight_distance());
    out.emplace_back("source_acc", metric(m, "source_acc"));
    return out;
  }

  int input_dim() const override { return main_.data().target.dim(); }
  int num_classes() const override { return main_.net().output_dim(); }
  Mat predict(const Mat& X) const override { return predict_proba(main_.net(), X); }
  std::string save_model() const override { return save_mlp(main_.net()); }

 private:
  MoonsPairConfig pair_;
  ConservativeConfig cfg_;
  Conservative main_;
  FineTune plain_;
};

}  // namespace

std::unique_ptr<Scenario> make_conservative_moons() {
  return std::make_unique<ConservativeScenario>();
}

TL_NAMESPACE_END

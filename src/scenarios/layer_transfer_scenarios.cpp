// layer-transfer-digits, layer-transfer-sweep and layer-transfer-input-shift: which layers of a
// source network to copy (and freeze or tune) and which to re-initialise, next to scratch.
#include <limits>
#include <string>

#include "core/model_io.h"
#include "data/synthetic.h"
#include "scenarios/both_labelled.h"
#include "transfer/layer_transfer.h"

TL_NAMESPACE_BEGIN

namespace {

/// Digits 0-4 -> 5-9 with a deeper network; copy the first `copy` layers.
class LayerTransferDigits : public Scenario {
 public:
  LayerTransferDigits() {
    cfg_.fine_tune.train.hidden = {64, 64, 64};
    cfg_.fine_tune.train.epochs = 60;
    cfg_.fine_tune.source_epochs = 5;
    cfg_.fine_tune.source_lr = 0.003;
    cfg_.copy = 1;
  }

  void visit(ConfigVisitor& v) override {
    v.integer("shots", shots_, 1, 170, "labelled target digits per class (1 = one-shot)");
    v.flag("augment", augment_, "add shifted, rotated and blurred copies of the source digits");
    cfg_.fine_tune.visit_training(v);
    v.integer("copy", cfg_.copy, 0, kMaxHiddenLayers + 1, "first layers copied from the source");
    v.flag("freeze", cfg_.freeze, "freeze the copied layers (else fine-tune them)");
    v.real("tuned_lr_mult", cfg_.tuned_lr_mult, 0.0, 10.0,
           "learning-rate multiplier of tuned copies");
  }

  Status reset(uint64_t seed) override {
    Rng root(seed);
    Rng data_rng = root.split(1);
    auto d = digits_pair(shots_, augment_, data_rng);
    if (!d) return {d.error()};
    Rng scratch_rng = root.split(2);
    scratch_ = make_scratch(cfg_.fine_tune.train, d->target, d->target.dim(), scratch_rng);
    cfg_.from = "first";
    main_ = LayerTransfer(cfg_, std::move(*d), root.split(3));
    return {};
  }

  ParamList params() override { return join_params({main_.params(), scratch_.net.params()}); }
  StepStats step() override { return step_side_by_side(main_, {}, {&scratch_}); }
  long total_steps() const override { return main_.total_steps(); }
  long steps_done() const override { return main_.steps_done(); }

  Metrics metrics() override {
    const Metrics m = main_.metrics();
    return {{"target_acc", metric(m, "target_acc")},
            {"scratch_target_acc", accuracy_of(scratch_.net, main_.data().target_test)},
            {"source_acc", metric(m, "source_acc")}};
  }

  const Dataset* source_data() const override { return &main_.data().source; }
  const Dataset* target_data() const override { return &main_.data().target; }
  int input_dim() const override { return main_.data().target.dim(); }
  int num_classes() const override { return main_.net().output_dim(); }
  Mat predict(const Mat& X) const override { return predict_proba(main_.net(), X); }
  std::string save_model() const override { return save_mlp(main_.net()); }

 private:
  int shots_ = 2;
  bool augment_ = true;
  LayerTransferConfig cfg_;
  LayerTransfer main_;
  SupervisedTrainer scratch_;
};

/// Every number N of copied first layers, frozen and tuned, from one pre-trained source model.
/// N = 0 copies nothing: it is the scratch baseline.
class LayerTransferSweep : public Scenario {
 public:
  LayerTransferSweep() {
    train_.fine_tune.train.hidden = {64, 64, 64};
    train_.fine_tune.train.epochs = 60;
    train_.fine_tune.source_epochs = 5;
    train_.fine_tune.source_lr = 0.003;
  }

  void visit(ConfigVisitor& v) override {
    v.integer("shots", shots_, 1, 170, "labelled target digits per class (1 = one-shot)");
    v.flag("augment", augment_, "add shifted, rotated and blurred copies of the source digits");
    train_.fine_tune.visit_training(v);
    v.real("tuned_lr_mult", train_.tuned_lr_mult, 0.0, 10.0,
           "learning-rate multiplier of tuned copies");
  }

  Status reset(uint64_t seed) override {
    Rng root(seed);
    Rng data_rng = root.split(1);
    auto d = digits_pair(shots_, augment_, data_rng);
    if (!d) return {d.error()};
    const Rng method_rng = root.split(2);
    const int layers = static_cast<int>(train_.fine_tune.train.hidden.size()) + 1;
    runs_.clear();
    names_.clear();
    for (int n = 0; n <= layers; ++n)
      for (bool freeze : {true, false}) {
        if (n == 0 && !freeze) continue;  // nothing copied: frozen and tuned are the same run
        LayerTransferConfig c = train_;
        c.copy = n;
        c.freeze = freeze;
        c.from = "first";
        runs_.push_back(LayerTransfer(c, *d, method_rng));
        names_.push_back("copy" + std::to_string(n) + (freeze ? "_frozen" : "_tuned"));
      }
    return {};
  }

  ParamList params() override {
    ParamList out;
    for (LayerTransfer& run : runs_) out = join_params({out, run.params()});
    return out;
  }
  StepStats step() override {
    std::vector<FineTune*> variants;
    for (size_t i = 1; i < runs_.size(); ++i) variants.push_back(&runs_[i]);
    return step_side_by_side(runs_[0], variants, {});
  }
  long total_steps() const override { return runs_[0].total_steps(); }
  long steps_done() const override { return runs_[0].steps_done(); }

  Metrics metrics() override {
    Metrics out;
    double scratch = 0;
    for (size_t i = 0; i < runs_.size(); ++i) {
      const double acc = accuracy_of(runs_[i].net(), runs_[i].data().target_test);
      out.emplace_back("target_acc_" + names_[i], acc);
      if (i == 0) {
        out.emplace_back("target_acc_copy0_tuned", acc);
        scratch = acc;
      }
    }
    out.emplace_back("scratch_target_acc", scratch);
    out.emplace_back("source_acc", metric(runs_[0].metrics(), "source_acc"));
    return out;
  }

  const Dataset* source_data() const override { return &runs_[0].data().source; }
  const Dataset* target_data() const override { return &runs_[0].data().target; }
  int input_dim() const override { return runs_[0].data().target.dim(); }
  int num_classes() const override { return runs_[0].net().output_dim(); }
  /// The network with the first layer copied and frozen.
  Mat predict(const Mat& X) const override { return predict_proba(runs_[1].net(), X); }
  std::string save_model() const override { return save_mlp(runs_[1].net()); }

 private:
  int shots_ = 2;
  bool augment_ = true;
  LayerTransferConfig train_;
  std::vector<LayerTransfer> runs_;
  std::vector<std::string> names_;
};

/// The speech case on a 2-D toy: the target has the source's classes, but its inputs went through
/// a different transformation (rotated, scaled, moved). Features of the first layers are then
/// wrong for the target while the decision made from them is still right, so copying the LAST
/// layers (frozen) and re-learning the first ones beats copying the first ones.
class LayerTransferInputShift : public PairScenario {
 public:
  LayerTransferInputShift() {
    pair_.angle = 60;
    cfg_.fine_tune.train.epochs = 200;
    cfg_.copy = 2;
    cfg_.rest = "tune";
  }

  void visit(ConfigVisitor& v) override {
    pair_.visit(v);
    v.real("scale", scale_, 0.1, 10.0, "scaling of the target inputs");
    v.real("offset", offset_, -10.0, 10.0, "translation of the target inputs (both axes)");
    cfg_.fine_tune.visit_training(v);
    v.integer("copy", cfg_.copy, 0, kMaxHiddenLayers + 1,
              "layers kept from the source (the last; the first for the comparison)");
    v.flag("freeze", cfg_.freeze, "freeze the kept layers (else fine-tune them)");
    v.choice("rest", cfg_.rest, {"reinit", "tune"},
             "other layers: re-initialise, or copy and tune");
    v.real("tuned_lr_mult", cfg_.tuned_lr_mult, 0.0, 10.0,
           "learning-rate multiplier of tuned copies");
  }

  Status reset(uint64_t seed) override {
    Rng root(seed);
    Rng data_rng = root.split(1);
    TransferData data = make_shifted_pair(data_rng);
    Rng scratch_rng = root.split(2);
    scratch_ = make_scratch(cfg_.fine_tune.train, data.target, data.target.dim(), scratch_rng);
    const Rng method_rng = root.split(3);
    LayerTransferConfig last = cfg_, first = cfg_;
    last.from = "last";
    first.from = "first";
    first_ = LayerTransfer(first, data, method_rng);
    main_ = LayerTransfer(last, std::move(data), method_rng);
    return {};
  }

  ParamList params() override {
    return join_params({main_.params(), first_.params(), scratch_.net.params()});
  }
  StepStats step() override { return step_side_by_side(main_, {&first_}, {&scratch_}); }
  long total_steps() const override { return main_.total_steps(); }
  long steps_done() const override { return main_.steps_done(); }

  Metrics metrics() override {
    const Metrics m = main_.metrics();
    const Metrics f = first_.adapting() ? first_.metrics() : m;
    return {{"target_acc", metric(m, "target_acc")},
            {"copy_first_target_acc", metric(f, "target_acc")},
            {"scratch_target_acc", accuracy_of(scratch_.net, main_.data().target_test)},
            {"source_only_target_acc",
             metric(m, "source_only_target_acc", std::numeric_limits<double>::quiet_NaN())},
            {"source_acc", metric(m, "source_acc")}};
  }

  int input_dim() const override { return main_.data().target.dim(); }
  int num_classes() const override { return main_.net().output_dim(); }
  Mat predict(const Mat& X) const override { return predict_proba(main_.net(), X); }
  std::string save_model() const override { return save_mlp(main_.net()); }

 private:
  TransferData make_shifted_pair(Rng& rng) {
    // The pair's rotation comes first; then the scaling and translation of the target inputs.
    const bool generated_target = !user_target_;
    TransferData d = make_moons_pair(pair_, rng);
    if (generated_target) {
      auto shift = [&](const Dataset& ds) {
        return translate(scale(ds, scale_, scale_), offset_, offset_);
      };
      d.target = shift(d.target);
      d.target_test = shift(d.target_test);
      target_view_ = shift(target_view_);
    }
    return d;
  }

  MoonsPairConfig pair_;
  double scale_ = 1.2, offset_ = 0.0;
  LayerTransferConfig cfg_;
  LayerTransfer main_, first_;
  SupervisedTrainer scratch_;
};

}  // namespace

std::unique_ptr<Scenario> make_layer_transfer_digits() {
  return std::make_unique<LayerTransferDigits>();
}
std::unique_ptr<Scenario> make_layer_transfer_sweep() {
  return std::make_unique<LayerTransferSweep>();
}
std::unique_ptr<Scenario> make_layer_transfer_input_shift() {
  return std::make_unique<LayerTransferInputShift>();
}

TL_NAMESPACE_END

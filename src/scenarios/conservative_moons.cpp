// conservative-moons: fine-tuning on very few rotated-moons points with a pull toward the source
// model (L2-SP, optionally the old head's output term), next to plain fine-tuning and to Learning
// without Forgetting (the output term alone, weight `lwf`, on the target inputs only) from the
// same source model with the same minibatches. With alpha = beta = kl = 0 the main variant and
// plain fine-tuning are the same computation, bit for bit. The method view follows each variant's
// (target accuracy, source accuracy kept) during adaptation, recorded every few steps.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "core/model_io.h"
#include "scenarios/both_labelled.h"
#include "scenarios/registry.h"
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
    v.real(
        "lwf", lwf_weight_, 0.0, 1e6,
        "Learning without Forgetting\nWeight of the LwF model's output term on the target inputs "
        "(Li & Hoiem 2016, temperature T).");
  }

  Status reset(uint64_t seed) override {
    Rng root(seed);
    Rng data_rng = root.split(1);
    TransferData data = make_moons_pair(pair_, data_rng);
    // Same generator for both: same pre-training, same re-initialisation, same minibatches.
    const Rng method_rng = root.split(2);
    plain_ = FineTune(cfg_.fine_tune, data, method_rng);
    // LwF: no parameter pull, the old head kept as a second head, its outputs on the target
    // inputs kept close to the recorded ones (the target head is the copied source head, as in
    // fine-tuning, since the classes are the moons').
    ConservativeConfig lwf = cfg_;
    lwf.alpha = 0;
    lwf.beta = 0;
    lwf.kl = lwf_weight_;
    lwf.kl_inputs = KlInputs::kTarget;
    lwf_ = Conservative(lwf, data, method_rng);
    main_ = Conservative(cfg_, std::move(data), method_rng);
    for (Trail& t : trails_) t = Trail();
    trail_steps_.clear();
    // About 60 points per trail.
    record_every_ = std::max(1L, main_.adapt_steps() / 60);
    return {};
  }

  ParamList params() override {
    // The variants start from main_'s source model: their own pre-training never runs (and
    // asking for its parameters would build it).
    if (!main_.adapting()) return main_.params();
    return join_params({main_.params(), plain_.params(), lwf_.params()});
  }
  StepStats step() override {
    StepStats s = step_side_by_side(main_, {&plain_, &lwf_}, {});
    if (main_.adapting()) {
      // Adaptation steps so far (0: the source model, just copied).
      const long k = main_.steps_done() - main_.pretrain_steps();
      if (k % record_every_ == 0 || done()) record_trails(k);
    }
    return s;
  }
  long total_steps() const override { return main_.total_steps(); }
  PhaseList phases() const override {
    return pretrain_adapt_phases(main_.pretrain_steps(), main_.total_steps(),
                                 "adapt to target, kept near the source");
  }
  long steps_done() const override { return main_.steps_done(); }

  Metrics metrics() override {
    const Metrics m = main_.metrics();
    const Metrics p = plain_.adapting() ? plain_.metrics() : m;
    const Metrics l = lwf_.adapting() ? lwf_.metrics() : m;
    Metrics out = {{"target_acc", metric(m, "target_acc")},
                   {"finetune_target_acc", metric(p, "target_acc")},
                   {"lwf_target_acc", metric(l, "target_acc")}};
    // Source accuracy after adaptation: through the old head when a variant keeps one, else
    // through the shared head (only defined when the target has the source's classes).
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& [key, ms] : {std::pair<const char*, const Metrics*>{"source_acc_after", &m},
                                  {"finetune_source_acc_after", &p},
                                  {"lwf_source_acc_after", &l}}) {
      const double v = metric(*ms, "source_acc_after", nan);
      if (!std::isnan(v)) out.emplace_back(key, v);
    }
    out.emplace_back("weight_distance", main_.weight_distance());
    out.emplace_back("finetune_weight_distance", plain_.weight_distance());
    out.emplace_back("source_acc", metric(m, "source_acc"));
    return out;
  }

  MetricInfoList metrics_info() const override {
    using K = MetricKind;
    using R = MetricRole;
    return {
        {"target_acc", K::kFraction, R::kMethod, "finetune_target_acc", "L2-SP",
         "conservative training (L2-SP pull, `alpha`): accuracy on the held-out target"},
        {"finetune_target_acc", K::kFraction, R::kBaseline, "", "fine-tuned",
         "plain fine-tuning from the same source model: accuracy on the held-out target"},
        {"lwf_target_acc", K::kFraction, R::kMethod, "finetune_target_acc", "LwF",
         "Learning without Forgetting (`lwf`): accuracy on the held-out target"},
        {"source_acc_after", K::kFraction, R::kDiagnostic, "finetune_source_acc_after",
         "source kept", "conservative model's accuracy on the held-out source after adaptation"},
        {"finetune_source_acc_after", K::kFraction, R::kDiagnostic, "", "fine-tuned source",
         "plain fine-tuning's accuracy on the held-out source after adaptation"},
        {"lwf_source_acc_after", K::kFraction, R::kDiagnostic, "finetune_source_acc_after",
         "LwF source", "LwF's accuracy on the held-out source after adaptation"},
        {"weight_distance", K::kValue, R::kDiagnostic, "finetune_weight_distance", "distance",
         "distance of the conservative model's weights from the source model's"},
        {"finetune_weight_distance", K::kValue, R::kDiagnostic, "", "fine-tuned distance",
         "distance of the fine-tuned weights from the source model's"},
        {"source_acc", K::kFraction, R::kDiagnostic, "", "source",
         "source model's accuracy on the held-out source, before adaptation"},
    };
  }

  int input_dim() const override { return main_.data().target.dim(); }
  int num_classes() const override { return main_.net().output_dim(); }
  Mat predict(const Mat& X) const override { return predict_proba(main_.net(), X); }
  std::string save_model() const override { return save_mlp(main_.net()); }

  ModelList models() const override {
    return {{"method", "L2-SP", MetricRole::kMethod, "target_acc"},
            {"finetune", "fine-tuned", MetricRole::kBaseline, "finetune_target_acc",
             main_.pretrain_steps()},
            {"lwf", "LwF", MetricRole::kMethod, "lwf_target_acc", main_.pretrain_steps()}};
  }
  Mat predict_model(int index, const Mat& X) const override {
    // The variants start from the main run's source model: before adaptation they are it.
    if (index == 1 && plain_.adapting()) return predict_proba(plain_.net(), X);
    if (index == 2 && lwf_.adapting()) return predict_proba(lwf_.net(), X);
    return predict(X);
  }

  /// Kind "conservative":
  ///   mats  trail_finetune, trail_l2sp, trail_lwf: 2 x n, one column per recorded adaptation
  ///           step (every few steps, the first at the copied source model): row 0 accuracy on
  ///           the held-out target, row 1 accuracy on the held-out source (source accuracy kept;
  ///           NaN when the target's classes are not the source's and the variant keeps no old
  ///           head);
  ///         trail_steps: 1 x n, the adaptation step of each column.
  ///   values alpha (L2-SP weight), lwf (LwF weight), source_acc (source model, before
  ///           adaptation), adapting (0/1), adapt_steps (the adaptation budget), and per variant
  ///           (finetune, l2sp, lwf): <v>_target_acc, <v>_source_kept (last recorded point) and
  ///           <v>_distance (||w - w_src|| / ||w_src|| over the copied layers, now).
  ///   texts methods: the variants' labels in the order finetune, l2sp, lwf.
  std::shared_ptr<const ViewData> view_data() override {
    auto vd = std::make_shared<ViewData>();
    vd->kind = "conservative";
    vd->step = steps_done();
    const std::array<const char*, 3> names = {"finetune", "l2sp", "lwf"};
    const std::array<const FineTune*, 3> runs = {&plain_, &main_, &lwf_};
    const Eigen::Index n = static_cast<Eigen::Index>(trail_steps_.size());
    Mat steps(1, n);
    for (Eigen::Index j = 0; j < n; ++j) steps(0, j) = static_cast<Scalar>(trail_steps_[j]);
    vd->mats["trail_steps"] = std::move(steps);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (size_t v = 0; v < names.size(); ++v) {
      const Trail& t = trails_[v];
      Mat m(2, n);
      for (Eigen::Index j = 0; j < n; ++j) {
        m(0, j) = t.target[j];
        m(1, j) = t.source[j];
      }
      vd->mats[std::string("trail_") + names[v]] = std::move(m);
      const std::string key = names[v];
      vd->values[key + "_target_acc"] = n > 0 ? t.target.back() : nan;
      vd->values[key + "_source_kept"] = n > 0 ? t.source.back() : nan;
      vd->values[key + "_distance"] = runs[v]->adapting() ? runs[v]->weight_distance() : 0.0;
    }
    vd->values["alpha"] = cfg_.alpha;
    vd->values["lwf"] = lwf_weight_;
    vd->values["adapting"] = main_.adapting() ? 1.0 : 0.0;
    vd->values["adapt_steps"] = static_cast<double>(main_.adapt_steps());
    vd->values["source_acc"] = source_acc_;
    vd->texts["methods"] = {"fine-tuned", "L2-SP", "LwF"};
    return vd;
  }

 private:
  /// One variant's recorded (target accuracy, source accuracy kept) points.
  struct Trail {
    std::vector<Scalar> target, source;
  };

  /// Appends the current point of every variant (adaptation step k).
  void record_trails(long k) {
    const std::array<FineTune*, 3> runs = {&plain_, &main_, &lwf_};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (size_t v = 0; v < runs.size(); ++v) {
      const Metrics m = runs[v]->metrics();
      trails_[v].target.push_back(static_cast<Scalar>(metric(m, "target_acc", nan)));
      trails_[v].source.push_back(static_cast<Scalar>(metric(m, "source_acc_after", nan)));
      if (v == 1) source_acc_ = metric(m, "source_acc", nan);
    }
    trail_steps_.push_back(k);
  }

  MoonsPairConfig pair_;
  ConservativeConfig cfg_;
  double lwf_weight_ = 1.0;
  Conservative main_, lwf_;
  FineTune plain_;
  std::array<Trail, 3> trails_;  ///< fine-tuned, L2-SP, LwF
  std::vector<long> trail_steps_;
  long record_every_ = 1;
  double source_acc_ = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace

void register_conservative_moons(std::vector<ScenarioInfo>& out) {
  out.push_back({"conservative-moons", "Conservative training: keep the old task",
                 "conservative training vs fine-tuning on 3 rotated-moons points per class: "
                 "L2-SP (`alpha`) and LwF (`lwf`, old head, target inputs only) keep 0.98 / "
                 "1.00 source accuracy vs 0.86 (se 0.02, 10 seeds); no effect on target accuracy",
                 Corner::kBothLabelled, "fine-tuning",
                 [] { return std::make_unique<ConservativeScenario>(); }});
}

TL_NAMESPACE_END

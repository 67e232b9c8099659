#pragma once
/// Shared parts of the scenarios with labelled source and target (fine-tuning, conservative
/// training, layer transfer, multitask learning, progressive networks): data preparation and the
/// lockstep training of side-by-side variants. Internal to src/scenarios.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/rng.h"
#include "scenarios/scenario.h"
#include "transfer/fine_tune.h"
#include "transfer/supervised.h"

TL_NAMESPACE_BEGIN

/// A labelled set cut into a few-shot training part and a held-out part.
struct FewShot {
  Dataset train, test;
};

/// `shots` points of every class for training, the rest held out. A class keeps at least one
/// held-out point when it has two or more (so a small user set still gets a test point).
FewShot few_shot_split(const Dataset& ds, int shots, Rng& rng);

/// A 2-D source (two moons, or the user's) and target (the same generator rotated by `angle`
/// degrees, or the user's) with held-out parts: the source split 75/25, the target few-shot.
/// The pair shares its classes (TransferData::shared_classes) unless the user's source and
/// target differ in class count or class names.
struct MoonsPairConfig {
  int points = 400;         ///< source points
  int target_points = 400;  ///< target pool: `shots` per class train, the rest is held out
  double noise = 0.1;
  double angle = 35;
  int shots = 5;
  void visit(ConfigVisitor& v);
};

/// Base of the 2-D scenarios: accepts the user's source and target (CSV / sketch).
class PairScenario : public Scenario {
 public:
  Status set_user_source(std::optional<Dataset> ds) override;
  Status set_user_target(std::optional<Dataset> ds) override;
  const Dataset* source_data() const override { return &source_view_; }
  const Dataset* target_data() const override { return &target_view_; }

 protected:
  /// Builds data_ from the config (or the user's data) and the generator.
  TransferData make_moons_pair(const MoonsPairConfig& cfg, Rng& rng);

  std::optional<Dataset> user_source_, user_target_;
  Dataset source_view_, target_view_;  ///< everything drawn: training and held-out points
};

/// Digits 0-4 (all labels; split 80/20) as source and digits 5-9 relabelled 0-4 with `shots` per
/// class as target (the rest held out). With `augment`, the source's training part also gets
/// copies shifted by one pixel in the 8 directions, rotated by +-12 and +-24 degrees and blurred
/// (14x the images):
/// 900 small images of five classes teach features too specific to help new classes, while the
/// invariances learnt from the augmented source carry over. The classes are not shared.
Result<TransferData> digits_pair(int shots, bool augment, Rng& rng);
/// The settings of digits_pair: `shots` and `augment`.
void visit_digits_pair(ConfigVisitor& v, int& shots, bool& augment);

/// Steps `main`; when it enters adaptation, starts every variant from its source model; during
/// adaptation steps the variants and the scratch baselines too (same budget, same seed).
StepStats step_side_by_side(FineTune& main, const std::vector<FineTune*>& variants,
                            const std::vector<SupervisedTrainer*>& scratch);

/// step_side_by_side in slices (Scenario::step_slice): `main`'s step, then each variant's, then
/// each scratch baseline's, one model per slice, in the same order with the same results.
class SideBySideSlices {
 public:
  /// Runs the next slice; true when the step is complete (its statistics in `*out`).
  bool next(FineTune& main, const std::vector<FineTune*>& variants,
            const std::vector<SupervisedTrainer*>& scratch, StepStats* out);
  /// Forgets a step in progress (a new model).
  void clear() { next_ = 0; }

 private:
  size_t next_ = 0;  // the slice to run: 0 main, then the variants, then the scratch runs
  StepStats stats_;
};

/// The two phases of a pre-trained method: "pre-train on source" from step 0, then `adapt` (what
/// it does with the target) from step `pretrain`; empty when either phase has no steps.
PhaseList pretrain_adapt_phases(long pretrain, long total, const std::string& adapt);

/// A from-scratch baseline: the same network trained on the target training points alone.
SupervisedTrainer make_scratch(const TrainConfig& tc, const Dataset& target, int input_dim,
                               Rng& rng);

TL_NAMESPACE_END

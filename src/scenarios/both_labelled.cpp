// What the scenarios with labelled source and target share (fine-tuning, conservative training,
// layer transfer, multitask learning, progressive networks): data preparation and lockstep
// training. Each scenario file registers its own scenarios (registry.h).
#include <algorithm>

#include "data/digits.h"
#include "data/split.h"
#include "data/synthetic.h"
#include "scenarios/both_labelled.h"

TL_NAMESPACE_BEGIN

FewShot few_shot_split(const Dataset& ds, int shots, Rng& rng) {
  std::vector<std::vector<int>> groups(std::max(ds.num_classes, 0));
  for (int j : permutation(ds.size(), rng))
    if (ds.y[j] >= 0 && ds.y[j] < ds.num_classes) groups[ds.y[j]].push_back(j);
  std::vector<int> train, test;
  for (const auto& group : groups) {
    const int n = static_cast<int>(group.size());
    const int k = std::min(shots, n >= 2 ? n - 1 : n);
    train.insert(train.end(), group.begin(), group.begin() + k);
    test.insert(test.end(), group.begin() + k, group.end());
  }
  std::sort(test.begin(), test.end());
  return {ds.subset(train), ds.subset(test)};
}

void MoonsPairConfig::visit(ConfigVisitor& v) {
  v.integer("points", points, 8, 20000, "Source points\nPoints of the source data (two moons).");
  v.integer("target_points", target_points, 8, 20000,
            "Target points\nThe target pool: the labelled shots train, the rest are held out for "
            "testing.");
  v.real("noise", noise, 0.0, 2.0,
         "Noise\nStandard deviation of the Gaussian jitter added to each point.");
  v.real("angle", angle, -180.0, 180.0,
         "Target rotation (degrees)\nHow far the target moons are turned.");
  v.integer(
      "shots", shots, 1, 10000,
      "Labelled target points per class\nTarget points with labels, per class (1 = one-shot).");
}

namespace {
Status check_user(const std::optional<Dataset>& ds, const char* what) {
  return ds ? check_labelled(*ds, what, 2) : Status{};
}
Dataset with_domain(Dataset ds, int domain) {
  ds.domain.assign(ds.size(), domain);
  return ds;
}
}  // namespace

Status PairScenario::set_user_source(std::optional<Dataset> ds) {
  Status st = check_user(ds, "source");
  if (st.ok()) user_source_ = std::move(ds);
  return st;
}

Status PairScenario::set_user_target(std::optional<Dataset> ds) {
  Status st = check_user(ds, "target");
  if (st.ok()) user_target_ = std::move(ds);
  return st;
}

TransferData PairScenario::make_moons_pair(const MoonsPairConfig& cfg, Rng& rng) {
  Rng data_rng = rng.split(1);
  Rng split_rng = rng.split(2);
  Dataset source = user_source_ ? *user_source_ : make_moons(cfg.points, cfg.noise, data_rng);
  Dataset target = user_target_
                       ? *user_target_
                       : rotate(make_moons(cfg.target_points, cfg.noise, data_rng), cfg.angle);
  const Split s = stratified_split(source, 0.25, split_rng);
  FewShot f = few_shot_split(target, cfg.shots, split_rng);
  source_view_ = with_domain(source, 0);
  target_view_ = with_domain(concat(f.train, f.test), 1);
  TransferData d{source.subset(s.train), std::move(f.train), source.subset(s.test),
                 std::move(f.test)};
  // Rotated moons keep the moons' classes. With the user's data, label k names the same class in
  // both when the class counts match and so do the class names (numeric labels have none).
  d.shared_classes =
      (!user_source_ && !user_target_) ||
      (source.num_classes == target.num_classes && source.class_names == target.class_names);
  return d;
}

void visit_digits_pair(ConfigVisitor& v, int& shots, bool& augment) {
  v.integer(
      "shots", shots, 1, 170,
      "Labelled target digits per class\nTarget digits with labels, per class (1 = one-shot).");
  v.flag(
      "augment", augment,
      "Augment the source digits\nAdd shifted, rotated and blurred copies of the source digits.");
}

Result<TransferData> digits_pair(int shots, bool augment, Rng& rng) {
  auto all = load_digits();
  if (!all) return Error{all.error()};
  Rng split_rng = rng.split(1);
  const Dataset source = all->with_classes({0, 1, 2, 3, 4}, true);
  const Dataset target = all->with_classes({5, 6, 7, 8, 9}, true);
  const Split s = stratified_split(source, 0.2, split_rng);
  FewShot f = few_shot_split(target, shots, split_rng);
  const Dataset train = source.subset(s.train);
  Dataset augmented = train;
  if (augment) {
    std::vector<Dataset> parts = {train};
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        if (dx != 0 || dy != 0) parts.push_back(digits_shift(train, dx, dy));
    for (double degrees : {-24.0, -12.0, 12.0, 24.0})
      parts.push_back(digits_rotate(train, degrees));
    parts.push_back(digits_blur(train, 0.5));
    // One allocation for all copies (repeated concat() would copy quadratically).
    augmented.X.resize(train.dim(), train.size() * static_cast<Eigen::Index>(parts.size()));
    augmented.y.clear();
    for (size_t k = 0; k < parts.size(); ++k) {
      augmented.X.middleCols(train.size() * static_cast<Eigen::Index>(k), train.size()) =
          parts[k].X;
      augmented.y.insert(augmented.y.end(), parts[k].y.begin(), parts[k].y.end());
    }
    augmented.domain.clear();
  }
  // Target labels 0-4 are the digits 5-9: other classes than the source's 0-4.
  TransferData d{std::move(augmented), std::move(f.train), source.subset(s.test),
                 std::move(f.test)};
  d.shared_classes = false;
  return d;
}

StepStats step_side_by_side(FineTune& main, const std::vector<FineTune*>& variants,
                            const std::vector<SupervisedTrainer*>& scratch) {
  const bool was_adapting = main.adapting();
  StepStats s = main.step();
  if (!was_adapting && main.adapting())
    for (FineTune* v : variants) v->begin_adapt(main.source_net());
  if (s.phase == "adapt") {
    for (FineTune* v : variants) v->step();
    for (SupervisedTrainer* t : scratch) {
      const StepStats ts = t->step();
      if (t == scratch.front()) s.aux.emplace_back("scratch_loss", ts.loss);
    }
  }
  return s;
}

bool SideBySideSlices::next(FineTune& main, const std::vector<FineTune*>& variants,
                            const std::vector<SupervisedTrainer*>& scratch, StepStats* out) {
  const size_t others = variants.size() + scratch.size();
  if (next_ == 0) {
    const bool was_adapting = main.adapting();
    stats_ = main.step();
    if (!was_adapting && main.adapting())
      for (FineTune* v : variants) v->begin_adapt(main.source_net());
    if (stats_.phase != "adapt" || others == 0) {
      *out = std::move(stats_);
      return true;
    }
    next_ = 1;
    return false;
  }
  const size_t i = next_ - 1;
  if (i < variants.size()) {
    variants[i]->step();
  } else {
    SupervisedTrainer* t = scratch[i - variants.size()];
    const StepStats ts = t->step();
    if (t == scratch.front()) stats_.aux.emplace_back("scratch_loss", ts.loss);
  }
  if (++next_ <= others) return false;
  next_ = 0;
  *out = std::move(stats_);
  return true;
}

PhaseList pretrain_adapt_phases(long pretrain, long total, const std::string& adapt) {
  if (pretrain <= 0 || pretrain >= total) return {};
  return {{"pre-train on source", 0}, {adapt, pretrain}};
}

SupervisedTrainer make_scratch(const TrainConfig& tc, const Dataset& target, int input_dim,
                               Rng& rng) {
  Rng init_rng = rng.split(1);
  Rng batch_rng = rng.split(2);
  Mlp net(make_spec(tc, input_dim, std::max(2, target.num_classes)), init_rng);
  return SupervisedTrainer(std::move(net), target, tc, batch_rng);
}

TL_NAMESPACE_END

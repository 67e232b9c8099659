// Scenarios with unlabelled source data (the lecture's "source unlabelled" column):
//   selftaught-digits             autoencoder on unlabelled digits 5-9, few-shot digits 0-4
//   selftaught-2d                 autoencoder on unlabelled spiral points, few labels per arm
//   selftaught-clustering-digits  clustering a small set of digits with help from other digits
// Each trains the raw-feature baseline side by side on the same seed and budget.
#include <cmath>

#include "core/metrics.h"
#include "data/digits.h"
#include "data/split.h"
#include "data/synthetic.h"
#include "scenarios/registry.h"
#include "transfer/kmeans.h"
#include "transfer/self_taught.h"
#include "transfer/self_taught_clustering.h"
#include "transfer/supervised.h"

TL_NAMESPACE_BEGIN

namespace {

/// Drops the labels (the source is unlabelled whatever the file says).
Dataset without_labels(Dataset ds) {
  std::fill(ds.y.begin(), ds.y.end(), kUnlabelled);
  ds.num_classes = 0;
  ds.class_names.clear();
  return ds;
}

Status check_unlabelled(const Dataset& ds, const std::string& what, int dim) {
  if (ds.empty()) return {what + ": no data points"};
  if (ds.dim() != dim)
    return {what + ": expected " + std::to_string(dim) + " feature columns, got " +
            std::to_string(ds.dim())};
  if (!ds.X.allFinite()) return {what + ": contains NaN or infinite values"};
  return {};
}

// ---------------------------------------------------------------------------------------------
// Self-taught learning: selftaught-digits and selftaught-2d share one scenario class; only the
// data differ.

enum class StlData { kDigits, kSpiral };

struct StlScenarioConfig {
  StlData data;
  int shots = 5;
  // 2-D only
  std::string shape = "spiral";
  int arms = 3;
  int source_points = 2000;
  int target_points = 600;
  double noise = 0.05;
  SelfTaughtConfig method;

  explicit StlScenarioConfig(StlData d) : data(d) {
    // Both: the same softmax regression on learned and on raw features (a linear probe of the
    // representation).
    method.classifier = "softmax";
    if (data == StlData::kDigits) {
      method.ae.hidden = {100};
      method.ae.epochs = 200;
      method.train.epochs = 200;
    } else {
      method.ae.hidden = {64};
      method.ae.corruption = 0.05;
      method.ae.epochs = 40;
      method.standardize = true;
      method.train.epochs = 300;
    }
  }
  void visit(ConfigVisitor& v) {
    v.integer("shots", shots, 1, 500, "labelled target points per class");
    if (data == StlData::kSpiral) {
      v.choice("shape", shape, generator_names(), "2-D generator of source and target");
      v.integer("arms", arms, 2, 8, "spiral arms / blobs (classes)");
      v.integer("source_points", source_points, 10, 50000, "unlabelled source points");
      v.integer("target_points", target_points, 10, 50000, "target points (labelled + test)");
      v.real("noise", noise, 0.0, 1.0, "spiral noise (std)");
    }
    method.visit(v);
  }
};

class SelfTaughtScenario : public Scenario {
 public:
  explicit SelfTaughtScenario(StlData data) : cfg_(data) {}

  void visit(ConfigVisitor& v) override { cfg_.visit(v); }

  int data_dim() const { return cfg_.data == StlData::kDigits ? kDigitPixels : 2; }

  Status set_user_source(std::optional<Dataset> ds) override {
    if (ds) {
      Status st = check_unlabelled(*ds, "source", data_dim());
      if (!st.ok()) return st;
    }
    user_source_ = std::move(ds);
    return {};
  }
  Status set_user_target(std::optional<Dataset> ds) override {
    if (ds) {
      Status st = check_labelled(*ds, "target", data_dim());
      if (!st.ok()) return st;
    }
    user_target_ = std::move(ds);
    return {};
  }

  Status reset(uint64_t seed) override {
    Rng rng(seed);
    Rng data_rng = rng.split(1);
    Dataset source, target;
    if (cfg_.data == StlData::kDigits) {
      if (!user_source_ || !user_target_) {
        auto digits = load_digits();
        if (!digits.ok()) return {digits.error()};
        source = digits->with_classes({5, 6, 7, 8, 9}, true);
        target = digits->with_classes({0, 1, 2, 3, 4}, true);
      }
    } else {
      // Source and target come from the same spiral (same arms); the source's labels are
      // dropped. Generated apart so that they share no point.
      Rng src_rng = data_rng.split(1), tgt_rng = data_rng.split(2);
      source = *make_named(cfg_.shape, cfg_.source_points, cfg_.noise, cfg_.arms, src_rng);
      target = *make_named(cfg_.shape, cfg_.target_points, cfg_.noise, cfg_.arms, tgt_rng);
    }
    if (user_source_) source = *user_source_;
    if (user_target_) target = *user_target_;
    source = without_labels(std::move(source));
    target.fit_num_classes();

    Rng split_rng = rng.split(2);
    std::vector<int> rest;
    const std::vector<int> shots = few_shot_indices(target, cfg_.shots, split_rng, &rest);
    Dataset train = target.subset(shots);
    Dataset test = target.subset(rest);
    if (test.empty()) test = train;

    const uint64_t method_seed = static_cast<uint64_t>(rng.next_u32()) << 32 | rng.next_u32();
    method_ = std::make_unique<SelfTaught>(cfg_.method, source, train, method_seed);
    Rng raw_init = rng.split(3);
    const int classes = std::max(2, target.num_classes);
    // The raw baseline: the same classifier on the raw features as they are.
    Dataset raw_train = train;
    raw_test_ = test;
    raw_ =
        SupervisedTrainer(make_self_taught_classifier(cfg_.method, train.dim(), classes, raw_init),
                          raw_train, cfg_.method.train, rng.split(4));
    source_ = std::move(source);
    train_ = std::move(train);
    test_ = std::move(test);
    return {};
  }

  ParamList params() override {
    return method_ ? join_params({method_->params(), raw_.net.params()}) : ParamList{};
  }
  StepStats step() override {
    StepStats s = method_->step();
    if (method_->phase() == "classifier" && raw_.steps_done() < method_->classifier_steps()) {
      const StepStats r = raw_.step();
      s.aux.emplace_back("raw_loss", r.loss);
    }
    return s;
  }
  long total_steps() const override { return method_ ? method_->total_steps() : 0; }
  long steps_done() const override { return method_ ? method_->steps_done() : 0; }

  Metrics metrics() override {
    const Mat p = method_->predict_proba(test_.X);
    return {{"target_acc", accuracy(argmax_cols(p), test_.y)},
            {"raw_target_acc", accuracy_of(raw_.net, raw_test_)},
            {"reconstruction_error", method_->reconstruction_error(test_.X)},
            {"source_reconstruction_error", method_->reconstruction_error(source_.X)},
            {"train_acc", metric(method_->metrics(), "train_acc")}};
  }

  const Dataset* source_data() const override { return &source_; }
  const Dataset* target_data() const override { return &train_; }
  int input_dim() const override { return data_dim(); }
  int num_classes() const override { return method_ ? method_->classifier().output_dim() : 2; }
  Mat predict(const Mat& X) const override { return method_->predict_proba(X); }

 private:
  StlScenarioConfig cfg_;
  std::optional<Dataset> user_source_, user_target_;
  Dataset source_, train_, test_, raw_test_;
  std::unique_ptr<SelfTaught> method_;
  SupervisedTrainer raw_;
};

// ---------------------------------------------------------------------------------------------
// selftaught-clustering-digits

struct StcScenarioConfig {
  std::string auxiliary = "0-4";  ///< auxiliary digit classes; the target takes the others
  int target_per_class = 30;      ///< target points per digit class
  SelfTaughtClusteringConfig method;
  StcScenarioConfig() {
    method.ae.hidden = {100};
    method.ae.epochs = 200;
  }
  void visit(ConfigVisitor& v) {
    v.choice("auxiliary", auxiliary, {"0-4", "5-9"},
             "digit classes of the unlabelled auxiliary set (the target has the other five)");
    v.integer("target_per_class", target_per_class, 2, 200, "target points per digit class");
    method.visit(v);
  }
};

class SelfTaughtClusteringScenario : public Scenario {
 public:
  void visit(ConfigVisitor& v) override { cfg_.visit(v); }

  Status reset(uint64_t seed) override {
    auto digits = load_digits();
    if (!digits.ok()) return {digits.error()};
    const std::vector<int> low = {0, 1, 2, 3, 4}, high = {5, 6, 7, 8, 9};
    const bool aux_low = cfg_.auxiliary == "0-4";
    Rng rng(seed);
    Rng pick_rng = rng.split(1);
    Dataset aux = without_labels(digits->with_classes(aux_low ? low : high, true));
    Dataset pool = digits->with_classes(aux_low ? high : low, true);
    Dataset target = pool.subset(few_shot_indices(pool, cfg_.target_per_class, pick_rng));
    const uint64_t method_seed = static_cast<uint64_t>(rng.next_u32()) << 32 | rng.next_u32();
    method_ = std::make_unique<SelfTaughtClusterer>(cfg_.method, aux, target, method_seed);
    // The baseline: k-means on the raw pixels, with the same k and restarts.
    Rng raw_rng = rng.split(2);
    KMeansConfig kc;
    kc.k = cfg_.method.clusters;
    kc.restarts = cfg_.method.restarts;
    raw_ = kmeans(target.X, kc, raw_rng);
    aux_ = std::move(aux);
    target_ = std::move(target);
    return {};
  }

  ParamList params() override { return method_ ? method_->params() : ParamList{}; }
  StepStats step() override { return method_->step(); }
  long total_steps() const override { return method_ ? method_->total_steps() : 0; }
  long steps_done() const override { return method_ ? method_->steps_done() : 0; }

  Metrics metrics() override {
    const Metrics m = method_->metrics();
    return {{"nmi", metric(m, "nmi")},
            {"purity", metric(m, "purity")},
            {"raw_nmi", nmi(raw_.assign, target_.y)},
            {"raw_purity", purity(raw_.assign, target_.y)},
            {"stc_nmi", metric(m, "stc_nmi")},
            {"stc_purity", metric(m, "stc_purity")},
            {"stc_objective", metric(m, "stc_objective")},
            {"reconstruction_error", metric(m, "reconstruction_error")}};
  }

  const Dataset* source_data() const override { return &aux_; }
  const Dataset* target_data() const override { return &target_; }
  int input_dim() const override { return kDigitPixels; }
  int num_classes() const override { return cfg_.method.clusters; }
  Mat predict(const Mat& X) const override { return method_->predict(X); }

 private:
  StcScenarioConfig cfg_;
  Dataset aux_, target_;
  std::unique_ptr<SelfTaughtClusterer> method_;
  KMeansResult raw_;
};

}  // namespace

void register_source_unlabelled(std::vector<ScenarioInfo>& out) {
  out.push_back({"selftaught-digits",
                 "self-taught learning: sparse denoising autoencoder on unlabelled digits 5-9, "
                 "classifier on its features for few-shot digits 0-4 (vs raw pixels)",
                 Corner::kSourceUnlabelled,
                 [] { return std::make_unique<SelfTaughtScenario>(StlData::kDigits); }});
  out.push_back({"selftaught-2d",
                 "self-taught learning in 2-D: unlabelled spiral points shape the features, a "
                 "few labels per arm train the classifier (vs raw coordinates)",
                 Corner::kSourceUnlabelled,
                 [] { return std::make_unique<SelfTaughtScenario>(StlData::kSpiral); }});
  out.push_back({"selftaught-clustering-digits",
                 "self-taught clustering: a small unlabelled set of digits clustered with help "
                 "from unlabelled digits of other classes (autoencoder features and "
                 "co-clustering vs k-means on raw pixels)",
                 Corner::kSourceUnlabelled,
                 [] { return std::make_unique<SelfTaughtClusteringScenario>(); }});
}

TL_NAMESPACE_END

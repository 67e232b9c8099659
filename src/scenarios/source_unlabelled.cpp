// Scenarios with unlabelled source data (the lecture's "source unlabelled" column):
//   selftaught-digits             autoencoder on unlabelled digits 5-9, few-shot digits 0-4
//   selftaught-2d                 autoencoder on unlabelled points of other spiral arms (or of
//                                 the whole plane), few labels per arm of the target spiral
//   selftaught-clustering-digits  clustering a small set of digits with help from other digits
//   selftaught-clustering-text    clustering short documents with help from documents on other
//                                 topics
// Each trains its controls side by side on the same seed and budget.
#include <cmath>
#include <iterator>

#include "core/metrics.h"
#include "data/digits.h"
#include "data/documents.h"
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

/// n points uniform over the square [-half, half]^2, unlabelled.
Dataset uniform_square(int n, double half, Rng& rng) {
  Dataset ds;
  ds.X.resize(2, n);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < 2; ++i) ds.X(i, j) = static_cast<Scalar>(rng.uniform(-half, half));
  ds.y.assign(static_cast<size_t>(n), kUnlabelled);
  return ds;
}

/// Accuracy on `test` of the self-taught classifier (softmax or MLP, as configured) trained for
/// the configured epochs on `train`; init and batching from `seed`.
double probe_accuracy(const SelfTaughtConfig& cfg, const Dataset& train, const Dataset& test,
                      int classes, uint64_t seed) {
  Rng rng(seed);
  Rng init = rng.split(1);
  SupervisedTrainer t(make_self_taught_classifier(cfg, train.dim(), classes, init), train,
                      cfg.train, rng.split(2));
  const long steps = steps_for(train.size(), cfg.train.batch, cfg.train.epochs);
  while (t.steps_done() < steps) t.step();
  return accuracy_of(t.net, test);
}

// ---------------------------------------------------------------------------------------------
// Self-taught learning: selftaught-digits and selftaught-2d share one scenario class; only the
// data differ. Next to the learned features, two controls train the same classifier: on the raw
// input (raw_target_acc) and on the features of the same encoder left untrained, i.e. at the
// learned encoder's initial weights (random_features_target_acc), so the gain from *learning*
// the features is visible apart from the gain of any nonlinear feature map.

enum class StlData { kDigits, kSpiral };

/// Labelled points per class of the digits scenario's curve over shots.
constexpr int kCurveShots[] = {1, 2, 5, 10};
/// Probes per level of the curve: learned, raw and untrained-encoder features.
constexpr size_t kCurveProbes = 3;

/// The unlabelled source of the 2-D scenario (StlScenarioConfig::source).
enum class StlSource { kOtherArms, kPlane };
const ChoiceSpec<StlSource> kStlSourceChoices = {{StlSource::kOtherArms, "other-arms"},
                                                 {StlSource::kPlane, "plane"}};

struct StlScenarioConfig {
  StlData data;
  int shots = 5;
  bool curve = true;  ///< digits only: also report learned/raw/random accuracy at kCurveShots
  // 2-D only
  Generator shape = Generator::kSpiral;
  StlSource source = StlSource::kOtherArms;
  int arms = 3;
  int source_points = 2000;
  int target_points = 600;
  double noise = 0.05;
  SelfTaughtConfig method;

  explicit StlScenarioConfig(StlData d) : data(d) {
    // Both: the same softmax regression on learned and on raw features (a linear probe of the
    // representation).
    method.classifier = StlClassifier::kSoftmax;
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
    if (data == StlData::kDigits)
      v.flag("curve", curve,
             "after training, also report learned / raw / random-feature accuracy at 1, 2, 5 "
             "and 10 labelled digits per class");
    if (data == StlData::kSpiral) {
      choice_enum(v, "shape", shape, kGeneratorChoices, "2-D generator of the target");
      choice_enum(v, "source", source, kStlSourceChoices,
                  "unlabelled source: the generator turned by half a class spacing (for the "
                  "spiral, arms between the target's arms: other classes), or uniform points over "
                  "the square [-2.2, 2.2]^2 (another distribution)");
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
      // The unlabelled source is not the target's distribution (that would be semi-supervised
      // learning): either the other classes of a generator with twice the arms, or points
      // spread over the whole plane. Generated apart from the target.
      Rng src_rng = data_rng.split(1), tgt_rng = data_rng.split(2);
      target = make_generated(cfg_.shape, cfg_.target_points, cfg_.noise, cfg_.arms, tgt_rng);
      if (cfg_.source == StlSource::kOtherArms)
        source =
            rotate(make_generated(cfg_.shape, cfg_.source_points, cfg_.noise, cfg_.arms, src_rng),
                   180.0 / cfg_.arms);
      else
        source = uniform_square(cfg_.source_points, 2.2, src_rng);
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
    // The untrained-encoder control: same seed, hence the same encoder initialisation, classifier
    // initialisation and batches as the learned one; no pretraining steps.
    SelfTaughtConfig untrained = cfg_.method;
    untrained.ae.epochs = 0;
    random_ = std::make_unique<SelfTaught>(untrained, source, train, method_seed);
    Rng raw_init = rng.split(3);
    const int classes = std::max(2, target.num_classes);
    // The raw baseline: the same classifier on the raw features as they are.
    raw_ =
        SupervisedTrainer(make_self_taught_classifier(cfg_.method, train.dim(), classes, raw_init),
                          train, cfg_.method.train, rng.split(4));
    curve_seed_ = static_cast<uint64_t>(rng.next_u32()) << 32 | rng.next_u32();
    curve_levels_ = cfg_.data == StlData::kDigits && cfg_.curve ? std::size(kCurveShots) : 0;
    curve_done_ = 0;
    curve_metrics_.clear();
    source_ = std::move(source);
    target_ = std::move(target);
    train_ = std::move(train);
    test_ = std::move(test);
    return {};
  }

  ParamList params() override {
    return method_ ? join_params({method_->params(), raw_.net.params(), random_->params()})
                   : ParamList{};
  }
  StepStats step() override {
    if (method_->steps_done() >= method_->total_steps()) return curve_step();
    StepStats s = method_->step();
    if (method_->phase() == "classifier") {
      if (raw_.steps_done() < method_->classifier_steps())
        s.aux.emplace_back("raw_loss", raw_.step().loss);
      if (random_->steps_done() < random_->total_steps())
        s.aux.emplace_back("random_features_loss", random_->step().loss);
    }
    return s;
  }
  long total_steps() const override {
    return method_ ? method_->total_steps() + static_cast<long>(curve_probes()) : 0;
  }
  long steps_done() const override {
    return method_ ? method_->steps_done() + static_cast<long>(curve_done_) : 0;
  }

  Metrics metrics() override {
    const Mat p = method_->predict_proba(test_.X);
    Metrics m = {{"target_acc", accuracy(argmax_cols(p), test_.y)},
                 {"raw_target_acc", accuracy_of(raw_.net, test_)},
                 {"random_features_target_acc",
                  accuracy(argmax_cols(random_->predict_proba(test_.X)), test_.y)},
                 {"reconstruction_error", method_->reconstruction_error(test_.X)},
                 {"source_reconstruction_error", method_->reconstruction_error(source_.X)},
                 {"train_acc", metric(method_->metrics(), "train_acc")}};
    m.insert(m.end(), curve_metrics_.begin(), curve_metrics_.end());
    return m;
  }

  MetricInfoList metrics_info() const override {
    using K = MetricKind;
    using R = MetricRole;
    return {
        {"target_acc", K::kFraction, R::kMethod, "raw_target_acc", "learned features",
         "softmax on the autoencoder's features: accuracy on the held-out target"},
        {"raw_target_acc", K::kFraction, R::kBaseline, "", "raw",
         "the same softmax on the raw inputs"},
        {"random_features_target_acc", K::kFraction, R::kBaseline, "", "untrained",
         "the same softmax on an untrained encoder's features"},
        {"reconstruction_error", K::kLoss, R::kDiagnostic, "", "reconstruction",
         "autoencoder's reconstruction error on the target inputs"},
        {"source_reconstruction_error", K::kLoss, R::kDiagnostic, "", "source reconstruction",
         "autoencoder's reconstruction error on the unlabelled source"},
        {"train_acc", K::kFraction, R::kDiagnostic, "", "train",
         "softmax accuracy on its labelled training points"},
        {"curve_learned_acc_shots*", K::kFraction, R::kMethod, "curve_raw_acc_shots*",
         "learned *-shot", "shots curve: accuracy on learned features with this many labels"},
        {"curve_raw_acc_shots*", K::kFraction, R::kBaseline, "", "raw *-shot",
         "shots curve: accuracy on raw inputs with this many labels"},
        {"curve_random_acc_shots*", K::kFraction, R::kBaseline, "", "untrained *-shot",
         "shots curve: accuracy on untrained-encoder features with this many labels"},
    };
  }

  const Dataset* source_data() const override { return &source_; }
  const Dataset* target_data() const override { return &train_; }
  int input_dim() const override { return data_dim(); }
  int num_classes() const override { return method_ ? method_->classifier().output_dim() : 2; }
  Mat predict(const Mat& X) const override { return method_->predict_proba(X); }

 private:
  // curve: no joint objective; each step trains one probe to the end: the classifier, L = mean
  // softmax cross-entropy + clf_l2/2 ||W||^2, on `shots` labelled targets per class (one level
  // of kCurveShots, the same draw for all three probes of a level) as learned, raw or
  // untrained-encoder features; the rest of the target is the test set. One probe per step keeps
  // a step short enough for the page's frame budget.
  StepStats curve_step() {
    StepStats s;
    s.phase = "curve";
    if (curve_done_ < curve_probes()) {
      const int shots = kCurveShots[curve_done_ / kCurveProbes];
      const size_t probe = curve_done_ % kCurveProbes;
      Rng split_rng = Rng(curve_seed_).split(static_cast<uint64_t>(shots));
      std::vector<int> rest;
      Dataset train = target_.subset(few_shot_indices(target_, shots, split_rng, &rest));
      Dataset test = target_.subset(rest);
      static constexpr const char* kProbeNames[kCurveProbes] = {"learned", "raw", "random"};
      const SelfTaught* encoder = probe == 0 ? method_.get() : probe == 2 ? random_.get() : nullptr;
      if (encoder) {
        Mat F;
        encoder->features(train.X, F);
        train.X = std::move(F);
        encoder->features(test.X, F);
        test.X = std::move(F);
      }
      const double acc = probe_accuracy(cfg_.method, train, test, std::max(2, target_.num_classes),
                                        curve_seed_ + static_cast<uint64_t>(shots));
      curve_metrics_.emplace_back(
          std::string("curve_") + kProbeNames[probe] + "_acc_shots" + std::to_string(shots), acc);
      s.loss = acc;
      ++curve_done_;
    }
    s.step = steps_done();
    return s;
  }
  size_t curve_probes() const { return curve_levels_ * kCurveProbes; }

  StlScenarioConfig cfg_;
  std::optional<Dataset> user_source_, user_target_;
  Dataset source_, target_, train_, test_;
  std::unique_ptr<SelfTaught> method_, random_;
  SupervisedTrainer raw_;
  uint64_t curve_seed_ = 0;
  size_t curve_levels_ = 0, curve_done_ = 0;  ///< levels of kCurveShots; probes trained so far
  Metrics curve_metrics_;
};

// ---------------------------------------------------------------------------------------------
// Self-taught clustering: selftaught-clustering-digits and selftaught-clustering-text share one
// scenario class; only the data differ. Beside both routes of the method (autoencoder codes +
// cosine k-means, co-clustering with the auxiliary set), the scenario reports k-means on the raw
// features, Euclidean (raw_*) and cosine (raw_cosine_*, the fair control of the code route,
// which also normalises), and the method reports the co-clustering without auxiliary data
// (stc_noaux_*, the fair control of the co-clustering route).

enum class StcData { kDigits, kText };

/// Topics of the text scenario: the target's 4 classes are the pairs (0,1) (2,3) (4,5) (6,7),
/// the auxiliary documents' 8 classes are other pairs (data/documents.h).
constexpr int kTextTopics = 8;

/// The digit classes of the unlabelled auxiliary set (StcScenarioConfig::auxiliary).
enum class AuxDigits { kLow, kHigh };
const ChoiceSpec<AuxDigits> kAuxDigitsChoices = {{AuxDigits::kLow, "0-4"},
                                                 {AuxDigits::kHigh, "5-9"}};

struct StcScenarioConfig {
  StcData data;
  AuxDigits auxiliary =
      AuxDigits::kLow;        ///< digits: auxiliary digit classes; the target takes the others
  int target_per_class = 30;  ///< target points per class
  int aux_per_class = 100;    ///< text: auxiliary documents per class
  TopicDocumentsSpec docs;    ///< text: vocabulary and document length
  SelfTaughtClusteringConfig method;
  explicit StcScenarioConfig(StcData d) : data(d) {
    if (data == StcData::kDigits) {
      method.ae.hidden = {100};
      method.ae.epochs = 200;
    } else {
      docs.topics = kTextTopics;
      target_per_class = 15;
      method.clusters = kTextTopics / 2;
      method.ae.hidden = {16};
      method.stc.aux_clusters = 8;
      method.stc.feature_clusters = 8;
    }
  }
  void visit(ConfigVisitor& v) {
    if (data == StcData::kDigits) {
      choice_enum(v, "auxiliary", auxiliary, kAuxDigitsChoices,
                  "digit classes of the unlabelled auxiliary set (the target has the other five)");
      v.integer("target_per_class", target_per_class, 2, 200, "target points per digit class");
    } else {
      v.integer("target_per_class", target_per_class, 2, 500, "target documents per class (4)");
      v.integer("aux_per_class", aux_per_class, 1, 1000,
                "unlabelled auxiliary documents per class (8 other topic pairs)");
      v.integer("doc_length", docs.length, 1, 1000, "words per document");
      v.integer("topic_words", docs.words, 1, 50, "words per topic (vocabulary: 8 topics)");
      v.real("background", docs.background, 0.0, 1.0,
             "probability that a word comes from a random topic");
    }
    method.visit(v);
  }
};

class SelfTaughtClusteringScenario : public Scenario {
 public:
  explicit SelfTaughtClusteringScenario(StcData data) : cfg_(data) {}

  void visit(ConfigVisitor& v) override { cfg_.visit(v); }

  Status reset(uint64_t seed) override {
    Rng rng(seed);
    Rng pick_rng = rng.split(1);
    Dataset aux, target;
    if (cfg_.data == StcData::kDigits) {
      auto digits = load_digits();
      if (!digits.ok()) return {digits.error()};
      const std::vector<int> low = {0, 1, 2, 3, 4}, high = {5, 6, 7, 8, 9};
      const bool aux_low = cfg_.auxiliary == AuxDigits::kLow;
      aux = without_labels(digits->with_classes(aux_low ? low : high, true));
      Dataset pool = digits->with_classes(aux_low ? high : low, true);
      target = pool.subset(few_shot_indices(pool, cfg_.target_per_class, pick_rng));
    } else {
      target = make_topic_documents(adjacent_topic_pairs(kTextTopics), cfg_.target_per_class,
                                    cfg_.docs, pick_rng);
      aux = without_labels(make_topic_documents(other_topic_pairs(kTextTopics), cfg_.aux_per_class,
                                                cfg_.docs, pick_rng));
    }
    const uint64_t method_seed = static_cast<uint64_t>(rng.next_u32()) << 32 | rng.next_u32();
    method_ = std::make_unique<SelfTaughtClusterer>(cfg_.method, aux, target, method_seed);
    // The baselines: k-means on the raw features, with the same k and restarts, as they are and
    // scaled to unit length (cosine k-means, as the code route does with its codes).
    KMeansConfig kc;
    kc.k = cfg_.method.clusters;  // kmeans() caps k at the number of points
    kc.restarts = cfg_.method.restarts;
    Rng raw_rng = rng.split(2), cosine_rng = rng.split(3);
    raw_ = kmeans(target.X, kc, raw_rng);
    Mat unit = target.X;
    normalize_columns(unit);
    raw_cosine_ = kmeans(unit, kc, cosine_rng);
    aux_ = std::move(aux);
    target_ = std::move(target);
    return {};
  }

  ParamList params() override { return method_ ? method_->params() : ParamList{}; }
  StepStats step() override { return method_->step(); }
  long total_steps() const override { return method_ ? method_->total_steps() : 0; }
  long steps_done() const override { return method_ ? method_->steps_done() : 0; }

  Metrics metrics() override {
    // The method's clustering figures exist only after its clustering phase; the raw-feature
    // baselines are computed at reset().
    const Metrics m = method_->metrics();
    Metrics out;
    auto copy = [&](std::initializer_list<const char*> keys) {
      for (const char* key : keys)
        for (const auto& kv : m)
          if (kv.first == key) out.push_back(kv);
    };
    copy({"nmi", "purity"});
    out.insert(out.end(), {{"raw_nmi", nmi(raw_.assign, target_.y)},
                           {"raw_purity", purity(raw_.assign, target_.y)},
                           {"raw_cosine_nmi", nmi(raw_cosine_.assign, target_.y)},
                           {"raw_cosine_purity", purity(raw_cosine_.assign, target_.y)}});
    copy({"stc_nmi", "stc_purity", "stc_noaux_nmi", "stc_noaux_purity", "stc_objective",
          "reconstruction_error"});
    return out;
  }

  MetricInfoList metrics_info() const override {
    using K = MetricKind;
    using R = MetricRole;
    return {
        {"nmi", K::kFraction, R::kMethod, "raw_cosine_nmi", "NMI",
         "k-means on the learned codes: normalised mutual information with the classes"},
        {"purity", K::kFraction, R::kMethod, "raw_cosine_purity", "purity",
         "k-means on the learned codes: purity of the clusters"},
        {"raw_nmi", K::kFraction, R::kBaseline, "", "raw NMI", "k-means on the raw inputs: NMI"},
        {"raw_purity", K::kFraction, R::kBaseline, "", "raw purity",
         "k-means on the raw inputs: purity"},
        {"raw_cosine_nmi", K::kFraction, R::kBaseline, "", "cosine NMI",
         "cosine k-means on the raw inputs: NMI"},
        {"raw_cosine_purity", K::kFraction, R::kBaseline, "", "cosine purity",
         "cosine k-means on the raw inputs: purity"},
        {"stc_nmi", K::kFraction, R::kMethod, "stc_noaux_nmi", "co-clustering NMI",
         "self-taught co-clustering with the auxiliary data: NMI"},
        {"stc_purity", K::kFraction, R::kMethod, "stc_noaux_purity", "co-clustering purity",
         "self-taught co-clustering with the auxiliary data: purity"},
        {"stc_noaux_nmi", K::kFraction, R::kBaseline, "", "no-aux NMI",
         "the same co-clustering without the auxiliary data: NMI"},
        {"stc_noaux_purity", K::kFraction, R::kBaseline, "", "no-aux purity",
         "the same co-clustering without the auxiliary data: purity"},
        {"stc_objective", K::kLoss, R::kDiagnostic, "", "co-clustering objective",
         "the co-clustering objective (lower is better)"},
        {"reconstruction_error", K::kLoss, R::kDiagnostic, "", "reconstruction",
         "autoencoder's reconstruction error on the target"},
    };
  }

  const Dataset* source_data() const override { return &aux_; }
  const Dataset* target_data() const override { return &target_; }
  int input_dim() const override {
    return cfg_.data == StcData::kDigits ? kDigitPixels : kTextTopics * cfg_.docs.words;
  }
  int num_classes() const override { return cfg_.method.clusters; }
  Mat predict(const Mat& X) const override { return method_->predict(X); }

 private:
  StcScenarioConfig cfg_;
  Dataset aux_, target_;
  std::unique_ptr<SelfTaughtClusterer> method_;
  KMeansResult raw_, raw_cosine_;
};

}  // namespace

void register_source_unlabelled(std::vector<ScenarioInfo>& out) {
  out.push_back({"selftaught-digits",
                 "self-taught learning: sparse denoising autoencoder on unlabelled digits 5-9, "
                 "softmax on its features for few-shot digits 0-4; no gain over raw pixels at "
                 "1-10 shots (5 shots: 0.907 vs raw 0.904, untrained encoder 0.897; 10 seeds)",
                 Corner::kSourceUnlabelled, "self-taught learning",
                 [] { return std::make_unique<SelfTaughtScenario>(StlData::kDigits); }});
  out.push_back({"selftaught-2d",
                 "self-taught learning in 2-D: an autoencoder on unlabelled points of other "
                 "spiral arms (between the target's) shapes the features, 5 labels per arm train "
                 "a softmax: 0.50 vs raw coordinates 0.40, untrained encoder 0.41 (10 seeds)",
                 Corner::kSourceUnlabelled, "self-taught learning",
                 [] { return std::make_unique<SelfTaughtScenario>(StlData::kSpiral); }});
  out.push_back({"selftaught-clustering-digits",
                 "self-taught clustering of a small set of digits with unlabelled digits of "
                 "other classes: no gain here (NMI, 10 seeds: codes 0.76 vs cosine k-means on "
                 "raw pixels 0.77; co-clustering 0.69 vs 0.72 without the auxiliary digits)",
                 Corner::kNeitherLabelled, "self-taught clustering",
                 [] { return std::make_unique<SelfTaughtClusteringScenario>(StcData::kDigits); }});
  out.push_back({"selftaught-clustering-text",
                 "self-taught clustering of short documents (10 words) helped by unlabelled "
                 "documents on other topic pairs (NMI, 10 seeds: codes 0.84 vs cosine k-means on "
                 "raw counts 0.59; co-clustering 0.77 vs 0.51 without them)",
                 Corner::kNeitherLabelled, "self-taught clustering",
                 [] { return std::make_unique<SelfTaughtClusteringScenario>(StcData::kText); }});
}

TL_NAMESPACE_END

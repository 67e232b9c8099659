// Scenarios with unlabelled source data (the lecture's "source unlabelled" column):
//   selftaught-digits             autoencoder on unlabelled digits 5-9, few-shot digits 0-4
//   selftaught-2d                 autoencoder on unlabelled points of other spiral arms (or of
//                                 the whole plane), few labels per arm of the target spiral
//   selftaught-clustering-digits  clustering a small set of digits with help from other digits
//   selftaught-clustering-text    clustering short documents with help from documents on other
//                                 topics
// Each trains its controls side by side on the same seed and budget.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

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
    v.integer("shots", shots, 1, 500,
              "Labelled points per class\nTarget points with labels, per class.");
    if (data == StlData::kDigits)
      v.flag("curve", curve,
             "Also measure the labels curve\nAfter training, also report learned / raw / "
             "random-feature accuracy at 1, 2, 5 and 10 labelled digits per class.");
    if (data == StlData::kSpiral) {
      choice_enum(
          v, "shape", shape, kGeneratorChoices,
          "Target data set\nThe 2-D generator of the target.\nmoons = two moons\ncircles = two "
          "circles\nblobs = round clusters\nspiral = spiral arms\nxor = four quadrants");
      choice_enum(
          v, "source", source, kStlSourceChoices,
          "Unlabelled source data\nother-arms: the generator turned by half a class spacing "
          "(for the spiral, arms between the target's arms: other classes). plane: "
          "uniform points over the square [-2.2, 2.2]^2 (another distribution).\n"
          "other-arms = shapes between the target's\nplane = uniform points");
      v.integer("arms", arms, 2, 8, "Classes (arms)\nSpiral arms or blobs: the classes.");
      v.integer("source_points", source_points, 10, 50000,
                "Unlabelled source points\nPoints of the unlabelled source data.");
      v.integer("target_points", target_points, 10, 50000,
                "Target points\nTarget points, labelled and test together.");
      v.real("noise", noise, 0.0, 1.0, "Noise\nStandard deviation of the jitter of each point.");
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
    make_view_static(rng.split(5));
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
  /// Features from the unlabelled source, then the classifiers on the labelled target (the
  /// baselines train only then), then the curve over shots when there is one.
  PhaseList phases() const override {
    if (!method_ || method_->pretrain_steps() <= 0) return {};
    PhaseList out = {{"learn features on source", 0},
                     {"train classifier on target", method_->pretrain_steps()}};
    if (curve_probes() > 0) out.push_back({"curve over shots", method_->total_steps()});
    return out;
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
  ModelList models() const override {
    return {{"method", "learned features", MetricRole::kMethod, "target_acc"},
            {"raw", "raw features", MetricRole::kBaseline, "raw_target_acc", classifier_from()},
            {"random", "untrained features", MetricRole::kBaseline, "random_features_target_acc",
             classifier_from()}};
  }
  Mat predict_model(int index, const Mat& X) const override {
    if (index == 1) return predict_proba(raw_.net, X);
    if (index == 2) return random_->predict_proba(X);
    return predict(X);
  }

  /// Kind "self_taught". What the autoencoder learned from the unlabelled source, and what it
  /// buys the few-shot classifier.
  /// Image data (the digits, or any input whose autoencoder input is a square image):
  ///   mats "filters"          units x p^2: the encoder's first-layer weights of the first
  ///                           kViewFilters units, row k = unit k's filter, pixel (r, c) at
  ///                           column p r + c (p: the image side, or the patch side in patch mode)
  ///        "inputs"           dim x k: k held-out target inputs (at most one per class first),
  ///                           as the autoencoder sees them (whitened when whitening is on)
  ///        "reconstructions"  dim x k: their reconstructions by the autoencoder
  ///   values "filter_side" p, "image_side" (the input's side), "whitened" (0/1)
  /// 2-D data:
  ///   mats "feature_map"      units x (G G): activations in [0, 1] of the first kViewMapUnits
  ///                           code units over a G x G grid of the plane, cell (row i from the
  ///                           top, column j) at column G i + j
  ///        "map_points"       2 x n: the labelled target points; "map_point_class" 1 x n their
  ///                           classes; "map_source" 2 x m: a seeded subset of the source
  ///   values "grid_cells" G, "xmin", "xmax", "ymin", "ymax" (the grid's extent)
  /// Both:
  ///   mats "shots_curve"      4 x L (digits with `curve` on): row 0 the shots per class, rows
  ///                           1-3 the learned / raw / untrained-feature accuracy (NaN until
  ///                           that probe has run)
  ///   values "learned_acc", "raw_acc", "random_acc" (held-out target accuracy of the softmax on
  ///          learned features, raw inputs and untrained-encoder features; the same numbers as
  ///          target_acc, raw_target_acc and random_features_target_acc; absent until that
  ///          classifier has taken a step, i.e. during pretraining), "units" (first-layer units),
  ///          "reconstruction_error" (on kViewErrorInputs seeded held-out target inputs),
  ///          "shots", "pretrain_progress" and "classifier_progress" (fractions of each phase)
  ///   texts "phase": {"pretrain" | "classifier" | "curve" | "done"}
  std::shared_ptr<const ViewData> view_data() override {
    if (!method_) return nullptr;
    const long step = steps_done();
    if (view_ && view_->step == step) return view_;
    auto vd = std::make_shared<ViewData>(*view_static_);
    vd->step = step;
    const SelfTaught& m = *method_;
    const Mat& W = m.filters();
    if (vd->values.count("filter_side")) {
      vd->mats["filters"] = W.topRows(std::min<Eigen::Index>(W.rows(), kViewFilters));
      Mat in, out;
      m.reconstruct(view_inputs_, in, out);
      vd->mats["inputs"] = std::move(in);
      vd->mats["reconstructions"] = std::move(out);
    } else if (view_grid_.cols() > 0) {
      Mat H;
      m.codes(view_grid_, H);
      vd->mats["feature_map"] = H.topRows(std::min<Eigen::Index>(H.rows(), kViewMapUnits));
    }
    vd->values["units"] = static_cast<double>(W.rows());
    // The accuracies exist from the classifier phase on (before it the classifiers are at their
    // initial weights). The representations are frozen by then: the held-out features are
    // computed once.
    const long pre = m.pretrain_steps();
    if (m.steps_done() > pre) {
      if (view_learned_features_.cols() == 0) m.features(test_.X, view_learned_features_);
      vd->values["learned_acc"] =
          accuracy(argmax_cols(predict_proba(m.classifier(), view_learned_features_)), test_.y);
    }
    if (random_->steps_done() > 0) {
      if (view_random_features_.cols() == 0) random_->features(test_.X, view_random_features_);
      vd->values["random_acc"] = accuracy(
          argmax_cols(predict_proba(random_->classifier(), view_random_features_)), test_.y);
    }
    if (raw_.steps_done() > 0) vd->values["raw_acc"] = accuracy_of(raw_.net, test_);
    vd->values["reconstruction_error"] = m.reconstruction_error(view_error_inputs_);
    const long clf = m.classifier_steps();
    const long pre_done = std::min(m.steps_done(), pre);
    vd->values["pretrain_progress"] = pre > 0 ? static_cast<double>(pre_done) / pre : 1.0;
    vd->values["classifier_progress"] =
        clf > 0 ? static_cast<double>(m.steps_done() - pre_done) / clf : 1.0;
    const char* phase = done()                              ? "done"
                        : m.steps_done() >= m.total_steps() ? "curve"
                        : m.steps_done() >= pre             ? "classifier"
                                                            : "pretrain";
    vd->texts["phase"] = {phase};
    if (curve_levels_ > 0) {
      Mat curve(4, static_cast<Eigen::Index>(curve_levels_));
      curve.setConstant(std::numeric_limits<Scalar>::quiet_NaN());
      for (size_t l = 0; l < curve_levels_; ++l) curve(0, l) = static_cast<Scalar>(kCurveShots[l]);
      for (size_t i = 0; i < curve_metrics_.size(); ++i)
        curve(1 + i % kCurveProbes, i / kCurveProbes) =
            static_cast<Scalar>(curve_metrics_[i].second);
      vd->mats["shots_curve"] = std::move(curve);
    }
    view_ = std::move(vd);
    return view_;
  }

 private:
  /// Filters, held-out inputs and code units the view shows at most.
  static constexpr Eigen::Index kViewFilters = 32;
  static constexpr int kViewInputs = 8;
  static constexpr Eigen::Index kViewMapUnits = 6;
  /// Cells per side of the 2-D feature map, source points drawn over it.
  static constexpr int kViewGrid = 40;
  static constexpr int kViewSourcePoints = 300;
  /// Held-out inputs of the view's reconstruction error.
  static constexpr int kViewErrorInputs = 256;

  /// The view's parts that do not change while training: the held-out inputs it reconstructs
  /// (image data), the grid and the points of the feature map (2-D).
  void make_view_static(Rng rng) {
    auto vd = std::make_shared<ViewData>();
    vd->kind = "self_taught";
    vd->values["shots"] = cfg_.shots;
    view_ = nullptr;
    view_inputs_.resize(0, 0);
    view_grid_.resize(0, 0);
    view_learned_features_.resize(0, 0);
    view_random_features_.resize(0, 0);
    {
      std::vector<int> order = permutation(test_.size(), rng);
      order.resize(std::min<size_t>(order.size(), kViewErrorInputs));
      view_error_inputs_ = test_.subset(order).X;
    }
    const Mat& W = method_->filters();
    int side = 0;
    while ((side + 1) * (side + 1) <= W.cols()) ++side;
    int image_side = 0;
    while ((image_side + 1) * (image_side + 1) <= data_dim()) ++image_side;
    if (data_dim() > 2 && side >= 2 && side * side == W.cols() &&
        image_side * image_side == data_dim()) {
      vd->values["filter_side"] = side;
      vd->values["image_side"] = image_side;
      vd->values["whitened"] = cfg_.method.whiten > 0 ? 1 : 0;
      // Held-out inputs: one of each class in turn, in a seeded order.
      const std::vector<int> order = permutation(test_.size(), rng);
      std::vector<int> pick;
      std::vector<bool> used(order.size(), false);
      for (int round = 0; round < kViewInputs && static_cast<int>(pick.size()) < kViewInputs;
           ++round) {
        std::vector<bool> seen(static_cast<size_t>(std::max(1, test_.num_classes)), false);
        for (size_t i = 0; i < order.size() && static_cast<int>(pick.size()) < kViewInputs; ++i) {
          const int j = order[i];
          const int c = test_.y[static_cast<size_t>(j)];
          const bool fresh = c < 0 || c >= static_cast<int>(seen.size()) || !seen[c];
          if (used[i] || !fresh) continue;
          if (c >= 0 && c < static_cast<int>(seen.size())) seen[c] = true;
          used[i] = true;
          pick.push_back(j);
        }
      }
      view_inputs_ = test_.subset(pick).X;
    } else if (data_dim() == 2) {
      // The plane the canvas shows: all points with a margin.
      Mat all(2, source_.size() + target_.size());
      all << source_.X, target_.X;
      const Vec lo = all.rowwise().minCoeff(), hi = all.rowwise().maxCoeff();
      const Vec pad = (hi - lo).cwiseMax(Scalar(1e-3)) * Scalar(0.08);
      const double xmin = lo(0) - pad(0), xmax = hi(0) + pad(0);
      const double ymin = lo(1) - pad(1), ymax = hi(1) + pad(1);
      vd->values["grid_cells"] = kViewGrid;
      vd->values["xmin"] = xmin;
      vd->values["xmax"] = xmax;
      vd->values["ymin"] = ymin;
      vd->values["ymax"] = ymax;
      view_grid_.resize(2, kViewGrid * kViewGrid);
      for (int i = 0; i < kViewGrid; ++i)
        for (int j = 0; j < kViewGrid; ++j) {
          view_grid_(0, i * kViewGrid + j) =
              static_cast<Scalar>(xmin + (j + 0.5) * (xmax - xmin) / kViewGrid);
          view_grid_(1, i * kViewGrid + j) =
              static_cast<Scalar>(ymax - (i + 0.5) * (ymax - ymin) / kViewGrid);
        }
      vd->mats["map_points"] = train_.X;
      Mat cls(1, train_.size());
      for (int j = 0; j < train_.size(); ++j)
        cls(0, j) = static_cast<Scalar>(train_.y[static_cast<size_t>(j)]);
      vd->mats["map_point_class"] = std::move(cls);
      std::vector<int> order = permutation(source_.size(), rng);
      order.resize(std::min<size_t>(order.size(), kViewSourcePoints));
      vd->mats["map_source"] = source_.subset(order).X;
    }
    view_static_ = std::move(vd);
  }

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
  /// The step the classifiers begin training at.
  long classifier_from() const { return method_ ? method_->pretrain_steps() : 0; }

  StlScenarioConfig cfg_;
  std::optional<Dataset> user_source_, user_target_;
  Dataset source_, target_, train_, test_;
  std::unique_ptr<SelfTaught> method_, random_;
  SupervisedTrainer raw_;
  uint64_t curve_seed_ = 0;
  size_t curve_levels_ = 0, curve_done_ = 0;  ///< levels of kCurveShots; probes trained so far
  Metrics curve_metrics_;
  std::shared_ptr<const ViewData> view_static_, view_;  ///< the view's fixed part, the last view
  Mat view_inputs_;        ///< image data: the held-out inputs the view reconstructs
  Mat view_grid_;          ///< 2-D: the feature map's cell centres, 2 x G^2
  Mat view_error_inputs_;  ///< the held-out inputs of the view's reconstruction error
  /// The held-out target's learned and untrained-encoder features (once the classifiers train).
  Mat view_learned_features_, view_random_features_;
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
                  "Helper digits\nDigit classes of the unlabelled auxiliary (helper) set; the "
                  "target has the "
                  "other five.\n0-4 = digits 0 to 4\n5-9 = digits 5 to 9");
      v.integer("target_per_class", target_per_class, 2, 200,
                "Target digits per class\nTarget points per digit class.");
    } else {
      v.integer("target_per_class", target_per_class, 2, 500,
                "Target documents per class\nTarget documents per class (4 classes).");
      v.integer(
          "aux_per_class", aux_per_class, 1, 1000,
          "Helper documents per class\nUnlabelled auxiliary documents per class (8 other topic "
          "pairs).");
      v.integer("doc_length", docs.length, 1, 1000, "Words per document\nLength of each document.");
      v.integer("topic_words", docs.words, 1, 50,
                "Words per topic\nWords of each topic (the vocabulary has 8 topics).");
      v.real("background", docs.background, 0.0, 1.0,
             "Background words\nProbability that a word comes from a random topic.");
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
    make_view_static(rng.split(4));
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
        {"nmi", K::kScore, R::kMethod, "raw_cosine_nmi", "NMI, learned codes",
         "k-means on the learned codes: normalised mutual information with the classes"},
        {"purity", K::kFraction, R::kMethod, "raw_cosine_purity", "purity, learned codes",
         "k-means on the learned codes: purity of the clusters"},
        {"raw_nmi", K::kScore, R::kBaseline, "", "NMI, raw inputs",
         "k-means on the raw inputs: NMI"},
        {"raw_purity", K::kFraction, R::kBaseline, "", "purity, raw inputs",
         "k-means on the raw inputs: purity"},
        {"raw_cosine_nmi", K::kScore, R::kBaseline, "", "NMI, cosine k-means",
         "cosine k-means on the raw inputs: NMI"},
        {"raw_cosine_purity", K::kFraction, R::kBaseline, "", "purity, cosine k-means",
         "cosine k-means on the raw inputs: purity"},
        {"stc_nmi", K::kScore, R::kMethod, "stc_noaux_nmi", "co-clustering NMI",
         "self-taught co-clustering with the auxiliary data: NMI"},
        {"stc_purity", K::kFraction, R::kMethod, "stc_noaux_purity", "co-clustering purity",
         "self-taught co-clustering with the auxiliary data: purity"},
        {"stc_noaux_nmi", K::kScore, R::kBaseline, "", "NMI, target alone",
         "the same co-clustering without the auxiliary data: NMI"},
        {"stc_noaux_purity", K::kFraction, R::kBaseline, "", "purity, target alone",
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

  /// Kind "clustering". The target's clusterings by both routes of the method and by their
  /// controls without the auxiliary data, shown against the true classes (which no clustering
  /// sees). Routes: "stc" (co-clustering with the auxiliary set; control: the same
  /// co-clustering of the target alone) and "codes" (k-means on the autoencoder's codes; control:
  /// cosine k-means on the raw features). Clusters are numbered by their majority class (then by
  /// size), so a good clustering's table is near-diagonal.
  ///   mats "thumbs"          d x m: a seeded subset of the target (at most kViewThumbs per
  ///                          cluster of each route): for the digits the 64 pixels in [0, 1]
  ///                          (value "thumb_side" 8), for documents each topic's share of the
  ///                          words, one row per topic ("thumb_side" 0)
  ///        "thumb_class"     1 x m: their true classes
  ///        "thumb_cluster"   2 x m: their clusters by the stc (row 0) and codes (row 1) routes;
  ///                          -1 where a thumbnail is not shown for that route, all -1 before the
  ///                          clustering phase
  ///   after the clustering phase, for R in {stc, codes}:
  ///        "R_assign", "R_control_assign"          1 x n: cluster of every target point
  ///        "R_contingency", "R_control_contingency" k x C: points of class c in cluster i
  ///   values "clustered" (0 during the feature phase, then 1), "progress" (fraction of the
  ///          feature phase done), "clusters" k, "classes" C, "thumb_side";
  ///          "cosine_nmi", "cosine_purity" (the codes route's control; from the start), and
  ///          after the clustering phase "stc_nmi", "stc_purity", "stc_noaux_nmi",
  ///          "stc_noaux_purity" (the metrics of those names) and "codes_nmi", "codes_purity"
  ///          (the metrics nmi and purity); absent before
  ///   texts "class_names" (C entries)
  std::shared_ptr<const ViewData> view_data() override {
    if (!method_) return nullptr;
    const long step = steps_done();
    if (view_ && view_->step == step) return view_;
    if (method_->clustered()) {
      if (!clustered_view_) clustered_view_ = make_clustered_view();
      auto vd = std::make_shared<ViewData>(*clustered_view_);
      vd->step = step;
      view_ = std::move(vd);
      return view_;
    }
    auto vd = std::make_shared<ViewData>(*view_static_);
    vd->step = step;
    const long total = method_->total_steps() - 1;  // the last step is the clustering
    vd->values["progress"] = total > 0 ? static_cast<double>(step) / total : 1.0;
    view_ = std::move(vd);
    return view_;
  }

 private:
  /// Thumbnails per cluster and route; thumbnails before the clustering.
  static constexpr int kViewThumbs = 10;
  static constexpr int kViewThumbsBefore = 40;

  /// A thumbnail's data: the pixels (digits), or each topic's share of the words (documents).
  Mat thumb_data(const Mat& X) const {
    if (cfg_.data == StcData::kDigits) return X;
    const int words = cfg_.docs.words;
    Mat T = Mat::Zero(kTextTopics, X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      for (int t = 0; t < kTextTopics; ++t)
        T(t, j) = X.col(j).segment(static_cast<Eigen::Index>(t) * words, words).sum();
      const Scalar total = T.col(j).sum();
      if (total > 0) T.col(j) /= total;
    }
    return T;
  }

  /// The view's fixed part: kind, class names, the seeded order of the thumbnails and, for the
  /// feature phase, the first of them unassigned.
  void make_view_static(Rng rng) {
    auto vd = std::make_shared<ViewData>();
    vd->kind = "clustering";
    vd->values["clustered"] = 0;
    vd->values["progress"] = 0;
    vd->values["clusters"] = cfg_.method.clusters;
    vd->values["classes"] = std::max(1, target_.num_classes);
    vd->values["thumb_side"] = cfg_.data == StcData::kDigits ? kDigitSide : 0;
    vd->values["cosine_nmi"] = nmi(raw_cosine_.assign, target_.y);
    vd->values["cosine_purity"] = purity(raw_cosine_.assign, target_.y);
    std::vector<std::string> names = target_.class_names;
    names.resize(static_cast<size_t>(std::max(1, target_.num_classes)));
    for (size_t c = 0; c < names.size(); ++c)
      if (names[c].empty()) names[c] = std::to_string(c);
    vd->texts["class_names"] = std::move(names);
    thumb_order_ = permutation(target_.size(), rng);
    std::vector<int> first(
        thumb_order_.begin(),
        thumb_order_.begin() + std::min<size_t>(thumb_order_.size(), kViewThumbsBefore));
    set_thumbs(*vd, first, {});
    view_static_ = std::move(vd);
    view_ = nullptr;
    clustered_view_ = nullptr;
  }

  /// Thumbnails of the target points `idx`; rows of `clusters` (one per route, aligned with
  /// idx) give their clusters (missing rows: -1).
  void set_thumbs(ViewData& vd, const std::vector<int>& idx,
                  const std::vector<std::vector<int>>& clusters) const {
    const Eigen::Index m = static_cast<Eigen::Index>(idx.size());
    Mat X(target_.dim(), m), cls(1, m), cl(2, m);
    cl.setConstant(-1);
    for (Eigen::Index j = 0; j < m; ++j) {
      X.col(j) = target_.X.col(idx[static_cast<size_t>(j)]);
      cls(0, j) = static_cast<Scalar>(target_.y[static_cast<size_t>(idx[static_cast<size_t>(j)])]);
      for (size_t r = 0; r < clusters.size() && r < 2; ++r)
        cl(static_cast<Eigen::Index>(r), j) =
            static_cast<Scalar>(clusters[r][static_cast<size_t>(j)]);
    }
    vd.mats["thumbs"] = thumb_data(X);
    vd.mats["thumb_class"] = std::move(cls);
    vd.mats["thumb_cluster"] = std::move(cl);
  }

  /// Renumbers clusters by their majority class, then by the size of that majority (largest
  /// first), then by their old number; returns the new assignment and its k x C contingency.
  Labels by_majority(const Labels& assign, int k, int classes, Mat& table) const {
    Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(k, classes);
    for (size_t j = 0; j < assign.size(); ++j) {
      const int a = assign[j], c = target_.y[j];
      if (a >= 0 && a < k && c >= 0 && c < classes) counts(a, c) += 1;
    }
    std::vector<int> order(static_cast<size_t>(k));
    std::vector<int> major(static_cast<size_t>(k), classes);
    std::vector<double> top(static_cast<size_t>(k), 0);
    for (int a = 0; a < k; ++a) {
      order[static_cast<size_t>(a)] = a;
      if (counts.row(a).sum() > 0) {
        Eigen::Index c = 0;
        top[static_cast<size_t>(a)] = counts.row(a).maxCoeff(&c);
        major[static_cast<size_t>(a)] = static_cast<int>(c);
      }
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      if (major[a] != major[b]) return major[a] < major[b];
      return top[a] > top[b];
    });
    std::vector<int> rename(static_cast<size_t>(k));
    for (int i = 0; i < k; ++i) rename[static_cast<size_t>(order[static_cast<size_t>(i)])] = i;
    table.resize(k, classes);
    for (int i = 0; i < k; ++i)
      table.row(i) = counts.row(order[static_cast<size_t>(i)]).cast<Scalar>();
    Labels out(assign.size());
    for (size_t j = 0; j < assign.size(); ++j)
      out[j] = assign[j] >= 0 && assign[j] < k ? rename[static_cast<size_t>(assign[j])] : -1;
    return out;
  }

  /// The view after the clustering phase (computed once: nothing changes afterwards).
  std::shared_ptr<const ViewData> make_clustered_view() const {
    auto vd = std::make_shared<ViewData>(*view_static_);
    const int classes = std::max(1, target_.num_classes);
    int k = std::max(1, std::min(cfg_.method.clusters, target_.size()));
    for (const Labels* l : {&method_->stc().target, &method_->stc_noaux().target,
                            &method_->learned_clusters(), &raw_cosine_.assign})
      for (int a : *l) k = std::max(k, a + 1);
    const Labels* routes[2][2] = {{&method_->stc().target, &method_->stc_noaux().target},
                                  {&method_->learned_clusters(), &raw_cosine_.assign}};
    const char* names[2] = {"stc", "codes"};
    std::vector<Labels> shown(2);
    for (int r = 0; r < 2; ++r)
      for (int control = 0; control < 2; ++control) {
        Mat table;
        const Labels a = by_majority(*routes[r][control], k, classes, table);
        const std::string key = std::string(names[r]) + (control ? "_control" : "");
        Mat row(1, static_cast<Eigen::Index>(a.size()));
        for (size_t j = 0; j < a.size(); ++j)
          row(0, static_cast<Eigen::Index>(j)) = static_cast<Scalar>(a[j]);
        vd->mats[key + "_assign"] = std::move(row);
        vd->mats[key + "_contingency"] = std::move(table);
        if (!control) shown[static_cast<size_t>(r)] = a;
      }
    // Thumbnails: in the seeded order, the first kViewThumbs of each cluster of each route.
    std::vector<int> idx;
    std::vector<std::vector<int>> clusters(2);
    std::vector<std::vector<int>> taken(2, std::vector<int>(static_cast<size_t>(k), 0));
    for (int j : thumb_order_) {
      int want[2] = {-1, -1};
      for (int r = 0; r < 2; ++r) {
        const int a = shown[static_cast<size_t>(r)][static_cast<size_t>(j)];
        if (a >= 0 && taken[static_cast<size_t>(r)][static_cast<size_t>(a)] < kViewThumbs) {
          ++taken[static_cast<size_t>(r)][static_cast<size_t>(a)];
          want[r] = a;
        }
      }
      if (want[0] < 0 && want[1] < 0) continue;
      idx.push_back(j);
      clusters[0].push_back(want[0]);
      clusters[1].push_back(want[1]);
    }
    set_thumbs(*vd, idx, clusters);
    const Labels& y = target_.y;
    vd->values["stc_nmi"] = nmi(method_->stc().target, y);
    vd->values["stc_purity"] = purity(method_->stc().target, y);
    vd->values["stc_noaux_nmi"] = nmi(method_->stc_noaux().target, y);
    vd->values["stc_noaux_purity"] = purity(method_->stc_noaux().target, y);
    vd->values["codes_nmi"] = nmi(method_->learned_clusters(), y);
    vd->values["codes_purity"] = purity(method_->learned_clusters(), y);
    vd->values["clustered"] = 1;
    vd->values["progress"] = 1;
    vd->values["clusters"] = k;
    return vd;
  }

  StcScenarioConfig cfg_;
  Dataset aux_, target_;
  std::unique_ptr<SelfTaughtClusterer> method_;
  KMeansResult raw_, raw_cosine_;
  std::vector<int> thumb_order_;  ///< the target's points in the thumbnails' seeded order
  std::shared_ptr<const ViewData> view_static_, clustered_view_, view_;
};

}  // namespace

void register_source_unlabelled(std::vector<ScenarioInfo>& out) {
  out.push_back({"selftaught-digits", "Self-taught learning: digits",
                 "self-taught learning: sparse denoising autoencoder on unlabelled digits 5-9, "
                 "softmax on its features for few-shot digits 0-4; no gain over raw pixels at "
                 "1-10 shots (5 shots: 0.907 vs raw 0.904, untrained encoder 0.897; 10 seeds)",
                 Corner::kSourceUnlabelled, "self-taught learning",
                 [] { return std::make_unique<SelfTaughtScenario>(StlData::kDigits); }});
  out.push_back({"selftaught-2d", "Self-taught learning: 2-D spirals",
                 "self-taught learning in 2-D: an autoencoder on unlabelled points of other "
                 "spiral arms (between the target's) shapes the features, 5 labels per arm train "
                 "a softmax: 0.50 vs raw coordinates 0.40, untrained encoder 0.41 (10 seeds)",
                 Corner::kSourceUnlabelled, "self-taught learning",
                 [] { return std::make_unique<SelfTaughtScenario>(StlData::kSpiral); }});
  out.push_back({"selftaught-clustering-digits", "Self-taught clustering: digits",
                 "self-taught clustering of a small set of digits with unlabelled digits of "
                 "other classes: no gain here (NMI, 10 seeds: codes 0.76 vs cosine k-means on "
                 "raw pixels 0.77; co-clustering 0.69 vs 0.72 without the auxiliary digits)",
                 Corner::kNeitherLabelled, "self-taught clustering",
                 [] { return std::make_unique<SelfTaughtClusteringScenario>(StcData::kDigits); }});
  out.push_back({"selftaught-clustering-text", "Self-taught clustering: documents",
                 "self-taught clustering of short documents (10 words) helped by unlabelled "
                 "documents on other topic pairs (NMI, 10 seeds: codes 0.84 vs cosine k-means on "
                 "raw counts 0.59; co-clustering 0.77 vs 0.51 without them)",
                 Corner::kNeitherLabelled, "self-taught clustering",
                 [] { return std::make_unique<SelfTaughtClusteringScenario>(StcData::kText); }});
}

TL_NAMESPACE_END

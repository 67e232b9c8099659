// basic-moons: plain supervised MLP on a 2-D generator (two moons by default) with a held-out
// test split. The reference point for every transfer scenario, and the page's first view.
#include <cmath>

#include "core/metrics.h"
#include "core/model_io.h"
#include "data/split.h"
#include "data/synthetic.h"
#include "scenarios/registry.h"
#include "transfer/supervised.h"

TL_NAMESPACE_BEGIN

namespace {

struct BasicConfig {
  Generator data = Generator::kMoons;
  int points = 600;
  double noise = 0.1;
  int classes = 3;
  double test_frac = 0.3;
  TrainConfig train;
  BasicConfig() { train.epochs = 60; }
  void visit(ConfigVisitor& v) {
    choice_enum(v, "data", data, kGeneratorChoices,
                "Data set\nThe built-in 2-D data set.\nmoons = two moons\ncircles = two "
                "circles\nblobs = round clusters\nspiral = spiral arms\nxor = four quadrants");
    v.integer("points", points, 4, 20000, "Number of points\nPoints generated (train and test).");
    v.real("noise", noise, 0.0, 2.0,
           "Noise\nStandard deviation of the Gaussian jitter added to each point.");
    v.integer("classes", classes, 2, 8, "Classes\nNumber of classes (blobs and spiral only).");
    v.real("test_frac", test_frac, 0.05, 0.9,
           "Test share\nFraction of the points held out for testing.");
    train.visit(v);
  }
};

class BasicScenario : public Scenario {
 public:
  void visit(ConfigVisitor& v) override { cfg_.visit(v); }

  Status set_user_source(std::optional<Dataset> ds) override {
    if (ds) {
      Status st = check_labelled(*ds, "data");
      if (!st.ok()) return st;
    }
    user_ = std::move(ds);
    return {};
  }

  Status reset(uint64_t seed) override {
    Rng rng(seed);
    Rng data_rng = rng.split(1);
    Dataset all;
    if (user_) {
      all = *user_;
    } else {
      all = make_generated(cfg_.data, cfg_.points, cfg_.noise, cfg_.classes, data_rng);
    }
    // The user's data sets the input and output sizes: refuse a network too big to allocate.
    Status size =
        check_network_size("network", all.dim(), cfg_.train.hidden, std::max(2, all.num_classes));
    if (!size.ok()) return size;
    Rng split_rng = rng.split(2);
    const Split split = stratified_split(all, cfg_.test_frac, split_rng);
    train_ = all.subset(split.train);
    test_ = all.subset(split.test);
    Rng init_rng = rng.split(3);
    Mlp net(make_spec(cfg_.train, all.dim(), std::max(2, all.num_classes)), init_rng);
    trainer_ = SupervisedTrainer(std::move(net), train_, cfg_.train, rng.split(4));
    total_ = steps_for(trainer_.data().size(), cfg_.train.batch, cfg_.train.epochs);
    return {};
  }

  ParamList params() override { return trainer_.net.params(); }
  std::string save_model() const override { return save_mlp(trainer_.net); }
  StepStats step() override {
    StepStats s = trainer_.step();
    return s;
  }
  long total_steps() const override { return total_; }
  long steps_done() const override { return trainer_.steps_done(); }

  Metrics metrics() override {
    return {{"train_acc", accuracy_of(trainer_.net, train_)},
            {"test_acc", accuracy_of(trainer_.net, test_)},
            {"loss", trainer_.objective()}};
  }

  MetricInfoList metrics_info() const override {
    using K = MetricKind;
    using R = MetricRole;
    return {
        {"train_acc", K::kFraction, R::kDiagnostic, "test_acc", "train",
         "accuracy on the training points"},
        {"test_acc", K::kFraction, R::kMethod, "", "test", "accuracy on the held-out points"},
        {"loss", K::kLoss, R::kMethod, "", "loss", "training objective on the training points"},
    };
  }

  const Dataset* source_data() const override { return &train_; }
  const Dataset* target_data() const override { return &test_; }
  int input_dim() const override { return train_.dim(); }
  int num_classes() const override { return trainer_.net.output_dim(); }
  Mat predict(const Mat& X) const override { return predict_proba(trainer_.net, X); }

 private:
  BasicConfig cfg_;
  std::optional<Dataset> user_;
  Dataset train_, test_;
  SupervisedTrainer trainer_;
  long total_ = 0;
};

}  // namespace

void register_basic(std::vector<ScenarioInfo>& out) {
  out.push_back({"basic-moons", "Plain classifier (no transfer)",
                 "plain supervised MLP on two moons (or another built-in set), held-out test split",
                 Corner::kSupervised, "supervised",
                 [] { return std::make_unique<BasicScenario>(); }});
}

TL_NAMESPACE_END

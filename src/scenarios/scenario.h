#pragma once
/// A scenario is a named preset: data + method(s) + config + what to show. Baselines are trained
/// side by side with the main method on the same seed and budget, so the effect of transfer is a
/// number. Used by the CLI, the page and the tests.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/csv.h"
#include "data/dataset.h"
#include "data/synthetic.h"
#include "scenarios/metric_info.h"
#include "scenarios/view_data.h"
#include "transfer/divergence_guard.h"
#include "transfer/method.h"

TL_NAMESPACE_BEGIN

/// Which corner of the lecture's 2x2 grid (is the source labelled? is the target labelled?) a
/// scenario sits in; kSupervised: no transfer, outside the grid.
enum class Corner {
  kBothLabelled,
  kTargetUnlabelled,
  kSourceUnlabelled,
  kNeitherLabelled,
  kSupervised
};

/// A stage of a scenario's training (pre-training on the source, then adaptation to the target;
/// one task after another), from the step it begins at.
struct Phase {
  std::string name;     ///< what the networks learn in it ("pre-train on source")
  long start_step = 0;  ///< steps_done() when it begins
};

using PhaseList = std::vector<Phase>;

class Scenario {
 public:
  virtual ~Scenario() = default;

  /// Every config field (data and method), once.
  virtual void visit(ConfigVisitor& v) = 0;
  /// Builds data (the user's, when given) and models from the seed. Errors concern user data
  /// that the scenario cannot use (e.g. a single class); the scenario is then unchanged.
  virtual Status reset(uint64_t seed) = 0;
  /// One training step of the main method and of each baseline.
  virtual StepStats step() = 0;
  /// The parameter blocks the next step() may change (main method and baselines): what the
  /// divergence guard snapshots and restores. Empty: the guard only watches the loss.
  virtual ParamList params() { return {}; }
  /// step() under the divergence guard (transfer/divergence_guard.h): when the loss or the
  /// weights become NaN/Inf or explode, the last good weights are restored and the error says
  /// so (suggesting a lower learning rate); later calls return the same error without stepping
  /// until reset(). `stats` (optional) receives the step's statistics.
  Status guarded_step(StepStats* stats = nullptr);
  /// Runs the next slice of the current step (the first slice begins a step): a part of the
  /// step's work (e.g. one of the models trained side by side) for a caller that must return
  /// within a frame. Returns true when the step is complete, with its statistics in `*stats`.
  /// Running slices until one returns true does exactly what step() does, bit for bit; between
  /// the slices of a step the models are part-way (read nothing but steps_done() then). Default:
  /// the whole step as one slice.
  virtual bool step_slice(StepStats* stats) {
    *stats = step();
    return true;
  }
  /// step_slice() under the divergence guard (as guarded_step(), judged when the step is
  /// complete): `*complete` says whether the step is; an error stops training as there.
  Status guarded_step_slice(StepStats* stats, bool* complete);
  /// True between the first and the last slice of a step.
  bool step_in_progress() const { return in_step_; }
  /// The divergence message after a trip ("" while training is healthy or after reset()).
  std::string divergence() const { return steps_done() == 0 ? std::string() : guard_.message(); }
  virtual long total_steps() const = 0;
  virtual long steps_done() const = 0;
  bool done() const { return steps_done() >= total_steps(); }
  /// The stages of training in order, the first from step 0, each starting later than the one
  /// before and before total_steps(); known after reset(). Empty: training has one stage.
  virtual PhaseList phases() const { return {}; }
  /// Named metrics of the current models (evaluated on held-out data).
  virtual Metrics metrics() = 0;
  /// What each metric metrics() may report means (metric_info.h), known before the first step
  /// so a display can lay out its figures: every reported name has an entry (exact or pattern).
  virtual MetricInfoList metrics_info() const = 0;

  /// Replaces the generated data with the user's (CSV upload / --source-csv / --target-csv).
  /// Takes effect at the next reset(). Scenarios that take no such data return an error.
  virtual Status set_user_source(std::optional<Dataset> ds);
  virtual Status set_user_target(std::optional<Dataset> ds);
  /// Replaces the class semantics (the class x attribute table of zero-shot learning) with the
  /// user's: any per-class embedding, rows matched to the scenario's classes by name (class table
  /// upload / --attributes). Takes effect at the next reset(); on error nothing changes.
  /// Scenarios without class semantics return an error.
  virtual Status set_user_class_semantics(std::optional<AttributeTable> table);

  // For the page.
  /// Data to draw: source and target points (nullptr when absent).
  virtual const Dataset* source_data() const { return nullptr; }
  virtual const Dataset* target_data() const { return nullptr; }
  /// Input dimension of the models; the canvas shows the heatmap when it is 2.
  virtual int input_dim() const = 0;
  virtual int num_classes() const = 0;
  /// Class probabilities of the main model, classes x n.
  virtual Mat predict(const Mat& X) const = 0;
  /// The models the page can show side by side: the main method first (index 0, what predict()
  /// gives), then the baselines and oracles the scenario trains beside it. Default: the method
  /// alone.
  virtual ModelList models() const { return {{"method", "model", MetricRole::kMethod, ""}}; }
  /// Class probabilities of model `index` of models(), classes x n (0: predict(X)).
  virtual Mat predict_model(int index, const Mat& X) const;
  /// The data of the scenario's method-specific picture (view_data.h), from the current models;
  /// nullptr when it has none. Called by the page a few times a second while training.
  virtual std::shared_ptr<const ViewData> view_data() { return nullptr; }
  /// The main model as a model file (core/model_io.h: save_mlp), or "" when there is none to save
  /// (the page's "download model" then says so).
  virtual std::string save_model() const { return {}; }

  /// Sets config field `key` from its text form: set_config_field on visit(), unless the scenario
  /// also takes another spelling of the value (zero-shot: `unseen` by class names). Errors as
  /// set_config_field's; on error nothing changes.
  virtual Status set_field(const std::string& key, const std::string& value);
  /// The classes' names in class order where the scenario knows them before reset() (for fields
  /// whose values are sets of classes, such as zero-shot's `unseen`); empty otherwise.
  virtual std::vector<std::string> class_names() const { return {}; }

  VisitFn visitor() {
    return [this](ConfigVisitor& v) { visit(v); };
  }

 private:
  DivergenceGuard guard_;
  bool in_step_ = false;
};

/// The lists one after the other (for Scenario::params of a method and its baselines).
ParamList join_params(std::initializer_list<ParamList> lists);

/// The built-in 2-D generators by their names (moons, circles, blobs, spiral, xor).
inline const ChoiceSpec<Generator> kGeneratorChoices = {{Generator::kMoons, "moons"},
                                                        {Generator::kCircles, "circles"},
                                                        {Generator::kBlobs, "blobs"},
                                                        {Generator::kSpiral, "spiral"},
                                                        {Generator::kXor, "xor"}};

/// A registered scenario. Each scenario file adds its entries in one function (registry.h).
struct ScenarioInfo {
  std::string name;         ///< the slug: the CLI's and the links' name ("dann-moons")
  std::string title;        ///< what the page shows ("Domain adaptation: rotated moons")
  std::string description;  ///< one line
  Corner corner;
  std::string family;  ///< the lecture's method it demonstrates ("fine-tuning", "zero-shot", ...)
  std::function<std::unique_ptr<Scenario>()> make;
};

/// All scenarios, in listing order (registry.cpp).
const std::vector<ScenarioInfo>& scenarios();
const ScenarioInfo* find_scenario(const std::string& name);
/// The method families of the scenarios in `corner`, each once, in listing order (the labels of
/// the page's grid).
std::vector<std::string> corner_families(Corner corner);

/// Checks that labelled user data can train a classifier: at least 2 classes with points, all
/// finite, the given input dimension (0 = any).
Status check_labelled(const Dataset& ds, const std::string& what, int dim = 0);

TL_NAMESPACE_END

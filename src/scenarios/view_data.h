#pragma once
/// The models a scenario can show side by side (its method and its baselines), and the data of
/// its method-specific picture. Both are read by the page (src/app/views/, the split canvas) from
/// the engine's snapshots and by the tests; neither knows anything of drawing.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "scenarios/metric_info.h"

TL_NAMESPACE_BEGIN

/// One model a scenario trains: the main method (index 0 of Scenario::models()) or a baseline
/// or oracle trained beside it on the same data, seed and budget.
struct ModelInfo {
  std::string key;    ///< stable id, used in links ("method", "scratch", "source_only", ...)
  std::string label;  ///< shown over its canvas ("fine-tuned", "scratch")
  MetricRole role = MetricRole::kMethod;
  std::string metric;  ///< the accuracy shown in its canvas' corner ("target_acc"; "" none)
  /// The step from which it trains (a baseline that waits for the method's adaptation, e.g.
  /// the scratch network of fine-tuning starts with the target phase). Before it, its metric
  /// describes an untrained network and is not drawn as a curve (Scenario::metrics() still
  /// reports it).
  long train_from = 0;
};

using ModelList = std::vector<ModelInfo>;

/// The index of the model `key` in `list`, or -1.
int find_model(const ModelList& list, const std::string& key);
/// The model the page puts beside the method by default: the first baseline, else the first
/// non-method model, else -1 (a scenario without baselines).
int default_comparison(const ModelList& list);

/// A scenario's method-specific picture: the data that make a method's idea visible (a feature
/// space, an attribute table, a sweep chart ...), taken from the current models by
/// Scenario::view_data(). A small bag of named matrices, numbers and texts; each scenario
/// documents the keys of its `kind` where it fills them, and the view of that kind reads them.
struct ViewData {
  std::string kind;  ///< which view draws it ("dann", "zero_shot", ...)
  long step = 0;     ///< the training step it describes
  std::map<std::string, Mat> mats;
  std::map<std::string, double> values;
  std::map<std::string, std::vector<std::string>> texts;

  /// The matrix `key`, or nullptr.
  const Mat* mat(const std::string& key) const;
  /// The number `key`, or `fallback`.
  double value(const std::string& key, double fallback = 0.0) const;
  /// The texts `key`, or nullptr.
  const std::vector<std::string>* text(const std::string& key) const;
};

TL_NAMESPACE_END

#pragma once
/// The interface every transfer method implements, the config-visitor mechanism that lists every
/// config field once (it drives the page's controls, the URL hash, the CLI's --set and tests), and
/// the step statistics methods report.
#include <cmath>
#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "core/activation.h"
#include "core/json.h"
#include "core/optimizer.h"
#include "core/param_block.h"
#include "core/status.h"

TL_NAMESPACE_BEGIN

/// Named scalars in a fixed order (e.g. {"target_acc", 0.93}).
using Metrics = std::vector<std::pair<std::string, double>>;
double metric(const Metrics& m, const std::string& name, double fallback = 0.0);

struct StepStats {
  long step = 0;      ///< number of steps done, this one included
  std::string phase;  ///< e.g. "pretrain", "adapt"
  double loss = 0;    ///< the main objective on this minibatch
  Metrics aux;        ///< further losses (domain loss, penalty, ...)
};

/// Visits each config field once with its key, range and help text.
class ConfigVisitor {
 public:
  virtual ~ConfigVisitor() = default;
  virtual void real(const char* key, double& v, double lo, double hi, const char* help) = 0;
  virtual void integer(const char* key, int& v, int lo, int hi, const char* help) = 0;
  virtual void flag(const char* key, bool& v, const char* help) = 0;
  /// One of a fixed list of names: `index` is the position of the current value in `names`
  /// (always valid on entry); a visitor that changes it keeps it valid. Configs call it through
  /// choice_enum (or choice_name), never with text.
  virtual void choice(const char* key, int& index, const std::vector<std::string>& names,
                      const char* help) = 0;
  /// A list of layer widths such as "32,32" (each 1..kMaxLayerWidth, at most kMaxHiddenLayers,
  /// at most kMaxHiddenUnits units in all).
  virtual void layers(const char* key, std::vector<int>& v, const char* help) = 0;
};

/// `index` when it is a valid position; otherwise the program stops with a message (a config
/// holding a value outside its choices is a programming error, never silently replaced).
int checked_choice_index(int index);

/// The values of a choice field and their text forms (the CLI's --set, links, JSON, the page's
/// combo box), in the order the page lists them. Text is turned into a value only at the config
/// edge (set_config_field), so configs hold enums.
template <class E>
struct ChoiceSpec {
  std::vector<E> values;
  std::vector<std::string> names;  ///< names[i] is the text form of values[i]
  ChoiceSpec(std::initializer_list<std::pair<E, const char*>> items) {
    for (const auto& it : items) {
      values.push_back(it.first);
      names.emplace_back(it.second);
    }
  }
  /// The position of `value`, or -1 when it is not one of the choices.
  int index_of(E value) const {
    for (size_t i = 0; i < values.size(); ++i)
      if (values[i] == value) return static_cast<int>(i);
    return -1;
  }
  /// The text form of `value` (which must be one of the choices).
  const std::string& name(E value) const { return names[checked_choice_index(index_of(value))]; }
};

/// Visits an enum field as a choice among `spec`'s names.
template <class E>
void choice_enum(ConfigVisitor& v, const char* key, E& value, const ChoiceSpec<E>& spec,
                 const char* help) {
  int index = checked_choice_index(spec.index_of(value));
  v.choice(key, index, spec.names, help);
  value =
      spec.values[checked_choice_index(index < static_cast<int>(spec.values.size()) ? index : -1)];
}

/// Visits a text field whose value is one of `names` (lists that depend on the data, such as
/// sets of classes); `value` must be one of them.
void choice_name(ConfigVisitor& v, const char* key, std::string& value,
                 const std::vector<std::string>& names, const char* help);

constexpr int kMaxLayerWidth = 1024;
constexpr int kMaxHiddenLayers = 8;
/// Limits on what a config (a link, --set) can ask for: the units of all hidden layers of one
/// `layers` field together (with kMaxLayerWidth this also bounds the weights between hidden
/// layers by 1024 x 1024) and the minibatch size (a minibatch gradient keeps one copy of the
/// network per 64 columns).
constexpr int kMaxHiddenUnits = 2048;
constexpr int kMaxBatch = 4096;
/// Weights and biases of one whole network (input, hidden and output layers), checked by
/// check_network_size where the input dimension and the classes are known (user data).
constexpr long kMaxNetworkWeights = 1L << 23;

/// Weights and biases of an MLP input -> hidden... -> output (64-bit: no overflow for any int).
long long network_weights(int input, const std::vector<int>& hidden, int output);
/// An error naming the layer sizes, the weight count and kMaxNetworkWeights when the network
/// would be over that limit; `what` starts the message (e.g. "network").
Status check_network_size(const std::string& what, int input, const std::vector<int>& hidden,
                          int output);

using VisitFn = std::function<void(ConfigVisitor&)>;

/// Sets field `key` from its text form. Errors name the key and its valid range, or list every
/// valid key when the key is unknown.
Status set_config_field(const VisitFn& visit, const std::string& key, const std::string& value);
/// Every field as key -> value (numbers, booleans, strings; layers as "32,32").
Json config_to_json(const VisitFn& visit);
/// Every field as (key, text form) pairs, in visit order.
std::vector<std::pair<std::string, std::string>> config_to_pairs(const VisitFn& visit);
/// The keys in visit order.
std::vector<std::string> config_keys(const VisitFn& visit);
std::string format_layers(const std::vector<int>& v);

/// A transfer method as a trainer (DESIGN.md, "A transfer method as a unit").
class Method {
 public:
  virtual ~Method() = default;
  /// Weights and optimizer from scratch / from the source model, RNG from the seed.
  virtual void reset() = 0;
  /// Exactly one minibatch update.
  virtual StepStats step() = 0;
  /// Class probabilities for the points X (dim x n), classes x n.
  virtual Mat predict(const Mat& X) = 0;
  /// Named scalars (accuracies etc.).
  virtual Metrics metrics() = 0;
  /// Trainable parameters of the current phase, for gradient checks and snapshots.
  virtual ParamList params() { return {}; }
  /// The whole objective on a fixed batch and its gradient w.r.t. params() (flattened), so tests
  /// can finite-difference it. Default: not provided (NaN / empty).
  virtual double objective() { return std::nan(""); }
  virtual Vec gradient() { return Vec(); }
};

/// The hidden activations a config offers.
inline const ChoiceSpec<Activation> kActivationChoices = {
    {Activation::kTanh, "tanh"}, {Activation::kRelu, "relu"}, {Activation::kSigmoid, "sigmoid"}};
/// sgd uses momentum 0.9.
inline const ChoiceSpec<OptimizerKind> kOptimizerChoices = {{OptimizerKind::kAdam, "adam"},
                                                            {OptimizerKind::kSgd, "sgd"}};

/// Shared training fields, with the same key names in every scenario.
struct TrainConfig {
  double lr = 0.01;
  int epochs = 100;
  int batch = 32;
  std::vector<int> hidden = {32, 32};
  Activation act = Activation::kTanh;
  OptimizerKind optimizer = OptimizerKind::kAdam;
  void visit(ConfigVisitor& v);
};

TL_NAMESPACE_END

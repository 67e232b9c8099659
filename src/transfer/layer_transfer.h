#pragma once
/// Layer transfer: pre-train on the source, then decide layer by layer whether to copy the
/// source's weights and freeze them, copy them and fine-tune them, or re-initialise the layer;
/// then train on the target. Copying the first layers fits a shift in the output side (new
/// classes built from the same low-level features, as with images); copying the last layers fits
/// a shift in the input side with the same output semantics (as with speakers in speech).
///
/// J. Yosinski, J. Clune, Y. Bengio, H. Lipson. How transferable are features in deep neural
/// networks? NeurIPS 2014.
#include <array>
#include <vector>

#include "transfer/fine_tune.h"

TL_NAMESPACE_BEGIN

enum class LayerMode { kFreeze, kTune, kReinit };
/// Which end of the network the copied layers are taken from (LayerTransferConfig::from).
enum class CopyFrom { kFirst, kLast };
inline const ChoiceSpec<CopyFrom> kCopyFromChoices = {{CopyFrom::kFirst, "first"},
                                                      {CopyFrom::kLast, "last"}};
/// What happens to the layers that are not copied (LayerTransferConfig::rest).
inline const ChoiceSpec<LayerMode> kRestLayerChoices = {{LayerMode::kReinit, "reinit"},
                                                        {LayerMode::kTune, "tune"}};

/// One layer's entry of a per-layer plan (LayerTransferConfig::layers): kAuto follows the rule
/// of copy/freeze/from/rest; the others set the layer's mode whatever the rule says.
enum class LayerChoice { kAuto, kFreeze, kTune, kReinit };
inline const ChoiceSpec<LayerChoice> kLayerChoices = {{LayerChoice::kAuto, "auto"},
                                                      {LayerChoice::kFreeze, "freeze"},
                                                      {LayerChoice::kTune, "tune"},
                                                      {LayerChoice::kReinit, "reinit"}};
/// Most weight layers a network has (kMaxHiddenLayers hidden layers and the output layer).
constexpr int kMaxWeightLayers = kMaxHiddenLayers + 1;

struct LayerTransferConfig {
  FineTuneConfig fine_tune;  ///< training fields; reinit_output is not used (see copy/from)
  int copy = 1;              ///< number of layers copied from the source
  bool freeze = true;        ///< copied layers frozen (else fine-tuned)
  /// Copy the first (input side) or the last (output side) layers.
  CopyFrom from = CopyFrom::kFirst;
  /// The other layers: kReinit (re-initialised) or kTune (copied too and fine-tuned).
  LayerMode rest = LayerMode::kReinit;
  double tuned_lr_mult = 1;  ///< learning-rate multiplier of copied layers that are fine-tuned
  /// Per-layer plan, layer i counted from the input (0 = first hidden layer): entries other than
  /// kAuto override the rule above for that layer (keys layer1, layer2, ... of visit_layers).
  std::array<LayerChoice, kMaxWeightLayers> layers{};
  void visit(ConfigVisitor& v);
  /// Visits layers[0 .. count-1] as the choice fields "layer1" .. "layer<count>" (count is
  /// clamped to kMaxWeightLayers).
  void visit_layers(ConfigVisitor& v, int count);
};

/// The config key of layer i's entry in LayerTransferConfig::layers ("layer1" for i = 0), or
/// nullptr when i is out of range.
const char* layer_key(int i);

/// `cfg` with its per-layer plan for a network of num_layers layers mirrored (layer i's entry
/// moved to layer num_layers-1-i) and `from` flipped: the plan seen from the other end.
LayerTransferConfig mirrored(const LayerTransferConfig& cfg, int num_layers);

/// The mode of each of num_layers layers under cfg (copy clamped to num_layers): the `copy`
/// layers at the `from` end are frozen (or tuned), the others re-initialised (or tuned); then
/// each entry of cfg.layers other than kAuto replaces its layer's mode.
std::vector<LayerMode> layer_plan(const LayerTransferConfig& cfg, int num_layers);

class LayerTransfer : public FineTune {
 public:
  LayerTransfer() = default;
  LayerTransfer(const LayerTransferConfig& cfg, TransferData data, Rng rng);

  // Pre-training as FineTune; adaptation, with frozen blocks left out of the update:
  // L = mean CE(net(X_tgt), y_tgt)
  StepStats step() override { return FineTune::step(); }

  const std::vector<LayerMode>& plan() const { return plan_; }

 protected:
  std::vector<bool> copy_plan(const Mlp& source) const override;
  void configure_adapt() override;

 private:
  LayerTransferConfig lcfg_;
  std::vector<LayerMode> plan_;
};

TL_NAMESPACE_END

#pragma once
/// Layer transfer: pre-train on the source, then decide layer by layer whether to copy the
/// source's weights and freeze them, copy them and fine-tune them, or re-initialise the layer;
/// then train on the target. Copying the first layers fits a shift in the output side (new
/// classes built from the same low-level features, as with images); copying the last layers fits
/// a shift in the input side with the same output semantics (as with speakers in speech).
///
/// J. Yosinski, J. Clune, Y. Bengio, H. Lipson. How transferable are features in deep neural
/// networks? NeurIPS 2014.
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

struct LayerTransferConfig {
  FineTuneConfig fine_tune;  ///< training fields; reinit_output is not used (see copy/from)
  int copy = 1;              ///< number of layers copied from the source
  bool freeze = true;        ///< copied layers frozen (else fine-tuned)
  /// Copy the first (input side) or the last (output side) layers.
  CopyFrom from = CopyFrom::kFirst;
  /// The other layers: kReinit (re-initialised) or kTune (copied too and fine-tuned).
  LayerMode rest = LayerMode::kReinit;
  double tuned_lr_mult = 1;  ///< learning-rate multiplier of copied layers that are fine-tuned
  void visit(ConfigVisitor& v);
};

/// The mode of each of num_layers layers under cfg (copy clamped to num_layers): the `copy`
/// layers at the `from` end are frozen (or tuned), the others re-initialised (or tuned).
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

#include "transfer/layer_transfer.h"

#include <algorithm>
#include <array>
#include <string>

TL_NAMESPACE_BEGIN

void LayerTransferConfig::visit(ConfigVisitor& v) {
  fine_tune.visit_training(v);
  v.integer(
      "copy", copy, 0, kMaxHiddenLayers + 1,
      "Layers copied from the source\nHow many layers start from the source network's weights.");
  v.flag("freeze", freeze,
         "Freeze the copied layers\nKeep the copied layers fixed; unticked, they are fine-tuned.");
  choice_enum(v, "from", from, kCopyFromChoices,
              "Copy from which end\nCopy the first layers (input side) or the last (output "
              "side).\nfirst = input side\nlast = output side");
  choice_enum(
      v, "rest", rest, kRestLayerChoices,
      "The other layers\nWhat happens to the layers not copied by the rule above.\nreinit = start "
      "from random weights\ntune = copy and fine-tune");
  v.real("tuned_lr_mult", tuned_lr_mult, 0.0, 10.0,
         "Learning speed of tuned copies\nLearning-rate multiplier of copied layers that are "
         "fine-tuned.");
  visit_layers(v, static_cast<int>(fine_tune.train.hidden.size()) + 1);
}

const char* layer_key(int i) {
  static constexpr const char* kKeys[kMaxWeightLayers] = {
      "layer1", "layer2", "layer3", "layer4", "layer5", "layer6", "layer7", "layer8", "layer9"};
  return i >= 0 && i < kMaxWeightLayers ? kKeys[i] : nullptr;
}

void LayerTransferConfig::visit_layers(ConfigVisitor& v, int count) {
  // One help text per layer, so that each field's label (its first line) names its layer.
  static const std::array<std::string, kMaxWeightLayers> kHelp = [] {
    std::array<std::string, kMaxWeightLayers> h;
    for (int i = 0; i < kMaxWeightLayers; ++i)
      h[static_cast<size_t>(i)] =
          "Layer " + std::to_string(i + 1) + "\nLayer " + std::to_string(i + 1) +
          ", counted from the input: what it starts from.\nauto = as the rule above says\n"
          "freeze = copy, keep fixed\ntune = copy, fine-tune\nreinit = random weights";
    return h;
  }();
  const int n = std::clamp(count, 0, kMaxWeightLayers);
  for (int i = 0; i < n; ++i)
    choice_enum(v, layer_key(i), layers[static_cast<size_t>(i)], kLayerChoices,
                kHelp[static_cast<size_t>(i)].c_str());
}

LayerTransferConfig mirrored(const LayerTransferConfig& cfg, int num_layers) {
  LayerTransferConfig out = cfg;
  out.from = cfg.from == CopyFrom::kFirst ? CopyFrom::kLast : CopyFrom::kFirst;
  const int n = std::clamp(num_layers, 0, kMaxWeightLayers);
  out.layers.fill(LayerChoice::kAuto);
  for (int i = 0; i < n; ++i)
    out.layers[static_cast<size_t>(n - 1 - i)] = cfg.layers[static_cast<size_t>(i)];
  return out;
}

std::vector<LayerMode> layer_plan(const LayerTransferConfig& cfg, int num_layers) {
  const int copy = std::clamp(cfg.copy, 0, num_layers);
  const LayerMode copied = cfg.freeze ? LayerMode::kFreeze : LayerMode::kTune;
  std::vector<LayerMode> plan(num_layers, cfg.rest);
  for (int i = 0; i < copy; ++i) {
    const int layer = cfg.from == CopyFrom::kLast ? num_layers - 1 - i : i;
    plan[layer] = copied;
  }
  for (int i = 0; i < std::min(num_layers, kMaxWeightLayers); ++i) {
    switch (cfg.layers[static_cast<size_t>(i)]) {
      case LayerChoice::kAuto:
        break;
      case LayerChoice::kFreeze:
        plan[i] = LayerMode::kFreeze;
        break;
      case LayerChoice::kTune:
        plan[i] = LayerMode::kTune;
        break;
      case LayerChoice::kReinit:
        plan[i] = LayerMode::kReinit;
        break;
    }
  }
  return plan;
}

LayerTransfer::LayerTransfer(const LayerTransferConfig& cfg, TransferData data, Rng rng)
    : FineTune(cfg.fine_tune, std::move(data), rng), lcfg_(cfg) {}

std::vector<bool> LayerTransfer::copy_plan(const Mlp& source) const {
  const std::vector<LayerMode> plan = layer_plan(lcfg_, source.num_layers());
  std::vector<bool> copied(plan.size());
  for (size_t i = 0; i < plan.size(); ++i) copied[i] = plan[i] != LayerMode::kReinit;
  // The source's output layer names the source's classes: it is only worth keeping when the
  // target has the same classes (Yosinski et al. always train a new output layer for task B).
  if (!copied.empty() && !data_.shared_classes) copied.back() = false;
  return copied;
}

void LayerTransfer::configure_adapt() {
  plan_ = layer_plan(lcfg_, net_.num_layers());
  for (int i = 0; i < net_.num_layers(); ++i) {
    if (!copied_[i]) plan_[i] = LayerMode::kReinit;  // e.g. an output layer of another shape
    Dense& layer = net_.layers[i];
    if (plan_[i] == LayerMode::kFreeze) {
      layer.W.trainable = layer.b.trainable = false;
    } else if (plan_[i] == LayerMode::kTune) {
      layer.W.lr_mult = layer.b.lr_mult = static_cast<Scalar>(lcfg_.tuned_lr_mult);
    }
  }
}

TL_NAMESPACE_END

#pragma once
/// Model files: a small JSON document with a format name and version,
///   {"format":"transferlab-model","version":1,
///    "spec":{"input":2,"hidden":[32,32],"output":2,"hidden_act":"tanh","output_act":"identity"},
///    "layers":[{"W":[...out*in values, row-major...],"b":[...out values...]}, ...]}
/// Loading validates everything (shapes, finiteness, limits) before building the network.
#include <string>
#include <string_view>

#include "core/mlp.h"
#include "core/status.h"

TL_NAMESPACE_BEGIN

constexpr int kModelFormatVersion = 1;
constexpr int kMaxLayers = 16;
constexpr int kMaxUnits = 4096;
constexpr long kMaxParams = 4L << 20;

std::string save_mlp(const Mlp& net);
Result<Mlp> load_mlp(std::string_view text, const std::string& origin = "model");

TL_NAMESPACE_END

#include "core/activation.h"

#include <utility>

TL_NAMESPACE_BEGIN

namespace {

/// Each activation and its text form (model files): one table for both directions.
constexpr std::pair<Activation, const char*> kActivationNames[] = {
    {Activation::kIdentity, "identity"},
    {Activation::kTanh, "tanh"},
    {Activation::kRelu, "relu"},
    {Activation::kSigmoid, "sigmoid"}};

}  // namespace

const char* activation_name(Activation a) {
  for (const auto& [value, name] : kActivationNames)
    if (value == a) return name;
  return "identity";
}

std::optional<Activation> parse_activation(const std::string& text) {
  if (text == "linear") return Activation::kIdentity;  // an accepted alias of "identity"
  for (const auto& [value, name] : kActivationNames)
    if (text == name) return value;
  return std::nullopt;
}

void activate(Activation act, const Mat& Z, Mat& A) {
  switch (act) {
    case Activation::kIdentity:
      A = Z;
      break;
    case Activation::kTanh:
      A = Z.array().tanh();
      break;
    case Activation::kRelu:
      A = Z.array().max(Scalar(0));
      break;
    case Activation::kSigmoid:
      A = (Scalar(1) + (-Z.array()).exp()).inverse();
      break;
  }
}

void activate_backward(Activation act, const Mat& A, const Mat& dA, Mat& dZ) {
  switch (act) {
    case Activation::kIdentity:
      dZ = dA;
      break;
    // d tanh(z)/dz = 1 - tanh(z)^2 = 1 - a^2
    case Activation::kTanh:
      dZ = dA.array() * (Scalar(1) - A.array().square());
      break;
    // d relu(z)/dz = [z > 0] = [a > 0]
    case Activation::kRelu:
      dZ = (A.array() > Scalar(0)).select(dA, Scalar(0));
      break;
    // d sigmoid(z)/dz = s (1 - s)
    case Activation::kSigmoid:
      dZ = dA.array() * A.array() * (Scalar(1) - A.array());
      break;
  }
}

TL_NAMESPACE_END

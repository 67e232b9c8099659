#include "core/activation.h"

TL_NAMESPACE_BEGIN

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::kIdentity:
      return "identity";
    case Activation::kTanh:
      return "tanh";
    case Activation::kRelu:
      return "relu";
    case Activation::kSigmoid:
      return "sigmoid";
  }
  return "identity";
}

std::optional<Activation> parse_activation(const std::string& name) {
  if (name == "identity" || name == "linear") return Activation::kIdentity;
  if (name == "tanh") return Activation::kTanh;
  if (name == "relu") return Activation::kRelu;
  if (name == "sigmoid") return Activation::kSigmoid;
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

#pragma once
/// Element-wise activations and their derivatives, expressed through the activation's output
/// where possible (tanh' = 1 - a^2, sigmoid' = a (1 - a)) so the backward pass needs only A.
#include <optional>
#include <string>

#include "core/tensor.h"

TL_NAMESPACE_BEGIN

enum class Activation { kIdentity, kTanh, kRelu, kSigmoid };

const char* activation_name(Activation a);
std::optional<Activation> parse_activation(const std::string& name);

/// A = f(Z), in place allowed (A may alias Z).
void activate(Activation act, const Mat& Z, Mat& A);
/// dZ = dA .* f'(Z), given A = f(Z). dZ may alias dA.
void activate_backward(Activation act, const Mat& A, const Mat& dA, Mat& dZ);

TL_NAMESPACE_END

#pragma once
/// Element-wise activations and their derivatives, expressed through the activation's output
/// where possible (tanh' = 1 - a^2, sigmoid' = a (1 - a)) so the backward pass needs only A.
///
/// Display precision: a heatmap only needs colours, so its predictions may use a cheaper tanh
/// (and a sigmoid built on it) whose error is far below what a colour shows. A DisplayPrecision
/// object switches activate() of the current thread to fast_tanh() / fast_sigmoid() for its
/// lifetime. Training, gradients, metrics and accuracies never run under it: they keep the exact
/// activation (Eigen's tanh and exp).
#include <optional>
#include <string>

#include "core/tensor.h"

TL_NAMESPACE_BEGIN

enum class Activation { kIdentity, kTanh, kRelu, kSigmoid };

const char* activation_name(Activation a);
std::optional<Activation> parse_activation(const std::string& name);

/// A = f(Z), in place allowed (A may alias Z). Under a DisplayPrecision of this thread, tanh and
/// sigmoid are fast_tanh() and fast_sigmoid().
void activate(Activation act, const Mat& Z, Mat& A);
/// dZ = dA .* f'(Z), given A = f(Z). dZ may alias dA.
void activate_backward(Activation act, const Mat& A, const Mat& dA, Mat& dZ);

/// A bound on |fast_tanh(x) - tanh(x)| (measured by tests/core/
/// test_fast_activation.cpp on a sweep of [-20, 20] in steps of 1e-5: 9.6e-5 in float, where the
/// approximation's own 7.0e-5 meets float rounding);
/// fast_sigmoid's is half of it. Far below one step of an 8-bit colour (1/255 = 3.9e-3).
constexpr double kFastTanhMaxError = 1e-4;
/// The clamp of fast_tanh: beyond it tanh is within 1.5e-4 of +-1 and the rational is held at
/// its value there.
constexpr double kFastTanhClamp = 4.97;

/// tanh(x) by the [7/6] Pade approximant of Lambert's continued fraction,
///   tanh x ~ x (135135 + 17325 x^2 + 378 x^4 + x^6) / (135135 + 62370 x^2 + 3150 x^4 + 28 x^6),
/// on x clamped to [-kFastTanhClamp, kFastTanhClamp]: seven multiply-adds and one division, as
/// one vectorised Eigen array expression (SSE natively, SIMD128 in WebAssembly). Odd and
/// monotone on the clamp range; max error kFastTanhMaxError. A may alias Z.
void fast_tanh(const Mat& Z, Mat& A);
/// sigmoid(x) = (1 + tanh(x / 2)) / 2 with fast_tanh; max error kFastTanhMaxError / 2.
void fast_sigmoid(const Mat& Z, Mat& A);

/// Whether activate() in this thread uses the display-precision activations.
bool display_precision();

/// Scoped switch to display precision in the current thread (restores the previous setting when
/// it ends; nests). Only for predictions that are drawn, never for anything measured: the page's
/// heatmap and the grid benchmark use it. Code that spreads work over other threads passes the
/// setting on (Mlp::predict_proba does).
class DisplayPrecision {
 public:
  explicit DisplayPrecision(bool on = true);
  ~DisplayPrecision();
  DisplayPrecision(const DisplayPrecision&) = delete;
  DisplayPrecision& operator=(const DisplayPrecision&) = delete;

 private:
  bool previous_;
};

/// f() evaluated under a DisplayPrecision (for expressions: `const Mat P =
/// with_display_precision([&] { return model.predict(grid); });`).
template <class F>
auto with_display_precision(F&& f) {
  DisplayPrecision scope;
  return f();
}

TL_NAMESPACE_END

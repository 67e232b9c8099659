#include "core/activation.h"

#include <algorithm>
#include <utility>

TL_NAMESPACE_BEGIN

namespace {

/// Each activation and its text form (model files): one table for both directions.
constexpr std::pair<Activation, const char*> kActivationNames[] = {
    {Activation::kIdentity, "identity"},
    {Activation::kTanh, "tanh"},
    {Activation::kRelu, "relu"},
    {Activation::kSigmoid, "sigmoid"}};

/// Whether activate() uses the display-precision activations in this thread.
thread_local bool t_display_precision = false;

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

bool display_precision() {
  return t_display_precision;
}

DisplayPrecision::DisplayPrecision(bool on) : previous_(t_display_precision) {
  t_display_precision = on;
}

DisplayPrecision::~DisplayPrecision() {
  t_display_precision = previous_;
}

// The [7/6] Pade approximant of tanh (Lambert's continued fraction cut after its seventh term)
// in s = x^2, Horner form, on x clamped to the clamp range first, so the result stays bounded
// and finite for every input (infinities included; NaN stays NaN). Written with Eigen's packet
// primitives (SSE natively, SIMD128 in WebAssembly) so each value is loaded, clamped and
// squared once; the last size % packet values take the same steps one at a time.
template <bool kSigmoid>
void fast_tanh_impl(const Mat& Z, Mat& A) {
  namespace ei = Eigen::internal;
  using Packet = typename ei::packet_traits<Scalar>::type;
  constexpr Eigen::Index kLanes = ei::packet_traits<Scalar>::size;
  const Scalar c = static_cast<Scalar>(kFastTanhClamp);
  const Scalar k0 = 135135, k1 = 17325, k2 = 378, k3 = 62370, k4 = 3150, k5 = 28;
  const Scalar in_scale = kSigmoid ? Scalar(0.5) : Scalar(1);
  A.resize(Z.rows(), Z.cols());
  const Eigen::Index size = Z.size();
  const Scalar* z = Z.data();
  Scalar* a = A.data();
  Eigen::Index i = 0;
  if (kLanes > 1) {
    const Packet lo = ei::pset1<Packet>(-c), hi = ei::pset1<Packet>(c);
    const Packet p0 = ei::pset1<Packet>(k0), p1 = ei::pset1<Packet>(k1), p2 = ei::pset1<Packet>(k2),
                 p3 = ei::pset1<Packet>(k3), p4 = ei::pset1<Packet>(k4), p5 = ei::pset1<Packet>(k5);
    const Packet scale = ei::pset1<Packet>(in_scale), half = ei::pset1<Packet>(Scalar(0.5));
    for (; i + kLanes <= size; i += kLanes) {
      Packet x = ei::ploadu<Packet>(z + i);
      if (kSigmoid) x = ei::pmul(x, scale);
      x = ei::pmin(ei::pmax(x, lo), hi);
      const Packet s = ei::pmul(x, x);
      const Packet num = ei::pmul(x, ei::pmadd(ei::pmadd(ei::padd(s, p2), s, p1), s, p0));
      const Packet den = ei::pmadd(ei::pmadd(ei::pmadd(p5, s, p4), s, p3), s, p0);
      Packet t = ei::pdiv(num, den);
      if (kSigmoid) t = ei::pmadd(t, half, half);
      ei::pstoreu(a + i, t);
    }
  }
  for (; i < size; ++i) {
    const Scalar x = std::min(std::max(z[i] * in_scale, -c), c);
    const Scalar s = x * x;
    const Scalar t = x * (k0 + s * (k1 + s * (k2 + s))) / (k0 + s * (k3 + s * (k4 + k5 * s)));
    a[i] = kSigmoid ? Scalar(0.5) * t + Scalar(0.5) : t;
  }
}

void fast_tanh(const Mat& Z, Mat& A) {
  fast_tanh_impl<false>(Z, A);
}

// sigmoid(x) = (1 + tanh(x / 2)) / 2.
void fast_sigmoid(const Mat& Z, Mat& A) {
  fast_tanh_impl<true>(Z, A);
}

void activate(Activation act, const Mat& Z, Mat& A) {
  if (t_display_precision) {
    if (act == Activation::kTanh) return fast_tanh(Z, A);
    if (act == Activation::kSigmoid) return fast_sigmoid(Z, A);
  }
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

#include "core/rng.h"

#include <cmath>

TL_NAMESPACE_BEGIN

namespace dmath {

// log(x) = 2 atanh((m-1)/(m+1)) + e ln2, with m in [sqrt(1/2), sqrt(2)); the atanh series in
// s = ((m-1)/(m+1))^2 converges fast since |(m-1)/(m+1)| < 0.172.
double log(double x) {
  if (!(x > 0)) return x == 0 ? -HUGE_VAL : NAN;
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // exact: x = m 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    e -= 1;
  }
  const double t = (m - 1.0) / (m + 1.0);
  const double s = t * t;
  double sum = 0.0;
  for (int k = 27; k >= 1; k -= 2) sum = sum * s + 1.0 / k;
  return 2.0 * t * sum + e * 0.69314718055994530942;
}

// exp(x) = 2^k exp(r), r = x - k ln2 in [-ln2/2, ln2/2], Taylor series to degree 18.
double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.0) return HUGE_VAL;
  if (x < -745.0) return 0.0;
  const double k = std::floor(x / 0.69314718055994530942 + 0.5);
  const double r = x - k * 0.69314718055994530942;
  double sum = 1.0;
  for (int i = 18; i >= 1; --i) sum = 1.0 + sum * r / i;
  return std::ldexp(sum, static_cast<int>(k));
}

namespace {
// Taylor series on [-pi/4, pi/4].
double sin_poly(double x) {
  const double x2 = x * x;
  double sum = 0.0, term = x;
  for (int i = 1; i < 20; i += 2) {
    sum += term;
    term *= -x2 / ((i + 1) * (i + 2));
  }
  return sum;
}
double cos_poly(double x) {
  const double x2 = x * x;
  double sum = 0.0, term = 1.0;
  for (int i = 0; i < 20; i += 2) {
    sum += term;
    term *= -x2 / ((i + 1) * (i + 2));
  }
  return sum;
}
}  // namespace

double sin(double x) {
  if (!std::isfinite(x)) return NAN;
  const double q = std::floor(x / (kPi / 2) + 0.5);
  const double r = x - q * (kPi / 2);
  const int quadrant = static_cast<int>(std::fmod(q, 4.0) + 4.0) % 4;
  switch (quadrant) {
    case 0:
      return sin_poly(r);
    case 1:
      return cos_poly(r);
    case 2:
      return -sin_poly(r);
    default:
      return -cos_poly(r);
  }
}

double cos(double x) {
  return sin(x + kPi / 2);
}

}  // namespace dmath

Rng::Rng(uint64_t seed, uint64_t stream) {
  inc_ = (stream << 1u) | 1u;
  state_ = 0;
  next_u32();
  state_ += seed;
  next_u32();
}

uint32_t Rng::next_u32() {
  const uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + inc_;
  const uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
  const uint32_t rot = static_cast<uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32 - rot) & 31));
}

double Rng::uniform() {
  const uint64_t hi = next_u32() >> 5;  // 27 bits
  const uint64_t lo = next_u32() >> 6;  // 26 bits
  return static_cast<double>((hi << 26) | lo) * (1.0 / 9007199254740992.0);
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double f = std::sqrt(-2.0 * dmath::log(s) / s);  // sqrt is exact in IEEE 754
  spare_ = v * f;
  has_spare_ = true;
  return u * f;
}

uint32_t Rng::below(uint32_t n) {
  uint64_t m = static_cast<uint64_t>(next_u32()) * n;
  uint32_t l = static_cast<uint32_t>(m);
  if (l < n) {
    const uint32_t t = (0u - n) % n;
    while (l < t) {
      m = static_cast<uint64_t>(next_u32()) * n;
      l = static_cast<uint32_t>(m);
    }
  }
  return static_cast<uint32_t>(m >> 32);
}

Rng Rng::split(uint64_t tag) {
  const uint64_t seed = (static_cast<uint64_t>(next_u32()) << 32) | next_u32();
  return Rng(seed, tag * 2654435761ULL + 17);
}

TL_NAMESPACE_END

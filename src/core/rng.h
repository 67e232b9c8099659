#pragma once
/// Our own pseudo-random generator (PCG32, O'Neill 2014) with uniform and normal variates built
/// from integer arithmetic and deterministic math only, so native and WebAssembly builds produce
/// bit-identical sequences for a seed.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>
#include "core/config.h"

TL_NAMESPACE_BEGIN

/// Deterministic elementary functions in double (plain IEEE arithmetic, no libm), used wherever a
/// value must be identical on every platform: the RNG and the data generators.
namespace dmath {
double log(double x);
double exp(double x);
double sin(double x);
double cos(double x);
constexpr double kPi = 3.14159265358979323846;
}  // namespace dmath

class Rng {
 public:
  explicit Rng(uint64_t seed = 0, uint64_t stream = 0x5eed);
  uint32_t next_u32();
  /// Uniform in [0, 1) with 53 random bits.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Standard normal (Marsaglia polar method).
  double normal();
  double normal(double mean, double stddev) { return mean + stddev * normal(); }
  /// Uniform integer in [0, n), unbiased (Lemire's rejection).
  uint32_t below(uint32_t n);
  /// Fisher-Yates shuffle.
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) {
      size_t j = below(static_cast<uint32_t>(i));
      std::swap(v[i - 1], v[j]);
    }
  }
  /// A child generator with an independent stream, for giving each component its own sequence.
  Rng split(uint64_t tag);

 private:
  uint64_t state_ = 0;
  uint64_t inc_ = 0;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

TL_NAMESPACE_END

#pragma once
/// Scalar type of the core. The float build is the product; a second build of the same sources
/// with TL_DOUBLE defined lives in its own inline namespace so gradient checks can run in double
/// inside the same test binary without clashing symbols.

#ifdef TL_DOUBLE
#define TL_ABI_NS f64
#else
#define TL_ABI_NS f32
#endif

#define TL_NAMESPACE_BEGIN \
  namespace tl {           \
  inline namespace TL_ABI_NS {
#define TL_NAMESPACE_END \
  }                      \
  }

TL_NAMESPACE_BEGIN
#ifdef TL_DOUBLE
using Scalar = double;
#else
using Scalar = float;
#endif
TL_NAMESPACE_END

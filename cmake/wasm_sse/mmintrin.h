/* Placed first on the WebAssembly include path when TL_WASM_SIMD=sse (cmake/wasm.cmake).
 *
 * Emscripten translates SSE..SSE4.2 intrinsics to WebAssembly SIMD128, which lets Eigen 3.4 use
 * its SSE packet math in the browser (it has no SIMD128 backend of its own). Two obstacles:
 * 1. Emscripten 3.1.6 ships no <mmintrin.h>, which Eigen includes on the SSE path without using
 *    any MMX intrinsic: this header stands in for it.
 * 2. clang reports __GNUC__ 4.2, so Eigen's SSE pmin/pmax would take an x86 inline-asm
 *    workaround meant for gcc < 6.3, which cannot compile to WebAssembly. Eigen includes this
 *    header after defining EIGEN_COMP_GNUC, so the version it compares is raised here. */
#ifndef TL_WASM_MMINTRIN_H
#define TL_WASM_MMINTRIN_H
#if defined(__EMSCRIPTEN__) && defined(EIGEN_COMP_GNUC) && EIGEN_COMP_GNUC < 63
#undef EIGEN_COMP_GNUC
#define EIGEN_COMP_GNUC 63
#endif
#endif

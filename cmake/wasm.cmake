# WebAssembly settings (Emscripten 3.1.6; the facts these settings rely on are in
# docs/toolchain.md). Included by the top-level CMakeLists.txt; does nothing on native builds.
if(NOT EMSCRIPTEN)
  return()
endif()

set(CMAKE_CXX_FLAGS_RELEASE "-O3 -DNDEBUG")
# SIMD for the whole tree (core, CLI, tests, page). Eigen 3.4 has no WebAssembly SIMD backend:
#   simd128  -msimd128 only: LLVM's auto-vectoriser is all the SIMD there is;
#   sse      -msimd128 -msse4.2: Emscripten maps SSE intrinsics to SIMD128, so Eigen's SSE packet
#            math runs (needs the small shim in cmake/wasm_sse/, see mmintrin.h there).
# Chosen by measurement (bench/RESULTS.md); the active path is printed by `transferlab bench`.
set(TL_WASM_SIMD "sse" CACHE STRING "WebAssembly SIMD route: sse or simd128")
set_property(CACHE TL_WASM_SIMD PROPERTY STRINGS sse simd128)
add_compile_options(-msimd128)
add_link_options(-msimd128)
if(TL_WASM_SIMD STREQUAL "sse")
  add_compile_options(-msse4.2)
  include_directories(BEFORE SYSTEM "${CMAKE_SOURCE_DIR}/cmake/wasm_sse")
endif()

find_program(TL_NODE node REQUIRED)

# The CLI under node: real file system access (for --source-csv and the digits file), growing
# memory, and a clean exit.
function(tl_wasm_cli_options target)
  target_link_options(${target} PRIVATE -sNODERAWFS=1 -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1
                      -sEXIT_RUNTIME=1)
endfunction()

function(tl_wasm_test_options target)
  tl_wasm_cli_options(${target})
endfunction()

# The threaded node CLI, transferlab_threads.js: the same sources on the -pthread core tl_core_mt
# (every object of a pthread program needs -pthread, docs/toolchain.md), so that
# `transferlab_threads.js bench --threads N` measures the data-parallel gradient under node. N is
# capped at the worker pool (the pool is created at start-up; a thread beyond it could not start
# while the main thread waits). EXIT_RUNTIME (from tl_wasm_cli_options) lets node exit with
# workers alive. Not part of `all`: bench/run.mjs builds it. Called by the top-level
# CMakeLists.txt next to the CLI, after tl_core_mt is defined.
set(TL_WASM_CLI_THREADS 4 CACHE STRING "Worker pool of transferlab_threads.js (the most --threads)")
function(tl_wasm_add_cli_mt)
  add_executable(transferlab_threads EXCLUDE_FROM_ALL ${TL_CLI_SOURCES})
  target_link_libraries(transferlab_threads PRIVATE tl_core_mt)
  target_compile_definitions(transferlab_threads PRIVATE TL_CLI_MAX_THREADS=${TL_WASM_CLI_THREADS})
  tl_wasm_cli_options(transferlab_threads)
  target_link_options(transferlab_threads PRIVATE -pthread -sPTHREAD_POOL_SIZE=${TL_WASM_CLI_THREADS}
                      -Wno-pthreads-mem-growth)
endfunction()

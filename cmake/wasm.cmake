# WebAssembly settings (Emscripten 3.1.6, see TOOLCHAIN.md). Included by the top-level
# CMakeLists.txt; does nothing on native builds.
if(NOT EMSCRIPTEN)
  return()
endif()

set(CMAKE_CXX_FLAGS_RELEASE "-O3 -DNDEBUG")
# SIMD128 for the whole tree (core, CLI, tests); the page adds its own flags.
add_compile_options(-msimd128)
add_link_options(-msimd128)

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

# Short, deterministic run of one libFuzzer target for CTest:
#   cmake -DFUZZER=path -DCORPUS=seed-folder [-DREGRESSIONS=folder] -DWORK=scratch-folder -DRUNS=n
#         -P short_run.cmake
# The scratch folder receives the inputs the run finds (the seed corpus stays untouched) and any
# crashing input (crash-*, leak-*, timeout-*). Fails when the target fails.
foreach(var FUZZER CORPUS WORK RUNS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "short_run.cmake: -D${var}=... is required")
  endif()
endforeach()
set(seeds "${CORPUS}")
if(DEFINED REGRESSIONS AND IS_DIRECTORY "${REGRESSIONS}")
  list(APPEND seeds "${REGRESSIONS}")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus")
execute_process(
  COMMAND "${FUZZER}" -runs=${RUNS} -seed=1 -max_len=4096 -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${WORK}/ "${WORK}/corpus" ${seeds}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "short_run.cmake: ${FUZZER} exited with ${status}; the input is in ${WORK}/")
endif()

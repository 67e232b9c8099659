# The page's Chinese font (scripts/build_cjk_font.py): finds a python3 with fontTools and the CJK
# font. Both come from Debian packages that scripts/setup.sh installs (python3-fonttools,
# fonts-wqy-microhei): Debian's /usr/bin/python3 is tried before any other python3 on the PATH,
# since only it sees Debian's python packages.
#
#   tl_find_cjk_font(REQUIRED)  sets TL_FONT_PYTHON, TL_CJK_FONT, TL_CJK_FONT_NUMBER; with
#                               REQUIRED a missing one stops the configuration with a message
set(TL_CJK_FONT "" CACHE FILEPATH
    "CJK TrueType font (or collection) for the page's Chinese text (empty: search the system)")
set(TL_CJK_FONT_NUMBER 0 CACHE STRING "The font's number in a collection (.ttc)")

function(tl_find_cjk_font)
  set(required OFF)
  if("REQUIRED" IN_LIST ARGN)
    set(required ON)
  endif()
  if(NOT TL_FONT_PYTHON)
    find_program(TL_PYTHON3_ON_PATH NAMES python3)
    mark_as_advanced(TL_PYTHON3_ON_PATH)
    foreach(py /usr/bin/python3 ${TL_PYTHON3_ON_PATH})
      if(EXISTS "${py}")
        execute_process(COMMAND "${py}" -c "import fontTools.subset"
                        RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
        if(rc EQUAL 0)
          set(TL_FONT_PYTHON "${py}" CACHE FILEPATH "python3 with fontTools (the page's fonts)")
          break()
        endif()
      endif()
    endforeach()
  endif()
  set(font "${TL_CJK_FONT}")
  if(NOT font)
    foreach(f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc)
      if(EXISTS "${f}")
        set(font "${f}")
        break()
      endif()
    endforeach()
  endif()
  set(problem "")
  if(NOT TL_FONT_PYTHON)
    string(APPEND problem " fontTools (Debian: python3-fonttools) was not found for any python3;")
  endif()
  if(NOT font OR NOT EXISTS "${font}")
    string(APPEND problem " the Chinese font (Debian: fonts-wqy-microhei, "
           "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc; or set TL_CJK_FONT) was not found;")
  endif()
  if(problem AND required)
    message(FATAL_ERROR "The page's Chinese font cannot be built:${problem} run scripts/setup.sh "
                        "to install them.")
  endif()
  if(problem)
    set(TL_CJK_FONT_FOUND OFF PARENT_SCOPE)
  else()
    set(TL_CJK_FONT_FOUND ON PARENT_SCOPE)
  endif()
  set(TL_CJK_FONT_FILE "${font}" PARENT_SCOPE)
endfunction()

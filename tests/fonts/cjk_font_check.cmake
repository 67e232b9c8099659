# The Chinese font build (scripts/build_cjk_font.py), run by CTest:
#   cmake -DPYTHON=... -DSCRIPT=... -DFONT=... -DFONT_NUMBER=... -DWORK=DIR -P cjk_font_check.cmake
# 1. A catalogue whose zh: line uses characters the font lacks (U+20000, a CJK Extension B
#    ideograph, and U+1F600, an emoji) fails, names both, and leaves no subset behind (an
#    earlier one is removed).
# 2. A catalogue and a lessons text the font covers give a subset with those characters and the
#    fixed punctuation, and a JSON summary that counts them; English (en:) lines and comments
#    add nothing, and a missing lessons file counts as empty.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(out "${WORK}/zh.ttf")
set(json "${WORK}/zh.json")

# 1. Missing characters.
string(ASCII 240 160 128 128 ext_b)  # U+20000 in UTF-8
string(ASCII 240 159 152 128 emoji)  # U+1F600 in UTF-8
file(WRITE "${WORK}/bad.txt" "# comment\nen: Play\nzh: 播放\nen: Odd\nzh: 迁移${ext_b}学习${emoji}\n")
file(WRITE "${out}" "stale")
file(WRITE "${json}" "stale")
execute_process(COMMAND "${PYTHON}" "${SCRIPT}" --font "${FONT}" --font-number "${FONT_NUMBER}"
                        --out "${out}" --json "${json}" --catalogue "${WORK}/bad.txt"
                RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
if(rc EQUAL 0)
  message(FATAL_ERROR "the font build passed although the font lacks U+20000 and U+1F600:\n${stdout}")
endif()
foreach(want "U+20000" "U+1F600" "bad.txt:5")
  string(FIND "${stderr}" "${want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the failure message does not name ${want}:\n${stderr}")
  endif()
endforeach()
foreach(f "${out}" "${json}")
  if(EXISTS "${f}")
    message(FATAL_ERROR "a failed font build left ${f} behind")
  endif()
endforeach()
message(STATUS "a missing character fails the build:\n${stderr}")

# 2. Covered characters.
file(WRITE "${WORK}/good.txt" "# 注释 ignored\nen: Play × ± ©\nzh: 播放\nen: Stop\nzh: 停止（暂停）\n")
file(WRITE "${WORK}/lessons.txt" "# lessons\n[basic-moons]\ntitle: 基线\n")
execute_process(COMMAND "${PYTHON}" "${SCRIPT}" --font "${FONT}" --font-number "${FONT_NUMBER}"
                        --out "${out}" --json "${json}" --catalogue "${WORK}/good.txt"
                        --text "${WORK}/lessons.txt" --text "${WORK}/absent.txt"
                RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the font build failed on characters the font has:\n${stdout}${stderr}")
endif()
file(READ "${json}" summary)
string(JSON chars GET "${summary}" chars)
string(JSON glyphs GET "${summary}" glyphs)
string(JSON bytes GET "${summary}" bytes)
file(SIZE "${out}" size)
# 播放停止暂基线 (7) plus the fixed punctuation (19, （ and ） among them); nothing from the en:
# lines or the comments.
if(NOT chars EQUAL 26)
  message(FATAL_ERROR "the subset holds ${chars} characters, expected 26: ${summary}")
endif()
if(NOT bytes EQUAL size OR glyphs LESS 27)
  message(FATAL_ERROR "summary ${summary} does not describe ${out} (${size} bytes)")
endif()
message(STATUS "subset: ${summary}")

# cmake -DOUT=FILE "-DFILES=A|B|..." -P join_text.cmake: writes the files' texts to OUT in the
# given order, with a line break between two files (an empty FILES gives an empty OUT). Used by
# the site build to join the catalogues web/i18n/LANG/*.txt into web/i18n/LANG.txt.
string(REPLACE "|" ";" files "${FILES}")
set(text "")
set(first ON)
foreach(f IN LISTS files)
  if(f STREQUAL "")
    continue()
  endif()
  file(READ "${f}" body)
  if(NOT first)
    string(APPEND text "\n")
  endif()
  string(APPEND text "${body}")
  set(first OFF)
endforeach()
file(WRITE "${OUT}.partial" "${text}")
file(RENAME "${OUT}.partial" "${OUT}")

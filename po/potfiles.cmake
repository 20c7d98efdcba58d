# SPDX-License-Identifier: GPL-3.0-or-later
# Run by the `pot` target (cmake -P): extract every _() / N_() message of
# the translated rooms into po/motcua.pot.  Also usable by hand:
#   cmake -DXGETTEXT=xgettext -DSRC=. -DPOT=po/motcua.pot -P po/potfiles.cmake
# The list of rooms lives here and nowhere else (tests/cli/t_i18n.sh reads it
# back through POTFILES_PRINT).
file(GLOB_RECURSE FILES RELATIVE ${SRC}
  ${SRC}/src/*.c ${SRC}/src/*.h
  ${SRC}/ui/*.c ${SRC}/ui/*.h
  ${SRC}/printers/*.c ${SRC}/printers/*.h
  ${SRC}/packaging/man/*.c)
list(SORT FILES)
if(POTFILES_PRINT)
  foreach(f ${FILES})
    message("${f}")
  endforeach()
  return()
endif()
if(NOT VERSION)
  set(VERSION "")
endif()
execute_process(
  COMMAND ${XGETTEXT} --from-code=UTF-8 --language=C
          --keyword=_ --keyword=N_ --add-comments=TRANSLATORS:
          --package-name=motcua --package-version=${VERSION}
          --sort-by-file
          -o ${POT} ${FILES}
  WORKING_DIRECTORY ${SRC}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed (${rc})")
endif()

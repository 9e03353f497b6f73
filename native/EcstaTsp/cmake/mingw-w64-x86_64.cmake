# Cross-compiling ecsta.tsp on Linux with Debian's mingw-w64 (package gcc-mingw-w64-x86-64).
#   cmake -S native/EcstaTsp -B build/tsp -DCMAKE_TOOLCHAIN_FILE=native/EcstaTsp/cmake/mingw-w64-x86_64.cmake
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(TOOLCHAIN_PREFIX x86_64-w64-mingw32)

# Debian installs two thread models; the win32 one needs no winpthread DLL beside the TSP.
find_program(MINGW_GCC NAMES ${TOOLCHAIN_PREFIX}-gcc-win32 ${TOOLCHAIN_PREFIX}-gcc REQUIRED)
set(CMAKE_C_COMPILER ${MINGW_GCC})
find_program(MINGW_WINDRES NAMES ${TOOLCHAIN_PREFIX}-windres)
if(MINGW_WINDRES)
  set(CMAKE_RC_COMPILER ${MINGW_WINDRES})
endif()

set(CMAKE_FIND_ROOT_PATH /usr/${TOOLCHAIN_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

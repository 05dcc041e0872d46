# Builds the libFuzzer targets (tests/fuzz/CMakeLists.txt, a clang subproject: see why there) and
# registers a ctest per target that fuzzes for ATELIER_FUZZ_SECONDS over a copy of its seed corpus.
option(ATELIER_FUZZ "Build the libFuzzer targets with clang and run them in ctest" ON)
set(ATELIER_FUZZ_SECONDS 60 CACHE STRING "Seconds each fuzz target runs in ctest")
if(NOT ATELIER_FUZZ)
  return()
endif()

find_program(ATELIER_FUZZ_CXX NAMES clang++-14 clang++)
if(NOT ATELIER_FUZZ_CXX)
  message(FATAL_ERROR "clang++ not found: the fuzz targets need clang and libFuzzer "
                      "(scripts/install-deps installs clang-14 and libclang-rt-14-dev), "
                      "or configure with -DATELIER_FUZZ=OFF")
endif()

include(ExternalProject)
set(fuzz_binary_dir "${CMAKE_BINARY_DIR}/fuzz")
ExternalProject_Add(atelier_fuzzers
  SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}"
  BINARY_DIR "${fuzz_binary_dir}"
  CMAKE_ARGS -DCMAKE_CXX_COMPILER=${ATELIER_FUZZ_CXX}
             -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
  BUILD_ALWAYS ON  # the subproject's own ninja decides what is stale
  INSTALL_COMMAND "")

foreach(target request_target csv_reader)
  add_test(NAME fuzz_${target}
           COMMAND bash "${CMAKE_CURRENT_LIST_DIR}/run-fuzzer" "${fuzz_binary_dir}/${target}_fuzzer"
                   "${CMAKE_CURRENT_LIST_DIR}/corpus/${target}" ${ATELIER_FUZZ_SECONDS}
                   "${CMAKE_BINARY_DIR}/fuzz-artifacts"
                   "-dict=${CMAKE_CURRENT_LIST_DIR}/${target}.dict")
  set_tests_properties(fuzz_${target} PROPERTIES LABELS fuzz TIMEOUT 600)
endforeach()

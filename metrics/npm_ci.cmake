# Script mode: installs the dashboard's npm dependencies (package-lock.json exactly) into BUILD_DIR,
# failing the build with one clear message when npm or its registry is unreachable.
cmake_minimum_required(VERSION 3.18)
file(MAKE_DIRECTORY "${BUILD_DIR}")
file(COPY "${SOURCE_DIR}/package.json" "${SOURCE_DIR}/package-lock.json" DESTINATION "${BUILD_DIR}")
execute_process(
  COMMAND "${NPM}" ci --no-audit --no-fund --ignore-scripts
  WORKING_DIRECTORY "${BUILD_DIR}"
  RESULT_VARIABLE npm_result
  OUTPUT_VARIABLE npm_output
  ERROR_VARIABLE npm_output)
if(NOT npm_result EQUAL 0)
  message(FATAL_ERROR "npm ci failed (${npm_result}): the /dashboard page needs uPlot from the npm "
                      "registry at build time; check network access or the npm registry setting.\n"
                      "${npm_output}")
endif()
# npm ci keeps old mtimes; touch the outputs so the build does not re-run it every time.
file(TOUCH "${BUILD_DIR}/node_modules/uplot/dist/uPlot.iife.min.js"
     "${BUILD_DIR}/node_modules/uplot/dist/uPlot.min.css")

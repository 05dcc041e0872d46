# The CSV importer: reusable pieces go into the atelier library, the command into atelier-import.
target_sources(atelier PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/csv_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/field_format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/row_rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/binary_copy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/copy_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fragment_lists.cpp
  ${CMAKE_CURRENT_LIST_DIR}/document_builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/document_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rejects_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/progress_meter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/staging_swap.cpp
  ${CMAKE_CURRENT_LIST_DIR}/import_pipeline.cpp)
# COPY ... WITH (FREEZE) needs raw libpq (libpqxx is built on it, so it is installed).
find_library(ATELIER_LIBPQ pq REQUIRED)
target_link_libraries(atelier PUBLIC ${ATELIER_LIBPQ})
add_executable(atelier-import ${CMAKE_CURRENT_LIST_DIR}/import_main.cpp)
target_link_libraries(atelier-import PRIVATE atelier)

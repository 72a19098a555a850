# Sources of the report stage.
target_sources(precheck_obj PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/report.cc
  ${CMAKE_CURRENT_LIST_DIR}/json.cc
  ${CMAKE_CURRENT_LIST_DIR}/text.cc
  ${CMAKE_CURRENT_LIST_DIR}/xlsx.cc
  ${CMAKE_CURRENT_LIST_DIR}/html.cc
  ${CMAKE_CURRENT_LIST_DIR}/redact.cc
  ${CMAKE_CURRENT_LIST_DIR}/write.cc)

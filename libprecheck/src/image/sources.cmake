# Sources of the image stage.
target_sources(precheck_obj PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/preprocess.cc
  ${CMAKE_CURRENT_LIST_DIR}/table.cc
  ${CMAKE_CURRENT_LIST_DIR}/lines.cc
  ${CMAKE_CURRENT_LIST_DIR}/sheet.cc
  ${CMAKE_CURRENT_LIST_DIR}/ornament.cc)

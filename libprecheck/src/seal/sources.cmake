# Sources of the seal stage.
target_sources(precheck_obj PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/detect.cc
  ${CMAKE_CURRENT_LIST_DIR}/read.cc
  ${CMAKE_CURRENT_LIST_DIR}/stage.cc)

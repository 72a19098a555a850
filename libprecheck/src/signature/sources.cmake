# Sources of the signature stage: signature blocks, pen ink and handwriting, comparing hands.
target_sources(precheck_obj PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/blocks.cc
  ${CMAKE_CURRENT_LIST_DIR}/compare.cc
  ${CMAKE_CURRENT_LIST_DIR}/ink.cc)

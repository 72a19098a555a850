# Sources of the signature stage: signature blocks, pen ink and handwriting, comparing hands,
# signatures on pages without a template.
target_sources(precheck_obj PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/blocks.cc
  ${CMAKE_CURRENT_LIST_DIR}/compare.cc
  ${CMAKE_CURRENT_LIST_DIR}/free.cc
  ${CMAKE_CURRENT_LIST_DIR}/ink.cc)

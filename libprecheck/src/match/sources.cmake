# Sources of the match stage: the template catalog, page classification, field extraction.
target_sources(precheck_obj PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/catalog.cc
  ${CMAKE_CURRENT_LIST_DIR}/classifier.cc
  ${CMAKE_CURRENT_LIST_DIR}/fields.cc
  ${CMAKE_CURRENT_LIST_DIR}/form_check.cc)

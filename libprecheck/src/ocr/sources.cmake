# Sources of the ocr stage.
target_sources(precheck_obj PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/glyphs.cc
  ${CMAKE_CURRENT_LIST_DIR}/ocr_engine.cc
  ${CMAKE_CURRENT_LIST_DIR}/page_reader.cc)

# Sources of the util stage.
target_sources(precheck_obj PRIVATE ${CMAKE_CURRENT_LIST_DIR}/text.cc)

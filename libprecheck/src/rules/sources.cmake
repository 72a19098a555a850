# Sources of the rules stage.
target_sources(precheck_obj PRIVATE ${CMAKE_CURRENT_LIST_DIR}/values.cc)
target_sources(precheck_obj PRIVATE ${CMAKE_CURRENT_LIST_DIR}/checker.cc)
target_sources(precheck_obj PRIVATE ${CMAKE_CURRENT_LIST_DIR}/signature_checks.cc)
target_sources(precheck_obj PRIVATE ${CMAKE_CURRENT_LIST_DIR}/rule_engine.cc)
target_sources(precheck_obj PRIVATE ${CMAKE_CURRENT_LIST_DIR}/cross_document.cc)
target_sources(precheck_obj PRIVATE ${CMAKE_CURRENT_LIST_DIR}/seal_checks.cc)
target_sources(precheck_obj PRIVATE ${CMAKE_CURRENT_LIST_DIR}/date_repair.cc)

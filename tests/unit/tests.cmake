# Unit test sources: one line per <unit>_test.cc (paths relative to tests/).
list(APPEND PRECHECK_UNIT_TESTS unit/report_test.cc)
list(APPEND PRECHECK_UNIT_TESTS unit/loader_test.cc)
list(APPEND PRECHECK_UNIT_TESTS unit/text_test.cc)
list(APPEND PRECHECK_UNIT_TESTS unit/values_test.cc)
list(APPEND PRECHECK_UNIT_TESTS unit/orientation_test.cc)
list(APPEND PRECHECK_UNIT_TESTS unit/seal_test.cc)

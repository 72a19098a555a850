# Unit test sources: one line per <unit>_test.cc (paths relative to tests/).

# Sources of the load stage. Beside Poppler and Leptonica it calls libpng, libjpeg and libtiff
# (the codecs under Leptonica and OpenCV, from libpng-dev, libjpeg-dev and libtiff-dev) directly,
# to keep their messages off stderr and to tell a truncated file from a complete one.
pkg_check_modules(PRECHECK_LOAD_CODECS REQUIRED IMPORTED_TARGET libpng libjpeg libtiff-4)
target_link_libraries(precheck_obj PUBLIC PkgConfig::PRECHECK_LOAD_CODECS)
target_sources(precheck_obj PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/sniff.cc
  ${CMAKE_CURRENT_LIST_DIR}/normalize.cc
  ${CMAKE_CURRENT_LIST_DIR}/png_decoder.cc
  ${CMAKE_CURRENT_LIST_DIR}/jpeg_decoder.cc
  ${CMAKE_CURRENT_LIST_DIR}/tiff_decoder.cc
  ${CMAKE_CURRENT_LIST_DIR}/leptonica_decoder.cc
  ${CMAKE_CURRENT_LIST_DIR}/pdf_renderer.cc
  ${CMAKE_CURRENT_LIST_DIR}/loader.cc)

// Reading a page: preprocessing, table cells, OCR of cells and of free text.
//
// The page is deskewed; coloured seal ink is whitened; table rulings are found and removed;
// each cell is read on its own as a text block, and the rest of the page (with the cells
// blanked) is read with automatic layout analysis. A born-digital PDF page brings its own
// text layer, which is used instead of OCR.

#ifndef PRECHECK_OCR_PAGE_READER_H_
#define PRECHECK_OCR_PAGE_READER_H_

#include <opencv2/core.hpp>
#include <vector>

#include "load/loader.h"
#include "ocr/ocr_engine.h"

namespace precheck::ocr {

struct PageText {
  int width = 0;
  int height = 0;
  double skew_degrees = 0.0;     // the correction applied
  bool from_text_layer = false;  // true when the PDF's own text was used
  std::vector<Box> cells;        // table cells, in page coordinates
  std::vector<TextLine> lines;   // reading order: top to bottom, left to right
  cv::Mat deskewed;              // the BGR page after skew correction
  cv::Mat ink;                   // its ink without rulings and seal ink (255 = ink)
  // The page's pixels under each seal as they were before the seal was whitened for OCR, in
  // the coordinates of `deskewed`: a signature written across a seal is measured on them.
  std::vector<std::pair<cv::Rect, cv::Mat>> seal_patches;
};

// A page turned less than this is read as it is.
constexpr double kMinDeskewDegrees = 0.4;

// Reads `page`. Never fails: an unreadable page gives no lines. `rings` are the boxes (in
// the page's pixels) of round and oval seals whose ink could not be whitened (grey seals of
// a black-and-white copy): their border is left out when the page's lines are found, for a
// dark ring joins every line it crosses into one blob, and the date and labels of a
// signing block under it were lost. The lines are still read with the ring in them.
PageText ReadPage(OcrEngine& engine, const load::PageImage& page,
                  const std::vector<Box>& rings = {});

// Groups text-layer spans into lines (spans whose vertical extents overlap and follow each
// other left to right).
std::vector<TextLine> LinesFromTextLayer(const std::vector<load::TextSpan>& spans);

// The lines of `text` in reading order, and their concatenation.
std::string PageString(const PageText& text);

}  // namespace precheck::ocr

#endif  // PRECHECK_OCR_PAGE_READER_H_

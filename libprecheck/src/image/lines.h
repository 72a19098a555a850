// Text-line finding: groups ink into the boxes of text lines, for OCR line by line.
//
// Tesseract's own page layout analysis breaks down on certificates and letters with
// ornamental borders, emblems, QR codes and letter-spaced labels (名　　称). Lines found
// here from the ink itself are read one by one as single lines, which Tesseract does well.

#ifndef PRECHECK_IMAGE_LINES_H_
#define PRECHECK_IMAGE_LINES_H_

#include <opencv2/core.hpp>
#include <vector>

#include "precheck/report.h"

namespace precheck::image {

// Boxes of the text lines in `ink` (255 = ink, rulings already removed), top to bottom.
// Characters join a line when they overlap it vertically and the gap to it is at most a few
// character heights, so letter-spaced labels stay whole while columns stay apart.
// Components much lighter than the page's typical text (a grey seal stamped over a
// photocopy) are left out when `gray` is given.
std::vector<Box> FindTextLines(const cv::Mat& ink, const cv::Mat& gray = cv::Mat());

}  // namespace precheck::image

#endif  // PRECHECK_IMAGE_LINES_H_

// Finding seals on a page image: coloured impressions by their ink, grey ones (photocopies)
// by their ring.
//
// Detection is cheap on purpose: colour masks and contour fits on a reduced page, Hough
// circles only on pages without coloured ink. Reading the text is seal/read.h's job.

#ifndef PRECHECK_SEAL_DETECT_H_
#define PRECHECK_SEAL_DETECT_H_

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "precheck/report.h"

namespace precheck::seal {

enum class Ink { kRed, kBlue, kPurple, kGrey };
enum class Shape { kRound, kOval, kSquare };

const char* InkName(Ink ink);      // "red", "blue", "purple", "grey"
const char* ShapeName(Shape shape);  // "round", "oval", "square"

// One seal impression found on a page.
struct SealRegion {
  Box box;                  // page coordinates, the seal's outer edge
  Shape shape = Shape::kRound;
  Ink ink = Ink::kRed;
  cv::RotatedRect outline;  // the fitted outer ellipse (or square), page coordinates
  cv::Mat mask;             // box-sized, the seal's ink strength (0 = none, 255 = full)
  // Box-sized, 255 where dark print covers a coloured seal: its ink there is hidden, not
  // absent. Empty for grey seals, whose ink is not told from print.
  cv::Mat occluded;
  double confidence = 0.0;  // 0..1, how seal-like the shape is
};

// The seals on the BGR page `bgr` (300 dpi), top to bottom. Never fails; an empty or tiny
// image gives none.
std::vector<SealRegion> FindSeals(const cv::Mat& bgr);

// Ink of one coloured pixel, or false when the pixel is paper, black or grey.
bool ColouredInk(const cv::Vec3b& bgr, Ink* ink);

// Whitens the seals' ink in `bgr` so that the page's text is read without it: all of a
// coloured seal's ink (printed text under it stays dark), and the ink of a grey seal where
// it is lighter than printed text, so the text under a seal on a photocopy can be read.
void SuppressSeals(cv::Mat& bgr, const std::vector<SealRegion>& seals);

}  // namespace precheck::seal

#endif  // PRECHECK_SEAL_DETECT_H_

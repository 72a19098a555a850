// Photographed sheets: finding the paper in a phone photo and flattening it.
//
// A page photographed on a desk is a bright quadrilateral on a darker, textured background,
// seen in perspective and lit unevenly. Reading it like a scan loses rows at the far edge and
// text in the shade. The sheet's outline is found on a reduced copy (the largest bright
// region, its convex hull reduced to four corners), the sheet is warped to a rectangle, and
// its lighting is evened out by dividing by the paper's own brightness.
//
// A scan (the paper fills the frame, or its edge runs along the border) is left alone.

#ifndef PRECHECK_IMAGE_SHEET_H_
#define PRECHECK_IMAGE_SHEET_H_

#include <array>
#include <opencv2/core.hpp>
#include <optional>

namespace precheck::image {

// The corners of a sheet in image pixels: top-left, top-right, bottom-right, bottom-left.
using Quad = std::array<cv::Point2f, 4>;

// The outline of a photographed sheet in the BGR image, or nullopt when the image is not a
// sheet on a background (a scan, a crop, a blank image).
std::optional<Quad> FindSheet(const cv::Mat& bgr);

// The sheet inside `quad` warped to an upright rectangle whose sides are the longer of each
// pair of opposite edges.
cv::Mat WarpSheet(const cv::Mat& bgr, const Quad& quad);

// `bgr` with slow changes of paper brightness (shade, vignetting) divided out; ink keeps its
// contrast and colour.
cv::Mat EvenLighting(const cv::Mat& bgr);

// FindSheet, WarpSheet and EvenLighting in turn; returns false and leaves `bgr` as it was when
// no sheet is found.
bool FlattenPhotographedSheet(cv::Mat* bgr);

}  // namespace precheck::image

#endif  // PRECHECK_IMAGE_SHEET_H_

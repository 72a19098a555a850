// Ruled tables: finding the rulings of a form and the cells they enclose.
//
// Filled-in forms are ruled tables; reading them cell by cell keeps each label beside its
// value, where a whole-page reading merges or drops rows. Rulings are long thin runs of ink
// found by morphological opening; cells are the white regions they enclose.

#ifndef PRECHECK_IMAGE_TABLE_H_
#define PRECHECK_IMAGE_TABLE_H_

#include <opencv2/core.hpp>
#include <vector>

#include "precheck/report.h"

namespace precheck::image {

struct Rulings {
  cv::Mat mask;            // 255 where a ruling (or underline) lies
  std::vector<Box> cells;  // enclosed cells, top to bottom then left to right
};

// Finds horizontal and vertical rulings in an ink mask (255 = ink) and the cells of any
// table they form. Underlines (a horizontal ruling with no verticals) are in the mask but
// make no cells.
Rulings FindRulings(const cv::Mat& ink_mask);

// Copy of `gray` with the ruling pixels painted white.
cv::Mat RemoveRulings(const cv::Mat& gray, const cv::Mat& ruling_mask);

}  // namespace precheck::image

#endif  // PRECHECK_IMAGE_TABLE_H_

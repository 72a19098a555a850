// Ornamental frames: the printed border of repeated small motifs (diamonds, rings, crosses, a
// guilloche band) around a certificate such as a business licence.
//
// On a full-page scan the frame lies in the page margin and is ignored, but a licence
// photocopied onto A4 puts it well inside the page, where its motifs are read as 令/今/人 and
// join the text lines that start beside them. The frame is found from the ink alone: many
// near-identical small components, evenly spaced along a straight line that is long relative
// to the page. Text never looks like that: the characters of a line differ from each other,
// and a line of digits is short and uneven.

#ifndef PRECHECK_IMAGE_ORNAMENT_H_
#define PRECHECK_IMAGE_ORNAMENT_H_

#include <opencv2/core.hpp>

namespace precheck::image {

// The ink of ornamental frame motifs in `ink` (CV_8U, 255 = ink), as a mask of the same size
// (255 = ornament), together with the thin straight rules that run alongside a frame's
// motifs. Empty (all zero) when the page has no such frame. Small filled dots (dotted leader
// lines, 姓名……) are never taken. Pure and thread-safe.
cv::Mat FindOrnaments(const cv::Mat& ink);

// Removes what FindOrnaments finds: the ornament ink is cleared from `ink` and painted white
// in `gray` (same size as `ink`, CV_8U). Returns the number of ornament components removed.
int RemoveOrnaments(cv::Mat& ink, cv::Mat& gray);

}  // namespace precheck::image

#endif  // PRECHECK_IMAGE_ORNAMENT_H_

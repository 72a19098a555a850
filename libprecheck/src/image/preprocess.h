// Page preprocessing before reading: grey conversion that drops coloured seal ink, skew
// estimation and correction, binarisation.
//
// Seals are stamped in red (sometimes blue or purple) over printed black text. Reading the
// text under a seal needs the seal ink gone; the printed text is dark in every channel, the
// seal ink is bright in its own channel, so the brightest channel of a saturated pixel
// removes the ink and keeps the text.

#ifndef PRECHECK_IMAGE_PREPROCESS_H_
#define PRECHECK_IMAGE_PREPROCESS_H_

#include <opencv2/core.hpp>

namespace precheck::image {

// Grey image of a BGR page with saturated ink (red, blue, purple seals) whitened.
cv::Mat GrayWithoutColorInk(const cv::Mat& bgr);

// A faint page (pale toner, a light photocopy, a palette image gone pastel) stretched so its
// darkest ink is black and its paper white; a page with enough contrast is returned as it is.
// GrayWithoutColorInk applies it.
cv::Mat StretchContrast(const cv::Mat& gray);

// Plain luminance of a BGR page.
cv::Mat Gray(const cv::Mat& bgr);

// Ink mask (255 = ink) of a grey page: adaptive threshold robust to uneven lighting.
cv::Mat InkMask(const cv::Mat& gray);

// Estimated skew of the text lines in degrees, within [-max_degrees, max_degrees];
// positive means the content is rotated counter-clockwise. 0 when undecidable.
double EstimateSkew(const cv::Mat& ink_mask, double max_degrees = 6.0);

// Rotates the image by `degrees` (counter-clockwise positive) about its centre, filling with
// white; the size is unchanged.
cv::Mat Rotate(const cv::Mat& image, double degrees);

}  // namespace precheck::image

#endif  // PRECHECK_IMAGE_PREPROCESS_H_

// Table rulings and cells.
//
// Horizontal rulings are runs at least a 25th of the page wide after an opening with a long
// horizontal kernel; vertical ones likewise. Cells are the holes of the ruling grid: the
// connected white regions of its complement that do not touch the page border and look like
// rectangles.

#include "image/table.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace precheck::image {
namespace {

cv::Mat OpenLines(const cv::Mat& ink, cv::Size kernel_size) {
  cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, kernel_size);
  cv::Mat lines;
  cv::morphologyEx(ink, lines, cv::MORPH_OPEN, kernel);
  return lines;
}

// Keeps the vertical runs that end on a horizontal ruling at both ends: a table's rulings
// meet, while the vertical strokes of large characters stand free.
cv::Mat KeepAnchoredVerticals(const cv::Mat& vertical, const cv::Mat& horizontal) {
  cv::Mat near_horizontal;
  cv::dilate(horizontal, near_horizontal,
             cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 15)));
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(vertical, labels, stats, centroids, 8, CV_32S);
  cv::Mat keep = cv::Mat::zeros(vertical.size(), CV_8U);
  for (int i = 1; i < n; ++i) {
    int x = stats.at<int>(i, cv::CC_STAT_LEFT);
    int y = stats.at<int>(i, cv::CC_STAT_TOP);
    int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    cv::Rect top(x, y, w, std::min(h, 4));
    cv::Rect bottom(x, y + h - std::min(h, 4), w, std::min(h, 4));
    // Longer than any character's stroke: a frame or ruling whether or not it meets one.
    bool long_enough = h >= 200;
    if (!long_enough && (cv::countNonZero(near_horizontal(top)) == 0 ||
                         cv::countNonZero(near_horizontal(bottom)) == 0)) {
      continue;
    }
    keep.setTo(255, labels == i);
  }
  return keep;
}

}  // namespace

Rulings FindRulings(const cv::Mat& ink_mask) {
  Rulings out;
  // At least a centimetre at 300 dpi: the strokes of large characters are shorter.
  int min_h = std::max(120, ink_mask.cols / 25);
  int min_v = 40;
  cv::Mat horizontal = OpenLines(ink_mask, cv::Size(min_h, 1));
  cv::Mat vertical = KeepAnchoredVerticals(OpenLines(ink_mask, cv::Size(1, min_v)), horizontal);

  // Thicken slightly so the pixels beside a ruling go too, and bridge small gaps where the
  // rulings of a scanned table do not quite meet.
  cv::Mat grid = horizontal | vertical;
  cv::dilate(grid, out.mask, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));

  // Only a grid with both directions forms cells.
  if (cv::countNonZero(vertical) == 0 || cv::countNonZero(horizontal) == 0) {
    return out;
  }
  cv::Mat closed;
  cv::dilate(grid, closed, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 7)));
  cv::Mat holes = 255 - closed;
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(holes, labels, stats, centroids, 4, CV_32S);
  int min_side = 24;
  for (int i = 1; i < n; ++i) {
    int x = stats.at<int>(i, cv::CC_STAT_LEFT);
    int y = stats.at<int>(i, cv::CC_STAT_TOP);
    int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    int area = stats.at<int>(i, cv::CC_STAT_AREA);
    bool touches_border = x <= 1 || y <= 1 || x + w >= holes.cols - 1 || y + h >= holes.rows - 1;
    bool rectangular = area > 0.85 * w * h;
    // A page frame (a certificate's border, a card outline) encloses a region far larger
    // than a form cell; its text is read as free text.
    bool too_big =
        w * h > 0.25 * holes.cols * holes.rows || (h > holes.rows / 5 && w > holes.cols / 2);
    if (touches_border || !rectangular || too_big || w < min_side || h < min_side) {
      continue;
    }
    // Give back the margin the dilation took.
    out.cells.push_back(Box{x - 3, y - 3, w + 6, h + 6});
  }
  std::sort(out.cells.begin(), out.cells.end(), [](const Box& a, const Box& b) {
    if (std::abs(a.y - b.y) > 10) {
      return a.y < b.y;
    }
    return a.x < b.x;
  });
  return out;
}

cv::Mat RemoveRulings(const cv::Mat& gray, const cv::Mat& ruling_mask) {
  cv::Mat out = gray.clone();
  out.setTo(255, ruling_mask);
  return out;
}

}  // namespace precheck::image

// Preprocessing: colour-ink suppression, binarisation and skew estimation.
//
// Skew is found by projection profiles: for each candidate angle the ink pixels are
// projected onto the rotated vertical axis, and the angle whose profile is sharpest (largest
// sum of squared bin counts) wins; a coarse pass is refined by a fine one.

#include "image/preprocess.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace precheck::image {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Sharpness of the projection of `points` at `degrees`.
double ProfileScore(const std::vector<cv::Point2f>& points, double degrees, int height) {
  double rad = degrees * kPi / 180.0;
  double s = std::sin(rad);
  double c = std::cos(rad);
  int bins = height * 2 + 1;
  std::vector<int> hist(bins, 0);
  for (const cv::Point2f& p : points) {
    int y = static_cast<int>(std::lround(p.y * c + p.x * s)) + height / 2;
    if (y >= 0 && y < bins) {
      ++hist[y];
    }
  }
  double score = 0;
  for (int v : hist) {
    score += static_cast<double>(v) * v;
  }
  return score;
}

double BestAngle(const std::vector<cv::Point2f>& points, int height, double from, double to,
                 double step) {
  double best = 0;
  double best_score = -1;
  for (double a = from; a <= to + 1e-9; a += step) {
    double score = ProfileScore(points, a, height);
    if (score > best_score) {
      best_score = score;
      best = a;
    }
  }
  return best;
}

}  // namespace

cv::Mat Gray(const cv::Mat& bgr) {
  cv::Mat gray;
  if (bgr.channels() == 1) {
    return bgr.clone();
  }
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  return gray;
}

cv::Mat GrayWithoutColorInk(const cv::Mat& bgr) {
  cv::Mat gray = Gray(bgr);
  if (bgr.channels() != 3) {
    return gray;
  }
  for (int y = 0; y < bgr.rows; ++y) {
    const cv::Vec3b* src = bgr.ptr<cv::Vec3b>(y);
    uchar* dst = gray.ptr<uchar>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      int b = src[x][0], g = src[x][1], r = src[x][2];
      int hi = std::max({b, g, r});
      int lo = std::min({b, g, r});
      // Saturated and not dark: coloured ink. Printed black text under it stays dark in
      // every channel and keeps its low value.
      // Dark pixels with colour noise (scanner or JPEG chroma) are text, not ink: require
      // a bright dominant channel and a clear saturation.
      // Red seal ink may be faded and pale; blue and purple seals are only whitened when
      // strongly saturated, since forms and ID cards print labels in pale blue.
      bool red = r == hi && r - g > 40 && (hi - lo) * 10 > hi * 2;
      bool strong = hi - lo > 90;
      if (hi > 120 && (red || strong)) {
        dst[x] = 255;
      }
    }
  }
  return StretchContrast(gray);
}

cv::Mat StretchContrast(const cv::Mat& gray) {
  // Paper is the bright bulk of the page, ink its darkest percent.
  int hist[256] = {0};
  for (int y = 0; y < gray.rows; ++y) {
    const uchar* row = gray.ptr<uchar>(y);
    for (int x = 0; x < gray.cols; ++x) ++hist[row[x]];
  }
  const double total = static_cast<double>(gray.total());
  auto percentile = [&](double share) {
    double seen = 0;
    for (int v = 0; v < 256; ++v) {
      seen += hist[v];
      if (seen >= share * total) return v;
    }
    return 255;
  };
  const int ink = percentile(0.01);
  const int paper = percentile(0.6);
  // A page with ink clearly darker than its paper is left alone; one with no ink at all
  // (blank, or specks only) too.
  if (paper - ink >= 120 || paper - ink < 25) return gray;
  cv::Mat out;
  double scale = 255.0 / (paper - ink);
  gray.convertTo(out, CV_8U, scale, -ink * scale);
  return out;
}

cv::Mat InkMask(const cv::Mat& gray) {
  cv::Mat mask;
  int block = std::max(15, (std::min(gray.cols, gray.rows) / 40) | 1);
  cv::adaptiveThreshold(gray, mask, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block,
                        15);
  // Keep only pixels that are also reasonably dark in absolute terms, so paper texture and
  // shading do not become ink.
  cv::Mat dark;
  cv::threshold(gray, dark, 200, 255, cv::THRESH_BINARY_INV);
  cv::bitwise_and(mask, dark, mask);
  return mask;
}

double EstimateSkew(const cv::Mat& ink_mask, double max_degrees) {
  // Work on a reduced copy: skew is a global property.
  double scale = std::min(1.0, 1000.0 / std::max(ink_mask.cols, ink_mask.rows));
  cv::Mat small;
  cv::resize(ink_mask, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::threshold(small, small, 64, 255, cv::THRESH_BINARY);

  std::vector<cv::Point2f> points;
  cv::Point2f centre(small.cols / 2.0f, small.rows / 2.0f);
  for (int y = 0; y < small.rows; ++y) {
    const uchar* row = small.ptr<uchar>(y);
    for (int x = 0; x < small.cols; ++x) {
      if (row[x]) {
        points.emplace_back(x - centre.x, y - centre.y);
      }
    }
  }
  if (points.size() < 200) {
    return 0.0;
  }
  int height = std::max(small.rows, small.cols) * 2;
  double coarse = BestAngle(points, height, -max_degrees, max_degrees, 0.5);
  double fine = BestAngle(points, height, coarse - 0.5, coarse + 0.5, 0.05);
  // Points on a line rotated counter-clockwise by t satisfy y = y0 - x tan(t), which projects
  // to a constant exactly when a = t.
  return fine;
}

cv::Mat Rotate(const cv::Mat& image, double degrees) {
  if (std::abs(degrees) < 0.05) {
    return image.clone();
  }
  cv::Point2f centre(image.cols / 2.0f, image.rows / 2.0f);
  cv::Mat m = cv::getRotationMatrix2D(centre, degrees, 1.0);
  cv::Mat out;
  cv::Scalar white = image.channels() == 3 ? cv::Scalar(255, 255, 255) : cv::Scalar(255);
  cv::warpAffine(image, out, m, image.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, white);
  return out;
}

}  // namespace precheck::image

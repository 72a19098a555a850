// Photographed sheets: outline, perspective correction, lighting.

#include "image/sheet.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace precheck::image {
namespace {

// The outline is looked for on a copy whose longer side is this long: enough for corners
// within a few pixels of the original, and cheap.
constexpr double kWorkSide = 800.0;
// A phone photo has at least this many pixels on its longer side; a smaller image is a crop
// or an icon, not a sheet on a desk.
constexpr int kMinPhotoSide = 1000;
// A sheet covers between a fifth of the photo and nearly all of it; beyond that the image is
// a scan (the paper fills the frame) and there is nothing to flatten.
constexpr double kMinSheetShare = 0.2;
constexpr double kMaxSheetShare = 0.9;
// Paper is clearly brighter than the desk under it; a region barely brighter than its
// surroundings is a part of a scan (a light table cell), not a sheet.
constexpr double kMinContrast = 25.0;
// Corners of a sheet seen in perspective: no angle sharper than this, no side shorter than
// this share of the longest.
constexpr double kMinCornerDegrees = 50.0;
constexpr double kMinSideShare = 0.25;
// A flattened sheet whose aspect is this close to A4's is taken to be A4: perspective
// foreshortens one side, and the paper's true shape is known.
constexpr double kA4Aspect = 1.41421356;
constexpr double kA4Snap = 0.12;

double Distance(const cv::Point2f& a, const cv::Point2f& b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

// The four points of `points` ordered top-left, top-right, bottom-right, bottom-left.
Quad OrderCorners(std::vector<cv::Point2f> points) {
  cv::Point2f centre(0, 0);
  for (const cv::Point2f& p : points) centre += p;
  centre *= 1.0f / static_cast<float>(points.size());
  // Clockwise on the screen (y grows downwards) is increasing atan2.
  std::sort(points.begin(), points.end(), [&](const cv::Point2f& a, const cv::Point2f& b) {
    return std::atan2(a.y - centre.y, a.x - centre.x) < std::atan2(b.y - centre.y, b.x - centre.x);
  });
  size_t first = 0;
  for (size_t i = 1; i < points.size(); ++i) {
    if (points[i].x + points[i].y < points[first].x + points[first].y) first = i;
  }
  Quad quad;
  for (size_t i = 0; i < 4; ++i) quad[i] = points[(first + i) % 4];
  return quad;
}

// Four corners of a convex hull: the simplest polygon approximation with four vertices, or,
// when none has exactly four, the hull's extreme points along the diagonals.
std::vector<cv::Point2f> FourCorners(const std::vector<cv::Point>& hull) {
  double perimeter = cv::arcLength(hull, true);
  for (double share = 0.01; share <= 0.08; share += 0.005) {
    std::vector<cv::Point> approx;
    cv::approxPolyDP(hull, approx, share * perimeter, true);
    if (approx.size() == 4) {
      return {approx.begin(), approx.end()};
    }
    if (approx.size() < 4) break;
  }
  auto extreme = [&](auto key) {
    return *std::max_element(hull.begin(), hull.end(), [&](const cv::Point& a, const cv::Point& b) {
      return key(a) < key(b);
    });
  };
  cv::Point tl = extreme([](const cv::Point& p) { return -(p.x + p.y); });
  cv::Point br = extreme([](const cv::Point& p) { return p.x + p.y; });
  cv::Point tr = extreme([](const cv::Point& p) { return p.x - p.y; });
  cv::Point bl = extreme([](const cv::Point& p) { return p.y - p.x; });
  return {cv::Point2f(tl), cv::Point2f(tr), cv::Point2f(br), cv::Point2f(bl)};
}

bool PlausibleQuad(const Quad& q) {
  double longest = 0;
  for (int i = 0; i < 4; ++i) longest = std::max(longest, Distance(q[i], q[(i + 1) % 4]));
  for (int i = 0; i < 4; ++i) {
    const cv::Point2f& prev = q[(i + 3) % 4];
    const cv::Point2f& at = q[i];
    const cv::Point2f& next = q[(i + 1) % 4];
    if (Distance(at, next) < kMinSideShare * longest) return false;
    cv::Point2f a = prev - at;
    cv::Point2f b = next - at;
    double cosine = a.dot(b) / (std::hypot(a.x, a.y) * std::hypot(b.x, b.y) + 1e-9);
    double degrees = std::acos(std::clamp(cosine, -1.0, 1.0)) * 180.0 / CV_PI;
    if (degrees < kMinCornerDegrees || degrees > 180.0 - kMinCornerDegrees) return false;
  }
  std::vector<cv::Point2f> poly(q.begin(), q.end());
  return cv::isContourConvex(poly);
}

}  // namespace

std::optional<Quad> FindSheet(const cv::Mat& bgr) {
  if (bgr.empty() || bgr.channels() != 3 || std::max(bgr.cols, bgr.rows) < kMinPhotoSide) {
    return std::nullopt;
  }
  double scale = std::min(1.0, kWorkSide / std::max(bgr.cols, bgr.rows));
  cv::Mat small, gray;
  cv::resize(bgr, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::cvtColor(small, gray, cv::COLOR_BGR2GRAY);
  cv::GaussianBlur(gray, gray, cv::Size(7, 7), 0);

  cv::Mat bright;
  cv::threshold(gray, bright, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  // Text and rulings on the paper are dark: closing fills them in; opening drops the bright
  // specks of a textured desk.
  cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(15, 15));
  cv::morphologyEx(bright, bright, cv::MORPH_CLOSE, kernel);
  cv::morphologyEx(bright, bright, cv::MORPH_OPEN, kernel);

  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(bright, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  if (contours.empty()) return std::nullopt;
  const std::vector<cv::Point>& largest = *std::max_element(
      contours.begin(), contours.end(),
      [](const auto& a, const auto& b) { return cv::contourArea(a) < cv::contourArea(b); });
  std::vector<cv::Point> hull;
  cv::convexHull(largest, hull);
  const double image_area = static_cast<double>(gray.cols) * gray.rows;
  const double hull_area = cv::contourArea(hull);
  if (hull_area < kMinSheetShare * image_area || hull_area > kMaxSheetShare * image_area) {
    return std::nullopt;
  }
  Quad quad = OrderCorners(FourCorners(hull));
  if (!PlausibleQuad(quad)) return std::nullopt;

  // The paper must stand out from what surrounds it.
  cv::Mat inside = cv::Mat::zeros(gray.size(), CV_8U);
  std::vector<cv::Point> poly;
  for (const cv::Point2f& p : quad) poly.emplace_back(cvRound(p.x), cvRound(p.y));
  cv::fillConvexPoly(inside, poly, cv::Scalar(255));
  cv::Mat outside;
  cv::bitwise_not(inside, outside);
  if (cv::countNonZero(outside) < 0.05 * image_area) return std::nullopt;
  double contrast = cv::mean(gray, inside)[0] - cv::mean(gray, outside)[0];
  if (contrast < kMinContrast) return std::nullopt;

  for (cv::Point2f& p : quad) p *= static_cast<float>(1.0 / scale);
  return quad;
}

cv::Mat WarpSheet(const cv::Mat& bgr, const Quad& quad) {
  double width = std::max(Distance(quad[0], quad[1]), Distance(quad[3], quad[2]));
  double height = std::max(Distance(quad[0], quad[3]), Distance(quad[1], quad[2]));
  double aspect = std::max(width, height) / std::min(width, height);
  if (std::abs(aspect - kA4Aspect) <= kA4Snap * kA4Aspect) {
    if (height >= width) {
      height = width * kA4Aspect;
    } else {
      width = height * kA4Aspect;
    }
  }
  cv::Size size(std::max(1, cvRound(width)), std::max(1, cvRound(height)));
  std::array<cv::Point2f, 4> target = {cv::Point2f(0, 0), cv::Point2f(size.width - 1.0f, 0),
                                       cv::Point2f(size.width - 1.0f, size.height - 1.0f),
                                       cv::Point2f(0, size.height - 1.0f)};
  cv::Mat transform = cv::getPerspectiveTransform(quad.data(), target.data());
  cv::Mat flat;
  cv::warpPerspective(bgr, flat, transform, size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return flat;
}

cv::Mat EvenLighting(const cv::Mat& bgr) {
  // The paper's brightness, estimated where there is no ink: the local maximum over a window
  // wider than any stroke, on a reduced copy, smoothed.
  constexpr int kReduce = 8;
  cv::Mat gray, small, paper;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  cv::resize(gray, small,
             cv::Size(std::max(1, gray.cols / kReduce), std::max(1, gray.rows / kReduce)), 0, 0,
             cv::INTER_AREA);
  cv::dilate(small, paper, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(9, 9)));
  cv::GaussianBlur(paper, paper, cv::Size(0, 0), 4.0);
  cv::resize(paper, paper, gray.size(), 0, 0, cv::INTER_LINEAR);
  cv::max(paper, 1, paper);
  std::vector<cv::Mat> channels;
  cv::split(bgr, channels);
  for (cv::Mat& c : channels) cv::divide(c, paper, c, 255.0);
  cv::Mat out;
  cv::merge(channels, out);
  return out;
}

bool FlattenPhotographedSheet(cv::Mat* bgr) {
  std::optional<Quad> quad = FindSheet(*bgr);
  if (!quad) return false;
  *bgr = EvenLighting(WarpSheet(*bgr, *quad));
  return true;
}

}  // namespace precheck::image

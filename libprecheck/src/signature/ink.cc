// Pen ink and its character: separating a pen's ink from seal ink, rulings and specks, and
// measuring what tells a hand from a font.
//
// Red and purple seal ink is told by colour: a bright red channel; a pen stroke under it
// stays dark in every channel and is kept. A blue seal has a blue pen's colour and a seal on
// a grey copy has none: those are told by their ring, found by its size and a circle fit.

#include <algorithm>
#include <cmath>
#include <numeric>
#include <opencv2/imgproc.hpp>

#include "signature/signatures.h"

namespace precheck::signature {
namespace {

// Paper brightness: the median grey of the crop, which is mostly paper.
int PaperLevel(const cv::Mat& gray) {
  int histogram[256] = {0};
  for (int y = 0; y < gray.rows; ++y) {
    const uchar* row = gray.ptr<uchar>(y);
    for (int x = 0; x < gray.cols; ++x) ++histogram[row[x]];
  }
  int half = static_cast<int>(gray.total() / 2), seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += histogram[v];
    if (seen > half) return v;
  }
  return 255;
}

// Removes straight runs at least `length` long (signature lines, table rulings).
void RemoveRulings(cv::Mat& mask, int length) {
  cv::Mat lines, vertical;
  cv::morphologyEx(mask, lines, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(length, 1)));
  cv::morphologyEx(mask, vertical, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, length)));
  lines |= vertical;
  // The anti-aliased edges of a ruling go with it.
  cv::dilate(lines, lines, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  mask.setTo(0, lines);
}

// A circle drawn by the ring component `part` (255 = ink): its centre and radius, or a
// radius of 0 when the component is no ring.
cv::Vec3f FindRing(const cv::Mat& part, int min_radius) {
  cv::Mat small;
  double scale = std::min(1.0, 400.0 / std::max(part.cols, part.rows));
  cv::resize(part, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::GaussianBlur(small, small, cv::Size(5, 5), 1.5);
  std::vector<cv::Vec3f> circles;
  cv::HoughCircles(small, circles, cv::HOUGH_GRADIENT, 1, small.rows, 100, 30,
                   static_cast<int>(min_radius * scale), std::max(small.cols, small.rows));
  if (circles.empty()) return cv::Vec3f(0, 0, 0);
  return circles[0] / scale;
}

// Drops connected components that are specks (smaller than `min_area`) and seal rings
// (both sides over `ring_size`, and sparse, as a ring is): the ring's circle and what lies
// wholly inside it (the seal's text and star) go; strokes crossing the ring stay. Returns
// the number of rings found.
int DropSpecksAndRings(cv::Mat& mask, int min_area, int ring_size) {
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<uchar> drop(n, 0);
  std::vector<cv::Vec3f> rings;
  for (int i = 1; i < n; ++i) {
    int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    int area = stats.at<int>(i, cv::CC_STAT_AREA);
    bool ring = w > ring_size && h > ring_size && area < 0.25 * w * h;
    drop[i] = area < min_area;
    if (!ring) continue;
    cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), w, h);
    cv::Mat part = labels(box) == i;
    cv::Vec3f circle = FindRing(part, ring_size / 2);
    if (circle[2] <= 0) {
      drop[i] = 1;
      continue;
    }
    rings.push_back(cv::Vec3f(circle[0] + box.x, circle[1] + box.y, circle[2]));
  }
  // Components wholly inside a ring are the seal's own print.
  for (const cv::Vec3f& ring : rings) {
    for (int i = 1; i < n; ++i) {
      cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                 stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
      bool inside = true;
      for (cv::Point corner :
           {b.tl(), b.br(), cv::Point(b.x, b.y + b.height), cv::Point(b.x + b.width, b.y)}) {
        inside = inside && std::hypot(corner.x - ring[0], corner.y - ring[1]) < ring[2];
      }
      if (inside) drop[i] = 1;
    }
  }
  for (int y = 0; y < mask.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uchar* m = mask.ptr<uchar>(y);
    for (int x = 0; x < mask.cols; ++x) {
      if (drop[l[x]]) m[x] = 0;
    }
  }
  // The ring's own band, a little wider than its ink.
  for (const cv::Vec3f& ring : rings) {
    float band = std::max(6.f, ring[2] * 0.06f);
    cv::circle(mask, cv::Point(cvRound(ring[0]), cvRound(ring[1])), cvRound(ring[2]), cv::Scalar(0),
               cvRound(2 * band));
  }
  return static_cast<int>(rings.size());
}

}  // namespace

PenInk ExtractPenInk(const cv::Mat& bgr, const Box& area, int text_height) {
  PenInk out;
  int h = std::max(8, text_height);
  cv::Rect page(0, 0, bgr.cols, bgr.rows);
  cv::Rect want(area.x, area.y, area.width, area.height);
  want &= page;
  out.area = Box{want.x, want.y, want.width, want.height};
  out.mask = cv::Mat::zeros(std::max(0, want.height), std::max(0, want.width), CV_8U);
  if (want.empty() || bgr.type() != CV_8UC3) return out;

  // Work on a margin around the area so that rings and rulings are seen whole.
  cv::Rect wide(want.x - 3 * h, want.y - 3 * h, want.width + 6 * h, want.height + 6 * h);
  wide &= page;
  cv::Mat crop = bgr(wide);
  cv::Mat gray;
  cv::cvtColor(crop, gray, cv::COLOR_BGR2GRAY);
  int paper = PaperLevel(gray);
  int dark = std::min(175, paper * 62 / 100);

  // Classify each pixel: pen (dark, not seal-coloured) or red/purple seal ink.
  cv::Mat pen = cv::Mat::zeros(crop.size(), CV_8U);
  int coloured = 0, inked = 0, seal_pixels = 0;  // seal_pixels: red or purple
  for (int y = 0; y < crop.rows; ++y) {
    const cv::Vec3b* src = crop.ptr<cv::Vec3b>(y);
    const uchar* g = gray.ptr<uchar>(y);
    uchar* p = pen.ptr<uchar>(y);
    for (int x = 0; x < crop.cols; ++x) {
      int b = src[x][0], gr = src[x][1], r = src[x][2];
      int hi = std::max({b, gr, r}), lo = std::min({b, gr, r});
      // Seal ink is bright in its own channel; a pen stroke under it stays dark.
      bool seal = r > 110 && r - gr > 50 && (r - b > 40 || b - gr > 40);
      if (seal) {
        ++seal_pixels;
        continue;
      }
      // Dark, or a saturated colour clearly darker than the paper (a pale blue pen).
      bool is_ink = g[x] < dark || (hi - lo > 60 && hi < paper - 40);
      if (!is_ink) continue;
      ++inked;
      if (hi - lo > 40) ++coloured;
      p[x] = 255;
    }
  }
  out.colourless = inked > 0 && coloured * 100 < inked;

  RemoveRulings(pen, std::max(40, 4 * h));
  // A blue seal's ink is the colour of a blue pen: it is told by its ring, as on a grey copy.
  int rings = DropSpecksAndRings(pen, std::max(10, h * h / 30), 4 * h);
  out.seal_colour = seal_pixels > h * h || rings > 0;

  cv::Rect inner(want.x - wide.x, want.y - wide.y, want.width, want.height);
  out.mask = pen(inner).clone();
  out.pixels = cv::countNonZero(out.mask);
  if (out.pixels > 0) {
    cv::Mat points;
    cv::findNonZero(out.mask, points);
    cv::Rect r = cv::boundingRect(points);
    out.box = Box{want.x + r.x, want.y + r.y, r.width, r.height};
  }
  return out;
}

HandFeatures MeasureHand(const cv::Mat& ink, int text_height) {
  HandFeatures f;
  if (ink.empty()) return f;
  f.height_ratio = static_cast<double>(ink.rows) / std::max(1, text_height);

  // Edge directions: a font's strokes are drawn along the page axes, a hand's are not.
  cv::Mat smooth, gx, gy;
  ink.convertTo(smooth, CV_32F, 1.0 / 255);
  cv::GaussianBlur(smooth, smooth, cv::Size(5, 5), 1.2);
  cv::Sobel(smooth, gx, CV_32F, 1, 0, 3);
  cv::Sobel(smooth, gy, CV_32F, 0, 1, 3);
  double axis = 0, total = 0;
  const double kTolerance = 4.0 * CV_PI / 180;
  for (int y = 0; y < ink.rows; ++y) {
    const float* px = gx.ptr<float>(y);
    const float* py = gy.ptr<float>(y);
    for (int x = 0; x < ink.cols; ++x) {
      double m = std::hypot(px[x], py[x]);
      if (m < 0.05) continue;
      double a = std::fmod(std::atan2(py[x], px[x]) + 2 * CV_PI, CV_PI / 2);
      total += m;
      if (a < kTolerance || a > CV_PI / 2 - kTolerance) axis += m;
    }
  }
  f.axis_edges = total > 0 ? axis / total : 0;

  // Characters as column runs of ink; a font sets them to one height on one line.
  std::vector<int> columns(ink.cols, 0);
  for (int x = 0; x < ink.cols; ++x) columns[x] = cv::countNonZero(ink.col(x));
  struct Run {
    int x0, x1;
  };
  std::vector<Run> runs;
  for (int x = 0; x < ink.cols;) {
    if (columns[x] == 0) {
      ++x;
      continue;
    }
    int start = x;
    while (x < ink.cols && columns[x] > 0) ++x;
    runs.push_back({start, x});
  }
  // Parts of one character (a radical) stand close: join runs narrower than half the height.
  std::vector<Run> chars;
  for (const Run& r : runs) {
    if (!chars.empty() && (r.x1 - chars.back().x0 < ink.rows * 0.6 || r.x1 - r.x0 < ink.rows / 5)) {
      chars.back().x1 = r.x1;
    } else {
      chars.push_back(r);
    }
  }
  if (chars.size() >= 2) {
    std::vector<double> heights, tops;
    for (const Run& r : chars) {
      cv::Mat part = ink.colRange(r.x0, r.x1);
      cv::Mat points;
      cv::findNonZero(part, points);
      cv::Rect b = cv::boundingRect(points);
      heights.push_back(b.height);
      tops.push_back(b.y);
    }
    auto spread = [](const std::vector<double>& v) {
      double mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
      double sq = 0;
      for (double x : v) sq += (x - mean) * (x - mean);
      return std::sqrt(sq / v.size());
    };
    double mean_height = std::accumulate(heights.begin(), heights.end(), 0.0) / heights.size();
    f.height_spread = spread(heights) / std::max(1.0, mean_height);
    f.top_spread = spread(tops) / std::max(1, ink.rows);
  }
  return f;
}

double HandwritingScore(const HandFeatures& f) {
  // A signature is written larger than the form's print (on generated and on real forms
  // about twice its height); a typed or printed name is set at the body size or a little
  // above. This is the strongest single cue.
  double score = 0.5 + std::clamp((f.height_ratio - 1.4) * 0.8, -0.4, 0.4);
  // A font draws its strokes along the page axes; a hand's lean and wander.
  score -= std::clamp((f.axis_edges - 0.22) * 1.0, -0.1, 0.15);
  // A font sets its characters to one height on one line.
  score += std::clamp((f.height_spread - 0.06) * 0.5, -0.03, 0.1);
  // A name Tesseract reads cleanly as print at about print size is print. Neat handwriting
  // is read too, so this counts only near the boundary.
  if (f.ocr_han >= 2 && f.ocr_confidence >= 0.9 && f.height_ratio < 1.6) score -= 0.1;
  return std::clamp(score, 0.0, 1.0);
}

}  // namespace precheck::signature

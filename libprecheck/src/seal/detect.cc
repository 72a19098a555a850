// Seal detection: coloured ink is masked on a page reduced to a quarter, closed so that
// ring, text and star become one blob, and each blob of a seal's size whose outline is a
// ring (or a square frame) becomes a seal. Pages of a colourless copy are searched for
// Hough circles whose circumference is inked all round.

#include "seal/detect.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace precheck::seal {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kPxPerMm = 300.0 / 25.4;
constexpr double kScale = 0.25;  // detection works on the page reduced to this
// Seals are 12 to 60 mm across; smaller or larger coloured blobs are something else.
constexpr double kMinMm = 11.0;
constexpr double kMaxMm = 75.0;

// `min_saturation` in levels and `min_ratio` of the brightest channel: pale ink inside a
// seal already found is accepted with lower values than on the open page.
bool InkOfKind(const cv::Vec3b& px, Ink* ink, int min_saturation, double min_ratio = 0.2) {
  int b = px[0], g = px[1], r = px[2];
  int hi = std::max({b, g, r});
  int lo = std::min({b, g, r});
  // Dark pixels are printed text (with scanner colour noise); weakly saturated ones paper.
  if (hi < 100 || hi - lo < min_saturation || hi - lo < hi * min_ratio) return false;
  int rg = r - g, bg = b - g;
  if (rg > 30 && bg > 30 && std::min(rg, bg) * 2 > std::max(rg, bg)) {
    *ink = Ink::kPurple;
    return true;
  }
  if (r == hi && rg > 30) {
    // Red on both sides of the hue wrap: orange-red and crimson.
    *ink = Ink::kRed;
    return true;
  }
  if (b == hi && b - r > 40) {
    *ink = Ink::kBlue;
    return true;
  }
  return false;
}

// Fraction of `samples` angles at which `mask` has ink on the ellipse `e` scaled between
// `from` and `to`.
double RingCoverage(const cv::Mat& mask, const cv::RotatedRect& e, double from, double to,
                    int samples = 96) {
  double a = e.size.width / 2, b = e.size.height / 2;
  double rot = e.angle * kPi / 180;
  int hit = 0;
  for (int i = 0; i < samples; ++i) {
    double t = 2 * kPi * i / samples;
    bool found = false;
    for (double s = from; s <= to + 1e-9 && !found; s += 0.015) {
      double x = a * s * std::cos(t), y = b * s * std::sin(t);
      int px = static_cast<int>(std::lround(e.center.x + x * std::cos(rot) - y * std::sin(rot)));
      int py = static_cast<int>(std::lround(e.center.y + x * std::sin(rot) + y * std::cos(rot)));
      if (px >= 0 && py >= 0 && px < mask.cols && py < mask.rows && mask.at<uchar>(py, px)) {
        found = true;
      }
    }
    hit += found;
  }
  return static_cast<double>(hit) / samples;
}

// The share of `mask` that is ink within a quarter of the radius of `e`'s centre: a seal's
// star fills about half of it.
double CentreFill(const cv::Mat& mask, const cv::RotatedRect& e) {
  const double r = 0.25 * std::min(e.size.width, e.size.height) / 2;
  int inked = 0, all = 0;
  for (int y = static_cast<int>(e.center.y - r); y <= static_cast<int>(e.center.y + r); ++y) {
    for (int x = static_cast<int>(e.center.x - r); x <= static_cast<int>(e.center.x + r); ++x) {
      if (x < 0 || y < 0 || x >= mask.cols || y >= mask.rows) continue;
      if (std::hypot(x - e.center.x, y - e.center.y) > r) continue;
      ++all;
      inked += mask.at<uchar>(y, x) != 0;
    }
  }
  return all ? static_cast<double>(inked) / all : 0.0;
}

Box ToBox(const cv::Rect& r) { return Box{r.x, r.y, r.width, r.height}; }

cv::Rect PageRect(const cv::Mat& page, const cv::RotatedRect& outline, double grow, bool ellipse) {
  cv::Rect r = outline.boundingRect();
  if (ellipse) {
    // An ellipse's box, not its rotated rectangle's.
    double a = outline.size.width / 2, b = outline.size.height / 2, t = outline.angle * kPi / 180;
    double hw = std::hypot(a * std::cos(t), b * std::sin(t));
    double hh = std::hypot(a * std::sin(t), b * std::cos(t));
    r = cv::Rect(static_cast<int>(outline.center.x - hw), static_cast<int>(outline.center.y - hh),
                 static_cast<int>(2 * hw), static_cast<int>(2 * hh));
  }
  int gx = static_cast<int>(r.width * grow / 2), gy = static_cast<int>(r.height * grow / 2);
  r = cv::Rect(r.x - gx, r.y - gy, r.width + 2 * gx, r.height + 2 * gy);
  return r & cv::Rect(0, 0, page.cols, page.rows);
}

cv::RotatedRect Enlarge(const cv::RotatedRect& r, double by) {
  return cv::RotatedRect(r.center, cv::Size2f(r.size.width * by, r.size.height * by), r.angle);
}

// The dark, colourless pixels of `box` (black print) within a few pixels of the seal's ink
// `mask`: where print crosses a stroke of the seal, the seal's ink is hidden under it.
cv::Mat DarkPrint(const cv::Mat& bgr, const cv::Rect& box, const cv::Mat& mask) {
  cv::Mat near;
  cv::dilate(mask, near, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(9, 9)));
  cv::Mat out(box.size(), CV_8U, cv::Scalar(0));
  for (int y = 0; y < box.height; ++y) {
    const cv::Vec3b* src = bgr.ptr<cv::Vec3b>(box.y + y) + box.x;
    const uchar* n = near.ptr<uchar>(y);
    uchar* o = out.ptr<uchar>(y);
    for (int x = 0; x < box.width; ++x) {
      int hi = std::max({src[x][0], src[x][1], src[x][2]});
      int lo = std::min({src[x][0], src[x][1], src[x][2]});
      if (n[x] && hi < 120 && hi - lo < 40) o[x] = 255;
    }
  }
  return out;
}

// The full-resolution ink mask (graded: 0 paper, up to 255 full ink) of a coloured seal within its
// box.
cv::Mat ColourMask(const cv::Mat& bgr, const cv::Rect& box, const cv::RotatedRect& outline,
                   Shape shape) {
  cv::Mat inside(box.size(), CV_8U, cv::Scalar(0));
  cv::RotatedRect local = Enlarge(outline, 1.06);
  local.center -= cv::Point2f(static_cast<float>(box.x), static_cast<float>(box.y));
  if (shape == Shape::kSquare) {
    cv::Point2f corners[4];
    local.points(corners);
    std::vector<cv::Point> poly(corners, corners + 4);
    cv::fillConvexPoly(inside, poly, cv::Scalar(255));
  } else {
    cv::ellipse(inside, local, cv::Scalar(255), cv::FILLED);
  }
  // Saturation of the seal's ink pixels, 0 elsewhere.
  cv::Mat sat(box.size(), CV_32S, cv::Scalar(0));
  std::vector<int> levels;
  for (int y = 0; y < box.height; ++y) {
    const cv::Vec3b* src = bgr.ptr<cv::Vec3b>(box.y + y) + box.x;
    const uchar* in = inside.ptr<uchar>(y);
    for (int x = 0; x < box.width; ++x) {
      Ink ink;
      if (in[x] && InkOfKind(src[x], &ink, 20, 0.12)) {
        int v = std::max({src[x][0], src[x][1], src[x][2]}) -
                std::min({src[x][0], src[x][1], src[x][2]});
        sat.at<int>(y, x) = v;
        levels.push_back(v);
      }
    }
  }
  cv::Mat mask(box.size(), CV_8U, cv::Scalar(0));
  if (levels.empty()) return mask;
  // Graded against the seal's own strong ink: pale ring text counts as ink, and soft
  // edges read better than a hard threshold.
  std::nth_element(levels.begin(), levels.begin() + levels.size() * 8 / 10, levels.end());
  int strong = std::max(30, levels[levels.size() * 8 / 10]);
  for (int y = 0; y < box.height; ++y) {
    for (int x = 0; x < box.width; ++x) {
      int v = sat.at<int>(y, x);
      if (v > 0) mask.at<uchar>(y, x) = static_cast<uchar>(std::clamp(v * 255 / strong, 100, 255));
    }
  }
  return mask;
}

// Two round seals stamped over each other close into one long blob that is neither a ring
// nor an oval: the circles inside the blob `r` of `ink_mask` whose circumference is inked
// nearly all round. Circles closer than a radius are one oval's two ends, not two seals, so
// fewer than two such circles leave the blob as it was.
std::vector<cv::RotatedRect> OverlappingCircles(const cv::Mat& ink_mask, const cv::Rect& r,
                                                double min_px, double max_px) {
  cv::Mat blob;
  cv::GaussianBlur(ink_mask(r), blob, cv::Size(5, 5), 1.5);
  std::vector<cv::Vec3f> found;
  cv::HoughCircles(blob, found, cv::HOUGH_GRADIENT, 1, min_px / 2, 100, 20,
                   static_cast<int>(min_px / 2), static_cast<int>(max_px / 2));
  std::vector<cv::RotatedRect> out;
  for (const cv::Vec3f& c : found) {
    cv::RotatedRect e(cv::Point2f(c[0] + r.x, c[1] + r.y), cv::Size2f(2 * c[2], 2 * c[2]), 0);
    if (RingCoverage(ink_mask, e, 0.86, 1.04) < 0.85) continue;
    bool near = false;
    for (const cv::RotatedRect& o : out) {
      cv::Point2f d = o.center - e.center;
      near |= std::hypot(d.x, d.y) < std::max(o.size.width, e.size.width) / 2;
    }
    if (!near) out.push_back(e);
  }
  if (out.size() < 2) out.clear();
  return out;
}

std::vector<SealRegion> ColouredSeals(const cv::Mat& bgr, const cv::Mat& small) {
  // Classify the reduced page's pixels by ink.
  cv::Mat ink_mask(small.size(), CV_8U, cv::Scalar(0));
  cv::Mat ink_kind(small.size(), CV_8U, cv::Scalar(0));
  for (int y = 0; y < small.rows; ++y) {
    const cv::Vec3b* src = small.ptr<cv::Vec3b>(y);
    for (int x = 0; x < small.cols; ++x) {
      Ink ink;
      if (InkOfKind(src[x], &ink, 35)) {
        ink_mask.at<uchar>(y, x) = 255;
        ink_kind.at<uchar>(y, x) = static_cast<uchar>(ink);
      }
    }
  }
  if (cv::countNonZero(ink_mask) < 50) return {};

  // Ring, characters and star become one blob.
  cv::Mat closed;
  cv::morphologyEx(ink_mask, closed, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(7, 7)));
  // Every outer boundary, also those inside another blob's hole: a licence's coloured
  // ornamental border encloses the whole page and would otherwise hide its seals.
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> hierarchy;
  cv::findContours(closed, contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_NONE);

  std::vector<SealRegion> out;
  double min_px = kMinMm * kPxPerMm * kScale, max_px = kMaxMm * kPxPerMm * kScale;
  for (size_t ci = 0; ci < contours.size(); ++ci) {
    if (hierarchy[ci][3] >= 0) continue;  // a hole's boundary
    const std::vector<cv::Point>& c = contours[ci];
    cv::Rect r = cv::boundingRect(c);
    int lo = std::min(r.width, r.height), hi = std::max(r.width, r.height);
    if (lo < min_px || hi > max_px * 1.8 || hi > lo * 2.6 || c.size() < 12) continue;
    cv::Mat raw = ink_mask(r);
    double density = static_cast<double>(cv::countNonZero(raw)) / r.area();
    if (density < 0.05) continue;

    // Majority ink.
    int counts[3] = {0, 0, 0};
    for (int y = r.y; y < r.y + r.height; ++y) {
      for (int x = r.x; x < r.x + r.width; ++x) {
        if (ink_mask.at<uchar>(y, x)) ++counts[std::min(2, int(ink_kind.at<uchar>(y, x)))];
      }
    }
    Ink ink = static_cast<Ink>(std::max_element(counts, counts + 3) - counts);
    auto add = [&](Shape shape, const cv::RotatedRect& outline, double ring) {
      SealRegion s;
      s.shape = shape;
      s.ink = ink;
      s.outline = cv::RotatedRect(
          outline.center / kScale,
          cv::Size2f(outline.size.width / kScale, outline.size.height / kScale), outline.angle);
      cv::Rect page_box = PageRect(bgr, s.outline, 0.04, shape != Shape::kSquare);
      if (page_box.empty()) return;
      s.box = ToBox(page_box);
      s.mask = ColourMask(bgr, page_box, s.outline, shape);
      s.occluded = DarkPrint(bgr, page_box, s.mask);
      s.confidence = std::min(1.0, 0.5 + ring / 2);
      out.push_back(std::move(s));
    };

    // Shape: a square frame fills its rotated rectangle, a ring only pi/4 of it.
    cv::RotatedRect box = cv::minAreaRect(c);
    double fill = cv::contourArea(c) / std::max(1.0f, box.size.area());
    cv::RotatedRect ellipse = cv::fitEllipse(c);
    double axes = std::max(ellipse.size.width, ellipse.size.height) /
                  std::max(1.0f, std::min(ellipse.size.width, ellipse.size.height));
    Shape shape = fill > 0.9 ? Shape::kSquare : axes > 1.18 ? Shape::kOval : Shape::kRound;
    cv::RotatedRect outline = shape == Shape::kSquare ? box : ellipse;

    // The outline must be inked nearly all round: a ring or a frame.
    double ring = shape == Shape::kSquare ? 1.0 : RingCoverage(ink_mask, ellipse, 0.86, 1.04);
    bool single = ring >= 0.75 && hi <= max_px && hi <= lo * 1.8;
    if (shape != Shape::kSquare && (!single || shape == Shape::kOval)) {
      std::vector<cv::RotatedRect> circles = OverlappingCircles(ink_mask, r, min_px, max_px);
      for (const cv::RotatedRect& e : circles)
        add(Shape::kRound, e, RingCoverage(ink_mask, e, 0.86, 1.04));
      if (!circles.empty()) continue;
    }
    if (!single) continue;
    // A square must hold characters, not be a solid patch of colour; a ring is mostly
    // paper inside (a filled disc is an emblem or a logo).
    if (shape == Shape::kSquare && (density < 0.15 || density > 0.9)) continue;
    if (shape != Shape::kSquare && density > 0.5) continue;
    add(shape, outline, ring);
  }
  // A much smaller blob centred inside a seal (its star, a character of its text cut off
  // from the ring) is part of that seal.
  std::vector<SealRegion> kept;
  for (SealRegion& s : out) {
    bool inside = false;
    for (const SealRegion& other : out) {
      if (&other == &s || other.box.width * other.box.height <= s.box.width * s.box.height) {
        continue;
      }
      cv::Point2f c = s.outline.center;
      inside |=
          c.x > other.box.x && c.x < other.box.x + other.box.width && c.y > other.box.y &&
          c.y < other.box.y + other.box.height &&
          std::max(s.box.width, s.box.height) < 0.7 * std::max(other.box.width, other.box.height);
    }
    if (!inside) kept.push_back(std::move(s));
  }
  return kept;
}

// Grey seals of a colourless copy: circles whose circumference is inked all round and whose
// ring band holds characters.
std::vector<SealRegion> GreySeals(const cv::Mat& bgr, const cv::Mat& small,
                                  const std::vector<SealRegion>& coloured) {
  cv::Mat gray;
  cv::cvtColor(small, gray, cv::COLOR_BGR2GRAY);
  cv::Mat blurred;
  cv::GaussianBlur(gray, blurred, cv::Size(5, 5), 1.2);
  std::vector<cv::Vec3f> circles;
  int min_r = static_cast<int>(8 * kPxPerMm * kScale),
      max_r = static_cast<int>(28 * kPxPerMm * kScale);
  cv::HoughCircles(blurred, circles, cv::HOUGH_GRADIENT, 1, min_r * 2, 100, 28, min_r, max_r);
  if (circles.empty()) return {};

  cv::Mat ink;
  cv::adaptiveThreshold(gray, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 31, 12);

  std::vector<SealRegion> out;
  for (const cv::Vec3f& c : circles) {
    cv::RotatedRect e(cv::Point2f(c[0], c[1]), cv::Size2f(2 * c[2], 2 * c[2]), 0);
    double ring = RingCoverage(ink, e, 0.94, 1.05, 120);
    if (ring < 0.9) continue;
    // A ring with nothing inside is a printed circle, not a seal; characters sit in the band.
    // A short name leaves much of the band empty (天津市东方食品有限公司 over 190 degrees of
    // a 37 mm seal): it will do with the seal's star at the centre.
    double band = RingCoverage(ink, e, 0.55, 0.85, 120);
    double inner_empty = 1.0 - RingCoverage(ink, e, 0.80, 0.86, 120);
    if (inner_empty < 0.05 || band < 0.3 || (band < 0.45 && CentreFill(ink, e) < 0.3)) continue;
    cv::RotatedRect outline(e.center / kScale,
                            cv::Size2f(e.size.width / kScale, e.size.height / kScale), 0);
    bool taken = false;
    for (const SealRegion& s : coloured) {
      cv::Point2f d = s.outline.center - outline.center;
      taken |= std::hypot(d.x, d.y) < outline.size.width / 2;
    }
    for (const SealRegion& s : out) {
      cv::Point2f d = s.outline.center - outline.center;
      taken |= std::hypot(d.x, d.y) < outline.size.width / 2;
    }
    if (taken) continue;
    cv::Rect page_box = PageRect(bgr, outline, 0.04, true);
    if (page_box.empty()) continue;
    SealRegion s;
    s.shape = Shape::kRound;
    s.ink = Ink::kGrey;
    s.outline = outline;
    s.box = ToBox(page_box);
    // The seal's ink: everything darker than the paper inside the circle.
    cv::Mat g;
    cv::cvtColor(bgr(page_box), g, cv::COLOR_BGR2GRAY);
    cv::Mat m = 255 - g;
    m.setTo(0, g >= 190);
    cv::Mat inside(page_box.size(), CV_8U, cv::Scalar(0));
    cv::RotatedRect local = Enlarge(outline, 1.04);
    local.center -= cv::Point2f(static_cast<float>(page_box.x), static_cast<float>(page_box.y));
    cv::ellipse(inside, local, cv::Scalar(255), cv::FILLED);
    cv::bitwise_and(m, inside, s.mask);
    s.confidence = 0.4 + 0.4 * ring;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

const char* InkName(Ink ink) {
  switch (ink) {
    case Ink::kRed:
      return "red";
    case Ink::kBlue:
      return "blue";
    case Ink::kPurple:
      return "purple";
    case Ink::kGrey:
      return "grey";
  }
  return "red";
}

const char* ShapeName(Shape shape) {
  switch (shape) {
    case Shape::kRound:
      return "round";
    case Shape::kOval:
      return "oval";
    case Shape::kSquare:
      return "square";
  }
  return "round";
}

bool ColouredInk(const cv::Vec3b& bgr, Ink* ink) { return InkOfKind(bgr, ink, 35); }

std::vector<SealRegion> FindSeals(const cv::Mat& bgr) {
  if (bgr.empty() || bgr.type() != CV_8UC3 || std::min(bgr.cols, bgr.rows) < 120) return {};
  cv::Mat small;
  cv::resize(bgr, small, cv::Size(), kScale, kScale, cv::INTER_AREA);
  std::vector<SealRegion> seals = ColouredSeals(bgr, small);
  std::vector<SealRegion> grey = GreySeals(bgr, small, seals);
  for (SealRegion& s : grey) seals.push_back(std::move(s));
  std::sort(seals.begin(), seals.end(), [](const SealRegion& a, const SealRegion& b) {
    return a.box.y != b.box.y ? a.box.y < b.box.y : a.box.x < b.box.x;
  });
  return seals;
}

void SuppressSeals(cv::Mat& bgr, const std::vector<SealRegion>& seals) {
  for (const SealRegion& s : seals) {
    cv::Rect r(s.box.x, s.box.y, s.box.width, s.box.height);
    r &= cv::Rect(0, 0, bgr.cols, bgr.rows);
    if (r.empty() || s.mask.size() != r.size()) continue;
    cv::Mat crop = bgr(r);
    if (s.ink != Ink::kGrey) {
      // Faded or pale seal ink escapes the page reader's colour test: whiten all of it.
      crop.setTo(cv::Scalar(255, 255, 255), s.mask);
      // And its anti-aliased edge, a tint too pale to count as ink yet darker than paper:
      // on a sparse page (a certificate of seven lines) it is among the darkest percent,
      // the page is taken for a faint one and stretched, and the seal's outline comes back
      // black over the lines under it. Print stays: it has no tint.
      cv::Mat edge;
      cv::dilate(s.mask, edge, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(7, 7)));
      for (int y = 0; y < crop.rows; ++y) {
        cv::Vec3b* row = crop.ptr<cv::Vec3b>(y);
        const uchar* near = edge.ptr<uchar>(y);
        for (int x = 0; x < crop.cols; ++x) {
          if (!near[x]) continue;
          const cv::Vec3b& p = row[x];
          const int hi = std::max({p[0], p[1], p[2]}), lo = std::min({p[0], p[1], p[2]});
          if (hi - lo >= 12 && lo >= 120) row[x] = cv::Vec3b(255, 255, 255);
        }
      }
      continue;
    }
    // The seal's grey level, from its ink; printed text is clearly darker.
    cv::Mat g;
    cv::cvtColor(crop, g, cv::COLOR_BGR2GRAY);
    std::vector<uchar> levels;
    for (int y = 0; y < g.rows; ++y) {
      for (int x = 0; x < g.cols; ++x) {
        if (s.mask.at<uchar>(y, x)) levels.push_back(g.at<uchar>(y, x));
      }
    }
    if (levels.size() < 100) continue;
    std::nth_element(levels.begin(), levels.begin() + levels.size() / 2, levels.end());
    int seal_level = levels[levels.size() / 2];
    // Limitation: a seal as dark as the text cannot be told from it by grey level alone.
    if (seal_level < 70) continue;
    int cut = seal_level - 30;
    for (int y = 0; y < g.rows; ++y) {
      cv::Vec3b* row = crop.ptr<cv::Vec3b>(y);
      for (int x = 0; x < g.cols; ++x) {
        if (s.mask.at<uchar>(y, x) && g.at<uchar>(y, x) > cut) row[x] = cv::Vec3b(255, 255, 255);
      }
    }
  }
}

}  // namespace precheck::seal

// Ornamental frame finding from connected components.
//
// Each small component is linked to its nearest near-identical neighbour to the right and
// below (the same box within a fifth, the same ink pattern, on the same row or column);
// chains of links with an even step are motif rows. A chain of many motifs spanning a good
// part of the page is a frame side; everything on it, and the rules just beside it, are the
// mask. Components are taken from the raw ink and from the ink without long strokes,
// thickened, since a copy breaks thin motifs apart or joins them to the frame's rules.

#include "image/ornament.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace precheck::image {
namespace {

struct Comp {
  int label = 0;
  int x = 0, y = 0, w = 0, h = 0, area = 0;
  int ink = 0;      // pixels of the unthickened ink in its box
  int ink_box = 0;  // the area of that ink's own bounding box
  double cx = 0, cy = 0;
  cv::Mat pattern;  // the ink in its box, scaled to kPattern x kPattern, 0..1
  int size() const { return std::max(w, h); }
};

constexpr int kPattern = 12;

// Fewest motifs in a row, and the least length of the row as a share of the page's shorter
// side: a licence frame has dozens of motifs along each side; the 18 characters of a credit
// code or a title in spaced characters are fewer and shorter.
constexpr int kMinMotifs = 12;
constexpr double kMinSpan = 0.3;
// Largest mean difference of two motifs' patterns (0 same, 1 opposite): copies of one motif
// differ by their threshold and rescaling, different characters by their strokes.
constexpr double kMaxPatternDiff = 0.12;
// Fewest motifs in a piece of a frame side broken by a seal or a smudge.
constexpr int kMinPiece = 4;

// Sizes of a motif relative to the page's shorter side: from a few pixels on a reduced
// photocopy up to a twentieth of the page.
bool MotifSized(const Comp& c, int side) {
  if (std::min(c.w, c.h) < 4 || c.area < 12) return false;
  if (c.size() > side / 20) return false;
  if (c.w > 3 * c.h || c.h > 3 * c.w) return false;
  // A small solid dot is a leader (……, ·····) or a full stop, kept for the reader.
  // The ink itself, not the thickened shape, tells a dot from a ring.
  double fill = static_cast<double>(c.ink) / std::max(1, c.ink_box);
  return !(fill > 0.5 && c.size() < side / 100);
}

bool Close(int a, int b, double share, int floor) {
  return std::abs(a - b) <= std::max<double>(floor, share * std::max(a, b));
}

// The same motif printed twice: equal box within a fifth; the ink varies more, as a thin
// stroke's threshold comes out broken or doubled.
// Boxes and ink amounts alone would also pair the characters of a line of Chinese text, which
// are as wide and as dense as each other: the ink's pattern must match too.
bool Alike(const Comp& a, const Comp& b) {
  if (!Close(a.w, b.w, 0.2, 2) || !Close(a.h, b.h, 0.2, 2) || !Close(a.area, b.area, 0.45, 8)) {
    return false;
  }
  return cv::norm(a.pattern, b.pattern, cv::NORM_L1) / (kPattern * kPattern) <= kMaxPatternDiff;
}

// For each component, its nearest alike neighbour along the axis (x when `horizontal`) within
// four motif sizes (one motif may be missing), no further off the row than a third of the motif; -1
// when none.
std::vector<int> NextAlong(const std::vector<Comp>& comps, bool horizontal) {
  auto along = [horizontal](const Comp& c) { return horizontal ? c.cx : c.cy; };
  auto across = [horizontal](const Comp& c) { return horizontal ? c.cy : c.cx; };
  std::vector<int> order(comps.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return along(comps[a]) < along(comps[b]); });
  std::vector<int> next(comps.size(), -1);
  for (size_t k = 0; k < order.size(); ++k) {
    const Comp& c = comps[order[k]];
    double reach = along(c) + 4.0 * c.size();
    double best = 1e18;
    for (size_t j = k + 1; j < order.size() && along(comps[order[j]]) <= reach; ++j) {
      const Comp& d = comps[order[j]];
      double step = along(d) - along(c);
      if (step < 0.5 * c.size()) continue;  // overlapping along the axis: another row
      if (std::abs(across(d) - across(c)) > std::max(2.0, c.size() / 3.0)) continue;
      if (!Alike(c, d)) continue;
      if (step < best) {
        best = step;
        next[order[k]] = order[j];
      }
    }
  }
  return next;
}

// A row of motifs: where it runs and how big its motifs are.
struct MotifRow {
  bool horizontal = true;
  double from = 0, to = 0;  // along the axis, motif centres
  double across = 0;        // median centre across the axis
  int motif = 0;            // median motif size
  bool frame_side = false;  // long enough to be a frame side on its own
};

// Joins the pieces of each frame side: a seal or a smudge over the frame breaks its row of
// motifs into pieces, which lie on one line with motifs of one size. Short pieces count only
// on the line of a whole frame side, so a few alike characters in a text line never do.
std::vector<MotifRow> JoinFrameSides(std::vector<MotifRow> pieces) {
  std::sort(pieces.begin(), pieces.end(),
            [](const MotifRow& a, const MotifRow& b) { return a.frame_side > b.frame_side; });
  std::vector<MotifRow> sides;
  for (const MotifRow& piece : pieces) {
    bool joined = false;
    for (MotifRow& side : sides) {
      if (side.horizontal == piece.horizontal &&
          std::abs(side.across - piece.across) <= side.motif / 2.0 &&
          Close(side.motif, piece.motif, 0.25, 2)) {
        side.from = std::min(side.from, piece.from);
        side.to = std::max(side.to, piece.to);
        joined = true;
        break;
      }
    }
    if (!joined && piece.frame_side) sides.push_back(piece);
  }
  return sides;
}

// Chains of links with an even step (each step within a quarter of the previous one, or
// twice it where one motif was not found), long enough to be a frame side.
std::vector<MotifRow> FrameRows(const std::vector<Comp>& comps, const std::vector<int>& next,
                                bool horizontal, int side) {
  std::vector<int> incoming(comps.size(), 0);
  for (int n : next) {
    if (n >= 0) ++incoming[n];
  }
  auto along = [horizontal](const Comp& c) { return horizontal ? c.cx : c.cy; };
  auto across = [horizontal](const Comp& c) { return horizontal ? c.cy : c.cx; };
  std::vector<MotifRow> out;
  std::vector<bool> visited(comps.size(), false);
  for (size_t start = 0; start < comps.size(); ++start) {
    if (incoming[start] > 0 || visited[start]) continue;
    std::vector<int> chain = {static_cast<int>(start)};
    visited[start] = true;
    double last_step = -1;
    auto flush = [&]() {
      double span = along(comps[chain.back()]) - along(comps[chain.front()]);
      if (static_cast<int>(chain.size()) < kMinPiece) return;
      std::vector<double> centres;
      std::vector<int> sizes;
      for (int m : chain) {
        centres.push_back(across(comps[m]));
        sizes.push_back(comps[m].size());
      }
      std::nth_element(centres.begin(), centres.begin() + centres.size() / 2, centres.end());
      std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
      bool frame_side = static_cast<int>(chain.size()) >= kMinMotifs && span >= kMinSpan * side;
      out.push_back(MotifRow{horizontal, along(comps[chain.front()]), along(comps[chain.back()]),
                             centres[centres.size() / 2], sizes[sizes.size() / 2], frame_side});
    };
    for (int at = static_cast<int>(start); next[at] >= 0 && !visited[next[at]];) {
      int n = next[at];
      double step = along(comps[n]) - along(comps[at]);
      bool even = last_step <= 0 || std::abs(step - last_step) <= 0.25 * last_step + 2;
      bool one_missing = last_step > 0 && std::abs(step - 2 * last_step) <= 0.25 * last_step + 2;
      if (!even && !one_missing) {
        // An uneven step ends this chain; the next one starts here.
        flush();
        chain = {at};
        last_step = -1;
      }
      chain.push_back(n);
      visited[n] = true;
      if (even) last_step = step;
      at = n;
    }
    flush();
  }
  return out;
}

// Whether a component belongs to the frame along `row`: it lies wholly within the row's
// band (a motif's other parts: its outer outline, a pair of motifs joined by a stroke), or it
// is a thin stroke running along the row just beside it (the pieces of the frame's double
// rule, which a threshold breaks into dashes).
bool InFrame(const MotifRow& row, int x, int y, int w, int h) {
  double a0 = row.horizontal ? x : y, a1 = a0 + (row.horizontal ? w : h);
  double c0 = row.horizontal ? y : x, c1 = c0 + (row.horizontal ? h : w);
  // The corner motifs, where two sides meet, reach a little beyond a side's last motif.
  if (a0 < row.from - 3 * row.motif || a1 > row.to + 3 * row.motif) return false;
  double band = 1.1 * row.motif;
  if (c0 >= row.across - band && c1 <= row.across + band) return true;
  double thick = c1 - c0, length = a1 - a0;
  bool thin = thick <= std::max(3.0, row.motif / 4.0) && length >= 2 * thick;
  double reach = 2.5 * row.motif;
  return thin && c0 >= row.across - reach && c1 <= row.across + reach;
}

// Long thin rules that enclose the motif rows (the frame's outline drawn as one closed
// rectangle, or a whole side as one stroke): as long as a frame side, every edge within a few
// motif sizes of the rows' outline, no thicker than half a motif.
bool FrameRule(const cv::Rect& hull, int motif, int side, const cv::Rect& r, int area) {
  if (std::max(r.width, r.height) < kMinSpan * side) return false;
  int reach = 4 * motif;
  auto near = [reach](int v, int a, int b) {
    return std::abs(v - a) <= reach || std::abs(v - b) <= reach;
  };
  int left = hull.x, right = hull.x + hull.width, top = hull.y, bottom = hull.y + hull.height;
  int x1 = r.x + r.width, y1 = r.y + r.height;
  bool horizontal = r.height <= 2 * motif && near(r.y, top, bottom) && near(y1, top, bottom) &&
                    r.x >= left - reach && x1 <= right + reach;
  bool vertical = r.width <= 2 * motif && near(r.x, left, right) && near(x1, left, right) &&
                  r.y >= top - reach && y1 <= bottom + reach;
  bool rectangle = std::abs(r.x - left) <= reach && std::abs(x1 - right) <= reach &&
                   std::abs(r.y - top) <= reach && std::abs(y1 - bottom) <= reach;
  if (!horizontal && !vertical && !rectangle) return false;
  double length = rectangle ? 2.0 * (r.width + r.height) : std::max(r.width, r.height);
  return area / length <= motif / 2.0;
}

// Horizontal and vertical strokes at least `length` long.
cv::Mat LongStrokes(const cv::Mat& ink, int length) {
  cv::Mat across, down;
  cv::morphologyEx(ink, across, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(length, 1)));
  cv::morphologyEx(ink, down, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, length)));
  return across | down;
}

// The strip along `row` reaching `half` to either side of its motifs' centres, and three
// motifs beyond its ends (the corner pieces where two sides meet).
cv::Rect Band(const MotifRow& row, double half) {
  int a0 = static_cast<int>(row.from - 3 * row.motif);
  int a1 = static_cast<int>(row.to + 3 * row.motif);
  int c0 = static_cast<int>(row.across - half), c1 = static_cast<int>(row.across + half);
  return row.horizontal ? cv::Rect(a0, c0, a1 - a0 + 1, c1 - c0 + 1)
                        : cv::Rect(c0, a0, c1 - c0 + 1, a1 - a0 + 1);
}

// The motif rows among the components of `shapes`; their patterns come from `ink`.
std::vector<MotifRow> RowsIn(const cv::Mat& shapes, const cv::Mat& ink, int side) {
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(shapes, labels, stats, centroids, 8, CV_32S);
  std::vector<Comp> comps;
  for (int i = 1; i < n; ++i) {
    Comp c;
    c.label = i;
    c.x = stats.at<int>(i, cv::CC_STAT_LEFT);
    c.y = stats.at<int>(i, cv::CC_STAT_TOP);
    c.w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    c.h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    c.area = stats.at<int>(i, cv::CC_STAT_AREA);
    c.cx = centroids.at<double>(i, 0);
    c.cy = centroids.at<double>(i, 1);
    cv::Mat own = ink(cv::Rect(c.x, c.y, c.w, c.h));
    c.ink = cv::countNonZero(own);
    c.ink_box = cv::boundingRect(own).area();
    if (!MotifSized(c, side)) continue;
    cv::resize(own, c.pattern, cv::Size(kPattern, kPattern), 0, 0, cv::INTER_AREA);
    c.pattern.convertTo(c.pattern, CV_32F, 1.0 / 255);
    comps.push_back(c);
  }
  std::vector<MotifRow> rows = FrameRows(comps, NextAlong(comps, true), true, side);
  std::vector<MotifRow> columns = FrameRows(comps, NextAlong(comps, false), false, side);
  rows.insert(rows.end(), columns.begin(), columns.end());
  return rows;
}

}  // namespace

cv::Mat FindOrnaments(const cv::Mat& ink) {
  cv::Mat mask = cv::Mat::zeros(ink.size(), CV_8U);
  if (ink.empty()) return mask;
  int side = std::min(ink.rows, ink.cols);

  // The motifs are looked for in the ink as it is, and without the long straight strokes
  // they often touch (the frame's rules) thickened twice as much: a thin motif's threshold
  // comes out in pieces, and how far apart depends on the copy.
  cv::Mat strokes = LongStrokes(ink, std::max(25, side / 60));
  std::vector<MotifRow> rows = RowsIn(ink, ink, side);
  for (int grow : {3, 5}) {
    cv::Mat shapes = ink & ~strokes;
    cv::dilate(shapes, shapes, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(grow, grow)));
    std::vector<MotifRow> more = RowsIn(shapes, ink, side);
    rows.insert(rows.end(), more.begin(), more.end());
  }
  rows = JoinFrameSides(std::move(rows));
  if (rows.empty()) return mask;

  // Everything on the motif row itself, and the long strokes (rules) just beside it.
  cv::Rect page(0, 0, ink.cols, ink.rows);
  for (const MotifRow& row : rows) {
    cv::Rect narrow = Band(row, 1.1 * row.motif) & page;
    cv::Rect wide = Band(row, 2.5 * row.motif) & page;
    mask(narrow) |= ink(narrow);
    mask(wide) |= strokes(wide) & ink(wide);
  }

  // Then whole components of the ink: the pieces of rules and motifs beside the row, and
  // the rules that enclose all rows.
  cv::Rect hull;
  std::vector<int> sizes;
  for (const MotifRow& row : rows) {
    int a0 = static_cast<int>(row.from), a1 = static_cast<int>(row.to);
    int c = static_cast<int>(row.across);
    hull |= row.horizontal ? cv::Rect(a0, c, a1 - a0 + 1, 1) : cv::Rect(c, a0, 1, a1 - a0 + 1);
    sizes.push_back(row.motif);
  }
  int motif = *std::max_element(sizes.begin(), sizes.end());
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<bool> frame(n, false);
  for (int i = 1; i < n; ++i) {
    cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
               stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    for (const MotifRow& row : rows) {
      if (InFrame(row, r.x, r.y, r.width, r.height)) frame[i] = true;
    }
    if (!frame[i]) frame[i] = FrameRule(hull, motif, side, r, stats.at<int>(i, cv::CC_STAT_AREA));
  }
  for (int y = 0; y < labels.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uchar* out = mask.ptr<uchar>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (frame[l[x]]) out[x] = 255;
    }
  }
  return mask;
}

int RemoveOrnaments(cv::Mat& ink, cv::Mat& gray) {
  cv::Mat mask = FindOrnaments(ink);
  if (cv::countNonZero(mask) == 0) return 0;
  ink.setTo(0, mask);
  // The anti-aliased rim of each motif lies outside the thresholded ink.
  cv::Mat wide;
  cv::dilate(mask, wide, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  if (gray.size() == ink.size()) gray.setTo(255, wide);
  cv::Mat labels;
  return cv::connectedComponents(mask, labels, 8) - 1;
}

}  // namespace precheck::image

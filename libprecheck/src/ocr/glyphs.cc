// Amount glyphs: cutting a line into character cells and comparing each cell with reference
// shapes by the directions of its strokes.

#include "ocr/glyphs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "util/text.h"

namespace precheck::ocr {
namespace {

constexpr int kSize = 32;  // the square reference shapes are drawn in

struct Reference {
  char32_t character;
  const char* font;
  const char* bits;  // kSize * kSize bits, row by row, as hex
};

constexpr Reference kReferences[] = {
#include "ocr/amount_glyphs.inc"
};

// Fits the ink of `ink` (CV_8U, 255 = ink), cut to its bounding box, into a kSize square
// with its aspect kept, centred; CV_32F in 0..1.
cv::Mat Fit(const cv::Mat& ink, bool binary = true) {
  std::vector<cv::Point> points;
  cv::findNonZero(ink, points);
  cv::Mat out = cv::Mat::zeros(kSize, kSize, CV_32F);
  if (points.empty()) return out;
  cv::Rect box = cv::boundingRect(points);
  double scale = static_cast<double>(kSize) / std::max(box.width, box.height);
  int w = std::clamp(static_cast<int>(std::lround(box.width * scale)), 1, kSize);
  int h = std::clamp(static_cast<int>(std::lround(box.height * scale)), 1, kSize);
  cv::Mat part;
  ink(box).convertTo(part, CV_32F, 1.0 / 255);
  cv::resize(part, part, cv::Size(w, h), 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  if (binary) cv::threshold(part, part, 0.5, 1.0, cv::THRESH_BINARY);
  part.copyTo(out(cv::Rect((kSize - w) / 2, (kSize - h) / 2, w, h)));
  return out;
}

// Stroke directions: gradient orientations (8 bins over half a turn) in a Grid x Grid grid
// of the smoothed shape, weighted by strength, plus the ink density in the same grid; each
// part scaled to unit length. Stroke width and small shifts move it little.
constexpr int kBins = 8;
template <int Grid>
using GridFeatures = std::array<float, Grid * Grid*(kBins + 1)>;

template <int Grid>
GridFeatures<Grid> DescribeOnGrid(const cv::Mat& shape) {
  cv::Mat smooth;
  cv::GaussianBlur(shape, smooth, cv::Size(5, 5), 1.2);
  cv::Mat gx, gy;
  cv::Sobel(smooth, gx, CV_32F, 1, 0);
  cv::Sobel(smooth, gy, CV_32F, 0, 1);
  GridFeatures<Grid> f{};
  const double cell = static_cast<double>(kSize) / Grid;
  constexpr size_t kDirs = Grid * Grid * kBins;
  for (int y = 0; y < kSize; ++y) {
    for (int x = 0; x < kSize; ++x) {
      const float dx = gx.at<float>(y, x), dy = gy.at<float>(y, x);
      const float m = std::sqrt(dx * dx + dy * dy);
      const int g = static_cast<int>(y / cell) * Grid + static_cast<int>(x / cell);
      if (m > 1e-3f) {
        double a = std::atan2(dy, dx);
        if (a < 0) a += CV_PI;
        const int bin = std::min(kBins - 1, static_cast<int>(a / CV_PI * kBins));
        f[g * kBins + bin] += m;
      }
      f[kDirs + g] += smooth.at<float>(y, x);
    }
  }
  auto unit = [&](size_t from, size_t to) {
    double n = 0;
    for (size_t i = from; i < to; ++i) n += f[i] * f[i];
    n = std::sqrt(n);
    if (n > 0) {
      for (size_t i = from; i < to; ++i) f[i] = static_cast<float>(f[i] / n);
    }
  };
  unit(0, kDirs);
  unit(kDirs, f.size());
  return f;
}

// Cosine of two descriptors, directions weighted three to one against density.
template <int Grid>
double GridSimilarity(const GridFeatures<Grid>& a, const GridFeatures<Grid>& b) {
  constexpr size_t kDirs = Grid * Grid * kBins;
  double dirs = 0, density = 0;
  for (size_t i = 0; i < kDirs; ++i) dirs += a[i] * b[i];
  for (size_t i = kDirs; i < a.size(); ++i) density += a[i] * b[i];
  return 0.75 * dirs + 0.25 * density;
}

// The two dozen shapes of the amount alphabet differ widely: a 4 x 4 grid tells them apart.
constexpr int kGrid = 4;
using Features = GridFeatures<kGrid>;
Features Describe(const cv::Mat& shape) { return DescribeOnGrid<kGrid>(shape); }
double Similarity(const Features& a, const Features& b) { return GridSimilarity<kGrid>(a, b); }

struct Described {
  char32_t character;
  Features features;
};

const std::vector<Described>& References() {
  static const std::vector<Described> refs = [] {
    std::vector<Described> out;
    for (const Reference& r : kReferences) {
      cv::Mat shape(kSize, kSize, CV_32F);
      for (int i = 0; i < kSize * kSize; ++i) {
        const char h = r.bits[i / 4];
        const int nibble = h <= '9' ? h - '0' : h - 'a' + 10;
        shape.at<float>(i / kSize, i % kSize) = (nibble >> (3 - i % 4)) & 1 ? 1.0f : 0.0f;
      }
      out.push_back({r.character, Describe(shape)});
    }
    return out;
  }();
  return refs;
}

struct NameReference {
  char32_t character;
  bool hard;
  const char* bits;
};

constexpr NameReference kNameReferences[] = {
#include "ocr/name_glyphs.inc"
};

cv::Mat Unpack(const char* bits) {
  cv::Mat shape(kSize, kSize, CV_32F);
  for (int i = 0; i < kSize * kSize; ++i) {
    const char h = bits[i / 4];
    const int nibble = h <= '9' ? h - '0' : h - 'a' + 10;
    shape.at<float>(i / kSize, i % kSize) = (nibble >> (3 - i % 4)) & 1 ? 1.0f : 0.0f;
  }
  return shape;
}

// Names draw on thousands of characters, not the score of an amount: their shapes are
// told apart on a finer grid (6 x 6 over the same 32-pixel square). Measured on a clean
// licence line, the grid of 4 put the right character first for 9 of 14 and missed 鑫;
// this one for 13 of 14 among all 6763 characters of GB 2312, 鑫 0.09 ahead.
constexpr int kNameGrid = 6;
using NameFeatures = GridFeatures<kNameGrid>;
NameFeatures DescribeName(const cv::Mat& shape) { return DescribeOnGrid<kNameGrid>(shape); }
double NameSimilarity(const NameFeatures& a, const NameFeatures& b) {
  return GridSimilarity<kNameGrid>(a, b);
}

// The name alphabet: each character once, with the descriptors of its shapes in every
// font.
struct GlyphShapes {
  char32_t character;
  bool hard;
  std::vector<NameFeatures> features;
};

const std::vector<GlyphShapes>& NameReferences() {
  static const std::vector<GlyphShapes> refs = [] {
    std::vector<GlyphShapes> out;
    std::unordered_map<char32_t, size_t> at;
    for (const NameReference& r : kNameReferences) {
      auto [it, added] = at.try_emplace(r.character, out.size());
      if (added) out.push_back({r.character, r.hard, {}});
      out[it->second].features.push_back(DescribeName(Unpack(r.bits)));
    }
    return out;
  }();
  return refs;
}

const GlyphShapes* GlyphShapesOf(char32_t c) {
  static const std::unordered_map<char32_t, const GlyphShapes*> index = [] {
    std::unordered_map<char32_t, const GlyphShapes*> out;
    for (const GlyphShapes& shapes : NameReferences()) out.emplace(shapes.character, &shapes);
    return out;
  }();
  auto it = index.find(c);
  return it == index.end() ? nullptr : it->second;
}

// Cuts the dark print of `gray` into ink (255 = ink) without the rulings of a table cell
// caught at its edges: a vertical one runs through all its rows, a horizontal one further
// than two characters; no stroke of a glyph does either.
cv::Mat InkWithoutRulings(const cv::Mat& gray) {
  cv::Mat ink;
  cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::Mat rules, part;
  cv::morphologyEx(
      ink, rules, cv::MORPH_OPEN,
      cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, std::max(3, ink.rows - 4))));
  cv::morphologyEx(
      ink, part, cv::MORPH_OPEN,
      cv::getStructuringElement(cv::MORPH_RECT, cv::Size(std::max(3, 2 * ink.rows), 1)));
  cv::bitwise_or(rules, part, rules);
  cv::dilate(rules, rules, cv::Mat());
  ink.setTo(0, rules);
  return ink;
}

// 参 is the everyday form of 叁 and reads the same.
char32_t Canonical(char32_t c) { return c == U'参' ? U'叁' : c; }

}  // namespace

bool IsAmountGlyph(char32_t c) {
  return std::any_of(std::begin(kReferences), std::end(kReferences),
                     [&](const Reference& r) { return r.character == c; });
}

GlyphChoice ClassifyAmountGlyph(const cv::Mat& cell) {
  const Features f = Describe(Fit(cell));
  // The best score of each character over its fonts.
  std::vector<std::pair<char32_t, double>> best;
  for (const Described& r : References()) {
    const char32_t c = Canonical(r.character);
    const double s = Similarity(f, r.features);
    auto it = std::find_if(best.begin(), best.end(), [&](const auto& b) { return b.first == c; });
    if (it == best.end()) {
      best.emplace_back(c, s);
    } else {
      it->second = std::max(it->second, s);
    }
  }
  std::sort(best.begin(), best.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  GlyphChoice out;
  if (best.empty()) return out;
  out.best = best[0].first;
  out.score = best[0].second;
  out.margin = best.size() > 1 ? best[0].second - best[1].second : best[0].second;
  return out;
}

// Whether each row of `ink` holds print: more than the odd speck of a scan's noise, which
// would stretch a line's height by the rows above and below it that it touches.
std::vector<bool> InkedRows(const cv::Mat& ink) {
  cv::Mat rows;
  cv::reduce(ink / 255, rows, 1, cv::REDUCE_SUM, CV_32S);
  int most = 0;
  for (int y = 0; y < rows.rows; ++y) most = std::max(most, rows.at<int>(y));
  std::vector<bool> out(rows.rows);
  for (int y = 0; y < rows.rows; ++y) out[y] = rows.at<int>(y) > std::max(2, most / 50);
  return out;
}

std::vector<cv::Rect> CutLine(const cv::Mat& ink) {
  std::vector<cv::Rect> cells;
  if (ink.empty()) return cells;
  // The line: the longest band of inked rows, gaps of a few rows bridged.
  const std::vector<bool> inked = InkedRows(ink);
  int top = -1, bottom = -1, start = -1, last = -1;
  auto close = [&] {
    if (start >= 0 && last - start > bottom - top) {
      top = start;
      bottom = last;
    }
  };
  for (int y = 0; y < ink.rows; ++y) {
    if (!inked[y]) continue;
    if (start < 0 || y - last > 3) {
      close();
      start = y;
    }
    last = y;
  }
  close();
  if (top < 0) return cells;
  const int height = bottom - top + 1;
  if (height < 8) return cells;
  cv::Mat band = ink.rowRange(top, bottom + 1);
  cv::Mat cols;
  cv::reduce(band, cols, 0, cv::REDUCE_SUM, CV_32S);
  std::vector<std::pair<int, int>> runs;  // [from, to] of inked columns
  for (int x = 0; x < band.cols; ++x) {
    if (cols.at<int>(x) == 0) continue;
    if (runs.empty() || runs.back().second < x - 1) {
      runs.emplace_back(x, x);
    } else {
      runs.back().second = x;
    }
  }
  // Specks a tenth of the line high or less are noise, not strokes.
  runs.erase(std::remove_if(runs.begin(), runs.end(),
                            [&](const std::pair<int, int>& r) {
                              cv::Mat part = band.colRange(r.first, r.second + 1);
                              return r.second - r.first + 1 <= height / 10 &&
                                     cv::countNonZero(part) <= height * height / 100 + 2;
                            }),
             runs.end());
  const double square = 1.15 * height;
  for (size_t i = 0; i < runs.size();) {
    int from = runs[i].first, to = runs[i].second;
    size_t j = i + 1;
    while (j < runs.size() && runs[j].second - from + 1 <= square) to = runs[j++].second;
    const int width = to - from + 1;
    const int parts =
        width > 1.35 * height ? static_cast<int>(std::lround(width / (1.0 * height))) : 1;
    for (int p = 0; p < std::max(1, parts); ++p) {
      const int a = from + width * p / std::max(1, parts);
      const int b = from + width * (p + 1) / std::max(1, parts);
      cells.emplace_back(a, top, b - a, height);
    }
    i = j;
  }
  return cells;
}

std::string ReadAmountGlyphs(const cv::Mat& gray, const std::string& first) {
  if (gray.empty()) return "";
  cv::Mat ink = InkWithoutRulings(gray);
  std::vector<cv::Rect> cells = CutLine(ink);
  std::u32string read = text::ToU32(text::RemoveSpaces(first));
  // The sentence's full stop after an amount (罚款人民币捌万贰仟元整。), whether read or
  // not: a last cell whose ink is under half a character's height and width is no glyph.
  auto stop = [](char32_t c) {
    return std::u32string_view(U"。，,；;、").find(c) != std::u32string_view::npos;
  };
  while (!read.empty() && (stop(read.back()) ||
                           (read.back() == U'.' && read.size() >= 2 &&
                            !(read[read.size() - 2] >= U'0' && read[read.size() - 2] <= U'9')))) {
    read.pop_back();
  }
  if (cells.size() >= 2) {
    std::vector<cv::Point> points;
    cv::findNonZero(ink(cells.back()), points);
    cv::Rect dot = points.empty() ? cv::Rect() : cv::boundingRect(points);
    const int height = cells.back().height;
    if (dot.height * 2 < height && dot.width * 2 < height) cells.pop_back();
  }
  if (cells.empty() || cells.size() != read.size()) return "";
  std::u32string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (IsAmountGlyph(read[i]) || (read[i] >= U'0' && read[i] <= U'9') || read[i] == U'.') {
      out.push_back(read[i]);
      continue;
    }
    GlyphChoice choice = ClassifyAmountGlyph(ink(cells[i]));
    if (choice.score < kAmountGlyphMinScore || choice.margin < kAmountGlyphMinMargin) return "";
    out.push_back(choice.best);
  }
  return text::ToUtf8(out);
}

bool IsHardNameGlyph(char32_t c) {
  const GlyphShapes* shapes = GlyphShapesOf(c);
  return shapes && shapes->hard;
}

// The cells of every line of `ink` as tall as its tallest, top to bottom: a long name
// wraps onto a second line of its table cell.
std::vector<cv::Rect> CutLines(const cv::Mat& ink) {
  const std::vector<bool> inked = InkedRows(ink);
  std::vector<std::pair<int, int>> bands;  // [top, bottom] of inked rows, gaps of 3 bridged
  for (int y = 0; y < ink.rows; ++y) {
    if (!inked[y]) continue;
    if (bands.empty() || y - bands.back().second > 3) {
      bands.emplace_back(y, y);
    } else {
      bands.back().second = y;
    }
  }
  int tallest = 0;
  for (const auto& [top, bottom] : bands) tallest = std::max(tallest, bottom - top + 1);
  std::vector<cv::Rect> cells;
  for (const auto& [top, bottom] : bands) {
    if ((bottom - top + 1) * 10 < tallest * 6) continue;
    for (cv::Rect c : CutLine(ink.rowRange(top, bottom + 1))) {
      c.y += top;
      cells.push_back(c);
    }
  }
  return cells;
}

// The cells of `ink` that hold the `count` characters of a name read there: the line's
// cells, or all its lines' when it wraps, without the narrow marks at either end that are
// no character of it (the colon of the label before it); empty when no way gives `count`.
std::vector<cv::Rect> NameCells(const cv::Mat& ink, size_t count) {
  auto square = [](const cv::Rect& c) {
    return c.width * 10 >= c.height * 6 && c.width * 10 <= c.height * 13;
  };
  for (std::vector<cv::Rect> cells : {CutLine(ink), CutLines(ink)}) {
    while (cells.size() > count && cells.front().width * 4 < cells.front().height) {
      cells.erase(cells.begin());
    }
    while (cells.size() > count && cells.back().width * 4 < cells.back().height) {
      cells.pop_back();
    }
    if (cells.size() == count) return cells;
    // The rest of its label before it (人： of 法定代表人：): the name is the last cells,
    // each as wide as a character is high.
    if (cells.size() > count && count >= 2 &&
        std::all_of(cells.end() - count, cells.end(), square) &&
        !square(cells[cells.size() - count - 1])) {
      return std::vector<cv::Rect>(cells.end() - count, cells.end());
    }
  }
  return {};
}

NameShapes ReadNameShapes(const cv::Mat& gray, const std::string& first) {
  NameShapes out;
  if (gray.empty()) return out;
  std::u32string read = text::ToU32(text::RemoveSpaces(first));
  cv::Mat ink = InkWithoutRulings(gray);
  std::vector<cv::Rect> cells = NameCells(ink, read.size());
  size_t count = read.size();
  if (cells.empty()) {
    cells = CutLine(ink);
    // A decision number (津蓟州市监罚字〔2023〕191号): its digits and brackets are cut unlike
    // characters, and a name in a sentence (姓名：沈伟磊，性别：男) has the rest of the line
    // in its box; but the leading characters are a cell each where every one of them is as
    // wide as a character is high. A reading with more characters than the cells has
    // gained one somewhere: no cell can be matched to it.
    count = 0;
    while (count < read.size() && text::IsHan(read[count])) ++count;
    int height = 0;
    for (const cv::Rect& c : cells) height = std::max(height, c.height);
    if (count < 2 || cells.size() <= count) return out;
    for (size_t i = 0; i < count; ++i) {
      if (cells[i].width * 10 < height * 6 || cells[i].width * 10 > height * 13) return out;
    }
  }
  std::u32string replaced = read;
  bool changed = false;
  out.alike.assign(read.size(), std::u32string());
  std::vector<std::pair<double, char32_t>> scored;
  for (size_t i = 0; i < count; ++i) {
    if (!GlyphShapesOf(read[i])) continue;
    const NameFeatures f = DescribeName(Fit(ink(cells[i]), /*binary=*/false));
    // Every character by its nearest shape over the fonts, and how near the character read
    // is.
    scored.clear();
    double as_read = 0;
    for (const GlyphShapes& shapes : NameReferences()) {
      double s = -1;
      for (const NameFeatures& g : shapes.features) s = std::max(s, NameSimilarity(f, g));
      scored.emplace_back(s, shapes.character);
      if (shapes.character == read[i]) as_read = s;
    }
    const size_t keep = std::min(scored.size(), kMaxAlike);
    std::partial_sort(scored.begin(), scored.begin() + keep, scored.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    const auto [score, nearest] = scored.front();
    const bool replace = GlyphShapesOf(nearest)->hard && nearest != read[i] &&
                         score >= kNameGlyphMinScore && score - as_read >= kNameGlyphMinMargin;
    if (replace) {
      replaced[i] = nearest;
      changed = true;
    }
    // What the glyph looks like as much as like the character that stands for it now: a
    // glyph taken for 晟 (at least 0.10 nearer than 晨, as read) does not look like 晨.
    const double floor = std::max(replace ? score : as_read, kNameAlikeMinScore);
    for (size_t k = 0; k < keep && scored[k].first >= floor; ++k) {
      out.alike[i] += scored[k].second;
    }
  }
  if (changed) out.text = text::ToUtf8(replaced);
  return out;
}

std::string ReadNameGlyphs(const cv::Mat& gray, const std::string& first) {
  return ReadNameShapes(gray, first).text;
}

}  // namespace precheck::ocr

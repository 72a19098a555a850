// Text lines from connected components.
//
// Components are taken left to right and appended to the line they overlap vertically
// when the horizontal gap is small relative to the line height; otherwise they start a new
// line. A second pass merges fragments of one line (a character's dot started its own).

#include "image/lines.h"

#include <algorithm>
#include <map>
#include <opencv2/imgproc.hpp>

namespace precheck::image {
namespace {

struct Line {
  int x0, y0, x1, y1;
  int height() const { return y1 - y0; }
};

int VerticalOverlap(int a0, int a1, int b0, int b1) { return std::min(a1, b1) - std::max(a0, b0); }

}  // namespace

// Removes long hairlines (an ID card's guilloche, a photocopy's streaks) that would join the
// characters they touch into one huge component: ink too thin to survive a 3x3 opening that
// forms runs longer than any character.
cv::Mat WithoutHairlines(const cv::Mat& ink) {
  cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3));
  cv::Mat thick;
  cv::morphologyEx(ink, thick, cv::MORPH_OPEN, kernel);
  cv::dilate(thick, thick, kernel);
  cv::Mat thin = ink & ~thick;
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(thin, labels, stats, centroids, 8, CV_32S);
  cv::Mat out = ink.clone();
  constexpr int kLong = 200;  // about 17 mm at 300 dpi
  for (int i = 1; i < n; ++i) {
    if (stats.at<int>(i, cv::CC_STAT_WIDTH) >= kLong ||
        stats.at<int>(i, cv::CC_STAT_HEIGHT) >= kLong) {
      cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                 stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
      out(r).setTo(0, labels(r) == i);
    }
  }
  return out;
}

std::vector<Box> FindTextLines(const cv::Mat& raw_ink, const cv::Mat& gray) {
  cv::Mat ink = WithoutHairlines(raw_ink);
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  struct Comp {
    int x0, y0, x1, y1;
  };

  // Mean grey of each component: printed text is near black, a grey seal much lighter.
  std::vector<double> mean(n, 0.0);
  if (!gray.empty() && gray.size() == ink.size()) {
    std::vector<double> sum(n, 0.0);
    std::vector<int> count(n, 0);
    for (int y = 0; y < labels.rows; ++y) {
      const int* l = labels.ptr<int>(y);
      const uchar* g = gray.ptr<uchar>(y);
      for (int x = 0; x < labels.cols; ++x) {
        if (l[x] > 0) {
          sum[l[x]] += g[x];
          ++count[l[x]];
        }
      }
    }
    for (int i = 1; i < n; ++i) mean[i] = count[i] ? sum[i] / count[i] : 0.0;
  }
  double light_cut = 256;
  if (!gray.empty()) {
    std::vector<double> means;
    for (int i = 1; i < n; ++i) {
      if (stats.at<int>(i, cv::CC_STAT_AREA) >= 20) means.push_back(mean[i]);
    }
    if (!means.empty()) {
      std::nth_element(means.begin(), means.begin() + means.size() / 2, means.end());
      light_cut = std::max(115.0, means[means.size() / 2] + 50.0);
    }
  }

  // A grey seal is a large cluster of light components (ring text, star, ring); a light
  // printed label (an ID card's 姓名) is a small one and stays.
  std::vector<bool> seal_like(n, false);
  if (light_cut < 256) {
    cv::Mat light = cv::Mat::zeros(ink.size(), CV_8U);
    std::vector<uchar> is_light(n, 0);
    for (int i = 1; i < n; ++i) is_light[i] = mean[i] > light_cut ? 255 : 0;
    for (int y = 0; y < labels.rows; ++y) {
      const int* l = labels.ptr<int>(y);
      uchar* d = light.ptr<uchar>(y);
      for (int x = 0; x < labels.cols; ++x) d[x] = is_light[l[x]];
    }
    cv::dilate(light, light, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(25, 25)));
    cv::Mat cl, cs, cc;
    int m = cv::connectedComponentsWithStats(light, cl, cs, cc, 8, CV_32S);
    int big = 300;  // about 25 mm at 300 dpi: a seal, not a word
    for (int i = 1; i < n; ++i) {
      if (!is_light[i]) continue;
      int cx = stats.at<int>(i, cv::CC_STAT_LEFT) + stats.at<int>(i, cv::CC_STAT_WIDTH) / 2;
      int cy = stats.at<int>(i, cv::CC_STAT_TOP) + stats.at<int>(i, cv::CC_STAT_HEIGHT) / 2;
      int cluster = cl.at<int>(cy, cx);
      if (cluster <= 0 || cluster >= m) continue;
      int cw = cs.at<int>(cluster, cv::CC_STAT_WIDTH);
      int chh = cs.at<int>(cluster, cv::CC_STAT_HEIGHT);
      // Round, oval or square and of a seal's size (30 to 70 mm): not a card's grey labels
      // and background, which spread wide.
      bool seal_sized = cw >= big && chh >= big && cw <= 850 && chh <= 850 && cw * 10 <= chh * 16 &&
                        chh * 10 <= cw * 16;
      if (seal_sized) seal_like[i] = true;
    }
  }

  std::vector<Comp> comps;
  std::vector<int> heights;
  for (int i = 1; i < n; ++i) {
    int x = stats.at<int>(i, cv::CC_STAT_LEFT);
    int y = stats.at<int>(i, cv::CC_STAT_TOP);
    int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (area < 6 || (w <= 2 && h <= 2)) continue;        // specks
    if (seal_like[i]) continue;                          // grey seal ink
    if (h > ink.rows / 4 || w > ink.cols / 2) continue;  // borders, frames
    comps.push_back({x, y, x + w, y + h});
    if (h >= 10) heights.push_back(h);
  }
  if (comps.empty()) return {};
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  int median_h = heights.empty() ? 30 : std::max(10, heights[heights.size() / 2]);

  // Ornamental borders (a licence's frame of small motifs) are rows and columns of many
  // small components at one x or one y; left in, they join every line they are beside.
  {
    int small = std::max(10, median_h * 7 / 10);
    std::map<int, std::vector<size_t>> by_x, by_y;
    for (size_t k = 0; k < comps.size(); ++k) {
      const Comp& c = comps[k];
      int w = c.x1 - c.x0, h = c.y1 - c.y0;
      // Motifs are small; the broken remains of a frame line are thin.
      if (w <= small && h <= 2 * median_h) by_x[(c.x0 + c.x1) / 2 / 8].push_back(k);
      if (h <= small && w <= 2 * median_h) by_y[(c.y0 + c.y1) / 2 / 8].push_back(k);
    }
    std::vector<bool> ornament(comps.size(), false);
    auto mark = [&](const std::map<int, std::vector<size_t>>& bins, bool vertical) {
      for (const auto& [bin, members] : bins) {
        std::vector<size_t> all = members;
        if (auto next = bins.find(bin + 1); next != bins.end()) {
          all.insert(all.end(), next->second.begin(), next->second.end());
        }
        if (all.size() < 15) continue;
        int lo = 1 << 30, hi = 0;
        for (size_t k : all) {
          lo = std::min(lo, vertical ? comps[k].y0 : comps[k].x0);
          hi = std::max(hi, vertical ? comps[k].y1 : comps[k].x1);
        }
        int extent = vertical ? ink.rows : ink.cols;
        if (hi - lo > extent / 4) {
          for (size_t k : all) ornament[k] = true;
        }
      }
    };
    mark(by_x, true);
    mark(by_y, false);
    std::vector<Comp> kept;
    for (size_t k = 0; k < comps.size(); ++k) {
      if (!ornament[k]) kept.push_back(comps[k]);
    }
    comps.swap(kept);
  }

  // Frames, photos, emblems and QR codes are far larger than any character; left in, one of
  // them would swallow every line it touches.
  comps.erase(std::remove_if(comps.begin(), comps.end(),
                             [&](const Comp& c) {
                               int h = c.y1 - c.y0, w = c.x1 - c.x0;
                               return h > 5 * median_h || (w > 8 * median_h && h > 2 * median_h) ||
                                      w > 12 * median_h;
                             }),
              comps.end());

  std::sort(comps.begin(), comps.end(), [](const Comp& a, const Comp& b) { return a.x0 < b.x0; });
  std::vector<Line> lines;
  for (const Comp& c : comps) {
    int ch = c.y1 - c.y0;
    Line* best = nullptr;
    int best_gap = 1 << 30;
    for (Line& l : lines) {
      int overlap = VerticalOverlap(l.y0, l.y1, c.y0, c.y1);
      int lh = std::max(l.height(), median_h / 2);
      if (overlap < std::min(lh, ch) * 0.4) continue;
      // A component much taller than the line is another line's neighbour, not a part.
      if (ch > 2.2 * lh && l.height() > median_h / 2) continue;
      int gap = c.x0 - l.x1;
      int allowed = static_cast<int>(4.5 * std::max(lh, std::min(ch, 3 * lh)));
      if (gap > allowed || gap < -lh * 2) continue;
      if (gap < best_gap) {
        best_gap = gap;
        best = &l;
      }
    }
    if (best) {
      best->x0 = std::min(best->x0, c.x0);
      best->x1 = std::max(best->x1, c.x1);
      best->y0 = std::min(best->y0, c.y0);
      best->y1 = std::max(best->y1, c.y1);
    } else {
      lines.push_back({c.x0, c.y0, c.x1, c.y1});
    }
  }

  // Merge fragments of one line: overlapping or touching boxes in the same band.
  bool merged = true;
  while (merged) {
    merged = false;
    for (size_t i = 0; i < lines.size() && !merged; ++i) {
      for (size_t j = i + 1; j < lines.size(); ++j) {
        Line& a = lines[i];
        Line& b = lines[j];
        int vo = VerticalOverlap(a.y0, a.y1, b.y0, b.y1);
        int hgap = std::max(a.x0, b.x0) - std::min(a.x1, b.x1);
        int minh = std::min(a.height(), b.height());
        // A line of small print is no fragment of a line of glyphs over twice its height
        // (a licence's title), unless it lies within it.
        int maxh = std::max(a.height(), b.height());
        const Line& small = a.height() < b.height() ? a : b;
        const Line& large = a.height() < b.height() ? b : a;
        bool inside = small.x0 >= large.x0 && small.x1 <= large.x1;
        if (maxh > 2.2 * minh && !inside) continue;
        if (vo > 0.5 * minh && hgap < std::max(minh, median_h)) {
          a = {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1),
               std::max(a.y1, b.y1)};
          lines.erase(lines.begin() + j);
          merged = true;
          break;
        }
      }
    }
  }

  // A line of a character or two whose glyphs are made of stacked parts (号 is 口 over 丂)
  // comes out of the passes above as thin lines one above the other, each read as a
  // different character: join them where together they are no taller than a line of text.
  std::vector<int> line_heights;
  for (const Line& l : lines) {
    if (l.x1 - l.x0 >= 4 * l.height()) line_heights.push_back(l.height());
  }
  if (!line_heights.empty()) {
    std::nth_element(line_heights.begin(), line_heights.begin() + line_heights.size() / 2,
                     line_heights.end());
    const int text_h = line_heights[line_heights.size() / 2];
    bool stacked = true;
    while (stacked) {
      stacked = false;
      for (size_t i = 0; i < lines.size() && !stacked; ++i) {
        for (size_t j = 0; j < lines.size(); ++j) {
          if (i == j) continue;
          const Line& a = lines[i];  // above
          const Line& b = lines[j];  // below
          if (b.y0 < a.y0) continue;
          const int wa = a.x1 - a.x0, wb = b.x1 - b.x0;
          const int overlap = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
          const int gap = b.y0 - a.y1;
          const bool thin = a.height() < 0.8 * text_h && b.height() < 0.8 * text_h;
          const bool short_lines = wa <= 3 * text_h && wb <= 3 * text_h;
          if (!thin || !short_lines || overlap < 0.6 * std::min(wa, wb)) continue;
          if (gap > 0.4 * text_h || std::max(a.y1, b.y1) - a.y0 > 1.25 * text_h) continue;
          lines[i] = {std::min(a.x0, b.x0), a.y0, std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
          lines.erase(lines.begin() + j);
          stacked = true;
          break;
        }
      }
    }
  }

  std::vector<Box> out;
  for (const Line& l : lines) {
    int w = l.x1 - l.x0, h = l.y1 - l.y0;
    if (h < 12 || w < 12 || h > 400) continue;
    out.push_back(Box{l.x0, l.y0, w, h});
  }
  std::sort(out.begin(), out.end(),
            [](const Box& a, const Box& b) { return a.y + a.height / 2 < b.y + b.height / 2; });
  return out;
}

}  // namespace precheck::image

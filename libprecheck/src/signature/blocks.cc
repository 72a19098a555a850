// Signature blocks: the printed label (法定代表人（签字）) is found in the page's OCR lines; the
// signing area is the space right of it on its line (below it when the line ends there);
// the pen ink there is measured and judged hand or font.

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>

#include "signature/signatures.h"
#include "util/box.h"
#include "util/text.h"

namespace precheck::signature {
namespace {

// A label read this well is taken as found; the look-alike label of the other signer on the
// same page (受托人 beside 法定代表人) scores lower than the real one.
constexpr double kLabelSimilarity = 0.65;
// A label matched at least this closely is the block's own label; a looser match (through a
// seal over the label, or another line that shares its characters) may be a neighbour's.
constexpr double kCertainLabel = 0.8;

// Width of the signing area in printed glyph heights: a name of up to four characters
// written at twice the print size, with room to start late.
constexpr int kAreaWidth = 14;

// Ink is a signature only when there is at least this much of it, in squared glyph
// heights: a stray mark, a comma or the tail of a seal ring is less.
constexpr double kPresentArea = 0.35;

struct LabelHit {
  int page = -1;       // index into the material's pages
  ocr::TextLine line;  // the label's line (a copy: it may be made up from the layout)
  int x_end = 0;       // right edge of the label (and its colon) in page coordinates
  int glyph_height = 0;
  double similarity = 0;
};

std::string Folded(const std::string& s) { return text::RemoveSpaces(text::FoldWidth(s, true)); }

// The x where code point `index` of the line's folded text ends, from the word boxes (a word
// of several characters is divided evenly); a trailing colon belongs to the label.
int EndOfCodePoint(const ocr::TextLine& line, size_t index) {
  size_t start = 0;
  for (size_t k = 0; k < line.words.size(); ++k) {
    const ocr::Word& w = line.words[k];
    std::u32string chars = text::ToU32(Folded(w.text));
    if (chars.empty()) continue;
    if (index < start + chars.size()) {
      size_t in_word = index - start;
      // Take the colon right after the label with it.
      std::u32string rest = chars.substr(in_word + 1);
      if (!rest.empty() && rest[0] == U':') ++in_word;
      // Tesseract sometimes gives a word a box that runs over the words after it ((签字)
      // stretched over the colon and a printed name): it ends where the next word starts.
      int width = w.box.width;
      if (k + 1 < line.words.size() && line.words[k + 1].box.x > w.box.x) {
        width = std::min(width, line.words[k + 1].box.x - w.box.x);
      }
      return w.box.x + static_cast<int>(width * (in_word + 1.0) / chars.size());
    }
    start += chars.size();
  }
  return line.box.x + line.box.width;
}

LabelHit FindLabel(const std::string& label, const std::vector<match::MaterialPage>& pages) {
  LabelHit best;
  std::string want = Folded(label);
  size_t want_length = text::ToU32(want).size();
  for (size_t p = 0; p < pages.size(); ++p) {
    for (const ocr::TextLine& line : pages[p].text->lines) {
      std::string hay;
      for (const ocr::Word& w : line.words) hay += Folded(w.text);
      if (hay.empty()) continue;
      size_t where = 0;
      double similarity = text::BestSubstringSimilarity(hay, want, &where);
      if (similarity <= best.similarity) continue;
      best.page = static_cast<int>(p);
      best.line = line;
      best.similarity = similarity;
      best.x_end = EndOfCodePoint(line, where + want_length - 1);
    }
  }
  // A colon read as a word of its own still belongs to the label.
  if (best.page >= 0) {
    for (const ocr::Word& w : best.line.words) {
      std::string t = Folded(w.text);
      if (t == ":" && w.box.x >= best.x_end - 4 && w.box.x < best.x_end + 100) {
        best.x_end = std::max(best.x_end, w.box.x + w.box.width);
      }
    }
  }
  if (best.similarity < kLabelSimilarity) best.page = -1;
  if (best.page >= 0) best.glyph_height = PrintHeight(*pages[best.page].text);
  return best;
}

bool StartsWithDateLabel(const ocr::TextLine& line) {
  std::string t = Folded(line.text);
  return t.rfind("日期", 0) == 0 || t.rfind("签署日期", 0) == 0 || t.rfind("签字日期", 0) == 0;
}

// Rows of print in the column band [x0, x1) of the ink mask between y0 and y1, top down:
// runs of rows holding ink, of about the print's height. The band is narrow (the first
// characters of left-aligned labels) to stay clear of a seal stamped further right.
std::vector<std::pair<int, int>> PrintRows(const cv::Mat& ink, int x0, int x1, int y0, int y1,
                                           int h) {
  std::vector<std::pair<int, int>> rows;
  cv::Rect band(x0, y0, x1 - x0, y1 - y0);
  band &= cv::Rect(0, 0, ink.cols, ink.rows);
  if (band.empty()) return rows;
  int threshold = std::max(2, band.width / 100);
  int run_start = -1;
  for (int y = band.y; y <= band.y + band.height; ++y) {
    bool on = y < band.y + band.height &&
              cv::countNonZero(ink(cv::Rect(band.x, y, band.width, 1))) >= threshold;
    if (on && run_start < 0) run_start = y;
    if (!on && run_start >= 0) {
      int height = y - run_start;
      if (height >= h / 2 && height <= 2 * h) rows.emplace_back(run_start, y);
      run_start = -1;
    }
  }
  return rows;
}

bool IsSealLabel(const ocr::TextLine& line) {
  std::string t = Folded(line.text);
  return t.find("盖章") != std::string::npos && text::ToU32(t).size() <= 12;
}

// When a label is unreadable (a seal over it, a poor copy, a signature run into it), its
// line is found from the layout of the 落款: the signature lines stand in template order,
// left-aligned, below the line for the seal (单位（盖章）) and above the signing date. `index`
// and `count` place the block among the template's signatures; the rows of print are taken
// from the ink. The label's end is estimated from its length in characters.
LabelHit LabelFromLayout(const std::string& label, size_t index, size_t count,
                         const std::vector<match::MaterialPage>& pages) {
  LabelHit hit;
  for (size_t p = pages.size(); p-- > 0;) {
    const ocr::PageText& page = *pages[p].text;
    if (page.ink.empty()) continue;
    int h = PrintHeight(page);
    const ocr::TextLine* date = nullptr;
    const ocr::TextLine* seal = nullptr;
    for (const ocr::TextLine& line : page.lines) {
      if (line.box.x < page.width / 3) continue;
      if (StartsWithDateLabel(line)) date = &line;
      if (IsSealLabel(line)) seal = &line;
    }
    std::pair<int, int> row{-1, -1};
    int x = 0;
    if (date) {
      x = date->box.x;
      size_t back = count - index - 1;
      std::vector<std::pair<int, int>> rows =
          PrintRows(page.ink, x, x + 5 * h / 2, date->box.y - 4 * h * static_cast<int>(count),
                    date->box.y + h / 4, h);
      if (back < rows.size()) row = rows[rows.size() - 1 - back];
    }
    if (row.first < 0 && seal) {
      x = seal->box.x;
      int from = seal->box.y + seal->box.height - h / 4;
      std::vector<std::pair<int, int>> rows =
          PrintRows(page.ink, x, x + 5 * h / 2, from, from + 4 * h * static_cast<int>(count), h);
      if (index < rows.size()) row = rows[index];
    }
    if (row.first < 0) continue;
    int label_width = static_cast<int>(text::ToU32(Folded(label)).size()) * h;
    hit.page = static_cast<int>(p);
    hit.line.box = Box{x, row.first, label_width, row.second - row.first};
    hit.glyph_height = h;
    hit.x_end = x + label_width + h;
    return hit;
  }
  return hit;
}

// The vertical centre of the label's printed words: the line's box may have taken in a
// signature larger than the print.
int LabelCentre(const LabelHit& hit) {
  std::vector<int> centres;
  for (const ocr::Word& w : hit.line.words) {
    if (w.box.height > 3 * hit.glyph_height / 2 || w.box.x > hit.x_end) continue;
    centres.push_back(w.box.y + w.box.height / 2);
  }
  if (centres.empty()) return hit.line.box.y + hit.line.box.height / 2;
  std::nth_element(centres.begin(), centres.begin() + centres.size() / 2, centres.end());
  return centres[centres.size() / 2];
}

// Keeps the ink that belongs to the label's line: components that reach into the band of
// its print. A neighbouring line's signature, tall as signatures are, reaches into the area
// from above or below but not into that band.
void KeepLineInk(int centre, int glyph_height, PenInk* ink) {
  if (ink->mask.empty()) return;
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(ink->mask, labels, stats, centroids, 8, CV_32S);
  int band0 = centre - 9 * glyph_height / 10 - ink->area.y;
  int band1 = centre + 9 * glyph_height / 10 - ink->area.y;
  std::vector<uchar> keep(n, 0);
  for (int i = 1; i < n; ++i) {
    int top = stats.at<int>(i, cv::CC_STAT_TOP);
    int bottom = top + stats.at<int>(i, cv::CC_STAT_HEIGHT);
    keep[i] = bottom >= band0 && top <= band1;
  }
  for (int y = 0; y < ink->mask.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uchar* m = ink->mask.ptr<uchar>(y);
    for (int x = 0; x < ink->mask.cols; ++x) {
      if (!keep[l[x]]) m[x] = 0;
    }
  }
}

// Drops the ink that sits nearer another signer's row than the label's own line: in a
// block of rows (法定代表人（签字）, 受托人（签字）), one signer's tall signature reaches into
// the next row's band, and a small one written high sits above its own. Each connected
// stroke goes to the row its centre is nearest; the rows are the page's other lines that
// ask for a signature (签字, 签名), in the column of the label and its signing area, up to
// four print heights away; a stroke the area cuts off counts from where it is cut. Rows of
// print alone (a statement, 日期) are not signers: the top of a signature written high
// reaches nearer them than its own line.
void KeepOwnRowInk(const ocr::PageText& page, const LabelHit& hit, PenInk* ink) {
  if (ink->mask.empty()) return;
  int h = hit.glyph_height;
  int cy = LabelCentre(hit);
  int x0 = hit.line.box.x - 2 * h, x1 = ink->area.x + ink->area.width;
  std::vector<int> rows;
  for (const ocr::TextLine& line : page.lines) {
    int ly = line.box.y + line.box.height / 2;
    if (std::abs(ly - cy) <= h || std::abs(ly - cy) > 4 * h) continue;
    if (line.box.x + line.box.width < x0 || line.box.x > x1) continue;
    if (line.box.height > 2 * h) continue;  // a signature read as a line is no row of print
    std::string t;
    for (const ocr::Word& w : line.words) t += Folded(w.text);
    if (t.find("签字") == std::string::npos && t.find("签名") == std::string::npos) continue;
    rows.push_back(ly);
  }
  if (rows.empty()) return;
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(ink->mask, labels, stats, centroids, 8, CV_32S);
  std::vector<uchar> keep(n, 1);
  for (int i = 1; i < n; ++i) {
    int top = ink->area.y + stats.at<int>(i, cv::CC_STAT_TOP);
    int bottom = top + stats.at<int>(i, cv::CC_STAT_HEIGHT);
    int centre = (top + bottom) / 2;
    // A stroke cut by the area's edge, all on that side of the line, goes on beyond it.
    if (bottom >= ink->area.y + ink->area.height && top > cy) centre = std::max(centre, bottom);
    if (top <= ink->area.y && bottom < cy) centre = std::min(centre, top);
    int own = std::abs(centre - cy);
    for (int ly : rows) keep[i] = keep[i] && std::abs(centre - ly) >= own;
  }
  for (int y = 0; y < ink->mask.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uchar* m = ink->mask.ptr<uchar>(y);
    for (int x = 0; x < ink->mask.cols; ++x) {
      if (!keep[l[x]]) m[x] = 0;
    }
  }
}

// The signing area of a found label: right of it on its line up to the next printed label
// ("日期：") or the page margin; below it when the line leaves no room.
Box SigningArea(const LabelHit& hit, const ocr::PageText& page) {
  int h = hit.glyph_height;
  const Box& lb = hit.line.box;
  int cy = LabelCentre(hit);
  int x0 = hit.x_end + h / 4;
  int x1 = std::min(page.width - page.width / 40, x0 + kAreaWidth * h);
  for (const ocr::TextLine& line : page.lines) {
    int ly = line.box.y + line.box.height / 2;
    if (std::abs(ly - cy) > h) continue;
    for (const ocr::Word& w : line.words) {
      // A printed label (日期：) has its words before the colon; a signature read as text
      // after the label's own colon (：大从) is no label.
      std::u32string t = text::ToU32(Folded(w.text));
      size_t colon = t.find(U':');
      bool han = false;
      for (size_t k = 0; k < colon && k < t.size(); ++k) han = han || text::IsHan(t[k]);
      if (han && colon != std::u32string::npos && w.box.x > x0 + h && w.box.x < x1) {
        x1 = std::max(x0, w.box.x - h / 4);
      }
    }
  }
  if (x1 - x0 >= 3 * h) return Box{x0, cy - 17 * h / 10, x1 - x0, 34 * h / 10};
  int below = lb.y + lb.height;
  return Box{lb.x, below, std::min(kAreaWidth * h, page.width - lb.x), 3 * h};
}

// Tesseract's best reading of the ink as print: the confidence and Han count of the OCR line
// that lies mostly within the ink's box.
void OcrEvidence(const ocr::PageText& page, const Box& ink, HandFeatures* f) {
  for (const ocr::TextLine& line : page.lines) {
    for (const ocr::Word& w : line.words) {
      int ox = std::min(w.box.x + w.box.width, ink.x + ink.width) - std::max(w.box.x, ink.x);
      int oy = std::min(w.box.y + w.box.height, ink.y + ink.height) - std::max(w.box.y, ink.y);
      if (ox <= 0 || oy <= 0) continue;
      if (ox * oy * 2 < w.box.width * w.box.height) continue;
      int han = 0;
      for (char32_t c : text::ToU32(w.text)) han += text::IsHan(c) ? 1 : 0;
      if (han == 0) continue;
      f->ocr_han += han;
      f->ocr_confidence = std::max(f->ocr_confidence, w.confidence);
    }
  }
}

// Printed text of other lines (above and below the label's line) is not part of the area.
void BlankOtherLines(const ocr::PageText& page, const LabelHit& hit, PenInk* ink) {
  int h = hit.glyph_height;
  int cy = LabelCentre(hit);
  for (const ocr::TextLine& line : page.lines) {
    int ly = line.box.y + line.box.height / 2;
    if (std::abs(ly - cy) <= h) continue;
    if (line.confidence < 0.7 || line.box.height > 3 * h / 2) continue;
    cv::Rect r(line.box.x - ink->area.x, line.box.y - ink->area.y, line.box.width, line.box.height);
    r &= cv::Rect(0, 0, ink->mask.cols, ink->mask.rows);
    if (!r.empty()) ink->mask(r).setTo(0);
  }
}

// The page as the pen and seal left it around `area`: the seal ink whitened for OCR is put
// back, so that a stroke crossing the seal is seen whole and the seal is told from the pen
// by its colour. The page itself when no seal lies near.
cv::Mat Unsealed(const ocr::PageText& page, const Box& area, int glyph_height) {
  int margin = 3 * std::max(8, glyph_height);
  cv::Rect wide(area.x - margin, area.y - margin, area.width + 2 * margin,
                area.height + 2 * margin);
  bool near = false;
  for (const auto& [r, patch] : page.seal_patches) near = near || (r & wide).area() > 0;
  if (!near) return page.deskewed;
  cv::Mat out = page.deskewed.clone();
  for (const auto& [r, patch] : page.seal_patches) {
    if ((r & wide).area() > 0 && patch.size() == r.size()) patch.copyTo(out(r));
  }
  return out;
}

}  // namespace

// Only confidently read words count: a label's own words may have taken in the signature
// beside them.
int PrintHeight(const ocr::PageText& page) {
  std::vector<int> heights;
  for (const ocr::TextLine& line : page.lines) {
    if (line.confidence < 0.7) continue;
    for (const ocr::Word& w : line.words) {
      if (w.confidence >= 0.7) heights.push_back(w.box.height);
    }
  }
  if (heights.empty()) return std::max(24, page.height / 70);
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return std::max(12, heights[heights.size() / 2]);
}

std::vector<Block> ReadBlocks(const MaterialTemplate& material,
                              const std::vector<match::MaterialPage>& pages) {
  std::vector<Block> out;
  for (const SignatureSpec& spec : material.signatures) {
    Block block;
    block.reading.role = spec.role;
    LabelHit hit = FindLabel(spec.label, pages);
    block.reading.label_certain = hit.page >= 0 && hit.similarity >= kCertainLabel;
    if (hit.page < 0) {
      size_t index = &spec - material.signatures.data();
      hit = LabelFromLayout(spec.label, index, material.signatures.size(), pages);
    }
    if (hit.page < 0 || pages[hit.page].text->deskewed.empty()) {
      out.push_back(std::move(block));
      continue;
    }
    const ocr::PageText& page = *pages[hit.page].text;
    block.label_found = true;
    block.reading.located = true;
    block.reading.page = pages[hit.page].number;
    Box area = SigningArea(hit, page);
    PenInk ink = ExtractPenInk(Unsealed(page, area, hit.glyph_height), area, hit.glyph_height);
    BlankOtherLines(page, hit, &ink);
    KeepLineInk(LabelCentre(hit), hit.glyph_height, &ink);
    KeepOwnRowInk(page, hit, &ink);
    block.seal_nearby = ink.seal_colour;
    block.reading.seal_ink = ink.seal_colour;
    block.colourless = ink.colourless;

    // What is left after blanking decides presence.
    cv::Mat points;
    cv::findNonZero(ink.mask, points);
    int pixels = static_cast<int>(points.total());
    double h = hit.glyph_height;
    block.reading.bbox = area;
    if (pixels < kPresentArea * h * h) {
      block.reading.present = false;
      block.reading.confidence = pixels == 0 ? 0.95 : 0.8;
      out.push_back(std::move(block));
      continue;
    }
    cv::Rect tight = cv::boundingRect(points);
    block.reading.present = true;
    block.reading.bbox = Box{area.x + tight.x, area.y + tight.y, tight.width, tight.height};
    block.ink = ink.mask(tight).clone();
    block.features = MeasureHand(block.ink, hit.glyph_height);
    OcrEvidence(page, block.reading.bbox, &block.features);
    double score = HandwritingScore(block.features);
    block.reading.handwritten = score >= 0.5;
    block.reading.confidence = block.reading.handwritten ? score : 1.0 - score;
    out.push_back(std::move(block));
  }
  return out;
}

}  // namespace precheck::signature

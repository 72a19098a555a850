// Page reading: deskew, seal-ink suppression, table cells, then OCR cell by cell and of the
// free text around the tables.
//
// Cells are read as uniform blocks; the rest of the page, with the cells painted white, is
// read with automatic segmentation so titles, paragraphs and the signature block come out as
// lines. Lines are finally sorted into reading order.

#include "ocr/page_reader.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "image/lines.h"
#include "image/ornament.h"
#include "image/preprocess.h"
#include "image/table.h"
#include "util/box.h"
#include "util/text.h"

namespace precheck::ocr {
namespace {

bool HasInk(const cv::Mat& ink, const Box& box) {
  cv::Rect r(box.x, box.y, box.width, box.height);
  r &= cv::Rect(0, 0, ink.cols, ink.rows);
  if (r.empty()) {
    return false;
  }
  return cv::countNonZero(ink(r)) > 30;
}

Box Shrink(const Box& b, int by) {
  return Box{b.x + by, b.y + by, std::max(0, b.width - 2 * by), std::max(0, b.height - 2 * by)};
}

// Below this confidence a word read from ink the line reader found nothing in is taken for
// handwriting or a smudge, and left unread as before.
constexpr double kMinWordConfidence = 0.6;

// What Tesseract's line reader returned nothing for, read as one word when the ink in `box`
// is one short line (at most twice as high as a character is wide, at most eight characters
// long): it drops some lone short lines whole (秦国杰 alone in a wide cell) that its word
// mode reads. Nothing when the ink is no such line or the word is read unsure.
std::vector<TextLine> ReadLoneWord(OcrEngine& engine, const cv::Mat& gray, const cv::Mat& ink,
                                   const Box& box) {
  cv::Rect r(box.x, box.y, box.width, box.height);
  r &= cv::Rect(0, 0, ink.cols, ink.rows);
  if (r.empty()) return {};
  // The glyphs' extent, without the specks of a scan's grain around them.
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink(r), labels, stats, centroids, 8);
  cv::Rect tight;
  for (int i = 1; i < n; ++i) {
    if (stats.at<int>(i, cv::CC_STAT_AREA) < 30) continue;
    cv::Rect part(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                  stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    tight = tight.empty() ? part : (tight | part);
  }
  if (tight.empty()) return {};
  tight += r.tl();
  if (tight.height < 16 || tight.height > 150 || tight.width > 8 * tight.height) return {};
  const int pad = tight.height / 3;
  Box around{tight.x - pad, tight.y - pad, tight.width + 2 * pad, tight.height + 2 * pad};
  std::vector<TextLine> lines = engine.Read(gray, around, Layout::kWord);
  std::erase_if(lines, [](const TextLine& l) { return l.confidence < kMinWordConfidence; });
  return lines;
}

void SortReadingOrder(std::vector<TextLine>& lines) {
  std::sort(lines.begin(), lines.end(), [](const TextLine& a, const TextLine& b) {
    int ca = a.box.y + a.box.height / 2;
    int cb = b.box.y + b.box.height / 2;
    int tol = std::max(8, std::min(a.box.height, b.box.height) / 2);
    if (std::abs(ca - cb) > tol) {
      return ca < cb;
    }
    return a.box.x < b.box.x;
  });
}

// Drops lines that are only noise: no letter, digit or Han character, or very low confidence
// single characters (specks read as punctuation).
bool IsNoise(const TextLine& line) {
  std::u32string u = text::ToU32(line.text);
  int meaningful = 0;
  for (char32_t c : u) {
    if (text::IsHan(c) || (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') ||
        (c >= U'a' && c <= U'z')) {
      ++meaningful;
    }
  }
  if (meaningful == 0) {
    return true;
  }
  // One or two Latin letters on their own are specks and ornaments, not text.
  bool han_or_digit = false;
  for (char32_t c : u) {
    if (text::IsHan(c) || (c >= U'0' && c <= U'9')) han_or_digit = true;
  }
  if (!han_or_digit && meaningful <= 2) {
    return true;
  }
  // Tesseract's confidence this low means it read ruling edges, texture or handwriting as
  // print: nothing usable, and handwriting is judged from the ink instead.
  if (line.confidence < 0.12) {
    return true;
  }
  return meaningful <= 2 && line.confidence < 0.4;
}

// Lines in the outer band of the page are scanner edges and printed ornaments (a licence's
// border): forms keep their text well inside the margins.
bool InPageBorder(const Box& b, int width, int height) {
  int mx = width / 22, my = height / 22;
  return b.x + b.width < mx || b.x > width - mx || b.y + b.height < my || b.y > height - my ||
         (b.height < my && (b.y < my / 2 || b.y + b.height > height - my / 2)) ||
         (b.width < mx && (b.x < mx / 2 || b.x + b.width > width - mx / 2));
}

// Only the darkest ink: printed text is darker than a grey seal or a photocopy's
// background, so what a grey seal covers can still be read.
cv::Mat DarkOnly(const cv::Mat& gray, const Box& box) {
  cv::Rect r(box.x, box.y, box.width, box.height);
  r &= cv::Rect(0, 0, gray.cols, gray.rows);
  cv::Mat out(gray.size(), CV_8U, cv::Scalar(255));
  if (r.empty()) return out;
  cv::Mat crop = gray(r);
  double lo, hi;
  cv::minMaxLoc(crop, &lo, &hi);
  double cut = lo + (hi - lo) * 0.3;
  cv::Mat dst = out(r);
  for (int y = 0; y < crop.rows; ++y) {
    for (int x = 0; x < crop.cols; ++x) {
      if (crop.at<uchar>(y, x) <= cut) dst.at<uchar>(y, x) = crop.at<uchar>(y, x);
    }
  }
  return out;
}

// Splits a line where its words stand far apart: two columns read as one line (a licence's
// 经营范围 beside its 住所) become two lines again. Letter-spaced labels (名　　称) have
// smaller gaps and stay whole.
std::vector<TextLine> SplitAtGaps(std::vector<TextLine> lines) {
  std::vector<TextLine> out;
  for (TextLine& line : lines) {
    // The glyph height, from the words' median: the line box also spans quotes and brackets.
    std::vector<int> heights;
    for (const Word& w : line.words) heights.push_back(w.box.height);
    int h = line.box.height;
    if (!heights.empty()) {
      std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
      h = std::max(8, heights[heights.size() / 2]);
    }
    std::vector<Word> current;
    auto flush = [&]() {
      if (current.empty()) return;
      TextLine part;
      part.cell = line.cell;
      part.words = std::move(current);
      current.clear();
      double sum = 0;
      for (const Word& w : part.words) {
        sum += w.confidence;
        part.box = Union(part.box, w.box);
      }
      part.confidence = sum / part.words.size();
      part.text = JoinWords(part.words);
      out.push_back(std::move(part));
    };
    for (size_t i = 0; i < line.words.size(); ++i) {
      if (!current.empty()) {
        const Box& prev = current.back().box;
        int gap = line.words[i].box.x - (prev.x + prev.width);
        // A lone character before the gap is the first half of a letter-spaced label.
        size_t chars = 0;
        for (const Word& w : current) chars += text::ToU32(w.text).size();
        if (gap > 3 * h && chars > 1) flush();
      }
      current.push_back(std::move(line.words[i]));
    }
    flush();
  }
  return out;
}

double MeanConfidence(const std::vector<TextLine>& lines) {
  double sum = 0;
  size_t n = 0;
  for (const TextLine& l : lines) {
    sum += l.confidence * l.words.size();
    n += l.words.size();
  }
  return n ? sum / n : 0.0;
}

// Words Tesseract's line model prefers to the words of these materials, and the word each
// stands for. Its language model, learnt from general text, reads 罚款 (a fine) as 罚球 (a
// penalty kick): on a clean corpus (seed 20261207) every 罚款 of four of the fifteen penalty
// decisions, so their fine went unread. None of these readings belongs in a credit-repair
// material. Each replacement has the length of what it replaces, so the words' boxes hold.
const std::pair<std::u32string, std::u32string> kMisreadings[] = {{U"罚球", U"罚款"}};

// Replaces the misreadings above in `line`, in its text and in the words it is made of (a
// misreading may straddle two words).
void FixMisreadings(TextLine& line) {
  std::u32string joined;
  std::vector<std::pair<size_t, size_t>> where;  // (word, character) of each of `joined`
  std::vector<std::u32string> words;
  for (size_t w = 0; w < line.words.size(); ++w) {
    words.push_back(text::ToU32(line.words[w].text));
    for (size_t c = 0; c < words.back().size(); ++c) {
      joined += words.back()[c];
      where.emplace_back(w, c);
    }
  }
  bool changed = false;
  for (const auto& [wrong, right] : kMisreadings) {
    for (size_t at = joined.find(wrong); at != std::u32string::npos;
         at = joined.find(wrong, at + wrong.size())) {
      for (size_t i = 0; i < right.size(); ++i) {
        joined[at + i] = right[i];
        words[where[at + i].first][where[at + i].second] = right[i];
      }
      changed = true;
    }
  }
  if (!changed) return;
  for (size_t w = 0; w < line.words.size(); ++w) line.words[w].text = text::ToUtf8(words[w]);
  std::u32string t = text::ToU32(line.text);
  for (const auto& [wrong, right] : kMisreadings) {
    for (size_t at = t.find(wrong); at != std::u32string::npos; at = t.find(wrong, at + 1)) {
      t.replace(at, wrong.size(), right);
    }
  }
  line.text = text::ToUtf8(t);
}

}  // namespace

std::vector<TextLine> LinesFromTextLayer(const std::vector<load::TextSpan>& spans) {
  std::vector<TextLine> lines;
  std::vector<load::TextSpan> sorted = spans;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.box.y + a.box.height / 2 < b.box.y + b.box.height / 2;
  });
  for (const load::TextSpan& span : sorted) {
    if (text::RemoveSpaces(span.text).empty()) {
      continue;
    }
    TextLine* target = nullptr;
    for (TextLine& line : lines) {
      int overlap = std::min(line.box.y + line.box.height, span.box.y + span.box.height) -
                    std::max(line.box.y, span.box.y);
      if (overlap > std::min(line.box.height, span.box.height) / 2) {
        target = &line;
        break;
      }
    }
    Word w{span.text, span.box, 1.0};
    if (!target) {
      lines.push_back(TextLine{});
      target = &lines.back();
    }
    target->box = Union(target->box, span.box);
    target->words.push_back(w);
  }
  for (TextLine& line : lines) {
    std::sort(line.words.begin(), line.words.end(),
              [](const Word& a, const Word& b) { return a.box.x < b.box.x; });
    line.text = JoinWords(line.words);
    line.confidence = 1.0;
  }
  SortReadingOrder(lines);
  return lines;
}

PageText ReadPage(OcrEngine& engine, const load::PageImage& page, const std::vector<Box>& rings) {
  PageText out;
  out.width = page.image.cols;
  out.height = page.image.rows;
  if (page.image.empty()) {
    return out;
  }

  // A born-digital page: its own text is exact, no OCR needed.
  if (!page.text_layer.empty()) {
    out.from_text_layer = true;
    out.deskewed = page.image;
    out.lines = LinesFromTextLayer(page.text_layer);
    return out;
  }

  // Straighten the page, then whiten the seal ink and find the rulings.
  cv::Mat gray = image::GrayWithoutColorInk(page.image);
  cv::Mat ink = image::InkMask(gray);
  out.skew_degrees = image::EstimateSkew(ink);
  if (std::abs(out.skew_degrees) >= kMinDeskewDegrees) {
    out.deskewed = image::Rotate(page.image, -out.skew_degrees);
    gray = image::GrayWithoutColorInk(out.deskewed);
    ink = image::InkMask(gray);
  } else {
    out.deskewed = page.image;
  }
  image::Rulings rulings = image::FindRulings(ink);
  cv::Mat clean = image::RemoveRulings(gray, rulings.mask);
  cv::Mat clean_ink = ink.clone();
  clean_ink.setTo(0, rulings.mask);
  // A certificate's ornamental frame inside the page (a licence photocopied onto A4) would
  // be read as characters and join the lines that start beside it.
  image::RemoveOrnaments(clean_ink, clean);
  out.cells = rulings.cells;
  out.ink = clean_ink;

  // Each cell on its own.
  for (size_t i = 0; i < rulings.cells.size(); ++i) {
    // Well inside the rulings, whose anti-aliased edges survive their removal.
    Box inner = Shrink(rulings.cells[i], 7);
    if (!HasInk(clean_ink, inner)) {
      continue;
    }
    std::vector<TextLine> lines = engine.Read(clean, inner, Layout::kBlock);
    if (lines.empty()) lines = ReadLoneWord(engine, clean, clean_ink, inner);
    for (TextLine& line : lines) {
      line.cell = static_cast<int>(i);
      out.lines.push_back(std::move(line));
    }
  }

  // The free text around the tables.
  cv::Mat rest = clean.clone();
  for (const Box& cell : rulings.cells) {
    cv::Rect r(cell.x, cell.y, cell.width, cell.height);
    r &= cv::Rect(0, 0, rest.cols, rest.rows);
    rest(r).setTo(255);
  }
  cv::Mat rest_ink = clean_ink.clone();
  for (const Box& cell : rulings.cells) {
    cv::Rect r(cell.x, cell.y, cell.width, cell.height);
    r &= cv::Rect(0, 0, rest.cols, rest.rows);
    rest_ink(r).setTo(0);
  }
  // The border ring of each seal whose ink stays (`rings`, turned with the page) is taken
  // out of the ink the lines are found in, from 0.9 to 1.08 of its radius, where it is part
  // of a blob half the seal's size or more (the ring and what touches it): a line the ring
  // crossed is then found, and read from the page ring and all, while a label lying in that
  // band on its own stays.
  cv::Mat line_ink = rest_ink;
  if (!rings.empty()) {
    line_ink = rest_ink.clone();
    const cv::Point2f centre(page.image.cols / 2.0f, page.image.rows / 2.0f);
    const cv::Mat turn = cv::getRotationMatrix2D(centre, -out.skew_degrees, 1.0);
    const bool turned = std::abs(out.skew_degrees) >= kMinDeskewDegrees;
    for (const Box& b : rings) {
      cv::Point2d c(b.x + b.width / 2.0, b.y + b.height / 2.0);
      if (turned) {
        c = cv::Point2d(
            turn.at<double>(0, 0) * c.x + turn.at<double>(0, 1) * c.y + turn.at<double>(0, 2),
            turn.at<double>(1, 0) * c.x + turn.at<double>(1, 1) * c.y + turn.at<double>(1, 2));
      }
      const double r = std::min(b.width, b.height) / 2.0;
      cv::Rect around = cv::Rect(cvRound(c.x - 0.6 * b.width), cvRound(c.y - 0.6 * b.height),
                                 cvRound(1.2 * b.width), cvRound(1.2 * b.height)) &
                        cv::Rect(0, 0, line_ink.cols, line_ink.rows);
      if (around.empty()) continue;
      cv::Mat band = cv::Mat::zeros(around.size(), CV_8U);
      cv::ellipse(band, cv::Point(cvRound(c.x) - around.x, cvRound(c.y) - around.y),
                  cv::Size(cvRound(b.width / 2.0 * 0.99), cvRound(b.height / 2.0 * 0.99)), 0, 0,
                  360, cv::Scalar(255), std::max(1, cvRound(0.18 * r)));
      cv::Mat part = line_ink(around), labels, stats, centroids;
      const int n = cv::connectedComponentsWithStats(part, labels, stats, centroids, 8);
      std::vector<bool> large(n, false);
      for (int i = 1; i < n; ++i) {
        large[i] = std::max(stats.at<int>(i, cv::CC_STAT_WIDTH),
                            stats.at<int>(i, cv::CC_STAT_HEIGHT)) >= 0.5 * r;
      }
      for (int y = 0; y < part.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        const uchar* in_band = band.ptr<uchar>(y);
        uchar* ink_row = part.ptr<uchar>(y);
        for (int x = 0; x < part.cols; ++x) {
          if (in_band[x] && large[l[x]]) ink_row[x] = 0;
        }
      }
    }
  }
  // Lines found from the ink, each read as a single line: robust to ornaments, emblems
  // and letter-spaced labels that defeat whole-page layout analysis.
  for (const Box& box : image::FindTextLines(line_ink, rest)) {
    Box padded{box.x - 4, box.y - 4, box.width + 8, box.height + 8};
    if (InPageBorder(box, rest.cols, rest.rows)) continue;
    std::vector<TextLine> lines = engine.Read(rest, padded, Layout::kLine);
    // Large glyphs are read both ways; the more confident reading wins.
    if (padded.height > 72) {
      std::vector<TextLine> scaled = engine.Read(rest, padded, Layout::kLargeLine);
      if (MeanConfidence(scaled) > MeanConfidence(lines)) lines = std::move(scaled);
    }
    // A poor reading may be text under a grey seal: read the darkest ink alone.
    if (MeanConfidence(lines) < 0.6) {
      cv::Mat dark = DarkOnly(rest, padded);
      std::vector<TextLine> again = engine.Read(dark, padded, Layout::kLine);
      if (MeanConfidence(again) > MeanConfidence(lines) + 0.1) lines = std::move(again);
    }
    if (lines.empty()) lines = ReadLoneWord(engine, rest, rest_ink, box);
    for (TextLine& line : SplitAtGaps(std::move(lines))) {
      out.lines.push_back(std::move(line));
    }
  }

  out.lines.erase(std::remove_if(out.lines.begin(), out.lines.end(), IsNoise), out.lines.end());
  // What is left of a ruling on a skewed page is read as a thin line of letters with little
  // confidence (和本WOSoNa…): far thinner than the page's text and poorly read, it is none.
  std::vector<int> heights;
  for (const TextLine& l : out.lines) heights.push_back(l.box.height);
  if (heights.size() >= 5) {
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    const int typical = heights[heights.size() / 2];
    std::erase_if(out.lines, [&](const TextLine& l) {
      return l.box.height < 0.45 * typical && l.confidence < 0.5;
    });
  }
  for (TextLine& line : out.lines) FixMisreadings(line);
  SortReadingOrder(out.lines);
  return out;
}

std::string PageString(const PageText& text) {
  std::string out;
  for (const TextLine& line : text.lines) {
    out += line.text;
    out += '\n';
  }
  return out;
}

}  // namespace precheck::ocr

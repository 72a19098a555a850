// Signatures on a page that matches no template: there is no label to start from, so the pen
// ink of the whole page is taken, the print Tesseract read is set aside, the strokes left are
// grouped into regions, and each region is judged hand or font as a signature block's ink is.
// A handwritten region is reported as a signature only where its place or its form says so
// (see IsSignature): handwriting is also names, dates and captions.

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>

#include "signature/signatures.h"
#include "util/box.h"
#include "util/text.h"

namespace precheck::signature {
namespace {

// A word Tesseract read at least this well, at about the print's height, is print.
constexpr double kPrintConfidence = 0.6;

// A word taller than this many print heights is not print, however well it was read:
// Tesseract reads neat handwriting too, and handwriting is written larger than print.
constexpr double kPrintMaxHeight = 1.6;

// A component with this share of its ink inside print words is print.
constexpr double kPrintShare = 0.85;

// Strokes closer than these (in print heights) belong to one region: the letters and the
// flourish of one signature, not the next line of print.
constexpr double kJoinX = 1.2;
constexpr double kJoinY = 0.35;

// A table cell at most this many print heights wide heads a column.
constexpr int kColumnWidth = 20;

// Handwritten regions this close side by side (in print heights) are one writing: the
// first name and the surname of a signature.
constexpr double kMergeGap = 3.0;

// Ink is a region only when there is at least this much of it, in squared print heights (as
// for a signature block: a tick or a stray mark is less).
constexpr double kMinArea = 0.35;

// A region with more of its bounding box inked than this is a picture or a filled shape.
constexpr double kMaxFill = 0.3;

// Stroke width, in print heights, above which ink is a picture's blob, not a pen's line.
constexpr double kMaxStroke = 0.35;

// Without a cue, a signature holds a connected stroke this many print heights tall at least:
// written larger than the print it signs, as a name written in a form's field or a date is
// not, and in strokes longer than a printed character's.
constexpr double kCuelessHeight = 2.0;

// The share of the page's height above which the centre of a cue-less signature may not
// lie: a document is signed after what it says.
constexpr double kLowerPart = 0.5;

// Printed cues that a signature stands beside, under or over, folded to lower case:
// English, Turkish, Vietnamese, German, French and Chinese forms.
const char* const kCues[] = {
    "signature", "signed", "sign here", "imza", "chữ ký",     "ký tên", "(ký",    "unterschrift",
    "签字",      "签名",   "签章",      "签署", "法定代表人", "负责人", "经办人", "授权代表"};

struct Cue {
  Box box;
  int column_x0 = 0, column_x1 = 0;  // the x-extent of the table cell it heads, if any
  bool in_cell = false;              // printed in a table cell (a column header)
};

std::string Lower(const std::string& s) {
  std::string out = text::FoldWidth(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  // Turkish and Vietnamese capitals the cues use.
  for (auto [from, to] : {std::pair<std::string, std::string>{"İ", "i"},
                          {"Ý", "ý"},
                          {"Ữ", "ữ"},
                          {"Ký", "ký"},
                          {"KÝ", "ký"}}) {
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
      out.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return out;
}

bool HasCue(const std::string& lower) {
  for (const char* cue : kCues) {
    if (lower.find(cue) != std::string::npos) return true;
  }
  return false;
}

// Whether words joined (lower case) hold a cue, with or without the spaces between them.
bool Holds(const std::string& joined) {
  return HasCue(joined) || HasCue(text::RemoveSpaces(joined));
}

// The cues printed on the page: the smallest run of a line's words whose text holds a cue
// (Tesseract splits 法定代表人 into several words, and keeps "Signature:" as one).
std::vector<Cue> FindCues(const ocr::PageText& page, int h) {
  std::vector<Cue> cues;
  for (const ocr::TextLine& line : page.lines) {
    for (size_t i = 0; i < line.words.size(); ++i) {
      std::string joined;
      Box box;
      for (size_t j = i; j < line.words.size() && j < i + 6; ++j) {
        joined += (j > i ? " " : "") + Lower(line.words[j].text);
        const Box& b = line.words[j].box;
        box = Union(box, b);
        if (Holds(joined)) {
          // Only the shortest run holding the cue: "Provider Signature:" is the cue
          // "Signature:" and no more.
          std::string rest;
          for (size_t k = i + 1; k <= j; ++k)
            rest += (k > i + 1 ? " " : "") + Lower(line.words[k].text);
          if (j > i && Holds(rest)) break;
          Cue cue{box, box.x, box.x + box.width, line.cell >= 0};
          // A cue heading a table column (not a whole-width row) has the column below.
          if (line.cell >= 0 && line.cell < static_cast<int>(page.cells.size()) &&
              page.cells[line.cell].width <= kColumnWidth * h) {
            const Box& cell = page.cells[line.cell];
            cue.column_x0 = cell.x;
            cue.column_x1 = cell.x + cell.width;
          }
          cues.push_back(cue);
          break;
        }
      }
    }
  }
  return cues;
}

bool IsPrintWord(const ocr::Word& w, int h) {
  return w.confidence >= kPrintConfidence && w.box.height <= kPrintMaxHeight * h;
}

// Removes from `pen` the components that lie within print words.
void DropPrint(const ocr::PageText& page, int h, cv::Mat& pen) {
  cv::Mat print = cv::Mat::zeros(pen.size(), CV_8U);
  int margin = std::max(2, h / 8);
  cv::Rect all(0, 0, pen.cols, pen.rows);
  for (const ocr::TextLine& line : page.lines) {
    for (const ocr::Word& w : line.words) {
      if (!IsPrintWord(w, h)) continue;
      cv::Rect r(w.box.x - margin, w.box.y - margin, w.box.width + 2 * margin,
                 w.box.height + 2 * margin);
      r &= all;
      if (!r.empty()) print(r).setTo(255);
    }
  }
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(pen, labels, stats, centroids, 8, CV_32S);
  std::vector<int> inside(n, 0);
  for (int y = 0; y < pen.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    const uchar* p = print.ptr<uchar>(y);
    for (int x = 0; x < pen.cols; ++x) {
      if (l[x] && p[x]) ++inside[l[x]];
    }
  }
  std::vector<uchar> drop(n, 0);
  for (int i = 1; i < n; ++i) {
    drop[i] = inside[i] >= kPrintShare * stats.at<int>(i, cv::CC_STAT_AREA);
  }
  for (int y = 0; y < pen.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uchar* p = pen.ptr<uchar>(y);
    for (int x = 0; x < pen.cols; ++x) {
      if (drop[l[x]]) p[x] = 0;
    }
  }
}

// The mean width of the strokes of `ink`: twice its area over its outline's length.
double StrokeWidth(const cv::Mat& ink) {
  cv::Mat eroded;
  cv::erode(ink, eroded, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  int edge = cv::countNonZero(ink) - cv::countNonZero(eroded);
  return edge > 0 ? 2.0 * cv::countNonZero(ink) / edge : 0;
}

// Share of the ink in `box` (crop `ink`) lying in words Tesseract read well, and the Han
// characters it read there well.
void TextEvidence(const ocr::PageText& page, const Box& box, const cv::Mat& ink,
                  FreeRegion* region) {
  cv::Mat read = cv::Mat::zeros(ink.size(), CV_8U);
  cv::Rect all(0, 0, ink.cols, ink.rows);
  for (const ocr::TextLine& line : page.lines) {
    for (const ocr::Word& w : line.words) {
      cv::Rect r(w.box.x - box.x, w.box.y - box.y, w.box.width, w.box.height);
      cv::Rect in = r & all;
      if (in.empty() || in.area() * 2 < r.area()) continue;
      if (w.confidence >= 0.7) read(in).setTo(255);
      if (w.confidence < kPrintConfidence) continue;
      for (char32_t c : text::ToU32(w.text)) region->read_han += text::IsHan(c) ? 1 : 0;
    }
  }
  int pixels = cv::countNonZero(ink);
  region->read_share = pixels > 0 ? cv::countNonZero(ink & read) / static_cast<double>(pixels) : 0;
}

// Whether some line of print, read well, ends above `box`: the text a signature signs.
bool PrintAbove(const ocr::PageText& page, const Box& box, int h) {
  for (const ocr::TextLine& line : page.lines) {
    if (line.confidence < 0.7 || line.box.height > kPrintMaxHeight * h) continue;
    if (text::ToU32(text::RemoveSpaces(line.text)).size() < 4) continue;
    if (line.box.y + line.box.height <= box.y) return true;
  }
  return false;
}

// Marks the regions a signature to `cue` would be: the first handwriting right of it on its
// line (not the date's field further on), handwriting in the space below it (a table
// column headed "Signature") and on the line just above it (a signature line captioned
// "Signature" underneath).
void MarkByCue(const Cue& cue, int h, std::vector<FreeRegion>& regions) {
  const Box& c = cue.box;
  int cy = c.y + c.height / 2;
  FreeRegion* beside = nullptr;
  for (FreeRegion& r : regions) {
    if (r.score < 0.5) continue;
    const Box& b = r.box;
    bool on_line = b.y <= cy + h && b.y + b.height >= cy - h;
    bool right = b.x >= c.x + c.width - h && b.x <= c.x + c.width + 16 * h;
    if (on_line && right && (!beside || b.x < beside->box.x)) beside = &r;
    int bx = b.x + b.width / 2;
    bool column = bx >= std::min(c.x - 2 * h, cue.column_x0) &&
                  bx <= std::max(c.x + c.width + 2 * h, cue.column_x1);
    bool under = column && b.y >= c.y + c.height / 2 && b.y <= c.y + c.height + 4 * h;
    bool above_cue = bx >= c.x - h && bx <= c.x + c.width + h;
    // A caption under a signature line, not a table's column header: what stands above a
    // header is outside the table (a date written on the line before it).
    bool over =
        !cue.in_cell && above_cue && b.y + b.height <= c.y + h / 2 && b.y + b.height >= c.y - 3 * h;
    if (under || over) r.cue = true;
  }
  if (beside) beside->cue = true;
}

// The rule that tells a signature from other handwriting on a page without a template:
//  - the handwriting a printed cue (Signature, İmza, Ký tên, 签字, 法定代表人...) points at
//    (MarkByCue) is a signature;
//  - without a cue, handwriting is a signature when it stands in the lower half of the page
//    below well-read print (a document is signed after its text), holds a connected stroke
//    at least kCuelessHeight print heights tall (a name or a date written in a field is
//    smaller, and lines of print have none), and Tesseract read neither most of its ink as
//    text nor Han characters in it (a caption of Han characters, 公司公章 under a seal).
// Limitation: a signature in Han characters with no printed cue by it is taken for a
// caption, and a large handwritten note in the lower half of a letter for a signature.
bool IsSignature(const FreeRegion& r) {
  if (r.score < 0.5) return false;
  if (r.cue) return true;
  return r.lower && r.below_print && r.stroke_height >= kCuelessHeight && r.read_share < 0.5 &&
         r.read_han < 2;
}

// One region of ink: the components `ids` of `labels` within `box` of the pen mask.
struct Piece {
  cv::Rect box;
  std::vector<int> ids;
};

// Measures the region of `pen` made of `piece`; empty box when too little ink.
FreeRegion Measure(const ocr::PageText& page, int h, const cv::Mat& pen, const cv::Mat& labels,
                   const Piece& piece) {
  FreeRegion region;
  cv::Rect r = piece.box;
  cv::Mat mine = cv::Mat::zeros(r.size(), CV_8U);
  for (int id : piece.ids) mine |= labels(r) == id;
  cv::Mat crop = pen(r) & mine;
  int pixels = cv::countNonZero(crop);
  if (pixels < kMinArea * h * h) return region;
  cv::Mat points;
  cv::findNonZero(crop, points);
  cv::Rect tight = cv::boundingRect(points);
  crop = crop(tight).clone();
  r = cv::Rect(r.x + tight.x, r.y + tight.y, tight.width, tight.height);

  region.box = Box{r.x, r.y, r.width, r.height};
  region.fill = pixels / static_cast<double>(r.area());
  region.stroke = StrokeWidth(crop) / h;
  cv::Mat strokes, stats, centroids;
  int n = cv::connectedComponentsWithStats(crop, strokes, stats, centroids, 8, CV_32S);
  for (int i = 1; i < n; ++i) {
    double height = stats.at<int>(i, cv::CC_STAT_HEIGHT) / static_cast<double>(h);
    region.stroke_height = std::max(region.stroke_height, height);
  }
  region.features = MeasureHand(crop, h);
  TextEvidence(page, region.box, crop, &region);
  region.features.ocr_han = region.read_han;
  region.score = HandwritingScore(region.features);
  // A picture or a filled shape is no pen's line, whatever its size.
  if (region.fill > kMaxFill || region.stroke > kMaxStroke) region.score = 0;
  return region;
}

// Whether two handwritten regions are parts of one writing: side by side on one line, as a
// first name and a surname are.
bool SameWriting(const FreeRegion& a, const FreeRegion& b, int h) {
  if (a.score < 0.5 || b.score < 0.5) return false;
  int gap = std::max(a.box.x, b.box.x) - std::min(a.box.x + a.box.width, b.box.x + b.box.width);
  int overlap =
      std::min(a.box.y + a.box.height, b.box.y + b.box.height) - std::max(a.box.y, b.box.y);
  return gap <= kMergeGap * h && overlap * 2 >= std::max(a.box.height, b.box.height);
}

}  // namespace

std::vector<FreeRegion> FindHandwriting(const ocr::PageText& page) {
  std::vector<FreeRegion> out;
  if (page.deskewed.empty() || page.deskewed.type() != CV_8UC3) return out;
  int h = PrintHeight(page);

  // Pen ink of the whole page without rulings, seal ink and specks; then without print.
  PenInk ink = ExtractPenInk(page.deskewed, Box{0, 0, page.deskewed.cols, page.deskewed.rows}, h);
  cv::Mat pen = ink.mask;
  DropPrint(page, h, pen);

  // Strokes near each other form one region.
  cv::Mat joined;
  cv::dilate(pen, joined,
             cv::getStructuringElement(cv::MORPH_RECT,
                                       cv::Size(std::max(3, static_cast<int>(kJoinX * h)),
                                                std::max(3, static_cast<int>(kJoinY * h)))));
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);
  std::vector<Piece> pieces;
  for (int i = 1; i < n; ++i) {
    cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
               stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (r.width >= h && r.height >= h) pieces.push_back({r, {i}});
  }
  std::vector<FreeRegion> regions;
  for (const Piece& p : pieces) regions.push_back(Measure(page, h, pen, labels, p));

  // Handwriting side by side is one writing, measured again as a whole.
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t a = 0; a < regions.size() && !merged; ++a) {
      for (size_t b = a + 1; b < regions.size() && !merged; ++b) {
        if (regions[a].box.empty() || regions[b].box.empty()) continue;
        if (!SameWriting(regions[a], regions[b], h)) continue;
        Piece both{pieces[a].box | pieces[b].box, pieces[a].ids};
        both.ids.insert(both.ids.end(), pieces[b].ids.begin(), pieces[b].ids.end());
        pieces[a] = both;
        regions[a] = Measure(page, h, pen, labels, both);
        pieces.erase(pieces.begin() + b);
        regions.erase(regions.begin() + b);
        merged = true;
      }
    }
  }

  for (const FreeRegion& r : regions) {
    if (!r.box.empty()) out.push_back(r);
  }
  for (const Cue& cue : FindCues(page, h)) MarkByCue(cue, h, out);
  for (FreeRegion& region : out) {
    const Box& b = region.box;
    region.lower = b.y + b.height / 2 >= kLowerPart * page.deskewed.rows;
    region.below_print = PrintAbove(page, b, h);
    region.signature = IsSignature(region);
  }
  return out;
}

std::vector<SignatureReading> FreeSignatures(const ocr::PageText& page, int page_number) {
  std::vector<SignatureReading> out;
  for (const FreeRegion& region : FindHandwriting(page)) {
    if (!region.signature) continue;
    SignatureReading s;
    s.page = page_number;
    s.bbox = region.box;
    s.role = kUnknownSigner;
    s.present = true;
    s.handwritten = true;
    s.located = true;
    s.confidence = region.score;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace precheck::signature

// The characters of a Chinese amount (大写: 壹贰叁…佰仟万元整) told apart by their shapes.
//
// Tesseract's Chinese models read these rare formal numerals poorly even in clean print
// (叁 as 会 or 僚, 贰 as 融, 仟 as 什 or 任), which leaves a licence's 注册资本 or a receipt's
// 大写 amount unreadable. The alphabet is small and its shapes differ widely, so a glyph cut
// from the line is compared with the same character drawn in the printing styles of official
// documents (Song, Hei, Kai; scripts/render-amount-glyphs): the nearest shape wins when it
// is clearly nearer than any other character's.

#ifndef PRECHECK_OCR_GLYPHS_H_
#define PRECHECK_OCR_GLYPHS_H_

#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace precheck::ocr {

// Cuts a single line of printed Chinese in `ink` (CV_8U, 255 = ink) into character cells,
// left to right: runs of inked columns are joined while they fit in one square character
// (a left radical such as 亻 beside its right part); a run much wider than the line is high
// is split evenly. Empty when `ink` holds no line.
std::vector<cv::Rect> CutLine(const cv::Mat& ink);

// How one cell compares with the amount alphabet.
struct GlyphChoice {
  char32_t best = 0;  // the nearest character
  double score = 0;   // its similarity, 0..1
  double margin = 0;  // score minus the nearest other character's
};

// A cell is taken for the nearest character only when it is this similar to it and this
// much nearer to it than to any other character. On generated licences the misread
// numerals of clean print scored 0.85 to 0.96, 0.08 or more ahead; the characters of a label
// (注册资本) at most 0.85 and at most 0.06 ahead; a 150 dpi copy whose strokes ran together
// 0.76, 0.03 ahead (left unread).
constexpr double kAmountGlyphMinScore = 0.85;
constexpr double kAmountGlyphMinMargin = 0.06;

// The nearest character of the amount alphabet to the ink of `cell` (CV_8U, 255 = ink, cut
// to one character). Pure and thread-safe.
GlyphChoice ClassifyAmountGlyph(const cv::Mat& cell);

// Whether `c` is one of the characters ClassifyAmountGlyph knows.
bool IsAmountGlyph(char32_t c);

// Reads the amount line in `gray` (CV_8U, dark print on light; a table cell's rulings at its
// edges are removed) with the glyph shapes,
// guided by `first` (the line as Tesseract read it): where `first` has as many characters
// as the line has cells, its characters of the amount alphabet stay and every other one is
// replaced by the nearest shape. Empty when the cells and the reading disagree in number or
// a replaced glyph is not clearly one character.
std::string ReadAmountGlyphs(const cv::Mat& gray, const std::string& first);

// Characters of names that Tesseract's Chinese models misread even in clean print (鑫 as
// 奢 or 锡, 磊 as 舌, 盈 as 僵, 荣 as 采: scripts/render-name-glyphs has how they were
// measured) are decided again by shape, against every character of GB 2312 drawn in the
// printing styles of official documents. A cell is taken for such a hard character only
// when that is its nearest shape, this similar, and this much more similar than the
// character Tesseract read: a character read right is about as near its own shape as any
// other (on a clean licence line, 0.72 to 0.96, the nearest other within 0.04), while 鑫
// read as 奢 was 0.71 to 鑫 and 0.54 to 奢.
constexpr double kNameGlyphMinScore = 0.68;
constexpr double kNameGlyphMinMargin = 0.10;

// Whether `c` is a character of names Tesseract misreads in clean print.
bool IsHardNameGlyph(char32_t c);

// Reads the name in `gray` (CV_8U, dark print on light) again where Tesseract may have
// misread it, guided by `first` (the name as Tesseract read it): where `first` has as many
// characters as the line has cells, a cell whose shape is clearly nearer a hard character
// than the character read (kNameGlyphMinScore, kNameGlyphMinMargin; every character of
// GB 2312 level 1 has its shapes) is taken for the hard character; the others stay. Empty
// when nothing is replaced, or the cells and the reading disagree in number.
std::string ReadNameGlyphs(const cv::Mat& gray, const std::string& first);

// Another material may print the same name where OCR read this one differently. Whether
// the difference is a misreading is for the shapes to say: a character read right is
// usually nearer its own shape than any other, while a misread one is often nearer the
// character meant. On the test lines (tests/data/glyphs), 金 printed where 鑫 belongs
// looked like 金 alone; 鑫 read as 奢 looked like 鑫 first and 奢 not at all. The
// characters a cell is at least as near as to the character read, and near enough to be
// a character at all, are kept.
constexpr double kNameAlikeMinScore = 0.6;
constexpr size_t kMaxAlike = 12;

// ReadNameGlyphs with what its cells look like.
struct NameShapes {
  std::string text;  // what ReadNameGlyphs returns
  // For each character of `first` (spaces removed): the characters, nearest first, whose
  // shapes its cell is at least as near as to the character read (that one included), or
  // to the hard character that replaced it; at most kMaxAlike of them; empty where its
  // cell was not compared.
  std::vector<std::u32string> alike;
};
NameShapes ReadNameShapes(const cv::Mat& gray, const std::string& first);

}  // namespace precheck::ocr

#endif  // PRECHECK_OCR_GLYPHS_H_

// The signature stage: finds each signature block of a material from its printed label,
// measures the pen ink in its signing area, tells handwriting from a printed name, and
// compares the signatures one signer left on several materials.
//
// The stage works on the deskewed colour page, not on the OCR ink mask: that mask has blue
// ink whitened with the seals, and a signature is often written in blue.

#ifndef PRECHECK_SIGNATURE_SIGNATURES_H_
#define PRECHECK_SIGNATURE_SIGNATURES_H_

#include <opencv2/core.hpp>
#include <vector>

#include "match/fields.h"
#include "ocr/page_reader.h"
#include "precheck/report.h"
#include "precheck/template.h"

namespace precheck::signature {

// Pen ink of a signing area, separated from print, rulings, seal ink and specks.
struct PenInk {
  cv::Mat mask;              // 255 = pen ink, the size of `area`
  Box area;                  // the signing area searched, in page coordinates
  Box box;                   // the ink's bounding box in page coordinates; empty when none
  int pixels = 0;            // ink pixels kept
  bool seal_colour = false;  // red, purple or a seal-sized blue blob lies in the area
  bool colourless = false;   // the area holds no colour at all (a grey copy)
};

// Measures of the ink that tell a hand from a font. All are scale-free.
struct HandFeatures {
  double height_ratio = 0;    // ink height / height of the label's printed glyphs
  double axis_edges = 0;      // share of edge energy within a few degrees of the page axes
  double height_spread = 0;   // spread of the character heights (0 for a font's row)
  double top_spread = 0;      // spread of the character tops / ink height
  double ocr_confidence = 0;  // Tesseract's confidence in reading the ink as print, 0 if unread
  int ocr_han = 0;            // Han characters Tesseract read there
};

// One signature block as found, with its ink kept for comparing hands.
struct Block {
  SignatureReading reading;
  HandFeatures features;
  bool label_found = false;
  bool seal_nearby = false;  // seal-coloured ink in or beside the signing area
  bool colourless = false;
  cv::Mat ink;  // tight crop of the pen ink (255 = ink); empty when absent
};

// Reads the signature blocks of `material` from its pages, in template order. A block whose
// label is not found comes back with label_found false and page 0. Never fails.
std::vector<Block> ReadBlocks(const MaterialTemplate& material,
                              const std::vector<match::MaterialPage>& pages);

// The height of the page's printed glyphs in pixels: the median height of the words
// Tesseract read confidently; a fallback from the page's size when it read none.
int PrintHeight(const ocr::PageText& page);

// The pen ink in `area` of the BGR page `bgr`; `text_height` is the printed glyph height
// in pixels, which sets the size of specks and rulings.
PenInk ExtractPenInk(const cv::Mat& bgr, const Box& area, int text_height);

// The hand-versus-font measures of `ink` (255 = ink); `text_height` as above.
HandFeatures MeasureHand(const cv::Mat& ink, int text_height);

// The probability-like belief (0..1) that ink with these measures was written by hand.
double HandwritingScore(const HandFeatures& features);

// The role given to a signature found on a page that matches no template: whose it is
// cannot be told without the template's label.
inline constexpr const char* kUnknownSigner = "unknown";

// A region of handwriting on a page that matches no template, with what decides whether it
// is taken for a signature (free.cc states the rule).
struct FreeRegion {
  Box box;                   // the ink's bounding box in page coordinates
  HandFeatures features;     // as for a signature block's ink
  double score = 0;          // HandwritingScore, 0 for a picture or a filled shape
  double fill = 0;           // inked share of the box
  double stroke = 0;         // mean stroke width / print height
  double stroke_height = 0;  // height of its tallest connected stroke / print height
  double read_share = 0;     // share of the ink in words Tesseract read well
  int read_han = 0;          // Han characters Tesseract read there well
  bool cue = false;          // beside, under or over a printed cue (Signature, 签字...)
  bool lower = false;        // its centre lies in the lower half of the page
  bool below_print = false;  // well-read print stands above it
  bool signature = false;    // the rule's verdict
};

// Every region of pen ink on `page` that is not print Tesseract read, measured and judged;
// empty when the page has no image. Never fails.
std::vector<FreeRegion> FindHandwriting(const ocr::PageText& page);

// The handwritten signatures of a page that matches no template, numbered `page_number`:
// the FindHandwriting regions judged signatures, role kUnknownSigner, present and
// handwritten, confidence the handwriting score. Never fails.
std::vector<SignatureReading> FreeSignatures(const ocr::PageText& page, int page_number);

// A similarity of two signatures' ink (tight crops, 255 = ink) in 0..1, robust to scale,
// slant and pen width: 1 for the same drawing, lower for another hand. Symmetric.
double CompareHands(const cv::Mat& a, const cv::Mat& b);

// The score below which two signatures of one signer are called inconsistent. The score does
// not yet separate hands (on generated corpora one signer's pairs scored 0.29-0.89, two
// signers' about 0.60: the best-F1 cut-off, 0.61, gave a precision of 0.06), so the cut-off
// sits under every same-signer score seen: the warning is raised only for ink that is
// nothing alike, and rarely, until a better descriptor lands.
inline constexpr double kConsistentScore = 0.25;

// True when signature `index` of `doc` lies over another signature found on the same page
// (a power of attorney's 法定代表人 and 受托人 rows run together): some of its ink may be the
// other signer's, so it is not compared with anyone's.
bool SharesInk(const DocumentReport& doc, size_t index);

// Compares every pair of handwritten signatures of the same role across `documents`
// (`inks` is parallel to documents and to each one's signatures, empty mats where none)
// and records each comparison on both signatures. Signatures that share ink (SharesInk)
// are left out.
void CompareAcrossDocuments(std::vector<DocumentReport>& documents,
                            const std::vector<std::vector<cv::Mat>>& inks);

}  // namespace precheck::signature

#endif  // PRECHECK_SIGNATURE_SIGNATURES_H_

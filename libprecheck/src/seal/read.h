// Reading a seal found by seal/detect.h: the ring text of round and oval seals, the
// horizontal lower text, the four characters of a square personal seal.

#ifndef PRECHECK_SEAL_READ_H_
#define PRECHECK_SEAL_READ_H_

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "ocr/ocr_engine.h"
#include "seal/detect.h"

namespace precheck::seal {

struct SealText {
  std::string text;         // ring text (or a square seal's characters), normalised
  std::string lower_text;   // horizontal text below the star, "" when none
  double confidence = 0.0;  // 0..1, of the ring text
  // Every usable reading of the ring text (strip and upright characters, two scales),
  // most confident first, then those of the strip smoothed, thickened and scaled, which
  // only confirm characters: OCR errors differ between them, a different name does not.
  std::vector<std::string> readings;
  // The ring text unwarped into a straight strip, black on white, as read first (empty for
  // square seals): kept for ConfirmName once the expected name is known.
  cv::Mat strip;
};

// Reads `seal` from its ink mask with `engine` (chi_sim). The ring is unwarped into a
// straight strip that starts in the gap of the ring text, wherever the text begins. Never
// fails: an unreadable seal gives empty texts and confidence 0.
SealText ReadSeal(ocr::OcrEngine& engine, const SealRegion& seal);

// Keeps the characters a seal carries (Han characters, digits, Latin capitals, （）),
// dropping OCR's punctuation and spaces.
std::string NormalizeSealText(const std::string& text);

// The fewest characters changed, dropped or added to make `read` into `name`, at the turn
// of `read` that needs fewest (a ring read from another place starts inside the name).
// SIZE_MAX when `read` is empty.
size_t TurnDistance(const std::u32string& read, const std::u32string& name);

// The one of `names` that the readings of a ring are clearly nearest to, "" when none is.
// A reading's distance to a name is the fewest characters changed, dropped or added to
// make one the other, at the reading's best turn (a ring read from the wrong place starts
// inside the name); a name's distance is its least over the readings. The nearest name is
// taken when it is at most two fifths of its length away and nearer than any other: a
// ring whose two district characters are both misread, or whose one readable character is
// shared by two districts (河东, 河西), names none.
std::string NearestName(const std::vector<std::string>& readings,
                        const std::vector<std::string>& names);

// Reads the ring `strip` again with the recogniser limited to the characters of `name`
// and of the seal's own `readings` (the Han characters OCR read there that the name lacks)
// and returns the reading's confidence (0..1) when it is exactly `name`, at any turn; -1
// otherwise. Misreadings of a ring are mostly a character taken for one outside the name;
// limited to the name's characters Tesseract reads more names exactly. The characters it
// read freely stay allowed, so the name is confirmed only where it wins over them: limited
// to the name alone, a ring of 嘉禾超市 read freely as 嘉禾起市 was confirmed as a 嘉禾起市
// expected, since Tesseract does not tell 超 from 起 (docs/accuracy.md).
double ConfirmName(ocr::OcrEngine& engine, const cv::Mat& strip, const std::string& name,
                   const std::vector<std::string>& readings);

// The polar unwarp of an ink mask: columns run clockwise from `start_degrees` (0 = the
// right, 90 = the bottom, in image coordinates) over `span_degrees`; rows run from the
// outer radius fraction `outer` in to `inner`. Black ink on white. `ellipse` is in the
// mask's coordinates.
cv::Mat UnwarpRing(const cv::Mat& mask, const cv::RotatedRect& ellipse, double start_degrees,
                   double span_degrees, double outer, double inner);

}  // namespace precheck::seal

#endif  // PRECHECK_SEAL_READ_H_

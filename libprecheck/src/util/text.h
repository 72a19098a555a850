// Text utilities over UTF-8: code-point conversion, width folding, fuzzy comparison.
//
// OCR output is noisy and mixes full-width and half-width forms; every comparison in
// precheck goes through these functions so that the tolerance is the same everywhere.

#ifndef PRECHECK_UTIL_TEXT_H_
#define PRECHECK_UTIL_TEXT_H_

#include <string>
#include <string_view>

namespace precheck::text {

// UTF-8 to code points; invalid bytes become U+FFFD.
std::u32string ToU32(std::string_view utf8);
std::string ToUtf8(std::u32string_view text);

// A file name as a person reads it: valid UTF-8 is kept; other bytes are decoded as
// GB18030 (names from a Chinese Windows archive); bytes neither accepts become \xNN. A
// control character becomes \n, \t or \xNN, so a name never breaks a line of a report.
std::string DisplayName(std::string_view raw);

// True for CJK unified ideographs (and extension A, compatibility ideographs) and 〇.
bool IsHan(char32_t c);

// Folds full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space to ASCII; leaves
// （） and other CJK punctuation alone unless `fold_brackets` is set, in which case （）［］
// become ()[].
std::string FoldWidth(std::string_view utf8, bool fold_brackets = false);

// Removes every white-space character (ASCII, ideographic space, NBSP).
std::string RemoveSpaces(std::string_view utf8);

// Levenshtein distance counted in code points.
int EditDistance(std::u32string_view a, std::u32string_view b);

// 1 - distance / max(length); 1.0 for two empty strings.
double Similarity(std::string_view a, std::string_view b);

// The best similarity of `needle` against any substring of `haystack` of about its length
// (approximate substring match); `where`, if given, receives the code-point offset of the
// best match start.
double BestSubstringSimilarity(std::string_view haystack, std::string_view needle,
                               size_t* where = nullptr);

}  // namespace precheck::text

#endif  // PRECHECK_UTIL_TEXT_H_

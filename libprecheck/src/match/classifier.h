// Page classification: which material a page is, from its title and printed labels.
//
// A title counts only on a title-like line (not much longer than the title itself), so a
// label such as 行政处罚决定书文号 on an application form does not make the page a decision.
// Printed labels and keywords add evidence and identify pages without a title (an ID card's
// front side).

#ifndef PRECHECK_MATCH_CLASSIFIER_H_
#define PRECHECK_MATCH_CLASSIFIER_H_

#include <string>
#include <vector>

#include "ocr/page_reader.h"
#include "precheck/catalog.h"

namespace precheck::match {

struct PageClass {
  const MaterialTemplate* material = nullptr;  // nullptr: unrecognised
  double confidence = 0.0;                     // 0..1
  double title_score = 0.0;                    // best title similarity
  double label_score = 0.0;                    // share of labels and keywords found
  bool outdated = false;                       // matched an outdated title
  std::string title;                           // the title text matched
  int title_line = -1;                         // index into PageText::lines
};

// The best material for the page, or an unrecognised result.
PageClass ClassifyPage(const Catalog& catalog, const ocr::PageText& page);

// Normalised line text for matching: no spaces, ASCII width, ASCII brackets.
std::string MatchText(const std::string& text);

// MatchText of `text`, and for each of its code points the code point of `punctuated`
// (the same text with spaces removed and width folded, punctuation kept) it comes from.
std::u32string MatchTextKeeping(const std::string& text, std::u32string* punctuated,
                                std::vector<size_t>* from);

// Where `label` occurs in the normalised `line` (code-point offsets [begin, end)), with
// a similarity tolerant of one OCR error per four characters; short labels must match
// exactly. Returns the similarity, 0 when absent.
double FindLabel(const std::string& line, const std::string& label, size_t* begin, size_t* end);

}  // namespace precheck::match

#endif  // PRECHECK_MATCH_CLASSIFIER_H_

// Field extraction: the value of each template field, found from its label or locator.
//
// A value sits after its label on the same line ("委托期限：2025年…"), in the table cell to
// the right of the label's cell, or on the line below. Fields without a printed label are
// found by locators (the decision number under the title, the last date on the material,
// the issuing body above that date).

#ifndef PRECHECK_MATCH_FIELDS_H_
#define PRECHECK_MATCH_FIELDS_H_

#include <vector>

#include "ocr/glyphs.h"
#include "ocr/page_reader.h"
#include "precheck/report.h"
#include "precheck/template.h"
#include "rules/values.h"

namespace precheck::match {

// One page of a material: its reading and its 1-based page number within the file.
struct MaterialPage {
  const ocr::PageText* text = nullptr;
  int number = 0;
  int title_line = -1;  // on the first page, the line holding the title
};

// Re-reads a value box with an engine limited to the characters a value of its type is
// written with (a credit code's letters and digits; a date's digits, numerals and 年月日).
// A value that failed to parse is often one glyph read as a look-alike outside that set.
class ValueReader {
 public:
  virtual ~ValueReader() = default;
  // Whether values of `type` can be read again.
  virtual bool Rereads(values::ValueType type) const = 0;
  // The text in `box` of the deskewed page, or "" when it cannot read it; `first` is the
  // value as first read.
  virtual std::string Read(const ocr::PageText& page, const Box& box, values::ValueType type,
                           const std::string& first) = 0;
  // The text in `box` read again at other scales, for a name or document number; none by
  // default.
  virtual std::vector<std::string> ReadAtOtherScales(const ocr::PageText& page, const Box& box) {
    return {};
  }
  // The name in `box` with the characters OCR misreads decided again by their shapes, and
  // the characters each glyph looks as much like (ocr::ReadNameShapes); none by default.
  virtual ocr::NameShapes ReadNameByShape(const ocr::PageText& page, const Box& box,
                                          const std::string& first) {
    return {};
  }
};

// Reads every field of `material` from its pages; blank or unlocated fields come back
// with found/text set accordingly, in template order.
std::vector<FieldReading> ExtractFields(const MaterialTemplate& material,
                                        const std::vector<MaterialPage>& pages,
                                        ValueReader* reader);

}  // namespace precheck::match

#endif  // PRECHECK_MATCH_FIELDS_H_

// Other readings of a date that OCR may have misread by a glyph or two.
//
// Tesseract reads a 1 as ] or l, the 〇 of a Chinese year as O, a comma or @, the 月 after a
// month as 有 or 用 (often swallowing the digit that touches it), the 日 after a day as 昌 or
// 晶, and sometimes adds a stray character. DateMisreadings() lists what such a text may have
// said; the date parser (values.cc) reads each and accepts a repair only when exactly one
// real date results.

#ifndef PRECHECK_RULES_DATE_REPAIR_H_
#define PRECHECK_RULES_DATE_REPAIR_H_

#include <string>
#include <string_view>
#include <vector>

namespace precheck::values {

// Every reading of `text` that gives each suspect glyph (one that OCR commonly reads for a
// digit, a Chinese zero, 月, 日 or a date separator, or a stray character between a date
// mark and a numeral) one of its possible meanings, the glyph itself included; the text as
// read is not in the list. Empty when the text holds no suspect, or so many that the
// readings would be guesses (more than 6 suspects, or more than 256 readings). Pure and
// thread-safe.
std::vector<std::string> DateMisreadings(std::string_view text);

}  // namespace precheck::values

#endif  // PRECHECK_RULES_DATE_REPAIR_H_

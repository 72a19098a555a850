// Seal checks of one document: each seal block its template asks for is stamped, by the
// organisation that must stamp there, with its 公章 rather than a special-purpose seal.

#ifndef PRECHECK_RULES_SEAL_CHECKS_H_
#define PRECHECK_RULES_SEAL_CHECKS_H_

#include <vector>

#include "precheck/report.h"
#include "rules/checker.h"

namespace precheck::rules {

// Appends to `out` the SEAL_MISSING, SEAL_NAME_MISMATCH and (when the seal's evidence
// cannot decide) REVIEW_NEEDED defects of `doc`. Seal owners must have been assigned.
void CheckSeals(const CheckInput& in, const DocumentReport& doc, std::vector<Defect>* out);

// The share (0..1) of the characters of `expected` that at least one of `readings` holds,
// in order: OCR misreads a different character in each reading, while a different name
// lacks the same characters in all of them.
double NameCoverage(const std::vector<std::string>& readings, const std::string& expected);

// True when the seal's `text` (its most confident reading) places it in another Tianjin
// district than `expected` (the 河北区 bureau's seal where the 南开区 one belongs) and none
// of its `readings` in the expected one. Coverage cannot tell this: the two names share all
// but two characters, and a misread glyph never turns one district into another. A district
// in a less confident reading alone proves nothing: among many poor readings of a blurred
// seal, one may spell some district by chance.
bool OtherDistrict(const std::string& text, const std::vector<std::string>& readings,
                   const std::string& expected);

// True when another seal on the same page of `doc` lies over part of `seal`'s ring (their
// circles cut deep into each other): the characters there are read through the other
// seal's ink, and a name missing from them may be missing from the reading only.
bool UnderAnotherSeal(const DocumentReport& doc, const SealReading& seal);

}  // namespace precheck::rules

#endif  // PRECHECK_RULES_SEAL_CHECKS_H_

// Cross-document consistency: one fact (company name, USCC, legal representative, decision
// number...) read on several materials must agree.
//
// Values are compared after normalisation; identifiers may also differ by characters OCR
// confuses (the policy's `confusable` groups), names may not: one character apart is another
// company or person. The reading that differs from the majority (or, without one, from the
// authoritative material) carries the defect.

#ifndef PRECHECK_RULES_CROSS_DOCUMENT_H_
#define PRECHECK_RULES_CROSS_DOCUMENT_H_

#include <string_view>
#include <vector>

#include "precheck/report.h"
#include "precheck/rule_set.h"
#include "rules/checker.h"
#include "rules/values.h"

namespace precheck::rules {

enum class FactMatch {
  kSame,      // equal after normalisation
  kOcrNoise,  // identifiers that differ only by characters OCR confuses
  kDifferent,
};

// Compares two readings of one fact of `type`. Pure and thread-safe.
FactMatch CompareFact(values::ValueType type, std::string_view a, std::string_view b,
                      const CrossDocumentPolicy& policy);

// Whether two readings that CompareFact finds different may still be one value misread
// by OCR: names (and the prefix of decision numbers) a few substituted characters apart,
// or one character added or dropped (policy.review_substitutions). Such a difference goes
// to review unless both readings are certain of every word (misread_word_confidence).
// Identifiers with a valid check character, dates and the year and number of a
// decision number are never "possibly misread": OCR noise there is CompareFact's business.
bool MaybeMisread(values::ValueType type, std::string_view a, std::string_view b,
                  const CrossDocumentPolicy& policy);

// Appends FIELD_INCONSISTENT (or REVIEW_NEEDED when the readings are not confident) for
// every cross-document key whose readings disagree. Fields already in `out` are skipped.
void CheckCrossDocument(const CheckInput& input, std::vector<Defect>* out);

}  // namespace precheck::rules

#endif  // PRECHECK_RULES_CROSS_DOCUMENT_H_

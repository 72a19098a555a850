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
// by OCR: any two names (company, person, authority), and decision numbers that differ only
// in the authority's prefix. Such a difference is an error only when both readings are
// certain of every word (policy.misread_word_confidence), else it goes to review. Another
// identifier with a valid check character, or another year or number of a decision, is
// never "possibly misread": OCR noise there is CompareFact's business.
bool MaybeMisread(values::ValueType type, std::string_view a, std::string_view b);

// Appends FIELD_INCONSISTENT (or REVIEW_NEEDED when the readings are not confident) for
// every cross-document key whose readings disagree. Fields already in `out` are skipped.
void CheckCrossDocument(const CheckInput& input, std::vector<Defect>* out);

// Settles names and numbers misread on some materials. For each key, the value that most
// materials support, by their value or by one of their other readings (FieldReading::
// readings: the same box read at other scales), is taken by every material that has it
// among its readings; a tie settles nothing. It must also be the value of two other
// materials, or of one read reliably, so that unsure readings never explain another away.
// A real difference (天津市东芳 for 天津市东方) reads the same at every scale and stays for
// CheckCrossDocument to report.
void ReconcileNames(const Catalog& catalog, std::vector<DocumentReport>& documents);

}  // namespace precheck::rules

#endif  // PRECHECK_RULES_CROSS_DOCUMENT_H_

// The fact-rule engine: evaluates the declarative rules of rules/facts.yaml (dates in order,
// a stated date equal to the decision's, publicity periods, expiry, amounts) over the fields
// read from a submission's materials.
//
// The rules are data (FactRule, loaded by the catalog); this file knows only their kinds.
// A rule whose readings are not confident enough to decide reports REVIEW_NEEDED instead of
// an error (RulePolicy::reliable_confidence).

#ifndef PRECHECK_RULES_RULE_ENGINE_H_
#define PRECHECK_RULES_RULE_ENGINE_H_

#include <string>
#include <utility>
#include <vector>

#include "precheck/catalog.h"
#include "precheck/report.h"
#include "rules/checker.h"
#include "rules/values.h"

namespace precheck::rules {

// One reading of a field on one material, normalised by the field's template type.
struct FactReading {
  const DocumentReport* document = nullptr;
  const FieldReading* reading = nullptr;
  const MaterialTemplate* material = nullptr;
  values::ValueType type = values::ValueType::kText;
  std::string value;  // normalised (docs/report.md); never empty
  std::string label;  // the field's printed label, for messages
};

// The valid readings of `material`.`field` in the submission, in document order. Readings
// that are blank or invalid, and fields that already carry a defect in `reported`, are left
// out: one field gets one defect.
std::vector<FactReading> ReadFact(const CheckInput& input, const std::string& material,
                                  const std::string& field, const std::vector<Defect>& reported);

// Builds a defect from a text of rules/messages.yaml, placed at `at`.
Defect MakeFactDefect(const Catalog& catalog, const std::string& text_id, const FactReading& at,
                      const std::vector<std::pair<std::string, std::string>>& values);

// Whether a reading may decide an error: its mean confidence and its weakest word's are at
// least the policy's reliable_confidence and reliable_word_confidence.
bool ReliableReading(const FieldReading& r, const RulePolicy& policy);

// "2024年3月12日" for 2024-03-12.
std::string ChineseDate(const values::Date& date);

// The minimum publicity period in months for `period` (a period name, or "severity" for the
// submission's penalty severity) under the regime in force on `as_of`; nullopt when the
// policy has no such period.
std::optional<int> MinPublicityMonths(const RulePolicy& policy, const std::string& period,
                                      const std::string& severity, const values::Date& as_of);

// Appends the defects of every fact rule that applies to the submission's domain.
void EvaluateFactRules(const CheckInput& input, std::vector<Defect>* out);

}  // namespace precheck::rules

#endif  // PRECHECK_RULES_RULE_ENGINE_H_

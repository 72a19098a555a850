// Rule sets: what a domain (a kind of credit repair) requires of a submission.
//
// One YAML file per domain in rules/. It lists the required materials, groups of which one
// must be present, materials that bring others with them (a power of attorney needs the
// agent's ID card), and the materials whose presence decides the domain.

#ifndef PRECHECK_RULE_SET_H_
#define PRECHECK_RULE_SET_H_

#include <map>
#include <string>
#include <vector>

namespace precheck {

struct DomainRuleSet {
  std::string id;    // admin_penalty, serious_list, abnormal_list
  std::string name;  // Chinese name
  std::vector<std::string> required;
  std::vector<std::vector<std::string>> one_of;
  std::map<std::string, std::vector<std::string>> with;
  std::vector<std::string> optional;
  // Materials whose presence decides this domain (docs/report.md, "Domain").
  std::vector<std::string> decided_by;
  // The application material: when a submission names no domain this one is reported
  // missing.
  std::string application;
  // A material whose check field names the domain, and the option text that selects this
  // domain (e.g. samr_repair_application / matter / 移出经营异常名录).
  std::string selected_by_material;
  std::string selected_by_field;
  std::string selected_by_option;
  std::string file;
};

// A field of a material, written "material.field" in rule files.
struct FieldRef {
  std::string material;
  std::string field;
  std::string ToString() const { return material + "." + field; }
};

// What a fact rule of rules/facts.yaml compares.
enum class FactRuleKind {
  kDateOrder,      // `field` must not lie before the first `reference` found
  kSameDate,       // `field` must equal the first `reference` found
  kPublicity,      // `field` + the minimum publicity period must not lie after as_of
  kExpiry,         // the date range `field` must not end before as_of
  kAmountAtLeast,  // the amount `field` must not be below the first `reference` found
  kAmountWords,    // the 大写 amount `field` must equal the figures in `reference`
};

// One declarative rule over the facts of a submission (docs/authoring-rules.md).
struct FactRule {
  std::string id;
  FactRuleKind kind = FactRuleKind::kDateOrder;
  std::string text;                  // defect text id in rules/messages.yaml
  FieldRef field;                    // where the defect is reported
  std::vector<FieldRef> references;  // what it is compared with; the first present wins
  std::string period;                // kPublicity: a period name, or "severity"
  std::vector<std::string> domains;  // the domains it applies to; empty means all
  // kExpiry: validity spans in whole years (an ID card's 5, 10 or 20): a range read as
  // exactly such a span, to the day, is read right even when OCR is unsure of it.
  std::vector<int> spans;
  std::string file;
  int line = 0;
};

// One row of a publicity-period table, in calendar months.
struct PublicityPeriod {
  std::string name;  // light, general, serious, serious_list_removal
  int min_months = 0;
  int max_months = 0;  // 0 when there is no maximum
};

// A publicity-period regime: the table in force from a date on.
struct PublicityRegime {
  std::string id;    // e.g. ndrc_order_58
  std::string from;  // YYYY-MM-DD, the first day it applies to applications
  std::vector<PublicityPeriod> periods;
};

// How readings of one fact on several materials are compared (rules/policy.yaml).
struct CrossDocumentPolicy {
  std::vector<std::string> keys;  // field keys that must agree wherever they appear
  // Groups of characters OCR confuses in identifiers (uscc, id18, docno): two readings that
  // differ only inside such groups, at no more than `max_confusions` places, are one value.
  std::vector<std::string> confusable;
  int max_confusions = 0;
  // Names (company, person, authority) and the prefix of a decision number get no such
  // tolerance, but OCR misreads Han characters as look-alikes far more often than an
  // applicant mistypes them: two such readings that differ are an error only when both are
  // at least this sure of their weakest word; otherwise the difference goes to review.
  double misread_word_confidence = 1.0;
  // Materials trusted first when readings disagree and there is no majority.
  std::vector<std::string> authoritative;
};

// Policy of the rule engine: numbers and tables that are not rules (rules/policy.yaml).
struct RulePolicy {
  std::vector<PublicityRegime> regimes;  // in order of `from`
  std::string default_severity = "general";
  // OCR confidence at or above which a reading may decide an error; below it the defect
  // becomes REVIEW_NEEDED.
  double reliable_confidence = 0.8;
  // The same for the least certain word of the reading: one misread character lowers it
  // while the mean stays high.
  double reliable_word_confidence = 0.0;
  CrossDocumentPolicy cross_document;
  // The names a seal of an owner may carry, by owner ("registry"): a field read from such a
  // seal's ring (a licence's 登记机关) is taken for the one name its readings are clearly
  // nearest to, and left as read when none is.
  std::map<std::string, std::vector<std::string>> seal_names;
  std::string file;
};

// Chinese message and suggestion templates for a defect code. Placeholders in braces
// ({material}, {field}, {value}, {reason}, {expected}) are filled in by the checker.
struct DefectText {
  std::string id;        // the text's name in rules/messages.yaml, e.g. "DOC_MISSING_ONE_OF"
  std::string code;      // the defect code it reports, e.g. "DOC_MISSING"
  std::string severity;  // "error" or "warning"
  std::string message;
  std::string suggestion;
};

}  // namespace precheck

#endif  // PRECHECK_RULE_SET_H_

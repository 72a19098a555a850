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

// The catalog: every material template and domain rule set, loaded from YAML.
//
// Templates live in <data>/templates/*.yaml (one material each), rule sets, defect texts,
// fact rules and the rule policy in <data>/rules/*.yaml (docs/authoring-rules.md). Loading
// checks everything and reports every problem it finds, each with file:line:col, instead of
// stopping at the first; an unknown key gets the nearest known one as a suggestion. A loaded
// Catalog is immutable and thread-safe to share.

#ifndef PRECHECK_CATALOG_H_
#define PRECHECK_CATALOG_H_

#include <string>
#include <vector>

#include "precheck/rule_set.h"
#include "precheck/status.h"
#include "precheck/template.h"

namespace precheck {

// One problem in a template or rule file.
struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem concerns the whole file
  int column = 0;  // 1-based
  std::string message;
  bool warning = false;  // a warning does not stop loading
  // "file:line:col: error: message"
  std::string ToString() const;
};

class Catalog {
 public:
  // Loads templates/ and rules/ under `data_dir`. Fails with kParseError when any
  // error-level diagnostic was found; the message lists them all, one per line.
  static Result<Catalog> Load(const std::string& data_dir);

  // Checks templates/ and rules/ under `data_dir` and returns every diagnostic (empty when
  // all is well). Never fails: an unreadable folder is itself a diagnostic.
  static std::vector<Diagnostic> Lint(const std::string& data_dir);

  const std::vector<MaterialTemplate>& materials() const { return materials_; }
  const std::vector<DomainRuleSet>& domains() const { return domains_; }
  // nullptr when unknown.
  const MaterialTemplate* Material(const std::string& id) const;
  const DomainRuleSet* Domain(const std::string& id) const;
  // The texts for a defect code; a generic text when the code has none.
  DefectText Text(const std::string& code) const;
  // The fact rules of rules/*.yaml (`rules:` files), in file order.
  const std::vector<FactRule>& fact_rules() const { return fact_rules_; }
  // The rule engine's policy (rules/policy.yaml); defaults when there is none.
  const RulePolicy& policy() const { return policy_; }

 private:
  std::vector<MaterialTemplate> materials_;
  std::vector<DomainRuleSet> domains_;
  std::vector<DefectText> texts_;
  std::vector<FactRule> fact_rules_;
  RulePolicy policy_;
};

}  // namespace precheck

#endif  // PRECHECK_CATALOG_H_

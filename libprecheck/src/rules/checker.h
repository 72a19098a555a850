// The rule checks of a submission: required materials, required fields, valid values.
//
// Input is what the reading stages produced (documents with their fields, files that could
// not be read); output is the list of defects, each with the Chinese message and suggestion
// of rules/messages.yaml filled in.

#ifndef PRECHECK_RULES_CHECKER_H_
#define PRECHECK_RULES_CHECKER_H_

#include <string>
#include <vector>

#include "match/form_check.h"
#include "precheck/catalog.h"
#include "precheck/report.h"

namespace precheck::rules {

// A file of the submission that could not be read.
struct UnreadableFile {
  std::string file;
  std::string reason;           // English, from the loader
  std::string reason_zh;        // Chinese, for the applicant
  bool not_a_document = false;  // .txt, .docx, .zip: a warning, not an error
  // Materials the file's name points to (承诺书 may be either commitment letter), none when
  // it names none.
  std::vector<std::string> material_hints;
};

struct CheckInput {
  const Catalog* catalog = nullptr;
  const DomainRuleSet* domain = nullptr;  // nullptr when undecided
  std::string as_of;                      // YYYY-MM-DD
  // Penalty severity (general, serious, light) from --severity or submission.yaml; "" means
  // the policy's default.
  std::string severity;
  const std::vector<DocumentReport>* documents = nullptr;
  // What the form check found for each document, parallel to `documents`; may be null.
  const std::vector<match::FormFinding>* forms = nullptr;
  const std::vector<UnreadableFile>* unreadable = nullptr;
  // Problems with the submission's own submission.yaml (Chinese), may be null.
  const std::vector<std::string>* submission_problems = nullptr;
};

// Every defect of the submission, in a stable order: file problems, missing materials,
// then per document in document order.
std::vector<Defect> CheckSubmission(const CheckInput& input);

// Fills a message template: each {name} is replaced by its value.
std::string Fill(const std::string& pattern,
                 const std::vector<std::pair<std::string, std::string>>& values);

// A defect with the code, severity, message and suggestion of the text `text_id` of
// rules/messages.yaml, its placeholders filled from `values`; its place is left to the caller.
Defect MakeDefect(const Catalog& catalog, const std::string& text_id,
                  const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace precheck::rules

#endif  // PRECHECK_RULES_CHECKER_H_

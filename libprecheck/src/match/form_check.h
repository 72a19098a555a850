// Is a material on the current standard form? An outdated title, or a mandatory clause of the
// template (承诺 wording, 特此证明) missing or reworded, means the applicant used an old or
// home-made form, which the centre rejects.

#ifndef PRECHECK_MATCH_FORM_CHECK_H_
#define PRECHECK_MATCH_FORM_CHECK_H_

#include <string>
#include <vector>

#include "match/classifier.h"
#include "match/fields.h"
#include "precheck/template.h"

namespace precheck::match {

struct FormFinding {
  std::string outdated_title;                // the outdated title the page carries, "" when none
  std::vector<std::string> missing_clauses;  // mandatory clauses not found in the text
  // The reading is good enough to call a clause missing rather than unread: most of the
  // template's labels were found, and the text was read with high confidence (median line
  // confidence).
  bool reliable = false;

  bool empty() const { return outdated_title.empty() && missing_clauses.empty(); }
};

// Checks the pages of one material against its template. `cls` is the first page's class.
FormFinding CheckForm(const MaterialTemplate& material, const PageClass& cls,
                      const std::vector<MaterialPage>& pages);

}  // namespace precheck::match

#endif  // PRECHECK_MATCH_FORM_CHECK_H_

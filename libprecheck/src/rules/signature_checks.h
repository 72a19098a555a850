// Signature checks: each required signature is present, written by hand, and one signer's
// signatures look like one hand across the materials.
//
// The signature stage has already read each block (present, handwritten) and compared the
// signatures of each signer; these checks turn that into defects.

#ifndef PRECHECK_RULES_SIGNATURE_CHECKS_H_
#define PRECHECK_RULES_SIGNATURE_CHECKS_H_

#include <vector>

#include "rules/checker.h"

namespace precheck::rules {

// Appends SIGNATURE_MISSING, SIGNATURE_NOT_HANDWRITTEN, SIGNATURE_INCONSISTENT (and
// REVIEW_NEEDED where a block cannot be judged) for the documents of `input` to `out`.
void CheckSignatures(const CheckInput& input, std::vector<Defect>* out);

}  // namespace precheck::rules

#endif  // PRECHECK_RULES_SIGNATURE_CHECKS_H_

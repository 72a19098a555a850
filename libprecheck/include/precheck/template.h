// Templates: what a material (one of the credit-repair document types) looks like.
//
// A template is read from one YAML file in templates/ (docs/authoring.md describes the
// format). It names the material, the titles that identify its pages, the fields an
// applicant fills in (label, value type, where the value sits), the mandatory clauses, and
// the seals and signatures the material must carry.

#ifndef PRECHECK_TEMPLATE_H_
#define PRECHECK_TEMPLATE_H_

#include <map>
#include <string>
#include <vector>

namespace precheck {

// Where a field's value is found on the page.
enum class Locate {
  kLabel,          // beside or below its printed label (the default)
  kBelowTitle,     // the first value of its type in the lines under the title
  kLast,           // the last value of its type on the material's pages (落款日期)
  kAboveLastDate,  // the line just above (or left of) the last date: the issuing body
  kNearAnchor,     // the first value of its type in or below the line holding `anchor`
  kSeal,           // the text of the seal of `owner` (the registry's name on a licence)
};
const char* LocateName(Locate locate);

struct FieldSpec {
  std::string key;                   // forms.yaml key, e.g. "penalty_date"
  std::string label;                 // printed label, "" for fields located otherwise
  std::string caption;               // Chinese name for messages when there is no printed label
  std::vector<std::string> aliases;  // other printed spellings of the label
  std::string type;                  // value type name: date, uscc, id18, company, ...
  bool required = false;
  Locate locate = Locate::kLabel;
  std::string anchor;                // for kNearAnchor: the printed text to look near
  std::string owner;                 // for kSeal: whose seal carries the value
  std::vector<std::string> options;  // for type "check": the printed options
  int line = 0;                      // where it is defined in its YAML file (1-based), for messages
};

struct SealSpec {
  std::string owner;         // applicant, authority, bank, registry, lessor
  std::string near;          // field key the seal should cover, "" anywhere
  std::string or_signature;  // satisfied by this signer's signature instead
};

struct SignatureSpec {
  std::string role;     // legal_rep, agent, lessor, payee
  std::string label;    // e.g. 法定代表人（签字）
  std::string or_seal;  // satisfied by this owner's seal instead
};

struct MaterialTemplate {
  std::string id;      // e.g. "repair_application_form"
  std::string name;    // Chinese name for messages
  std::string issuer;  // applicant, authority, bank, registry, public_security, lessor
  std::vector<std::string> titles;
  std::vector<std::string> outdated_titles;
  // Printed texts that identify the material when it has no title (an ID card's front).
  std::vector<std::string> keywords;
  // Words a file's name may hold for this material besides its titles and name (缴款凭证 for
  // 罚款缴纳凭证): an unreadable file so named is taken for it instead of reported missing.
  std::vector<std::string> file_names;
  std::vector<FieldSpec> fields;
  std::vector<std::string> clauses;
  std::vector<SealSpec> seals;
  std::vector<SignatureSpec> signatures;
  std::map<std::string, std::string> seal_names;  // seal owner -> field key with the name
  int max_pages = 1;                              // pages one instance may span
  // Another material with the same layout, told apart by whose document it is.
  std::string twin;
  std::string file;  // the YAML file it came from

  const FieldSpec* Field(const std::string& key) const;
};

}  // namespace precheck

#endif  // PRECHECK_TEMPLATE_H_

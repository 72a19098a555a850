// The report: what precheck found in each submission, as data.
//
// These plain structs mirror the JSON contract (docs/report.md, schema "precheck.report/1"):
// a Report holds SubmissionReports; each lists the documents (materials) found with their
// fields, seals and signatures, and the defects to fix. Rendering to JSON, text and Excel is
// in report_io.h.

#ifndef PRECHECK_REPORT_H_
#define PRECHECK_REPORT_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace precheck {

// A rectangle in pixels of the page image at 300 dpi.
struct Box {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
  bool empty() const { return width <= 0 || height <= 0; }
};

// One field of a material as read from the page.
struct FieldReading {
  std::string key;          // the field key of forms.yaml, e.g. "penalty_date"
  std::string text;         // the raw text read, "" when blank
  std::string value;        // normalised value (docs/report.md), "" when blank or invalid
  double confidence = 0.0;  // 0..1
  // The confidence of the least certain word (glyph group) of the value, 0..1; a single
  // misread character shows here while `confidence`, a mean, hides it. 1 when unknown.
  double weakest = 1.0;
  int page = 0;  // 1-based page within the file; 0 when not located
  Box bbox;                 // where the value (or its label, when blank) sits
  bool handwritten = false;
  bool found = false;  // the label or locator was found on the page
  // Other readings of a name or document number (not in the JSON): the same box read at
  // other scales. A misread character seldom survives every scale, so a reading that agrees
  // with the other materials explains a difference away (rules/cross_document.h).
  std::vector<std::string> readings;
  // For each character of `text` of a name or document number (not in the JSON): the
  // characters whose printed shapes its glyph is at least as near as to the one read, that
  // one included; "" where the glyph was not compared. A difference from another material
  // at a character whose glyph looks as much like the other's is a misreading.
  std::vector<std::string> alike;
};

// A seal found on a page.
struct SealReading {
  int page = 0;
  Box bbox;
  std::string shape;       // "round", "oval", "square"
  std::string color;       // "red", "blue", "purple", "grey"
  std::string text;        // ring text, normalised
  std::string lower_text;  // horizontal lower text, e.g. "合同专用章"
  std::string owner;       // "applicant", "authority", "bank", "registry", "lessor", ""
  double confidence = 0.0;
  // Other readings of the ring text (not in the JSON): a name is compared with all of them.
  std::vector<std::string> readings;
};

// How much a signature looks like another of the same signer on another material. The
// score compares the shape of the ink; it does not authenticate anyone.
struct SignatureComparison {
  std::string document;  // the other material's id
  std::string file;
  int page = 0;
  double score = 0.0;       // 0..1, 1 for the same drawing
  bool consistent = true;   // score at or above the threshold of the signature stage
};

// A signature block and what was found in it.
struct SignatureReading {
  int page = 0;
  Box bbox;  // the ink when present, else the signing area searched
  std::string role;  // "legal_rep", "agent", "lessor", "payee"
  bool present = false;
  bool handwritten = false;
  double confidence = 0.0;  // in `handwritten` when present, in absence otherwise
  bool located = false;     // the block's printed label was found
  // The label was read closely (not guessed from the layout or matched loosely through OCR
  // noise): only then is an empty or printed block an error rather than a case for review.
  bool label_certain = false;
  bool seal_ink = false;    // seal-coloured ink lies in or beside the signing area
  std::vector<SignatureComparison> comparisons;
};

// One material found in a submission: a file, or a run of pages of a file.
struct DocumentReport {
  std::string type;  // material id, or "unrecognized"
  double type_confidence = 0.0;
  std::string file;                  // path relative to the submission folder
  std::vector<int> pages;            // 1-based page numbers within the file
  std::vector<FieldReading> fields;  // in template order
  std::vector<SealReading> seals;
  std::vector<SignatureReading> signatures;

  // The reading of `key`, or nullptr.
  const FieldReading* Field(const std::string& key) const;
};

// Another place a defect involves.
struct RelatedPlace {
  std::string document;
  std::string file;
  int page = 0;
  std::string field;
  std::string value;
};

enum class Severity { kError, kWarning };
const char* SeverityName(Severity severity);  // "error" or "warning"

// Something the applicant must fix, or a clerk must look at.
struct Defect {
  std::string code;  // e.g. "FIELD_EMPTY" (docs/report.md lists them)
  Severity severity = Severity::kError;
  std::string document;    // material id; "" when none (null in JSON)
  std::string file;        // "" when none
  int page = 0;            // 0 when none
  std::string field;       // field key, seal owner or signer role; "" when none
  Box bbox;                // empty when none
  std::string message;     // Chinese, for the applicant
  std::string suggestion;  // Chinese, how to fix it
  std::vector<std::pair<std::string, std::string>> evidence;
  std::vector<RelatedPlace> related;
};

// A picture of one page as the engine read it (straightened, at half its 300-dpi size),
// written when CheckOptions::page_images_dir asks for it. Boxes of the report are in the
// page's 300-dpi pixels: `width` x `height`.
struct PageImage {
  std::string file;  // as DocumentReport::file
  int page = 0;      // 1-based, within the file
  std::string path;  // the JPEG written; "" when it could not be
  int width = 0;     // the page's size in 300-dpi pixels
  int height = 0;
  std::string error;  // why the picture could not be written, "" when it was
};

// The outcome for one submission.
struct SubmissionReport {
  std::string id;                     // folder or file name
  std::string path;                   // as given
  std::optional<std::string> domain;  // nullopt when it could not be decided
  std::string verdict;                // "pass", "fail" or "error"
  std::vector<DocumentReport> documents;
  std::vector<Defect> defects;
  // The pictures of its pages, when asked for (not in the JSON).
  std::vector<PageImage> page_images;

  int CountSeverity(Severity severity) const;
};

// A whole run.
struct Report {
  std::string schema = "precheck.report/1";
  std::string tool_version;
  std::string as_of;  // YYYY-MM-DD
  std::vector<SubmissionReport> submissions;
};

}  // namespace precheck

#endif  // PRECHECK_REPORT_H_

// Helpers shared by the report writers (JSON, text, xlsx): redaction of strings as they are
// rendered, labels, page lists, UTF-8 cleaning and the temporary-file half of an atomic write.
// Private to libprecheck/src/report.

#ifndef PRECHECK_REPORT_REPORT_INTERNAL_H_
#define PRECHECK_REPORT_REPORT_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "precheck/report.h"
#include "precheck/report_io.h"
#include "precheck/status.h"

namespace precheck::report_internal {

// RedactText, plus a stricter mask for values of a phone or ID-number field (`key` such as
// "phone", "agent_phone", "legal_rep_id"): such a value is personal even when it is not a
// well-formed number (a landline without area code, an ID number misread by one digit).
std::string RedactFieldText(std::string_view key, const std::string& text);

// Applies the redaction a RenderOptions asks for to each string a writer emits.
class Masker {
 public:
  explicit Masker(const RenderOptions& options) : redact_(options.redact) {}

  std::string operator()(const std::string& text) const {
    return redact_ ? RedactText(text) : text;
  }
  // A defect's message or suggestion: besides RedactText, the values it quotes from a phone
  // or ID-number field are masked even when they are not well-formed numbers.
  std::string Prose(const Defect& defect, const std::string& text) const {
    if (!redact_) return text;
    std::string out = text;
    for (const auto& [name, value] : defect.evidence) {
      if (value.size() < 4) continue;
      std::string masked = RedactFieldText(defect.field, value);
      if (masked == value) continue;
      for (size_t pos = out.find(value); pos != std::string::npos;
           pos = out.find(value, pos + masked.size())) {
        out.replace(pos, value.size(), masked);
      }
    }
    return RedactText(out);
  }
  // A value that belongs to the field (or seal owner, signer role) `key`.
  std::string Field(std::string_view key, const std::string& text) const {
    return redact_ ? RedactFieldText(key, text) : text;
  }

 private:
  bool redact_;
};

// The Chinese name of `id` when `options` give one (RenderOptions::names), else the id.
std::string Named(const RenderOptions& options, const std::string& id);

// The submission's domain by its Chinese name; "未确定" when it was not decided.
std::string DomainName(const SubmissionReport& submission, const RenderOptions& options);

// "错误" or "警告".
const char* SeverityLabelZh(Severity severity);

// "通过", "不通过", "无法检查"; an unknown verdict is returned as given.
std::string VerdictLabelZh(const std::string& verdict);

// Page numbers as runs: {1,2,3,5} gives "1-3,5"; {} gives "".
std::string FormatPages(const std::vector<int>& pages);

// A defect's evidence as "found=2024-03-15, expected=2024-03-12" (masked as `mask` says).
std::string FormatEvidence(const Defect& defect, const Masker& mask);

// One related place as "penalty_decision 决定书.pdf p.2 penalty_date=2024-03-12".
std::string FormatRelated(const RelatedPlace& place, const Masker& mask);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string ValidUtf8(std::string_view text);

// A temporary file created beside a target path, open for writing.
struct TempFile {
  std::string path;
  int fd = -1;
  // Where the file goes: `target` with its symbolic links followed.
  std::string target;
  // The target is a device, a pipe or a socket (/dev/stdout, a FIFO): its content is
  // written through to it, not renamed over it.
  bool stream = false;
};

// Creates ".<name>.tmp-XXXXXX" in the directory of `target` (of the file a symbolic link
// points to; in the temporary folder when the target is a device or a pipe). Fails with
// kIOError naming `target` when the directory does not exist or is not writable, or the
// target is a folder.
Status CreateTempBeside(const std::string& target, TempFile* temp);

// Gives the temporary file the permissions a new file would get (or those of the file it
// replaces), flushes it to disk, closes it and renames it onto `target`. On failure the
// temporary file is removed and the Status names `target`. A device or pipe target is
// written through instead.
Status CommitTempFile(TempFile* temp, const std::string& target);

// Closes and removes the temporary file; for error paths.
void DiscardTempFile(TempFile* temp);

}  // namespace precheck::report_internal

#endif  // PRECHECK_REPORT_REPORT_INTERNAL_H_

// RenderText: the report as a plain-text summary for a terminal. Per submission a header line
// with verdict and counts, the documents found, then each defect with its place, message and
// suggestion; a total line closes it. No colours: the CLI decides about those.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "precheck/report_io.h"
#include "report/report_internal.h"

namespace precheck {
namespace {

using report_internal::Masker;

std::string Plural(int count, const char* noun) {
  std::string out = std::to_string(count) + " " + noun;
  if (count != 1) out += "s";
  return out;
}

std::string Fixed2(double value) {
  if (!std::isfinite(value)) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string PadRight(const std::string& text, size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

// `text` on one line: a line break or tab it holds (a file name's, a reader's message)
// is written as \n or \t, so that no value can start a line of the report.
std::string OneLine(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

// Appends `text` indented by `indent`, repeating the indent after each line break it holds.
void AppendIndented(std::string* out, const std::string& indent, const std::string& text) {
  *out += indent;
  for (char c : text) {
    *out += c;
    if (c == '\n') *out += indent;
  }
  *out += "\n";
}

void RenderDocuments(const SubmissionReport& submission, const Masker& mask, std::string* out) {
  if (submission.documents.empty()) {
    *out += "  no documents found\n";
    return;
  }
  size_t type_width = 0;
  for (const DocumentReport& document : submission.documents) {
    type_width = std::max(type_width, document.type.size());
  }
  *out += "  documents:\n";
  for (const DocumentReport& document : submission.documents) {
    std::string line = "    " + PadRight(document.type, type_width) + "  " + mask(document.file);
    const std::string pages = report_internal::FormatPages(document.pages);
    if (!pages.empty()) line += "  p." + pages;
    line += "  " + Fixed2(document.type_confidence);
    *out += line + "\n";
  }
}

void RenderDefect(const Defect& defect, const Masker& mask, std::string* out) {
  // "  ERROR FIELD_EMPTY  repair_application_form  申请表.pdf p.1  penalty_date"
  std::string line = defect.severity == Severity::kWarning ? "  WARNING " : "  ERROR ";
  line += defect.code;
  if (!defect.document.empty()) line += "  " + defect.document;
  std::string place = mask(defect.file);
  if (defect.page > 0) place += (place.empty() ? "p." : " p.") + std::to_string(defect.page);
  if (!place.empty()) line += "  " + place;
  if (!defect.field.empty()) line += "  " + defect.field;
  *out += OneLine(line) + "\n";

  if (!defect.message.empty()) AppendIndented(out, "    ", mask.Prose(defect, defect.message));
  if (!defect.suggestion.empty())
    AppendIndented(out, "    → ", mask.Prose(defect, defect.suggestion));
  const std::string evidence = report_internal::FormatEvidence(defect, mask);
  if (!evidence.empty()) *out += "    evidence: " + OneLine(evidence) + "\n";
  for (const RelatedPlace& related : defect.related) {
    *out += "    related: " + OneLine(report_internal::FormatRelated(related, mask)) + "\n";
  }
}

void RenderSubmission(const SubmissionReport& submission, const Masker& mask, std::string* out) {
  // "sub-0007  fail  (2 errors, 1 warning)  domain admin_penalty"
  *out += mask(submission.id) + "  " + submission.verdict + "  (" +
          Plural(submission.CountSeverity(Severity::kError), "error") + ", " +
          Plural(submission.CountSeverity(Severity::kWarning), "warning") + ")  domain " +
          (submission.domain ? *submission.domain : std::string("unknown")) + "\n";
  if (!submission.path.empty() && submission.path != submission.id) {
    *out += "  path " + OneLine(mask(submission.path)) + "\n";
  }

  RenderDocuments(submission, mask, out);

  for (const Defect& defect : submission.defects) RenderDefect(defect, mask, out);
}

}  // namespace

// Returns "" only when memory runs out.
std::string RenderText(const Report& report, const RenderOptions& options) {
  try {
    const Masker mask(options);
    std::string out;
    int passed = 0, failed = 0, errored = 0;
    for (size_t i = 0; i < report.submissions.size(); ++i) {
      const SubmissionReport& submission = report.submissions[i];
      if (i > 0) out += "\n";
      RenderSubmission(submission, mask, &out);
      passed += submission.verdict == "pass";
      failed += submission.verdict == "fail";
      errored += submission.verdict == "error";
    }

    // "3 submissions: 1 pass, 2 fail, 0 error"
    if (!report.submissions.empty()) out += "\n";
    out += Plural(static_cast<int>(report.submissions.size()), "submission") + ": " +
           std::to_string(passed) + " pass, " + std::to_string(failed) + " fail, " +
           std::to_string(errored) + " error\n";
    return report_internal::ValidUtf8(out);
  } catch (...) {
    return std::string();
  }
}

}  // namespace precheck

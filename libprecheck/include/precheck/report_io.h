// Rendering a Report: JSON (the contract), a readable text summary, an Excel workbook, an HTML
// page with the defects marked on the pages.
//
// All writers are pure functions of the report and are thread-safe. The file writers write
// to a temporary file beside the target and rename it into place, so a file is either whole
// or absent.

#ifndef PRECHECK_REPORT_IO_H_
#define PRECHECK_REPORT_IO_H_

#include <map>
#include <string>
#include <string_view>

#include "precheck/catalog.h"
#include "precheck/report.h"
#include "precheck/status.h"

namespace precheck {

struct RenderOptions {
  // Mask ID numbers (first 6 and last 4 characters kept) and phone numbers everywhere.
  bool redact = false;
  // Chinese names for the workbook's cells, by id: materials ("business_license" ->
  // 营业执照), domains, and fields as "material.field". The JSON keeps ids; an id without
  // a name is shown as it is. NamesFrom(catalog) gives them all.
  std::map<std::string, std::string> names;
};

// The names of every material, domain and field of `catalog`, for RenderOptions::names.
std::map<std::string, std::string> NamesFrom(const Catalog& catalog);

// The report as JSON text (schema precheck.report/1), pretty-printed, ending in a newline.
std::string RenderJson(const Report& report, const RenderOptions& options = {});

// A human-readable summary: per submission its verdict, then each defect with its place,
// message and suggestion.
std::string RenderText(const Report& report, const RenderOptions& options = {});

// Writes `text` to `path` atomically (temporary file, then rename).
Status WriteFileAtomically(const std::string& path, const std::string& text);

// Writes an .xlsx workbook: sheet 汇总 (one row per submission: verdict, counts by severity)
// and sheet 缺陷 (one row per defect, Chinese headers, filters, frozen header row).
Status WriteXlsx(const Report& report, const std::string& path, const RenderOptions& options = {});

// The report as one HTML page for clerks, to be saved at `html_path`: a summary table, then
// per submission its numbered defects (message, suggestion) and the pictures of its pages
// (SubmissionReport::page_images, linked relative to `html_path`) with each defect's place
// outlined and numbered, the seals found and the signature blocks.
std::string RenderHtml(const Report& report, const std::string& html_path,
                       const RenderOptions& options = {});

// Writes RenderHtml(report, path) to `path` atomically. The pictures must stay where they
// are: the page links to them.
Status WriteHtml(const Report& report, const std::string& path, const RenderOptions& options = {});

// Masks an ID number or phone number found anywhere in `text` (see RenderOptions::redact).
std::string RedactText(const std::string& text);

// Masks the value `text` of the field `key` as a redacted report does: besides what
// RedactText masks, the middle of an identifier or phone number read with a misread
// character, and every digit of a birth date (the part of an ID number its mask hides).
std::string RedactField(std::string_view key, const std::string& text);

}  // namespace precheck

#endif  // PRECHECK_REPORT_IO_H_

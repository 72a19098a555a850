// WriteXlsx: the report as an Excel workbook for clerks, written with libxlsxwriter. Sheets
// 汇总 (one row per submission), 缺陷 (one row per defect) and 材料 (one row per document),
// each with a bold, frozen, filterable header row. The workbook is written to a temporary file
// beside the target and renamed into place.

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "precheck/report_io.h"
#include "report/report_internal.h"

namespace precheck {
namespace {

using report_internal::DomainName;
using report_internal::Masker;
using report_internal::Named;

// Excel refuses longer cell strings; libxlsxwriter counts them in code points.
constexpr size_t kMaxCellChars = 32767;
// Columns grow with their content up to this width (in Excel character units).
constexpr double kMaxColumnWidth = 60;

// Display width in a grid cell: CJK and other wide characters count twice.
size_t DisplayWidth(const std::string& text) {
  size_t width = 0, line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (text[i] == '\n') {
      width = std::max(width, line);
      line = 0;
    } else if (byte < 0x80) {
      line += 1;
    } else if (byte >= 0xE0) {
      line += 2;  // 3- and 4-byte sequences: CJK, full-width forms
    } else if (byte >= 0xC0) {
      line += 1;
    }
  }
  return std::max(width, line);
}

// Valid UTF-8 no longer than Excel accepts.
std::string CellText(const std::string& text) {
  std::string out = report_internal::ValidUtf8(text);
  size_t chars = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80 && ++chars > kMaxCellChars) {
      out.resize(i);
      break;
    }
  }
  return out;
}

// One worksheet being filled: writes cells and remembers how wide each column must be.
class Sheet {
 public:
  Sheet(lxw_workbook* workbook, const char* name, const std::vector<std::string>& headers,
        lxw_format* header_format)
      : worksheet_(workbook_add_worksheet(workbook, name)), widths_(headers.size(), 0) {
    for (size_t col = 0; col < headers.size(); ++col) {
      String(0, col, headers[col], header_format);
    }
  }

  bool ok() const { return worksheet_ != nullptr && error_ == LXW_NO_ERROR; }
  lxw_error error() const {
    return worksheet_ == nullptr ? LXW_ERROR_MEMORY_MALLOC_FAILED : error_;
  }

  void String(lxw_row_t row, size_t col, const std::string& text, lxw_format* format = nullptr) {
    if (worksheet_ == nullptr) return;
    const std::string cell = CellText(text);
    Track(
        worksheet_write_string(worksheet_, row, static_cast<lxw_col_t>(col), cell.c_str(), format));
    widths_[col] = std::max(widths_[col], DisplayWidth(cell));
  }

  void Number(lxw_row_t row, size_t col, double value, lxw_format* format = nullptr) {
    if (worksheet_ == nullptr) return;
    Track(worksheet_write_number(worksheet_, row, static_cast<lxw_col_t>(col), value, format));
    widths_[col] = std::max<size_t>(widths_[col], 6);
  }

  // Sizes the columns, freezes the header row and puts a filter over rows 0..last_row.
  void Finish(lxw_row_t last_row) {
    if (worksheet_ == nullptr) return;
    for (size_t col = 0; col < widths_.size(); ++col) {
      const double width = std::clamp(static_cast<double>(widths_[col]) + 2, 8.0, kMaxColumnWidth);
      const auto c = static_cast<lxw_col_t>(col);
      Track(worksheet_set_column(worksheet_, c, c, width, nullptr));
    }
    worksheet_freeze_panes(worksheet_, 1, 0);
    Track(worksheet_autofilter(worksheet_, 0, 0, last_row,
                               static_cast<lxw_col_t>(widths_.size() - 1)));
  }

 private:
  // Keeps the first failure of any call, to report once the workbook is closed.
  void Track(lxw_error error) {
    if (error != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = error;
  }

  lxw_worksheet* worksheet_;
  std::vector<size_t> widths_;
  lxw_error error_ = LXW_NO_ERROR;
};


// The name of the defect's field (a field of its material, or a seal's owner or a
// signer), else its id.
std::string FieldName(const RenderOptions& options, const Defect& defect) {
  if (defect.field.empty()) return "";
  auto it = options.names.find(defect.document + "." + defect.field);
  if (it != options.names.end() && !it->second.empty()) return it->second;
  return Named(options, defect.field);
}

// A figure as shown: two decimals, so that a cell never holds 0.9249999999999999.
double Rounded(double value) { return std::round(value * 100) / 100; }

// The evidence cell: the evidence pairs, then one line per related place.
std::string EvidenceCell(const Defect& defect, const Masker& mask) {
  std::string out = report_internal::FormatEvidence(defect, mask);
  for (const RelatedPlace& place : defect.related) {
    if (!out.empty()) out += "\n";
    out += "相关：" + report_internal::FormatRelated(place, mask);
  }
  return out;
}

void FillSummary(const Report& report, const RenderOptions& options, const Masker& mask,
                 Sheet* sheet) {
  lxw_row_t row = 1;
  for (const SubmissionReport& submission : report.submissions) {
    sheet->String(row, 0, mask(submission.id));
    sheet->String(row, 1, mask(submission.path));
    sheet->String(row, 2, DomainName(submission, options));
    sheet->String(row, 3, report_internal::VerdictLabelZh(submission.verdict));
    sheet->Number(row, 4, submission.CountSeverity(Severity::kError));
    sheet->Number(row, 5, submission.CountSeverity(Severity::kWarning));
    sheet->Number(row, 6, static_cast<double>(submission.documents.size()));
    sheet->String(row, 7, report.as_of);
    ++row;
  }
  sheet->Finish(row - 1);
}

void FillDefects(const Report& report, const RenderOptions& options, const Masker& mask,
                 lxw_format* wrap, Sheet* sheet) {
  lxw_row_t row = 1;
  for (const SubmissionReport& submission : report.submissions) {
    for (const Defect& defect : submission.defects) {
      sheet->String(row, 0, mask(submission.id));
      sheet->String(row, 1, Named(options, defect.document));
      sheet->String(row, 2, mask(defect.file));
      if (defect.page > 0) sheet->Number(row, 3, defect.page);
      sheet->String(row, 4, FieldName(options, defect));
      sheet->String(row, 5, defect.code);
      sheet->String(row, 6, report_internal::SeverityLabelZh(defect.severity));
      sheet->String(row, 7, mask.Prose(defect, defect.message), wrap);
      sheet->String(row, 8, mask.Prose(defect, defect.suggestion), wrap);
      sheet->String(row, 9, EvidenceCell(defect, mask), wrap);
      ++row;
    }
  }
  sheet->Finish(row - 1);
}

void FillDocuments(const Report& report, const RenderOptions& options, const Masker& mask,
                   lxw_format* two_decimals, Sheet* sheet) {
  lxw_row_t row = 1;
  for (const SubmissionReport& submission : report.submissions) {
    for (const DocumentReport& document : submission.documents) {
      sheet->String(row, 0, mask(submission.id));
      sheet->String(row, 1, Named(options, document.type));
      sheet->Number(row, 2, Rounded(document.type_confidence), two_decimals);
      sheet->String(row, 3, mask(document.file));
      sheet->String(row, 4, report_internal::FormatPages(document.pages));
      ++row;
    }
  }
  sheet->Finish(row - 1);
}

// Builds the workbook into the open temporary file `temp_path`.
Status BuildWorkbook(const Report& report, const RenderOptions& options,
                     const std::string& temp_path, const std::string& dir,
                     const std::string& target) {
  // libxlsxwriter's own scratch files go beside the target too, in a folder known writable.
  lxw_workbook_options workbook_options = {};
  std::string tmpdir = dir;
  workbook_options.tmpdir = tmpdir.data();
  lxw_workbook* workbook = workbook_new_opt(temp_path.c_str(), &workbook_options);
  if (workbook == nullptr) {
    return Status(StatusCode::kInternal, target, "cannot create a workbook (out of memory)");
  }

  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(workbook);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* two_decimals = workbook_add_format(workbook);
  format_set_num_format(two_decimals, "0.00");

  const Masker mask(options);
  Sheet summary(workbook, "汇总",
                {"编号", "路径", "领域", "结论", "错误数", "警告数", "材料数", "审核日"}, bold);
  Sheet defects(
      workbook, "缺陷",
      {"编号", "材料", "文件", "页码", "字段", "代码", "严重程度", "问题", "修改建议", "证据"},
      bold);
  Sheet documents(workbook, "材料", {"编号", "材料", "置信度", "文件", "页码"}, bold);
  FillSummary(report, options, mask, &summary);
  FillDefects(report, options, mask, wrap, &defects);
  FillDocuments(report, options, mask, two_decimals, &documents);

  // workbook_close writes the file and frees the workbook whatever happened before.
  lxw_error error = LXW_NO_ERROR;
  for (const Sheet* sheet : {&summary, &defects, &documents}) {
    if (error == LXW_NO_ERROR && !sheet->ok()) error = sheet->error();
  }
  const lxw_error close_error = workbook_close(workbook);
  if (error == LXW_NO_ERROR) error = close_error;
  if (error != LXW_NO_ERROR) {
    return Status(StatusCode::kIOError, target,
                  std::string("cannot write the workbook: ") + lxw_strerror(error));
  }
  return Status::Ok();
}

}  // namespace

Status WriteXlsx(const Report& report, const std::string& path, const RenderOptions& options) {
  report_internal::TempFile temp;
  try {
    if (path.empty()) {
      return Status(StatusCode::kInvalidArgument, "", "empty output path");
    }

    // Excel holds 1,048,576 rows per sheet, the header included.
    size_t defect_rows = 0, document_rows = 0;
    for (const SubmissionReport& submission : report.submissions) {
      defect_rows += submission.defects.size();
      document_rows += submission.documents.size();
    }
    const size_t most_rows = std::max({report.submissions.size(), defect_rows, document_rows});
    if (most_rows >= LXW_ROW_MAX) {
      return Status(StatusCode::kLimitExceeded, path,
                    std::to_string(most_rows) + " rows do not fit in an Excel sheet");
    }

    Status status = report_internal::CreateTempBeside(path, &temp);
    if (!status.ok()) {
      return status;
    }
    const size_t slash = temp.path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : temp.path.substr(0, slash + 1);
    status = BuildWorkbook(report, options, temp.path, dir, path);
    if (!status.ok()) {
      report_internal::DiscardTempFile(&temp);
      return status;
    }
    return report_internal::CommitTempFile(&temp, path);
  } catch (...) {
    report_internal::DiscardTempFile(&temp);
    return Status(StatusCode::kInternal, path, "out of memory");
  }
}

std::map<std::string, std::string> NamesFrom(const Catalog& catalog) {
  std::map<std::string, std::string> names;
  for (const MaterialTemplate& m : catalog.materials()) {
    names[m.id] = m.name;
    for (const FieldSpec& f : m.fields) {
      names[m.id + "." + f.key] = !f.label.empty() ? f.label : f.caption;
    }
  }
  for (const DomainRuleSet& d : catalog.domains()) names[d.id] = d.name;
  // The owners of seals and the signers, which seal and signature defects name as field.
  for (const auto& [id, name] : {std::pair<const char*, const char*>{"applicant", "申请单位"},
                                 {"authority", "行政机关"},
                                 {"bank", "代收机构"},
                                 {"registry", "登记机关"},
                                 {"lessor", "产权人"},
                                 {"legal_rep", "法定代表人"},
                                 {"agent", "受托人"}}) {
    names.emplace(id, name);
  }
  return names;
}

}  // namespace precheck

// WriteHtml: the report as one HTML page for clerks. A summary table of the submissions,
// then per submission its defects (numbered, with message and suggestion) and the pictures
// of its pages (SubmissionReport::page_images) with each defect's place outlined and
// numbered as in the table, the seals found and the signature blocks. The pictures stay
// files beside the page, linked by relative paths; the page itself is written atomically.

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "precheck/report_io.h"
#include "report/report_internal.h"

namespace precheck {
namespace {

namespace fs = std::filesystem;
using report_internal::DomainName;
using report_internal::Masker;
using report_internal::Named;

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : report_internal::ValidUtf8(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// `path` as a relative URL: every byte but the unreserved ones and '/' percent-encoded.
std::string UrlPath(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

// The picture at `image` as seen from the folder of the page at `html`.
std::string RelativeTo(const std::string& image, const std::string& html) {
  std::error_code ec;
  fs::path from = fs::absolute(fs::path(html), ec).parent_path();
  fs::path to = fs::absolute(fs::path(image), ec);
  fs::path rel = to.lexically_relative(from);
  return rel.empty() ? to.string() : rel.string();
}

const char* VerdictClass(const std::string& verdict) {
  if (verdict == "pass") return "pass";
  if (verdict == "fail") return "fail";
  return "error";
}

std::string Num(int value) { return std::to_string(value); }

// A material's name; a page of no material in Chinese too.
std::string MaterialName(const RenderOptions& options, const std::string& id) {
  if (id == "unrecognized") return "未识别的材料";
  return Named(options, id);
}

// Who signs a signature block, in Chinese.
std::string SignerZh(const std::string& role) {
  static const std::map<std::string, std::string> kRoles = {{"legal_rep", "法定代表人"},
                                                            {"agent", "受托人"},
                                                            {"lessor", "产权人"},
                                                            {"payee", "收款人"},
                                                            {"unknown", "签字人"}};
  auto it = kRoles.find(role);
  return it != kRoles.end() ? it->second : role;
}

constexpr const char* kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; }
h2 { font-size: 1.25em; margin-top: 2em; border-top: 2px solid #ccc; padding-top: 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.verdict { padding: 0.1em 0.5em; border-radius: 0.3em; color: #fff; font-size: 0.9em; }
.verdict.pass { background: #2e7d32; } .verdict.fail { background: #c62828; }
.verdict.error { background: #6d4c41; }
tr.error td.sev { color: #c62828; font-weight: bold; } tr.warning td.sev { color: #ef6c00; }
.pages { display: flex; flex-wrap: wrap; gap: 1.5em; }
figure { margin: 0; width: 46em; max-width: 100%; }
figure svg { width: 100%; height: auto; border: 1px solid #999; }
figcaption { margin-bottom: 0.3em; font-weight: bold; }
.note { color: #555; font-size: 0.9em; }
.legend span { margin-right: 1.5em; }
.defect { fill: none; stroke-width: 8; }
.defect.error { stroke: #e53935; } .defect.warning { stroke: #fb8c00; }
.label { font-size: 56px; font-weight: bold; paint-order: stroke; stroke: #fff;
         stroke-width: 10px; }
.label.error { fill: #e53935; } .label.warning { fill: #fb8c00; }
.seal { fill: none; stroke: #1e88e5; stroke-width: 5; stroke-dasharray: 18 10; }
.sig { fill: none; stroke: #43a047; stroke-width: 5; stroke-dasharray: 18 10; }
)";

// One page's picture with the marks of `numbered` defects (numbers as in the table).
void RenderPage(const SubmissionReport& submission, const PageImage& image,
                const std::vector<std::pair<int, const Defect*>>& numbered,
                const std::string& html_path, const RenderOptions& options, const Masker& mask,
                std::string* out) {
  std::string material;
  for (const DocumentReport& d : submission.documents) {
    if (d.file == image.file &&
        std::find(d.pages.begin(), d.pages.end(), image.page) != d.pages.end()) {
      material = MaterialName(options, d.type);
    }
  }
  std::vector<std::string> unplaced;
  *out += "<figure><figcaption>" + Escape(mask(image.file)) + " 第" + Num(image.page) + "页";
  if (!material.empty()) *out += "（" + Escape(material) + "）";
  *out += "</figcaption>\n";
  if (image.path.empty()) {
    *out +=
        "<div class=\"note\">本页图片未能生成：" + Escape(mask(image.error)) + "</div></figure>\n";
    return;
  }
  *out += "<svg viewBox=\"0 0 " + Num(image.width) + " " + Num(image.height) +
          "\" xmlns=\"http://www.w3.org/2000/svg\">";
  *out += "<image href=\"" + Escape(UrlPath(RelativeTo(image.path, html_path))) +
          "\" x=\"0\" y=\"0\" width=\"" + Num(image.width) + "\" height=\"" + Num(image.height) +
          "\"/>";
  for (const DocumentReport& d : submission.documents) {
    if (d.file != image.file) continue;
    for (const SealReading& s : d.seals) {
      if (s.page != image.page || s.bbox.empty()) continue;
      *out += "<ellipse class=\"seal\" cx=\"" + Num(s.bbox.x + s.bbox.width / 2) + "\" cy=\"" +
              Num(s.bbox.y + s.bbox.height / 2) + "\" rx=\"" + Num(s.bbox.width / 2) + "\" ry=\"" +
              Num(s.bbox.height / 2) + "\"><title>印章：" +
              Escape(s.text.empty() ? "无法识别" : mask(s.text)) + "</title></ellipse>";
    }
    for (const SignatureReading& g : d.signatures) {
      if (g.page != image.page || g.bbox.empty()) continue;
      *out += "<rect class=\"sig\" x=\"" + Num(g.bbox.x) + "\" y=\"" + Num(g.bbox.y) +
              "\" width=\"" + Num(g.bbox.width) + "\" height=\"" + Num(g.bbox.height) +
              "\"><title>签字栏（" + Escape(SignerZh(g.role)) + "）：" +
              (!g.present      ? "未签字"
               : g.handwritten ? "手写签字"
                               : "非手写") +
              "</title></rect>";
    }
  }
  for (const auto& [n, d] : numbered) {
    if (d->file != image.file || d->page != image.page) continue;
    if (d->bbox.empty()) {
      unplaced.push_back("#" + Num(n));
      continue;
    }
    const char* sev = d->severity == Severity::kError ? "error" : "warning";
    *out += std::string("<rect class=\"defect ") + sev + "\" x=\"" + Num(d->bbox.x) + "\" y=\"" +
            Num(d->bbox.y) + "\" width=\"" + Num(d->bbox.width) + "\" height=\"" +
            Num(d->bbox.height) + "\"><title>" + Escape(mask.Prose(*d, d->message)) +
            "</title></rect>";
    *out += std::string("<text class=\"label ") + sev + "\" x=\"" +
            Num(std::max(0, d->bbox.x - 10)) + "\" y=\"" + Num(std::max(50, d->bbox.y - 14)) +
            "\">" + Num(n) + "</text>";
  }
  *out += "</svg>";
  if (!unplaced.empty()) {
    std::string list;
    for (const std::string& u : unplaced) list += (list.empty() ? "" : " ") + u;
    *out += "<div class=\"note\">本页问题（未标出位置）：" + list + "</div>";
  }
  *out += "</figure>\n";
}

void RenderSubmission(const SubmissionReport& submission, size_t index,
                      const std::string& html_path, const RenderOptions& options,
                      const Masker& mask, std::string* out) {
  *out += "<h2 id=\"s" + Num(static_cast<int>(index)) + "\">" + Escape(mask(submission.id)) +
          " <span class=\"verdict " + VerdictClass(submission.verdict) + "\">" +
          Escape(report_internal::VerdictLabelZh(submission.verdict)) + "</span></h2>\n";
  *out += "<p class=\"note\">路径：" + Escape(mask(submission.path)) + "　领域：" +
          Escape(DomainName(submission, options)) + "</p>\n";

  std::vector<std::pair<int, const Defect*>> numbered;
  for (size_t i = 0; i < submission.defects.size(); ++i) {
    numbered.emplace_back(static_cast<int>(i + 1), &submission.defects[i]);
  }
  if (numbered.empty()) {
    *out += "<p>未发现问题。</p>\n";
  } else {
    *out +=
        "<table class=\"defects\"><tr><th>#</th><th>级别</th><th>代码</th><th>材料</th>"
        "<th>文件</th><th>页</th><th>问题</th><th>修改建议</th></tr>\n";
    for (const auto& [n, d] : numbered) {
      const char* sev = d->severity == Severity::kError ? "error" : "warning";
      *out += std::string("<tr class=\"") + sev + "\"><td>" + Num(n) + "</td><td class=\"sev\">" +
              report_internal::SeverityLabelZh(d->severity) + "</td><td>" + Escape(d->code) +
              "</td><td>" + Escape(d->document.empty() ? "" : MaterialName(options, d->document)) +
              "</td><td>" + Escape(mask(d->file)) + "</td><td>" +
              (d->page > 0 ? Num(d->page) : "") + "</td><td>" + Escape(mask.Prose(*d, d->message)) +
              "</td><td>" + Escape(mask.Prose(*d, d->suggestion)) + "</td></tr>\n";
    }
    *out += "</table>\n";
  }

  if (submission.page_images.empty()) return;
  // Pages with a defect first, open; the others folded away.
  std::set<std::pair<std::string, int>> marked;
  for (const Defect& d : submission.defects) {
    if (!d.file.empty() && d.page > 0) marked.insert({d.file, d.page});
  }
  std::string with, without;
  int others = 0;
  for (const PageImage& image : submission.page_images) {
    bool has = marked.count({image.file, image.page}) > 0;
    RenderPage(submission, image, numbered, html_path, options, mask, has ? &with : &without);
    if (!has) ++others;
  }
  if (!with.empty()) *out += "<div class=\"pages\">\n" + with + "</div>\n";
  if (!without.empty()) {
    *out += "<details><summary>其他页面（" + Num(others) + "页，未发现问题）</summary>\n" +
            std::string("<div class=\"pages\">\n") + without + "</div></details>\n";
  }
}

}  // namespace

std::string RenderHtml(const Report& report, const std::string& html_path,
                       const RenderOptions& options) {
  Masker mask(options);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>信用修复材料预审报告</title>\n<style>" +
      std::string(kStyle) + "</style>\n</head>\n<body>\n<h1>信用修复材料预审报告</h1>\n";
  out += "<p class=\"note\">审核日期 " + Escape(report.as_of) + "　precheck " +
         Escape(report.tool_version) + "　共 " + Num(static_cast<int>(report.submissions.size())) +
         " 份申请。本报告为自动预审结果，供受理人员参考，不代替人工审核。</p>\n";
  out +=
      "<p class=\"legend note\"><span style=\"color:#e53935\">■ 错误</span>"
      "<span style=\"color:#fb8c00\">■ 警告</span><span style=\"color:#1e88e5\">◯ 印章</span>"
      "<span style=\"color:#43a047\">▭ 签字栏</span></p>\n";
  out +=
      "<table class=\"summary\"><tr><th>申请</th><th>领域</th><th>结论</th><th>错误</th>"
      "<th>警告</th></tr>\n";
  for (size_t i = 0; i < report.submissions.size(); ++i) {
    const SubmissionReport& s = report.submissions[i];
    out += "<tr><td><a href=\"#s" + Num(static_cast<int>(i)) + "\">" + Escape(mask(s.id)) +
           "</a></td><td>" + Escape(DomainName(s, options)) +
           "</td><td><span class=\"verdict " + VerdictClass(s.verdict) + "\">" +
           Escape(report_internal::VerdictLabelZh(s.verdict)) + "</span></td><td>" +
           Num(s.CountSeverity(Severity::kError)) + "</td><td>" +
           Num(s.CountSeverity(Severity::kWarning)) + "</td></tr>\n";
  }
  out += "</table>\n";
  for (size_t i = 0; i < report.submissions.size(); ++i) {
    RenderSubmission(report.submissions[i], i, html_path, options, mask, &out);
  }
  out += "</body>\n</html>\n";
  return out;
}

Status WriteHtml(const Report& report, const std::string& path, const RenderOptions& options) {
  // A page whose pictures are missing is not the report asked for: none is written.
  for (const SubmissionReport& s : report.submissions) {
    for (const PageImage& image : s.page_images) {
      if (!image.error.empty()) {
        return Status(StatusCode::kIOError, path,
                      "not written: the picture of a page could not be (" + image.error + ")");
      }
    }
  }
  return WriteFileAtomically(path, RenderHtml(report, path, options));
}

}  // namespace precheck

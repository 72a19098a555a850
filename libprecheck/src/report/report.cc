// The report model's few methods, and the labels and small formatters that the JSON, text and
// xlsx writers share (report_internal.h).

#include "precheck/report.h"

#include <algorithm>
#include <string>

#include "report/report_internal.h"

namespace precheck {

const FieldReading* DocumentReport::Field(const std::string& key) const {
  for (const FieldReading& field : fields) {
    if (field.key == key) {
      return &field;
    }
  }
  return nullptr;
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
  }
  return "error";
}

int SubmissionReport::CountSeverity(Severity severity) const {
  return static_cast<int>(std::count_if(defects.begin(), defects.end(),
                                        [&](const Defect& d) { return d.severity == severity; }));
}

namespace report_internal {

std::string Named(const RenderOptions& options, const std::string& id) {
  auto it = options.names.find(id);
  return it != options.names.end() && !it->second.empty() ? it->second : id;
}

std::string DomainName(const SubmissionReport& submission, const RenderOptions& options) {
  return submission.domain ? Named(options, *submission.domain) : std::string("未确定");
}

const char* SeverityLabelZh(Severity severity) {
  return severity == Severity::kWarning ? "警告" : "错误";
}

std::string VerdictLabelZh(const std::string& verdict) {
  if (verdict == "pass") return "通过";
  if (verdict == "fail") return "不通过";
  if (verdict == "error") return "无法检查";
  return verdict;
}

std::string FormatPages(const std::vector<int>& pages) {
  std::string out;
  size_t i = 0;
  while (i < pages.size()) {
    // Extend a run of consecutive pages as far as it goes.
    size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) {
      ++j;
    }
    if (!out.empty()) {
      out += ",";
    }
    out += std::to_string(pages[i]);
    if (j > i) {
      out += "-" + std::to_string(pages[j]);
    }
    i = j + 1;
  }
  return out;
}

std::string FormatEvidence(const Defect& defect, const Masker& mask) {
  std::string out;
  for (const auto& [key, value] : defect.evidence) {
    if (!out.empty()) {
      out += ", ";
    }
    out += key + "=" + mask.Field(defect.field, value);
  }
  return out;
}

std::string FormatRelated(const RelatedPlace& place, const Masker& mask) {
  std::string out = place.document;
  auto add = [&out](const std::string& part) {
    if (part.empty()) return;
    if (!out.empty()) out += " ";
    out += part;
  };
  add(mask(place.file));
  if (place.page > 0) {
    add("p." + std::to_string(place.page));
  }
  if (!place.field.empty()) {
    add(place.value.empty() ? place.field
                            : place.field + "=" + mask.Field(place.field, place.value));
  } else {
    add(mask(place.value));
  }
  return out;
}

std::string ValidUtf8(std::string_view text) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    char32_t min_code = 0;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2, min_code = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3, min_code = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4, min_code = 0x10000;
    }

    // Check the continuation bytes and reject overlong forms, surrogates and values past
    // U+10FFFF.
    bool valid = length > 0 && i + length <= text.size();
    char32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    if (valid && length > 1) {
      valid = code >= min_code && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    }

    if (valid) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += kReplacement;
      ++i;
    }
  }
  return out;
}

}  // namespace report_internal
}  // namespace precheck

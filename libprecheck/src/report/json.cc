// RenderJson: the report as JSON, schema precheck.report/1 (docs/report.md). Built with
// nlohmann::ordered_json so keys keep the contract's order and fields keep template order;
// absent places are null, confidences are rounded to two decimals, Chinese is left unescaped.

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "precheck/report_io.h"
#include "report/report_internal.h"

#ifndef PRECHECK_VERSION
#define PRECHECK_VERSION "0.0.0"
#endif

namespace precheck {
namespace {

using Json = nlohmann::ordered_json;
using report_internal::Masker;

Json Confidence(double value) {
  if (!std::isfinite(value)) {
    return nullptr;
  }
  return std::round(value * 100.0) / 100.0;
}

Json BoxJson(const Box& box) {
  if (box.empty()) {
    return nullptr;
  }
  return Json::array({box.x, box.y, box.width, box.height});
}

Json PageJson(int page) { return page > 0 ? Json(page) : Json(nullptr); }

Json StringOrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

// An evidence value is a JSON number when it is a plain decimal that a double holds exactly
// enough: "0.82", "600.00", "2024", "-3". Longer digit strings (phone, ID, account numbers) and
// anything with leading zeros, signs of formatting or letters stay strings.
Json EvidenceValue(const std::string& text) {
  size_t i = text.size() > 1 && text[0] == '-' ? 1 : 0;
  const size_t int_begin = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  const size_t int_digits = i - int_begin;
  size_t frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const size_t frac_begin = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    frac_digits = i - frac_begin;
    if (frac_digits == 0) return text;
  }
  const bool leading_zero = int_digits > 1 && text[int_begin] == '0';
  if (i != text.size() || int_digits == 0 || int_digits > 9 || frac_digits > 6 || leading_zero) {
    return text;
  }
  if (frac_digits == 0) {
    return std::stoll(text);
  }
  return std::stod(text);
}

Json FieldJson(const FieldReading& field, const Masker& mask) {
  Json out = Json::object();
  out["text"] = mask.Field(field.key, field.text);
  out["value"] = mask.Field(field.key, field.value);
  out["confidence"] = Confidence(field.confidence);
  out["page"] = PageJson(field.page);
  out["bbox"] = BoxJson(field.bbox);
  out["handwritten"] = field.handwritten;
  return out;
}

Json SealJson(const SealReading& seal, const Masker& mask) {
  Json out = Json::object();
  out["page"] = PageJson(seal.page);
  out["bbox"] = BoxJson(seal.bbox);
  out["shape"] = seal.shape;
  out["color"] = seal.color;
  out["text"] = mask(seal.text);
  out["lower_text"] = mask(seal.lower_text);
  out["owner"] = seal.owner;
  out["confidence"] = Confidence(seal.confidence);
  return out;
}

Json SignatureJson(const SignatureReading& signature, const Masker& mask) {
  Json out = Json::object();
  out["page"] = PageJson(signature.page);
  out["bbox"] = BoxJson(signature.bbox);
  out["role"] = signature.role;
  out["present"] = signature.present;
  out["handwritten"] = signature.handwritten;
  out["confidence"] = Confidence(signature.confidence);
  // An extension of report.md: how this signature compares with the same signer's others.
  if (!signature.comparisons.empty()) {
    Json comparisons = Json::array();
    for (const SignatureComparison& c : signature.comparisons) {
      Json one = Json::object();
      one["document"] = c.document;
      one["file"] = mask(c.file);
      one["page"] = PageJson(c.page);
      one["score"] = Confidence(c.score);
      one["consistent"] = c.consistent;
      comparisons.push_back(std::move(one));
    }
    out["comparisons"] = std::move(comparisons);
  }
  return out;
}

Json DocumentJson(const DocumentReport& document, const Masker& mask) {
  Json out = Json::object();
  out["type"] = document.type;
  out["type_confidence"] = Confidence(document.type_confidence);
  out["file"] = mask(document.file);
  out["pages"] = document.pages;

  Json fields = Json::object();
  for (const FieldReading& field : document.fields) {
    fields[field.key] = FieldJson(field, mask);
  }
  out["fields"] = std::move(fields);

  Json seals = Json::array();
  for (const SealReading& seal : document.seals) seals.push_back(SealJson(seal, mask));
  out["seals"] = std::move(seals);

  Json signatures = Json::array();
  for (const SignatureReading& signature : document.signatures) {
    signatures.push_back(SignatureJson(signature, mask));
  }
  out["signatures"] = std::move(signatures);
  return out;
}

Json DefectJson(const Defect& defect, const Masker& mask) {
  Json out = Json::object();
  out["code"] = defect.code;
  out["severity"] = SeverityName(defect.severity);
  out["document"] = StringOrNull(defect.document);
  out["file"] = StringOrNull(mask(defect.file));
  out["page"] = PageJson(defect.page);
  out["field"] = StringOrNull(defect.field);
  out["bbox"] = BoxJson(defect.bbox);
  out["message"] = mask.Prose(defect, defect.message);
  out["suggestion"] = mask.Prose(defect, defect.suggestion);

  // Evidence values are masked before the number test, so a masked value stays a string.
  Json evidence = Json::object();
  for (const auto& [key, value] : defect.evidence) {
    evidence[key] = EvidenceValue(mask.Field(defect.field, value));
  }
  out["evidence"] = std::move(evidence);

  Json related = Json::array();
  for (const RelatedPlace& place : defect.related) {
    Json item = Json::object();
    item["document"] = StringOrNull(place.document);
    item["file"] = StringOrNull(mask(place.file));
    item["page"] = PageJson(place.page);
    item["field"] = StringOrNull(place.field);
    item["value"] = mask.Field(place.field, place.value);
    related.push_back(std::move(item));
  }
  out["related"] = std::move(related);
  return out;
}

Json SubmissionJson(const SubmissionReport& submission, const Masker& mask) {
  Json out = Json::object();
  out["id"] = mask(submission.id);
  out["path"] = mask(submission.path);
  out["domain"] = submission.domain ? Json(*submission.domain) : Json(nullptr);
  out["verdict"] = submission.verdict;

  Json documents = Json::array();
  for (const DocumentReport& document : submission.documents) {
    documents.push_back(DocumentJson(document, mask));
  }
  out["documents"] = std::move(documents);

  Json defects = Json::array();
  for (const Defect& defect : submission.defects) defects.push_back(DefectJson(defect, mask));
  out["defects"] = std::move(defects);
  return out;
}

// nlohmann puts each array element on a line of its own; bbox and pages read better as
// [820, 1630, 600, 90]. Folds every array that holds only numbers (or nulls) onto one line,
// leaving strings untouched.
std::string FoldNumberArrays(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) {
        out += json[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[') {
      const size_t close = json.find_first_of("[]{}\"", i + 1);
      if (close != std::string::npos && json[close] == ']') {
        // Only numbers, nulls, commas and white space lie between the brackets.
        std::string folded = "[";
        bool has_items = false;
        for (size_t k = i + 1; k < close; ++k) {
          const char e = json[k];
          if (e == ' ' || e == '\n') continue;
          if (e == ',') {
            folded += ", ";
          } else {
            folded += e;
          }
          has_items = true;
        }
        out += has_items ? folded + "]" : "[]";
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace

// Returns "" only when memory runs out; nothing else here can throw (invalid UTF-8 is
// replaced by U+FFFD when dumping).
std::string RenderJson(const Report& report, const RenderOptions& options) {
  try {
    const Masker mask(options);
    Json root = Json::object();
    root["schema"] = report.schema;
    root["tool"] = Json::object();
    root["tool"]["name"] = "precheck";
    root["tool"]["version"] = report.tool_version.empty() ? PRECHECK_VERSION : report.tool_version;
    root["as_of"] = report.as_of;

    Json submissions = Json::array();
    for (const SubmissionReport& submission : report.submissions) {
      submissions.push_back(SubmissionJson(submission, mask));
    }
    root["submissions"] = std::move(submissions);

    return FoldNumberArrays(root.dump(2, ' ', false, Json::error_handler_t::replace)) + "\n";
  } catch (...) {
    return std::string();
  }
}

}  // namespace precheck

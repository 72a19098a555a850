// Rule checks over the documents of a submission.
//
// Material presence follows the domain's rule set (required, one_of groups, materials
// brought in by others). Field checks re-normalise each reading's text with its template
// type: blank required fields, values that fail their format or check character, and dates
// that do not exist or lie after the review date.

#include "rules/checker.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "rules/cross_document.h"
#include "rules/rule_engine.h"
#include "rules/seal_checks.h"
#include "rules/signature_checks.h"
#include "rules/values.h"
#include "util/text.h"

namespace precheck::rules {
namespace {

// The OCR confidence above which a failed check is trusted to be the applicant's error.
constexpr double kReliableConfidence = 0.8;

// True when `text`, from its first numeral on, holds only what dates are written with:
// digits, Chinese numerals, 年月日, 至 and the separators . - / and spaces.
bool PlainDate(const std::string& text) {
  static const std::u32string kNumerals = U"0123456789０１２３４５６７８９〇零一二三四五六七八九十";
  static const std::u32string kOther = U"年月日至.-/ ．－／长期";
  std::u32string t = text::ToU32(text);
  size_t start = t.find_first_of(kNumerals);
  if (start == std::u32string::npos) return false;
  for (size_t i = start; i < t.size(); ++i) {
    if (kNumerals.find(t[i]) == std::u32string::npos && kOther.find(t[i]) == std::u32string::npos) {
      return false;
    }
  }
  return true;
}

// True when changing the check character (the last) of `text` for one OCR confuses it with
// (0/O/Q/D, 1/I/L/T/7, 2/Z, 5/S, 6/G, 8/B) gives a valid value of `type`: the failed check may
// then be the reading's, not the applicant's. Only the last character is tried: with every
// position, most wrong codes would have some valid neighbour.
bool CheckCharConfusable(values::ValueType type, const std::string& text) {
  static const std::vector<std::string> kGroups = {"0OQD", "1ILT7", "2Z", "5S", "6G", "8B"};
  std::string s;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  if (s.empty()) return false;
  for (const std::string& group : kGroups) {
    if (group.find(s.back()) == std::string::npos) continue;
    for (char other : group) {
      if (other == s.back()) continue;
      std::string changed = s;
      changed.back() = other;
      if (values::Normalize(type, changed).outcome == values::Outcome::kOk) return true;
    }
  }
  return false;
}

class DefectMaker {
 public:
  explicit DefectMaker(const Catalog& catalog) : catalog_(catalog) {}

  Defect Make(const std::string& text_id,
              const std::vector<std::pair<std::string, std::string>>& values) const {
    return MakeDefect(catalog_, text_id, values);
  }

  std::string MaterialName(const std::string& id) const {
    const MaterialTemplate* m = catalog_.Material(id);
    return m ? m->name : id;
  }

 private:
  const Catalog& catalog_;
};

bool Present(const std::vector<DocumentReport>& docs, const std::string& type) {
  return std::any_of(docs.begin(), docs.end(),
                     [&](const DocumentReport& d) { return d.type == type; });
}

// True when an unreadable file was probably this material, so reporting it missing as
// well would say the same thing twice. A note or an archive (营业执照.docx) is no scan of
// the material, only a warning: the material is still missing.
bool Hinted(const std::vector<UnreadableFile>& files, const std::string& type) {
  return std::any_of(files.begin(), files.end(), [&](const UnreadableFile& f) {
    return !f.not_a_document &&
           std::find(f.material_hints.begin(), f.material_hints.end(), type) !=
               f.material_hints.end();
  });
}

void CheckMaterials(const CheckInput& in, const DefectMaker& make, std::vector<Defect>* out) {
  const std::vector<DocumentReport>& docs = *in.documents;
  const DomainRuleSet& d = *in.domain;
  auto missing = [&](const std::string& type) {
    Defect def = make.Make("DOC_MISSING", {{"material", make.MaterialName(type)}});
    def.document = type;
    out->push_back(std::move(def));
  };
  for (const std::string& type : d.required) {
    if (!Present(docs, type) && !Hinted(*in.unreadable, type)) missing(type);
  }
  for (const std::vector<std::string>& group : d.one_of) {
    bool any = std::any_of(group.begin(), group.end(), [&](const std::string& t) {
      return Present(docs, t) || Hinted(*in.unreadable, t);
    });
    if (any || group.empty()) continue;
    std::string alternatives;
    for (size_t i = 1; i < group.size(); ++i) {
      alternatives += (i > 1 ? "、" : "") + make.MaterialName(group[i]);
    }
    Defect def = make.Make("DOC_MISSING_ONE_OF", {{"material", make.MaterialName(group[0])},
                                                  {"alternatives", alternatives}});
    def.document = group[0];
    std::string ids;
    for (size_t i = 1; i < group.size(); ++i) ids += (i > 1 ? "," : "") + group[i];
    def.evidence.emplace_back("alternatives", ids);
    out->push_back(std::move(def));
  }
  for (const auto& [type, brought] : d.with) {
    if (!Present(docs, type)) continue;
    for (const std::string& b : brought) {
      if (!Present(docs, b) && !Hinted(*in.unreadable, b)) missing(b);
    }
  }
}

// What the applicant sees as the field's name: its label, else its caption, else its key.
std::string FieldLabel(const FieldSpec& spec) {
  return !spec.label.empty() ? spec.label : !spec.caption.empty() ? spec.caption : spec.key;
}

// True when a grey seal lies beside the field's label, on its row, where its value would
// be: on a black-and-white copy a seal is as dark as the print under it, and a value
// written there is lost with the seal's ink. A coloured seal is taken out before reading.
bool GreySealOnValue(const DocumentReport& doc, const FieldReading& r) {
  if (r.page <= 0 || r.bbox.width <= 0 || r.bbox.height <= 0) return false;
  const int h = r.bbox.height;
  const int top = r.bbox.y - h, bottom = r.bbox.y + 2 * h;
  for (const SealReading& s : doc.seals) {
    if (s.page != r.page || s.color != "grey") continue;
    bool rows = s.bbox.y < bottom && s.bbox.y + s.bbox.height > top;
    bool right = s.bbox.x + s.bbox.width > r.bbox.x + r.bbox.width;
    if (rows && right) return true;
  }
  return false;
}

void CheckFields(const CheckInput& in, const DocumentReport& doc, const DefectMaker& make,
                 std::vector<Defect>* out) {
  const MaterialTemplate* t = in.catalog->Material(doc.type);
  if (!t) return;
  std::optional<values::Date> as_of = values::ParseIso(in.as_of);
  for (const FieldReading& r : doc.fields) {
    const FieldSpec* spec = t->Field(r.key);
    if (!spec) continue;
    if (!r.found) {
      // A required field whose label was not found on the page was not checked at all: a
      // person looks rather than the field passing unseen. One read from a seal is the
      // seal check's concern.
      if (spec->required && spec->locate != Locate::kSeal) {
        Defect d =
            make.Make("FIELD_NOT_LOCATED", {{"material", t->name}, {"field", FieldLabel(*spec)}});
        d.document = doc.type;
        d.file = doc.file;
        d.page = doc.pages.empty() ? 0 : doc.pages.front();
        d.field = r.key;
        out->push_back(std::move(d));
      }
      continue;
    }
    std::optional<values::ValueType> type = values::ParseValueType(spec->type);
    if (!type) continue;
    values::Normalized n = values::Normalize(*type, r.text);
    // A value the reading stage settled (an identifier confirmed by another material) is
    // valid even though the raw text alone is not.
    if (n.outcome != values::Outcome::kOk && !r.value.empty()) {
      n = values::Normalized{values::Outcome::kOk, r.value, ""};
    }
    std::vector<std::pair<std::string, std::string>> vars = {{"material", t->name},
                                                             {"field", FieldLabel(*spec)},
                                                             {"value", r.text},
                                                             {"reason", n.reason}};
    auto place = [&](Defect d) {
      d.document = doc.type;
      d.file = doc.file;
      d.page = r.page;
      d.field = r.key;
      d.bbox = r.bbox;
      out->push_back(std::move(d));
    };
    bool is_date = *type == values::ValueType::kDate || *type == values::ValueType::kDateRange;
    if (n.outcome == values::Outcome::kEmpty) {
      // The applicant fills in its own materials; a blank on a licence, an ID card or an
      // authority's decision is a reading the clerk must check, not a field to fill in.
      if (spec->required) {
        const char* id = r.handwritten                ? "FIELD_HANDWRITTEN"
                         : t->issuer != "applicant"   ? "FIELD_UNREAD"
                         : GreySealOnValue(doc, r)    ? "FIELD_UNDER_SEAL"
                                                      : "FIELD_EMPTY";
        place(make.Make(id, vars));
      }
      continue;
    }
    if (n.outcome == values::Outcome::kInvalid) {
      // Only a clearly read value that fails a decisive check (a check character, a date
      // that does not exist) is the applicant's error; anything else may be the reading's.
      // A phone number read cleanly as digits but of the wrong length was written so.
      bool clean_digits =
          r.text.size() >= 7 && r.text.find_first_not_of("0123456789- ") == std::string::npos;
      bool decisive = n.reason == "校验码错误" || n.reason == "日期不存在" ||
                      n.reason == "缺少年份" || (n.reason == "电话号码格式不正确" && clean_digits);
      if (n.reason == "校验码错误" && CheckCharConfusable(*type, r.text)) decisive = false;
      // A date that does not exist is the applicant's only when it was read as nothing but a
      // date: 2024年01月0:日 is a misread 09, not a day 0.
      if (is_date && !PlainDate(r.text)) decisive = false;
      bool reliable = decisive && r.confidence >= kReliableConfidence;
      std::string id = !reliable ? "REVIEW_NEEDED" : (is_date ? "DATE_INVALID" : "FIELD_INVALID");
      Defect d = make.Make(id, vars);
      d.evidence.emplace_back("found", r.text);
      d.evidence.emplace_back("reason", n.reason);
      place(std::move(d));
      continue;
    }
    if (*type == values::ValueType::kDate && as_of) {
      std::optional<values::Date> date = values::ParseIso(n.value);
      if (date && *date > *as_of) {
        vars[3].second = "晚于审核日" + ChineseDate(*as_of);
        vars.emplace_back("as_of", ChineseDate(*as_of));
        bool reliable = r.confidence >= kReliableConfidence;
        Defect d = make.Make(reliable ? "DATE_AFTER_REVIEW" : "REVIEW_NEEDED", vars);
        d.evidence.emplace_back("found", n.value);
        d.evidence.emplace_back("as_of", in.as_of);
        place(std::move(d));
      }
    }
  }
}

// TEMPLATE_MISMATCH: an outdated form, or mandatory clauses missing. A missing clause on a
// poorly read page goes to review instead.
void CheckForm(const MaterialTemplate& t, const DocumentReport& doc, const match::FormFinding& form,
               const DefectMaker& make, std::vector<Defect>* out) {
  if (form.empty()) return;
  std::string current = t.titles.empty() ? t.name : t.titles.front();
  Defect d;
  if (!form.outdated_title.empty()) {
    d = make.Make("TEMPLATE_OUTDATED",
                  {{"material", t.name}, {"title", form.outdated_title}, {"current", current}});
    d.evidence.emplace_back("title", form.outdated_title);
  } else {
    std::string clauses;
    for (const std::string& c : form.missing_clauses) {
      clauses += (clauses.empty() ? "“" : "、“") + c + "”";
    }
    d = make.Make(form.reliable ? "TEMPLATE_CLAUSE_MISSING" : "TEMPLATE_CLAUSE_UNREAD",
                  {{"material", t.name}, {"clauses", clauses}, {"current", current}});
    for (const std::string& c : form.missing_clauses) d.evidence.emplace_back("missing_clause", c);
  }
  d.evidence.emplace_back("current_form", current);
  d.document = doc.type;
  d.file = doc.file;
  d.page = doc.pages.empty() ? 0 : doc.pages.front();
  out->push_back(std::move(d));
}

}  // namespace

std::string Fill(const std::string& pattern,
                 const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out = pattern;
  for (const auto& [name, value] : values) {
    std::string key = "{" + name + "}";
    for (size_t pos = out.find(key); pos != std::string::npos;
         pos = out.find(key, pos + value.size())) {
      out.replace(pos, key.size(), value);
    }
  }
  return out;
}

Defect MakeDefect(const Catalog& catalog, const std::string& text_id,
                  const std::vector<std::pair<std::string, std::string>>& values) {
  DefectText t = catalog.Text(text_id);
  Defect d;
  d.code = t.code;
  d.severity = t.severity == "warning" ? Severity::kWarning : Severity::kError;
  d.message = Fill(t.message, values);
  d.suggestion = Fill(t.suggestion, values);
  return d;
}

std::vector<Defect> CheckSubmission(const CheckInput& in) {
  std::vector<Defect> out;
  DefectMaker make(*in.catalog);

  for (const UnreadableFile& f : *in.unreadable) {
    Defect d = make.Make(f.not_a_document ? "DOC_NOT_DOCUMENT" : "DOC_UNREADABLE",
                         {{"file", f.file}, {"reason", f.reason_zh}});
    if (f.material_hints.size() == 1) d.document = f.material_hints.front();
    d.file = f.file;
    d.evidence.emplace_back("reason", f.reason);
    out.push_back(std::move(d));
  }

  if (in.submission_problems) {
    for (const std::string& problem : *in.submission_problems) {
      Defect d = make.Make("SUBMISSION_YAML", {{"problem", problem}});
      d.file = "submission.yaml";
      out.push_back(std::move(d));
    }
  }

  // A folder with no file in it: that, rather than which material is missing.
  const bool empty = in.documents->empty() && (!in.unreadable || in.unreadable->empty());
  // The material that would have decided the domain is a file that could not be read: its
  // DOC_UNREADABLE says what is wrong; it is not missing.
  const bool deciding_unreadable = std::any_of(
      in.catalog->domains().begin(), in.catalog->domains().end(), [&](const DomainRuleSet& d) {
        return std::any_of(d.decided_by.begin(), d.decided_by.end(),
                           [&](const std::string& m) { return Hinted(*in.unreadable, m); });
      });
  if (in.domain) {
    CheckMaterials(in, make, &out);
  } else if (empty) {
    out.push_back(make.Make("SUBMISSION_EMPTY", {}));
  } else if (!deciding_unreadable) {
    Defect d = make.Make("DOC_MISSING_DOMAIN", {{"material", "修复申请材料（申请表或申请书）"}});
    out.push_back(std::move(d));
  }

  for (const DocumentReport& doc : *in.documents) {
    if (doc.type == "unrecognized") {
      for (int page : doc.pages) {
        Defect d =
            make.Make("DOC_UNRECOGNIZED", {{"file", doc.file}, {"page", std::to_string(page)}});
        d.document = doc.type;
        d.file = doc.file;
        d.page = page;
        out.push_back(std::move(d));
      }
      continue;
    }
    const MaterialTemplate* t = in.catalog->Material(doc.type);
    size_t index = static_cast<size_t>(&doc - in.documents->data());
    if (t && in.forms && index < in.forms->size()) {
      CheckForm(*t, doc, (*in.forms)[index], make, &out);
    }
    CheckFields(in, doc, make, &out);
    CheckSeals(in, doc, &out);
  }
  CheckSignatures(in, &out);

  // Facts across fields and materials, after the fields' own checks so that a field gets
  // one defect.
  EvaluateFactRules(in, &out);
  CheckCrossDocument(in, &out);
  return out;
}

}  // namespace precheck::rules

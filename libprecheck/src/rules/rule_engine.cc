// Evaluation of the fact rules of rules/facts.yaml.
//
// Each rule reads its field and its first present reference from the documents, normalised
// by template type, and compares them by kind. A comparison that finds a defect reports it
// as an error only when every reading it rests on is confident; otherwise as REVIEW_NEEDED.

#include "rules/rule_engine.h"

#include <algorithm>
#include <cmath>

namespace precheck::rules {
namespace {

using Vars = std::vector<std::pair<std::string, std::string>>;

bool AppliesTo(const FactRule& rule, const DomainRuleSet* domain) {
  if (rule.domains.empty()) return true;
  return domain &&
         std::find(rule.domains.begin(), rule.domains.end(), domain->id) != rule.domains.end();
}

bool AlreadyReported(const std::vector<Defect>& reported, const DocumentReport& doc,
                     const std::string& field) {
  return std::any_of(reported.begin(), reported.end(), [&](const Defect& d) {
    return d.document == doc.type && d.file == doc.file && d.field == field;
  });
}

std::string MaterialName(const Catalog& catalog, const std::string& id) {
  const MaterialTemplate* m = catalog.Material(id);
  return m ? m->name : id;
}

RelatedPlace Related(const FactReading& r) {
  return RelatedPlace{r.document->type, r.document->file, r.reading->page, r.reading->key, r.value};
}

// A date before 1900 is a misread year ("24年" for 2024年), not a date to compare.
bool PlausibleYear(values::ValueType type, const std::string& value) {
  if (type != values::ValueType::kDate && type != values::ValueType::kDateRange) return true;
  return value.size() >= 4 && value.compare(0, 2, "19") >= 0;
}

class RuleRunner {
 public:
  RuleRunner(const CheckInput& in, std::vector<Defect>* out)
      : in_(in), policy_(in.catalog->policy()), out_(out) {}

  void Run(const FactRule& rule) {
    std::vector<FactReading> field = ReadFact(in_, rule.field.material, rule.field.field, *out_);
    if (field.empty() && rule.kind != FactRuleKind::kPublicity) return;
    std::vector<FactReading> reference;
    for (const FieldRef& ref : rule.references) {
      reference = ReadFact(in_, ref.material, ref.field, *out_);
      if (!reference.empty()) break;
    }
    switch (rule.kind) {
      case FactRuleKind::kDateOrder:
        if (!reference.empty()) DateOrder(rule, field, reference.front());
        break;
      case FactRuleKind::kSameDate:
        if (!reference.empty()) SameDate(rule, field, reference.front());
        break;
      case FactRuleKind::kPublicity:
        Publicity(rule, field, reference);
        break;
      case FactRuleKind::kExpiry:
        Expiry(rule, field);
        break;
      case FactRuleKind::kAmountAtLeast:
        if (!reference.empty()) AmountAtLeast(rule, field, reference.front());
        break;
      case FactRuleKind::kAmountWords:
        if (!reference.empty()) AmountWords(rule, field, reference.front());
        break;
    }
  }

 private:
  bool Reliable(const FactReading& r) const { return ReliableReading(*r.reading, policy_); }

  // Reports `text_id` at `at`, or REVIEW_FACT when either reading is not confident.
  void Report(const std::string& text_id, const FactReading& at, const FactReading* other,
              const std::string& expected, Vars vars) {
    bool reliable = Reliable(at) && (!other || Reliable(*other));
    vars.emplace_back("expected", expected);
    if (other) {
      vars.emplace_back("other", MaterialName(*in_.catalog, other->document->type));
      vars.emplace_back("other_field", other->label);
    }
    Defect d = MakeFactDefect(*in_.catalog, reliable ? text_id : "REVIEW_FACT", at, vars);
    d.evidence.emplace_back("found", at.value);
    if (!expected.empty()) d.evidence.emplace_back("expected", expected);
    if (other) d.related.push_back(Related(*other));
    out_->push_back(std::move(d));
  }

  // A single reading that decides: REVIEW_NEEDED with `reason` when it is not confident.
  void ReportSingle(const std::string& text_id, const FactReading& at, const std::string& reason,
                    Vars vars) {
    if (Reliable(at)) {
      Defect d = MakeFactDefect(*in_.catalog, text_id, at, vars);
      d.evidence.emplace_back("found", at.value);
      out_->push_back(std::move(d));
      return;
    }
    vars.emplace_back("reason", reason);
    Defect d = MakeFactDefect(*in_.catalog, "REVIEW_NEEDED", at, vars);
    d.evidence.emplace_back("found", at.value);
    d.evidence.emplace_back("reason", reason);
    out_->push_back(std::move(d));
  }

  void DateOrder(const FactRule& rule, const std::vector<FactReading>& field,
                 const FactReading& reference) {
    std::optional<values::Date> earliest = values::ParseIso(reference.value);
    if (!earliest) return;
    for (const FactReading& r : field) {
      std::optional<values::Date> date = values::ParseIso(r.value);
      if (!date || *date >= *earliest) continue;
      Report(rule.text, r, &reference, ChineseDate(*earliest), {{"value", ChineseDate(*date)}});
    }
  }

  void SameDate(const FactRule& rule, const std::vector<FactReading>& field,
                const FactReading& reference) {
    std::optional<values::Date> want = values::ParseIso(reference.value);
    if (!want) return;
    for (const FactReading& r : field) {
      std::optional<values::Date> date = values::ParseIso(r.value);
      if (!date || *date == *want) continue;
      Report(rule.text, r, &reference, ChineseDate(*want), {{"value", ChineseDate(*date)}});
    }
  }

  // The start date is the field's reading, else the first reference's. Two sources that agree
  // make an unconfident reading reliable.
  void Publicity(const FactRule& rule, const std::vector<FactReading>& field,
                 const std::vector<FactReading>& reference) {
    std::optional<values::Date> as_of = values::ParseIso(in_.as_of);
    if (!as_of) return;
    const std::vector<FactReading>& source = field.empty() ? reference : field;
    if (source.empty()) return;
    FactReading start = source.front();
    std::optional<values::Date> date = values::ParseIso(start.value);
    if (!date) return;
    bool confirmed =
        !field.empty() && std::any_of(reference.begin(), reference.end(),
                                      [&](const FactReading& r) { return r.value == start.value; });
    std::optional<int> months = MinPublicityMonths(policy_, rule.period, in_.severity, *as_of);
    if (!months) return;
    values::Date eligible = values::AddMonths(*date, *months);
    if (*as_of >= eligible) return;
    FactReading at = start;
    FieldReading boosted;
    if (confirmed && !Reliable(at)) {
      boosted = *at.reading;
      boosted.confidence = std::max(boosted.confidence, policy_.reliable_confidence);
      boosted.weakest = std::max(boosted.weakest, policy_.reliable_word_confidence);
      at.reading = &boosted;
    }
    Vars vars = {{"value", ChineseDate(*date)},
                 {"period", std::to_string(*months) + "个月"},
                 {"date", ChineseDate(eligible)},
                 {"as_of", ChineseDate(*as_of)}};
    ReportSingle(rule.text, at, "公示期可能未满，应于" + ChineseDate(eligible) + "后申请", vars);
    out_->back().evidence.emplace_back("eligible", eligible.Iso());
  }

  void Expiry(const FactRule& rule, const std::vector<FactReading>& field) {
    std::optional<values::Date> as_of = values::ParseIso(in_.as_of);
    if (!as_of) return;
    for (const FactReading& r : field) {
      values::DateRangeParse range = values::ParseDateRange(r.value);
      if (range.outcome != values::Outcome::kOk || !range.end || *range.end >= *as_of) continue;
      Vars vars = {{"value", r.reading->text}, {"expected", ChineseDate(*range.end)}};
      // A range of exactly a lawful span, to the day, cannot be a misreading of another.
      bool lawful = std::any_of(rule.spans.begin(), rule.spans.end(), [&](int years) {
        return values::AddYears(range.start, years) == *range.end;
      });
      FactReading at = r;
      FieldReading confirmed;
      if (lawful) {
        confirmed = *r.reading;
        confirmed.confidence = std::max(confirmed.confidence, policy_.reliable_confidence);
        confirmed.weakest = std::max(confirmed.weakest, policy_.reliable_word_confidence);
        at.reading = &confirmed;
      }
      ReportSingle(rule.text, at, "有效期可能已于" + ChineseDate(*range.end) + "届满", vars);
    }
  }

  void AmountAtLeast(const FactRule& rule, const std::vector<FactReading>& field,
                     const FactReading& reference) {
    double due = std::atof(reference.value.c_str());
    if (due <= 0) return;
    for (const FactReading& r : field) {
      double paid = std::atof(r.value.c_str());
      if (paid + 0.005 >= due) continue;
      Report(rule.text, r, &reference, reference.value, {{"value", r.value}});
    }
  }

  void AmountWords(const FactRule& rule, const std::vector<FactReading>& field,
                   const FactReading& figures) {
    double want = std::atof(figures.value.c_str());
    if (want <= 0) return;  // no fine is nothing: the figures were misread
    for (const FactReading& r : field) {
      // Only the receipt's own figures decide: words on another receipt are another payment.
      if (r.document != figures.document) continue;
      std::optional<bool> match = values::AmountWordsMatch(r.reading->text, want);
      if (!match || *match) continue;
      Report(rule.text, r, &figures, figures.value, {{"value", r.reading->text}});
    }
  }

  const CheckInput& in_;
  const RulePolicy& policy_;
  std::vector<Defect>* out_;
};

}  // namespace

std::vector<FactReading> ReadFact(const CheckInput& input, const std::string& material,
                                  const std::string& field, const std::vector<Defect>& reported) {
  std::vector<FactReading> out;
  const MaterialTemplate* t = input.catalog->Material(material);
  const FieldSpec* spec = t ? t->Field(field) : nullptr;
  if (!spec) return out;
  std::optional<values::ValueType> type = values::ParseValueType(spec->type);
  if (!type) return out;
  for (const DocumentReport& doc : *input.documents) {
    if (doc.type != material) continue;
    const FieldReading* r = doc.Field(field);
    if (!r || !r->found || AlreadyReported(reported, doc, field)) continue;
    values::Normalized n = values::Normalize(*type, r->text);
    std::string value = n.outcome == values::Outcome::kOk ? n.value : r->value;
    if (value.empty() || !PlausibleYear(*type, value)) continue;
    std::string label = !spec->label.empty()     ? spec->label
                        : !spec->caption.empty() ? spec->caption
                                                 : spec->key;
    out.push_back(FactReading{&doc, r, t, *type, value, label});
  }
  return out;
}

Defect MakeFactDefect(const Catalog& catalog, const std::string& text_id, const FactReading& at,
                      const std::vector<std::pair<std::string, std::string>>& values) {
  std::vector<std::pair<std::string, std::string>> vars = {{"material", at.material->name},
                                                           {"field", at.label}};
  vars.insert(vars.end(), values.begin(), values.end());
  Defect d = MakeDefect(catalog, text_id, vars);
  d.document = at.document->type;
  d.file = at.document->file;
  d.page = at.reading->page;
  d.field = at.reading->key;
  d.bbox = at.reading->bbox;
  return d;
}

bool ReliableReading(const FieldReading& r, const RulePolicy& policy) {
  return r.confidence >= policy.reliable_confidence && r.weakest >= policy.reliable_word_confidence;
}

std::string ChineseDate(const values::Date& date) {
  return std::to_string(date.year) + "年" + std::to_string(date.month) + "月" +
         std::to_string(date.day) + "日";
}

std::optional<int> MinPublicityMonths(const RulePolicy& policy, const std::string& period,
                                      const std::string& severity, const values::Date& as_of) {
  if (policy.regimes.empty()) return std::nullopt;
  // The regime in force on the review date: the last that began on or before it.
  const PublicityRegime* regime = &policy.regimes.front();
  for (const PublicityRegime& r : policy.regimes) {
    std::optional<values::Date> from = values::ParseIso(r.from);
    if (from && *from <= as_of) regime = &r;
  }
  std::string name = period;
  if (period == "severity") name = severity.empty() ? policy.default_severity : severity;
  for (const PublicityPeriod& p : regime->periods) {
    if (p.name == name) return p.min_months;
  }
  return std::nullopt;
}

void EvaluateFactRules(const CheckInput& input, std::vector<Defect>* out) {
  RuleRunner runner(input, out);
  for (const FactRule& rule : input.catalog->fact_rules()) {
    if (AppliesTo(rule, input.domain)) runner.Run(rule);
  }
}

}  // namespace precheck::rules

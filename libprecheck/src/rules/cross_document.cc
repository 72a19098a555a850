// Cross-document consistency of the policy's keys.
//
// For each key, the valid readings on all materials are grouped by CompareFact; the largest
// group (ties: the group holding the most authoritative material) is taken as the fact, and
// each reading outside it is reported on its own material with the others in `related`.

#include "rules/cross_document.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>

#include "rules/rule_engine.h"
#include "util/text.h"

namespace precheck::rules {
namespace {

bool IsIdentifier(values::ValueType type) {
  return type == values::ValueType::kUscc || type == values::ValueType::kId18 ||
         type == values::ValueType::kDocNo;
}

// Upper-case, half-width, without spaces: the form in which identifiers are compared.
std::u32string IdentifierForm(std::string_view text) {
  std::u32string out;
  for (char32_t c : text::ToU32(text::RemoveSpaces(text::FoldWidth(text)))) {
    if (c < 128) c = static_cast<char32_t>(std::toupper(static_cast<int>(c)));
    out.push_back(c);
  }
  return out;
}

bool Confusable(char32_t a, char32_t b, const std::vector<std::string>& groups) {
  if (a >= 128 || b >= 128) return false;
  for (const std::string& g : groups) {
    if (g.find(static_cast<char>(a)) != std::string::npos &&
        g.find(static_cast<char>(b)) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// A name without its brackets: OCR reads （ as 《, 〈 or (, or drops it, and a bracket
// never tells one company from another.
std::string NameForm(std::string_view text) {
  static const std::u32string kBrackets = U"（）()《》〈〉<>[]［］【】「」『』〔〕{}";
  std::u32string out;
  for (char32_t c : text::ToU32(values::NormalizeName(text))) {
    if (kBrackets.find(c) == std::u32string::npos) out.push_back(c);
  }
  return text::ToUtf8(out);
}

// The canonical comparison form of a reading of `type`.
std::string Canonical(values::ValueType type, std::string_view text) {
  switch (type) {
    case values::ValueType::kCompany:
    case values::ValueType::kPerson:
    case values::ValueType::kText:
    case values::ValueType::kAddr:
      return NameForm(text);
    case values::ValueType::kDocNo: {
      std::optional<std::string> canonical = values::CanonicalDocNo(text);
      return canonical ? *canonical : text::ToUtf8(IdentifierForm(text));
    }
    case values::ValueType::kUscc:
    case values::ValueType::kId18:
      return text::ToUtf8(IdentifierForm(text));
    default: {
      values::Normalized n = values::Normalize(type, text);
      return n.outcome == values::Outcome::kOk ? n.value : std::string(text);
    }
  }
}

bool IsHan(char32_t c) { return c >= 0x3400 && c <= 0x9FFF; }

// Whether a normalised reading can be a value of its type at all. A "name" of digits or a
// date is a reading of the wrong line, and comparing it would blame the applicant for it.
bool Plausible(values::ValueType type, const std::string& value) {
  std::u32string v = text::ToU32(value);
  int han = static_cast<int>(std::count_if(v.begin(), v.end(), IsHan));
  switch (type) {
    case values::ValueType::kPerson:
      return han >= 2 && v.size() <= 6 &&
             std::all_of(v.begin(), v.end(), [](char32_t c) { return IsHan(c) || c == U'·'; });
    case values::ValueType::kCompany: {
      // A name ends in its organisational form; anything else is another line's text.
      static const char* kForms[] = {"公司", "企业", "中心", "店", "厂", "社", "部",
                                     "所",   "行",   "馆",   "院", "场", "站", "合伙）"};
      return han >= 4 &&
             std::none_of(v.begin(), v.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; }) &&
             std::any_of(std::begin(kForms), std::end(kForms), [&](const char* form) {
               return value.size() >= std::strlen(form) &&
                      value.compare(value.size() - std::strlen(form), std::string::npos, form) == 0;
             });
    }
    case values::ValueType::kText:
      // An authority's name, not a sentence of the form read in its place.
      return han >= 4 && value.find("。") == std::string::npos &&
             value.find("，") == std::string::npos && value.find("；") == std::string::npos;
    case values::ValueType::kUscc:
    case values::ValueType::kId18:
      return v.size() == 18;
    case values::ValueType::kDocNo:
      return values::CanonicalDocNo(value).has_value();
    case values::ValueType::kDate: {
      std::optional<values::Date> d = values::ParseIso(value);
      return d && d->year >= 1900;
    }
    default:
      return true;
  }
}

// "0.82 (0.29)": a reading's mean and weakest-word confidence, for the clerk.
std::string Confidences(const FieldReading& r) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f (%.2f)", r.confidence, r.weakest);
  return buffer;
}

struct Group {
  std::vector<const FactReading*> members;
  int authority = 1 << 20;  // best rank in the policy's authoritative list; lower is better
};

int AuthorityRank(const CrossDocumentPolicy& policy, const std::string& material) {
  auto it = std::find(policy.authoritative.begin(), policy.authoritative.end(), material);
  return it == policy.authoritative.end() ? 1 << 20
                                          : static_cast<int>(it - policy.authoritative.begin());
}

// Whether `value` is read under another key elsewhere: an agent's ID number that is the
// legal representative's means the two ID cards were told apart wrongly, not that the
// applicant wrote a wrong number.
bool HeldByAnotherKey(const CheckInput& in, const std::string& key, const std::string& value) {
  for (const DocumentReport& d : *in.documents) {
    const MaterialTemplate* t = in.catalog->Material(d.type);
    if (!t) continue;
    for (const FieldReading& f : d.fields) {
      const FieldSpec* spec = t->Field(f.key);
      if (f.key == key || !spec) continue;
      std::optional<values::ValueType> type = values::ParseValueType(spec->type);
      if (!type) continue;
      values::Normalized n = values::Normalize(*type, f.text);
      std::string other = n.outcome == values::Outcome::kOk ? n.value : f.value;
      if (!other.empty() && other == value) return true;
    }
  }
  return false;
}

// Whether the agreeing readings include one of the same material as `r`: two ID cards of
// one kind that disagree are more likely two people's cards told apart wrongly than an
// applicant's error.
bool SameMaterial(const Group& fact, const FactReading& r) {
  return std::any_of(fact.members.begin(), fact.members.end(),
                     [&](const FactReading* f) { return f->document->type == r.document->type; });
}

// Whether the other readings of `r` (FieldReading::readings) read the characters where it
// differs from `expected` as it does: a character read otherwise at another scale was not
// read with certainty, however confident the first reading was (嘉禾 read 嘉不 at 0.94 on a
// photocopy, and 嘉厅 at another scale). Readings of another length (a label's remnant read
// with the name) say nothing about a position.
bool Steady(const FactReading& r, const std::string& expected) {
  std::u32string value = text::ToU32(r.value), want = text::ToU32(expected);
  if (value.size() != want.size()) return true;
  for (const std::string& again : r.reading->readings) {
    values::Normalized n = values::Normalize(r.type, again);
    if (n.outcome != values::Outcome::kOk) continue;
    std::u32string other = text::ToU32(n.value);
    if (other.size() != value.size()) continue;
    for (size_t i = 0; i < value.size(); ++i) {
      if (value[i] != want[i] && other[i] != value[i]) return false;
    }
  }
  return true;
}

void CheckKey(const CheckInput& in, const std::string& key, std::vector<Defect>* out) {
  const CrossDocumentPolicy& policy = in.catalog->policy().cross_document;
  std::vector<FactReading> readings;
  for (const MaterialTemplate& t : in.catalog->materials()) {
    if (!t.Field(key)) continue;
    for (FactReading& r : ReadFact(in, t.id, key, *out)) {
      if (Plausible(r.type, r.value)) readings.push_back(std::move(r));
    }
  }
  if (readings.size() < 2) return;

  std::vector<Group> groups;
  for (const FactReading& r : readings) {
    Group* home = nullptr;
    for (Group& g : groups) {
      if (CompareFact(r.type, g.members.front()->value, r.value, policy) != FactMatch::kDifferent) {
        home = &g;
        break;
      }
    }
    if (!home) home = &groups.emplace_back();
    home->members.push_back(&r);
    home->authority = std::min(home->authority, AuthorityRank(policy, r.document->type));
  }
  if (groups.size() < 2) return;

  auto better = [](const Group& a, const Group& b) {
    if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
    return a.authority < b.authority;
  };
  std::sort(groups.begin(), groups.end(), better);
  const Group& fact = groups.front();
  // Without a majority or an authoritative material the right reading is not known. An
  // authoritative material breaks a tie only between two readings: with more (陆方 twice,
  // 陆芳 twice, 陆序, 陆元) the field is read too poorly on this submission to say which.
  bool decided = better(groups[0], groups[1]) &&
                 (groups.size() == 2 || groups[0].members.size() > groups[1].members.size());
  const RulePolicy& all = in.catalog->policy();
  const FactReading* best = *std::max_element(
      fact.members.begin(), fact.members.end(), [](const FactReading* a, const FactReading* b) {
        return a->reading->confidence < b->reading->confidence;
      });
  bool fact_reliable = fact.members.size() >= 2 || ReliableReading(*best->reading, all);

  double fact_weakest = 0;
  for (const FactReading* f : fact.members) {
    fact_weakest = std::max(fact_weakest, f->reading->weakest);
  }

  for (size_t g = 1; g < groups.size(); ++g) {
    for (const FactReading* r : groups[g].members) {
      bool certain = r->reading->weakest >= policy.misread_word_confidence &&
                     fact_weakest >= policy.misread_word_confidence && Steady(*r, best->value);
      bool reliable = decided && fact_reliable && ReliableReading(*r->reading, all) &&
                      (certain || !MaybeMisread(r->type, r->value, best->value)) &&
                      !HeldByAnotherKey(in, key, r->value) && !SameMaterial(fact, *r);
      std::string other;
      for (const FactReading* f : fact.members) {
        const MaterialTemplate* m = in.catalog->Material(f->document->type);
        std::string name = m ? m->name : f->document->type;
        if (other.find(name) == std::string::npos) other += (other.empty() ? "" : "、") + name;
      }
      std::vector<std::pair<std::string, std::string>> vars = {{"value", r->value},
                                                               {"expected", best->value},
                                                               {"other", other},
                                                               {"other_field", best->label}};
      Defect d =
          MakeFactDefect(*in.catalog, reliable ? "FIELD_INCONSISTENT" : "REVIEW_FACT", *r, vars);
      d.evidence.emplace_back("found", r->value);
      d.evidence.emplace_back("expected", best->value);
      d.evidence.emplace_back("confidence",
                              Confidences(*r->reading) + " / " + Confidences(*best->reading));
      for (const FactReading* f : fact.members) {
        d.related.push_back(RelatedPlace{f->document->type, f->document->file, f->reading->page,
                                         f->reading->key, f->value});
      }
      out->push_back(std::move(d));
    }
  }
}

// A reading of a name (or document number) as the other materials have it.
struct Candidate {
  std::string value;  // normalised
  std::string text;   // as read
};

// At most this many characters of a value are taken for misreadings by their shapes.
constexpr size_t kMaxShapedCharacters = 2;

// `field` as `expected` where it differs from it only at a character or two whose glyph
// looks at least as much like `expected`'s character as like the one read
// (FieldReading::alike); an empty candidate otherwise. 鑫 read as 奢 on one material is
// a misreading; 金 printed where another material has 鑫 is not.
Candidate ShapedAs(const FieldReading& field, values::ValueType type, const std::string& expected) {
  std::u32string read = text::ToU32(field.text);
  const std::u32string value = text::ToU32(field.value);
  const std::u32string want = text::ToU32(expected);
  // The value's characters must be the text's, one for one, to know which glyph is whose.
  if (field.alike.size() != read.size() || value.size() != read.size() ||
      want.size() != read.size()) {
    return {};
  }
  size_t changed = 0;
  for (size_t i = 0; i < read.size(); ++i) {
    if (value[i] == want[i]) continue;
    if (read[i] != value[i] || ++changed > kMaxShapedCharacters) return {};
    if (text::ToU32(field.alike[i]).find(want[i]) == std::u32string::npos) return {};
    read[i] = want[i];
  }
  Candidate out;
  out.text = text::ToUtf8(read);
  values::Normalized n = values::Normalize(type, out.text);
  if (n.outcome != values::Outcome::kOk) return {};
  out.value = n.value;
  return out;
}

}  // namespace

FactMatch CompareFact(values::ValueType type, std::string_view a, std::string_view b,
                      const CrossDocumentPolicy& policy) {
  if (Canonical(type, a) == Canonical(type, b)) return FactMatch::kSame;
  if (!IsIdentifier(type)) return FactMatch::kDifferent;

  // Identifiers: the same length, differing only at a few places by confusable characters.
  std::u32string x = text::ToU32(Canonical(type, a));
  std::u32string y = text::ToU32(Canonical(type, b));
  if (x.size() != y.size()) return FactMatch::kDifferent;
  int confusions = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i] == y[i]) continue;
    if (!Confusable(x[i], y[i], policy.confusable)) return FactMatch::kDifferent;
    ++confusions;
  }
  return confusions <= policy.max_confusions ? FactMatch::kOcrNoise : FactMatch::kDifferent;
}

bool MaybeMisread(values::ValueType type, std::string_view a, std::string_view b) {
  switch (type) {
    case values::ValueType::kCompany:
    case values::ValueType::kPerson:
    case values::ValueType::kText:
    case values::ValueType::kAddr:
      return true;
    case values::ValueType::kDocNo: {
      // The year and the number are digits, and another number is another decision; the
      // authority's prefix is Han text that OCR garbles like a name.
      std::u32string ca = text::ToU32(Canonical(type, a));
      std::u32string cb = text::ToU32(Canonical(type, b));
      size_t pa = ca.find(U'〔');
      size_t pb = cb.find(U'〔');
      return pa != std::u32string::npos && pb != std::u32string::npos &&
             ca.substr(pa) == cb.substr(pb);
    }
    default:
      return false;
  }
}

void CheckCrossDocument(const CheckInput& input, std::vector<Defect>* out) {
  for (const std::string& key : input.catalog->policy().cross_document.keys) {
    CheckKey(input, key, out);
  }
}

void ReconcileNames(const Catalog& catalog, std::vector<DocumentReport>& documents) {
  const RulePolicy& policy = catalog.policy();
  struct Entry {
    FieldReading* field;
    values::ValueType type;
    std::vector<Candidate> candidates;  // the value, then its other readings
  };
  std::map<std::string, std::vector<Entry>> by_key;
  for (DocumentReport& d : documents) {
    const MaterialTemplate* t = catalog.Material(d.type);
    if (!t) continue;
    for (FieldReading& r : d.fields) {
      const FieldSpec* spec = t->Field(r.key);
      std::optional<values::ValueType> type =
          spec ? values::ParseValueType(spec->type) : std::nullopt;
      if (!type || r.value.empty()) continue;
      Entry e{&r, *type, {{r.value, r.text}}};
      for (const std::string& again : r.readings) {
        values::Normalized n = values::Normalize(*type, again);
        if (n.outcome == values::Outcome::kOk) e.candidates.push_back({n.value, again});
      }
      by_key[r.key].push_back(std::move(e));
    }
  }
  for (auto& [key, entries] : by_key) {
    if (entries.size() < 2) continue;
    auto same = [&](const Entry& e, const std::string& a, const std::string& b) {
      return CompareFact(e.type, a, b, policy.cross_document) == FactMatch::kSame;
    };
    // `e` as `v` by the shapes of its glyphs; empty when they do not make it `v`.
    auto shaped = [&](const Entry& e, const std::string& v) {
      Candidate c = ShapedAs(*e.field, e.type, v);
      return !c.value.empty() && same(e, c.value, v) ? c : Candidate{};
    };
    auto supports = [&](const Entry& e, const std::string& v) {
      return std::any_of(e.candidates.begin(), e.candidates.end(),
                         [&](const Candidate& c) { return same(e, c.value, v); }) ||
             !shaped(e, v).value.empty();
    };
    // The value most materials support, by their value, another reading or the shapes of
    // their glyphs; between two equally supported, the one more materials read first; a
    // tie beyond that decides nothing. Materials, not readings, are counted: a glyph
    // misread at some scales is misread alike on every copy (启 as 局 at the larger scales,
    // 晟 as 晨 on five materials of one submission), and counting readings would let it
    // outvote the materials that read it right.
    std::string best;
    int best_support = 0, best_values = 0;
    bool tie = false;
    for (const Entry& e : entries) {
      for (const Candidate& c : e.candidates) {
        const std::string& v = c.value;
        if (!best.empty() && same(e, v, best)) continue;
        int support = 0, as_value = 0;
        for (const Entry& o : entries) {
          support += supports(o, v);
          as_value += same(o, o.field->value, v);
        }
        if (support > best_support || (support == best_support && as_value > best_values)) {
          best = v;
          best_support = support;
          best_values = as_value;
          tie = false;
        } else if (support == best_support && as_value == best_values) {
          tie = true;
        }
      }
    }
    if (tie || best.empty()) continue;
    for (Entry& e : entries) {
      if (same(e, e.field->value, best)) continue;
      auto reading = std::find_if(e.candidates.begin() + 1, e.candidates.end(),
                                  [&](const Candidate& c) { return same(e, c.value, best); });
      const Candidate adopted = reading != e.candidates.end() ? *reading : shaped(e, best);
      if (adopted.value.empty()) continue;
      // Some other material must read it so: two of them, or one reliably. One that read
      // it otherwise, with glyphs that look like it as much, stands beside one that read
      // it (邱东旭 read as such once, as 邱东吉 and 邱东好 on two more materials).
      int others = 0, readers = 0;
      bool reliable = false;
      for (const Entry& o : entries) {
        if (&o == &e) continue;
        if (same(o, o.field->value, best)) {
          ++readers;
          reliable |= ReliableReading(*o.field, policy);
        } else if (shaped(o, best).value.empty()) {
          continue;
        }
        ++others;
      }
      if (readers == 0 || (others < 2 && !reliable)) continue;
      e.field->text = adopted.text;
      e.field->value = adopted.value;
    }
  }
}

}  // namespace precheck::rules

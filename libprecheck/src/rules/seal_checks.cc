// Seal checks: for each seal block of the document's template, the seals the seal stage
// gave that owner. None is SEAL_MISSING; a special-purpose seal where the applicant's 公章
// belongs, or a ring text that lacks characters of the expected name in every reading, is
// SEAL_NAME_MISMATCH; a seal whose text could not be read reliably goes to a person.

#include "rules/seal_checks.h"

#include <algorithm>
#include <cmath>

#include "rules/values.h"
#include "seal/read.h"
#include "seal/stage.h"
#include "util/text.h"

namespace precheck::rules {
namespace {

// Below this reading confidence a missing name is the reading's fault as likely as the
// seal's: a person decides.
constexpr double kDecisiveConfidence = 0.5;
// Ring readings of the right name keep well over half of its characters in some reading
// even when badly read (measured on generated seals: 0.62 and up); another name keeps at
// most its shared prefix and suffix (0.5 and below). Between the two a person decides.
constexpr double kMismatchCoverage = 0.55;

// True when `read` looks like a reading of a name at all: mostly Han characters and not
// much shorter than `expected`. Latin or digit noise says nothing about the name.
bool LooksLikeName(const std::string& read, const std::string& expected) {
  std::u32string r = text::ToU32(seal::NormalizeSealText(read));
  size_t han = std::count_if(r.begin(), r.end(), [](char32_t c) { return text::IsHan(c); });
  size_t length = text::ToU32(seal::NormalizeSealText(expected)).size();
  return han * 10 >= r.size() * 8 && r.size() * 10 >= length * 6;
}

const char* OwnerZh(const std::string& owner) {
  if (owner == "applicant") return "申请单位";
  if (owner == "authority") return "行政机关";
  if (owner == "bank") return "代收机构";
  if (owner == "registry") return "登记机关";
  if (owner == "lessor") return "产权人";
  return "相关单位";
}

std::string SealKind(const SealReading& seal) {
  for (const std::string& s : {seal.lower_text, seal.text}) {
    for (const char* kind : {"财务专用章", "合同专用章", "发票专用章", "业务专用章"}) {
      if (s.find(kind) != std::string::npos) return kind;
    }
  }
  return "专用章";
}

class SealDefects {
 public:
  SealDefects(const CheckInput& in, const DocumentReport& doc, const MaterialTemplate& t,
              std::vector<Defect>* out)
      : in_(in), doc_(doc), t_(t), out_(out) {}

  void Missing(const SealSpec& spec, const std::string& expected) {
    // A bank's receipt seal is oval, small and often faint: the detector misses too many of
    // them (docs/accuracy.md) for an unfound one to be called missing; a person looks.
    Defect d = Make(spec.owner == "bank" ? "SEAL_NOT_FOUND" : "SEAL_MISSING", spec.owner, expected);
    Place(&d, spec);
    out_->push_back(std::move(d));
  }

  void Mismatch(const char* text_id, const SealSpec& spec, const SealReading& seal,
                const std::string& expected, double similarity) {
    Defect d = Make(text_id, spec.owner, expected);
    d.message = Fill(d.message, {{"found", seal.text.empty() ? "无法识别" : seal.text},
                                 {"kind", SealKind(seal)}});
    d.suggestion = Fill(d.suggestion, {{"kind", SealKind(seal)}});
    d.page = seal.page;
    d.bbox = seal.bbox;
    d.evidence.emplace_back("seal_text", seal.text);
    if (!seal.lower_text.empty()) d.evidence.emplace_back("lower_text", seal.lower_text);
    d.evidence.emplace_back("expected", expected);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", similarity);
    d.evidence.emplace_back("similarity", buf);
    d.evidence.emplace_back("color", seal.color);
    out_->push_back(std::move(d));
  }

 private:
  Defect Make(const std::string& text_id, const std::string& owner, const std::string& expected) {
    std::string name = expected.empty() ? "" : "（" + expected + "）";
    Defect d = MakeDefect(
        *in_.catalog, text_id,
        {{"material", t_.name}, {"owner", OwnerZh(owner)}, {"expected", expected}, {"name", name}});
    d.document = doc_.type;
    d.file = doc_.file;
    d.field = owner;
    return d;
  }

  // Where the seal belongs: beside its field when the template names one.
  void Place(Defect* d, const SealSpec& spec) {
    const FieldReading* near = spec.near.empty() ? nullptr : doc_.Field(spec.near);
    if (near && near->page > 0) {
      d->page = near->page;
      d->bbox = near->bbox;
    } else if (!doc_.pages.empty()) {
      d->page = doc_.pages.front();
    }
  }

  const CheckInput& in_;
  const DocumentReport& doc_;
  const MaterialTemplate& t_;
  std::vector<Defect>* out_;
};

bool SignedInstead(const DocumentReport& doc, const SealSpec& spec, bool* known) {
  *known = false;
  for (const SignatureReading& s : doc.signatures) {
    if (s.role != spec.or_signature) continue;
    *known = true;
    if (s.present) return true;
  }
  return false;
}

// What the name may look like as read: the expected name, every other reading of the same
// field in the submission, and the ring text of the owner's other seals that read about
// like it. OCR misreads a field's character the same way on every copy of a form, while
// the seals themselves carry it right; a different name on one seal is in no hypothesis.
std::vector<std::string> NameHypotheses(const CheckInput& in, const DocumentReport& doc,
                                        const SealReading& seal, const std::string& owner,
                                        const std::string& expected) {
  std::vector<std::string> out = {expected};
  size_t length = text::ToU32(seal::NormalizeSealText(expected)).size();
  auto add = [&](const std::string& candidate) {
    std::string n = seal::NormalizeSealText(candidate);
    if (n.empty() || std::find(out.begin(), out.end(), n) != out.end()) return;
    if (text::ToU32(n).size() * 5 < length * 4) return;
    if (seal::NameSimilarity(n, expected) < 0.6) return;
    out.push_back(n);
  };
  for (const DocumentReport& d : *in.documents) {
    if (owner == "applicant") {
      const FieldReading* f = d.Field("company_name");
      if (f) add(!f->value.empty() ? f->value : f->text);
    }
    for (const SealReading& s : d.seals) {
      if (&s == &seal || s.owner != owner || s.color == "grey") continue;
      if (owner == "authority" && &d != &doc) continue;
      add(s.text);
      // A ring confirmed as the name (ConfirmExpectedNames) keeps what it was read as
      // first: the misreading this ring may share.
      if (!s.readings.empty()) add(s.readings.front());
    }
  }
  return out;
}

}  // namespace

double NameCoverage(const std::vector<std::string>& readings, const std::string& expected) {
  std::u32string e = text::ToU32(seal::NormalizeSealText(expected));
  if (e.empty()) return 0.0;
  std::vector<bool> covered(e.size(), false);
  for (const std::string& reading : readings) {
    std::u32string r = text::ToU32(seal::NormalizeSealText(reading));
    // Longest common subsequence, then mark the characters of `e` it uses.
    std::vector<std::vector<int>> l(e.size() + 1, std::vector<int>(r.size() + 1, 0));
    for (size_t i = e.size(); i-- > 0;) {
      for (size_t j = r.size(); j-- > 0;) {
        l[i][j] = e[i] == r[j] ? l[i + 1][j + 1] + 1 : std::max(l[i + 1][j], l[i][j + 1]);
      }
    }
    for (size_t i = 0, j = 0; i < e.size() && j < r.size();) {
      if (e[i] == r[j]) {
        covered[i] = true;
        ++i;
        ++j;
      } else if (l[i + 1][j] >= l[i][j + 1]) {
        ++i;
      } else {
        ++j;
      }
    }
  }
  return static_cast<double>(std::count(covered.begin(), covered.end(), true)) / e.size();
}

bool OtherDistrict(const std::string& text, const std::vector<std::string>& readings,
                   const std::string& expected) {
  const std::string want = values::TianjinDistrict(expected);
  const std::string read = values::TianjinDistrict(text);
  if (want.empty() || read.empty() || read == want) return false;
  return std::none_of(readings.begin(), readings.end(),
                      [&](const std::string& r) { return values::TianjinDistrict(r) == want; });
}

bool UnderAnotherSeal(const DocumentReport& doc, const SealReading& seal) {
  auto centre = [](const Box& b) {
    return std::pair<double, double>{b.x + b.width / 2.0, b.y + b.height / 2.0};
  };
  auto radius = [](const Box& b) { return std::max(b.width, b.height) / 2.0; };
  const auto [x, y] = centre(seal.bbox);
  for (const SealReading& other : doc.seals) {
    if (&other == &seal || other.page != seal.page) continue;
    const auto [ox, oy] = centre(other.bbox);
    // Rings that only touch (a seal stamped beside another) leave each other's text whole;
    // the ring band is about a fifth of the radius deep.
    const double reach = 0.9 * (radius(seal.bbox) + radius(other.bbox));
    if (std::hypot(x - ox, y - oy) < reach) return true;
  }
  return false;
}

void CheckSeals(const CheckInput& in, const DocumentReport& doc, std::vector<Defect>* out) {
  const MaterialTemplate* t = in.catalog->Material(doc.type);
  if (!t) return;
  SealDefects defects(in, doc, *t, out);
  for (const SealSpec& spec : t->seals) {
    // The registry's seal is printed on the licence itself: the applicant cannot add it.
    if (spec.owner == "registry") continue;
    std::string expected = seal::ExpectedName(*in.catalog, *in.documents, doc, spec.owner);
    std::vector<const SealReading*> seals;
    for (const SealReading& s : doc.seals) {
      if (s.owner == spec.owner) seals.push_back(&s);
    }
    if (seals.empty()) {
      bool known = false;
      if (!spec.or_signature.empty()) {
        // Limitation: without a signature reading for that signer, a block that a
        // signature may satisfy is not reported.
        if (SignedInstead(doc, spec, &known) || !known) continue;
      }
      defects.Missing(spec, expected);
      continue;
    }

    // The seal that matches best decides.
    const SealReading* best = seals.front();
    double best_coverage = -1;
    for (const SealReading* s : seals) {
      std::vector<std::string> readings = s->readings;
      if (!s->text.empty()) readings.push_back(s->text);
      double c = 0;
      if (!expected.empty()) {
        for (const std::string& h : NameHypotheses(in, doc, *s, spec.owner, expected)) {
          c = std::max(c, NameCoverage(readings, h));
        }
      }
      if (c > best_coverage) {
        best_coverage = c;
        best = s;
      }
    }
    if (spec.owner == "applicant" && seal::IsSpecialPurpose(*best)) {
      defects.Mismatch("SEAL_SPECIAL_PURPOSE", spec, *best, expected,
                       seal::NameSimilarity(best->text, expected));
      continue;
    }
    if (expected.empty() || spec.owner == "bank") continue;
    size_t length = text::ToU32(seal::NormalizeSealText(expected)).size();
    double allowed = std::max<size_t>(1, length / 12);
    double missing = (1.0 - best_coverage) * length;
    if (missing <= allowed + 1e-9) continue;
    bool readable = !best->text.empty() && best->confidence >= kDecisiveConfidence &&
                    LooksLikeName(best->text, expected);
    // Characters read through another seal's ink are not evidence of another name; a
    // district named plainly still is.
    bool decisive = readable && ((best->color != "grey" && best_coverage < kMismatchCoverage &&
                                  !UnderAnotherSeal(doc, *best)) ||
                                 OtherDistrict(best->text, best->readings, expected));
    const char* text_id = decisive               ? "SEAL_NAME_MISMATCH"
                          : best->text.empty()   ? "SEAL_NO_TEXT"
                                                 : "SEAL_UNREADABLE";
    defects.Mismatch(text_id, spec, *best, expected, best_coverage);
  }
}

}  // namespace precheck::rules

// Signature checks over the signature readings of a submission's documents.
//
// A block whose label was not found, or matched only loosely, is sent to review rather than
// called unsigned. A block
// that the template lets a seal stand for (产权人（签字或盖章）) is satisfied by seal ink there.
// Of one signer's signatures, the one that most of the others do not match is named, with
// the others as related places; the score compares ink shapes and authenticates no one.

#include "rules/signature_checks.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace precheck::rules {
namespace {

std::string SignerName(const std::string& role) {
  if (role == "legal_rep") return "法定代表人";
  if (role == "agent") return "受托人";
  if (role == "lessor") return "产权人";
  if (role == "payee") return "收款人";
  return "签字人";
}

bool SealedBy(const DocumentReport& doc, const SignatureReading& r, const std::string& owner) {
  if (r.seal_ink) return true;
  return std::any_of(doc.seals.begin(), doc.seals.end(),
                     [&](const SealReading& s) { return s.owner == owner && s.page == r.page; });
}

void CheckBlocks(const CheckInput& in, const DocumentReport& doc, std::vector<Defect>* out) {
  const MaterialTemplate* t = in.catalog->Material(doc.type);
  if (!t) return;
  for (size_t i = 0; i < t->signatures.size() && i < doc.signatures.size(); ++i) {
    const SignatureSpec& spec = t->signatures[i];
    const SignatureReading& r = doc.signatures[i];
    std::vector<std::pair<std::string, std::string>> vars = {
        {"material", t->name}, {"label", spec.label}, {"signer", SignerName(spec.role)}};
    bool by_seal = !spec.or_seal.empty() && SealedBy(doc, r, spec.or_seal);
    std::string id;
    if (!r.located) {
      vars.emplace_back("reason", "未找到签字栏");
      id = "SIGNATURE_UNCHECKED";
    } else if (!r.present) {
      if (!by_seal) id = spec.or_seal.empty() ? "SIGNATURE_MISSING" : "SIGNATURE_MISSING_OR_SEAL";
    } else if (!r.handwritten && !by_seal) {
      id = "SIGNATURE_NOT_HANDWRITTEN";
    }
    // A block found through a loose match of its label may be a neighbour's: what it holds
    // cannot make an error.
    if ((id == "SIGNATURE_MISSING" || id == "SIGNATURE_MISSING_OR_SEAL" ||
         id == "SIGNATURE_NOT_HANDWRITTEN") &&
        !r.label_certain) {
      vars.emplace_back("reason", "签字栏文字识别不清，未能确定签字位置");
      id = "SIGNATURE_UNCHECKED";
    }
    if (id.empty()) continue;
    Defect d = MakeDefect(*in.catalog, id, vars);
    d.document = doc.type;
    d.file = doc.file;
    d.page = r.page;
    d.field = spec.role;
    d.bbox = r.bbox;
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.2f", r.confidence);
    d.evidence.emplace_back("confidence", confidence);
    out->push_back(std::move(d));
  }
}

// One signer's handwritten signatures that were compared with others.
struct Signed {
  const DocumentReport* doc;
  const SignatureReading* reading;
  double mean_score;
  int inconsistent;
};

void CheckConsistency(const CheckInput& in, std::vector<Defect>* out) {
  std::map<std::string, std::vector<Signed>> by_role;
  for (const DocumentReport& doc : *in.documents) {
    for (const SignatureReading& r : doc.signatures) {
      if (!r.present || !r.handwritten || r.comparisons.empty()) continue;
      double sum = 0;
      int inconsistent = 0;
      for (const SignatureComparison& c : r.comparisons) {
        sum += c.score;
        inconsistent += c.consistent ? 0 : 1;
      }
      by_role[r.role].push_back({&doc, &r, sum / r.comparisons.size(), inconsistent});
    }
  }
  for (auto& [role, group] : by_role) {
    // The least alike of the group, when most of its comparisons fail; of two signatures,
    // the later material is named.
    const Signed* odd = nullptr;
    for (const Signed& s : group) {
      if (s.inconsistent * 2 <= static_cast<int>(s.reading->comparisons.size()) &&
          !(group.size() == 2 && s.inconsistent == 1)) {
        continue;
      }
      if (!odd || s.mean_score <= odd->mean_score) odd = &s;
    }
    if (!odd) continue;
    const MaterialTemplate* t = in.catalog->Material(odd->doc->type);
    std::string others;
    for (const SignatureComparison& c : odd->reading->comparisons) {
      const MaterialTemplate* o = in.catalog->Material(c.document);
      std::string name = "《" + (o ? o->name : c.document) + "》";
      if (others.find(name) == std::string::npos) others += name;
    }
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", odd->mean_score);
    Defect d = MakeDefect(*in.catalog, "SIGNATURE_INCONSISTENT",
                          {{"material", "《" + (t ? t->name : odd->doc->type) + "》"},
                           {"signer", SignerName(role)},
                           {"others", others},
                           {"score", score}});
    d.document = odd->doc->type;
    d.file = odd->doc->file;
    d.page = odd->reading->page;
    d.field = role;
    d.bbox = odd->reading->bbox;
    d.evidence.emplace_back("score", score);
    for (const SignatureComparison& c : odd->reading->comparisons) {
      char each[16];
      std::snprintf(each, sizeof each, "%.2f", c.score);
      d.related.push_back({c.document, c.file, c.page, role, each});
    }
    out->push_back(std::move(d));
  }
}

}  // namespace

void CheckSignatures(const CheckInput& in, std::vector<Defect>* out) {
  for (const DocumentReport& doc : *in.documents) CheckBlocks(in, doc, out);
  CheckConsistency(in, out);
}

}  // namespace precheck::rules

// The seal stage: per page, detection (seal/detect.h) and reading (seal/read.h), then the
// seals' ink is whitened for the page's OCR; per submission, owners are assigned from the
// seal's text and the templates' seal blocks.

#include "seal/stage.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "precheck/report_io.h"
#include "rules/values.h"
#include "seal/detect.h"
#include "seal/read.h"
#include "util/text.h"

namespace precheck::seal {
namespace {

std::string Value(const FieldReading* f) {
  if (!f) return "";
  return NormalizeSealText(!f->value.empty() ? f->value : f->text);
}

bool EndsWith(const std::u32string& s, const std::u32string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// An authority's seal names an office of government.
bool NamesAuthority(const std::string& text) {
  // A company's name read with a last glyph like 局 (有限公局 for 有限公司) is no bureau.
  for (const char* company : {"有限", "公司", "股份", "集团", "企业", "合作社", "商行"}) {
    if (Contains(text, company)) return false;
  }
  std::u32string u = text::ToU32(text);
  for (const char32_t* tail : {U"局", U"委员会", U"政府", U"厅", U"委", U"办公室", U"分局"}) {
    if (EndsWith(u, tail)) return true;
  }
  // A bureau's kind survives a misread last glyph (行政审批避 for 行政审批局).
  for (const char* kind : {"管理局", "人民政府", "行政审批", "市场监督", "监督管理", "生态环境",
                           "应急管理", "综合执法"}) {
    if (Contains(text, kind)) return true;
  }
  return false;
}

// The owner a seal's own text names, "" when it names none the document knows.
std::string OwnerFromText(const Catalog& catalog, const std::vector<DocumentReport>& docs,
                          const DocumentReport& doc, const SealReading& seal) {
  if (text::ToU32(seal.text).size() < 4) return "";
  const MaterialTemplate* t = catalog.Material(doc.type);
  auto wants = [&](const std::string& owner) {
    if (!t) return false;
    return std::any_of(t->seals.begin(), t->seals.end(),
                       [&](const SealSpec& s) { return s.owner == owner; });
  };
  std::string company = ExpectedName(catalog, docs, doc, "applicant");
  if (!company.empty() && NameSimilarity(seal.text, company) >= 0.6) return "applicant";
  std::string lessor = ExpectedName(catalog, docs, doc, "lessor");
  if (!lessor.empty() && NameSimilarity(seal.text, lessor) >= 0.6) return "lessor";
  if (Contains(seal.text, "银行") || Contains(seal.text, "信用社")) return "bank";
  if (NamesAuthority(seal.text)) {
    if (wants("registry") && !wants("authority")) return "registry";
    // On a material no authority stamps, a reading like a bureau's is most likely the
    // applicant's seal misread (有版公局): the template's unclaimed block decides, and a
    // bureau's seal where the company's belongs is then a name mismatch.
    if (wants("authority")) return "authority";
  }
  return "";
}

// The PNG `png` with a tEXt chunk "Software: precheck annotated page" after its header
// chunk: it tells the command line that a later run may replace this file, which it
// refuses for any other image.
std::string MarkedPng(const std::vector<uchar>& png) {
  const std::string kHeader(reinterpret_cast<const char*>(png.data()),
                            std::min<size_t>(png.size(), 33));  // signature and IHDR
  std::string body = std::string("tEXt") + "Software" + '\0' + "precheck annotated page";
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : body) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  crc ^= 0xFFFFFFFFu;
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  std::string out = kHeader + be32(static_cast<uint32_t>(body.size() - 4)) + body + be32(crc);
  if (png.size() > 33) out.append(reinterpret_cast<const char*>(png.data()) + 33, png.size() - 33);
  return out;
}

double Distance(const Box& a, const Box& b) {
  double ax = a.x + a.width / 2.0, ay = a.y + a.height / 2.0;
  double bx = b.x + b.width / 2.0, by = b.y + b.height / 2.0;
  return std::hypot(ax - bx, ay - by);
}

// `seal` for reading, without the border rings of the seals stamped over it: another
// seal's ring crosses this one's text as a stroke through every character it meets.
SealRegion WithoutOthersRings(const SealRegion& seal, const std::vector<SealRegion>& all) {
  SealRegion out = seal;
  bool cloned = false;
  for (const SealRegion& other : all) {
    if (&other == &seal || other.shape == Shape::kSquare) continue;
    cv::Rect overlap = cv::Rect(seal.box.x, seal.box.y, seal.box.width, seal.box.height) &
                       cv::Rect(other.box.x, other.box.y, other.box.width, other.box.height);
    if (overlap.empty()) continue;
    if (!cloned) {
      out.mask = seal.mask.clone();
      cloned = true;
    }
    // The ring band of `other`, drawn in this seal's box.
    cv::RotatedRect e = other.outline;
    e.center -= cv::Point2f(static_cast<float>(seal.box.x), static_cast<float>(seal.box.y));
    double r = (e.size.width + e.size.height) / 4;
    cv::Mat band(out.mask.size(), CV_8U, cv::Scalar(0));
    cv::ellipse(band, e.center, cv::Size2f(e.size.width / 2, e.size.height / 2), e.angle, 0, 360,
                cv::Scalar(255), std::max(3, static_cast<int>(r * 0.16)));
    out.mask.setTo(0, band);
  }
  return out;
}

}  // namespace

std::vector<SealReading> ReadPageSeals(ocr::OcrEngine& engine, cv::Mat& image, int page,
                                       std::vector<std::pair<cv::Rect, cv::Mat>>* before,
                                       std::vector<RingStrip>* strips) {
  std::vector<SealRegion> regions = FindSeals(image);
  std::vector<SealReading> out;
  for (const SealRegion& r : regions) {
    SealText t = ReadSeal(engine, WithoutOthersRings(r, regions));
    if (strips) strips->push_back(RingStrip{page, r.box, t.strip, r.confidence});
    SealReading s;
    s.page = page;
    s.bbox = r.box;
    s.shape = ShapeName(r.shape);
    s.color = InkName(r.ink);
    s.text = t.text;
    s.lower_text = t.lower_text;
    s.readings = t.readings;
    // The confidence of what the seal says: the weaker of finding it and reading it.
    s.confidence = t.text.empty() ? r.confidence * 0.5 : std::min(r.confidence, t.confidence);
    out.push_back(std::move(s));
  }
  if (before) {
    for (const SealRegion& r : regions) {
      cv::Rect box = cv::Rect(r.box.x, r.box.y, r.box.width, r.box.height) &
                     cv::Rect(0, 0, image.cols, image.rows);
      if (!box.empty()) before->emplace_back(box, image(box).clone());
    }
  }
  SuppressSeals(image, regions);
  return out;
}

void ConfirmExpectedNames(ocr::OcrEngine& engine, const Catalog& catalog,
                          std::vector<DocumentReport>& docs, DocumentReport& doc,
                          const std::vector<RingStrip>& strips) {
  for (SealReading& seal : doc.seals) {
    if (seal.owner.empty() || seal.shape == "square") continue;
    const std::string expected = NormalizeSealText(ExpectedName(catalog, docs, doc, seal.owner));
    if (expected.empty() || NormalizeSealText(seal.text) == expected) continue;
    auto strip = std::find_if(strips.begin(), strips.end(), [&](const RingStrip& r) {
      return r.page == seal.page && r.bbox.x == seal.bbox.x && r.bbox.y == seal.bbox.y &&
             r.bbox.width == seal.bbox.width && r.bbox.height == seal.bbox.height;
    });
    if (strip == strips.end()) continue;
    // A free reading close to the name (one or two characters off) disagrees where it
    // matters: a look-alike it read (起 for 超) must lose to the name's character, so it stays
    // allowed. A reading far from the name (天当市东丽区市对外户主局) says little about any
    // one character; the name's characters alone decide.
    std::vector<std::string> rivals;
    if (TurnDistance(text::ToU32(NormalizeSealText(seal.text)), text::ToU32(expected)) <= 2) {
      rivals.push_back(seal.text);
    }
    double confidence = ConfirmName(engine, strip->strip, expected, rivals);
    if (confidence < 0) continue;
    if (!seal.text.empty()) seal.readings.insert(seal.readings.begin(), seal.text);
    seal.confidence = std::max(seal.confidence, std::min(strip->found_confidence, confidence));
    seal.text = expected;
  }
}

std::string ExpectedName(const Catalog& catalog, const std::vector<DocumentReport>& docs,
                         const DocumentReport& doc, const std::string& owner) {
  const MaterialTemplate* t = catalog.Material(doc.type);
  if (owner == "applicant") {
    // The registered name is the business licence's; other materials repeat it.
    for (const char* type : {"business_license", ""}) {
      std::map<std::string, int> votes;
      for (const DocumentReport& d : docs) {
        if (*type && d.type != type) continue;
        std::string v = Value(d.Field("company_name"));
        if (!v.empty()) ++votes[v];
      }
      auto best = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
        return a.second < b.second;
      });
      if (best != votes.end()) return best->first;
    }
    return "";
  }
  if (owner == "authority" || owner == "lessor") {
    if (t) {
      auto it = t->seal_names.find(owner);
      if (it != t->seal_names.end()) {
        std::string v = Value(doc.Field(it->second));
        // A line of the form read where the authority's name should be (各留存一份) is no
        // name to hold a seal against.
        if (!v.empty() && (owner == "lessor" || NamesAuthority(v))) return v;
      }
    }
    if (owner == "lessor") return "";
    std::string here = Value(doc.Field("authority"));
    if (NamesAuthority(here)) return here;
    for (const DocumentReport& d : docs) {
      if (d.type != "penalty_decision") continue;
      std::string v = Value(d.Field("authority"));
      if (NamesAuthority(v)) return v;
    }
  }
  return "";
}

double NameSimilarity(const std::string& read, const std::string& expected) {
  std::string r = NormalizeSealText(read), e = NormalizeSealText(expected);
  if (r.empty() || e.empty()) return 0.0;
  double whole = text::Similarity(r, e);
  // Extra characters read around the name (a serial number, a speck) do not make it
  // another name; a missing part does.
  double part =
      text::ToU32(r).size() > text::ToU32(e).size() ? text::BestSubstringSimilarity(r, e) : 0.0;
  return std::max(whole, part);
}

bool IsSpecialPurpose(const SealReading& seal) {
  // The line under a 公章's star holds at most a serial number: 专用 there marks a
  // special-purpose seal even when its kind is misread (副专用 for 财务专用章). In the ring
  // it may be part of a name (天津专用汽车有限公司).
  if (Contains(seal.lower_text, "专用")) return true;
  for (const std::string& s : {seal.lower_text, seal.text}) {
    for (const char* kind : {"专用章", "财务", "合同", "发票", "业务"}) {
      if (Contains(s, kind)) return true;
    }
  }
  return false;
}

void AssignOwners(const Catalog& catalog, std::vector<DocumentReport>& docs) {
  for (DocumentReport& doc : docs) {
    for (SealReading& s : doc.seals) {
      if (s.owner.empty()) s.owner = OwnerFromText(catalog, docs, doc, s);
    }
    const MaterialTemplate* t = catalog.Material(doc.type);
    if (!t) continue;
    // The rest take the template's unclaimed seal blocks: the closest pair of a seal and
    // a block's field first, so that of two seals stamped close together neither takes
    // the other's block merely by coming first.
    struct Pair {
      double distance;
      SealReading* seal;
      const SealSpec* spec;
    };
    std::vector<Pair> pairs;
    for (SealReading& s : doc.seals) {
      if (!s.owner.empty()) continue;
      for (const SealSpec& spec : t->seals) {
        // A square personal seal stands in for a person, never for an organisation's seal,
        // except a lessor's who may seal instead of signing.
        if (s.shape == "square" && spec.owner != "lessor") continue;
        double d = 1e6;
        const FieldReading* near = spec.near.empty() ? nullptr : doc.Field(spec.near);
        if (near && near->page == s.page && !near->bbox.empty()) d = Distance(near->bbox, s.bbox);
        pairs.push_back({d, &s, &spec});
      }
    }
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const Pair& a, const Pair& b) { return a.distance < b.distance; });
    for (const Pair& p : pairs) {
      if (!p.seal->owner.empty()) continue;
      bool claimed = std::any_of(doc.seals.begin(), doc.seals.end(),
                                 [&](const SealReading& o) { return o.owner == p.spec->owner; });
      if (!claimed) p.seal->owner = p.spec->owner;
    }
  }
}

void FillSealFields(const Catalog& catalog, std::vector<DocumentReport>& docs) {
  for (DocumentReport& doc : docs) {
    const MaterialTemplate* t = catalog.Material(doc.type);
    if (!t) continue;
    for (const FieldSpec& spec : t->fields) {
      if (spec.locate != Locate::kSeal || spec.owner.empty()) continue;
      // ExtractFields gives every field of the template a reading, found or not.
      auto field = std::find_if(doc.fields.begin(), doc.fields.end(),
                                [&](const FieldReading& f) { return f.key == spec.key; });
      if (field == doc.fields.end()) continue;
      if (field->found && !field->value.empty()) continue;  // printed on the page as well
      const auto names = catalog.policy().seal_names.find(spec.owner);
      const values::ValueType type =
          values::ParseValueType(spec.type).value_or(values::ValueType::kText);
      const SealReading* seal = nullptr;
      std::string value;
      for (const SealReading& s : doc.seals) {
        if (s.owner != spec.owner || (seal && s.confidence <= seal->confidence)) continue;
        // The names such a seal may carry put a ring read a few characters wrong right, and
        // name a ring no reading was sure enough of.
        std::string name;
        if (names != catalog.policy().seal_names.end()) {
          std::vector<std::string> readings = s.readings;
          if (!s.text.empty()) readings.insert(readings.begin(), s.text);
          name = NearestName(readings, names->second);
          // A confident reading two characters or more from the nearest name is another
          // authority's name, not a misreading of a listed one (北京市西城区… is not
          // 天津市西青区…).
          if (!name.empty() && s.confidence >= catalog.policy().reliable_confidence &&
              text::EditDistance(text::ToU32(s.text), text::ToU32(name)) >= 2) {
            name.clear();
          }
        }
        if (name.empty() && s.text.empty()) continue;
        seal = &s;
        value = name.empty() ? values::Normalize(type, s.text).value : name;
      }
      if (!seal || value.empty()) continue;
      field->text = !seal->text.empty() ? seal->text : seal->readings.front();
      field->value = value;
      // Ring text is read a character at a time around a curve: as sure as its reading.
      field->confidence = seal->confidence;
      field->weakest = seal->confidence;
      field->page = seal->page;
      field->bbox = seal->bbox;
      field->found = true;
    }
  }
}

bool WriteAnnotated(const cv::Mat& page, const std::vector<SealReading>& seals,
                    const std::vector<SignatureReading>& signatures, const std::string& png_path) {
  if (page.empty()) return false;
  cv::Mat out = page.channels() == 3 ? page.clone() : cv::Mat();
  if (out.empty()) cv::cvtColor(page, out, cv::COLOR_GRAY2BGR);
  // Green stands out on red, blue and grey seals alike.
  const cv::Scalar kMark(0, 170, 0);
  int thick = std::max(2, std::max(out.cols, out.rows) / 600);
  double font = std::max(0.6, std::max(out.cols, out.rows) / 2500.0);
  for (size_t i = 0; i < seals.size(); ++i) {
    const SealReading& s = seals[i];
    cv::Rect r(s.bbox.x, s.bbox.y, s.bbox.width, s.bbox.height);
    if (s.shape == "square") {
      cv::rectangle(out, r, kMark, thick);
    } else {
      cv::ellipse(out, cv::Point(r.x + r.width / 2, r.y + r.height / 2),
                  cv::Size(r.width / 2, r.height / 2), 0, 0, 360, kMark, thick);
    }
    std::string label = std::to_string(i + 1) + " " + s.shape + " " + s.color +
                        (s.owner.empty() ? "" : " " + s.owner) +
                        (s.text.empty() ? " (unread)" : "");
    int y = r.y > 30 ? r.y - 8 : r.y + r.height + static_cast<int>(30 * font);
    cv::putText(out, label, cv::Point(std::max(0, r.x), y), cv::FONT_HERSHEY_SIMPLEX, font, kMark,
                thick);
  }
  // Signature blocks in orange: what was found in each.
  const cv::Scalar kSignature(0, 120, 255);
  for (const SignatureReading& g : signatures) {
    cv::Rect r(g.bbox.x, g.bbox.y, g.bbox.width, g.bbox.height);
    cv::rectangle(out, r, kSignature, thick);
    std::string what = !g.present ? "absent" : g.handwritten ? "handwritten" : "printed";
    int y = r.y > 30 ? r.y - 8 : r.y + r.height + static_cast<int>(30 * font);
    cv::putText(out, "signature " + g.role + " " + what, cv::Point(std::max(0, r.x), y),
                cv::FONT_HERSHEY_SIMPLEX, font, kSignature, thick);
  }
  std::vector<uchar> png;
  try {
    if (!cv::imencode(".png", out, png)) return false;
  } catch (const cv::Exception&) {
    return false;
  }
  return WriteFileAtomically(png_path, MarkedPng(png)).ok();
}

}  // namespace precheck::seal

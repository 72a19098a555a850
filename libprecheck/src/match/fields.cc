// Field extraction from the lines of a material's pages.
//
// Labels are matched on normalised line text, longest label first, each place claimed once,
// so 身份证号码 and 公民身份号码 or 日期 and 申请日期 do not steal each other's line. The value
// is the rest of the label's line, cut before the next label; else the cell to the right;
// else the nearest line to the right or just below. Locators handle unlabelled fields.

#include "match/fields.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <opencv2/core.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "match/classifier.h"
#include "ocr/glyphs.h"
#include "rules/values.h"
#include "util/box.h"
#include "util/text.h"

namespace precheck::match {
namespace {

// The confidence of a reading whose value rests on a repaired glyph (values::Normalized::
// repaired): under rules/policy.yaml's reliable_confidence and the cross-document check's
// misread_word_confidence, as for an identifier settled by another material (engine.cc).
constexpr double kRepairedConfidence = 0.5;

struct LineRef {
  int page = 0;  // index into pages
  int line = 0;  // index into the page's lines
};

struct LabelHit {
  LineRef where;
  size_t begin = 0;  // code points in the normalised line
  size_t end = 0;
  double score = 0;
};

const ocr::TextLine& LineAt(const std::vector<MaterialPage>& pages, const LineRef& r) {
  return pages[r.page].text->lines[r.line];
}

bool IsSeparator(char32_t c) {
  return c == U':' || c == U'：' || c == U' ' || c == U'.' || c == U'，' || c == U',' ||
         c == U'、' || c == U'"' || c == U'“' || c == U'”' || c == U'|' || c == U'_' || c == U';' ||
         c == U'；' || c == U')' || c == U'）' || c == U'。';
}

std::u32string TrimSeparators(std::u32string s) {
  size_t b = 0;
  while (b < s.size() && IsSeparator(s[b])) ++b;
  size_t e = s.size();
  while (e > b && (s[e - 1] == U' ' || s[e - 1] == U'_' || s[e - 1] == U'|')) --e;
  return s.substr(b, e - b);
}

bool Meaningful(const std::u32string& s) {
  for (char32_t c : s) {
    if (text::IsHan(c) || (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') ||
        (c >= U'a' && c <= U'z')) {
      return true;
    }
  }
  return false;
}

// A label followed by （签字）/（盖章） is a signature or seal block, not the field.
// A misread 签 or 盖 still leaves the bracketed word ending in 字 or 章: (等字), (盖草).
bool IsSignatureLabel(const std::u32string& line, size_t end) {
  std::u32string rest = line.substr(std::min(end, line.size()), 4);
  if (rest.find(U'签') != std::u32string::npos || rest.find(U'盖') != std::u32string::npos) {
    return true;
  }
  const bool open = !rest.empty() && (rest[0] == U'(' || rest[0] == U'（' || rest[0] == U'〈');
  const bool close = rest.size() >= 4 && (rest[3] == U')' || rest[3] == U'）' || rest[3] == U'〉');
  if (open && close && (rest[2] == U'字' || rest[2] == U'章')) return true;
  // The opening bracket lost and 签 misread (法定代表人备字)): a Han character, 字 or 章,
  // and the closing bracket.
  auto closing = [](char32_t c) { return c == U')' || c == U'）' || c == U'〉'; };
  return rest.size() >= 3 && text::IsHan(rest[0]) && (rest[1] == U'字' || rest[1] == U'章') &&
         closing(rest[2]);
}

// The box of the line from code point `from` of its normalised text to its end, found
// from the word boxes (characters differ in width, so a proportion would drift).
Box BoxBetween(const ocr::TextLine& line, size_t from, size_t total) {
  if (total == 0 || from >= total) {
    return line.box;
  }
  // Offsets are counted in the normalised text of the words so far, not word by word: the
  // normalisation of a word depends on its neighbours (the brackets and quotes of
  // (依法须。”住”所), and counting word by word drifts by a character or two.
  std::string so_far;
  size_t offset = 0;
  for (const ocr::Word& w : line.words) {
    so_far += w.text;
    const size_t end = std::max(offset, text::ToU32(MatchText(so_far)).size());
    const size_t len = end - offset;
    if (end > from && len > 0) {
      // Inside this word: interpolate within it only.
      int x = w.box.x + static_cast<int>(w.box.width * (from - offset) / len);
      return Box{x, line.box.y, line.box.x + line.box.width - x, line.box.height};
    }
    offset = end;
  }
  int x = line.box.x + static_cast<int>(line.box.width * from / total);
  return Box{x, line.box.y, line.box.x + line.box.width - x, line.box.height};
}

class Extractor {
 public:
  Extractor(const MaterialTemplate& material, const std::vector<MaterialPage>& pages,
            ValueReader* reader)
      : material_(material), pages_(pages), reader_(reader) {
    for (size_t p = 0; p < pages.size(); ++p) {
      for (size_t l = 0; l < pages[p].text->lines.size(); ++l) {
        normalized_[{static_cast<int>(p), static_cast<int>(l)}] =
            text::ToU32(MatchText(pages[p].text->lines[l].text));
      }
    }
  }

  std::vector<FieldReading> Run() {
    FindAllLabels();
    std::vector<FieldReading> out;
    for (const FieldSpec& f : material_.fields) {
      out.push_back(Read(f));
    }
    ReadUnlabelledValues(out);
    return out;
  }

 private:
  using Key = std::pair<int, int>;

  // Fields of a type whose values cannot be mistaken for anything else (a citizen ID number,
  // a credit code, a validity range) whose label was not read: a faint grey label on an ID
  // card copy is often lost while its value is read. The value is then the one line of the
  // material that is nothing but a valid value of that type and that no other field read.
  // This is safe because such a value has one meaning on a material: two candidate lines, or
  // two unlabelled fields of the same type (the legal representative's and the agent's ID
  // numbers), leave the field unread, as before.
  void ReadUnlabelledValues(std::vector<FieldReading>& out) {
    std::map<values::ValueType, int> unlabelled;
    for (size_t i = 0; i < material_.fields.size(); ++i) {
      std::optional<values::ValueType> type = StrongType(material_.fields[i]);
      if (type && !out[i].found) ++unlabelled[*type];
    }
    for (size_t i = 0; i < material_.fields.size(); ++i) {
      const FieldSpec& f = material_.fields[i];
      std::optional<values::ValueType> type = StrongType(f);
      if (!type || out[i].found || unlabelled[*type] != 1) continue;
      std::vector<Key> candidates;
      for (const auto& [key, line] : normalized_) {
        if (taken_.count(key) || IsClaimedLine(key)) continue;
        if (OnlyValue(*type, pages_[key.first].text->lines[key.second].text, f.label)) {
          candidates.push_back(key);
        }
      }
      if (candidates.size() != 1) continue;
      FieldReading r;
      r.key = f.key;
      Take(candidates[0].first, candidates[0].second, f, &r);
      Finish(f, &r);
      out[i] = r;
    }
  }

  // The field's type when it is read by label and its values are unmistakable.
  static std::optional<values::ValueType> StrongType(const FieldSpec& f) {
    if (f.locate != Locate::kLabel || f.label.empty()) return std::nullopt;
    std::optional<values::ValueType> type = values::ParseValueType(f.type);
    if (type != values::ValueType::kId18 && type != values::ValueType::kUscc &&
        type != values::ValueType::kDateRange) {
      return std::nullopt;
    }
    return type;
  }

  // Whether `line` is a valid value of `type` and hardly anything else: at most two
  // characters that cannot belong to such a value (OCR specks, a stray quote), besides a
  // leading label too misread to be found (民身份呈码 for 公民身份号码): Han characters
  // that keep at least half of `label`'s, in order.
  static bool OnlyValue(values::ValueType type, const std::string& line,
                        const std::string& label) {
    if (values::Normalize(type, line).outcome != values::Outcome::kOk) return false;
    static const std::u32string kRangeChars = U"年月日至起止长期.-/~—－.";
    std::u32string rest = text::ToU32(MatchText(line));
    if (type != values::ValueType::kDateRange) {
      size_t head = 0;
      while (head < rest.size() && text::IsHan(rest[head])) ++head;
      const std::u32string l = text::ToU32(MatchText(label));
      if (head >= 2 && l.size() >= 2 && CommonInOrder(rest.substr(0, head), l) * 2 >= l.size()) {
        rest.erase(0, head);
      }
    }
    int other = 0;
    for (char32_t c : rest) {
      bool alnum = (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z');
      bool fits = type == values::ValueType::kDateRange
                      ? (c >= U'0' && c <= U'9') || kRangeChars.find(c) != std::u32string::npos
                      : alnum;
      if (!fits) ++other;
    }
    return other <= 2;
  }

  // The length of the longest common subsequence of `a` and `b`.
  static size_t CommonInOrder(const std::u32string& a, const std::u32string& b) {
    std::vector<size_t> row(b.size() + 1, 0);
    for (char32_t ca : a) {
      size_t diagonal = 0;
      for (size_t j = 0; j < b.size(); ++j) {
        size_t up = row[j + 1];
        row[j + 1] = ca == b[j] ? diagonal + 1 : std::max(row[j + 1], row[j]);
        diagonal = up;
      }
    }
    return row[b.size()];
  }

  bool IsClaimedLine(const Key& key) const {
    for (const LabelHit& c : claimed_) {
      if (c.where.page == key.first && c.where.line == key.second) return true;
    }
    return false;
  }

  // Whether characters [b, e) of line `key` are part of a label another field claimed.
  bool IsClaimed(const Key& key, size_t b, size_t e) const {
    return std::any_of(claimed_.begin(), claimed_.end(), [&](const LabelHit& c) {
      return c.where.page == key.first && c.where.line == key.second && b < c.end && c.begin < e;
    });
  }

  // Assigns label places to fields, longest label first, each place used once.
  void FindAllLabels() {
    std::vector<const FieldSpec*> order;
    for (const FieldSpec& f : material_.fields) {
      if (!f.label.empty()) order.push_back(&f);
    }
    std::stable_sort(order.begin(), order.end(), [](const FieldSpec* a, const FieldSpec* b) {
      return text::ToU32(a->label).size() > text::ToU32(b->label).size();
    });
    for (const FieldSpec* f : order) {
      std::vector<std::string> labels = {f->label};
      labels.insert(labels.end(), f->aliases.begin(), f->aliases.end());
      std::optional<LabelHit> best;
      for (const auto& [key, line] : normalized_) {
        for (const std::string& label : labels) {
          std::optional<LabelHit> hit = Match(key, line, *f, label);
          if (!hit) continue;
          bool better = !best || hit->score > best->score + 1e-9;
          // The signing date is the last 日期 of a material; other labels the first.
          bool tie = best && std::abs(hit->score - best->score) < 1e-9;
          if (tie && f->key == "sign_date") better = true;
          if (better) best = hit;
        }
      }
      if (!best) best = SplitLabel(*f, labels);
      if (!best) best = WrappedLabel(labels);
      if (!best) best = MisreadDateLabel(*f, labels);
      if (best) {
        claimed_.push_back(*best);
        hits_[f->key] = *best;
      }
    }
  }

  // A two-character date label whose first character was misread (1期 for 日期 on a
  // photocopy, the seal over it): its second character and a colon, after a separator or
  // at the start of a line, with a date right after them. The signing date is the last
  // such place, other dates the first.
  std::optional<LabelHit> MisreadDateLabel(const FieldSpec& f,
                                           const std::vector<std::string>& labels) {
    if (f.type != "date") return std::nullopt;
    std::optional<LabelHit> found;
    for (const auto& [key, line] : normalized_) {
      for (const std::string& label : labels) {
        const std::u32string l = text::ToU32(MatchText(label));
        if (l.size() != 2) continue;
        for (size_t b = 0; b + 2 < line.size(); ++b) {
          if (line[b] == l[0] || line[b + 1] != l[1]) continue;
          if (line[b + 2] != U':' && line[b + 2] != U'：') continue;
          if (b > 0 && !IsSeparator(line[b - 1])) continue;
          if (!TypedValueFollows(f, line.substr(b + 2))) continue;
          if (IsClaimed(key, b, b + 2)) continue;
          // Below every label read whole.
          LabelHit hit{LineRef{key.first, key.second}, b, b + 2, 0.5};
          if (!found || f.key == "sign_date") found = hit;
        }
      }
    }
    return found;
  }

  // A long label wrapped in its cell whose second line was not read (行政处罚决定 | 书文号):
  // a cell line that is all of the label's first two thirds or more, and nothing else.
  std::optional<LabelHit> WrappedLabel(const std::vector<std::string>& labels) {
    for (const auto& [key, norm] : normalized_) {
      const ocr::TextLine& line = pages_[key.first].text->lines[key.second];
      if (line.cell < 0 || norm.size() < 4) continue;
      std::u32string text = norm;
      while (!text.empty() && (text.back() == U':' || text.back() == U'：')) text.pop_back();
      for (const std::string& label : labels) {
        const std::u32string l = text::ToU32(MatchText(label));
        if (l.size() < 6 || text.size() * 3 < l.size() * 2 || text.size() >= l.size()) continue;
        if (l.compare(0, text.size(), text) != 0) continue;
        if (!IsClaimedLine(key))
          return LabelHit{LineRef{key.first, key.second}, 0, norm.size(), 0.7};
      }
    }
    return std::nullopt;
  }

  // A label split over two cells of a row: a row header and its sub-label (付款人 in a
  // merged cell, 全称 beside it, for 付款人全称). The hit is the sub-label's line, so the
  // value is the cell to its right.
  std::optional<LabelHit> SplitLabel(const FieldSpec& f, const std::vector<std::string>& labels) {
    for (size_t p = 0; p < pages_.size(); ++p) {
      const ocr::PageText& page = *pages_[p].text;
      // Each cell's text, top to bottom, and its first line.
      std::map<int, std::u32string> cell_text;
      std::map<int, int> first_line;
      for (size_t li = 0; li < page.lines.size(); ++li) {
        const int c = page.lines[li].cell;
        if (c < 0) continue;
        cell_text[c] += normalized_[{static_cast<int>(p), static_cast<int>(li)}];
        if (!first_line.count(c)) first_line[c] = static_cast<int>(li);
      }
      for (const auto& [a, head] : cell_text) {
        std::optional<Box> right = RightCellBox(page, a);
        if (!right || head.empty()) continue;
        for (const auto& [b, sub] : cell_text) {
          if (page.cells[b].x != right->x || page.cells[b].y != right->y || sub.empty()) continue;
          const std::string joined = text::ToUtf8(head + sub);
          for (const std::string& label : labels) {
            size_t lb, le;
            if (FindLabel(joined, label, &lb, &le) < 1.0 - 1e-9) continue;
            // The label must end in the sub-label and take all of it: not 收款人全称's 全称.
            if (le != head.size() + sub.size() || lb >= head.size()) continue;
            const Key key{static_cast<int>(p), first_line[b]};
            if (IsClaimedLine(key)) continue;
            return LabelHit{LineRef{key.first, key.second}, 0, normalized_[key].size(), 1.0};
          }
        }
      }
    }
    return std::nullopt;
  }

  static bool TypedValueFollows(const FieldSpec& f, const std::u32string& rest) {
    std::optional<values::ValueType> type = values::ParseValueType(f.type);
    if (!type) return false;
    using values::ValueType;
    if (*type != ValueType::kAmount && *type != ValueType::kDate && *type != ValueType::kDocNo &&
        *type != ValueType::kUscc && *type != ValueType::kId18 && *type != ValueType::kPhone) {
      return false;
    }
    // The value must start right after the label, not somewhere later in the sentence.
    std::u32string head = rest.substr(0, 16);
    size_t first = head.find_first_not_of(U"：: 人民币¥￥");
    if (first == std::u32string::npos || first > 4) return false;
    char32_t c = head[first];
    // Digits, or the formal numerals of amounts; 百分之三 is no amount.
    static const std::u32string kFormal = U"零壹贰叁肆伍陆柒捌玖拾佰仟〇一二";
    bool starts_like_value =
        (c >= U'0' && c <= U'9') || (*type != ValueType::kAmount && text::IsHan(c)) ||
        (*type == ValueType::kAmount && kFormal.find(c) != std::u32string::npos &&
         head.find(U'百') == std::u32string::npos);
    return starts_like_value &&
           values::Normalize(*type, text::ToUtf8(head)).outcome == values::Outcome::kOk;
  }

  std::optional<LabelHit> Match(const Key& key, const std::u32string& line, const FieldSpec& field,
                                const std::string& label) {
    std::string line8 = text::ToUtf8(line);
    size_t b, e;
    double sim = FindLabel(line8, label, &b, &e);
    if (sim <= 0) return std::nullopt;
    e = std::min(e, line.size());
    if (IsClaimed(key, b, e)) return std::nullopt;
    if (IsSignatureLabel(line, e)) return std::nullopt;
    // A form's note (注：本表一式两份，申请主体与处罚机关各留存一份) names fields in passing.
    if (b > 0 && line.size() > 2 && line[0] == U'注' && (line[1] == U':' || line[1] == U'：')) {
      return std::nullopt;
    }
    // Not inside the material's title: 送达地址 in 送达地址确认书.
    for (const std::string& title : material_.titles) {
      size_t tb, te;
      if (text::ToU32(MatchText(title)).size() > text::ToU32(MatchText(label)).size() &&
          FindLabel(line8, title, &tb, &te) >= 0.8 && b >= tb && e <= te) {
        return std::nullopt;
      }
    }
    size_t label_len = text::ToU32(MatchText(label)).size();
    // A short label must stand at the start of its line or after a separator, so 日期 does
    // not match inside 处罚日期; inside a sentence (处以罚款2000元) it counts only when a
    // value of a strongly typed field follows it at once.
    bool at_start = b == 0 || IsSeparator(line[b - 1]);
    // Nor inside a sentence, unless a colon follows it (在我单位任职务：董事长); not for a date,
    // whose label ends many others (处罚日期：).
    bool colon_after = e < line.size() && (line[e] == U':' || line[e] == U'：');
    bool colon_label = colon_after && field.type != "date";
    if (label_len <= 3 && !at_start && !colon_label && !TypedValueFollows(field, line.substr(e))) {
      return std::nullopt;
    }
    // A short date label joined to the word before it names another date (出生日期 for a
    // certificate's 日期): taking it gave the birth date for the signing date wherever the
    // signing line was not read.
    if (label_len <= 3 && !at_start && field.type == "date" && text::IsHan(line[b - 1])) {
      return std::nullopt;
    }
    // A label opening its line beats one after a separator inside a sentence (告知事项，送达
    // 地址变更未及时告知).
    double place = b == 0 ? 0.06 : at_start ? 0.05 : 0.0;
    // A label alone on its line or before a colon is a form's label, not words of a sentence.
    if (e >= line.size() || line[e] == U':' || line[e] == U'：') place += 0.02;
    LabelHit hit{LineRef{key.first, key.second}, b, e, sim + place};
    return hit;
  }

  // Start of the first other label within `rest`, so a merged line keeps only this value.
  size_t CutAtNextLabel(const std::u32string& rest) const {
    size_t cut = rest.size();
    for (const FieldSpec& f : material_.fields) {
      if (f.label.empty()) continue;
      std::u32string l = text::ToU32(MatchText(f.label));
      if (l.size() < 3) continue;
      size_t pos = rest.find(l);
      if (pos != std::u32string::npos && pos > 0 && pos < cut) cut = pos;
    }
    return cut;
  }

  // Where a name written in a sentence ends: at punctuation, or where the next item of a
  // personal record begins (姓名：张三，性别：男 reads 张三性别男 once the comma is dropped).
  static size_t NameEnd(const std::u32string& rest) {
    static const std::u32string kNextItems[] = {U"性别", U"民族", U"出生", U"身份证",
                                                U"职务", U"住址", U"电话", U"联系"};
    size_t end = std::min(rest.size(), rest.find_first_of(U"，,;；:：（("));
    for (const std::u32string& item : kNextItems) {
      size_t pos = rest.find(item);
      if (pos != std::u32string::npos && pos > 0) end = std::min(end, pos);
    }
    return end;
  }

  FieldReading Read(const FieldSpec& f) {
    FieldReading r;
    r.key = f.key;
    if (f.type == "check" && !f.options.empty()) {
      ReadTicked(f, &r);
      Finish(f, &r);
      return r;
    }
    switch (f.locate) {
      case Locate::kLabel:
        ReadByLabel(f, &r);
        break;
      case Locate::kBelowTitle:
        ReadBelowTitle(f, &r);
        break;
      case Locate::kLast:
        ReadLast(f, &r);
        break;
      case Locate::kAboveLastDate:
        ReadAboveLastDate(f, &r);
        break;
      case Locate::kNearAnchor:
        ReadNearAnchor(f, &r);
        break;
      // Read from the seal's ring text once owners are known (seal::FillSealFields).
      case Locate::kSeal:
        break;
    }
    Finish(f, &r);
    return r;
  }

  void ReadByLabel(const FieldSpec& f, FieldReading* r) {
    auto it = hits_.find(f.key);
    if (it == hits_.end()) return;
    const LabelHit& hit = it->second;
    const ocr::TextLine& line = LineAt(pages_, hit.where);
    const std::u32string& norm = normalized_[{hit.where.page, hit.where.line}];
    r->found = true;
    r->page = pages_[hit.where.page].number;

    // The rest of the label's line.
    std::u32string rest = norm.substr(std::min(hit.end, norm.size()));
    const size_t to_line_end = rest.size();
    rest = rest.substr(0, CutAtNextLabel(rest));
    // A value written inside a sentence (在我单位任职务：董事长，系本单位…) ends at its comma.
    // (The normalised text has lost the commas between Han characters; the line has them.)
    if (hit.begin > 0 && !IsSeparator(norm[hit.begin - 1])) {
      std::u32string punctuated;
      std::vector<size_t> from;
      if (MatchTextKeeping(line.text, &punctuated, &from) == norm && hit.end < from.size()) {
        const size_t start = hit.end;  // first code point after the label, in norm
        size_t end = rest.size();
        for (size_t k = start; k < norm.size() && k - start < end; ++k) {
          const size_t next = k + 1 < from.size() ? from[k + 1] : punctuated.size();
          for (size_t p = from[k] + 1; p < next; ++p) {
            if (std::u32string_view(U"，,；;。").find(punctuated[p]) != std::u32string::npos &&
                k + 1 > start) {
              end = std::min(end, k + 1 - start);
            }
          }
        }
        rest = rest.substr(0, end);
      }
    }
    const bool ended_inside = rest.size() < to_line_end;
    rest = TrimSeparators(rest);
    if (f.type == "person") rest = rest.substr(0, NameEnd(rest));
    taken_.insert({hit.where.page, hit.where.line});
    if (Meaningful(rest)) {
      r->text = text::ToUtf8(rest);
      r->bbox = BoxBetween(line, hit.end, norm.size());
      r->confidence = line.confidence;
      page_ = hit.where.page;
      // The label's own place, not its line's: OCR may join the label to the text of the
      // column left of it (经营范围…住所 on a licence). A value that ended inside its line
      // (at a comma, or at the next label) does not go on below it.
      if (!ended_inside) {
        AppendContinuation(f, hit.where, BoxBetween(line, hit.begin, norm.size()).x, r);
      }
      // The full stop that ends the sentence a value was written in is not the value's.
      if (hit.begin > 0) {
        std::u32string t = text::ToU32(r->text);
        while (!t.empty() && (t.back() == U'。' || t.back() == U'.')) t.pop_back();
        r->text = text::ToUtf8(t);
      }
      return;
    }
    r->bbox = line.box;
    page_ = hit.where.page;

    // The cell to the right, or the nearest line to the right or below.
    const ocr::PageText& page = *pages_[hit.where.page].text;
    std::vector<int> value_lines =
        line.cell >= 0 ? CellRight(page, line.cell) : LinesBeside(page, hit.where.line);
    // Something to the right that is no value of the field's type (a title beside the
    // label): the value may be printed under the label instead. A line below is taken only
    // when it is a value of the type: under an empty 委托期限 comes the next clause.
    // An identifier printed under its label (a licence's 统一社会信用代码) and misread by a
    // glyph is still its value: taken when it has an identifier's shape, so that it can be
    // repaired or read again, or reported as it stands.
    if (line.cell < 0 && (value_lines.empty() || !ValueFits(f, page, value_lines))) {
      std::vector<int> below = LinesBeside(page, hit.where.line, true);
      bool fits = !below.empty() && ValueFits(f, page, below);
      if (!value_lines.empty()) {
        if (fits) {
          value_lines = below;
        } else if (below == value_lines) {
          value_lines.clear();
        }
      }
      if (!fits && !below.empty() && IdentifierShaped(f, page, below)) value_lines = below;
    }
    // A sentence that breaks right after the label (…身份证号码： | 1201…，我单位任职务) goes
    // on with the identifier at the start of its next line: that run is the value, valid
    // or not (a misread number is then reported as read, not as blank).
    if (line.cell < 0 && value_lines.empty()) {
      std::optional<int> next = NextLineOfSentence(page, hit.where.line);
      std::u32string lead = next ? LeadingIdentifier(f, page.lines[*next].text) : U"";
      if (!lead.empty()) {
        const ocr::TextLine& v = page.lines[*next];
        taken_.insert({hit.where.page, *next});
        r->text = text::ToUtf8(lead);
        r->bbox = v.box;
        r->confidence = v.confidence;
        return;
      }
    }
    std::string joined;
    Box box;
    double conf = 0;
    for (int li : value_lines) {
      const ocr::TextLine& v = page.lines[li];
      if (LineHasOtherLabel(hit.where.page, li, f)) {
        // The line goes on with another field (120101…，在我单位任职务：…): the value is
        // what comes before that field's label, up to a comma.
        std::u32string head = OtherLabelPrefix(hit.where.page, li, f);
        head = head.substr(0, std::min(head.size(), head.find_first_of(U"，,；;。")));
        head = TrimSeparators(head);
        if (joined.empty() && Meaningful(head)) {
          joined = text::ToUtf8(head);
          box = v.box;
          conf = v.confidence;
          value_lines = {li};
        }
        break;
      }
      // A cell's signing block (处罚机关（盖章）, the date) follows the value; it is not part of
      // it.
      if (v.text.find("盖章") != std::string::npos || v.text.find("签字") != std::string::npos ||
          v.text.find("签章") != std::string::npos) {
        break;
      }
      joined += v.text;
      taken_.insert({hit.where.page, li});
      box = Union(box, v.box);
      conf += v.confidence;
    }
    if (joined.empty()) {
      // Nothing read: the value's place is the cell to the right, or the rest of the row.
      std::optional<Box> cell = line.cell >= 0 ? RightCellBox(page, line.cell) : std::nullopt;
      r->bbox = cell ? *cell
                     : Box{line.box.x + line.box.width, line.box.y - line.box.height / 4,
                           std::min(900, page.width - line.box.x - line.box.width),
                           line.box.height * 3 / 2};
    }
    // A cell of several lines of a strongly typed field whose joined text is no value (a
    // speck line read as 十用售正公示 above the decision number): the one line that is. Also
    // when the joined text is a value only by taking in noise (上JECD3 IJ-人… above it gives
    // 上津南开市监严列〔2023〕36号): the other lines are mostly not Han characters.
    if (value_lines.size() > 1 && StronglyTyped(f)) {
      std::optional<values::ValueType> type = values::ParseValueType(f.type);
      std::vector<int> valid;
      for (int li : value_lines) {
        if (values::Normalize(*type, page.lines[li].text).outcome == values::Outcome::kOk) {
          valid.push_back(li);
        }
      }
      const values::Normalized whole = values::Normalize(*type, joined);
      const bool noise_taken_in =
          whole.outcome == values::Outcome::kOk && valid.size() == 1 &&
          values::Normalize(*type, page.lines[valid.front()].text).value != whole.value &&
          std::all_of(value_lines.begin(), value_lines.end(), [&](int li) {
            return li == valid.front() || !MostlyHan(page.lines[li].text);
          });
      if (valid.size() == 1 && (whole.outcome != values::Outcome::kOk || noise_taken_in)) {
        const ocr::TextLine& v = page.lines[valid.front()];
        joined = v.text;
        box = v.box;
        conf = v.confidence;
        value_lines = valid;
      }
    }
    if (!joined.empty()) {
      r->text = joined;
      r->bbox = box;
      r->confidence = conf / value_lines.size();
      // A value beside its label (a licence's 住所 and the address a column to its right)
      // wraps as well.
      LineRef last{hit.where.page, value_lines.back()};
      if (value_lines.size() == 1 && page.lines[last.line].cell < 0) {
        AppendContinuation(f, last, BoxBetween(line, hit.begin, norm.size()).x, r);
      }
    }
  }

  // Whether at least half the characters of `s` (spaces aside) are Han characters.
  static bool MostlyHan(const std::string& s) {
    std::u32string u = text::ToU32(text::RemoveSpaces(s));
    size_t han = std::count_if(u.begin(), u.end(), [](char32_t c) { return text::IsHan(c); });
    return han * 2 >= u.size();
  }

  static bool StronglyTyped(const FieldSpec& f) {
    std::optional<values::ValueType> type = values::ParseValueType(f.type);
    using values::ValueType;
    return type &&
           (*type == ValueType::kDocNo || *type == ValueType::kDate || *type == ValueType::kUscc ||
            *type == ValueType::kId18 || *type == ValueType::kPhone || *type == ValueType::kAmount);
  }

  // True for a credit code or ID number field when `lines` read as 17 to 20 letters and
  // digits with little else: the value, misread.
  static bool IdentifierShaped(const FieldSpec& f, const ocr::PageText& page,
                               const std::vector<int>& lines) {
    std::optional<values::ValueType> type = values::ParseValueType(f.type);
    if (!type || (*type != values::ValueType::kUscc && *type != values::ValueType::kId18)) {
      return false;
    }
    int alnum = 0, other = 0;
    for (int li : lines) {
      for (char32_t c : text::ToU32(page.lines[li].text)) {
        if ((c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) {
          ++alnum;
        } else if (c != U' ') {
          ++other;
        }
      }
    }
    return alnum >= 17 && alnum <= 20 && other <= 2;
  }

  // The line that continues the sentence of line `li`: the next one, just below it, starting
  // in the left half of it (where a wrapped paragraph's lines start).
  static std::optional<int> NextLineOfSentence(const ocr::PageText& page, int li) {
    if (li + 1 >= static_cast<int>(page.lines.size())) return std::nullopt;
    const ocr::TextLine& a = page.lines[li];
    const ocr::TextLine& b = page.lines[li + 1];
    if (a.cell >= 0 || b.cell >= 0) return std::nullopt;
    bool below = b.box.y > a.box.y + a.box.height / 2 && b.box.y < a.box.y + 2 * a.box.height;
    bool left = b.box.x < a.box.x + a.box.width / 2;
    if (!below || !left) return std::nullopt;
    return li + 1;
  }

  // The run of letters and digits a line starts with, when the field is an identifier and
  // the run has about an identifier's length (15 to 22); else empty.
  static std::u32string LeadingIdentifier(const FieldSpec& f, const std::string& line) {
    std::optional<values::ValueType> type = values::ParseValueType(f.type);
    if (!type || (*type != values::ValueType::kUscc && *type != values::ValueType::kId18)) {
      return U"";
    }
    std::u32string run;
    for (char32_t c : text::ToU32(text::FoldWidth(line, true))) {
      if (c == U' ') continue;
      if (!((c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'))) {
        break;
      }
      run += c;
    }
    return run.size() >= 15 && run.size() <= 22 ? run : U"";
  }

  static bool ValueFits(const FieldSpec& f, const ocr::PageText& page,
                        const std::vector<int>& lines) {
    std::optional<values::ValueType> type = values::ParseValueType(f.type);
    if (!type) return true;
    std::string joined;
    for (int li : lines) joined += page.lines[li].text;
    return values::Normalize(*type, joined).outcome == values::Outcome::kOk;
  }

  // True when the box (shrunk away from its rulings) holds more ink than specks.
  // The lowest confidence of the words whose centre lies in `box`; `fallback` when none.
  static double WeakestWord(const ocr::PageText& page, const Box& box, double fallback) {
    double weakest = 2.0;
    for (const ocr::TextLine& line : page.lines) {
      for (const ocr::Word& w : line.words) {
        int cx = w.box.x + w.box.width / 2;
        int cy = w.box.y + w.box.height / 2;
        if (cx >= box.x && cx < box.x + box.width && cy >= box.y && cy < box.y + box.height) {
          weakest = std::min(weakest, w.confidence);
        }
      }
    }
    return weakest > 1.0 ? fallback : weakest;
  }

  static bool HasUnreadInk(const ocr::PageText& page, const Box& box) {
    if (page.ink.empty() || box.empty()) return false;
    cv::Rect r(box.x + 8, box.y + 6, box.width - 16, box.height - 12);
    r &= cv::Rect(0, 0, page.ink.cols, page.ink.rows);
    if (r.width < 10 || r.height < 10) return false;
    return cv::countNonZero(page.ink(r)) > std::max(150.0, 0.004 * r.area());
  }

  // A long address or text wraps: lines just below that start where the value started, and
  // hold no label of their own, continue it. `label_x` is where the field's label starts.
  void AppendContinuation(const FieldSpec& f, const LineRef& where, int label_x, FieldReading* r) {
    std::optional<values::ValueType> type = values::ParseValueType(f.type);
    if (!type || (*type != values::ValueType::kAddr && *type != values::ValueType::kText)) return;
    const ocr::PageText& page = *pages_[where.page].text;
    if (page.lines[where.line].cell >= 0) return;  // a cell holds its whole value
    Box last = page.lines[where.line].box;
    int start_x = r->bbox.x;
    // The text's right margin: a line that stops well short of it ends its paragraph.
    int margin = 0;
    for (const ocr::TextLine& l : page.lines) margin = std::max(margin, l.box.x + l.box.width);
    // A value inside a paragraph (经查，当事人存在以下情形：列入事由：通过登记的住所) wraps
    // to the paragraph's left edge instead.
    int para_x = page.lines[where.line].box.x;
    for (int hop = 0; hop < 3; ++hop) {
      if (last.x + last.width < margin - 4 * last.height) return;
      if (!r->text.empty() && text::ToU32(r->text).back() == U'。') return;  // sentence ended
      int next = -1;
      for (size_t i = 0; i < page.lines.size(); ++i) {
        const Box& b = page.lines[i].box;
        int gap = b.y - (last.y + last.height);
        if (gap < -last.height / 3 || gap > last.height || b.y <= last.y) continue;
        const int near = std::max(60, last.height * 2);
        const bool under_value = std::abs(b.x - start_x) <= near;
        const bool paragraph =
            para_x < start_x - near && b.x <= para_x + near / 2 && b.x >= para_x - 2 * near;
        if (!under_value && !paragraph) continue;
        if (next < 0 || b.y < page.lines[next].box.y) next = static_cast<int>(i);
      }
      if (next < 0 || LineHasOtherLabel(where.page, next, f) ||
          LineHasLabelText(page.lines[next].text)) {
        return;
      }
      // A line with another line to its left on the same row is that row's value (代收机构：
      // 中国银行…), not the rest of this one; a line of another column, left of the field's
      // label (a licence's 经营范围 beside its 住所), does not count.
      const Box& candidate = page.lines[next].box;
      for (size_t i = 0; i < page.lines.size(); ++i) {
        const Box& b = page.lines[i].box;
        if (static_cast<int>(i) != next && b.x + b.width <= candidate.x + 10 &&
            b.x + b.width > label_x && SameRow(b, candidate)) {
          return;
        }
      }
      r->text += page.lines[next].text;
      taken_.insert({where.page, next});
      last = page.lines[next].box;
    }
  }

  // Whether a line starts with any label of the material (a new field, not a continuation).
  bool LineHasLabelText(const std::string& line) const {
    std::string norm = MatchText(line);
    for (const FieldSpec& other : material_.fields) {
      if (other.label.empty()) continue;
      size_t b, e;
      if (FindLabel(norm, other.label, &b, &e) > 0 && b <= 1) return true;
    }
    return false;
  }

  // The normalised text of line `li` before the first label of another field on it.
  std::u32string OtherLabelPrefix(int page, int li, const FieldSpec& self) const {
    size_t begin = std::u32string::npos;
    for (const auto& [key, hit] : hits_) {
      if (key != self.key && hit.where.page == page && hit.where.line == li) {
        begin = std::min(begin, hit.begin);
      }
    }
    auto it = normalized_.find({page, li});
    if (it == normalized_.end() || begin == std::u32string::npos) return {};
    return it->second.substr(0, begin);
  }

  bool LineHasOtherLabel(int page, int li, const FieldSpec& self) const {
    for (const auto& [key, hit] : hits_) {
      if (key != self.key && hit.where.page == page && hit.where.line == li) return true;
    }
    return false;
  }

  static bool SameRow(const Box& a, const Box& b) {
    int overlap = std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
    return overlap > std::min(a.height, b.height) / 2;
  }

  std::optional<Box> RightCellBox(const ocr::PageText& page, int cell) const {
    const Box& c = page.cells[cell];
    std::optional<Box> best;
    for (const Box& other : page.cells) {
      if (other.x >= c.x + c.width - 12 && SameRow(c, other) && (!best || other.x < best->x)) {
        best = other;
      }
    }
    return best;
  }

  std::vector<int> CellRight(const ocr::PageText& page, int cell) const {
    std::vector<int> out;
    std::optional<Box> right = RightCellBox(page, cell);
    if (!right) return out;
    int right_index = -1;
    for (size_t i = 0; i < page.cells.size(); ++i) {
      if (page.cells[i].x == right->x && page.cells[i].y == right->y) right_index = i;
    }
    for (size_t i = 0; i < page.lines.size(); ++i) {
      if (page.lines[i].cell == right_index) out.push_back(static_cast<int>(i));
    }
    return out;
  }

  // Lines to the right of the label on its row; else the line just below it, starting
  // about where the label starts (a value printed under its label, as on a licence).
  std::vector<int> LinesBeside(const ocr::PageText& page, int label_line,
                               bool below_only = false) const {
    const Box& l = page.lines[label_line].box;
    std::vector<int> out;
    for (size_t i = 0; i < page.lines.size(); ++i) {
      const Box& b = page.lines[i].box;
      if (static_cast<int>(i) != label_line && b.x >= l.x + l.width - 5 && SameRow(l, b) &&
          b.x - (l.x + l.width) < page.width / 3) {
        out.push_back(static_cast<int>(i));
      }
    }
    if (!out.empty() && !below_only) return out;
    out.clear();
    int best = -1;
    for (size_t i = 0; i < page.lines.size(); ++i) {
      const Box& b = page.lines[i].box;
      int gap = b.y - (l.y + l.height);
      // Line boxes of adjacent lines may overlap a little (descenders, accents).
      bool below = gap >= -l.height / 2 && gap < static_cast<int>(1.5 * l.height) &&
                   b.y > l.y + l.height / 2;
      bool aligned = std::abs(b.x - l.x) < 2 * l.height ||
                     (b.x < l.x + l.width / 2 && b.x + b.width > l.x + l.width / 2);
      if (static_cast<int>(i) != label_line && below && aligned &&
          (best < 0 || b.y < page.lines[best].box.y)) {
        best = static_cast<int>(i);
      }
    }
    if (best >= 0) out.push_back(best);
    return out;
  }

  // A check field: the printed option whose box is ticked. A box read as 口, □ or ○ is empty;
  // any other mark in front of an option (☑, √, or the 团, 区, 回 OCR makes of a ticked box)
  // ticks it. The value is the ticked option, or blank when none or several are ticked.
  // Only a line that is the option itself counts, not a sentence that mentions it.
  void ReadTicked(const FieldSpec& f, FieldReading* r) {
    static const std::u32string kEmptyBox = U"口□○◯〇";
    std::vector<std::pair<std::string, LineRef>> ticked, unmarked;
    std::vector<LineRef> boxes;  // lines of options whose box was read as empty
    bool any_option = false;
    for (const auto& [key, line] : normalized_) {
      for (const std::string& option : f.options) {
        size_t b, e;
        size_t want = text::ToU32(MatchText(option)).size();
        if (line.size() > want + 3) continue;
        if (FindLabel(text::ToUtf8(line), option, &b, &e) < 0.85) continue;
        any_option = true;
        LineRef where{key.first, key.second};
        char32_t mark = b == 0 ? U' ' : line[b - 1];
        if (kEmptyBox.find(mark) != std::u32string::npos) {
          boxes.push_back(where);
        } else if (b == 0 || IsSeparator(mark)) {
          unmarked.emplace_back(option, where);  // OCR dropped whatever box was there
        } else {
          ticked.emplace_back(option, where);
        }
      }
    }
    if (!any_option) return;
    r->found = true;
    // A tick mark OCR could not read: the one option whose box was not read as empty, when
    // every other box was. The option's words may recur elsewhere (申请理由：……移出经营异常
    // 名录); the place among the boxes is the one nearest an empty box.
    std::set<std::string> unmarked_options;
    for (const auto& u : unmarked) unmarked_options.insert(u.first);
    if (ticked.empty() && unmarked_options.size() == 1 && !boxes.empty()) {
      auto distance = [&](const LineRef& a) {
        const Box& ab = LineAt(pages_, a).box;
        int best = 1 << 30;
        for (const LineRef& b : boxes) {
          if (b.page != a.page) continue;
          const Box& bb = LineAt(pages_, b).box;
          best = std::min(best, std::abs(ab.y - bb.y) + std::abs(ab.x - bb.x));
        }
        return best;
      };
      auto nearest = std::min_element(
          unmarked.begin(), unmarked.end(),
          [&](const auto& a, const auto& b) { return distance(a.second) < distance(b.second); });
      ticked = {*nearest};
    }
    if (ticked.size() > 1) {
      // Several boxes look marked: the reading cannot tell, a person must look.
      r->handwritten = true;
      return;
    }
    if (ticked.size() == 1) {
      const ocr::TextLine& line = LineAt(pages_, ticked[0].second);
      taken_.insert({ticked[0].second.page, ticked[0].second.line});
      r->text = ticked[0].first;
      r->bbox = line.box;
      r->page = pages_[ticked[0].second.page].number;
      r->confidence = line.confidence;
      page_ = ticked[0].second.page;
    }
  }

  // The first value of the field's type within a few lines under the title.
  void ReadBelowTitle(const FieldSpec& f, FieldReading* r) {
    if (pages_.empty()) return;
    const ocr::PageText& page = *pages_[0].text;
    int start = std::max(0, pages_[0].title_line);
    for (int i = start; i < static_cast<int>(page.lines.size()) && i < start + 6; ++i) {
      std::optional<values::ValueType> type = values::ParseValueType(f.type);
      if (type == values::ValueType::kDocNo &&
          values::CanonicalDocNo(page.lines[i].text).has_value()) {
        Take(0, i, f, r);
        return;
      }
    }
  }

  // The last date of the material (the date of its 落款): a line that is little more than
  // a date, so a date inside a sentence of the body does not count, and that no labelled
  // field read (a licence's 成立日期 when its 发证日期 under the seal is lost).
  std::optional<LineRef> LastDateLine() const {
    for (int p = static_cast<int>(pages_.size()) - 1; p >= 0; --p) {
      const auto& lines = pages_[p].text->lines;
      for (int i = static_cast<int>(lines.size()) - 1; i >= 0; --i) {
        if (taken_.count({p, i})) continue;
        values::DateParse d = values::ParseDate(lines[i].text);
        size_t length = text::ToU32(MatchText(lines[i].text)).size();
        // A date to check, or one with a 年 that failed: not a page number (第2页共2页, 2/2).
        bool dated =
            d.outcome == values::Outcome::kOk || (d.outcome == values::Outcome::kInvalid &&
                                                  lines[i].text.find("年") != std::string::npos);
        if (dated && length <= 16) return LineRef{p, i};
      }
    }
    return std::nullopt;
  }

  void ReadLast(const FieldSpec& f, FieldReading* r) {
    if (std::optional<LineRef> ref = LastDateLine()) Take(ref->page, ref->line, f, r);
  }

  void ReadAboveLastDate(const FieldSpec& f, FieldReading* r) {
    std::optional<LineRef> ref = LastDateLine();
    if (!ref) return;
    const ocr::PageText& page = *pages_[ref->page].text;
    const ocr::TextLine& date_line = page.lines[ref->line];
    // The issuing body usually stands on the line above the date, roughly aligned with it.
    for (int i = ref->line - 1; i >= 0 && i >= ref->line - 3; --i) {
      const ocr::TextLine& above = page.lines[i];
      bool aligned = above.box.x + above.box.width > date_line.box.x - 200 &&
                     above.box.x < date_line.box.x + date_line.box.width + 200;
      if (aligned && Meaningful(text::ToU32(above.text))) {
        Take(ref->page, i, f, r);
        return;
      }
    }
  }

  void ReadNearAnchor(const FieldSpec& f, FieldReading* r) {
    std::string anchor = f.anchor;
    for (const auto& [key, line] : normalized_) {
      size_t b, e;
      if (FindLabel(text::ToUtf8(line), anchor, &b, &e) <= 0) continue;
      const ocr::PageText& page = *pages_[key.first].text;
      const ocr::TextLine& a = page.lines[key.second];
      // Candidates: the anchor's own line, lines in the cell to its right, lines below.
      for (size_t i = 0; i < page.lines.size(); ++i) {
        const ocr::TextLine& l = page.lines[i];
        bool below = l.box.y >= a.box.y - 5 && l.box.y < a.box.y + 700;
        if (!below) continue;
        values::DateParse d = values::ParseDate(l.text);
        if (d.outcome != values::Outcome::kEmpty) {
          Take(key.first, static_cast<int>(i), f, r);
          return;
        }
      }
      r->found = true;
      r->page = pages_[key.first].number;
      r->bbox = a.box;
      return;
    }
  }

  void Take(int p, int li, const FieldSpec& f, FieldReading* r) {
    const ocr::TextLine& line = pages_[p].text->lines[li];
    taken_.insert({p, li});
    r->found = true;
    r->text = line.text;
    r->bbox = line.box;
    r->page = pages_[p].number;
    r->confidence = line.confidence;
    page_ = p;
  }

  static size_t HanCount(const std::string& s) {
    size_t n = 0;
    for (char32_t c : text::ToU32(s)) n += text::IsHan(c);
    return n;
  }

  // `s` without spaces when it reads as an amount in words: it ends as an amount does (整,
  // 元, 角 or 分; a ruling's remnant after it, 贰万元整-, dropped) and at least half of its
  // characters belong to amounts; else nullopt. `*misread` tells whether some do not.
  static std::optional<std::string> AmountWords(const std::string& s, bool* misread) {
    std::u32string t = text::ToU32(text::RemoveSpaces(s));
    while (!t.empty() && std::u32string_view(U"-_|—.").find(t.back()) != std::u32string::npos) {
      t.pop_back();
    }
    if (t.size() < 3 || std::u32string_view(U"整正元角分").find(t.back()) == std::u32string::npos) {
      return std::nullopt;
    }
    const size_t known = std::count_if(t.begin(), t.end(), ocr::IsAmountGlyph);
    *misread = known < t.size();
    if (known * 2 < t.size()) return std::nullopt;
    return text::ToUtf8(t);
  }

  // A text value that reads as an amount in words (金额人民币（大写）) is written as one:
  // without spaces or a trailing remnant, 参 as 叁, and a glyph outside the amount's
  // alphabet (融万元整) read again by the shapes of its characters. True when it was.
  bool ReadAmountWords(FieldReading* r) {
    bool misread = false;
    std::optional<std::string> words = AmountWords(r->text, &misread);
    if (!words) return false;
    r->text = *words;
    bool repaired = false;
    if (misread && reader_ && !r->bbox.empty() && page_ >= 0) {
      std::string again =
          reader_->Read(*pages_[page_].text, r->bbox, values::ValueType::kAmount, r->text);
      if (!again.empty() && HanCount(again) == HanCount(r->text) &&
          values::Normalize(values::ValueType::kAmount, again).outcome == values::Outcome::kOk) {
        r->text = again;
        repaired = true;
      }
    }
    std::u32string t = text::ToU32(r->text);
    std::replace(t.begin(), t.end(), U'参', U'叁');
    r->text = text::ToUtf8(t);
    return repaired;
  }

  // False when a date or date range (YYYY-MM-DD[/...]) has a year no document of today
  // bears: a digit misread in a restricted alphabet (2642, 7075).
  static bool PlausibleYears(const std::string& value) {
    std::stringstream parts(value);
    for (std::string part; std::getline(parts, part, '/');) {
      if (part.size() != 10 || part[4] != '-') continue;  // 长期, or not a date
      int year = std::atoi(part.substr(0, 4).c_str());
      if (year < 1900 || year > 2099) return false;
    }
    return true;
  }

  // Normalises the text; a value that does not parse is read again with an engine limited to
  // the characters of its type (ValueReader) when that helps.
  void Finish(const FieldSpec& f, FieldReading* r) {
    std::optional<values::ValueType> type = values::ParseValueType(f.type);
    if (!type) return;
    // The words on the page are then not the value's.
    bool reread = *type == values::ValueType::kText && ReadAmountWords(r);
    values::Normalized n = values::Normalize(*type, r->text);
    n.repaired |= reread;
    if (reader_ && reader_->Rereads(*type) && n.outcome != values::Outcome::kOk &&
        !r->bbox.empty() && page_ >= 0) {
      std::string again = reader_->Read(*pages_[page_].text, r->bbox, *type, r->text);
      values::Normalized n2 = values::Normalize(*type, again);
      // A restricted alphabet makes the engine drop a glyph it cannot place (人民币壹什万元整
      // read again as 壹万元整): a reading with fewer Chinese characters is no reading.
      const bool dropped =
          *type == values::ValueType::kAmount && HanCount(again) < HanCount(r->text);
      if (n2.outcome == values::Outcome::kOk && PlausibleYears(n2.value) && !dropped) {
        // An identifier's check character vouches for its reading; a date or an amount read
        // from a restricted alphabet is a guess, held below every reliable confidence.
        bool checked = *type == values::ValueType::kUscc || *type == values::ValueType::kId18;
        if (!checked) n2.repaired = true;
        n = n2;
        r->text = again;
        reread = true;
      }
    }
    // A year no document of today bears (14985年 read for 1985年, its first digits dropped as
    // glued on) is a misreading: the value stands, held below every reliable confidence.
    if (n.outcome == values::Outcome::kOk && !PlausibleYears(n.value)) n.repaired = true;
    r->text = text::ToUtf8(TrimSeparators(text::ToU32(r->text)));
    r->value = n.outcome == values::Outcome::kOk ? n.value : "";
    if (page_ >= 0 && !r->bbox.empty() && !reread) {
      r->weakest = WeakestWord(*pages_[page_].text, r->bbox, r->confidence);
    }
    const bool named = *type == values::ValueType::kCompany ||
                       *type == values::ValueType::kPerson || *type == values::ValueType::kDocNo;
    // Characters Tesseract misreads even in clean print (鑫 as 奢, 蓟 as 萄 in a decision
    // number) are decided by shape; the reading as it was stays among the other readings.
    if (named && reader_ && !r->value.empty() && page_ >= 0 && !r->bbox.empty()) {
      ocr::NameShapes shapes = reader_->ReadNameByShape(*pages_[page_].text, r->bbox, r->text);
      values::Normalized again = values::Normalize(*type, shapes.text);
      if (!shapes.text.empty() && again.outcome == values::Outcome::kOk) {
        r->readings.push_back(r->text);
        r->text = shapes.text;
        r->value = again.value;
      }
      // A character replaced by its shape is the nearest shape of its glyph: the first of
      // the characters it looks like, as the one read was.
      if (shapes.alike.size() == text::ToU32(r->text).size()) {
        for (const std::u32string& a : shapes.alike) r->alike.push_back(text::ToUtf8(a));
      }
    }
    // Read again whatever its confidence: OCR misreads a character of a name alike on every
    // copy of it, often confidently (晟 as 晨 on four materials of one submission).
    if (named && reader_ && !r->value.empty() && page_ >= 0 && !r->bbox.empty()) {
      for (std::string& again : reader_->ReadAtOtherScales(*pages_[page_].text, r->bbox)) {
        again = text::ToUtf8(TrimSeparators(text::ToU32(again)));
        if (!again.empty() && again != r->text) r->readings.push_back(std::move(again));
      }
    }
    // A value that rests on a repaired glyph may fill the field, but it is a guess: kept below
    // every reliable confidence, a verdict it would change goes to a clerk.
    if (n.repaired) {
      r->confidence = std::min(r->confidence, kRepairedConfidence);
      r->weakest = std::min(r->weakest, kRepairedConfidence);
    }
    // Limitation: ink where a value belongs that printed-text OCR cannot read is taken as
    // handwriting; handwriting is not told apart from smudges or stamps yet.
    if (n.outcome == values::Outcome::kEmpty && page_ >= 0 && r->found && !r->handwritten) {
      r->handwritten = HasUnreadInk(*pages_[page_].text, r->bbox);
    }
    if (n.outcome != values::Outcome::kOk) {
      outcomes_[f.key] = n;
    }
    page_ = -1;
  }

  const MaterialTemplate& material_;
  const std::vector<MaterialPage>& pages_;
  ValueReader* reader_;
  std::map<Key, std::u32string> normalized_;
  std::vector<LabelHit> claimed_;
  std::map<std::string, LabelHit> hits_;
  std::set<Key> taken_;  // lines a field's value was read from
  std::map<std::string, values::Normalized> outcomes_;
  int page_ = -1;
};

}  // namespace

std::vector<FieldReading> ExtractFields(const MaterialTemplate& material,
                                        const std::vector<MaterialPage>& pages,
                                        ValueReader* reader) {
  Extractor extractor(material, pages, reader);
  return extractor.Run();
}

}  // namespace precheck::match

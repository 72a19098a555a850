// Form checks: outdated titles and mandatory clauses.
//
// A clause is searched in the material's text with its lines joined, since a clause may wrap
// from one line to the next, and with the label matcher's tolerance of one OCR error in four
// characters (short clauses must match exactly). A clause that is not there on a page that
// was read well was left out or reworded; on a poorly read page it may only be unread, and
// the finding is marked unreliable so the checker asks for a person's look.

#include "match/form_check.h"

#include <algorithm>

#include "util/text.h"

namespace precheck::match {
namespace {

// Median line confidence above which the page's text is trusted to hold every printed clause.
constexpr double kReliableConfidence = 0.8;
// Share of the template's printed labels that must have been found.
constexpr double kReliableLabels = 0.75;

// Only the characters that carry a clause's meaning: OCR reads 、 as , or drops it.
std::string ClauseKey(const std::string& text) {
  std::u32string out;
  for (char32_t c : text::ToU32(MatchText(text))) {
    if (text::IsHan(c) || (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') ||
        (c >= U'a' && c <= U'z')) {
      out += c;
    }
  }
  return text::ToUtf8(out);
}

// A clause is present when its wording is there: exactly for a clause of up to three
// characters; for up to six, exactly or with one character misread in place (目愿接受) within
// one line (的法定代表人 must not be found across the end of one line and 法定代表人（签字） on the
// next, nor in a shifted 法定代表人身份); a longer one with one misread character in seven.
// `body` is every line's clause characters joined, `lines` each line's on its own.
bool HasClause(const std::string& body, const std::vector<std::string>& lines,
               const std::string& clause) {
  std::string key = ClauseKey(clause);
  size_t length = text::ToU32(key).size();
  if (length == 0 || body.find(key) != std::string::npos) return true;
  if (length <= 3) return false;
  if (length <= 6) {
    std::u32string k = text::ToU32(key);
    for (const std::string& line : lines) {
      std::u32string t = text::ToU32(line);
      for (size_t i = 0; i + k.size() <= t.size(); ++i) {
        int differ = 0;
        for (size_t j = 0; j < k.size() && differ <= 1; ++j) differ += t[i + j] != k[j];
        if (differ <= 1) return true;
      }
    }
    return false;
  }
  size_t where = 0;
  return text::BestSubstringSimilarity(body, key, &where) >= 1.0 - 1.0 / 7.0 - 1e-9;
}

}  // namespace

FormFinding CheckForm(const MaterialTemplate& material, const PageClass& cls,
                      const std::vector<MaterialPage>& pages) {
  FormFinding out;
  if (cls.outdated) out.outdated_title = cls.title;

  std::string text;
  std::vector<double> confidences;
  std::string body;  // clause characters of every line but the title
  std::vector<std::string> body_lines;
  for (const MaterialPage& page : pages) {
    for (size_t i = 0; i < page.text->lines.size(); ++i) {
      const ocr::TextLine& line = page.text->lines[i];
      text += MatchText(line.text);
      if (static_cast<int>(i) != page.title_line) {
        body_lines.push_back(ClauseKey(line.text));
        body += body_lines.back();
      }
      confidences.push_back(line.confidence);
    }
  }
  for (const std::string& clause : material.clauses) {
    if (!HasClause(body, body_lines, clause)) out.missing_clauses.push_back(clause);
  }

  int labels = 0, found = 0;
  for (const FieldSpec& f : material.fields) {
    if (f.label.empty()) continue;
    ++labels;
    size_t begin = 0, end = 0;
    if (FindLabel(text, MatchText(f.label), &begin, &end) > 0) ++found;
  }
  // One label lost to a misread glyph (目期 for 日期) does not make a page unreadable when
  // another clause of the same material was found on it.
  bool other_clause = out.missing_clauses.size() < material.clauses.size();
  bool labels_ok = labels == 0 || found >= kReliableLabels * labels ||
                   (other_clause && found + 1 >= labels && found >= 2);
  // The median, not the mean: a signature read as text has a low confidence of its own.
  double median = 0;
  if (!confidences.empty()) {
    std::nth_element(confidences.begin(), confidences.begin() + confidences.size() / 2,
                     confidences.end());
    median = confidences[confidences.size() / 2];
  }
  out.reliable = median >= kReliableConfidence && labels_ok;
  return out;
}

}  // namespace precheck::match

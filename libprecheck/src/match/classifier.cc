// Page classification by titles, labels and keywords.
//
// Each template is scored on the page: the best similarity of any of its titles against a
// title-like line in the upper part of the page, and the share of its field labels and
// keywords found anywhere. A page is recognised when a title matches well, or when a
// keyword-identified material (no title) has most of its labels.

#include "match/classifier.h"

#include <algorithm>

#include "util/text.h"

namespace precheck::match {
namespace {

constexpr double kTitleThreshold = 0.8;

// The title score of `title` against the page's title-like lines in its upper part.
double TitleScore(const ocr::PageText& page, const std::vector<std::string>& normalized,
                  const std::string& title, int* line_index) {
  std::string want = MatchText(title);
  size_t want_len = text::ToU32(want).size();
  double best = 0;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    const ocr::TextLine& line = page.lines[i];
    if (line.box.y > page.height * 0.5) {
      continue;
    }
    size_t len = text::ToU32(normalized[i]).size();
    if (len == 0 || len > want_len + 6) {
      continue;
    }
    double sim = text::BestSubstringSimilarity(normalized[i], want);
    // A line much longer than the title is less likely to be the title itself.
    if (len > want_len + 2) {
      sim -= 0.05;
    }
    if (sim > best) {
      best = sim;
      *line_index = static_cast<int>(i);
    }
  }
  return best;
}

double LabelScore(const std::string& page_text, const MaterialTemplate& t, int* found_out) {
  int total = 0;
  int found = 0;
  auto count = [&](const std::string& label) {
    ++total;
    size_t b, e;
    if (FindLabel(page_text, label, &b, &e) > 0) {
      ++found;
    }
  };
  for (const FieldSpec& f : t.fields) {
    if (!f.label.empty()) {
      count(f.label);
    }
  }
  for (const std::string& k : t.keywords) {
    count(k);
  }
  *found_out = found;
  return total == 0 ? 0.0 : static_cast<double>(found) / total;
}

}  // namespace

std::u32string MatchTextKeeping(const std::string& text, std::u32string* punctuated,
                                std::vector<size_t>* from) {
  std::u32string u = text::ToU32(text::FoldWidth(text::RemoveSpaces(text), true));
  // OCR puts stray marks into the gaps of letter-spaced labels (名，称): drop punctuation
  // standing between two Han characters.
  std::u32string out;
  for (size_t i = 0; i < u.size(); ++i) {
    char32_t c = u[i];
    bool stray = (c == U'，' || c == U',' || c == U'.' || c == U'·' || c == U'\'' || c == U'"' ||
                  c == U'“' || c == U'”' || c == U'‘' || c == U'’' || c == U'`') &&
                 i > 0 && i + 1 < u.size() && text::IsHan(u[i - 1]) && text::IsHan(u[i + 1]);
    if (stray) continue;
    out += c;
    if (from) from->push_back(i);
  }
  if (punctuated) *punctuated = std::move(u);
  return out;
}

std::string MatchText(const std::string& text) {
  return text::ToUtf8(MatchTextKeeping(text, nullptr, nullptr));
}

double FindLabel(const std::string& line, const std::string& label, size_t* begin, size_t* end) {
  std::string want = MatchText(label);
  std::u32string w = text::ToU32(want);
  if (w.empty()) {
    return 0;
  }
  size_t where = 0;
  double sim = text::BestSubstringSimilarity(line, want, &where);
  double needed = w.size() <= 2 ? 1.0 : (w.size() <= 4 ? 0.74 : 0.7);
  if (sim + 1e-9 < needed) {
    return 0;
  }
  *begin = where;
  *end = where + w.size();
  return sim;
}

PageClass ClassifyPage(const Catalog& catalog, const ocr::PageText& page) {
  PageClass best;
  std::vector<std::string> normalized;
  std::string page_text;
  for (const ocr::TextLine& line : page.lines) {
    normalized.push_back(MatchText(line.text));
    page_text += normalized.back();
    page_text += '\n';
  }

  for (const MaterialTemplate& t : catalog.materials()) {
    PageClass c;
    c.material = &t;
    for (int pass = 0; pass < 2; ++pass) {
      const std::vector<std::string>& titles = pass == 0 ? t.titles : t.outdated_titles;
      for (const std::string& title : titles) {
        int line = -1;
        double score = TitleScore(page, normalized, title, &line);
        // An equal score prefers the current title; a longer title is more specific.
        if (score > c.title_score + 1e-9 || (score > 0 && std::abs(score - c.title_score) < 1e-9 &&
                                             title.size() > c.title.size())) {
          c.title_score = score;
          c.title = title;
          c.title_line = line;
          c.outdated = pass == 1;
        }
      }
    }
    int labels_found = 0;
    c.label_score = LabelScore(page_text, t, &labels_found);
    bool by_title = c.title_score >= kTitleThreshold;
    bool by_keywords = !t.keywords.empty() && c.label_score >= 0.6;
    // A title garbled by OCR (a bold font) still half matches, and the labels confirm it.
    bool by_labels = c.title_score >= 0.5 && labels_found >= 4 && c.label_score >= 0.75;
    if (!by_title && !by_keywords && !by_labels) {
      continue;
    }
    c.confidence = by_title      ? 0.7 * c.title_score + 0.3 * c.label_score
                   : by_keywords ? 0.5 + 0.4 * c.label_score
                                 : 0.3 * c.title_score + 0.5 * c.label_score;
    // Prefer the more specific of two titles that both match (信用修复申请书 vs a longer one).
    double rank = c.confidence + (by_title ? 0.002 * text::ToU32(c.title).size() : 0.0);
    double best_rank = best.material
                           ? best.confidence + (best.title_score >= kTitleThreshold
                                                    ? 0.002 * text::ToU32(best.title).size()
                                                    : 0.0)
                           : -1;
    if (rank > best_rank) {
      best = c;
    }
  }
  return best;
}

}  // namespace precheck::match

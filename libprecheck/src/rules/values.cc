// Value types of form fields: parsers for dates, ranges, identifiers, decision numbers,
// amounts, phones and names. Each parser works on code points after width folding and
// hand-written scanning (no std::regex), and searches the value inside noisy OCR text.

#include "rules/values.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <utility>
#include <vector>

#include "rules/date_repair.h"
#include "util/text.h"

namespace precheck::values {
namespace {

using text::IsHan;
using text::ToU32;
using text::ToUtf8;

// --- Character classes -------------------------------------------------------------------

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsUpper(char32_t c) { return c >= U'A' && c <= U'Z'; }
bool IsLower(char32_t c) { return c >= U'a' && c <= U'z'; }
bool IsLatin(char32_t c) { return IsUpper(c) || IsLower(c); }

bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' ||
         c == 0x00A0 || c == 0x3000 || c == 0x200B || c == 0xFEFF || (c >= 0x2000 && c <= 0x200A);
}

// Han characters, CJK punctuation and full-width forms: text that is written without spaces.
bool IsWide(char32_t c) {
  return IsHan(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

// Characters that only mark an empty line or cell on a form.
bool IsPlaceholder(char32_t c) {
  switch (c) {
    case U'_':
    case U'＿':
    case U'-':
    case U'－':
    case U'—':
    case U'–':
    case U'.':
    case U'。':
    case U'…':
    case U'·':
    case U'/':
    case U'／':
    case U'\\':
    case U':':
    case U'：':
    case U'*':
    case U'|':
    case U'~':
    case U'～':
      return true;
    default:
      return IsSpace(c);
  }
}

bool HasDigit(const std::u32string& s) {
  for (char32_t c : s) {
    if (IsDigit(c)) return true;
  }
  return false;
}

size_t DigitRunEnd(const std::u32string& s, size_t i) {
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i;
}

int DigitsValue(const std::u32string& s, size_t begin, size_t end) {
  int value = 0;
  for (size_t i = begin; i < end && i < begin + 9; ++i) value = value * 10 + (s[i] - U'0');
  return value;
}

bool Contains(const std::u32string& s, std::u32string_view what, size_t from = 0) {
  return from <= s.size() && s.find(what, from) != std::u32string::npos;
}

// Folds full-width digits and Latin letters (and the ideographic space) to ASCII, leaving
// all punctuation alone; used for names and free text, where （） and ：are kept.
std::u32string FoldAlnum(std::string_view raw) {
  std::u32string s = ToU32(raw);
  for (char32_t& c : s) {
    if ((c >= U'０' && c <= U'９') || (c >= U'Ａ' && c <= U'Ｚ') || (c >= U'ａ' && c <= U'ｚ')) {
      c -= 0xFEE0;
    } else if (c == 0x3000) {
      c = U' ';
    }
  }
  return s;
}

// Width-folded (brackets kept) code points with every space removed.
std::u32string Compact(std::string_view raw, bool fold_brackets = false) {
  return ToU32(text::RemoveSpaces(text::FoldWidth(raw, fold_brackets)));
}

// Trims spaces, underscores and colons at both ends.
std::u32string TrimFieldNoise(std::u32string s) {
  auto noise = [](char32_t c) {
    // A vertical bar at either end is a ruling or a cell's edge read as text.
    return IsSpace(c) || c == U'_' || c == U'＿' || c == U':' || c == U'：' || c == U'|' ||
           c == U'｜';
  };
  size_t begin = 0;
  while (begin < s.size() && noise(s[begin])) ++begin;
  size_t end = s.size();
  while (end > begin && noise(s[end - 1])) --end;
  return s.substr(begin, end - begin);
}

bool OnlyPlaceholders(const std::u32string& s) {
  for (char32_t c : s) {
    if (!IsPlaceholder(c)) return false;
  }
  return true;
}

// OCR reads 0 and 1 as the letters O and l/I; inside a run of digits they can only be digits.
int DigitLike(char32_t c) {
  if (IsDigit(c)) return static_cast<int>(c - U'0');
  if (c == U'O' || c == U'o') return 0;
  if (c == U'l' || c == U'I' || c == U'|') return 1;
  return -1;
}

Normalized Ok(std::string value) { return {Outcome::kOk, std::move(value), {}}; }
Normalized Empty() { return {Outcome::kEmpty, {}, {}}; }
Normalized Invalid(std::string value, std::string reason) {
  return {Outcome::kInvalid, std::move(value), std::move(reason)};
}

// --- Chinese numerals ----------------------------------------------------------------------

// 0..9 for a Chinese digit in the everyday or the financial (大写) form, else -1.
int HanDigit(char32_t c) {
  switch (c) {
    case U'〇':
    case U'○':
    case U'零':
      return 0;
    case U'一':
    case U'壹':
      return 1;
    case U'二':
    case U'两':
    case U'贰':
    case U'貳':
      return 2;
    case U'三':
    case U'叁':
    case U'參':
    case U'参':  // the everyday form of 叁, also written in 大写 amounts
      return 3;
    case U'四':
    case U'肆':
      return 4;
    case U'五':
    case U'伍':
      return 5;
    case U'六':
    case U'陆':
    case U'陸':
      return 6;
    case U'七':
    case U'柒':
      return 7;
    case U'八':
    case U'捌':
      return 8;
    case U'九':
    case U'玖':
      return 9;
    default:
      return -1;
  }
}

// 10, 100, 1000, 10^4 or 10^8 for a Chinese unit character, else 0.
double HanUnit(char32_t c) {
  switch (c) {
    case U'十':
    case U'拾':
      return 10;
    case U'百':
    case U'佰':
      return 100;
    case U'千':
    case U'仟':
      return 1000;
    case U'万':
    case U'萬':
      return 1e4;
    case U'亿':
    case U'億':
      return 1e8;
    default:
      return 0;
  }
}

bool IsTens(char32_t c) { return c == U'十' || c == U'拾' || c == U'廿' || c == U'卅'; }

// A month or day written with 十: 十, 十五, 二十, 二十一, 廿三, 卅一. nullopt for other shapes.
std::optional<int> ComposeTens(std::u32string_view run) {
  size_t i = 0;
  int tens = 1;
  if (i < run.size() && HanDigit(run[i]) > 0 && run.size() > 1 && IsTens(run[1])) {
    tens = HanDigit(run[i]);
    ++i;
  }
  if (i >= run.size() || !IsTens(run[i])) return std::nullopt;
  if (run[i] == U'廿') tens = 2;
  if (run[i] == U'卅') tens = 3;
  ++i;
  int units = 0;
  if (i < run.size()) {
    units = HanDigit(run[i]);
    if (units < 0) return std::nullopt;
    ++i;
  }
  if (i != run.size()) return std::nullopt;
  return tens * 10 + units;
}

// Rewrites every run of Chinese numerals that stands before 年, 月, 日 or 号 as ASCII digits:
// the year digit by digit (二〇二四 -> 2024), month and day by 十-composition.
std::u32string ConvertHanDateNumerals(const std::u32string& s) {
  auto in_run = [](char32_t c) { return HanDigit(c) >= 0 || IsTens(c) || c == U'O' || c == U'o'; };
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) {
    if (!in_run(s[i])) {
      out.push_back(s[i++]);
      continue;
    }
    size_t j = i;
    bool has_han = false;
    while (j < s.size() && in_run(s[j])) has_han |= s[j++] > 0x7F;
    const std::u32string_view run(s.data() + i, j - i);
    const bool marked =
        j < s.size() && (s[j] == U'年' || s[j] == U'月' || s[j] == U'日' || s[j] == U'号');
    std::u32string converted(run);
    if (has_han && marked) {
      bool has_tens = false;
      for (char32_t c : run) has_tens |= IsTens(c);
      if (has_tens) {
        if (auto value = ComposeTens(run)) converted = ToU32(std::to_string(*value));
      } else {
        converted.clear();
        for (char32_t c : run) converted.push_back(U'0' + std::max(0, HanDigit(c)));
      }
    }
    out += converted;
    i = j;
  }
  return out;
}

// --- Dates ---------------------------------------------------------------------------------

constexpr std::u32string_view kIncompleteDate = U"日期不完整";

bool IsDateSeparator(char32_t c) {
  return c == U'.' || c == U'-' || c == U'/' || c == U'·' || c == U'。' || c == U'—' || c == U'–' ||
         c == U'‐' || c == U'、' || c == U',';
}

bool IsDayMark(char32_t c) { return c == U'日' || c == U'号'; }

// Length of the digit run that starts at `i` (0 when there is none).
size_t RunLength(const std::u32string& s, size_t i) { return DigitRunEnd(s, i) - i; }

// Whether a glyph that OCR reads for a 1 (and that the preparation left alone) stands at
// `end`, right after a one-digit day that starts at `begin`: "6月3]日" may be 6月31日, so the
// day is not known. After two digits ("31!日") the glyph can only be a speck.
bool LostDigitAt(const std::u32string& s, size_t begin, size_t end) {
  return end == begin + 1 && end < s.size() && (s[end] == U']' || s[end] == U'!' || s[end] == U'i');
}

// Prepares OCR text for date scanning: full-width folded, Chinese numerals converted, the
// letters O and l read as digits next to digits, and spaces dropped, except that a space
// before a time of day ("2024-03-15 12:30"), before a year or between two long digit runs
// stays a boundary.
// OCR reads the boxy 日 after a day number as a look-alike (目, 曰, 白, 晶, 口, 囗); after a
// digit at the end of a date, only 日 can stand there. The look-alikes of 月 (用, 有, 序) often
// swallow the digit after them (4月16日 read as 4用5日, 5月28日 as 5序8日), so they are left to
// the repair of ParseDate, which accepts them only when the date leaves no choice.
void RepairDateGlyphs(std::u32string& s) {
  // A speck read as punctuation right after 年 or 月 (1981年8月.6日).
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    bool speck = s[i] == U'.' || s[i] == U'·' || s[i] == U',' || s[i] == U'、' || s[i] == U'`' ||
                 s[i] == U'\'' || s[i] == U'"' || s[i] == U'，';
    if (speck && (s[i - 1] == U'年' || s[i - 1] == U'月') && IsDigit(s[i + 1])) {
      s.erase(i, 1);
    }
  }
  for (size_t i = 1; i < s.size(); ++i) {
    if (!IsDigit(s[i - 1])) continue;
    char32_t c = s[i];
    bool day_like =
        c == U'目' || c == U'曰' || c == U'白' || c == U'晶' || c == U'口' || c == U'囗';
    bool after_month = s.find(U'月') != std::u32string::npos && s.find(U'月') < i;
    if (day_like && after_month) s[i] = U'日';
  }
}

std::u32string PrepareDateText(std::string_view raw) {
  const std::u32string folded = ToU32(text::FoldWidth(raw, false));
  std::u32string s;
  for (size_t i = 0; i < folded.size(); ++i) {
    if (!IsSpace(folded[i])) {
      s.push_back(folded[i]);
      continue;
    }
    size_t next = i;
    while (next < folded.size() && IsSpace(folded[next])) ++next;
    if (!s.empty() && IsDigit(s.back()) && next < folded.size() && IsDigit(folded[next])) {
      size_t before = 0;
      while (before < s.size() && IsDigit(s[s.size() - 1 - before])) ++before;
      const size_t after_end = DigitRunEnd(folded, next);
      const char32_t after = after_end < folded.size() ? folded[after_end] : U'\0';
      const bool year_follows = after_end - next >= 4 && (after == U'年' || IsDateSeparator(after));
      if (after == U':' || year_follows || (before >= 4 && after_end - next >= 4)) {
        s.push_back(U' ');
      }
    }
    i = next - 1;
  }
  RepairDateGlyphs(s);
  s = ConvertHanDateNumerals(s);
  for (size_t i = 0; i < s.size(); ++i) {
    const int digit = DigitLike(s[i]);
    if (digit < 0 || IsDigit(s[i])) continue;
    const char32_t prev = i > 0 ? s[i - 1] : U' ';
    const char32_t next = i + 1 < s.size() ? s[i + 1] : U' ';
    if ((IsDigit(prev) || IsDigit(next)) && !IsLatin(prev) && !IsLatin(next)) {
      s[i] = U'0' + digit;
    }
  }
  return s;
}

// One date, complete or partial, found in prepared text.
struct DateHit {
  size_t begin = 0;
  size_t end = 0;
  bool complete = false;  // year, month and day are all there
  bool blank = false;     // a printed "20__年__月__日" with nothing filled in
  Date date;
  std::string reason;  // empty when the date is complete and exists
};

void Finish(DateHit& hit) {
  if (hit.complete && hit.reason.empty() &&
      !IsValidDate(hit.date.year, hit.date.month, hit.date.day)) {
    hit.reason = "日期不存在";
  }
}

// "2024年3月15日" and its partial forms, with `year_begin` at the four year digits.
DateHit ScanHanDate(const std::u32string& s, size_t year_begin, size_t year_end) {
  DateHit hit;
  hit.begin = year_begin;
  hit.date.year = DigitsValue(s, year_begin, year_end);
  const size_t month_begin = year_end + 1;  // after 年
  const size_t month_end = DigitRunEnd(s, month_begin);
  hit.end = month_end;
  if (month_end >= s.size() || s[month_end] != U'月') {
    hit.reason = ToUtf8(kIncompleteDate);
    if (hit.end < s.size() && IsDayMark(s[hit.end])) ++hit.end;
    return hit;
  }
  const size_t day_begin = month_end + 1;
  const size_t day_end = DigitRunEnd(s, day_begin);
  hit.end = day_end < s.size() && IsDayMark(s[day_end]) ? day_end + 1 : day_end;
  if (month_end == month_begin || day_end == day_begin || LostDigitAt(s, day_begin, day_end)) {
    hit.reason = ToUtf8(kIncompleteDate);
    return hit;
  }
  hit.complete = true;
  hit.date.month = DigitsValue(s, month_begin, month_end);
  hit.date.day = DigitsValue(s, day_begin, day_end);
  if (month_end - month_begin > 2 || day_end - day_begin > 2) hit.reason = "日期格式不正确";
  Finish(hit);
  return hit;
}

// "2024.03.15", "2024-3-15", "2024/3/15"; a lone "2024.03" is a partial date.
std::optional<DateHit> ScanSeparatedDate(const std::u32string& s, size_t year_begin,
                                         size_t year_end) {
  const size_t month_begin = year_end + 1;
  const size_t month_len = RunLength(s, month_begin);
  if (month_len < 1 || month_len > 2) return std::nullopt;
  const size_t month_end = month_begin + month_len;
  DateHit hit;
  hit.begin = year_begin;
  hit.date.year = DigitsValue(s, year_begin, year_end);
  hit.date.month = DigitsValue(s, month_begin, month_end);
  const bool day_follows =
      month_end + 1 < s.size() && IsDateSeparator(s[month_end]) && IsDigit(s[month_end + 1]);
  const size_t day_len = day_follows ? RunLength(s, month_end + 1) : 0;
  if (day_len < 1 || day_len > 2 || LostDigitAt(s, month_end + 1, month_end + 1 + day_len)) {
    if (day_len > 2 || hit.date.month < 1 || hit.date.month > 12) return std::nullopt;
    hit.end = month_end;
    hit.reason = ToUtf8(kIncompleteDate);
    return hit;
  }
  hit.complete = true;
  hit.date.day = DigitsValue(s, month_end + 1, month_end + 1 + day_len);
  hit.end = month_end + 1 + day_len;
  Finish(hit);
  return hit;
}

// "20240315": eight digits that read as a plausible year, month and day.
std::optional<DateHit> ScanCompactDate(const std::u32string& s, size_t begin) {
  DateHit hit;
  hit.begin = begin;
  hit.end = begin + 8;
  hit.date = {DigitsValue(s, begin, begin + 4), DigitsValue(s, begin + 4, begin + 6),
              DigitsValue(s, begin + 6, begin + 8)};
  if (hit.date.year < 1800 || hit.date.year > 2199 || hit.date.month < 1 || hit.date.month > 12 ||
      hit.date.day < 1 || hit.date.day > 31) {
    return std::nullopt;
  }
  hit.complete = true;
  Finish(hit);
  return hit;
}

// Every date, complete or partial, in prepared text, left to right.
std::vector<DateHit> ScanDates(const std::u32string& s) {
  std::vector<DateHit> hits;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsDigit(s[i])) {
      ++i;
      continue;
    }
    const size_t run_end = DigitRunEnd(s, i);
    const size_t len = run_end - i;
    const char32_t next = run_end < s.size() ? s[run_end] : U'\0';
    // Digits glued in front of a year by space removal are left out of it.
    const size_t year_begin = len > 4 ? run_end - 4 : i;

    std::optional<DateHit> hit;
    if (next == U'年' && len >= 4) {
      hit = ScanHanDate(s, year_begin, run_end);
    } else if (next == U'年') {
      // A year of fewer than four digits; a printed "20  年  月  日" is only a placeholder.
      hit = ScanHanDate(s, i, run_end);
      hit->complete = false;
      hit->reason = ToUtf8(kIncompleteDate);
      hit->blank = len == 2 && (hit->date.year == 19 || hit->date.year == 20);
      for (size_t k = run_end; k < hit->end; ++k) hit->blank &= !IsDigit(s[k]);
    } else if (next == U'月' && len <= 2) {
      // Month and day without a year: "年3月15日" with the year left blank.
      hit = DateHit{};
      hit->begin = i;
      hit->end = run_end + 1;
      const size_t day_end = DigitRunEnd(s, hit->end);
      hit->end = day_end < s.size() && IsDayMark(s[day_end]) ? day_end + 1 : day_end;
      hit->reason = ToUtf8(kIncompleteDate);
    }
    if (!hit && len >= 4 && IsDateSeparator(next)) hit = ScanSeparatedDate(s, year_begin, run_end);
    if (!hit && len == 8) hit = ScanCompactDate(s, i);

    if (hit) {
      hits.push_back(*hit);
      i = std::max(hit->end, run_end);
    } else {
      i = run_end;
    }
  }
  return hits;
}

// Removes placeholder hits; returns whether any digit is left outside them.
bool DropBlankHits(const std::u32string& s, std::vector<DateHit>& hits) {
  std::u32string rest = s;
  for (const DateHit& hit : hits) {
    if (hit.blank) std::fill(rest.begin() + hit.begin, rest.begin() + hit.end, U' ');
  }
  std::erase_if(hits, [](const DateHit& hit) { return hit.blank; });
  return HasDigit(rest);
}

bool SaysOpenEnded(const std::u32string& s, size_t from) {
  for (std::u32string_view word : {U"长期", U"永久", U"长久", U"无期限", U"无固定期限"}) {
    if (Contains(s, word, from)) return true;
  }
  return false;
}

// --- Identifiers -----------------------------------------------------------------------------

constexpr std::string_view kUsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                              29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::array<int, 17> kId18Weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kId18CheckMap = "10X98765432";
constexpr int kId18MinYear = 1850;

// Runs of characters accepted by `keep` in `s`; returns the first run of exactly `length`
// characters or else the longest one.
template <typename Pred>
std::u32string PickRun(const std::u32string& s, size_t length, Pred keep) {
  std::u32string best;
  size_t i = 0;
  while (i < s.size()) {
    if (!keep(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && keep(s[j])) ++j;
    std::u32string run = s.substr(i, j - i);
    if (run.size() == length) return run;
    if (run.size() > best.size()) best = std::move(run);
    i = j;
  }
  return best;
}

// The first white-space separated token of `raw` with `length` characters (upper-cased)
// that `valid` accepts.
template <typename Valid>
std::optional<std::u32string> ValidToken(std::string_view raw, size_t length, Valid valid) {
  std::u32string all = ToU32(text::FoldWidth(raw, false));
  std::u32string token;
  all.push_back(U' ');
  for (char32_t c : all) {
    if (!IsSpace(c)) {
      token.push_back(IsLower(c) ? c - 0x20 : c);
      continue;
    }
    if (token.size() == length && valid(ToUtf8(token))) return token;
    token.clear();
  }
  return std::nullopt;
}

Normalized NormalizeUscc(std::string_view raw) {
  std::u32string s = Compact(raw);
  for (char32_t& c : s) {
    if (IsLower(c)) c -= 0x20;
  }
  std::u32string code = PickRun(s, 18, [](char32_t c) { return IsDigit(c) || IsUpper(c); });
  if (code.empty()) return Empty();
  // A stray mark read beside the code, apart from it (an ornament, a label's last stroke),
  // makes the run too long: a separate 18-character token that passes the check is the code.
  if (code.size() > 18) {
    if (std::optional<std::u32string> token =
            ValidToken(raw, 18, [](std::string_view t) { return UsccValid(t); })) {
      code = *token;
    }
  }
  // One glyph too many (a stray stroke read as a character inside the code): when exactly one
  // deletion gives a code that passes both its own check character and that of the
  // organisation code in positions 9-17 (GB 11714), that is the code, held as a repair. Two
  // independent checks let a wrong deletion through about once in 340 tries.
  bool repaired = false;
  if (code.size() == 19) {
    std::u32string mapped = code;
    for (char32_t& c : mapped) {
      if (c == U'I') c = U'1';
      if (c == U'O') c = U'0';
    }
    std::set<std::u32string> found;
    for (size_t i = 0; i < mapped.size(); ++i) {
      std::u32string candidate = mapped.substr(0, i) + mapped.substr(i + 1);
      std::string c8 = ToUtf8(candidate);
      if (UsccValid(c8) && OrgCodeValid(std::string_view(c8).substr(8, 9))) {
        found.insert(candidate);
      }
    }
    if (found.size() == 1) {
      code = *found.begin();
      repaired = true;
    }
  }
  // The charset has no O and no I, so in a code of the right length they are OCR misreadings:
  // I of 1, O of 0, Q or D. When exactly one reading of the O's passes the check character,
  // that is the code; otherwise O is taken as 0.
  if (code.size() == 18) {
    std::vector<size_t> ohs;
    for (size_t i = 0; i < code.size(); ++i) {
      if (code[i] == U'I') code[i] = U'1';
      if (code[i] == U'O') ohs.push_back(i);
    }
    for (size_t i : ohs) code[i] = U'0';
    if (!ohs.empty() && ohs.size() <= 4 && !UsccValid(ToUtf8(code))) {
      static constexpr char32_t kReadings[] = {U'0', U'Q', U'D'};
      std::u32string found;
      int valid = 0;
      size_t combos = 1;
      for (size_t k = 0; k < ohs.size(); ++k) combos *= 3;
      for (size_t n = 0; n < combos; ++n) {
        std::u32string candidate = code;
        size_t rest = n;
        for (size_t i : ohs) {
          candidate[i] = kReadings[rest % 3];
          rest /= 3;
        }
        if (UsccValid(ToUtf8(candidate))) {
          ++valid;
          found = candidate;
        }
      }
      if (valid == 1) code = found;
    }
  }
  const std::string value = ToUtf8(code);
  if (code.size() != 18) return Invalid(value, "长度应为18位");
  if (value.find_first_not_of(kUsccCharset) != std::string::npos) {
    return Invalid(value, "含有无效字符");
  }
  if (!UsccValid(value)) return Invalid(value, "校验码错误");
  Normalized ok = Ok(value);
  ok.repaired = repaired;
  return ok;
}

Normalized NormalizeId18(std::string_view raw) {
  const std::u32string s = Compact(raw);
  std::u32string id =
      PickRun(s, 18, [](char32_t c) { return IsDigit(c) || c == U'X' || c == U'x'; });
  if (id.empty()) return Empty();
  for (char32_t& c : id) {
    if (c == U'x') c = U'X';
  }
  if (id.size() > 18) {
    if (std::optional<std::u32string> token =
            ValidToken(raw, 18, [](std::string_view t) { return Id18Valid(t); })) {
      id = *token;
    }
  }
  const std::string value = ToUtf8(id);
  if (id.size() == 17) {
    // 17 digits and a letter that cannot be a check character (11010519491231002Y).
    size_t at = s.find(id);
    if (at != std::u32string::npos && at + 17 < s.size() && IsUpper(s[at + 17] & ~0x20u)) {
      return Invalid(value + ToUtf8(s.substr(at + 17, 1)), "校验码错误");
    }
  }
  if (id.size() != 18) return Invalid(value, "长度应为18位");
  if (value.find('X') < 17) return Invalid(value, "含有无效字符");
  if (!Id18BirthDate(value)) return Invalid(value, "出生日期无效");
  if (!Id18Valid(value)) return Invalid(value, "校验码错误");
  return Ok(value);
}

// --- Decision numbers ------------------------------------------------------------------------

bool IsOpenBracket(char32_t c) {
  switch (c) {
    case U'〔':
    case U'[':
    case U'(':
    case U'【':
    case U'〈':
    case U'《':
    case U'{':
    case U'<':
    case U'「':
    case U'『':
    case U'〖':
      return true;
    default:
      return false;
  }
}

bool IsCloseBracket(char32_t c) {
  switch (c) {
    case U'〕':
    case U']':
    case U')':
    case U'】':
    case U'〉':
    case U'》':
    case U'}':
    case U'>':
    case U'」':
    case U'』':
    case U'〗':
      return true;
    default:
      return false;
  }
}

constexpr size_t kDocNoMaxPrefix = 14;
constexpr size_t kDocNoMaxRegion = 4;
constexpr size_t kDocNoMaxSeq = 5;

// The issuing-authority prefix that ends at `end` (the year bracket): the Han run before it,
// cut after a label word that OCR glued on, plus a leading （区划） when present.
// Limitation: a glued label without one of the cut words below ("处罚决定津市监罚") stays part
// of the prefix, so such a number compares unequal to the clean one.
std::u32string DocNoPrefix(const std::u32string& s, size_t end) {
  size_t begin = end;
  while (begin > 0 && IsHan(s[begin - 1])) --begin;
  std::u32string prefix = s.substr(begin, end - begin);

  bool cut = false;
  for (std::u32string_view label : {U"决定书", U"告知书", U"通知书", U"文书号", U"文号", U"编号"}) {
    const size_t at = prefix.rfind(label);
    if (at != std::u32string::npos) {
      prefix.erase(0, at + label.size());
      cut = true;
    }
  }
  if (prefix.size() > kDocNoMaxPrefix) {
    prefix.erase(0, prefix.size() - kDocNoMaxPrefix);
    cut = true;
  }
  if (prefix.empty() || cut || begin < 3 || s[begin - 1] != U')') return prefix;

  size_t open = begin - 1;
  while (open > 0 && IsHan(s[open - 1])) --open;
  const size_t region = begin - 1 - open;
  if (open == 0 || s[open - 1] != U'(' || region < 1 || region > kDocNoMaxRegion) return prefix;
  return U"（" + s.substr(open, region) + U"）" + prefix;
}

// Reads up to `max` digit-like characters from `i`; returns the digits (OCR letters mapped).
std::string ReadDigitLike(const std::u32string& s, size_t& i, size_t max) {
  std::string digits;
  while (i < s.size() && digits.size() <= max && DigitLike(s[i]) >= 0) {
    digits.push_back(static_cast<char>('0' + DigitLike(s[i])));
    ++i;
  }
  return digits;
}

// The canonical decision number whose prefix ends at `prefix_end` and whose year starts at
// `year_begin` (after the opening bracket, or at `prefix_end` when OCR lost that bracket).
// One bracket may be missing, never both: "罚2024〕12号" and "罚〔2024第12号" still match.
std::optional<std::string> MatchDocNoAt(const std::u32string& s, size_t prefix_end,
                                        size_t year_begin) {
  size_t i = year_begin;
  const std::string year = ReadDigitLike(s, i, 4);
  if (year.size() != 4 || !(year.starts_with("19") || year.starts_with("20"))) {
    return std::nullopt;
  }
  const bool has_open = year_begin > prefix_end;
  // OCR reads the thin closing 〕 as a Latin letter or bar; after an opening bracket and a
  // year nothing else can stand there.
  const bool close_lookalike = has_open && i < s.size() &&
                               (s[i] == U'j' || s[i] == U'J' || s[i] == U'l' || s[i] == U'I' ||
                                s[i] == U'|' || s[i] == U'}');
  if (i < s.size() && (IsCloseBracket(s[i]) || close_lookalike)) {
    ++i;
    // OCR may read one bracket as two (]】, or ]j: a letter that cannot be a digit).
    if (i < s.size() && (IsCloseBracket(s[i]) || s[i] == U'j' || s[i] == U'J' || s[i] == U'|'))
      ++i;
  } else if (!has_open || i >= s.size() || s[i] != U'第') {
    return std::nullopt;
  }

  if (i < s.size() && s[i] == U'第') ++i;
  std::string seq = ReadDigitLike(s, i, kDocNoMaxSeq);
  if (seq.empty() || seq.size() > kDocNoMaxSeq) return std::nullopt;
  if (i >= s.size() || (s[i] != U'号' && s[i] != U'號')) return std::nullopt;
  seq.erase(0, std::min(seq.find_first_not_of('0'), seq.size() - 1));

  const std::u32string prefix = DocNoPrefix(s, prefix_end);
  if (prefix.empty()) return std::nullopt;
  return ToUtf8(prefix) + "〔" + year + "〕" + seq + "号";
}

// --- Amounts -------------------------------------------------------------------------------

bool IsAmountChar(char32_t c) {
  return IsDigit(c) || c == U'.' || HanDigit(c) >= 0 || HanUnit(c) > 0 || c == U'元' ||
         c == U'圆' || c == U'圓' || c == U'角' || c == U'分' || c == U'整' || c == U'正';
}

// A parsed run of amount characters.
struct AmountRun {
  double yuan = 0;
  bool arabic = false;    // written with Arabic digits
  bool currency = false;  // marked as money: ¥, 人民币, 元, 万 or 亿
};

// Parses one run such as "600.00元", "1.5万", "2万5千元" or "叁仟伍佰元伍角"; nullopt when
// the run is not a well-formed amount.
std::optional<AmountRun> ParseAmountRun(std::u32string_view run) {
  AmountRun out;
  double yi_part = 0;   // 亿 groups already closed
  double wan_part = 0;  // 万 groups already closed
  double section = 0;   // below 万
  double pending = 0;   // the last number, waiting for its unit
  bool has_pending = false;
  bool saw_numeral = false;
  bool integer_done = false;
  double integer = 0;
  double fraction = 0;

  size_t i = 0;
  while (i < run.size()) {
    const char32_t c = run[i];
    if (IsDigit(c) || c == U'.') {
      if (has_pending) return std::nullopt;
      size_t j = i;
      int dots = 0;
      while (j < run.size() && (IsDigit(run[j]) || run[j] == U'.')) dots += run[j++] == U'.';
      const std::string number = ToUtf8(run.substr(i, j - i));
      if (dots > 1 || number.front() == '.' || number.back() == '.') return std::nullopt;
      pending = std::strtod(number.c_str(), nullptr);
      has_pending = saw_numeral = out.arabic = true;
      i = j;
      continue;
    }
    if (HanDigit(c) >= 0) {
      saw_numeral = true;
      if (HanDigit(c) != 0) {
        if (has_pending) return std::nullopt;
        pending = HanDigit(c);
        has_pending = true;
      }
    } else if (const double unit = HanUnit(c); unit > 0 && unit < 1e4) {
      // Only 十 stands without a numeral before it (拾万元); 佰万元 is a numeral lost.
      if (!has_pending && unit != 10) return std::nullopt;
      if (!has_pending) pending = 1;
      saw_numeral = true;
      section += pending * unit;
      pending = 0;
      has_pending = false;
    } else if (unit == 1e4) {
      wan_part += (section + pending) * unit;
      section = pending = 0;
      has_pending = false;
      out.currency = true;
    } else if (unit == 1e8) {
      yi_part += (wan_part + section + pending) * unit;
      wan_part = section = pending = 0;
      has_pending = false;
      out.currency = true;
    } else if (c == U'元' || c == U'圆' || c == U'圓') {
      if (integer_done) return std::nullopt;
      integer = yi_part + wan_part + section + pending;
      yi_part = wan_part = section = pending = 0;
      has_pending = false;
      integer_done = out.currency = true;
    } else if (c == U'角' || c == U'分') {
      fraction += pending * (c == U'角' ? 0.1 : 0.01);
      pending = 0;
      has_pending = false;
    } else {
      break;  // 整 or 正 ends the amount
    }
    ++i;
  }
  if (!saw_numeral) return std::nullopt;
  if (!integer_done) integer = yi_part + wan_part + section + pending;
  out.yuan = std::round((integer + fraction) * 100) / 100;
  return out;
}

// Every well-formed amount run in `raw`, with the money markers around it noted.
std::vector<AmountRun> FindAmounts(std::string_view raw) {
  std::u32string s = Compact(raw);
  // Thousands separators: a comma between digits.
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if ((s[i] == U',' || s[i] == U'，') && IsDigit(s[i - 1]) && IsDigit(s[i + 1])) {
      s.erase(i, 1);
    }
  }
  std::vector<AmountRun> runs;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsAmountChar(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && IsAmountChar(s[j])) ++j;
    size_t run_end = j;
    while (run_end > i && s[run_end - 1] == U'.') --run_end;  // a full stop after the amount
    const char32_t before = i > 0 ? s[i - 1] : U' ';
    const char32_t after = j < s.size() ? s[j] : U' ';
    // Parts of dates and ordinals ("2024年", "第2笔") are not amounts.
    const bool not_money =
        before == U'第' || after == U'年' || after == U'月' || after == U'日' || after == U'号';
    // A Chinese amount cut short by a character that is no numeral (人民币壹什万元整, 什 read
    // for 仟) does not spell the amount its first part does: it is unreadable.
    bool han_numerals = false;
    for (size_t k = i; k < run_end; ++k) han_numerals |= !IsDigit(s[k]) && s[k] != U'.';
    const char32_t last = run_end > i ? s[run_end - 1] : U' ';
    const bool cut = !not_money && han_numerals && IsHan(after) &&
                     std::u32string_view(U"元圆圓整正角分").find(last) == std::u32string_view::npos;
    if (cut) {
      // The rest of the broken amount, after the character that broke it, goes with it.
      i = j + 1;
      while (i < s.size() && IsAmountChar(s[i])) ++i;
      continue;
    }
    if (auto run = not_money ? std::nullopt
                             : ParseAmountRun(std::u32string_view(s).substr(i, run_end - i))) {
      run->currency |= before == U'¥' || before == U'￥' || before == U'$' ||
                       (i >= 3 && s.compare(i - 3, 3, U"人民币") == 0);
      runs.push_back(*run);
    }
    i = j;
  }
  return runs;
}

// The first run marked as money among those `accept` lets through, else the first one.
template <typename Pred>
std::optional<double> PickAmount(const std::vector<AmountRun>& runs, Pred accept) {
  const AmountRun* first = nullptr;
  for (const AmountRun& run : runs) {
    if (!accept(run)) continue;
    if (run.currency) return run.yuan;
    if (first == nullptr) first = &run;
  }
  if (first != nullptr) return first->yuan;
  return std::nullopt;
}

// "20.000.00": thousands separators read by OCR as points. Groups of three digits between
// points, two decimals last: all points but the last are separators.
std::string RepairThousandsPoints(std::string_view raw) {
  std::string s(raw);
  size_t first = s.find('.');
  if (first == std::string::npos || s.find('.', first + 1) == std::string::npos) return s;
  size_t last = s.rfind('.');
  bool shaped = last + 3 == s.size() ||
                (last + 3 < s.size() && !std::isdigit(static_cast<unsigned char>(s[last + 3])));
  for (size_t p = s.find('.'); p != last && shaped; p = s.find('.', p + 1)) {
    size_t next = s.find('.', p + 1);
    if (next - p != 4) shaped = false;
  }
  if (!shaped) return s;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.' && i != last) continue;
    out += s[i];
  }
  return out;
}

Normalized NormalizeAmount(std::string_view raw_text) {
  std::string repaired = RepairThousandsPoints(raw_text);
  std::string_view raw = repaired;
  if (auto yuan = ParseAmount(raw)) return Ok(FormatAmount(*yuan));
  const std::u32string s = Compact(raw);
  for (char32_t c : s) {
    if (IsDigit(c) || HanDigit(c) >= 0) return Invalid(ToUtf8(s), "金额格式不正确");
  }
  return Empty();
}

// --- Phones --------------------------------------------------------------------------------

bool IsPhoneChar(char32_t c) { return IsDigit(c) || c == U'-' || c == U'—' || c == U'–'; }

// Validates one candidate made of digits and hyphens.
std::optional<std::string> PhoneFromCandidate(std::u32string_view candidate) {
  std::string digits;
  std::vector<size_t> hyphens;  // digit counts before each hyphen
  for (char32_t c : candidate) {
    if (IsDigit(c)) {
      digits.push_back(static_cast<char>(c));
    } else if (!digits.empty() && (hyphens.empty() || hyphens.back() != digits.size())) {
      hyphens.push_back(digits.size());
    }
  }
  if (digits.starts_with("0086")) digits.erase(0, 4);
  if (digits.size() == 13 && digits.starts_with("861")) digits.erase(0, 2);

  // Mobile: 1[3-9] and nine more digits, hyphens ignored.
  if (digits.size() == 11 && digits[0] == '1' && digits[1] >= '3') return digits;

  // Landline: area code (3 digits for 010 and 02x, else 4), 7-8 digit number, optional
  // extension after a further hyphen.
  if (digits.size() < 10 || digits[0] != '0') return std::nullopt;
  const size_t area = (digits[1] == '1' || digits[1] == '2') ? 3 : 4;
  if (!hyphens.empty() && hyphens.front() != area && hyphens.front() < digits.size()) {
    return std::nullopt;
  }
  // A second hyphen starts an extension, unless it only splits the local number (8704-0659).
  size_t local_end = digits.size();
  const size_t whole_local = digits.size() - area;
  if (hyphens.size() >= 2 && hyphens[1] < digits.size() && (whole_local < 7 || whole_local > 8)) {
    local_end = hyphens[1];
  }
  const size_t local = local_end - area;
  if (local < 7 || local > 8) return std::nullopt;
  std::string phone = digits.substr(0, area) + "-" + digits.substr(area, local);
  if (local_end < digits.size()) {
    if (digits.size() - local_end > 6) return std::nullopt;
    phone += "-" + digits.substr(local_end);
  }
  return phone;
}

// Candidates: maximal runs of digits and hyphens; "(022)" area codes become "022-".
std::vector<std::u32string> PhoneCandidates(std::u32string s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if ((s[i] == U'(' || s[i] == U'（') && s[i + 1] == U'0') {
      const size_t close = DigitRunEnd(s, i + 1);
      if (close < s.size() && (s[close] == U')' || s[close] == U'）')) {
        s.erase(close, 1);
        s.insert(close, 1, U'-');
        s.erase(i, 1);
      }
    }
  }
  std::vector<std::u32string> out;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsDigit(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && IsPhoneChar(s[j])) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

// --- Value types -------------------------------------------------------------------------------

namespace {

constexpr std::array<std::pair<ValueType, const char*>, 13> kTypeNames = {{
    {ValueType::kText, "text"},
    {ValueType::kCompany, "company"},
    {ValueType::kPerson, "person"},
    {ValueType::kUscc, "uscc"},
    {ValueType::kId18, "id18"},
    {ValueType::kDate, "date"},
    {ValueType::kDateRange, "daterange"},
    {ValueType::kAmount, "amount"},
    {ValueType::kDocNo, "docno"},
    {ValueType::kPhone, "phone"},
    {ValueType::kAddr, "addr"},
    {ValueType::kCheck, "check"},
    {ValueType::kYear, "year"},
}};

// A year written in Chinese numerals whose first 二 was lost or read as 〇 (〇二四年 or
// 〇〇二三年 for 二〇二四年, 二〇二三年): no year starts with 〇, so the 二 is put back.
// nullopt when the text has no such year. `*guess` is set when a numeral read was replaced
// (〇〇二三): a lost 二 before 〇二四 has no other completion this century, a 〇 read for
// it is still a reading overruled.
std::optional<std::string> RepairHanYear(std::string_view raw, bool* guess) {
  std::u32string s = ToU32(raw);
  const size_t nian = s.find(U'年');
  if (nian == std::u32string::npos) return std::nullopt;
  auto zero = [](char32_t c) { return c == U'〇' || c == U'○' || c == U'零' || c == U'O'; };
  size_t begin = nian;
  while (begin > 0 && (HanDigit(s[begin - 1]) >= 0 || s[begin - 1] == U'O')) --begin;
  const size_t len = nian - begin;
  if (len == 3 && zero(s[begin]) && !zero(s[begin + 1])) {
    s.insert(begin, 1, U'二');
    *guess = false;
  } else if (len == 4 && zero(s[begin]) && zero(s[begin + 1]) && !zero(s[begin + 2])) {
    s[begin] = U'二';
    *guess = true;
  } else {
    return std::nullopt;
  }
  return ToUtf8(s);
}

Normalized NormalizeDate(std::string_view raw) {
  DateParse parsed = ParseDate(raw);
  if (parsed.outcome != Outcome::kOk || parsed.date.year < 1900) {
    bool guess = true;
    if (std::optional<std::string> fixed = RepairHanYear(raw, &guess)) {
      DateParse again = ParseDate(*fixed);
      if (again.outcome == Outcome::kOk && again.date.year >= 1900) {
        again.repaired |= guess;
        parsed = again;
      }
    }
  }
  switch (parsed.outcome) {
    case Outcome::kOk: {
      Normalized ok = Ok(parsed.date.Iso());
      ok.repaired = parsed.repaired;
      return ok;
    }
    case Outcome::kEmpty:
      return Empty();
    case Outcome::kInvalid:
      break;
  }
  std::string value =
      parsed.date.year > 0 && parsed.date.month > 0 ? parsed.date.Iso() : ToUtf8(Compact(raw));
  return Invalid(std::move(value), parsed.reason);
}

Normalized NormalizeDateRange(std::string_view raw) {
  const DateRangeParse parsed = ParseDateRange(raw);
  switch (parsed.outcome) {
    case Outcome::kOk: {
      Normalized ok = Ok(parsed.start.Iso() + "/" + (parsed.end ? parsed.end->Iso() : "长期"));
      ok.repaired = parsed.repaired;
      return ok;
    }
    case Outcome::kEmpty:
      return Empty();
    case Outcome::kInvalid:
      break;
  }
  return Invalid(ToUtf8(Compact(raw)), parsed.reason);
}

// Limitation: text without any digit counts as blank (FIELD_EMPTY) even when OCR returned
// Han characters, because a stray label fragment and an illegible number look the same; the
// date, identifier and phone fields follow the same rule.
Normalized NormalizeDocNo(std::string_view raw) {
  if (auto docno = CanonicalDocNo(raw)) return Ok(*docno);
  const std::u32string s = Compact(raw);
  if (!HasDigit(s)) return Empty();
  // The closing 号 lost at the end of a cell ([2025]276): the number it ends, a guess.
  if (IsDigit(s.back())) {
    const size_t close = s.find_last_of(U"〕]】）)");
    bool digits_after = close != std::u32string::npos && close + 1 < s.size();
    for (size_t i = close + 1; digits_after && i < s.size(); ++i) digits_after = IsDigit(s[i]);
    if (digits_after) {
      if (auto docno = CanonicalDocNo(ToUtf8(s) + "号")) {
        Normalized guess = Ok(*docno);
        guess.repaired = true;
        return guess;
      }
    }
  }
  // The thin closing bracket read as the digit 1 ([20241375号 for [2024]375号): after an
  // opening bracket and a year, with no closing bracket anywhere after, a guess.
  for (size_t i = 0; i + 6 < s.size(); ++i) {
    if (!IsOpenBracket(s[i]) || s[i + 5] != U'1' || !IsDigit(s[i + 6])) continue;
    bool year = true;
    for (size_t k = i + 1; k <= i + 4; ++k) year = year && IsDigit(s[k]);
    if (!year || s.find_first_of(U"〕]】）)", i + 5) != std::u32string::npos) continue;
    std::u32string fixed = s;
    fixed[i + 5] = U'〕';
    if (auto docno = CanonicalDocNo(ToUtf8(fixed))) {
      Normalized guess = Ok(*docno);
      guess.repaired = true;
      return guess;
    }
  }
  // A number that ends in 号 after Chinese text but has no year at all (（津宁河）应急罚343号)
  // was written without one: that is the applicant's error, not a misreading.
  bool has_year = false;
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    if ((s[i] == U'1' && s[i + 1] == U'9') || (s[i] == U'2' && s[i + 1] == U'0')) {
      if (IsDigit(s[i + 2]) && IsDigit(s[i + 3])) has_year = true;
    }
  }
  bool ends_in_hao = !s.empty() && s.back() == U'号';
  if (!has_year && ends_in_hao && s.size() >= 5 &&
      IsHan(s[0] == U'(' || s[0] == U'（' ? s[1] : s[0])) {
    return Invalid(ToUtf8(s), "缺少年份");
  }
  return Invalid(ToUtf8(s), "文号格式不正确");
}

Normalized NormalizePhoneField(std::string_view raw) {
  if (auto phone = NormalizePhone(raw)) return Ok(*phone);
  const std::u32string s = Compact(raw);
  if (!HasDigit(s)) return Empty();
  return Invalid(ToUtf8(s), "电话号码格式不正确");
}

// Tianjin's districts, the places the credit centre's documents name most: a district's
// rare glyph (蓟, 坻) is often read as a look-alike (葡州区, 宝坛区). A name one glyph away from
// exactly one district, after 天津市 or before 支行, is that district: no district is one
// glyph from another, and nothing but a district stands in those places. Likewise the one
// glyph between 天津 and an exact district (天津瘟河北区) is 市.
const char32_t* const kDistricts[] = {U"和平",   U"河东", U"河西", U"南开", U"河北", U"红桥",
                                      U"东丽",   U"西青", U"津南", U"北辰", U"武清", U"宝坻",
                                      U"滨海新", U"宁河", U"静海", U"蓟州"};

void RepairDistricts(std::u32string& s) {
  auto repair_at = [&](size_t at, const std::u32string& suffix) {
    const char32_t* only = nullptr;
    int near = 0;
    for (const char32_t* d : kDistricts) {
      std::u32string name(d);
      if (at + name.size() + suffix.size() > s.size()) continue;
      if (s.compare(at + name.size(), suffix.size(), suffix) != 0) continue;
      int diff = 0;
      for (size_t k = 0; k < name.size(); ++k) diff += s[at + k] != name[k];
      if (diff == 0) return;  // already a district
      if (diff == 1) {
        only = d;
        ++near;
      }
    }
    if (near == 1) {
      std::u32string name(only);
      s.replace(at, name.size(), name);
    }
  };
  // 天津 and one misread glyph before an exact district and 区: the glyph is 市.
  for (size_t at = s.find(U"天津"); at != std::u32string::npos; at = s.find(U"天津", at + 1)) {
    if (at + 3 >= s.size() || s[at + 2] == U'市') continue;
    for (const char32_t* d : kDistricts) {
      std::u32string name = std::u32string(d) + U"区";
      if (s.compare(at + 3, name.size(), name) == 0) {
        s[at + 2] = U'市';
        break;
      }
    }
  }
  for (size_t at = s.find(U"天津市"); at != std::u32string::npos; at = s.find(U"天津市", at + 1)) {
    repair_at(at + 3, U"区");
  }
  for (size_t at = s.find(U"天津"); at != std::u32string::npos; at = s.find(U"天津", at + 1)) {
    repair_at(at + 2, U"支行");
  }
}

// A company name's bracketed region whose opening bracket OCR lost (德润天津）餐饮有限公司):
// the bracket is put back before the province-level region that ends at the closing one.
void RestoreRegionBracket(std::u32string& name) {
  static const char32_t* const kRegions[] = {
      U"内蒙古", U"黑龙江", U"北京", U"天津", U"上海", U"重庆", U"河北", U"山西", U"辽宁",
      U"吉林",   U"江苏",   U"浙江", U"安徽", U"福建", U"江西", U"山东", U"河南", U"湖北",
      U"湖南",   U"广东",   U"广西", U"海南", U"四川", U"贵州", U"云南", U"西藏", U"陕西",
      U"甘肃",   U"青海",   U"宁夏", U"新疆", U"香港", U"澳门", U"中国"};
  const size_t close = name.find(U'）');
  if (close == std::u32string::npos || name.find(U'（') < close) return;
  for (const char32_t* region : kRegions) {
    std::u32string r(region);
    if (close > r.size() && name.compare(close - r.size(), r.size(), r) == 0) {
      name.insert(close - r.size(), 1, U'（');
      return;
    }
  }
}

// Company and person names: a label glued on before a colon is dropped.
Normalized NormalizeNameField(std::string_view raw, bool company) {
  std::u32string name = ToU32(NormalizeName(raw));
  const size_t colon = name.find_last_of(U":：");
  if (colon != std::u32string::npos && colon + 1 < name.size()) name.erase(0, colon + 1);
  name = TrimFieldNoise(std::move(name));
  while (!name.empty() && (name.back() == U'。' || name.back() == U'，' || name.back() == U',')) {
    name.pop_back();
  }
  if (company) {
    RestoreRegionBracket(name);
    RepairDistricts(name);
  } else {
    // Quotes a reading leaves around a name (韩平亮“”) are no part of it.
    static const std::u32string kQuotes = U"“”‘’\"'「」";
    while (!name.empty() && kQuotes.find(name.back()) != std::u32string::npos) name.pop_back();
    while (!name.empty() && kQuotes.find(name.front()) != std::u32string::npos) name.erase(0, 1);
    // Digits beside a Chinese name are specks read as text (44范国宏), never part of it.
    const bool han = std::any_of(name.begin(), name.end(), [](char32_t c) { return IsHan(c); });
    while (han && !name.empty() && IsDigit(name.back())) name.pop_back();
    while (han && !name.empty() && IsDigit(name.front())) name.erase(0, 1);
  }
  if (OnlyPlaceholders(name)) return Empty();
  if (!company) {
    // Words of the form read where a person's name should stand (号份证复印件): no name,
    // and never a name to compare across materials.
    for (const char32_t* word : {U"身份证", U"复印件", U"签字", U"签名", U"盖章", U"日期", U"号码",
                                 U"公司", U"委托", U"代表人"}) {
      if (name.find(word) != std::u32string::npos) return Invalid(ToUtf8(name), "不是姓名");
    }
  }
  return Ok(ToUtf8(name));
}

// The first bracket or title mark that closes after position `i` (0 when none).
char32_t ClosingMark(const std::u32string& s, size_t i) {
  for (size_t k = i + 1; k < s.size(); ++k) {
    if (s[k] == U'》' || s[k] == U'）' || s[k] == U')' || s[k] == U'〉') return s[k];
    if (s[k] == U'《' || s[k] == U'（' || s[k] == U'(' || s[k] == U'〈') return 0;
  }
  return 0;
}

// The last bracket or title mark that opens before position `i` (0 when none).
char32_t OpeningMark(const std::u32string& s, size_t i) {
  for (size_t k = i; k-- > 0;) {
    if (s[k] == U'《' || s[k] == U'（' || s[k] == U'(' || s[k] == U'〈') return s[k];
    if (s[k] == U'》' || s[k] == U'）' || s[k] == U')' || s[k] == U'〉') return 0;
  }
  return 0;
}

// Free text and addresses: trimmed, spaces dropped except between two Latin words.
Normalized NormalizeFreeText(std::string_view raw) {
  const std::u32string s = TrimFieldNoise(FoldAlnum(raw));
  std::u32string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsSpace(s[i])) {
      out.push_back(s[i]);
      continue;
    }
    size_t next = i;
    while (next < s.size() && IsSpace(s[next])) ++next;
    if (!out.empty() && next < s.size() && !IsWide(out.back()) && !IsWide(s[next])) {
      out.push_back(U' ');
    }
    i = next - 1;
  }
  if (OnlyPlaceholders(out)) return Empty();
  // Brackets around Chinese text are full-width (report.md); OCR often reads （ as 〈 or (.
  for (size_t i = 0; i < out.size(); ++i) {
    bool han_after =
        i + 1 < out.size() && (IsHan(out[i + 1]) || out[i + 1] == U'（' || out[i + 1] == U'(');
    bool han_before = i > 0 && IsHan(out[i - 1]);
    // 《》 enclosing a title (《企业信息公示暂行条例》) are title marks and stay; one that
    // closes or opens a parenthesis is a misread bracket.
    bool title_mark = (out[i] == U'《' && ClosingMark(out, i) == U'》') ||
                      (out[i] == U'》' && OpeningMark(out, i) == U'《');
    if (title_mark) continue;
    if ((out[i] == U'(' || out[i] == U'〈' || out[i] == U'《') && han_after) out[i] = U'（';
    if ((out[i] == U')' || out[i] == U'〉' || out[i] == U'》') && han_before) out[i] = U'）';
  }
  // Punctuation between Chinese characters is full-width (公示,申请 -> 公示，申请).
  for (size_t i = 1; i + 1 < out.size(); ++i) {
    if (!IsHan(out[i - 1]) || !IsHan(out[i + 1])) continue;
    if (out[i] == U',') out[i] = U'，';
    if (out[i] == U';') out[i] = U'；';
    if (out[i] == U':') out[i] = U'：';
  }
  // OCR sometimes reads one bracket twice (《（ -> （（).
  for (size_t i = 1; i < out.size();) {
    if ((out[i] == U'（' || out[i] == U'）') && out[i - 1] == out[i]) {
      out.erase(i, 1);
    } else {
      ++i;
    }
  }
  RepairDistricts(out);
  return Ok(ToUtf8(out));
}

Normalized NormalizeYear(std::string_view raw) {
  const std::u32string s = PrepareDateText(raw);
  for (size_t i = 0; i < s.size();) {
    const size_t end = DigitRunEnd(s, i);
    if (end == i) {
      ++i;
      continue;
    }
    if (end - i == 4) return Ok(ToUtf8(s.substr(i, 4)));
    i = end;
  }
  if (!HasDigit(s)) return Empty();
  return Invalid(ToUtf8(Compact(raw)), "年份格式不正确");
}

Normalized NormalizeCheck(std::string_view raw) {
  const std::u32string s = TrimFieldNoise(ToU32(raw));
  if (s.empty()) return Empty();
  return Ok(ToUtf8(s));
}

Normalized NormalizeUnchecked(ValueType type, std::string_view raw) {
  switch (type) {
    case ValueType::kText:
    case ValueType::kAddr:
      return NormalizeFreeText(raw);
    case ValueType::kCompany:
      return NormalizeNameField(raw, true);
    case ValueType::kPerson:
      return NormalizeNameField(raw, false);
    case ValueType::kUscc:
      return NormalizeUscc(raw);
    case ValueType::kId18:
      return NormalizeId18(raw);
    case ValueType::kDate:
      return NormalizeDate(raw);
    case ValueType::kDateRange:
      return NormalizeDateRange(raw);
    case ValueType::kAmount:
      return NormalizeAmount(raw);
    case ValueType::kDocNo:
      return NormalizeDocNo(raw);
    case ValueType::kPhone:
      return NormalizePhoneField(raw);
    case ValueType::kCheck:
      return NormalizeCheck(raw);
    case ValueType::kYear:
      return NormalizeYear(raw);
  }
  return Invalid(std::string(raw), "未知的字段类型");
}

}  // namespace

std::optional<ValueType> ParseValueType(std::string_view name) {
  for (const auto& [type, type_name] : kTypeNames) {
    if (name == type_name) return type;
  }
  return std::nullopt;
}

const char* ValueTypeName(ValueType type) {
  for (const auto& [known, type_name] : kTypeNames) {
    if (known == type) return type_name;
  }
  return "unknown";
}

Normalized Normalize(ValueType type, std::string_view raw) {
  // The parsers allocate; running out of memory is the only way they can throw.
  try {
    return NormalizeUnchecked(type, raw);
  } catch (...) {
    return Invalid({}, "无法解析");
  }
}

// --- Dates -------------------------------------------------------------------------------------

std::string Date::Iso() const {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

namespace {

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// A repaired reading must land in the years the materials speak of: a stray glyph must not
// turn 二〇二五 into the year 25.
bool PlausibleRepair(const Date& date) { return date.year >= 1900 && date.year <= 2099; }

DateParse ParseDateExactly(std::string_view text) {
  const std::u32string s = PrepareDateText(text);
  std::vector<DateHit> hits = ScanDates(s);
  const bool has_digit = DropBlankHits(s, hits);
  DateParse out;
  for (const DateHit& hit : hits) {
    if (!hit.complete) continue;
    out.date = hit.date;
    out.outcome = hit.reason.empty() ? Outcome::kOk : Outcome::kInvalid;
    out.reason = hit.reason;
    return out;
  }
  if (!hits.empty()) {
    out.outcome = Outcome::kInvalid;
    out.date = hits.front().date;
    out.reason = hits.front().reason;
  } else if (has_digit) {
    out.outcome = Outcome::kInvalid;
    out.reason = "日期无法识别";
  }
  return out;
}

DateRangeParse ParseDateRangeExactly(std::string_view text);

// The one value that the misreadings of `text` parse to, found by `parse` (ParseDateExactly
// or ParseDateRangeExactly); nullopt when none does, when two different values result, or
// when a reading names a date that does not exist (the applicant may have written that).
template <typename Parse, typename Key>
auto UniqueRepair(std::string_view text, Parse parse, Key key)
    -> std::optional<decltype(parse(text))> {
  std::optional<decltype(parse(text))> found;
  for (const std::string& reading : DateMisreadings(text)) {
    auto parsed = parse(reading);
    if (parsed.reason.find("日期不存在") != std::string::npos) return std::nullopt;
    if (parsed.outcome != Outcome::kOk || !key(parsed)) continue;
    if (found && *key(*found) != *key(parsed)) return std::nullopt;
    if (!found) found = std::move(parsed);
  }
  return found;
}

// Whether a failed exact parse may be a misreading: a complete date that does not exist was
// read as written and stays an error.
bool Repairable(Outcome outcome, const std::string& reason) {
  return outcome == Outcome::kInvalid && reason.find("日期不存在") == std::string::npos;
}

}  // namespace

bool IsValidDate(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= DaysInMonth(year, month);
}

DateParse ParseDate(std::string_view text) {
  DateParse exact = ParseDateExactly(text);
  // A year such as 0025 comes from a longer run of year digits cut to four (二O〇二五).
  const bool cut_year = exact.outcome == Outcome::kOk && !PlausibleRepair(exact.date);
  if (!cut_year && !Repairable(exact.outcome, exact.reason)) return exact;
  auto key = [](const DateParse& p) -> std::optional<Date> {
    if (!PlausibleRepair(p.date)) return std::nullopt;
    return p.date;
  };
  std::optional<DateParse> repaired = UniqueRepair(text, ParseDateExactly, key);
  if (!repaired) return exact;
  repaired->repaired = true;
  return *repaired;
}

Date AddMonths(const Date& date, int months) {
  const long total = static_cast<long>(date.year) * 12 + (date.month - 1) + months;
  long year = total / 12;
  long month0 = total % 12;
  if (month0 < 0) {
    month0 += 12;
    --year;
  }
  Date out{static_cast<int>(year), static_cast<int>(month0) + 1, date.day};
  out.day = std::min(out.day, DaysInMonth(out.year, out.month));
  return out;
}

Date AddYears(const Date& date, int years) { return AddMonths(date, years * 12); }

int YearsBetween(const Date& from, const Date& to) {
  int years = to.year - from.year;
  if (std::pair(to.month, to.day) < std::pair(from.month, from.day)) --years;
  return years;
}

IdValiditySpan CheckIdValiditySpan(const Date& birth, const Date& start,
                                   const std::optional<Date>& end) {
  const int age = YearsBetween(birth, start);
  if (!end) return age >= 46 ? IdValiditySpan::kOk : IdValiditySpan::kLongTermTooYoung;
  if (*end <= start) return IdValiditySpan::kEndsBeforeStart;
  const int want = age < 16 ? 5 : age <= 25 ? 10 : age <= 45 ? 20 : 0;
  const int years = end->year - start.year;
  if (want == 0 || years != want) return IdValiditySpan::kWrongLength;
  if (AddYears(start, years) != *end) return IdValiditySpan::kNotAnniversary;
  return IdValiditySpan::kOk;
}

bool Id18BirthMatches(std::string_view id, const Date& birth) {
  const std::optional<Date> inside = Id18BirthDate(id);
  return inside && *inside == birth;
}

std::optional<Date> ParseIso(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  }
  auto number = [&](size_t pos, size_t len) {
    int value = 0;
    for (size_t i = pos; i < pos + len; ++i) value = value * 10 + (iso[i] - '0');
    return value;
  };
  const Date date{number(0, 4), number(5, 2), number(8, 2)};
  if (!IsValidDate(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

DateRangeParse ParseDateRange(std::string_view text) {
  DateRangeParse exact = ParseDateRangeExactly(text);
  if (!Repairable(exact.outcome, exact.reason)) return exact;
  auto key = [](const DateRangeParse& p) -> std::optional<std::pair<Date, Date>> {
    if (!PlausibleRepair(p.start) || (p.end && !PlausibleRepair(*p.end))) return std::nullopt;
    return std::pair(p.start, p.end.value_or(Date{}));
  };
  std::optional<DateRangeParse> repaired = UniqueRepair(text, ParseDateRangeExactly, key);
  if (!repaired) return exact;
  repaired->repaired = true;
  return *repaired;
}

namespace {

DateRangeParse ParseDateRangeExactly(std::string_view text) {
  const std::u32string s = PrepareDateText(text);
  std::vector<DateHit> hits = ScanDates(s);
  const bool has_digit = DropBlankHits(s, hits);
  DateRangeParse out;
  if (hits.empty()) {
    if (has_digit || SaysOpenEnded(s, 0)) {
      out.outcome = Outcome::kInvalid;
      out.reason = has_digit ? "日期无法识别" : "缺少起始日期";
    }
    return out;
  }

  out.outcome = Outcome::kInvalid;
  const DateHit& first = hits[0];
  if (s.find(U'年') < first.begin) {
    out.reason = "缺少起始日期";  // a blank "____年__月__日" before the first date
    return out;
  }
  if (!first.complete || !first.reason.empty()) {
    out.reason = "起始" + first.reason;
    return out;
  }
  out.start = first.date;
  if (hits.size() < 2) {
    if (SaysOpenEnded(s, first.end)) {
      out.outcome = Outcome::kOk;
    } else {
      out.reason = "缺少终止日期";
    }
    return out;
  }

  const DateHit& second = hits[1];
  if (!second.complete || !second.reason.empty()) {
    out.reason = "终止" + second.reason;
    return out;
  }
  out.end = second.date;
  if (second.date < first.date) {
    out.reason = "终止日期早于起始日期";
    return out;
  }
  out.outcome = Outcome::kOk;
  return out;
}

}  // namespace

// --- Identifiers -------------------------------------------------------------------------------

char UsccCheckChar(std::string_view first17) {
  if (first17.size() < 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const size_t value = kUsccCharset.find(first17[i]);
    if (value == std::string_view::npos) return '\0';
    sum += static_cast<int>(value) * kUsccWeights[i];
  }
  return kUsccCharset[(31 - sum % 31) % 31];
}

bool OrgCodeValid(std::string_view code) {
  static constexpr int kWeights[] = {3, 7, 9, 10, 5, 8, 4, 2};
  if (code.size() != 9) return false;
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    const char c = code[i];
    int value = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
    if (value < 0) return false;
    sum += value * kWeights[i];
  }
  const int check = 11 - sum % 11;
  const char expected = check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
  return code[8] == expected;
}

bool UsccValid(std::string_view code) {
  if (code.size() != 18 || kUsccCharset.find(code[17]) == std::string_view::npos) return false;
  const char check = UsccCheckChar(code.substr(0, 17));
  return check != '\0' && check == code[17];
}

char Id18CheckChar(std::string_view first17) {
  if (first17.size() < 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (first17[i] < '0' || first17[i] > '9') return '\0';
    sum += (first17[i] - '0') * kId18Weights[i];
  }
  return kId18CheckMap[sum % 11];
}

// Limitation: a birth date in the future is accepted here; only the caller knows `as_of`.
std::optional<Date> Id18BirthDate(std::string_view id) {
  if (id.size() < 14) return std::nullopt;
  int digits[8];
  for (size_t i = 0; i < 8; ++i) {
    const char c = id[6 + i];
    if (c < '0' || c > '9') return std::nullopt;
    digits[i] = c - '0';
  }
  const Date date{digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
                  digits[4] * 10 + digits[5], digits[6] * 10 + digits[7]};
  if (date.year < kId18MinYear || !IsValidDate(date.year, date.month, date.day)) {
    return std::nullopt;
  }
  return date;
}

bool Id18Valid(std::string_view id) {
  if (id.size() != 18 || !Id18BirthDate(id)) return false;
  const char check = Id18CheckChar(id.substr(0, 17));
  const char last = id[17] == 'x' ? 'X' : id[17];
  return check != '\0' && check == last;
}

// --- Decision numbers, amounts, phones, names --------------------------------------------------

std::optional<std::string> CanonicalDocNo(std::string_view text) {
  const std::u32string s = Compact(text, /*fold_brackets=*/true);
  for (size_t i = 0; i < s.size(); ++i) {
    std::optional<std::string> docno;
    if (IsOpenBracket(s[i])) {
      docno = MatchDocNoAt(s, i, i + 1);
    } else if (i > 0 && IsHan(s[i - 1]) && DigitLike(s[i]) >= 0) {
      docno = MatchDocNoAt(s, i, i);
    }
    if (docno) return docno;
  }
  return std::nullopt;
}

std::optional<double> ParseAmount(std::string_view text) {
  const std::vector<AmountRun> runs = FindAmounts(text);
  if (auto yuan = PickAmount(runs, [](const AmountRun& run) { return run.arabic; })) return yuan;
  return PickAmount(runs, [](const AmountRun& run) { return !run.arabic; });
}

std::optional<double> ParseUpperAmount(std::string_view text) {
  return PickAmount(FindAmounts(text), [](const AmountRun& run) { return !run.arabic; });
}

std::optional<bool> AmountWordsMatch(std::string_view words, double figures) {
  const std::optional<double> yuan = ParseUpperAmount(words);
  if (!yuan) return std::nullopt;
  return std::llround(*yuan * 100) == std::llround(figures * 100);
}

std::string FormatAmount(double yuan) {
  const double rounded = std::round(yuan * 100) / 100;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", rounded == 0 ? 0.0 : rounded);
  return buffer;
}

std::optional<std::string> NormalizePhone(std::string_view text) {
  // Whole tokens first, so that two numbers separated by a space stay apart; then the text
  // with spaces removed, for numbers that OCR split into groups.
  const std::u32string spaced = ToU32(text::FoldWidth(text, false));
  for (const std::u32string& candidate : PhoneCandidates(spaced)) {
    if (auto phone = PhoneFromCandidate(candidate)) return phone;
  }
  for (const std::u32string& candidate : PhoneCandidates(Compact(text))) {
    if (auto phone = PhoneFromCandidate(candidate)) return phone;
  }
  return std::nullopt;
}

std::string NormalizeName(std::string_view text) {
  std::u32string name;
  for (char32_t c : FoldAlnum(text)) {
    if (IsSpace(c)) continue;
    // A name holds no 《》 or 〈〉: they are OCR's reading of （）.
    if (c == U'(' || c == U'[' || c == U'［' || c == U'【' || c == U'〈' || c == U'《' ||
        c == U'＜' || c == U'<') {
      c = U'（';
    }
    if (c == U')' || c == U']' || c == U'］' || c == U'】' || c == U'〉' || c == U'》' ||
        c == U'＞' || c == U'>') {
      c = U'）';
    }
    // One bracket read twice (《〈天津）).
    if ((c == U'（' || c == U'）') && !name.empty() && name.back() == c) continue;
    if (c == U'•' || c == U'・' || c == U'‧' || c == U'∙') c = U'·';
    name.push_back(c);
  }
  return ToUtf8(name);
}

std::string TianjinDistrict(std::string_view name) {
  std::u32string s = ToU32(NormalizeName(name));
  RepairDistricts(s);
  for (size_t at = s.find(U"天津市"); at != std::u32string::npos; at = s.find(U"天津市", at + 1)) {
    for (const char32_t* d : kDistricts) {
      std::u32string district = std::u32string(d) + U"区";
      if (s.compare(at + 3, district.size(), district) == 0) return ToUtf8(district);
    }
  }
  return "";
}

}  // namespace precheck::values

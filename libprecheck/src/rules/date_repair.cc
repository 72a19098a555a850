// Misreadings of dates: finds the glyphs of a date text that OCR may have read for another
// (by the glyph and its neighbours), gives each its possible meanings and spells out every
// combination. The confusions are the ones seen on scanned and photographed materials.

#include "rules/date_repair.h"

#include <string>
#include <vector>

#include "util/text.h"

namespace precheck::values {
namespace {

constexpr size_t kMaxSuspects = 6;
constexpr size_t kMaxReadings = 256;

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsLatin(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }

// The numerals of a Chinese date: 〇 to 九 and the tens of a month or day.
bool IsHanNumeral(char32_t c) {
  return std::u32string_view(U"〇零一二三四五六七八九十廿卅").find(c) != std::u32string_view::npos;
}

bool IsNumeral(char32_t c) { return IsAsciiDigit(c) || IsHanNumeral(c); }

bool IsDateMark(char32_t c) { return c == U'年' || c == U'月' || c == U'日' || c == U'号'; }

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000; }

// Glyphs OCR reads for the round 〇 of a Chinese year (and for the 0 of a numeric one).
bool IsZeroLike(char32_t c) {
  return std::u32string_view(U"〇○Oo0@,，。.").find(c) != std::u32string_view::npos;
}

// Glyphs OCR reads for a 1 between digits or date marks (工 for the serif 1 of a scan).
bool IsOneLike(char32_t c) {
  return std::u32string_view(U"]|lI!i工").find(c) != std::u32string_view::npos;
}

// Look-alikes of 月. 用 is 月 with the stroke of a 1 run into it; 有 and 序 also appear when
// the digit after 月 touches it and is swallowed, so they may hide any one digit.
enum class MonthLike { kNo, kPlain, kWithOne, kWithDigit };
MonthLike MonthLookAlike(char32_t c) {
  switch (c) {
    case U'丹':
    case U'目':
    case U'户':
      return MonthLike::kPlain;
    case U'用':
      return MonthLike::kWithOne;
    case U'有':
    case U'序':
      return MonthLike::kWithDigit;
    default:
      return MonthLike::kNo;
  }
}

// Look-alikes of the boxy 日 after a day.
bool IsDayLookAlike(char32_t c) {
  return std::u32string_view(U"昌晶目曰白口囗罩田").find(c) != std::u32string_view::npos;
}

bool IsSeparatorLookAlike(char32_t c) { return c == U':' || c == U';'; }

// The nearest character before (step -1) or after (step +1) `i` that is not a space; 0 when
// there is none.
char32_t Neighbour(const std::u32string& s, size_t i, int step) {
  for (long k = static_cast<long>(i) + step; k >= 0 && k < static_cast<long>(s.size()); k += step) {
    if (!IsSpace(s[k])) return s[k];
  }
  return 0;
}

// Whether `mark` occurs before `i` with no `stop` between them.
bool OpenAfter(const std::u32string& s, size_t i, char32_t mark, char32_t stop) {
  for (size_t k = i; k-- > 0;) {
    if (s[k] == stop) return false;
    if (s[k] == mark) return true;
  }
  return false;
}

// What the glyph at `i` may have been, the glyph itself excluded; empty when it is no
// suspect.
std::vector<std::u32string> Meanings(const std::u32string& s, size_t i) {
  const char32_t c = s[i];
  const char32_t prev = Neighbour(s, i, -1);
  const char32_t next = Neighbour(s, i, +1);
  std::vector<std::u32string> out;

  // A digit slot of a numeric date: beside a digit, or right after 年 or 月.
  const bool ascii_slot =
      (IsAsciiDigit(prev) || IsAsciiDigit(next) || prev == U'年' || prev == U'月') &&
      !IsLatin(prev) && !IsLatin(next);
  if (IsOneLike(c) && ascii_slot) return {U"1"};
  if ((c == U'O' || c == U'o') && ascii_slot && !IsHanNumeral(prev) && !IsHanNumeral(next)) {
    return {U"0"};
  }
  if (IsSeparatorLookAlike(c) && IsAsciiDigit(prev) && IsAsciiDigit(next)) return {U"."};

  // A Chinese numeral among Arabic digits ("一964年").
  if (IsHanNumeral(c) && c != U'十' && (IsAsciiDigit(prev) || IsAsciiDigit(next))) {
    static constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
    const size_t digit = kDigits.find(c);
    if (digit != std::u32string_view::npos) return {std::u32string(1, U'0' + digit)};
  }

  // The zero of a Chinese year; one of two zero-like glyphs side by side may be a 〇 read
  // twice.
  const bool han_run = (IsHanNumeral(prev) || IsHanNumeral(next)) &&
                       (IsHanNumeral(prev) || IsZeroLike(prev)) &&
                       (IsHanNumeral(next) || IsZeroLike(next) || next == U'年');
  if (IsZeroLike(c) && han_run) {
    if (c != U'〇') out.push_back(U"〇");
    if (IsZeroLike(prev) || IsZeroLike(next)) out.push_back(U"");
    return out;
  }

  // 月 after the month's numeral, before any 月 of the same date.
  const MonthLike month = MonthLookAlike(c);
  if (month != MonthLike::kNo && IsNumeral(prev) && OpenAfter(s, i, U'年', U'月')) {
    const bool han = IsHanNumeral(prev);
    out.push_back(U"月");
    if (month == MonthLike::kWithOne) out.push_back(han ? U"月一" : U"月1");
    if (month == MonthLike::kWithDigit) {
      static constexpr std::u32string_view kHan = U"一二三四五六七八九";
      for (int d = 1; d <= 9; ++d) {
        out.push_back(std::u32string(U"月") +
                      (han ? kHan[d - 1] : static_cast<char32_t>(U'0' + d)));
      }
    }
  }

  // 日 read as 8 after a day of two digits (2025年6月238: a photocopy's 23日), where the
  // day has no 日 of its own.
  if (c == U'8' && i > 0 && IsAsciiDigit(s[i - 1]) && !IsNumeral(next) && next != U'日' &&
      OpenAfter(s, i, U'月', U'日')) {
    size_t digits = 0;
    for (size_t k = i; k-- > 0 && IsAsciiDigit(s[k]);) ++digits;
    if (digits == 2 && i > digits && s[i - digits - 1] == U'月') return {U"日"};
  }

  // 日 after the day's numeral, once a month is there.
  if (IsDayLookAlike(c) && IsNumeral(prev) && !IsNumeral(next) &&
      (OpenAfter(s, i, U'月', U'日') || OpenAfter(s, i, U'有', U'日') ||
       OpenAfter(s, i, U'用', U'日'))) {
    out.push_back(U"日");
  }
  if (!out.empty()) return out;

  // A stray character between a date mark and the numeral that follows it, or between a
  // numeral and its mark (1989和年).
  const bool stray_slot = ((prev == U'年' || prev == U'月') && IsNumeral(next)) ||
                          (IsNumeral(prev) && (next == U'年' || next == U'月' || next == U'日'));
  if (stray_slot && !IsNumeral(c) && !IsDateMark(c) && !IsSpace(c)) return {U""};
  return {};
}

}  // namespace

std::vector<std::string> DateMisreadings(std::string_view text) {
  const std::u32string s = text::ToU32(text::FoldWidth(text, false));
  struct Suspect {
    size_t at;
    std::vector<std::u32string> meanings;  // the glyph itself first
  };
  std::vector<Suspect> suspects;
  size_t readings = 1;
  for (size_t i = 0; i < s.size(); ++i) {
    std::vector<std::u32string> meanings = Meanings(s, i);
    if (meanings.empty()) continue;
    meanings.insert(meanings.begin(), std::u32string(1, s[i]));
    readings *= meanings.size();
    suspects.push_back({i, std::move(meanings)});
    if (suspects.size() > kMaxSuspects || readings > kMaxReadings) return {};
  }

  // Every combination, counted in mixed radix; combination 0 is the text as read.
  std::vector<std::string> out;
  for (size_t n = 1; n < readings; ++n) {
    std::u32string reading;
    size_t rest = n;
    size_t from = 0;
    for (const Suspect& suspect : suspects) {
      reading.append(s, from, suspect.at - from);
      reading += suspect.meanings[rest % suspect.meanings.size()];
      rest /= suspect.meanings.size();
      from = suspect.at + 1;
    }
    reading.append(s, from, std::u32string::npos);
    out.push_back(text::ToUtf8(reading));
  }
  return out;
}

}  // namespace precheck::values

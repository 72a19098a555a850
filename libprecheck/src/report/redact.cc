// Redaction of personal data: ID numbers and phone numbers inside any text, Chinese or not.
// A scanner walks the code points, gathers runs of digits (ASCII or full-width) joined by
// spaces or dashes, and masks the runs that form an ID number, a mobile or a landline number.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "precheck/report_io.h"
#include "report/report_internal.h"

namespace precheck {
namespace {

// One code point of the input and where its bytes sit.
struct CodePoint {
  char32_t code;
  size_t begin;
  size_t length;
};

// A maximal run of digits, with a trailing X when the run ends an ID number.
struct Group {
  size_t first;                    // index of its first code point
  size_t last;                     // index past its last code point
  std::string text;                // ASCII digits, and 'X'
  bool all_spaces_before = false;  // the separator before it is white space only
};

// Decodes UTF-8 leniently: a byte that starts no valid sequence is a code point of its own
// (U+FFFD), so that the byte positions still cover the whole input.
std::vector<CodePoint> Decode(std::string_view text) {
  std::vector<CodePoint> out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    char32_t code = length <= 1 ? lead : lead & (0x7F >> length);
    bool valid = length > 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    if (!valid) {
      code = 0xFFFD;
      length = 1;
    }
    out.push_back({code, i, length});
    i += length;
  }
  return out;
}

// 0..9 for an ASCII or full-width digit, else -1.
int DigitValue(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  return -1;
}

bool IsCheckX(char32_t c) { return c == U'X' || c == U'x' || c == 0xFF38 || c == 0xFF58; }

bool IsLetterOrDigit(char32_t c) {
  return DigitValue(c) >= 0 || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') ||
         (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

bool IsSpace(char32_t c) { return c == U' ' || c == 0x3000 || c == 0xA0; }

// What may stand between the digit groups of one number: "167 1234 1672", "022-87040659",
// "(022)87040659".
bool IsSeparator(char32_t c) {
  return IsSpace(c) || c == U'-' || c == 0xFF0D || (c >= 0x2010 && c <= 0x2015) || c == U')' ||
         c == 0xFF09;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Positions 7-14 of an ID number hold the birth date YYYYMMDD.
bool HasPlausibleBirthDate(const std::string& id) {
  const int year = std::stoi(id.substr(6, 4));
  const int month = std::stoi(id.substr(10, 2));
  const int day = std::stoi(id.substr(12, 2));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  return day <= days;
}

// The check character of GB 11643 (ISO 7064 MOD 11-2) over the first 17 digits.
bool IdCheckCharacterValid(const std::string& id) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    sum += (id[i] - '0') * kWeights[i];
  }
  return "10X98765432"[sum % 11] == id[17];
}

// The check character of GB 32100 (unified social credit code) over the first 17 characters.
bool UsccCheckCharacterValid(const std::string& code) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                   29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    sum += static_cast<int>(kAlphabet.find(code[i])) * kWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return kAlphabet[check] == code[17];
}

// An 18-character candidate is an ID number when it has a birth date where an ID number has
// one. A unified social credit code made only of digits can look alike; it is told apart by
// its check characters: a code whose USCC check holds and whose ID check fails is a company
// code. A candidate failing both is masked: it is more likely a misread ID number.
bool IsIdNumber(const std::string& digits) {
  if (digits.size() != 18 || !HasPlausibleBirthDate(digits)) {
    return false;
  }
  return IdCheckCharacterValid(digits) || !UsccCheckCharacterValid(digits);
}

// No ID or phone number is written in more groups than this ("120111 1980 0625 238X" has 4);
// the bound keeps long runs of spaced digits (tables) linear.
constexpr size_t kMaxGroups = 5;

// Which characters of a number to mask: [begin, end) over its digits.
struct MaskSpan {
  size_t begin = 0;
  size_t end = 0;
};

// Decides whether the groups [a, b] form one ID or phone number, and what of it to mask.
bool Classify(const std::vector<Group>& groups, size_t a, size_t b, MaskSpan* span) {
  std::string digits;
  std::vector<size_t> lengths;
  bool inner_x = false;
  bool spaces_only = true;
  for (size_t i = a; i <= b; ++i) {
    if (i > a && !groups[i].all_spaces_before) spaces_only = false;
    if (i < b && groups[i].text.back() == 'X') inner_x = true;
    digits += groups[i].text;
    lengths.push_back(groups[i].text.size());
  }
  if (inner_x) {
    return false;
  }
  const bool has_x = digits.back() == 'X';

  // ID number: 17 digits and a digit or X, in any grouping of at least two characters each.
  if (digits.size() == 18) {
    bool short_group = false;
    for (size_t length : lengths) short_group = short_group || length < 2;
    if (!short_group && IsIdNumber(digits)) {
      *span = {6, 14};
      return true;
    }
  }
  if (has_x) {
    return false;
  }

  // Mobile: 11 digits 1[3-9]..., written whole or as 3-4-4, 3-8, 7-4; or with 86 in front.
  const bool mobile = digits.size() == 11 && digits[0] == '1' && digits[1] >= '3';
  if (mobile && (lengths == std::vector<size_t>{11} || lengths == std::vector<size_t>{3, 4, 4} ||
                 lengths == std::vector<size_t>{3, 8} || lengths == std::vector<size_t>{7, 4})) {
    *span = {3, 7};
    return true;
  }
  if (lengths == std::vector<size_t>{13} && digits.compare(0, 3, "861") == 0 && digits[3] >= '3') {
    *span = {5, 9};
    return true;
  }

  // Landline: an area code 0xx or 0xxx, then a local number of 7 or 8 digits of which the
  // last 4 stay. Written whole, or with the area code apart, or the local number in two parts
  // (not when every separator is a space: that is how bank account numbers are grouped).
  if (digits[0] != '0' || digits.size() < 3 || digits[1] == '0') {
    return false;
  }
  size_t area = 0;
  if (lengths.size() == 1) {
    area = (digits[1] == '1' || digits[1] == '2') ? 3 : 4;
  } else if ((lengths[0] == 3 || lengths[0] == 4) &&
             (lengths.size() == 2 ||
              (lengths.size() == 3 && !spaces_only && lengths[1] >= 3 && lengths[2] >= 3))) {
    area = lengths[0];
  } else {
    return false;
  }
  const size_t local = digits.size() - area;
  if (local != 7 && local != 8) {
    return false;
  }
  *span = {area, digits.size() - 4};
  return true;
}

// Gathers the groups of the phrase that starts at the digit `start`; returns the index past
// the phrase.
size_t GatherPhrase(const std::vector<CodePoint>& cps, size_t start, std::vector<Group>* groups) {
  groups->clear();
  size_t i = start;
  bool spaces_only = true;
  while (true) {
    Group group;
    group.first = i;
    group.all_spaces_before = spaces_only;
    while (i < cps.size() && DigitValue(cps[i].code) >= 0) {
      group.text += static_cast<char>('0' + DigitValue(cps[i].code));
      ++i;
    }
    // A trailing X belongs to the number only when no letter or digit follows it.
    if (i < cps.size() && IsCheckX(cps[i].code) &&
        (i + 1 == cps.size() || !IsLetterOrDigit(cps[i + 1].code))) {
      group.text += 'X';
      ++i;
    }
    group.last = i;
    groups->push_back(group);
    if (group.text.back() == 'X') {
      return i;
    }

    // One or two separators (")" and a space), then another group, continue the phrase.
    size_t j = i;
    spaces_only = true;
    while (j < cps.size() && j - i < 2 && IsSeparator(cps[j].code)) {
      spaces_only = spaces_only && IsSpace(cps[j].code);
      ++j;
    }
    if (j == i || j >= cps.size() || DigitValue(cps[j].code) < 0) {
      return i;
    }
    i = j;
  }
}

// Replaces the code points of groups [a, b] whose digit index lies in `span` by '*'.
void MarkMasked(const std::vector<Group>& groups, size_t a, size_t b, MaskSpan span,
                std::vector<bool>* masked) {
  size_t index = 0;
  for (size_t g = a; g <= b; ++g) {
    for (size_t cp = groups[g].first; cp < groups[g].last; ++cp, ++index) {
      if (index >= span.begin && index < span.end) {
        (*masked)[cp] = true;
      }
    }
  }
}

std::string Rebuild(std::string_view text, const std::vector<CodePoint>& cps,
                    const std::vector<bool>& masked) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    if (masked[i]) {
      out += '*';
    } else {
      out.append(text.substr(cps[i].begin, cps[i].length));
    }
  }
  return out;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool IsPhoneKey(std::string_view key) { return key.find("phone") != std::string_view::npos; }

bool IsIdKey(std::string_view key) {
  return key == "id" || EndsWith(key, "_id") || key.find("id_number") != std::string_view::npos;
}

// A birth date (an ID card's 出生) is the part of the ID number its mask hides.
bool IsBirthKey(std::string_view key) { return key.find("birth") != std::string_view::npos; }

// `text` with every ASCII and full-width digit replaced by *.
std::string MaskDigits(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= '0' && c <= '9') {
      out += '*';
    } else if (c == 0xEF && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xBC &&
               static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      out += '*';  // ０-９
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Masks the digits (or, with `letters`, also the letters) of `text` except the last 4 and,
// when there are at least 11 of them, the first 6; returns false when none would be masked.
bool MaskAllButEnds(const std::string& text, bool letters, std::string* out) {
  const std::vector<CodePoint> cps = Decode(text);
  std::vector<size_t> positions;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (letters ? IsLetterOrDigit(cps[i].code) : DigitValue(cps[i].code) >= 0) {
      positions.push_back(i);
    }
  }
  const size_t keep_front = letters && positions.size() >= 11 ? 6 : 0;
  const size_t keep_back = 4;
  if (positions.size() <= keep_front + keep_back) {
    return false;
  }
  std::vector<bool> masked(cps.size(), false);
  for (size_t k = keep_front; k < positions.size() - keep_back; ++k) {
    masked[positions[k]] = true;
  }
  *out = Rebuild(text, cps, masked);
  return true;
}

// True when the digits [begin, end) lie inside a credit code as read (91120J05200043590):
// a run of 17 to 19 letters and digits holding a capital letter other than a final X. A
// company's code is no personal data, and masking it would hide a misreading from the clerk.
bool InsideCompanyCode(const std::vector<CodePoint>& cps, size_t begin, size_t end) {
  auto alnum = [](char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
  };
  size_t first = begin, last = end;
  while (first > 0 && alnum(cps[first - 1].code)) --first;
  while (last < cps.size() && alnum(cps[last].code)) ++last;
  if (last - first < 17 || last - first > 19) return false;
  for (size_t k = first; k < last; ++k) {
    char32_t c = cps[k].code;
    if (c >= U'A' && c <= U'Z' && !(c == U'X' && k + 1 == last)) return true;
  }
  return false;
}

}  // namespace

std::string RedactText(const std::string& text) {
  try {
    const std::vector<CodePoint> cps = Decode(text);
    std::vector<bool> masked(cps.size(), false);
    bool any = false;

    // Each phrase of digit groups is searched for the longest run of groups that forms a
    // number, from left to right: "022-87040659 16712341672" holds two.
    std::vector<Group> groups;
    size_t i = 0;
    while (i < cps.size()) {
      if (DigitValue(cps[i].code) < 0) {
        ++i;
        continue;
      }
      const size_t end = GatherPhrase(cps, i, &groups);
      if (InsideCompanyCode(cps, i, end)) {
        i = end;
        continue;
      }
      size_t a = 0;
      while (a < groups.size()) {
        size_t next = a + 1;
        for (size_t b = std::min(groups.size(), a + kMaxGroups); b-- > a;) {
          MaskSpan span;
          if (Classify(groups, a, b, &span)) {
            MarkMasked(groups, a, b, span, &masked);
            any = true;
            next = b + 1;
            break;
          }
        }
        a = next;
      }
      i = end;
    }
    return any ? Rebuild(text, cps, masked) : text;
  } catch (...) {
    // Only allocation can fail here; returning the text unmasked would leak it.
    return std::string();
  }
}

namespace report_internal {

std::string RedactFieldText(std::string_view key, const std::string& text) {
  std::string out = RedactText(text);
  if (out != text) {
    return out;
  }
  std::string masked;
  if (IsPhoneKey(key) && MaskAllButEnds(text, /*letters=*/false, &masked)) {
    return masked;
  }
  if (IsIdKey(key) && MaskAllButEnds(text, /*letters=*/true, &masked)) {
    return masked;
  }
  if (IsBirthKey(key)) return MaskDigits(text);
  return out;
}

}  // namespace report_internal

std::string RedactField(std::string_view key, const std::string& text) {
  return report_internal::RedactFieldText(key, text);
}

}  // namespace precheck

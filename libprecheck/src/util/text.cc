// Text utilities: UTF-8 decoding and encoding by hand, width folding and Levenshtein-based
// fuzzy comparison. Everything works on code points (std::u32string) so that a Han character
// counts as one unit of edit distance, like a Latin letter.

#include "util/text.h"

#include <iconv.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace precheck::text {
namespace {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF).
bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
      unsigned char d = s[i + k];
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n;
  }
  return true;
}

// `raw` decoded from GB18030 to UTF-8, or "" when it is not GB18030.
std::string FromGb18030(std::string_view raw) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return "";
  std::string out(raw.size() * 4 + 4, '\0');
  char* in = const_cast<char*>(raw.data());
  size_t in_left = raw.size();
  char* dst = out.data();
  size_t out_left = out.size();
  size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1) || in_left != 0) return "";
  out.resize(out.size() - out_left);
  return out;
}

constexpr char32_t kReplacement = 0xFFFD;

// Number of continuation bytes announced by a UTF-8 lead byte, or -1 for an invalid lead.
int ContinuationCount(unsigned char lead) {
  if (lead < 0x80) return 0;
  if (lead >= 0xC2 && lead <= 0xDF) return 1;
  if (lead >= 0xE0 && lead <= 0xEF) return 2;
  if (lead >= 0xF0 && lead <= 0xF4) return 3;
  return -1;
}

bool IsSpace(char32_t c) {
  switch (c) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\r':
    case U'\v':
    case U'\f':
    case 0x00A0:  // no-break space
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:  // ideographic space
    case 0x200B:  // zero-width space, which OCR engines emit between glyphs
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

// Edit distance of `needle` against every prefix of `window` whose length lies in
// [min_len, max_len]; returns the best similarity and the prefix length that gives it.
double BestPrefixSimilarity(std::u32string_view needle, std::u32string_view window, size_t min_len,
                            std::vector<int>& column, size_t* best_len) {
  const size_t n = needle.size();
  column.resize(n + 1);
  for (size_t j = 0; j <= n; ++j) column[j] = static_cast<int>(j);

  double best = -1.0;
  auto consider = [&](size_t k) {
    const double longest = static_cast<double>(std::max(n, k));
    const double sim = longest == 0 ? 1.0 : 1.0 - column[n] / longest;
    if (sim > best) {
      best = sim;
      *best_len = k;
    }
  };
  if (min_len == 0) consider(0);

  // Column k holds the distance of needle[0..j) against window[0..k).
  for (size_t k = 1; k <= window.size(); ++k) {
    int diagonal = column[0];
    column[0] = static_cast<int>(k);
    for (size_t j = 1; j <= n; ++j) {
      const int above = column[j];
      const int cost = needle[j - 1] == window[k - 1] ? 0 : 1;
      column[j] = std::min({column[j] + 1, column[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
    if (k >= min_len) consider(k);
  }
  return best;
}

}  // namespace

std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const int extra = ContinuationCount(lead);
    if (extra == 0) {
      out.push_back(lead);
      ++i;
      continue;
    }

    // An invalid lead, a truncated or broken sequence, an overlong form, a surrogate or a
    // value beyond U+10FFFF each consume one byte and yield U+FFFD.
    bool ok = extra > 0 && i + static_cast<size_t>(extra) < utf8.size();
    char32_t c = ok ? static_cast<char32_t>(lead & (0x3F >> extra)) : 0;
    for (int k = 1; ok && k <= extra; ++k) {
      const auto byte = static_cast<unsigned char>(utf8[i + k]);
      ok = (byte & 0xC0) == 0x80;
      c = (c << 6) | (byte & 0x3F);
    }
    if (ok && ((extra == 2 && c < 0x800) || (extra == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
               (c >= 0xD800 && c <= 0xDFFF))) {
      ok = false;
    }
    if (!ok) {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    out.push_back(c);
    i += extra + 1;
  }
  return out;
}

std::string ToUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK unified ideographs
         (c >= 0x3400 && c <= 0x4DBF) ||    // extension A
         (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
         (c >= 0x20000 && c <= 0x3134F) ||  // extensions B to G
         c == 0x3007;                       // 〇
}

std::string FoldWidth(std::string_view utf8, bool fold_brackets) {
  std::u32string text = ToU32(utf8);
  for (char32_t& c : text) {
    const bool bracket = c == U'（' || c == U'）' || c == U'［' || c == U'］';
    if (bracket && !fold_brackets) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) {
      c -= 0xFEE0;
    } else if (c == 0x3000) {
      c = U' ';
    }
  }
  return ToUtf8(text);
}

std::string RemoveSpaces(std::string_view utf8) {
  std::u32string text = ToU32(utf8);
  std::erase_if(text, IsSpace);
  return ToUtf8(text);
}

int EditDistance(std::u32string_view a, std::u32string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

double Similarity(std::string_view a, std::string_view b) {
  const std::u32string ua = ToU32(a);
  const std::u32string ub = ToU32(b);
  const size_t longest = std::max(ua.size(), ub.size());
  if (longest == 0) return 1.0;
  return 1.0 - static_cast<double>(EditDistance(ua, ub)) / static_cast<double>(longest);
}

double BestSubstringSimilarity(std::string_view haystack, std::string_view needle, size_t* where) {
  const std::u32string hay = ToU32(haystack);
  const std::u32string pin = ToU32(needle);
  if (where != nullptr) *where = 0;
  if (pin.empty()) return 1.0;
  if (hay.empty()) return 0.0;

  // Windows start at every offset and are len(needle) - 2 .. len(needle) + 2 long; near the
  // end of a short haystack the window is whatever remains.
  constexpr size_t kSlack = 2;
  const size_t min_len = pin.size() > kSlack ? pin.size() - kSlack : 1;
  const size_t max_len = pin.size() + kSlack;
  std::vector<int> column;
  double best = -1.0;
  for (size_t start = 0; start < hay.size(); ++start) {
    const size_t remaining = hay.size() - start;
    if (remaining < min_len && start > 0) break;
    const std::u32string_view window(hay.data() + start, std::min(max_len, remaining));
    size_t len = 0;
    const double sim =
        BestPrefixSimilarity(pin, window, std::min(min_len, window.size()), column, &len);
    if (sim > best) {
      best = sim;
      if (where != nullptr) *where = start;
      if (best >= 1.0) break;
    }
  }
  return std::max(best, 0.0);
}

std::string DisplayName(std::string_view raw) {
  std::string utf8;
  if (ValidUtf8(raw)) {
    utf8 = std::string(raw);
  } else if (std::string gb = FromGb18030(raw); !gb.empty() && ValidUtf8(gb)) {
    utf8 = gb;
  } else {
    // Keep the valid sequences, write the other bytes out.
    for (size_t i = 0; i < raw.size();) {
      size_t n = 1;
      unsigned char c = raw[i];
      if (c >= 0x80) {
        size_t want = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (want && ValidUtf8(raw.substr(i, want))) {
          n = want;
        } else {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          utf8 += buf;
          ++i;
          continue;
        }
      }
      utf8.append(raw.substr(i, n));
      i += n;
    }
  }
  std::string out;
  for (unsigned char c : utf8) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace precheck::text

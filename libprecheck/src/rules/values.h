// Value types of form fields: parsing, validation and normalisation.
//
// Each field of a template has a type (forms.yaml): company, uscc, id18, person, date,
// daterange, amount, docno, phone, addr, text, check, year. Normalize() turns the raw text
// read from a page into the normalised value of docs/report.md, or says that the text is
// blank or invalid and why. The validators (check characters, calendar) are exposed for the
// rule engine and tests. All functions are pure and thread-safe.

#ifndef PRECHECK_RULES_VALUES_H_
#define PRECHECK_RULES_VALUES_H_

#include <optional>
#include <string>
#include <string_view>

namespace precheck::values {

enum class ValueType {
  kText,
  kCompany,
  kPerson,
  kUscc,
  kId18,
  kDate,
  kDateRange,
  kAmount,
  kDocNo,
  kPhone,
  kAddr,
  kCheck,
  kYear,
};

// "date" -> kDate etc.; nullopt for an unknown name.
std::optional<ValueType> ParseValueType(std::string_view name);
const char* ValueTypeName(ValueType type);

enum class Outcome {
  kOk,       // value holds the normalised form
  kEmpty,    // nothing filled in: blank, underscores, "年 月 日" without digits
  kInvalid,  // something is there but it is not a valid value of the type
};

struct Normalized {
  Outcome outcome = Outcome::kEmpty;
  std::string value;   // normalised form when kOk; best effort otherwise
  std::string reason;  // Chinese, why it is invalid (e.g. "校验码错误"), when kInvalid
  // The value rests on a repair of glyphs OCR misread (see ParseDate): it is the only real
  // value the text can be read as, but a guess all the same.
  bool repaired = false;
};

// Normalises `raw` as a value of `type`. `raw` may carry OCR noise around the value
// (a stray label fragment, colons, spaces between characters).
Normalized Normalize(ValueType type, std::string_view raw);

// --- Dates -----------------------------------------------------------------------------

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  std::string Iso() const;  // YYYY-MM-DD
  auto operator<=>(const Date&) const = default;
};

// True when the date exists in the Gregorian calendar.
bool IsValidDate(int year, int month, int day);

// Parses one date in any of the forms of docs/domain (年月日, full-width digits, 二〇二四年
// 三月十五日, 2024.03.15, 2024-3-15, 2024/3/15, 20240315). Outcome kEmpty for a blank or a
// placeholder ("____年__月__日"), kInvalid for a partial or non-existent date.
// A text that does not parse because of glyphs OCR commonly misreads (2024年]月16日,
// 二O二五年四月十二昌, 2017:11.26) is read every way those glyphs allow (date_repair.h); when
// exactly one reading gives a real date from 1900 to 2099, and none a non-existent one, that
// date is the result with `repaired` set. A complete date that does not exist
// (2024年2月30日) is never repaired.
struct DateParse {
  Outcome outcome = Outcome::kEmpty;
  Date date;
  std::string reason;
  bool repaired = false;
};
DateParse ParseDate(std::string_view text);

// Adds calendar months, clamping to the month end (2024-11-30 + 3 months = 2025-02-28).
Date AddMonths(const Date& date, int months);
// Adds years, clamping Feb 29 to Feb 28.
Date AddYears(const Date& date, int years);
// Parses "YYYY-MM-DD" exactly.
std::optional<Date> ParseIso(std::string_view iso);

// A date range: "2024年1月1日至2026年12月31日", "2024.01.01-2026.12.31", "…起至…止", "…-长期".
// Misread glyphs are repaired as in ParseDate: when exactly one reading gives a valid range.
struct DateRangeParse {
  Outcome outcome = Outcome::kEmpty;
  Date start;
  std::optional<Date> end;  // nullopt means 长期 (no end)
  std::string reason;
  bool repaired = false;
};
DateRangeParse ParseDateRange(std::string_view text);

// --- Identifiers -----------------------------------------------------------------------

// GB 32100-2015 unified social credit code: 18 characters from 0-9 A-H J-N P-R T-U W-Y,
// the last a check character. Input must already be upper-case without spaces.
bool UsccValid(std::string_view code);
// The check character for the first 17 characters, or '\0' if they are not in the charset.
char UsccCheckChar(std::string_view first17);
// GB 11714 organisation code (positions 9-17 of a credit code): 8 characters from 0-9 A-Z
// and a check character (weights 3 7 9 10 5 8 4 2, modulus 11; 10 is X). Some early pilot
// codes fail it, so it only confirms a repair and never rejects a code.
bool OrgCodeValid(std::string_view code);

// The Tianjin district a name places itself in ("南开区" for 天津市南开区市场监督管理局),
// after repairing a district read one glyph off; "" when the name names none. Districts are
// never one glyph apart, so a misread glyph does not turn one into another.
std::string TianjinDistrict(std::string_view name);

// GB 11643 / ISO 7064 MOD 11-2 citizen ID number: 17 digits and a check digit or X, with a
// real birth date in digits 7..14.
bool Id18Valid(std::string_view id);
char Id18CheckChar(std::string_view first17);
// The birth date inside an 18-digit ID number, if it is a real date.
std::optional<Date> Id18BirthDate(std::string_view id);

// Whole years from `from` to `to` (an age on a day); negative when `to` is earlier.
int YearsBetween(const Date& from, const Date& to);

// Whether an ID card's validity fits the holder's age on the issue date (居民身份证法 第五条):
// 5 years under 16, 10 years from 16 to 25, 20 years from 26 to 45, 长期 (no end) from 46,
// ending on the start's month and day.
enum class IdValiditySpan {
  kOk,
  kWrongLength,     // the years between start and end are not the ones for the age
  kNotAnniversary,  // the end is not on the start's month and day
  kLongTermTooYoung,
  kEndsBeforeStart,
};
IdValiditySpan CheckIdValiditySpan(const Date& birth, const Date& start,
                                   const std::optional<Date>& end);

// Whether the ID number's birth date (digits 7..14) is `birth`.
bool Id18BirthMatches(std::string_view id, const Date& birth);

// --- Decision numbers, amounts, phones, names ------------------------------------------

// Canonical decision number (文号): brackets mapped to 〔〕, 第 and spaces and leading zeros
// of the sequence dropped: "苏市监罚[2024]第018号" -> "苏市监罚〔2024〕18号". nullopt when the
// text holds no decision number.
std::optional<std::string> CanonicalDocNo(std::string_view text);

// Amount in yuan: "罚款600元整", "¥12,000.00", "2万元", "壹万贰仟元整" -> 600.00 etc.
// nullopt when no amount is found. Upper-case (大写) forms are parsed by ParseUpperAmount.
std::optional<double> ParseAmount(std::string_view text);
std::optional<double> ParseUpperAmount(std::string_view text);
std::string FormatAmount(double yuan);  // "600.00"
// Whether the 大写 amount in `words` equals `figures` yuan (to the fen); nullopt when `words`
// holds no 大写 amount.
std::optional<bool> AmountWordsMatch(std::string_view words, double figures);

// Mobile 1[3-9]xxxxxxxxx or landline 0xx(x)-xxxxxxx(x); returns the digits with the
// landline hyphen kept ("022-87040659"), or nullopt.
std::optional<std::string> NormalizePhone(std::string_view text);

// Company and person names: spaces removed, brackets unified to full-width （）.
std::string NormalizeName(std::string_view text);

}  // namespace precheck::values

#endif  // PRECHECK_RULES_VALUES_H_

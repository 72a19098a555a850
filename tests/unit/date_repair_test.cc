// Specification of the repair of dates that OCR misread by a glyph or two: each confusion
// seen on scanned materials is repaired when the date leaves one reading, the repair is
// marked, and no date that does not exist, nor one that may be read two ways, is repaired.

#include "rules/date_repair.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "rules/values.h"

using namespace precheck::values;

namespace {

// "2024-01-16 repaired", "2024-01-16" (read as written) or "<invalid: reason>".
std::string Read(std::string_view raw) {
  const DateParse parsed = ParseDate(raw);
  if (parsed.outcome == Outcome::kOk)
    return parsed.date.Iso() + (parsed.repaired ? " repaired" : "");
  if (parsed.outcome == Outcome::kEmpty) return "<empty>";
  return "<invalid: " + parsed.reason + ">";
}

std::string ReadRange(std::string_view raw) {
  const DateRangeParse parsed = ParseDateRange(raw);
  if (parsed.outcome == Outcome::kOk) {
    return parsed.start.Iso() + "/" + (parsed.end ? parsed.end->Iso() : "长期") +
           (parsed.repaired ? " repaired" : "");
  }
  if (parsed.outcome == Outcome::kEmpty) return "<empty>";
  return "<invalid: " + parsed.reason + ">";
}

}  // namespace

TEST_CASE("date repair: a glyph read for a digit") {
  CHECK(Read("2024年]月16日") == "2024-01-16 repaired");
  CHECK(Read("一964年2月6日") == "1964-02-06 repaired");  // Chinese 一 among Arabic digits
  CHECK(Read("1965年工月6日") == "1965-01-06 repaired");
  // On scans ] stood for 1 every time, beside another 1 too.
  CHECK(Read("2023年1]月17日") == "2023-11-17 repaired");
  CHECK(Read("2025年6月1]日") == "2025-06-11 repaired");
  // Read as written, no repair needed: l, I and | beside a digit were always taken for 1.
  CHECK(Read("2024年l2月5日") == "2024-12-05");
  CHECK(Read("2024年|2月5日") == "2024-12-05");
}

TEST_CASE("date repair: the zero of a Chinese year") {
  CHECK(Read("二，二四年八月一日") == "2024-08-01 repaired");
  CHECK(Read("二。二五年三月一日") == "2025-03-01 repaired");
  SUBCASE("a 〇 read twice") {
    CHECK(Read("二@〇二五年五月十九日") == "2025-05-19 repaired");
    CHECK(ReadRange("二〇二五年六月十五日至二O〇二五年十二月三十一日") ==
          "2025-06-15/2025-12-31 repaired");
  }
}

TEST_CASE("date repair: look-alikes of 月 and 日") {
  CHECK(Read("二〇二四年八月一昌") == "2024-08-01 repaired");
  // A date without its 日 was always read; the look-alike matters to Chinese numerals.
  CHECK(Read("2022年1月24罩") == "2022-01-24");
  CHECK(Read("2024年3丹15日") == "2024-03-15 repaired");
  // 用 is 月 with a 1 run into it; with nothing after it, only 6月1日 is a date.
  CHECK(Read("2025年6用日") == "2025-06-01 repaired");
  // All three at once.
  CHECK(Read("二，二四年和八月一昌") == "2024-08-01 repaired");
}

TEST_CASE("date repair: a separator and a stray character") {
  CHECK(ReadRange("2017:11.26-2037.11.25") == "2017-11-26/2037-11-25 repaired");
  CHECK(Read("2024年和8月1日") == "2024-08-01 repaired");
  CHECK(Read("1989和年12月29日") == "1989-12-29 repaired");
  // A stray character before the 日 of a day that does not exist changes nothing.
  CHECK(Read("2025年6月31和日") == "<invalid: 日期不存在>");
}

TEST_CASE("date repair: two readings are no repair") {
  // 4月16日 was read 4用5日 and 4月22日 as 四有十二日: the look-alike of 月 swallowed a digit,
  // so 4月5日 and 4月15日, 四月十二日 and 四月二十二日 are all possible.
  CHECK(Read("2025年4用5日") == "<invalid: 日期不完整>");
  CHECK(Read("2025年5序8日") == "<invalid: 日期不完整>");
  CHECK(Read("二O二五年四有十二日") == "<invalid: 日期不完整>");
  // An unknown glyph in a month slot could be any digit.
  CHECK(Read("2022年电月24日") == "<invalid: 日期不完整>");
}

TEST_CASE("date repair: 日 read as 8 after the day") {
  // A photocopy's 当事人（盖章） 日期：2025年6月23日, read as ...1期:2025年6月238.
  CHECK(Read("2025年6月238") == "2025-06-23 repaired");
  // After one digit it is the day's second digit: 6月38 is a day that does not exist.
  CHECK(Read("2025年6月38") == "<invalid: 日期不存在>");
  // An 8 that is the day's own digit stays: 28 is a day, and so is 18 with its 日.
  CHECK(Read("2025年6月28日") == "2025-06-28");
  CHECK(Read("2025年6月18日") == "2025-06-18");
  // Three digits that are no day with 日 either: 31 of June does not exist.
  CHECK(Read("2025年6月318").rfind("<invalid", 0) == 0);
}

TEST_CASE("date repair: a date that does not exist stays invalid") {
  CHECK(Read("2024年2月30日") == "<invalid: 日期不存在>");
  CHECK(Read("2024年13月1日") == "<invalid: 日期不存在>");
  CHECK(Read("2025-06-31") == "<invalid: 日期不存在>");
  CHECK(Read("2025年6月31晶") == "<invalid: 日期不存在>");
  CHECK(Read("2025年2月29日") == "<invalid: 日期不存在>");
  // 3] is 31 or a 3 with a speck: 6月31日 does not exist, so nothing is repaired, and the day
  // is no longer taken as 3.
  CHECK(Read("2025年6月3]日") == "<invalid: 日期不完整>");
  CHECK(Read("2025年]3月1日") == "<invalid: 日期不完整>");  // 13月 does not exist
  // After a two-digit day the glyph is a speck: the date is read as written.
  CHECK(Read("2025年12月31!日") == "2025-12-31");
  CHECK(ReadRange("2025年6月17日至2025年12月31!日") == "2025-06-17/2025-12-31");
  // The only reading of the separator gives an end before the start: no repair.
  CHECK(ReadRange("2024.01.01-2023:12.31") == "<invalid: 缺少终止日期>");
}

TEST_CASE("date repair: years a repair may give") {
  // Dropping the stray mark instead would give the year 25.
  CHECK(Read("@〇二五年五月十九日") == "<invalid: 日期不完整>");
  CHECK(Read("二〇二五年五月十九日").find("repaired") == std::string::npos);
  // Five year glyphs were cut to the last four (0025) before any repair.
  CHECK(Read("二O〇二五年二月十二日") == "2025-02-12 repaired");
  CHECK(Read("二O〇二五年二月三十日") == "<invalid: 日期不存在>");
}

TEST_CASE("date repair: DateMisreadings") {
  CHECK(DateMisreadings("2024年3月15日").empty());
  CHECK(DateMisreadings("有限公司").empty());
  const std::vector<std::string> readings = DateMisreadings("2024年]月16日");
  CHECK(readings.size() == 1);
  CHECK(std::find(readings.begin(), readings.end(), "2024年1月16日") != readings.end());
  // Too many suspects to read as a date.
  CHECK(DateMisreadings("1]1]1]1]1]1]1]1").empty());
}

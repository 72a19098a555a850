// Specification of field value parsing and normalisation: every date form of the domain
// notes, date ranges, calendar arithmetic, USCC and ID check characters, decision numbers,
// amounts in 小写 and 大写, phone numbers, names and free text, fed with OCR-like noise.

#include "rules/values.h"

#include <doctest/doctest.h>

#include <string>

using namespace precheck::values;

namespace {

// The normalised value when `raw` is valid, else "<empty>" or "<invalid: reason>".
std::string Norm(ValueType type, std::string_view raw) {
  const Normalized n = Normalize(type, raw);
  switch (n.outcome) {
    case Outcome::kOk:
      return n.value;
    case Outcome::kEmpty:
      return "<empty>";
    case Outcome::kInvalid:
      return "<invalid: " + n.reason + ">";
  }
  return "<?>";
}

std::string IsoOf(std::string_view raw) {
  const DateParse parsed = ParseDate(raw);
  return parsed.outcome == Outcome::kOk ? parsed.date.Iso() : "<not ok>";
}

Date D(int y, int m, int d) { return Date{y, m, d}; }

}  // namespace

TEST_CASE("values: type names") {
  for (const char* name : {"text", "company", "person", "uscc", "id18", "date", "daterange",
                           "amount", "docno", "phone", "addr", "check", "year"}) {
    const auto type = ParseValueType(name);
    REQUIRE(type.has_value());
    CHECK(std::string(ValueTypeName(*type)) == name);
  }
  CHECK_FALSE(ParseValueType("Date").has_value());
  CHECK_FALSE(ParseValueType("").has_value());
}

TEST_CASE("values: calendar") {
  SUBCASE("IsValidDate") {
    CHECK(IsValidDate(2024, 2, 29));
    CHECK(IsValidDate(2000, 2, 29));
    CHECK_FALSE(IsValidDate(2023, 2, 29));
    CHECK_FALSE(IsValidDate(1900, 2, 29));
    CHECK_FALSE(IsValidDate(2024, 2, 30));
    CHECK_FALSE(IsValidDate(2024, 4, 31));
    CHECK_FALSE(IsValidDate(2024, 13, 1));
    CHECK_FALSE(IsValidDate(2024, 0, 1));
    CHECK_FALSE(IsValidDate(2024, 1, 0));
    CHECK(IsValidDate(2024, 12, 31));
  }
  SUBCASE("Iso and ParseIso") {
    CHECK(D(2024, 3, 5).Iso() == "2024-03-05");
    CHECK(ParseIso("2024-03-05") == D(2024, 3, 5));
    CHECK_FALSE(ParseIso("2024-3-5").has_value());
    CHECK_FALSE(ParseIso("2024-02-30").has_value());
    CHECK_FALSE(ParseIso("2024/03/05").has_value());
    CHECK_FALSE(ParseIso(" 2024-03-05").has_value());
  }
  SUBCASE("AddMonths clamps to the month end") {
    CHECK(AddMonths(D(2024, 11, 30), 3) == D(2025, 2, 28));
    CHECK(AddMonths(D(2023, 11, 30), 3) == D(2024, 2, 29));
    CHECK(AddMonths(D(2024, 1, 31), 1) == D(2024, 2, 29));
    CHECK(AddMonths(D(2023, 1, 31), 1) == D(2023, 2, 28));
    CHECK(AddMonths(D(2024, 3, 31), 1) == D(2024, 4, 30));
    CHECK(AddMonths(D(2024, 3, 15), 6) == D(2024, 9, 15));
    CHECK(AddMonths(D(2024, 3, 15), 12) == D(2025, 3, 15));
    CHECK(AddMonths(D(2024, 12, 31), 1) == D(2025, 1, 31));
    CHECK(AddMonths(D(2024, 3, 31), -1) == D(2024, 2, 29));
    CHECK(AddMonths(D(2024, 1, 15), -13) == D(2022, 12, 15));
    CHECK(AddMonths(D(2024, 5, 20), 0) == D(2024, 5, 20));
  }
  SUBCASE("AddYears") {
    CHECK(AddYears(D(2024, 2, 29), 1) == D(2025, 2, 28));
    CHECK(AddYears(D(2024, 2, 29), 4) == D(2028, 2, 29));
    CHECK(AddYears(D(2015, 3, 1), 20) == D(2035, 3, 1));
    CHECK(AddYears(D(2024, 6, 15), -3) == D(2021, 6, 15));
  }
  SUBCASE("ordering") {
    CHECK(D(2024, 1, 31) < D(2024, 2, 1));
    CHECK(D(2023, 12, 31) < D(2024, 1, 1));
  }
}

TEST_CASE("values: ParseDate accepts every form") {
  SUBCASE("Arabic 年月日") {
    CHECK(IsoOf("2024年3月15日") == "2024-03-15");
    CHECK(IsoOf("2024年03月15日") == "2024-03-15");
    CHECK(IsoOf("2024年3月15") == "2024-03-15");  // OCR dropped the 日
    CHECK(IsoOf("2024年3月5号") == "2024-03-05");
  }
  SUBCASE("OCR spaces") {
    CHECK(IsoOf("2024 年 3 月 15 日") == "2024-03-15");
    CHECK(IsoOf("2 0 2 4 年 1 2 月 3 1 日") == "2024-12-31");
  }
  SUBCASE("full-width digits") {
    CHECK(IsoOf("２０２４年３月１５日") == "2024-03-15");
    CHECK(IsoOf("２０２４．０３．１５") == "2024-03-15");
  }
  SUBCASE("Chinese numerals") {
    CHECK(IsoOf("二〇二四年三月十五日") == "2024-03-15");
    CHECK(IsoOf("二○二四年三月十五日") == "2024-03-15");  // white circle
    CHECK(IsoOf("二零二四年十二月三十一日") == "2024-12-31");
    CHECK(IsoOf("二〇二五年十月二十日") == "2025-10-20");
    CHECK(IsoOf("二〇二五年一月十日") == "2025-01-10");
    CHECK(IsoOf("二〇二五年十一月二十九日") == "2025-11-29");
    CHECK(IsoOf("二〇二五年五月廿一日") == "2025-05-21");
    CHECK(IsoOf("二O二四年三月一日") == "2024-03-01");  // Latin O for 〇
    CHECK(IsoOf("二 〇 二 四 年 三 月 十 五 日") == "2024-03-15");
  }
  SUBCASE("dotted, dashed, slashed, compact") {
    CHECK(IsoOf("2024.03.15") == "2024-03-15");
    CHECK(IsoOf("2024.3.15") == "2024-03-15");
    CHECK(IsoOf("2024-3-15") == "2024-03-15");
    CHECK(IsoOf("2024-03-15") == "2024-03-15");
    CHECK(IsoOf("2024/3/15") == "2024-03-15");
    CHECK(IsoOf("2024/03/15") == "2024-03-15");
    CHECK(IsoOf("20240315") == "2024-03-15");
    CHECK(IsoOf("2024,03,15") == "2024-03-15");  // OCR comma for the dot
  }
  SUBCASE("noise and labels around the date") {
    CHECK(IsoOf("日期：2024年3月15日。") == "2024-03-15");
    CHECK(IsoOf("  落款日期 2024年3月15日  ") == "2024-03-15");
    CHECK(IsoOf("缴款日期：2024-03-15 14:30:21") == "2024-03-15");
    CHECK(IsoOf("签发日期:2O24.O3.15") == "2024-03-15");  // OCR letter O
    CHECK(IsoOf("(盖章)2024年3月15日") == "2024-03-15");
  }
}

TEST_CASE("values: ParseDate blanks, partial and impossible dates") {
  SUBCASE("blank placeholders are empty") {
    for (const char* blank : {"", "   ", "____年___月___日", "年 月 日", "    年  月  日",
                              "日期：   年  月  日", "二〇  年  月  日"}) {
      CAPTURE(blank);
      CHECK(ParseDate(blank).outcome == Outcome::kEmpty);
    }
  }
  SUBCASE("partial dates are invalid") {
    for (const char* partial :
         {"2024年 月 日", "2024年3月", "2024年3月 日", "  年3月15日", "2024.03", "24年3月15日"}) {
      CAPTURE(partial);
      const DateParse parsed = ParseDate(partial);
      CHECK(parsed.outcome == Outcome::kInvalid);
      CHECK(parsed.reason == "日期不完整");
    }
  }
  SUBCASE("dates that do not exist") {
    for (const char* impossible :
         {"2024年2月30日", "2023-02-29", "2024.13.01", "2024年4月31日", "二〇二三年二月二十九日"}) {
      CAPTURE(impossible);
      const DateParse parsed = ParseDate(impossible);
      CHECK(parsed.outcome == Outcome::kInvalid);
      CHECK(parsed.reason == "日期不存在");
    }
  }
  SUBCASE("digits that are no date") {
    const DateParse parsed = ParseDate("第123");
    CHECK(parsed.outcome == Outcome::kInvalid);
    CHECK(parsed.reason == "日期无法识别");
  }
  SUBCASE("Normalize(kDate)") {
    CHECK(Norm(ValueType::kDate, "日期：2024年3月15日。") == "2024-03-15");
    CHECK(Norm(ValueType::kDate, "____年___月___日") == "<empty>");
    CHECK(Norm(ValueType::kDate, "2024年 月 日") == "<invalid: 日期不完整>");
    CHECK(Norm(ValueType::kDate, "2024年2月30日") == "<invalid: 日期不存在>");
    const Normalized n = Normalize(ValueType::kDate, "2023-02-29");
    CHECK(n.value == "2023-02-29");
  }
}

TEST_CASE("values: ParseDateRange") {
  auto range = [](std::string_view raw) { return Norm(ValueType::kDateRange, raw); };

  SUBCASE("two dates") {
    CHECK(range("2024年1月1日至2026年12月31日") == "2024-01-01/2026-12-31");
    CHECK(range("2024.01.01-2026.12.31") == "2024-01-01/2026-12-31");
    CHECK(range("2020.08.10-2040.08.09") == "2020-08-10/2040-08-09");
    CHECK(range("自2025年6月15日起至2025年12月31日止") == "2025-06-15/2025-12-31");
    CHECK(range("有效期限 2015.03.01 - 2035.03.01") == "2015-03-01/2035-03-01");
    CHECK(range("2024.01.01一2026.12.31") == "2024-01-01/2026-12-31");  // 一 read for -
    CHECK(range("2024年1月1日一2026年12月31日") == "2024-01-01/2026-12-31");
    CHECK(range("2024/1/1~2024/12/31") == "2024-01-01/2024-12-31");
    CHECK(range("20150301-20350301") == "2015-03-01/2035-03-01");
    CHECK(range("2015.03.01 2035.03.01") == "2015-03-01/2035-03-01");  // OCR lost the dash
    CHECK(range("20150301 20350301") == "2015-03-01/2035-03-01");
  }
  SUBCASE("open-ended") {
    CHECK(range("2009年05月14日至长期") == "2009-05-14/长期");
    CHECK(range("2015.03.01-长期") == "2015-03-01/长期");
    const DateRangeParse parsed = ParseDateRange("2015.03.01-长期");
    CHECK(parsed.outcome == Outcome::kOk);
    CHECK(parsed.start == Date{2015, 3, 1});
    CHECK_FALSE(parsed.end.has_value());
  }
  SUBCASE("blank placeholders") {
    CHECK(range("") == "<empty>");
    CHECK(range("____年__月__日至____年__月__日") == "<empty>");
    CHECK(range("自 年 月 日起至 年 月 日止") == "<empty>");
  }
  SUBCASE("invalid ranges") {
    CHECK(range("2026年1月1日至2024年12月31日") == "<invalid: 终止日期早于起始日期>");
    CHECK(range("2024年1月1日至 年 月 日") == "<invalid: 缺少终止日期>");
    CHECK(range("2024年1月1日至2026年 月 日") == "<invalid: 终止日期不完整>");
    CHECK(range("2024年1月1日") == "<invalid: 缺少终止日期>");
    CHECK(range("____年__月__日至2026年12月31日") == "<invalid: 缺少起始日期>");
    CHECK(range("2024年2月30日至2026年12月31日") == "<invalid: 起始日期不存在>");
    CHECK(range("2024年1月1日至2026年2月29日") == "<invalid: 终止日期不存在>");
    CHECK(range("至长期") == "<invalid: 缺少起始日期>");
  }
}

TEST_CASE("values: USCC") {
  SUBCASE("organisation code (GB 11714)") {
    CHECK(OrgCodeValid("M000100Y4"));
    CHECK_FALSE(OrgCodeValid("M000100Y5"));
    CHECK_FALSE(OrgCodeValid("M000100Y"));
  }
  SUBCASE("one glyph too many is repaired only when both checks pass") {
    // 91120116MA0HM2P31N with an O read twice; the repair is held as one.
    Normalized n = Normalize(ValueType::kUscc, "91120116MA0OHM2P31N");
    CHECK(n.value == "91120116MA0HM2P31N");
    CHECK(n.repaired);
    CHECK(Norm(ValueType::kUscc, "911720118MAOWRPD20R") == "91120118MA0WRPD20R");
    // Nineteen characters no deletion makes valid stay invalid.
    CHECK(Normalize(ValueType::kUscc, "9112011MA0HM2P31N77").outcome == Outcome::kInvalid);
    CHECK_FALSE(Normalize(ValueType::kUscc, "91120116MA0HM2P31N").repaired);
  }
  SUBCASE("check character vectors") {
    for (const char* valid :
         {"91350100M000100Y43", "91120110MA6C6JGN3R", "911201163409833307", "91110000100006485K",
          "91120116MA05K12343", "92120104MA06ABCDET", "91110108551385082Q", "12100000400000624D"}) {
      CAPTURE(valid);
      CHECK(UsccValid(valid));
      CHECK(UsccCheckChar(std::string_view(valid).substr(0, 17)) == valid[17]);
    }
    for (const char* invalid :
         {"91350100M000100Y44", "91120110MA6C6JGN3A", "91120110MA6C6JGM3R", "91350100M0001TGQXM",
          "91350100M000100Y4", "91350100M000100Y433", "91350100M000100Y4O", ""}) {
      CAPTURE(invalid);
      CHECK_FALSE(UsccValid(invalid));
    }
    CHECK(UsccCheckChar("9135010OM000100Y4") == '\0');  // O is not in the charset
    CHECK(UsccCheckChar("9135") == '\0');
  }
  SUBCASE("Normalize folds, upper-cases and fixes O/I") {
    CHECK(Norm(ValueType::kUscc, "91120110MA6C6JGN3R") == "91120110MA6C6JGN3R");
    CHECK(Norm(ValueType::kUscc, "9112 0110 MA6C 6JGN 3R") == "91120110MA6C6JGN3R");
    CHECK(Norm(ValueType::kUscc, "91120110ma6c6jgn3r") == "91120110MA6C6JGN3R");
    CHECK(Norm(ValueType::kUscc, "９１１２０１１０ＭＡ６Ｃ６ＪＧＮ３Ｒ") == "91120110MA6C6JGN3R");
    CHECK(Norm(ValueType::kUscc, "9112011OMA6C6JGN3R") == "91120110MA6C6JGN3R");
    CHECK(Norm(ValueType::kUscc, "9I350100M000100Y43") == "91350100M000100Y43");
    CHECK(Norm(ValueType::kUscc, "统一社会信用代码：91350100M000100Y43。") == "91350100M000100Y43");
  }
  SUBCASE("Normalize reports what is wrong") {
    const Normalized bad_check = Normalize(ValueType::kUscc, "91350100M000100Y44");
    CHECK(bad_check.outcome == Outcome::kInvalid);
    CHECK(bad_check.reason == "校验码错误");
    CHECK(bad_check.value == "91350100M000100Y44");
    CHECK(Norm(ValueType::kUscc, "91350100M0001TGQXM") == "<invalid: 校验码错误>");
    CHECK(Norm(ValueType::kUscc, "91350100M000100Y4") == "<invalid: 长度应为18位>");
    CHECK(Norm(ValueType::kUscc, "91350100M000100Y4321") == "<invalid: 长度应为18位>");
    CHECK(Norm(ValueType::kUscc, "91350100M000100YS3") == "<invalid: 含有无效字符>");
    CHECK(Norm(ValueType::kUscc, "") == "<empty>");
    CHECK(Norm(ValueType::kUscc, "____________") == "<empty>");
  }
}

TEST_CASE("values: ID numbers") {
  SUBCASE("check digit vectors") {
    for (const char* valid : {"11010519491231002X", "440524188001010014", "12011119800625238X",
                              "210102199206078910", "120101200002291231", "11010519491231002x"}) {
      CAPTURE(valid);
      CHECK(Id18Valid(valid));
    }
    CHECK(Id18CheckChar("11010519491231002") == 'X');
    CHECK(Id18CheckChar("44052418800101001") == '4');
    CHECK(Id18CheckChar("4405241880010100A") == '\0');
    for (const char* invalid :
         {"110105194912310021", "440524188001010015", "210102199206078911", "120101198002301233",
          "120101179912310012", "44052418800101001", "4405241880010100144"}) {
      CAPTURE(invalid);
      CHECK_FALSE(Id18Valid(invalid));
    }
  }
  SUBCASE("birth date") {
    CHECK(Id18BirthDate("440524188001010014") == Date{1880, 1, 1});
    CHECK(Id18BirthDate("11010519491231002X") == Date{1949, 12, 31});
    CHECK_FALSE(Id18BirthDate("120101198002301233").has_value());  // 30 February
    CHECK_FALSE(Id18BirthDate("120101179912310012").has_value());  // before 1850
  }
  SUBCASE("Normalize") {
    CHECK(Norm(ValueType::kId18, "11010519491231002x") == "11010519491231002X");
    CHECK(Norm(ValueType::kId18, "公民身份号码 1101 0519 4912 3100 2X") == "11010519491231002X");
    CHECK(Norm(ValueType::kId18, "４４０５２４１８８００１０１００１４") == "440524188001010014");
    CHECK(Norm(ValueType::kId18, "110105194912310021") == "<invalid: 校验码错误>");
    CHECK(Norm(ValueType::kId18, "120101198002301233") == "<invalid: 出生日期无效>");
    CHECK(Norm(ValueType::kId18, "110105491231002") == "<invalid: 长度应为18位>");
    CHECK(Norm(ValueType::kId18, "1101051949X231002X") == "<invalid: 含有无效字符>");
    CHECK(Norm(ValueType::kId18, "") == "<empty>");
    CHECK(Norm(ValueType::kId18, "身份证号：") == "<empty>");
  }
}

TEST_CASE("values: decision numbers") {
  auto canon = [](std::string_view raw) { return CanonicalDocNo(raw).value_or("<none>"); };

  SUBCASE("brackets are unified") {
    CHECK(canon("津市监罚〔2024〕12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚[2024]12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚［2024］12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚（2024）12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚(2024)12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚【2024】12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚〈2024〉12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚[2024)12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚〔2024 ]12号") == "津市监罚〔2024〕12号");
  }
  SUBCASE("第, leading zeros and spaces are dropped") {
    CHECK(canon("苏市监罚[2024]第018号") == "苏市监罚〔2024〕18号");
    CHECK(canon("苏市监罚〔2024〕第118号") == "苏市监罚〔2024〕118号");
    CHECK(canon("网信罚〔2024〕003号") == "网信罚〔2024〕3号");
    CHECK(canon("津东丽市监严列 〔 2024 〕 59 号") == "津东丽市监严列〔2024〕59号");
    CHECK(canon("津 市 监 罚 〔２０２４〕 第 ０１２ 号") == "津市监罚〔2024〕12号");
    CHECK(canon("国市监处罚〔2024〕0号") == "国市监处罚〔2024〕0号");
  }
  SUBCASE("prefixes") {
    CHECK(canon("（杭临）市监处罚〔2024〕131号") == "（杭临）市监处罚〔2024〕131号");
    CHECK(canon("(杭临)市监处罚[2024]131号") == "（杭临）市监处罚〔2024〕131号");
    CHECK(canon("临市监罚字〔2025〕1号") == "临市监罚字〔2025〕1号");
    CHECK(canon("津市场监管青竞罚〔2018〕17号") == "津市场监管青竞罚〔2018〕17号");
    CHECK(canon("文号：津市监罚〔2024〕128号。") == "津市监罚〔2024〕128号");
    CHECK(canon("行政处罚决定书津市监罚〔2024〕128号") == "津市监罚〔2024〕128号");
    CHECK(canon("津市监罚〔2O24〕l28号") == "津市监罚〔2024〕128号");  // OCR O and l
  }
  SUBCASE("one bracket lost by OCR") {
    CHECK(canon("津市监罚2024〕12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚〔2024第12号") == "津市监罚〔2024〕12号");
    CHECK(canon("津市监罚2024第12号") == "<none>");
  }
  SUBCASE("a closing bracket read as a Latin letter") {
    CHECK(canon("津南开应急罚【2024j 135号") == "津南开应急罚〔2024〕135号");
    CHECK(canon("津市监罚2024j12号") == "<none>");
    CHECK(canon("津南开市监严违【2024]j 44号") == "津南开市监严违〔2024〕44号");
    CHECK(canon("津市监罚〔2024〕l28号") == "津市监罚〔2024〕128号");
  }
  SUBCASE("no decision number") {
    CHECK(canon("津东丽市监罚59号") == "<none>");
    CHECK(canon("津市监罚2024 12号") == "<none>");
    CHECK(canon("津市监罚〔2024〕59") == "<none>");
    CHECK(canon("〔2024〕59号") == "<none>");
    CHECK(canon("津市监罚〔24〕59号") == "<none>");
    CHECK(canon("津市监罚〔2024〕123456号") == "<none>");
    CHECK(canon("") == "<none>");
  }
  SUBCASE("Normalize(kDocNo)") {
    CHECK(Norm(ValueType::kDocNo, "津东丽市监严列 〔 2024 〕 59 号") ==
          "津东丽市监严列〔2024〕59号");
    CHECK(Norm(ValueType::kDocNo, "津东丽市监罚59号") == "<invalid: 缺少年份>");
    // Without its closing 号 the number is kept, as a guess (Normalized::repaired).
    CHECK(Norm(ValueType::kDocNo, "津市监罚〔2024〕59") == "津市监罚〔2024〕59号");
    CHECK(Norm(ValueType::kDocNo, "津市监罚〔2024〕") == "<invalid: 文号格式不正确>");
    CHECK(Norm(ValueType::kDocNo, "") == "<empty>");
    CHECK(Norm(ValueType::kDocNo, "安监罚当〔  〕  号") == "<empty>");
    // A closing bracket read as 1: a guess, kept below every reliable confidence.
    CHECK(Norm(ValueType::kDocNo, "(津河西)应急罚[20241375号") == "（津河西）应急罚〔2024〕375号");
    CHECK(precheck::values::Normalize(ValueType::kDocNo, "津武清市监罚[20241266号").repaired);
    // With its closing bracket there, a 1 after the year is the number's.
    CHECK(Norm(ValueType::kDocNo, "津武清市监罚[2024]1266号") == "津武清市监罚〔2024〕1266号");
    CHECK(Norm(ValueType::kDocNo, "津武清市监罚[20241266]号") == "<invalid: 文号格式不正确>");
  }
}

TEST_CASE("values: amounts") {
  auto amount = [](std::string_view raw) { return Norm(ValueType::kAmount, raw); };

  SUBCASE("小写") {
    CHECK(amount("600") == "600.00");
    CHECK(amount("600.00") == "600.00");
    CHECK(amount("¥200000.00") == "200000.00");
    CHECK(amount("￥12,000.00") == "12000.00");
    CHECK(amount("￥12，000.00") == "12000.00");
    CHECK(amount("罚款600元整") == "600.00");
    CHECK(amount("2万元") == "20000.00");
    CHECK(amount("1.5万元") == "15000.00");
    CHECK(amount("36万元") == "360000.00");
    CHECK(amount("2万5千元") == "25000.00");
    CHECK(amount("1.2亿元") == "120000000.00");
    CHECK(amount("1 200.5 元") == "1200.50");
    CHECK(amount("０.００") == "0.00");
    CHECK(amount("共计600元。") == "600.00");
  }
  SUBCASE("大写") {
    CHECK(amount("人民币壹仟万元整") == "10000000.00");
    CHECK(amount("贰拾万元整") == "200000.00");
    CHECK(amount("壹万贰仟元整") == "12000.00");
    CHECK(amount("叁仟伍佰元伍角") == "3500.50");
    CHECK(amount("人民币参佰万元整") == "3000000.00");  // 参, the everyday form of 叁
    CHECK(amount("壹佰零伍元") == "105.00");
    CHECK(amount("壹万零伍拾元整") == "10050.00");
    CHECK(amount("贰仟零壹拾元零伍分") == "2010.05");
    CHECK(amount("陆佰元正") == "600.00");
    CHECK(amount("拾万元整") == "100000.00");
    CHECK(amount("壹亿贰仟万元整") == "120000000.00");
  }
  SUBCASE("the figure marked as money wins over other numbers") {
    CHECK(ParseAmount("第2笔 罚款600元") == doctest::Approx(600));
    CHECK(ParseAmount("依据第五条，罚款贰仟元") == doctest::Approx(2000));
    CHECK(ParseAmount("¥600.00（大写：陆佰元整）") == doctest::Approx(600));
    CHECK(ParseUpperAmount("¥600.00（大写：陆佰元整）") == doctest::Approx(600));
    CHECK_FALSE(ParseUpperAmount("¥600.00").has_value());
    CHECK_FALSE(ParseAmount("部分").has_value());
    CHECK(ParseAmount("2024年3月15日缴纳罚款600元") == doctest::Approx(600));
    CHECK_FALSE(ParseAmount("2024年").has_value());
  }
  SUBCASE("a Chinese amount broken by a misread character is unreadable, not its first part") {
    CHECK_FALSE(ParseAmount("人民币壹什万元整").has_value());  // 什 read for 仟
    CHECK_FALSE(ParseUpperAmount("抽万寺什元整").has_value());
    CHECK(ParseAmount("人民币壹什万元整（¥10,000,000.00）") == doctest::Approx(10000000));
    CHECK(ParseAmount("于二〇二四年三月缴纳罚款贰万元整") == doctest::Approx(20000));
    CHECK(ParseAmount("罚款贰万元已缴清") == doctest::Approx(20000));
    CHECK(ParseUpperAmount("和贰拾万元整") == doctest::Approx(200000));
  }
  SUBCASE("FormatAmount") {
    CHECK(FormatAmount(600) == "600.00");
    CHECK(FormatAmount(3500.5) == "3500.50");
    CHECK(FormatAmount(0.1 + 0.2) == "0.30");
    CHECK(FormatAmount(-0.001) == "0.00");
  }
  SUBCASE("blank and invalid") {
    CHECK(amount("") == "<empty>");
    CHECK(amount("____元") == "<empty>");
    CHECK(amount("人民币（大写）     元整") == "<empty>");
    CHECK(amount("600.00.00") == "<invalid: 金额格式不正确>");
  }
}

TEST_CASE("values: phones") {
  auto phone = [](std::string_view raw) { return Norm(ValueType::kPhone, raw); };

  SUBCASE("mobile") {
    CHECK(phone("13812345678") == "13812345678");
    CHECK(phone("138 1234 5678") == "13812345678");
    CHECK(phone("１３８１２３４５６７８") == "13812345678");
    CHECK(phone("电话：13812345678。") == "13812345678");
    CHECK(phone("+86 138-1234-5678") == "13812345678");
  }
  SUBCASE("landline") {
    CHECK(phone("022-87040659") == "022-87040659");
    CHECK(phone("02287040659") == "022-87040659");
    CHECK(phone("022 8704 0659") == "022-87040659");
    CHECK(phone("(022)87040659") == "022-87040659");
    CHECK(phone("（022）87040659") == "022-87040659");
    CHECK(phone("010-12345678") == "010-12345678");
    CHECK(phone("07551234567") == "0755-1234567");
    CHECK(phone("0755-12345678") == "0755-12345678");
    CHECK(phone("022-8704-0659") == "022-87040659");
    CHECK(phone("022-87040659-123") == "022-87040659-123");
    CHECK(phone("022-87040659 13812345678") == "022-87040659");
  }
  SUBCASE("invalid and empty") {
    CHECK(phone("12812345678") == "<invalid: 电话号码格式不正确>");
    CHECK(phone("1381234567") == "<invalid: 电话号码格式不正确>");
    CHECK(phone("87040659") == "<invalid: 电话号码格式不正确>");
    CHECK(phone("0755-123456") == "<invalid: 电话号码格式不正确>");
    CHECK(phone("022-123456789") == "<invalid: 电话号码格式不正确>");
    CHECK(phone("") == "<empty>");
    CHECK(phone("联系电话：____") == "<empty>");
    CHECK_FALSE(NormalizePhone("abc").has_value());
  }
}

TEST_CASE("values: names") {
  SUBCASE("NormalizeName") {
    CHECK(NormalizeName("天津某某（集团）有限公司") == "天津某某（集团）有限公司");
    CHECK(NormalizeName("天津某某(集团)有限公司") == "天津某某（集团）有限公司");
    CHECK(NormalizeName("天 津 某 某 [集团] 有 限 公 司") == "天津某某（集团）有限公司");
    CHECK(NormalizeName("ＡＢＣ科技（天津）有限公司") == "ABC科技（天津）有限公司");
    CHECK(NormalizeName("阿依古丽•买买提") == "阿依古丽·买买提");
  }
  SUBCASE("Normalize(kCompany) and (kPerson)") {
    CHECK(Norm(ValueType::kCompany, "名称：天津某某(集团)有限公司") == "天津某某（集团）有限公司");
    CHECK(Norm(ValueType::kCompany, "  ____  ") == "<empty>");
    CHECK(Norm(ValueType::kCompany, "") == "<empty>");
    // OCR's readings of （）: a name holds no 《》 or 〈〉, and a bracket read twice is one.
    CHECK(Norm(ValueType::kCompany, "瑞丰《〈天津)家具有限公司") == "瑞丰（天津）家具有限公司");
    CHECK(Norm(ValueType::kCompany, "德润〈天津）餐饮管理有限公司") ==
          "德润（天津）餐饮管理有限公司");
    // The lost opening bracket of a region is put back; nothing else is.
    CHECK(Norm(ValueType::kCompany, "德润天津）餐饮管理有限公司") ==
          "德润（天津）餐饮管理有限公司");
    CHECK(Norm(ValueType::kCompany, "德润某地）餐饮管理有限公司") == "德润某地）餐饮管理有限公司");
    CHECK(Norm(ValueType::kCompany, "天津）餐饮管理有限公司") == "天津）餐饮管理有限公司");
    CHECK(Norm(ValueType::kPerson, "李天津）") == "李天津）");
    CHECK(Norm(ValueType::kPerson, "张 三") == "张三");
    CHECK(Norm(ValueType::kPerson, "法定代表人：李四") == "李四");
    CHECK(Norm(ValueType::kPerson, "欧阳娜娜") == "欧阳娜娜");
    CHECK(Norm(ValueType::kPerson, "Zhang San") == "ZhangSan");  // lenient: still ok
    CHECK(Norm(ValueType::kPerson, "阿依古丽·买买提") == "阿依古丽·买买提");
    CHECK(Norm(ValueType::kPerson, "韩平亮“”") == "韩平亮");
    CHECK(Norm(ValueType::kPerson, "号份证复印件") == "<invalid: 不是姓名>");
    CHECK(Norm(ValueType::kPerson, "（签字）") == "<invalid: 不是姓名>");
  }
}

TEST_CASE("values: free text, address, year, check") {
  SUBCASE("kText and kAddr") {
    CHECK(Norm(ValueType::kAddr, "  天津市 河西区 友谊路 1 号  ") == "天津市河西区友谊路1号");
    CHECK(Norm(ValueType::kText, "天津市市场监督管理局") == "天津市市场监督管理局");
    CHECK(Norm(ValueType::kText, "Room 201, Tower A") == "Room 201, Tower A");
    CHECK(Norm(ValueType::kAddr, "天津 ABC 大厦 Tower A 座") == "天津ABC大厦Tower A座");
    CHECK(Norm(ValueType::kAddr, "友谊路１２号") == "友谊路12号");
    CHECK(Norm(ValueType::kText, "") == "<empty>");
    CHECK(Norm(ValueType::kText, "________") == "<empty>");
    CHECK(Norm(ValueType::kText, " … ") == "<empty>");
    CHECK(Norm(ValueType::kText, "/") == "<empty>");
    CHECK(Norm(ValueType::kText, "无") == "无");
    // Title marks around a law's name stay; a mark pairing with a bracket was a bracket.
    CHECK(Norm(ValueType::kText, "未按照《企业信息公示暂行条例》第八条") ==
          "未按照《企业信息公示暂行条例》第八条");
    CHECK(Norm(ValueType::kText, "有限责任公司《法人独资）") == "有限责任公司（法人独资）");
    // A Tianjin district one glyph off is that district; anything else stays as read.
    CHECK(Norm(ValueType::kText, "天津市葡州区市场监督管理局") == "天津市蓟州区市场监督管理局");
    CHECK(Norm(ValueType::kText, "中国工商银行天津宝婚支行") == "中国工商银行天津宝坻支行");
    CHECK(Norm(ValueType::kAddr, "天津市滨海新区塘沽街道") == "天津市滨海新区塘沽街道");
    CHECK(Norm(ValueType::kAddr, "天津市深海新区塘沽街道") == "天津市滨海新区塘沽街道");
    CHECK(Norm(ValueType::kText, "天津市河南区市场监督管理局") == "天津市河南区市场监督管理局");
    CHECK(Norm(ValueType::kText, "天津市公州区市场监督管理局") == "天津市蓟州区市场监督管理局");
    CHECK(Norm(ValueType::kText, "天津市和平路") == "天津市和平路");
    CHECK(Norm(ValueType::kText, "天津瘟河北区市场监督管理局") == "天津市河北区市场监督管理局");
    CHECK(Norm(ValueType::kText, "天津滨海新区") == "天津滨海新区");
    CHECK(Norm(ValueType::kText, "北京市葡州区") == "北京市葡州区");
    CHECK(Norm(ValueType::kCompany, "天津市宝低区某某有限公司") == "天津市宝坻区某某有限公司");
  }
  SUBCASE("kYear") {
    CHECK(Norm(ValueType::kYear, "2024") == "2024");
    CHECK(Norm(ValueType::kYear, "2024年") == "2024");
    CHECK(Norm(ValueType::kYear, "2024年度") == "2024");
    CHECK(Norm(ValueType::kYear, "２０２４ 年度") == "2024");
    CHECK(Norm(ValueType::kYear, "二〇二四年度") == "2024");
    CHECK(Norm(ValueType::kYear, "____年度") == "<empty>");
    CHECK(Norm(ValueType::kYear, "24年") == "<invalid: 年份格式不正确>");
  }
  SUBCASE("kCheck") {
    CHECK(Norm(ValueType::kCheck, "  一般失信  ") == "一般失信");
    CHECK(Norm(ValueType::kCheck, "") == "<empty>");
  }
}

TEST_CASE("values: hostile input does not throw") {
  std::string junk;
  for (int i = 0; i < 256; ++i) junk.push_back(static_cast<char>(i));
  junk += "〔〔〔2024〕〕号年月日万亿元角分十十十二〇〇";
  for (const char* name : {"text", "company", "person", "uscc", "id18", "date", "daterange",
                           "amount", "docno", "phone", "addr", "check", "year"}) {
    CAPTURE(name);
    CHECK_NOTHROW(Normalize(*ParseValueType(name), junk));
    CHECK_NOTHROW(Normalize(*ParseValueType(name), std::string(5000, '9')));
  }
}

TEST_CASE("values: dates with OCR look-alikes of 月 and 日") {
  using namespace precheck::values;
  CHECK(ParseDate("2023年10月26晶").date.Iso() == "2023-10-26");
  CHECK(ParseDate("2024年12月5目").outcome == Outcome::kOk);
  // 序 (like 用 and 有) may have swallowed the digit after 月: a scan of 5月28日 read so.
  CHECK(ParseDate("2025年5序8日").outcome == Outcome::kInvalid);
  CHECK(ParseDate("2024年3月").outcome == Outcome::kInvalid);
}

TEST_CASE("values: brackets around Chinese free text become full-width") {
  using namespace precheck::values;
  CHECK(Normalize(ValueType::kText, "有限责任公司〈法人独资)").value == "有限责任公司（法人独资）");
  CHECK(Normalize(ValueType::kText, "Room (A)").value == "Room (A)");
}

TEST_CASE("values: a USCC letter O is read back as 0, Q or D by its check character") {
  using namespace precheck::values;
  // 91120110MA0LTQUF99 is valid; OCR read both its 0 and its Q as O.
  REQUIRE(UsccValid("91120110MA0LTQUF99"));
  CHECK(Normalize(ValueType::kUscc, "91120110MAOLTOUF99").value == "91120110MA0LTQUF99");
  CHECK(Normalize(ValueType::kUscc, "91120104MAOXXL274F").value == "91120104MA0XXL274F");
  // A wrong check character stays wrong.
  CHECK(Normalize(ValueType::kUscc, "91120104MA0XXL274G").outcome == Outcome::kInvalid);
}

TEST_CASE("values: a stray character beside an identifier is dropped by the check") {
  using namespace precheck::values;
  CHECK(Normalize(ValueType::kUscc, "2 91120110MA6C6JGN3R").value == "91120110MA6C6JGN3R");
  CHECK(Normalize(ValueType::kId18, "7 11010519491231002X").value == "11010519491231002X");
  CHECK(Normalize(ValueType::kUscc, "2 91120110MA6C6JGN3Q").outcome == Outcome::kInvalid);
}

TEST_CASE("values: an ID number ending in a letter other than X has a wrong check character") {
  using namespace precheck::values;
  Normalized n = Normalize(ValueType::kId18, "11010519491231002Y");
  CHECK(n.outcome == Outcome::kInvalid);
  CHECK(n.reason == "校验码错误");
}

TEST_CASE("values: a speck after 年 or 月 is not part of a date") {
  using namespace precheck::values;
  CHECK(ParseDate("1981年8月.6日").date.Iso() == "1981-08-06");
  CHECK(ParseDate("2024年,3月15日").date.Iso() == "2024-03-15");
}

TEST_CASE("values: a bracket read as 《 or read twice") {
  using namespace precheck::values;
  CHECK(Normalize(ValueType::kText, "有限责任公司《（自然人独资）").value ==
        "有限责任公司（自然人独资）");
}

TEST_CASE("values: a decision number without a year, and a doubled bracket") {
  using namespace precheck::values;
  Normalized n = Normalize(ValueType::kDocNo, "(津宁河)应急罚343号");
  CHECK(n.outcome == Outcome::kInvalid);
  CHECK(n.reason == "缺少年份");
  CHECK(Normalize(ValueType::kDocNo, "津武清市监罚【2024]7]号").reason == "文号格式不正确");
  CHECK(CanonicalDocNo("津红桥环罚字【2025]】391号").value_or("") == "津红桥环罚字〔2025〕391号");
}

TEST_CASE("values: thousands separators read as points") {
  using namespace precheck::values;
  CHECK(Normalize(ValueType::kAmount, "20.000.00").value == "20000.00");
  CHECK(Normalize(ValueType::kAmount, "1.234.567.00").value == "1234567.00");
  CHECK(Normalize(ValueType::kAmount, "2.5.00").outcome == Outcome::kInvalid);
}

TEST_CASE("values: 大写 and 小写 of one amount agree") {
  CHECK(AmountWordsMatch("壹万贰仟元整", 12000) == true);
  CHECK(AmountWordsMatch("人民币壹万贰仟元整", 12000.00) == true);
  CHECK(AmountWordsMatch("叁仟伍佰元伍角", 3500.5) == true);
  CHECK(AmountWordsMatch("壹万零伍拾元整", 10050) == true);
  CHECK(AmountWordsMatch("壹万贰仟元整", 13000) == false);
  CHECK(AmountWordsMatch("贰万元整", 12000) == false);
  CHECK(AmountWordsMatch("叁仟伍佰元伍角", 3500) == false);
  CHECK_FALSE(AmountWordsMatch("12000", 12000).has_value());
  CHECK_FALSE(AmountWordsMatch("", 12000).has_value());
}

TEST_CASE("values: ID card validity spans follow the holder's age") {
  SUBCASE("YearsBetween counts whole years") {
    CHECK(YearsBetween(D(1990, 6, 15), D(2025, 6, 14)) == 34);
    CHECK(YearsBetween(D(1990, 6, 15), D(2025, 6, 15)) == 35);
    CHECK(YearsBetween(D(2000, 2, 29), D(2016, 2, 28)) == 15);
    CHECK(YearsBetween(D(2025, 1, 1), D(2024, 1, 1)) == -1);
  }
  SUBCASE("the length for each age") {
    CHECK(CheckIdValiditySpan(D(2012, 5, 1), D(2020, 3, 1), D(2025, 3, 1)) ==
          IdValiditySpan::kOk);  // 7 at issue: 5 years
    CHECK(CheckIdValiditySpan(D(1995, 5, 1), D(2015, 3, 1), D(2025, 3, 1)) ==
          IdValiditySpan::kOk);  // 19: 10 years
    CHECK(CheckIdValiditySpan(D(1985, 5, 1), D(2015, 3, 1), D(2035, 3, 1)) ==
          IdValiditySpan::kOk);  // 29: 20 years
    CHECK(CheckIdValiditySpan(D(1960, 5, 1), D(2015, 3, 1), std::nullopt) ==
          IdValiditySpan::kOk);  // 54: 长期
  }
  SUBCASE("the age boundaries 16, 26 and 46 count on the issue date") {
    CHECK(CheckIdValiditySpan(D(1999, 3, 1), D(2015, 3, 1), D(2025, 3, 1)) ==
          IdValiditySpan::kOk);  // 16 that day: 10 years
    CHECK(CheckIdValiditySpan(D(1999, 3, 2), D(2015, 3, 1), D(2020, 3, 1)) ==
          IdValiditySpan::kOk);  // still 15: 5 years
    CHECK(CheckIdValiditySpan(D(1989, 3, 1), D(2015, 3, 1), D(2035, 3, 1)) ==
          IdValiditySpan::kOk);  // 26: 20 years
    CHECK(CheckIdValiditySpan(D(1969, 3, 1), D(2015, 3, 1), std::nullopt) ==
          IdValiditySpan::kOk);  // 46: 长期
    CHECK(CheckIdValiditySpan(D(1969, 3, 2), D(2015, 3, 1), std::nullopt) ==
          IdValiditySpan::kLongTermTooYoung);  // 45
  }
  SUBCASE("spans that do not fit") {
    CHECK(CheckIdValiditySpan(D(1985, 5, 1), D(2015, 3, 1), D(2025, 3, 1)) ==
          IdValiditySpan::kWrongLength);  // 29 with a 10-year card
    CHECK(CheckIdValiditySpan(D(1985, 5, 1), D(2015, 3, 1), D(2035, 3, 2)) ==
          IdValiditySpan::kNotAnniversary);
    CHECK(CheckIdValiditySpan(D(1985, 5, 1), D(2015, 3, 1), D(2014, 3, 1)) ==
          IdValiditySpan::kEndsBeforeStart);
    CHECK(CheckIdValiditySpan(D(1960, 5, 1), D(2015, 3, 1), D(2035, 3, 1)) ==
          IdValiditySpan::kWrongLength);  // 54 is 长期, not 20 years
  }
  SUBCASE("a card issued on 29 February ends on 28 February") {
    CHECK(CheckIdValiditySpan(D(1990, 1, 1), D(2016, 2, 29), D(2036, 2, 29)) ==
          IdValiditySpan::kOk);
    CHECK(CheckIdValiditySpan(D(1998, 1, 1), D(2016, 2, 29), D(2026, 2, 28)) ==
          IdValiditySpan::kOk);
  }
}

TEST_CASE("values: the birth date inside an ID number") {
  CHECK(Id18BirthMatches("11010519491231002X", D(1949, 12, 31)));
  CHECK(Id18BirthMatches("440524188001010014", D(1880, 1, 1)));
  CHECK_FALSE(Id18BirthMatches("11010519491231002X", D(1949, 12, 30)));
  CHECK_FALSE(Id18BirthMatches("1101051949", D(1949, 12, 31)));
}

TEST_CASE("values: the Tianjin district a name places itself in") {
  CHECK(TianjinDistrict("天津市南开区市场监督管理局") == "南开区");
  CHECK(TianjinDistrict("天津市滨海新区应急管理局") == "滨海新区");
  SUBCASE("a district one glyph off and a misread 市 are repaired first") {
    CHECK(TianjinDistrict("天津市葡州区市场监督管理局") == "蓟州区");
    CHECK(TianjinDistrict("天津刘南开区行政审批局") == "南开区");
  }
  SUBCASE("two glyphs off is no district, never another one") {
    CHECK(TianjinDistrict("天津市河开区市场监督管理局") == "");
  }
  SUBCASE("names without a Tianjin district") {
    CHECK(TianjinDistrict("天津鸿运物流股份有限公司") == "");
    CHECK(TianjinDistrict("北京市海淀区市场监督管理局") == "");
    CHECK(TianjinDistrict("") == "");
  }
}

TEST_CASE("values: an amount whose numeral was lost is no amount; digits beside a name go") {
  using precheck::values::Normalize;
  using precheck::values::Outcome;
  using precheck::values::ValueType;
  // 贰 misread as 融: 融佰万元 is not 佰万元 (one million); it is unreadable.
  CHECK(Normalize(ValueType::kAmount, "人民币融佰万元整").outcome != Outcome::kOk);
  CHECK(Normalize(ValueType::kAmount, "人民币贰佰万元整").value == "2000000.00");
  CHECK(Normalize(ValueType::kAmount, "拾万元整").value == "100000.00");
  CHECK(Normalize(ValueType::kPerson, "44范国宏").value == "范国宏");
  CHECK(Normalize(ValueType::kPerson, "张三1").value == "张三");
}

TEST_CASE("values: free text takes full-width punctuation between Chinese; edge bars go") {
  using precheck::values::Normalize;
  using precheck::values::ValueType;
  CHECK(
      Normalize(ValueType::kText, "本单位已补报2023年度报告并公示,申请移出经营异常名录。").value ==
      "本单位已补报2023年度报告并公示，申请移出经营异常名录。");
  CHECK(Normalize(ValueType::kText, "罚款1,000元").value == "罚款1,000元");
  CHECK(Normalize(ValueType::kCompany, "星河（天津）机械设备有限公司|").value ==
        "星河（天津）机械设备有限公司");
}

TEST_CASE("values: a decision number that lost its closing 号 is read as a guess") {
  using precheck::values::Normalize;
  using precheck::values::ValueType;
  precheck::values::Normalized n = Normalize(ValueType::kDocNo, "津武清市监异[2025]276");
  CHECK(n.value == "津武清市监异〔2025〕276号");
  CHECK(n.repaired);
  CHECK_FALSE(Normalize(ValueType::kDocNo, "津武清市监异〔2025〕276号").repaired);
}

TEST_CASE("values: a Chinese-numeral year that lost its first 二 is put right") {
  using precheck::values::Normalize;
  using precheck::values::ValueType;
  precheck::values::Normalized n = Normalize(ValueType::kDate, "〇二四年三月十八日");
  CHECK(n.value == "2024-03-18");
  CHECK_FALSE(n.repaired);  // a lost 二 has one completion
  n = Normalize(ValueType::kDate, "〇〇二三年五月一日");
  CHECK(n.value == "2023-05-01");
  CHECK(n.repaired);  // a numeral read is overruled: a guess
  CHECK_FALSE(Normalize(ValueType::kDate, "二〇二四年三月十八日").repaired);
}

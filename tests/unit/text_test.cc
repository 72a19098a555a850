// Specification of the text utilities: UTF-8 round trips, width folding, space removal and
// the fuzzy comparisons used to find labels in noisy OCR lines.

#include "util/text.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace precheck::text;

TEST_CASE("text: UTF-8 conversion") {
  SUBCASE("round trip of mixed text") {
    const std::string mixed = "统一社会信用代码：91120110MA6C6JGN3R 〇 𠀀";
    const std::u32string points = ToU32(mixed);
    CHECK(points.size() == 31);
    CHECK(points[0] == U'统');
    CHECK(ToUtf8(points) == mixed);
  }
  SUBCASE("invalid bytes become U+FFFD") {
    CHECK(ToU32("a\xFF"
                "b") == U"a\uFFFDb");
    CHECK(ToU32("\xE4\xB8") == U"\uFFFD\uFFFD");            // truncated 3-byte sequence
    CHECK(ToU32("\xC0\xAF") == U"\uFFFD\uFFFD");            // overlong '/'
    CHECK(ToU32("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");  // surrogate
    CHECK(ToU32("\xE4"
                "a") == U"\uFFFDa");
  }
  SUBCASE("empty") {
    CHECK(ToU32("").empty());
    CHECK(ToUtf8(U"").empty());
  }
}

TEST_CASE("text: IsHan") {
  CHECK(IsHan(U'津'));
  CHECK(IsHan(U'〇'));
  CHECK(IsHan(U'㐀'));  // extension A
  CHECK(IsHan(U'豈'));  // compatibility ideograph
  CHECK_FALSE(IsHan(U'A'));
  CHECK_FALSE(IsHan(U'〔'));
  CHECK_FALSE(IsHan(U'（'));
  CHECK_FALSE(IsHan(U'○'));  // white circle, a look-alike of 〇
}

TEST_CASE("text: FoldWidth") {
  SUBCASE("full-width letters, digits and punctuation become ASCII") {
    CHECK(FoldWidth("２０２４年３月１５日") == "2024年3月15日");
    CHECK(FoldWidth("ＡＢＣａｂｃ：，") == "ABCabc:,");
    CHECK(FoldWidth("a\u3000b") == "a b");
  }
  SUBCASE("brackets stay full-width unless asked") {
    CHECK(FoldWidth("天津（集团）［1］") == "天津（集团）［1］");
    CHECK(FoldWidth("天津（集团）［1］", true) == "天津(集团)[1]");
  }
  SUBCASE("CJK punctuation is left alone") { CHECK(FoldWidth("〔2024〕。、") == "〔2024〕。、"); }
}

TEST_CASE("text: RemoveSpaces") {
  CHECK(RemoveSpaces("2024 年 3 月\t15 日") == "2024年3月15日");
  CHECK(RemoveSpaces("津\u3000市\u00A0监") == "津市监");
  CHECK(RemoveSpaces("   ") == "");
}

TEST_CASE("text: EditDistance and Similarity") {
  SUBCASE("distance counts code points") {
    CHECK(EditDistance(U"", U"") == 0);
    CHECK(EditDistance(U"abc", U"") == 3);
    CHECK(EditDistance(U"kitten", U"sitting") == 3);
    CHECK(EditDistance(U"统一社会信用代码", U"统一社会信用代玛") == 1);
    CHECK(EditDistance(U"法定代表人", U"法定代表") == 1);
  }
  SUBCASE("similarity") {
    CHECK(Similarity("", "") == doctest::Approx(1.0));
    CHECK(Similarity("abc", "abc") == doctest::Approx(1.0));
    CHECK(Similarity("abc", "") == doctest::Approx(0.0));
    CHECK(Similarity("法定代表人", "法定代表") == doctest::Approx(0.8));
    CHECK(Similarity("统一社会信用代码", "统一社会信用代玛") == doctest::Approx(0.875));
  }
}

TEST_CASE("text: BestSubstringSimilarity") {
  SUBCASE("exact label inside a line") {
    size_t where = 99;
    CHECK(BestSubstringSimilarity("名称：天津某某有限公司 统一社会信用代码：91120110MA6C6JGN3R",
                                  "统一社会信用代码", &where) == doctest::Approx(1.0));
    CHECK(where == 12);
  }
  SUBCASE("one character misread by OCR") {
    size_t where = 99;
    const double sim =
        BestSubstringSimilarity("法定代表人（签宇）：张三", "法定代表人（签字）", &where);
    CHECK(sim == doctest::Approx(8.0 / 9.0));
    CHECK(where == 0);
  }
  SUBCASE("a dropped character still matches well") {
    CHECK(BestSubstringSimilarity("申请人名：天津", "申请人名称") >= 0.8);
  }
  SUBCASE("unrelated text scores low") {
    CHECK(BestSubstringSimilarity("今天天气很好，适合出门散步", "统一社会信用代码") < 0.3);
  }
  SUBCASE("haystack shorter than the needle") {
    CHECK(BestSubstringSimilarity("代码", "信用代码") == doctest::Approx(0.5));
    CHECK(BestSubstringSimilarity("", "代码") == doctest::Approx(0.0));
    CHECK(BestSubstringSimilarity("任何", "") == doctest::Approx(1.0));
  }
  SUBCASE("fast enough for OCR lines") {
    std::string line;
    for (int i = 0; i < 20; ++i) line += "当事人名称住所地法定代";
    const auto start = std::chrono::steady_clock::now();
    double sim = 0;
    for (int i = 0; i < 200; ++i) sim += BestSubstringSimilarity(line, "统一社会信用代码");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(sim > 0);
    CHECK(elapsed < std::chrono::seconds(1));
  }
}

TEST_CASE("text: file names as a person reads them") {
  using precheck::text::DisplayName;
  CHECK(DisplayName("申请表.pdf") == "申请表.pdf");
  SUBCASE("a name in GB18030 (a Chinese Windows archive) is decoded") {
    // 申请表.pdf in GBK bytes.
    CHECK(DisplayName("\xC9\xEA\xC7\xEB\xB1\xED.pdf") == "申请表.pdf");
  }
  SUBCASE("bytes no encoding accepts are written out") {
    CHECK(DisplayName("scan\xFF.pdf") == "scan\\xFF.pdf");
  }
  SUBCASE("a control character never breaks a report's line") {
    CHECK(DisplayName("evil\nERROR FAKE.pdf") == "evil\\nERROR FAKE.pdf");
    CHECK(DisplayName("a\tb\x01.png") == "a\\tb\\x01.png");
  }
}

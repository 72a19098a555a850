// Amount glyphs told apart by shape (ocr/glyphs.h). The lines in tests/data/glyphs are cut
// from generated licences: capital-serif.png is set in Noto Serif CJK, one of the reference
// fonts; capital-ming.png and label-ming.png in AR PL UMing, which the references leave out.

#include "ocr/glyphs.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "util/text.h"

namespace fs = std::filesystem;
using precheck::ocr::ClassifyAmountGlyph;
using precheck::ocr::CutLine;
using precheck::ocr::ReadAmountGlyphs;

namespace {

cv::Mat Line(const std::string& name) {
  fs::path path = fs::path(PRECHECK_TEST_SOURCE_DIR) / "tests" / "data" / "glyphs" / name;
  cv::Mat gray = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
  REQUIRE_MESSAGE(!gray.empty(), path.string());
  return gray;
}

cv::Mat Ink(const cv::Mat& gray) {
  cv::Mat ink;
  cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  return ink;
}

// `gray` as a 150 dpi grey photocopy brought back to 300 dpi: half size, blurred, noisy.
cv::Mat Copied(const cv::Mat& gray) {
  cv::Mat small, back;
  cv::resize(gray, small, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  cv::GaussianBlur(small, small, cv::Size(3, 3), 0.8);
  cv::Mat noise(small.size(), CV_8S);
  cv::RNG rng(7);
  rng.fill(noise, cv::RNG::NORMAL, 0, 12);
  cv::Mat noisy;
  small.convertTo(noisy, CV_16S);
  cv::add(noisy, noise, noisy, cv::noArray(), CV_16S);
  noisy.convertTo(small, CV_8U);
  cv::resize(small, back, gray.size(), 0, 0, cv::INTER_CUBIC);
  return back;
}

}  // namespace

TEST_CASE("glyphs: a line of eight characters is cut into eight cells") {
  for (const char* name : {"capital-serif.png", "capital-ming.png"}) {
    CAPTURE(name);
    std::vector<cv::Rect> cells = CutLine(Ink(Line(name)));
    REQUIRE(cells.size() == 8);
    for (size_t i = 1; i < cells.size(); ++i) CHECK(cells[i].x > cells[i - 1].x);
  }
}

TEST_CASE("glyphs: the formal numerals misread by OCR are put right by their shapes") {
  // As Tesseract's chi_sim read these lines: 叁 as 会 and as 短.
  CHECK(ReadAmountGlyphs(Line("capital-serif.png"), "人民币会佰万元整") == "人民币叁佰万元整");
  CHECK(ReadAmountGlyphs(Line("capital-ming.png"), "人民币短佰万元整") == "人民币叁佰万元整");
  // Spaces in the reading are no characters.
  CHECK(ReadAmountGlyphs(Line("capital-ming.png"), "人民币 短佰万元整") == "人民币叁佰万元整");
  // The characters already of the alphabet stay as read.
  CHECK(ReadAmountGlyphs(Line("capital-ming.png"), "人民币叁佰万元整") == "人民币叁佰万元整");
}

TEST_CASE("glyphs: the full stop after an amount in a sentence is no glyph") {
  // 罚款人民币捌万贰仟元整。 of a generated penalty decision, from 人民币 on: the stop is a
  // cell of its own, read or not.
  CHECK(ReadAmountGlyphs(Line("fine-with-stop.png"), "人民币捉万起任元整") == "人民币捌万贰仟元整");
  CHECK(ReadAmountGlyphs(Line("fine-with-stop.png"), "人民币捉万起任元整。") ==
        "人民币捌万贰仟元整");
  CHECK(ReadAmountGlyphs(Line("fine-with-stop.png"), "人民币捉万起任元").empty());
}

TEST_CASE("glyphs: a grey photocopy reads; a glyph blurred into a blob is not guessed") {
  CHECK(ReadAmountGlyphs(Copied(Line("capital-serif.png")), "人民币会佰万元整") ==
        "人民币叁佰万元整");
  // The Ming line is smaller (characters 26 px high at 150 dpi): 叁's strokes run together
  // and no character is clearly nearest; the line stays unread rather than guessed.
  CHECK(ReadAmountGlyphs(Copied(Line("capital-ming.png")), "人民币短佰万元整").empty());
}

TEST_CASE("glyphs: no guess when the reading and the cells disagree or the shape is no numeral") {
  // One character fewer than the line has: which cell is which is unknown.
  CHECK(ReadAmountGlyphs(Line("capital-ming.png"), "人民币短佰万元").empty());
  // 注册资本 is no amount: no character of the alphabet is clearly nearest.
  CHECK(ReadAmountGlyphs(Line("label-ming.png"), "注册资木").empty());
  cv::Mat ink = Ink(Line("label-ming.png"));
  for (const cv::Rect& cell : CutLine(ink)) {
    precheck::ocr::GlyphChoice c = ClassifyAmountGlyph(ink(cell));
    CAPTURE(precheck::text::ToUtf8(std::u32string(1, c.best)));
    CHECK((c.score < precheck::ocr::kAmountGlyphMinScore ||
           c.margin < precheck::ocr::kAmountGlyphMinMargin));
  }
  CHECK(ReadAmountGlyphs(cv::Mat(), "人民币").empty());
  CHECK(ReadAmountGlyphs(cv::Mat(40, 200, CV_8U, cv::Scalar(255)), "人民币").empty());
}

TEST_CASE("glyphs: a name's character OCR cannot read is put right by its shape") {
  using precheck::ocr::ReadNameGlyphs;
  // 天津市静海区鑫源医药有限公司 on a generated commitment letter and licence (clean scans):
  // Tesseract's chi_sim and HanS read 鑫 as 锡, 奢, 针 or 毒, never as itself.
  CHECK(ReadNameGlyphs(Line("name-xin.png"), "天津市静海区锡源医药有限公司") ==
        "天津市静海区鑫源医药有限公司");
  CHECK(ReadNameGlyphs(Line("name-clean.png"), "天津市静海区奢源医药有限公司") ==
        "天津市静海区鑫源医药有限公司");
  CHECK(precheck::ocr::IsHardNameGlyph(U'鑫'));
  CHECK_FALSE(precheck::ocr::IsHardNameGlyph(U'金'));
  SUBCASE("a name read right stays as it is") {
    CHECK(ReadNameGlyphs(Line("name-clean.png"), "天津市静海区鑫源医药有限公司").empty());
  }
  SUBCASE("金 where 鑫 belongs elsewhere is 金 (drawn in AR PL UMing, a font never seen)") {
    CHECK(ReadNameGlyphs(Line("name-jin-uming.png"), "天津市静海区金源医药有限公司").empty());
  }
  SUBCASE("no guess when the reading has more characters than the line has cells") {
    CHECK(ReadNameGlyphs(Line("name-xin.png"), "天津市静海区锡源医药有限公司司").empty());
  }
  SUBCASE("a reading shorter than its box: its leading characters") {
    CHECK(ReadNameGlyphs(Line("name-xin.png"), "天津市静海区锡源") == "天津市静海区鑫源");
  }
  SUBCASE("what each glyph looks like, for another material's reading to be weighed") {
    using precheck::ocr::ReadNameShapes;
    precheck::ocr::NameShapes misread =
        ReadNameShapes(Line("name-clean.png"), "天津市静海区奢源医药有限公司");
    REQUIRE(misread.alike.size() == 14);
    CHECK(misread.alike[6].front() == U'鑫');
    CHECK(misread.alike[6].find(U'奢') == std::u32string::npos);
    CHECK(misread.alike[7] == U"源");
    precheck::ocr::NameShapes other =
        ReadNameShapes(Line("name-jin-uming.png"), "天津市静海区金源医药有限公司");
    REQUIRE(other.alike.size() == 14);
    CHECK(other.alike[6] == U"金");
    CHECK(ReadNameShapes(cv::Mat(), "天津").alike.empty());
  }
  SUBCASE("a name wrapped onto a second line, or after its label's colon") {
    // 天津海晟汽车服务股份有限公司 from a generated submission's materials (clean scans):
    // 晟 read as 晨.
    for (const char* file : {"name-wrapped.png", "name-colon.png"}) {
      CAPTURE(file);
      precheck::ocr::NameShapes read =
          precheck::ocr::ReadNameShapes(Line(file), "天津海晨汽车服务股份有限公司");
      CHECK(read.text == "天津海晟汽车服务股份有限公司");
      REQUIRE(read.alike.size() == 14);
      CHECK(read.alike[3] == U"晟");
    }
  }
  SUBCASE("a decision number's leading characters, its digits cut otherwise") {
    // A generated receipt's 处罚决定书号码, 蓟 read as 萄 on three materials.
    CHECK(ReadNameGlyphs(Line("docno-ji.png"), "津萄州市监罚字[2023]191号") ==
          "津蓟州市监罚字[2023]191号");
    CHECK(ReadNameGlyphs(Line("docno-ji.png"), "津蓟州市监罚字[2023]191号").empty());
  }
}

// Seal detection on drawn seals and on the real case images; name comparison.

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "image/preprocess.h"
#include "rules/seal_checks.h"
#include "seal/detect.h"
#include "seal/read.h"
#include "seal/stage.h"

namespace fs = std::filesystem;
using precheck::seal::FindSeals;
using precheck::seal::Ink;
using precheck::seal::SealRegion;
using precheck::seal::Shape;

namespace {

// A white A4 page at 300 dpi with a few lines of black print.
cv::Mat PrintedPage() {
  cv::Mat page(3508, 2480, CV_8UC3, cv::Scalar(255, 255, 255));
  for (int y = 400; y < 3000; y += 120) {
    cv::putText(page, "Printed line of a form 2024-05-20", cv::Point(200, y),
                cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(20, 20, 20), 4);
  }
  return page;
}

// A seal-like impression: a ring, strokes standing for ring characters, a star.
void DrawSeal(cv::Mat& page, cv::Point centre, int radius, cv::Scalar ink, double aspect = 1.0) {
  cv::ellipse(page, centre, cv::Size(static_cast<int>(radius * aspect), radius), 0, 0, 360, ink,
              radius / 25);
  for (int i = 0; i < 14; ++i) {
    double a = (200 + i * 10) * CV_PI / 180;
    cv::Point p(centre.x + static_cast<int>(0.75 * radius * aspect * std::cos(a)),
                centre.y + static_cast<int>(0.75 * radius * std::sin(a)));
    cv::circle(page, p, radius / 12, ink, radius / 30);
  }
  std::vector<cv::Point> star;
  for (int i = 0; i < 10; ++i) {
    double a = -CV_PI / 2 + i * CV_PI / 5;
    double r = (i % 2 == 0 ? 0.3 : 0.12) * radius;
    star.emplace_back(centre.x + static_cast<int>(r * std::cos(a)),
                      centre.y + static_cast<int>(r * std::sin(a)));
  }
  cv::fillPoly(page, std::vector<std::vector<cv::Point>>{star}, ink);
}

const SealRegion* Near(const std::vector<SealRegion>& seals, cv::Point at) {
  for (const SealRegion& s : seals) {
    if (std::hypot(s.outline.center.x - at.x, s.outline.center.y - at.y) < 40) return &s;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("seal detection: drawn seals in every ink") {
  cv::Mat page = PrintedPage();
  SUBCASE("a red round seal over print") {
    DrawSeal(page, {1500, 2600}, 236, cv::Scalar(42, 34, 208));
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 1);
    CHECK(seals[0].ink == Ink::kRed);
    CHECK(seals[0].shape == Shape::kRound);
    CHECK(std::abs(seals[0].box.width - 2 * 236) < 40);
  }
  SUBCASE("crimson on the other side of the hue wrap, and faded") {
    DrawSeal(page, {700, 1000}, 230, cv::Scalar(60, 30, 190));
    DrawSeal(page, {1700, 2600}, 230, cv::Scalar(170, 160, 235));
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 2);
    CHECK(seals[0].ink == Ink::kRed);
    CHECK(seals[1].ink == Ink::kRed);
  }
  SUBCASE("blue and purple") {
    DrawSeal(page, {700, 1000}, 230, cv::Scalar(168, 62, 38));
    DrawSeal(page, {1700, 2600}, 230, cv::Scalar(140, 42, 118));
    std::vector<SealRegion> seals = FindSeals(page);
    const SealRegion* blue = Near(seals, {700, 1000});
    const SealRegion* purple = Near(seals, {1700, 2600});
    REQUIRE(blue);
    REQUIRE(purple);
    CHECK(blue->ink == Ink::kBlue);
    CHECK(purple->ink == Ink::kPurple);
  }
  SUBCASE("an oval seal") {
    DrawSeal(page, {1200, 2000}, 170, cv::Scalar(42, 34, 208), 1.5);
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 1);
    CHECK(seals[0].shape == Shape::kOval);
  }
  SUBCASE("two round seals stamped over each other are two seals") {
    DrawSeal(page, {1200, 2000}, 236, cv::Scalar(42, 34, 208));
    DrawSeal(page, {1100, 2330}, 236, cv::Scalar(42, 34, 208));
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 2);
    REQUIRE(Near(seals, {1200, 2000}));
    REQUIRE(Near(seals, {1100, 2330}));
    CHECK(seals[0].shape == Shape::kRound);
    CHECK(seals[1].shape == Shape::kRound);
  }
  SUBCASE("two seals side by side, just touching") {
    DrawSeal(page, {900, 2000}, 230, cv::Scalar(42, 34, 208));
    DrawSeal(page, {1350, 2000}, 230, cv::Scalar(42, 34, 208));
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 2);
    CHECK(Near(seals, {900, 2000}));
    CHECK(Near(seals, {1350, 2000}));
  }
  SUBCASE("a grey seal on a colourless copy") {
    DrawSeal(page, {1500, 2600}, 236, cv::Scalar(110, 110, 110));
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 1);
    CHECK(seals[0].ink == Ink::kGrey);
  }
  SUBCASE("a grey seal of a short name alone in the margin; a bare printed circle is none") {
    // Its ring characters fill 140 degrees of the band, nothing else does: the star tells it
    // from a printed circle.
    DrawSeal(page, {2150, 1000}, 200, cv::Scalar(60, 60, 60));
    cv::circle(page, {2150, 2000}, 200, cv::Scalar(60, 60, 60), 8);
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 1);
    CHECK(Near(seals, {2150, 1000}));
    CHECK(seals[0].ink == Ink::kGrey);
  }
  SUBCASE("inside a coloured ornamental border, as on a business licence") {
    // A brown-red patterned frame around the whole page: one blob enclosing everything.
    for (int x = 60; x < page.cols - 60; x += 36) {
      cv::circle(page, {x, 70}, 12, cv::Scalar(40, 60, 170), cv::FILLED);
      cv::circle(page, {x, page.rows - 70}, 12, cv::Scalar(40, 60, 170), cv::FILLED);
    }
    for (int y = 60; y < page.rows - 60; y += 36) {
      cv::circle(page, {70, y}, 12, cv::Scalar(40, 60, 170), cv::FILLED);
      cv::circle(page, {page.cols - 70, y}, 12, cv::Scalar(40, 60, 170), cv::FILLED);
    }
    cv::rectangle(page, {50, 50}, {page.cols - 50, page.rows - 50}, cv::Scalar(40, 60, 170), 6);
    DrawSeal(page, {1500, 2600}, 236, cv::Scalar(42, 34, 208));
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 1);
    CHECK(seals[0].ink == Ink::kRed);
    CHECK(std::abs(seals[0].box.width - 2 * 236) < 40);
  }
  SUBCASE("no seal on a page of print, nor a red title line, nor a solid red disc") {
    cv::putText(page, "RED TITLE OF THE DECISION", cv::Point(300, 250), cv::FONT_HERSHEY_SIMPLEX,
                3.0, cv::Scalar(30, 30, 210), 8);
    cv::circle(page, {2000, 500}, 120, cv::Scalar(36, 30, 200), cv::FILLED);
    CHECK(FindSeals(page).empty());
  }
}

TEST_CASE("seal detection: print over a coloured seal marks where its ink is hidden") {
  cv::Mat page(3508, 2480, CV_8UC3, cv::Scalar(255, 255, 255));
  DrawSeal(page, {1200, 2000}, 236, cv::Scalar(42, 34, 208));
  SUBCASE("none on a seal alone") {
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 1);
    CHECK(cv::countNonZero(seals[0].occluded) == 0);
  }
  SUBCASE("the print that crosses the ring, and only print") {
    cv::line(page, {800, 2000}, {1600, 2000}, cv::Scalar(20, 20, 20), 6);
    std::vector<SealRegion> seals = FindSeals(page);
    REQUIRE(seals.size() == 1);
    const SealRegion& s = seals[0];
    REQUIRE(s.occluded.size() == s.mask.size());
    CHECK(cv::countNonZero(s.occluded) > 0);
    for (int y = 0; y < s.occluded.rows; ++y) {
      for (int x = 0; x < s.occluded.cols; ++x) {
        if (!s.occluded.at<uchar>(y, x)) continue;
        const cv::Vec3b& p = page.at<cv::Vec3b>(s.box.y + y, s.box.x + x);
        REQUIRE(p[0] < 120);
        REQUIRE(std::abs(y + s.box.y - 2000) <= 4);
      }
    }
  }
}

namespace {

// Prints DARK across the seal drawn at (1200, 1000) on `page`, whitens the seals found
// (there must be one) and returns the page in grey, as `grey` makes it.
cv::Mat SuppressedWithPrint(cv::Mat page, cv::Mat (*grey)(const cv::Mat&)) {
  cv::putText(page, "DARK", cv::Point(1100, 1010), cv::FONT_HERSHEY_SIMPLEX, 2.0,
              cv::Scalar(10, 10, 10), 6);
  std::vector<SealRegion> seals = FindSeals(page);
  REQUIRE(seals.size() == 1);
  precheck::seal::SuppressSeals(page, seals);
  return grey(page);
}

cv::Mat PlainGrey(const cv::Mat& bgr) {
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  return gray;
}

}  // namespace

TEST_CASE("seal detection: whitening a grey seal keeps the darker print under it") {
  cv::Mat page = PrintedPage();
  DrawSeal(page, {1200, 1000}, 236, cv::Scalar(120, 120, 120));
  cv::Mat gray = SuppressedWithPrint(page, PlainGrey);
  cv::Mat ring = gray(cv::Rect(1200 - 5, 1000 - 236 - 5, 10, 10));
  CHECK(cv::countNonZero(ring < 200) == 0);                                // the ring is gone
  CHECK(cv::countNonZero(gray(cv::Rect(1100, 950, 200, 70)) < 60) > 200);  // the print stays
}

TEST_CASE("seal detection: whitening a red seal takes its pale edge too, on a sparse page") {
  // A page of one line: a red seal's anti-aliased edge, too pale to count as its ink, is
  // among the page's darkest percent; the faint-page stretch must not draw it back.
  cv::Mat page(3508, 2480, CV_8UC3, cv::Scalar(255, 255, 255));
  // The edge as a scan of a generated seal has it: a greyish pink (213,188,189 in RGB).
  DrawSeal(page, {1200, 1000}, 236, cv::Scalar(189, 188, 213));
  cv::erode(page, page, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
  DrawSeal(page, {1200, 1000}, 236, cv::Scalar(60, 50, 215));
  cv::Mat gray = SuppressedWithPrint(page, precheck::image::GrayWithoutColorInk);
  cv::Mat ring = gray(cv::Rect(1200 - 30, 1000 - 236 - 30, 60, 60));
  CHECK(cv::countNonZero(ring < 200) == 0);                                // no outline
  CHECK(cv::countNonZero(gray(cv::Rect(1100, 950, 200, 70)) < 60) > 200);  // the print stays
}

TEST_CASE("seal detection: the real case images") {
  fs::path real = fs::path(PRECHECK_TEST_SHARED_DIR) / "cases" / "real";
  fs::path bad = fs::path(PRECHECK_TEST_SHARED_DIR) / "cases" / "bad";
  if (!fs::exists(real)) return;
  auto seals_of = [](const fs::path& p) {
    cv::Mat img = cv::imread(p.string(), cv::IMREAD_COLOR);
    REQUIRE(!img.empty());
    return FindSeals(img);
  };
  SUBCASE("one red round company seal") {
    std::vector<SealRegion> s = seals_of(real / "seal-company-round.png");
    REQUIRE(s.size() == 1);
    CHECK(s[0].ink == Ink::kRed);
    CHECK(s[0].shape == Shape::kRound);
  }
  SUBCASE("three seals: two round, one square") {
    // The file is small; the loader would scale it to 300 dpi, so do the same here.
    cv::Mat img = cv::imread((real / "seals-three-kinds.jpg").string(), cv::IMREAD_COLOR);
    REQUIRE(!img.empty());
    cv::resize(img, img, cv::Size(), 2.0, 2.0, cv::INTER_CUBIC);
    std::vector<SealRegion> s = FindSeals(img);
    REQUIRE(s.size() == 3);
    int round = 0, square = 0;
    for (const SealRegion& r : s) {
      CHECK(r.ink == Ink::kRed);
      round += r.shape == Shape::kRound;
      square += r.shape == Shape::kSquare;
    }
    CHECK(round == 2);
    CHECK(square == 1);
  }
  SUBCASE("the stamp over text is red, the same stamp in blue is blue") {
    std::vector<SealRegion> red = seals_of(bad / "b12_stamp_over_text.png");
    std::vector<SealRegion> blue = seals_of(bad / "b14_seal_blue.png");
    REQUIRE(red.size() == 1);
    REQUIRE(blue.size() == 1);
    CHECK(red[0].ink == Ink::kRed);
    CHECK(blue[0].ink == Ink::kBlue);
  }
  SUBCASE("no seal on pages with signatures only") {
    CHECK(seals_of(real / "form-signatures.jpg").empty());
    CHECK(seals_of(real / "letter-signatures.jpg").empty());
  }
}

TEST_CASE("seal names: OCR noise differs between readings, a different name does not") {
  using precheck::rules::NameCoverage;
  std::string name = "天津众合电子科技股份有限公司";
  SUBCASE("each character confirmed by some reading") {
    CHECK(NameCoverage({"天津众台电子科技股份有限公司", "天津众合虫子科技股份有服公司"}, name) ==
          doctest::Approx(1.0));
  }
  SUBCASE("another company lacks its own characters in every reading") {
    double c = NameCoverage({"天津泰昌电子科技股份有限公司", "天津泰昌电子科技股份有限公司"}, name);
    CHECK(c < 0.9);
  }
  SUBCASE("another district's authority") {
    CHECK(NameCoverage({"天津市西青区市场监督管理局"}, "天津市和平区市场监督管理局") < 0.9);
  }
  SUBCASE("another district's authority, read in its own district") {
    using precheck::rules::OtherDistrict;
    std::string bureau = "天津市和平区市场监督管理局";
    CHECK(OtherDistrict("天津市西青区市场监督管理局", {"天津市西肯区市汤监督管理局"}, bureau));
    CHECK_FALSE(
        OtherDistrict("天津市西青区市场监督管理局", {"天津市和平区市场监督管理局"}, bureau));
    CHECK_FALSE(OtherDistrict("天津市和干区市场监督管理局", {}, bureau));
    CHECK_FALSE(OtherDistrict("天津鸿运物流股份有限公司", {}, "天津鸿运物流股份有限公司"));
    // A district in a less confident reading alone proves nothing.
    CHECK_FALSE(OtherDistrict("天津产积笠区市场监督乱斑马", {"天津市河西区市场监督"}, bureau));
  }
  SUBCASE("normalisation keeps characters and brackets, drops punctuation") {
    CHECK(precheck::seal::NormalizeSealText("天津 众合(北京)。有限公司,") ==
          "天津众合（北京）有限公司");
  }
}

TEST_CASE("seal names: a ring read through another seal's ink is no evidence of another name") {
  using precheck::rules::UnderAnotherSeal;
  // A repair application form photographed: the applicant's seal stamped across the
  // authority's, whose ring text under it was read 天当市东丽区市对外户主局.
  precheck::DocumentReport doc;
  doc.seals.resize(2);
  doc.seals[0].page = 1;
  doc.seals[0].bbox = {970, 1369, 536, 536};
  doc.seals[1].page = 1;
  doc.seals[1].bbox = {684, 1612, 545, 545};
  CHECK(UnderAnotherSeal(doc, doc.seals[0]));
  CHECK(UnderAnotherSeal(doc, doc.seals[1]));
  SUBCASE("rings that only touch") {
    doc.seals[1].bbox = {970 + 520, 1369 + 60, 536, 536};
    CHECK_FALSE(UnderAnotherSeal(doc, doc.seals[0]));
  }
  SUBCASE("a seal on another page") {
    doc.seals[1].page = 2;
    CHECK_FALSE(UnderAnotherSeal(doc, doc.seals[0]));
  }
}

TEST_CASE("seal names: a registry's ring is taken for the listed name it is clearly nearest") {
  using precheck::seal::NearestName;
  const std::vector<std::string> names = {
      "天津市南开区市场监督管理局", "天津市南开区行政审批局",     "天津市河西区市场监督管理局",
      "天津市河东区市场监督管理局", "天津市西青区市场监督管理局", "天津市北辰区市场监督管理局",
      "天津市武清区行政审批局",     "天津市东丽区行政审批局"};
  // Rings of generated licences as the seal reader read them.
  CHECK(NearestName({"天津击南开区行政审批局"}, names) == "天津市南开区行政审批局");
  CHECK(NearestName({"天津市西青区市场卜叔管理沪"}, names) == "天津市西青区市场监督管理局");
  CHECK(NearestName({"头津市南开区市场监督管理局"}, names) == "天津市南开区市场监督管理局");
  // Read from the wrong place round the ring: the name starts inside the reading.
  CHECK(NearestName({"行政审批局天津市武消区"}, names) == "天津市武清区行政审批局");
  // Another reading holds what the first lost.
  CHECK(NearestName({"", "天沣市", "天津市北辰区市场监督管理局"}, names) ==
        "天津市北辰区市场监督管理局");
  SUBCASE("no name when two are as near, or the nearest is far") {
    // 河 is in 河西 and 河东 alike.
    CHECK(NearestName({"天津市河丙区市场监督管理局"}, names).empty());
    CHECK(NearestName({"员津市筷必区市场监督管理明"}, names).empty());
    CHECK(NearestName({"天津鸿运物流股份有限公司"}, names).empty());
    CHECK(NearestName({}, names).empty());
    CHECK(NearestName({"天津市南开区市场监督管理局"}, {}).empty());
  }
}

TEST_CASE("seal kinds: a special-purpose seal is known by its lower line, even misread") {
  using precheck::SealReading;
  using precheck::seal::IsSpecialPurpose;
  auto seal = [](std::string ring, std::string lower) {
    SealReading s;
    s.text = std::move(ring);
    s.lower_text = std::move(lower);
    return s;
  };
  CHECK(IsSpecialPurpose(seal("天津众合电子科技股份有限公司", "财务专用章")));
  // 财务 misread: 专用 under the star is enough.
  CHECK(IsSpecialPurpose(seal("（天津）机械必备有限公司星河", "副专用")));
  CHECK(IsSpecialPurpose(seal("天津众合电子科技股份有限公司合同专用章", "")));
  // A 公章: nothing or a serial number under the star; 专用 inside a name is no kind.
  CHECK_FALSE(IsSpecialPurpose(seal("天津众合电子科技股份有限公司", "")));
  CHECK_FALSE(IsSpecialPurpose(seal("天津众合电子科技股份有限公司", "1201020012345")));
  CHECK_FALSE(IsSpecialPurpose(seal("天津专用汽车制造有限公司", "")));
}

// The ring text of a generated applicant's seal (clean scan) as ReadRing unwarps it. Read
// freely, Tesseract takes its 超 for 起; limited to the name's characters it reads the name.
TEST_CASE("seal names: a ring read again within the expected name's characters") {
  fs::path path = fs::path(PRECHECK_TEST_SOURCE_DIR) / "tests" / "data" / "seal" / "ring-strip.png";
  cv::Mat strip = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
  REQUIRE(!strip.empty());
  auto engine = precheck::ocr::OcrEngine::Create("", "chi_sim+HanS");
  REQUIRE(engine.ok());
  using precheck::seal::ConfirmName;
  // Limited to the name's characters alone, it reads the name.
  CHECK(ConfirmName(**engine, strip, "天津市嘉禾超市有限公司", {}) > 0.5);
  // A name the ring does not carry is not read into it: one character other, one more,
  // another company.
  CHECK(ConfirmName(**engine, strip, "天津市嘉利超市有限公司", {}) < 0);
  CHECK(ConfirmName(**engine, strip, "天津市嘉禾超市有限责任公司", {}) < 0);
  CHECK(ConfirmName(**engine, strip, "天津市北方超市有限公司", {}) < 0);
  // But read freely the ring gives 起 for 超, and with 起 allowed the name does not win: the
  // seal is not confirmed, for a ring that carried 嘉禾起市 would have read the same.
  std::string free;
  for (const auto& line : (*engine)->Read(strip, {0, 0, strip.cols, strip.rows},
                                          precheck::ocr::Layout::kLine)) {
    free += line.text;
  }
  INFO(free);
  REQUIRE(free.find("起") != std::string::npos);
  CHECK(ConfirmName(**engine, strip, "天津市嘉禾超市有限公司", {free}) < 0);
  // The engine reads freely again afterwards: 禾 is not among the last name's characters.
  std::string again;
  for (const auto& line : (*engine)->Read(strip, {0, 0, strip.cols, strip.rows},
                                          precheck::ocr::Layout::kLine)) {
    again += line.text;
  }
  CHECK_MESSAGE(again.find("禾") != std::string::npos, again);
}

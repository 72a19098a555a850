// Ornamental frames: a certificate's border of repeated motifs is found and removed; text,
// digit strings and dotted leader lines are left alone.

#include "image/ornament.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "image/preprocess.h"

namespace fs = std::filesystem;

namespace {

// An A4 page at 300 dpi, white, with a licence-like frame drawn inside it: a thick outer rule,
// a thin inner rule and rows of `motif` shapes every 30 px between them.
enum class Motif { kDiamond, kRing, kCross };

void DrawMotif(cv::Mat& page, cv::Point c, Motif motif) {
  switch (motif) {
    case Motif::kDiamond: {
      std::vector<cv::Point> d = {
          {c.x, c.y - 10}, {c.x + 10, c.y}, {c.x, c.y + 10}, {c.x - 10, c.y}};
      cv::polylines(page, d, true, cv::Scalar(0), 2, cv::LINE_AA);
      break;
    }
    case Motif::kRing:
      cv::circle(page, c, 8, cv::Scalar(0), 2, cv::LINE_AA);
      break;
    case Motif::kCross:
      cv::line(page, c + cv::Point(-10, -10), c + cv::Point(10, 10), cv::Scalar(0), 2);
      cv::line(page, c + cv::Point(-10, 10), c + cv::Point(10, -10), cv::Scalar(0), 2);
      break;
  }
}

cv::Mat FramedPage(Motif motif) {
  cv::Mat page(3508, 2480, CV_8U, cv::Scalar(255));
  const cv::Rect frame(300, 400, 1880, 1300);
  cv::rectangle(page, frame, cv::Scalar(0), 8);
  cv::Rect inner(frame.x + 60, frame.y + 60, frame.width - 120, frame.height - 120);
  cv::rectangle(page, inner, cv::Scalar(0), 3);
  // A rosette in each corner, the motifs in rows between.
  for (int cx : {frame.x + 30, frame.x + frame.width - 30}) {
    for (int cy : {frame.y + 30, frame.y + frame.height - 30}) {
      cv::circle(page, {cx, cy}, 12, cv::Scalar(0), -1, cv::LINE_AA);
    }
  }
  for (int x = frame.x + 60; x < frame.x + frame.width - 50; x += 30) {
    DrawMotif(page, {x, frame.y + 30}, motif);
    DrawMotif(page, {x, frame.y + frame.height - 30}, motif);
  }
  for (int y = frame.y + 60; y < frame.y + frame.height - 50; y += 30) {
    DrawMotif(page, {frame.x + 30, y}, motif);
    DrawMotif(page, {frame.x + frame.width - 30, y}, motif);
  }
  return page;
}

cv::Mat Ink(const cv::Mat& gray) {
  cv::Mat ink;
  cv::threshold(gray, ink, 128, 255, cv::THRESH_BINARY_INV);
  return ink;
}

// Ink of `mask` inside `r`.
int InkIn(const cv::Mat& mask, const cv::Rect& r) { return cv::countNonZero(mask(r)); }

}  // namespace

TEST_CASE("ornament: a drawn frame is removed and the text inside it kept") {
  for (Motif motif : {Motif::kDiamond, Motif::kRing, Motif::kCross}) {
    CAPTURE(static_cast<int>(motif));
    cv::Mat gray = FramedPage(motif);
    // A credit code and a label just inside the frame, as on a licence.
    cv::putText(gray, "911201174267850875", {420, 560}, cv::FONT_HERSHEY_SIMPLEX, 1.6,
                cv::Scalar(0), 3);
    cv::putText(gray, "Name", {420, 700}, cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(0), 3);
    cv::Mat ink = Ink(gray);
    const cv::Rect text_area(400, 500, 900, 230);
    int text_before = InkIn(ink, text_area);
    REQUIRE(text_before > 1000);

    int removed = precheck::image::RemoveOrnaments(ink, gray);
    CHECK(removed > 100);
    // The motifs along the left side and the top, and both rules, are gone.
    CHECK(InkIn(ink, cv::Rect(290, 390, 80, 1320)) == 0);
    CHECK(InkIn(ink, cv::Rect(290, 390, 1900, 80)) == 0);
    CHECK(cv::countNonZero(ink) == text_before);
    // The grey image is painted white where the frame was.
    CHECK(cv::countNonZero(gray(cv::Rect(290, 390, 80, 1320)) < 250) == 0);
  }
}

TEST_CASE("ornament: text is not a frame") {
  SUBCASE("a line of 18 digits, as long as a third of the page") {
    cv::Mat gray(3508, 2480, CV_8U, cv::Scalar(255));
    cv::putText(gray, "911201174267850875", {200, 1000}, cv::FONT_HERSHEY_SIMPLEX, 3.0,
                cv::Scalar(0), 6);
    cv::Mat ink = Ink(gray);
    CHECK(cv::countNonZero(precheck::image::FindOrnaments(ink)) == 0);
  }
  SUBCASE("a dotted leader line") {
    cv::Mat gray(3508, 2480, CV_8U, cv::Scalar(255));
    cv::putText(gray, "Name", {200, 1000}, cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(0), 3);
    for (int x = 400; x < 2200; x += 14) cv::circle(gray, {x, 995}, 3, cv::Scalar(0), -1);
    cv::Mat ink = Ink(gray);
    CHECK(cv::countNonZero(precheck::image::FindOrnaments(ink)) == 0);
  }
  SUBCASE("a page of Chinese text") {
    fs::path source =
        fs::path(PRECHECK_TEST_SOURCE_DIR) / "samples" / "submissions" / "sub-0002" / "承诺书.png";
    cv::Mat page = cv::imread(source.string(), cv::IMREAD_COLOR);
    REQUIRE(!page.empty());
    cv::Mat ink = precheck::image::InkMask(precheck::image::GrayWithoutColorInk(page));
    CHECK(cv::countNonZero(precheck::image::FindOrnaments(ink)) == 0);
  }
}

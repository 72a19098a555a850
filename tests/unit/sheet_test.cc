// Phone photos of a sheet: the sheet is found, flattened and recognised; scans are left alone.

#include "image/sheet.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "precheck/engine.h"

namespace fs = std::filesystem;

namespace {

cv::Mat SamplePage() {
  fs::path source =
      fs::path(PRECHECK_TEST_SOURCE_DIR) / "samples" / "submissions" / "sub-0003" / "罚款收据.png";
  return cv::imread(source.string(), cv::IMREAD_COLOR);
}

// `page` photographed: warped onto `corners` of a 3000 x 4000 desk of mottled brown, with
// light falling off towards the bottom right.
cv::Mat Photograph(const cv::Mat& page, const std::array<cv::Point2f, 4>& corners) {
  cv::Mat desk(4000, 3000, CV_8UC3);
  cv::Mat noise(40, 30, CV_8UC3);
  cv::randu(noise, cv::Scalar(40, 50, 70), cv::Scalar(90, 100, 120));
  cv::resize(noise, desk, desk.size(), 0, 0, cv::INTER_CUBIC);
  std::array<cv::Point2f, 4> source = {cv::Point2f(0, 0), cv::Point2f(page.cols - 1.0f, 0),
                                       cv::Point2f(page.cols - 1.0f, page.rows - 1.0f),
                                       cv::Point2f(0, page.rows - 1.0f)};
  cv::Mat transform = cv::getPerspectiveTransform(source.data(), corners.data());
  cv::warpPerspective(page, desk, transform, desk.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
  for (int y = 0; y < desk.rows; ++y) {
    for (int x = 0; x < desk.cols; ++x) {
      double light = 1.0 - 0.3 * (static_cast<double>(x) / desk.cols + y / double(desk.rows)) / 2;
      cv::Vec3b& p = desk.at<cv::Vec3b>(y, x);
      for (int c = 0; c < 3; ++c) p[c] = cv::saturate_cast<uchar>(p[c] * light);
    }
  }
  return desk;
}

const std::array<cv::Point2f, 4> kCorners = {cv::Point2f(420, 520), cv::Point2f(2600, 380),
                                             cv::Point2f(2480, 3500), cv::Point2f(300, 3300)};

}  // namespace

TEST_CASE("sheet: the corners of a photographed sheet are found") {
  cv::Mat page = SamplePage();
  REQUIRE(!page.empty());
  cv::Mat photo = Photograph(page, kCorners);
  std::optional<precheck::image::Quad> quad = precheck::image::FindSheet(photo);
  REQUIRE(quad.has_value());
  for (int i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(std::abs((*quad)[i].x - kCorners[i].x) < 40);
    CHECK(std::abs((*quad)[i].y - kCorners[i].y) < 40);
  }
}

TEST_CASE("sheet: a scan, a blank image and a dark image are not photographs of a sheet") {
  cv::Mat page = SamplePage();
  REQUIRE(!page.empty());
  CHECK(!precheck::image::FindSheet(page).has_value());
  CHECK(!precheck::image::FindSheet(cv::Mat(3508, 2480, CV_8UC3, cv::Scalar(255, 255, 255))));
  CHECK(!precheck::image::FindSheet(cv::Mat(1000, 800, CV_8UC3, cv::Scalar(20, 20, 20))));
}

TEST_CASE("sheet: even lighting brings shaded paper back to white and keeps ink dark") {
  cv::Mat shaded(1000, 800, CV_8UC3, cv::Scalar(150, 150, 150));
  cv::rectangle(shaded, cv::Rect(0, 0, 400, 1000), cv::Scalar(230, 230, 230), cv::FILLED);
  cv::putText(shaded, "TEXT", cv::Point(100, 500), cv::FONT_HERSHEY_SIMPLEX, 3,
              cv::Scalar(20, 20, 20), 8);
  cv::putText(shaded, "TEXT", cv::Point(500, 500), cv::FONT_HERSHEY_SIMPLEX, 3,
              cv::Scalar(15, 15, 15), 8);
  cv::Mat even = precheck::image::EvenLighting(shaded);
  cv::Vec3b left = even.at<cv::Vec3b>(100, 100);
  cv::Vec3b right = even.at<cv::Vec3b>(100, 700);
  CHECK(left[0] > 240);
  CHECK(right[0] > 240);
  cv::Mat gray;
  cv::cvtColor(even, gray, cv::COLOR_BGR2GRAY);
  double darkest = 0;
  cv::minMaxLoc(gray(cv::Rect(500, 400, 250, 150)), &darkest);
  CHECK(darkest < 60);
}

TEST_CASE("engine: a phone photo of a page is flattened and recognised") {
  cv::Mat page = SamplePage();
  REQUIRE(!page.empty());
  fs::path dir = fs::temp_directory_path() / "precheck-sheet-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path file = dir / "IMG_0001.jpg";
  REQUIRE(cv::imwrite(file.string(), Photograph(page, kCorners), {cv::IMWRITE_JPEG_QUALITY, 85}));

  precheck::EngineOptions options;
  options.data_dir = PRECHECK_TEST_SOURCE_DIR;
  auto engine = precheck::Engine::Create(options);
  REQUIRE(engine.ok());
  auto inspection = (*engine)->Inspect(file.string());
  REQUIRE(inspection.ok());
  REQUIRE(inspection->pages.size() == 1);
  CHECK(inspection->pages[0].flattened);
  CHECK(inspection->pages[0].material == "fine_payment_receipt");
  fs::remove_all(dir);
}

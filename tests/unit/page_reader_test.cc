// Page reading: what Tesseract's language model makes of the words of these materials.

#include "ocr/page_reader.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "ocr/ocr_engine.h"

namespace fs = std::filesystem;

namespace {

// A grey image of tests/data/ocr/.
cv::Mat Fixture(const std::string& name) {
  fs::path path = fs::path(PRECHECK_TEST_SOURCE_DIR) / "tests" / "data" / "ocr" / name;
  cv::Mat gray = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
  REQUIRE_MESSAGE(!gray.empty(), path.string());
  return gray;
}

}  // namespace

// The line 2.罚款人民币8000元。 of a generated penalty decision (clean print, 300 dpi).
// Tesseract's chi_sim reads it 2.罚球人民币8000元。, a penalty kick for a fine, and the fine
// went unread; the page reader puts the word back.
TEST_CASE("page reader: 罚款 read as 罚球 is put back") {
  cv::Mat gray = Fixture("fine-line.png");
  // The languages the engine reads Chinese with (chi_sim and the Han script model).
  auto engine = precheck::ocr::OcrEngine::Create("", "chi_sim+HanS");
  REQUIRE(engine.ok());
  std::string raw;
  for (const auto& line :
       (*engine)->Read(gray, {0, 0, gray.cols, gray.rows}, precheck::ocr::Layout::kLine)) {
    raw += line.text;
  }
  // Not a condition of the test: the misreading it was written for.
  WARN_MESSAGE(raw.find("罚球") != std::string::npos, raw);

  precheck::load::PageImage page;
  page.number = 1;
  // On a page of its width, as it stood.
  cv::Mat sheet(600, 2480, CV_8U, cv::Scalar(255));
  gray.copyTo(sheet(cv::Rect(420, 200, gray.cols, gray.rows)));
  cv::cvtColor(sheet, page.image, cv::COLOR_GRAY2BGR);
  precheck::ocr::PageText text = precheck::ocr::ReadPage(**engine, page);
  std::string all = precheck::ocr::PageString(text);
  CHECK_MESSAGE(all.find("罚款人民币8000元") != std::string::npos, all);
  CHECK(all.find("罚球") == std::string::npos);
  std::string words;
  for (const auto& line : text.lines) {
    for (const auto& w : line.words) words += w.text;
  }
  CHECK(words.find("罚款") != std::string::npos);
}

// 秦国杰 as printed alone in a wide cell of a generated power of attorney. Tesseract's line
// mode returns nothing for it (its word mode reads it), so the agent's name went unread.
TEST_CASE("page reader: a lone short name the line reader drops is read as a word") {
  cv::Mat gray = Fixture("lone-name.png");
  auto engine = precheck::ocr::OcrEngine::Create("", "chi_sim+HanS");
  REQUIRE(engine.ok());
  // Not a condition of the test: the failure it was written for.
  WARN((*engine)->Read(gray, {0, 0, gray.cols, gray.rows}, precheck::ocr::Layout::kLine).empty());

  precheck::load::PageImage page;
  page.number = 1;
  // In its cell of a two-cell row, as on the form.
  cv::Mat sheet(600, 2480, CV_8U, cv::Scalar(255));
  cv::rectangle(sheet, cv::Rect(300, 200, 470, 107), cv::Scalar(0), 4);
  cv::rectangle(sheet, cv::Rect(770, 200, 760, 107), cv::Scalar(0), 4);
  gray(cv::Rect(15, 20, 190, 75)).copyTo(sheet(cv::Rect(790, 216, 190, 75)));
  cv::cvtColor(sheet, page.image, cv::COLOR_GRAY2BGR);
  precheck::ocr::PageText text = precheck::ocr::ReadPage(**engine, page);
  CHECK(precheck::ocr::PageString(text) == "秦国杰\n");

  SUBCASE("a blank sheet stays blank") {
    cv::cvtColor(cv::Mat(600, 2480, CV_8U, cv::Scalar(255)), page.image, cv::COLOR_GRAY2BGR);
    CHECK(precheck::ocr::ReadPage(**engine, page).lines.empty());
  }
}

#include "image/preprocess.h"

TEST_CASE("page reader: a faint page is stretched to black on white") {
  // A pale copy: grey text (2% of it) on grey paper.
  cv::Mat faint(3508, 2480, CV_8U, cv::Scalar(235));
  faint(cv::Rect(300, 500, 1740, 100)).setTo(150);
  cv::Mat out = precheck::image::StretchContrast(faint);
  CHECK(out.at<uchar>(550, 1000) < 20);
  CHECK(out.at<uchar>(2000, 1000) > 240);
}

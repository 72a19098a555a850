// Pages lying on their side or upside down are turned upright and recognised.

#include <doctest/doctest.h>

#include <filesystem>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "precheck/engine.h"

namespace fs = std::filesystem;

TEST_CASE("engine: a page rotated by 90, 180 or 270 degrees is still recognised") {
  fs::path source = fs::path(PRECHECK_TEST_SOURCE_DIR) / "samples" / "submissions" / "sub-0003" /
                    "罚款收据.png";
  REQUIRE(fs::exists(source));
  cv::Mat page = cv::imread(source.string(), cv::IMREAD_COLOR);
  REQUIRE(!page.empty());

  precheck::EngineOptions options;
  options.data_dir = PRECHECK_TEST_SOURCE_DIR;
  auto engine = precheck::Engine::Create(options);
  REQUIRE(engine.ok());

  fs::path dir = fs::temp_directory_path() / "precheck-orientation-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (int code : {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_180, cv::ROTATE_90_COUNTERCLOCKWISE}) {
    CAPTURE(code);
    cv::Mat turned;
    cv::rotate(page, turned, code);
    fs::path file = dir / ("turned-" + std::to_string(code) + ".png");
    REQUIRE(cv::imwrite(file.string(), turned));
    precheck::CheckOptions check;
    check.as_of = "2025-06-30";
    auto report = (*engine)->Check(file.string(), check);
    REQUIRE(report.ok());
    REQUIRE(report->documents.size() == 1);
    CHECK(report->documents[0].type == "fine_payment_receipt");
  }
  fs::remove_all(dir);
}

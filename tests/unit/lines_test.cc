// Text-line finding: characters made of parts stacked one above the other stay one line.

#include "image/lines.h"

#include <doctest/doctest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace {

using precheck::Box;

// A row of `n` glyph-like blocks 40 px wide and 50 px tall, 12 px apart, from (x, y).
void DrawRow(cv::Mat& ink, int x, int y, int n) {
  for (int i = 0; i < n; ++i) {
    cv::rectangle(ink, cv::Rect(x + i * 52, y, 40, 50), cv::Scalar(255), 4);
  }
}

// A glyph of two parts with a gap between them, as 号 (口 over 丂): 40 px wide, 50 tall.
void DrawStackedGlyph(cv::Mat& ink, int x, int y) {
  cv::rectangle(ink, cv::Rect(x + 6, y, 28, 18), cv::Scalar(255), 4);
  cv::line(ink, cv::Point(x, y + 27), cv::Point(x + 40, y + 27), cv::Scalar(255), 4);
  cv::line(ink, cv::Point(x + 14, y + 27), cv::Point(x + 14, y + 49), cv::Scalar(255), 4);
}

int LinesWithin(const std::vector<Box>& lines, int y0, int y1) {
  int n = 0;
  for (const Box& b : lines) n += b.y >= y0 && b.y + b.height <= y1;
  return n;
}

}  // namespace

TEST_CASE("lines: a lone glyph of stacked parts under a line is one line") {
  cv::Mat ink = cv::Mat::zeros(800, 1600, CV_8U);
  DrawRow(ink, 100, 100, 20);
  DrawRow(ink, 100, 200, 20);
  DrawStackedGlyph(ink, 100, 290);  // the last character of the address, wrapped
  DrawRow(ink, 100, 450, 12);
  std::vector<Box> lines = precheck::image::FindTextLines(ink);
  REQUIRE(LinesWithin(lines, 280, 360) == 1);
  const Box* glyph = nullptr;
  for (const Box& b : lines) {
    if (b.y >= 280 && b.y < 360) glyph = &b;
  }
  REQUIRE(glyph != nullptr);
  CHECK(glyph->height >= 48);
  CHECK(lines.size() == 4);
}

TEST_CASE("lines: two lines of full-height glyphs close together stay apart") {
  cv::Mat ink = cv::Mat::zeros(600, 1200, CV_8U);
  DrawRow(ink, 100, 100, 2);  // two short lines, one under the other
  DrawRow(ink, 100, 165, 2);
  DrawRow(ink, 100, 300, 15);
  std::vector<Box> lines = precheck::image::FindTextLines(ink);
  CHECK(lines.size() == 3);
}

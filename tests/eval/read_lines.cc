// Reads single lines of text with Tesseract, one image per line of a list: the measuring
// tool of tests/eval/hard_glyphs.py (built by it, not by CMake).
//
// Usage: read_lines LIST LANGUAGES, where each line of LIST starts with an image path and a
// tab; prints each line of LIST with a tab and what Tesseract read.

#include <tesseract/baseapi.h>

#include <cstdio>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: read_lines LIST LANGUAGES\n");
    return 2;
  }
  tesseract::TessBaseAPI api;
  if (api.Init(nullptr, argv[2], tesseract::OEM_LSTM_ONLY) != 0) return 1;
  api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  std::ifstream in(argv[1]);
  for (std::string line; std::getline(in, line);) {
    cv::Mat gray = cv::imread(line.substr(0, line.find('\t')), cv::IMREAD_GRAYSCALE);
    if (gray.empty()) continue;
    api.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
    api.SetSourceResolution(300);
    char* text = api.GetUTF8Text();
    std::string read = text ? text : "";
    delete[] text;
    while (!read.empty() && (read.back() == '\n' || read.back() == ' ')) read.pop_back();
    std::printf("%s\t%s\n", line.c_str(), read.c_str());
  }
  return 0;
}

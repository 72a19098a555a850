// Tesseract through its C++ API: one TessBaseAPI per engine, LSTM only, results walked
// with a ResultIterator at word level and regrouped into lines.
//
// Tesseract's chi_sim model often splits a Chinese phrase into several "words" and puts
// spaces between them; the words are re-joined here with spaces only where both sides are
// Latin letters or digits.

#include "ocr/ocr_engine.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "util/box.h"
#include "util/text.h"

namespace precheck::ocr {
namespace {

bool IsLatinOrDigit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

tesseract::PageSegMode ToPsm(Layout layout) {
  switch (layout) {
    case Layout::kBlock:
      return tesseract::PSM_SINGLE_BLOCK;
    case Layout::kLine:
      return tesseract::PSM_SINGLE_LINE;
    case Layout::kLargeLine:
      return tesseract::PSM_SINGLE_LINE;
    case Layout::kAuto:
      return tesseract::PSM_AUTO;
    case Layout::kSparse:
      return tesseract::PSM_SPARSE_TEXT;
    case Layout::kWord:
      return tesseract::PSM_SINGLE_WORD;
  }
  return tesseract::PSM_SINGLE_BLOCK;
}

}  // namespace

std::string JoinWords(const std::vector<Word>& words) {
  std::string out;
  char32_t prev_last = 0;
  for (const Word& w : words) {
    std::u32string u = text::ToU32(w.text);
    if (u.empty()) {
      continue;
    }
    if (!out.empty() && IsLatinOrDigit(prev_last) && IsLatinOrDigit(u.front())) {
      out += ' ';
    }
    out += w.text;
    prev_last = u.back();
  }
  return out;
}

Result<std::unique_ptr<OcrEngine>> OcrEngine::Create(const std::string& tessdata_dir,
                                                     const std::string& languages) {
  std::unique_ptr<OcrEngine> engine(new OcrEngine());
  engine->api_ = std::make_unique<tesseract::TessBaseAPI>();
  // Keep Tesseract's diagnostics out of the caller's stderr.
  engine->api_->SetVariable("debug_file", "/dev/null");
  const char* datapath = tessdata_dir.empty() ? nullptr : tessdata_dir.c_str();
  if (engine->api_->Init(datapath, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Status(StatusCode::kNotFound, "tesseract",
                  "cannot load language data '" + languages +
                      "' (install tesseract-ocr-chi-sim and tesseract-ocr-eng)");
  }
  engine->api_->SetVariable("debug_file", "/dev/null");
  engine->api_->SetVariable("user_defined_dpi", "300");
  return engine;
}

OcrEngine::~OcrEngine() {
  if (api_) {
    api_->End();
  }
}

std::vector<TextLine> OcrEngine::Read(const cv::Mat& gray, const Box& region, Layout layout) {
  std::vector<TextLine> lines;
  Box r = region;
  r.x = std::max(0, r.x);
  r.y = std::max(0, r.y);
  r.width = std::min(r.width, gray.cols - r.x);
  r.height = std::min(r.height, gray.rows - r.y);
  if (r.width < 8 || r.height < 8) {
    return lines;
  }
  cv::Mat crop = gray(cv::Rect(r.x, r.y, r.width, r.height));
  // Tesseract's line recogniser misreads very large glyphs (titles, certificates); it reads
  // them well at about the size it was trained on.
  double scale = 1.0;
  if (layout == Layout::kLargeLine && r.height > 72) {
    scale = 60.0 / r.height;
    cv::resize(crop, crop, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  // Tesseract reads text touching the image edge poorly: give it a white margin.
  const int kPad = std::max(12, std::min(crop.cols, crop.rows) / 3);
  cv::Mat padded;
  // BORDER_ISOLATED: without it OpenCV fills the margin of an ROI from the pixels around it,
  // and Tesseract would read the neighbouring cells.
  cv::copyMakeBorder(crop, padded, kPad, kPad, kPad, kPad,
                     cv::BORDER_CONSTANT | cv::BORDER_ISOLATED, cv::Scalar(255));

  api_->SetPageSegMode(ToPsm(layout));
  api_->SetImage(padded.data, padded.cols, padded.rows, 1, static_cast<int>(padded.step));
  api_->SetSourceResolution(300);
  if (api_->Recognize(nullptr) != 0) {
    api_->Clear();
    return lines;
  }

  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  if (!it) {
    api_->Clear();
    return lines;
  }
  TextLine current;
  auto flush = [&]() {
    if (!current.words.empty()) {
      current.text = JoinWords(current.words);
      double sum = 0;
      for (const Word& w : current.words) {
        sum += w.confidence;
      }
      current.confidence = sum / current.words.size();
      lines.push_back(std::move(current));
    }
    current = TextLine();
  };
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      flush();
    }
    std::unique_ptr<char[]> utf8(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!utf8) {
      continue;
    }
    std::string word = text::RemoveSpaces(utf8.get());
    if (word.empty()) {
      continue;
    }
    int x0, y0, x1, y1;
    it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1);
    Word w;
    w.text = std::move(word);
    w.box = Box{static_cast<int>((x0 - kPad) / scale) + r.x,
                static_cast<int>((y0 - kPad) / scale) + r.y, static_cast<int>((x1 - x0) / scale),
                static_cast<int>((y1 - y0) / scale)};
    w.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0, 0.0, 1.0);
    current.box = Union(current.box, w.box);
    current.words.push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));
  flush();
  api_->Clear();
  return lines;
}

bool OcrEngine::DetectOrientation(const cv::Mat& gray, int* degrees, double* confidence) {
  // Half resolution is plenty for orientation and four times faster.
  cv::Mat small;
  cv::resize(gray, small, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  api_->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  api_->SetImage(small.data, small.cols, small.rows, 1, static_cast<int>(small.step));
  api_->SetSourceResolution(150);
  int deg = 0;
  float conf = 0;
  const char* script = nullptr;
  float script_conf = 0;
  bool ok = api_->DetectOrientationScript(&deg, &conf, &script, &script_conf);
  api_->Clear();
  if (!ok) return false;
  *degrees = deg;
  *confidence = conf;
  return true;
}

bool OcrEngine::SetVariable(const std::string& name, const std::string& value) {
  return api_->SetVariable(name.c_str(), value.c_str());
}

std::vector<std::string> OcrEngine::LoadedLanguages() const {
  std::vector<std::string> out;
  api_->GetLoadedLanguagesAsVector(&out);
  return out;
}

OcrPool::OcrPool(std::string tessdata_dir, std::string languages, int capacity,
                 std::vector<std::pair<std::string, std::string>> variables)
    : tessdata_dir_(std::move(tessdata_dir)),
      languages_(std::move(languages)),
      capacity_(std::max(1, capacity)),
      variables_(std::move(variables)) {}

OcrPool::Lease::~Lease() {
  if (pool_ && engine_) {
    pool_->Release(std::move(engine_));
  }
}

Result<OcrPool::Lease> OcrPool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (idle_.empty() && created_ >= capacity_) {
    available_.wait(lock);
  }
  if (!idle_.empty()) {
    std::unique_ptr<OcrEngine> engine = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(engine));
  }
  ++created_;
  lock.unlock();
  Result<std::unique_ptr<OcrEngine>> engine = OcrEngine::Create(tessdata_dir_, languages_);
  if (!engine.ok()) {
    std::lock_guard<std::mutex> relock(mutex_);
    --created_;
    available_.notify_one();
    return engine.status();
  }
  for (const auto& [name, value] : variables_) {
    (*engine)->SetVariable(name, value);
  }
  return Lease(this, std::move(engine).value());
}

void OcrPool::Release(std::unique_ptr<OcrEngine> engine) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(engine));
  available_.notify_one();
}

}  // namespace precheck::ocr

// Tesseract behind a small interface: recognise a region of a grey page into lines of words.
//
// A TessBaseAPI instance is not thread-safe, so an OcrEngine belongs to one thread at a time;
// OcrPool hands engines out to worker threads and takes them back.

#ifndef PRECHECK_OCR_OCR_ENGINE_H_
#define PRECHECK_OCR_OCR_ENGINE_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "precheck/report.h"
#include "precheck/status.h"

namespace tesseract {
class TessBaseAPI;
}

namespace precheck::ocr {

struct Word {
  std::string text;
  Box box;
  double confidence = 0.0;  // 0..1
};

// One line of text as read, in page coordinates.
struct TextLine {
  std::string text;  // words joined; a space only between two Latin/digit words
  Box box;
  double confidence = 0.0;
  std::vector<Word> words;
  int cell = -1;  // index of the table cell the line lies in, -1 outside tables
};

enum class Layout {
  kBlock,      // a uniform block of text (a table cell)
  kLine,       // a single line
  kLargeLine,  // a single line of large glyphs, scaled down to the size Tesseract knows
  kAuto,       // automatic page segmentation (free text)
  kSparse,     // scattered text in no particular order
  kWord,       // a short run of glyphs as one word: the line mode returns nothing for some
               // lone short lines (秦国杰 alone in a wide cell) that this mode reads
};

class OcrEngine {
 public:
  // Loads `languages` (e.g. "chi_sim+eng") from `tessdata_dir` ("" for Tesseract's default).
  static Result<std::unique_ptr<OcrEngine>> Create(const std::string& tessdata_dir,
                                                   const std::string& languages);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Reads the `region` of the 8-bit grey image `gray` (300 dpi). Boxes are in the coordinates
  // of `gray`. Returns no lines for an empty region.
  std::vector<TextLine> Read(const cv::Mat& gray, const Box& region, Layout layout);

  // For an engine created with the "osd" language: the clockwise rotation of the page's
  // text (0, 90, 180 or 270 degrees) and Tesseract's confidence in it (about 15 and more is
  // sure). Returns false when it cannot tell.
  bool DetectOrientation(const cv::Mat& gray, int* degrees, double* confidence);

  // Sets a Tesseract parameter (e.g. tessedit_char_whitelist) for later reads.
  bool SetVariable(const std::string& name, const std::string& value);
  // The languages actually loaded: Tesseract skips a second language it cannot find.
  std::vector<std::string> LoadedLanguages() const;

 private:
  OcrEngine() = default;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

// A fixed-capacity pool of engines shared by worker threads. Thread-safe.
class OcrPool {
 public:
  // `variables` are Tesseract parameters set on every engine the pool creates.
  OcrPool(std::string tessdata_dir, std::string languages, int capacity,
          std::vector<std::pair<std::string, std::string>> variables = {});

  class Lease {
   public:
    Lease(OcrPool* pool, std::unique_ptr<OcrEngine> engine)
        : pool_(pool), engine_(std::move(engine)) {}
    Lease(Lease&&) = default;
    ~Lease();
    OcrEngine* operator->() { return engine_.get(); }
    OcrEngine& operator*() { return *engine_; }

   private:
    OcrPool* pool_;
    std::unique_ptr<OcrEngine> engine_;
  };

  // Waits for a free engine, creating one while fewer than `capacity` exist.
  Result<Lease> Acquire();

 private:
  void Release(std::unique_ptr<OcrEngine> engine);

  std::string tessdata_dir_;
  std::string languages_;
  int capacity_;
  std::vector<std::pair<std::string, std::string>> variables_;
  int created_ = 0;
  std::vector<std::unique_ptr<OcrEngine>> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

// Joins OCR words of one line: no space between Han characters or punctuation, one space
// between two Latin or digit words.
std::string JoinWords(const std::vector<Word>& words);

}  // namespace precheck::ocr

#endif  // PRECHECK_OCR_OCR_ENGINE_H_

// The engine: checks submissions against the catalog.
//
// An Engine loads the templates and rule sets once and keeps a pool of OCR engines. Check()
// reads every file of a submission (a folder or a single file), recognises each page as a
// material, reads its fields, applies the domain's rules and returns the report. Check() and
// Inspect() are thread-safe: a batch may call them from several threads at once, up to
// EngineOptions::workers of them reading pages at the same time.
//
// Tesseract (as Debian builds it) uses OpenMP threads that contend badly with each other and
// with the engine's own workers: run processes that use the engine with OMP_THREAD_LIMIT=1 in
// the environment (set before the process starts; the precheck command does this itself).

#ifndef PRECHECK_ENGINE_H_
#define PRECHECK_ENGINE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "precheck/catalog.h"
#include "precheck/report.h"
#include "precheck/status.h"

namespace precheck {

enum class LogLevel { kDebug, kInfo, kWarning };

// Receives the engine's diagnostics (the library never prints). Must be thread-safe.
// Messages never carry ID or phone numbers in full, and each is one line: a control
// character (a file named with a line break or an escape sequence) comes as \n, \t or \xNN.
class Logger {
 public:
  virtual ~Logger() = default;
  virtual void Log(LogLevel level, const std::string& message) = 0;
};

struct EngineOptions {
  // Folder holding templates/ and rules/. Empty: $PRECHECK_DATA_DIR, else the installed
  // share/precheck, else the source tree the library was built from.
  std::string data_dir;
  // Tesseract language data folder; empty for Tesseract's default.
  std::string tessdata_dir;
  // Tesseract models for Chinese text ("chi_sim", "chi_sim+HanS"). Empty: chi_sim with the
  // Han script model beside it when that is installed, else chi_sim alone.
  std::string ocr_languages;
  // OCR engines kept; also the number of pages read at once. Default 1.
  int workers = 1;
  // Input limits: a file over them is reported DOC_UNREADABLE before it is decoded.
  std::int64_t max_pixels = 60'000'000;       // per page, as declared by the image header
  std::int64_t max_file_bytes = 256ll << 20;  // per file
  int max_pages = 100;                        // per file
  Logger* logger = nullptr;                   // not owned; may be null
};

struct CheckOptions {
  std::string domain;    // forces the domain; "" decides it (docs/report.md)
  std::string severity;  // penalty severity "general" or "serious"; "" from submission.yaml
  std::string as_of;     // review date YYYY-MM-DD; "" means today
  // When not empty, an existing folder: every page read is also written there as a JPEG,
  // straightened as it was read and with its seals, at half its 300-dpi size, named by
  // PageImageName and listed in SubmissionReport::page_images, for WriteHtml to mark the
  // defects on. A picture that cannot be written is left out (and logged).
  std::string page_images_dir;
  // Black out, on those pictures, the fields read as ID or phone numbers and every line of
  // text that holds one (as RenderOptions::redact masks them in the reports).
  bool redact_page_images = false;
};

// The file name (no folder) under which Check writes the picture of page `page` of `file`
// of the submission at `submission_path`: unique within a batch, stable between runs.
std::string PageImageName(const std::string& submission_path, const std::string& file, int page);

// What the engine sees on one page (for `precheck inspect`).
struct PageInspection {
  int number = 0;
  int width = 0;
  int height = 0;
  double source_dpi = 0;
  bool dpi_estimated = false;
  bool flattened = false;  // a photographed sheet, cut out of its background and flattened
  double skew_degrees = 0;
  bool text_layer = false;
  std::string material;  // "unrecognized" when none
  double confidence = 0;
  std::string title;
  struct Line {
    std::string text;
    Box box;
    double confidence = 0;
    int cell = -1;
  };
  std::vector<Line> lines;
  std::vector<FieldReading> fields;
  std::vector<SignatureReading> signatures;  // the signature blocks found on this page
  std::vector<SealReading> seals;            // with their owners, as in the report
};

struct FileInspection {
  std::string file;
  std::string kind;   // "pdf", "jpeg", ...
  std::string error;  // why it could not be read, "" when it could
  std::vector<PageInspection> pages;
};

class Engine {
 public:
  // Loads the catalog and checks that OCR works. Fails with the catalog's diagnostics or
  // a missing-language-data message.
  static Result<std::unique_ptr<Engine>> Create(const EngineOptions& options);
  ~Engine();

  // Checks one submission. Fails only when the path does not exist or options are invalid;
  // unreadable files are defects in the returned report.
  Result<SubmissionReport> Check(const std::string& path, const CheckOptions& options) const;

  // Reads one file and shows what each page looks like to the engine.
  // When `annotate_png` is not empty, also writes each page with the seals found outlined
  // and labelled: page 1 to that path, page N to the path with "-N" before ".png"; a page
  // that cannot be written is named in FileInspection::error.
  Result<FileInspection> Inspect(const std::string& file,
                                 const std::string& annotate_png = "") const;

  const Catalog& catalog() const;
  // The data folder in use.
  const std::string& data_dir() const;

  // Today's date as YYYY-MM-DD (local time).
  static std::string Today();
  // The data folder Create() would use for an empty EngineOptions::data_dir.
  static std::string DefaultDataDir();

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The library version, e.g. "0.1.0".
const char* Version();

}  // namespace precheck

#endif  // PRECHECK_ENGINE_H_

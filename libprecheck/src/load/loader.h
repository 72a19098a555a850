// Loading a document file into page images at 300 dpi.
//
// Files are recognised by their bytes, never their names. PDF pages are rendered with
// Poppler at 300 dpi and keep their text layer when they have one; raster images (JPEG, PNG,
// TIFF with every page, BMP) are checked against the pixel limit from their header before
// anything is decoded, composited on white when transparent, and scaled to 300 dpi from their
// stated resolution, or from the page size when the stated one cannot be true or is absent.

#ifndef PRECHECK_LOAD_LOADER_H_
#define PRECHECK_LOAD_LOADER_H_

#include <cstdint>
#include <functional>
#include <opencv2/core.hpp>
#include <span>
#include <string>
#include <vector>

#include "precheck/report.h"
#include "precheck/status.h"

namespace precheck::load {

enum class FileKind {
  kPdf,
  kJpeg,
  kPng,
  kTiff,
  kBmp,
  kGif,
  kWebp,
  kNotDocument,  // a known non-document format: text, office, zip, ...
  kEmpty,        // zero bytes
  kUnknown,
};
const char* FileKindName(FileKind kind);  // "pdf", "jpeg", ...

// The kind of a file from its first bytes (at least 16 are needed; fewer means kEmpty or
// kUnknown).
FileKind SniffKind(std::span<const std::uint8_t> head);

struct LoadLimits {
  std::int64_t max_pixels = 100'000'000;      // per page, as declared in the header
  std::int64_t max_file_bytes = 256ll << 20;  // larger files are refused unread
  // Files with more pages are refused whole. LoadFile keeps every page (an A4 page at 300 dpi
  // is about 26 MB), so 100 pages can take 2.6 GB: callers with many pages use ForEachPage.
  int max_pages = 100;
};

// A word or line of a PDF's own text layer, in pixels at 300 dpi.
struct TextSpan {
  std::string text;
  Box box;
};

struct PageImage {
  int number = 0;                    // 1-based within the file
  cv::Mat image;                     // CV_8UC3 BGR, on white, at 300 dpi
  double source_dpi = 300.0;         // the resolution the source had (stated or estimated)
  bool dpi_estimated = false;        // true when the stated dpi was absent or implausible
  bool flattened = false;            // a photographed sheet, cut out and flattened
  std::vector<TextSpan> text_layer;  // empty for scans
};

struct LoadedFile {
  FileKind kind = FileKind::kUnknown;
  std::vector<PageImage> pages;
};

// Loads every page of the file at `path`. Failures (empty, truncated, corrupt, encrypted,
// over a limit, not a document) come back as a Status whose message is a short reason in
// English, e.g. "truncated JPEG (no end-of-image marker)"; the code tells the kind
// (kCorrupt, kEncrypted, kLimitExceeded, kUnsupported, kIOError). Never throws, never
// prompts for a password. Thread-safe.
Result<LoadedFile> LoadFile(const std::string& path, const LoadLimits& limits);

// The same for bytes already in memory (`name` is only used in messages).
Result<LoadedFile> LoadBytes(std::span<const std::uint8_t> bytes, const std::string& name,
                             const LoadLimits& limits);

// Receives one page at a time, in order. A non-ok Status stops the walk and is returned as is.
using PageVisitor = std::function<Status(PageImage&& page)>;

// Streams the pages of the file at `path` to `visit`, decoding or rendering one page at a time
// so that only the page being visited is held in memory (LoadFile collects them). Limits and
// failures are those of LoadFile; a failure on page n comes after pages 1..n-1 were visited.
// When `kind` is given it receives the sniffed kind, even on failure. Never throws (an
// exception from `visit` becomes kInternal). Thread-safe.
Status ForEachPage(const std::string& path, const LoadLimits& limits, const PageVisitor& visit,
                   FileKind* kind = nullptr);

// The same for bytes already in memory (`name` is only used in messages). The bytes must stay
// alive until the call returns.
Status ForEachPageInBytes(std::span<const std::uint8_t> bytes, const std::string& name,
                          const LoadLimits& limits, const PageVisitor& visit,
                          FileKind* kind = nullptr);

}  // namespace precheck::load

#endif  // PRECHECK_LOAD_LOADER_H_

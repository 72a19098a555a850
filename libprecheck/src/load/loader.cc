// The entry points of the load stage: read the file (refused unread when over the byte limit),
// sniff its kind from its bytes, hand it to the PDF renderer or its raster decoder, and number
// and normalise the pages on their way to the visitor. Every exception becomes a Status here.

#include "load/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <new>
#include <opencv2/core.hpp>
#include <system_error>
#include <vector>

#include "load/load_internal.h"

namespace precheck::load {
namespace {

constexpr std::size_t kSniffBytes = 4096;

Status DispatchByKind(internal::Bytes bytes, FileKind kind, const std::string& name,
                      const LoadLimits& limits, const PageVisitor& visit) {
  if (kind == FileKind::kPdf) {
    return internal::RenderPdf(bytes, name, limits, visit);
  }

  int number = 0;
  const internal::RasterVisitor to_page = [&](internal::RasterPage&& raster) {
    PageImage page = internal::NormalizeRaster(std::move(raster), limits);
    page.number = ++number;
    return visit(std::move(page));
  };
  switch (kind) {
    case FileKind::kJpeg:
      return internal::DecodeJpeg(bytes, name, limits, to_page);
    case FileKind::kPng:
      return internal::DecodePng(bytes, name, limits, to_page);
    case FileKind::kTiff:
      return internal::DecodeTiff(bytes, name, limits, to_page);
    case FileKind::kBmp:
    case FileKind::kGif:
    case FileKind::kWebp:
      return internal::DecodeWithLeptonica(bytes, kind, name, limits, to_page);
    default:
      break;
  }

  const std::string format =
      internal::DescribeFormat(bytes.first(std::min(bytes.size(), kSniffBytes)));
  switch (kind) {
    case FileKind::kEmpty:
      return Status(StatusCode::kCorrupt, name, "empty file (0 bytes)");
    case FileKind::kNotDocument:
      return Status(StatusCode::kUnsupported, name,
                    "not a document: " + (format.empty() ? std::string("unknown") : format));
    default:
      if (bytes.size() < 16) {
        return Status(
            StatusCode::kCorrupt, name,
            "file too short to be a document (" + std::to_string(bytes.size()) + " bytes)");
      }
      return Status(StatusCode::kUnsupported, name,
                    format.empty() ? "unrecognised format (not PDF, JPEG, PNG, TIFF, BMP, GIF "
                                     "or WebP)"
                                   : "unsupported format: " + format);
  }
}

Status ReadWholeFile(const std::string& path, const LoadLimits& limits,
                     std::vector<std::uint8_t>* bytes) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) {
    // A link that leads back to itself is not a missing file: it can never be opened.
    if (error == std::errc::too_many_symbolic_link_levels) {
      return Status(StatusCode::kIOError, path, "symbolic link loop");
    }
    return Status(StatusCode::kNotFound, path, "no such file");
  }
  if (fs::is_directory(status)) {
    return Status(StatusCode::kIOError, path, "is a directory, not a file");
  }
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) {
    return Status(StatusCode::kIOError, path, "cannot read the file size: " + error.message());
  }
  if (static_cast<std::int64_t>(size) > limits.max_file_bytes) {
    return Status(StatusCode::kLimitExceeded, path,
                  "file is " + std::to_string(size) + " bytes, over the limit of " +
                      std::to_string(limits.max_file_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kIOError, path, "cannot open the file");
  }
  bytes->resize(size);
  in.read(reinterpret_cast<char*>(bytes->data()), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) {
    return Status(StatusCode::kIOError, path, "cannot read the whole file");
  }
  return Status::Ok();
}

Status FromException(const std::string& name) {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kInternal, name, "out of memory while loading");
  } catch (const cv::Exception& e) {
    // OpenCV's message names its own source file and assertion: what failed is enough.
    return Status(StatusCode::kInternal, name,
                  "image processing failed while loading (" + e.func + ")");
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, name, std::string("failure while loading: ") + e.what());
  } catch (...) {
    return Status(StatusCode::kInternal, name, "unknown failure while loading");
  }
}

}  // namespace

Status ForEachPageInBytes(std::span<const std::uint8_t> bytes, const std::string& name,
                          const LoadLimits& limits, const PageVisitor& visit, FileKind* kind) {
  try {
    const FileKind sniffed = SniffKind(bytes.first(std::min(bytes.size(), kSniffBytes)));
    if (kind != nullptr) {
      *kind = sniffed;
    }
    if (static_cast<std::int64_t>(bytes.size()) > limits.max_file_bytes) {
      return Status(StatusCode::kLimitExceeded, name,
                    "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                        std::to_string(limits.max_file_bytes));
    }
    return DispatchByKind(bytes, sniffed, name, limits, visit);
  } catch (...) {
    return FromException(name);
  }
}

Status ForEachPage(const std::string& path, const LoadLimits& limits, const PageVisitor& visit,
                   FileKind* kind) {
  try {
    std::vector<std::uint8_t> bytes;
    if (Status status = ReadWholeFile(path, limits, &bytes); !status.ok()) {
      return status;
    }
    return ForEachPageInBytes(bytes, path, limits, visit, kind);
  } catch (...) {
    return FromException(path);
  }
}

namespace {

// Runs a page walk that calls `walk(visitor, kind)` and keeps every page it visits.
template <typename Walk>
Result<LoadedFile> CollectPages(Walk walk) {
  LoadedFile file;
  Status status = walk(
      [&file](PageImage&& page) {
        file.pages.push_back(std::move(page));
        return Status::Ok();
      },
      &file.kind);
  if (!status.ok()) {
    return status;
  }
  return file;
}

}  // namespace

Result<LoadedFile> LoadBytes(std::span<const std::uint8_t> bytes, const std::string& name,
                             const LoadLimits& limits) {
  return CollectPages([&](const PageVisitor& visit, FileKind* kind) {
    return ForEachPageInBytes(bytes, name, limits, visit, kind);
  });
}

Result<LoadedFile> LoadFile(const std::string& path, const LoadLimits& limits) {
  return CollectPages([&](const PageVisitor& visit, FileKind* kind) {
    return ForEachPage(path, limits, visit, kind);
  });
}

}  // namespace precheck::load

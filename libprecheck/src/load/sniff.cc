// Recognising a file's format from its first bytes: the magic numbers of the document formats
// precheck reads, of common non-documents (archives, Office files, text), and a UTF-8 check
// for plain text. File names are never consulted.

#include <algorithm>
#include <cstring>
#include <string_view>

#include "load/load_internal.h"
#include "load/loader.h"

namespace precheck::load {
namespace {

constexpr std::size_t kMinSniffBytes = 16;
constexpr std::size_t kPdfSearchBytes = 1024;

bool StartsWith(std::span<const std::uint8_t> head, std::string_view magic,
                std::size_t offset = 0) {
  if (head.size() < offset + magic.size()) {
    return false;
  }
  return std::memcmp(head.data() + offset, magic.data(), magic.size()) == 0;
}

std::uint32_t ReadLe32(std::span<const std::uint8_t> head, std::size_t offset) {
  return static_cast<std::uint32_t>(head[offset]) |
         (static_cast<std::uint32_t>(head[offset + 1]) << 8) |
         (static_cast<std::uint32_t>(head[offset + 2]) << 16) |
         (static_cast<std::uint32_t>(head[offset + 3]) << 24);
}

// "BM" alone is too weak (a text may start with it): also require a known DIB header size.
bool IsBmp(std::span<const std::uint8_t> head) {
  if (!StartsWith(head, "BM") || head.size() < 18) {
    return false;
  }
  const std::uint32_t dib_size = ReadLe32(head, 14);
  return dib_size == 12 || dib_size == 16 || dib_size == 40 || dib_size == 52 || dib_size == 56 ||
         dib_size == 64 || dib_size == 108 || dib_size == 124;
}

bool HasPdfHeader(std::span<const std::uint8_t> head) {
  const std::size_t n = std::min(head.size(), kPdfSearchBytes);
  const std::string_view text(reinterpret_cast<const char*>(head.data()), n);
  return text.find("%PDF") != std::string_view::npos;
}

bool IsArchiveOrOffice(std::span<const std::uint8_t> head) {
  return StartsWith(head, "PK\x03\x04") || StartsWith(head, "PK\x05\x06") ||
         StartsWith(head, "PK\x07\x08") ||
         StartsWith(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") ||  // OLE2: .doc, .xls
         StartsWith(head, "{\\rtf") || StartsWith(head, "\x1F\x8B") ||
         StartsWith(head, "7z\xBC\xAF\x27\x1C") || StartsWith(head, "Rar!\x1A\x07");
}

// Plain text: valid UTF-8 (a sequence cut by the end of `head` is allowed), no NUL byte and
// almost no control characters. A UTF-16 byte-order mark also counts as text.
bool LooksLikeText(std::span<const std::uint8_t> head) {
  if (StartsWith(head, "\xFF\xFE") || StartsWith(head, "\xFE\xFF")) {
    return true;
  }
  std::size_t i = StartsWith(head, "\xEF\xBB\xBF") ? 3 : 0;
  std::size_t controls = 0;
  while (i < head.size()) {
    const std::uint8_t c = head[i];
    if (c == 0) {
      return false;
    }
    if (c < 0x80) {
      const bool blank = c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
      if (c < 0x20 && !blank && c != 0x1B) {
        ++controls;
      }
      if (c == 0x7F) {
        ++controls;
      }
      ++i;
      continue;
    }
    std::size_t length = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
    } else {
      return false;
    }
    if (i + length > head.size()) {
      break;  // cut by the end of the sniffed bytes
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((head[i + k] & 0xC0) != 0x80) {
        return false;
      }
    }
    i += length;
  }
  return controls * 50 <= head.size();  // at most 2%
}

}  // namespace

const char* FileKindName(FileKind kind) {
  switch (kind) {
    case FileKind::kPdf:
      return "pdf";
    case FileKind::kJpeg:
      return "jpeg";
    case FileKind::kPng:
      return "png";
    case FileKind::kTiff:
      return "tiff";
    case FileKind::kBmp:
      return "bmp";
    case FileKind::kGif:
      return "gif";
    case FileKind::kWebp:
      return "webp";
    case FileKind::kNotDocument:
      return "not a document";
    case FileKind::kEmpty:
      return "empty";
    case FileKind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

FileKind SniffKind(std::span<const std::uint8_t> head) {
  if (head.empty()) {
    return FileKind::kEmpty;
  }
  if (head.size() < kMinSniffBytes) {
    // Too short for a page, but a short note or an emptied archive is still no document:
    // a warning, like any other file that is not a material, not a broken scan.
    // The start of a PDF or an image cut short is a broken document, though it reads as text.
    const bool document_start = StartsWith(head, "%PDF") || StartsWith(head, "\xFF\xD8") ||
                                StartsWith(head, "\x89PN") || StartsWith(head, "II") ||
                                StartsWith(head, "MM") || StartsWith(head, "BM") ||
                                StartsWith(head, "GIF");
    if (IsArchiveOrOffice(head) || (!document_start && LooksLikeText(head))) {
      return FileKind::kNotDocument;
    }
    return FileKind::kUnknown;
  }

  // Magic numbers at offset 0 first: they are exact.
  if (StartsWith(head, "\xFF\xD8\xFF")) {
    return FileKind::kJpeg;
  }
  if (StartsWith(head, "\x89PNG\r\n\x1A\n")) {
    return FileKind::kPng;
  }
  if (StartsWith(head, std::string_view("II*\0", 4)) ||
      StartsWith(head, std::string_view("MM\0*", 4)) ||
      StartsWith(head, std::string_view("II+\0", 4)) ||  // BigTIFF
      StartsWith(head, std::string_view("MM\0+", 4))) {
    return FileKind::kTiff;
  }
  if (StartsWith(head, "GIF87a") || StartsWith(head, "GIF89a")) {
    return FileKind::kGif;
  }
  if (StartsWith(head, "RIFF") && StartsWith(head, "WEBP", 8)) {
    return FileKind::kWebp;
  }
  if (IsBmp(head)) {
    return FileKind::kBmp;
  }
  if (IsArchiveOrOffice(head)) {
    return FileKind::kNotDocument;
  }

  // A PDF may carry some bytes before its header; readers accept it within 1 KB.
  if (HasPdfHeader(head)) {
    return FileKind::kPdf;
  }
  if (LooksLikeText(head)) {
    return FileKind::kNotDocument;
  }
  return FileKind::kUnknown;
}

namespace internal {

std::string DescribeFormat(Bytes head) {
  if (StartsWith(head, "PK")) {
    return "a ZIP archive or Office document (docx, xlsx)";
  }
  if (StartsWith(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return "a legacy Office document (doc, xls)";
  }
  if (StartsWith(head, "{\\rtf")) {
    return "an RTF document";
  }
  if (StartsWith(head, "\x1F\x8B") || StartsWith(head, "7z\xBC\xAF\x27\x1C") ||
      StartsWith(head, "Rar!\x1A\x07")) {
    return "a compressed archive";
  }
  if (StartsWith(head, "ftyp", 4)) {
    return "an HEIF/HEIC image or video, which precheck does not read";
  }
  if (StartsWith(head, std::string_view("\0\0\0\x0CjP  ", 8)) ||
      StartsWith(head, "\xFF\x4F\xFF\x51")) {
    return "a JPEG 2000 image, which precheck does not read";
  }
  if (head.size() >= kMinSniffBytes && LooksLikeText(head)) {
    return "plain text";
  }
  return "";
}

}  // namespace internal
}  // namespace precheck::load

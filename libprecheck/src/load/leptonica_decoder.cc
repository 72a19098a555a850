// BMP, GIF and WebP decoding through Leptonica, rare in submissions but seen. The declared size
// is read from the header first (Leptonica's own header reader decodes BMP and GIF whole);
// Leptonica's messages are switched off once for the process, since the library never prints.

#include <leptonica/allheaders.h>

#include <cstdlib>
#include <memory>
#include <mutex>

#include "load/load_internal.h"

namespace precheck::load::internal {
namespace {

// Limitation: an animated GIF or WebP yields its first frame only; submissions are scans, and
// a document sent as an animation is not one we expect.
void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

std::int64_t Le16(Bytes b, std::size_t at) { return b[at] | (b[at + 1] << 8); }
std::int64_t Le32(Bytes b, std::size_t at) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(Le16(b, at)) |
                                   (static_cast<std::uint32_t>(Le16(b, at + 2)) << 16));
}

// The width and height a header declares; false when the header is too short to say.
bool DeclaredSize(Bytes bytes, FileKind kind, std::int64_t* width, std::int64_t* height) {
  switch (kind) {
    case FileKind::kBmp: {
      if (bytes.size() < 26) {
        return false;
      }
      if (Le32(bytes, 14) == 12) {  // OS/2 core header: 16-bit sizes
        *width = Le16(bytes, 18);
        *height = Le16(bytes, 20);
      } else {
        *width = std::llabs(Le32(bytes, 18));
        *height = std::llabs(Le32(bytes, 22));  // negative for top-down rows
      }
      return true;
    }
    case FileKind::kGif:
      if (bytes.size() < 10) {
        return false;
      }
      *width = Le16(bytes, 6);
      *height = Le16(bytes, 8);
      return true;
    case FileKind::kWebp: {
      l_int32 w = 0;
      l_int32 h = 0;
      l_int32 spp = 0;
      if (readHeaderMemWebP(bytes.data(), bytes.size(), &w, &h, &spp) != 0) {
        return false;
      }
      *width = w;
      *height = h;
      return true;
    }
    default:
      return false;
  }
}

const char* KindLabel(FileKind kind) {
  switch (kind) {
    case FileKind::kBmp:
      return "BMP";
    case FileKind::kGif:
      return "GIF";
    default:
      return "WebP";
  }
}

// A Leptonica image of any depth as gray, BGR or BGRA.
cv::Mat PixToMat(PIX* source) {
  PixPtr owned;
  PIX* pix = source;
  if (pixGetColormap(pix) != nullptr) {
    owned.reset(pixRemoveColormap(pix, REMOVE_CMAP_WITH_ALPHA));
    pix = owned.get();
  }
  const int width = pixGetWidth(pix);
  const int height = pixGetHeight(pix);
  if (pixGetDepth(pix) == 32) {
    const bool alpha = pixGetSpp(pix) == 4;
    cv::Mat out(height, width, alpha ? CV_8UC4 : CV_8UC3);
    const int channels = alpha ? 4 : 3;
    for (int y = 0; y < height; ++y) {
      const l_uint32* line = pixGetData(pix) + static_cast<std::size_t>(y) * pixGetWpl(pix);
      std::uint8_t* row = out.ptr<std::uint8_t>(y);
      for (int x = 0; x < width; ++x, row += channels) {
        const l_uint32 word = line[x];
        row[0] = static_cast<std::uint8_t>(word >> L_BLUE_SHIFT);
        row[1] = static_cast<std::uint8_t>(word >> L_GREEN_SHIFT);
        row[2] = static_cast<std::uint8_t>(word >> L_RED_SHIFT);
        if (alpha) {
          row[3] = static_cast<std::uint8_t>(word >> L_ALPHA_SHIFT);
        }
      }
    }
    return out;
  }
  PixPtr gray(pixConvertTo8(pix, 0));
  if (gray == nullptr) {
    return cv::Mat();
  }
  cv::Mat out(height, width, CV_8UC1);
  for (int y = 0; y < height; ++y) {
    const l_uint32* line =
        pixGetData(gray.get()) + static_cast<std::size_t>(y) * pixGetWpl(gray.get());
    std::uint8_t* row = out.ptr<std::uint8_t>(y);
    for (int x = 0; x < width; ++x) {
      row[x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
    }
  }
  return out;
}

}  // namespace

Status DecodeWithLeptonica(Bytes bytes, FileKind kind, const std::string& name,
                           const LoadLimits& limits, const RasterVisitor& visit) {
  QuietLeptonica();
  const std::string label = KindLabel(kind);
  std::int64_t width = 0;
  std::int64_t height = 0;
  if (!DeclaredSize(bytes, kind, &width, &height)) {
    return Status(StatusCode::kCorrupt, name, "corrupt " + label + " (unreadable header)");
  }
  if (Status limit = CheckPixelLimit(width, height, limits, name); !limit.ok()) {
    return limit;
  }

  PixPtr pix(pixReadMem(bytes.data(), bytes.size()));
  if (pix == nullptr) {
    return Status(StatusCode::kCorrupt, name, "corrupt or truncated " + label);
  }
  // A GIF frame may be larger than the screen its header declares.
  if (Status limit = CheckPixelLimit(pixGetWidth(pix.get()), pixGetHeight(pix.get()), limits, name);
      !limit.ok()) {
    return limit;
  }
  RasterPage page;
  page.pixels = PixToMat(pix.get());
  if (page.pixels.empty()) {
    return Status(StatusCode::kCorrupt, name, "corrupt " + label + " (unsupported depth)");
  }
  page.x_dpi = pixGetXRes(pix.get());
  page.y_dpi = pixGetYRes(pix.get());
  return visit(std::move(page));
}

}  // namespace precheck::load::internal

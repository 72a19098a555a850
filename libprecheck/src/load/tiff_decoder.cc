// TIFF decoding with libtiff from memory, each directory a page, through TIFFRGBAImage (G3/G4
// fax, gray, palette, RGB, CMYK, YCbCr). Messages go to handlers of this handle only, so nothing
// prints and other threads are untouched; each page's size is checked before decoding.

#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "load/load_internal.h"

namespace precheck::load::internal {
namespace {

struct TiffSource {
  const std::uint8_t* data = nullptr;
  std::uint64_t size = 0;
  std::uint64_t pos = 0;
  std::string first_error;
};

tmsize_t TiffRead(thandle_t handle, void* out, tmsize_t length) {
  auto* source = static_cast<TiffSource*>(handle);
  if (length <= 0 || source->pos >= source->size) {
    return 0;
  }
  const std::uint64_t n = std::min<std::uint64_t>(length, source->size - source->pos);
  std::memcpy(out, source->data + source->pos, n);
  source->pos += n;
  return static_cast<tmsize_t>(n);
}

tmsize_t TiffWrite(thandle_t, void*, tmsize_t) { return 0; }

toff_t TiffSeek(thandle_t handle, toff_t offset, int whence) {
  auto* source = static_cast<TiffSource*>(handle);
  std::uint64_t base = 0;
  if (whence == SEEK_CUR) {
    base = source->pos;
  } else if (whence == SEEK_END) {
    base = source->size;
  }
  source->pos = base + offset;
  return source->pos;
}

int TiffClose(thandle_t) { return 0; }

toff_t TiffSize(thandle_t handle) { return static_cast<TiffSource*>(handle)->size; }

// Read-only mode never writes through the mapping, so the caller's const bytes are safe.
int TiffMap(thandle_t handle, void** base, toff_t* size) {
  auto* source = static_cast<TiffSource*>(handle);
  *base = const_cast<std::uint8_t*>(source->data);
  *size = source->size;
  return 1;
}

void TiffUnmap(thandle_t, void*, toff_t) {}

int TiffError(TIFF*, void* user_data, const char* module, const char* format, va_list args) {
  auto* source = static_cast<TiffSource*>(user_data);
  if (source->first_error.empty()) {
    char buffer[512];
    std::vsnprintf(buffer, sizeof(buffer), format, args);
    source->first_error = buffer;
  }
  return 1;  // handled: the global handler, which prints, is not called
}

int TiffWarning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

struct TiffCloser {
  void operator()(TIFF* tif) const { TIFFClose(tif); }
};
struct TiffOptionsDeleter {
  void operator()(TIFFOpenOptions* options) const { TIFFOpenOptionsFree(options); }
};

// Whether TIFFRGBAImage hands back this page's colour premultiplied by its alpha. It
// premultiplies unassociated alpha for RGB and planar data, but passes contiguous 8-bit
// gray + alpha through as stored.
bool RgbaIsPremultiplied(TIFF* tif) {
  std::uint16_t photometric = PHOTOMETRIC_MINISBLACK;
  std::uint16_t planar = PLANARCONFIG_CONTIG;
  std::uint16_t bits = 1;
  std::uint16_t samples = 1;
  std::uint16_t extra_count = 0;
  std::uint16_t* extra_types = nullptr;
  TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
  TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted(tif, TIFFTAG_EXTRASAMPLES, &extra_count, &extra_types);
  const bool gray = photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE;
  const bool unassociated = extra_count > 0 && extra_types[0] == EXTRASAMPLE_UNASSALPHA;
  return !(gray && planar == PLANARCONFIG_CONTIG && bits == 8 && samples == 2 && unassociated);
}

bool HasAlpha(TIFF* tif) {
  std::uint16_t samples = 1;
  std::uint16_t extra_count = 0;
  std::uint16_t* extra_types = nullptr;
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted(tif, TIFFTAG_EXTRASAMPLES, &extra_count, &extra_types);
  if (extra_count == 0) {
    return false;
  }
  return extra_types[0] == EXTRASAMPLE_ASSOCALPHA || extra_types[0] == EXTRASAMPLE_UNASSALPHA ||
         (extra_types[0] == EXTRASAMPLE_UNSPECIFIED && samples > 3);
}

// TIFFRGBAImage drops the alpha of 16-bit gray + alpha pages (a black page where a
// transparent one was meant), so these are read by scanline instead.
// Limitation: tiled pages of this kind still lose their alpha, and the scanline path ignores
// the Orientation tag.
bool IsDeepGrayWithAlpha(TIFF* tif) {
  std::uint16_t photometric = PHOTOMETRIC_MINISBLACK;
  std::uint16_t planar = PLANARCONFIG_CONTIG;
  std::uint16_t bits = 1;
  std::uint16_t samples = 1;
  TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
  TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
  const bool gray = photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE;
  return gray && planar == PLANARCONFIG_CONTIG && bits == 16 && samples == 2 && HasAlpha(tif) &&
         TIFFIsTiled(tif) == 0;
}

// Reads a 16-bit gray + alpha page (strips, contiguous) into BGRA.
bool ReadDeepGrayWithAlpha(TIFF* tif, std::uint32_t width, std::uint32_t height, RasterPage* page) {
  std::uint16_t photometric = PHOTOMETRIC_MINISBLACK;
  std::uint16_t extra_count = 0;
  std::uint16_t* extra_types = nullptr;
  TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetFieldDefaulted(tif, TIFFTAG_EXTRASAMPLES, &extra_count, &extra_types);
  const bool associated = extra_count > 0 && extra_types[0] == EXTRASAMPLE_ASSOCALPHA;
  const bool inverted = photometric == PHOTOMETRIC_MINISWHITE;
  const tmsize_t line_size = TIFFScanlineSize(tif);
  if (line_size < static_cast<tmsize_t>(width) * 4) {
    return false;
  }
  std::vector<std::uint16_t> line((line_size + 1) / 2);
  page->pixels.create(static_cast<int>(height), static_cast<int>(width), CV_8UC4);
  page->premultiplied = associated;
  for (std::uint32_t y = 0; y < height; ++y) {
    if (TIFFReadScanline(tif, line.data(), y, 0) < 0) {
      return false;
    }
    std::uint8_t* out = page->pixels.ptr<std::uint8_t>(static_cast<int>(y));
    for (std::uint32_t x = 0; x < width; ++x, out += 4) {
      const int alpha = (line[2 * x + 1] + 128) / 257;
      int gray = (line[2 * x] + 128) / 257;
      if (inverted) {
        gray = std::max(0, (associated ? alpha : 255) - gray);
      }
      out[0] = out[1] = out[2] = static_cast<std::uint8_t>(gray);
      out[3] = static_cast<std::uint8_t>(alpha);
    }
  }
  return true;
}

void ReadResolution(TIFF* tif, RasterPage* page) {
  float x_res = 0.0f;
  float y_res = 0.0f;
  std::uint16_t unit = RESUNIT_INCH;
  TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
  const double per_inch = unit == RESUNIT_INCH ? 1.0 : unit == RESUNIT_CENTIMETER ? 2.54 : 0.0;
  if (TIFFGetField(tif, TIFFTAG_XRESOLUTION, &x_res) != 0) {
    page->x_dpi = x_res * per_inch;
  }
  if (TIFFGetField(tif, TIFFTAG_YRESOLUTION, &y_res) != 0) {
    page->y_dpi = y_res * per_inch;
  }
}

// Rewrites libtiff's packed ABGR words as BGRA bytes, in place. When the colour was taken to
// be premultiplied but a channel exceeds its alpha, it cannot have been: it is returned as
// straight.
bool PackedToBgra(cv::Mat* pixels, bool premultiplied) {
  bool consistent = true;
  for (int y = 0; y < pixels->rows; ++y) {
    std::uint8_t* row = pixels->ptr<std::uint8_t>(y);
    for (int x = 0; x < pixels->cols; ++x) {
      std::uint32_t word;
      std::memcpy(&word, row + 4 * x, 4);
      const std::uint8_t r = TIFFGetR(word);
      const std::uint8_t g = TIFFGetG(word);
      const std::uint8_t b = TIFFGetB(word);
      const std::uint8_t a = TIFFGetA(word);
      row[4 * x] = b;
      row[4 * x + 1] = g;
      row[4 * x + 2] = r;
      row[4 * x + 3] = a;
      consistent = consistent && std::max({r, g, b}) <= a;
    }
  }
  return premultiplied && consistent;
}

}  // namespace

Status DecodeTiff(Bytes bytes, const std::string& name, const LoadLimits& limits,
                  const RasterVisitor& visit) {
  TiffSource source;
  source.data = bytes.data();
  source.size = bytes.size();
  std::unique_ptr<TIFFOpenOptions, TiffOptionsDeleter> options(TIFFOpenOptionsAlloc());
  if (options == nullptr) {
    return Status(StatusCode::kInternal, name, "cannot start the TIFF decoder");
  }
  TIFFOpenOptionsSetErrorHandlerExtR(options.get(), TiffError, &source);
  TIFFOpenOptionsSetWarningHandlerExtR(options.get(), TiffWarning, &source);
  // No single allocation beyond what the largest allowed page needs (16-bit RGBA samples).
  TIFFOpenOptionsSetMaxSingleMemAlloc(options.get(), 8 * limits.max_pixels + (64 << 20));
  std::unique_ptr<TIFF, TiffCloser> tif(TIFFClientOpenExt(name.c_str(), "r", &source, TiffRead,
                                                          TiffWrite, TiffSeek, TiffClose, TiffSize,
                                                          TiffMap, TiffUnmap, options.get()));
  auto corrupt = [&](const std::string& context, const char* what) {
    std::string reason = std::string("corrupt or truncated TIFF (") + what;
    if (!source.first_error.empty()) {
      reason += ": " + source.first_error;
    }
    return Status(StatusCode::kCorrupt, context, reason + ")");
  };
  if (tif == nullptr) {
    return corrupt(name, "cannot read the header");
  }

  const tdir_t page_count = TIFFNumberOfDirectories(tif.get());
  if (page_count == 0) {
    return corrupt(name, "no image directory");
  }
  if (Status limit = CheckPageLimit(page_count, limits, name); !limit.ok()) {
    return limit;
  }

  for (tdir_t index = 0; index < page_count; ++index) {
    const std::string context = PageContext(name, static_cast<int>(index) + 1);
    if (TIFFSetDirectory(tif.get(), index) == 0) {
      return corrupt(context, "cannot read the image directory");
    }
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &height);
    if (Status limit = CheckPixelLimit(width, height, limits, context); !limit.ok()) {
      return limit;
    }
    char why[1024] = {};
    if (TIFFRGBAImageOK(tif.get(), why) == 0) {
      return Status(StatusCode::kUnsupported, context, std::string("unsupported TIFF: ") + why);
    }

    RasterPage page;
    ReadResolution(tif.get(), &page);
    source.first_error.clear();
    if (IsDeepGrayWithAlpha(tif.get())) {
      if (!ReadDeepGrayWithAlpha(tif.get(), width, height, &page)) {
        return corrupt(context, "cannot decode the image");
      }
      if (Status status = visit(std::move(page)); !status.ok()) {
        return status;
      }
      continue;
    }
    page.pixels.create(static_cast<int>(height), static_cast<int>(width), CV_8UC4);
    if (TIFFReadRGBAImageOriented(tif.get(), width, height,
                                  reinterpret_cast<std::uint32_t*>(page.pixels.data),
                                  ORIENTATION_TOPLEFT, 1) == 0) {
      return corrupt(context, "cannot decode the image");
    }
    page.premultiplied = PackedToBgra(&page.pixels, RgbaIsPremultiplied(tif.get()));
    if (!HasAlpha(tif.get())) {
      cv::Mat opaque(page.pixels.rows, page.pixels.cols, CV_8UC3);
      const int from_to[] = {0, 0, 1, 1, 2, 2};
      cv::mixChannels(&page.pixels, 1, &opaque, 1, from_to, 3);
      page.pixels = opaque;
    }
    if (Status status = visit(std::move(page)); !status.ok()) {
      return status;
    }
  }
  return Status::Ok();
}

}  // namespace precheck::load::internal

// PNG decoding with libpng behind silent handlers (its defaults print). The header is checked
// against the pixel limit before any data is inflated; every flavour (palette, 1-16 bit, gray,
// colour, alpha or tRNS, interlaced) comes out as 8-bit BGR or BGRA.

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "load/load_internal.h"

namespace precheck::load::internal {
namespace {

struct PngReader {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::size_t offset = 0;
  bool ran_out = false;  // a read went past the end of the bytes
  char message[256] = {};
};

void PngReadBytes(png_structp png, png_bytep out, png_size_t length) {
  auto* reader = static_cast<PngReader*>(png_get_io_ptr(png));
  if (length > reader->size - reader->offset) {
    reader->ran_out = true;
    png_error(png, "data ends early");
  }
  std::memcpy(out, reader->data + reader->offset, length);
  reader->offset += length;
}

void PngError(png_structp png, png_const_charp message) {
  auto* reader = static_cast<PngReader*>(png_get_error_ptr(png));
  if (reader->message[0] == '\0') {
    std::snprintf(reader->message, sizeof(reader->message), "%s", message);
  }
  png_longjmp(png, 1);
}

void PngWarning(png_structp, png_const_charp) {}

struct PngHeader {
  png_uint_32 width = 0;
  png_uint_32 height = 0;
  int bit_depth = 0;
  int color_type = 0;
  bool has_alpha = false;
  double x_dpi = 0.0;
  double y_dpi = 0.0;
};

// Reads the chunks up to the image data. Only plain data lives in this frame: libpng leaves it
// by longjmp on error.
bool ReadPngHeader(png_structp png, png_infop info, PngHeader* header) {
  if (setjmp(png_jmpbuf(png))) {
    return false;
  }
  png_read_info(png, info);
  int interlace = 0;
  png_get_IHDR(png, info, &header->width, &header->height, &header->bit_depth, &header->color_type,
               &interlace, nullptr, nullptr);
  header->has_alpha = (header->color_type & PNG_COLOR_MASK_ALPHA) != 0 ||
                      png_get_valid(png, info, PNG_INFO_tRNS) != 0;
  png_uint_32 x_res = 0;
  png_uint_32 y_res = 0;
  int unit = 0;
  if (png_get_pHYs(png, info, &x_res, &y_res, &unit) != 0 && unit == PNG_RESOLUTION_METER) {
    header->x_dpi = x_res * 0.0254;
    header->y_dpi = y_res * 0.0254;
  }
  return true;
}

// Sets up 8-bit BGR(A) output and decodes into `rows` (height pointers of width * channels
// bytes), then reads to IEND.
bool ReadPngImage(png_structp png, png_infop info, const PngHeader* header, int channels,
                  png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) {
    return false;
  }
  if (header->bit_depth == 16) {
    png_set_scale_16(png);
  }
  if (header->color_type == PNG_COLOR_TYPE_PALETTE) {
    png_set_palette_to_rgb(png);
  }
  if ((header->color_type & PNG_COLOR_MASK_COLOR) == 0 && header->bit_depth < 8) {
    png_set_expand_gray_1_2_4_to_8(png);
  }
  if (png_get_valid(png, info, PNG_INFO_tRNS) != 0) {
    png_set_tRNS_to_alpha(png);
  }
  if ((header->color_type & PNG_COLOR_MASK_COLOR) == 0) {
    png_set_gray_to_rgb(png);
  }
  png_set_bgr(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  if (png_get_channels(png, info) != channels ||
      png_get_rowbytes(png, info) != static_cast<png_size_t>(header->width) * channels) {
    png_error(png, "unexpected pixel layout after conversion");
  }
  png_read_image(png, rows);
  png_read_end(png, nullptr);
  return true;
}

Status PngFailure(const PngReader& reader, const std::string& name) {
  if (reader.ran_out) {
    return Status(StatusCode::kCorrupt, name, "truncated PNG (data ends before the image end)");
  }
  return Status(StatusCode::kCorrupt, name, std::string("corrupt PNG (") + reader.message + ")");
}

}  // namespace

Status DecodePng(Bytes bytes, const std::string& name, const LoadLimits& limits,
                 const RasterVisitor& visit) {
  PngReader reader;
  reader.data = bytes.data();
  reader.size = bytes.size();
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader, PngError, PngWarning);
  if (png == nullptr) {
    return Status(StatusCode::kInternal, name, "cannot start the PNG decoder");
  }
  png_infop info = png_create_info_struct(png);
  struct Cleanup {
    png_structp* png;
    png_infop* info;
    ~Cleanup() { png_destroy_read_struct(png, info, nullptr); }
  } cleanup{&png, &info};
  if (info == nullptr) {
    return Status(StatusCode::kInternal, name, "cannot start the PNG decoder");
  }
  png_set_read_fn(png, &reader, PngReadBytes);

  PngHeader header;
  if (!ReadPngHeader(png, info, &header)) {
    return PngFailure(reader, name);
  }
  if (Status limit = CheckPixelLimit(header.width, header.height, limits, name); !limit.ok()) {
    return limit;
  }

  const int channels = header.has_alpha ? 4 : 3;
  RasterPage page;
  page.pixels.create(static_cast<int>(header.height), static_cast<int>(header.width),
                     channels == 4 ? CV_8UC4 : CV_8UC3);
  page.x_dpi = header.x_dpi;
  page.y_dpi = header.y_dpi;
  std::vector<png_bytep> rows(header.height);
  for (png_uint_32 y = 0; y < header.height; ++y) {
    rows[y] = page.pixels.ptr<png_byte>(static_cast<int>(y));
  }
  if (!ReadPngImage(png, info, &header, channels, rows.data())) {
    return PngFailure(reader, name);
  }
  return visit(std::move(page));
}

}  // namespace precheck::load::internal

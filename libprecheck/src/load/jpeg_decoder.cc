// JPEG decoding with libjpeg behind a silent error manager. A file with no end-of-image marker
// after its first scan, or whose image data stops early, is truncated, whatever a lenient
// decoder would make of it. EXIF orientation is applied; resolution comes from JFIF or EXIF.

// jpeglib.h needs FILE and size_t declared before it.
// clang-format off
#include <stdio.h>
#include <jpeglib.h>
#include <jerror.h>
// clang-format on

#include <csetjmp>
#include <cstring>
#include <opencv2/core.hpp>
#include <utility>

#include "load/load_internal.h"

namespace precheck::load::internal {
namespace {

constexpr int kExifMarker = JPEG_APP0 + 1;

struct JpegErrors {
  jpeg_error_mgr base;  // first, so that libjpeg's pointer to it is a pointer to this
  std::jmp_buf jump;
  bool ran_out;
  char message[JMSG_LENGTH_MAX];
};

void JpegErrorExit(j_common_ptr cinfo) {
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  if (errors->message[0] == '\0') {
    (*cinfo->err->format_message)(cinfo, errors->message);
  }
  std::longjmp(errors->jump, 1);
}

// Counts warnings and notes those that say the image data ended before the image did: the
// input ran out, or a marker (an end-of-image glued to a cut file) came where data should be.
// Prints nothing.
void JpegEmitMessage(j_common_ptr cinfo, int level) {
  if (level < 0) {
    auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
    if (cinfo->err->msg_code == JWRN_JPEG_EOF || cinfo->err->msg_code == JWRN_HIT_MARKER) {
      errors->ran_out = true;
    }
    ++cinfo->err->num_warnings;
  }
}

void JpegOutputMessage(j_common_ptr) {}

// Whether an end-of-image marker (FF D9) follows the first start-of-scan. Entropy-coded data
// never contains FF D9, so its absence means the file was cut.
bool HasEndOfImage(Bytes bytes) {
  std::size_t pos = 2;
  while (pos + 4 <= bytes.size()) {
    const std::uint8_t marker = bytes[pos + 1];
    if (bytes[pos] != 0xFF || marker == 0xFF || marker == 0x00) {
      ++pos;  // fill bytes, or stray bytes between segments, which libjpeg also skips
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      pos += 2;  // markers without a length
      continue;
    }
    if (marker == 0xD9) {
      return false;  // an end before any scan
    }
    const std::size_t length = (static_cast<std::size_t>(bytes[pos + 2]) << 8) | bytes[pos + 3];
    if (marker == 0xDA) {
      for (std::size_t i = pos + 2 + length; i + 1 < bytes.size(); ++i) {
        if (bytes[i] == 0xFF && bytes[i + 1] == 0xD9) {
          return true;
        }
      }
      return false;
    }
    pos += 2 + length;
  }
  return false;
}

struct ExifInfo {
  int orientation = 1;
  double x_dpi = 0.0;
  double y_dpi = 0.0;
};

// Reads orientation and resolution from the first IFD of an EXIF block ("Exif\0\0" then a
// TIFF header). Anything out of bounds is ignored.
ExifInfo ParseExif(const std::uint8_t* data, std::size_t size) {
  ExifInfo exif;
  if (size < 14 || std::memcmp(data, "Exif\0\0", 6) != 0) {
    return exif;
  }
  const std::uint8_t* tiff = data + 6;
  const std::size_t n = size - 6;
  const bool little = tiff[0] == 'I';
  auto u16 = [&](std::size_t at) -> std::uint32_t {
    if (at + 2 > n) return 0;
    return little ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1];
  };
  auto u32 = [&](std::size_t at) -> std::uint32_t {
    if (at + 4 > n) return 0;
    return little ? u16(at) | (u16(at + 2) << 16) : (u16(at) << 16) | u16(at + 2);
  };
  auto rational = [&](std::size_t at) -> double {
    const std::uint32_t offset = u32(at);
    const std::uint32_t denominator = u32(offset + 4);
    return denominator == 0 ? 0.0 : static_cast<double>(u32(offset)) / denominator;
  };
  const std::size_t ifd = u32(4);
  const std::uint32_t count = u16(ifd);
  double x_res = 0.0;
  double y_res = 0.0;
  std::uint32_t unit = 2;
  for (std::uint32_t i = 0; i < count && ifd + 2 + 12 * (i + 1) <= n; ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;
    switch (u16(entry)) {
      case 0x0112:
        exif.orientation = static_cast<int>(u16(entry + 8));
        break;
      case 0x011A:
        x_res = rational(entry + 8);
        break;
      case 0x011B:
        y_res = rational(entry + 8);
        break;
      case 0x0128:
        unit = u16(entry + 8);
        break;
      default:
        break;
    }
  }
  const double per_inch = unit == 2 ? 1.0 : unit == 3 ? 2.54 : 0.0;
  exif.x_dpi = x_res * per_inch;
  exif.y_dpi = y_res * per_inch;
  if (exif.orientation < 1 || exif.orientation > 8) {
    exif.orientation = 1;
  }
  return exif;
}

// Plain data only in the frames below: libjpeg leaves them by longjmp on error.
bool ReadJpegHeader(jpeg_decompress_struct* cinfo, JpegErrors* errors, Bytes bytes) {
  if (setjmp(errors->jump)) {
    return false;
  }
  jpeg_create_decompress(cinfo);
  jpeg_mem_src(cinfo, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_save_markers(cinfo, kExifMarker, 0xFFFF);
  jpeg_read_header(cinfo, TRUE);
  return true;
}

bool ReadJpegImage(jpeg_decompress_struct* cinfo, JpegErrors* errors, std::uint8_t* pixels,
                   std::size_t step, int channels) {
  if (setjmp(errors->jump)) {
    return false;
  }
  switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE:
      cinfo->out_color_space = JCS_GRAYSCALE;
      break;
    case JCS_CMYK:
    case JCS_YCCK:
      cinfo->out_color_space = JCS_CMYK;
      break;
    default:
      cinfo->out_color_space = JCS_EXT_BGR;
      break;
  }
  jpeg_start_decompress(cinfo);
  if (cinfo->output_components != channels) {
    ERREXIT(cinfo, JERR_BAD_J_COLORSPACE);
  }
  while (cinfo->output_scanline < cinfo->output_height) {
    JSAMPROW row = pixels + step * cinfo->output_scanline;
    jpeg_read_scanlines(cinfo, &row, 1);
  }
  jpeg_finish_decompress(cinfo);
  return true;
}

// CMYK as libjpeg delivers it to BGR; Adobe's files store the inks inverted.
cv::Mat CmykToBgr(const cv::Mat& cmyk, bool inverted) {
  cv::Mat bgr(cmyk.rows, cmyk.cols, CV_8UC3);
  for (int y = 0; y < cmyk.rows; ++y) {
    const std::uint8_t* in = cmyk.ptr<std::uint8_t>(y);
    std::uint8_t* out = bgr.ptr<std::uint8_t>(y);
    for (int x = 0; x < cmyk.cols; ++x, in += 4, out += 3) {
      const int k = inverted ? in[3] : 255 - in[3];
      for (int c = 0; c < 3; ++c) {
        const int ink = inverted ? in[c] : 255 - in[c];
        out[2 - c] = static_cast<std::uint8_t>((ink * k + 127) / 255);
      }
    }
  }
  return bgr;
}

// Turns the stored pixels upright according to the EXIF orientation (1-8).
void ApplyOrientation(int orientation, RasterPage* page) {
  cv::Mat& m = page->pixels;
  cv::Mat out;
  switch (orientation) {
    case 2:
      cv::flip(m, out, 1);
      break;
    case 3:
      cv::rotate(m, out, cv::ROTATE_180);
      break;
    case 4:
      cv::flip(m, out, 0);
      break;
    case 5:
      cv::transpose(m, out);
      break;
    case 6:
      cv::rotate(m, out, cv::ROTATE_90_CLOCKWISE);
      break;
    case 7:
      cv::transpose(m, out);
      cv::flip(out, out, -1);
      break;
    case 8:
      cv::rotate(m, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    default:
      return;
  }
  m = out;
  if (orientation >= 5) {
    std::swap(page->x_dpi, page->y_dpi);
  }
}

}  // namespace

Status DecodeJpeg(Bytes bytes, const std::string& name, const LoadLimits& limits,
                  const RasterVisitor& visit) {
  if (!HasEndOfImage(bytes)) {
    return Status(StatusCode::kCorrupt, name, "truncated JPEG (no end-of-image marker)");
  }

  jpeg_decompress_struct cinfo{};
  JpegErrors errors{};
  cinfo.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = JpegErrorExit;
  errors.base.emit_message = JpegEmitMessage;
  errors.base.output_message = JpegOutputMessage;
  // jpeg_destroy_decompress is safe on a zeroed struct, should creation itself fail.
  struct Cleanup {
    jpeg_decompress_struct* cinfo;
    ~Cleanup() { jpeg_destroy_decompress(cinfo); }
  } cleanup{&cinfo};

  auto failure = [&]() {
    if (errors.ran_out) {
      return Status(StatusCode::kCorrupt, name,
                    "truncated JPEG (image data ends before the last row)");
    }
    return Status(StatusCode::kCorrupt, name, std::string("corrupt JPEG (") + errors.message + ")");
  };
  if (!ReadJpegHeader(&cinfo, &errors, bytes)) {
    return failure();
  }
  if (Status limit = CheckPixelLimit(cinfo.image_width, cinfo.image_height, limits, name);
      !limit.ok()) {
    return limit;
  }

  ExifInfo exif;
  for (jpeg_saved_marker_ptr m = cinfo.marker_list; m != nullptr; m = m->next) {
    if (m->marker == kExifMarker) {
      exif = ParseExif(m->data, m->data_length);
      break;
    }
  }

  const bool gray = cinfo.jpeg_color_space == JCS_GRAYSCALE;
  const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  const int channels = gray ? 1 : cmyk ? 4 : 3;
  RasterPage page;
  page.pixels.create(static_cast<int>(cinfo.image_height), static_cast<int>(cinfo.image_width),
                     CV_MAKETYPE(CV_8U, channels));
  if (!ReadJpegImage(&cinfo, &errors, page.pixels.data, page.pixels.step, channels)) {
    return failure();
  }
  if (errors.ran_out) {
    return failure();
  }

  if (cmyk) {
    page.pixels = CmykToBgr(page.pixels, cinfo.saw_Adobe_marker);
  }
  if (cinfo.saw_JFIF_marker && (cinfo.density_unit == 1 || cinfo.density_unit == 2)) {
    const double per_inch = cinfo.density_unit == 1 ? 1.0 : 2.54;
    page.x_dpi = cinfo.X_density * per_inch;
    page.y_dpi = cinfo.Y_density * per_inch;
  } else {
    page.x_dpi = exif.x_dpi;
    page.y_dpi = exif.y_dpi;
  }
  ApplyOrientation(exif.orientation, &page);
  return visit(std::move(page));
}

}  // namespace precheck::load::internal

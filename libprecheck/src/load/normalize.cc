// Bringing a decoded raster page to the form every later stage expects: 8-bit BGR, transparent
// areas composited on white, scaled to 300 dpi from the stated resolution or, when that cannot
// be true or is absent, from a resolution estimated from the page's size in pixels.

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>

#include "image/sheet.h"
#include "load/load_internal.h"

namespace precheck::load::internal {
namespace {

constexpr double kTargetDpi = 300.0;
// An ID card is about 3.4 in long, A3 16.5 in: a stated resolution that makes the longer side
// shorter than 3 in or longer than 17 in describes no document we expect.
constexpr double kMinLongSideInches = 3.0;
constexpr double kMaxLongSideInches = 17.0;
constexpr double kA4LongSideInches = 11.69;
constexpr double kA4Aspect = 1.414;
constexpr double kA4AspectTolerance = 0.1;
// Letter (1.29), legal (1.65) and a phone photo of a page (1.33) are page-like; a strip of
// 1700 x 400 (4.25) is a crop, not a page, and its size says nothing about its resolution.
constexpr double kPageLikeMaxAspect = 1.8;
// An A4 page below 50 dpi has text a few pixels high, illegible at any scale: such an image is
// a thumbnail, and scaling it up would only cost memory.
constexpr double kMinA4Dpi = 50.0;
constexpr double kMinEstimatedDpi = 100.0;
constexpr double kMaxEstimatedDpi = 600.0;
constexpr double kMaxUpscale = 2.0;
// A Chinese VAT invoice (发票, also the form of many fine receipts) is 241 x 140 mm; an
// electronic one saved as a picture is often a screen's width, under 100 dpi.
constexpr double kInvoiceLongSideInches = 241.0 / 25.4;
constexpr double kInvoiceAspect = 241.0 / 140.0;
constexpr double kInvoiceAspectTolerance = 0.06;
// Within 1% of 300 dpi (e.g. PNG's 11811 pixels per metre, 299.9994 dpi) the page is left as
// it is: resampling would only blur it.
constexpr double kScaleTolerance = 0.01;
// An image with a side shorter than this holds no legible page, whatever its resolution: a
// line of print at the lowest resolution read (about 100 dpi) is 15 pixels high.
constexpr std::int64_t kMinSidePixels = 32;

// Composites straight or premultiplied BGRA on white into a new BGR image.
cv::Mat CompositeOnWhite(const cv::Mat& bgra, bool premultiplied) {
  cv::Mat bgr(bgra.rows, bgra.cols, CV_8UC3);
  for (int y = 0; y < bgra.rows; ++y) {
    const std::uint8_t* in = bgra.ptr<std::uint8_t>(y);
    std::uint8_t* out = bgr.ptr<std::uint8_t>(y);
    for (int x = 0; x < bgra.cols; ++x, in += 4, out += 3) {
      const int alpha = in[3];
      const int background = 255 - alpha;
      for (int c = 0; c < 3; ++c) {
        const int value =
            premultiplied ? in[c] + background : (in[c] * alpha + 255 * background + 127) / 255;
        out[c] = static_cast<std::uint8_t>(std::min(value, 255));
      }
    }
  }
  return bgr;
}

cv::Mat ToBgr(RasterPage& raster) {
  switch (raster.pixels.channels()) {
    case 1: {
      cv::Mat bgr;
      cv::cvtColor(raster.pixels, bgr, cv::COLOR_GRAY2BGR);
      return bgr;
    }
    case 4:
      return CompositeOnWhite(raster.pixels, raster.premultiplied);
    default:
      return std::move(raster.pixels);
  }
}

}  // namespace

// The rule, in order:
//  1. A stated resolution is kept when the physical size it implies is plausible: the longer
//     side between 3 and 17 inches (an ID card to A3).
//  2. Otherwise (implausible or absent) the page is assumed to be A4 when its aspect ratio is
//     within 0.1 of A4's 1.414: the longer side is 11.69 in, unless that gives under 50 dpi.
//  3. Otherwise, when the aspect ratio is page-like (at most 1.8), the longer side is still
//     taken as 11.69 in, but only if that gives between 100 and 600 dpi.
//  4. Otherwise, an image of a VAT invoice's proportions (241 x 140 mm, within 0.06) is taken
//     as one, between 50 and 600 dpi.
//  5. Otherwise (strips, crops, tiny or huge images) the image is taken as 300 dpi, which keeps
//     its size.
DpiChoice ChooseDpi(int width, int height, double stated_x, double stated_y) {
  if (stated_x > 0.0 && stated_y <= 0.0) {
    stated_y = stated_x;
  } else if (stated_y > 0.0 && stated_x <= 0.0) {
    stated_x = stated_y;
  }
  if (width <= 0 || height <= 0) {
    return {kTargetDpi, kTargetDpi, true};
  }

  if (stated_x > 0.0) {
    const double long_side_inches = std::max(width / stated_x, height / stated_y);
    if (long_side_inches >= kMinLongSideInches && long_side_inches <= kMaxLongSideInches) {
      return {stated_x, stated_y, false};
    }
  }

  const double long_side = std::max(width, height);
  const double short_side = std::min(width, height);
  const double aspect = long_side / short_side;
  const double a4_dpi = long_side / kA4LongSideInches;
  if (std::abs(aspect - kA4Aspect) <= kA4AspectTolerance && a4_dpi >= kMinA4Dpi) {
    return {a4_dpi, a4_dpi, true};
  }
  if (aspect <= kPageLikeMaxAspect && a4_dpi >= kMinEstimatedDpi && a4_dpi <= kMaxEstimatedDpi) {
    return {a4_dpi, a4_dpi, true};
  }
  const double invoice_dpi = long_side / kInvoiceLongSideInches;
  if (std::abs(aspect - kInvoiceAspect) <= kInvoiceAspectTolerance && invoice_dpi >= kMinA4Dpi &&
      invoice_dpi <= kMaxEstimatedDpi) {
    return {invoice_dpi, invoice_dpi, true};
  }
  return {kTargetDpi, kTargetDpi, true};
}

PageImage NormalizeRaster(RasterPage&& raster, const LoadLimits& limits, bool find_sheet) {
  PageImage page;
  cv::Mat bgr = ToBgr(raster);
  raster.pixels.release();
  // A phone photo of a sheet is cut out of its background and flattened; its stated
  // resolution described the photo, not the sheet.
  if (find_sheet && image::FlattenPhotographedSheet(&bgr)) {
    raster.x_dpi = raster.y_dpi = 0.0;
    page.flattened = true;
  }
  const int width = bgr.cols;
  const int height = bgr.rows;
  const DpiChoice dpi = ChooseDpi(width, height, raster.x_dpi, raster.y_dpi);
  page.source_dpi = dpi.x_dpi;
  page.dpi_estimated = dpi.estimated;

  // Scale factors towards 300 dpi, at most 2x up, and never to more pixels than both the limit
  // and the source have.
  double fx = std::min(kTargetDpi / dpi.x_dpi, kMaxUpscale);
  double fy = std::min(kTargetDpi / dpi.y_dpi, kMaxUpscale);
  const double source_pixels = static_cast<double>(width) * height;
  const double max_pixels = std::max(static_cast<double>(limits.max_pixels), source_pixels);
  const double scaled_pixels = source_pixels * fx * fy;
  if (scaled_pixels > max_pixels) {
    const double shrink = std::sqrt(max_pixels / scaled_pixels);
    fx *= shrink;
    fy *= shrink;
  }

  if (std::abs(fx - 1.0) < kScaleTolerance && std::abs(fy - 1.0) < kScaleTolerance) {
    page.image = std::move(bgr);
    return page;
  }
  const cv::Size size(std::max(1, static_cast<int>(std::lround(width * fx))),
                      std::max(1, static_cast<int>(std::lround(height * fy))));
  const int interpolation = (fx <= 1.0 && fy <= 1.0) ? cv::INTER_AREA : cv::INTER_CUBIC;
  cv::resize(bgr, page.image, size, 0, 0, interpolation);
  return page;
}

Status CheckPixelLimit(std::int64_t width, std::int64_t height, const LoadLimits& limits,
                       const std::string& context) {
  if (width <= 0 || height <= 0) {
    return Status(StatusCode::kCorrupt, context,
                  "image declares a size of " + std::to_string(width) + " x " +
                      std::to_string(height) + " pixels");
  }
  if (width < kMinSidePixels || height < kMinSidePixels) {
    return Status(StatusCode::kLimitExceeded, context,
                  "image is " + std::to_string(width) + " x " + std::to_string(height) +
                      " pixels, too small to hold a page");
  }
  if (width * height > limits.max_pixels) {
    return Status(StatusCode::kLimitExceeded, context,
                  "image is " + std::to_string(width) + " x " + std::to_string(height) +
                      " pixels, over the limit of " + std::to_string(limits.max_pixels));
  }
  return Status::Ok();
}

Status CheckPageLimit(std::int64_t pages, const LoadLimits& limits, const std::string& context) {
  if (pages > limits.max_pages) {
    return Status(StatusCode::kLimitExceeded, context,
                  "file has " + std::to_string(pages) + " pages, over the limit of " +
                      std::to_string(limits.max_pages));
  }
  return Status::Ok();
}

std::string PageContext(const std::string& name, int page_number) {
  return name + ", page " + std::to_string(page_number);
}

}  // namespace precheck::load::internal

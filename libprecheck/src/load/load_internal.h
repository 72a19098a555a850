// Internal pieces of the load stage: the decoders of each format, the page normaliser that
// brings a decoded raster to BGR on white at 300 dpi, and small helpers shared between them.
// Nothing here is used outside libprecheck/src/load.

#ifndef PRECHECK_LOAD_LOAD_INTERNAL_H_
#define PRECHECK_LOAD_LOAD_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <opencv2/core.hpp>
#include <span>
#include <string>

#include "load/loader.h"
#include "precheck/status.h"

namespace precheck::load::internal {

using Bytes = std::span<const std::uint8_t>;

// A page as a decoder delivers it, before compositing and scaling.
struct RasterPage {
  cv::Mat pixels;              // CV_8UC1 gray, CV_8UC3 BGR or CV_8UC4 BGRA
  bool premultiplied = false;  // for BGRA: colour already multiplied by alpha
  double x_dpi = 0.0;          // the stated resolution; 0 when the file states none
  double y_dpi = 0.0;
};

using RasterVisitor = std::function<Status(RasterPage&& page)>;

// Each decoder checks the sizes its header declares against `limits` before it decodes
// anything, then hands the pages to `visit` in order, one decoded page alive at a time.
// Messages have `name` as context. They never print and never throw on bad input.
Status DecodePng(Bytes bytes, const std::string& name, const LoadLimits& limits,
                 const RasterVisitor& visit);
Status DecodeJpeg(Bytes bytes, const std::string& name, const LoadLimits& limits,
                  const RasterVisitor& visit);
Status DecodeTiff(Bytes bytes, const std::string& name, const LoadLimits& limits,
                  const RasterVisitor& visit);
// BMP, GIF (first frame) and WebP, through Leptonica.
Status DecodeWithLeptonica(Bytes bytes, FileKind kind, const std::string& name,
                           const LoadLimits& limits, const RasterVisitor& visit);

// Renders every page of a PDF at 300 dpi with its text layer; pages are numbered from 1.
Status RenderPdf(Bytes bytes, const std::string& name, const LoadLimits& limits,
                 const PageVisitor& visit);

// The resolution a raster page is taken to have.
struct DpiChoice {
  double x_dpi = 300.0;
  double y_dpi = 300.0;
  bool estimated = false;  // the stated resolution was absent or implausible
};

// Picks the resolution of a `width` x `height` page whose file states `stated_x` x
// `stated_y` dpi (0 when absent); the rule is described beside its definition.
DpiChoice ChooseDpi(int width, int height, double stated_x, double stated_y);

// Composites `raster` on white, converts it to BGR, cuts out and flattens a photographed sheet
// (unless `find_sheet` is false) and scales it to 300 dpi (at most 2x up, and never to more
// pixels than both the limit and the source have). Throws only what OpenCV
// throws (cv::Exception, std::bad_alloc); the caller catches.
PageImage NormalizeRaster(RasterPage&& raster, const LoadLimits& limits, bool find_sheet = true);

// kLimitExceeded when a `width` x `height` page is over limits.max_pixels.
Status CheckPixelLimit(std::int64_t width, std::int64_t height, const LoadLimits& limits,
                       const std::string& context);

// kLimitExceeded when a file of `pages` pages is over limits.max_pages.
Status CheckPageLimit(std::int64_t pages, const LoadLimits& limits, const std::string& context);

// "name, page 3": the context of a message about one page.
std::string PageContext(const std::string& name, int page_number);

// A phrase naming a non-document or unrecognised format from its first bytes, e.g.
// "a ZIP archive or Office document"; empty when nothing is known about it.
std::string DescribeFormat(Bytes head);

}  // namespace precheck::load::internal

#endif  // PRECHECK_LOAD_LOAD_INTERNAL_H_

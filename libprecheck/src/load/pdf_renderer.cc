// PDF pages through poppler-cpp, one document object per call: each page rendered at 300 dpi
// and handed on before the next, with its text layer in the same pixels. Poppler's messages are
// swallowed; password-protected and cut-short files are refused, not read as blank pages.

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <climits>
#include <cmath>
#include <memory>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <string_view>

#include "image/sheet.h"
#include "load/load_internal.h"

namespace precheck::load::internal {
namespace {

constexpr double kRenderDpi = 300.0;
constexpr double kPointsPerInch = 72.0;

// Limitation: Poppler decodes a PDF's embedded JPEG images with libjpeg and leaves libjpeg's
// warnings ("Corrupt JPEG data: ...") on stderr; poppler-cpp offers no hook for them, so a PDF
// with a damaged embedded JPEG still prints one line per warning.
void QuietPoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// Whether the file ends as a PDF must: a startxref pointer followed by %%EOF. Poppler opens a
// file cut short by reconstructing its objects, and would render a blank page from it.
// Limitation: a file cut inside an incremental update still shows the %%EOF of the revision
// before it, and is read as that revision.
bool HasTrailer(Bytes bytes) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  const std::size_t startxref = text.rfind("startxref");
  return startxref != std::string_view::npos &&
         text.find("%%EOF", startxref) != std::string_view::npos;
}

int PointsToPixels(double points) {
  return static_cast<int>(std::lround(points * kRenderDpi / kPointsPerInch));
}

std::vector<TextSpan> TextLayer(const poppler::page& page) {
  std::vector<TextSpan> spans;
  for (const poppler::text_box& box : page.text_list()) {
    const poppler::byte_array utf8 = box.text().to_utf8();
    TextSpan span;
    span.text.assign(utf8.begin(), utf8.end());
    if (span.text.empty()) {
      continue;
    }
    const poppler::rectf r = box.bbox();
    span.box.x = PointsToPixels(r.left());
    span.box.y = PointsToPixels(r.top());
    span.box.width = std::max(1, PointsToPixels(r.right()) - span.box.x);
    span.box.height = std::max(1, PointsToPixels(r.bottom()) - span.box.y);
    spans.push_back(std::move(span));
  }
  return spans;
}

}  // namespace

Status RenderPdf(Bytes bytes, const std::string& name, const LoadLimits& limits,
                 const PageVisitor& visit) {
  QuietPoppler();
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return Status(StatusCode::kLimitExceeded, name, "PDF is over 2 GB, more than Poppler reads");
  }

  std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(
      reinterpret_cast<const char*>(bytes.data()), static_cast<int>(bytes.size())));
  if (document == nullptr) {
    return Status(StatusCode::kCorrupt, name, "damaged PDF (cannot be opened)");
  }
  if (document->is_locked()) {
    return Status(StatusCode::kEncrypted, name, "password required to open the PDF");
  }
  if (!HasTrailer(bytes)) {
    return Status(StatusCode::kCorrupt, name, "damaged PDF (no trailer: the file is cut short)");
  }
  const int page_count = document->pages();
  if (page_count <= 0) {
    return Status(StatusCode::kCorrupt, name, "damaged PDF (no pages)");
  }
  if (Status limit = CheckPageLimit(page_count, limits, name); !limit.ok()) {
    return limit;
  }

  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_argb32);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  for (int index = 0; index < page_count; ++index) {
    const std::string context = PageContext(name, index + 1);
    std::unique_ptr<poppler::page> page(document->create_page(index));
    if (page == nullptr) {
      return Status(StatusCode::kCorrupt, context, "damaged PDF (page cannot be read)");
    }
    const poppler::rectf box = page->page_rect(poppler::crop_box);
    if (Status limit = CheckPixelLimit(std::max(1, PointsToPixels(box.width())),
                                       std::max(1, PointsToPixels(box.height())), limits, context);
        !limit.ok()) {
      return limit;
    }

    PageImage out;
    out.number = index + 1;
    {
      // ARGB32 is one native-endian word per pixel, B, G, R, A bytes in memory.
      // Limitation: that holds on little-endian hosts only, which all of precheck's are.
      const poppler::image rendered = renderer.render_page(page.get(), kRenderDpi, kRenderDpi);
      if (!rendered.is_valid() || rendered.width() <= 0 || rendered.height() <= 0) {
        return Status(StatusCode::kCorrupt, context, "damaged PDF (page cannot be rendered)");
      }
      const cv::Mat bgra(rendered.height(), rendered.width(), CV_8UC4,
                         const_cast<char*>(rendered.const_data()),
                         static_cast<std::size_t>(rendered.bytes_per_row()));
      cv::cvtColor(bgra, out.image, cv::COLOR_BGRA2BGR);
    }
    out.text_layer = TextLayer(*page);
    // A scanner app's PDF of phone photos: each page is a photo of a sheet on a desk.
    if (out.text_layer.empty() && image::FlattenPhotographedSheet(&out.image)) {
      RasterPage flat;
      flat.pixels = std::move(out.image);
      PageImage normalized = NormalizeRaster(std::move(flat), limits, false);
      out.image = std::move(normalized.image);
      out.source_dpi = normalized.source_dpi;
      out.dpi_estimated = true;
      out.flattened = true;
    }
    if (Status status = visit(std::move(out)); !status.ok()) {
      return status;
    }
  }
  return Status::Ok();
}

}  // namespace precheck::load::internal

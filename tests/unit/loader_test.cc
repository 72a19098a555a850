// Tests of the load stage: format sniffing, the faults of the shared bad/ cases, limits checked
// before decoding, transparency, resolution, PDF rendering and text layers, streaming and
// concurrent loading. Most inputs are generated here; the shared cases are skipped when absent.

#include "load/loader.h"

#include <doctest/doctest.h>
#include <leptonica/allheaders.h>
#include <sys/resource.h>
#include <tiffio.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "load/load_internal.h"

namespace fs = std::filesystem;
using precheck::Result;
using precheck::Status;
using precheck::StatusCode;
using precheck::load::FileKind;
using precheck::load::LoadBytes;
using precheck::load::LoadedFile;
using precheck::load::LoadFile;
using precheck::load::LoadLimits;
using precheck::load::PageImage;
using precheck::load::SniffKind;

namespace {

using ByteVector = std::vector<std::uint8_t>;

// A fresh directory under the system temp dir, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("precheck_loader_test_" + std::to_string(::getpid()) +
                                         "_" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

void WriteBytes(const std::string& path, const void* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
}
void WriteBytes(const std::string& path, const ByteVector& bytes) {
  WriteBytes(path, bytes.data(), bytes.size());
}
void WriteBytes(const std::string& path, const std::string& text) {
  WriteBytes(path, text.data(), text.size());
}

ByteVector ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return ByteVector(std::istreambuf_iterator<char>(in), {});
}

ByteVector Bytes(std::string_view text) { return ByteVector(text.begin(), text.end()); }

// Path of a file of the shared cases, or "" when that folder is not on this machine.
std::string SharedCase(const std::string& relative) {
  const fs::path path = fs::path(PRECHECK_TEST_SHARED_DIR) / "cases" / relative;
  return fs::exists(path) ? path.string() : std::string();
}

#define SKIP_UNLESS_SHARED(path_var, relative)                                 \
  const std::string path_var = SharedCase(relative);                           \
  if (path_var.empty()) {                                                      \
    MESSAGE("skipped: shared case " << relative << " is not on this machine"); \
    return;                                                                    \
  }

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

double MeanBrightness(const cv::Mat& bgr) {
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  return cv::mean(gray)[0];
}

int DarkPixels(const cv::Mat& bgr, int threshold = 100) {
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  return cv::countNonZero(gray < threshold);
}

// A white page with a black block, so that something survives scaling.
cv::Mat TestPage(int width, int height) {
  cv::Mat page(height, width, CV_8UC3, cv::Scalar(255, 255, 255));
  cv::rectangle(page, cv::Rect(width / 4, height / 4, width / 4, height / 8), cv::Scalar(0, 0, 0),
                cv::FILLED);
  return page;
}

cv::Mat Noise(int width, int height) {
  cv::Mat noise(height, width, CV_8UC3);
  cv::randu(noise, 0, 256);
  return noise;
}

ByteVector Encode(const std::string& extension, const cv::Mat& image) {
  ByteVector bytes;
  REQUIRE(cv::imencode(extension, image, bytes));
  return bytes;
}

struct PixFree {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixHolder = std::unique_ptr<PIX, PixFree>;

// An 8-bit gray Leptonica page with a black block, tagged with `dpi` (0: untagged).
PixHolder LeptonicaPage(int width, int height, int dpi) {
  PixHolder pix(pixCreate(width, height, 8));
  pixSetAllArbitrary(pix.get(), 255);
  BOX* block = boxCreate(width / 4, height / 4, width / 4, height / 8);
  pixSetInRectArbitrary(pix.get(), block, 0);
  boxDestroy(&block);
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

ByteVector LeptonicaBytes(l_ok (*writer)(l_uint8**, size_t*, PIX*), PIX* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  REQUIRE(writer(&data, &size, pix) == 0);
  ByteVector bytes(data, data + size);
  lept_free(data);
  return bytes;
}

l_ok WritePng(l_uint8** data, size_t* size, PIX* pix) { return pixWriteMemPng(data, size, pix, 0); }
l_ok WriteJpeg(l_uint8** data, size_t* size, PIX* pix) {
  return pixWriteMemJpeg(data, size, pix, 90, 0);
}

// A minimal, valid PDF: `objects` numbered from 1, a cross-reference table and a trailer.
std::string MakePdf(const std::vector<std::string>& objects) {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof(line), "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A US Letter page (612 x 792 pt) with "Hello precheck" in Helvetica 24 at (72, 700) and a
// black square from (72, 72) to (216, 216) pt, turned by `rotate` degrees when shown.
std::string TextPdf(int rotate = 0) {
  const std::string content =
      "BT /F1 24 Tf 72 700 Td (Hello precheck) Tj ET\n0 0 0 rg 72 72 144 144 re f\n";
  return MakePdf({
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate " + std::to_string(rotate) +
          " /Contents 4 0 R "
          "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  });
}

// Writes a 3-page G4 TIFF (1240 x 400 at 150 dpi) with Leptonica.
void WriteThreePageTiff(const std::string& path) {
  for (int i = 0; i < 3; ++i) {
    PixHolder gray = LeptonicaPage(1240, 400, 150);
    PixHolder bilevel(pixThresholdToBinary(gray.get(), 128));
    pixSetResolution(bilevel.get(), 150, 150);
    REQUIRE(pixWriteTiff(path.c_str(), bilevel.get(), IFF_TIFF_G4, i == 0 ? "w" : "a") == 0);
  }
}

// Writes a 200 x 100 TIFF of `samples` samples (2: gray + alpha, 4: RGBA) of `bits` bits, with
// the alpha of `extra` kind: transparent black, except an opaque black block at x 0-49 and a
// half-transparent block at x 100-149 whose colour shows as 191 gray on white.
void WriteAlphaTiff(const std::string& path, int samples, int bits, std::uint16_t extra) {
  TIFF* tif = TIFFOpen(path.c_str(), "w");
  REQUIRE(tif != nullptr);
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, 200);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, 100);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, samples);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, bits);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, samples == 2 ? PHOTOMETRIC_MINISBLACK : PHOTOMETRIC_RGB);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, 1, &extra);
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 16);
  const int max = bits == 16 ? 65535 : 255;
  const int half = max / 2;
  // Straight alpha shows colour c at alpha a as c*a + (1-a); premultiplied as c + (1-a).
  const int half_colour = extra == EXTRASAMPLE_ASSOCALPHA ? max / 4 : half;
  std::vector<std::uint16_t> row16(200 * samples);
  std::vector<std::uint8_t> row8(200 * samples);
  for (int y = 0; y < 100; ++y) {
    for (int x = 0; x < 200; ++x) {
      const int alpha = x < 50 ? max : (x >= 100 && x < 150) ? half : 0;
      const int colour = (x >= 100 && x < 150) ? half_colour : 0;
      for (int c = 0; c < samples; ++c) {
        const int value = c == samples - 1 ? alpha : colour;
        row16[x * samples + c] = static_cast<std::uint16_t>(value);
        row8[x * samples + c] = static_cast<std::uint8_t>(value);
      }
    }
    void* row = bits == 16 ? static_cast<void*>(row16.data()) : static_cast<void*>(row8.data());
    REQUIRE(TIFFWriteScanline(tif, row, y, 0) == 1);
  }
  TIFFClose(tif);
}

Result<LoadedFile> LoadWithDefaults(const std::string& path) {
  return LoadFile(path, LoadLimits());
}

// The CRC of a PNG chunk (type and data), as PNG defines it.
std::uint32_t PngCrc(const std::uint8_t* data, std::size_t size) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  }
  return crc ^ 0xFFFFFFFFu;
}

}  // namespace

TEST_CASE("load: sniffing recognises formats by their bytes") {
  auto sniff = [](const ByteVector& bytes) { return SniffKind(bytes); };
  auto padded = [](std::string_view magic) {
    ByteVector bytes(magic.begin(), magic.end());
    bytes.resize(64, 0x01);
    return bytes;
  };

  SUBCASE("images and PDF") {
    CHECK(sniff(padded("\xFF\xD8\xFF\xE0")) == FileKind::kJpeg);
    CHECK(sniff(padded("\x89PNG\r\n\x1A\n")) == FileKind::kPng);
    CHECK(sniff(padded(std::string_view("II*\0", 4))) == FileKind::kTiff);
    CHECK(sniff(padded(std::string_view("MM\0*", 4))) == FileKind::kTiff);
    CHECK(sniff(padded("GIF89a")) == FileKind::kGif);
    CHECK(sniff(padded(std::string_view("RIFF\x10\0\0\0WEBPVP8 ", 16))) == FileKind::kWebp);
    ByteVector bmp = padded("BM");
    bmp[14] = 40;
    bmp[15] = bmp[16] = bmp[17] = 0;
    CHECK(sniff(bmp) == FileKind::kBmp);
    CHECK(sniff(padded("%PDF-1.7\n")) == FileKind::kPdf);
  }
  SUBCASE("a PDF header within the first 1024 bytes, not after") {
    ByteVector bytes(600, 0x01);
    const std::string header = "%PDF-1.4\n";
    bytes.insert(bytes.end(), header.begin(), header.end());
    CHECK(sniff(bytes) == FileKind::kPdf);
    ByteVector late(1100, 0x01);
    late.insert(late.end(), header.begin(), header.end());
    CHECK(sniff(late) == FileKind::kUnknown);
  }
  SUBCASE("non-documents") {
    CHECK(sniff(padded("PK\x03\x04")) == FileKind::kNotDocument);
    CHECK(sniff(padded("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) == FileKind::kNotDocument);
    CHECK(sniff(Bytes("{\\rtf1\\ansi some text here")) == FileKind::kNotDocument);
    CHECK(sniff(Bytes("plain ASCII text, long enough\n")) == FileKind::kNotDocument);
    CHECK(sniff(Bytes("统一社会信用代码：91110000MA01ABCDEF\n")) == FileKind::kNotDocument);
    CHECK(sniff(Bytes("BM is not a bitmap when followed by words")) == FileKind::kNotDocument);
  }
  SUBCASE("empty, too short, unknown") {
    CHECK(sniff(ByteVector()) == FileKind::kEmpty);
    CHECK(sniff(Bytes("%PDF")) == FileKind::kUnknown);
    // A short note or an emptied archive is no document, not a broken one.
    CHECK(sniff(Bytes("hello\n")) == FileKind::kNotDocument);
    CHECK(sniff(Bytes("PK\x05\x06")) == FileKind::kNotDocument);
    CHECK(sniff(Bytes("\x89PNG\r\n")) == FileKind::kUnknown);
    ByteVector binary(256);
    for (std::size_t i = 0; i < binary.size(); ++i) {
      binary[i] = static_cast<std::uint8_t>(i * 37 + 11);
    }
    CHECK(sniff(binary) == FileKind::kUnknown);
  }
  CHECK(std::string(precheck::load::FileKindName(FileKind::kTiff)) == "tiff");
}

TEST_CASE("load: the shared bad cases fail or load as the table says") {
  if (SharedCase("bad").empty()) {
    MESSAGE("skipped: the shared cases (" PRECHECK_TEST_SHARED_DIR "/cases) are not here");
    return;
  }
  SUBCASE("b20_zero_bytes.jpg: empty file") {
    SKIP_UNLESS_SHARED(path, "bad/b20_zero_bytes.jpg");
    const auto result = LoadWithDefaults(path);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "empty file (0 bytes)"));
    CHECK(Contains(result.status().message(), "b20_zero_bytes.jpg"));
  }
  SUBCASE("b20_truncated.jpg: truncated JPEG") {
    SKIP_UNLESS_SHARED(path, "bad/b20_truncated.jpg");
    const auto result = LoadWithDefaults(path);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "truncated JPEG"));
  }
  SUBCASE("b20_pdf_named_as.jpg: read as the PDF it is") {
    SKIP_UNLESS_SHARED(path, "bad/b20_pdf_named_as.jpg");
    const auto result = LoadWithDefaults(path);
    REQUIRE(result.ok());
    CHECK(result->kind == FileKind::kPdf);
    REQUIRE(result->pages.size() == 1);
    const PageImage& page = result->pages[0];
    CHECK(page.number == 1);
    CHECK(page.image.type() == CV_8UC3);
    CHECK(page.image.cols == 1700);  // 408 pt at 300 dpi
    CHECK(page.image.rows == 700);   // 168 pt
    CHECK(page.text_layer.empty());  // a scan
    CHECK(DarkPixels(page.image) > 1000);
  }
  SUBCASE("b21_user_password.pdf: password required") {
    SKIP_UNLESS_SHARED(path, "bad/b21_user_password.pdf");
    const auto result = LoadWithDefaults(path);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kEncrypted);
    CHECK(Contains(result.status().message(), "password required"));
  }
  SUBCASE("b21_owner_only.pdf: read normally") {
    SKIP_UNLESS_SHARED(path, "bad/b21_owner_only.pdf");
    const auto result = LoadWithDefaults(path);
    REQUIRE(result.ok());
    REQUIRE(result->pages.size() == 1);
    CHECK(result->pages[0].image.cols == doctest::Approx(2479).epsilon(0.001));
    CHECK(result->pages[0].image.rows == doctest::Approx(3508).epsilon(0.001));
    CHECK(DarkPixels(result->pages[0].image) > 1000);
    REQUIRE_FALSE(result->pages[0].text_layer.empty());
    CHECK(result->pages[0].text_layer[0].text == "Normal");
  }
  SUBCASE("b24_truncated.pdf: damaged PDF") {
    SKIP_UNLESS_SHARED(path, "bad/b24_truncated.pdf");
    const auto result = LoadWithDefaults(path);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "damaged PDF"));
  }
  SUBCASE("b07_bomb_1bit_40k.png: refused from its header, memory flat") {
    SKIP_UNLESS_SHARED(path, "bad/b07_bomb_1bit_40k.png");
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const auto result = LoadWithDefaults(path);
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kLimitExceeded);
    CHECK(Contains(result.status().message(),
                   "image is 40000 x 40000 pixels, over the limit of 100000000"));
    // ru_maxrss is in KiB; decoding even at 1 bit per pixel would add 200 MB.
    CHECK(after.ru_maxrss - before.ru_maxrss < 64 * 1024);
  }
  SUBCASE("b18_rgba_black_under_alpha.png: black text on white") {
    SKIP_UNLESS_SHARED(path, "bad/b18_rgba_black_under_alpha.png");
    const auto result = LoadWithDefaults(path);
    REQUIRE(result.ok());
    REQUIRE(result->pages.size() == 1);
    const cv::Mat& image = result->pages[0].image;
    CHECK(image.type() == CV_8UC3);
    CHECK(MeanBrightness(image) > 200);
    CHECK(DarkPixels(image) > 500);
  }
  SUBCASE("b19_multipage_ok.tif: three pages") {
    SKIP_UNLESS_SHARED(path, "bad/b19_multipage_ok.tif");
    const auto result = LoadWithDefaults(path);
    REQUIRE(result.ok());
    CHECK(result->kind == FileKind::kTiff);
    REQUIRE(result->pages.size() == 3);
    for (int i = 0; i < 3; ++i) {
      const PageImage& page = result->pages[i];
      CHECK(page.number == i + 1);
      CHECK(page.image.type() == CV_8UC3);
      CHECK(page.source_dpi == doctest::Approx(150).epsilon(0.01));  // 59.05 px/cm
      CHECK(page.image.cols == 2480);
      CHECK(MeanBrightness(page.image) > 150);
      CHECK(DarkPixels(page.image) > 100);
    }
  }
  SUBCASE("b11_table_grid.png: 16-bit gray + alpha") {
    SKIP_UNLESS_SHARED(path, "bad/b11_table_grid.png");
    const auto result = LoadWithDefaults(path);
    REQUIRE(result.ok());
    REQUIRE(result->pages.size() == 1);
    const PageImage& page = result->pages[0];
    CHECK(page.image.type() == CV_8UC3);
    CHECK(page.image.cols == 1700);  // stated 300 dpi, kept
    CHECK(page.image.rows == 700);
    CHECK_FALSE(page.dpi_estimated);
    CHECK(MeanBrightness(page.image) > 200);
    CHECK(DarkPixels(page.image) > 500);
  }
  SUBCASE("the other bad/ images load at their stated 300 dpi") {
    for (const char* name : {"b01_zh_line.png", "b12_stamp_over_text.png", "b14_seal_blue.png",
                             "b15_sig_empty_line.png", "b15_sig_real.png"}) {
      SKIP_UNLESS_SHARED(path, std::string("bad/") + name);
      CAPTURE(name);
      const auto result = LoadWithDefaults(path);
      REQUIRE(result.ok());
      REQUIRE(result->pages.size() == 1);
      const cv::Mat original = cv::imread(path, cv::IMREAD_COLOR);
      CHECK(result->pages[0].image.size() == original.size());
      CHECK(MeanBrightness(result->pages[0].image) > 150);
    }
  }
}

TEST_CASE("load: damaged files are refused whatever decoder leniency would do") {
  TempDir dir;
  const cv::Mat noise = Noise(800, 600);

  SUBCASE("a JPEG cut mid-stream") {
    ByteVector jpeg = Encode(".jpg", noise);
    jpeg.resize(jpeg.size() * 6 / 10);
    const auto result = LoadBytes(jpeg, "cut.jpg", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "cut.jpg: truncated JPEG"));
  }
  SUBCASE("a JPEG cut mid-stream with an end marker glued on") {
    ByteVector jpeg = Encode(".jpg", noise);
    jpeg.resize(jpeg.size() * 6 / 10);
    jpeg.push_back(0xFF);
    jpeg.push_back(0xD9);
    const auto result = LoadBytes(jpeg, "glued.jpg", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "truncated JPEG"));
  }
  SUBCASE("a PNG cut in its image data") {
    ByteVector png = Encode(".png", noise);
    png.resize(png.size() / 2);
    const auto result = LoadBytes(png, "cut.png", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "truncated PNG"));
  }
  SUBCASE("a PNG whose image data is garbled") {
    ByteVector png = Encode(".png", noise);
    for (std::size_t i = 200; i < 400; ++i) {
      png[i] ^= 0x5A;
    }
    const auto result = LoadBytes(png, "garbled.png", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
  }
  SUBCASE("a TIFF cut short") {
    const std::string path = dir.File("cut.tif");
    REQUIRE(cv::imwrite(path, noise));
    ByteVector tiff = ReadBytes(path);
    tiff.resize(tiff.size() / 3);
    const auto result = LoadBytes(tiff, "cut.tif", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "TIFF"));
  }
  SUBCASE("a PDF cut before its cross-reference table") {
    const std::string pdf = TextPdf();
    const std::string cut = pdf.substr(0, pdf.find("xref"));
    const auto result = LoadBytes(Bytes(cut), "cut.pdf", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "damaged PDF"));
  }
  SUBCASE("a generated empty file") {
    const std::string path = dir.File("empty.png");
    WriteBytes(path, ByteVector());
    const auto result = LoadFile(path, LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "empty file (0 bytes)"));
  }
}

TEST_CASE("load: non-documents, unknown formats and missing files") {
  TempDir dir;
  SUBCASE("text") {
    const std::string path = dir.File("notes.pdf");
    WriteBytes(path, std::string("这是一个文本文件，不是扫描件。\nThis is a text file.\n"));
    const auto result = LoadFile(path, LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kUnsupported);
    CHECK(Contains(result.status().message(), "not a document: plain text"));
  }
  SUBCASE("an Office document") {
    ByteVector docx = Bytes("PK\x03\x04");
    docx.resize(200, 0);
    const auto result = LoadBytes(docx, "form.docx", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kUnsupported);
    CHECK(Contains(result.status().message(), "ZIP archive or Office document"));
  }
  SUBCASE("unknown bytes") {
    ByteVector binary(1000);
    for (std::size_t i = 0; i < binary.size(); ++i) {
      binary[i] = static_cast<std::uint8_t>((i * 7919) >> 3);
    }
    const auto result = LoadBytes(binary, "doc6.pdf", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kUnsupported);
    CHECK(Contains(result.status().message(), "unrecognised format"));
  }
  SUBCASE("a few bytes") {
    const auto result = LoadBytes(Bytes("%PDF-1"), "tiny.pdf", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kCorrupt);
    CHECK(Contains(result.status().message(), "too short"));
  }
  SUBCASE("a missing file and a directory") {
    const auto missing = LoadFile(dir.File("nowhere.png"), LoadLimits());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().code() == StatusCode::kNotFound);
    const auto directory = LoadFile(dir.File(""), LoadLimits());
    REQUIRE_FALSE(directory.ok());
    CHECK(directory.status().code() == StatusCode::kIOError);
  }
}

TEST_CASE("load: limits are checked before decoding") {
  TempDir dir;
  LoadLimits small;
  small.max_pixels = 10'000;
  const cv::Mat page = TestPage(200, 100);

  SUBCASE("pixels, in every raster format") {
    for (const char* extension : {".png", ".jpg", ".bmp", ".tif"}) {
      CAPTURE(extension);
      const auto result = LoadBytes(Encode(extension, page), "big", small);
      REQUIRE_FALSE(result.ok());
      CHECK(result.status().code() == StatusCode::kLimitExceeded);
      CHECK(Contains(result.status().message(),
                     "image is 200 x 100 pixels, over the limit of 10000"));
    }
  }
  SUBCASE("pixels of a PDF page at 300 dpi") {
    const auto result = LoadBytes(Bytes(TextPdf()), "big.pdf", small);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kLimitExceeded);
    CHECK(Contains(result.status().message(), "2550 x 3300 pixels"));
  }
  SUBCASE("a header declaring 40000 x 40000 over a small image's data") {
    ByteVector png = Encode(".png", page);
    const std::uint8_t size[8] = {0, 0, 0x9C, 0x40, 0, 0, 0x9C, 0x40};
    std::copy(std::begin(size), std::end(size), png.begin() + 16);
    const std::uint32_t crc = PngCrc(png.data() + 12, 17);  // "IHDR" and its 13 bytes
    for (int i = 0; i < 4; ++i) {
      png[29 + i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
    }
    const auto result = LoadBytes(png, "bomb.png", LoadLimits());
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kLimitExceeded);
    CHECK(Contains(result.status().message(), "40000 x 40000"));
  }
  SUBCASE("pages") {
    const std::string path = dir.File("three.tif");
    WriteThreePageTiff(path);
    LoadLimits two_pages;
    two_pages.max_pages = 2;
    const auto result = LoadFile(path, two_pages);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kLimitExceeded);
    CHECK(Contains(result.status().message(), "file has 3 pages, over the limit of 2"));
    CHECK(LoadFile(path, LoadLimits()).ok());
  }
  SUBCASE("an image too small to hold a page, in every raster format") {
    for (const cv::Mat& tiny : {TestPage(1, 1), TestPage(2000, 20)}) {
      for (const char* extension : {".png", ".jpg", ".bmp", ".tif"}) {
        CAPTURE(extension);
        const auto result = LoadBytes(Encode(extension, tiny), "tiny", LoadLimits());
        REQUIRE_FALSE(result.ok());
        CHECK(result.status().code() == StatusCode::kLimitExceeded);
        CHECK(Contains(result.status().message(), "too small to hold a page"));
      }
    }
    CHECK(LoadBytes(Encode(".png", TestPage(40, 40)), "small", LoadLimits()).ok());
  }
  SUBCASE("bytes, before reading") {
    const std::string path = dir.File("page.png");
    const ByteVector png = Encode(".png", page);
    WriteBytes(path, png);
    LoadLimits few_bytes;
    few_bytes.max_file_bytes = 100;
    const auto result = LoadFile(path, few_bytes);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == StatusCode::kLimitExceeded);
    CHECK(Contains(result.status().message(), "over the limit of 100"));
    CHECK_FALSE(LoadBytes(png, "page.png", few_bytes).ok());
  }
}

TEST_CASE("load: raster pages come out as BGR on white") {
  SUBCASE("black colour under full transparency becomes white") {
    cv::Mat bgra(200, 400, CV_8UC4, cv::Scalar(0, 0, 0, 0));
    bgra(cv::Rect(100, 50, 200, 100)).setTo(cv::Scalar(0, 0, 0, 255));
    bgra(cv::Rect(0, 0, 50, 50)).setTo(cv::Scalar(0, 0, 0, 128));
    const auto result = LoadBytes(Encode(".png", bgra), "alpha.png", LoadLimits());
    REQUIRE(result.ok());
    const cv::Mat& image = result->pages[0].image;
    REQUIRE(image.type() == CV_8UC3);
    REQUIRE(image.size() == cv::Size(400, 200));  // 400 x 200, no dpi: kept
    CHECK(image.at<cv::Vec3b>(10, 390) == cv::Vec3b(255, 255, 255));
    CHECK(image.at<cv::Vec3b>(100, 200) == cv::Vec3b(0, 0, 0));
    CHECK(image.at<cv::Vec3b>(25, 25)[0] == doctest::Approx(127).epsilon(0.02));
  }
  SUBCASE("TIFF with alpha, straight or premultiplied, gray or colour, 8 or 16 bits") {
    TempDir dir;
    struct Variant {
      int samples;
      int bits;
      std::uint16_t extra;
    };
    for (const Variant v :
         {Variant{2, 8, EXTRASAMPLE_UNASSALPHA}, Variant{2, 8, EXTRASAMPLE_ASSOCALPHA},
          Variant{2, 16, EXTRASAMPLE_UNASSALPHA}, Variant{2, 16, EXTRASAMPLE_ASSOCALPHA},
          Variant{4, 8, EXTRASAMPLE_UNASSALPHA}, Variant{4, 8, EXTRASAMPLE_ASSOCALPHA},
          Variant{4, 16, EXTRASAMPLE_UNASSALPHA}}) {
      CAPTURE(v.samples);
      CAPTURE(v.bits);
      CAPTURE(v.extra);
      const std::string path = dir.File("alpha.tif");
      WriteAlphaTiff(path, v.samples, v.bits, v.extra);
      const auto result = LoadFile(path, LoadLimits());
      REQUIRE(result.ok());
      const cv::Mat& image = result->pages[0].image;
      REQUIRE(image.size() == cv::Size(200, 100));
      CHECK(image.at<cv::Vec3b>(50, 25) == cv::Vec3b(0, 0, 0));
      CHECK(image.at<cv::Vec3b>(50, 175) == cv::Vec3b(255, 255, 255));
      CHECK(image.at<cv::Vec3b>(50, 125)[0] == doctest::Approx(191).epsilon(0.015));
    }
  }
  SUBCASE("16-bit colour") {
    cv::Mat deep(120, 160, CV_16UC3, cv::Scalar(0, 32896, 65535));
    const auto result = LoadBytes(Encode(".png", deep), "deep.png", LoadLimits());
    REQUIRE(result.ok());
    const cv::Vec3b pixel = result->pages[0].image.at<cv::Vec3b>(60, 80);
    CHECK(pixel[0] == 0);
    CHECK(pixel[1] == doctest::Approx(128).epsilon(0.01));
    CHECK(pixel[2] == 255);
  }
  SUBCASE("a palette image") {
    PixHolder pix(pixCreate(300, 200, 8));
    PIXCMAP* colormap = pixcmapCreate(8);
    pixcmapAddColor(colormap, 255, 255, 255);
    pixcmapAddColor(colormap, 200, 0, 0);  // red
    pixSetColormap(pix.get(), colormap);
    pixSetAllArbitrary(pix.get(), 0);
    BOX* block = boxCreate(100, 50, 100, 100);
    pixSetInRectArbitrary(pix.get(), block, 1);
    boxDestroy(&block);
    const auto result = LoadBytes(LeptonicaBytes(WritePng, pix.get()), "palette.png", LoadLimits());
    REQUIRE(result.ok());
    const cv::Mat& image = result->pages[0].image;
    CHECK(image.at<cv::Vec3b>(100, 150) == cv::Vec3b(0, 0, 200));
    CHECK(image.at<cv::Vec3b>(10, 10) == cv::Vec3b(255, 255, 255));
  }
  SUBCASE("BMP, GIF and WebP") {
    const cv::Mat page = TestPage(300, 200);
    const auto bmp = LoadBytes(Encode(".bmp", page), "page.bmp", LoadLimits());
    REQUIRE(bmp.ok());
    CHECK(bmp->kind == FileKind::kBmp);
    CHECK(bmp->pages[0].image.at<cv::Vec3b>(70, 100) == cv::Vec3b(0, 0, 0));

    PixHolder pix = LeptonicaPage(300, 200, 0);
    l_uint8* data = nullptr;
    size_t size = 0;
    if (pixWriteMemGif(&data, &size, pix.get()) == 0) {
      const auto gif = LoadBytes(ByteVector(data, data + size), "page.gif", LoadLimits());
      lept_free(data);
      REQUIRE(gif.ok());
      CHECK(gif->kind == FileKind::kGif);
      CHECK(gif->pages[0].image.at<cv::Vec3b>(70, 100) == cv::Vec3b(0, 0, 0));
      CHECK(gif->pages[0].image.at<cv::Vec3b>(10, 10) == cv::Vec3b(255, 255, 255));
    } else {
      MESSAGE("skipped GIF: this Leptonica cannot write GIF");
    }
    const ByteVector webp = Encode(".webp", page);
    const auto loaded = LoadBytes(webp, "page.webp", LoadLimits());
    REQUIRE(loaded.ok());
    CHECK(loaded->kind == FileKind::kWebp);
    CHECK(loaded->pages[0].image.size() == cv::Size(300, 200));
  }
  SUBCASE("stray bytes between JPEG segments are tolerated, as libjpeg does") {
    ByteVector jpeg = Encode(".jpg", TestPage(300, 200));
    REQUIRE(jpeg[2] == 0xFF);
    const std::size_t after_first_segment = 4 + ((jpeg[4] << 8) | jpeg[5]);
    jpeg.insert(jpeg.begin() + after_first_segment, 3, 0x00);
    const auto result = LoadBytes(jpeg, "stray.jpg", LoadLimits());
    REQUIRE(result.ok());
    CHECK(result->pages[0].image.at<cv::Vec3b>(60, 100)[0] < 60);
  }
  SUBCASE("an EXIF orientation turns the page upright") {
    const cv::Mat page = TestPage(300, 200);  // stored landscape
    ByteVector jpeg = Encode(".jpg", page);
    // An APP1 block: "Exif\0\0", a little-endian TIFF header, one IFD entry Orientation = 6.
    const std::uint8_t exif[] = {0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0,    0,    'I', 'I',
                                 0x2A, 0x00, 8,    0,    0,   0,   1,   0,   0x12, 0x01, 3,   0,
                                 1,    0,    0,    0,    6,   0,   0,   0,   0,    0,    0,   0};
    jpeg.insert(jpeg.begin() + 2, std::begin(exif), std::end(exif));
    const auto result = LoadBytes(jpeg, "rotated.jpg", LoadLimits());
    REQUIRE(result.ok());
    CHECK(result->pages[0].image.size() == cv::Size(200, 300));
  }
}

TEST_CASE("load: resolution is brought to 300 dpi") {
  SUBCASE("an A4 scan at 150 dpi tagged 72 dpi is recognised as 150 dpi") {
    PixHolder pix = LeptonicaPage(1240, 1754, 72);
    const auto result = LoadBytes(LeptonicaBytes(WritePng, pix.get()), "a4.png", LoadLimits());
    REQUIRE(result.ok());
    const PageImage& page = result->pages[0];
    CHECK(page.dpi_estimated);
    CHECK(page.source_dpi == doctest::Approx(150).epsilon(0.01));
    CHECK(std::abs(page.image.cols - 2480) <= 2);
    CHECK(std::abs(page.image.rows - 3508) <= 2);
    CHECK(DarkPixels(page.image) > 100000);
  }
  SUBCASE("a plausible stated resolution is used, in PNG and JFIF") {
    PixHolder pix = LeptonicaPage(1240, 1754, 150);
    for (auto writer : {WritePng, WriteJpeg}) {
      const auto result = LoadBytes(LeptonicaBytes(writer, pix.get()), "a4", LoadLimits());
      REQUIRE(result.ok());
      const PageImage& page = result->pages[0];
      CHECK_FALSE(page.dpi_estimated);
      CHECK(page.source_dpi == doctest::Approx(150).epsilon(0.01));
      CHECK(page.image.size() == cv::Size(2480, 3508));
    }
  }
  SUBCASE("600 dpi is halved") {
    PixHolder pix = LeptonicaPage(2480, 3508, 600);
    const auto result = LoadBytes(LeptonicaBytes(WritePng, pix.get()), "a5.png", LoadLimits());
    REQUIRE(result.ok());
    CHECK(result->pages[0].image.size() == cv::Size(1240, 1754));
  }
  SUBCASE("an untagged strip keeps its size") {
    const auto result = LoadBytes(Encode(".png", TestPage(1700, 400)), "strip.png", LoadLimits());
    REQUIRE(result.ok());
    CHECK(result->pages[0].image.size() == cv::Size(1700, 400));
    CHECK(result->pages[0].dpi_estimated);
    CHECK(result->pages[0].source_dpi == 300);
  }
  SUBCASE("the rule") {
    using precheck::load::internal::ChooseDpi;
    const auto a4_tagged_72 = ChooseDpi(1240, 1754, 72, 72);
    CHECK(a4_tagged_72.estimated);
    CHECK(a4_tagged_72.x_dpi == doctest::Approx(150.04).epsilon(0.001));
    const auto plausible = ChooseDpi(2480, 3508, 300, 300);
    CHECK_FALSE(plausible.estimated);
    CHECK(plausible.x_dpi == 300);
    const auto untagged_a4 = ChooseDpi(2480, 3508, 0, 0);
    CHECK(untagged_a4.estimated);
    CHECK(untagged_a4.x_dpi == doctest::Approx(300).epsilon(0.001));
    const auto phone_photo = ChooseDpi(4000, 3000, 72, 72);  // 55 in at 72 dpi
    CHECK(phone_photo.estimated);
    CHECK(phone_photo.x_dpi == doctest::Approx(342).epsilon(0.01));
    const auto strip = ChooseDpi(1700, 400, 0, 0);
    CHECK(strip.x_dpi == 300);
    const auto low_a4 = ChooseDpi(852, 1200, 0, 0);  // a small photo of a page: 103 dpi
    CHECK(low_a4.x_dpi == doctest::Approx(102.65).epsilon(0.001));
    const auto thumbnail = ChooseDpi(200, 283, 0, 0);  // A4-shaped, but 24 dpi if a page
    CHECK(thumbnail.x_dpi == 300);
    const auto tiny_seal = ChooseDpi(266, 264, 96, 96);  // 2.8 in: too small for a page
    CHECK(tiny_seal.estimated);
    CHECK(tiny_seal.x_dpi == 300);
    // An electronic VAT invoice saved at a screen's width: 241 mm long, so 103 dpi.
    const auto invoice = ChooseDpi(980, 575, 0, 0);
    CHECK(invoice.estimated);
    CHECK(invoice.x_dpi == doctest::Approx(103.3).epsilon(0.01));
    const auto fax = ChooseDpi(1728, 1100, 204, 98);  // fax "normal" mode, non-square pixels
    CHECK_FALSE(fax.estimated);
    CHECK(fax.y_dpi == 98);
  }
  SUBCASE("upscaling stops at 2x") {
    PixHolder pix = LeptonicaPage(600, 848, 50);  // 12 x 17 in at 50 dpi: plausible
    const auto result = LoadBytes(LeptonicaBytes(WritePng, pix.get()), "low.png", LoadLimits());
    REQUIRE(result.ok());
    CHECK(result->pages[0].source_dpi == doctest::Approx(50).epsilon(0.001));
    CHECK(result->pages[0].image.size() == cv::Size(1200, 1696));
  }
}

TEST_CASE("load: PDF pages are rendered at 300 dpi with their text layer") {
  const auto result = LoadBytes(Bytes(TextPdf()), "letter.pdf", LoadLimits());
  REQUIRE(result.ok());
  CHECK(result->kind == FileKind::kPdf);
  REQUIRE(result->pages.size() == 1);
  const PageImage& page = result->pages[0];
  CHECK(page.image.type() == CV_8UC3);
  CHECK(page.image.size() == cv::Size(2550, 3300));
  CHECK_FALSE(page.dpi_estimated);
  CHECK(page.source_dpi == 300);
  // The black square: 72-216 pt from the left and 576-720 pt from the top.
  CHECK(page.image.at<cv::Vec3b>(2700, 600) == cv::Vec3b(0, 0, 0));
  CHECK(page.image.at<cv::Vec3b>(50, 50) == cv::Vec3b(255, 255, 255));

  REQUIRE(page.text_layer.size() == 2);
  CHECK(page.text_layer[0].text == "Hello");
  CHECK(page.text_layer[1].text == "precheck");
  const precheck::Box& hello = page.text_layer[0].box;
  CHECK(hello.x == doctest::Approx(300).epsilon(0.03));  // 72 pt
  // Baseline at 92 pt from the top (383 px); a 24 pt line is about 100 px tall.
  CHECK(hello.y > 280);
  CHECK(hello.y < 383);
  CHECK(hello.y + hello.height > 360);
  CHECK(hello.y + hello.height < 430);
  CHECK(hello.height > 60);
  CHECK(hello.height < 140);
  CHECK(hello.width > 150);  // five letters of Helvetica 24
  CHECK(hello.width < 400);
  CHECK(page.text_layer[1].box.x > hello.x + hello.width);
}

TEST_CASE("load: the text layer of a rotated PDF page follows the rendering") {
  const auto result = LoadBytes(Bytes(TextPdf(90)), "turned.pdf", LoadLimits());
  REQUIRE(result.ok());
  const PageImage& page = result->pages[0];
  CHECK(page.image.size() == cv::Size(3300, 2550));
  // Turned clockwise, the square sits at the top left and the text runs down the right side.
  CHECK(page.image.at<cv::Vec3b>(600, 600) == cv::Vec3b(0, 0, 0));
  REQUIRE(page.text_layer.size() == 2);
  const precheck::Box& hello = page.text_layer[0].box;
  CHECK(hello.x > 2700);
  CHECK(hello.x + hello.width < 3100);
  CHECK(hello.y == doctest::Approx(300).epsilon(0.05));
  CHECK(hello.height > hello.width);
  CHECK(page.text_layer[1].box.y > hello.y + hello.height);
}

TEST_CASE("load: a scanned PDF has no text layer") {
  SKIP_UNLESS_SHARED(path, "real/letter-blue-stamp.pdf");
  const auto result = LoadWithDefaults(path);
  REQUIRE(result.ok());
  REQUIRE_FALSE(result->pages.empty());
  for (const PageImage& page : result->pages) {
    CHECK(page.text_layer.empty());
    CHECK(page.image.type() == CV_8UC3);
  }
}

TEST_CASE("load: ForEachPage streams pages in order and stops when asked") {
  TempDir dir;
  const std::string path = dir.File("three.tif");
  WriteThreePageTiff(path);

  SUBCASE("every page, numbered") {
    std::vector<int> numbers;
    FileKind kind = FileKind::kUnknown;
    const Status status = precheck::load::ForEachPage(
        path, LoadLimits(),
        [&](PageImage&& page) {
          numbers.push_back(page.number);
          CHECK(page.image.size() == cv::Size(2480, 800));
          return Status::Ok();
        },
        &kind);
    CHECK(status.ok());
    CHECK(kind == FileKind::kTiff);
    CHECK(numbers == std::vector<int>{1, 2, 3});
  }
  SUBCASE("the visitor's failure stops the walk and comes back") {
    int visited = 0;
    const Status status = precheck::load::ForEachPage(path, LoadLimits(), [&](PageImage&& page) {
      ++visited;
      return page.number == 2 ? Status(StatusCode::kInvalidArgument, "", "enough") : Status::Ok();
    });
    CHECK(visited == 2);
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.message() == "enough");
  }
  SUBCASE("an exception from the visitor becomes a status") {
    const Status status = precheck::load::ForEachPage(
        path, LoadLimits(), [](PageImage&&) -> Status { throw std::runtime_error("boom"); });
    CHECK(status.code() == StatusCode::kInternal);
    CHECK(Contains(status.message(), "boom"));
  }
}

TEST_CASE("load: nothing is printed, even for broken files") {
  TempDir dir;
  std::vector<ByteVector> inputs;
  ByteVector jpeg = Encode(".jpg", Noise(400, 300));
  jpeg.resize(jpeg.size() / 2);
  inputs.push_back(jpeg);
  jpeg.push_back(0xFF);
  jpeg.push_back(0xD9);
  inputs.push_back(jpeg);
  ByteVector png = Encode(".png", Noise(400, 300));
  png.resize(png.size() / 2);
  inputs.push_back(png);
  const std::string tiff_path = dir.File("cut.tif");
  REQUIRE(cv::imwrite(tiff_path, Noise(400, 300)));
  ByteVector tiff = ReadBytes(tiff_path);
  tiff.resize(tiff.size() / 2);
  inputs.push_back(tiff);
  const std::string pdf = TextPdf();
  inputs.push_back(Bytes(pdf.substr(0, pdf.find("xref"))));
  inputs.push_back(Bytes(pdf.substr(0, pdf.size() / 2)));
  ByteVector bmp = Encode(".bmp", Noise(400, 300));
  bmp.resize(bmp.size() / 2);
  inputs.push_back(bmp);
  for (const char* name : {"b07_bomb_1bit_40k.png", "b20_truncated.jpg", "b21_user_password.pdf",
                           "b24_truncated.pdf", "b11_table_grid.png", "b19_multipage_ok.tif"}) {
    const std::string path = SharedCase(std::string("bad/") + name);
    if (!path.empty()) {
      inputs.push_back(ReadBytes(path));
    }
  }

  // Send stderr to a file while loading, then look at what arrived there.
  const std::string captured = dir.File("stderr.txt");
  std::fflush(stderr);
  const int saved = ::dup(2);
  REQUIRE(saved >= 0);
  FILE* sink = std::fopen(captured.c_str(), "w");
  REQUIRE(sink != nullptr);
  ::dup2(::fileno(sink), 2);
  int failures = 0;
  for (const ByteVector& input : inputs) {
    failures += LoadBytes(input, "input", LoadLimits()).ok() ? 0 : 1;
  }
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::fclose(sink);

  CHECK(failures >= 7);
  const ByteVector printed = ReadBytes(captured);
  CHECK(std::string(printed.begin(), printed.end()) == "");
}

TEST_CASE("load: different files load concurrently") {
  TempDir dir;
  std::vector<std::string> paths = {dir.File("a4.png"), dir.File("page.jpg"), dir.File("three.tif"),
                                    dir.File("letter.pdf"), dir.File("cut.jpg")};
  WriteBytes(paths[0], LeptonicaBytes(WritePng, LeptonicaPage(1240, 1754, 72).get()));
  WriteBytes(paths[1], LeptonicaBytes(WriteJpeg, LeptonicaPage(1240, 1754, 150).get()));
  WriteThreePageTiff(paths[2]);
  WriteBytes(paths[3], TextPdf());
  ByteVector cut = Encode(".jpg", Noise(400, 300));
  cut.resize(cut.size() / 2);
  WriteBytes(paths[4], cut);

  // What one thread sees: per file, ok and the size of the pixels of every page.
  auto summarize = [](const std::string& path) {
    const auto result = LoadFile(path, LoadLimits());
    std::string summary = result.ok() ? "ok" : result.status().ToString();
    if (result.ok()) {
      for (const PageImage& page : result->pages) {
        summary += " " + std::to_string(page.image.cols) + "x" + std::to_string(page.image.rows) +
                   ":" + std::to_string(static_cast<long long>(cv::sum(page.image)[0]));
      }
    }
    return summary;
  };
  std::vector<std::string> expected;
  for (const std::string& path : paths) {
    expected.push_back(summarize(path));
  }

  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (std::size_t i = 0; i < paths.size(); ++i) {
          seen[t].push_back(summarize(paths[(i + t) % paths.size()]));
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (int t = 0; t < kThreads; ++t) {
    REQUIRE(seen[t].size() == 3 * paths.size());
    for (std::size_t k = 0; k < seen[t].size(); ++k) {
      CHECK(seen[t][k] == expected[(k % paths.size() + t) % paths.size()]);
    }
  }
  CHECK(Contains(expected[4], "truncated JPEG"));
}

// The engine: ties the pipeline stages together for one submission.
//
// Steps: list the submission's files; load each file page by page; read each page (OCR or
// text layer) and classify it; group pages into documents (a material may span pages);
// read the fields of each document; tell look-alike materials apart (the two ID cards);
// decide the domain; run the rules; give the verdict.

#include "precheck/engine.h"

#include <dlfcn.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "image/preprocess.h"
#include "load/loader.h"
#include "match/classifier.h"
#include "match/fields.h"
#include "match/form_check.h"
#include "ocr/glyphs.h"
#include "ocr/ocr_engine.h"
#include "ocr/page_reader.h"
#include "precheck/report_io.h"
#include "report/report_internal.h"
#include "rules/checker.h"
#include "rules/cross_document.h"
#include "rules/values.h"
#include "seal/stage.h"
#include "signature/signatures.h"
#include "util/text.h"

namespace precheck {
namespace fs = std::filesystem;

namespace {

constexpr const char* kUnrecognized = "unrecognized";

bool IsSkippedName(const std::string& name) {
  return name.empty() || name[0] == '.' || name == "Thumbs.db" || name == "desktop.ini" ||
         name == "__MACOSX" || name == "submission.yaml";
}

// Every file of a submission folder, sub-folders included, sorted by relative path.
std::vector<fs::path> SubmissionFiles(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    files.push_back(root);
    return files;
  }
  // A folder that cannot be listed is listed itself, so that it is reported, not skipped.
  if (::access(root.c_str(), R_OK | X_OK) != 0) {
    files.push_back(root);
    return files;
  }
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (IsSkippedName(name)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec) && ::access(it->path().c_str(), R_OK | X_OK) != 0) {
      it.disable_recursion_pending();
      files.push_back(it->path());
      continue;
    }
    // A link to nothing is listed too: the clerk must hear that a file is missing.
    bool broken_link = it->is_symlink(ec) && !fs::exists(it->path(), ec);
    if (it->is_regular_file(ec) || broken_link || it->is_other(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Chinese reason for a loader failure, for the applicant.
std::string ReasonZh(const Status& s) {
  const std::string& m = s.message();
  switch (s.code()) {
    case StatusCode::kEncrypted:
      return "文件已加密，需要密码才能打开";
    case StatusCode::kLimitExceeded:
      if (m.find("too small") != std::string::npos) {
        return "图像过小，无法辨认内容，"
               "请重新扫描后提交（A4以300dpi扫描约2480×3508像素）";
      }
      if (m.find("pages") != std::string::npos) {
        return "页数超过处理上限，请拆分为多个文件提交";
      }
      return "图像尺寸超过处理上限，请以300dpi左右的分辨率重新扫描（A4约2480×3508像素）";
    case StatusCode::kUnsupported:
      return "不支持的文件格式";
    case StatusCode::kCorrupt:
      if (m.find("empty") != std::string::npos || m.find("0 bytes") != std::string::npos) {
        return "文件为空（0字节）";
      }
      if (m.find("truncated") != std::string::npos) return "文件不完整（传输或保存时被截断）";
      return "文件已损坏，无法解码";
    case StatusCode::kNotFound:
      return "文件不存在（链接已失效或文件已被移走）";
    case StatusCode::kIOError:
      if (m.find("folder cannot be read") != std::string::npos)
        return "文件夹无法读取（没有访问权限）";
      if (m.find("no such file") != std::string::npos)
        return "文件不存在（链接已失效或文件已被移走）";
      if (m.find("symbolic link loop") != std::string::npos)
        return "文件是指向自身的链接（循环链接），无法打开";
      return "文件无法打开";
    default:
      return "文件无法解码";
  }
}

// True when the file's extension names a PDF or an image.
bool NamedAsScan(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* e :
       {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp"}) {
    if (ext == e) return true;
  }
  return false;
}

// Lower-case ASCII letters, spaces removed: file names are matched without regard to case.
std::string FileNameKey(const std::string& s) {
  std::string out = text::RemoveSpaces(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The materials a file's name points to, e.g. 行政处罚决定书.pdf, 缴款凭证.jpg or
// Business_License.png: those with the longest of their titles, name, file_names and id
// that the name contains, letters in any case. Several when that word is shared (承诺书
// names both commitment letters); none when no word is found.
std::vector<std::string> MaterialsFromFileName(const Catalog& catalog,
                                               const std::string& name) {
  const std::string n = FileNameKey(name);
  std::vector<std::string> out;
  size_t longest = 0;
  for (const MaterialTemplate& t : catalog.materials()) {
    size_t best = 0;
    auto consider = [&](const std::string& word) {
      std::string w = FileNameKey(word);
      if (!w.empty() && n.find(w) != std::string::npos) best = std::max(best, w.size());
    };
    for (const std::string& title : t.titles) consider(title);
    consider(t.name);
    consider(t.id);
    for (const std::string& word : t.file_names) consider(word);
    if (best == 0 || best < longest) continue;
    if (best > longest) out.clear();
    longest = best;
    out.push_back(t.id);
  }
  return out;
}

class LoggerProxy {
 public:
  explicit LoggerProxy(Logger* logger) : logger_(logger) {}
  void operator()(LogLevel level, const std::string& message) const {
    if (logger_) logger_->Log(level, text::DisplayName(message));
  }

 private:
  Logger* logger_;
};

// Reads a value again with an engine limited to the characters of its type: identifiers
// with the Latin engine, dates and amounts with the Chinese one.
class TypedReader : public match::ValueReader {
 public:
  TypedReader(ocr::OcrPool* names, ocr::OcrPool* latin, ocr::OcrPool* dates,
              ocr::OcrPool* amounts)
      : names_(names), latin_(latin), dates_(dates), amounts_(amounts) {}

  bool Rereads(values::ValueType type) const override { return PoolFor(type) != nullptr; }

  std::string Read(const ocr::PageText& page, const Box& box, values::ValueType type,
                   const std::string& first) override {
    ocr::OcrPool* pool = PoolFor(type);
    if (!pool || page.deskewed.empty() || page.from_text_layer) return "";
    cv::Mat gray = Around(page, box);
    if (gray.empty()) return "";
    // An amount's formal numerals are told apart by their shapes first: a restricted
    // alphabet makes Tesseract drop the glyph it misread rather than choose another.
    if (type == values::ValueType::kAmount) {
      std::string glyphs = ocr::ReadAmountGlyphs(gray, first);
      if (!glyphs.empty()) return glyphs;
    }
    Result<ocr::OcrPool::Lease> lease = pool->Acquire();
    if (!lease.ok()) return "";
    std::string out = ReadLine(*lease.value(), gray);
    if (type != values::ValueType::kDate && type != values::ValueType::kDateRange) return out;
    if (values::Normalize(type, out).outcome == values::Outcome::kOk) return out;
    // A whole date that does not exist (2025年6月31日) is the applicant's error, not a
    // misreading: it is not read into another.
    if (WholeYearDate(first) || WholeYearDate(out)) return out;
    std::string again = ReadCutDate(*lease.value(), page, box, gray, type);
    return again.empty() ? out : again;
  }

  ocr::NameShapes ReadNameByShape(const ocr::PageText& page, const Box& box,
                                  const std::string& first) override {
    if (page.deskewed.empty() || page.from_text_layer) return {};
    return ocr::ReadNameShapes(Around(page, box), first);
  }

  // By chi_sim alone, at the size read first, smaller and larger: Tesseract's misreads of
  // a Han character change with the model and the glyphs' size (of 52 names and numbers
  // misread on a generated clean corpus, 11 were read right at one of these).
  std::vector<std::string> ReadAtOtherScales(const ocr::PageText& page, const Box& box) override {
    if (!names_ || page.deskewed.empty() || page.from_text_layer) return {};
    cv::Mat gray = Around(page, box);
    if (gray.empty()) return {};
    Result<ocr::OcrPool::Lease> lease = names_->Acquire();
    if (!lease.ok()) return {};
    std::vector<std::string> out;
    for (double scale : {1.0, 0.75, 1.5, 2.0}) {
      cv::Mat scaled = gray;
      if (scale != 1.0) {
        cv::resize(gray, scaled, cv::Size(), scale, scale,
                   scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
      }
      cv::copyMakeBorder(scaled, scaled, 10, 10, 10, 10, cv::BORDER_CONSTANT, cv::Scalar(255));
      out.push_back(ReadLine(*lease.value(), scaled));
    }
    return out;
  }

 private:
  // A date printed over a seal (a licence's 发证日期 under the registry's seal) loses the
  // glyphs that touch the seal's ring: read again from `gray` (its box's neighbourhood) at
  // larger sizes, two glyphs wider on each side, and with only its darkest ink, where a
  // photocopy left the seal lighter than the print. Each misreads differently: the date
  // most of them read whole wins (the first to get there on a tie). "" when none does.
  static std::string ReadCutDate(ocr::OcrEngine& engine, const ocr::PageText& page,
                                 const Box& box, const cv::Mat& gray, values::ValueType type) {
    cv::Mat wide = Around(page, Box{box.x - 2 * box.height, box.y, box.width + 4 * box.height,
                                    box.height});
    const std::vector<double> kAllScales = {1.0, 1.5, 2.0};
    // `gray` at its own size was read already.
    const std::vector<std::pair<cv::Mat, std::vector<double>>> versions = {
        {gray, {1.5, 2.0}},
        {DarkestInk(gray), kAllScales},
        {wide, kAllScales},
        {wide.empty() ? cv::Mat() : DarkestInk(wide), kAllScales}};
    std::map<std::string, int> votes;  // by normalised value
    std::string best, best_value;
    for (const auto& [img, scales] : versions) {
      for (double scale : img.empty() ? std::vector<double>{} : scales) {
        cv::Mat scaled = img;
        if (scale != 1.0) cv::resize(img, scaled, cv::Size(), scale, scale, cv::INTER_CUBIC);
        std::string again = ReadLine(engine, scaled);
        values::Normalized n = values::Normalize(type, again);
        // A date cut short (2017年1月2 for 2017年12月21日) would parse: only whole ones count.
        if (n.outcome != values::Outcome::kOk || !WholeDates(again)) continue;
        if (++votes[n.value] > votes[best_value]) {
          best = again;
          best_value = n.value;
        }
      }
    }
    return best;
  }

  // The value's neighbourhood in grey, coloured ink removed; empty outside the page. Only
  // the neighbourhood is converted: this runs for each value read again.
  static cv::Mat Around(const ocr::PageText& page, const Box& box) {
    cv::Rect around = cv::Rect(box.x - 6, box.y - 8, box.width + 12, box.height + 16) &
                      cv::Rect(0, 0, page.deskewed.cols, page.deskewed.rows);
    if (around.empty()) return {};
    return image::GrayWithoutColorInk(page.deskewed(around));
  }

  // True when every date in `s` written with 年 has its 月 and its 日.
  static bool WholeDates(const std::string& s) {
    auto count = [&](std::string_view glyph) {
      size_t n = 0;
      for (size_t at = s.find(glyph); at != std::string::npos; at = s.find(glyph, at + 1)) ++n;
      return n;
    };
    return count("年") == count("月") && count("月") == count("日");
  }

  // True when `s` holds a date written with 年, 月 and 日 whose year has four digits or
  // numerals: nothing of it was cut off.
  static bool WholeYearDate(const std::string& s) {
    std::u32string u = text::ToU32(s);
    size_t year = u.find(U'年');
    if (year == std::u32string::npos || !WholeDates(s)) return false;
    static constexpr std::u32string_view kYearGlyphs =
        U"0123456789〇零一二三四五六七八九";
    size_t digits = 0;
    while (digits < year && kYearGlyphs.find(u[year - digits - 1]) != kYearGlyphs.npos) ++digits;
    return digits >= 4;
  }

  static std::string ReadLine(ocr::OcrEngine& engine, const cv::Mat& gray) {
    std::string out;
    for (const ocr::TextLine& l :
         engine.Read(gray, Box{0, 0, gray.cols, gray.rows}, ocr::Layout::kLine)) {
      out += l.text;
    }
    return out;
  }

  // `gray` with only the ink darker than Otsu's split of its inked pixels: print stays, a
  // lighter seal's ring and star go. Empty when there is too little ink to split.
  static cv::Mat DarkestInk(const cv::Mat& gray) {
    std::vector<uchar> inked;
    for (int y = 0; y < gray.rows; ++y) {
      const uchar* row = gray.ptr<uchar>(y);
      for (int x = 0; x < gray.cols; ++x) {
        if (row[x] < 200) inked.push_back(row[x]);
      }
    }
    if (inked.size() < 50) return {};
    cv::Mat ink(1, static_cast<int>(inked.size()), CV_8U, inked.data()), unused;
    double split = cv::threshold(ink, unused, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::Mat out;
    cv::threshold(gray, out, split, 255, cv::THRESH_BINARY);
    return out;
  }

  ocr::OcrPool* PoolFor(values::ValueType type) const {
    switch (type) {
      case values::ValueType::kUscc:
      case values::ValueType::kId18:
        return latin_;
      case values::ValueType::kDate:
      case values::ValueType::kDateRange:
        return dates_;
      case values::ValueType::kAmount:
        return amounts_;
      default:
        return nullptr;
    }
  }

  ocr::OcrPool* names_;
  ocr::OcrPool* latin_;
  ocr::OcrPool* dates_;
  ocr::OcrPool* amounts_;
};

// The affine map from a page of `size` as loaded (or turned) to the page as ReadPage read it
// into `text`: its straightening, the identity when it was not straightened.
cv::Mat StraighteningMap(const ocr::PageText& text, cv::Size size) {
  const bool turned =
      !text.from_text_layer && std::abs(text.skew_degrees) >= ocr::kMinDeskewDegrees;
  cv::Point2f centre(size.width / 2.0f, size.height / 2.0f);
  return cv::getRotationMatrix2D(centre, turned ? -text.skew_degrees : 0.0, 1.0);
}

// Keeps `unsealed` (each seal's box and its pixels before the seal was whitened, on a page
// of `size`) turned as ReadPage turned the page, so that the signature stage sees pen
// strokes that cross a seal.
void KeepSealPatches(const std::vector<std::pair<cv::Rect, cv::Mat>>& unsealed, cv::Size size,
                     ocr::PageText* text) {
  if (unsealed.empty() || text->deskewed.empty() || text->from_text_layer) return;
  if (size != text->deskewed.size()) return;
  cv::Mat m = StraighteningMap(*text, size);
  const cv::Rect page(0, 0, size.width, size.height);
  for (const auto& [box, pixels] : unsealed) {
    std::vector<cv::Point2f> corners = {{float(box.x), float(box.y)},
                                        {float(box.x + box.width), float(box.y)},
                                        {float(box.x), float(box.y + box.height)},
                                        {float(box.x + box.width), float(box.y + box.height)}};
    std::vector<cv::Point2f> moved;
    cv::transform(corners, moved, m);
    cv::Rect r = cv::boundingRect(moved) & page;
    if (r.empty()) continue;
    // From the crop's own coordinates to the patch's: the page's turn, shifted by both
    // offsets.
    cv::Mat shift = m.clone();
    shift.at<double>(0, 2) += m.at<double>(0, 0) * box.x + m.at<double>(0, 1) * box.y - r.x;
    shift.at<double>(1, 2) += m.at<double>(1, 0) * box.x + m.at<double>(1, 1) * box.y - r.y;
    // Where the turned crop does not reach (its corners), the page as deskewed stays.
    cv::Mat base = text->deskewed(r).clone();
    cv::warpAffine(pixels, base, shift, r.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
    text->seal_patches.emplace_back(r, std::move(base));
  }
}

// `box` on a page of `size` turned by cv::rotate with `code`, on the turned page.
cv::Rect TurnedRect(const cv::Rect& box, cv::Size size, int code) {
  switch (code) {
    case cv::ROTATE_90_CLOCKWISE:
      return {size.height - box.y - box.height, box.x, box.height, box.width};
    case cv::ROTATE_180:
      return {size.width - box.x - box.width, size.height - box.y - box.height, box.width,
              box.height};
    case cv::ROTATE_90_COUNTERCLOCKWISE:
      return {box.y, size.width - box.x - box.width, box.height, box.width};
    default:
      return box;
  }
}

// Seal boxes found on the page as loaded, moved into the frame of `text` (the page as read:
// turned by `turn`, a cv::RotateFlags or -1, then straightened), where fields and
// signatures have theirs: a box keeps its size, its centre moves.
void SealsToPageFrame(const ocr::PageText& text, cv::Size loaded, int turn,
                      std::vector<SealReading>* seals) {
  cv::Size size = loaded;
  if (turn >= 0) {
    for (SealReading& seal : *seals) {
      cv::Rect r =
          TurnedRect({seal.bbox.x, seal.bbox.y, seal.bbox.width, seal.bbox.height}, loaded, turn);
      seal.bbox = Box{r.x, r.y, r.width, r.height};
    }
    if (turn != cv::ROTATE_180) size = cv::Size(loaded.height, loaded.width);
  }
  cv::Mat m = StraighteningMap(text, size);
  for (SealReading& seal : *seals) {
    std::vector<cv::Point2f> c = {
        {seal.bbox.x + seal.bbox.width / 2.0f, seal.bbox.y + seal.bbox.height / 2.0f}};
    std::vector<cv::Point2f> moved;
    cv::transform(c, moved, m);
    seal.bbox.x = static_cast<int>(std::lround(moved[0].x - seal.bbox.width / 2.0));
    seal.bbox.y = static_cast<int>(std::lround(moved[0].y - seal.bbox.height / 2.0));
  }
}

// What the steps after grouping need of a document beside its report.
struct DocumentSide {
  // The fields as read with the look-alike material's template (empty when it has none),
  // for ResolveTwins.
  std::vector<FieldReading> twin_fields;
  match::FormFinding form;              // what CheckForm found
  std::vector<cv::Mat> signature_inks;  // each signature's pen ink, for comparing hands
  std::vector<seal::RingStrip> ring_strips;  // the seals' ring text, for ConfirmExpectedNames
};

struct PageRecord {
  std::string file;  // relative to the submission
  ocr::PageText text;
  match::PageClass cls;
  int number = 0;
  double source_dpi = 0;
  bool dpi_estimated = false;
  bool flattened = false;
  std::vector<SealReading> seals;  // owners not yet assigned
  std::vector<seal::RingStrip> ring_strips;  // parallel to seals
  // A page read from its text layer: its seals as loaded, for its picture (a scanned page
  // keeps them, turned with it, in text.seal_patches).
  std::vector<std::pair<cv::Rect, cv::Mat>> layer_seals;
};

// The page as it was read (turned and straightened, in the frame of every box of the
// report) with its seals put back. Empty when the page has no image.
cv::Mat PagePicture(const PageRecord& p) {
  if (p.text.deskewed.empty()) return {};
  cv::Mat out = p.text.deskewed.clone();
  const cv::Rect page(0, 0, out.cols, out.rows);
  for (const auto* patches : {&p.text.seal_patches, &p.layer_seals}) {
    for (const auto& [r, pixels] : *patches) {
      if ((r & page) != r || pixels.size() != r.size() || pixels.type() != out.type()) continue;
      pixels.copyTo(out(r));
    }
  }
  return out;
}

// The run of print that `box` lies in on the ink mask `ink` (255 = ink): the box widened
// left and right along its rows while the next ink is less than two of its heights away.
// An ID number read only in part (***1061) is hidden whole. `box` when there is no mask.
Box InkRun(const cv::Mat& ink, const Box& box) {
  if (ink.empty() || box.empty()) return box;
  const int y0 = std::max(0, box.y), y1 = std::min(ink.rows, box.y + box.height);
  if (y1 <= y0) return box;
  cv::Mat rows = ink.rowRange(y0, y1);
  cv::Mat columns;
  cv::reduce(rows, columns, 0, cv::REDUCE_MAX);
  const int gap = 2 * box.height;
  auto inked = [&](int x) { return x >= 0 && x < columns.cols && columns.at<uchar>(0, x) > 0; };
  int left = std::clamp(box.x, 0, ink.cols - 1);
  int right = std::clamp(box.x + box.width, 0, ink.cols - 1);
  for (int x = left - 1, blank = 0; x >= 0 && blank <= gap; --x) {
    blank = inked(x) ? 0 : blank + 1;
    if (blank == 0) left = x;
  }
  for (int x = right + 1, blank = 0; x < ink.cols && blank <= gap; ++x) {
    blank = inked(x) ? 0 : blank + 1;
    if (blank == 0) right = x;
  }
  return Box{left, box.y, right - left + 1, box.height};
}

// Writes the picture of each page of `pages` (the file `rel` of the submission at
// `submission_path`) to `dir`, at half size, and lists it in `images` (with its error when
// it could not be written). With `redact`, the fields of `docs` that hold an ID or phone
// number (the whole run of print they lie in, however much of it OCR read), and every line
// of text with one, are blacked out first. Returns the problems met, one per picture not
// written.
std::vector<std::string> WritePictures(const std::vector<PageRecord>& pages,
                                       const std::vector<DocumentReport>& docs,
                                       const std::string& rel, const std::string& submission_path,
                                       const std::string& dir, bool redact,
                                       std::vector<PageImage>* images) {
  std::vector<std::string> problems;
  for (const PageRecord& p : pages) {
    cv::Mat picture = PagePicture(p);
    if (picture.empty()) continue;
    if (redact) {
      std::vector<Box> secret;
      for (const ocr::TextLine& l : p.text.lines) {
        if (RedactText(l.text) != l.text) secret.push_back(l.box);
      }
      for (const DocumentReport& d : docs) {
        for (const FieldReading& f : d.fields) {
          if (f.page != p.number || f.bbox.empty()) continue;
          const std::string& v = f.value.empty() ? f.text : f.value;
          if (!v.empty() && report_internal::RedactFieldText(f.key, v) != v) {
            secret.push_back(InkRun(p.text.ink, f.bbox));
          }
        }
      }
      const cv::Rect page(0, 0, picture.cols, picture.rows);
      for (const Box& b : secret) {
        cv::Rect r = cv::Rect(b.x - 6, b.y - 6, b.width + 12, b.height + 12) & page;
        if (!r.empty()) picture(r).setTo(cv::Scalar(0, 0, 0));
      }
    }
    cv::Mat half;
    cv::resize(picture, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    std::vector<uchar> jpeg;
    std::string path = (fs::path(dir) / PageImageName(submission_path, rel, p.number)).string();
    std::string error;
    if (!cv::imencode(".jpg", half, jpeg, {cv::IMWRITE_JPEG_QUALITY, 80})) {
      error = path + ": cannot encode the page picture";
    } else if (Status s = WriteFileAtomically(path, std::string(jpeg.begin(), jpeg.end()));
               !s.ok()) {
      error = s.message();
    }
    if (!error.empty()) problems.push_back(error);
    images->push_back(
        {rel, p.number, error.empty() ? path : "", picture.cols, picture.rows, error});
  }
  return problems;
}

// Why a page cannot be checked reliably, in Chinese; "" when it can. Conservative: only
// what the reading itself shows (the resolution the page came with, the skew it needed, how
// sure Tesseract was of its text), so that a clean scan is never flagged.
// Limitation: a page cut off at its edge is not detected.
std::string PageQualityProblem(const PageRecord& p) {
  // Below about 120 dpi the glyphs of 五号 print are under 15 pixels high.
  constexpr double kMinDpi = 120;
  constexpr double kMaxSkew = 5.0;  // degrees; forms are scanned within a few
  constexpr double kMinConfidence = 0.5;
  if (p.text.from_text_layer) return "";
  char buffer[96];
  if (p.source_dpi > 0 && p.source_dpi < kMinDpi) {
    std::snprintf(buffer, sizeof buffer, "分辨率过低（约%.0f dpi）", p.source_dpi);
    return buffer;
  }
  // An image whose size gave no resolution is taken as 300 dpi; under 900 pixels it would
  // be smaller than an ID card (1011 pixels at 300 dpi): a thumbnail.
  constexpr int kMinPixels = 900;
  if (p.dpi_estimated && std::max(p.text.width, p.text.height) < kMinPixels) {
    std::snprintf(buffer, sizeof buffer, "图像尺寸过小（%d×%d像素）", p.text.width, p.text.height);
    return buffer;
  }
  if (std::abs(p.text.skew_degrees) > kMaxSkew) {
    std::snprintf(buffer, sizeof buffer, "页面倾斜约%.0f度", std::abs(p.text.skew_degrees));
    return buffer;
  }
  double sum = 0;
  size_t words = 0;
  std::vector<int> heights;
  for (const ocr::TextLine& l : p.text.lines) {
    // Lines of a few characters at least: single glyphs are often ornaments or specks.
    if (text::ToU32(l.text).size() >= 4) heights.push_back(l.box.height);
    for (const ocr::Word& w : l.words) {
      sum += w.confidence;
      ++words;
    }
  }
  // A thumbnail whose size says nothing of its resolution (it is then taken as 300 dpi):
  // its lines are a few pixels high, where a page's body text is 30 to 50.
  constexpr int kMinLineHeight = 18;
  if (!heights.empty()) {
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    if (heights[heights.size() / 2] < kMinLineHeight) return "分辨率过低，文字过小";
  }
  if (words >= 20 && sum / words < kMinConfidence) return "页面模糊或不清晰，文字识别置信度低";
  return "";
}

}  // namespace

// Reads domain: and penalty_severity: (into `severity`) from a submission.yaml; anything it
// cannot use is described in `problems` (Chinese) and ignored.
std::string ReadSubmissionYaml(const fs::path& path, std::vector<std::string>* problems,
                               const Catalog& catalog, std::string* severity) {
  std::string domain;
  try {
    YAML::Node node = YAML::LoadFile(path.string());
    if (!node.IsMap()) {
      problems->push_back("submission.yaml 应为“键: 值”格式");
      return "";
    }
    std::map<std::string, int> seen;  // key -> the line it was first given on
    for (const auto& kv : node) {
      std::string key = kv.first.as<std::string>("");
      int line = kv.first.Mark().line + 1;
      std::string value = kv.second.IsScalar() ? kv.second.Scalar() : "";
      std::string where = "submission.yaml 第" + std::to_string(line) + "行";
      // A key given twice: the first stands, as in templates and rule files.
      if (auto [first, added] = seen.emplace(key, line); !added) {
        const std::string before = std::to_string(first->second);
        problems->push_back(where + "：键“" + key + "”重复（第" + before + "行已有），" +
                            "以第一处为准");
        continue;
      }
      if (key == "domain") {
        if (catalog.Domain(value)) {
          domain = value;
        } else {
          problems->push_back(where + "：无法识别的修复类型（domain）“" + value + "”");
        }
      } else if (key == "penalty_severity") {
        if (value != "general" && value != "serious" && value != "light") {
          problems->push_back(where + "：penalty_severity 应为 general、serious 或 light，而不是“" +
                              value + "”");
        } else {
          *severity = value;
        }
      } else {
        problems->push_back(where + "：无法识别的键“" + key +
                            "”（可用：domain、penalty_severity）");
      }
    }
  } catch (const YAML::Exception& e) {
    // yaml-cpp's own message is English: the place is what the applicant can act on.
    problems->push_back("submission.yaml 第" + std::to_string(e.mark.line + 1) + "行第" +
                        std::to_string(e.mark.column + 1) + "列：格式错误（不是有效的YAML）");
  }
  return domain;
}

struct Engine::Impl {
  EngineOptions options;
  std::string data_dir;
  Catalog catalog;
  std::unique_ptr<ocr::OcrPool> chinese;
  std::unique_ptr<ocr::OcrPool> latin;
  std::unique_ptr<ocr::OcrPool> dates;    // chi_sim limited to the characters of dates
  std::unique_ptr<ocr::OcrPool> amounts;  // chi_sim limited to the characters of amounts
  std::unique_ptr<ocr::OcrPool> names;    // chi_sim alone, no limits
  std::unique_ptr<ocr::OcrPool> orientation;

  load::LoadLimits Limits() const {
    load::LoadLimits l;
    l.max_pixels = options.max_pixels;
    l.max_file_bytes = options.max_file_bytes;
    l.max_pages = options.max_pages;
    return l;
  }

  // Reads and classifies every page of one file; a load failure is returned as a Status.
  Status ReadFile(const fs::path& path, const std::string& rel, std::vector<PageRecord>* out,
                  load::FileKind* kind) const {
    return load::ForEachPage(
        path.string(), Limits(),
        [&](load::PageImage&& page) -> Status {
          Result<ocr::OcrPool::Lease> lease = chinese->Acquire();
          if (!lease.ok()) return lease.status();
          PageRecord rec;
          rec.file = rel;
          rec.number = page.number;
          rec.source_dpi = page.source_dpi;
          rec.dpi_estimated = page.dpi_estimated;
          rec.flattened = page.flattened;
          // Seals are read first and then whitened, so that their ink is not read as text.
          std::vector<std::pair<cv::Rect, cv::Mat>> unsealed;
          rec.seals = seal::ReadPageSeals(*lease.value(), page.image, page.number, &unsealed,
                                          &rec.ring_strips);
          std::vector<Box> rings;
          for (const SealReading& s : rec.seals) {
            if (s.color == "grey" && s.shape != "square") rings.push_back(s.bbox);
          }
          rec.text = ocr::ReadPage(*lease.value(), page, rings);
          KeepSealPatches(unsealed, page.image.size(), &rec.text);
          if (rec.text.from_text_layer) rec.layer_seals = unsealed;
          int turn = -1;
          rec.cls = match::ClassifyPage(catalog, rec.text);
          // A page that matches nothing may be lying on its side or upside down: turn it
          // upright as Tesseract's orientation detection says and read it again.
          // When the detection is unsure (a card copy holds little text) and the page lies in
          // landscape, as a portrait sheet on its side does, both quarter turns are tried.
          if (!rec.cls.material) {
            for (int code : Turns(page)) {
              load::PageImage turned = page;
              // A fresh buffer: the copy shares the page's pixels, and a half turn keeps the
              // size, so cv::rotate would overwrite the page kept in rec.text.deskewed.
              turned.image = cv::Mat();
              cv::rotate(page.image, turned.image, code);
              turned.text_layer.clear();
              ocr::PageText again = ocr::ReadPage(*lease.value(), turned);
              match::PageClass cls = match::ClassifyPage(catalog, again);
              if (cls.material) {
                // The seals' own pixels, turned with the page.
                std::vector<std::pair<cv::Rect, cv::Mat>> turned_seals;
                for (const auto& [box, pixels] : unsealed) {
                  cv::Mat p;
                  cv::rotate(pixels, p, code);
                  turned_seals.emplace_back(TurnedRect(box, page.image.size(), code), p);
                }
                KeepSealPatches(turned_seals, turned.image.size(), &again);
                rec.text = std::move(again);
                rec.cls = cls;
                turn = code;
                break;
              }
            }
          }
          SealsToPageFrame(rec.text, page.image.size(), turn, &rec.seals);
          for (size_t k = 0; k < rec.seals.size() && k < rec.ring_strips.size(); ++k) {
            rec.ring_strips[k].bbox = rec.seals[k].bbox;
          }
          out->push_back(std::move(rec));
          return Status::Ok();
        },
        kind);
  }

  // The turns (cv::RotateFlags) worth trying on a page that matched nothing: the one
  // Tesseract's orientation detection gives when it is confident; else, for a landscape page,
  // both quarter turns.
  std::vector<int> Turns(const load::PageImage& page) const {
    if (page.image.empty()) return {};
    Result<ocr::OcrPool::Lease> lease = orientation->Acquire();
    int degrees = 0;
    double confidence = 0;
    if (lease.ok() &&
        (*lease.value()).DetectOrientation(image::Gray(page.image), &degrees, &confidence) &&
        confidence >= 2.0) {
      if (degrees == 0) return {};
      // Tesseract reports the clockwise rotation of the text; undo it.
      return {degrees == 90    ? cv::ROTATE_90_COUNTERCLOCKWISE
              : degrees == 180 ? cv::ROTATE_180
                               : cv::ROTATE_90_CLOCKWISE};
    }
    if (page.image.cols > page.image.rows * 1.2) {
      return {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_90_COUNTERCLOCKWISE};
    }
    return {};
  }

  // Groups the pages of one file into documents: a recognised page starts a material; an
  // unrecognised page right after it continues it while the material may span more pages.
  // `side`, when given, receives for each document what the later steps need beside it.
  std::vector<DocumentReport> GroupPages(std::vector<PageRecord>& pages, match::ValueReader* reader,
                                         std::vector<DocumentSide>* side = nullptr) const {
    std::vector<DocumentReport> docs;
    size_t i = 0;
    while (i < pages.size()) {
      const match::PageClass& c = pages[i].cls;
      DocumentReport doc;
      doc.file = pages[i].file;
      std::vector<match::MaterialPage> mpages;
      DocumentSide extra;
      mpages.push_back({&pages[i].text, pages[i].number, c.title_line});
      doc.pages.push_back(pages[i].number);
      doc.seals = pages[i].seals;
      extra.ring_strips = pages[i].ring_strips;
      size_t j = i + 1;
      if (c.material) {
        while (j < pages.size() && !pages[j].cls.material &&
               static_cast<int>(doc.pages.size()) < c.material->max_pages) {
          mpages.push_back({&pages[j].text, pages[j].number, -1});
          doc.pages.push_back(pages[j].number);
          doc.seals.insert(doc.seals.end(), pages[j].seals.begin(), pages[j].seals.end());
          extra.ring_strips.insert(extra.ring_strips.end(), pages[j].ring_strips.begin(),
                                   pages[j].ring_strips.end());
          ++j;
        }
        doc.type = c.material->id;
        doc.type_confidence = c.confidence;
        doc.fields = match::ExtractFields(*c.material, mpages, reader);
        extra.form = match::CheckForm(*c.material, c, mpages);
        for (signature::Block& block : signature::ReadBlocks(*c.material, mpages)) {
          doc.signatures.push_back(std::move(block.reading));
          extra.signature_inks.push_back(std::move(block.ink));
        }
      } else {
        doc.type = kUnrecognized;
        doc.type_confidence = 0;
        // No template names the signers here: the handwritten signatures seen are listed.
        doc.signatures = signature::FreeSignatures(pages[i].text, pages[i].number);
      }
      if (side) {
        const MaterialTemplate* twin = c.material ? catalog.Material(c.material->twin) : nullptr;
        if (twin) extra.twin_fields = match::ExtractFields(*twin, mpages, reader);
        side->push_back(std::move(extra));
      }
      docs.push_back(std::move(doc));
      i = j;
    }
    return docs;
  }

  // The ID cards of the legal representative and of the agent look alike: a card belongs
  // to whoever the other materials name with the card's name or ID number.
  void ResolveTwins(std::vector<DocumentReport>& docs, std::vector<DocumentSide>& side) const {
    std::vector<std::string> rep, agent;  // names and ID numbers from the other materials
    for (const DocumentReport& d : docs) {
      const MaterialTemplate* t = catalog.Material(d.type);
      if (!t || !t->twin.empty()) continue;
      for (const FieldReading& f : d.fields) {
        if (f.value.empty()) continue;
        if (f.key == "legal_rep" || f.key == "legal_rep_id") rep.push_back(f.value);
        if (f.key == "agent_name" || f.key == "agent_id") agent.push_back(f.value);
      }
    }
    auto score = [](const DocumentReport& card, const std::vector<std::string>& known) {
      double best = 0;
      for (const FieldReading& f : card.fields) {
        if (f.value.empty()) continue;
        for (const std::string& k : known) best = std::max(best, text::Similarity(f.value, k));
      }
      return best;
    };
    std::vector<DocumentReport*> cards;
    for (DocumentReport& d : docs) {
      const MaterialTemplate* t = catalog.Material(d.type);
      if (t && !t->twin.empty()) cards.push_back(&d);
    }
    for (DocumentReport* card : cards) {
      std::vector<FieldReading>* alternative = &side[card - docs.data()].twin_fields;
      // Of the two look-alike templates, the representative's is the one with legal_rep.
      const MaterialTemplate* t = catalog.Material(card->type);
      const MaterialTemplate* twin = catalog.Material(t->twin);
      if (!twin) continue;
      std::string rep_type = t->Field("legal_rep") ? t->id : twin->id;
      std::string agent_type = rep_type == t->id ? twin->id : t->id;
      double as_rep = score(*card, rep);
      double as_agent = score(*card, agent);
      std::string want;
      if (as_agent > as_rep + 0.2) want = agent_type;
      if (as_rep > as_agent + 0.2) want = rep_type;
      if (want.empty()) {
        // Undecided: a lone card is the legal representative's (always required); of two
        // cards, the one less like the representative is the agent's.
        want = rep_type;
        for (DocumentReport* other : cards) {
          if (other != card && score(*other, rep) > as_rep + 0.2) want = agent_type;
        }
      }
      Retype(*card, want, alternative);
    }
  }

  // An identifier that fails its check character on one material but differs from a valid
  // reading of the same key elsewhere in the submission only by characters OCR confuses
  // (0/O/Q/D/U, 1/I/T/L/7, 8/B, 2/Z, 5/S, 6/G) in its body was misread: it takes the valid
  // value. A different check character is never explained away this way, so an applicant's
  // wrong code is still reported.
  void ReconcileIdentifiers(std::vector<DocumentReport>& docs) const {
    static const std::vector<std::string> kConfusable = {"0OQDU", "1ITL7", "8B", "2Z", "5S", "6G"};
    auto confusable = [&](char a, char b) {
      for (const std::string& group : kConfusable) {
        if (group.find(a) != std::string::npos && group.find(b) != std::string::npos) return true;
      }
      return false;
    };
    auto upper = [](std::string t) {
      std::string out;
      for (char c : text::RemoveSpaces(text::FoldWidth(t))) {
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      return out;
    };
    for (DocumentReport& d : docs) {
      const MaterialTemplate* t = catalog.Material(d.type);
      if (!t) continue;
      for (FieldReading& r : d.fields) {
        const FieldSpec* spec = t->Field(r.key);
        if (!spec || !r.value.empty() || (spec->type != "uscc" && spec->type != "id18")) continue;
        std::string read = upper(r.text);
        for (const DocumentReport& other : docs) {
          const FieldReading* o = other.Field(r.key);
          if (!o || o->value.size() != 18) continue;
          // The misread code lies somewhere in the text: compare every 18-character window.
          for (size_t start = 0; start + 18 <= read.size() && r.value.empty(); ++start) {
            std::string w = read.substr(start, 18);
            if (w[17] != o->value[17]) continue;
            int differences = 0;
            bool explained = true;
            for (size_t i = 0; i < 17 && explained; ++i) {
              if (w[i] == o->value[i]) continue;
              ++differences;
              explained = confusable(w[i], o->value[i]);
            }
            if (explained && differences <= 2) {
              r.value = o->value;
              r.confidence = std::min(r.confidence, 0.5);
            }
          }
        }
      }
    }
  }

  // Gives a card the twin template's type with the fields read by that template; without
  // them, the fields are mapped by their printed label.
  void Retype(DocumentReport& d, const std::string& type,
              std::vector<FieldReading>* twin_reading) const {
    const MaterialTemplate* from = catalog.Material(d.type);
    const MaterialTemplate* to = catalog.Material(type);
    if (!from || !to || from == to) return;
    if (twin_reading && !twin_reading->empty()) {
      d.type = to->id;
      std::swap(d.fields, *twin_reading);
      return;
    }
    std::vector<FieldReading> mapped;
    for (const FieldSpec& spec : to->fields) {
      for (size_t k = 0; k < from->fields.size() && k < d.fields.size(); ++k) {
        if (from->fields[k].label == spec.label) {
          FieldReading r = d.fields[k];
          r.key = spec.key;
          mapped.push_back(r);
          break;
        }
      }
    }
    d.type = to->id;
    d.fields = std::move(mapped);
  }

  // docs/report.md: flag, submission.yaml, the materials present, else unknown.
  const DomainRuleSet* DecideDomain(const std::string& forced, const std::string& from_yaml,
                                    const std::vector<DocumentReport>& docs) const {
    for (const std::string& id : {forced, from_yaml}) {
      if (!id.empty()) return catalog.Domain(id);
    }
    auto present = [&](const std::string& type) {
      return std::any_of(docs.begin(), docs.end(),
                         [&](const DocumentReport& d) { return d.type == type; });
    };
    // A listing decision decides first; then a ticked option of an application; then the
    // remaining deciding materials.
    for (const DomainRuleSet& d : catalog.domains()) {
      if (d.selected_by_material.empty()) continue;
      for (const std::string& m : d.decided_by) {
        if (present(m)) return &d;
      }
    }
    for (const DomainRuleSet& d : catalog.domains()) {
      if (d.selected_by_material.empty()) continue;
      for (const DocumentReport& doc : docs) {
        if (doc.type != d.selected_by_material) continue;
        const FieldReading* f = doc.Field(d.selected_by_field);
        if (f && !f->value.empty() && text::Similarity(f->value, d.selected_by_option) > 0.8) {
          return &d;
        }
      }
    }
    for (const DomainRuleSet& d : catalog.domains()) {
      for (const std::string& m : d.decided_by) {
        if (present(m)) return &d;
      }
    }
    return nullptr;
  }
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

const char* Version() { return PRECHECK_VERSION; }

std::string PageImageName(const std::string& submission_path, const std::string& file, int page) {
  // FNV-1a of the submission and the file: no personal name in the picture's name.
  uint64_t h = 14695981039346656037ull;
  for (char c : submission_path + '\0' + file) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char name[48];
  std::snprintf(name, sizeof name, "page-%016llx-%d.jpg", static_cast<unsigned long long>(h), page);
  return name;
}

std::string Engine::Today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string Engine::DefaultDataDir() {
  if (const char* env = std::getenv("PRECHECK_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  // An installed library finds share/precheck beside its own lib folder, wherever the
  // installation was moved; a library in a build tree finds the source tree.
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&Engine::DefaultDataDir), &info) && info.dli_fname) {
    fs::path lib = fs::path(info.dli_fname).lexically_normal();
    fs::path beside = lib.parent_path().parent_path() / "share" / "precheck";
    if (fs::is_directory(beside / "templates", ec)) return beside.string();
  }
  for (const char* dir : {PRECHECK_INSTALLED_DATA_DIR, PRECHECK_SOURCE_DATA_DIR}) {
    if (fs::is_directory(fs::path(dir) / "templates", ec)) return dir;
  }
  return PRECHECK_INSTALLED_DATA_DIR;
}

Result<std::unique_ptr<Engine>> Engine::Create(const EngineOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->data_dir = options.data_dir.empty() ? DefaultDataDir() : options.data_dir;
  Result<Catalog> catalog = Catalog::Load(impl->data_dir);
  if (!catalog.ok()) return catalog.status();
  impl->catalog = std::move(catalog).value();
  int workers = std::max(1, options.workers);
  // Chinese text is read with the chi_sim model and, where installed, the Han script model
  // beside it: Tesseract keeps, word by word, the more confident of the two readings. The
  // two models err on different characters (宏达 read 安达 by one, 叁 read 会 by the other):
  // together they read 0.78 of the fields of a clean corpus right, chi_sim alone 0.74
  // (docs/accuracy.md), for about 40% more reading time.
  // Without HanS installed Tesseract loads chi_sim alone (warned about below).
  const std::string zh = options.ocr_languages.empty() ? "chi_sim+HanS" : options.ocr_languages;
  impl->chinese = std::make_unique<ocr::OcrPool>(options.tessdata_dir, zh, workers);
  impl->latin = std::make_unique<ocr::OcrPool>(
      options.tessdata_dir, "eng", workers,
      std::vector<std::pair<std::string, std::string>>{
          {"tessedit_char_whitelist", "0123456789ABCDEFGHJKLMNPQRTUWXY"}});
  // Engines are created on first use: most pages never need these two.
  impl->dates = std::make_unique<ocr::OcrPool>(
      options.tessdata_dir, "chi_sim", workers,
      std::vector<std::pair<std::string, std::string>>{
          {"tessedit_char_whitelist", "0123456789年月日〇零一二三四五六七八九十.-/至长期:："}});
  impl->amounts = std::make_unique<ocr::OcrPool>(
      options.tessdata_dir, "chi_sim", workers,
      std::vector<std::pair<std::string, std::string>>{
          {"tessedit_char_whitelist",
           "0123456789.,人民币零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整¥￥"}});
  // chi_sim alone, for names read again at other scales: it errs on other glyphs than the
  // pair of models that read them first.
  impl->names = std::make_unique<ocr::OcrPool>(options.tessdata_dir, "chi_sim", workers);
  impl->orientation = std::make_unique<ocr::OcrPool>(options.tessdata_dir, "osd", workers);
  // Fail now, not on the first page, when the language data is missing.
  {
    Result<ocr::OcrPool::Lease> probe = impl->chinese->Acquire();
    if (!probe.ok()) return probe.status();
    std::vector<std::string> loaded = (*probe.value()).LoadedLanguages();
    if (options.ocr_languages.empty() && options.logger &&
        std::find(loaded.begin(), loaded.end(), "HanS") == loaded.end()) {
      options.logger->Log(LogLevel::kWarning,
                          "the Han script model (tesseract-ocr-script-hans) is not installed: "
                          "reading with chi_sim alone, less accurately");
    }
  }
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

const Catalog& Engine::catalog() const { return impl_->catalog; }
const std::string& Engine::data_dir() const { return impl_->data_dir; }

Result<SubmissionReport> Engine::Check(const std::string& path, const CheckOptions& options) const {
  LoggerProxy log(impl_->options.logger);
  fs::path root(path);
  std::error_code ec;
  if (!fs::exists(root, ec) && !fs::is_symlink(root, ec)) {
    return Status(StatusCode::kNotFound, path, "no such file or folder");
  }
  if (!options.domain.empty() && !impl_->catalog.Domain(options.domain)) {
    std::string known;
    for (const DomainRuleSet& d : impl_->catalog.domains())
      known += (known.empty() ? "" : ", ") + d.id;
    return Status(StatusCode::kInvalidArgument, "domain",
                  "unknown domain '" + options.domain + "' (known: " + known + ")");
  }
  std::string as_of = options.as_of.empty() ? Today() : options.as_of;
  if (!values::ParseIso(as_of)) {
    bool shaped = as_of.size() == 10 && as_of[4] == '-' && as_of[7] == '-' &&
                  as_of.find_first_not_of("0123456789-") == std::string::npos;
    return Status(StatusCode::kInvalidArgument, "as_of",
                  "'" + as_of + (shaped ? "' is not a real date" : "' is not YYYY-MM-DD"));
  }

  SubmissionReport report;
  report.path = text::DisplayName(path);
  report.id = text::DisplayName(root.filename().string());
  if (report.id.empty()) report.id = text::DisplayName(root.parent_path().filename().string());

  // submission.yaml states what the documents cannot.
  std::string yaml_domain;
  std::string yaml_severity;
  std::vector<std::string> yaml_problems;  // Chinese, one per problem
  fs::path yaml = root / "submission.yaml";
  if (fs::is_directory(root, ec) && fs::is_regular_file(yaml, ec)) {
    yaml_domain = ReadSubmissionYaml(yaml, &yaml_problems, impl_->catalog, &yaml_severity);
    for (const std::string& p : yaml_problems) log(LogLevel::kWarning, yaml.string() + ": " + p);
  }

  // Read every file; a file that cannot be read is a defect, and the others go on.
  std::vector<rules::UnreadableFile> unreadable;
  std::vector<DocumentSide> side;  // parallel to report.documents
  std::vector<Defect> quality;     // IMAGE_QUALITY of pages read poorly
  TypedReader reader(impl_->names.get(), impl_->latin.get(), impl_->dates.get(),
                     impl_->amounts.get());
  for (const fs::path& file : SubmissionFiles(root)) {
    // Named as the clerk sees it: relative to the folder, links not resolved.
    std::string rel = fs::is_directory(root, ec) ? file.lexically_relative(root).string()
                                                 : file.filename().string();
    if (rel.empty() || rel == ".") rel = file.filename().string();
    rel = text::DisplayName(rel);
    std::vector<PageRecord> pages;
    load::FileKind kind = load::FileKind::kUnknown;
    Status s = fs::is_directory(file, ec)
                   ? Status(StatusCode::kIOError, rel, "folder cannot be read (permission denied)")
                   : impl_->ReadFile(file, rel, &pages, &kind);
    if (!s.ok()) {
      log(LogLevel::kInfo, rel + ": " + s.message());
      // A note or an archive beside the scans is a warning; the same bytes named as a scan
      // (notes.pdf) are a material the applicant meant to give and did not.
      bool not_document = kind == load::FileKind::kNotDocument && !NamedAsScan(file);
      // The reader names the file by its path; the report by the name the clerk sees.
      std::string message = s.message();
      if (message.rfind(file.string() + ": ", 0) == 0) {
        message = rel + message.substr(file.string().size());
      }
      unreadable.push_back(
          {rel, text::DisplayName(message), ReasonZh(s), not_document,
           MaterialsFromFileName(impl_->catalog, text::DisplayName(file.filename().string()))});
      continue;
    }
    for (const PageRecord& p : pages) {
      std::string problem = PageQualityProblem(p);
      if (problem.empty()) continue;
      Defect d = rules::MakeDefect(
          impl_->catalog, "IMAGE_QUALITY",
          {{"file", rel}, {"page", std::to_string(p.number)}, {"reason", problem}});
      d.document = p.cls.material ? p.cls.material->id : kUnrecognized;
      d.file = rel;
      d.page = p.number;
      d.evidence.emplace_back("reason", problem);
      quality.push_back(std::move(d));
    }
    std::vector<DocumentReport> docs = impl_->GroupPages(pages, &reader, &side);
    if (!options.page_images_dir.empty()) {
      for (const std::string& problem :
           WritePictures(pages, docs, rel, report.path, options.page_images_dir,
                         options.redact_page_images, &report.page_images)) {
        log(LogLevel::kWarning, problem);
      }
    }
    for (DocumentReport& doc : docs) report.documents.push_back(std::move(doc));
  }
  impl_->ResolveTwins(report.documents, side);
  // Logged once the two ID cards are told apart, as the report has them.
  for (const DocumentReport& doc : report.documents) {
    log(LogLevel::kInfo, doc.file + ": " + doc.type + " (pages " +
                             std::to_string(doc.pages.front()) + "-" +
                             std::to_string(doc.pages.back()) + ")");
  }
  impl_->ReconcileIdentifiers(report.documents);
  rules::ReconcileNames(impl_->catalog, report.documents);
  std::vector<std::vector<cv::Mat>> signature_inks;
  std::vector<match::FormFinding> forms;
  for (DocumentSide& d : side) {
    signature_inks.push_back(std::move(d.signature_inks));
    forms.push_back(std::move(d.form));
  }
  signature::CompareAcrossDocuments(report.documents, signature_inks);
  seal::AssignOwners(impl_->catalog, report.documents);
  {
    Result<ocr::OcrPool::Lease> lease = impl_->chinese->Acquire();
    if (lease.ok()) {
      for (size_t i = 0; i < report.documents.size() && i < side.size(); ++i) {
        seal::ConfirmExpectedNames(*lease.value(), impl_->catalog, report.documents,
                                   report.documents[i], side[i].ring_strips);
      }
    }
  }
  seal::FillSealFields(impl_->catalog, report.documents);

  const DomainRuleSet* domain = impl_->DecideDomain(options.domain, yaml_domain, report.documents);
  if (domain) report.domain = domain->id;

  rules::CheckInput input;
  input.catalog = &impl_->catalog;
  input.domain = domain;
  input.as_of = as_of;
  input.severity = options.severity.empty() ? yaml_severity : options.severity;
  input.documents = &report.documents;
  input.forms = &forms;
  input.unreadable = &unreadable;
  input.submission_problems = &yaml_problems;
  report.defects = rules::CheckSubmission(input);
  for (Defect& d : quality) report.defects.push_back(std::move(d));

  // Nothing read: every file unreadable, or no file at all.
  bool nothing_read = report.documents.empty();
  if (nothing_read) {
    report.verdict = "error";
  } else {
    report.verdict = report.CountSeverity(Severity::kError) > 0 ? "fail" : "pass";
  }
  return report;
}

Result<FileInspection> Engine::Inspect(const std::string& file,
                                       const std::string& annotate_png) const {
  FileInspection out;
  out.file = text::DisplayName(file);
  std::vector<PageRecord> pages;
  load::FileKind kind = load::FileKind::kUnknown;
  Status s =
      impl_->ReadFile(file, text::DisplayName(fs::path(file).filename().string()), &pages, &kind);
  out.kind = load::FileKindName(kind);
  if (!s.ok()) {
    if (s.code() == StatusCode::kNotFound || s.code() == StatusCode::kIOError) {
      if (!fs::exists(file)) return s;
    }
    out.error = s.message();
  }
  TypedReader reader(impl_->names.get(), impl_->latin.get(), impl_->dates.get(),
                     impl_->amounts.get());
  std::vector<DocumentReport> docs = impl_->GroupPages(pages, &reader);
  seal::AssignOwners(impl_->catalog, docs);
  seal::FillSealFields(impl_->catalog, docs);
  for (const PageRecord& p : pages) {
    PageInspection pi;
    pi.number = p.number;
    pi.width = p.text.width;
    pi.height = p.text.height;
    pi.source_dpi = p.source_dpi;
    pi.dpi_estimated = p.dpi_estimated;
    pi.flattened = p.flattened;
    pi.skew_degrees = p.text.skew_degrees;
    pi.text_layer = p.text.from_text_layer;
    pi.material = p.cls.material ? p.cls.material->id : kUnrecognized;
    pi.confidence = p.cls.confidence;
    pi.title = p.cls.title;
    for (const ocr::TextLine& l : p.text.lines) {
      pi.lines.push_back({l.text, l.box, l.confidence, l.cell});
    }
    for (const DocumentReport& d : docs) {
      if (!d.pages.empty() && d.pages.front() == p.number) pi.fields = d.fields;
      for (const SignatureReading& r : d.signatures) {
        if (r.page == p.number) pi.signatures.push_back(r);
      }
      for (const SealReading& s : d.seals) {
        if (s.page == p.number) pi.seals.push_back(s);
      }
    }
    size_t index = out.pages.size();
    if (!annotate_png.empty()) {
      std::string path = annotate_png;
      if (index > 0) {
        fs::path base(annotate_png);
        path = (base.parent_path() /
                (base.stem().string() + "-" + std::to_string(p.number) + base.extension().string()))
                   .string();
      }
      if (!seal::WriteAnnotated(PagePicture(p), pi.seals, pi.signatures, path)) {
        out.error += (out.error.empty() ? "" : "; ") + path + ": cannot write the annotated page";
      }
    }
    out.pages.push_back(std::move(pi));
  }
  return out;
}

}  // namespace precheck

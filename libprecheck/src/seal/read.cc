// Seal reading: the ring is unwarped into a strip (outer edge on top, so the characters of
// a ring read clockwise stand upright), the strip starts in the widest angular gap of the
// ink, and Tesseract reads it as one line. The lower text is read from a box below the
// centre with the ring masked out; a square seal's 2 x 2 characters are laid out in
// reading order (right column first) and read as one line.

#include "seal/read.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <opencv2/imgproc.hpp>

#include "util/text.h"

namespace precheck::seal {
namespace {

constexpr double kPi = 3.14159265358979323846;
// The radial band of the ring text, as fractions of the outline's radius: inside the
// border ring, outside the star.
constexpr double kTextOuter = 0.93;
constexpr double kTextInner = 0.52;
// Below this confidence a ring reading is noise (star tips, an upside-down lower text).
constexpr double kMinRingConfidence = 0.45;

double Radians(double degrees) { return degrees * kPi / 180.0; }

// The outline's radius in the image direction `phi` (radians).
double RadiusAt(const cv::RotatedRect& e, double phi) {
  double a = e.size.width / 2, b = e.size.height / 2;
  double t = phi - Radians(e.angle);
  double c = std::cos(t) / a, s = std::sin(t) / b;
  return 1.0 / std::sqrt(c * c + s * s);
}

double MeanConfidence(const std::vector<ocr::TextLine>& lines) {
  double sum = 0;
  size_t n = 0;
  for (const ocr::TextLine& l : lines) {
    for (const ocr::Word& w : l.words) {
      sum += w.confidence;
      ++n;
    }
  }
  return n ? sum / n : 0.0;
}

std::string Joined(const std::vector<ocr::TextLine>& lines) {
  std::string out;
  for (const ocr::TextLine& l : lines) out += l.text;
  return out;
}

struct Reading {
  std::string text;  // normalised
  double confidence = 0.0;
};

// Reads a black-on-white image as one line, at its size and scaled to the size Tesseract
// knows best. Both readings are returned, the more confident first.
std::vector<Reading> ReadLines(ocr::OcrEngine& engine, const cv::Mat& input) {
  // Small seals give small glyphs: enlarge them to the size Tesseract reads best.
  cv::Mat img = input;
  if (img.rows < 64) {
    cv::resize(input, img, cv::Size(), 64.0 / img.rows, 64.0 / img.rows, cv::INTER_CUBIC);
  }
  Box whole{0, 0, img.cols, img.rows};
  std::vector<Reading> out;
  for (ocr::Layout layout : {ocr::Layout::kLine, ocr::Layout::kLargeLine}) {
    if (layout == ocr::Layout::kLargeLine && img.rows <= 72) continue;
    std::vector<ocr::TextLine> lines = engine.Read(img, whole, layout);
    out.push_back({NormalizeSealText(Joined(lines)), MeanConfidence(lines)});
  }
  std::sort(out.begin(), out.end(),
            [](const Reading& a, const Reading& b) { return a.confidence > b.confidence; });
  return out;
}

std::pair<std::string, double> ReadLine(ocr::OcrEngine& engine, const cv::Mat& img) {
  std::vector<Reading> r = ReadLines(engine, img);
  if (r.empty()) return {"", 0.0};
  return {r[0].text, r[0].confidence};
}

// Clears the rows along the strip's outer edge that are mostly ink: what is left of the
// border ring after unwarping. Rows inside may be a line of bold characters.
void ClearRingRows(cv::Mat& strip) {
  for (int y = 0; y < strip.rows / 6; ++y) {
    int ink = strip.cols - cv::countNonZero(strip.row(y) > 128);
    if (ink > strip.cols * 0.6) strip.rowRange(0, y + 1).setTo(255);
  }
}

// The start and span (degrees) of the ring text: everything but the widest gap of the
// ink in the text band. Without a clear gap (text all round), the bottom.
std::pair<double, double> TextArc(const cv::Mat& mask, const cv::RotatedRect& e) {
  const int kBins = 360;
  cv::Mat band = UnwarpRing(mask, e, 0, 360, 0.80, 0.60);
  std::vector<int> ink(kBins, 0);
  for (int x = 0; x < band.cols; ++x) {
    int bin = std::min(kBins - 1, x * kBins / band.cols);
    ink[bin] += band.rows - cv::countNonZero(band.col(x) > 200);
  }
  // Smooth over 5 degrees so single specks do not split a gap.
  std::vector<int> smooth(kBins, 0);
  for (int i = 0; i < kBins; ++i) {
    for (int k = -2; k <= 2; ++k) smooth[i] += ink[(i + k + kBins) % kBins];
  }
  int best_len = 0, best_start = 90;
  for (int i = 0; i < kBins; ++i) {
    if (smooth[i] > 2 || smooth[(i + kBins - 1) % kBins] <= 2) continue;
    int len = 0;
    while (len < kBins && smooth[(i + len) % kBins] <= 2) ++len;
    if (len > best_len) {
      best_len = len;
      best_start = i;
    }
  }
  if (best_len < 20) return {90.0, 360.0};
  // Start a little inside the gap so the first character is whole.
  double gap_end = best_start + best_len;
  double start = gap_end - std::min(8, best_len / 4);
  double span = 360.0 - best_len + 2 * std::min(8, best_len / 4);
  return {std::fmod(start, 360.0), span};
}

// Ring characters stand evenly spaced: the angular pitch (degrees) is the first strong
// peak of the autocorrelation of the ink's angular profile. 0 when there is none.
double CharacterPitch(const std::vector<double>& profile, double degrees_per_bin) {
  int n = static_cast<int>(profile.size());
  double mean = 0;
  for (double v : profile) mean += v;
  mean /= std::max(1, n);
  auto corr = [&](int lag) {
    double sum = 0, norm = 0;
    for (int i = 0; i + lag < n; ++i) sum += (profile[i] - mean) * (profile[i + lag] - mean);
    for (int i = 0; i < n; ++i) norm += (profile[i] - mean) * (profile[i] - mean);
    return norm > 0 ? sum / norm * n / std::max(1, n - lag) : 0.0;
  };
  int lo = static_cast<int>(7 / degrees_per_bin), hi = static_cast<int>(45 / degrees_per_bin);
  std::vector<double> c(hi + 2, 0.0);
  for (int lag = lo; lag <= hi + 1 && lag < n; ++lag) c[lag] = corr(lag);
  double best = 0;
  for (int lag = lo + 1; lag <= hi; ++lag) best = std::max(best, c[lag]);
  if (best < 0.15) return 0;
  // The smallest lag that is a local peak nearly as strong as the best (not a multiple).
  for (int lag = lo + 1; lag <= hi; ++lag) {
    if (c[lag] >= c[lag - 1] && c[lag] >= c[lag + 1] && c[lag] >= 0.8 * best) {
      return lag * degrees_per_bin;
    }
  }
  return 0;
}

// The ring characters cut out one by one, each turned upright about its own centre and
// set side by side: the strip's wedge distortion is gone. Empty when the characters
// cannot be placed.
cv::Mat UprightCharacters(const cv::Mat& mask, const cv::RotatedRect& e, double start,
                          double span) {
  // The angular ink profile of the text band, 0.5 degree per bin.
  const double kStep = 0.5;
  int bins = static_cast<int>(span / kStep);
  cv::Mat band = UnwarpRing(mask, e, start, span, 0.88, 0.6);
  std::vector<double> profile(bins, 0.0);
  for (int x = 0; x < band.cols; ++x) {
    int bin = std::min(bins - 1, x * bins / band.cols);
    profile[bin] += band.rows - cv::countNonZero(band.col(x) > 200);
  }
  int first = 0, last = bins - 1;
  while (first < bins && profile[first] <= 1) ++first;
  while (last > first && profile[last] <= 1) --last;
  if (last - first < 10) return {};
  std::vector<double> text(profile.begin() + first, profile.begin() + last + 1);
  double pitch = CharacterPitch(text, kStep);
  if (pitch <= 0) return {};
  double extent = (last - first + 1) * kStep;
  int count = std::max(1, static_cast<int>(std::lround(extent / pitch)));
  pitch = extent / count;

  double mean_r = (e.size.width + e.size.height) / 4;
  double rho = (kTextOuter + kTextInner) / 2;
  int h = static_cast<int>((kTextOuter - kTextInner) * mean_r);
  int w = static_cast<int>(Radians(pitch) * rho * mean_r);
  if (h < 8 || w < 8) return {};
  int gap = w / 6;
  cv::Mat line(h, count * (w + gap) + gap, CV_8U, cv::Scalar(255));
  cv::Mat inverted;
  cv::bitwise_not(mask, inverted);
  for (int i = 0; i < count; ++i) {
    double phi_deg = start + (first * kStep) + (i + 0.5) * pitch;
    double phi = Radians(phi_deg);
    double r = RadiusAt(e, phi) * rho;
    cv::Point2f centre(static_cast<float>(e.center.x + r * std::cos(phi)),
                       static_cast<float>(e.center.y + r * std::sin(phi)));
    // Turn the character's outward direction to the top, its centre to the patch's.
    cv::Mat m = cv::getRotationMatrix2D(centre, phi_deg + 90, 1.0);
    m.at<double>(0, 2) += w / 2.0 - centre.x;
    m.at<double>(1, 2) += h / 2.0 - centre.y;
    cv::Mat patch;
    cv::warpAffine(inverted, patch, m, cv::Size(w, h), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                   cv::Scalar(255));
    patch.copyTo(line(cv::Rect(gap + i * (w + gap), 0, w, h)));
  }
  return line;
}

SealText ReadRing(ocr::OcrEngine& engine, const cv::Mat& mask, const cv::RotatedRect& e) {
  SealText out;
  auto [start, span] = TextArc(mask, e);
  cv::Mat strip = UnwarpRing(mask, e, start, span, kTextOuter, kTextInner);
  ClearRingRows(strip);

  out.strip = strip;
  std::vector<Reading> readings = ReadLines(engine, strip);
  // The same strip smoothed, with bolder strokes, and at the height Tesseract's line model
  // works at: each misreads other glyphs, so together they confirm more of a name (on 28
  // red seals, 18 instead of 12 kept all but at most one character of theirs in some
  // reading), while a different name still lacks its own characters in all of them. They
  // only confirm: the seal's text is never one of them, for a confident misreading of a
  // blurred strip would be taken for what the seal says.
  std::vector<Reading> confirming;
  cv::Mat variant;
  cv::GaussianBlur(strip, variant, cv::Size(0, 0), 1.0);
  confirming.push_back(ReadLines(engine, variant).front());
  cv::erode(strip, variant, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
  confirming.push_back(ReadLines(engine, variant).front());
  if (strip.rows > 60) {
    double scale = 48.0 / strip.rows;
    cv::resize(strip, variant, cv::Size(), scale, scale, cv::INTER_AREA);
    confirming.push_back(ReadLines(engine, variant).front());
  }
  cv::Mat upright = UprightCharacters(mask, e, start, span);
  if (!upright.empty()) {
    for (Reading& r : ReadLines(engine, upright)) readings.push_back(std::move(r));
  }
  // Text all round has no gap to start from: try other starting points too.
  if (span >= 360.0) {
    for (double s : {0.0, 180.0, 270.0}) {
      cv::Mat other = UnwarpRing(mask, e, s, 360, kTextOuter, kTextInner);
      ClearRingRows(other);
      for (Reading& r : ReadLines(engine, other)) readings.push_back(std::move(r));
    }
  }
  std::stable_sort(readings.begin(), readings.end(),
                   [](const Reading& a, const Reading& b) { return a.confidence > b.confidence; });
  for (const Reading& r : readings) {
    if (r.confidence < kMinRingConfidence / 2 || text::ToU32(r.text).size() < 2) continue;
    if (out.text.empty() && r.confidence >= kMinRingConfidence) {
      out.text = r.text;
      out.confidence = r.confidence;
    }
    out.readings.push_back(r.text);
  }
  for (const Reading& r : confirming) {
    if (r.confidence < kMinRingConfidence / 2 || text::ToU32(r.text).size() < 2) continue;
    out.readings.push_back(r.text);
  }

  // The lower text: below the star, inside the ring text, the ring text's arc masked out.
  double r = RadiusAt(e, Radians(90));
  double half_width = std::min(e.size.width, e.size.height) / 2 * 0.62;
  cv::Rect lower(static_cast<int>(e.center.x - half_width), static_cast<int>(e.center.y + 0.24 * r),
                 static_cast<int>(2 * half_width), static_cast<int>(0.5 * r));
  lower &= cv::Rect(0, 0, mask.cols, mask.rows);
  if (lower.area() > 100) {
    cv::Mat img(lower.size(), CV_8U, cv::Scalar(255));
    for (int y = 0; y < lower.height; ++y) {
      for (int x = 0; x < lower.width; ++x) {
        if (!mask.at<uchar>(lower.y + y, lower.x + x)) continue;
        double dx = lower.x + x - e.center.x, dy = lower.y + y - e.center.y;
        double phi = std::atan2(dy, dx);
        double rho = std::hypot(dx, dy) / RadiusAt(e, phi);
        double deg = std::fmod(phi * 180 / kPi - start + 720.0, 360.0);
        bool in_ring_text = !out.text.empty() && deg <= span;
        if (rho > (in_ring_text ? 0.6 : 0.78)) continue;
        img.at<uchar>(y, x) = 0;
      }
    }
    // The star's points reach into the box from above: drop what touches its top edge.
    cv::Mat ink = img < 128, labels;
    int n = cv::connectedComponents(ink, labels, 8);
    std::vector<bool> touches(n, false);
    for (int x = 0; x < labels.cols; ++x) touches[labels.at<int>(0, x)] = true;
    for (int y = 0; y < img.rows; ++y) {
      for (int x = 0; x < img.cols; ++x) {
        int l = labels.at<int>(y, x);
        if (l > 0 && touches[l]) img.at<uchar>(y, x) = 255;
      }
    }
    if (cv::countNonZero(img < 128) > 60) {
      auto [lower_text, lower_conf] = ReadLine(engine, img);
      if (lower_conf > 0.3 && text::ToU32(lower_text).size() >= 2) out.lower_text = lower_text;
    }
  }
  return out;
}

SealText ReadSquare(ocr::OcrEngine& engine, const cv::Mat& mask, const cv::RotatedRect& box) {
  SealText out;
  cv::Rect r = box.boundingRect();
  int inset = static_cast<int>(std::min(r.width, r.height) * 0.08);
  r = cv::Rect(r.x + inset, r.y + inset, r.width - 2 * inset, r.height - 2 * inset) &
      cv::Rect(0, 0, mask.cols, mask.rows);
  if (r.width < 16 || r.height < 16) return out;
  cv::Mat inner = mask(r).clone();
  // A seal cut in relief prints white characters on a solid square.
  if (cv::countNonZero(inner > 127) * 2 > static_cast<int>(inner.total()))
    cv::bitwise_not(inner, inner);
  int cw = r.width / 2, ch = r.height / 2;
  // Traditional order: the right column top to bottom, then the left one.
  const cv::Point kOrder[4] = {{1, 0}, {1, 1}, {0, 0}, {0, 1}};
  int gap = cw / 4;
  cv::Mat line(ch, 4 * cw + 3 * gap, CV_8U, cv::Scalar(255));
  for (int i = 0; i < 4; ++i) {
    cv::Mat cell = inner(cv::Rect(kOrder[i].x * cw, kOrder[i].y * ch, cw, ch));
    cv::Mat dst = line(cv::Rect(i * (cw + gap), 0, cw, ch));
    dst.setTo(0, cell);
  }
  auto [text, conf] = ReadLine(engine, line);
  out.text = text;
  out.confidence = text.empty() ? 0.0 : conf;
  return out;
}

}  // namespace

std::string NormalizeSealText(const std::string& raw) {
  std::u32string out;
  for (char32_t c : text::ToU32(text::FoldWidth(raw, true))) {
    if (text::IsHan(c) || (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z')) out += c;
    if (c == U'(') out += U'（';
    if (c == U')') out += U'）';
  }
  return text::ToUtf8(out);
}

size_t TurnDistance(const std::u32string& read, const std::u32string& name) {
  size_t d = SIZE_MAX;
  for (size_t turn = 0; turn < read.size(); ++turn) {
    d = std::min(
        d, static_cast<size_t>(text::EditDistance(read.substr(turn) + read.substr(0, turn), name)));
  }
  return d;
}

std::string NearestName(const std::vector<std::string>& readings,
                        const std::vector<std::string>& names) {
  std::vector<std::u32string> read;
  for (const std::string& r : readings) {
    std::u32string u = text::ToU32(NormalizeSealText(r));
    if (u.size() >= 2) read.push_back(std::move(u));
  }
  if (read.empty()) return "";
  size_t best = SIZE_MAX, second = SIZE_MAX;
  const std::string* nearest = nullptr;
  for (const std::string& name : names) {
    const std::u32string n = text::ToU32(NormalizeSealText(name));
    size_t d = SIZE_MAX;
    for (const std::u32string& r : read) d = std::min(d, TurnDistance(r, n));
    if (d < best) {
      second = best;
      best = d;
      nearest = &name;
    } else if (d < second) {
      second = d;
    }
  }
  if (!nearest || best * 5 > text::ToU32(NormalizeSealText(*nearest)).size() * 2) return "";
  if (second == best) return "";
  return *nearest;
}

double ConfirmName(ocr::OcrEngine& engine, const cv::Mat& strip, const std::string& name,
                   const std::vector<std::string>& readings) {
  const std::u32string want = text::ToU32(NormalizeSealText(name));
  if (strip.empty() || want.size() < 2) return -1;
  std::u32string alphabet;
  for (char32_t c : want) {
    if (alphabet.find(c) == std::u32string::npos) alphabet += c;
  }
  for (const std::string& r : readings) {
    for (char32_t c : text::ToU32(NormalizeSealText(r))) {
      if (text::IsHan(c) && alphabet.find(c) == std::u32string::npos) alphabet += c;
    }
  }
  // Brackets are read in either width; NormalizeSealText makes them full width.
  if (alphabet.find(U'（') != std::u32string::npos) alphabet += U"(";
  if (alphabet.find(U'）') != std::u32string::npos) alphabet += U")";
  engine.SetVariable("tessedit_char_whitelist", text::ToUtf8(alphabet));
  double best = -1;
  for (const Reading& r : ReadLines(engine, strip)) {
    const std::u32string got = text::ToU32(r.text);
    if (got.size() != want.size()) continue;
    for (size_t turn = 0; turn < got.size(); ++turn) {
      if (got.substr(turn) + got.substr(0, turn) == want) {
        best = std::max(best, r.confidence);
        break;
      }
    }
  }
  engine.SetVariable("tessedit_char_whitelist", "");
  return best;
}

cv::Mat UnwarpRing(const cv::Mat& mask, const cv::RotatedRect& e, double start_degrees,
                   double span_degrees, double outer, double inner) {
  double mean_r = (e.size.width + e.size.height) / 4;
  int width = std::max(8, static_cast<int>(Radians(span_degrees) * mean_r * (outer + inner) / 2));
  int height = std::max(8, static_cast<int>((outer - inner) * mean_r));
  cv::Mat map_x(height, width, CV_32F), map_y(height, width, CV_32F);
  for (int x = 0; x < width; ++x) {
    double phi = Radians(start_degrees + span_degrees * (x + 0.5) / width);
    double r = RadiusAt(e, phi);
    double c = std::cos(phi), s = std::sin(phi);
    for (int y = 0; y < height; ++y) {
      double rho = (outer - (outer - inner) * (y + 0.5) / height) * r;
      map_x.at<float>(y, x) = static_cast<float>(e.center.x + rho * c);
      map_y.at<float>(y, x) = static_cast<float>(e.center.y + rho * s);
    }
  }
  cv::Mat inverted;
  cv::bitwise_not(mask, inverted);
  cv::Mat strip;
  cv::remap(inverted, strip, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  return strip;
}

SealText ReadSeal(ocr::OcrEngine& engine, const SealRegion& seal) {
  if (seal.mask.empty()) return {};
  cv::RotatedRect local = seal.outline;
  local.center -= cv::Point2f(static_cast<float>(seal.box.x), static_cast<float>(seal.box.y));
  // Ink texture leaves specks of paper in the strokes: close them so glyphs are whole.
  cv::Mat ink;
  cv::morphologyEx(seal.mask, ink, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
  // Where print crosses the ring, the seal's strokes are cut by the print's width: bridged
  // across it, so 津 crossed by a line of text is not read as 净.
  if (seal.occluded.size() == ink.size()) {
    cv::Mat bridged;
    cv::morphologyEx(ink, bridged, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(9, 9)));
    bridged.copyTo(ink, seal.occluded);
  }
  if (seal.shape == Shape::kSquare) return ReadSquare(engine, ink, local);
  return ReadRing(engine, ink, local);
}

}  // namespace precheck::seal

// Comparing signatures: does one signer's ink on two materials look like one hand?
//
// Each signature is straightened (its slant, from the ink's second moments, is sheared away),
// scaled to a fixed height and blurred so that pen width matters little. Three measures are
// compared: the width-to-height proportion, a grid of edge-direction histograms (the shapes
// of the strokes) and the ink's column profile (where the characters and their parts sit).

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "signature/signatures.h"

namespace precheck::signature {
namespace {

constexpr int kHeight = 48;  // normalised height in pixels
constexpr int kCellsX = 6;   // direction-histogram grid
constexpr int kCellsY = 2;
constexpr int kBins = 9;  // unsigned directions, 20 degrees each
constexpr int kProfileBins = 48;

struct Shape {
  double aspect = 0;  // width / height after straightening
  std::vector<float> directions;
  std::vector<float> profile;  // column ink profile, kProfileBins, zero mean
  bool valid = false;
};

// The ink with its slant sheared away, cropped tight.
cv::Mat Straighten(const cv::Mat& ink) {
  cv::Moments m = cv::moments(ink, true);
  if (m.mu02 <= 0) return ink;
  double shear = std::clamp(m.mu11 / m.mu02, -0.6, 0.6);
  double yc = m.m01 / std::max(1.0, m.m00);
  int pad = static_cast<int>(std::ceil(std::abs(shear) * ink.rows)) + 2;
  cv::Mat a = (cv::Mat_<double>(2, 3) << 1, -shear, shear * yc + pad, 0, 1, 0);
  cv::Mat out;
  cv::warpAffine(ink, out, a, cv::Size(ink.cols + 2 * pad, ink.rows), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, 0);
  cv::Mat points;
  cv::findNonZero(out > 64, points);
  if (points.empty()) return ink;
  return out(cv::boundingRect(points)).clone();
}

Shape Describe(const cv::Mat& ink) {
  Shape s;
  if (ink.empty() || cv::countNonZero(ink) == 0) return s;
  cv::Mat straight = Straighten(ink);
  s.aspect = static_cast<double>(straight.cols) / std::max(1, straight.rows);

  // Fixed size for the direction grid: the proportion is compared on its own.
  int width = kHeight * 3;
  cv::Mat norm;
  cv::resize(straight, norm, cv::Size(width, kHeight), 0, 0, cv::INTER_AREA);
  norm.convertTo(norm, CV_32F, 1.0 / 255);
  cv::GaussianBlur(norm, norm, cv::Size(0, 0), 1.5);

  cv::Mat gx, gy;
  cv::Sobel(norm, gx, CV_32F, 1, 0, 3);
  cv::Sobel(norm, gy, CV_32F, 0, 1, 3);
  s.directions.assign(kCellsX * kCellsY * kBins, 0.f);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < width; ++x) {
      float dx = gx.at<float>(y, x), dy = gy.at<float>(y, x);
      float m = std::hypot(dx, dy);
      if (m < 1e-3f) continue;
      double a = std::fmod(std::atan2(dy, dx) + 2 * CV_PI, CV_PI);
      int bin = std::min(kBins - 1, static_cast<int>(a / CV_PI * kBins));
      int cx = std::min(kCellsX - 1, x * kCellsX / width);
      int cy = std::min(kCellsY - 1, y * kCellsY / kHeight);
      s.directions[(cy * kCellsX + cx) * kBins + bin] += m;
    }
  }
  double norm2 = 0;
  for (float v : s.directions) norm2 += v * v;
  for (float& v : s.directions) v = static_cast<float>(v / std::sqrt(norm2 + 1e-9));

  cv::Mat column;
  cv::reduce(norm, column, 0, cv::REDUCE_SUM, CV_32F);
  cv::Mat binned;
  cv::resize(column, binned, cv::Size(kProfileBins, 1), 0, 0, cv::INTER_AREA);
  s.profile.assign(binned.ptr<float>(0), binned.ptr<float>(0) + kProfileBins);
  double mean = 0;
  for (float v : s.profile) mean += v;
  mean /= kProfileBins;
  for (float& v : s.profile) v = static_cast<float>(v - mean);
  s.valid = true;
  return s;
}

double Correlation(const std::vector<float>& a, const std::vector<float>& b) {
  double ab = 0, aa = 0, bb = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / std::sqrt(aa * bb + 1e-12);
}

}  // namespace

double CompareHands(const cv::Mat& a, const cv::Mat& b) {
  Shape sa = Describe(a), sb = Describe(b);
  if (!sa.valid || !sb.valid) return 0;
  double directions = Correlation(sa.directions, sb.directions);  // 0..1 (non-negative)
  double profile = std::max(0.0, Correlation(sa.profile, sb.profile));
  double proportion = std::exp(-std::abs(std::log(sa.aspect / sb.aspect)) * 2.5);
  double score = 0.5 * directions + 0.3 * profile + 0.2 * proportion;
  return std::clamp(score, 0.0, 1.0);
}

bool SharesInk(const DocumentReport& doc, size_t index) {
  const SignatureReading& a = doc.signatures[index];
  const cv::Rect ra(a.bbox.x, a.bbox.y, a.bbox.width, a.bbox.height);
  for (size_t k = 0; k < doc.signatures.size(); ++k) {
    const SignatureReading& b = doc.signatures[k];
    if (k == index || !b.present || b.page != a.page) continue;
    if ((ra & cv::Rect(b.bbox.x, b.bbox.y, b.bbox.width, b.bbox.height)).area() > 0) return true;
  }
  return false;
}

void CompareAcrossDocuments(std::vector<DocumentReport>& documents,
                            const std::vector<std::vector<cv::Mat>>& inks) {
  struct Ref {
    size_t doc, sig;
  };
  std::vector<Ref> refs;
  for (size_t d = 0; d < documents.size() && d < inks.size(); ++d) {
    for (size_t s = 0; s < documents[d].signatures.size() && s < inks[d].size(); ++s) {
      const SignatureReading& r = documents[d].signatures[s];
      if (r.present && r.handwritten && !inks[d][s].empty() && !SharesInk(documents[d], s)) {
        refs.push_back({d, s});
      }
    }
  }
  for (size_t i = 0; i < refs.size(); ++i) {
    for (size_t j = i + 1; j < refs.size(); ++j) {
      SignatureReading& a = documents[refs[i].doc].signatures[refs[i].sig];
      SignatureReading& b = documents[refs[j].doc].signatures[refs[j].sig];
      if (a.role != b.role || refs[i].doc == refs[j].doc) continue;
      double score = CompareHands(inks[refs[i].doc][refs[i].sig], inks[refs[j].doc][refs[j].sig]);
      bool consistent = score >= kConsistentScore;
      const DocumentReport& da = documents[refs[i].doc];
      const DocumentReport& db = documents[refs[j].doc];
      a.comparisons.push_back({db.type, db.file, b.page, score, consistent});
      b.comparisons.push_back({da.type, da.file, a.page, score, consistent});
    }
  }
}

}  // namespace precheck::signature

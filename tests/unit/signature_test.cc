// The signature stage's measures: pen ink in a signing area, hand against font, comparing
// hands, signatures on a page without a template. Images are the shared bad cases, small
// drawings in tests/data/signature (pen strokes drawn by samples/gen/hand.py, names set in
// AR PL UKai and Noto Serif CJK) and pages drawn by the test.

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "precheck/catalog.h"
#include "rules/signature_checks.h"
#include "signature/signatures.h"
#include "util/box.h"

namespace fs = std::filesystem;
using precheck::Box;
using precheck::signature::CompareHands;
using precheck::signature::ExtractPenInk;
using precheck::signature::HandwritingScore;
using precheck::signature::MeasureHand;
using precheck::signature::PenInk;

namespace {

cv::Mat LoadColour(const fs::path& path) {
  cv::Mat image = cv::imread(path.string(), cv::IMREAD_COLOR);
  REQUIRE_MESSAGE(!image.empty(), path.string());
  return image;
}

// The ink of a drawing in tests/data/signature, cropped tight (255 = ink).
cv::Mat Drawing(const std::string& name) {
  fs::path path = fs::path(PRECHECK_TEST_SOURCE_DIR) / "tests" / "data" / "signature" / name;
  cv::Mat image = LoadColour(path);
  PenInk ink = ExtractPenInk(image, Box{0, 0, image.cols, image.rows}, 50);
  REQUIRE(ink.pixels > 0);
  cv::Rect tight(ink.box.x, ink.box.y, ink.box.width, ink.box.height);
  return ink.mask(tight).clone();
}

// `ink` scaled by `scale`, sheared by `degrees` of slant and its strokes thickened by
// `dilate` pixels: the same drawing written another time.
cv::Mat Vary(const cv::Mat& ink, double scale, double degrees, int dilate) {
  double shear = std::tan(degrees * CV_PI / 180);
  int pad = static_cast<int>(std::abs(shear) * ink.rows * scale) + 4;
  cv::Mat a = (cv::Mat_<double>(2, 3) << scale, -shear * scale, pad + shear * ink.rows * scale, 0,
               scale, 2);
  cv::Mat out;
  cv::warpAffine(ink, out, a,
                 cv::Size(static_cast<int>(ink.cols * scale) + 2 * pad,
                          static_cast<int>(ink.rows * scale) + 4));
  if (dilate > 0) {
    cv::dilate(out, out,
               cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(dilate + 1, dilate + 1)));
  }
  return out;
}

}  // namespace

TEST_CASE("signature: pen ink in a signing area") {
  fs::path bad = fs::path(PRECHECK_TEST_SHARED_DIR) / "cases" / "bad";
  // Right of and below the label 乙方签字：, down to the signature line.
  Box area{230, 110, 940, 230};

  SUBCASE("an empty signature line holds no pen ink") {
    PenInk ink = ExtractPenInk(LoadColour(bad / "b15_sig_empty_line.png"), area, 40);
    CHECK(ink.pixels == 0);
    CHECK(ink.box.empty());
  }

  SUBCASE("a scribble on the line is pen ink, and the line is not") {
    PenInk ink = ExtractPenInk(LoadColour(bad / "b15_sig_real.png"), area, 40);
    CHECK(ink.pixels > 0.35 * 40 * 40);
    // The line at y = 300 is removed: the ink ends above it.
    CHECK(ink.box.y + ink.box.height < 300);
    CHECK(ink.box.width > 500);
  }

  SUBCASE("a red seal alone is no pen ink; a pen stroke under it is") {
    cv::Mat page(600, 900, CV_8UC3, cv::Scalar(250, 250, 250));
    cv::Mat sealed = page.clone();
    cv::circle(sealed, {450, 300}, 230, cv::Scalar(60, 50, 215), 12);
    cv::putText(sealed, "SEAL", {330, 330}, cv::FONT_HERSHEY_SIMPLEX, 3, cv::Scalar(60, 50, 215),
                8);
    PenInk seal_only = ExtractPenInk(sealed, Box{100, 150, 700, 300}, 40);
    CHECK(seal_only.pixels == 0);
    CHECK(seal_only.seal_colour);

    cv::Mat signed_page = page.clone();
    std::vector<cv::Point> stroke = {{200, 320}, {300, 240}, {380, 330}, {470, 250}, {560, 340}};
    cv::polylines(signed_page, stroke, false, cv::Scalar(90, 30, 20), 6, cv::LINE_AA);
    cv::circle(signed_page, {450, 300}, 230, cv::Scalar(60, 50, 215), 12);
    PenInk under_seal = ExtractPenInk(signed_page, Box{100, 150, 700, 300}, 40);
    CHECK(under_seal.pixels > 0.35 * 40 * 40);
  }

  SUBCASE("on a grey copy a seal-sized ring is dropped") {
    cv::Mat page(700, 900, CV_8UC3, cv::Scalar(245, 245, 245));
    cv::circle(page, {450, 350}, 250, cv::Scalar(90, 90, 90), 10);
    PenInk ink = ExtractPenInk(page, Box{150, 200, 600, 300}, 40);
    CHECK(ink.pixels == 0);
    CHECK(ink.colourless);
  }
}

TEST_CASE("signature: handwriting against a font") {
  for (const char* name : {"hand_a1.png", "hand_a2.png", "hand_b1.png"}) {
    CAPTURE(name);
    CHECK(HandwritingScore(MeasureHand(Drawing(name), 50)) >= 0.5);
  }
  for (const char* name : {"printed_kai.png", "printed_song.png"}) {
    CAPTURE(name);
    CHECK(HandwritingScore(MeasureHand(Drawing(name), 50)) < 0.5);
  }

  SUBCASE("a font's characters share one height and top; a hand's do not") {
    precheck::signature::HandFeatures kai = MeasureHand(Drawing("printed_kai.png"), 50);
    precheck::signature::HandFeatures hand = MeasureHand(Drawing("hand_a2.png"), 50);
    CHECK(kai.height_ratio < 1.3);
    CHECK(hand.height_ratio > 1.5);
  }
}

TEST_CASE("signature: comparing hands") {
  cv::Mat a1 = Drawing("hand_a1.png");
  cv::Mat a2 = Drawing("hand_a2.png");
  cv::Mat b1 = Drawing("hand_b1.png");

  SUBCASE("the score is symmetric and 1 for the same drawing") {
    CHECK(CompareHands(a1, a1) == doctest::Approx(1.0).epsilon(0.01));
    CHECK(CompareHands(a1, b1) == doctest::Approx(CompareHands(b1, a1)));
  }

  SUBCASE("scale, slant and pen width change the score little") {
    CHECK(CompareHands(a1, Vary(a1, 0.7, 12, 0)) > 0.8);
    CHECK(CompareHands(a1, Vary(a1, 1.3, -12, 3)) > 0.8);
  }

  SUBCASE("the same hand twice scores above another hand writing the same name") {
    double same = CompareHands(a1, a2);
    double other = std::max(CompareHands(a1, b1), CompareHands(a2, b1));
    CHECK(same > other);
    CHECK(same >= precheck::signature::kConsistentScore);
  }

  SUBCASE("nothing compares with nothing") { CHECK(CompareHands(cv::Mat(), a1) == 0); }
}

namespace {

using precheck::Defect;
using precheck::DocumentReport;
using precheck::SignatureComparison;
using precheck::SignatureReading;

SignatureReading Reading(const std::string& role, bool present, bool handwritten) {
  SignatureReading r;
  r.role = role;
  r.page = 1;
  r.located = true;
  r.label_certain = true;
  r.present = present;
  r.handwritten = handwritten;
  return r;
}

DocumentReport Document(const std::string& type, std::vector<SignatureReading> signatures) {
  DocumentReport d;
  d.type = type;
  d.file = type + ".png";
  d.pages = {1};
  d.signatures = std::move(signatures);
  return d;
}

std::vector<Defect> Check(const precheck::Catalog& catalog, std::vector<DocumentReport>& docs) {
  std::vector<precheck::rules::UnreadableFile> unreadable;
  precheck::rules::CheckInput in;
  in.catalog = &catalog;
  in.as_of = "2025-06-30";
  in.documents = &docs;
  in.unreadable = &unreadable;
  std::vector<Defect> out;
  precheck::rules::CheckSignatures(in, &out);
  return out;
}

// Records a comparison of docs[a] and docs[b]'s first signatures with `score`.
void Compare(std::vector<DocumentReport>& docs, size_t a, size_t b, double score) {
  bool consistent = score >= precheck::signature::kConsistentScore;
  docs[a].signatures[0].comparisons.push_back({docs[b].type, docs[b].file, 1, score, consistent});
  docs[b].signatures[0].comparisons.push_back({docs[a].type, docs[a].file, 1, score, consistent});
}

}  // namespace

TEST_CASE("signature checks: missing, printed, inconsistent") {
  auto catalog = precheck::Catalog::Load(PRECHECK_TEST_SOURCE_DIR);
  REQUIRE(catalog.ok());

  SUBCASE("an empty block is SIGNATURE_MISSING, a printed name SIGNATURE_NOT_HANDWRITTEN") {
    std::vector<DocumentReport> docs = {Document(
        "power_of_attorney", {Reading("legal_rep", false, false), Reading("agent", true, false)})};
    std::vector<Defect> out = Check(*catalog, docs);
    REQUIRE(out.size() == 2);
    CHECK(out[0].code == "SIGNATURE_MISSING");
    CHECK(out[0].field == "legal_rep");
    CHECK(out[0].message.find("法定代表人（签字）") != std::string::npos);
    CHECK(out[1].code == "SIGNATURE_NOT_HANDWRITTEN");
    CHECK(out[1].field == "agent");
  }

  SUBCASE("a block whose label was not found goes to review") {
    SignatureReading r = Reading("legal_rep", false, false);
    r.located = false;
    std::vector<DocumentReport> docs = {Document("credit_commitment_letter", {r})};
    std::vector<Defect> out = Check(*catalog, docs);
    REQUIRE(out.size() == 1);
    CHECK(out[0].code == "REVIEW_NEEDED");
  }

  SUBCASE("a block found through a loose match of its label goes to review, not to an error") {
    SignatureReading empty = Reading("legal_rep", false, false);
    SignatureReading printed = Reading("agent", true, false);
    empty.label_certain = printed.label_certain = false;
    std::vector<DocumentReport> docs = {Document("power_of_attorney", {empty, printed})};
    std::vector<Defect> out = Check(*catalog, docs);
    REQUIRE(out.size() == 2);
    CHECK(out[0].code == "REVIEW_NEEDED");
    CHECK(out[1].code == "REVIEW_NEEDED");
  }

  SUBCASE("a lessor's seal stands for the lessor's signature") {
    SignatureReading r = Reading("lessor", false, false);
    r.seal_ink = true;
    std::vector<DocumentReport> docs = {Document("premises_proof", {r})};
    CHECK(Check(*catalog, docs).empty());
    docs[0].signatures[0].seal_ink = false;
    std::vector<Defect> out = Check(*catalog, docs);
    REQUIRE(out.size() == 1);
    CHECK(out[0].code == "SIGNATURE_MISSING");
  }

  SUBCASE("the signature unlike the others is named, with the others related") {
    std::vector<DocumentReport> docs = {
        Document("legal_rep_certificate", {Reading("legal_rep", true, true)}),
        Document("credit_commitment_letter", {Reading("legal_rep", true, true)}),
        Document("rectification_report", {Reading("legal_rep", true, true)})};
    Compare(docs, 0, 1, 0.9);
    Compare(docs, 0, 2, 0.1);
    Compare(docs, 1, 2, 0.15);
    std::vector<Defect> out = Check(*catalog, docs);
    REQUIRE(out.size() == 1);
    CHECK(out[0].code == "SIGNATURE_INCONSISTENT");
    CHECK(out[0].severity == precheck::Severity::kWarning);
    CHECK(out[0].document == "rectification_report");
    CHECK(out[0].related.size() == 2);
  }

  SUBCASE("alike signatures raise nothing") {
    std::vector<DocumentReport> docs = {
        Document("legal_rep_certificate", {Reading("legal_rep", true, true)}),
        Document("credit_commitment_letter", {Reading("legal_rep", true, true)})};
    Compare(docs, 0, 1, 0.95);
    CHECK(Check(*catalog, docs).empty());
  }
}

namespace {

using precheck::signature::FreeSignatures;
namespace ocr = precheck::ocr;

// A page with print whose OCR reading is given, as Tesseract would report it.
struct DrawnPage {
  ocr::PageText text;

  DrawnPage() {
    text.deskewed = cv::Mat(2200, 1700, CV_8UC3, cv::Scalar(245, 245, 245));
    text.width = text.deskewed.cols;
    text.height = text.deskewed.rows;
  }

  // Prints `words` on one line from (x, baseline) and records them read with `confidence`.
  void Print(const std::vector<std::string>& words, int x, int baseline, double confidence) {
    ocr::TextLine line;
    for (const std::string& w : words) {
      int base = 0;
      cv::Size size = cv::getTextSize(w, cv::FONT_HERSHEY_SIMPLEX, 1.0, 2, &base);
      cv::putText(text.deskewed, w, {x, baseline}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
                  cv::Scalar(20, 20, 20), 2, cv::LINE_AA);
      Box box{x - 2, baseline - size.height - 2, size.width + 4, size.height + base + 4};
      line.words.push_back({w, box, confidence});
      line.box = precheck::Union(line.box, box);
      line.text += (line.text.empty() ? "" : " ") + w;
      x += size.width + 18;
    }
    line.confidence = confidence;
    text.lines.push_back(line);
  }

  // A cursive scribble in blue pen over the box: one connected stroke that loops.
  void Scribble(const Box& b) {
    std::vector<cv::Point> stroke;
    for (int i = 0; i <= 200; ++i) {
      double t = i / 200.0;
      double x = b.x + t * b.width + 0.12 * b.height * std::cos(t * 38);
      double y = b.y + b.height * (0.5 - 0.42 * std::sin(t * 19) * (0.6 + 0.4 * t));
      stroke.emplace_back(static_cast<int>(x), static_cast<int>(y));
    }
    cv::polylines(text.deskewed, stroke, false, cv::Scalar(130, 40, 25), 4, cv::LINE_AA);
  }

  // Body text at the top of the page, read well.
  void Body() {
    for (int row = 0; row < 6; ++row) {
      Print({"The", "applicant", "confirms", "that", "every", "statement", "above", "is", "true"},
            150, 200 + 60 * row, 0.92);
    }
  }
};

}  // namespace

TEST_CASE("signature: signatures on a page without a template") {
  DrawnPage page;
  page.Body();

  SUBCASE("the handwriting right of a printed cue is a signature; the date field after it not") {
    page.Print({"Signature:"}, 150, 1000, 0.93);
    page.Scribble({420, 940, 380, 110});
    page.Print({"Date"}, 1000, 1000, 0.93);
    page.Scribble({1120, 950, 300, 90});
    std::vector<precheck::SignatureReading> found = FreeSignatures(page.text, 1);
    REQUIRE(found.size() == 1);
    CHECK(found[0].role == precheck::signature::kUnknownSigner);
    CHECK(found[0].present);
    CHECK(found[0].handwritten);
    CHECK(found[0].confidence >= 0.5);
    CHECK(found[0].page == 1);
    CHECK(found[0].bbox.x < 500);
    CHECK(found[0].bbox.x + found[0].bbox.width < 1000);
  }

  SUBCASE("without a cue, large cursive handwriting below the text is a signature") {
    page.Scribble({1000, 1600, 450, 160});
    std::vector<precheck::SignatureReading> found = FreeSignatures(page.text, 2);
    REQUIRE(found.size() == 1);
    CHECK(found[0].bbox.y > 1500);
    CHECK(found[0].page == 2);
  }

  SUBCASE("without a cue, handwriting in the upper half is not taken for a signature") {
    page.Scribble({1000, 700, 450, 160});
    CHECK(FreeSignatures(page.text, 1).empty());
  }

  SUBCASE("handwriting that reads as Han characters is a caption, not a signature") {
    page.Scribble({1000, 1600, 450, 160});
    ocr::TextLine caption;
    caption.box = Box{1000, 1600, 450, 160};
    caption.words.push_back({"公司公章", caption.box, 0.8});
    caption.text = "公司公章";
    caption.confidence = 0.8;
    page.text.lines.push_back(caption);
    CHECK(FreeSignatures(page.text, 1).empty());
  }

  SUBCASE("print alone holds no signature") { CHECK(FreeSignatures(page.text, 1).empty()); }
}

TEST_CASE("signature: a block keeps the ink of its own row") {
  // The 落款 of a power of attorney: the legal representative signs small and high on the
  // first row, the agent signs tall on the next, reaching up into the first row's band.
  DrawnPage page;
  page.Body();
  page.Print({"法定代表人（签字）："}, 150, 1000, 0.93);
  page.Print({"受托人（签字）："}, 150, 1110, 0.93);
  int x = page.text.lines[page.text.lines.size() - 2].box.x +
          page.text.lines[page.text.lines.size() - 2].box.width + 40;
  page.Scribble({x, 935, 170, 50});
  for (int dx : {0, 90, 180}) {
    cv::line(page.text.deskewed, {x + dx, 1012}, {x + dx + 20, 1185}, cv::Scalar(30, 30, 30), 6,
             cv::LINE_AA);
  }
  cv::line(page.text.deskewed, {x - 10, 1120}, {x + 220, 1110}, cv::Scalar(30, 30, 30), 6,
           cv::LINE_AA);

  precheck::MaterialTemplate material;
  material.signatures = {{"legal_rep", "法定代表人（签字）", ""}, {"agent", "受托人（签字）", ""}};
  std::vector<precheck::match::MaterialPage> pages = {{&page.text, 1, -1}};
  std::vector<precheck::signature::Block> blocks =
      precheck::signature::ReadBlocks(material, pages);
  REQUIRE(blocks.size() == 2);
  const precheck::SignatureReading& rep = blocks[0].reading;
  REQUIRE(rep.present);
  CHECK(rep.bbox.y < 950);
  CHECK(rep.bbox.y + rep.bbox.height < 1000);  // none of the agent's strokes
  const precheck::SignatureReading& agent = blocks[1].reading;
  REQUIRE(agent.present);
  CHECK(agent.bbox.y + agent.bbox.height > 1100);
}

TEST_CASE("signature: a label word whose box runs over the name after it") {
  // Tesseract gave (签字) a box stretched over the colon and the printed name after it; the
  // signing area must start after the colon, not after the name.
  DrawnPage page;
  page.Body();
  page.Print({"法定代表人", "(签字)", ":", "高倩晶"}, 150, 1000, 0.93);
  ocr::TextLine& line = page.text.lines.back();
  const Box name = line.words[3].box;
  line.words[1].box.width = name.x + name.width - line.words[1].box.x;

  precheck::MaterialTemplate material;
  material.signatures = {{"legal_rep", "法定代表人（签字）", ""}};
  std::vector<precheck::match::MaterialPage> pages = {{&page.text, 1, -1}};
  std::vector<precheck::signature::Block> blocks =
      precheck::signature::ReadBlocks(material, pages);
  REQUIRE(blocks.size() == 1);
  REQUIRE(blocks[0].reading.present);
  CHECK(blocks[0].reading.bbox.x <= name.x + 4);
}

TEST_CASE("signature: ink that two signing rows share is compared with no one") {
  cv::Mat a1 = Drawing("hand_a1.png");
  cv::Mat b1 = Drawing("hand_b1.png");
  // A power of attorney whose 法定代表人 box runs into its 受托人 box (the boxes of a
  // generated copy as the signature stage found them), and a letter signed alone.
  SignatureReading rep = Reading("legal_rep", true, true);
  rep.bbox = {1875, 1920, 175, 164};
  SignatureReading agent = Reading("agent", true, true);
  agent.bbox = {1705, 2040, 333, 123};
  std::vector<DocumentReport> docs = {Document("power_of_attorney", {rep, agent}),
                                      Document("credit_commitment_letter", {rep})};
  docs[1].signatures[0].bbox = {1711, 2627, 323, 133};
  std::vector<std::vector<cv::Mat>> inks = {{a1, b1}, {b1}};
  CHECK(precheck::signature::SharesInk(docs[0], 0));
  CHECK_FALSE(precheck::signature::SharesInk(docs[1], 0));
  precheck::signature::CompareAcrossDocuments(docs, inks);
  CHECK(docs[0].signatures[0].comparisons.empty());
  CHECK(docs[1].signatures[0].comparisons.empty());
  SUBCASE("rows apart are compared") {
    docs[0].signatures[1].bbox.y = 2100;
    docs[0].signatures[0].comparisons.clear();
    docs[1].signatures[0].comparisons.clear();
    precheck::signature::CompareAcrossDocuments(docs, inks);
    CHECK(docs[0].signatures[0].comparisons.size() == 1);
    CHECK(docs[1].signatures[0].comparisons.size() == 1);
  }
}

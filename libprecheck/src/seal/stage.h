// The seal stage as the engine uses it: find and read the seals of a page (whitening them
// before the page's own OCR), then give each seal of a submission its owner.

#ifndef PRECHECK_SEAL_STAGE_H_
#define PRECHECK_SEAL_STAGE_H_

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "ocr/ocr_engine.h"
#include "precheck/catalog.h"
#include "precheck/report.h"

namespace precheck::seal {

// Finds and reads the seals of the BGR page `image` (page number `page`), then whitens
// their ink in `image` so that the page's text is read without them. Owners are left
// empty. `before`, when given, receives each seal's box and its pixels as they were before
// the whitening. Never fails.
// A seal's ring strip, known by the seal's page and box.
struct RingStrip {
  int page = 0;
  Box bbox;
  cv::Mat strip;                  // SealText::strip
  double found_confidence = 0.0;  // how seal-like its shape is (SealRegion::confidence)
};

// `strips`, when given, receives each seal's ring strip, in the order of the seals
// returned, with their page and box.
std::vector<SealReading> ReadPageSeals(ocr::OcrEngine& engine, cv::Mat& image, int page,
                                       std::vector<std::pair<cv::Rect, cv::Mat>>* before = nullptr,
                                       std::vector<RingStrip>* strips = nullptr);

// For each seal of `doc` with an owner whose text is not already the name it must carry
// (ExpectedName), reads its ring strip again limited to that name's characters, and those
// of its free reading when that is within two characters of the name (ConfirmName). When that
// reading is exactly the name, the seal's text becomes the name (what it was read as stays first
// among its readings), with the confidence of the weaker of finding the seal and that reading, or
// the earlier one when higher. Call after AssignOwners.
void ConfirmExpectedNames(ocr::OcrEngine& engine, const Catalog& catalog,
                          std::vector<DocumentReport>& docs, DocumentReport& doc,
                          const std::vector<RingStrip>& strips);

// The name the seal of `owner` on `doc` must carry, from the submission's documents: the
// applicant's company name (business licence first), an authority's name from the
// template's seal_names field (else the penalty decision's authority), a lessor's from its
// field. "" when unknown or not checked (registry, bank).
std::string ExpectedName(const Catalog& catalog, const std::vector<DocumentReport>& docs,
                         const DocumentReport& doc, const std::string& owner);

// Gives every seal of every document an owner: by its text when it names one (the
// applicant's company, an authority, a bank), otherwise by the seals the document's
// template asks for that are still unclaimed, nearest its `near` field first.
void AssignOwners(const Catalog& catalog, std::vector<DocumentReport>& docs);

// Fills each field the template locates on a seal (`locate: seal`, e.g. a licence's 登记机关)
// from the ring text of the seal of its `owner`; call after AssignOwners. A field whose
// seal is missing or unread stays unlocated.
void FillSealFields(const Catalog& catalog, std::vector<DocumentReport>& docs);

// How well the seal text `read` matches `expected` (both as read/printed): 0..1, the best
// of whole-text similarity and the similarity of `expected` to a part of `read`.
double NameSimilarity(const std::string& read, const std::string& expected);

// True when the seal is a special-purpose seal (财务专用章, 合同专用章, 发票专用章, ...).
bool IsSpecialPurpose(const SealReading& seal);

// Writes `page` to `png_path` with each seal outlined and labelled with its number,
// shape, colour and owner (in ASCII: OpenCV draws no Chinese). Returns false when the
// file cannot be written.
bool WriteAnnotated(const cv::Mat& page, const std::vector<SealReading>& seals,
                    const std::vector<SignatureReading>& signatures, const std::string& png_path);

}  // namespace precheck::seal

#endif  // PRECHECK_SEAL_STAGE_H_

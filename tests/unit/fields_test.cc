// Field extraction: a strongly typed value whose label was not read is still found when it is
// the one such value on the material, and left unread when that is not certain.

#include "match/fields.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using precheck::FieldReading;
using precheck::FieldSpec;
using precheck::MaterialTemplate;

// An ID card copy's fields, as templates/legal_rep_id_card.yaml has them.
MaterialTemplate IdCard() {
  MaterialTemplate t;
  t.id = "legal_rep_id_card";
  t.fields.push_back(FieldSpec{.key = "legal_rep", .label = "姓名", .type = "person"});
  t.fields.push_back(FieldSpec{.key = "legal_rep_id", .label = "公民身份号码", .type = "id18"});
  t.fields.push_back(FieldSpec{.key = "birth", .label = "出生", .type = "date"});
  t.fields.push_back(
      FieldSpec{.key = "legal_rep_id_validity", .label = "有效期限", .type = "daterange"});
  return t;
}

// A page whose lines are `texts`, one under the other.
precheck::ocr::PageText Page(const std::vector<std::string>& texts) {
  precheck::ocr::PageText page;
  page.width = 2480;
  page.height = 3508;
  int y = 300;
  for (const std::string& text : texts) {
    precheck::ocr::TextLine line;
    line.text = text;
    line.box = precheck::Box{200, y, 900, 50};
    line.confidence = 0.9;
    line.words.push_back(precheck::ocr::Word{text, line.box, 0.9});
    page.lines.push_back(line);
    y += 90;
  }
  return page;
}

std::vector<FieldReading> Read(const MaterialTemplate& material,
                               const precheck::ocr::PageText& page) {
  std::vector<precheck::match::MaterialPage> pages = {{&page, 1, -1}};
  return precheck::match::ExtractFields(material, pages, nullptr);
}

const FieldReading& Get(const std::vector<FieldReading>& readings, const std::string& key) {
  for (const FieldReading& r : readings) {
    if (r.key == key) return r;
  }
  FAIL("no reading for " << key);
  return readings.front();
}

}  // namespace

TEST_CASE("fields: an unmistakable value whose label was lost") {
  SUBCASE("the ID number and the validity are read without their labels") {
    precheck::ocr::PageText page =
        Page({"姓名彭健凯", "性别男民族汉", "120116196402066696", "2018.01.09-长期"});
    std::vector<FieldReading> r = Read(IdCard(), page);
    CHECK(Get(r, "legal_rep_id").value == "120116196402066696");
    CHECK(Get(r, "legal_rep_id_validity").value == "2018-01-09/长期");
    CHECK(Get(r, "legal_rep").value == "彭健凯");
    // A date is no strongly typed value: without its label it stays unread.
    CHECK_FALSE(Get(r, "birth").found);
  }
  SUBCASE("the label, when read, still decides") {
    precheck::ocr::PageText page =
        Page({"姓名彭健凯", "公民身份号码12011119800625238X", "120116196402066696"});
    std::vector<FieldReading> r = Read(IdCard(), page);
    CHECK(Get(r, "legal_rep_id").value == "12011119800625238X");
  }
  SUBCASE("two candidate lines: none is taken") {
    precheck::ocr::PageText page = Page({"姓名彭健凯", "120116196402066696", "12011119800625238X"});
    std::vector<FieldReading> r = Read(IdCard(), page);
    CHECK_FALSE(Get(r, "legal_rep_id").found);
  }
  SUBCASE("a number inside a sentence is no candidate") {
    precheck::ocr::PageText page = Page({"姓名彭健凯", "身份证号120116196402066696的持有人"});
    std::vector<FieldReading> r = Read(IdCard(), page);
    CHECK_FALSE(Get(r, "legal_rep_id").found);
  }
  SUBCASE("an invalid number is no candidate") {
    precheck::ocr::PageText page = Page({"姓名彭健凯", "120116196402066697"});
    std::vector<FieldReading> r = Read(IdCard(), page);
    CHECK_FALSE(Get(r, "legal_rep_id").found);
  }
  SUBCASE("two unlabelled fields of one type: the value's owner is unknown") {
    MaterialTemplate t = IdCard();
    t.fields.push_back(FieldSpec{.key = "agent_id", .label = "受托人身份证号", .type = "id18"});
    precheck::ocr::PageText page = Page({"姓名彭健凯", "120116196402066696"});
    std::vector<FieldReading> r = Read(t, page);
    CHECK_FALSE(Get(r, "legal_rep_id").found);
    CHECK_FALSE(Get(r, "agent_id").found);
  }
}

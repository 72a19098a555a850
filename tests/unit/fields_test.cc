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

// A line read as `text` with confidence 0.9, in table cell `cell` (-1: none).
precheck::ocr::TextLine LineAt(const std::string& text, precheck::Box box, int cell = -1) {
  precheck::ocr::TextLine line;
  line.text = text;
  line.box = box;
  line.confidence = 0.9;
  line.cell = cell;
  line.words.push_back(precheck::ocr::Word{text, box, 0.9});
  return line;
}

// A page whose lines are `texts`, one under the other.
precheck::ocr::PageText Page(const std::vector<std::string>& texts) {
  precheck::ocr::PageText page;
  page.width = 2480;
  page.height = 3508;
  int y = 300;
  for (const std::string& text : texts) {
    page.lines.push_back(LineAt(text, precheck::Box{200, y, 900, 50}));
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
  SUBCASE("a label too misread to be found is no obstacle, other words before it are") {
    precheck::ocr::PageText page = Page({"姓名彭健凯", "民身份呈码120116196402066696"});
    CHECK(Get(Read(IdCard(), page), "legal_rep_id").value == "120116196402066696");
    page = Page({"姓名彭健凯", "联系电话120116196402066696"});
    CHECK_FALSE(Get(Read(IdCard(), page), "legal_rep_id").found);
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

namespace {

// A legal representative's certificate, as templates/legal_rep_certificate.yaml has it.
MaterialTemplate Certificate() {
  MaterialTemplate t;
  t.id = "legal_rep_certificate";
  t.fields.push_back(FieldSpec{.key = "legal_rep", .label = "姓名", .type = "person"});
  t.fields.push_back(FieldSpec{.key = "position", .label = "职务", .type = "text"});
  t.fields.push_back(FieldSpec{.key = "legal_rep_id", .label = "身份证号码", .type = "id18"});
  return t;
}

}  // namespace

TEST_CASE("fields: values written inside sentences") {
  SUBCASE("a label inside a sentence before a colon; the value ends at its comma") {
    precheck::ocr::PageText page =
        Page({"姓名:金宏，性别:男，出生日期:1975年8月18日，身份证号码:",
              "120101197508183217，在我单位任职务:董事长，系本单位的法定代表人。"});
    std::vector<FieldReading> r = Read(Certificate(), page);
    CHECK(Get(r, "position").value == "董事长");
    // The line under 身份证号码 goes on with another field: the value is what precedes it.
    CHECK(Get(r, "legal_rep_id").value == "120101197508183217");
  }
  SUBCASE("a misread number at the start of the next line is the value as read, not a blank") {
    precheck::ocr::PageText page =
        Page({"姓名:顾莹红性别:女,出生日期:1975年11月21日，身份证号码:",
              "120112197511213S5864我单位任职务;执行董事兼总经环本单位"});
    std::vector<FieldReading> r = Read(Certificate(), page);
    const FieldReading& id = Get(r, "legal_rep_id");
    CHECK(id.found);
    CHECK(id.text == "120112197511213S5864");
    CHECK(id.value.empty());
  }
  SUBCASE("a value wraps to the paragraph's left edge, and loses the sentence's full stop") {
    MaterialTemplate t;
    t.id = "abnormal_list_decision";
    t.fields.push_back(FieldSpec{.key = "listing_reason", .label = "列入事由", .type = "text"});
    precheck::ocr::PageText page;
    page.width = 2480;
    page.height = 3508;
    page.lines.push_back(
        LineAt("经查，当事人存在以下情形:列入事由:通过登记的住所", {464, 1233, 1670, 92}));
    page.lines.push_back(LineAt("或者经营场所无法联系。", {332, 1354, 690, 63}));
    page.lines.push_back(LineAt("依据《企业信息公示暂行条例》第十七条", {464, 1490, 1670, 92}));
    std::vector<FieldReading> r = Read(t, page);
    CHECK(Get(r, "listing_reason").value == "通过登记的住所或者经营场所无法联系");
  }
  SUBCASE("a value that ended at its comma does not go on into the line below") {
    // The widest line of a certificate, its 职务 ended by the comma: the next line starts at
    // the paragraph's indent and is not the rest of it.
    precheck::ocr::PageText page;
    page.width = 2480;
    page.height = 3508;
    page.lines.push_back(
        LineAt("姓名:郝峰华,性别:男，出生日期:1980年2月3日，身份证号码:", {413, 786, 1327, 64}));
    page.lines.push_back(
        LineAt("12011219800203375X,在我单位任职务:执行董事兼总经理，系本单位的法定代表人。",
               {328, 846, 1715, 87}));
    page.lines.push_back(LineAt("特此证明。", {413, 964, 190, 42}));
    std::vector<FieldReading> r = Read(Certificate(), page);
    CHECK(Get(r, "position").value == "执行董事兼总经理");
  }
  SUBCASE("a date label joined to the word before it is another date's") {
    MaterialTemplate t = Certificate();
    t.fields.push_back(FieldSpec{.key = "sign_date", .label = "日期", .type = "date"});
    // The signing line under the seal was not read: the birth date is not the signing date.
    precheck::ocr::PageText page =
        Page({"姓名:郝峰华,性别:男，出生日期:1980年2月3日，身份证号码:",
              "12011219800203375X,在我单位任职务:执行董事兼总经理，系本单位的法定代表人。"});
    CHECK_FALSE(Get(Read(t, page), "sign_date").found);
    page = Page({"姓名:郝峰华,性别:男，出生日期:1980年2月3日，身份证号码:",
                 "12011219800203375X,在我单位任职务:执行董事兼总经理，系本单位的法定代表人。",
                 "日期:2025年6月12日"});
    CHECK(Get(Read(t, page), "sign_date").value == "2025-06-12");
  }
  SUBCASE("a signing date whose label lost its first character under a seal") {
    MaterialTemplate t = Certificate();
    t.fields.push_back(FieldSpec{.key = "sign_date", .label = "日期", .type = "date"});
    // 当事人（盖章） 日期：2025年6月23日 on a photocopy, the seal over it.
    precheck::ocr::PageText page =
        Page({"姓名:郝峰华,性别:男，出生日期:1980年2月3日，", "当事人〈益章)1期:2025年6月238"});
    CHECK(Get(Read(t, page), "sign_date").value == "2025-06-23");
    // Not the birth date, whose label runs into the word before it even when misread.
    page = Page({"姓名:郝峰华,性别:男，出生1期:1980年2月3日，"});
    CHECK_FALSE(Get(Read(t, page), "sign_date").found);
  }
  SUBCASE("a form's note names a field in passing; a misread 签字 still marks a signing line") {
    MaterialTemplate t;
    t.id = "power_of_attorney";
    t.fields.push_back(FieldSpec{.key = "legal_rep", .label = "法定代表人", .type = "person"});
    t.fields.push_back(FieldSpec{.key = "authority", .label = "处罚机关", .type = "text"});
    precheck::ocr::PageText page =
        Page({"法定代表人:孔勇志", "处加机关:天津市河北区生态环境局", "法定代表人(等字)：3员去",
              "注:本表一式两份，申请主体与处罚机关各留存一份。"});
    std::vector<FieldReading> r = Read(t, page);
    CHECK(Get(r, "legal_rep").value == "孔勇志");
    CHECK(Get(r, "authority").value == "天津市河北区生态环境局");
    // Its opening bracket lost as well.
    page = Page({"孙林", "法定代表人备字):”列汪"});
    CHECK_FALSE(Get(Read(t, page), "legal_rep").found);
  }
}

TEST_CASE("fields: a licence's address wraps under its start, its label joined to 经营范围") {
  // The row as OCR gave it on a generated licence: the right column's 住所 and its address
  // read as one line with the left column's 经营范围, whose bracket and quotes change how the
  // words normalise; the address's last characters on the next row, under its start, beside
  // the rest of 经营范围.
  MaterialTemplate t;
  t.id = "business_license";
  t.fields.push_back(FieldSpec{.key = "business_scope", .label = "经营范围", .type = "text"});
  t.fields.push_back(FieldSpec{.key = "registered_address", .label = "住所", .type = "addr"});
  precheck::ocr::PageText page;
  page.width = 3508;
  page.height = 2480;
  precheck::ocr::TextLine row;
  row.text = "经营范围食品销售。(依法须。”住”所天津市南开区万兴街道白堤路144号C";
  row.box = {333, 1298, 2839, 101};
  row.confidence = 0.87;
  row.words = {{"经营范围", {333, 1298, 321, 101}, 0.9},
               {"食品销售", {682, 1298, 480, 101}, 0.9},
               {"。", {1547, 1298, 26, 101}, 0.9},
               {"(依法", {1610, 1298, 175, 101}, 0.9},
               {"须", {1774, 1298, 58, 101}, 0.9},
               {"。”", {1850, 1298, 140, 101}, 0.9},
               {"住", {1991, 1298, 35, 101}, 0.9},
               {"”所", {2139, 1298, 49, 101}, 0.9},
               {"天津市南开区万兴街道白堤路144号C", {2312, 1298, 860, 101}, 0.9}};
  page.lines.push_back(row);
  page.lines.push_back(LineAt("经相关部门批准后方可开展经营活动)", {719, 1397, 1057, 81}));
  page.lines.push_back(LineAt("座4层", {2312, 1397, 131, 74}));
  std::vector<FieldReading> r = Read(t, page);
  CHECK(Get(r, "registered_address").value == "天津市南开区万兴街道白堤路144号C座4层");
}

TEST_CASE("fields: a label split over a row header and its sub-label") {
  MaterialTemplate t;
  t.id = "fine_payment_receipt";
  t.fields.push_back(FieldSpec{
      .key = "company_name", .label = "交款单位", .aliases = {"付款人全称"}, .type = "company"});
  precheck::ocr::PageText page;
  page.width = 2480;
  page.height = 3508;
  // 付款人 | 全称 | value | 收款人 | 全称 | value
  page.cells = {{300, 600, 200, 200},  {500, 600, 180, 100},  {680, 600, 560, 100},
                {1260, 600, 200, 200}, {1460, 600, 180, 100}, {1640, 600, 560, 100}};
  page.lines.push_back(LineAt("付款", {320, 620, 84, 42}, 0));
  page.lines.push_back(LineAt("人", {340, 683, 40, 40}, 0));
  page.lines.push_back(LineAt("全称", {516, 630, 87, 50}, 1));
  page.lines.push_back(LineAt("天津盛和餐饮管理股份有限", {696, 610, 524, 40}, 2));
  page.lines.push_back(LineAt("公司", {697, 654, 80, 40}, 2));
  page.lines.push_back(LineAt("收款", {1280, 620, 84, 42}, 3));
  page.lines.push_back(LineAt("人", {1300, 683, 40, 40}, 3));
  page.lines.push_back(LineAt("全称", {1476, 630, 87, 50}, 4));
  page.lines.push_back(LineAt("天津市财政局", {1663, 630, 260, 50}, 5));
  std::vector<FieldReading> r = Read(t, page);
  CHECK(Get(r, "company_name").value == "天津盛和餐饮管理股份有限公司");
}

TEST_CASE("fields: a long label wrapped in its cell, its second line not read") {
  MaterialTemplate t;
  t.id = "repair_application_form";
  t.fields.push_back(
      FieldSpec{.key = "decision_no", .label = "行政处罚决定书文号", .type = "docno"});
  precheck::ocr::PageText page;
  page.width = 2480;
  page.height = 3508;
  page.cells = {{320, 940, 370, 160}, {700, 940, 650, 160}};
  page.lines.push_back(LineAt("行政处罚决定", {331, 955, 296, 70}, 0));
  page.lines.push_back(LineAt("津河北环罚字(2024】246", {713, 955, 570, 69}, 1));
  page.lines.push_back(LineAt("号", {714, 1032, 44, 45}, 1));
  std::vector<FieldReading> r = Read(t, page);
  CHECK(Get(r, "decision_no").value == "津河北环罚字〔2024〕246号");
}

TEST_CASE("fields: noise read above a decision number in its cell is no part of it") {
  MaterialTemplate t;
  t.id = "samr_repair_application";
  t.fields.push_back(FieldSpec{.key = "listing_no", .label = "列入决定书文号", .type = "docno"});
  precheck::ocr::PageText page;
  page.width = 2480;
  page.height = 3508;
  page.cells = {{310, 1340, 380, 160}, {700, 1340, 1400, 160}};
  page.lines.push_back(LineAt("列入决定书文号", {326, 1408, 346, 70}, 0));
  // What a ruling's remnant along the cell's top was read as, on a generated form.
  page.lines.push_back(LineAt("上JECD3 IJ-人一人人14J睛人人-上", {705, 1345, 1300, 30}, 1));
  page.lines.push_back(LineAt("津南开市监严列(2023】36号", {750, 1372, 595, 71}, 1));
  std::vector<FieldReading> r = Read(t, page);
  CHECK(Get(r, "listing_no").value == "津南开市监严列〔2023〕36号");
  SUBCASE("a number split over two lines of Han characters stays whole") {
    page.lines[1] = LineAt("津南开市监严列", {705, 1345, 400, 60}, 1);
    page.lines[2] = LineAt("〔2023〕36号", {705, 1410, 300, 60}, 1);
    r = Read(t, page);
    CHECK(Get(r, "listing_no").value == "津南开市监严列〔2023〕36号");
  }
}

TEST_CASE("fields: an amount in words kept as text") {
  MaterialTemplate t;
  t.id = "fine_payment_receipt";
  t.fields.push_back(
      FieldSpec{.key = "paid_amount_upper", .label = "金额人民币（大写）", .type = "text"});
  t.fields.push_back(FieldSpec{.key = "bank", .label = "代收机构", .type = "text"});
  auto value = [&](const std::string& line) {
    precheck::ocr::PageText page = Page({line, "代收机构中国工商银行"});
    return Get(Read(t, page), "paid_amount_upper").value;
  };
  // A ruling's remnant after 整 is no part of it; 参 is written 叁 in an amount.
  CHECK(value("金额人民币（大写）贰万元整-") == "贰万元整");
  CHECK(value("金额人民币（大写）参万元整") == "叁万元整");
  // Other text keeps its 参 and its marks.
  CHECK(value("金额人民币（大写）参见附件-") == "参见附件-");
}

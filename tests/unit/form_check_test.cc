// Form checks: outdated titles and mandatory clauses.

#include "match/form_check.h"

#include <doctest/doctest.h>

namespace {

using precheck::MaterialTemplate;
using precheck::match::CheckForm;
using precheck::match::FormFinding;
using precheck::match::MaterialPage;
using precheck::match::PageClass;

precheck::ocr::PageText Page(const std::vector<std::string>& lines, double confidence = 0.93) {
  precheck::ocr::PageText page;
  for (const std::string& text : lines) {
    precheck::ocr::TextLine line;
    line.text = text;
    line.confidence = confidence;
    page.lines.push_back(line);
  }
  return page;
}

MaterialTemplate Certificate() {
  MaterialTemplate t;
  t.id = "legal_rep_certificate";
  t.name = "法定代表人身份证明书";
  t.titles = {"法定代表人身份证明书"};
  t.clauses = {"的法定代表人", "特此证明", "真实、准确、完整", "自愿接受"};
  t.fields.push_back({"company_name", "单位名称"});
  return t;
}

FormFinding Check(const precheck::ocr::PageText& page, bool outdated = false) {
  MaterialTemplate t = Certificate();
  PageClass cls;
  cls.material = &t;
  cls.outdated = outdated;
  cls.title = outdated ? "法人代表证明" : "法定代表人身份证明书";
  std::vector<MaterialPage> pages = {{&page, 1, 0}};
  return CheckForm(t, cls, pages);
}

}  // namespace

TEST_CASE("form check: every clause present, across a line break and with 、 read as ,") {
  auto page = Page({"法定代表人身份证明书", "单位名称:某某有限公司", "程某某系本单位的法定代",
                    "表人。所填内容真实,准确,完整，目愿接受监督。", "特此证明。"});
  FormFinding f = Check(page);
  CHECK(f.empty());
  CHECK(f.reliable);
}

TEST_CASE("form check: a reworded clause is missing, and the title or a label does not stand in") {
  auto page = Page({"法定代表人身份证明书", "单位名称:某某有限公司", "程某某系本单位的负责人。",
                    "所填内容真实有效，接受监督。", "法定代表人（签字）", "特此证明。"});
  FormFinding f = Check(page);
  CHECK(f.missing_clauses ==
        std::vector<std::string>{"的法定代表人", "真实、准确、完整", "自愿接受"});
  CHECK(f.reliable);
}

TEST_CASE("form check: a poorly read page makes the finding unreliable") {
  auto page = Page({"法定代表人身份证明书", "程某某系本单位的负责人。"}, 0.5);
  FormFinding f = Check(page);
  CHECK(!f.missing_clauses.empty());
  CHECK(!f.reliable);
}

TEST_CASE("form check: one label lost to a misread glyph, beside a clause found, still decides") {
  MaterialTemplate t = Certificate();
  t.fields.push_back({"uscc", "统一社会信用代码"});
  t.fields.push_back({"sign_date", "日期"});
  PageClass cls;
  cls.material = &t;
  cls.title = "法定代表人身份证明书";
  auto page = Page({"法定代表人身份证明书", "单位名称:某某有限公司", "统一社会信用代码:91120104834075084A",
                    "程某某系本单位的法定代表人。", "所填内容真实、准确、完整，自愿接受监督。",
                    "目期:2025年4月21日"});
  std::vector<MaterialPage> pages = {{&page, 1, 0}};
  FormFinding f = CheckForm(t, cls, pages);
  CHECK(f.missing_clauses == std::vector<std::string>{"特此证明"});
  CHECK(f.reliable);
  SUBCASE("but not two labels lost") {
    t.fields.push_back({"phone", "联系电话"});
    CHECK(!CheckForm(t, cls, pages).reliable);
  }
}

TEST_CASE("form check: an outdated title is reported") {
  auto page = Page({"法人代表证明", "单位名称:某某有限公司", "程某某系本单位的法定代表人。",
                    "真实、准确、完整，自愿接受。特此证明。"});
  FormFinding f = Check(page, true);
  CHECK(f.outdated_title == "法人代表证明");
  CHECK(f.missing_clauses.empty());
}

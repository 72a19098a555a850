// Tests of the report writers: the JSON contract (keys, nulls, numbers), redaction of ID and
// phone numbers, the text summary, the xlsx workbook (read back with unzip) and atomic writes.

#include "precheck/report.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "precheck/report_io.h"

namespace precheck {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temporary folder, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "precheck-report-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path_)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

 private:
  fs::path path_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A field read on page 1 (page 0, not located, when `bbox` is empty).
FieldReading Reading(const std::string& key, const std::string& text, const std::string& value,
                     double confidence, Box bbox) {
  FieldReading field;
  field.key = key;
  field.text = text;
  field.value = value;
  field.confidence = confidence;
  field.page = bbox.empty() ? 0 : 1;
  field.bbox = bbox;
  field.found = !bbox.empty();
  return field;
}

// A report with one failing submission of known domain and one of unknown domain, with the
// personal data that redaction must hide.
Report SampleReport() {
  Report report;
  report.tool_version = "0.1.0";
  report.as_of = "2025-03-01";

  SubmissionReport sub;
  sub.id = "sub-0007";
  sub.path = "batch/sub-0007";
  sub.domain = "admin_penalty";
  sub.verdict = "fail";

  DocumentReport form;
  form.type = "repair_application_form";
  form.type_confidence = 0.9749;
  form.file = "申请表.pdf";
  form.pages = {1};
  form.fields.push_back(
      Reading("penalty_date", "2024年3月15日", "2024-03-15", 0.914, {820, 1630, 600, 90}));
  form.fields.back().handwritten = true;
  form.fields.push_back(
      Reading("phone", "167 1234 1672", "16712341672", 0.88, {100, 200, 300, 40}));
  form.fields.push_back(Reading("legal_rep_id", "12011119800625238X", "12011119800625238X", 0.9,
                                {100, 300, 400, 40}));
  form.fields.push_back(Reading("authority", "", "", 0.0, {}));
  SealReading seal;
  seal.page = 1;
  seal.bbox = {1500, 2700, 520, 520};
  seal.shape = "round";
  seal.color = "red";
  seal.text = "天津市和顺物流有限公司";
  seal.owner = "applicant";
  seal.confidence = 0.876;
  form.seals.push_back(seal);
  form.signatures.push_back({1, {1780, 2900, 420, 140}, "legal_rep", true, true, 0.93});
  sub.documents.push_back(form);

  DocumentReport decision;
  decision.type = "penalty_decision";
  decision.type_confidence = 0.95;
  decision.file = "决定书.pdf";
  decision.pages = {1, 2};
  sub.documents.push_back(decision);

  Defect mismatch;
  mismatch.code = "PENALTY_DATE_MISMATCH";
  mismatch.document = "repair_application_form";
  mismatch.file = "申请表.pdf";
  mismatch.page = 1;
  mismatch.field = "penalty_date";
  mismatch.bbox = {820, 1630, 600, 90};
  mismatch.message = "处罚日期与行政处罚决定书落款日期不一致";
  mismatch.suggestion = "请按行政处罚决定书落款日期（2024年3月12日）填写";
  mismatch.evidence = {{"found", "2024-03-15"}, {"expected", "2024-03-12"}, {"similarity", "0.82"}};
  mismatch.related.push_back({"penalty_decision", "决定书.pdf", 2, "penalty_date", "2024-03-12"});
  sub.defects.push_back(mismatch);

  Defect id_mismatch;
  id_mismatch.code = "FIELD_INCONSISTENT";
  id_mismatch.document = "repair_application_form";
  id_mismatch.file = "申请表.pdf";
  id_mismatch.page = 1;
  id_mismatch.field = "legal_rep_id";
  id_mismatch.message = "法定代表人身份证号码12011119800625238X与身份证不一致，联系电话16712341672";
  id_mismatch.suggestion = "请与营业执照（91120110MA6C6JGN3R）核对";
  id_mismatch.evidence = {{"found", "12011119800625238X"}, {"phone", "022-87040659"}};
  id_mismatch.related.push_back(
      {"legal_rep_id_card", "身份证.jpg", 1, "legal_rep_id", "120116196402066696"});
  sub.defects.push_back(id_mismatch);

  Defect blurry;
  blurry.code = "IMAGE_QUALITY";
  blurry.severity = Severity::kWarning;
  blurry.document = "penalty_decision";
  blurry.file = "决定书.pdf";
  blurry.page = 2;
  blurry.message = "第2页模糊";
  blurry.suggestion = "请重新扫描";
  sub.defects.push_back(blurry);
  report.submissions.push_back(sub);

  SubmissionReport unknown;
  unknown.id = "sub-0008";
  unknown.path = "batch/sub-0008";
  unknown.verdict = "fail";
  Defect missing;
  missing.code = "DOC_MISSING";
  missing.document = "";
  missing.message = "无法确定修复领域";
  missing.suggestion = "请在 submission.yaml 中写明 domain";
  unknown.defects.push_back(missing);
  report.submissions.push_back(unknown);

  SubmissionReport clean;
  clean.id = "sub-0009";
  clean.path = "batch/sub-0009";
  clean.domain = "serious_list";
  clean.verdict = "pass";
  report.submissions.push_back(clean);
  return report;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// `unzip -p archive member`, or nullopt-like empty with ok=false when unzip cannot run.
bool Unzip(const fs::path& archive, const std::string& member, std::string* out) {
  const std::string command = "unzip -p '" + archive.string() + "' '" + member + "' 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return false;
  char buffer[4096];
  size_t n;
  out->clear();
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out->append(buffer, n);
  return pclose(pipe) == 0;
}

bool HaveUnzip() { return std::system("unzip -v >/dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("report: model helpers") {
  const Report report = SampleReport();
  const SubmissionReport& sub = report.submissions[0];
  CHECK(sub.CountSeverity(Severity::kError) == 2);
  CHECK(sub.CountSeverity(Severity::kWarning) == 1);
  CHECK(std::string(SeverityName(Severity::kError)) == "error");
  CHECK(std::string(SeverityName(Severity::kWarning)) == "warning");
  REQUIRE(sub.documents[0].Field("phone") != nullptr);
  CHECK(sub.documents[0].Field("phone")->value == "16712341672");
  CHECK(sub.documents[0].Field("nonexistent") == nullptr);
}

TEST_CASE("report: JSON follows the contract") {
  const std::string text = RenderJson(SampleReport());
  REQUIRE(!text.empty());
  CHECK(text.back() == '\n');
  // Chinese is written as UTF-8, not as \u escapes.
  CHECK(Contains(text, "申请表.pdf"));
  CHECK(!Contains(text, "\\u"));
  // Number arrays stay on one line.
  CHECK(Contains(text, "\"bbox\": [820, 1630, 600, 90]"));
  CHECK(Contains(text, "\"pages\": [1, 2]"));
  CHECK(Contains(text, "\"seals\": []"));

  const auto json = nlohmann::ordered_json::parse(text);
  CHECK(json["schema"] == "precheck.report/1");
  CHECK(json["tool"]["name"] == "precheck");
  CHECK(json["tool"]["version"] == "0.1.0");
  CHECK(json["as_of"] == "2025-03-01");
  REQUIRE(json["submissions"].size() == 3);

  SUBCASE("submission and documents") {
    const auto& sub = json["submissions"][0];
    CHECK(sub["id"] == "sub-0007");
    CHECK(sub["domain"] == "admin_penalty");
    CHECK(sub["verdict"] == "fail");
    const auto& doc = sub["documents"][0];
    CHECK(doc["type"] == "repair_application_form");
    CHECK(doc["type_confidence"].get<double>() == doctest::Approx(0.97).epsilon(1e-12));
    CHECK(doc["pages"] == nlohmann::ordered_json::array({1}));
    CHECK(sub["documents"][1]["pages"] == nlohmann::ordered_json::array({1, 2}));

    // Fields are an object in template order.
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc["fields"].items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"penalty_date", "phone", "legal_rep_id", "authority"});
    const auto& date = doc["fields"]["penalty_date"];
    CHECK(date["text"] == "2024年3月15日");
    CHECK(date["value"] == "2024-03-15");
    CHECK(date["confidence"].get<double>() == doctest::Approx(0.91).epsilon(1e-12));
    CHECK(date["page"] == 1);
    CHECK(date["bbox"] == nlohmann::ordered_json::array({820, 1630, 600, 90}));
    CHECK(date["handwritten"] == true);
    const auto& blank = doc["fields"]["authority"];
    CHECK(blank["text"] == "");
    CHECK(blank["page"].is_null());
    CHECK(blank["bbox"].is_null());

    const auto& seal = doc["seals"][0];
    CHECK(seal["bbox"] == nlohmann::ordered_json::array({1500, 2700, 520, 520}));
    CHECK(seal["text"] == "天津市和顺物流有限公司");
    CHECK(seal["owner"] == "applicant");
    CHECK(seal["confidence"].get<double>() == doctest::Approx(0.88).epsilon(1e-12));
    const auto& signature = doc["signatures"][0];
    CHECK(signature["role"] == "legal_rep");
    CHECK(signature["present"] == true);
    CHECK(signature["handwritten"] == true);
  }

  SUBCASE("defects, with nulls where there is no place") {
    const auto& defect = json["submissions"][0]["defects"][0];
    std::vector<std::string> keys;
    for (const auto& [key, value] : defect.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"code", "severity", "document", "file", "page", "field",
                                           "bbox", "message", "suggestion", "evidence", "related"});
    CHECK(defect["code"] == "PENALTY_DATE_MISMATCH");
    CHECK(defect["severity"] == "error");
    CHECK(defect["page"] == 1);
    CHECK(defect["bbox"] == nlohmann::ordered_json::array({820, 1630, 600, 90}));
    CHECK(defect["evidence"]["found"] == "2024-03-15");
    CHECK(defect["evidence"]["similarity"].is_number());
    CHECK(defect["evidence"]["similarity"].get<double>() == doctest::Approx(0.82));
    CHECK(defect["related"][0]["document"] == "penalty_decision");
    CHECK(defect["related"][0]["page"] == 2);
    CHECK(defect["related"][0]["value"] == "2024-03-12");
    // Digit strings that are identifiers stay strings.
    CHECK(json["submissions"][0]["defects"][1]["evidence"]["found"].is_string());
    CHECK(json["submissions"][0]["defects"][2]["severity"] == "warning");

    const auto& unknown = json["submissions"][1];
    CHECK(unknown["domain"].is_null());
    CHECK(unknown["documents"].empty());
    const auto& missing = unknown["defects"][0];
    CHECK(missing["document"].is_null());
    CHECK(missing["file"].is_null());
    CHECK(missing["page"].is_null());
    CHECK(missing["field"].is_null());
    CHECK(missing["bbox"].is_null());
    CHECK(missing["evidence"].is_object());
    CHECK(missing["evidence"].empty());
    CHECK(missing["related"].is_array());
  }

  SUBCASE("invalid UTF-8 is replaced, not thrown") {
    Report bad = SampleReport();
    bad.submissions[0].defects[0].message = "坏\xff\xfe字";
    const std::string out = RenderJson(bad);
    REQUIRE(!out.empty());
    CHECK(Contains(out, "\xEF\xBF\xBD"));
    CHECK(nlohmann::json::accept(out));
  }
}

TEST_CASE("report: redaction of ID and phone numbers") {
  SUBCASE("ID numbers, also inside Chinese sentences") {
    CHECK(RedactText("12011119800625238X") == "120111********238X");
    CHECK(RedactText("法定代表人身份证号码12011119800625238X，住址天津") ==
          "法定代表人身份证号码120111********238X，住址天津");
    CHECK(RedactText("身份证：120116196402066696。") == "身份证：120116********6696。");
    CHECK(RedactText("号码 120111 19800625 238X 有效") == "号码 120111 ******** 238X 有效");
    // Full-width digits, as OCR sometimes reads them.
    CHECK(RedactText("１２０１１１１９８００６２５２３８Ｘ") == "１２０１１１********２３８Ｘ");
    // A wrong check digit is still someone's ID number (misread or mistyped).
    CHECK(RedactText("120111198006252381") == "120111********2381");
    // Seventeen digits and a letter other than X are not an ID number.
    CHECK(RedactText("12011119800625238Y号") == "12011119800625238Y号");
    // A credit code read with a letter in it is a company's, however its digits look.
    CHECK(RedactText("found=91120J05200043590") == "found=91120J05200043590");
    CHECK(RedactText("代码91120116MA05JX0F2K，") == "代码91120116MA05JX0F2K，");
  }

  SUBCASE("phone numbers") {
    CHECK(RedactText("16712341672") == "167****1672");
    CHECK(RedactText("联系电话：16712341672（手机）") == "联系电话：167****1672（手机）");
    CHECK(RedactText("电话167 1234 1672") == "电话167 **** 1672");
    CHECK(RedactText("022-87040659") == "022-****0659");
    CHECK(RedactText("电话（022）87040659转") == "电话（022）****0659转");
    CHECK(RedactText("02287040659") == "022****0659");
    CHECK(RedactText("0315-1234567") == "0315-***4567");
    CHECK(RedactText("+86 16712341672") == "+86 167****1672");
    CHECK(RedactText("022-87040659 16712341672") == "022-****0659 167****1672");
  }

  SUBCASE("company codes, dates, amounts and numbers are left alone") {
    for (const char* text :
         {"91120110MA6C6JGN3R", "统一社会信用代码91120104834075084A", "911201174267850875",
          // All digits, with a date-like middle: its USCC check holds and its ID check fails.
          "911201199001012344", "2024-03-15", "2024年3月15日", "600.00", "津市监罚〔2024〕128号",
          "6222021234567890123", "6222 0212 3456 7890 123", "12345678", "0.82", ""}) {
      CAPTURE(text);
      CHECK(RedactText(text) == text);
    }
  }

  SUBCASE("masking is idempotent") {
    const std::string once = RedactText("120111198006252381 16712341672 022-87040659");
    CHECK(RedactText(once) == once);
  }
}

TEST_CASE("report: --redact masks every output string") {
  RenderOptions redact;
  redact.redact = true;
  Report report = SampleReport();
  report.submissions[0].documents[0].fields[1].text = "87040659";  // a landline without area code

  const std::string json_text = RenderJson(report, redact);
  const std::string text = RenderText(report, redact);
  for (const std::string* out : {&json_text, &text}) {
    CHECK(!Contains(*out, "12011119800625238X"));
    CHECK(!Contains(*out, "120116196402066696"));
    CHECK(!Contains(*out, "16712341672"));
    CHECK(!Contains(*out, "87040659"));
    CHECK(Contains(*out, "91120110MA6C6JGN3R"));  // a company code is not personal
  }

  const auto json = nlohmann::json::parse(json_text);
  const auto& fields = json["submissions"][0]["documents"][0]["fields"];
  CHECK(fields["legal_rep_id"]["value"] == "120111********238X");
  CHECK(fields["phone"]["value"] == "167****1672");
  CHECK(fields["phone"]["text"] == "****0659");
  const auto& defect = json["submissions"][0]["defects"][1];
  CHECK(defect["message"] ==
        "法定代表人身份证号码120111********238X与身份证不一致，联系电话167****1672");
  CHECK(defect["evidence"]["found"] == "120111********238X");
  CHECK(defect["evidence"]["phone"] == "022-****0659");
  CHECK(defect["related"][0]["value"] == "120116********6696");
  // Without the option nothing is masked.
  CHECK(Contains(RenderJson(report), "12011119800625238X"));
}

TEST_CASE("report: text summary") {
  const std::string text = RenderText(SampleReport());
  CAPTURE(text);
  CHECK(text.rfind("sub-0007  fail  (2 errors, 1 warning)  domain admin_penalty\n", 0) == 0);
  CHECK(Contains(text, "    repair_application_form  申请表.pdf  p.1  0.97\n"));
  CHECK(Contains(text, "    penalty_decision         决定书.pdf  p.1-2  0.95\n"));
  CHECK(Contains(text,
                 "  ERROR PENALTY_DATE_MISMATCH  repair_application_form  申请表.pdf p.1  "
                 "penalty_date\n"
                 "    处罚日期与行政处罚决定书落款日期不一致\n"
                 "    → 请按行政处罚决定书落款日期（2024年3月12日）填写\n"));
  CHECK(Contains(text, "  WARNING IMAGE_QUALITY  penalty_decision  决定书.pdf p.2\n"));
  CHECK(Contains(text, "related: penalty_decision 决定书.pdf p.2 penalty_date=2024-03-12"));
  CHECK(Contains(text, "sub-0008  fail  (1 error, 0 warnings)  domain unknown\n"));
  CHECK(Contains(text, "  ERROR DOC_MISSING\n    无法确定修复领域\n"));
  CHECK(Contains(text, "sub-0009  pass  (0 errors, 0 warnings)  domain serious_list\n"));
  const std::string total = "\n\n3 submissions: 1 pass, 2 fail, 0 error\n";
  REQUIRE(text.size() > total.size());
  CHECK(text.substr(text.size() - total.size()) == total);
  CHECK(!Contains(text, "\x1b["));  // no colours
}

TEST_CASE("report: xlsx workbook") {
  ScratchDir dir;
  const fs::path path = dir.path() / "报告.xlsx";
  RenderOptions redact;
  redact.redact = true;
  const Status status = WriteXlsx(SampleReport(), path.string(), redact);
  REQUIRE_MESSAGE(status.ok(), status.ToString());
  CHECK(dir.Entries() == std::vector<std::string>{"报告.xlsx"});  // no temporary file left
  CHECK((fs::status(path).permissions() & fs::perms::owner_read) != fs::perms::none);

  // The zip's directory names the three sheets and the shared strings.
  const std::string bytes = ReadFile(path);
  REQUIRE(bytes.size() > 4);
  CHECK(bytes.compare(0, 4, "PK\x03\x04") == 0);
  for (const char* member : {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                             "xl/worksheets/sheet3.xml", "xl/sharedStrings.xml"}) {
    CAPTURE(member);
    CHECK(Contains(bytes, member));
  }

  if (!HaveUnzip()) {
    MESSAGE("unzip not installed: the workbook's contents are not checked");
    return;
  }
  std::string workbook, defects, summary, strings;
  REQUIRE(Unzip(path, "xl/workbook.xml", &workbook));
  REQUIRE(Unzip(path, "xl/worksheets/sheet1.xml", &summary));
  REQUIRE(Unzip(path, "xl/worksheets/sheet2.xml", &defects));
  REQUIRE(Unzip(path, "xl/sharedStrings.xml", &strings));

  CHECK(Contains(workbook, "name=\"汇总\""));
  CHECK(Contains(workbook, "name=\"缺陷\""));
  CHECK(Contains(workbook, "name=\"材料\""));

  // Four defects under a header: rows 1..5, filtered over A1:J5, header frozen.
  CHECK(Contains(defects, "<autoFilter ref=\"A1:J5\""));
  CHECK(Contains(defects, "ySplit=\"1\""));
  CHECK(Contains(defects, "state=\"frozen\""));
  CHECK(Contains(defects, "<row r=\"5\""));
  CHECK(!Contains(defects, "<row r=\"6\""));
  CHECK(Contains(summary, "<autoFilter ref=\"A1:H4\""));
  CHECK(Contains(summary, "<cols>"));

  for (const char* text : {"编号", "严重程度", "修改建议", "证据", "PENALTY_DATE_MISMATCH",
                           "IMAGE_QUALITY", "处罚日期与行政处罚决定书落款日期不一致", "错误",
                           "警告", "不通过", "通过", "未确定", "120111********238X"}) {
    CAPTURE(text);
    CHECK(Contains(strings, text));
  }
  CHECK(!Contains(strings, "12011119800625238X"));
  CHECK(!Contains(strings, "16712341672"));
}

TEST_CASE("report: the workbook names materials, domains and fields in Chinese") {
  ScratchDir dir;
  const fs::path path = dir.path() / "r.xlsx";
  RenderOptions options;
  options.names = {{"repair_application_form", "信用信息修复申请表"},
                   {"repair_application_form.penalty_date", "处罚日期"},
                   {"admin_penalty", "行政处罚信息信用修复"}};
  REQUIRE(WriteXlsx(SampleReport(), path.string(), options).ok());
  if (!HaveUnzip()) return;
  std::string strings;
  REQUIRE(Unzip(path, "xl/sharedStrings.xml", &strings));
  for (const char* text : {"信用信息修复申请表", "处罚日期", "审核日"}) {
    CAPTURE(text);
    CHECK(Contains(strings, text));
  }
  CHECK(!Contains(strings, ">repair_application_form<"));
  CHECK(!Contains(strings, ">penalty_date<"));
}

TEST_CASE("report: atomic writes") {
  ScratchDir dir;

  SUBCASE("into a missing folder: a Status naming the path, nothing created") {
    const fs::path target = dir.path() / "missing" / "report.json";
    const Status status = WriteFileAtomically(target.string(), "{}\n");
    CHECK(!status.ok());
    CHECK(status.code() == StatusCode::kIOError);
    CHECK(Contains(status.message(), target.string()));
    CHECK(Contains(status.message(), "No such file or directory"));
    CHECK(!fs::exists(dir.path() / "missing"));
    CHECK(dir.Entries().empty());

    const Status xlsx = WriteXlsx(SampleReport(), (dir.path() / "missing" / "r.xlsx").string());
    CHECK(!xlsx.ok());
    CHECK(Contains(xlsx.message(), "r.xlsx"));
    CHECK(dir.Entries().empty());
  }

  SUBCASE("replaces an existing file whole and leaves no temporary file") {
    const fs::path target = dir.path() / "report.json";
    REQUIRE(WriteFileAtomically(target.string(), "old").ok());
    REQUIRE(WriteFileAtomically(target.string(), RenderJson(SampleReport())).ok());
    CHECK(ReadFile(target) == RenderJson(SampleReport()));
    CHECK(dir.Entries() == std::vector<std::string>{"report.json"});
  }

  SUBCASE("onto a folder: fails and removes its temporary file") {
    fs::create_directory(dir.path() / "taken");
    const Status status = WriteFileAtomically((dir.path() / "taken").string(), "x");
    CHECK(!status.ok());
    CHECK(dir.Entries() == std::vector<std::string>{"taken"});
  }

  SUBCASE("under a path whose folder is a file") {
    const fs::path file = dir.path() / "plain";
    REQUIRE(WriteFileAtomically(file.string(), "x").ok());
    const Status status = WriteXlsx(SampleReport(), (file / "r.xlsx").string());
    CHECK(!status.ok());
    CHECK(status.code() == StatusCode::kIOError);
    CHECK(Contains(status.message(), "Not a directory"));
    CHECK(dir.Entries() == std::vector<std::string>{"plain"});
  }

  SUBCASE("into a read-only folder") {
    if (geteuid() == 0) {
      MESSAGE("running as root: permissions do not stop writes");
      return;
    }
    const fs::path locked = dir.path() / "locked";
    fs::create_directory(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    const Status status = WriteXlsx(SampleReport(), (locked / "r.xlsx").string());
    CHECK(!status.ok());
    CHECK(status.code() == StatusCode::kIOError);
    CHECK(Contains(status.message(), "Permission denied"));
    fs::permissions(locked, fs::perms::owner_all);
    CHECK(fs::is_empty(locked));
  }

  SUBCASE("an empty path is refused") {
    CHECK(WriteFileAtomically("", "x").code() == StatusCode::kInvalidArgument);
    CHECK(WriteXlsx(Report(), "").code() == StatusCode::kInvalidArgument);
  }
}

TEST_CASE("report: --redact masks a misread ID number quoted in a message") {
  precheck::Report report;
  precheck::SubmissionReport s;
  s.id = "sub";
  s.verdict = "fail";
  precheck::Defect d;
  d.code = "FIELD_INVALID";
  d.field = "agent_id";
  d.message = "授权委托书的“身份证号码”填写有误：11010519491231002Y（含有无效字符）";
  d.evidence.emplace_back("found", "11010519491231002Y");
  s.defects.push_back(d);
  report.submissions.push_back(s);
  precheck::RenderOptions options;
  options.redact = true;
  for (const std::string& out :
       {precheck::RenderJson(report, options), precheck::RenderText(report, options)}) {
    CHECK(out.find("11010519491231002Y") == std::string::npos);
    CHECK(out.find("110105") != std::string::npos);
  }
}

TEST_CASE("report: HTML page with the defects marked on the page pictures") {
  Report report = SampleReport();
  SubmissionReport& sub = report.submissions[0];
  sub.id = "sub-0007 <b>&";
  sub.page_images.push_back({"申请表.pdf", 1, "/tmp/out/report_pages/page-a-1.jpg", 2480, 3508});
  sub.page_images.push_back({"决定书.pdf", 2, "/tmp/out/report_pages/page-b-2.jpg", 2480, 3508});
  const std::string html = RenderHtml(report, "/tmp/out/report.html");

  // Text is escaped; every submission and defect is there, numbered in order.
  CHECK(Contains(html, "sub-0007 &lt;b&gt;&amp;"));
  CHECK_FALSE(Contains(html, "sub-0007 <b>"));
  CHECK(Contains(html, "sub-0008"));
  CHECK(Contains(html, "sub-0009"));
  CHECK(Contains(html, "<td>1</td><td class=\"sev\">错误</td><td>PENALTY_DATE_MISMATCH</td>"));
  CHECK(Contains(html, "请按行政处罚决定书落款日期（2024年3月12日）填写"));
  // Pictures are linked relative to the page, the page's size as the drawing's frame.
  CHECK(Contains(html, "<image href=\"report_pages/page-a-1.jpg\""));
  CHECK(Contains(html, "viewBox=\"0 0 2480 3508\""));
  // The defect with a box is outlined on its page and numbered; the seal and the signature
  // block are drawn; the defect without a box is named under its page.
  CHECK(Contains(html,
                 "<rect class=\"defect error\" x=\"820\" y=\"1630\" width=\"600\" "
                 "height=\"90\">"));
  CHECK(Contains(html, "<ellipse class=\"seal\" cx=\"1760\" cy=\"2960\" rx=\"260\""));
  CHECK(Contains(html, "<rect class=\"sig\" x=\"1780\" y=\"2900\""));
  CHECK(Contains(html, "本页问题（未标出位置）：#2"));
  CHECK(Contains(html, "本页问题（未标出位置）：#3"));

  CHECK(Contains(html, "签字栏（法定代表人）"));

  RenderOptions redact;
  redact.redact = true;
  const std::string masked = RenderHtml(report, "/tmp/out/report.html", redact);
  CHECK_FALSE(Contains(masked, "12011119800625238X"));
  CHECK_FALSE(Contains(masked, "16712341672"));

  // A page whose picture could not be written: no page is written at all.
  const fs::path dir = fs::temp_directory_path() / "precheck_html_test";
  fs::create_directories(dir);
  const std::string path = (dir / "r.html").string();
  fs::remove(path);
  sub.page_images.push_back({"决定书.pdf", 1, "", 2480, 3508, "p.jpg: No space left on device"});
  Status s = WriteHtml(report, path, {});
  CHECK_FALSE(s.ok());
  CHECK(Contains(s.message(), "No space left on device"));
  CHECK_FALSE(fs::exists(path));
  CHECK(Contains(RenderHtml(report, path), "本页图片未能生成"));
  fs::remove_all(dir);
}

}  // namespace precheck

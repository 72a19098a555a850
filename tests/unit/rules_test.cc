// Specification of the fact-rule engine: the rule cases of tests/rules/fact_cases.yaml run
// through CheckSubmission with the project's own catalog, the cross-document tolerance on
// pairs that must and must not match, and `precheck lint` positions for broken rule files.

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "precheck/catalog.h"
#include "rules/checker.h"
#include "rules/cross_document.h"
#include "util/text.h"

namespace fs = std::filesystem;
using namespace precheck;

namespace {

const Catalog& ProjectCatalog() {
  static const Catalog catalog = [] {
    Result<Catalog> loaded = Catalog::Load(PRECHECK_TEST_SOURCE_DIR);
    REQUIRE_MESSAGE(loaded.ok(), loaded.status().message());
    return std::move(loaded).value();
  }();
  return catalog;
}

FieldReading Reading(const std::string& key, const YAML::Node& node) {
  FieldReading r;
  r.key = key;
  r.found = true;
  r.page = 1;
  r.confidence = 0.95;
  if (node.IsMap()) {
    r.text = node["text"].as<std::string>();
    if (node["confidence"]) r.confidence = node["confidence"].as<double>();
    r.weakest = node["weakest"] ? node["weakest"].as<double>() : r.confidence;
    if (node["readings"]) r.readings = node["readings"].as<std::vector<std::string>>();
  } else {
    r.text = node.as<std::string>();
    r.weakest = r.confidence;
  }
  return r;
}

std::string Place(const std::string& code, const std::string& document, const std::string& field) {
  return code + " " + document + "." + field;
}

void RunCase(const YAML::Node& c) {
  const Catalog& catalog = ProjectCatalog();
  std::vector<DocumentReport> documents;
  for (const YAML::Node& d : c["documents"]) {
    DocumentReport doc;
    doc.type = d["type"].as<std::string>();
    doc.file = d["file"] ? d["file"].as<std::string>() : doc.type + ".pdf";
    doc.pages = {1};
    for (const auto& kv : d["fields"]) {
      doc.fields.push_back(Reading(kv.first.as<std::string>(), kv.second));
    }
    documents.push_back(std::move(doc));
  }
  std::vector<rules::UnreadableFile> unreadable;
  rules::CheckInput input;
  input.catalog = &catalog;
  input.domain = c["domain"].IsNull() ? nullptr : catalog.Domain(c["domain"].as<std::string>());
  input.as_of = c["as_of"].as<std::string>();
  input.severity = c["severity"] ? c["severity"].as<std::string>() : "";
  input.documents = &documents;
  input.unreadable = &unreadable;
  std::vector<Defect> defects = rules::CheckSubmission(input);

  std::vector<std::string> got;
  for (const Defect& d : defects) {
    // Materials, seals and signatures are other checks' business: the cases hold none.
    bool other = d.code.rfind("DOC_", 0) == 0 || d.code.rfind("SEAL_", 0) == 0 ||
                 d.code.rfind("SIGNATURE_", 0) == 0 ||
                 (d.code == "REVIEW_NEEDED" && d.message.find("印章") != std::string::npos);
    if (!other) got.push_back(Place(d.code, d.document, d.field));
  }
  std::vector<std::string> want;
  for (const YAML::Node& e : c["expect"]) {
    std::string place = Place(e["code"].as<std::string>(), e["document"].as<std::string>(),
                              e["field"].as<std::string>());
    want.push_back(place);
    if (!e["says"]) continue;
    std::string says = e["says"].as<std::string>();
    bool said = std::any_of(defects.begin(), defects.end(), [&](const Defect& d) {
      return Place(d.code, d.document, d.field) == place &&
             (d.message.find(says) != std::string::npos ||
              d.suggestion.find(says) != std::string::npos);
    });
    CHECK_MESSAGE(said, place << " should say " << says);
  }
  auto joined = [](std::vector<std::string> places) {
    std::sort(places.begin(), places.end());
    std::string out;
    for (const std::string& p : places) out += p + "; ";
    return out;
  };
  CHECK(joined(got) == joined(want));
}

}  // namespace

TEST_CASE("rules: the fact cases") {
  YAML::Node root =
      YAML::LoadFile((fs::path(PRECHECK_TEST_SOURCE_DIR) / "tests/rules/fact_cases.yaml").string());
  REQUIRE(root["cases"].size() > 0);
  for (const YAML::Node& c : root["cases"]) {
    std::string name = c["name"].as<std::string>();
    SUBCASE(name.c_str()) { RunCase(c); }
  }
}

TEST_CASE("rules: cross-document tolerance") {
  const CrossDocumentPolicy& policy = ProjectCatalog().policy().cross_document;
  using rules::CompareFact;
  using rules::FactMatch;
  using values::ValueType;

  SUBCASE("pairs that must match") {
    CHECK(CompareFact(ValueType::kUscc, "91350100M000100Y43", "91350100MO00100Y43", policy) ==
          FactMatch::kOcrNoise);
    CHECK(CompareFact(ValueType::kUscc, "91350100M000100Y43",
                      "９１３５０１００Ｍ０００１００Ｙ４３", policy) == FactMatch::kSame);
    CHECK(CompareFact(ValueType::kId18, "11010519491231002X", "110105194912310O2x", policy) ==
          FactMatch::kOcrNoise);
    CHECK(CompareFact(ValueType::kCompany, "天津某某（集团）有限公司", "天津某某(集团)有限公司",
                      policy) == FactMatch::kSame);
    CHECK(CompareFact(ValueType::kCompany, "ＡＢＣ科技（天津）有限公司", "ABC科技(天津)有限公司",
                      policy) == FactMatch::kSame);
    CHECK(CompareFact(ValueType::kCompany, "天津某某 有限公司", "天津某某有限公司", policy) ==
          FactMatch::kSame);
    CHECK(CompareFact(ValueType::kPerson, "张 三", "张三", policy) == FactMatch::kSame);
    CHECK(CompareFact(ValueType::kDocNo, "苏市监罚〔2024〕18号", "苏市监罚[2024]第018号", policy) ==
          FactMatch::kSame);
  }
  SUBCASE("pairs that must not match") {
    CHECK(CompareFact(ValueType::kCompany, "天津鑫源贸易有限公司", "天津金源贸易有限公司",
                      policy) == FactMatch::kDifferent);
    CHECK(CompareFact(ValueType::kCompany, "天津鑫源贸易有限公司", "天津鑫源贸易有限公司分公司",
                      policy) == FactMatch::kDifferent);
    CHECK(CompareFact(ValueType::kCompany, "天津鑫源贸易有限公司", "天津鑫源贸易有限责任公司",
                      policy) == FactMatch::kDifferent);
    CHECK(CompareFact(ValueType::kPerson, "张三", "张山", policy) == FactMatch::kDifferent);
    CHECK(CompareFact(ValueType::kUscc, "91350100M000100Y43", "91350100M000200Y43", policy) ==
          FactMatch::kDifferent);
    // Three confusions are more than OCR noise.
    CHECK(CompareFact(ValueType::kUscc, "91350100M000100Y43", "9135O1OOM000100Y43", policy) ==
          FactMatch::kDifferent);
    CHECK(CompareFact(ValueType::kDocNo, "苏市监罚〔2024〕18号", "苏市监罚〔2024〕19号", policy) ==
          FactMatch::kDifferent);
  }
}

TEST_CASE("rules: differences that OCR could have made need certain readings") {
  using rules::MaybeMisread;
  using values::ValueType;
  CHECK(MaybeMisread(ValueType::kCompany, "天津鑫源贸易有限公司", "天津金源贸易有限公司"));
  CHECK(MaybeMisread(ValueType::kCompany, "天津鑫源贸易有限公司", "天津鑫源贸易有限责任公司"));
  CHECK(MaybeMisread(ValueType::kPerson, "熊勇平", "能勇平"));
  CHECK(MaybeMisread(ValueType::kDocNo, "津蓟州市监罚〔2023〕277号", "津萄州市监昼〔2023〕277号"));
  CHECK(MaybeMisread(ValueType::kDocNo, "津河东市监严列〔2024〕3号",
                     "津河东市监严市监严列〔2024〕3号"));
  CHECK_FALSE(MaybeMisread(ValueType::kDocNo, "苏市监罚〔2024〕18号", "苏市监罚〔2024〕19号"));
  CHECK_FALSE(MaybeMisread(ValueType::kDocNo, "苏市监罚〔2024〕18号", "苏市监罚〔2023〕18号"));
  CHECK_FALSE(MaybeMisread(ValueType::kUscc, "91350100M000100Y43", "91120110MA6C6JGN3R"));
  CHECK_FALSE(MaybeMisread(ValueType::kDate, "2024-03-12", "2024-03-15"));
}

TEST_CASE("rules: a misread name takes its reading at another scale that the others share") {
  const Catalog& catalog = ProjectCatalog();
  auto doc = [](const std::string& type, const std::string& name, double confidence,
                std::vector<std::string> readings = {}) {
    DocumentReport d;
    d.type = type;
    d.file = type + ".jpg";
    FieldReading r;
    r.key = "company_name";
    r.text = r.value = name;
    r.confidence = r.weakest = confidence;
    r.readings = std::move(readings);
    d.fields.push_back(r);
    return d;
  };
  const std::string right = "天津海晟汽车服务股份有限公司";
  const std::string misread = "天津海晨汽车服务股份有限公司";

  SUBCASE("two materials agree: the reading that matches them is taken") {
    std::vector<DocumentReport> docs = {
        doc("credit_commitment_letter", misread, 0.7, {"天建海她汽车服务股份有限公局", right}),
        doc("business_license", right, 0.7), doc("power_of_attorney", right, 0.7)};
    rules::ReconcileNames(catalog, docs);
    CHECK(docs[0].Field("company_name")->value == right);
  }
  SUBCASE("one unsure material is not enough; one reliable one is") {
    std::vector<DocumentReport> docs = {doc("credit_commitment_letter", misread, 0.7, {right}),
                                        doc("business_license", right, 0.7)};
    rules::ReconcileNames(catalog, docs);
    CHECK(docs[0].Field("company_name")->value == misread);
    docs[1].fields[0].confidence = docs[1].fields[0].weakest = 0.97;
    rules::ReconcileNames(catalog, docs);
    CHECK(docs[0].Field("company_name")->value == right);
  }
  SUBCASE("a name that reads the same at every scale stays different") {
    const std::string other = "天津海晟汽车服务股份有限责任公司";
    std::vector<DocumentReport> docs = {doc("credit_commitment_letter", other, 0.7, {other}),
                                        doc("business_license", right, 0.97),
                                        doc("power_of_attorney", right, 0.97)};
    rules::ReconcileNames(catalog, docs);
    CHECK(docs[0].Field("company_name")->value == other);
  }
  SUBCASE("a name misread alike on most materials is outvoted by their other readings") {
    std::vector<DocumentReport> docs = {doc("credit_commitment_letter", misread, 0.7, {right}),
                                        doc("penalty_decision", misread, 0.7, {right, misread}),
                                        doc("business_license", misread, 0.7),
                                        doc("power_of_attorney", right, 0.97),
                                        doc("legal_rep_certificate", right, 0.97)};
    rules::ReconcileNames(catalog, docs);
    CHECK(docs[0].Field("company_name")->value == right);
    CHECK(docs[1].Field("company_name")->value == right);
    // Its readings hold nothing else: it stays, for the cross-document check to report.
    CHECK(docs[2].Field("company_name")->value == misread);
  }
  SUBCASE("a character whose glyph looks as much like the others' is a misreading") {
    // One glyph per character of the name (FieldReading::alike): 晨's looks like 晟 too.
    auto alike = [](const std::string& name, size_t at, const std::string& also) {
      std::vector<std::string> out;
      for (char32_t c : text::ToU32(name)) out.push_back(text::ToUtf8(std::u32string(1, c)));
      out[at] += also;
      return out;
    };
    std::vector<DocumentReport> docs = {doc("credit_commitment_letter", misread, 0.7),
                                        doc("business_license", right, 0.7),
                                        doc("power_of_attorney", right, 0.7)};
    docs[0].fields[0].alike = alike(misread, 3, "晟");
    rules::ReconcileNames(catalog, docs);
    CHECK(docs[0].Field("company_name")->value == right);
    CHECK(docs[0].Field("company_name")->text == right);

    SUBCASE("not when the glyph looks only like the character read") {
      docs[0].fields[0] = doc("credit_commitment_letter", misread, 0.7).fields[0];
      docs[0].fields[0].alike = alike(misread, 3, "");
      rules::ReconcileNames(catalog, docs);
      CHECK(docs[0].Field("company_name")->value == misread);
    }
    SUBCASE("not for more than two characters") {
      const std::string far = "天建海晨汽车服务股份有限公局";
      docs[0].fields[0] = doc("credit_commitment_letter", far, 0.7).fields[0];
      docs[0].fields[0].alike = alike(far, 3, "晟");
      docs[0].fields[0].alike[1] += "津";
      docs[0].fields[0].alike[13] += "司";
      rules::ReconcileNames(catalog, docs);
      CHECK(docs[0].Field("company_name")->value == far);
    }
    SUBCASE("a misreading on most materials is outvoted where their glyphs look right") {
      std::vector<DocumentReport> many = {
          doc("credit_commitment_letter", misread, 0.7), doc("penalty_decision", misread, 0.7),
          doc("business_license", misread, 0.7), doc("power_of_attorney", right, 0.7),
          doc("legal_rep_certificate", right, 0.7)};
      for (int i = 0; i < 3; ++i) many[i].fields[0].alike = alike(misread, 3, "晟");
      rules::ReconcileNames(catalog, many);
      for (const DocumentReport& d : many) CHECK(d.Field("company_name")->value == right);
    }
    SUBCASE("two materials whose glyphs look like the one material that read it") {
      const std::string other = "天津海是汽车服务股份有限公司";
      std::vector<DocumentReport> three = {doc("credit_commitment_letter", misread, 0.7),
                                           doc("penalty_decision", other, 0.7),
                                           doc("business_license", right, 0.7)};
      three[0].fields[0].alike = alike(misread, 3, "晟");
      three[1].fields[0].alike = alike(other, 3, "晟");
      rules::ReconcileNames(catalog, three);
      CHECK(three[0].Field("company_name")->value == right);
      CHECK(three[1].Field("company_name")->value == right);
    }
    SUBCASE("glyphs that look like both settle nothing") {
      std::vector<DocumentReport> both = {doc("credit_commitment_letter", misread, 0.7),
                                          doc("business_license", right, 0.7)};
      both[0].fields[0].alike = alike(misread, 3, "晟");
      both[1].fields[0].alike = alike(right, 3, "晨");
      rules::ReconcileNames(catalog, both);
      CHECK(both[0].Field("company_name")->value == misread);
      CHECK(both[1].Field("company_name")->value == right);
    }
    SUBCASE("not without another material to read it so") {
      std::vector<DocumentReport> two = {doc("credit_commitment_letter", misread, 0.7),
                                         doc("business_license", right, 0.7)};
      two[0].fields[0].alike = alike(misread, 3, "晟");
      rules::ReconcileNames(catalog, two);
      CHECK(two[0].Field("company_name")->value == misread);
    }
  }
  SUBCASE("a tie settles nothing") {
    std::vector<DocumentReport> docs = {
        doc("credit_commitment_letter", misread, 0.97), doc("penalty_decision", misread, 0.97),
        doc("power_of_attorney", right, 0.97, {right}), doc("legal_rep_certificate", right, 0.97)};
    rules::ReconcileNames(catalog, docs);
    CHECK(docs[0].Field("company_name")->value == misread);
    CHECK(docs[2].Field("company_name")->value == right);
  }
}

namespace {

// A copy of the project's templates and rule files in a fresh folder, with `file` (a file of
// rules/) written as `text`, linted: each finding as "file:line:col message".
std::vector<std::string> LintWith(const std::string& folder, const std::string& file,
                                  const std::string& text) {
  fs::path dir = fs::temp_directory_path() / folder;
  fs::remove_all(dir);
  fs::create_directories(dir / "rules");
  fs::copy(fs::path(PRECHECK_TEST_SOURCE_DIR) / "templates", dir / "templates");
  for (const fs::directory_entry& e :
       fs::directory_iterator(fs::path(PRECHECK_TEST_SOURCE_DIR) / "rules")) {
    if (e.path().filename() == file) continue;
    fs::copy_file(e.path(), dir / "rules" / e.path().filename());
  }
  // A path with a folder (templates/x.yaml) replaces that file; a bare name a rule file.
  std::ofstream(file.find('/') == std::string::npos ? dir / "rules" / file : dir / file) << text;
  std::vector<std::string> lines;
  for (const Diagnostic& d : Catalog::Lint(dir.string())) {
    lines.push_back(fs::path(d.file).filename().string() + ":" + std::to_string(d.line) + ":" +
                    std::to_string(d.column) + " " + d.message);
  }
  fs::remove_all(dir);
  return lines;
}

// The first lines of a premises proof template, up to its fields (line 4).
const std::string kPremisesHead =
    "id: premises_proof\n"
    "name: 住所（经营场所）使用证明\n"
    "titles: [住所（经营场所）使用证明]\n"
    "fields:\n";

// The findings one to a line, for a failed check's message.
std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// Whether a finding starts with `start` (its place) and says `text`.
bool Has(const std::vector<std::string>& lines, const std::string& start, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
    return l.rfind(start, 0) == 0 && l.find(text) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("rules: lint reports each rule-file mistake at its place") {
  std::vector<std::string> lines = LintWith("precheck_rules_lint_test", "facts.yaml",
                                            "rules:\n"
                                            "  - id: a\n"
                                            "    kind: date_ordr\n"
                                            "    field: penalty_decision.penalty_date\n"
                                            "  - id: b\n"
                                            "    kind: expiry\n"
                                            "    field: penalty_decision.penalty_dat\n"
                                            "  - id: c\n"
                                            "    kind: expiry\n"
                                            "    field: legal_rep_id_card.legal_rep_id\n"
                                            "  - id: d\n"
                                            "    kind: publicity\n"
                                            "    field: penalty_decision.penalty_date\n"
                                            "    period: genral\n"
                                            "    domain: [admin_penalty]\n");
  INFO(Joined(lines));
  CHECK(Has(lines, "facts.yaml:3:11", "did you mean 'date_order'"));
  CHECK(Has(lines, "facts.yaml:7:12", "did you mean 'penalty_date'"));
  CHECK(Has(lines, "facts.yaml:10:12", "this rule needs daterange"));
  CHECK(Has(lines, "facts.yaml:14:13", "did you mean 'general'"));
  CHECK(Has(lines, "facts.yaml:15:5", "did you mean 'domains'"));
}

TEST_CASE("rules: lint checks the policy's seal names") {
  std::vector<std::string> lines = LintWith("precheck_seal_names_lint_test", "policy.yaml",
                                            "policy:\n"
                                            "  seal_names:\n"
                                            "    registy:\n"
                                            "      - 天津市南开区行政审批局\n"
                                            "    registry:\n"
                                            "      - 天津市南开区行政审批局\n"
                                            "      - 天津市南开区行政审批局\n"
                                            "    bank: 天津银行\n");
  INFO(Joined(lines));
  CHECK(Has(lines, "policy.yaml:3:5", "did you mean 'registry'"));
  CHECK(Has(lines, "policy.yaml:7:9", "listed twice"));
  CHECK(Has(lines, "policy.yaml:8:11", "must be a list"));
}

TEST_CASE("rules: lint places an unclosed bracket where it opens, in characters") {
  std::vector<std::string> lines =
      LintWith("precheck_bracket_lint_test", "facts.yaml",
               "rules:\n"
               "  - {id: a, kind: date_order, field: penalty_decision.penalty_date,\n"
               "    reference: repair_application_form.penalty_date\n"
               "  - id: b\n"
               "    kind: expiry\n");
  INFO(Joined(lines));
  CHECK(Has(lines, "facts.yaml:2:5", "'{' is not closed"));
  SUBCASE("a column after Chinese text counts characters, not bytes") {
    lines = LintWith("precheck_bracket_lint_test", "facts.yaml",
                     "rules:\n"
                     "  - {id: 甲乙, kind: date_ordr, field: penalty_decision.penalty_date}\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "facts.yaml:2:20", "did you mean 'date_order'"));
  }
  SUBCASE("a broken template is reported once, not by each file naming its material") {
    lines = LintWith("precheck_bracket_lint_test", "templates/penalty_decision.yaml",
                     "id: penalty_decision\n"
                     "fields:\n"
                     "  - {key: a, label: 决定书文号, type: docno\n"
                     "  - {key: b, label: 当事人, type: company}\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "penalty_decision.yaml:3:5", "'{' is not closed"));
    for (const std::string& l : lines) {
      if (l.rfind("penalty_decision.yaml", 0) == 0) continue;
      CHECK(l.find("material") == std::string::npos);
      CHECK(l.find("penalty_decision") == std::string::npos);
    }
  }
}

TEST_CASE("rules: lint places an unclosed quote where it opens, and says it once") {
  SUBCASE("a quote left open in the defect texts") {
    std::vector<std::string> lines = LintWith("precheck_quote_lint_test", "messages.yaml",
                                              "defects:\n"
                                              "  DATE_ORDER:\n"
                                              "    code: DATE_ORDER\n"
                                              "    message: '日期顺序不对\n"
                                              "    suggestion: 请核对\n"
                                              "  FIELD_EMPTY:\n"
                                              "    code: FIELD_EMPTY\n"
                                              "    message: '{field}未填写'\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "messages.yaml:4:14", "quote ' opened here is not closed"));
    // The texts the rules name may be defined in the broken file: they are not reported.
    for (const std::string& l : lines) CHECK(l.rfind("messages.yaml", 0) == 0);
  }
  SUBCASE("a misspelt placeholder in a defect text") {
    std::string messages;
    std::ifstream in(fs::path(PRECHECK_TEST_SOURCE_DIR) / "rules" / "messages.yaml");
    for (std::string l; std::getline(in, l);) messages += l + "\n";
    size_t at = messages.find("message: 文件“{file}");
    REQUIRE(at != std::string::npos);
    messages.replace(messages.find("{file}", at), 6, "{flie}");
    std::vector<std::string> lines =
        LintWith("precheck_quote_lint_test", "messages.yaml", messages);
    INFO(Joined(lines));
    CHECK(Has(lines, "messages.yaml", "unknown placeholder '{flie}' (did you mean '{file}'?)"));
    CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
            return l.find("placeholder") != std::string::npos;
          }) == 1);
  }
  SUBCASE("a quote left open to the end of a template") {
    std::vector<std::string> lines =
        LintWith("precheck_quote_lint_test", "templates/rectification_report.yaml",
                 "id: rectification_report\n"
                 "name: \"整改报告\n"
                 "issuer: applicant\n"
                 "titles: [整改报告]\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "rectification_report.yaml:2:7", "closing quote missing"));
  }
  SUBCASE("a material id copied with its file: the first definition stands") {
    std::vector<std::string> lines =
        LintWith("precheck_quote_lint_test", "templates/rectification_report.yaml",
                 "# copied from penalty_decision.yaml\n"
                 "id: penalty_decision\n"
                 "name: 整改报告\n"
                 "titles: [整改报告]\n"
                 "fields:\n"
                 "  - {key: measures, label: 整改措施, type: text}\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "rectification_report.yaml:2:1", "already defined"));
    for (const std::string& l : lines) CHECK(l.find("has no field") == std::string::npos);
  }
  SUBCASE("lists written as maps, and entries joined by a full-width comma") {
    std::vector<std::string> lines =
        LintWith("precheck_quote_lint_test", "templates/rectification_report.yaml",
                 "id: rectification_report\n"
                 "name: 整改报告\n"
                 "titles: [整改报告，整改情况说明]\n"
                 "fields:\n"
                 "  key: measures\n"
                 "signatures:\n"
                 "  role: legal_rep\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "rectification_report.yaml:3:10", "one entry of titles"));
    CHECK(Has(lines, "rectification_report.yaml:5:3", "'fields' must be a list"));
    CHECK(Has(lines, "rectification_report.yaml:7:3", "'signatures' must be a list"));
  }
  SUBCASE("a [ left open inside a { } on one line") {
    std::vector<std::string> lines =
        LintWith("precheck_quote_lint_test", "facts.yaml",
                 "rules:\n"
                 "  - {id: 甲, kind: date_order, field: [penalty_decision.penalty_date, x: y}\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "facts.yaml:2:38", "'[' is not closed"));
  }
}

TEST_CASE("rules: a submission with no file in it says so, not which material is missing") {
  std::vector<DocumentReport> documents;
  std::vector<rules::UnreadableFile> unreadable;
  rules::CheckInput input;
  input.catalog = &ProjectCatalog();
  input.as_of = "2025-06-30";
  input.documents = &documents;
  input.unreadable = &unreadable;
  std::vector<Defect> defects = rules::CheckSubmission(input);
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].code == "DOC_MISSING");
  CHECK(defects[0].message.find("没有任何文件") != std::string::npos);
  SUBCASE("an unreadable file is no empty submission") {
    unreadable.push_back(rules::UnreadableFile{.file = "scan.pdf", .reason = "corrupt"});
    defects = rules::CheckSubmission(input);
    for (const Defect& d : defects) CHECK(d.message.find("没有任何文件") == std::string::npos);
  }
}

TEST_CASE("rules: an empty value beside a grey seal goes to a person, not to the applicant") {
  std::vector<DocumentReport> documents(1);
  DocumentReport& form = documents[0];
  form.type = "repair_application_form";
  form.file = "申请表.pdf";
  form.pages = {1};
  FieldReading date;
  date.key = "opinion_date";
  date.found = true;
  date.page = 1;
  date.bbox = Box{329, 1905, 261, 43};  // the label: the value was not read beside it
  form.fields.push_back(date);
  SealReading seal;
  seal.page = 1;
  seal.bbox = Box{637, 1641, 521, 521};  // over the label's row, to its right
  seal.shape = "round";
  seal.color = "grey";
  seal.owner = "authority";
  form.seals.push_back(seal);
  std::vector<rules::UnreadableFile> unreadable;
  rules::CheckInput input;
  input.catalog = &ProjectCatalog();
  input.as_of = "2025-06-30";
  input.documents = &documents;
  input.unreadable = &unreadable;
  auto code_of = [&](const std::string& field) {
    for (const Defect& d : rules::CheckSubmission(input)) {
      if (d.document == "repair_application_form" && d.field == field) return d.code;
    }
    return std::string();
  };
  CHECK(code_of("opinion_date") == "REVIEW_NEEDED");
  SUBCASE("a red seal is taken out before reading: the value is empty") {
    form.seals[0].color = "red";
    CHECK(code_of("opinion_date") == "FIELD_EMPTY");
  }
  SUBCASE("a grey seal elsewhere on the page does not hide it") {
    form.seals[0].bbox = Box{637, 2600, 521, 521};
    CHECK(code_of("opinion_date") == "FIELD_EMPTY");
  }
}

TEST_CASE("rules: lint names a tab in the indentation and a full-width colon after a key") {
  SUBCASE("a tab") {
    std::vector<std::string> lines =
        LintWith("precheck_slip_lint_test", "templates/penalty_decision.yaml",
                 "id: penalty_decision\n"
                 "name: 行政处罚决定书\n"
                 "titles: [行政处罚决定书]\n"
                 "fields:\n"
                 "  - {key: decision_no, label: 决定书文号, type: docno}\n"
                 "\t- {key: company_name, label: 当事人, type: company}\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "penalty_decision.yaml:6:1", "indented with a tab"));
  }
  SUBCASE("a full-width colon") {
    std::vector<std::string> lines =
        LintWith("precheck_slip_lint_test", "templates/penalty_decision.yaml",
                 "id: penalty_decision\n"
                 "name：行政处罚决定书\n"
                 "titles: [行政处罚决定书]\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "penalty_decision.yaml:2:1", "'name' is followed by a full-width colon"));
  }
  SUBCASE("a full-width colon before a flow map, which YAML reads as one long key") {
    std::vector<std::string> lines =
        LintWith("precheck_slip_lint_test", "templates/premises_proof.yaml",
                 kPremisesHead +
                     "  - {key: lessor, label: 产权人, type: text}\n"
                     "seal_names：{lessor: lessor}\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "premises_proof.yaml:6:1", "'seal_names' is followed by a full-width colon"));
  }
}

TEST_CASE("rules: lint names a full-width comma or colon in a flow where it is") {
  SUBCASE("a comma between two ids of a list") {
    std::vector<std::string> lines = LintWith("precheck_flow_slip_test", "rules/admin_penalty.yaml",
                                              "id: admin_penalty\n"
                                              "name: 行政处罚信息信用修复\n"
                                              "required: [business_license， legal_rep_id_card]\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "admin_penalty.yaml:3:28",
              "full-width comma (，) where YAML needs a half-width (ASCII) comma"));
    CHECK(Has(lines, "admin_penalty.yaml:3:28", "write 'business_license, legal_rep_id_card'"));
    for (const std::string& l : lines) CHECK(l.find("unknown material") == std::string::npos);
  }
  SUBCASE("a colon after a key and a comma before one, in a map") {
    std::vector<std::string> lines =
        LintWith("precheck_flow_slip_test", "templates/power_of_attorney.yaml",
                 "id: power_of_attorney\n"
                 "name: 授权委托书\n"
                 "titles: [信用信息修复业务办理授权委托书]\n"
                 "fields:\n"
                 "  - {key： company_name, label: 委托单位， type: company}\n"
                 "clauses: [现委托，代为办理]\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "power_of_attorney.yaml:5:9", "'key' is followed by a full-width colon (：)"));
    CHECK(Has(lines, "power_of_attorney.yaml:5:36", "write '委托单位, type'"));
    // Read as meant: no bracket taken for unclosed, no key taken for text. A comma between
    // two Chinese words may belong to a clause and is left alone.
    CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
            return l.rfind("power_of_attorney.yaml", 0) == 0;
          }) == 2);
  }
}

TEST_CASE("rules: lint reports a key given twice at the second, with the place of the first") {
  SUBCASE("a defect text") {
    std::string messages;
    int first = 0, line = 0;
    std::ifstream in(fs::path(PRECHECK_TEST_SOURCE_DIR) / "rules" / "messages.yaml");
    for (std::string l; std::getline(in, l);) {
      messages += l + "\n";
      if (++line && l == "  DOC_UNREADABLE:" && first == 0) first = line;
    }
    REQUIRE(first > 0);
    messages += "  DOC_UNREADABLE:\n    severity: error\n    message: 文件{file}无法读取\n";
    std::vector<std::string> lines =
        LintWith("precheck_twice_lint_test", "messages.yaml", messages);
    INFO(Joined(lines));
    CHECK(Has(lines, "messages.yaml:" + std::to_string(line + 1) + ":3",
              "key 'DOC_UNREADABLE' appears twice in the defect texts (first at " +
                  std::to_string(first) + ":3"));
  }
  SUBCASE("a defect text in a second messages file") {
    std::vector<std::string> lines =
        LintWith("precheck_twice_lint_test", "messages2.yaml",
                 "defects:\n"
                 "  DOC_UNREADABLE:\n    severity: error\n    message: 文件{file}无法读取\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "messages2.yaml:2:3", "defect text 'DOC_UNREADABLE' is already defined in"));
  }
  SUBCASE("a template's seal_names and a rule set's with") {
    std::vector<std::string> lines =
        LintWith("precheck_twice_lint_test", "templates/premises_proof.yaml",
                 kPremisesHead +
                     "  - {key: lessor, label: 产权人, type: text}\n"
                     "  - {key: sign_date, label: 日期, type: date}\n"
                     "seal_names: {lessor: lessor, lessor: sign_date}\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "premises_proof.yaml:7:30",
              "key 'lessor' appears twice in seal_names (first at 7:14"));
    lines = LintWith("precheck_twice_lint_test", "rules/admin_penalty.yaml",
                     "id: admin_penalty\n"
                     "name: 行政处罚信息信用修复\n"
                     "required: [business_license]\n"
                     "with:\n"
                     "  power_of_attorney: [agent_id_card]\n"
                     "  power_of_attorney: [legal_rep_id_card]\n");
    INFO(Joined(lines));
    CHECK(Has(lines, "admin_penalty.yaml:6:3",
              "key 'power_of_attorney' appears twice in with (first at 5:3"));
  }
}

TEST_CASE("rules: lint names a stand-in the template does not have") {
  std::vector<std::string> lines =
      LintWith("precheck_stand_in_lint_test", "templates/premises_proof.yaml",
               kPremisesHead +
                   "  - {key: sign_date, label: 日期, type: date}\n"
                   "seals:\n"
                   "  - {owner: lessor, near: sign_date, or_signature: legal_rep}\n"
                   "signatures:\n"
                   "  - {role: lessor, label: 产权人（签字或盖章）, or_seal: applicant}\n");
  INFO(Joined(lines));
  CHECK(Has(lines, "premises_proof.yaml:7:52", "'legal_rep' has no signature block"));
  CHECK(Has(lines, "premises_proof.yaml:9:48", "'applicant' has no seal"));
}

TEST_CASE("rules: lint suggests the nearest name in seals, signatures and seal_names") {
  std::vector<std::string> lines =
      LintWith("precheck_seals_lint_test", "templates/premises_proof.yaml",
               kPremisesHead +
                   "  - {key: lessor, label: 产权人, type: text}\n"
                   "  - {key: sign_date, label: 日期, type: date}\n"
                   "seals:\n"
                   "  - {owner: lessor, neer: sign_date}\n"
                   "  - {owner: lessor, near: sign_dat, or_signature: lesor}\n"
                   "  - lessor\n"
                   "signatures:\n"
                   "  - {role: lessor, label: 产权人（签字或盖章）, or_seal: lesor}\n"
                   "seal_names: {lessor: lesor}\n");
  INFO(Joined(lines));
  CHECK(Has(lines, "premises_proof.yaml:8:21",
            "unknown key 'neer' in a seal (did you mean 'near'?)"));
  CHECK(Has(lines, "premises_proof.yaml:9:27",
            "unknown field 'sign_dat' (did you mean 'sign_date'?)"));
  CHECK(Has(lines, "premises_proof.yaml:9:51",
            "unknown signer role 'lesor' (did you mean 'lessor'?)"));
  CHECK(Has(lines, "premises_proof.yaml:10:5", "a seal must be a map"));
  CHECK(Has(lines, "premises_proof.yaml:12:48",
            "unknown seal owner 'lesor' (did you mean 'lessor'?)"));
  CHECK(Has(lines, "premises_proof.yaml:13:22", "unknown field 'lesor' (did you mean 'lessor'?)"));
  // The template is still read: what names its material is checked against it (this one
  // lacks the field a fact rule compares).
  CHECK(Has(lines, "facts.yaml", "material 'premises_proof' has no field 'lease_term'"));
}

TEST_CASE("rules: lint checks the field and option a rule set is selected by") {
  std::string text;
  {
    std::ifstream in(fs::path(PRECHECK_TEST_SOURCE_DIR) / "rules" / "abnormal_list.yaml");
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string selected =
      "selected_by: {material: samr_repair_application, field: matter, option: 移出经营异常名录}";
  REQUIRE(text.find(selected) != std::string::npos);
  auto with = [&](const std::string& line) {
    std::string changed = text;
    changed.replace(changed.find(selected), selected.size(), line);
    return LintWith("precheck_selected_by_lint_test", "abnormal_list.yaml", changed);
  };
  std::vector<std::string> lines = with(
      "selected_by: {material: samr_repair_application, field: mater, option: 移出经营异常名录}");
  INFO(Joined(lines));
  CHECK(Has(lines, "abnormal_list.yaml:15:",
            "material 'samr_repair_application' has no field 'mater' (did you mean 'matter'?)"));
  lines =
      with("selected_by: {material: samr_repair_application, field: matter, option: 移出异常名录}");
  INFO(Joined(lines));
  CHECK(Has(lines, "abnormal_list.yaml:15:",
            "'移出异常名录' is not an option of samr_repair_application.matter"));
  CHECK(with(selected).empty());
}

TEST_CASE("rules: lint warns of file_names entries that cannot tell a file's material") {
  std::string text;
  std::ifstream in(fs::path(PRECHECK_TEST_SOURCE_DIR) / "templates" / "power_of_attorney.yaml");
  for (std::string l; std::getline(in, l);) {
    text +=
        (l.rfind("file_names:", 0) == 0 ? "file_names: [委托书, 123, \"\", 书, 授权书]" : l) + "\n";
  }
  std::vector<std::string> lines =
      LintWith("precheck_file_names_lint_test", "templates/power_of_attorney.yaml", text);
  INFO(Joined(lines));
  CHECK(Has(lines, "power_of_attorney.yaml:8:19", "'123' has no letter or Chinese character"));
  CHECK(Has(lines, "power_of_attorney.yaml:8:24", "an empty entry of file_names"));
  CHECK(Has(lines, "power_of_attorney.yaml:8:28", "'书' is a single character"));
  CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
          return l.find("file_names") != std::string::npos ||
                 l.find("character") != std::string::npos;
        }) == 3);
}

TEST_CASE("rules: lint reports a wrong folder once") {
  const fs::path dir = fs::temp_directory_path() / "precheck_folder_lint_test";
  fs::remove_all(dir);
  std::vector<Diagnostic> diagnostics = Catalog::Lint(dir.string());
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].ToString() == dir.string() + ": error: no such folder");
  SUBCASE("a folder without templates/ and rules/ (templates/ itself, say)") {
    fs::create_directories(dir);
    diagnostics = Catalog::Lint(dir.string());
    fs::remove_all(dir);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].message.find("holds neither templates/ nor rules/") == 0);
  }
}

TEST_CASE("rules: lint reports a domain id defined twice, at the second file's id") {
  std::vector<std::string> lines =
      LintWith("precheck_domain_twice_test", "rules/admin_penalty_copy.yaml",
               "id: admin_penalty\n"
               "name: 行政处罚信息信用修复（副本）\n"
               "required: [business_license]\n");
  INFO(Joined(lines));
  CHECK(Has(lines, "admin_penalty_copy.yaml:1:5", "domain id 'admin_penalty' is already defined"));
}

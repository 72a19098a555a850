// Dates printed over a seal are read whole.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "precheck/engine.h"

namespace fs = std::filesystem;

// A generated licence copy (no real person or company): its 发证日期 2017年12月21日 stands
// over the registry's grey seal, whose ring touches its first and last glyphs. Read as it
// stands, the line gives 017年12月2; read again wider and with only its darkest ink, whole.
TEST_CASE("engine: a licence's issue date under a grey seal is read whole") {
  fs::path source = fs::path(PRECHECK_TEST_SOURCE_DIR) / "tests" / "data" / "dates" /
                    "licence-date-under-grey-seal.jpg";
  REQUIRE(fs::exists(source));
  precheck::EngineOptions options;
  options.data_dir = PRECHECK_TEST_SOURCE_DIR;
  auto engine = precheck::Engine::Create(options);
  REQUIRE(engine.ok());
  precheck::CheckOptions check;
  check.as_of = "2025-06-30";
  auto report = (*engine)->Check(source.string(), check);
  REQUIRE(report.ok());
  REQUIRE(report->documents.size() == 1);
  const precheck::DocumentReport& licence = report->documents[0];
  CHECK(licence.type == "business_license");
  const precheck::FieldReading* date = nullptr;
  for (const precheck::FieldReading& f : licence.fields) {
    if (f.key == "issue_date") date = &f;
  }
  REQUIRE(date != nullptr);
  CHECK(date->value == "2017-12-21");
}

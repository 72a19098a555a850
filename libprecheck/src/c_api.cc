// The C API: thin wrappers that turn C++ results into JSON strings and messages.
//
// Nothing may throw across the C boundary, so every entry point catches everything and
// reports it as an error message.

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "precheck/engine.h"
#include "precheck/precheck.h"
#include "precheck/report_io.h"

struct precheck_engine {
  std::unique_ptr<precheck::Engine> engine;
};

namespace {

char* Copy(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

void SetError(char** error, const std::string& message) {
  if (error) *error = Copy(message);
}

}  // namespace

extern "C" {

precheck_engine* precheck_engine_new(const char* data_dir, int workers, char** error) {
  try {
    precheck::EngineOptions options;
    if (data_dir) options.data_dir = data_dir;
    options.workers = workers < 1 ? 1 : workers;
    auto engine = precheck::Engine::Create(options);
    if (!engine.ok()) {
      SetError(error, engine.status().message());
      return nullptr;
    }
    auto* out = new precheck_engine;
    out->engine = std::move(engine).value();
    return out;
  } catch (const std::exception& e) {
    SetError(error, e.what());
  } catch (...) {
    SetError(error, "unknown failure");
  }
  return nullptr;
}

void precheck_engine_free(precheck_engine* engine) { delete engine; }

char* precheck_check_json(const precheck_engine* engine, const char* const* paths, int count,
                          const char* domain, const char* as_of, int redact, char** error) {
  return precheck_check_html(engine, paths, count, domain, as_of, redact, nullptr, error);
}

char* precheck_check_html(const precheck_engine* engine, const char* const* paths, int count,
                          const char* domain, const char* as_of, int redact, const char* html_path,
                          char** error) {
  if (!engine || (!paths && count > 0) || count < 0) {
    SetError(error, "invalid arguments");
    return nullptr;
  }
  try {
    precheck::Report report;
    report.tool_version = precheck::Version();
    precheck::CheckOptions options;
    if (domain) options.domain = domain;
    options.as_of = as_of && *as_of ? as_of : precheck::Engine::Today();
    report.as_of = options.as_of;
    const bool html = html_path && *html_path;
    if (html) {
      std::filesystem::path p(html_path);
      std::filesystem::path pages = p.parent_path() / (p.stem().string() + "_pages");
      std::error_code ec;
      std::filesystem::create_directories(pages, ec);
      if (!std::filesystem::is_directory(pages, ec)) {
        SetError(error, pages.string() + ": cannot create the folder for the page pictures");
        return nullptr;
      }
      options.page_images_dir = pages.string();
      options.redact_page_images = redact != 0;
    }
    for (int i = 0; i < count; ++i) {
      auto result = engine->engine->Check(paths[i] ? paths[i] : "", options);
      if (!result.ok()) {
        SetError(error, result.status().message());
        return nullptr;
      }
      report.submissions.push_back(std::move(result).value());
    }
    precheck::RenderOptions render;
    render.redact = redact != 0;
    if (html) {
      render.names = precheck::NamesFrom(engine->engine->catalog());
      precheck::Status s = precheck::WriteHtml(report, html_path, render);
      if (!s.ok()) {
        SetError(error, s.message());
        return nullptr;
      }
    }
    return Copy(precheck::RenderJson(report, render));
  } catch (const std::exception& e) {
    SetError(error, e.what());
  } catch (...) {
    SetError(error, "unknown failure");
  }
  return nullptr;
}

void precheck_free(char* text) { std::free(text); }

const char* precheck_version(void) { return precheck::Version(); }

}  // extern "C"

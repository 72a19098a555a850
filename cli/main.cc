// precheck: the command line over libprecheck.
//
// Parses arguments (CLI11 generates --help from the same definitions), calls the library
// and renders its results. Results go to stdout or the named files, diagnostics to stderr.
// Exit status: 0 every submission passes, 1 at least one fails, 2 the run could not proceed.

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "precheck/engine.h"
#include "precheck/report_io.h"

namespace fs = std::filesystem;
using precheck::Engine;

namespace {

constexpr int kExitPass = 0;
constexpr int kExitFail = 1;
constexpr int kExitError = 2;

class StderrLogger : public precheck::Logger {
 public:
  explicit StderrLogger(bool verbose) : verbose_(verbose) {}
  void Log(precheck::LogLevel level, const std::string& message) override {
    if (level == precheck::LogLevel::kDebug && !verbose_) return;
    if (level == precheck::LogLevel::kInfo && !verbose_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    std::fprintf(stderr, "precheck: %s%s\n",
                 level == precheck::LogLevel::kWarning ? "warning: " : "",
                 precheck::RedactText(message).c_str());
  }

 private:
  bool verbose_;
  std::mutex mutex_;
};

struct CommonOptions {
  std::string data_dir;
  std::string domain;
  std::string severity;
  std::string as_of;
  bool redact = false;
  bool verbose = false;
  int jobs = 1;
  long long max_pixels = 60'000'000;
  std::string html;         // --html FILE
  std::string page_images;  // the folder of the page pictures the HTML report links to
};

// The folder of the page pictures of the HTML report `html`: "report.html" ->
// "report_pages" beside it.
std::string PagesFolderFor(const std::string& html) {
  fs::path p(html);
  return (p.parent_path() / (p.stem().string() + "_pages")).string();
}

int Fail(const std::string& raw) {
  // A message names files, and a scan's file name may hold an ID or phone number
  // (张三_110105…_139….pdf): masked as in every log, with or without --redact.
  const std::string message = precheck::RedactText(raw);
  // Catalog problems already read "file:line:col: error: ..." one per line: they go under
  // one line that says, as every error of the command does, what could not be done.
  bool located = message.find(": error: ") != std::string::npos;
  std::fprintf(stderr, "precheck: error: %s%s\n",
               located ? "cannot load the templates and rules (see precheck lint):\n" : "",
               message.c_str());
  return kExitError;
}

std::unique_ptr<Engine> MakeEngine(const CommonOptions& o, precheck::Logger* logger,
                                   std::string* error) {
  precheck::EngineOptions options;
  options.data_dir = o.data_dir;
  options.workers = std::max(1, o.jobs);
  options.max_pixels = o.max_pixels;
  options.logger = logger;
  auto engine = Engine::Create(options);
  if (!engine.ok()) {
    *error = engine.status().message();
    return nullptr;
  }
  return std::move(engine).value();
}

int ExitFor(const precheck::Report& report) {
  for (const auto& s : report.submissions) {
    if (s.verdict != "pass") return kExitFail;
  }
  return kExitPass;
}

// `text` padded with spaces to `columns` terminal columns: a Chinese character (and any
// other wide one) takes two, so padding by bytes would misalign a column of Chinese values.
std::string PadColumns(const std::string& text, size_t columns) {
  size_t used = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = length == 1 ? c : length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += length;
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
    used += wide ? 2 : 1;
  }
  return used >= columns ? text : text + std::string(columns - used, ' ');
}

// For `inspect --redact`: raw OCR lines hold misread ID and phone numbers that are no longer
// well-formed, so besides the report's redaction every run of ten or more digits keeps only
// its first three and last four.
std::string MaskLongNumbers(const std::string& text) {
  std::string in = precheck::RedactText(text);
  std::string out;
  size_t i = 0;
  while (i < in.size()) {
    size_t j = i;
    while (j < in.size() &&
           (std::isdigit(static_cast<unsigned char>(in[j])) || in[j] == 'X' || in[j] == 'x')) {
      ++j;
    }
    if (j - i >= 10) {
      out += in.substr(i, 3) + std::string(j - i - 7, '*') + in.substr(j - 4, 4);
      i = j;
    } else if (j > i) {
      out += in.substr(i, j - i);
      i = j;
    } else {
      out += in[i++];
    }
  }
  return out;
}

precheck::SubmissionReport UnreadableSubmission(const std::string& path,
                                                const precheck::Status& status) {
  precheck::SubmissionReport s;
  s.id = fs::path(path).filename().string();
  s.path = path;
  s.verdict = "error";
  precheck::Defect d;
  d.code = "DOC_UNREADABLE";
  d.file = s.id;
  d.message = "申请材料“" + s.id + "”无法打开";
  d.suggestion = "请确认材料已完整提交";
  d.evidence.emplace_back("reason", status.message());
  s.defects.push_back(std::move(d));
  return s;
}

// Checks `paths` as submissions with `jobs` threads, showing progress on a terminal.
precheck::Report RunAll(const Engine& engine, const std::vector<std::string>& paths,
                        const CommonOptions& o, std::string* error) {
  precheck::Report report;
  report.tool_version = precheck::Version();
  report.as_of = o.as_of.empty() ? Engine::Today() : o.as_of;
  report.submissions.resize(paths.size());
  precheck::CheckOptions check;
  check.domain = o.domain;
  check.severity = o.severity;
  check.as_of = report.as_of;
  check.page_images_dir = o.page_images;
  check.redact_page_images = o.redact;

  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex error_mutex;
  bool tty = isatty(STDERR_FILENO) && paths.size() > 1;
  auto worker = [&]() {
    for (size_t i = next++; i < paths.size(); i = next++) {
      auto result = engine.Check(paths[i], check);
      if (result.ok()) {
        report.submissions[i] = std::move(result).value();
      } else if (result.status().code() == precheck::StatusCode::kInvalidArgument) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (error->empty()) *error = result.status().message();
      } else {
        // A submission that vanished or cannot be opened is reported, and the batch goes on.
        report.submissions[i] = UnreadableSubmission(paths[i], result.status());
      }
      size_t n = ++done;
      if (tty) {
        std::lock_guard<std::mutex> lock(error_mutex);
        std::fprintf(stderr, "\rchecked %zu/%zu submissions", n, paths.size());
        if (n == paths.size()) std::fprintf(stderr, "\n");
      }
    }
  };
  int threads = std::max(1, std::min<int>(o.jobs, static_cast<int>(paths.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  // Submissions named alike (a/sub-01 and b/sub-01) stay apart in the report.
  std::map<std::string, int> seen;
  for (precheck::SubmissionReport& s : report.submissions) {
    if (int n = ++seen[s.id]; n > 1) s.id += " (" + std::to_string(n) + ")";
  }
  return report;
}

// A folder that can take the file `path`, or why not. Checked before any work starts, so a
// long batch never ends in a report it cannot write.
std::string CheckWritable(const std::string& path) {
  if (path.empty()) return "";
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);  // follows symbolic links
  if (fs::is_directory(st)) return path + ": is a folder";
  // A device or a pipe (/dev/stdout, a FIFO) is written through, not replaced.
  if (fs::exists(st) && !fs::is_regular_file(st)) {
    return access(path.c_str(), W_OK) == 0 ? "" : path + ": is not writable";
  }
  // A file without write permission is read-only for everyone: root's access() says
  // writable, yet the clerk who protected a report meant it to stay.
  constexpr fs::perms kWrite =
      fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write;
  if (fs::exists(st) &&
      (access(path.c_str(), W_OK) != 0 || (st.permissions() & kWrite) == fs::perms::none)) {
    return path + ": is read-only";
  }
  // The report replaces the file a link points to, in that file's folder.
  fs::path target(path);
  for (int i = 0; i < 40 && fs::is_symlink(target, ec); ++i) {
    fs::path to = fs::read_symlink(target, ec);
    if (ec) break;
    target = to.is_absolute() ? to : target.parent_path() / to;
  }
  fs::path parent = target.parent_path();
  if (parent.empty()) parent = ".";
  if (!fs::is_directory(parent, ec))
    return path + ": folder " + parent.string() + " does not exist";
  if (access(parent.c_str(), W_OK) != 0)
    return path + ": folder " + parent.string() + " is not writable";
  return "";
}

// The file `path` names once links are followed, for comparing paths; "" when it cannot
// be named.
std::string SameFileKey(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? "" : p.string();
}

// True when the file at `path` holds a scan or a PDF (by its first bytes): a submission's
// material, never something a report may overwrite.
bool HoldsMaterial(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {0};
  in.read(head, sizeof head);
  std::string h(head, static_cast<size_t>(in.gcount()));
  return h.rfind("%PDF", 0) == 0 || h.rfind("\xFF\xD8\xFF", 0) == 0 || h.rfind("\x89PNG", 0) == 0 ||
         h.rfind(std::string("II*\0", 4), 0) == 0 || h.rfind(std::string("MM\0*", 4), 0) == 0 ||
         h.rfind("BM", 0) == 0 || h.rfind("GIF8", 0) == 0;
}

// Why the report file `output` must not be written among the `inputs` of the run, or "":
// it would replace an input, or lie in a submission folder (or a batch's root) and be read
// as a material of it the next time.
std::string InsideInputs(const std::string& output, const std::vector<std::string>& inputs) {
  std::string key = SameFileKey(output);
  if (key.empty()) return "";
  for (const std::string& in : inputs) {
    std::string in_key = SameFileKey(in);
    if (in_key.empty()) continue;
    if (key == in_key) return output + ": is an input of this run; a report must not replace it";
    std::error_code ec;
    if (fs::is_directory(in, ec) && key.rfind(in_key + "/", 0) == 0) {
      return output + ": lies inside " + in +
             ", which is checked; a report there would be read as a material next time "
             "(write it to another folder)";
    }
  }
  return "";
}

// True when the PNG at `path` is an annotated page precheck wrote (seal/stage.cc marks
// them with a tEXt chunk right after the header): a later run may replace it.
bool IsOurPng(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[80] = {0};
  in.read(head, sizeof head);
  std::string h(head, static_cast<size_t>(in.gcount()));
  return h.find(std::string("Software\0precheck annotated page", 32)) != std::string::npos;
}

// Why the annotated page images of `inspect FILE --annotate PNG` cannot be written, or "":
// checked before the page is read, for the file itself and the pages after the first
// (PNG-2.png, ...), which must not replace the input or another scan.
std::string CheckAnnotate(const std::string& png, const std::string& input) {
  const std::string input_key = SameFileKey(input);
  fs::path base(png);
  for (int page = 1; page <= 100; ++page) {
    std::string path =
        page == 1 ? png
                  : (base.parent_path() / (base.stem().string() + "-" + std::to_string(page) +
                                           base.extension().string()))
                        .string();
    std::error_code ec;
    if (page > 1 && !fs::exists(path, ec)) continue;
    if (page == 1) {
      if (std::string problem = CheckWritable(path); !problem.empty()) return problem;
    }
    if (std::string key = SameFileKey(path); !key.empty() && key == input_key) {
      return path + ": is the file inspected; write the annotated page to another file";
    }
    if (fs::is_regular_file(path, ec) && HoldsMaterial(path) && !IsOurPng(path)) {
      return path + ": holds a scan or a PDF; an annotated page must not overwrite it";
    }
  }
  return "";
}

// True when `name` is a page picture precheck writes (engine.h, PageImageName).
bool IsOurPicture(const std::string& name) {
  static const std::regex kName("page-[0-9a-f]{16}-[0-9]+\\.jpg");
  return std::regex_match(name, kName);
}

// The pictures of a run are written to this folder beside their final one and moved there
// with the report, so that a run stopped halfway leaves the earlier report's pictures whole
// and no picture of its own (they show ID cards).
std::string StagingFolderFor(const std::string& pages) {
  fs::path p(pages);
  return (p.parent_path() / ("." + p.filename().string() + ".partial")).string();
}

// Removes the page pictures in `folder`, then the folder when that leaves it empty.
void RemovePictures(const std::string& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (IsOurPicture(entry.path().filename().string())) fs::remove(entry.path(), ec);
  }
  fs::remove(folder, ec);  // only when empty
}

// On SIGINT, SIGTERM or SIGHUP the pictures written so far are removed before the process
// ends as the signal would have ended it. The signals are blocked in every thread and taken
// by one waiting thread, where removing files is safe.
void RemovePicturesOnSignal(const std::string& staging) {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set, staging] {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) return;
    RemovePictures(staging);
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
    raise(sig);
  }).detach();
}

// Moves the pictures from `staging` to `pages` (the earlier report's pictures go) and
// points the report at them. An error message, or "".
std::string PublishPictures(const std::string& staging, const std::string& pages,
                            precheck::Report* report) {
  std::error_code ec;
  RemovePictures(pages);
  if (fs::exists(staging, ec)) {
    fs::rename(staging, pages, ec);
    if (ec) return pages + ": cannot move the page pictures there: " + ec.message();
  }
  const std::string from = fs::path(staging).string(), to = fs::path(pages).string();
  for (auto& s : report->submissions) {
    for (auto& image : s.page_images) {
      if (image.path.rfind(from, 0) == 0) image.path = to + image.path.substr(from.size());
    }
  }
  return "";
}

// Why the folder of the HTML report's page pictures `pages` cannot take them, or "": it
// lies inside a folder being checked (the pictures would be read as materials next time),
// is another output, or holds files that are not page pictures (a folder of scans).
std::string CheckPagesFolder(const std::string& pages,
                             const std::vector<std::pair<std::string, std::string>>& outputs,
                             const std::vector<std::string>& inputs) {
  std::error_code ec;
  if (fs::exists(pages, ec) && !fs::is_directory(pages, ec)) {
    return pages + ": is not a folder; the HTML report's page pictures go there";
  }
  const std::string key = SameFileKey(pages);
  for (const auto& [other_key, other] : outputs) {
    if (!key.empty() && (other_key == key || other_key.rfind(key + "/", 0) == 0)) {
      return other + ": is the folder of the HTML report's page pictures; give it another name";
    }
  }
  if (std::string problem = InsideInputs((fs::path(pages) / "page.jpg").string(), inputs);
      !problem.empty()) {
    return pages +
           ": the folder of the HTML report's page pictures lies inside a folder being "
           "checked; write the HTML report to another folder";
  }
  if (fs::is_directory(pages, ec)) {
    for (const auto& entry : fs::directory_iterator(pages, ec)) {
      if (!IsOurPicture(entry.path().filename().string())) {
        return pages + ": holds other files than page pictures (" +
               entry.path().filename().string() + "); give the HTML report another name";
      }
    }
  }
  return "";
}

std::string CheckOutputs(const CommonOptions& o, const std::string& output,
                         const std::string& json_path, const std::string& xlsx_path,
                         const std::vector<std::string>& inputs, bool is_check) {
  std::vector<std::pair<std::string, std::string>> seen;  // key, path as given
  for (const std::string* p : {&output, &json_path, &xlsx_path, &o.html}) {
    if (p->empty()) continue;
    if (std::string problem = CheckWritable(*p); !problem.empty()) return problem;
    std::error_code ec;
    fs::file_status st = fs::status(*p, ec);
    if (fs::exists(st) && !fs::is_regular_file(st)) continue;  // /dev/null twice is fine
    std::string key = SameFileKey(*p);
    for (const auto& [other_key, other] : seen) {
      if (!key.empty() && key == other_key) {
        return *p + ": the same file as " + other + "; give each report its own file";
      }
    }
    seen.emplace_back(key, *p);
    if (std::string problem = InsideInputs(*p, inputs); !problem.empty()) return problem;
    // Never overwrite a material: a report named like a scan of the submission.
    if (fs::is_regular_file(st) && HoldsMaterial(*p)) {
      return *p + ": holds a scan or a PDF; a report must not overwrite it";
    }
  }
  if (!o.html.empty()) {
    if (std::string problem = CheckPagesFolder(PagesFolderFor(o.html), seen, inputs);
        !problem.empty()) {
      return problem;
    }
  }
  if (is_check) {
    for (const std::string& p : inputs) {
      std::error_code ec;
      if (!fs::exists(p, ec) && !fs::is_symlink(p, ec)) return p + ": no such file or folder";
    }
  }
  return "";
}

// Why `dir` cannot be the folder of templates/ and rules/, or "": one message where the
// catalog would report each folder it lacks.
std::string CheckDataDir(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return dir + ": no such folder";
  if (!fs::is_directory(dir, ec)) return dir + ": not a folder";
  return "";
}

// Refuses an empty file name given to an output option (--html "").
const CLI::Validator kNonEmptyPath(
    [](std::string& value) { return value.empty() ? std::string("empty path") : std::string(); },
    "FILE");

void AddCommon(CLI::App* app, CommonOptions* o) {
  // Domains are data (rules/*.yaml): the engine checks the name against those it loaded.
  app->add_option("--domain", o->domain,
                  "Domain of every submission: admin_penalty, serious_list, abnormal_list or "
                  "one added in rules/ (default: from submission.yaml or the materials)");
  app->add_option("--severity", o->severity, "Penalty severity: light, general or serious")
      ->check(CLI::IsMember({"light", "general", "serious"}));
  app->add_option("--as-of", o->as_of, "Review date YYYY-MM-DD (default: today)")
      ->check(CLI::Validator(
          [](std::string& v) { return v.empty() ? std::string("must not be empty") : ""; },
          "DATE"));
  app->add_option("--max-pixels", o->max_pixels,
                  "Largest page accepted, in pixels (default 60000000); larger is DOC_UNREADABLE")
      ->check(CLI::Range(1000000LL, 400000000LL));
  app->add_flag("--redact", o->redact, "Mask ID and phone numbers and birth dates in every output");
  app->add_option("--data", o->data_dir, "Folder with templates/ and rules/ (default: installed)");
  app->add_flag("-v,--verbose", o->verbose, "Log what happens to each file on stderr");
}

}  // namespace

// Tesseract's OpenMP threads spin against each other (measured: a third of the run in the
// kernel's futex paths) while precheck already reads pages in parallel. OpenMP reads its
// thread limit when the library loads, before main, so the command restarts itself once
// with the limit set.
void LimitOpenMpThreads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  setenv("OMP_THREAD_LIMIT", "1", 1);
  execv("/proc/self/exe", argv);
  // Limitation: where /proc is not mounted the restart fails and the run goes on unlimited.
}

int main(int argc, char** argv) {
  LimitOpenMpThreads(argv);
  CLI::App app{
      "precheck: pre-review of credit-repair (信用修复) submissions.\n"
      "Exit status: 0 all pass, 1 some submission fails, 2 the run could not proceed."};
  app.set_version_flag("--version", precheck::Version());
  app.require_subcommand(1);
  // A usage error reads like the command's other errors, and names the help that applies.
  app.failure_message([](const CLI::App* app, const CLI::Error& e) {
    std::string help = "precheck";
    for (const CLI::App* sub : app->get_subcommands()) help += " " + sub->get_name();
    return "precheck: error: " + std::string(e.what()) + " (see " + help + " --help)\n";
  });

  CommonOptions common;
  std::vector<std::string> check_paths;
  std::string format = "text";
  std::string output;
  CLI::App* check = app.add_subcommand("check", "Check submissions (each PATH a folder or a file)");
  check->add_option("PATH", check_paths, "Submission folders or files")->required();
  check->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  check->add_option("-o,--output", output, "Write the report to FILE instead of stdout")
      ->check(kNonEmptyPath);
  check
      ->add_option("--html", common.html,
                   "Also write an HTML report with the defects marked on the pages to FILE "
                   "(pictures in FILE's name + _pages/)")
      ->check(kNonEmptyPath);
  AddCommon(check, &common);
  check
      ->add_option("-j,--jobs", common.jobs,
                   "Submissions checked at once (default 1; at most one per core)")
      ->check(CLI::Range(1, 64));

  std::string batch_root, json_path, xlsx_path;
  CLI::App* batch = app.add_subcommand(
      "batch", "Check every submission under ROOT (each sub-folder, and each file in ROOT)");
  batch->add_option("ROOT", batch_root, "Folder of submissions")->required();
  batch->add_option("--json", json_path, "Write the JSON report to FILE")->check(kNonEmptyPath);
  batch->add_option("--xlsx", xlsx_path, "Write the Excel workbook to FILE")->check(kNonEmptyPath);
  batch
      ->add_option("--html", common.html,
                   "Write an HTML report with the defects marked on the pages to FILE "
                   "(pictures in FILE's name + _pages/)")
      ->check(kNonEmptyPath);
  batch
      ->add_option("-j,--jobs", common.jobs,
                   "Submissions checked at once (default 1; at most one per core)")
      ->check(CLI::Range(1, 64));
  AddCommon(batch, &common);

  std::string inspect_file;
  bool inspect_json = false;
  CLI::App* inspect = app.add_subcommand("inspect", "Show what precheck sees on each page of FILE");
  inspect->add_option("FILE", inspect_file, "A document file")->required();
  inspect->add_flag("--json", inspect_json, "Print JSON instead of text");
  std::string inspect_annotate;
  inspect->add_option("--annotate", inspect_annotate,
                      "Write the page with the seals and signature blocks found outlined to this "
                      "PNG (page N: -N.png)");
  inspect->add_option("--data", common.data_dir, "Folder with templates/ and rules/");
  inspect->add_flag("--redact", common.redact, "Mask ID and phone numbers and birth dates");
  inspect
      ->add_option("--max-pixels", common.max_pixels,
                   "Largest page accepted, in pixels (default 60000000)")
      ->check(CLI::Range(1000000LL, 400000000LL));

  CLI::App* templates = app.add_subcommand("templates", "List the materials and domains known");
  templates->add_option("--data", common.data_dir, "Folder with templates/ and rules/");

  std::string lint_dir;
  CLI::App* lint = app.add_subcommand("lint", "Check templates and rule sets in DIR");
  lint->add_option("DIR", lint_dir, "Folder with templates/ and rules/ (default: installed)");
  lint->add_option("--data", common.data_dir, "The same as DIR, as the other commands take it");

  // An option before any command (precheck --json out.json ROOT) belongs to a command.
  if (argc > 1 && argv[1][0] == '-') {
    const std::string flag = argv[1];
    if (flag != "-h" && flag != "--help" && flag != "--version") {
      std::fprintf(stderr,
                   "precheck: error: unknown option '%s': a command comes first, as in "
                   "precheck batch ROOT --json FILE (see precheck --help)\n",
                   flag.c_str());
      return kExitError;
    }
  }
  if (argc > 1 && argv[1][0] != '-') {
    std::string sub = argv[1];
    bool known = false;
    for (const CLI::App* c : app.get_subcommands({})) known = known || c->get_name() == sub;
    if (!known) {
      std::fprintf(stderr, "precheck: error: unknown command '%s' (see precheck --help)\n",
                   sub.c_str());
      return kExitError;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Every usage error exits 2, whatever CLI11's own code for it.
    app.exit(e);
    return kExitError;
  }
  if (check->parsed() || batch->parsed()) {
    std::vector<std::string> inputs =
        check->parsed() ? check_paths : std::vector<std::string>{batch_root};
    if (std::string problem =
            CheckOutputs(common, output, json_path, xlsx_path, inputs, check->parsed());
        !problem.empty()) {
      return Fail(problem);
    }
    if (!common.html.empty()) {
      // Pictures left by a run that was killed outright go first.
      common.page_images = StagingFolderFor(PagesFolderFor(common.html));
      RemovePictures(common.page_images);
      std::error_code ec;
      fs::create_directories(common.page_images, ec);
      if (!fs::is_directory(common.page_images, ec)) {
        return Fail(common.page_images + ": cannot create the folder for the page pictures");
      }
      RemovePicturesOnSignal(common.page_images);
    }
  }
  if (inspect->parsed() && !inspect_annotate.empty()) {
    if (std::string problem = CheckAnnotate(inspect_annotate, inspect_file); !problem.empty()) {
      return Fail(problem);
    }
  }

  StderrLogger logger(common.verbose);
  precheck::RenderOptions render;
  render.redact = common.redact;
  std::string error;

  if (*lint) {
    if (!lint_dir.empty() && !common.data_dir.empty() && lint_dir != common.data_dir &&
        (SameFileKey(lint_dir).empty() || SameFileKey(lint_dir) != SameFileKey(common.data_dir))) {
      return Fail("lint: DIR " + lint_dir + " and --data " + common.data_dir +
                  " name different folders; give one of them");
    }
    std::string dir = !lint_dir.empty()          ? lint_dir
                      : !common.data_dir.empty() ? common.data_dir
                                                 : Engine::DefaultDataDir();
    if (std::string problem = CheckDataDir(dir); !problem.empty()) return Fail(problem);
    auto diagnostics = precheck::Catalog::Lint(dir);
    int errors = 0;
    for (const auto& d : diagnostics) {
      std::fprintf(stderr, "%s\n", d.ToString().c_str());
      if (!d.warning) ++errors;
    }
    std::printf("%s: %d error(s), %zu warning(s)\n", dir.c_str(), errors,
                diagnostics.size() - errors);
    return errors ? kExitError : kExitPass;
  }

  // Every other command reads the catalog.
  if (std::string problem =
          CheckDataDir(common.data_dir.empty() ? Engine::DefaultDataDir() : common.data_dir);
      !problem.empty()) {
    return Fail(problem);
  }
  if (*templates) {
    auto catalog = precheck::Catalog::Load(common.data_dir.empty() ? Engine::DefaultDataDir()
                                                                   : common.data_dir);
    if (!catalog.ok()) return Fail(catalog.status().message());
    std::printf("Materials (%zu):\n", catalog->materials().size());
    for (const auto& m : catalog->materials()) {
      std::printf("  %-30s %s  (%zu fields)\n", m.id.c_str(), m.name.c_str(), m.fields.size());
    }
    std::printf("Domains (%zu):\n", catalog->domains().size());
    for (const auto& d : catalog->domains()) {
      std::printf("  %-30s %s  (%zu required)\n", d.id.c_str(), d.name.c_str(), d.required.size());
    }
    return kExitPass;
  }

  std::unique_ptr<Engine> engine = MakeEngine(common, &logger, &error);
  if (!engine) return Fail(error);
  render.names = precheck::NamesFrom(engine->catalog());

  if (*inspect) {
    auto result = engine->Inspect(inspect_file, inspect_annotate);
    if (!result.ok()) return Fail(result.status().message());
    const precheck::FileInspection& fi = *result;
    auto r = [&](const std::string& s) { return common.redact ? MaskLongNumbers(s) : s; };
    // An ID card's 出生 line and birth field hold the digits the ID number's mask hides.
    auto line_text = [&](const std::string& s) {
      std::string out = r(s);
      if (common.redact && out.find("出生") != std::string::npos) {
        out = precheck::RedactField("birth", out);
      }
      return out;
    };
    auto field_text = [&](const std::string& key, const std::string& v) {
      return common.redact ? precheck::RedactField(key, r(v)) : v;
    };
    if (inspect_json) {
      nlohmann::ordered_json j;
      j["file"] = r(fi.file);
      j["kind"] = fi.kind;
      j["error"] =
          fi.error.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r(fi.error));
      j["pages"] = nlohmann::ordered_json::array();
      for (const auto& p : fi.pages) {
        nlohmann::ordered_json pj;
        pj["page"] = p.number;
        pj["size"] = {p.width, p.height};
        pj["source_dpi"] = std::round(p.source_dpi);
        pj["dpi_estimated"] = p.dpi_estimated;
        pj["flattened"] = p.flattened;
        pj["skew"] = p.skew_degrees;
        pj["text_layer"] = p.text_layer;
        pj["material"] = p.material;
        pj["confidence"] = p.confidence;
        pj["lines"] = nlohmann::ordered_json::array();
        for (const auto& l : p.lines) {
          pj["lines"].push_back({{"text", line_text(l.text)},
                                 {"bbox", {l.box.x, l.box.y, l.box.width, l.box.height}},
                                 {"confidence", l.confidence}});
        }
        for (const auto& f : p.fields) {
          pj["fields"][f.key] = {{"text", field_text(f.key, f.text)},
                                 {"value", field_text(f.key, f.value)}};
        }
        pj["signatures"] = nlohmann::ordered_json::array();
        for (const auto& g : p.signatures) {
          pj["signatures"].push_back({{"role", g.role},
                                      {"bbox", {g.bbox.x, g.bbox.y, g.bbox.width, g.bbox.height}},
                                      {"present", g.present},
                                      {"handwritten", g.handwritten},
                                      {"confidence", g.confidence}});
        }
        pj["seals"] = nlohmann::ordered_json::array();
        for (const auto& s : p.seals) {
          pj["seals"].push_back({{"bbox", {s.bbox.x, s.bbox.y, s.bbox.width, s.bbox.height}},
                                 {"shape", s.shape},
                                 {"color", s.color},
                                 {"text", s.text},
                                 {"lower_text", s.lower_text},
                                 {"owner", s.owner},
                                 {"confidence", s.confidence}});
        }
        j["pages"].push_back(pj);
      }
      std::printf("%s\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
      std::printf("%s: %s\n", r(fi.file).c_str(), fi.kind.c_str());
      if (!fi.error.empty()) std::printf("  cannot read: %s\n", r(fi.error).c_str());
      for (const auto& p : fi.pages) {
        // The two ID cards look alike; whose card a page is follows from the other
        // materials of a submission, which a single file does not have.
        bool id_card = p.material == "legal_rep_id_card" || p.material == "agent_id_card";
        std::printf("page %d  %dx%d px  from %.0f dpi%s%s  skew %.2f°%s  material %s (%.2f)%s\n",
                    p.number, p.width, p.height, p.source_dpi,
                    p.dpi_estimated ? " (estimated)" : "", p.flattened ? "  flattened photo" : "",
                    p.skew_degrees, p.text_layer ? "  text layer" : "", p.material.c_str(),
                    p.confidence,
                    id_card ? "  (an ID card: whose is decided with the submission's other "
                              "materials by check)"
                            : "");
        for (const auto& l : p.lines) {
          std::printf("  [%4d,%4d %4dx%-3d %3.0f%%] %s\n", l.box.x, l.box.y, l.box.width,
                      l.box.height, l.confidence * 100, line_text(l.text).c_str());
        }
        for (const auto& f : p.fields) {
          std::printf("  field %-22s %s <- %s\n", f.key.c_str(),
                      PadColumns(field_text(f.key, f.value), 28).c_str(),
                      field_text(f.key, f.text).c_str());
        }
        for (const auto& g : p.signatures) {
          const char* what = !g.present ? "absent" : g.handwritten ? "handwritten" : "printed";
          std::printf("  signature %-10s %-12s %3.0f%%  [%d,%d %dx%d]\n", g.role.c_str(), what,
                      g.confidence * 100, g.bbox.x, g.bbox.y, g.bbox.width, g.bbox.height);
        }
        for (const auto& s : p.seals) {
          std::printf("  seal  [%4d,%4d %4dx%-4d] %s %s %3.0f%% owner %s: %s%s%s\n", s.bbox.x,
                      s.bbox.y, s.bbox.width, s.bbox.height, s.color.c_str(), s.shape.c_str(),
                      s.confidence * 100, s.owner.empty() ? "-" : s.owner.c_str(),
                      s.text.empty() ? "(unread)" : s.text.c_str(),
                      s.lower_text.empty() ? "" : " / ", s.lower_text.c_str());
        }
      }
    }
    return fi.error.empty() ? kExitPass : kExitFail;
  }

  std::vector<std::string> paths;
  if (*check) {
    // The same submission given twice is checked once; so is a file or folder given beside
    // a folder that holds it: with that folder, not as a submission of its own.
    std::set<std::string> given;
    std::vector<std::string> folders;
    for (const std::string& p : check_paths) {
      std::error_code ec;
      std::string key = SameFileKey(p);
      if (!key.empty() && fs::is_directory(p, ec)) folders.push_back(key + "/");
    }
    for (const std::string& p : check_paths) {
      std::string key = SameFileKey(p);
      if (!key.empty() && !given.insert(key).second) {
        std::fprintf(stderr, "precheck: warning: %s: given more than once, checked once\n",
                     precheck::RedactText(p).c_str());
        continue;
      }
      auto holder = std::find_if(folders.begin(), folders.end(), [&](const std::string& f) {
        return !key.empty() && key.rfind(f, 0) == 0;
      });
      if (holder != folders.end()) {
        std::fprintf(stderr,
                     "precheck: warning: %s: lies in %s, also given; checked with that folder\n",
                     precheck::RedactText(p).c_str(),
                     precheck::RedactText(holder->substr(0, holder->size() - 1)).c_str());
        continue;
      }
      paths.push_back(p);
    }
  } else {
    std::error_code ec;
    if (!fs::is_directory(batch_root, ec)) return Fail(batch_root + ": not a folder");
    for (const auto& entry : fs::directory_iterator(batch_root, ec)) {
      std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '.' || name == "Thumbs.db" || name == "desktop.ini" ||
          name == "__MACOSX") {
        continue;
      }
      paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) return Fail(batch_root + ": no submissions in this folder");
  }

  precheck::Report report = RunAll(*engine, paths, common, &error);
  if (!error.empty()) {
    if (!common.page_images.empty()) RemovePictures(common.page_images);
    return Fail(error);
  }
  if (!common.html.empty()) {
    error = PublishPictures(common.page_images, PagesFolderFor(common.html), &report);
    if (!error.empty()) return Fail(error);
  }

  if (*check) {
    std::string text = format == "json" ? precheck::RenderJson(report, render)
                                        : precheck::RenderText(report, render);
    if (!common.html.empty()) {
      if (auto s = precheck::WriteHtml(report, common.html, render); !s.ok()) {
        return Fail(s.message());
      }
    }
    if (output.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
    } else if (auto s = precheck::WriteFileAtomically(output, text); !s.ok()) {
      return Fail(s.message());
    }
    return ExitFor(report);
  }

  if (!json_path.empty()) {
    if (auto s = precheck::WriteFileAtomically(json_path, precheck::RenderJson(report, render));
        !s.ok()) {
      return Fail(s.message());
    }
  }
  if (!xlsx_path.empty()) {
    if (auto s = precheck::WriteXlsx(report, xlsx_path, render); !s.ok()) {
      return Fail(s.message());
    }
  }
  if (!common.html.empty()) {
    if (auto s = precheck::WriteHtml(report, common.html, render); !s.ok()) {
      return Fail(s.message());
    }
  }
  std::string summary = precheck::RenderText(report, render);
  std::fwrite(summary.data(), 1, summary.size(), stdout);
  return ExitFor(report);
}

// Status and Result: how every fallible libprecheck call reports failure.
//
// No public function throws. A call that can fail returns a Status, or a Result<T> that holds
// either a value or a Status. A message starts with where (a file, a page, `rules/x.yaml:12:5`)
// and then says why. A defect found in a document is not an error: it is data in the report.

#ifndef PRECHECK_STATUS_H_
#define PRECHECK_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace precheck {

// What kind of failure a Status describes.
enum class StatusCode {
  kOk = 0,
  kNotFound,         // a file, template or key does not exist
  kInvalidArgument,  // a caller passed something unusable
  kParseError,       // a YAML or date text could not be parsed
  kIOError,          // the operating system refused a read or write
  kUnsupported,      // a format or feature precheck does not handle
  kCorrupt,          // a file is damaged or truncated
  kEncrypted,        // a file needs a password
  kLimitExceeded,    // a file exceeds a configured limit (pixels, pages, bytes)
  kInternal,         // a bug or a failure inside a dependency
};

// The name of a code, e.g. "corrupt". Never null.
const char* StatusCodeName(StatusCode code);

class Status {
 public:
  // A success.
  Status() = default;
  static Status Ok() { return Status(); }

  // A failure of `code`: message is "<context>: <reason>", or just the reason when context is
  // empty.
  Status(StatusCode code, std::string_view context, std::string_view reason);

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // "<context>: <reason>"; empty for a success.
  const std::string& message() const { return message_; }
  // "<code name>: <message>", or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value of T, or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}  // NOLINT: must not be ok

  bool ok() const { return std::holds_alternative<T>(state_); }
  // The failure; a success status when ok().
  Status status() const { return ok() ? Status() : std::get<Status>(state_); }
  // The value. Only valid when ok().
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace precheck

#endif  // PRECHECK_STATUS_H_

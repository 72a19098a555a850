// Status: formatting of codes and messages.

#include "precheck/status.h"

namespace precheck {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kInvalidArgument:
      return "invalid argument";
    case StatusCode::kParseError:
      return "parse error";
    case StatusCode::kIOError:
      return "I/O error";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kCorrupt:
      return "corrupt";
    case StatusCode::kEncrypted:
      return "encrypted";
    case StatusCode::kLimitExceeded:
      return "limit exceeded";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

Status::Status(StatusCode code, std::string_view context, std::string_view reason) : code_(code) {
  if (!context.empty()) {
    message_.append(context).append(": ");
  }
  message_.append(reason);
}

std::string Status::ToString() const {
  if (ok()) {
    return "ok";
  }
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace precheck

// Atomic file output: a temporary file made with mkstemp beside the target is written,
// flushed with fsync and renamed over the target, so a reader sees the old file, no file or
// the whole new one. Used for the JSON and text reports and, through CommitTempFile, the xlsx.
//
// A symbolic link is followed, so the file it points to is replaced, not the link. A device,
// pipe or socket (/dev/null, /dev/stdout, a FIFO) is never replaced: the finished content is
// written through to it, as a shell redirection would.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "precheck/report_io.h"
#include "report/report_internal.h"

namespace precheck {
namespace {

// strerror(3) may share a buffer between threads; the GNU strerror_r does not.
std::string ErrnoText(int error) {
  char buffer[256];
  return ::strerror_r(error, buffer, sizeof buffer);
}

// The directory part of `path` ("." when it has none) and its last component.
void SplitPath(const std::string& path, std::string* dir, std::string* name) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) {
    *dir = ".";
    *name = path;
  } else {
    *dir = slash == 0 ? "/" : path.substr(0, slash);
    *name = path.substr(slash + 1);
  }
}

// The process umask, read without changing it (umask(2) would, and is not thread-safe).
mode_t CurrentUmask() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Umask:", 0) == 0) {
      return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
    }
  }
  return 022;
}

// Flushes the directory entry of a rename; a failure only weakens durability, so it is not
// reported.
void SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// `path` with symbolic links in its last component followed (at most 40, as the kernel
// does); a dangling link gives the path it points to.
std::string FollowLinks(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path p(path);
  std::error_code ec;
  for (int i = 0; i < 40 && fs::is_symlink(p, ec); ++i) {
    fs::path to = fs::read_symlink(p, ec);
    if (ec) break;
    p = to.is_absolute() ? to : p.parent_path() / to;
  }
  return p.string();
}

// Writes all of `fd_from` (from its start) to `to`, opened for writing without truncation.
Status WriteThrough(int from, const std::string& to) {
  const int out = ::open(to.c_str(), O_WRONLY | O_CLOEXEC);
  if (out < 0) return Status(StatusCode::kIOError, to, ErrnoText(errno));
  char buffer[1 << 16];
  ::lseek(from, 0, SEEK_SET);
  for (;;) {
    ssize_t n = ::read(from, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(out);
      return Status(StatusCode::kIOError, to, ErrnoText(error));
    }
    if (n == 0) break;
    ssize_t done = 0;
    while (done < n) {
      ssize_t w = ::write(out, buffer + done, n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        const int error = w < 0 ? errno : EIO;
        ::close(out);
        return Status(StatusCode::kIOError, to, ErrnoText(error));
      }
      done += w;
    }
  }
  ::close(out);
  return Status::Ok();
}

}  // namespace

namespace report_internal {

Status CreateTempBeside(const std::string& requested, TempFile* temp) {
  // stat follows every link, also those that only the kernel resolves (/proc/self/fd/1).
  struct stat st;
  if (::stat(requested.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return Status(StatusCode::kInvalidArgument, requested, "is a folder");
    }
    temp->stream = !S_ISREG(st.st_mode);
  }
  temp->target = temp->stream ? requested : FollowLinks(requested);
  const std::string& target = temp->target;
  std::string dir, name;
  SplitPath(target, &dir, &name);
  if (temp->stream) {
    const char* tmp = std::getenv("TMPDIR");
    dir = tmp && *tmp ? tmp : "/tmp";
    name = "precheck-output";
  }
  if (name.empty()) {
    return Status(StatusCode::kInvalidArgument, target, "not a file path");
  }
  std::string pattern = (dir == "/" ? "/" : dir + "/") + "." + name + ".tmp-XXXXXX";
  const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) {
    return Status(StatusCode::kIOError, target,
                  "cannot create a file in " + dir + ": " + ErrnoText(errno));
  }
  temp->path = pattern;
  temp->fd = fd;
  return Status::Ok();
}

Status CommitTempFile(TempFile* temp, const std::string& requested) {
  const std::string target = temp->target.empty() ? requested : temp->target;
  if (temp->stream) {
    Status status = WriteThrough(temp->fd, target);
    DiscardTempFile(temp);
    return status;
  }
  // mkstemp made the file 0600; give it what the replaced file had, or what a new file gets.
  struct stat existing;
  const mode_t mode = ::stat(target.c_str(), &existing) == 0 ? (existing.st_mode & 07777)
                                                             : (0666 & ~CurrentUmask());
  if (::fchmod(temp->fd, mode) != 0 || ::fsync(temp->fd) != 0) {
    const int error = errno;
    DiscardTempFile(temp);
    return Status(StatusCode::kIOError, target, ErrnoText(error));
  }
  const int fd = temp->fd;
  temp->fd = -1;
  if (::close(fd) != 0) {
    const int error = errno;
    DiscardTempFile(temp);
    return Status(StatusCode::kIOError, target, ErrnoText(error));
  }

  if (::rename(temp->path.c_str(), target.c_str()) != 0) {
    const int error = errno;
    DiscardTempFile(temp);
    return Status(StatusCode::kIOError, target, ErrnoText(error));
  }
  temp->path.clear();

  std::string dir, name;
  SplitPath(target, &dir, &name);
  SyncDirectory(dir);
  return Status::Ok();
}

void DiscardTempFile(TempFile* temp) {
  if (temp->fd >= 0) {
    ::close(temp->fd);
    temp->fd = -1;
  }
  if (!temp->path.empty()) {
    ::unlink(temp->path.c_str());
    temp->path.clear();
  }
}

}  // namespace report_internal

Status WriteFileAtomically(const std::string& path, const std::string& text) {
  report_internal::TempFile temp;
  try {
    if (path.empty()) {
      return Status(StatusCode::kInvalidArgument, "", "empty output path");
    }
    Status status = report_internal::CreateTempBeside(path, &temp);
    if (!status.ok()) {
      return status;
    }

    // Write it all, resuming after partial writes and interruptions.
    size_t done = 0;
    while (done < text.size()) {
      const ssize_t written = ::write(temp.fd, text.data() + done, text.size() - done);
      if (written < 0 && errno == EINTR) {
        continue;
      }
      if (written <= 0) {
        const int error = written < 0 ? errno : EIO;
        report_internal::DiscardTempFile(&temp);
        return Status(StatusCode::kIOError, path, ErrnoText(error));
      }
      done += static_cast<size_t>(written);
    }

    return report_internal::CommitTempFile(&temp, path);
  } catch (...) {
    report_internal::DiscardTempFile(&temp);
    return Status(StatusCode::kInternal, path, "out of memory");
  }
}

}  // namespace precheck

#include "apps/hotsox/media.h"

#include "apps/hotsox/jwt.h"
#include "platform/access_log.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace hotsox {

namespace {

std::string random_name() {
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

bool is_stored_name(const std::string& name) {
  if (name.empty() || name.front() == '.' || name.size() > 80) return false;
  for (char c : name) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!allowed) return false;
  }
  return true;
}

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

std::string MediaStore::save(std::string_view content, std::string_view extension) const {
  std::string name = random_name() + "." + std::string(extension);
  const std::string temporary = directory_ + "/.upload-" + random_name();
  const std::string final_path = directory_ + "/" + name;
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create", temporary);
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      errno = saved;
      fail("cannot write", temporary);
    }
    written += static_cast<std::size_t>(n);
  }
  // On disk before it gets its name: a crash leaves a temporary file or a
  // whole picture, never a truncated one under the published name.
  const bool synced = ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!synced || !closed) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    fail("cannot sync", temporary);
  }
  if (::rename(temporary.c_str(), final_path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    fail("cannot rename to", final_path);
  }
  return name;
}

void MediaStore::remove(const std::string& file_name) const {
  if (!is_stored_name(file_name)) return;
  const std::string path = directory_ + "/" + file_name;
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    platform::log_event("error", "cannot remove picture " + path + ": " + std::strerror(errno));
  }
}

std::string media_url(const std::string& file_name) { return std::string(kMediaUrlPrefix) + file_name; }

}  // namespace hotsox

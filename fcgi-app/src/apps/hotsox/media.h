// Picture files in MEDIA_DIR, which NGINX serves at /media/.
#pragma once

#include <string>
#include <string_view>

namespace hotsox {

inline constexpr std::string_view kMediaUrlPrefix = "/media/";

class MediaStore {
 public:
  explicit MediaStore(std::string directory) : directory_(std::move(directory)) {}

  // Writes `content` to a new file named by 16 random bytes (base64url) and
  // `extension`, and returns the name. The bytes go to a temporary name first
  // and are renamed into place once on disk, so the name never holds half a
  // file. Throws std::runtime_error when the file cannot be written.
  std::string save(std::string_view content, std::string_view extension) const;

  // Removes a stored file; one already gone is not an error. Only names
  // save() could have made are touched.
  void remove(const std::string& file_name) const;

 private:
  std::string directory_;
};

std::string media_url(const std::string& file_name);

}  // namespace hotsox

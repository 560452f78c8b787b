#include "jobs/smtp.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace jobs {

namespace {

struct Upload {
  const std::string& data;
  std::size_t sent = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t length = std::min(size * count, upload->data.size() - upload->sent);
  // A part of the message for libcurl, which takes a length: no terminator.
  // NOLINTNEXTLINE(bugprone-not-null-terminated-result)
  std::memcpy(buffer, upload->data.data() + upload->sent, length);
  upload->sent += length;
  return length;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

SmtpSender::SmtpSender(const Settings& settings) : settings_(settings) {}

void SmtpSender::send(const std::string& from_address, const std::string& to_address,
                      const std::string& message) const {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw std::runtime_error("smtp: curl_easy_init failed");
  std::unique_ptr<curl_slist, ListDeleter> recipients(curl_slist_append(nullptr, ("<" + to_address + ">").c_str()));
  Upload upload{message};
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, settings_.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + from_address + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.smtp_timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.smtp_timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  // STARTTLS whenever the server offers it; smtps:// is TLS from the start.
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!settings_.smtp_username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.smtp_username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.smtp_password.c_str());
  }
  const CURLcode result = curl_easy_perform(c);
  if (result != CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    throw std::runtime_error("smtp: " + std::string(error[0] ? error : curl_easy_strerror(result)) +
                             (code ? " (server said " + std::to_string(code) + ")" : ""));
  }
}

}  // namespace jobs

#include "jobs/email.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace jobs {

namespace {

// Header fields never carry a line break of the caller's.
std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return out;
}

bool is_plain_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7f;
  });
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// RFC 2047: "=?UTF-8?B?...?=" words of at most 75 characters, split between
// whole UTF-8 characters, folded onto continuation lines.
std::string encoded_words(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    // 42 bytes: 56 base64 characters, a line of 77 with "Subject: " before it.
    std::size_t end = std::min(text.size(), start + 42);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

// The body with CRLF line ends (bare LF and CR become CRLF).
std::string crlf_lines(std::string_view body) {
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string rfc5322_date(std::time_t now) {
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::array<char, 64> text{};
  std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text.data();
}

}  // namespace

std::string address_of(std::string_view mailbox) {
  const auto open = mailbox.rfind('<');
  const auto close = mailbox.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    return std::string(mailbox.substr(open + 1, close - open - 1));
  }
  return std::string(mailbox);
}

std::string message_id(std::string_view job_id, std::string_view from) {
  const std::string address = address_of(from);
  const auto at = address.rfind('@');
  const std::string domain = at == std::string::npos ? "localhost" : address.substr(at + 1);
  return "<job-" + one_line(job_id) + "@" + one_line(domain) + ">";
}

std::string format_message(const Email& email, std::string_view job_id, std::time_t now) {
  const std::string subject = one_line(email.subject);
  std::string message;
  message += "Message-ID: " + message_id(job_id, email.from) + "\r\n";
  message += "Date: " + rfc5322_date(now) + "\r\n";
  message += "From: " + one_line(email.from) + "\r\n";
  message += "To: " + one_line(email.to) + "\r\n";
  message += "Subject: " + (is_plain_ascii(subject) ? subject : encoded_words(subject)) + "\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=UTF-8\r\n";
  message += "Content-Transfer-Encoding: 8bit\r\n";
  message += "\r\n";
  message += crlf_lines(email.body);
  if (message.size() < 2 || message.compare(message.size() - 2, 2, "\r\n") != 0) message += "\r\n";
  return message;
}

std::chrono::milliseconds retry_delay(int attempts, std::chrono::milliseconds base) {
  constexpr std::chrono::milliseconds kLongest = std::chrono::hours(1);
  std::chrono::milliseconds delay = base;
  for (int i = 1; i < attempts && delay < kLongest; ++i) delay *= 2;
  return std::min(delay, kLongest);
}

}  // namespace jobs

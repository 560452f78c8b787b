// Mail as the jobs worker sends it, and when a failed job is tried again. Pure.
#pragma once

#include <chrono>
#include <ctime>
#include <string>
#include <string_view>

namespace jobs {

struct Email {
  std::string from;  // "Name <address>" or an address
  std::string to;
  std::string subject;
  std::string body;
};

// The address inside "Name <address>" (or the whole text).
std::string address_of(std::string_view mailbox);

// An RFC 5322 message with CRLF line ends: a Message-ID made from the job id
// (the same for every attempt, so a receiver can drop a duplicate), a Date, a
// UTF-8 subject in RFC 2047 encoded words when it is not plain ASCII, and
// headers that no CR or LF in the fields can break.
std::string format_message(const Email& email, std::string_view job_id, std::time_t now);

// The stable Message-ID of a job, e.g. "<job-42@example.com>" (the sender's domain).
std::string message_id(std::string_view job_id, std::string_view from);

// A job that failed `attempts` times (1, 2, ...) is tried again after
// base × 2^(attempts − 1), at most an hour.
std::chrono::milliseconds retry_delay(int attempts, std::chrono::milliseconds base);

inline constexpr int kMaxAttempts = 5;  // then the dead-letter stream

}  // namespace jobs

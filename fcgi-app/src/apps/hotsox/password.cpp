#include "apps/hotsox/password.h"

#include <sodium.h>

#include <stdexcept>

namespace hotsox {

namespace {

// OWASP's argon2id settings of equal strength trade memory for passes; this
// one (7 MiB, 5 passes, 1 lane) costs the least CPU of them here: libsodium
// maps and zeroes the memory for every hash, so 12 MiB and 3 passes took
// 10.7-12.9 ms of CPU a hash against 8.6-8.7 ms (40 hashes of each on
// this machine), and it keeps a hashing worker further under 30 MB, where
// libsodium's "interactive" limits took 64 MiB. A stored hash carries its own
// parameters, so older hashes still verify.
constexpr unsigned long long kPasses = 5;
constexpr std::size_t kMemoryBytes = 7U * 1024U * 1024U;

}  // namespace

std::string hash_password(std::string_view password) {
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(encoded, password.data(), password.size(), kPasses, kMemoryBytes) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  return encoded;
}

bool verify_password(const std::string& encoded_hash, std::string_view password) {
  if (encoded_hash.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

void verify_password_of_nobody(std::string_view password) {
  // Made once per process, with the same parameters as every real hash.
  static const std::string kNobody = hash_password("no account has this password");
  [[maybe_unused]] const int never_matches =
      crypto_pwhash_str_verify(kNobody.c_str(), password.data(), password.size());
}

}  // namespace hotsox

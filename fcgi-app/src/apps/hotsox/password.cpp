#include "apps/hotsox/password.h"

#include <sodium.h>

#include <stdexcept>

namespace hotsox {

namespace {

// OWASP's argon2id settings of equal strength trade memory for passes; this
// one (12 MiB, 3 passes, 1 lane) keeps a worker under 30 MB while a hash runs,
// where libsodium's "interactive" limits took 64 MiB. A stored hash carries
// its own parameters, so older hashes still verify.
constexpr unsigned long long kPasses = 3;
constexpr std::size_t kMemoryBytes = 12U * 1024U * 1024U;

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

#include "platform/admin_auth.h"

#include <sodium.h>

#include <cctype>

namespace platform {

namespace {

// Hashing first makes the comparison length-independent as well as constant-time.
bool same_secret(std::string_view given, std::string_view expected) {
  unsigned char given_hash[crypto_generichash_BYTES];
  unsigned char expected_hash[crypto_generichash_BYTES];
  crypto_generichash(given_hash, sizeof given_hash, reinterpret_cast<const unsigned char*>(given.data()), given.size(),
                     nullptr, 0);
  crypto_generichash(expected_hash, sizeof expected_hash, reinterpret_cast<const unsigned char*>(expected.data()),
                     expected.size(), nullptr, 0);
  return sodium_memcmp(given_hash, expected_hash, sizeof given_hash) == 0;
}

}  // namespace

std::optional<std::string_view> bearer_token(const Request& request) {
  const auto header = request.header("authorization");
  if (!header) return std::nullopt;
  // The scheme is case-insensitive (RFC 9110 11.1), as FastAPI reads it.
  constexpr std::string_view kScheme = "bearer ";
  if (header->size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>((*header)[i])) != kScheme[i]) return std::nullopt;
  }
  return header->substr(kScheme.size());
}

void require_admin(const Request& request, const Config& config) {
  const auto token = bearer_token(request);
  if (!token) {
    throw HttpError(401, "unauthorized", "An admin token is required: Authorization: Bearer <token>")
        .with_header("WWW-Authenticate", "Bearer");
  }
  if (config.admin_token.empty() || !same_secret(*token, config.admin_token)) {
    throw HttpError(403, "forbidden", "This token may not use the admin API");
  }
}

}  // namespace platform

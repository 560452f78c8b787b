// Password hashes: argon2id through libsodium, 12 MiB and 3 passes (about
// 30 ms on this class of machine; password.cpp says why).
#pragma once

#include <string>
#include <string_view>

namespace hotsox {

// An encoded "$argon2id$..." string with its own random salt and parameters.
// Throws std::runtime_error when the memory cannot be had.
std::string hash_password(std::string_view password);

// True when `password` matches `encoded_hash`. An empty or foreign hash never matches.
bool verify_password(const std::string& encoded_hash, std::string_view password);

// Costs what verify_password costs and always fails: run for an unknown
// username so that a login's duration does not say whether the name exists.
void verify_password_of_nobody(std::string_view password);

}  // namespace hotsox

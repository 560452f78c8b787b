// `fcgi-app seed github`'s bulk load: the profiles replace the table's in one
// swap, with COPY, indexes built after the load and the term counts for search.
#pragma once

#include "apps/github/profile.h"

#include <string>
#include <vector>

namespace commands {

// Replaces every GitHub profile with `profiles`; the previous ones stay when
// it throws. Returns how long each step took, for the summary line.
std::string replace_profiles(const std::string& database_url, const std::vector<github::Profile>& profiles);

}  // namespace commands

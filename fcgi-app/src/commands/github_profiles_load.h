// `fcgi-app seed github`'s bulk load: the profiles replace the table's in one
// swap, with COPY, indexes built after the load and the term counts for search.
#pragma once

#include "commands/github_profile_rows.h"

#include <string>

namespace commands {

// Replaces every GitHub profile with `rows`; the previous ones stay when it
// throws. Returns how long each step took, for the summary line.
std::string replace_profiles(const std::string& database_url, ProfileRows& rows);

}  // namespace commands

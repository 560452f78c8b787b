// Choosing the next phrase and making it the current one (SPEC.md § PhGen).
// The pick comes from the worker's copy of the table (phrase_memory.h) when
// it has one, from PostgreSQL otherwise; the swap into KeyDB happens only
// while the table's version token is still the one the pick was made under,
// so a phrase deleted meanwhile never becomes current.
#pragma once

#include "apps/phgen/phrase_choice.h"
#include "platform/errors.h"
#include "platform/task.h"
#include "server/context.h"

#include <optional>
#include <string>
#include <string_view>

namespace store {
class PipelinedDatabase;
class PipelinedKeyDb;
}  // namespace store

namespace phgen {

inline constexpr std::string_view kCurrentPhraseKey = "current_phrase";
// A random token, replaced after every write to the phrases table.
inline constexpr std::string_view kPhrasesVersionKey = "phrases_version";

// The 404 of an empty table, readable from any origin like the public endpoints.
platform::HttpError no_phrases();

// A random phrase of the table, now the current one. Throws no_phrases(), or
// platform::DependencyError when KeyDB or PostgreSQL cannot be reached.
platform::Task<Phrase> swap_in_next_phrase(server::Context& context);

// A pick in PostgreSQL (next_phrase_probes), other than `current` unless it
// is the only phrase. Throws no_phrases() on an empty table.
platform::Task<Phrase> next_phrase_from_database(store::PipelinedDatabase& db, std::optional<std::string> current);

// A new version token: every worker's copy of the table is read again before
// its next pick, and a swap guarded by an older token fails.
platform::Task<void> renew_phrases_version(store::PipelinedKeyDb& cache);

}  // namespace phgen

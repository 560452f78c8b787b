#include "apps/phgen/phrase_swap.h"

#include "apps/phgen/cors.h"
#include "apps/phgen/phrase_memory.h"
#include "apps/phgen/phrase_store.h"
#include "platform/dependency.h"
#include "store/pipelined_database.h"
#include "store/pipelined_keydb.h"

#include <sodium.h>

#include <array>

namespace phgen {

namespace {

// A version whose swaps keep failing is changing all the time (an admin
// script adding phrases in a loop): a few attempts, then a 503.
constexpr int kSwapAttempts = 4;

double random_fraction() { return static_cast<double>(randombytes_random()) / 4294967296.0; }

std::string new_token() {
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 2 * bytes.size() + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return {hex.data(), 2 * bytes.size()};
}

std::optional<std::string_view> view_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return *text;
}

// The table's version token, made when missing (KeyDB restarted empty):
// random, so a token from before can never come back and revive an old copy.
// Read on the pipelined connection, not the near cache: only a worker without
// a fresh copy asks, and the near cache's blocking reconnect could hold the
// worker on a hung KeyDB.
platform::Task<std::string> phrases_version(store::PipelinedKeyDb& cache) {
  const std::string key(kPhrasesVersionKey);
  if (auto version = co_await cache.get(key)) co_return std::move(*version);
  std::string token = new_token();
  if (co_await cache.set_if_absent(key, token)) co_return token;
  if (auto version = co_await cache.get(key)) co_return std::move(*version);  // another worker made it first
  throw platform::DependencyError(platform::Dependency::kKeyDb, "the phrases' version token disappears");
}

// The table at `version` (nullopt: the token KeyDB holds now): the worker's
// copy when it is of that version, read otherwise. The rows are read after
// the token was, so they hold every write before the token was replaced.
platform::Task<PhraseCopy> copy_at(server::Context& context, std::optional<std::string> version) {
  if (!version) version = co_await phrases_version(context.pipelined_cache);
  PhraseMemory& memory = context.state<PhraseMemory>();
  if (auto copy = memory.fresh(PhraseMemory::Clock::now()); copy && copy->version == *version) co_return *copy;
  std::vector<Phrase> rows =
      co_await all_phrases_within(context.pipelined_db, kMaxRememberedPhrases, kMaxRememberedBytes);
  co_return memory.remember(std::move(*version), std::move(rows), PhraseMemory::Clock::now());
}

platform::Task<Phrase> pick(server::Context& context, const PhraseCopy& copy, std::optional<std::string> current) {
  if (!copy.phrases) co_return co_await next_phrase_from_database(context.pipelined_db, std::move(current));
  auto phrase = choose_next_phrase(*copy.phrases, view_of(current), random_fraction());
  if (!phrase) throw no_phrases();  // a kept copy is never empty
  co_return std::move(*phrase);
}

}  // namespace

platform::HttpError no_phrases() {
  return platform::HttpError(404, "no_phrases", "No phrases in the database")
      .with_header("Access-Control-Allow-Origin", kAllowAnyOrigin);
}

platform::Task<Phrase> next_phrase_from_database(store::PipelinedDatabase& db, std::optional<std::string> current) {
  // The probes keep a view of the excluded text: `current` outlives them here.
  for (const PhraseProbe& probe : next_phrase_probes(view_of(current), random_fraction())) {
    if (auto phrase = co_await first_from(db, probe.fraction, probe.excluded)) co_return std::move(*phrase);
  }
  throw no_phrases();
}

platform::Task<Phrase> swap_in_next_phrase(server::Context& context) {
  store::PipelinedKeyDb& cache = context.pipelined_cache;
  const std::string key(kCurrentPhraseKey);
  const std::string version_key(kPhrasesVersionKey);
  std::optional<PhraseCopy> copy = context.state<PhraseMemory>().fresh(PhraseMemory::Clock::now());
  for (int attempt = 0; attempt < kSwapAttempts; ++attempt) {
    if (!copy) copy = co_await copy_at(context, std::nullopt);
    // One round trip to KeyDB, not two: pick without knowing the current
    // phrase, swap in one atomic SET ... GET, and only when the pick was the
    // phrase it replaced pick again without it (repeats only when alone).
    Phrase phrase = co_await pick(context, *copy, std::nullopt);
    auto swapped = co_await cache.exchange_while(key, phrase.text, version_key, copy->version);
    if (swapped.done && swapped.previous == phrase.text) {
      phrase = co_await pick(context, *copy, phrase.text);
      swapped = co_await cache.exchange_while(key, phrase.text, version_key, copy->version);
    }
    if (swapped.done) co_return phrase;
    // The table changed after the copy's token was read: the pick may be a
    // deleted phrase. Pick again from the table at the token KeyDB holds now.
    copy = co_await copy_at(context, std::move(swapped.guard));
  }
  throw platform::DependencyError(platform::Dependency::kKeyDb, "the phrases changed during every swap");
}

platform::Task<void> renew_phrases_version(store::PipelinedKeyDb& cache) {
  co_await cache.set(std::string(kPhrasesVersionKey), new_token());
}

}  // namespace phgen

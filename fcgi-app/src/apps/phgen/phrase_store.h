// PhGen's SQL: the phrases table behind named prepared statements.
#pragma once

#include "apps/phgen/phrase_choice.h"
#include "platform/task.h"
#include "store/database.h"
#include "store/pipelined_database.h"

#include <cstddef>
#include <vector>

namespace phgen {

std::vector<store::Statement> statements();

// On the pipelined connection (asynchronous handlers): one statement each.
class PhraseStore {
 public:
  explicit PhraseStore(store::PipelinedDatabase& db) : db_(db) {}

  platform::Task<std::optional<Phrase>> find(long long id);
  // nullopt when the phrase already exists.
  platform::Task<std::optional<Phrase>> insert(std::string text);
  platform::Task<bool> remove(long long id);
  platform::Task<std::vector<Phrase>> list(long long limit, long long offset);
  platform::Task<long long> count();

 private:
  store::PipelinedDatabase& db_;
};

// The phrase with the smallest id at or after the point `fraction` of the
// way through the id range, skipping `excluded` (PhraseSource::first_from).
platform::Task<std::optional<Phrase>> first_from(store::PipelinedDatabase& db, double fraction,
                                                 std::optional<std::string_view> excluded);

// Every phrase in id order when there are at most `max_count`, of at most
// `max_bytes` of text in all; none otherwise. One statement: one snapshot.
platform::Task<std::vector<Phrase>> all_phrases_within(store::PipelinedDatabase& db, std::size_t max_count,
                                                       std::size_t max_bytes);

}  // namespace phgen

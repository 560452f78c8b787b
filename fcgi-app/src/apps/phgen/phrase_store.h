// PhGen's SQL: the phrases table behind named prepared statements.
#pragma once

#include "apps/phgen/phrase_choice.h"
#include "platform/task.h"
#include "store/database.h"
#include "store/pipelined_database.h"

#include <vector>

namespace phgen {

std::vector<store::Statement> statements();

class PhraseStore : public PhraseSource {
 public:
  explicit PhraseStore(store::Database& db) : db_(db) {}

  std::optional<Phrase> first_from(double fraction, std::optional<std::string_view> excluded) override;
  std::optional<Phrase> find(long long id);
  // nullopt when the phrase already exists.
  std::optional<Phrase> insert(std::string_view text);
  bool remove(long long id);
  std::vector<Phrase> list(long long limit, long long offset);
  long long count();

 private:
  store::Database& db_;
};

// PhraseStore::first_from on the pipelined connection, for asynchronous handlers.
platform::Task<std::optional<Phrase>> first_from(store::PipelinedDatabase& db, double fraction,
                                                 std::optional<std::string_view> excluded);

}  // namespace phgen

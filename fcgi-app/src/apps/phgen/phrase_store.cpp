#include "apps/phgen/phrase_store.h"

#include <charconv>

namespace phgen {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kFirstFrom{"phgen_first_from"};
constexpr store::StatementName kFind{"phgen_find"};
constexpr store::StatementName kInsert{"phgen_insert"};
constexpr store::StatementName kDelete{"phgen_delete"};
constexpr store::StatementName kList{"phgen_list"};
constexpr store::StatementName kCount{"phgen_count"};
constexpr store::StatementName kAllWithin{"phgen_all_within"};

namespace {

std::string shortest_text(double number) {
  char text[32];
  return std::string(text, std::to_chars(text, text + sizeof text, number).ptr);  // exact, shortest
}

std::optional<Phrase> first_phrase(const store::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return Phrase{rows.integer(0, 0), std::string(rows.text(0, 1))};
}

std::vector<Phrase> phrases_of(const store::Rows& rows) {
  std::vector<Phrase> phrases;
  phrases.reserve(static_cast<std::size_t>(rows.size()));
  for (int row = 0; row < rows.size(); ++row)
    phrases.push_back(Phrase{rows.integer(row, 0), std::string(rows.text(row, 1))});
  return phrases;
}

}  // namespace

std::vector<store::Statement> statements() {
  return {
      // The probe point is computed from min/max, both answered by the index on id.
      {kFirstFrom,
       "SELECT id, phrase FROM phrases"
       " WHERE id >= (SELECT min(id) + floor($1::float8 * (max(id) - min(id) + 1))::bigint FROM phrases)"
       " AND phrase IS DISTINCT FROM NULLIF($2::text, '')"
       " ORDER BY id LIMIT 1"},
      // The id as bigint: one past the column's integer range is absent, not an error.
      {kFind, "SELECT id, phrase FROM phrases WHERE id = $1::bigint"},
      // Unique by digest (migration 090): a phrase of any length fits the index.
      {kInsert,
       "INSERT INTO phrases (phrase) VALUES ($1) ON CONFLICT ((phrase_digest(phrase))) DO NOTHING RETURNING id, "
       "phrase"},
      {kDelete, "DELETE FROM phrases WHERE id = $1::bigint"},
      {kList, "SELECT id, phrase FROM phrases ORDER BY id LIMIT $1 OFFSET $2"},
      {kCount, "SELECT count(*) FROM phrases"},
      // The size check reads at most $1 + 1 rows, so a large table costs little to refuse.
      {kAllWithin,
       "SELECT id, phrase FROM phrases"
       " WHERE (SELECT count(*) <= $1::bigint AND coalesce(sum(octet_length(phrase)), 0) <= $2::bigint"
       "        FROM (SELECT phrase FROM phrases LIMIT $1::bigint + 1) AS bounded)"
       " ORDER BY id"},
  };
}

platform::Task<std::optional<Phrase>> first_from(store::PipelinedDatabase& db, double fraction,
                                                 std::optional<std::string_view> excluded) {
  const store::Rows rows = co_await db.read(kFirstFrom, shortest_text(fraction), excluded.value_or(""));
  co_return first_phrase(rows);
}

platform::Task<std::optional<Phrase>> PhraseStore::find(long long id) {
  const store::Rows rows = co_await db_.read(kFind, std::to_string(id));
  co_return first_phrase(rows);
}

platform::Task<std::optional<Phrase>> PhraseStore::insert(std::string text) {
  const store::Rows rows = co_await db_.write(kInsert, text);
  co_return first_phrase(rows);
}

platform::Task<bool> PhraseStore::remove(long long id) {
  const store::Rows rows = co_await db_.write(kDelete, std::to_string(id));
  co_return rows.affected() > 0;
}

platform::Task<std::vector<Phrase>> PhraseStore::list(long long limit, long long offset) {
  const store::Rows rows = co_await db_.read(kList, std::to_string(limit), std::to_string(offset));
  co_return phrases_of(rows);
}

platform::Task<std::vector<Phrase>> all_phrases_within(store::PipelinedDatabase& db, std::size_t max_count,
                                                       std::size_t max_bytes) {
  const store::Rows rows = co_await db.read(kAllWithin, std::to_string(max_count), std::to_string(max_bytes));
  co_return phrases_of(rows);
}

platform::Task<long long> PhraseStore::count() {
  const store::Rows rows = co_await db_.read(kCount);
  co_return rows.integer(0, 0);
}

}  // namespace phgen

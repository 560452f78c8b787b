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

namespace {

std::string shortest_text(double number) {
  char text[32];
  return std::string(text, std::to_chars(text, text + sizeof text, number).ptr);  // exact, shortest
}

std::optional<Phrase> first_phrase(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return Phrase{rows[0][0].as<long long>(), rows[0][1].as<std::string>()};
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
      {kFind, "SELECT id, phrase FROM phrases WHERE id = $1"},
      // Unique by digest (migration 090): a phrase of any length fits the index.
      {kInsert,
       "INSERT INTO phrases (phrase) VALUES ($1) ON CONFLICT ((phrase_digest(phrase))) DO NOTHING RETURNING id, "
       "phrase"},
      {kDelete, "DELETE FROM phrases WHERE id = $1"},
      {kList, "SELECT id, phrase FROM phrases ORDER BY id LIMIT $1 OFFSET $2"},
      {kCount, "SELECT count(*) FROM phrases"},
  };
}

std::optional<Phrase> PhraseStore::first_from(double fraction, std::optional<std::string_view> excluded) {
  const std::string excluded_text(excluded.value_or(""));
  return db_.read(
      [&](pqxx::nontransaction& tx) { return first_phrase(tx.exec_prepared(kFirstFrom, fraction, excluded_text)); });
}

platform::Task<std::optional<Phrase>> first_from(store::PipelinedDatabase& db, double fraction,
                                                 std::optional<std::string_view> excluded) {
  const store::Rows rows = co_await db.read(kFirstFrom, shortest_text(fraction), excluded.value_or(""));
  if (rows.empty()) co_return std::nullopt;
  co_return Phrase{rows.integer(0, 0), std::string(rows.text(0, 1))};
}

std::optional<Phrase> PhraseStore::find(long long id) {
  return db_.read([&](pqxx::nontransaction& tx) { return first_phrase(tx.exec_prepared(kFind, id)); });
}

std::optional<Phrase> PhraseStore::insert(std::string_view text) {
  const std::string phrase(text);
  return db_.write([&](pqxx::work& tx) { return first_phrase(tx.exec_prepared(kInsert, phrase)); });
}

bool PhraseStore::remove(long long id) {
  return db_.write([&](pqxx::work& tx) { return tx.exec_prepared(kDelete, id).affected_rows() > 0; });
}

std::vector<Phrase> PhraseStore::list(long long limit, long long offset) {
  return db_.read([&](pqxx::nontransaction& tx) {
    std::vector<Phrase> phrases;
    for (const auto& row : tx.exec_prepared(kList, limit, offset)) {
      phrases.push_back(Phrase{row[0].as<long long>(), row[1].as<std::string>()});
    }
    return phrases;
  });
}

long long PhraseStore::count() {
  return db_.read([](pqxx::nontransaction& tx) { return tx.exec_prepared(kCount)[0][0].as<long long>(); });
}

}  // namespace phgen

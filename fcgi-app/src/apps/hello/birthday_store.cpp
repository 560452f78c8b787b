#include "apps/hello/birthday_store.h"

namespace hello {

std::vector<store::Statement> statements() {
  return {
      {"hello_save",
       "INSERT INTO hello_birthdays (username, birthday) VALUES ($1, $2::date)"
       " ON CONFLICT (username) DO UPDATE SET birthday = EXCLUDED.birthday"},
      {"hello_find", "SELECT to_char(birthday, 'YYYY-MM-DD') FROM hello_birthdays WHERE username = $1"},
  };
}

void BirthdayStore::save(const std::string& username, const platform::Date& birthday) {
  const std::string date = platform::format_iso_date(birthday);
  db_.write([&](pqxx::work& tx) { tx.exec_prepared("hello_save", username, date); });
}

std::optional<platform::Date> BirthdayStore::find(const std::string& username) {
  const auto rows = db_.read([&](pqxx::nontransaction& tx) { return tx.exec_prepared("hello_find", username); });
  if (rows.empty()) return std::nullopt;
  return platform::parse_iso_date(rows[0][0].as<std::string>());
}

}  // namespace hello

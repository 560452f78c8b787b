#include "apps/hello/birthday_store.h"

namespace hello {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kSave{"hello_save"};
constexpr store::StatementName kFind{"hello_find"};

std::vector<store::Statement> statements() {
  return {
      {kSave,
       "INSERT INTO hello_birthdays (username, birthday) VALUES ($1, $2::date)"
       " ON CONFLICT (username) DO UPDATE SET birthday = EXCLUDED.birthday"},
      {kFind, "SELECT to_char(birthday, 'YYYY-MM-DD') FROM hello_birthdays WHERE username = $1"},
  };
}

platform::Task<void> save_birthday(store::PipelinedDatabase& db, std::string username, platform::Date birthday) {
  const std::string date = platform::format_iso_date(birthday);
  co_await db.write(kSave, username, date);
}

platform::Task<std::optional<platform::Date>> find_birthday(store::PipelinedDatabase& db, std::string username) {
  const store::Rows rows = co_await db.read(kFind, username);
  if (rows.empty()) co_return std::nullopt;
  co_return platform::parse_iso_date(rows.text(0, 0));
}

}  // namespace hello

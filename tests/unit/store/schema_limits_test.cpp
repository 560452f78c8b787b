// Every validated text field against its column (issue 18 item 2): a value the
// validator lets through must fit its VARCHAR(n), or PostgreSQL refuses it and
// the client gets a 500 instead of the field's 400. The schema is read from the
// migrations compiled into the binary, so a migration that narrows a column, or
// a validator that is widened, fails here; so does a new VARCHAR column that
// nobody has listed below with the limit that guards it.
#include "apps/hello/birthday.h"
#include "apps/hotsox/account_input.h"
#include "apps/hotsox/field_limits.h"
#include "apps/hotsox/sock_input.h"
#include "apps/users/user_input.h"
#include "store/migrations.h"

#include <boost/test/unit_test.hpp>

#include <cctype>
#include <cstddef>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

// table -> column -> VARCHAR length (nullopt: another type, unbounded or not text).
using Schema = std::map<std::string, std::map<std::string, std::optional<std::size_t>>>;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Comments dropped and every run of white space one space, so a definition is one line.
std::string without_comments(const std::string& sql) {
  static const std::regex comment("--[^\n]*");
  static const std::regex space(R"(\s+)");
  return std::regex_replace(std::regex_replace(sql, comment, ""), space, " ");
}

// The items of a list separated by commas outside parentheses.
std::vector<std::string> top_level_items(const std::string& text) {
  std::vector<std::string> items(1);
  int depth = 0;
  for (const char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      items.emplace_back();
    } else {
      items.back().push_back(c);
    }
  }
  return items;
}

std::optional<std::size_t> varchar_length(const std::string& type) {
  static const std::regex varchar(R"(^\s*(varchar|character varying)\s*\(\s*(\d+)\s*\))");
  std::smatch match;
  if (!std::regex_search(type, match, varchar)) return std::nullopt;
  return std::stoul(match[2]);
}

// "name TYPE ..." -> {name, length}; nullopt for a table constraint.
std::optional<std::pair<std::string, std::optional<std::size_t>>> column_definition(const std::string& item) {
  static const std::regex definition(R"(^\s*(\w+)\s+(.*)$)");
  static const std::set<std::string> constraints = {"constraint", "check", "unique", "primary", "foreign", "exclude"};
  std::smatch match;
  if (!std::regex_search(item, match, definition) || constraints.count(match[1].str()) != 0) return std::nullopt;
  return std::make_pair(match[1].str(), varchar_length(match[2].str()));
}

std::size_t closing_parenthesis(const std::string& text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth == 0) return i;
  }
  return std::string::npos;
}

void apply(Schema& schema, const std::string& migration) {
  const std::string sql = lower(without_comments(migration));
  static const std::regex create(R"(create\s+table\s+(?:if\s+not\s+exists\s+)?(\w+)\s*\()");
  for (std::sregex_iterator it(sql.begin(), sql.end(), create), end; it != end; ++it) {
    const std::size_t open = static_cast<std::size_t>(it->position(0) + it->length(0) - 1);
    const std::size_t close = closing_parenthesis(sql, open);
    BOOST_REQUIRE(close != std::string::npos);
    auto& table = schema[(*it)[1].str()];
    for (const auto& item : top_level_items(sql.substr(open + 1, close - open - 1))) {
      if (auto column = column_definition(item)) table[column->first] = column->second;
    }
  }
  static const std::regex alter(R"(alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(\w+)\s+([^;]*);)");
  static const std::regex add(R"(^\s*add\s+column\s+(?:if\s+not\s+exists\s+)?(.*)$)");
  static const std::regex retype(R"(^\s*alter\s+(?:column\s+)?(\w+)\s+(?:set\s+data\s+)?type\s+(.*)$)");
  static const std::regex drop(R"(^\s*drop\s+(?:column\s+)?(?:if\s+exists\s+)?(\w+))");
  for (std::sregex_iterator it(sql.begin(), sql.end(), alter), end; it != end; ++it) {
    auto& table = schema[(*it)[1].str()];
    for (const auto& action : top_level_items((*it)[2].str())) {
      std::smatch match;
      if (std::regex_search(action, match, add)) {
        if (auto column = column_definition(match[1].str())) table[column->first] = column->second;
      } else if (std::regex_search(action, match, retype)) {
        table[match[1].str()] = varchar_length(match[2].str());
      } else if (std::regex_search(action, match, drop)) {
        table.erase(match[1].str());
      }
    }
  }
}

Schema schema_of_migrations() {
  Schema schema;
  for (const auto& migration : store::embedded_migrations()) apply(schema, migration.sql);
  return schema;
}

struct ValidatedColumn {
  std::string table;
  std::string column;
  std::size_t max_length;  // the most characters its validator lets through
};

// Every column a request's text reaches, with the limit its validator applies.
const std::vector<ValidatedColumn>& validated_columns() {
  static const std::vector<ValidatedColumn> columns = {
      {"registry_users", "username", users::kMaxUsernameLength},
      {"hello_birthdays", "username", hello::kMaxUsernameLength},
      {"hotsox_users", "username", hotsox::kMaxUsernameLength},
      {"hotsox_users", "email", hotsox::kMaxEmailLength},
      {"hotsox_users", "first_name", hotsox::kMaxNameLength},
      {"hotsox_users", "last_name", hotsox::kMaxNameLength},
      {"hotsox_users", "info_about", hotsox::kMaxAboutLength},
      {"hotsox_users", "location_city", hotsox::kMaxCityLength},
      {"hotsox_users", "social_instagram", hotsox::kMaxUrlLength},
      {"hotsox_users", "social_facebook", hotsox::kMaxUrlLength},
      {"hotsox_users", "social_twitter", hotsox::kMaxUrlLength},
      {"hotsox_users", "social_spotify", hotsox::kMaxUrlLength},
      {"hotsox_socks", "info_name", hotsox::kMaxSockNameLength},
      {"hotsox_socks", "info_about", hotsox::kMaxSockAboutLength},
      {"hotsox_socks", "info_special", hotsox::kMaxSpecialLength},
      {"hotsox_chats", "message", hotsox::kMaxChatLength},
      {"hotsox_mails", "subject", hotsox::kMaxMailSubjectLength},
      {"hotsox_mails", "message", hotsox::kMaxMailMessageLength},
  };
  return columns;
}

// VARCHAR columns no request text reaches: the server writes them.
const std::set<std::pair<std::string, std::string>> kServerWritten = {
    {"hotsox_pictures", "file_name"},  // a random name the app makes
};

}  // namespace

BOOST_AUTO_TEST_SUITE(schema_limits)

BOOST_AUTO_TEST_CASE(the_migrations_parse_into_known_columns) {
  const Schema schema = schema_of_migrations();
  BOOST_TEST(schema.at("hotsox_users").at("social_instagram").value_or(0) == 255U);  // widened by ALTER TABLE
  BOOST_TEST(schema.at("hotsox_socks").count("picture_count") == 1U);                // added by ALTER TABLE
  BOOST_TEST(!schema.at("hotsox_users").at("info_about").has_value());               // TEXT
}

BOOST_AUTO_TEST_CASE(every_validated_field_fits_its_column) {
  const Schema schema = schema_of_migrations();
  for (const auto& [table, column, max_length] : validated_columns()) {
    const std::string name = table + "." + column;
    BOOST_TEST_CONTEXT(name) {
      BOOST_REQUIRE_MESSAGE(schema.count(table) == 1 && schema.at(table).count(column) == 1,
                            name << " is not in the schema");
      const auto length = schema.at(table).at(column);
      if (length)
        BOOST_TEST(max_length <= *length, name << ": validator allows " << max_length << ", column " << *length);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_varchar_column_has_a_validator_or_is_server_written) {
  std::set<std::pair<std::string, std::string>> listed(kServerWritten);
  for (const auto& entry : validated_columns()) listed.emplace(entry.table, entry.column);
  for (const auto& [table, columns] : schema_of_migrations()) {
    for (const auto& [column, length] : columns) {
      if (length)
        BOOST_TEST(listed.count({table, column}) == 1U,
                   table << "." << column << " VARCHAR(" << *length << ") has no validator listed here");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

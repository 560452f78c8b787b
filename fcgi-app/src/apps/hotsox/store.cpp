#include "apps/hotsox/store.h"

#include "apps/hotsox/store_rows.h"

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace hotsox {

std::vector<store::Statement> statements() {
  std::vector<store::Statement> all = account_statements();
  for (auto* more : {sock_statements, picture_statements}) {
    for (store::Statement& statement : more()) all.push_back(std::move(statement));
  }
  return all;
}

std::optional<std::string> number_text(const std::optional<double>& value) {
  if (!value) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", *value);
  return std::string(buffer);
}

std::optional<double> optional_number(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  const std::string_view text(field.c_str(), field.size());
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    throw std::runtime_error("unexpected number from PostgreSQL: " + std::string(text));
  }
  return value;
}

std::optional<long long> optional_id(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<long long>();
}

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

platform::Date date_of(const pqxx::field& field) {
  const auto date = platform::parse_iso_date(field.as<std::string>());
  if (!date) throw std::runtime_error("unexpected date from PostgreSQL: " + field.as<std::string>());
  return *date;
}

std::string id_array(const std::vector<long long>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

std::vector<std::string> file_names(const pqxx::result& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row[0].as<std::string>());
  return out;
}

}  // namespace hotsox

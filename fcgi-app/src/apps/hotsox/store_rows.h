// What HotSox's account, sock and picture stores share: the statements of
// each, and reading and writing the values of their rows.
#pragma once

#include "platform/calendar.h"
#include "store/database.h"

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

namespace hotsox {

std::vector<store::Statement> account_statements();
std::vector<store::Statement> sock_statements();
std::vector<store::Statement> picture_statements();

// A text parameter that may be NULL.
inline const char* nullable(const std::optional<std::string>& value) { return value ? value->c_str() : nullptr; }

// Every digit a double has, as PostgreSQL reads it back unchanged.
std::optional<std::string> number_text(const std::optional<double>& value);
// A double precision column (nullopt for NULL). Not field::as<double>():
// libpqxx 6.4 converts floating point through one stream that every thread
// shares, and the transaction pool's threads read accounts too.
std::optional<double> optional_number(const pqxx::field& field);

std::optional<std::string> optional_text(const pqxx::field& field);
std::optional<long long> optional_id(const pqxx::field& field);
platform::Date date_of(const pqxx::field& field);

// A PostgreSQL array literal of ids, for "= ANY($1::bigint[])".
std::string id_array(const std::vector<long long>& ids);

// The first column of each row: the files a delete leaves behind.
std::vector<std::string> file_names(const pqxx::result& rows);

}  // namespace hotsox

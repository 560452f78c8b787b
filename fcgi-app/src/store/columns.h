// The values of a row to write, each named by its column: a statement's
// column list and its parameters come from the same list, so no value can
// land in another column, and the reader reads the same names (row["name"]).
#pragma once

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace store {

struct ColumnValue {
  ColumnValue(const char* column_name, std::string value) : column(column_name), text(std::move(value)) {}
  ColumnValue(const char* column_name, std::optional<std::string> value)
      : column(column_name), text(std::move(value)) {}
  // Whole numbers and flags as libpqxx sends them. Not floating point:
  // libpqxx 6.4 converts it through one stream that every thread shares.
  template <typename Number>
  requires std::is_integral_v<Number> ColumnValue(const char* column_name, Number value)
      : column(column_name), text(pqxx::to_string(value)) {}

  const char* column;
  std::optional<std::string> text;  // nullopt: NULL
};
using ColumnValues = std::vector<ColumnValue>;

// "a, b, c": the columns, in the order of their values.
std::string column_names(const ColumnValues& values);

// "$first, $first+1, …": one parameter per value, numbered from `first`.
std::string placeholders(const ColumnValues& values, int first);

// The values as statement parameters (a null pointer for NULL), valid while
// `values` is: tx.exec_prepared(name, …, pqxx::prepare::make_dynamic_params(parameters(values))).
std::vector<const char*> parameters(const ColumnValues& values);

}  // namespace store

#include "store/columns.h"

namespace store {

std::string column_names(const ColumnValues& values) {
  std::string out;
  for (const ColumnValue& value : values) {
    if (!out.empty()) out += ", ";
    out += value.column;
  }
  return out;
}

std::string placeholders(const ColumnValues& values, int first) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += "$" + std::to_string(first + static_cast<int>(i));
  }
  return out;
}

std::vector<const char*> parameters(const ColumnValues& values) {
  std::vector<const char*> out;
  out.reserve(values.size());
  for (const ColumnValue& value : values) out.push_back(value.text ? value.text->c_str() : nullptr);
  return out;
}

}  // namespace store

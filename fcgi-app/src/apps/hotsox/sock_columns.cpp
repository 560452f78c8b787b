#include "apps/hotsox/sock_columns.h"

#include <iterator>
#include <stdexcept>
#include <type_traits>

namespace hotsox {

namespace {

// A column and the member of SockNumbers it fills: the list and its reader are one table.
struct Column {
  const char* sql;
  void (*assign)(long long value, SockNumbers& numbers);
};

// Every column is a whole number; the member may be narrower (SMALLINT columns).
template <auto kMember>
void read_into(long long value, SockNumbers& numbers) {
  numbers.*kMember = static_cast<std::remove_reference_t<decltype(numbers.*kMember)>>(value);
}

constexpr Column kColumns[] = {
    {"s.id", read_into<&SockNumbers::id>},
    {"s.owner_id", read_into<&SockNumbers::owner_id>},
    {"s.info_color", read_into<&SockNumbers::color>},
    {"s.info_size", read_into<&SockNumbers::size>},
    {"s.info_type", read_into<&SockNumbers::type>},
    {"s.info_fabric", read_into<&SockNumbers::fabric>},
    {"s.info_condition", read_into<&SockNumbers::condition>},
    {"s.info_holes", read_into<&SockNumbers::holes>},
    {"s.info_age", read_into<&SockNumbers::age>},
    {"s.info_fabric_thickness", read_into<&SockNumbers::fabric_thickness>},
    {"s.info_kilometers", read_into<&SockNumbers::kilometers>},
    {"s.info_inoutdoor", read_into<&SockNumbers::inoutdoor>},
    {"s.info_washed", read_into<&SockNumbers::washed>},
    {"s.info_brand", read_into<&SockNumbers::brand>},
    {"s.info_joining_date - date '1970-01-01'", read_into<&SockNumbers::joining_day>},
    {"s.info_separation_date - date '1970-01-01'", read_into<&SockNumbers::separation_day>},
};
static_assert(std::size(kColumns) == kSockNumberColumnCount);

}  // namespace

std::string sock_number_columns() {
  std::string list;
  for (const Column& column : kColumns) list += (list.empty() ? "" : ", ") + std::string(column.sql);
  return list;
}

SockNumbers sock_numbers_of(const pqxx::row& row) {
  SockNumbers numbers;
  for (pqxx::row::size_type i = 0; i < kSockNumberColumnCount; ++i) kColumns[i].assign(row[i].as<long long>(), numbers);
  return numbers;
}

SockNumbers sock_numbers_of(const store::Rows& rows, int row) {
  SockNumbers numbers;
  for (int i = 0; i < static_cast<int>(kSockNumberColumnCount); ++i) {
    if (rows.null(row, i)) throw std::runtime_error("a sock's number is NULL");
    kColumns[i].assign(rows.integer(row, i), numbers);
  }
  return numbers;
}

}  // namespace hotsox

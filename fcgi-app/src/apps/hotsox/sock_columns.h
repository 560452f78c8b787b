// The columns of a sock that SockNumbers (similarity.h) holds: one list for
// every statement that reads them (the swipe store's traits, the sock index)
// and the one reader of their rows, so that the two cannot drift apart.
#pragma once

#include "apps/hotsox/similarity.h"
#include "store/pipelined_database.h"

#include <pqxx/row>

#include <string>

namespace hotsox {

// "s.id, s.owner_id, s.info_color, ...": the numbers of sock `s` (FROM
// hotsox_socks s), dates as days since 1970-01-01. A statement's own columns
// come after them, from index kSockNumberColumnCount on.
std::string sock_number_columns();
inline constexpr pqxx::row::size_type kSockNumberColumnCount = 16;

// The numbers in the first kSockNumberColumnCount columns of a row selected
// with sock_number_columns().
SockNumbers sock_numbers_of(const pqxx::row& row);
// The same of row `row` of a pipelined read (std::runtime_error for a NULL or a non-integer).
SockNumbers sock_numbers_of(const store::Rows& rows, int row);

}  // namespace hotsox

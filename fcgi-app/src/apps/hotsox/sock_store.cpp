// Socks: hotsox_socks and the judgements each sock made.
#include "apps/hotsox/outbox.h"
#include "apps/hotsox/store.h"
#include "apps/hotsox/store_rows.h"
#include "platform/text.h"
#include "store/columns.h"

#include <stdexcept>
#include <string_view>

namespace hotsox {

constexpr store::StatementName kSockFind{"hotsox_sock_find"};
constexpr store::StatementName kSockFindAny{"hotsox_sock_find_any"};
constexpr store::StatementName kSockShown{"hotsox_sock_shown"};
constexpr store::StatementName kSockLikes{"hotsox_sock_likes"};
constexpr store::StatementName kSockCount{"hotsox_sock_count"};
constexpr store::StatementName kSockList{"hotsox_sock_list"};
constexpr store::StatementName kSocksOf{"hotsox_socks_of"};
constexpr store::StatementName kSockInsert{"hotsox_sock_insert"};
constexpr store::StatementName kSockUpdate{"hotsox_sock_update"};
constexpr store::StatementName kSockLock{"hotsox_sock_lock"};
constexpr store::StatementName kSockFiles{"hotsox_sock_files"};
constexpr store::StatementName kSockDelete{"hotsox_sock_delete"};

namespace {

// What sock_of reads, each by its name.
constexpr const char* kSockColumns =
    "id, owner_id, info_joining_date::text AS info_joining_date, info_name, info_about, info_color, info_fabric,"
    " info_fabric_thickness, info_brand, info_type, info_size, info_age,"
    " info_separation_date::text AS info_separation_date, info_condition, info_holes, info_kilometers,"
    " info_inoutdoor, info_washed, info_special";

// The fields as the columns a write sets: the insert and the update name
// their columns from this list.
store::ColumnValues sock_field_columns(const SockFields& f) {
  return {
      {"info_name", f.info_name},
      {"info_about", f.info_about},
      {"info_color", f.info_color},
      {"info_fabric", f.info_fabric},
      {"info_fabric_thickness", f.info_fabric_thickness},
      {"info_brand", f.info_brand},
      {"info_type", f.info_type},
      {"info_size", f.info_size},
      {"info_age", f.info_age},
      {"info_separation_date", platform::format_iso_date(f.info_separation_date)},
      {"info_condition", f.info_condition},
      {"info_holes", f.info_holes},
      {"info_kilometers", f.info_kilometers},
      {"info_inoutdoor", f.info_inoutdoor},
      {"info_washed", f.info_washed},
      {"info_special", f.info_special},
  };
}

// A row's columns by name, as text (std::runtime_error for a NULL): a
// libpqxx row's, or a pipelined read's, so that one reader serves both.
struct PqxxColumns {
  const pqxx::row& row;
  std::string_view operator()(const char* name) const {
    const pqxx::field field = row[name];
    if (field.is_null()) throw std::runtime_error(std::string("a sock's ") + name + " is NULL");
    return {field.c_str(), field.size()};
  }
};
struct PipelinedColumns {
  const store::Rows& rows;
  int row;
  std::string_view operator()(const char* name) const {
    const int column = rows.column(name);
    if (column < 0 || rows.null(row, column)) throw std::runtime_error(std::string("a sock's ") + name + " is missing");
    return rows.text(row, column);
  }
};

template <class T, class Columns>
T integer_of(const Columns& column, const char* name) {
  const auto value = platform::parse_integer<T>(column(name));
  if (!value) throw std::runtime_error(std::string("a sock's ") + name + " is not a number");
  return *value;
}

template <class Columns>
platform::Date date_in(const Columns& column, const char* name) {
  const auto date = platform::parse_iso_date(column(name));
  if (!date) throw std::runtime_error("unexpected date from PostgreSQL: " + std::string(column(name)));
  return *date;
}

template <class Columns>
SockFields sock_fields_from(const Columns& column) {
  SockFields f;
  f.info_name = column("info_name");
  f.info_about = column("info_about");
  f.info_color = integer_of<int>(column, "info_color");
  f.info_fabric = integer_of<int>(column, "info_fabric");
  f.info_fabric_thickness = integer_of<int>(column, "info_fabric_thickness");
  f.info_brand = integer_of<int>(column, "info_brand");
  f.info_type = integer_of<int>(column, "info_type");
  f.info_size = integer_of<int>(column, "info_size");
  f.info_age = integer_of<int>(column, "info_age");
  f.info_separation_date = date_in(column, "info_separation_date");
  f.info_condition = integer_of<int>(column, "info_condition");
  f.info_holes = integer_of<int>(column, "info_holes");
  f.info_kilometers = integer_of<int>(column, "info_kilometers");
  f.info_inoutdoor = integer_of<int>(column, "info_inoutdoor");
  f.info_washed = integer_of<int>(column, "info_washed");
  f.info_special = column("info_special");
  return f;
}

template <class Columns>
Sock sock_from(const Columns& column) {
  Sock sock;
  sock.id = integer_of<long long>(column, "id");
  sock.owner_id = integer_of<long long>(column, "owner_id");
  sock.info_joining_date = date_in(column, "info_joining_date");
  sock.fields = sock_fields_from(column);
  return sock;
}

Sock sock_of(const pqxx::row& row) { return sock_from(PqxxColumns{row}); }

}  // namespace

std::vector<store::Statement> sock_statements() {
  const store::ColumnValues fields = sock_field_columns({});
  const std::string sock = std::string("SELECT ") + kSockColumns + " FROM hotsox_socks";
  return {
      {kSockFind, sock + " WHERE id = $2 AND owner_id = $1"},
      {kSockFindAny, sock + " WHERE id = $1"},
      // The sock and its pictures in one read: a row per picture (one, its
      // picture columns NULL, for none).
      {kSockShown,
       "SELECT s.*, p.id AS picture_id, p.file_name AS picture_file FROM (" + sock +
           " WHERE id = $2 AND owner_id = $1) s LEFT JOIN hotsox_pictures p ON p.sock_id = s.id ORDER BY p.id"},
      {kSockLikes,
       "SELECT sock_id, id, other_sock_id, liked FROM hotsox_judgements WHERE sock_id = ANY($1::bigint[]) ORDER BY id"},
      {kSockCount, "SELECT count(*) FROM hotsox_socks WHERE owner_id = $1"},
      {kSockList, sock + " WHERE owner_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3"},
      {kSocksOf, sock + " WHERE owner_id = ANY($1::bigint[]) ORDER BY id DESC"},
      {kSockInsert, "INSERT INTO hotsox_socks (owner_id, " + store::column_names(fields) + ") VALUES ($1, " +
                        store::placeholders(fields, 2) + ") RETURNING id"},
      {kSockUpdate, "UPDATE hotsox_socks SET (" + store::column_names(fields) + ") = ROW(" +
                        store::placeholders(fields, 3) + ") WHERE owner_id = $1 AND id = $2 RETURNING id"},
      {kSockLock, "SELECT id FROM hotsox_socks WHERE id = $2 AND owner_id = $1 FOR UPDATE"},
      {kSockFiles, "SELECT file_name FROM hotsox_pictures WHERE sock_id = $1"},
      {kSockDelete, "DELETE FROM hotsox_socks WHERE id = $1"},
  };
}

std::optional<Sock> SockStore::find(long long owner_id, long long sock_id) {
  auto sock = db_.read([&](pqxx::nontransaction& tx) -> std::optional<Sock> {
    const auto rows = tx.exec_prepared(kSockFind, owner_id, sock_id);
    if (rows.empty()) return std::nullopt;
    return sock_of(rows[0]);
  });
  if (sock) attach_pictures_and_likes(*sock);
  return sock;
}

std::optional<Sock> SockStore::find_any(long long sock_id) {
  auto sock = db_.read([&](pqxx::nontransaction& tx) -> std::optional<Sock> {
    const auto rows = tx.exec_prepared(kSockFindAny, sock_id);
    if (rows.empty()) return std::nullopt;
    return sock_of(rows[0]);
  });
  if (sock) attach_pictures_and_likes(*sock);
  return sock;
}

platform::Task<std::optional<Sock>> read_shown_sock(store::PipelinedDatabase& db, long long owner_id,
                                                    long long sock_id) {
  const store::Rows rows = co_await db.read(kSockShown, std::to_string(owner_id), std::to_string(sock_id));
  if (rows.empty()) co_return std::nullopt;
  Sock sock = sock_from(PipelinedColumns{rows, 0});
  const int picture_id = rows.column("picture_id");
  const int picture_file = rows.column("picture_file");
  for (int row = 0; row < rows.size(); ++row) {
    if (rows.null(row, picture_id)) continue;
    sock.pictures.push_back({rows.integer(row, picture_id), std::string(rows.text(row, picture_file))});
  }
  co_return sock;
}

long long SockStore::count(long long owner_id) {
  return db_.read(
      [&](pqxx::nontransaction& tx) { return tx.exec_prepared(kSockCount, owner_id)[0][0].as<long long>(); });
}

std::vector<Sock> SockStore::list(long long owner_id, long long limit, long long offset) {
  auto socks = db_.read([&](pqxx::nontransaction& tx) {
    std::vector<Sock> out;
    for (const auto& row : tx.exec_prepared(kSockList, owner_id, limit, offset)) out.push_back(sock_of(row));
    return out;
  });
  attach_pictures_and_likes(socks);
  return socks;
}

std::map<long long, std::vector<Sock>> SockStore::socks_of(const std::vector<long long>& owner_ids) {
  std::vector<Sock> socks = db_.read([&](pqxx::nontransaction& tx) {
    std::vector<Sock> out;
    for (const auto& row : tx.exec_prepared(kSocksOf, id_array(owner_ids))) out.push_back(sock_of(row));
    return out;
  });
  attach_pictures_and_likes(socks);
  std::map<long long, std::vector<Sock>> by_owner;
  for (Sock& sock : socks) by_owner[sock.owner_id].push_back(std::move(sock));
  return by_owner;
}

void SockStore::attach_pictures_and_likes(Sock& sock) {
  sock.pictures = std::move(PictureStore(db_).sock_pictures({sock.id})[sock.id]);
  sock.likes = std::move(likes_of({sock.id})[sock.id]);
}

void SockStore::attach_pictures_and_likes(std::vector<Sock>& socks) {
  if (socks.empty()) return;
  std::vector<long long> ids;
  ids.reserve(socks.size());
  for (const Sock& sock : socks) ids.push_back(sock.id);
  auto pictures = PictureStore(db_).sock_pictures(ids);
  auto likes = likes_of(ids);
  for (Sock& sock : socks) {
    sock.pictures = std::move(pictures[sock.id]);
    sock.likes = std::move(likes[sock.id]);
  }
}

std::map<long long, std::vector<SockLike>> SockStore::likes_of(const std::vector<long long>& sock_ids) {
  return db_.read([&](pqxx::nontransaction& tx) {
    std::map<long long, std::vector<SockLike>> out;
    for (const auto& row : tx.exec_prepared(kSockLikes, id_array(sock_ids))) {
      out[row["sock_id"].as<long long>()].push_back(
          {row["id"].as<long long>(), row["other_sock_id"].as<long long>(), row["liked"].as<bool>()});
    }
    return out;
  });
}

std::optional<long long> SockStore::insert(long long owner_id, const SockFields& fields) {
  const store::ColumnValues values = sock_field_columns(fields);
  try {
    return db_.write([&](pqxx::work& tx) -> std::optional<long long> {
      return tx
          .exec_prepared(kSockInsert, owner_id, pqxx::prepare::make_dynamic_params(store::parameters(values)))[0][0]
          .as<long long>();
    });
  } catch (const pqxx::foreign_key_violation&) {
    return std::nullopt;  // the owner was deleted meanwhile
  }
}

bool SockStore::update(long long owner_id, long long sock_id, const SockFields& fields) {
  const store::ColumnValues values = sock_field_columns(fields);
  return db_.write([&](pqxx::work& tx) {
    return !tx.exec_prepared(kSockUpdate, owner_id, sock_id,
                             pqxx::prepare::make_dynamic_params(store::parameters(values)))
                .empty();
  });
}

bool SockStore::remove(long long owner_id, long long sock_id) {
  return db_.write([&](pqxx::work& tx) {
    if (tx.exec_prepared(kSockLock, owner_id, sock_id).empty()) return false;
    const auto files = file_names(tx.exec_prepared(kSockFiles, sock_id));
    tx.exec_prepared(kSockDelete, sock_id);
    for (const auto& file : files) enqueue_file_removal(tx, file);
    return true;
  });
}

}  // namespace hotsox

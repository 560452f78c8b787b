// Pictures: hotsox_pictures, of a user (no sock) or of a sock.
#include "apps/hotsox/outbox.h"
#include "apps/hotsox/store.h"
#include "apps/hotsox/store_rows.h"

namespace hotsox {

constexpr store::StatementName kPictureInsert{"hotsox_picture_insert"};
constexpr store::StatementName kPictureDelete{"hotsox_picture_delete"};
constexpr store::StatementName kProfilePictures{"hotsox_profile_pictures"};
constexpr store::StatementName kSockPictures{"hotsox_sock_pictures"};

namespace {

// Rows of (holder, id, file_name), the holder being `holder_column`.
std::map<long long, std::vector<Picture>> pictures_by(const pqxx::result& rows, const char* holder_column) {
  std::map<long long, std::vector<Picture>> out;
  for (const auto& row : rows) {
    out[row[holder_column].as<long long>()].push_back({row["id"].as<long long>(), row["file_name"].as<std::string>()});
  }
  return out;
}

std::optional<std::string> sock_text(std::optional<long long> sock_id) {
  if (!sock_id) return std::nullopt;
  return std::to_string(*sock_id);
}

}  // namespace

std::vector<store::Statement> picture_statements() {
  return {
      {kPictureInsert,
       "INSERT INTO hotsox_pictures (owner_id, sock_id, file_name, size_bytes) VALUES ($1, $2::bigint, $3, $4)"
       " RETURNING id, file_name"},
      {kPictureDelete,
       "DELETE FROM hotsox_pictures WHERE id = $1 AND owner_id = $2"
       " AND sock_id IS NOT DISTINCT FROM $3::bigint RETURNING file_name"},
      {kProfilePictures,
       "SELECT owner_id, id, file_name FROM hotsox_pictures WHERE owner_id = ANY($1::bigint[]) AND sock_id IS NULL"
       " ORDER BY id"},
      {kSockPictures,
       "SELECT sock_id, id, file_name FROM hotsox_pictures WHERE sock_id = ANY($1::bigint[]) ORDER BY id"},
  };
}

std::optional<Picture> PictureStore::insert(long long owner_id, std::optional<long long> sock_id,
                                            const std::string& file_name, long long size_bytes) {
  const auto sock = sock_text(sock_id);
  try {
    return db_.write([&](pqxx::work& tx) -> std::optional<Picture> {
      const auto rows = tx.exec_prepared(kPictureInsert, owner_id, nullable(sock), file_name, size_bytes);
      return Picture{rows[0]["id"].as<long long>(), rows[0]["file_name"].as<std::string>()};
    });
  } catch (const pqxx::foreign_key_violation&) {
    return std::nullopt;
  }
}

bool PictureStore::remove(long long owner_id, std::optional<long long> sock_id, long long picture_id) {
  const auto sock = sock_text(sock_id);
  return db_.write([&](pqxx::work& tx) {
    const auto rows = tx.exec_prepared(kPictureDelete, picture_id, owner_id, nullable(sock));
    if (rows.empty()) return false;
    enqueue_file_removal(tx, rows[0]["file_name"].as<std::string>());
    return true;
  });
}

std::map<long long, std::vector<Picture>> PictureStore::profile_pictures(const std::vector<long long>& owner_ids) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return pictures_by(tx.exec_prepared(kProfilePictures, id_array(owner_ids)), "owner_id");
  });
}

std::map<long long, std::vector<Picture>> PictureStore::sock_pictures(const std::vector<long long>& sock_ids) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return pictures_by(tx.exec_prepared(kSockPictures, id_array(sock_ids)), "sock_id");
  });
}

}  // namespace hotsox

// Everything the DRF next sock reads of PostgreSQL, in one statement (one
// round trip, one snapshot): the caller's account, my sock, whom it may not
// be offered, and what changed in the sock index since its watermark.
#pragma once

#include "apps/hotsox/similarity.h"
#include "apps/hotsox/sock_index.h"
#include "apps/hotsox/store.h"
#include "platform/task.h"
#include "store/pipelined_database.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotsox {

std::vector<store::Statement> next_sock_read_statements();

struct NextSockRead {
  std::optional<Principal> account;  // the owner's (for the caller's checks)
  std::optional<SockTraits> mine;    // nullopt: not a sock of the owner's
  Exclusions exclusions;
  IndexChanges changes;
  // false after a bulk change: `changes` holds only some of them, and the
  // index catches up by itself (SockIndex::catch_up, in smaller rows).
  bool changes_complete = true;
};

// The read for `sock_id` of `owner_id`, with the index's changes since
// `watermark` (the index must be loaded: SockIndex::loaded()).
platform::Task<NextSockRead> read_next_sock(store::PipelinedDatabase& db, long long owner_id, long long sock_id,
                                            std::string watermark);

// SwipeStore::candidate_traits on a pipelined connection: the traits of
// those of `ids` that still have a picture, read now.
platform::Task<std::vector<SockTraits>> read_candidate_traits(store::PipelinedDatabase& db, std::vector<long long> ids);

// "1,2,3" (string_agg's) as numbers; empty for "". std::runtime_error for anything else.
std::vector<long long> id_list(std::string_view text);

}  // namespace hotsox

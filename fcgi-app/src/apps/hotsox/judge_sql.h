// The judge's two statements of its own (swipe_store.cpp prepares them).
#pragma once

namespace hotsox {

// A like replaces a stored dislike, not a like. Whether the reverse like is
// there is read in the same statement: the socks' lock, taken by the
// statement before in the same transaction, keeps the reverse judge out
// meanwhile. Answers (liked before, the reverse liked).
inline constexpr const char* kJudgeLikeSql =
    "WITH before AS (SELECT liked FROM hotsox_judgements WHERE sock_id = $1::bigint AND other_sock_id = $2::bigint),"
    " liked AS (INSERT INTO hotsox_judgements (sock_id, other_sock_id, liked)"
    " SELECT $1::bigint, $2::bigint, true WHERE NOT EXISTS (SELECT 1 FROM before WHERE liked)"
    " ON CONFLICT (sock_id, other_sock_id) DO UPDATE SET liked = true, judged_at = now())"
    " SELECT coalesce((SELECT liked FROM before), false),"
    " coalesce((SELECT liked FROM hotsox_judgements WHERE sock_id = $2::bigint AND other_sock_id = $1::bigint), false)";

// A dislike never replaces an earlier judgement (SPEC-hotsox.md § 3.2), and is
// stored only when the checks pass: my sock $1 is owner $3's, the other sock
// $2 is someone else's (judge_failure makes the same checks, in the
// contract's order, on the socks it answers). The socks are share-locked so
// that neither is deleted between the checks and the insert. One statement:
// a dislike makes no match, so it needs no lock against the reverse like.
inline constexpr const char* kJudgeDislikeSql =
    "WITH socks AS (SELECT id, owner_id FROM hotsox_socks WHERE id IN ($1::bigint, $2::bigint) FOR KEY SHARE),"
    " disliked AS (INSERT INTO hotsox_judgements (sock_id, other_sock_id, liked)"
    " SELECT $1::bigint, $2::bigint, false"
    " WHERE EXISTS (SELECT 1 FROM socks WHERE id = $1::bigint AND owner_id = $3::bigint)"
    " AND EXISTS (SELECT 1 FROM socks WHERE id = $2::bigint AND owner_id <> $3::bigint)"
    " ON CONFLICT (sock_id, other_sock_id) DO NOTHING)"
    " SELECT id, owner_id FROM socks";

}  // namespace hotsox

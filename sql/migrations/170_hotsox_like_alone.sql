-- The judge's usual like, in one statement: it makes no match. Locks both
-- socks in id order, as the judge's transaction does, so that a like and the
-- reverse like serialize; checks them; stores the like. Answers the socks
-- (id, owner_id) read under the lock, each with what was done:
--   refused        a check failed, nothing written (the caller tells which
--                  from the socks, in the contract's order)
--   already_liked  nothing written
--   liked          the like is stored, and the reverse like is not there
--   match          the reverse like is there: nothing written; the caller
--                  makes the like and the match in its transaction
-- A plpgsql statement takes a new snapshot, so the reverse like is read after
-- the lock, as the statements of the judge's transaction read it.
CREATE FUNCTION hotsox_like_alone(my_sock BIGINT, other_sock BIGINT, me BIGINT)
RETURNS TABLE (id BIGINT, owner_id BIGINT, outcome TEXT) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  done TEXT;
BEGIN
  PERFORM 1 FROM hotsox_socks s WHERE s.id IN (my_sock, other_sock) ORDER BY s.id FOR NO KEY UPDATE;
  IF NOT EXISTS (SELECT 1 FROM hotsox_socks s WHERE s.id = my_sock AND s.owner_id = me)
     OR NOT EXISTS (SELECT 1 FROM hotsox_socks s WHERE s.id = other_sock AND s.owner_id <> me) THEN
    done := 'refused';
  ELSIF EXISTS (SELECT 1 FROM hotsox_judgements j
                WHERE j.sock_id = my_sock AND j.other_sock_id = other_sock AND j.liked) THEN
    done := 'already_liked';
  ELSIF EXISTS (SELECT 1 FROM hotsox_judgements j
                WHERE j.sock_id = other_sock AND j.other_sock_id = my_sock AND j.liked) THEN
    done := 'match';
  ELSE
    INSERT INTO hotsox_judgements (sock_id, other_sock_id, liked) VALUES (my_sock, other_sock, true)
      ON CONFLICT (sock_id, other_sock_id) DO UPDATE SET liked = true, judged_at = now();
    done := 'liked';
  END IF;
  RETURN QUERY SELECT s.id, s.owner_id, done FROM hotsox_socks s WHERE s.id IN (my_sock, other_sock);
END
$$;

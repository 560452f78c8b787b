-- Each pool worker keeps every sock's numbers in memory to find the next sock
-- in milliseconds (fcgi-app/src/apps/hotsox/sock_index.h). It catches up by
-- reading what changed since the oldest transaction that was still running at
-- its last read: each sock records the transaction that last wrote it, and a
-- deleted sock leaves a tombstone. A sock counts its pictures (candidates need one).
ALTER TABLE hotsox_socks
    ADD COLUMN picture_count INTEGER NOT NULL DEFAULT 0 CHECK (picture_count >= 0),
    ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
UPDATE hotsox_socks s SET picture_count = (SELECT count(*) FROM hotsox_pictures p WHERE p.sock_id = s.id);
CREATE INDEX hotsox_socks_changed ON hotsox_socks (changed_xid);

CREATE FUNCTION hotsox_sock_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_xid := pg_current_xact_id();
    RETURN NEW;
END
$$;
CREATE TRIGGER hotsox_socks_touched BEFORE UPDATE ON hotsox_socks
    FOR EACH ROW EXECUTE FUNCTION hotsox_sock_touched();

CREATE TABLE hotsox_sock_tombstones (
    sock_id BIGINT NOT NULL,
    deleted_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX hotsox_sock_tombstones_xid ON hotsox_sock_tombstones (deleted_xid);
CREATE FUNCTION hotsox_sock_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hotsox_sock_tombstones (sock_id) VALUES (OLD.id);
    RETURN OLD;
END
$$;
CREATE TRIGGER hotsox_socks_deleted AFTER DELETE ON hotsox_socks
    FOR EACH ROW EXECUTE FUNCTION hotsox_sock_deleted();

CREATE FUNCTION hotsox_picture_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.sock_id IS NOT NULL THEN
        UPDATE hotsox_socks SET picture_count = picture_count + 1 WHERE id = NEW.sock_id;
    ELSIF TG_OP = 'DELETE' AND OLD.sock_id IS NOT NULL THEN
        UPDATE hotsox_socks SET picture_count = picture_count - 1 WHERE id = OLD.sock_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER hotsox_pictures_counted AFTER INSERT OR DELETE ON hotsox_pictures
    FOR EACH ROW EXECUTE FUNCTION hotsox_picture_counted();

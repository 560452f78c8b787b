-- Every save of a birthday gets a new version, larger than any before it for
-- any name (a sequence, so a name saved again after its row was deleted does
-- not reuse one): KeyDB's copy of a birthday is replaced only by a newer one
-- (fcgi-app/src/apps/hello/birthday_store.cpp).
CREATE SEQUENCE hello_birthday_versions;
ALTER TABLE hello_birthdays ADD COLUMN version BIGINT NOT NULL DEFAULT nextval('hello_birthday_versions');

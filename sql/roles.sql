-- Cluster set-up, run once by a superuser before migrations (psql, not
-- fcgi-app: roles and databases are outside any one database's schema):
--   psql -v owner_password=... -v app_password=... -f sql/roles.sql
-- fcgi_owner owns the schema: migrations and seeding run as it.
-- fcgi_app is what the pool uses: it reads and writes rows, and cannot
-- create, alter or drop anything.
\set ON_ERROR_STOP on
SELECT 'CREATE ROLE fcgi_owner LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fcgi_owner')\gexec
SELECT 'CREATE ROLE fcgi_app LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fcgi_app')\gexec
ALTER ROLE fcgi_owner PASSWORD :'owner_password';
ALTER ROLE fcgi_app PASSWORD :'app_password';
SELECT 'CREATE DATABASE fcgi_app OWNER fcgi_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'fcgi_app')\gexec
\connect fcgi_app
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CREATE ON SCHEMA public TO fcgi_owner;
GRANT USAGE ON SCHEMA public TO fcgi_app;
ALTER DEFAULT PRIVILEGES FOR ROLE fcgi_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO fcgi_app;
ALTER DEFAULT PRIVILEGES FOR ROLE fcgi_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO fcgi_app;

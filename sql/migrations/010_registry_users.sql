-- Users: the user registry behind /create_user and /get_user.
CREATE TABLE registry_users (
    userid INTEGER PRIMARY KEY CHECK (userid > 0),
    username VARCHAR(100) NOT NULL
);

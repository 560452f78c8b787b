-- Hello: one date of birth per username (1 to 50 Unicode letters).
CREATE TABLE hello_birthdays (
    username VARCHAR(50) PRIMARY KEY,
    birthday DATE NOT NULL
);

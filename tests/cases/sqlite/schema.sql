-- The SQLite version of tests/cases/schema.sql (tests/cases/README.md, "SQLite"): the same tables,
-- columns and rows as far as SQLite can express them, loaded into a fresh file by
-- tests/e2e/test_sqlite.py with Python's sqlite3.
--
-- SQLite has one schema per file ("main"), so Postgres's shop.product is the table shop_product:
-- the same GraphQL names (Postgres names a non-public table <schema>_<table>). Left out: the
-- enum type (mood is text), the array and jsonb columns of "user", and the columns of all_types
-- whose declared type SQLite would map to something else (interval contains "INT", uuid and json
-- would be NUMERIC) or not expose (bytea, arrays, inet, point). Booleans are 0/1; dates and times
-- are ISO text, written as Postgres prints them.

PRAGMA foreign_keys = ON;

-- Reserved words as table and column names.
CREATE TABLE "user" (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT UNIQUE,
  age INTEGER,
  mood TEXT CHECK (mood IN ('happy', 'ok', 'sad')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT '2024-01-01T00:00:00+00:00'
);

CREATE TABLE "order" (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES "user" (id),
  total NUMERIC(10, 2) NOT NULL,
  quantity INTEGER NOT NULL,
  placed_on DATE NOT NULL,
  status TEXT NOT NULL,
  "select" TEXT
);

-- Postgres's schema shop, and a composite primary and foreign key.
CREATE TABLE shop_product (
  sku TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  price NUMERIC NOT NULL,
  weight DOUBLE PRECISION,
  in_stock BOOLEAN NOT NULL
);
CREATE TABLE shop_order_line (
  order_id INTEGER NOT NULL REFERENCES "order" (id),
  sku TEXT NOT NULL REFERENCES shop_product (sku),
  quantity INTEGER NOT NULL,
  PRIMARY KEY (order_id, sku)
);
CREATE TABLE shop_line_note (
  order_id INTEGER NOT NULL,
  sku TEXT NOT NULL,
  note TEXT NOT NULL,
  FOREIGN KEY (order_id, sku) REFERENCES shop_order_line (order_id, sku)
);

-- One column of each type family SQLite can express, for the encodings.
CREATE TABLE all_types (
  id BIGINT PRIMARY KEY,
  i2 SMALLINT, i4 INTEGER, i8 BIGINT, f4 REAL, f8 DOUBLE PRECISION, num NUMERIC,
  txt TEXT, vc VARCHAR(20), ch CHAR(3), b BOOLEAN,
  d DATE, t TIME, ts TIMESTAMP, tstz TIMESTAMPTZ,
  ba BLOB -- not exposed
);

INSERT INTO "user" (name, email, age, mood) VALUES
  ('Ada', 'ada@example.com', 36, 'happy'),
  ('Brendan', 'brendan@example.com', 61, 'ok'),
  ('Cleo', NULL, NULL, NULL),
  ('Dmitri', 'dmitri@example.com', 29, 'sad'),
  ('Émile', 'emile@example.com', 44, 'happy');

INSERT INTO "order" (user_id, total, quantity, placed_on, status, "select") VALUES
  (1, 120.50, 3, '2024-03-01', 'shipped', 'x'),
  (1, 15.00, 1, '2024-03-05', 'pending', NULL),
  (2, 99.99, 2, '2024-02-11', 'shipped', NULL),
  (4, 7.25, 1, '2024-04-20', 'cancelled', 'y'),
  (4, 300.00, 10, '2024-04-21', 'shipped', NULL),
  (4, 42.00, 4, '2024-05-02', 'pending', NULL),
  (NULL, 5.00, 1, '2024-05-03', 'pending', NULL);

INSERT INTO shop_product VALUES
  ('BOLT-1', 'Bolt', 0.25, 0.01, 1),
  ('GEAR-7', 'Gear', 12.00, 0.5, 1),
  ('LENS-2', 'Lens', 80.00, NULL, 0);

INSERT INTO shop_order_line VALUES
  (1, 'BOLT-1', 100), (1, 'GEAR-7', 2), (3, 'LENS-2', 1), (5, 'GEAR-7', 10);

INSERT INTO shop_line_note VALUES (1, 'BOLT-1', 'rush'), (1, 'BOLT-1', 'fragile');

INSERT INTO all_types VALUES
  (1, 1, 2, 9007199254740993, 1.5, 2.25, 12345678901234567890.123,
   'text', 'varchar', 'ab', 1,
   '2024-02-29', '13:45:00', '2024-02-29T13:45:00', '2024-02-29T13:45:00+00:00', X'DEADBEEF'),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

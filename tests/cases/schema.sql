-- The database every golden case runs against (tests/cases/README.md). Loaded into a fresh
-- database of a throwaway cluster by tests/e2e/test_cases.py; deterministic data only.

CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');

-- Reserved words as table and column names.
CREATE TABLE "user" (
  id serial PRIMARY KEY,
  name text NOT NULL,
  email text UNIQUE,
  age integer,
  mood mood,
  tags text[],
  profile jsonb,
  created_at timestamptz NOT NULL DEFAULT '2024-01-01 00:00:00+00'
);
COMMENT ON TABLE "user" IS 'people who place orders';

CREATE TABLE "order" (
  id serial PRIMARY KEY,
  user_id integer REFERENCES "user" (id),
  total numeric(10, 2) NOT NULL,
  quantity integer NOT NULL,
  placed_on date NOT NULL,
  status text NOT NULL,
  "select" text
);

-- A schema other than public, and a composite primary and foreign key.
CREATE SCHEMA shop;
CREATE TABLE shop.product (
  sku text PRIMARY KEY,
  title text NOT NULL,
  price numeric NOT NULL,
  weight double precision,
  in_stock boolean NOT NULL
);
CREATE TABLE shop.order_line (
  order_id integer NOT NULL REFERENCES "order" (id),
  sku text NOT NULL REFERENCES shop.product (sku),
  quantity integer NOT NULL,
  PRIMARY KEY (order_id, sku)
);
CREATE TABLE shop.line_note (
  order_id integer NOT NULL,
  sku text NOT NULL,
  note text NOT NULL,
  FOREIGN KEY (order_id, sku) REFERENCES shop.order_line (order_id, sku)
);

-- One column of each type family, for the encodings.
CREATE TABLE all_types (
  id bigint PRIMARY KEY,
  i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, num numeric,
  txt text, vc varchar(20), ch char(3), b boolean,
  d date, t time, tz timetz, ts timestamp, tstz timestamptz, iv interval,
  u uuid, j json, jb jsonb, ba bytea, ints integer[], ip inet, m mood,
  pt point -- a type Junction has no mapping for: served as a custom scalar `point`, as text
);

INSERT INTO "user" (name, email, age, mood, tags, profile) VALUES
  ('Ada', 'ada@example.com', 36, 'happy', '{math,engines}', '{"city": "London", "langs": ["en", "fr"]}'),
  ('Brendan', 'brendan@example.com', 61, 'ok', '{js}', '{"city": "Palo Alto"}'),
  ('Cleo', NULL, NULL, NULL, NULL, NULL),
  ('Dmitri', 'dmitri@example.com', 29, 'sad', '{}', '{"city": "Tallinn", "langs": ["et"]}'),
  ('Émile', 'emile@example.com', 44, 'happy', '{"a b","c\"d"}', '{"city": "Lyon"}');

INSERT INTO "order" (user_id, total, quantity, placed_on, status, "select") VALUES
  (1, 120.50, 3, '2024-03-01', 'shipped', 'x'),
  (1, 15.00, 1, '2024-03-05', 'pending', NULL),
  (2, 99.99, 2, '2024-02-11', 'shipped', NULL),
  (4, 7.25, 1, '2024-04-20', 'cancelled', 'y'),
  (4, 300.00, 10, '2024-04-21', 'shipped', NULL),
  (4, 42.00, 4, '2024-05-02', 'pending', NULL),
  (NULL, 5.00, 1, '2024-05-03', 'pending', NULL);

INSERT INTO shop.product VALUES
  ('BOLT-1', 'Bolt', 0.25, 0.01, true),
  ('GEAR-7', 'Gear', 12.00, 0.5, true),
  ('LENS-2', 'Lens', 80.00, NULL, false);

INSERT INTO shop.order_line VALUES
  (1, 'BOLT-1', 100), (1, 'GEAR-7', 2), (3, 'LENS-2', 1), (5, 'GEAR-7', 10);

INSERT INTO shop.line_note VALUES (1, 'BOLT-1', 'rush'), (1, 'BOLT-1', 'fragile');

INSERT INTO all_types VALUES
  (1, 1, 2, 9007199254740993, 1.5, 2.25, 12345678901234567890.123,
   'text', 'varchar', 'ab', true,
   '2024-02-29', '13:45:00', '13:45:00+02', '2024-02-29 13:45:00', '2024-02-29 13:45:00+00',
   '1 day 02:03:04',
   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"k": [1, 2]}', '{"k": [1, 2]}', '\xdeadbeef',
   '{1,2,3}', '192.168.0.1', 'ok', '(1.5,-2)'),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- The BigQuery test double's data for the end-to-end tests (tests/e2e/bigquery.py): DuckDB SQL,
-- one schema per BigQuery dataset. `source` and `target` are the seed example's datasets (a table
-- author in dataset source, related to articles in dataset target); `shop` joins Postgres.
CREATE SCHEMA source;
CREATE SCHEMA target;
CREATE SCHEMA shop;

CREATE TABLE source.author (id BIGINT NOT NULL, name VARCHAR NOT NULL, country_id BIGINT);
INSERT INTO source.author VALUES (1, 'Ann', 10), (2, 'Bob', 20), (3, 'Cy', NULL), (4, 'Dee', 99);

CREATE TABLE source.country (id BIGINT NOT NULL, name VARCHAR NOT NULL);
INSERT INTO source.country VALUES (10, 'Narnia'), (20, 'Oz');

CREATE TABLE target.articles (
  id BIGINT NOT NULL,
  author_id BIGINT,
  title VARCHAR NOT NULL,
  published TIMESTAMPTZ,
  written DATE,
  price DECIMAL(10, 2),
  rating DOUBLE,
  draft BOOLEAN,
  tags VARCHAR[]
);
INSERT INTO target.articles VALUES
  (1, 1, 'Alpha', TIMESTAMPTZ '2024-03-01 10:00:00.123456+00', DATE '2024-03-01', 9.99, 4.5, false, ['a', 'b']),
  (2, 1, 'Beta', TIMESTAMPTZ '2024-03-02 11:30:00+00', DATE '2024-03-02', 5.00, NULL, true, []),
  (3, 2, 'Gamma', NULL, NULL, NULL, 3.25, false, NULL),
  (4, 2, 'Delta', TIMESTAMPTZ '1969-12-31 23:59:59.5+00', DATE '1969-12-31', 100.10, 1.0, false, ['c']),
  (5, 3, 'Epsilon', TIMESTAMPTZ '2025-01-01 00:00:00+00', DATE '2025-01-01', 0.50, 2.0, true, ['d']),
  (6, NULL, 'Orphan', NULL, NULL, NULL, NULL, NULL, NULL);

-- Orders in BigQuery for users in Postgres (and back): shop.orders.user_id → Postgres users.id.
CREATE TABLE shop.orders (id BIGINT NOT NULL, user_id BIGINT, total DECIMAL(10, 2));
INSERT INTO shop.orders VALUES (100, 1, 10.00), (101, 1, 20.50), (102, 2, 7.25), (103, 7, 1.00);

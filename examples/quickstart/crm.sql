-- The CRM's database (examples/quickstart): the customers. Their orders live in the shop's database
-- (shop.sql); the quickstart joins the two.
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  city TEXT
);

INSERT INTO customers (id, name, email, city) VALUES
  (1, 'Ada Lovelace', 'ada@example.com', 'London'),
  (2, 'Grace Hopper', 'grace@example.com', 'New York'),
  (3, 'Alan Turing', 'alan@example.com', 'Manchester'),
  (4, 'Edsger Dijkstra', 'edsger@example.com', 'Nuenen');

-- The shop's database (examples/quickstart): what it sells and the orders placed. Customers live in
-- another database, the CRM's (crm.sql); orders.customer_id refers to them across databases, which
-- is what the quickstart's remote relationships join.
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  price REAL NOT NULL
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL,  -- crm.customers.id
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity INTEGER NOT NULL,
  placed_at TEXT NOT NULL,
  shipped BOOLEAN NOT NULL DEFAULT 0
);

INSERT INTO products (id, name, price) VALUES
  (1, 'Espresso beans 1kg', 24.5),
  (2, 'Grinder', 89.0),
  (3, 'Milk jug', 12.25),
  (4, 'Tamper', 19.9);

INSERT INTO orders (id, customer_id, product_id, quantity, placed_at, shipped) VALUES
  (1, 1, 1, 2, '2026-10-01', 1),
  (2, 1, 3, 1, '2026-10-03', 1),
  (3, 2, 2, 1, '2026-10-04', 0),
  (4, 3, 1, 1, '2026-10-05', 1),
  (5, 2, 4, 1, '2026-10-09', 0),
  (6, 1, 2, 1, '2026-10-12', 0);

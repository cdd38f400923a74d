"""SQLite sources in remote joins, through the real binary (issue 6): SQLite files and Postgres
related in every direction, object and array, nested; how many statements each hop sends
(counted in the engine's query log); many concurrent readers and locked files; and
/v1/graphql/explain listing every hop.

Databases are files made in each test's directory with Python's sqlite3 (tests/e2e/sqlite.py);
Postgres databases live in the session's throwaway cluster. Expected answers are written by
hand; GraphQL answers are compared with their key order.
"""

import concurrent.futures
import json
import time

import pytest

from sqlite import QUERY_LOG, Lock, QueryLog, add_source, create_database, export, source_entry
from support import answer, check, graphql_error, same
from test_postgres import add_source as pg_add_source
from test_postgres import call


# ---- remote joins --------------------------------------------------------------------------------

SHOP_SQL = """
CREATE TABLE products (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, product_code TEXT, amount REAL);
INSERT INTO products VALUES ('P1', 'Pen'), ('P2', 'Paper'), ('P3', 'Ink');
INSERT INTO orders VALUES (1, 1, 'P1', 10.5), (2, 2, 'P2', 20), (3, 1, 'P3', 5),
                          (4, NULL, 'P1', 7), (5, 99, 'P2', 1), (6, 3, NULL, 3);
"""

CATALOG_SQL = """
CREATE TABLE reviews (id INTEGER PRIMARY KEY, product_code TEXT NOT NULL,
                      stars INTEGER NOT NULL, body TEXT);
CREATE TABLE makers (code TEXT PRIMARY KEY, maker TEXT NOT NULL);
INSERT INTO reviews VALUES (1, 'P1', 5, 'great'), (2, 'P1', 3, 'ok'), (3, 'P2', 4, NULL);
INSERT INTO makers VALUES ('P1', 'Acme'), ('P2', 'Paperco');
"""

ACCOUNTS_SQL = """
CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, region text NOT NULL,
                    favourite text);
CREATE TABLE profiles (user_id int, region text, bio text NOT NULL, PRIMARY KEY (user_id, region));
INSERT INTO users VALUES (1, 'Ada', 'eu', 'P3'), (2, 'Bob', 'us', NULL), (3, 'Cy', 'eu', 'P9');
INSERT INTO profiles VALUES (1, 'eu', 'Ada in Europe'), (2, 'us', 'Bob in the US'),
                            (2, 'eu', 'Bob in Europe'), (3, 'eu', 'Cy in Europe');
"""


def to_source(source, table, kind, mapping):
    return {"to_source": {"source": source, "table": table, "relationship_type": kind,
                          "field_mapping": mapping}}


# (command prefix, source, table, name, definition): each direction, object and array, and the
# target table in each of its forms.
REMOTE = [
    ("sqlite", "shop", "orders", "user",
     to_source("accounts", {"schema": "public", "name": "users"}, "object", {"user_id": "id"})),
    ("sqlite", "shop", "orders", "user_profiles",
     to_source("accounts", "profiles", "array", {"user_id": "user_id"})),
    ("sqlite", "shop", "orders", "maker",
     to_source("catalog", ["main", "makers"], "object", {"product_code": "code"})),
    ("sqlite", "shop", "orders", "reviews",
     to_source("catalog", {"schema": "main", "name": "reviews"}, "array",
               {"product_code": "product_code"})),
    ("pg", "accounts", "users", "orders",
     to_source("shop", ["main", "orders"], "array", {"id": "user_id"})),
    ("pg", "accounts", "users", "favourite_product",
     to_source("shop", {"schema": "main", "name": "products"}, "object", {"favourite": "code"})),
]


class World:
    def __init__(self, directory, pg_cluster):
        self.shop = create_database(directory / "shop.db", SHOP_SQL)
        self.catalog = create_database(directory / "catalog.db", CATALOG_SQL)
        self.accounts = pg_cluster.create_database("sqlite_accounts", ACCOUNTS_SQL)

    def populate(self, engine):
        add_source(engine, self.shop, "shop")
        add_source(engine, self.catalog, "catalog")
        pg_add_source(engine, self.accounts, "accounts")
        for table in ["products", "orders"]:
            call(engine, "sqlite_track_table", {"source": "shop", "table": table})
        for table in ["reviews", "makers"]:
            call(engine, "sqlite_track_table", {"source": "catalog", "table": ["main", table]})
        for table in ["users", "profiles"]:
            call(engine, "pg_track_table", {"source": "accounts", "table": table})
        for prefix, source, table, name, definition in REMOTE:
            assert call(engine, prefix + "_create_remote_relationship",
                        {"source": source, "table": table, "name": name,
                         "definition": definition}) == {"message": "success"}
        return engine


@pytest.fixture(scope="module")
def world(tmp_path_factory, pg_cluster):
    return World(tmp_path_factory.mktemp("sqlite-world"), pg_cluster)


@pytest.fixture(scope="module")
def joined(world, start_engine_module):
    """An engine serving the world, with the query log on."""
    return world.populate(start_engine_module(args=QUERY_LOG))


def test_sqlite_to_postgres(joined):
    check(joined, """{ orders(order_by: {id: asc}) {
            id user { name } user_profiles(order_by: {region: asc}) { region } } }""",
          {"orders": [
              {"id": 1, "user": {"name": "Ada"}, "user_profiles": [{"region": "eu"}]},
              {"id": 2, "user": {"name": "Bob"},
               "user_profiles": [{"region": "eu"}, {"region": "us"}]},
              {"id": 3, "user": {"name": "Ada"}, "user_profiles": [{"region": "eu"}]},
              {"id": 4, "user": None, "user_profiles": None},  # user_id is null
              {"id": 5, "user": None, "user_profiles": []},    # no user 99
              {"id": 6, "user": {"name": "Cy"}, "user_profiles": [{"region": "eu"}]}]})


def test_sqlite_to_sqlite(joined):
    check(joined, """{ orders(order_by: {id: asc}) {
            id maker { maker } reviews(order_by: {stars: desc}) { stars body }
            reviews_aggregate { aggregate { count avg { stars } } } } }""",
          {"orders": [
              {"id": 1, "maker": {"maker": "Acme"},
               "reviews": [{"stars": 5, "body": "great"}, {"stars": 3, "body": "ok"}],
               "reviews_aggregate": {"aggregate": {"count": 2, "avg": {"stars": 4.0}}}},
              {"id": 2, "maker": {"maker": "Paperco"}, "reviews": [{"stars": 4, "body": None}],
               "reviews_aggregate": {"aggregate": {"count": 1, "avg": {"stars": 4.0}}}},
              {"id": 3, "maker": None, "reviews": [],  # no maker, no review of P3
               "reviews_aggregate": {"aggregate": {"count": 0, "avg": {"stars": None}}}},
              {"id": 4, "maker": {"maker": "Acme"},
               "reviews": [{"stars": 5, "body": "great"}, {"stars": 3, "body": "ok"}],
               "reviews_aggregate": {"aggregate": {"count": 2, "avg": {"stars": 4.0}}}},
              {"id": 5, "maker": {"maker": "Paperco"}, "reviews": [{"stars": 4, "body": None}],
               "reviews_aggregate": {"aggregate": {"count": 1, "avg": {"stars": 4.0}}}},
              {"id": 6, "maker": None, "reviews": None,  # product_code is null
               "reviews_aggregate": None}]})


def test_postgres_to_sqlite(joined):
    # amount is REAL: SQLite writes a whole REAL as 5.0 (the key order check compares the text).
    check(joined, """{ users(order_by: {id: asc}) {
            name favourite_product { name } orders(order_by: {id: asc}) { id amount } } }""",
          {"users": [
              {"name": "Ada", "favourite_product": {"name": "Ink"},
               "orders": [{"id": 1, "amount": 10.5}, {"id": 3, "amount": 5.0}]},
              {"name": "Bob", "favourite_product": None,  # favourite is null
               "orders": [{"id": 2, "amount": 20.0}]},
              {"name": "Cy", "favourite_product": None,   # no product P9
               "orders": [{"id": 6, "amount": 3.0}]}]})


def test_array_arguments_per_parent(joined):
    check(joined, """{ users(order_by: {id: asc}) {
            orders(where: {amount: {_gt: 4}}, order_by: {amount: desc}, limit: 1) { id }
            orders_aggregate { aggregate { count sum { amount } } } } }""",
          {"users": [
              {"orders": [{"id": 1}], "orders_aggregate": {"aggregate": {
                  "count": 2, "sum": {"amount": 15.5}}}},
              {"orders": [{"id": 2}], "orders_aggregate": {"aggregate": {
                  "count": 1, "sum": {"amount": 20.0}}}},
              {"orders": [], "orders_aggregate": {"aggregate": {
                  "count": 1, "sum": {"amount": 3.0}}}}]})


NESTED = """{ users(order_by: {id: asc}) { name orders(order_by: {id: asc}) {
    id reviews(order_by: {id: asc}) { stars } user { region } } } }"""
NESTED_DATA = {"users": [
    {"name": "Ada", "orders": [
        {"id": 1, "reviews": [{"stars": 5}, {"stars": 3}], "user": {"region": "eu"}},
        {"id": 3, "reviews": [], "user": {"region": "eu"}}]},
    {"name": "Bob", "orders": [{"id": 2, "reviews": [{"stars": 4}], "user": {"region": "us"}}]},
    {"name": "Cy", "orders": [{"id": 6, "reviews": None, "user": {"region": "eu"}}]}]}


def test_nested_remote_joins(joined):
    # Postgres → SQLite → SQLite and Postgres → SQLite → Postgres in one request.
    check(joined, NESTED, NESTED_DATA)
    # SQLite → Postgres → SQLite → Postgres.
    check(joined, """{ orders(where: {id: {_in: [2, 4, 5]}}, order_by: {id: asc}) {
            id user { name orders(order_by: {id: asc}) {
              id favourite: user { favourite } } } } }""",
          {"orders": [
              {"id": 2, "user": {"name": "Bob", "orders": [{"id": 2,
                                                             "favourite": {"favourite": None}}]}},
              {"id": 4, "user": None}, {"id": 5, "user": None}]})


def test_one_statement_per_relationship_per_level(joined):
    answer(joined, NESTED)  # connections opened
    log = QueryLog(joined)
    same(answer(joined, NESTED), {"data": NESTED_DATA})
    # users (accounts), their orders (shop), the orders' reviews (catalog) and users (accounts).
    assert log.counts() == {"accounts": 2, "shop": 1, "catalog": 1}, log.statements()

    log = QueryLog(joined)
    body = answer(joined, """{ orders { user { name } user_profiles { bio } maker { maker }
        reviews { stars } reviews_aggregate { aggregate { count } } } }""")
    assert "errors" not in body, body
    assert log.counts() == {"shop": 1, "accounts": 2, "catalog": 3}, log.statements()


def test_many_parent_rows_still_one_statement_per_hop(world, start_engine, tmp_path):
    # 2000 parents, each with its own child in another file and a user (1, 2, 3 or 4: no user 4)
    # in Postgres: one statement per hop, every answer joined to its own row.
    rows = 2000
    parents = create_database(tmp_path / "parents.db", "CREATE TABLE parent (id INTEGER PRIMARY "
                              "KEY, child_id INTEGER, user_id INTEGER);" + "".join(
                                  f"INSERT INTO parent VALUES ({i}, {rows - i}, {i % 4 + 1});"
                                  for i in range(rows)))
    children = create_database(tmp_path / "children.db", "CREATE TABLE child (id INTEGER PRIMARY "
                               "KEY, label TEXT NOT NULL);" + "".join(
                                   f"INSERT INTO child VALUES ({i}, 'c{i}');"
                                   for i in range(1, rows + 1)))
    engine = start_engine(args=QUERY_LOG)
    add_source(engine, parents, "parents")
    add_source(engine, children, "children")
    pg_add_source(engine, world.accounts, "accounts")
    call(engine, "sqlite_track_table", {"source": "parents", "table": "parent"})
    call(engine, "sqlite_track_table", {"source": "children", "table": "child"})
    call(engine, "pg_track_table", {"source": "accounts", "table": "users"})
    for name, definition in [
            ("child", to_source("children", ["main", "child"], "object", {"child_id": "id"})),
            ("user", to_source("accounts", "users", "object", {"user_id": "id"}))]:
        call(engine, "sqlite_create_remote_relationship",
             {"source": "parents", "table": "parent", "name": name, "definition": definition})
    query = "{ parent(order_by: {id: asc}) { id child { label } user { name } } }"
    answer(engine, query)
    log = QueryLog(engine)
    body = answer(engine, query)
    assert log.counts() == {"parents": 1, "children": 1, "accounts": 1}, log.statements()
    names = {1: {"name": "Ada"}, 2: {"name": "Bob"}, 3: {"name": "Cy"}, 4: None}
    assert body["data"]["parent"] == [
        {"id": i, "child": {"label": f"c{rows - i}"}, "user": names[i % 4 + 1]}
        for i in range(rows)]


def test_keys_are_deduplicated_and_chunked(world, start_engine):
    engine = world.populate(start_engine(args=[*QUERY_LOG, "--remote-join-batch-size", "2"]))
    # orders → reviews: five non-null keys (P1, P2, P3, P1, P2), three distinct: two statements
    # of at most two keys (three without de-duplication, one without chunking).
    query = "{ orders(order_by: {id: asc}) { id reviews { id } } }"
    expected = {"orders": [{"id": 1, "reviews": [{"id": 1}, {"id": 2}]},
                           {"id": 2, "reviews": [{"id": 3}]}, {"id": 3, "reviews": []},
                           {"id": 4, "reviews": [{"id": 1}, {"id": 2}]},
                           {"id": 5, "reviews": [{"id": 3}]}, {"id": 6, "reviews": None}]}
    log = QueryLog(engine)
    check(engine, query, expected)
    assert log.counts() == {"shop": 1, "catalog": 2}, log.statements()
    keys = sorted(json.loads(s["params"][0]) for s in log.statements() if s["source"] == "catalog")
    assert sorted(len(k) for k in keys) == [1, 2], keys

    # users → orders (Postgres → SQLite): three users, two statements; orders → user
    # (SQLite → Postgres): users 1, 2, 1, 99, 3 → four distinct keys, two statements.
    log = QueryLog(engine)
    body = answer(engine, "{ users { orders { id } } orders { user { id } } }")
    assert "errors" not in body, body
    assert log.counts() == {"accounts": 3, "shop": 3}, log.statements()


def test_remote_relationship_update_delete_export_and_dependencies(world, start_engine):
    engine = world.populate(start_engine())
    exported = export(engine)
    orders = next(t for t in source_entry(exported, "shop")["tables"]
                  if "orders" in json.dumps(t["table"]))
    # Kept as given: the target table in each of its forms.
    assert orders["remote_relationships"] == sorted(
        [{"definition": definition, "name": name}
         for prefix, source, table, name, definition in REMOTE if table == "orders"],
        key=lambda r: r["name"])

    args = {"source": "shop", "table": "orders", "name": "maker"}
    by_id = to_source("catalog", ["main", "makers"], "object", {"id": "rowid_alias"})
    refused = call(engine, "sqlite_update_remote_relationship", {**args, "definition": by_id},
                   status=400)
    assert refused["code"] == "invalid-configuration" and "rowid_alias" in refused["error"], \
        refused
    assert export(engine) == exported
    reviews = to_source("catalog", ["main", "reviews"], "array", {"product_code": "product_code"})
    assert call(engine, "sqlite_update_remote_relationship", {**args, "definition": reviews}) == \
        {"message": "success"}
    check(engine, "{ orders(where: {id: {_eq: 2}}) { maker { stars } } }",
          {"orders": [{"maker": [{"stars": 4}]}]})

    dependency = call(engine, "sqlite_drop_source", {"name": "catalog"}, status=400)
    assert dependency["code"] == "dependency-error", dependency
    assert "orders.maker" in dependency["error"] and "orders.reviews" in dependency["error"]
    assert call(engine, "sqlite_delete_remote_relationship", args) == {"message": "success"}
    missing = call(engine, "sqlite_delete_remote_relationship", args, status=400)
    assert missing == {"path": "$.args", "error": '"maker" does not exist', "code": "not-exists"}
    assert call(engine, "sqlite_drop_source", {"name": "catalog", "cascade": True}) == \
        {"message": "success"}
    exported = export(engine)
    assert sorted(s["name"] for s in exported["sources"]) == ["accounts", "shop"]
    orders = next(t for t in source_entry(exported, "shop")["tables"]
                  if "orders" in json.dumps(t["table"]))
    assert [r["name"] for r in orders["remote_relationships"]] == ["user", "user_profiles"]
    # Postgres → SQLite relationships keep working.
    check(engine, "{ users(where: {id: {_eq: 2}}) { orders { id user { name } } } }",
          {"users": [{"orders": [{"id": 2, "user": {"name": "Bob"}}]}]})


# ---- concurrency and locks -----------------------------------------------------------------------

def test_many_concurrent_readers(joined):
    def one(i):
        order = i % 6 + 1
        response = joined.graphql({"query": "query ($id: Int!) { orders_by_pk(id: $id) { id } "
                                            "products(order_by: {code: asc}) { code } }",
                                   "variables": {"id": order}})
        return order, response.status_code, response.json()

    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(one, range(50)))
    for order, status, body in results:
        assert status == 200 and body == {"data": {
            "orders_by_pk": {"id": order},
            "products": [{"code": "P1"}, {"code": "P2"}, {"code": "P3"}]}}, body


def test_a_locked_file_fails_fast_and_the_event_loop_stays_free(world, start_engine, tmp_path):
    fast = create_database(tmp_path / "fast.db", SHOP_SQL)
    slow = create_database(tmp_path / "slow.db", SHOP_SQL)
    engine = start_engine()
    add_source(engine, fast, "fast", busy_timeout=200)
    add_source(engine, slow, "slow", busy_timeout=3000)
    pg_add_source(engine, world.accounts, "accounts")
    call(engine, "sqlite_track_table", {"source": "fast", "table": "products"})
    call(engine, "sqlite_track_table", {"source": "slow", "table": "orders"})
    call(engine, "pg_track_table", {"source": "accounts", "table": "users"})
    products = "{ products(order_by: {code: asc}) { code } }"
    check(engine, products, {"products": [{"code": "P1"}, {"code": "P2"}, {"code": "P3"}]})
    check(engine, "{ orders(limit: 1) { id } users(limit: 1) { id } }",
          {"orders": [{"id": 1}], "users": [{"id": 1}]})

    with Lock(fast):
        started = time.monotonic()
        error = graphql_error(engine.graphql({"query": products}))
        assert time.monotonic() - started < 2
        assert error == {"message": f'the SQLite database "{fast}" is locked',
                         "extensions": {"path": "$", "code": "unexpected"}}

    with Lock(slow), concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        started = time.monotonic()
        waiting = [pool.submit(engine.graphql, {"query": "{ orders { id } }"}) for _ in range(3)]
        time.sleep(0.3)
        # The SQLite requests wait on the lock; a Postgres request still answers at once.
        check(engine, "{ users(order_by: {id: asc}) { name } }",
              {"users": [{"name": "Ada"}, {"name": "Bob"}, {"name": "Cy"}]})
        assert time.monotonic() - started < 1.5, "the Postgres request waited for the SQLite ones"
        assert all(not future.done() for future in waiting)
        for future in waiting:
            assert "locked" in graphql_error(future.result())["message"]
        assert time.monotonic() - started >= 2.9  # each waited its busy timeout

    check(engine, products, {"products": [{"code": "P1"}, {"code": "P2"}, {"code": "P3"}]})


# ---- explain -------------------------------------------------------------------------------------

def test_explain_lists_every_hop(joined):
    response = joined.post("/v1/graphql/explain", json={"query": {"query": NESTED}})
    assert response.status_code == 200, response.text
    hops = response.json()
    assert [(hop["field"], hop["source"]) for hop in hops] == [
        ("users", "accounts"), ("users.orders", "shop"), ("users.orders.reviews", "catalog"),
        ("users.orders.user", "accounts")]
    for hop in hops:
        assert hop["sql"].startswith("SELECT") and hop["plan"], hop
    for hop in hops[1:3]:  # SQLite hops read their keys with json_each, known when they run
        assert "json_each(" in hop["sql"] and '"main"' in hop["sql"], hop
        assert hop["params"] == [None], hop
    # SQLite → Postgres on an integer: the distinct keys alone (KeyedJoinColumn).
    assert '= ANY($1::int4[])' in hops[3]["sql"] and "json_object_agg(" in hops[3]["sql"], hops[3]

    response = joined.post("/v1/graphql/explain", json={"query": {
        "query": "{ orders(where: {id: {_eq: 1}}) { id maker { maker } } }"}})
    assert response.status_code == 200, response.text
    hops = response.json()
    assert [(hop["field"], hop["source"]) for hop in hops] == [
        ("orders", "shop"), ("orders.maker", "catalog")]
    assert '"main"."orders"' in hops[0]["sql"] and hops[0]["params"] == ["1"], hops[0]
    assert any("USING INTEGER PRIMARY KEY" in line for line in hops[0]["plan"]), hops[0]

"""Remote database relationships end to end (issue 4, REMOTE_JOINS.md §1–§4): joins across two
real Postgres clusters declared through the metadata API and queried in one GraphQL request.

Cluster A (pg_cluster) holds `shop` (orders, products, author) and `mirror`; cluster B
(pg_cluster_b) holds `accounts` (users, profiles) and `content` (article). Each database is a
source of the same name. pg_stat_statements counts the statements each database receives, so
the tests can hold the engine to one statement per relationship per nesting level.

Every expected answer is the whole answer; GraphQL answers are compared with their key order
(response keys come in query order).
"""

import copy
import json
import shutil
import time

import pytest

from postgres import Cluster
from support import answer, graphql_error
from test_metadata import export
from test_postgres import add_source, call

# The knob that bounds the keys of one remote-join statement (docs/remote-relationships.md).
BATCH_SIZE_ENV = "JUNCTION_REMOTE_JOIN_BATCH_SIZE"

SHOP_SQL = """
CREATE EXTENSION pg_stat_statements;
CREATE TABLE products (code text PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id int PRIMARY KEY, user_id int, product_code text REFERENCES products (code),
                     region text, amount numeric);
CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO products VALUES ('P1', 'Pen'), ('P2', 'Paper'), ('P3', 'Ink');
INSERT INTO orders VALUES (1, 1, 'P1', 'eu', 10.5), (2, 2, 'P2', 'us', 20), (3, 1, 'P3', 'us', 5),
                          (4, NULL, 'P1', 'eu', 7), (5, 99, 'P2', 'eu', 1), (6, 3, 'P3', NULL, 3);
INSERT INTO author VALUES (1, 'Le Guin'), (2, 'Lem'), (3, 'Butler');
"""

# A view that takes a second per statement (however often the plan scans it): a slow database.
ACCOUNTS_SQL = """
CREATE EXTENSION pg_stat_statements;
CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, region text NOT NULL);
CREATE TABLE profiles (user_id int, region text, bio text NOT NULL, PRIMARY KEY (user_id, region));
CREATE VIEW slow_users AS
  WITH pause AS MATERIALIZED (SELECT pg_sleep(1)) SELECT users.* FROM users, pause;
INSERT INTO users VALUES (1, 'Ada', 'eu'), (2, 'Bob', 'us'), (3, 'Cy', 'eu');
INSERT INTO profiles VALUES (1, 'eu', 'Ada in Europe'), (2, 'us', 'Bob in the US'),
                            (2, 'eu', 'Bob in Europe'), (3, 'eu', 'Cy in Europe');
"""

MIRROR_SQL = """
CREATE EXTENSION pg_stat_statements;
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);
CREATE VIEW slow_people AS
  WITH pause AS MATERIALIZED (SELECT pg_sleep(1)) SELECT people.* FROM people, pause;
INSERT INTO people VALUES (1, 'Ada (mirror)'), (2, 'Bob (mirror)');
"""

CONTENT_SQL = """
CREATE EXTENSION pg_stat_statements;
CREATE TABLE article (id int PRIMARY KEY, author_id int, title text NOT NULL, topic text,
                      published boolean NOT NULL);
INSERT INTO article VALUES (1, 1, 'The Word for World Is Forest', 'sf', true),
                           (2, 1, 'A Wizard of Earthsea', 'fantasy', true),
                           (3, 1, 'Draft', 'sf', false),
                           (4, 1, 'Steering the Craft', 'essay', true),
                           (5, 2, 'Solaris', 'sf', true),
                           (6, 2, 'Imaginary Magnitude', 'essay', true);
"""

TABLES = {"shop": ["products", "orders", "author"], "accounts": ["users", "profiles", "slow_users"],
          "content": ["article"], "mirror": ["people", "slow_people"]}


def to_source(source, table, kind, mapping):
    return {"to_source": {"source": source, "table": table, "relationship_type": kind,
                          "field_mapping": mapping}}


def public(name):
    return {"schema": "public", "name": name}


# The relationships of the shop, as (source, table, name, definition).
RELATIONSHIPS = [
    ("shop", "orders", "user", to_source("accounts", public("users"), "object", {"user_id": "id"})),
    ("shop", "orders", "profile",
     to_source("accounts", public("profiles"), "object",
               {"user_id": "user_id", "region": "region"})),
    ("shop", "orders", "user_profiles",
     to_source("accounts", public("profiles"), "array", {"user_id": "user_id"})),
    ("shop", "orders", "slow_user",
     to_source("accounts", public("slow_users"), "object", {"user_id": "id"})),
    ("shop", "orders", "slow_person",
     to_source("mirror", public("slow_people"), "object", {"user_id": "id"})),
    ("shop", "author", "articles",
     to_source("content", public("article"), "array", {"id": "author_id"})),
    ("accounts", "users", "orders",
     to_source("shop", public("orders"), "array", {"id": "user_id"})),
]


def create_remote(engine, source, table, name, definition, status=200):
    return call(engine, "pg_create_remote_relationship",
                {"source": source, "table": table, "name": name, "definition": definition},
                status=status)


def same(actual, expected):
    """Equal JSON with the keys in the same order (GraphQL answers keep the query's order;
    metadata API answers are compared with ==)."""
    assert actual == expected
    assert json.dumps(actual) == json.dumps(expected)


def check(engine, query, data, variables=None):
    same(answer(engine, query, variables), {"data": data})


def table_entry(metadata, source, table):
    found = next(s for s in metadata["sources"] if s["name"] == source)
    return next(t for t in found["tables"] if t["table"] == {"name": table, "schema": "public"})


class World:
    """The clusters, their databases and an engine serving them all with the relationships."""

    def __init__(self, cluster_a, cluster_b):
        self.databases = {"shop": cluster_a, "mirror": cluster_a, "accounts": cluster_b,
                          "content": cluster_b}
        self.clusters = [cluster_a, cluster_b]
        self.engine = None

    def reset_statements(self):
        for database, cluster in self.databases.items():  # where the extension is
            cluster.execute(database, "SELECT pg_stat_statements_reset()")

    def statements(self):
        """Per database, the statements it ran since reset_statements (the counters' own left
        out), as {database: [(query, calls)]} for the databases that ran any."""
        found = {}
        for database, cluster in self.databases.items():
            rows = cluster.execute(database, """
                SELECT query, calls::int FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND query NOT LIKE '%pg_stat_statements%' ORDER BY query""")
            if rows:
                found[database] = rows
        return found

    def counted(self, query):
        """Runs `query` once to warm up connections and prepared statements, then again; its
        answer and how many statements each database ran for the second run."""
        answer(self.engine, query)
        self.reset_statements()
        body = answer(self.engine, query)
        found = self.statements()
        return body, {db: sum(calls for _, calls in rows) for db, rows in found.items()}, found


def add_world_sources(engine, world, names):
    for name in names:
        add_source(engine, world.databases[name].database_url(name), name)
        for table in TABLES[name]:
            call(engine, "pg_track_table", {"source": name, "table": table})


@pytest.fixture(scope="module")
def world(pg_cluster, pg_cluster_b, start_engine_module):
    world = World(pg_cluster, pg_cluster_b)
    for cluster in world.clusters:
        cluster.enable_statement_statistics()
    for name, sql in [("shop", SHOP_SQL), ("mirror", MIRROR_SQL), ("accounts", ACCOUNTS_SQL),
                      ("content", CONTENT_SQL)]:
        world.databases[name].create_database(name, sql)
    engine = start_engine_module()
    add_world_sources(engine, world, ["shop", "mirror", "accounts", "content"])
    call(engine, "pg_create_array_relationship",
         {"source": "shop", "table": "products", "name": "orders",
          "using": {"foreign_key_constraint_on": {"table": "orders", "column": "product_code"}}})
    for source, table, name, definition in RELATIONSHIPS:
        assert create_remote(engine, source, table, name, definition) == {"message": "success"}
    world.engine = engine
    return world


@pytest.fixture
def fresh(world, start_engine):
    """An engine of its own on the world's shop, accounts and content, tables tracked, without
    relationships: for the tests that change metadata."""
    engine = start_engine()
    add_world_sources(engine, world, ["shop", "accounts", "content"])
    return engine


# ---- queries -------------------------------------------------------------------------------------

def type_text(type_):
    """An introspected type as SDL writes it: `[profiles!]!`."""
    if type_["kind"] == "NON_NULL":
        return type_text(type_["ofType"]) + "!"
    if type_["kind"] == "LIST":
        return "[" + type_text(type_["ofType"]) + "]"
    return type_["name"]


def test_schema_of_remote_fields(world):
    """An object relationship is a nullable field of the target's type, an array relationship
    `[T!]!` with the target's arguments plus `<name>_aggregate`; neither is in the table's
    bool_exp or order_by (not yet, as in Hasura)."""
    leaf = "kind name ofType { kind name ofType { kind name ofType { kind name } } }"
    body = answer(world.engine, """{
        orders: __type(name: "orders") { fields { name args { name } type { %s } } }
        bool_exp: __type(name: "orders_bool_exp") { inputFields { name } }
        order_by: __type(name: "orders_order_by") { inputFields { name } } }""" % leaf)
    fields = {f["name"]: (type_text(f["type"]), [a["name"] for a in f["args"]])
              for f in body["data"]["orders"]["fields"]}
    array_args = ["distinct_on", "limit", "offset", "order_by", "where"]
    assert {name: fields[name] for name in ["user", "profile", "user_profiles",
                                            "user_profiles_aggregate"]} == {
        "user": ("users", []), "profile": ("profiles", []),
        "user_profiles": ("[profiles!]!", array_args),
        "user_profiles_aggregate": ("profiles_aggregate!", array_args)}
    columns = ["amount", "id", "product_code", "region", "user_id"]
    assert [f["name"] for f in body["data"]["bool_exp"]["inputFields"]] == \
        ["_and", "_not", "_or"] + columns
    assert [f["name"] for f in body["data"]["order_by"]["inputFields"]] == columns


def test_object_and_array_relationships(world):
    check(world.engine, """{ orders(order_by: {id: asc}) {
            id user { name } user_profiles(order_by: {region: asc}) { region bio } } }""",
          {"orders": [
              {"id": 1, "user": {"name": "Ada"},
               "user_profiles": [{"region": "eu", "bio": "Ada in Europe"}]},
              {"id": 2, "user": {"name": "Bob"},
               "user_profiles": [{"region": "eu", "bio": "Bob in Europe"},
                                 {"region": "us", "bio": "Bob in the US"}]},
              {"id": 3, "user": {"name": "Ada"},
               "user_profiles": [{"region": "eu", "bio": "Ada in Europe"}]},
              {"id": 4, "user": None, "user_profiles": None},   # user_id is null
              {"id": 5, "user": None, "user_profiles": []},     # no user 99
              {"id": 6, "user": {"name": "Cy"},
               "user_profiles": [{"region": "eu", "bio": "Cy in Europe"}]}]})


def test_the_seed_example_author_articles(world):
    check(world.engine, """{ author(order_by: {id: asc}) {
            name articles(order_by: {id: asc}) { id title } } }""",
          {"author": [
              {"name": "Le Guin", "articles": [
                  {"id": 1, "title": "The Word for World Is Forest"},
                  {"id": 2, "title": "A Wizard of Earthsea"}, {"id": 3, "title": "Draft"},
                  {"id": 4, "title": "Steering the Craft"}]},
              {"name": "Lem", "articles": [{"id": 5, "title": "Solaris"},
                                           {"id": 6, "title": "Imaginary Magnitude"}]},
              {"name": "Butler", "articles": []}]})


def test_multi_column_mapping(world):
    # (user_id, region) → profiles(user_id, region): (1, us) has no profile, (99, eu) neither,
    # and a null in either column (orders 4 and 6) gives null.
    check(world.engine, "{ orders(order_by: {id: asc}) { id profile { bio } } }",
          {"orders": [{"id": 1, "profile": {"bio": "Ada in Europe"}},
                      {"id": 2, "profile": {"bio": "Bob in the US"}},
                      {"id": 3, "profile": None}, {"id": 4, "profile": None},
                      {"id": 5, "profile": None}, {"id": 6, "profile": None}]})


def test_null_keys_give_null_and_send_nothing(world):
    body, counts, found = world.counted("""{ orders(where: {id: {_eq: 4}}) {
        id user { name } profile { bio } user_profiles { bio }
        user_profiles_aggregate { aggregate { count } } } }""")
    same(body, {"data": {"orders": [{"id": 4, "user": None, "profile": None, "user_profiles": None,
                                     "user_profiles_aggregate": None}]}})
    assert counts == {"shop": 1}, found


def test_no_match_gives_null_and_empty_list(world):
    check(world.engine, """{ orders(where: {id: {_eq: 5}}) {
            user { name } user_profiles { bio }
            user_profiles_aggregate { aggregate { count } nodes { bio } } } }""",
          {"orders": [{"user": None, "user_profiles": [],
                       "user_profiles_aggregate": {"aggregate": {"count": 0}, "nodes": []}}]})


def test_array_arguments_apply_per_parent_row(world):
    check(world.engine, """{ author(order_by: {id: asc}) { name
            articles(where: {published: {_eq: true}}, order_by: {id: desc}, limit: 2, offset: 1)
            { id } } }""",
          {"author": [{"name": "Le Guin", "articles": [{"id": 2}, {"id": 1}]},
                      {"name": "Lem", "articles": [{"id": 5}]},
                      {"name": "Butler", "articles": []}]})


def test_distinct_on(world):
    check(world.engine, """{ author(order_by: {id: asc}) {
            articles(distinct_on: [topic], order_by: [{topic: asc}, {id: desc}]) {
              topic id } } }""",
          {"author": [{"articles": [{"topic": "essay", "id": 4}, {"topic": "fantasy", "id": 2},
                                    {"topic": "sf", "id": 3}]},
                      {"articles": [{"topic": "essay", "id": 6}, {"topic": "sf", "id": 5}]},
                      {"articles": []}]})


def test_arguments_from_variables(world):
    query = """query ($limit: Int!, $topic: String!) { author(order_by: {id: asc}) {
        articles(where: {topic: {_eq: $topic}}, order_by: {id: asc}, limit: $limit) { id } } }"""
    check(world.engine, query, {"author": [{"articles": [{"id": 1}]}, {"articles": [{"id": 5}]},
                                           {"articles": []}]},
          {"limit": 1, "topic": "sf"})
    check(world.engine, query, {"author": [{"articles": [{"id": 4}]}, {"articles": [{"id": 6}]},
                                           {"articles": []}]},
          {"limit": 5, "topic": "essay"})


def test_aggregate(world):
    check(world.engine, """{ author(order_by: {id: asc}) {
            articles_aggregate(where: {topic: {_eq: "sf"}}, order_by: {id: asc}) {
              aggregate { count max { id } } nodes { id title } } } }""",
          {"author": [
              {"articles_aggregate": {"aggregate": {"count": 2, "max": {"id": 3}},
                                      "nodes": [{"id": 1, "title": "The Word for World Is Forest"},
                                                {"id": 3, "title": "Draft"}]}},
              {"articles_aggregate": {"aggregate": {"count": 1, "max": {"id": 5}},
                                      "nodes": [{"id": 5, "title": "Solaris"}]}},
              {"articles_aggregate": {"aggregate": {"count": 0, "max": {"id": None}},
                                      "nodes": []}}]})


THREE_HOPS = """{ orders(order_by: {id: asc}) {
    id user { name orders(order_by: {id: asc}) { id amount } } } }"""
ADA_ORDERS = [{"id": 1, "amount": 10.5}, {"id": 3, "amount": 5}]
THREE_HOPS_DATA = {"orders": [
    {"id": 1, "user": {"name": "Ada", "orders": ADA_ORDERS}},
    {"id": 2, "user": {"name": "Bob", "orders": [{"id": 2, "amount": 20}]}},
    {"id": 3, "user": {"name": "Ada", "orders": ADA_ORDERS}},
    {"id": 4, "user": None},
    {"id": 5, "user": None},
    {"id": 6, "user": {"name": "Cy", "orders": [{"id": 6, "amount": 3}]}}]}


def test_three_hops_a_to_b_to_a(world):
    check(world.engine, THREE_HOPS, THREE_HOPS_DATA)


def test_one_statement_per_relationship_per_level(world):
    # The root query and the third hop on shop, the second hop on accounts: six orders, four
    # distinct users, one statement each.
    body, counts, found = world.counted(THREE_HOPS)
    same(body, {"data": THREE_HOPS_DATA})
    assert counts == {"shop": 2, "accounts": 1}, found
    # Two relationships at one level into one database: a statement each.
    body, counts, found = world.counted("{ orders { user { name } profile { bio } } }")
    assert "errors" not in body, body
    assert counts == {"shop": 1, "accounts": 2}, found
    # Under a local array relationship: still one statement for all the parents' rows.
    body, counts, found = world.counted("{ products { orders { user { name } } } }")
    assert "errors" not in body, body
    assert counts == {"shop": 1, "accounts": 1}, found


def test_explain_shows_every_hop(world):
    response = world.engine.post("/v1/graphql/explain", json={"query": {"query": THREE_HOPS}})
    assert response.status_code == 200, response.text
    hops = response.json()
    assert [(hop["field"], hop["source"]) for hop in hops] == [
        ("orders", "shop"), ("orders.user", "accounts"), ("orders.user.orders", "shop")]
    # A join's keys are only known when the query runs. The object relationship on an integer
    # column takes the distinct keys alone; the array relationship the keys with argument ids.
    user, orders = hops[1:]
    assert '."id" = ANY($1::int4[])' in user["sql"] and "unnest(" not in user["sql"], user
    assert user["params"] == [None], user
    assert "unnest(" in orders["sql"] and None in orders["params"], orders
    for hop in hops[1:]:
        assert hop["plan"], hop


def test_remote_join_inside_a_local_relationship(world):
    check(world.engine, """{ products(order_by: {code: asc}) {
            code orders(order_by: {id: asc}) { id user { name } } } }""",
          {"products": [
              {"code": "P1", "orders": [{"id": 1, "user": {"name": "Ada"}},
                                        {"id": 4, "user": None}]},
              {"code": "P2", "orders": [{"id": 2, "user": {"name": "Bob"}},
                                        {"id": 5, "user": None}]},
              {"code": "P3", "orders": [{"id": 3, "user": {"name": "Ada"}},
                                        {"id": 6, "user": {"name": "Cy"}}]}]})


def test_remote_join_inside_aggregate_nodes(world):
    check(world.engine, """{
            orders_aggregate(where: {id: {_lte: 3}}, order_by: {id: asc}) {
              aggregate { count } nodes { id user { name } } }
            products(where: {code: {_eq: "P3"}}) {
              orders_aggregate(order_by: {id: desc}) { nodes { user { name } } } } }""",
          {"orders_aggregate": {"aggregate": {"count": 3},
                                "nodes": [{"id": 1, "user": {"name": "Ada"}},
                                          {"id": 2, "user": {"name": "Bob"}},
                                          {"id": 3, "user": {"name": "Ada"}}]},
           "products": [{"orders_aggregate": {"nodes": [{"user": {"name": "Cy"}},
                                                        {"user": {"name": "Ada"}}]}}]})


def test_same_relationship_under_two_aliases(world):
    check(world.engine, """{ author(order_by: {id: asc}, limit: 2) { name
            first: articles(order_by: {id: asc}, limit: 1) { title }
            sf: articles(where: {topic: {_eq: "sf"}}, order_by: {id: desc}) { id }
            articles_aggregate { aggregate { count } } } }""",
          {"author": [
              {"name": "Le Guin", "first": [{"title": "The Word for World Is Forest"}],
               "sf": [{"id": 3}, {"id": 1}], "articles_aggregate": {"aggregate": {"count": 4}}},
              {"name": "Lem", "first": [{"title": "Solaris"}], "sf": [{"id": 5}],
               "articles_aggregate": {"aggregate": {"count": 2}}}]})
    check(world.engine,
          "{ orders(where: {id: {_eq: 1}}) { a: user { name } b: user { id region } } }",
          {"orders": [{"a": {"name": "Ada"}, "b": {"id": 1, "region": "eu"}}]})


def test_response_keys_in_query_order(world):
    check(world.engine, """{ orders(where: {id: {_eq: 2}}) {
            user { region __typename name } amount profile { bio } id user_id product_code } }""",
          {"orders": [{"user": {"region": "us", "__typename": "users", "name": "Bob"},
                       "amount": 20, "profile": {"bio": "Bob in the US"}, "id": 2, "user_id": 2,
                       "product_code": "P2"}]})


def test_join_columns_appear_only_when_selected(world):
    check(world.engine, "{ orders(where: {id: {_eq: 1}}) { user { name } profile { bio } } }",
          {"orders": [{"user": {"name": "Ada"}, "profile": {"bio": "Ada in Europe"}}]})
    check(world.engine, """{ orders(where: {id: {_eq: 1}}) {
            profile { bio } user_id r: region user { name } } }""",
          {"orders": [{"profile": {"bio": "Ada in Europe"}, "user_id": 1, "r": "eu",
                       "user": {"name": "Ada"}}]})
    # The target's join column (users.id) of a nested hop is not selected either.
    check(world.engine, "{ orders(where: {id: {_eq: 2}}) { user { orders { amount } } } }",
          {"orders": [{"user": {"orders": [{"amount": 20}]}}]})


def test_independent_relationships_run_concurrently(world):
    # Each target statement sleeps one second; the two hops go to two databases.
    one = "{ orders(where: {id: {_eq: 1}}) { slow_user { name } } }"
    both = "{ orders(where: {id: {_eq: 1}}) { slow_user { name } slow_person { name } } }"
    answer(world.engine, "{ users(limit: 1) { id } people(limit: 1) { id } }")  # connected
    started = time.monotonic()
    same(answer(world.engine, one), {"data": {"orders": [{"slow_user": {"name": "Ada"}}]}})
    alone = time.monotonic() - started
    started = time.monotonic()
    same(answer(world.engine, both), {"data": {"orders": [
        {"slow_user": {"name": "Ada"}, "slow_person": {"name": "Ada (mirror)"}}]}})
    together = time.monotonic() - started
    assert alone >= 1.0, f"the slow view did not slow the hop down: {alone:.2f} s"
    assert together < 1.8, f"two 1 s hops took {together:.2f} s: they ran one after the other"


def test_keys_are_deduplicated_and_chunked(world, start_engine, tmp_path):
    # Five non-null keys, four of them distinct (users 1, 2, 1, 99, 3), in chunks of at most two:
    # two statements (three without de-duplication, one without chunking).
    metadata = tmp_path / "chunked.json"
    shutil.copyfile(world.engine.metadata, metadata)
    engine = start_engine(metadata=metadata, env={BATCH_SIZE_ENV: "2"})
    query = "{ orders(order_by: {id: asc}) { id user { name } } }"
    expected = {"data": {"orders": [
        {"id": 1, "user": {"name": "Ada"}}, {"id": 2, "user": {"name": "Bob"}},
        {"id": 3, "user": {"name": "Ada"}}, {"id": 4, "user": None}, {"id": 5, "user": None},
        {"id": 6, "user": {"name": "Cy"}}]}}
    same(answer(engine, query), expected)
    world.reset_statements()
    same(answer(engine, query), expected)
    found = world.statements()
    assert sum(calls for _, calls in found["accounts"]) == 2, found


# ---- failure -------------------------------------------------------------------------------------

def test_a_target_database_that_is_down(world, start_engine):
    own = Cluster.start()  # a cluster of its own: this test stops it
    try:
        own.create_database("accounts", ACCOUNTS_SQL)
        engine = start_engine()
        add_source(engine, world.databases["shop"].database_url("shop"), "shop")
        call(engine, "pg_track_table", {"source": "shop", "table": "orders"})
        add_source(engine, own.database_url("accounts"), "accounts")
        call(engine, "pg_track_table", {"source": "accounts", "table": "users"})
        create_remote(engine, *RELATIONSHIPS[0])
        query = "{ orders(where: {id: {_eq: 1}}) { id user { name } } }"
        working = {"data": {"orders": [{"id": 1, "user": {"name": "Ada"}}]}}
        same(answer(engine, query), working)

        own.stop_server()
        started = time.monotonic()
        error = graphql_error(engine.graphql({"query": query}))
        assert time.monotonic() - started < 10
        # Hasura's shape for a failed connection, at the remote field's path; the database's
        # own message (with its port) in `internal`.
        assert error["extensions"].pop("internal").startswith("connection to server at"), error
        assert error == {"message": "connection error",
                         "extensions": {"path": "$.selectionSet.orders.selectionSet.user",
                                        "code": "postgres-error"}}
        assert engine.get("/healthz").status_code == 200
        check(engine, "{ orders(where: {id: {_lte: 2}}, order_by: {id: asc}) { id } }",
              {"orders": [{"id": 1}, {"id": 2}]})

        own.start_server()
        deadline = time.monotonic() + 5
        while "errors" in answer(engine, query) and time.monotonic() < deadline:
            time.sleep(0.1)
        same(answer(engine, query), working)
    finally:
        own.stop()


# ---- metadata ------------------------------------------------------------------------------------

def refusal(name, definition, reason, table="orders", path="$.args"):
    """Hasura's answer to a relationship the schema cannot build: the reason, once as the
    error and once in `internal`, the create command's arguments as the definition."""
    return {"path": path, "error": reason, "code": "invalid-configuration",
            "internal": [{"definition": {"definition": definition, "name": name, "source": "shop",
                                         "table": {"name": table, "schema": "public"}},
                          "name": f"remote_relationship {name} in table {table} in source shop",
                          "reason": reason, "type": "remote_relationship"}]}


def in_context(name, inner, table="orders"):
    return f'Inconsistent object: in table "{table}": in remote relationship "{name}": {inner}'


USERS = to_source("accounts", public("users"), "object", {"user_id": "id"})
INVALID = [
    ("unknown_source", to_source("nope", "users", "object", {"user_id": "id"}),
     in_context("unknown_source", 'source not found: "nope"')),
    ("unknown_table", to_source("accounts", "nope", "object", {"user_id": "id"}),
     in_context("unknown_table", 'table "nope" does not exist in source: accounts')),
    ("unknown_lhs", to_source("accounts", "users", "object", {"nope": "id"}),
     in_context("unknown_lhs", '"nope" does not exist')),
    ("unknown_rhs", to_source("accounts", "users", "object", {"user_id": "nope"}),
     in_context("unknown_rhs", '"nope" does not exist')),
    ("region", USERS, "Inconsistent object: field definition conflicts with postgres column"),
    # Beyond Hasura (#10803): join columns whose values cannot be compared.
    ("mismatched", to_source("accounts", "users", "object", {"product_code": "id"}),
     in_context("mismatched", 'column "product_code" (text) cannot be compared with column "id" '
                              '(int4) of table "users"')),
]


@pytest.mark.parametrize("name,definition,reason", INVALID, ids=[case[0] for case in INVALID])
def test_invalid_relationships_are_refused_and_nothing_is_kept(world, name, definition, reason):
    before = export(world.engine)
    error = create_remote(world.engine, "shop", "orders", name, definition, status=400)
    assert error == refusal(name, definition, reason)
    assert export(world.engine) == before


def test_unknown_left_hand_table(world):
    before = export(world.engine)
    error = create_remote(world.engine, "shop", "nope", "user", USERS, status=400)
    assert error == {"path": "$.args", "error": 'table "nope" does not exist in source: shop',
                     "code": "not-exists"}
    assert export(world.engine) == before


def test_create_is_an_upsert(fresh):
    assert create_remote(fresh, "shop", "orders", "user", USERS) == {"message": "success"}
    check(fresh, "{ orders(where: {id: {_eq: 2}}) { user { name } } }",
          {"orders": [{"user": {"name": "Bob"}}]})
    profiles = to_source("accounts", "profiles", "array", {"user_id": "user_id"})
    assert create_remote(fresh, "shop", "orders", "user", profiles) == {"message": "success"}
    assert table_entry(export(fresh), "shop", "orders")["remote_relationships"] == \
        [{"definition": profiles, "name": "user"}]
    check(fresh, "{ orders(where: {id: {_eq: 2}}) { user(order_by: {region: asc}) { region } } }",
          {"orders": [{"user": [{"region": "eu"}, {"region": "us"}]}]})


def test_update_and_delete(fresh):
    args = {"source": "shop", "table": "orders", "name": "user"}
    missing = call(fresh, "pg_update_remote_relationship", {**args, "definition": USERS},
                   status=400)
    assert missing == {"path": "$.args", "error": '"user" does not exist', "code": "not-exists"}
    missing = call(fresh, "pg_delete_remote_relationship", args, status=400)
    assert missing == {"path": "$.args", "error": '"user" does not exist', "code": "not-exists"}
    column = call(fresh, "pg_delete_remote_relationship", {**args, "name": "region"}, status=400)
    assert column == {"path": "$.args", "error": "expecting a remote relationship",
                      "code": "unexpected-payload"}

    create_remote(fresh, "shop", "orders", "user", USERS)
    by_id = to_source("accounts", "users", "object", {"id": "id"})  # order 3 → user 3
    assert call(fresh, "pg_update_remote_relationship", {**args, "definition": by_id}) == \
        {"message": "success"}
    check(fresh, "{ orders(where: {id: {_eq: 3}}) { user { name } } }",
          {"orders": [{"user": {"name": "Cy"}}]})
    assert call(fresh, "pg_delete_remote_relationship", args) == {"message": "success"}
    assert "remote_relationships" not in table_entry(export(fresh), "shop", "orders")
    assert graphql_error(fresh.graphql({"query": "{ orders { user { name } } }"}))[
        "extensions"]["code"] == "validation-failed"


def legacy(engine, type_, args, status=200):
    response = engine.post("/v1/query", json={"type": type_, "args": args})
    assert response.status_code == status, response.text
    return response.json()


def test_legacy_query_api(fresh):
    older = {"relationship_type": "object", "field_mapping": {"user_id": "id"},
             "source": "accounts", "table": "users"}
    assert legacy(fresh, "create_remote_relationship",
                  {"name": "user", "source": "shop", "table": "orders", "remote_source": older}) \
        == {"message": "success"}
    profile = to_source("accounts", "profiles", "object",
                        {"user_id": "user_id", "region": "region"})
    assert legacy(fresh, "create_remote_relationship",
                  {"name": "profile", "source": "shop", "table": "orders", "definition": profile}) \
        == {"message": "success"}
    check(fresh, "{ orders(where: {id: {_eq: 1}}) { user { name } profile { bio } } }",
          {"orders": [{"user": {"name": "Ada"}, "profile": {"bio": "Ada in Europe"}}]})
    assert table_entry(export(fresh), "shop", "orders")["remote_relationships"] == [
        {"definition": profile, "name": "profile"},
        {"definition": {"remote_source": older}, "name": "user"}]

    assert legacy(fresh, "update_remote_relationship",
                  {"name": "user", "source": "shop", "table": "orders",
                   "definition": to_source("accounts", "users", "object", {"id": "id"})}) == \
        {"message": "success"}
    check(fresh, "{ orders(where: {id: {_eq: 3}}) { user { name } } }",
          {"orders": [{"user": {"name": "Cy"}}]})
    assert legacy(fresh, "delete_remote_relationship",
                  {"name": "user", "source": "shop", "table": "orders"}) == {"message": "success"}
    assert [r["name"] for r in table_entry(export(fresh), "shop", "orders")
            ["remote_relationships"]] == ["profile"]


def test_bulk(fresh):
    command = {"type": "pg_create_remote_relationship",
               "args": {"source": "shop", "table": "orders", "name": "user", "definition": USERS}}
    bad = to_source("nope", "users", "object", {"user_id": "id"})
    before = export(fresh)
    failed = fresh.metadata_call({"type": "bulk", "args": [
        command, {**command, "args": {**command["args"], "name": "broken", "definition": bad}}]})
    assert failed.status_code == 400, failed.text
    assert failed.json() == refusal("broken", bad,
                                    in_context("broken", 'source not found: "nope"'),
                                    path="$.args[1].args")
    assert export(fresh) == before

    done = fresh.metadata_call({"type": "bulk", "args": [command, {
        "type": "pg_create_remote_relationship",
        "args": {"source": "shop", "table": "author", "name": "articles",
                 "definition": RELATIONSHIPS[5][3]}}]})
    assert done.status_code == 200, done.text
    assert done.json() == [{"message": "success"}, {"message": "success"}]
    check(fresh, "{ author(where: {id: {_eq: 2}}) { articles(order_by: {id: asc}) { id } } }",
          {"author": [{"articles": [{"id": 5}, {"id": 6}]}]})


def test_export_and_replace_round_trip(fresh):
    # Target tables as a string and as an object, one and two columns: each kept as given.
    given = {
        "user": to_source("accounts", "users", "object", {"user_id": "id"}),
        "profile": to_source("accounts", public("profiles"), "object",
                             {"user_id": "user_id", "region": "region"}),
    }
    for name, definition in given.items():
        create_remote(fresh, "shop", "orders", name, definition)
    exported = export(fresh)
    assert table_entry(exported, "shop", "orders")["remote_relationships"] == [
        {"definition": given["profile"], "name": "profile"},
        {"definition": given["user"], "name": "user"}]
    query = "{ orders(where: {id: {_eq: 2}}) { user { name } profile { bio } } }"
    data = {"orders": [{"user": {"name": "Bob"}, "profile": {"bio": "Bob in the US"}}]}

    assert call(fresh, "clear_metadata", {}) == {"message": "success"}
    assert call(fresh, "replace_metadata", copy.deepcopy(exported)) == {"message": "success"}
    assert export(fresh) == exported
    check(fresh, query, data)


def test_inconsistent_relationship_in_replaced_metadata(fresh):
    create_remote(fresh, "shop", "orders", "user", USERS)
    metadata = export(fresh)
    bad = to_source("nope", "users", "object", {"user_id": "id"})
    table_entry(metadata, "shop", "orders")["remote_relationships"].insert(
        0, {"definition": bad, "name": "broken"})
    broken = refusal("broken", bad, in_context("broken", 'source not found: "nope"'))["internal"]
    assert call(fresh, "replace_metadata", {"metadata": metadata}, status=400) == {
        "path": "$.args", "error": "cannot continue due to inconsistent metadata",
        "code": "unexpected", "internal": broken}
    assert call(fresh, "replace_metadata",
                {"allow_inconsistent_metadata": True, "metadata": metadata}) == \
        {"is_consistent": False, "inconsistent_objects": broken}
    assert call(fresh, "get_inconsistent_metadata", {}) == \
        {"is_consistent": False, "inconsistent_objects": broken}
    check(fresh, "{ orders(where: {id: {_eq: 1}}) { user { name } } }",
          {"orders": [{"user": {"name": "Ada"}}]})


def test_drop_source_with_and_without_cascade(fresh):
    create_remote(fresh, "shop", "orders", "user", USERS)
    before = export(fresh)
    dependency = {"path": "$.args", "error": "cannot drop due to the following dependent objects: "
                                             'remote relationship orders.user in source "shop"',
                  "code": "dependency-error"}
    assert call(fresh, "pg_drop_source", {"name": "accounts"}, status=400) == dependency
    assert call(fresh, "pg_untrack_table", {"source": "accounts", "table": "users"},
                status=400) == dependency
    assert export(fresh) == before
    check(fresh, "{ orders(where: {id: {_eq: 1}}) { user { name } } }",
          {"orders": [{"user": {"name": "Ada"}}]})

    assert call(fresh, "pg_drop_source", {"name": "accounts", "cascade": True}) == \
        {"message": "success"}
    exported = export(fresh)
    assert sorted(s["name"] for s in exported["sources"]) == ["content", "shop"]
    assert "remote_relationships" not in table_entry(exported, "shop", "orders")
    assert graphql_error(fresh.graphql({"query": "{ orders { user { name } } }"}))[
        "extensions"]["code"] == "validation-failed"
    check(fresh, "{ orders(where: {id: {_eq: 1}}) { id } }", {"orders": [{"id": 1}]})

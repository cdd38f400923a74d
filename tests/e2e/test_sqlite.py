"""SQLite sources end to end (issue 6), through the real binary: the golden cases shared with
Postgres (tests/cases/sqlite, format in tests/cases/README.md), the sqlite_ metadata commands,
the query operators, remote joins between SQLite files and Postgres in every direction, how many
statements each hop sends (counted in the engine's query log), concurrency and locked files,
and /v1/graphql/explain.

Databases are files made in each test's directory with Python's sqlite3 (tests/e2e/sqlite.py);
Postgres databases live in the session's throwaway cluster. Expected answers are written by
hand; GraphQL answers are compared with their key order.
"""

import concurrent.futures
import json
import math
import pathlib
import shutil
import statistics
import time

import pytest

from sqlite import Lock, QueryLog, create_database
from support import graphql_error
from test_cases import read_case, without_internal
from test_postgres import add_source as pg_add_source
from test_postgres import call

CASES = pathlib.Path(__file__).resolve().parents[1] / "cases"
SQLITE_CASES = CASES / "sqlite"
SHARED_CASES = [line.strip()
                for line in (SQLITE_CASES / "shared_cases.txt").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
OWN_CASES = sorted(p for p in (SQLITE_CASES / "queries").iterdir() if p.is_dir())
QUERY_LOG = ["--enabled-log-types", "startup,http-log,query-log"]


def key_order(value):
    """The keys of every object in `value`, in order (numbers compare by value, as JSON does:
    10 and 10.0 are the same number)."""
    if isinstance(value, dict):
        return [(key, key_order(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [key_order(item) for item in value]
    return None


def same(actual, expected):
    """Equal JSON with the keys in the same order."""
    assert actual == expected
    assert key_order(actual) == key_order(expected), json.dumps(actual)


def answer(engine, query, variables=None):
    response = engine.graphql({"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    return response.json()


def check(engine, query, data, variables=None):
    same(answer(engine, query, variables), {"data": data})


def add_source(engine, path, name="default", **settings):
    return call(engine, "sqlite_add_source",
                {"name": name, "configuration": {"db": str(path), **settings}})


def export(engine):
    return call(engine, "export_metadata", {})


def source_entry(metadata, name):
    return next(s for s in metadata["sources"] if s["name"] == name)


# ---- golden cases --------------------------------------------------------------------------------

def cases_metadata(directory):
    """tests/cases/sqlite/metadata.json with the database file made from schema.sql in
    `directory` (the file's "db" names it relative to the engine's directory)."""
    database = create_database(directory / "cases.db", (SQLITE_CASES / "schema.sql").read_text())
    metadata = json.loads((SQLITE_CASES / "metadata.json").read_text())
    metadata["sources"][0]["configuration"]["db"] = str(database)
    path = directory / "metadata.json"
    path.write_text(json.dumps(metadata))
    return path


@pytest.fixture(scope="module")
def cases_engine(tmp_path_factory, start_engine_module):
    return start_engine_module(
        metadata_template=cases_metadata(tmp_path_factory.mktemp("sqlite-cases")))


def check_case(engine, case):
    request, expected, status, _ = read_case(case)  # sql.txt is Postgres's SQL: not compared
    response = engine.graphql(request)
    assert response.status_code == status, response.text
    assert without_internal(response.json()) == without_internal(expected), \
        json.dumps(response.json(), indent=2, ensure_ascii=False)
    assert list(response.json().get("data", {}) or {}) == list(expected.get("data", {}) or {})


def test_case_lists_are_consistent():
    postgres_cases = {p.name for p in (CASES / "queries").iterdir() if p.is_dir()}
    assert sorted(SHARED_CASES) == SHARED_CASES and len(set(SHARED_CASES)) == len(SHARED_CASES)
    assert set(SHARED_CASES) <= postgres_cases, set(SHARED_CASES) - postgres_cases
    assert not set(SHARED_CASES) & {p.name for p in OWN_CASES}  # a copy replaces a shared case


@pytest.mark.parametrize("case", SHARED_CASES)
def test_shared_case(cases_engine, case):
    check_case(cases_engine, CASES / "queries" / case)


@pytest.mark.parametrize("case", OWN_CASES, ids=[p.name for p in OWN_CASES])
def test_sqlite_case(cases_engine, case):
    check_case(cases_engine, case)


# ---- metadata commands ---------------------------------------------------------------------------

LIBRARY_SQL = """
CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
                   author_id INTEGER NOT NULL REFERENCES author (id), isbn TEXT);
CREATE TABLE edition (isbn TEXT NOT NULL, year INTEGER NOT NULL);
INSERT INTO author VALUES (1, 'Le Guin'), (2, 'Lem');
INSERT INTO book VALUES (1, 'The Dispossessed', 1, 'isbn-1'), (2, 'Solaris', 2, 'isbn-2'),
                        (3, 'The Lathe of Heaven', 1, NULL);
INSERT INTO edition VALUES ('isbn-1', 1974), ('isbn-1', 1994), ('isbn-2', 1961);
"""

BOOKS = """{ book(order_by: {id: asc}) { title author { name }
              editions(order_by: {year: asc}) { year } } }"""
BOOKS_DATA = {"book": [
    {"title": "The Dispossessed", "author": {"name": "Le Guin"},
     "editions": [{"year": 1974}, {"year": 1994}]},
    {"title": "Solaris", "author": {"name": "Lem"}, "editions": [{"year": 1961}]},
    {"title": "The Lathe of Heaven", "author": {"name": "Le Guin"}, "editions": []}]}


@pytest.fixture
def library(tmp_path):
    return create_database(tmp_path / "library.db", LIBRARY_SQL)


def track_library(engine, source="default"):
    assert call(engine, "sqlite_track_table", {"source": source, "table": "author"}) == \
        {"message": "success"}
    call(engine, "sqlite_track_table", {"source": source, "table": ["main", "book"]})
    call(engine, "sqlite_track_table", {"source": source, "table": ["main", "edition"]})
    call(engine, "sqlite_create_object_relationship",
         {"source": source, "table": "book", "name": "author",
          "using": {"foreign_key_constraint_on": "author_id"}})
    call(engine, "sqlite_create_array_relationship",
         {"source": source, "table": ["main", "author"], "name": "books",
          "using": {"foreign_key_constraint_on": {"column": "author_id",
                                                  "table": ["main", "book"]}}})
    call(engine, "sqlite_create_array_relationship",
         {"source": source, "table": "book", "name": "editions",
          "using": {"manual_configuration": {"column_mapping": {"isbn": "isbn"},
                                             "remote_table": ["main", "edition"]}}})


def test_add_track_relationships_query_and_export(start_engine, library):
    engine = start_engine()
    assert add_source(engine, library) == {"message": "success"}
    track_library(engine)
    check(engine, BOOKS, BOOKS_DATA)
    check(engine, """{ author(order_by: {id: asc}) { name books(order_by: {id: desc}) { id } }
                       author_by_pk(id: 2) { name } }""",
          {"author": [{"name": "Le Guin", "books": [{"id": 3}, {"id": 1}]},
                      {"name": "Lem", "books": [{"id": 2}]}],
           "author_by_pk": {"name": "Lem"}})

    # Tables in the object form (schema main) whichever form they were tracked with, sorted.
    def main(name):
        return {"name": name, "schema": "main"}

    same(source_entry(export(engine), "default"), {
        "name": "default", "kind": "sqlite",
        "tables": [
            {"table": main("author"), "array_relationships": [
                {"name": "books", "using": {"foreign_key_constraint_on": {
                    "column": "author_id", "table": main("book")}}}]},
            {"table": main("book"),
             "object_relationships": [
                 {"name": "author", "using": {"foreign_key_constraint_on": "author_id"}}],
             "array_relationships": [
                 {"name": "editions", "using": {"manual_configuration": {
                     "column_mapping": {"isbn": "isbn"}, "insertion_order": None,
                     "remote_table": main("edition")}}}]},
            {"table": main("edition")}],
        "configuration": {"db": str(library)}})


def test_export_replace_round_trip_and_restart(start_engine, library, tmp_path):
    metadata = tmp_path / "kept.json"
    engine = start_engine(metadata=metadata)
    add_source(engine, library, read_only=True, busy_timeout=1000)
    track_library(engine)
    exported = export(engine)
    assert source_entry(exported, "default")["configuration"] == \
        {"db": str(library), "read_only": True, "busy_timeout": 1000}
    assert call(engine, "clear_metadata", {}) == {"message": "success"}
    assert call(engine, "replace_metadata", exported) == {"message": "success"}
    assert export(engine) == exported
    check(engine, BOOKS, BOOKS_DATA)
    assert engine.stop() == 0

    again = start_engine(metadata=metadata)
    assert export(again) == exported
    check(again, BOOKS, BOOKS_DATA)


def test_hasura_data_connector_configuration(start_engine, library):
    engine = start_engine()
    assert call(engine, "sqlite_add_source",
                {"name": "chinook", "configuration": {"value": {"db": str(library)},
                                                      "template": None, "timeout": None}}) == \
        {"message": "success"}
    call(engine, "sqlite_track_table", {"source": "chinook", "table": ["author"]})
    check(engine, "{ author(order_by: {id: asc}) { name } }",
          {"author": [{"name": "Le Guin"}, {"name": "Lem"}]})


def test_untrack_and_drop_source(start_engine, library):
    engine = start_engine()
    add_source(engine, library)
    track_library(engine)
    # book.author depends on author: untracking it needs cascade, as for Postgres.
    refused = call(engine, "sqlite_untrack_table", {"source": "default", "table": "author"},
                   status=400)
    assert refused["code"] == "dependency-error", refused
    assert call(engine, "sqlite_untrack_table",
                {"source": "default", "table": "author", "cascade": True}) == \
        {"message": "success"}
    assert graphql_error(engine.graphql({"query": "{ author { id } }"}))["extensions"]["code"] \
        == "validation-failed"
    assert graphql_error(engine.graphql({"query": "{ book { author { name } } }"}))[
        "extensions"]["code"] == "validation-failed"
    check(engine, "{ book(where: {id: {_eq: 2}}) { title } }", {"book": [{"title": "Solaris"}]})

    assert call(engine, "sqlite_drop_source", {"name": "default"}) == {"message": "success"}
    assert export(engine)["sources"] == []
    assert graphql_error(engine.graphql({"query": "{ book { id } }"}))["extensions"]["code"] \
        == "validation-failed"


def test_errors_change_nothing(start_engine, library):
    engine = start_engine()
    add_source(engine, library)
    call(engine, "sqlite_track_table", {"source": "default", "table": "book"})
    before = export(engine)

    duplicate = call(engine, "sqlite_add_source",
                     {"name": "default", "configuration": {"db": str(library)}}, status=400)
    assert duplicate["code"] == "already-exists", duplicate
    no_db = call(engine, "sqlite_add_source", {"name": "other", "configuration": {}}, status=400)
    assert no_db == {"path": "$.args.configuration", "error": 'key "db" not found',
                     "code": "parse-failed"}
    missing = call(engine, "sqlite_track_table", {"source": "default", "table": "nope"},
                   status=400)
    assert missing["code"] == "invalid-configuration" and "nope" in missing["error"], missing
    again = call(engine, "sqlite_track_table", {"source": "default", "table": "book"}, status=400)
    assert again["code"] == "already-tracked", again
    unknown_source = call(engine, "sqlite_track_table", {"source": "nope", "table": "book"},
                          status=400)
    assert unknown_source["code"] == "not-exists", unknown_source
    bad_column = call(engine, "sqlite_create_object_relationship",
                      {"source": "default", "table": "book", "name": "author",
                       "using": {"foreign_key_constraint_on": "nope"}}, status=400)
    assert bad_column["error"] == ('Inconsistent object: in table "main.book": in relationship '
                                   '"author": no foreign constraint exists on the given column(s)')
    assert export(engine) == before


def test_missing_file_is_inconsistent_and_comes_back_with_reload(start_engine, library, tmp_path):
    later = tmp_path / "later.db"
    engine = start_engine()
    add_source(engine, library)
    call(engine, "sqlite_track_table", {"source": "default", "table": "author"})
    metadata = export(engine)
    metadata["sources"].append({"name": "later", "kind": "sqlite",
                                "configuration": {"db": str(later)},
                                "tables": [{"table": ["main", "book"]}]})
    refused = call(engine, "replace_metadata", {"metadata": metadata}, status=400)
    assert refused["error"] == "cannot continue due to inconsistent metadata", refused
    assert not later.exists()  # the engine opens without creating the file

    allowed = call(engine, "replace_metadata",
                   {"allow_inconsistent_metadata": True, "metadata": metadata})
    assert allowed["is_consistent"] is False
    [inconsistent] = allowed["inconsistent_objects"]
    assert inconsistent["type"] == "source" and inconsistent["name"] == "source later", allowed
    assert inconsistent["reason"] == "Inconsistent object: connection error", inconsistent
    assert inconsistent["message"] == \
        f'cannot open the SQLite database "{later}": unable to open database file', inconsistent
    assert call(engine, "get_inconsistent_metadata", {}) == allowed
    # The rest is served.
    check(engine, "{ author(order_by: {id: asc}) { name } }",
          {"author": [{"name": "Le Guin"}, {"name": "Lem"}]})

    assert graphql_error(engine.graphql({"query": "{ book { id } }"}))["extensions"]["code"] \
        == "validation-failed"

    shutil.copyfile(library, later)
    assert call(engine, "reload_metadata", {"reload_sources": ["later"]}) == \
        {"message": "success", "is_consistent": True}
    assert call(engine, "get_inconsistent_metadata", {}) == \
        {"is_consistent": True, "inconsistent_objects": []}
    check(engine,
          "{ book(where: {isbn: {_is_null: true}}) { title } author_by_pk(id: 1) { name } }",
          {"book": [{"title": "The Lathe of Heaven"}], "author_by_pk": {"name": "Le Guin"}})


def test_missing_file_at_add_source(start_engine, tmp_path):
    engine = start_engine()
    refused = call(engine, "sqlite_add_source",
                   {"name": "gone", "configuration": {"db": str(tmp_path / "gone.db")}},
                   status=400)
    assert str(tmp_path / "gone.db") in json.dumps(refused), refused
    assert export(engine)["sources"] == []


# ---- queries -------------------------------------------------------------------------------------

def test_comparison_operators(cases_engine):
    check(cases_engine, """{
        like: user(where: {name: {_like: "%a%"}}, order_by: {id: asc}) { name }
        like_case: user(where: {name: {_like: "ada"}}) { name }
        ilike: user(where: {name: {_ilike: "ADA"}}) { name }
        regex: user(where: {email: {_regex: "^[a-c].*@example\\\\.com$"}}, order_by: {id: asc})
          { name }
        regex_case: user(where: {name: {_regex: "^ada"}}) { name }
        iregex: user(where: {name: {_iregex: "^ada|^CLEO"}}, order_by: {id: asc}) { name }
        similar: user(where: {name: {_similar: "(A|B)%"}}, order_by: {id: asc}) { name }
        in: order(where: {id: {_in: [7, 2, 99]}}, order_by: {id: asc}) { id }
        nin: order(where: {user_id: {_nin: [1, 4]}}, order_by: {id: asc}) { id }
        null_user: order(where: {user_id: {_is_null: true}}) { id }
        text_gt: user(where: {name: {_gt: "Cleo"}}, order_by: {id: asc}) { name }
        bool: products(where: {in_stock: {_eq: false}}) { sku in_stock }
      }""",
          {"like": [{"name": "Ada"}, {"name": "Brendan"}],
           "like_case": [],
           "ilike": [{"name": "Ada"}],
           "regex": [{"name": "Ada"}, {"name": "Brendan"}],
           "regex_case": [],
           "iregex": [{"name": "Ada"}, {"name": "Cleo"}],
           "similar": [{"name": "Ada"}, {"name": "Brendan"}],
           "in": [{"id": 2}, {"id": 7}],
           # _nin is NOT IN: the order without a user (id 7) is not in the answer, as in SQL.
           "nin": [{"id": 3}],
           "null_user": [{"id": 7}],
           # Byte order: 'É' (0xC3 …) sorts after every ASCII letter.
           "text_gt": [{"name": "Dmitri"}, {"name": "Émile"}],
           "bool": [{"sku": "LENS-2", "in_stock": False}]})


def test_order_limit_offset_distinct_on_by_pk(cases_engine):
    check(cases_engine, """{
        page: order(order_by: [{status: desc}, {total: asc}], limit: 3, offset: 1) { id }
        rest: order(order_by: {id: asc}, offset: 5) { id }
        latest: order(distinct_on: user_id, order_by: [{user_id: asc_nulls_first},
                                                        {placed_on: desc}]) { user_id id }
        line: shop_order_line_by_pk(order_id: 5, sku: "GEAR-7") { quantity order { id } }
        none: user_by_pk(id: 42) { id }
      }""",
          # shipped by total (3, 1, 5), pending by total (7, 2, 6), cancelled (4).
          {"page": [{"id": 1}, {"id": 5}, {"id": 7}],
           "rest": [{"id": 6}, {"id": 7}],
           "latest": [{"user_id": None, "id": 7}, {"user_id": 1, "id": 2},
                      {"user_id": 2, "id": 3}, {"user_id": 4, "id": 6}],
           "line": {"quantity": 10, "order": {"id": 5}},
           "none": None})


TOTALS = [120.5, 15, 99.99, 7.25, 300, 42, 5]
QUANTITIES = [3, 1, 2, 1, 10, 4, 1]


def close(actual, expected):
    """Equal JSON with the same keys in the same order, floats within 1e-12 (relative)."""
    if isinstance(expected, dict):
        return (isinstance(actual, dict) and list(actual) == list(expected)
                and all(close(actual[k], v) for k, v in expected.items()))
    if isinstance(expected, float):
        return isinstance(actual, (int, float)) and math.isclose(actual, expected, rel_tol=1e-12)
    return actual == expected


def test_aggregates_against_python_statistics(cases_engine):
    body = answer(cases_engine, """{ order_aggregate { aggregate {
        count sum { quantity } avg { quantity } min { total placed_on } max { total status }
        stddev { total quantity } stddev_pop { total } stddev_samp { quantity }
        variance { total } var_pop { quantity } var_samp { total } } }
      user(where: {id: {_eq: 3}}) { orders_aggregate { aggregate { count stddev { total }
                                                                   sum { total } } } } }""")
    aggregate = body["data"]["order_aggregate"]["aggregate"]
    expected = {
        "count": 7, "sum": {"quantity": 22},
        "avg": {"quantity": statistics.mean(QUANTITIES)},
        "min": {"total": 5, "placed_on": "2024-02-11"},
        "max": {"total": 300, "status": "shipped"},
        "stddev": {"total": statistics.stdev(TOTALS), "quantity": statistics.stdev(QUANTITIES)},
        "stddev_pop": {"total": statistics.pstdev(TOTALS)},
        "stddev_samp": {"quantity": statistics.stdev(QUANTITIES)},
        "variance": {"total": statistics.variance(TOTALS)},
        "var_pop": {"quantity": statistics.pvariance(QUANTITIES)},
        "var_samp": {"total": statistics.variance(TOTALS)}}
    # Another algorithm (Welford's) may differ from the exact result in the last bits.
    assert close(aggregate, expected), json.dumps(aggregate)
    # Cleo has no orders: count 0, null aggregates (not 0).
    same(body["data"]["user"], [{"orders_aggregate": {"aggregate": {
        "count": 0, "stddev": {"total": None}, "sum": {"total": None}}}}])


def test_float_values_keep_their_precision(cases_engine):
    # The average of the quantities is 22/7: written with fewer than 17 significant digits it
    # is another number (3.14285714285714 != 22/7 as a double).
    body = answer(cases_engine, "{ order_aggregate { aggregate { avg { quantity } } } }")
    assert body["data"]["order_aggregate"]["aggregate"]["avg"]["quantity"] == 22 / 7, body


def test_nested_relationships_and_booleans(cases_engine):
    check(cases_engine, """{ user(where: {orders: {lines: {}}}, order_by: {id: asc}) {
        name orders(where: {lines: {}}, order_by: {id: asc}) { id
          lines(order_by: {sku: asc}) { sku product { in_stock weight_kg } order { user { name } }
            notes_aggregate { aggregate { count } } } } } }""",
          {"user": [
              {"name": "Ada", "orders": [{"id": 1, "lines": [
                  {"sku": "BOLT-1", "product": {"in_stock": True, "weight_kg": 0.01},
                   "order": {"user": {"name": "Ada"}},
                   "notes_aggregate": {"aggregate": {"count": 2}}},
                  {"sku": "GEAR-7", "product": {"in_stock": True, "weight_kg": 0.5},
                   "order": {"user": {"name": "Ada"}},
                   "notes_aggregate": {"aggregate": {"count": 0}}}]}]},
              {"name": "Brendan", "orders": [{"id": 3, "lines": [
                  {"sku": "LENS-2", "product": {"in_stock": False, "weight_kg": None},
                   "order": {"user": {"name": "Brendan"}},
                   "notes_aggregate": {"aggregate": {"count": 0}}}]}]},
              {"name": "Dmitri", "orders": [{"id": 5, "lines": [
                  {"sku": "GEAR-7", "product": {"in_stock": True, "weight_kg": 0.5},
                   "order": {"user": {"name": "Dmitri"}},
                   "notes_aggregate": {"aggregate": {"count": 0}}}]}]}]})


def test_variables_of_every_scalar(cases_engine):
    check(cases_engine, """query ($id: Int!, $name: String!, $total: Float!, $stock: Boolean!) {
        user(where: {_or: [{id: {_eq: $id}}, {name: {_eq: $name}}]}, order_by: {id: asc})
          { id }
        order(where: {total: {_lte: $total}}, order_by: {id: asc}) { id }
        products(where: {in_stock: {_eq: $stock}}, order_by: {sku: asc}) { sku } }""",
          {"user": [{"id": 2}, {"id": 5}], "order": [{"id": 4}, {"id": 7}],
           "products": [{"sku": "BOLT-1"}, {"sku": "GEAR-7"}]},
          {"id": 2, "name": "Émile", "total": 7.25, "stock": True})


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
    assert "unnest(" in hops[3]["sql"], hops[3]

    response = joined.post("/v1/graphql/explain", json={"query": {
        "query": "{ orders(where: {id: {_eq: 1}}) { id maker { maker } } }"}})
    assert response.status_code == 200, response.text
    hops = response.json()
    assert [(hop["field"], hop["source"]) for hop in hops] == [
        ("orders", "shop"), ("orders.maker", "catalog")]
    assert '"main"."orders"' in hops[0]["sql"] and hops[0]["params"] == ["1"], hops[0]
    assert any("USING INTEGER PRIMARY KEY" in line for line in hops[0]["plan"]), hops[0]

"""SQLite sources end to end (issue 6), through the real binary: the golden cases shared with
Postgres (tests/cases/sqlite, format in tests/cases/README.md), the sqlite_ metadata commands and
the query operators. Remote joins, statement counts, concurrency, locks and explain are in
test_sqlite_joins.py.

Databases are files made in each test's directory with Python's sqlite3 (tests/e2e/sqlite.py);
Postgres databases live in the session's throwaway cluster. Expected answers are written by
hand; GraphQL answers are compared with their key order.
"""

import json
import math
import pathlib
import shutil
import statistics

import pytest

from sqlite import add_source, create_database, export, source_entry
from support import answer, check, graphql_error, same
from test_cases import read_case, without_internal
from test_postgres import call

CASES = pathlib.Path(__file__).resolve().parents[1] / "cases"
SQLITE_CASES = CASES / "sqlite"
SHARED_CASES = [line.strip()
                for line in (SQLITE_CASES / "shared_cases.txt").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
OWN_CASES = sorted(p for p in (SQLITE_CASES / "queries").iterdir() if p.is_dir())


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

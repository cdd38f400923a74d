"""get_source_tables and get_table_info (src/metadata/catalog_commands.h) through the real binary,
against a real Postgres database in the session's throwaway cluster and a real SQLite file: what
the engine introspected, tracked or not, in each backend's table-name form; that they change
nothing; and their errors.

    JUNCTION_BIN=build/junction /usr/bin/python3 -m pytest -q tests/e2e/test_catalog_commands.py
"""

import pytest

from sqlite import add_source as add_sqlite_source, create_database
from test_postgres import add_source, call

POSTGRES_SCHEMA = """
CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, tags text[]);
CREATE TABLE "order" (id integer PRIMARY KEY, author_id integer REFERENCES author (id),
                      code text UNIQUE);
COMMENT ON TABLE "order" IS 'what was bought';
COMMENT ON COLUMN "order".code IS 'the order code';
CREATE SCHEMA store;
CREATE TABLE store.shelf (id integer);
CREATE VIEW author_names AS SELECT name FROM author;
"""

SQLITE_SCHEMA = """
CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE "order" (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer (id),
                      total REAL);
CREATE VIEW customer_names AS SELECT name FROM customer;
"""


@pytest.fixture
def database(pg_cluster):
    return pg_cluster.create_database("catalog_commands", POSTGRES_SCHEMA)


def test_postgres_tables_and_table_info(start_engine, database):
    engine = start_engine()
    add_source(engine, database)
    call(engine, "pg_track_table", {"table": "author"})
    version = call(engine, "export_metadata", {})
    tables = call(engine, "pg_get_source_tables", {"source": "default"})
    assert tables == [{"name": "author", "schema": "public"},
                      {"name": "author_names", "schema": "public"},
                      {"name": "order", "schema": "public"},
                      {"name": "shelf", "schema": "store"}]

    order = call(engine, "pg_get_table_info", {"source": "default", "table": "order"})
    assert order == {
        "name": {"name": "order", "schema": "public"},
        "type": "table",
        "columns": [
            {"name": "id", "type": "int4", "nullable": False, "is_array": False,
             "has_default": False, "description": None},
            {"name": "author_id", "type": "int4", "nullable": True, "is_array": False,
             "has_default": False, "description": None},
            {"name": "code", "type": "text", "nullable": True, "is_array": False,
             "has_default": False, "description": "the order code"}],
        "primary_key": ["id"],
        "unique_constraints": [{"constraint": "order_code_key", "columns": ["code"]}],
        "foreign_keys": {"order_author_id_fkey": {
            "foreign_table": {"name": "author", "schema": "public"},
            "column_mapping": {"author_id": "id"}}},
        "description": "what was bought"}

    author = call(engine, "pg_get_table_info",
                  {"source": "default", "table": {"schema": "public", "name": "author"}})
    assert author["columns"][0]["has_default"] is True  # serial
    assert author["columns"][2] == {"name": "tags", "type": "text", "nullable": True,
                                    "is_array": True, "has_default": False, "description": None}
    view = call(engine, "pg_get_table_info", {"source": "default", "table": "author_names"})
    assert view["type"] == "view"
    assert call(engine, "pg_get_table_info",
                {"table": {"schema": "store", "name": "shelf"}})["primary_key"] == []

    # Reading changes nothing.
    assert call(engine, "export_metadata", {}) == version

    error = call(engine, "pg_get_table_info", {"table": "nope"}, status=400)
    assert error == {"path": "$.args", "code": "not-exists",
                     "error": 'table "nope" does not exist in the database of source "default"'}
    error = call(engine, "pg_get_source_tables", {"source": "other"}, status=400)
    assert error == {"path": "$.args", "code": "not-exists",
                     "error": 'source with name "other" does not exist'}


def test_a_source_that_cannot_be_reached(start_engine, database):
    engine = start_engine()
    add_source(engine, database)
    metadata = call(engine, "export_metadata", {})
    metadata["sources"].append({
        "name": "gone", "kind": "postgres", "tables": [],
        "configuration": {"connection_info": {
            "database_url": "postgres://postgres@127.0.0.1:1/nowhere"}}})
    call(engine, "replace_metadata", {"allow_inconsistent_metadata": True, "metadata": metadata})
    error = call(engine, "pg_get_source_tables", {"source": "gone"}, status=400)
    assert error["code"] == "unexpected"
    assert error["error"].startswith('source with name "gone" is inconsistent: '), error
    assert len(error["error"]) > len('source with name "gone" is inconsistent: '), error
    # The other source still answers.
    assert call(engine, "pg_get_source_tables", {"source": "default"})


def test_sqlite_tables_and_table_info(start_engine, tmp_path):
    engine = start_engine()
    path = create_database(tmp_path / "shop.db", SQLITE_SCHEMA)
    add_sqlite_source(engine, path, name="shop")
    assert call(engine, "sqlite_get_source_tables", {"source": "shop"}) == [
        {"name": "customer", "schema": "main"},
        {"name": "customer_names", "schema": "main"},
        {"name": "order", "schema": "main"}]
    expected = {
        "name": {"name": "order", "schema": "main"},
        "type": "table",
        "columns": [
            {"name": "id", "type": "INTEGER", "nullable": False, "is_array": False,
             "has_default": True, "description": None},
            {"name": "customer_id", "type": "INTEGER", "nullable": True, "is_array": False,
             "has_default": False, "description": None},
            {"name": "total", "type": "REAL", "nullable": True, "is_array": False,
             "has_default": False, "description": None}],
        "primary_key": ["id"],
        "unique_constraints": [],
        "foreign_keys": {"order_customer_id_fkey": {
            "foreign_table": {"name": "customer", "schema": "main"},
            "column_mapping": {"customer_id": "id"}}},
        "description": None}
    for table in ["order", ["order"], ["main", "order"], {"schema": "main", "name": "order"}]:
        info = call(engine, "sqlite_get_table_info", {"source": "shop", "table": table})
        assert info == expected, table
    assert call(engine, "sqlite_get_table_info",
                {"source": "shop", "table": "customer_names"})["type"] == "view"
    error = call(engine, "pg_get_source_tables", {"source": "shop"}, status=400)
    assert error["code"] == "not-exists"
    assert "has backend type sqlite" in error["error"]

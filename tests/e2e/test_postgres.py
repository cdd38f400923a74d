"""Postgres sources end to end, through the real binary and a throwaway cluster: the metadata API
(pg_add_source, tracking, relationships, bulk, run_sql, inconsistency), and what happens when a
database or the engine restarts."""

import pytest

from postgres import Cluster
from support import graphql_error

SCHEMA = """
CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, code uuid);
CREATE TABLE book (id serial PRIMARY KEY, title text NOT NULL,
                   author_id integer NOT NULL REFERENCES author (id));
INSERT INTO author (name) VALUES ('Le Guin'), ('Lem');
INSERT INTO book (title, author_id) VALUES ('The Dispossessed', 1), ('Solaris', 2),
                                           ('The Lathe of Heaven', 1);
"""


def call(engine, type_, args, status=200, **extra):
    response = engine.metadata_call({"type": type_, "args": args, **extra})
    assert response.status_code == status, response.text
    return response.json()


def add_source(engine, url, name="default"):
    return call(engine, "pg_add_source",
                {"name": name, "configuration": {"connection_info": {"database_url": url}}})


def track_library(engine, source="default"):
    call(engine, "pg_track_table", {"source": source, "table": "author"})
    call(engine, "pg_track_table", {"source": source, "table": {"schema": "public", "name": "book"}})
    call(engine, "pg_create_object_relationship",
         {"source": source, "table": "book", "name": "author",
          "using": {"foreign_key_constraint_on": "author_id"}})
    call(engine, "pg_create_array_relationship",
         {"source": source, "table": "author", "name": "books",
          "using": {"foreign_key_constraint_on": {"table": "book", "column": "author_id"}}})


def data(engine, query, variables=None):
    response = engine.graphql({"query": query, "variables": variables or {}})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


BOOKS = "{ book(order_by: {id: asc}) { title author { name } } }"
BOOKS_DATA = {"book": [{"title": "The Dispossessed", "author": {"name": "Le Guin"}},
                       {"title": "Solaris", "author": {"name": "Lem"}},
                       {"title": "The Lathe of Heaven", "author": {"name": "Le Guin"}}]}


@pytest.fixture
def library(pg_cluster, request):
    """A fresh database for one test, named after it; its URL."""
    return pg_cluster.create_database("lib_" + request.node.name[5:40].lower(), SCHEMA)


def test_add_source_track_and_query(start_engine, library):
    engine = start_engine()
    assert add_source(engine, library) == {"message": "success"}
    track_library(engine)
    assert data(engine, BOOKS) == BOOKS_DATA
    assert data(engine, "{ author(order_by: {id: asc}) { name books(order_by: {id: desc}) "
                        "{ title } } }") == {"author": [
        {"name": "Le Guin", "books": [{"title": "The Lathe of Heaven"},
                                      {"title": "The Dispossessed"}]},
        {"name": "Lem", "books": [{"title": "Solaris"}]}]}
    exported = call(engine, "export_metadata", {})
    source = exported["sources"][0]
    assert source["name"] == "default" and source["kind"] == "postgres"
    assert [t["table"] for t in source["tables"]] == [{"name": "author", "schema": "public"},
                                                     {"name": "book", "schema": "public"}]


def test_metadata_and_queries_survive_an_engine_restart(start_engine, library, tmp_path):
    metadata = tmp_path / "kept.json"
    first = start_engine(metadata=metadata)
    add_source(first, library)
    track_library(first)
    assert first.stop() == 0
    second = start_engine(metadata=metadata)
    assert data(second, BOOKS) == BOOKS_DATA


def test_queries_recover_after_the_database_restarts(start_engine, library, pg_cluster):
    engine = start_engine()
    add_source(engine, library)
    track_library(engine)
    assert data(engine, BOOKS) == BOOKS_DATA
    pg_cluster.restart()  # every pooled connection is dropped
    assert data(engine, BOOKS) == BOOKS_DATA


def test_tracking_a_missing_table_is_refused_and_changes_nothing(start_engine, library):
    engine = start_engine()
    add_source(engine, library)
    before = call(engine, "export_metadata", {})
    error = call(engine, "pg_track_table", {"table": "nothing_here"}, status=400)
    assert error["code"] == "invalid-configuration"
    assert "nothing_here" in error["error"]
    assert call(engine, "export_metadata", {}) == before


def test_bulk_is_atomic(start_engine, library):
    engine = start_engine()
    add_source(engine, library)
    before = call(engine, "export_metadata", {})
    response = engine.metadata_call({"type": "bulk", "args": [
        {"type": "pg_track_table", "args": {"table": "author"}},
        {"type": "pg_track_table", "args": {"table": "nothing_here"}},
    ]})
    assert response.status_code == 400, response.text
    assert call(engine, "export_metadata", {}) == before
    assert graphql_error(engine.graphql({"query": "{ author { id } }"}))["extensions"]["code"] \
        == "validation-failed"


def test_stale_resource_version_is_a_conflict(start_engine, library):
    engine = start_engine()
    exported = call(engine, "export_metadata", {}, version=2)
    version = exported["resource_version"]
    add_source(engine, library)
    response = engine.metadata_call({"type": "pg_track_table", "args": {"table": "author"},
                                     "resource_version": version})
    assert response.status_code == 409, response.text
    assert response.json()["code"] == "conflict"


def test_unreachable_source_is_inconsistent_and_others_keep_serving(start_engine, library):
    engine = start_engine()
    add_source(engine, library)
    track_library(engine)
    replaced = call(engine, "export_metadata", {})
    replaced["sources"].append({
        "name": "gone", "kind": "postgres", "tables": [],
        "configuration": {"connection_info": {
            "database_url": "postgres://postgres@127.0.0.1:1/nowhere"}}})
    result = call(engine, "replace_metadata",
                  {"allow_inconsistent_metadata": True, "metadata": replaced})
    assert result["is_consistent"] is False
    inconsistent = call(engine, "get_inconsistent_metadata", {})
    assert inconsistent["is_consistent"] is False
    assert [o["name"] for o in inconsistent["inconsistent_objects"]] == ["source gone"]
    assert data(engine, BOOKS) == BOOKS_DATA


def test_engine_starts_with_an_unreachable_source(start_engine, library, tmp_path):
    metadata = tmp_path / "m.json"
    first = start_engine(metadata=metadata)
    add_source(first, library)
    track_library(first)
    assert first.stop() == 0
    # Point the source at a port where nothing listens: start-up reports it and still serves.
    text = metadata.read_text().replace(library, "postgres://postgres@127.0.0.1:1/nowhere")
    metadata.write_text(text)
    second = start_engine(metadata=metadata)
    inconsistent = call(second, "get_inconsistent_metadata", {})
    assert inconsistent["is_consistent"] is False
    assert "source default" in [o["name"] for o in inconsistent["inconsistent_objects"]]
    assert second.get("/healthz").status_code == 200


def test_reload_picks_up_new_tables(start_engine, library, pg_cluster):
    engine = start_engine()
    add_source(engine, library)
    pg_cluster.execute(library.rsplit("/", 1)[1], "CREATE TABLE late (id int PRIMARY KEY)")
    # The catalog was read when the source was added: reloading reads it again.
    assert call(engine, "reload_metadata", {"reload_sources": True})["message"] == "success"
    call(engine, "pg_track_table", {"table": "late"})
    assert data(engine, "{ late { id } }") == {"late": []}


def test_run_sql_creates_a_table_that_can_be_tracked(start_engine, library):
    engine = start_engine()
    add_source(engine, library)
    response = engine.post("/v2/query", json={"type": "run_sql", "args": {
        "source": "default", "sql": "CREATE TABLE note (id int PRIMARY KEY, body text);"
                                    "INSERT INTO note VALUES (1, 'hi'), (2, NULL);"}})
    assert response.status_code == 200, response.text
    assert response.json() == {"result_type": "CommandOk", "result": None}
    selected = engine.post("/v2/query", json={"type": "run_sql", "args": {
        "sql": "SELECT id, body FROM note ORDER BY id", "read_only": True}})
    assert selected.json() == {"result_type": "TuplesOk",
                               "result": [["id", "body"], ["1", "hi"], ["2", "NULL"]]}
    call(engine, "pg_track_table", {"table": "note"})
    assert data(engine, "{ note(order_by: {id: asc}) { id body } }") == {
        "note": [{"id": 1, "body": "hi"}, {"id": 2, "body": None}]}


def test_run_sql_errors(start_engine, library):
    engine = start_engine(args=["--admin-secret", "s"])
    headers = {"x-hasura-admin-secret": "s"}
    engine.metadata_call({"type": "pg_add_source", "args": {
        "name": "default", "configuration": {"connection_info": {"database_url": library}}}},
        headers=headers)
    failed = engine.post("/v2/query", json={"type": "run_sql", "args": {"sql": "SELECT * FROM nope"}},
                         headers=headers)
    assert failed.status_code == 400
    body = failed.json()
    assert body["code"] == "postgres-error" and body["error"] == "query execution failed"
    assert body["internal"]["error"]["status_code"] == "42P01"
    unknown = engine.post("/v2/query", json={"type": "run_sql",
                                             "args": {"source": "x", "sql": "SELECT 1"}},
                          headers=headers)
    assert unknown.status_code == 400 and unknown.json()["code"] == "not-exists"
    denied = engine.post("/v2/query", json={"type": "run_sql", "args": {"sql": "SELECT 1"}},
                         headers={"x-hasura-admin-secret": "s", "x-hasura-role": "user"})
    assert denied.status_code == 400 and denied.json()["code"] == "access-denied"


def test_a_value_the_database_rejects_is_a_data_exception(start_engine, library):
    engine = start_engine()
    add_source(engine, library)
    track_library(engine)
    # uuid is a custom scalar: GraphQL lets any string through, Postgres refuses it. Hasura
    # answers with the database's message and code data-exception; details are admin-only.
    error = graphql_error(engine.graphql(
        {"query": '{ author(where: {code: {_eq: "nope"}}) { id } }'}))
    assert error["extensions"]["code"] == "data-exception"
    assert error["message"] == 'invalid input syntax for type uuid: "nope"'
    assert error["extensions"]["internal"]["error"]["status_code"] == "22P02"


def test_drop_source_cascades(start_engine, library):
    engine = start_engine()
    add_source(engine, library)
    track_library(engine)
    assert call(engine, "pg_drop_source", {"name": "default", "cascade": True}) == \
        {"message": "success"}
    assert call(engine, "export_metadata", {})["sources"] == []
    assert graphql_error(engine.graphql({"query": "{ book { id } }"}))["extensions"]["code"] \
        == "validation-failed"


def test_relationship_rename_and_drop(start_engine, library):
    engine = start_engine()
    add_source(engine, library)
    track_library(engine)
    call(engine, "pg_rename_relationship", {"table": "book", "name": "author",
                                            "new_name": "writer"})
    assert data(engine, "{ book(limit: 1, order_by: {id: asc}) { writer { name } } }") == \
        {"book": [{"writer": {"name": "Le Guin"}}]}
    call(engine, "pg_drop_relationship", {"table": "book", "relationship": "writer"})
    error = graphql_error(engine.graphql({"query": "{ book { writer { name } } }"}))
    assert error["extensions"]["code"] == "validation-failed"


def test_repeated_requests_use_their_own_variables(start_engine, library):
    """The query cache keeps the validated document across requests; the values still come from
    each request's variables (and a request without variables gets its own cached plan)."""
    engine = start_engine()
    add_source(engine, library)
    track_library(engine)
    query = "query ($id: Int!) { author_by_pk(id: $id) { name } }"
    for author_id, name in [(1, "Le Guin"), (2, "Lem"), (1, "Le Guin")]:
        assert data(engine, query, {"id": author_id}) == {"author_by_pk": {"name": name}}
    for _ in range(2):
        assert data(engine, BOOKS) == BOOKS_DATA
    # A metadata change starts a new cache: the renamed field is seen at once.
    call(engine, "pg_rename_relationship", {"table": "book", "name": "author",
                                            "new_name": "writer"})
    assert graphql_error(engine.graphql({"query": BOOKS}))["extensions"]["code"] == \
        "validation-failed"


def test_a_database_that_comes_back_is_restored_by_reload(start_engine, tmp_path):
    """A source unreachable at start-up is inconsistent, the engine still starts; once the
    database is back, reload_metadata serves it again."""
    own = Cluster.start()  # a cluster of its own: this test stops it
    try:
        url = own.create_database("comeback", SCHEMA)
        metadata = tmp_path / "m.json"
        first = start_engine(metadata=metadata)
        add_source(first, url)
        track_library(first)
        assert first.stop() == 0

        own.stop_server()
        engine = start_engine(metadata=metadata)
        inconsistent = call(engine, "get_inconsistent_metadata", {})
        assert [o["name"] for o in inconsistent["inconsistent_objects"]] == ["source default"]
        assert graphql_error(engine.graphql({"query": BOOKS}))["extensions"]["code"] == \
            "validation-failed"

        own.start_server()
        reloaded = call(engine, "reload_metadata", {"reload_sources": ["default"]})
        assert reloaded == {"message": "success", "is_consistent": True}
        assert call(engine, "get_inconsistent_metadata", {})["is_consistent"] is True
        assert data(engine, BOOKS) == BOOKS_DATA
    finally:
        own.stop()

"""Remote schemas in the metadata (issue 8, REMOTE_JOINS.md §1.3, §1.5): add, update, remove,
reload and introspect remote schemas, the relationships declared on their types, a remote that is
down when the engine starts, and remote_schemas.yaml in a metadata directory. The remotes are
real GraphQL servers (graphql-js, tests/e2e/remote_graphql) on free loopback ports.

Errors are Hasura's: {"path": "$.args", "error": …, "code": …}; where Hasura adds an `internal`
with its HTTP client's details, only its presence is checked (the details are the engine's own).
"""

import copy
import pathlib
import shutil

import pytest

from remote_graphql import (orders_server, orders_session_server, remote_servers,  # fixtures
                            start_remote, users_server, users_session_server)
from support import answer, free_port, graphql_error, read_json, same
from test_metadata import export
from test_postgres import add_source, call

# The fixtures above are used by name; listing them keeps pyflakes quiet about the import.
FIXTURES = (orders_server, orders_session_server, remote_servers, start_remote, users_server,
            users_session_server)

SEED = pathlib.Path(__file__).resolve().parents[1] / "data" / "metadata_dirs" / \
    "postgres_remote_join"

SHOP_SQL = """
CREATE TABLE "user" (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO "user" VALUES (1, 'Ada'), (2, 'Bob'), (3, 'Cy');
CREATE TABLE account (id int PRIMARY KEY, user_id int, plan text NOT NULL);
INSERT INTO account VALUES (1, 1, 'pro'), (2, 2, 'free'), (3, NULL, 'free'), (4, 1, 'team'),
                           (5, 42, 'free');
"""


# ---- helpers shared with test_remote_schemas.py and test_remote_schema_joins.py ------------------

def remote_args(name, url=None, comment=None, **definition):
    """add_remote_schema's args: {"name", "definition": {"url", …}, "comment"?}."""
    args = {"name": name, "definition": ({"url": url} if url is not None else {}) | definition}
    if comment is not None:
        args["comment"] = comment
    return args


def add_remote(engine, name, url=None, status=200, comment=None, **definition):
    return call(engine, "add_remote_schema", remote_args(name, url, comment, **definition),
                status=status)


def to_remote(remote_schema, lhs_fields, remote_field):
    return {"to_remote_schema": {"remote_schema": remote_schema, "lhs_fields": lhs_fields,
                                 "remote_field": remote_field}}


def to_source(source, table, kind, mapping):
    return {"to_source": {"source": source, "table": table, "relationship_type": kind,
                          "field_mapping": mapping}}


def rs_relationship(engine, command, remote_schema, type_name, name, definition=None,
                    status=200):
    """create/update/delete_remote_schema_remote_relationship (command is the verb)."""
    args = {"remote_schema": remote_schema, "type_name": type_name, "name": name}
    if definition is not None:
        args["definition"] = definition
    return call(engine, f"{command}_remote_schema_remote_relationship", args, status=status)


def remote_entry(metadata, name):
    return next(r for r in metadata.get("remote_schemas", []) if r["name"] == name)


def http_failure(url):
    """Hasura's message when the remote cannot be reached (or does not answer in time)."""
    return f'HTTP exception occurred while sending the request to "{url}"'


def without_internal(error):
    """The error with `internal` taken out (it must be there: Hasura's HTTP details)."""
    error = dict(error)
    assert "internal" in error, error
    del error["internal"]
    return error


# ---- fixtures ------------------------------------------------------------------------------------

@pytest.fixture
def shop(pg_cluster, request):
    """A database of this test's own with "user" and account; its URL."""
    return pg_cluster.create_database("rsm_" + request.node.name[5:40].lower(), SHOP_SQL)


@pytest.fixture
def engine(start_engine):
    return start_engine(env={"RS_SECRET": "s3cret"})


# ---- add_remote_schema ---------------------------------------------------------------------------

def test_add_remote_schema_with_every_option_and_its_export(engine, orders_server):
    args = remote_args(
        "orders", orders_server.url, comment="the orders service",
        headers=[{"name": "x-api-key", "value": "k1"},
                 {"name": "x-secret", "value_from_env": "RS_SECRET"}],
        forward_client_headers=True, timeout_seconds=5,
        customization={"root_fields_namespace": "orders_api",
                       "type_names": {"prefix": "o_", "suffix": "_t",
                                      "mapping": {"Order": "RemoteOrder"}},
                       "field_names": [{"parent_type": "Order", "prefix": "f_",
                                        "mapping": {"total": "amount"}}]})
    assert call(engine, "add_remote_schema", copy.deepcopy(args)) == {"message": "success"}
    # Kept as given, in the export and in the metadata file.
    assert export(engine)["remote_schemas"] == [args]
    assert read_json(engine.metadata)["metadata"]["remote_schemas"] == [args]
    same(answer(engine, "{ orders_api { order(id: 1) { __typename f_id amount } } }"),
         {"data": {"orders_api": {"order": {"__typename": "RemoteOrder", "f_id": 1,
                                            "amount": 10.5}}}})
    # The headers went to the remote, the secret read from the environment.
    sent = orders_server.stats()["headers"][-1]
    assert (sent["x-api-key"], sent["x-secret"]) == ("k1", "s3cret"), sent


def test_add_remote_schema_minimal_and_url_from_env(start_engine, orders_server):
    engine = start_engine(env={"ORDERS_URL": orders_server.url})
    assert add_remote(engine, "orders", url_from_env="ORDERS_URL") == {"message": "success"}
    assert export(engine)["remote_schemas"] == [
        {"name": "orders", "definition": {"url_from_env": "ORDERS_URL"}}]
    same(answer(engine, "{ order(id: 2) { id status } }"),
         {"data": {"order": {"id": 2, "status": "PENDING"}}})

    before = export(engine)
    error = add_remote(engine, "other", url_from_env="NOPE_URL", status=400)
    assert (error["path"], error["error"]) == \
        ("$.args", "environment variable 'NOPE_URL' not set"), error
    assert export(engine) == before


def test_the_remote_is_introspected_when_added(engine, orders_server):
    orders_server.reset()
    add_remote(engine, "orders", orders_server.url)
    stats = orders_server.stats()
    assert stats["requests"] >= 1
    assert "__schema" in stats["bodies"][0]["query"], stats["bodies"][0]


def test_duplicate_name_is_refused(engine, orders_server):
    add_remote(engine, "orders", orders_server.url)
    before = export(engine)
    assert add_remote(engine, "orders", orders_server.url, status=400) == {
        "path": "$.args", "error": 'remote schema with name "orders" already exists',
        "code": "already-exists"}
    assert export(engine) == before


def test_unreachable_url_is_refused_and_nothing_is_kept(engine):
    url = f"http://127.0.0.1:{free_port()}/graphql"
    error = add_remote(engine, "orders", url, status=400)
    assert without_internal(error) == {"path": "$.args", "error": http_failure(url),
                                       "code": "remote-schema-error"}
    assert export(engine).get("remote_schemas", []) == []
    assert graphql_error(engine.graphql({"query": "{ order(id: 1) { id } }"}))[
        "extensions"]["code"] == "validation-failed"


@pytest.mark.parametrize("path", ["/garbage", "/errors", "/status/500"])
def test_a_server_that_does_not_answer_introspection_is_refused(engine, orders_server, path):
    error = add_remote(engine, "orders", orders_server.at(path), status=400)
    assert error["path"] == "$.args" and error["code"] == "remote-schema-error", error
    assert export(engine).get("remote_schemas", []) == []


def test_a_root_field_clashing_with_a_table_is_refused(engine, shop, users_server):
    add_source(engine, shop)
    call(engine, "pg_track_table", {"table": "user"})  # root field `user`, as the remote has
    before = export(engine)
    error = add_remote(engine, "users", users_server.url, status=400)
    assert error["path"] == "$.args" and "user" in error["error"], error
    assert export(engine) == before
    same(answer(engine, "{ user(where: {id: {_eq: 2}}) { name } }"),
         {"data": {"user": [{"name": "Bob"}]}})
    # With a namespace the remote's fields do not clash.
    assert add_remote(engine, "users", users_server.url,
                      customization={"root_fields_namespace": "users_api"}) == \
        {"message": "success"}
    same(answer(engine, "{ user(where: {id: {_eq: 2}}) { name } "
                        "users_api { user(id: 2) { id } } }"),
         {"data": {"user": [{"name": "Bob"}], "users_api": {"user": {"id": 2}}}})


# ---- update, remove, reload, introspect ----------------------------------------------------------

def test_update_remote_schema(engine, orders_server, start_remote):
    add_remote(engine, "orders", orders_server.url, comment="first")
    other = start_remote("users")
    args = remote_args("orders", other.url, comment="now the users service", timeout_seconds=9)
    assert call(engine, "update_remote_schema", copy.deepcopy(args)) == {"message": "success"}
    assert export(engine)["remote_schemas"] == [args]
    same(answer(engine, "{ user(id: 1) { name } }"), {"data": {"user": {"name": "Ada"}}})
    assert graphql_error(engine.graphql({"query": "{ order(id: 1) { id } }"}))[
        "extensions"]["code"] == "validation-failed"

    before = export(engine)
    assert call(engine, "update_remote_schema", remote_args("nope", other.url), status=400) == {
        "path": "$.args", "error": 'remote schema with name "nope" doesn\'t exist',
        "code": "not-exists"}
    unreachable = f"http://127.0.0.1:{free_port()}/graphql"
    error = call(engine, "update_remote_schema", remote_args("orders", unreachable), status=400)
    assert without_internal(error) == {"path": "$.args", "error": http_failure(unreachable),
                                       "code": "remote-schema-error"}
    assert export(engine) == before


def test_remove_remote_schema(engine, orders_server):
    add_remote(engine, "orders", orders_server.url)
    assert call(engine, "remove_remote_schema", {"name": "orders"}) == {"message": "success"}
    assert export(engine).get("remote_schemas", []) == []
    assert graphql_error(engine.graphql({"query": "{ order(id: 1) { id } }"}))[
        "extensions"]["code"] == "validation-failed"
    assert call(engine, "remove_remote_schema", {"name": "orders"}, status=400) == {
        "path": "$.args", "error": "no such remote schema", "code": "not-exists"}


def test_remove_a_remote_schema_other_objects_depend_on(engine, shop, orders_server,
                                                         users_server):
    add_source(engine, shop)
    call(engine, "pg_track_table", {"table": "account"})
    add_remote(engine, "orders", orders_server.url)
    add_remote(engine, "users", users_server.url,
               customization={"root_fields_namespace": "users_api"})
    call(engine, "pg_create_remote_relationship",
         {"table": "account", "name": "profile",
          "definition": to_remote("users", ["user_id"],
                                  {"user": {"arguments": {"id": "$user_id"}}})})
    rs_relationship(engine, "create", "orders", "Order", "buyer",
                    to_remote("users", ["user_id"], {"user": {"arguments": {"id": "$user_id"}}}))
    before = export(engine)
    error = call(engine, "remove_remote_schema", {"name": "users"}, status=400)
    assert error["path"] == "$.args" and error["code"] == "dependency-error", error
    assert error["error"].startswith("cannot drop due to the following dependent objects: "), error
    assert export(engine) == before
    # The left-hand remote goes with the relationships declared on its types.
    assert call(engine, "remove_remote_schema", {"name": "orders"}) == {"message": "success"}
    assert [r["name"] for r in export(engine)["remote_schemas"]] == ["users"]


def test_reload_remote_schema_sees_a_changed_schema(engine, start_remote):
    server = start_remote("orders")
    add_remote(engine, "svc", server.url)
    server.use_schema("users")  # the service was redeployed with another schema
    assert graphql_error(engine.graphql({"query": "{ user(id: 1) { name } }"}))[
        "extensions"]["code"] == "validation-failed"
    assert call(engine, "reload_remote_schema", {"name": "svc"}) == {"message": "success"}
    same(answer(engine, "{ user(id: 1) { name } }"), {"data": {"user": {"name": "Ada"}}})
    assert graphql_error(engine.graphql({"query": "{ order(id: 1) { id } }"}))[
        "extensions"]["code"] == "validation-failed"
    assert call(engine, "reload_remote_schema", {"name": "nope"}, status=400) == {
        "path": "$.args", "error": 'remote schema with name "nope" does not exist',
        "code": "not-exists"}


def type_names(introspection_data):
    return sorted(t["name"] for t in introspection_data["__schema"]["types"])


def test_introspect_remote_schema(engine, orders_server, introspection_query):
    add_remote(engine, "orders", orders_server.url,
               customization={"type_names": {"prefix": "x_"}})
    got = call(engine, "introspect_remote_schema", {"name": "orders"})
    assert set(got) == {"data"}, got
    schema = got["data"]["__schema"]
    assert schema["queryType"] == {"name": "Query"} and schema["mutationType"] == \
        {"name": "Mutation"}, schema
    # The remote's own answer, not customized.
    own = orders_server.query(introspection_query)["data"]
    assert type_names(got["data"]) == type_names(own)
    order = next(t for t in schema["types"] if t["name"] == "Order")
    assert [f["name"] for f in order["fields"]] == \
        ["id", "user_id", "total", "status", "customer_ref", "details"]
    assert call(engine, "introspect_remote_schema", {"name": "nope"}, status=400) == {
        "path": "$.args", "error": 'remote schema: "nope" not found', "code": "not-exists"}


# ---- relationships on remote schema types (§1.3) -------------------------------------------------

BUYER = to_remote("users", ["user_id"], {"user": {"arguments": {"id": "$user_id"}}})
BUYER_NESTED = to_remote("users", ["user_id"], {"directory": {
    "arguments": {}, "field": {"user": {"arguments": {"id": "$user_id"}}}}})


@pytest.fixture
def two_remotes(engine, orders_server, users_server):
    add_remote(engine, "orders", orders_server.url)
    add_remote(engine, "users", users_server.url,
               customization={"root_fields_namespace": "users_api"})
    return engine


def test_create_update_delete_remote_schema_remote_relationship(two_remotes):
    engine = two_remotes
    assert rs_relationship(engine, "create", "orders", "Order", "buyer", BUYER) == \
        {"message": "success"}
    assert remote_entry(export(engine), "orders")["remote_relationships"] == [
        {"type_name": "Order", "relationships": [{"name": "buyer", "definition": BUYER}]}]
    same(answer(engine, "{ order(id: 2) { id buyer { name } } }"),
         {"data": {"order": {"id": 2, "buyer": {"name": "Bob"}}}})

    assert rs_relationship(engine, "update", "orders", "Order", "buyer", BUYER_NESTED) == \
        {"message": "success"}
    assert remote_entry(export(engine), "orders")["remote_relationships"] == [
        {"type_name": "Order", "relationships": [{"name": "buyer", "definition": BUYER_NESTED}]}]
    same(answer(engine, "{ order(id: 1) { buyer { name } } }"),
         {"data": {"order": {"buyer": {"name": "Ada"}}}})

    assert rs_relationship(engine, "delete", "orders", "Order", "buyer") == {"message": "success"}
    kept = remote_entry(export(engine), "orders").get("remote_relationships", [])
    assert [r for entry in kept for r in entry["relationships"]] == []
    assert graphql_error(engine.graphql({"query": "{ order(id: 1) { buyer { name } } }"}))[
        "extensions"]["code"] == "validation-failed"
    # Deleting what is not there is a no-op success (Hasura does not check).
    assert rs_relationship(engine, "delete", "orders", "Order", "buyer") == {"message": "success"}


def test_create_is_an_upsert_and_update_needs_an_existing_relationship(two_remotes):
    engine = two_remotes
    assert rs_relationship(engine, "update", "orders", "Order", "buyer", BUYER, status=400) == {
        "path": "$.args",
        "error": 'no relationship defined on remote schema ""orders" with name "buyer""',
        "code": "not-exists"}
    rs_relationship(engine, "create", "orders", "Order", "buyer", BUYER)
    assert rs_relationship(engine, "create", "orders", "Order", "buyer", BUYER_NESTED) == \
        {"message": "success"}
    assert remote_entry(export(engine), "orders")["remote_relationships"] == [
        {"type_name": "Order", "relationships": [{"name": "buyer", "definition": BUYER_NESTED}]}]


@pytest.mark.parametrize("type_name", ["OrderStatus", "SearchResult", "Node", "OrderFilter"])
def test_relationships_only_on_object_types(two_remotes, type_name):
    before = export(two_remotes)
    error = rs_relationship(two_remotes, "create", "orders", type_name, "buyer", BUYER,
                            status=400)
    assert error["code"] == "invalid-configuration" and error["path"] == "$.args", error
    assert error["error"].endswith(
        "remote relationships on a remote schema can only be defined on object types"), error
    assert [(i["type"], i["name"]) for i in error["internal"]] == [
        ("remote_schema_remote_relationship",
         f"remote_schema_remote_relationship remote_relationship buyer on type {type_name} "
         "in remote schema orders")], error
    assert export(two_remotes) == before


def test_invalid_remote_schema_relationships_are_refused(two_remotes):
    engine = two_remotes
    before = export(engine)
    cases = [
        ("Nope", BUYER, 'no type named "Nope" defined in remote schema "orders"'),
        ("Order", to_remote("nope", ["user_id"], {"user": {"arguments": {"id": "$user_id"}}}),
         'remote schema with name "nope" not found'),
        ("Order", to_remote("users", ["user_id"], {"nope": {"arguments": {"id": "$user_id"}}}),
         'remote field with name "nope"'),
        ("Order", to_remote("users", ["user_id"], {"user": {"arguments": {"uid": "$user_id"}}}),
         'argument with name "uid" not found in remote schema'),
        ("Order", to_remote("users", ["user_id"], {"user": {"arguments": {"id": "$total_x"}}}),
         'variable "total_x" is not found'),
        ("Order", to_source("nope", "user", "object", {"user_id": "id"}),
         'source not found: "nope"'),
    ]
    for type_name, definition, message in cases:
        error = rs_relationship(engine, "create", "orders", type_name, "buyer", definition,
                                status=400)
        assert error["code"] == "invalid-configuration", (message, error)
        assert message in error["error"], (message, error)
    # lhs_fields must be argument-less fields of the type
    error = rs_relationship(engine, "create", "orders", "Order", "buyer",
                            to_remote("users", ["nope"], {"user": {"arguments": {"id": "$nope"}}}),
                            status=400)
    assert error["code"] == "invalid-configuration", error
    assert export(engine) == before


def test_legacy_keys_are_refused_on_remote_schema_relationships(two_remotes):
    before = export(two_remotes)
    legacy = {"remote_schema": "users", "hasura_fields": ["user_id"],
              "remote_field": {"user": {"arguments": {"id": "$user_id"}}}}
    error = rs_relationship(two_remotes, "create", "orders", "Order", "buyer", legacy,
                            status=400)
    assert error["code"] == "parse-failed", error
    assert "expects exactly one of: to_source, to_remote_schema" in error["error"], error
    assert export(two_remotes) == before


def test_to_source_relationship_from_a_remote_type(engine, shop, orders_server):
    add_source(engine, shop)
    call(engine, "pg_track_table", {"table": "user"})
    call(engine, "pg_track_table", {"table": "account"})
    add_remote(engine, "orders", orders_server.url)
    user = to_source("default", {"schema": "public", "name": "user"}, "object",
                     {"user_id": "id"})
    assert rs_relationship(engine, "create", "orders", "Order", "user", user) == \
        {"message": "success"}
    same(answer(engine, "{ order(id: 1) { id user { name } } }"),
         {"data": {"order": {"id": 1, "user": {"name": "Ada"}}}})
    error = rs_relationship(engine, "create", "orders", "Order", "bad",
                            to_source("default", "user", "object", {"nope": "id"}), status=400)
    assert error["code"] == "invalid-configuration" and error["error"].endswith(
        '"nope" does not exist'), error
    # Dropping the target table's source needs cascade, which removes the relationship too.
    dependency = call(engine, "pg_drop_source", {"name": "default"}, status=400)
    assert dependency["code"] == "dependency-error", dependency
    assert call(engine, "pg_drop_source", {"name": "default", "cascade": True}) == \
        {"message": "success"}
    assert remote_entry(export(engine), "orders").get("remote_relationships") in (
        None, [{"relationships": [], "type_name": "Order"}])


# ---- a remote that is down -----------------------------------------------------------------------

def test_a_remote_down_at_start_up_is_inconsistent_and_tables_keep_serving(
        start_engine, shop, start_remote, tmp_path):
    server = start_remote("orders")
    first = start_engine()
    add_source(first, shop)
    call(first, "pg_track_table", {"table": "user"})
    add_remote(first, "orders", server.url, timeout_seconds=3)
    entry = remote_entry(export(first), "orders")
    metadata = tmp_path / "copied.json"
    shutil.copyfile(first.metadata, metadata)
    port = server.port
    server.stop()

    engine = start_engine(metadata=metadata)
    found = call(engine, "get_inconsistent_metadata", {})
    assert found["is_consistent"] is False, found
    [inconsistent] = found["inconsistent_objects"]
    inconsistent.pop("message", None)  # Hasura's HTTP details
    assert inconsistent["definition"]["name"] == "orders", inconsistent
    assert inconsistent["definition"]["definition"] == entry["definition"], inconsistent
    del inconsistent["definition"]
    assert inconsistent == {
        "name": "remote_schema orders", "type": "remote_schema",
        "reason": f"Inconsistent object: {http_failure(server.url)}"}
    same(answer(engine, '{ user(order_by: {id: asc}, limit: 1) { name } }'),
         {"data": {"user": [{"name": "Ada"}]}})
    assert graphql_error(engine.graphql({"query": "{ order(id: 1) { id } }"}))[
        "extensions"]["code"] == "validation-failed"

    start_remote("orders", port=port)  # back at the same address
    assert call(engine, "reload_metadata", {"reload_remote_schemas": True}) == \
        {"is_consistent": True, "message": "success"}
    same(answer(engine, "{ order(id: 1) { id } }"), {"data": {"order": {"id": 1}}})


# ---- remote_schemas.yaml -------------------------------------------------------------------------

REMOTE_SCHEMAS_YAML = """\
- name: orders
  definition:
    url_from_env: ORDERS_URL
    timeout_seconds: 10
    customization:
      root_fields_namespace: orders_api
  comment: the seed's remote schema
  remote_relationships:
    - type_name: Order
      relationships:
        - name: user
          definition:
            to_source:
              relationship_type: object
              source: pg2
              table:
                name: user
                schema: public
              field_mapping:
                user_id: id
"""

SEED_SHOP_SQL = """
CREATE TABLE "order" (id int PRIMARY KEY, user_id int, item text NOT NULL);
INSERT INTO "order" VALUES (1, 1, 'pen');
"""
SEED_USERS_SQL = """
CREATE TABLE "user" (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO "user" VALUES (1, 'Ada'), (2, 'Bob');
"""


def test_remote_schemas_yaml_in_a_metadata_directory(start_engine, pg_cluster, pg_cluster_b,
                                                     orders_server, tmp_path):
    directory = tmp_path / "metadata"
    shutil.copytree(SEED, directory)
    (directory / "remote_schemas.yaml").write_text(REMOTE_SCHEMAS_YAML)
    env = {"PG_DATABASE_URL": pg_cluster.create_database("rsm_dir_shop", SEED_SHOP_SQL),
           "PG2_DATABASE_URL": pg_cluster_b.create_database("rsm_dir_users", SEED_USERS_SQL),
           "ORDERS_URL": orders_server.url}
    engine = start_engine(args=["--metadata-dir", str(directory)], pass_metadata=False, env=env)
    same(answer(engine, """{ order { id item user { name } }
                             orders_api { order(id: 2) { id total user { name } } } }"""),
         {"data": {"order": [{"id": 1, "item": "pen", "user": {"name": "Ada"}}],
                   "orders_api": {"order": {"id": 2, "total": 20, "user": {"name": "Bob"}}}}})
    assert export(engine)["remote_schemas"] == [{
        "name": "orders",
        "definition": {"url_from_env": "ORDERS_URL", "timeout_seconds": 10,
                       "customization": {"root_fields_namespace": "orders_api"}},
        "comment": "the seed's remote schema",
        "remote_relationships": [{"type_name": "Order", "relationships": [{
            "name": "user",
            "definition": to_source("pg2", {"name": "user", "schema": "public"}, "object",
                                    {"user_id": "id"})}]}]}]

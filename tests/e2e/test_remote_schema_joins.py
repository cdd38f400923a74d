"""Joins with remote schemas (issue 8 points 3–5; REMOTE_JOINS.md §3.1, §3.5.2, §3.7, §3.8):
the seed (a remote `Order` joined to the table `user`), table → remote (`to_remote_schema`, the
legacy `hasura_fields` form, nested `field` paths, user arguments merged into the template),
remote → remote, a union result joined, three hops mixing a database and two remotes, null keys, how many
calls each remote receives (one request per hop, one aliased field `f<n>` per distinct key), and
Junction's batch mode (one call with the list of keys per hop).

The remotes are real graphql-js servers (tests/e2e/remote_graphql) that record, per request, the
fields they resolved: {"path": "f0" | "f0.user", "field", "args"}.

Database (source "default"): "user" (1 Ada, 2 Bob, 3 Cy), account (user_id 1, 2, NULL, 1, 42),
slow_user (a view taking a second). Remote "orders": orders 1–5 with user_id 1, 2, 1, NULL, 99.
Remote "users" (namespace users_api, its `user` would clash with the table): users 1–3.
"""

import time

import pytest

from remote_graphql import (orders_server, orders_session_server, remote_servers,  # fixtures
                            start_remote, users_server, users_session_server)
from support import answer, check, graphql_error, same
from test_metadata import export
from test_postgres import add_source, call
from test_remote_schemas_metadata import (SHOP_SQL, add_remote, http_failure, rs_relationship,
                                          to_remote, to_source)

FIXTURES = (orders_server, orders_session_server, remote_servers, start_remote, users_server,
            users_session_server)

JOINS_SQL = SHOP_SQL + """
CREATE VIEW slow_user AS
  WITH pause AS MATERIALIZED (SELECT pg_sleep(1)) SELECT "user".* FROM "user", pause;
"""

USER_BY_ID = {"user": {"arguments": {"id": "$user_id"}}}
LEGACY_PROFILE = {"hasura_fields": ["user_id"], "remote_schema": "users",
                  "remote_field": USER_BY_ID}


def batch_definition(remote_schema, lhs_field, list_field, list_argument, key_field):
    """A to_remote_schema definition in batch mode (docs/remote-schemas.md): one call per hop to `list_field`, whose
    `list_argument` receives the list of the distinct non-null values of `lhs_field`; the results
    are matched back to the rows by the remote's `key_field` (equal to the row's `lhs_field`).
    """
    return {"to_remote_schema": {
        "remote_schema": remote_schema,
        "lhs_fields": [lhs_field],
        "remote_field": {list_field: {"arguments": {list_argument: f"${lhs_field}"}}},
        "batch": {"key_field": key_field},
    }}


TABLE_RELATIONSHIPS = [  # on table account
    ("profile", to_remote("users", ["user_id"], USER_BY_ID)),
    ("dir_profile", to_remote("users", ["user_id"], {"directory": {
        "arguments": {}, "field": {"user": {"arguments": {"id": "$user_id"}}}}})),
    ("matching_users", to_remote("users", ["user_id"], {"users": {
        "arguments": {"where": {"id": {"eq": "$user_id"}}}}})),
    ("profile_batched", batch_definition("users", "user_id", "users_by_ids", "ids", "id")),
]
REMOTE_RELATIONSHIPS = [  # (remote schema, type, name, definition)
    ("orders", "Order", "user",
     to_source("default", {"schema": "public", "name": "user"}, "object", {"user_id": "id"})),
    ("orders", "Order", "user_accounts",
     to_source("default", "account", "array", {"user_id": "user_id"})),
    ("orders", "Order", "slow_user",
     to_source("default", "slow_user", "object", {"user_id": "id"})),
    ("orders", "Order", "buyer", to_remote("users", ["user_id"], USER_BY_ID)),
    ("orders", "Order", "buyer_batched",
     batch_definition("users", "user_id", "users_by_ids", "ids", "id")),
    ("orders", "Refund", "refunded_order",
     to_remote("orders", ["order_id"], {"order": {"arguments": {"id": "$order_id"}}})),
    ("users", "User", "purchases", to_remote("orders", ["id"], {"orders_where": {
        "arguments": {"where": {"user_id": {"eq": "$id"}}}}})),
    ("users", "User", "last_order",
     to_remote("orders", ["orders_ref"], {"order": {"arguments": {"id": "$orders_ref"}}})),
]


@pytest.fixture(scope="module")
def joins(pg_cluster, orders_session_server, users_session_server, start_engine_module):
    engine = start_engine_module()
    add_source(engine, pg_cluster.create_database("rs_joins", JOINS_SQL))
    for table in ["user", "account", "slow_user"]:
        call(engine, "pg_track_table", {"table": table})
    add_remote(engine, "orders", orders_session_server.url)
    add_remote(engine, "users", users_session_server.url,
               customization={"root_fields_namespace": "users_api"})
    for name, definition in TABLE_RELATIONSHIPS:
        assert call(engine, "pg_create_remote_relationship",
                    {"table": "account", "name": name, "definition": definition}) == \
            {"message": "success"}
    assert call(engine, "pg_create_remote_relationship",
                {"table": "account", "name": "profile_legacy", **LEGACY_PROFILE}) == \
        {"message": "success"}
    for remote, type_name, name, definition in REMOTE_RELATIONSHIPS:
        assert rs_relationship(engine, "create", remote, type_name, name, definition) == \
            {"message": "success"}
    return engine


@pytest.fixture(autouse=True)
def fresh_remotes(orders_server, users_server):
    """Every test starts with both remotes reset: data, statistics and behaviour."""


def requests_made(server):
    """Per GraphQL request the server received since its reset (introspection left out), the
    fields it resolved: [[(path, field, args), …], …]."""
    stats = server.stats()
    return [[(c["path"], c["field"], c["args"]) for c in calls]
            for query, calls in zip(stats["queries"], stats["calls"]) if "__schema" not in query]


def counted(server, engine, query, data, variables=None):
    """Checks the answer (after a warm-up run) and returns the calls of the second run."""
    check(engine, query, data, variables)
    server.reset()
    check(engine, query, data, variables)
    return requests_made(server)


# ---- the seed: remote Order → table user ---------------------------------------------------------

ADA = {"id": 1, "name": "Ada"}
BOB = {"id": 2, "name": "Bob"}


def test_seed_remote_order_to_table_user(joins):
    check(joins, "{ orders { id user_id user { id name } } }", {"orders": [
        {"id": 1, "user_id": 1, "user": ADA}, {"id": 2, "user_id": 2, "user": BOB},
        {"id": 3, "user_id": 1, "user": ADA}, {"id": 4, "user_id": None, "user": None},
        {"id": 5, "user_id": 99, "user": None}]})


def test_join_field_not_selected_stays_out_of_the_answer(joins, orders_server):
    check(joins, "{ order(id: 2) { total user { name } } }",
          {"order": {"total": 20, "user": {"name": "Bob"}}})
    check(joins, "{ order(id: 2) { user { name } uid: user_id } }",
          {"order": {"user": {"name": "Bob"}, "uid": 2}})


def test_remote_to_table_array(joins):
    check(joins, """{ a: order(id: 1) { user_accounts(order_by: {id: asc}) { id plan } }
                      b: order(id: 4) { user_accounts { id } }
                      c: order(id: 5) { user_accounts { id } } }""",
          {"a": {"user_accounts": [{"id": 1, "plan": "pro"}, {"id": 4, "plan": "team"}]},
           "b": {"user_accounts": None},  # null key → null, even for an array (§3.8)
           "c": {"user_accounts": []}})


def test_union_result_joined(joins):
    check(joins, """{ search(term: "2") {
            __typename
            ... on Order { id user { name } }
            ... on Refund { refund: id amount } } }""",
          {"search": [{"__typename": "Order", "id": 2, "user": {"name": "Bob"}},
                      {"__typename": "Refund", "refund": "refund-1", "amount": 20}]})
    # Without __typename asked for, none comes back (the engine's own is stripped).
    check(joins, '{ search(term: "c-") { ... on Order { id user { name } } } }',
          {"search": [{"id": 1, "user": {"name": "Ada"}}, {"id": 2, "user": {"name": "Bob"}},
                      {"id": 4, "user": None}, {"id": 5, "user": None}]})


# ---- table → remote ------------------------------------------------------------------------------

PROFILES = {"account": [
    {"id": 1, "profile": {"id": 1, "name": "Ada", "email": "ada@example.com"}},
    {"id": 2, "profile": {"id": 2, "name": "Bob", "email": None}},
    {"id": 3, "profile": None},
    {"id": 4, "profile": {"id": 1, "name": "Ada", "email": "ada@example.com"}},
    {"id": 5, "profile": None}]}
ALIASED_USER_CALLS = [[("f0", "user", {"id": 1}), ("f1", "user", {"id": 2}),
                       ("f2", "user", {"id": 42})]]


def test_interface_result_joined(joins, orders_server):
    """`node` answers the interface Node: the relationship of its implementation Refund joins
    (to the same remote schema), in one request for the hop."""
    calls = counted(orders_server, joins, """{
        node(id: "refund-1") { id ... on Refund { refunded_order { id total } } } }""",
                    {"node": {"id": "refund-1", "refunded_order": {"id": 2, "total": 20}}})
    assert calls == [[("node", "node", {"id": "refund-1"})], [("f0", "order", {"id": 2})]], calls


def test_table_to_remote(joins, users_server):
    calls = counted(users_server, joins,
                    "{ account(order_by: {id: asc}) { id profile { id name email } } }",
                    PROFILES)
    # One request; one aliased field per distinct non-null key, in row order.
    assert calls == ALIASED_USER_CALLS


def test_table_to_remote_legacy_form(joins, users_server):
    query = "{ account(order_by: {id: asc}) { id profile_legacy { id name email } } }"
    expected = {"account": [{"id": row["id"], "profile_legacy": row["profile"]}
                            for row in PROFILES["account"]]}
    assert counted(users_server, joins, query, expected) == ALIASED_USER_CALLS
    entry = next(t for t in export(joins)["sources"][0]["tables"]
                 if t["table"] == {"name": "account", "schema": "public"})
    kept = {r["name"]: r["definition"] for r in entry["remote_relationships"]}
    assert kept["profile_legacy"] == LEGACY_PROFILE  # written back in the form it was given
    assert kept["profile"] == TABLE_RELATIONSHIPS[0][1]


def test_nested_remote_field_path(joins, users_server):
    calls = counted(users_server, joins,
                    "{ account(where: {id: {_lte: 2}}, order_by: {id: asc}) "
                    "{ id dir_profile { name } } }",
                    {"account": [{"id": 1, "dir_profile": {"name": "Ada"}},
                                 {"id": 2, "dir_profile": {"name": "Bob"}}]})
    assert calls == [[("f0", "directory", {}), ("f0.user", "user", {"id": 1}),
                      ("f1", "directory", {}), ("f1.user", "user", {"id": 2})]]


def test_user_arguments_merged_with_the_template(joins, users_server):
    query = """query ($name: String) { account(where: {id: {_in: [1, 2]}}, order_by: {id: asc}) {
                 id matching_users(where: {name: {eq: $name}}, limit: 5) { name } } }"""
    calls = counted(users_server, joins, query,
                    {"account": [{"id": 1, "matching_users": [{"name": "Ada"}]},
                                 {"id": 2, "matching_users": []}]},
                    variables={"name": "Ada"})
    assert [[(path, field) for path, field, _ in request] for request in calls] == \
        [[("f0", "users"), ("f1", "users")]]
    assert [args for _, _, args in calls[0]] == [
        {"where": {"id": {"eq": 1}, "name": {"eq": "Ada"}}, "limit": 5},
        {"where": {"id": {"eq": 2}, "name": {"eq": "Ada"}}, "limit": 5}]


def test_relationship_fields_in_the_schema(joins):
    data = answer(joins, """{ account: __type(name: "account") {
            fields { name type { kind name ofType { kind name ofType { kind name } } }
                     args { name } } }
          bool_exp: __type(name: "account_bool_exp") { inputFields { name } } }""")["data"]
    fields = {f["name"]: f for f in data["account"]["fields"]}
    assert fields["profile"]["type"] == {"kind": "OBJECT", "name": "User", "ofType": None}
    assert fields["profile"]["args"] == []
    assert fields["dir_profile"]["type"]["name"] == "User"
    # [User!]! with the arguments the template left free; `where` a clone without `id`.
    assert fields["matching_users"]["type"] == {"kind": "NON_NULL", "name": None, "ofType": {
        "kind": "LIST", "name": None, "ofType": {"kind": "NON_NULL", "name": None}}}
    assert sorted(a["name"] for a in fields["matching_users"]["args"]) == ["limit", "where"]
    assert "profile" not in [f["name"] for f in data["bool_exp"]["inputFields"]]
    error = graphql_error(joins.graphql({"query":
                                         "{ account { matching_users(where: {id: {eq: 1}}) "
                                         "{ name } } }"}))
    assert error["extensions"]["code"] == "validation-failed", error


# ---- remote → remote -----------------------------------------------------------------------------

def test_remote_to_remote(joins, users_server):
    calls = counted(users_server, joins, "{ orders(limit: 3) { id buyer { name email } } }",
                    {"orders": [{"id": 1, "buyer": {"name": "Ada", "email": "ada@example.com"}},
                                {"id": 2, "buyer": {"name": "Bob", "email": None}},
                                {"id": 3, "buyer": {"name": "Ada", "email": "ada@example.com"}}]})
    assert calls == [[("f0", "user", {"id": 1}), ("f1", "user", {"id": 2})]]


def test_remote_to_remote_with_an_input_object_template(joins, orders_server):
    calls = counted(orders_server, joins,
                    "{ users_api { user(id: 1) { name purchases { id total } } } }",
                    {"users_api": {"user": {"name": "Ada", "purchases": [
                        {"id": 1, "total": 10.5}, {"id": 3, "total": 5}]}}})
    assert calls == [[("f0", "orders_where", {"where": {"user_id": {"eq": 1}}})]]


def test_remote_to_remote_and_back(joins):
    check(joins, "{ users_api { directory { users { id last_order { id buyer { name } } } } } }",
          {"users_api": {"directory": {"users": [
              {"id": 1, "last_order": {"id": 1, "buyer": {"name": "Ada"}}},
              {"id": 2, "last_order": {"id": 2, "buyer": {"name": "Bob"}}},
              {"id": 3, "last_order": None}]}}})


# ---- three hops ----------------------------------------------------------------------------------

THREE_HOPS = """{ account(where: {id: {_in: [1, 2, 3]}}, order_by: {id: asc}) {
    id profile { name purchases { id total user { name } } } } }"""
THREE_HOPS_DATA = {"account": [
    {"id": 1, "profile": {"name": "Ada", "purchases": [
        {"id": 1, "total": 10.5, "user": {"name": "Ada"}},
        {"id": 3, "total": 5, "user": {"name": "Ada"}}]}},
    {"id": 2, "profile": {"name": "Bob", "purchases": [
        {"id": 2, "total": 20, "user": {"name": "Bob"}}]}},
    {"id": 3, "profile": None}]}


def test_three_hops_database_remote_remote_database(joins, users_server, orders_server):
    check(joins, THREE_HOPS, THREE_HOPS_DATA)
    users_server.reset()
    orders_server.reset()
    check(joins, THREE_HOPS, THREE_HOPS_DATA)
    # One request per remote hop, one field per distinct key.
    assert requests_made(users_server) == \
        [[("f0", "user", {"id": 1}), ("f1", "user", {"id": 2})]]
    assert requests_made(orders_server) == [[
        ("f0", "orders_where", {"where": {"user_id": {"eq": 1}}}),
        ("f1", "orders_where", {"where": {"user_id": {"eq": 2}}})]]


# ---- nulls, counts, concurrency ------------------------------------------------------------------

def test_null_join_keys_give_null_without_a_call(joins, users_server):
    calls = counted(users_server, joins, """{ account(where: {id: {_eq: 3}}) {
            profile { name } dir_profile { name } matching_users { name } profile_legacy { name }
            profile_batched { name } } order(id: 4) { buyer { name } buyer_batched { name } } }""",
                    {"account": [{"profile": None, "dir_profile": None, "matching_users": None,
                                  "profile_legacy": None, "profile_batched": None}],
                     "order": {"buyer": None, "buyer_batched": None}})
    assert calls == []


def test_no_rows_no_call(joins, users_server):
    query = "{ account(where: {id: {_eq: 99}}) { profile { name } } }"
    assert counted(users_server, joins, query, {"account": []}) == []


def test_two_relationships_at_one_level(joins, users_server):
    calls = counted(users_server, joins, """{ account(where: {id: {_lte: 2}}, order_by: {id: asc}) {
            profile { name } dir_profile { name } } }""",
                    {"account": [{"profile": {"name": "Ada"}, "dir_profile": {"name": "Ada"}},
                                 {"profile": {"name": "Bob"}, "dir_profile": {"name": "Bob"}}]})
    # One request per relationship; aliases f<n>, distinct within a request.
    assert len(calls) == 2, calls
    for request in calls:
        roots = [path for path, _, _ in request if "." not in path]
        assert len(roots) == 2 and len(set(roots)) == 2, request
        assert all(path[0] == "f" and path[1:].isdigit() for path in roots), request
    assert sorted(field for request in calls for _, field, _ in request) == \
        ["directory", "directory", "user", "user", "user", "user"]


def test_database_and_remote_hops_run_concurrently(joins, users_server):
    answer(joins, "{ order(id: 1) { slow_user { name } buyer { name } } }")  # warm
    users_server.behave("/slow/1000/graphql")
    started = time.monotonic()
    check(joins, "{ order(id: 1) { slow_user { name } buyer { name } } }",
          {"order": {"slow_user": {"name": "Ada"}, "buyer": {"name": "Ada"}}})
    took = time.monotonic() - started
    assert 1.0 <= took < 1.8, f"a 1 s database hop and a 1 s remote hop took {took:.2f} s"


def test_errors_from_a_joined_remote(joins, users_server):
    users_server.behave("/errors")
    error = graphql_error(joins.graphql(
        {"query": "{ account(where: {id: {_eq: 1}}) { id profile { name } } }"}))
    assert error == {"message": "Errors from remote server",
                     "extensions": {"path": "$.selectionSet.account.selectionSet.profile",
                                    "code": "unexpected",
                                    "internal": {"errors": [{"message": "the remote refused"}]}}}
    users_server.behave("/graphql")
    check(joins, "{ account(where: {id: {_eq: 1}}) { id profile { name } } }",
          {"account": [{"id": 1, "profile": {"name": "Ada"}}]})


def test_a_joined_remote_beyond_its_timeout(start_engine, pg_cluster, start_remote):
    users = start_remote("users")
    engine = start_engine()
    add_source(engine, pg_cluster.create_database("rs_joins_timeout", SHOP_SQL))
    call(engine, "pg_track_table", {"table": "account"})
    add_remote(engine, "users", users.url, timeout_seconds=1,
               customization={"root_fields_namespace": "users_api"})
    call(engine, "pg_create_remote_relationship",
         {"table": "account", "name": "profile", "definition": TABLE_RELATIONSHIPS[0][1]})
    users.behave("/hang")
    started = time.monotonic()
    error = graphql_error(engine.graphql(
        {"query": "{ account(where: {id: {_eq: 1}}) { profile { name } } }"}))
    assert time.monotonic() - started < 2.5
    error["extensions"].pop("internal", None)
    assert error == {"message": http_failure(users.url),
                     "extensions": {"path": "$.selectionSet.account.selectionSet.profile",
                                    "code": "remote-schema-error"}}
    users.behave("/graphql")
    check(engine, "{ account(where: {id: {_eq: 1}}) { profile { name } } }",
          {"account": [{"profile": {"name": "Ada"}}]})


# ---- batch mode (beyond Hasura, #10301) ----------------------------------------------------------

def test_batch_mode_table_to_remote(joins, users_server):
    query = "{ account(order_by: {id: asc}) { id profile_batched { id name email } } }"
    expected = {"account": [{"id": row["id"], "profile_batched": row["profile"]}
                            for row in PROFILES["account"]]}
    calls = counted(users_server, joins, query, expected)
    # One request, one field, the distinct non-null keys in row order.
    assert [[(field, args) for _, field, args in request] for request in calls] == \
        [[("users_by_ids", {"ids": [1, 2, 42]})]]


def test_batch_mode_remote_to_remote(joins, users_server):
    calls = counted(users_server, joins, "{ orders { id buyer_batched { name } } }",
                    {"orders": [{"id": 1, "buyer_batched": {"name": "Ada"}},
                                {"id": 2, "buyer_batched": {"name": "Bob"}},
                                {"id": 3, "buyer_batched": {"name": "Ada"}},
                                {"id": 4, "buyer_batched": None},
                                {"id": 5, "buyer_batched": None}]})
    assert [[(field, args) for _, field, args in request] for request in calls] == \
        [[("users_by_ids", {"ids": [1, 2, 99]})]]


def test_batch_mode_beside_aliased_mode(joins, users_server):
    calls = counted(users_server, joins, """{ account(order_by: {id: asc}, limit: 2) {
            profile { name } profile_batched { name } } }""",
                    {"account": [{"profile": {"name": "Ada"}, "profile_batched": {"name": "Ada"}},
                                 {"profile": {"name": "Bob"}, "profile_batched": {"name": "Bob"}}]})
    fields = sorted(sorted((field, str(args)) for _, field, args in request) for request in calls)
    assert fields == [[("user", "{'id': 1}"), ("user", "{'id': 2}")],
                      [("users_by_ids", "{'ids': [1, 2]}")]]


def test_batch_mode_in_the_middle_of_three_hops(joins, users_server, orders_server):
    query = """{ account(where: {id: {_in: [1, 2]}}, order_by: {id: asc}) {
        profile_batched { name purchases { id user { name } } } } }"""
    data = {"account": [
        {"profile_batched": {"name": "Ada", "purchases": [
            {"id": 1, "user": {"name": "Ada"}}, {"id": 3, "user": {"name": "Ada"}}]}},
        {"profile_batched": {"name": "Bob", "purchases": [{"id": 2, "user": {"name": "Bob"}}]}}]}
    calls = counted(users_server, joins, query, data)
    assert [[(field, args) for _, field, args in request] for request in calls] == \
        [[("users_by_ids", {"ids": [1, 2]})]]
    same(answer(joins, query), {"data": data})


# ---- permissions: the same role on both sides (REMOTE_JOINS.md §4) --------------------------------

def as_role(engine, query, role, **variables):
    headers = {"X-Hasura-Role": role}
    headers.update({f"X-Hasura-{name.replace('_', '-')}": value for name, value in variables.items()})
    response = engine.graphql({"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_role_sees_remote_schemas_and_its_rows_of_the_joined_table(joins):
    call(joins, "pg_create_select_permission", {
        "table": "user", "role": "customer",
        "permission": {"columns": ["name"], "filter": {"id": {"_eq": "X-Hasura-User-Id"}}}})
    # The remote's orders whole; the table's side only the customer's row, without its id.
    same(as_role(joins, "{ orders { id user { name } } }", "customer", user_id="1"),
         {"data": {"orders": [
             {"id": 1, "user": {"name": "Ada"}}, {"id": 2, "user": None},
             {"id": 3, "user": {"name": "Ada"}}, {"id": 4, "user": None},
             {"id": 5, "user": None}]}})
    error = as_role(joins, "{ orders { user { id } } }", "customer", user_id="1")["errors"][0]
    assert error["extensions"]["code"] == "validation-failed", error
    # A role without any permission sees the remote schemas, but no relationship to a table.
    same(as_role(joins, "{ order(id: 1) { id } }", "nobody"),
         {"data": {"order": {"id": 1}}})
    fields = as_role(joins, '{ __type(name: "Order") { fields { name } } }', "nobody")
    names = {field["name"] for field in fields["data"]["__type"]["fields"]}
    assert "buyer" in names and "user" not in names and "user_accounts" not in names, names


def test_explain_shows_every_hop_remote_ones_too(joins):
    response = joins.post("/v1/graphql/explain", json={"query": {"query": """{
        orders { id user { name } buyer { name purchases { id } } } }"""}})
    assert response.status_code == 200, response.text
    hops = response.json()
    assert [(hop["field"], hop.get("remote_schema", hop.get("source"))) for hop in hops] == [
        ("orders", "orders"), ("orders.user", "default"), ("orders.buyer", "users"),
        ("orders.buyer.purchases", "orders")], hops
    assert hops[0]["query"].startswith("query { orders: orders {"), hops[0]
    assert "user_id_join_column: user_id" in hops[0]["query"], hops[0]
    assert "SELECT" in hops[1]["sql"], hops[1]
    # A hop to a remote schema shows its request for one argument whose keys are null.
    assert hops[2]["query"] == (
        "query ($v0: Int!) { f0: user(id: $v0) { name: name "
        "purchases: __typename id_join_column: id } }"), hops[2]
    assert hops[2]["variables"] == {"v0": None}, hops[2]

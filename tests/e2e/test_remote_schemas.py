"""Remote schemas in the GraphQL API (issue 8 point 2 and 6): the remote's root fields beside the
tables', one request mixing both, what Junction sends the remote (only its part: fragments
inlined, variables passed, __typename kept), mutations, the remote's errors, customization,
header forwarding and every way a remote can fail. The remote is a real graphql-js server
(tests/e2e/remote_graphql) that records what it received.

Every expected answer is the whole answer, keys in query order.
"""

import re
import threading
import time

import pytest

from remote_graphql import (orders_server, orders_session_server, remote_servers,  # fixtures
                            start_remote, users_server, users_session_server)
from support import answer, check, graphql_error, same
from test_postgres import add_source, call
from test_remote_schemas_metadata import SHOP_SQL, add_remote, http_failure, remote_args

FIXTURES = (orders_server, orders_session_server, remote_servers, start_remote, users_server,
            users_session_server)

ORDER_1 = {"id": 1, "user_id": 1, "total": 10.5, "status": "PAID", "customer_ref": "c-1",
           "details": {"gift": True, "tags": ["red"]}}
ORDER_FIELDS = "id user_id total status customer_ref details"


@pytest.fixture(autouse=True)
def fresh_remote(orders_server):
    """Every test starts with the remote reset: data, statistics and behaviour."""


@pytest.fixture(scope="module")
def api(pg_cluster, orders_session_server, start_engine_module):
    """An engine serving the shop database's tables and the orders remote, unnamespaced."""
    engine = start_engine_module()
    add_source(engine, pg_cluster.create_database("rs_api_shop", SHOP_SQL))
    call(engine, "pg_track_table", {"table": "account"})
    add_remote(engine, "orders", orders_session_server.url)
    return engine


def remote_bodies(server):
    """The GraphQL requests the remote received since its reset, introspection left out."""
    return [body for body in server.stats()["bodies"] if "__schema" not in body["query"]]


# ---- the merged API ------------------------------------------------------------------------------

def test_remote_root_fields_beside_tables(api, orders_server):
    check(api, f"""{{ account(order_by: {{id: asc}}, limit: 2) {{ id plan }}
                      order(id: 1) {{ {ORDER_FIELDS} }}
                      orders(limit: 2) {{ id }}
                      account_by_pk(id: 4) {{ plan }} }}""",
          {"account": [{"id": 1, "plan": "pro"}, {"id": 2, "plan": "free"}],
           "order": ORDER_1, "orders": [{"id": 1}, {"id": 2}],
           "account_by_pk": {"plan": "team"}})
    for body in remote_bodies(orders_server):  # only the remote's part went there
        assert "account" not in body["query"], body


def test_schema_lists_remote_root_fields_and_types(api):
    body = answer(api, """{ __schema { queryType { name } mutationType { name } }
        query_root: __type(name: "query_root") { fields { name } }
        order: __type(name: "Order") { kind fields { name type { kind name } } }
        status: __type(name: "OrderStatus") { kind enumValues { name } }
        json: __type(name: "JSON") { kind } }""")
    data = body["data"]
    fields = {f["name"] for f in data["query_root"]["fields"]}
    assert {"account", "account_by_pk", "orders", "order", "orders_where", "search", "node",
            "failing", "echo_headers", "echo_json"} <= fields, fields
    assert data["order"]["kind"] == "OBJECT"
    assert sorted(f["name"] for f in data["order"]["fields"]) == \
        ["customer_ref", "details", "id", "status", "total", "user_id"]
    assert data["status"] == {"kind": "ENUM", "enumValues": [
        {"name": "PENDING"}, {"name": "PAID"}, {"name": "SHIPPED"}, {"name": "CANCELLED"}]}
    assert data["json"] == {"kind": "SCALAR"}


def test_fragments_variables_aliases_and_typename(api, orders_server):
    query = """
        query Mixed($id: Int!, $status: OrderStatus, $where: OrderFilter, $value: JSON) {
          first: order(id: $id) { ...OrderBits __typename }
          paid: orders(status: $status) { id }
          filtered: orders_where(where: $where) { id total }
          echo: echo_json(value: $value)
          search(term: "2") {
            __typename
            ... on Order { id status }
            ... on Refund { refund: id amount }
          }
          node(id: "refund-1") { id ... on Refund { order_id } }
          account(where: {id: {_eq: $id}}) { plan }
        }
        fragment OrderBits on Order { id total }"""
    variables = {"id": 1, "status": "PAID",
                 "where": {"user_id": {"in": [1, 2]}, "_and": [{"total": {"gt": 6}}]},
                 "value": {"a": [1, {"b": None}], "c": "d"}}
    same(answer(api, query, variables), {"data": {
        "first": {"id": 1, "total": 10.5, "__typename": "Order"},
        "paid": [{"id": 1}, {"id": 4}],
        "filtered": [{"id": 1, "total": 10.5}, {"id": 2, "total": 20}],
        "echo": {"a": [1, {"b": None}], "c": "d"},
        "search": [{"__typename": "Order", "id": 2, "status": "PENDING"},
                   {"__typename": "Refund", "refund": "refund-1", "amount": 20}],
        "node": {"id": "refund-1", "order_id": 2},
        "account": [{"plan": "pro"}]}})
    bodies = remote_bodies(orders_server)
    assert bodies, "nothing reached the remote"
    sent_values = []
    for body in bodies:
        assert "fragment" not in body["query"] and "...OrderBits" not in body["query"], body
        assert "account" not in body["query"], body
        # Every value is a variable, the query's literals too: nothing is inlined.
        assert '"2"' not in body["query"] and "refund-1" not in body["query"], body
        sent_values += (body.get("variables") or {}).values()
    for value in [*variables.values(), "2", "refund-1"]:
        assert value in sent_values, (value, sent_values)
    assert any("__typename" in body["query"] for body in bodies)


def test_an_operation_name_picks_the_operation(api):
    response = api.graphql({"query": """query A { order(id: 1) { id } }
                                        query B { order(id: 2) { status } }""",
                            "operationName": "B"})
    assert response.status_code == 200, response.text
    same(response.json(), {"data": {"order": {"status": "PENDING"}}})


def test_validation_against_the_remote_schema(api, orders_server):
    error = graphql_error(api.graphql({"query": "{ order(id: 1) { nope } }"}))
    assert error["extensions"]["code"] == "validation-failed", error
    error = graphql_error(api.graphql({"query": "{ order(id: \"x\") { id } }"}))
    assert error["extensions"]["code"] == "validation-failed", error
    assert remote_bodies(orders_server) == []  # refused before anything was sent


def test_a_mutation(api, orders_server):
    check(api, "mutation { create_order(user_id: 2, total: 3.5) { id user_id total status } }",
          {"create_order": {"id": 6, "user_id": 2, "total": 3.5, "status": "PENDING"}})
    check(api, "{ order(id: 6) { id total } }", {"order": {"id": 6, "total": 3.5}})
    [body] = [b for b in remote_bodies(orders_server) if "create_order" in b["query"]]
    assert body["query"].lstrip().startswith("mutation"), body


def test_remote_errors_come_back_with_their_paths(api):
    body = answer(api, "{ account(where: {id: {_eq: 2}}) { plan } order(id: 1) { id } failing }")
    assert body["data"] == {"account": [{"plan": "free"}], "order": {"id": 1}, "failing": None}
    assert [(e["message"], e["path"]) for e in body["errors"]] == \
        [("failing on purpose", ["failing"])], body


# ---- customization -------------------------------------------------------------------------------

CUSTOMIZATION = {
    "root_fields_namespace": "shop_api",
    "type_names": {"prefix": "S_", "suffix": "_t", "mapping": {"Order": "RemoteOrder"}},
    "field_names": [{"parent_type": "Order", "prefix": "o_", "mapping": {"total": "amount"}}]}


@pytest.fixture(scope="module")
def customized(orders_session_server, start_engine_module):
    engine = start_engine_module()
    add_remote(engine, "orders", orders_session_server.url, customization=CUSTOMIZATION)
    return engine


def test_namespace_type_and_field_names(customized, orders_server):
    check(customized, """{ shop_api {
            __typename
            order(id: 1) { __typename o_id amount o_status }
            search(term: "2") { __typename ... on RemoteOrder { o_id } ... on S_Refund_t { id } }
            node(id: "refund-1") { __typename id } } }""",
          {"shop_api": {
              # Under a namespace the remote's root types are customized like the others
              # (Hasura's customizer protects them only without one).
              "__typename": "S_Query_t",
              "order": {"__typename": "RemoteOrder", "o_id": 1, "amount": 10.5,
                        "o_status": "PAID"},
              "search": [{"__typename": "RemoteOrder", "o_id": 2},
                         {"__typename": "S_Refund_t", "id": "refund-1"}],
              "node": {"__typename": "S_Refund_t", "id": "refund-1"}}})
    # The remote was asked with its own names (the engine's names are only the aliases).
    for body in remote_bodies(orders_server):
        assert not re.search(r":\s*(o_id|amount|RemoteOrder)\b", body["query"]), body
        assert "RemoteOrder" not in body["query"] and "o_id: id" in body["query"], body


def test_customized_names_in_introspection(customized):
    data = answer(customized, """{
        root: __schema { queryType { fields { name } } mutationType { fields { name } } }
        order: __type(name: "RemoteOrder") { fields { name } }
        original: __type(name: "Order") { name }
        status: __type(name: "S_OrderStatus_t") { kind }
        unprefixed: __type(name: "OrderStatus") { name }
        filter: __type(name: "S_OrderFilter_t") { inputFields { name type { name } } }
        json: __type(name: "S_JSON_t") { kind }
        int: __type(name: "Int") { kind } }""")["data"]
    assert "shop_api" in [f["name"] for f in data["root"]["queryType"]["fields"]]
    assert "order" not in [f["name"] for f in data["root"]["queryType"]["fields"]]
    assert "shop_api" in [f["name"] for f in data["root"]["mutationType"]["fields"]]
    assert sorted(f["name"] for f in data["order"]["fields"]) == \
        ["amount", "o_customer_ref", "o_details", "o_id", "o_status", "o_user_id"]
    assert data["original"] is None and data["unprefixed"] is None
    assert data["status"] == {"kind": "ENUM"} and data["json"] == {"kind": "SCALAR"}
    assert data["int"] == {"kind": "SCALAR"}  # built-in scalars keep their names
    assert sorted((f["name"], f["type"]["name"]) for f in data["filter"]["inputFields"]) == [
        ("_and", None), ("status", "S_OrderStatus_t"), ("total", "S_FloatComparison_t"),
        ("user_id", "S_IntComparison_t")]


def test_customized_variables_and_mutation(customized, orders_server):
    check(customized, """query ($s: S_OrderStatus_t, $w: S_OrderFilter_t) {
            shop_api { orders(status: $s) { o_id } orders_where(where: $w) { o_id } } }""",
          {"shop_api": {"orders": [{"o_id": 2}], "orders_where": [{"o_id": 3}, {"o_id": 5}]}},
          variables={"s": "PENDING", "w": {"total": {"lt": 6}}})
    for body in remote_bodies(orders_server):  # the remote's own type names in its variables
        assert "S_OrderStatus_t" not in body["query"] and "S_OrderFilter_t" not in body["query"]
    check(customized, "mutation { shop_api { __typename create_order(user_id: 1, total: 2) "
                      "{ o_id amount } } }",
          {"shop_api": {"__typename": "S_Mutation_t",
                        "create_order": {"o_id": 6, "amount": 2}}})


# ---- headers -------------------------------------------------------------------------------------

HEADERS = [{"name": "x-api-key", "value": "k1"},
           {"name": "x-secret", "value_from_env": "RS_SECRET"}]


def echoed(engine, headers):
    body = answer(engine, "{ echo_headers }") if headers is None else \
        engine.graphql({"query": "{ echo_headers }"}, headers=headers).json()
    assert "errors" not in body, body
    return {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in body["data"]["echo_headers"]}


def test_configured_and_forwarded_headers(start_engine, orders_server):
    engine = start_engine(env={"RS_SECRET": "s3cret"})
    add_remote(engine, "orders", orders_server.url, headers=HEADERS,
               forward_client_headers=True)
    got = echoed(engine, {"x-client-trace": "t-1", "authorization": "Bearer abc",
                          "x-api-key": "from-the-client", "x-hasura-admin-secret": "top",
                          "x-hasura-user-id": "7"})
    assert got["x-api-key"] == "k1"  # the configured header wins over the client's
    assert got["x-secret"] == "s3cret"
    assert got["x-client-trace"] == "t-1" and got["authorization"] == "Bearer abc"
    assert got["content-type"].startswith("application/json")
    # The session is sent as Hasura sends it; the client's own x-hasura-* headers never are (the
    # admin secret stays with the engine); its Host is passed as X-Forwarded-Host.
    assert (got["x-hasura-role"], got["x-hasura-user-id"]) == ("admin", "7"), got
    assert "x-hasura-admin-secret" not in got, got
    assert got["x-forwarded-host"].startswith("127.0.0.1:"), got

    call(engine, "update_remote_schema",
         remote_args("orders", orders_server.url, headers=HEADERS, forward_client_headers=False))
    got = echoed(engine, {"x-client-trace": "t-2", "authorization": "Bearer abc",
                          "x-hasura-role": "analyst"})
    assert (got["x-api-key"], got["x-secret"]) == ("k1", "s3cret")
    assert "x-client-trace" not in got and "authorization" not in got, got
    assert got["x-hasura-role"] == "analyst" and "x-forwarded-host" not in got, got


# ---- failures ------------------------------------------------------------------------------------

@pytest.fixture
def fragile(start_engine, pg_cluster, start_remote):
    """An engine with a remote of its own (timeout 1 s) that the test makes misbehave."""
    server = start_remote("orders")
    engine = start_engine()
    add_source(engine, pg_cluster.create_database("rs_fragile", SHOP_SQL))
    call(engine, "pg_track_table", {"table": "account"})
    add_remote(engine, "orders", server.url, timeout_seconds=1)
    return engine, server


QUERY = "{ order(id: 1) { id status } }"
PATH = "$.selectionSet.order"


def still_healthy(engine, server):
    server.behave("/graphql")
    check(engine, QUERY, {"order": {"id": 1, "status": "PAID"}})
    check(engine, "{ account_by_pk(id: 1) { plan } }", {"account_by_pk": {"plan": "pro"}})
    assert engine.get("/healthz").status_code == 200


@pytest.mark.parametrize("behaviour", ["/slow/3000/graphql", "/hang"])
def test_a_remote_beyond_its_timeout(fragile, behaviour):
    engine, server = fragile
    server.behave(behaviour)
    started = time.monotonic()
    error = graphql_error(engine.graphql({"query": QUERY}))
    took = time.monotonic() - started
    assert 1.0 <= took < 2.5, f"answered after {took:.2f} s with timeout_seconds 1"
    assert without_internal_error(error) == {
        "message": http_failure(server.url),
        "extensions": {"path": PATH, "code": "remote-schema-error"}}
    still_healthy(engine, server)


def test_a_remote_that_is_down(fragile):
    engine, server = fragile
    url = server.url
    server.stop()
    error = graphql_error(engine.graphql({"query": QUERY}))
    assert without_internal_error(error) == {
        "message": http_failure(url), "extensions": {"path": PATH, "code": "remote-schema-error"}}
    check(engine, "{ account_by_pk(id: 1) { plan } }", {"account_by_pk": {"plan": "pro"}})


def test_invalid_json_from_the_remote(fragile):
    engine, server = fragile
    server.behave("/garbage")
    error = graphql_error(engine.graphql({"query": QUERY}))
    assert error["message"].startswith("Remote server response is not valid JSON: "), error
    assert error["extensions"]["path"] == PATH and error["extensions"]["code"] == "unexpected", \
        error
    still_healthy(engine, server)


def test_only_errors_from_the_remote(fragile):
    engine, server = fragile
    server.behave("/errors")
    body = engine.graphql({"query": QUERY}).json()
    assert body.get("data") in (None, {"order": None}), body
    assert [e["message"] for e in body["errors"]] == ["the remote refused"], body
    assert body["errors"][0]["extensions"]["path"] == PATH, body
    still_healthy(engine, server)


@pytest.mark.parametrize("status", [500, 404, 401])
def test_an_error_status_from_the_remote(fragile, status):
    engine, server = fragile
    server.behave(f"/status/{status}")
    error = graphql_error(engine.graphql({"query": QUERY}))
    assert error["extensions"]["path"] == PATH, error
    assert error["extensions"]["code"] == "remote-schema-error", error
    assert str(status) in error["message"], error
    still_healthy(engine, server)


def test_a_hanging_remote_does_not_hold_up_other_requests(fragile):
    engine, server = fragile
    server.behave("/hang")
    hung = threading.Thread(target=lambda: engine.graphql({"query": QUERY}), daemon=True)
    hung.start()
    started = time.monotonic()
    check(engine, "{ account_by_pk(id: 2) { plan } }", {"account_by_pk": {"plan": "free"}})
    assert time.monotonic() - started < 0.9
    hung.join(5)
    still_healthy(engine, server)


def without_internal_error(error):
    """A GraphQL error with extensions.internal (the HTTP client's details) taken out."""
    extensions = dict(error["extensions"])
    extensions.pop("internal", None)
    return {**error, "extensions": extensions}

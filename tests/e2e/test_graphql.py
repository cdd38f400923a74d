"""POST /v1/graphql on an engine with empty metadata: GraphiQL's introspection query, the
placeholder schema, and every kind of bad input, each answered in Hasura's error shape
{"errors":[{"message","extensions":{"path","code"}}]}."""

import json

import pytest
import requests

from support import REQUEST_TIMEOUT, graphql_error

JSON = {"Content-Type": "application/json"}


def test_graphiql_introspection_query(engine, introspection_query):
    response = engine.graphql({"query": introspection_query, "operationName": "IntrospectionQuery"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data"}, body.get("errors")
    schema = body["data"]["__schema"]
    assert schema["queryType"] == {"name": "query_root"}
    assert schema["mutationType"] is None
    assert schema["subscriptionType"] is None
    types = {t["name"]: t for t in schema["types"]}
    assert types["query_root"]["kind"] == "OBJECT"
    assert types["query_root"]["fields"], "Hasura exposes a placeholder field on an empty schema"
    for meta in ["__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue",
                 "__Directive", "__DirectiveLocation", "String", "Boolean"]:
        assert meta in types, meta
    directives = {d["name"] for d in schema["directives"]}
    assert {"include", "skip", "deprecated", "specifiedBy"} <= directives


def test_introspection_answer_is_stable(engine, introspection_query):
    body = {"query": introspection_query, "operationName": "IntrospectionQuery"}
    assert engine.graphql(body).content == engine.graphql(body).content


def test_typename(engine):
    response = engine.graphql({"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "query_root"}}


def test_aliases_variables_and_operation_name(engine):
    query = """
      query A { a: __typename }
      query B($name: String!) { t: __type(name: $name) { name kind } b: __typename }
    """
    response = engine.graphql({"query": query, "operationName": "B",
                               "variables": {"name": "query_root"}})
    assert response.json() == {"data": {"t": {"name": "query_root", "kind": "OBJECT"},
                                        "b": "query_root"}}


def test_null_variables_and_operation_name_are_accepted(engine):
    response = engine.graphql({"query": "{ __typename }", "variables": None,
                               "operationName": None})
    assert response.json() == {"data": {"__typename": "query_root"}}


def post_raw(engine, data):
    return requests.post(engine.url + "/v1/graphql", data=data, headers=JSON,
                         timeout=REQUEST_TIMEOUT)


# Hasura answers every /v1/graphql error with HTTP 200 (allMod200), in the GraphQL error shape,
# with aeson's wording for bodies that are not a GQLReq.
# (case, request body, extensions.code, extensions.path, message, or None to check only its start)
BAD_REQUESTS = [
    ("malformed_json", b'{"query": ', "invalid-json", "$", None),
    ("not_json_at_all", b"query { __typename }", "invalid-json", "$", None),
    ("string_body", b'"{ __typename }"', "parse-failed", "$",
     "parsing GQLReq failed, expected Object, but encountered String"),
    ("number_body", b"42", "parse-failed", "$",
     "parsing GQLReq failed, expected Object, but encountered Number"),
    ("null_body", b"null", "parse-failed", "$",
     "parsing GQLReq failed, expected Object, but encountered Null"),
    ("missing_query", b'{"variables": {}}', "parse-failed", "$", 'key "query" not found'),
    ("query_not_a_string", b'{"query": 42}', "parse-failed", "$.query",
     "parsing Text failed, expected String, but encountered Number"),
    ("query_null", b'{"query": null}', "parse-failed", "$.query",
     "parsing Text failed, expected String, but encountered Null"),
    ("variables_not_an_object", b'{"query": "{ __typename }", "variables": [1]}', "parse-failed",
     "$.variables", "parsing HashMap failed, expected Object, but encountered Array"),
    ("operation_name_not_a_string", b'{"query": "{ __typename }", "operationName": 1}',
     "parse-failed", "$.operationName",
     "parsing Text failed, expected String, but encountered Number"),
    ("batch_element_not_an_object", b'[{"query": "{ __typename }"}, 7]', "parse-failed", "$[1]",
     "parsing GQLReq failed, expected Object, but encountered Number"),
]


@pytest.mark.parametrize("case,data,code,path,message", BAD_REQUESTS,
                         ids=[case[0] for case in BAD_REQUESTS])
def test_bad_request_bodies(engine, case, data, code, path, message):
    response = post_raw(engine, data)
    assert response.status_code == 200, response.text
    error = graphql_error(response)
    assert error["extensions"] == {"path": path, "code": code}, error
    if message is not None:
        assert error["message"] == message
    else:
        assert error["message"].startswith("Error in $: "), error
    assert engine.get("/healthz").text == "OK"  # and the engine is still up


def test_malformed_json_error_says_where(engine):
    error = graphql_error(post_raw(engine, b'{"query":\n  "{ __typename }",,}'))
    assert error["extensions"]["code"] == "invalid-json"
    assert "line 2" in error["message"], error


def test_batch_is_answered_with_an_array(engine):
    response = post_raw(engine, json.dumps([
        {"query": "{ __typename }"},
        {"query": "{ nope }"},
        {"query": "query ($n: String!) { __type(name: $n) { kind } }", "variables": {"n": "String"}},
    ]).encode())
    assert response.status_code == 200
    first, second, third = response.json()
    assert first == {"data": {"__typename": "query_root"}}
    assert second["errors"][0]["extensions"]["code"] == "validation-failed"
    assert third == {"data": {"__type": {"kind": "SCALAR"}}}


def test_syntax_error_names_line_and_column(engine):
    response = engine.graphql({"query": "{\n  __typename\n  ...\n"})
    assert response.status_code == 200
    assert response.json() == {"errors": [{
        "message": 'Syntax Error: Expected "{", found <EOF>.',
        "locations": [{"line": 4, "column": 1}],
        "extensions": {"path": "$.query", "code": "validation-failed"}}]}


def test_validation_error(engine):
    response = engine.graphql({"query": "{ __typename nosuchfield }"})
    assert response.status_code == 200
    error = graphql_error(response)
    assert error["message"] == 'Cannot query field "nosuchfield" on type "query_root".'
    assert error["locations"] == [{"line": 1, "column": 14}]
    assert error["extensions"]["code"] == "validation-failed"
    assert error["extensions"]["path"].startswith("$")


def test_every_validation_error_is_reported(engine):
    response = engine.graphql({"query": "{ a b c }"})
    errors = response.json()["errors"]
    assert [e["message"] for e in errors] == [
        f'Cannot query field "{name}" on type "query_root".' for name in "abc"]


def test_unknown_operation_name(engine):
    response = engine.graphql({"query": "query A { __typename }", "operationName": "B"})
    assert response.status_code == 200
    assert response.json() == {"errors": [{
        "message": 'Unknown operation named "B".',
        "extensions": {"path": "$", "code": "validation-failed"}}]}


def test_several_operations_need_a_name(engine):
    response = engine.graphql({"query": "query A { __typename } query B { __typename }"})
    error = graphql_error(response)
    assert error["message"] == "Must provide operation name if query contains multiple operations."


def test_mutation_on_a_schema_without_mutations(engine):
    error = graphql_error(engine.graphql({"query": "mutation { __typename }"}))
    assert error["extensions"]["code"] == "validation-failed"
    assert "mutation" in error["message"]


def test_variable_that_does_not_coerce(engine):
    response = engine.graphql({"query": "query ($n: String!) { __type(name: $n) { name } }",
                               "variables": {"n": 5}})
    error = graphql_error(response)
    assert error["extensions"]["code"] == "validation-failed"
    assert error["message"] == (
        'Variable "$n" got invalid value 5; String cannot represent a non string value: 5')


def test_body_over_ten_mebibytes_is_refused_with_413(engine):
    padding = " " * (11 * 1024 * 1024)
    data = json.dumps({"query": "{ __typename }" + padding}).encode()
    response = post_raw(engine, data)
    assert response.status_code == 413
    assert response.json() == {
        "path": "$", "code": "payload-too-large",
        "error": "request body is larger than the limit of 10485760 bytes"}
    assert engine.get("/healthz").text == "OK"


def test_body_just_under_the_limit_is_served(engine):
    query = "{ __typename }"
    padding = " " * (10 * 1024 * 1024 - len(query) - 64)
    response = post_raw(engine, json.dumps({"query": query + padding}).encode())
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "query_root"}}

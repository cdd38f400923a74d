"""With an admin secret, the admin APIs need the right X-Hasura-Admin-Secret (header names are
case-insensitive); health and version stay open. Denials are Hasura's access-denied errors:
HTTP 200 in the GraphQL shape on /v1/graphql, HTTP 401 {"path","error","code"} on /v1/metadata."""

import pytest

SECRET = "s3cret-Value"
MISSING = "x-hasura-admin-secret/x-hasura-access-key required, but not found"
INVALID = "invalid x-hasura-admin-secret/x-hasura-access-key"
QUERY = {"query": "{ __typename }"}
EXPORT = {"type": "export_metadata", "args": {}}


@pytest.fixture
def secured(start_engine):
    return start_engine(args=["--admin-secret", SECRET])


def graphql_denial(response, message):
    assert response.status_code == 200
    assert response.json() == {"errors": [{
        "message": message, "extensions": {"path": "$", "code": "access-denied"}}]}


def metadata_denial(response, message):
    assert response.status_code == 401
    assert response.json() == {"path": "$", "error": message, "code": "access-denied"}


def test_graphql_without_the_secret_is_denied(secured):
    graphql_denial(secured.graphql(QUERY), MISSING)


def test_graphql_with_a_wrong_secret_is_denied(secured):
    for wrong in ["", "s3cret", SECRET.lower(), SECRET + "x", "x" * 1000]:
        response = secured.graphql(QUERY, headers={"X-Hasura-Admin-Secret": wrong})
        graphql_denial(response, INVALID)


def test_the_deprecated_access_key_header_works_too(secured):
    allowed = secured.graphql(QUERY, headers={"X-Hasura-Access-Key": SECRET})
    assert allowed.json() == {"data": {"__typename": "query_root"}}
    graphql_denial(secured.graphql(QUERY, headers={"X-Hasura-Access-Key": "no"}), INVALID)


@pytest.mark.parametrize("name", ["X-Hasura-Admin-Secret", "x-hasura-admin-secret",
                                  "X-HASURA-ADMIN-SECRET"])
def test_graphql_with_the_secret_is_served_whatever_the_header_case(secured, name):
    response = secured.graphql(QUERY, headers={name: SECRET})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "query_root"}}


def test_metadata_without_or_with_a_wrong_secret_is_denied(secured):
    metadata_denial(secured.metadata_call(EXPORT), MISSING)
    metadata_denial(secured.metadata_call(EXPORT, headers={"X-Hasura-Admin-Secret": "wrong"}),
                    INVALID)


def test_denied_metadata_change_changes_nothing(secured):
    secured.metadata_call({"type": "replace_metadata",
                           "args": {"version": 3, "sources": [],
                                    "query_collections": [{"name": "c", "definition": {
                                        "queries": []}}]}},
                          headers={"X-Hasura-Admin-Secret": "wrong"})
    exported = secured.metadata_call(EXPORT, headers={"x-hasura-admin-secret": SECRET})
    assert exported.status_code == 200
    assert exported.json() == {"version": 3, "sources": []}


@pytest.mark.parametrize("name", ["X-Hasura-Admin-Secret", "x-HASURA-admin-SECRET"])
def test_metadata_with_the_secret_is_served(secured, name):
    response = secured.metadata_call(EXPORT, headers={name: SECRET})
    assert response.status_code == 200
    assert response.json() == {"version": 3, "sources": []}


def test_health_and_version_need_no_secret(secured):
    assert secured.get("/healthz").text == "OK"
    assert secured.get("/v1/version").status_code == 200


def test_without_a_secret_everyone_is_admin(engine):
    assert engine.graphql(QUERY).json() == {"data": {"__typename": "query_root"}}
    assert engine.metadata_call(EXPORT).status_code == 200


def test_a_non_admin_role_may_query_but_not_change_metadata(engine):
    role = {"X-Hasura-Role": "user"}
    assert engine.graphql(QUERY, headers=role).json() == {"data": {"__typename": "query_root"}}
    response = engine.metadata_call(EXPORT, headers=role)
    assert response.status_code == 400
    assert response.json() == {"path": "$.args", "error": "restricted access : admin only",
                               "code": "access-denied"}

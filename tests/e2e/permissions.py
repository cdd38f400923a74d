"""What test_permissions.py and test_permission_joins.py share: engines started with an admin
secret, requests made as a role (the admin secret plus `X-Hasura-Role` and `X-Hasura-*` session
variables, as Hasura allows), and select permissions put into the metadata.

    engine = start_engine(args=["--admin-secret", SECRET])
    admin_call(engine, "pg_track_table", {"source": "default", "table": "article"})
    grant(engine, "postgres", "default", "article", "user",
          {"columns": ["id"], "filter": {"author_id": {"_eq": "X-Hasura-User-Id"}}})
    as_role(engine, "{ article { id } }", "user", user_id=1)   # the whole answer body

Permissions are put in with export_metadata + replace_metadata (the select_permissions of the
table entries, as Hasura's metadata spells them), so these tests depend on the engine reading
permissions, not on the <kind>_create_select_permission commands (tested on their own).
"""

import json

from support import same

SECRET = "perm-secret"
ADMIN = {"X-Hasura-Admin-Secret": SECRET}
ENGINE_ARGS = ["--admin-secret", SECRET]


def headers(role=None, **variables):
    """The admin secret, `X-Hasura-Role: role` and `X-Hasura-<Name>: value` for each keyword
    (user_id=1 → X-Hasura-User-Id: 1)."""
    found = dict(ADMIN)
    if role is not None:
        found["X-Hasura-Role"] = role
    for name, value in variables.items():
        header = "X-Hasura-" + "-".join(part.capitalize() for part in name.split("_"))
        found[header] = str(value)
    return found


def admin_call(engine, type_, args, status=200):
    response = engine.metadata_call({"type": type_, "args": args}, headers=ADMIN)
    assert response.status_code == status, response.text
    return response.json()


def body(engine, query, request_headers, variables=None):
    response = engine.graphql({"query": query, "variables": variables or {}},
                              headers=request_headers)
    assert response.status_code == 200, response.text
    return response.json()


def as_role(engine, query, role, variables=None, **session):
    """The whole answer body of `query` run as `role` with the session variables."""
    return body(engine, query, headers(role, **session), variables)


def as_admin(engine, query, variables=None):
    return body(engine, query, ADMIN, variables)


def check(engine, query, role, data, **session):
    same(as_role(engine, query, role, **session), {"data": data})


def error(message, code, path="$"):
    """Hasura's GraphQL error answer with one error."""
    return {"errors": [{"message": message, "extensions": {"path": path, "code": code}}]}


def check_error(engine, query, role, expected, **session):
    """`expected` is error(...) or the like, compared exactly: a role other than admin never
    gets `internal` (the SQL and the database's details)."""
    found = as_role(engine, query, role, **session)
    assert found == expected, json.dumps(found)


def missing(variable):
    return error(f'missing session variables: "{variable}"', "not-found")


def find_table(metadata, source, table):
    """The table entry of `table` (its metadata spelling) in `source`."""
    entry = next(s for s in metadata["sources"] if s["name"] == source)
    for found in entry["tables"]:
        if found["table"] == table:
            return found
    raise AssertionError(f"no table {table!r} in source {source!r}: {entry['tables']!r}")


def grant_all(engine, grants):
    """Puts every (source, table, role, permission) of `grants` into the engine's metadata at
    once (export_metadata, then replace_metadata); `table` as the exported metadata spells it."""
    metadata = admin_call(engine, "export_metadata", {})
    for source, table, role, permission in grants:
        entry = find_table(metadata, source, table)
        entry.setdefault("select_permissions", []).append(
            {"role": role, "permission": permission})
    answer = admin_call(engine, "replace_metadata", metadata)
    assert answer == {"message": "success"}, answer
    # Kept, not dropped as an unknown key (how the engine spells defaults is not checked here).
    exported = admin_call(engine, "export_metadata", {})
    for source, table, role, _ in grants:
        kept = find_table(exported, source, table).get("select_permissions", [])
        assert role in [p["role"] for p in kept], (table, role, kept)


def type_fields(engine, type_name, role, **session):
    """The field names of an object type (inputFields of an input type, enumValues of an enum)
    as the role's introspection lists them; None when the role has no such type."""
    found = as_role(engine, """query($name: String!) { __type(name: $name) {
        fields { name } inputFields { name } enumValues { name } } }""", role,
                    variables={"name": type_name}, **session)
    assert "errors" not in found, found
    type_ = found["data"]["__type"]
    if type_ is None:
        return None
    for kind in ["fields", "inputFields", "enumValues"]:
        if type_[kind] is not None:
            return [item["name"] for item in type_[kind]]
    return []


def root_fields(engine, role, **session):
    found = as_role(engine, "{ __schema { queryType { fields { name } } } }", role, **session)
    assert "errors" not in found, found
    return [field["name"] for field in found["data"]["__schema"]["queryType"]["fields"]]

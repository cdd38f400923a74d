"""The golden cases of tests/cases (format in tests/cases/README.md): each query case is a GraphQL
request, the exact response Junction must give, and, where present, the SQL it must run, checked
through /v1/graphql/explain; each metadata case is a list of API calls with their exact answers.
Query cases share one engine serving tests/cases/metadata.json over one database loaded from
tests/cases/schema.sql; every metadata case gets a fresh database and a fresh engine started from
that file, so a case that changes the database (run_sql) cannot affect another. The databases live
in one throwaway cluster.
"""

import json
import pathlib
import shutil

import pytest

CASES = pathlib.Path(__file__).resolve().parents[1] / "cases"
QUERY_CASES = sorted(p for p in (CASES / "queries").iterdir() if p.is_dir())
METADATA_CASES = sorted(p for p in (CASES / "metadata").iterdir() if p.is_dir())


def load_database(pg_cluster, name):
    """The URL of a fresh database `name` loaded from schema.sql."""
    return pg_cluster.create_database(name, (CASES / "schema.sql").read_text())


@pytest.fixture(scope="module")
def cases_database(pg_cluster):
    """The database the query cases share (they only read)."""
    return load_database(pg_cluster, "cases")


@pytest.fixture(scope="module")
def cases_engine(cases_database, start_engine_module):
    return start_engine_module(metadata_template=CASES / "metadata.json",
                               env={"JUNCTION_TEST_DATABASE_URL": cases_database})


def read_case(case):
    request = json.loads((case / "request.json").read_text())
    expected = json.loads((case / "response.json").read_text())
    status_path = case / "status.txt"
    status = int(status_path.read_text()) if status_path.exists() else 200
    sql_path = case / "sql.txt"
    return request, expected, status, sql_path.read_text().strip() if sql_path.exists() else None


def without_internal(body):
    """`body` with each error's extensions.internal replaced by True (internal holds the SQL
    statement, which changes with the SQL generator: only its presence is part of a case)."""
    if not isinstance(body, dict) or not isinstance(body.get("errors"), list):
        return body
    errors = []
    for error in body["errors"]:
        extensions = dict(error.get("extensions", {}))
        if "internal" in extensions:
            extensions["internal"] = True
        errors.append({**error, "extensions": extensions})
    return {**body, "errors": errors}


@pytest.mark.parametrize("case", QUERY_CASES, ids=[p.name for p in QUERY_CASES])
def test_query_case(cases_engine, case):
    request, expected, status, sql = read_case(case)
    response = cases_engine.graphql(request)
    assert response.status_code == status, response.text
    assert without_internal(response.json()) == without_internal(expected), \
        json.dumps(response.json(), indent=2, ensure_ascii=False)
    # Key order is part of the contract (the query's order): compare the text's key sequence too.
    assert list(response.json().get("data", {}) or {}) == list(expected.get("data", {}) or {})
    if sql is not None:
        explained = cases_engine.post("/v1/graphql/explain", json={"query": request})
        assert explained.status_code == 200, explained.text
        statements = "\n".join(step["sql"] for step in explained.json())
        assert statements == sql, statements


@pytest.mark.parametrize("case", METADATA_CASES, ids=[p.name for p in METADATA_CASES])
def test_metadata_case(pg_cluster, start_engine, tmp_path, case):
    database = load_database(pg_cluster, "meta_" + case.name)
    metadata = tmp_path / "metadata.json"
    shutil.copyfile(CASES / "metadata.json", metadata)
    engine = start_engine(metadata=metadata, env={"JUNCTION_TEST_DATABASE_URL": database})
    steps = json.loads((case / "steps.json").read_text())
    for number, step in enumerate(steps):
        response = engine.post(step["endpoint"], json=step["request"])
        where = f"step {number} ({step['endpoint']}): {response.text}"
        assert response.status_code == step["status"], where
        assert response.json() == step["response"], where

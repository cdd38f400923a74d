"""BigQuery sources through the real binary (issue 10), against the test double
(tests/bigquery: BigQuery's REST protocol on loopback, DuckDB underneath, a token endpoint that
verifies the engine's RS256 JWT with this session's key): the seed example in its three forms
(the metadata API, the YAML directory applied with `junction metadata apply`, the GraphQL query),
Hasura's JSON encodings of BigQuery's types, BigQuery ↔ Postgres joins both ways, permissions,
paging, token refresh, a rate-limit retry, a timeout, and the double counting one job per hop
(or one job in all for a co-located relationship).

Expected answers are written by hand; GraphQL answers are compared with their key order.
"""

import json
import pathlib
import subprocess
import time

from bigquery import BigQueryDouble, bq_account, bq_double, bq_session_double  # fixtures
from sqlite import add_source as sqlite_add_source
from sqlite import create_database as sqlite_database
from support import answer, check, free_port, graphql_error, junction_bin, same
from test_postgres import add_source as pg_add_source
from test_postgres import call

FIXTURES = (bq_account, bq_double, bq_session_double)

SEED_DIR = pathlib.Path(__file__).resolve().parents[1] / "data" / "metadata_dirs" / \
    "bigquery_remote_join"

AUTHOR = {"dataset": "source", "name": "author"}
ARTICLES = {"dataset": "target", "name": "articles"}

# The seed's remote relationship, as its API call (Hasura's docs "BigQuery: Database to Remote
# Database Relationships").
SEED_RELATIONSHIP = {
    "name": "articles", "source": "bq-source", "table": AUTHOR,
    "definition": {"to_source": {"relationship_type": "array", "source": "bq-target",
                                 "table": ARTICLES, "field_mapping": {"id": "author_id"}}}}

SEED_QUERY = """{ source_author(order_by: {id: asc}) {
  id name articles(order_by: {id: asc}) { id title } } }"""
SEED_DATA = {"source_author": [
    {"id": "1", "name": "Ann", "articles": [{"id": "1", "title": "Alpha"},
                                            {"id": "2", "title": "Beta"}]},
    {"id": "2", "name": "Bob", "articles": [{"id": "3", "title": "Gamma"},
                                            {"id": "4", "title": "Delta"}]},
    {"id": "3", "name": "Cy", "articles": [{"id": "5", "title": "Epsilon"}]},
    {"id": "4", "name": "Dee", "articles": []}]}


def configuration(double, datasets, service_account=None, **extra):
    return {"service_account": service_account if service_account is not None else double.key(),
            "project_id": "my-project", "datasets": datasets, **extra}


def add_bq_source(engine, double, name, datasets, status=200, **extra):
    return call(engine, "bigquery_add_source",
                {"name": name, "configuration": configuration(double, datasets, **extra)},
                status=status)


def track(engine, source, table):
    call(engine, "bigquery_track_table", {"source": source, "table": table})


def seed_by_api(engine, double, target_extra=None):
    """The seed: author in bq-source, articles in bq-target, the remote relationship. With
    `target_extra` (another location, say) the two sources are not co-located."""
    add_bq_source(engine, double, "bq-source", ["source"])
    add_bq_source(engine, double, "bq-target", ["target"], **(target_extra or {}))
    track(engine, "bq-source", AUTHOR)
    track(engine, "bq-target", ARTICLES)
    call(engine, "bigquery_create_remote_relationship", SEED_RELATIONSHIP)


def bq_engine(start_engine, double, **kwargs):
    return start_engine(env=double.env(kwargs.pop("env", None)), **kwargs)


# ---- the seed in its three forms -----------------------------------------------------------------

def test_the_seed_by_the_metadata_api_one_job_per_hop(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double)
    # Another location: the two sources cannot be read by one query, so the engine joins them.
    seed_by_api(engine, bq_double, target_extra={"location": "EU"})
    bq_double.reset()
    check(engine, SEED_QUERY, SEED_DATA)
    stats = bq_double.stats()
    assert stats["jobs"] == 2, stats  # the authors, then every author's articles in one job
    keys = stats["queries"][1]
    assert "UNNEST(@p" in keys["sql"], keys


def test_the_seed_co_located_is_one_job(start_engine, bq_double):
    """Both sources with the same key, project and location: one native join, one job."""
    engine = bq_engine(start_engine, bq_double)
    seed_by_api(engine, bq_double)
    bq_double.reset()
    check(engine, SEED_QUERY, SEED_DATA)
    assert bq_double.stats()["jobs"] == 1
    explained = engine.post("/v1/graphql/explain", json={"query": {"query": SEED_QUERY}}).json()
    assert len(explained) == 1, explained  # no hop of its own
    assert explained[0]["co_located"] == ["source_author.articles"], explained


def test_the_seed_yaml_applied_with_the_cli(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double)
    done = subprocess.run([junction_bin(), "metadata", "apply", "--dir", str(SEED_DIR),
                           "--endpoint", engine.url], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "+ source bq-source" in done.stdout and "+ source bq-target" in done.stdout, done.stdout
    bq_double.reset()
    check(engine, SEED_QUERY, SEED_DATA)
    assert bq_double.stats()["jobs"] == 1  # the seed's two sources share key and project
    exported = call(engine, "export_metadata", {})
    author = exported["sources"][0]["tables"][0]
    assert author["table"] == AUTHOR, author
    assert author["remote_relationships"][0]["definition"] == \
        SEED_RELATIONSHIP["definition"], author


def test_bigquery_unreachable_at_start_up_then_reloaded(start_engine, bq_account, tmp_path):
    """Nothing listens where the source's API is: the engine starts, the source is inconsistent
    and the rest is served; once BigQuery answers, reload_metadata brings the source back."""
    port = free_port()
    key = bq_account.key(f"http://127.0.0.1:{port}/token")
    metadata = tmp_path / "metadata.json"
    metadata.write_text(json.dumps({"resource_version": 1, "metadata": {"version": 3, "sources": [{
        "name": "bq", "kind": "bigquery",
        "configuration": {"service_account": key, "project_id": "my-project",
                          "datasets": ["target"], "timeout_seconds": 5},
        "tables": [{"table": ARTICLES}]}]}}))
    engine = start_engine(metadata=metadata, env={"BIGQUERY_EMULATOR_HOST": f"127.0.0.1:{port}"})
    inconsistent = call(engine, "get_inconsistent_metadata", {})
    assert not inconsistent["is_consistent"], inconsistent
    assert [o["name"] for o in inconsistent["inconsistent_objects"]] == ["source bq"], inconsistent
    assert "authentication failed" in json.dumps(inconsistent), inconsistent
    double = BigQueryDouble.start(bq_account, port=port)
    try:
        call(engine, "reload_metadata", {})
        assert call(engine, "get_inconsistent_metadata", {})["is_consistent"]
        check(engine, "{ target_articles(limit: 1) { title } }",
              {"target_articles": [{"title": "Alpha"}]})
    finally:
        double.stop()


# ---- the metadata API ----------------------------------------------------------------------------

def test_service_account_forms_and_bad_keys(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double)
    add_bq_source(engine, bq_double, "as-object", ["source"])
    add_bq_source(engine, bq_double, "as-string", ["target"],
                  service_account=json.dumps(bq_double.key()))
    add_bq_source(engine, bq_double, "from-env", ["shop"],
                  service_account={"from_env": "BIGQUERY_SERVICE_ACCOUNT"})
    missing = add_bq_source(engine, bq_double, "no-env", ["source"], status=400,
                            service_account={"from_env": "NO_SUCH_VARIABLE"})
    assert "NO_SUCH_VARIABLE" in json.dumps(missing), missing
    broken = dict(bq_double.key(), private_key="-----BEGIN PRIVATE KEY-----\nAAAA\n"
                  "-----END PRIVATE KEY-----\n")
    refused = add_bq_source(engine, bq_double, "bad-key", ["source"], status=400,
                            service_account=broken)
    assert refused["code"] == "invalid-configuration", refused
    assert "private key" in json.dumps(refused), refused
    unknown = add_bq_source(engine, bq_double, "no-dataset", ["nope"], status=400)
    assert "nope" in json.dumps(unknown), unknown
    names = [source["name"] for source in call(engine, "export_metadata", {})["sources"]]
    assert names == ["as-object", "as-string", "from-env"], names


def test_tables_types_and_hasuras_encodings(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double)
    add_bq_source(engine, bq_double, "bq", ["target"])
    track(engine, "bq", ARTICLES)
    check(engine, """{ target_articles(order_by: {id: asc}, limit: 4) {
        id author_id title published written price rating draft tags } }""",
          {"target_articles": [
              {"id": "1", "author_id": "1", "title": "Alpha",
               "published": "2024-03-01T10:00:00.123456Z", "written": "2024-03-01",
               "price": "9.99", "rating": "4.5", "draft": False, "tags": ["a", "b"]},
              {"id": "2", "author_id": "1", "title": "Beta",
               "published": "2024-03-02T11:30:00Z", "written": "2024-03-02", "price": "5",
               "rating": None, "draft": True, "tags": []},
              {"id": "3", "author_id": "2", "title": "Gamma", "published": None,
               "written": None, "price": None, "rating": "3.25", "draft": False, "tags": []},
              {"id": "4", "author_id": "2", "title": "Delta",
               "published": "1969-12-31T23:59:59.5Z", "written": "1969-12-31",
               "price": "100.1", "rating": "1.0", "draft": False, "tags": ["c"]}]})
    schema = answer(engine, """{ __type(name: "target_articles") {
        fields { name type { name ofType { name } } } } }""")["data"]["__type"]["fields"]
    types = {field["name"]: field["type"]["name"] or field["type"]["ofType"]["name"]
             for field in schema}
    assert types["id"] == "Int" and types["price"] == "Decimal" and types["rating"] == "Float", \
        types
    assert types["published"] == "Timestamp" and types["written"] == "Date", types
    # No primary keys in BigQuery: no _by_pk root field.
    fields = answer(engine, "{ __schema { queryType { fields { name } } } }")
    names = {field["name"] for field in fields["data"]["__schema"]["queryType"]["fields"]}
    assert names == {"target_articles", "target_articles_aggregate"}, names


def test_filters_order_limits_and_aggregates(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double)
    add_bq_source(engine, bq_double, "bq", ["target"])
    track(engine, "bq", ARTICLES)
    check(engine, """{ target_articles(where: {_or: [{title: {_like: "%lph%"}},
        {rating: {_gte: 3}}], id: {_nin: [3]}}, order_by: {rating: desc_nulls_last}) { id } }""",
          {"target_articles": [{"id": "1"}]})
    check(engine, """{ target_articles(order_by: [{rating: asc_nulls_first}, {id: desc}],
        limit: 3, offset: 1) { id rating } }""",
          {"target_articles": [{"id": "2", "rating": None}, {"id": "4", "rating": "1.0"},
                               {"id": "5", "rating": "2.0"}]})
    check(engine, """{ target_articles_aggregate(where: {author_id: {_is_null: false}}) {
        aggregate { count max { id } sum { price } } nodes { id } } }""",
          {"target_articles_aggregate": {
              "aggregate": {"count": 5, "max": {"id": "5"}, "sum": {"price": "115.59"}},
              "nodes": [{"id": "1"}, {"id": "2"}, {"id": "3"}, {"id": "4"}, {"id": "5"}]}})


def test_manual_relationships_unmatched_object_is_null(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double)
    add_bq_source(engine, bq_double, "bq", ["source"])
    track(engine, "bq", AUTHOR)
    track(engine, "bq", {"dataset": "source", "name": "country"})
    call(engine, "bigquery_create_object_relationship", {
        "source": "bq", "table": AUTHOR, "name": "country", "using": {"manual_configuration": {
            "remote_table": {"dataset": "source", "name": "country"},
            "column_mapping": {"country_id": "id"}}}})
    call(engine, "bigquery_create_array_relationship", {
        "source": "bq", "table": {"dataset": "source", "name": "country"}, "name": "authors",
        "using": {"manual_configuration": {"remote_table": AUTHOR,
                                           "column_mapping": {"id": "country_id"}}}})
    check(engine, "{ source_author(order_by: {id: asc}) { name country { name } } }",
          {"source_author": [{"name": "Ann", "country": {"name": "Narnia"}},
                             {"name": "Bob", "country": {"name": "Oz"}},
                             {"name": "Cy", "country": None},
                             {"name": "Dee", "country": None}]})
    check(engine, """{ source_country(order_by: {name: desc}) {
        name authors(order_by: {id: asc}) { name country { name } } } }""",
          {"source_country": [
              {"name": "Oz", "authors": [{"name": "Bob", "country": {"name": "Oz"}}]},
              {"name": "Narnia", "authors": [{"name": "Ann", "country": {"name": "Narnia"}}]}]})


# ---- joins with Postgres -------------------------------------------------------------------------

USERS_SQL = """
CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO users VALUES (1, 'Ada'), (2, 'Bob'), (3, 'Cy');
"""


def test_bigquery_and_postgres_joined_both_ways(start_engine, bq_double, pg_cluster):
    url = pg_cluster.create_database("bigquery_users", USERS_SQL)
    engine = bq_engine(start_engine, bq_double)
    pg_add_source(engine, url, name="pg")
    call(engine, "pg_track_table", {"source": "pg", "table": "users"})
    add_bq_source(engine, bq_double, "bq", ["shop"])
    track(engine, "bq", {"dataset": "shop", "name": "orders"})
    call(engine, "bigquery_create_remote_relationship", {
        "source": "bq", "table": {"dataset": "shop", "name": "orders"}, "name": "user",
        "definition": {"to_source": {"source": "pg", "table": "users",
                                     "relationship_type": "object",
                                     "field_mapping": {"user_id": "id"}}}})
    call(engine, "pg_create_remote_relationship", {
        "source": "pg", "table": "users", "name": "orders",
        "definition": {"to_source": {"source": "bq", "table": {"dataset": "shop",
                                                                "name": "orders"},
                                     "relationship_type": "array",
                                     "field_mapping": {"id": "user_id"}}}})
    bq_double.reset()
    check(engine, "{ shop_orders(order_by: {id: asc}) { id total user { name } } }",
          {"shop_orders": [{"id": "100", "total": "10", "user": {"name": "Ada"}},
                           {"id": "101", "total": "20.5", "user": {"name": "Ada"}},
                           {"id": "102", "total": "7.25", "user": {"name": "Bob"}},
                           {"id": "103", "total": "1", "user": None}]})
    assert bq_double.stats()["jobs"] == 1
    bq_double.reset()
    check(engine, """{ users(order_by: {id: asc}) { name orders(order_by: {id: desc}) {
        id user { id } } } }""",
          {"users": [{"name": "Ada", "orders": [{"id": "101", "user": {"id": 1}},
                                                {"id": "100", "user": {"id": 1}}]},
                     {"name": "Bob", "orders": [{"id": "102", "user": {"id": 2}}]},
                     {"name": "Cy", "orders": []}]})
    assert bq_double.stats()["jobs"] == 1  # every user's orders in one job


def test_bigquery_and_sqlite_joined_both_ways(start_engine, bq_double, tmp_path):
    path = sqlite_database(tmp_path / "people.db", """
        CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        INSERT INTO people VALUES (1, 'Ada'), (2, 'Bob');""")
    engine = bq_engine(start_engine, bq_double)
    sqlite_add_source(engine, path, name="lite")
    call(engine, "sqlite_track_table", {"source": "lite", "table": "people"})
    add_bq_source(engine, bq_double, "bq", ["shop"])
    track(engine, "bq", {"dataset": "shop", "name": "orders"})
    call(engine, "bigquery_create_remote_relationship", {
        "source": "bq", "table": {"dataset": "shop", "name": "orders"}, "name": "person",
        "definition": {"to_source": {"source": "lite", "table": ["main", "people"],
                                     "relationship_type": "object",
                                     "field_mapping": {"user_id": "id"}}}})
    call(engine, "sqlite_create_remote_relationship", {
        "source": "lite", "table": "people", "name": "orders",
        "definition": {"to_source": {"source": "bq", "table": {"dataset": "shop",
                                                                "name": "orders"},
                                     "relationship_type": "array",
                                     "field_mapping": {"id": "user_id"}}}})
    check(engine, "{ shop_orders(where: {id: {_lt: 103}}) { id person { name } } }",
          {"shop_orders": [{"id": "100", "person": {"name": "Ada"}},
                           {"id": "101", "person": {"name": "Ada"}},
                           {"id": "102", "person": {"name": "Bob"}}]})
    bq_double.reset()
    check(engine, """{ people(order_by: {id: asc}) { name
        orders(order_by: {id: asc}) { id total person { name } } } }""",
          {"people": [
              {"name": "Ada", "orders": [{"id": "100", "total": "10", "person": {"name": "Ada"}},
                                         {"id": "101", "total": "20.5",
                                          "person": {"name": "Ada"}}]},
              {"name": "Bob", "orders": [{"id": "102", "total": "7.25",
                                          "person": {"name": "Bob"}}]}]})
    assert bq_double.stats()["jobs"] == 1


WRITERS_SQL = """
CREATE TABLE writers (id int PRIMARY KEY, email text NOT NULL);
INSERT INTO writers VALUES (1, 'ann@example.com'), (2, 'bob@example.com');
"""


def test_a_remote_join_inside_a_co_located_relationship(start_engine, bq_double, pg_cluster):
    """author → articles is co-located (one job); articles → writers goes to Postgres, one
    statement for every article of every author."""
    url = pg_cluster.create_database("bigquery_writers", WRITERS_SQL)
    engine = bq_engine(start_engine, bq_double, args=["--enabled-log-types",
                                                     "startup,http-log,query-log"])
    seed_by_api(engine, bq_double)
    pg_add_source(engine, url, name="pg")
    call(engine, "pg_track_table", {"source": "pg", "table": "writers"})
    call(engine, "bigquery_create_remote_relationship", {
        "source": "bq-target", "table": ARTICLES, "name": "writer",
        "definition": {"to_source": {"source": "pg", "table": "writers",
                                     "relationship_type": "object",
                                     "field_mapping": {"author_id": "id"}}}})
    bq_double.reset()
    check(engine, """{ source_author(where: {id: {_lte: 3}}, order_by: {id: asc}) {
        name articles(order_by: {id: asc}, limit: 1) { title writer { email } } } }""",
          {"source_author": [
              {"name": "Ann", "articles": [{"title": "Alpha",
                                            "writer": {"email": "ann@example.com"}}]},
              {"name": "Bob", "articles": [{"title": "Gamma",
                                            "writer": {"email": "bob@example.com"}}]},
              {"name": "Cy", "articles": [{"title": "Epsilon", "writer": None}]}]})
    assert bq_double.stats()["jobs"] == 1
    statements = [line for line in engine.log().splitlines() if '"query-log"' in line
                  and '"pg"' in line and "writers" in line]
    assert len(statements) == 1, statements


def test_key_sets_beyond_global_select_limit_are_chunked(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double)
    seed_by_api(engine, bq_double, target_extra={"location": "EU", "global_select_limit": 2})
    bq_double.reset()
    check(engine, SEED_QUERY, SEED_DATA)
    # Four authors, at most two keys per job: two jobs for the articles, none truncated.
    assert bq_double.stats()["jobs"] == 3


# ---- permissions ---------------------------------------------------------------------------------

def test_permissions_on_both_sides_of_a_join(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double, args=["--admin-secret", "s3cret"])
    headers = {"X-Hasura-Admin-Secret": "s3cret"}
    for command, args in [
            ("bigquery_add_source", {"name": "bq-source",
                                     "configuration": configuration(bq_double, ["source"])}),
            ("bigquery_add_source", {"name": "bq-target", "configuration": configuration(
                bq_double, ["target"], location="EU")}),
            ("bigquery_track_table", {"source": "bq-source", "table": AUTHOR}),
            ("bigquery_track_table", {"source": "bq-target", "table": ARTICLES}),
            ("bigquery_create_remote_relationship", SEED_RELATIONSHIP),
            ("bigquery_create_select_permission", {
                "source": "bq-source", "table": AUTHOR, "role": "reader",
                "permission": {"columns": ["id", "name"],
                               "filter": {"id": {"_lte": "X-Hasura-Max-Id"}}}}),
            ("bigquery_create_select_permission", {
                "source": "bq-target", "table": ARTICLES, "role": "reader",
                "permission": {"columns": ["id", "title"], "filter": {"draft": {"_eq": False}},
                               "limit": 1}})]:
        response = engine.metadata_call({"type": command, "args": args}, headers=headers)
        assert response.status_code == 200, response.text
    reader = {**headers, "X-Hasura-Role": "reader", "X-Hasura-Max-Id": "2"}
    response = engine.graphql({"query": SEED_QUERY}, headers=reader)
    same(response.json(), {"data": {"source_author": [
        {"id": "1", "name": "Ann", "articles": [{"id": "1", "title": "Alpha"}]},
        {"id": "2", "name": "Bob", "articles": [{"id": "3", "title": "Gamma"}]}]}})
    hidden = engine.graphql({"query": "{ source_author { country_id } }"}, headers=reader)
    assert "country_id" in graphql_error(hidden)["message"]
    # BigQuery's own words are for admins: a role sees the error, not its details.
    bq_double.control({"fail": [{"status": 400, "reason": "invalidQuery"}]})
    failed = graphql_error(engine.graphql({"query": SEED_QUERY}, headers=reader))
    assert failed["message"] == "database query error", failed
    assert "internal" not in failed["extensions"], failed


# ---- the REST client: paging, tokens, retries, timeouts ------------------------------------------

def test_paging_and_unfinished_jobs(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double)
    add_bq_source(engine, bq_double, "bq", ["target"])
    track(engine, "bq", ARTICLES)
    bq_double.reset()  # forget the introspection's job
    bq_double.control({"page_size": 2, "incomplete_polls": 2})
    check(engine, "{ target_articles(order_by: {id: asc}) { id } }",
          {"target_articles": [{"id": str(i)} for i in range(1, 7)]})
    stats = bq_double.stats()
    assert stats["jobs"] == 1 and stats["requests"] >= 1 + 2 + 2, stats


def test_tokens_are_cached_and_refreshed(start_engine, bq_double, tmp_path):
    query = "{ target_articles(limit: 1) { id } }"
    engine = bq_engine(start_engine, bq_double)
    add_bq_source(engine, bq_double, "bq", ["target"])
    track(engine, "bq", ARTICLES)
    assert bq_double.stats()["tokens"] == 1  # introspection's
    for _ in range(3):
        check(engine, query, {"target_articles": [{"id": "1"}]})
    assert bq_double.stats()["tokens"] == 1  # an hour's token, reused

    # Tokens that live two seconds: once one has run out, the next query gets a new one.
    short = bq_engine(start_engine, bq_double, metadata=tmp_path / "short-tokens.json")
    bq_double.reset()
    bq_double.control({"token_lifetime": 2})
    add_bq_source(short, bq_double, "bq", ["target"])
    track(short, "bq", ARTICLES)
    first = bq_double.stats()["tokens"]
    time.sleep(2.5)
    check(short, query, {"target_articles": [{"id": "1"}]})
    assert bq_double.stats()["tokens"] > first


def test_rate_limits_are_retried_and_timeouts_bounded(start_engine, bq_double):
    engine = bq_engine(start_engine, bq_double)
    add_bq_source(engine, bq_double, "bq", ["target"], retry_base_delay=1000, timeout_seconds=2)
    track(engine, "bq", ARTICLES)
    bq_double.reset()
    bq_double.control({"fail": [{"status": 403, "reason": "rateLimitExceeded"},
                                {"status": 503, "reason": "backendError"}]})
    check(engine, "{ target_articles(limit: 1) { id } }", {"target_articles": [{"id": "1"}]})
    stats = bq_double.stats()
    assert stats["requests"] == 3 and stats["jobs"] == 1, stats  # two refused, one answered
    bq_double.control({"fail": [{"status": 400, "reason": "invalidQuery"}]})
    error = graphql_error(engine.graphql({"query": "{ target_articles(limit: 1) { id } }"}))
    assert error["extensions"]["code"] == "unexpected", error
    assert error["message"] == "database query error", error
    assert error["extensions"]["internal"]["errors"][0]["reason"] == "invalidQuery", error
    bq_double.control({"delay_ms": 5000})
    started = time.monotonic()
    error = graphql_error(engine.graphql({"query": "{ target_articles(limit: 1) { id } }"}))
    assert time.monotonic() - started < 4.5
    assert "timed out" in error["message"], error
    bq_double.reset()
    check(engine, "{ target_articles(limit: 1) { id } }", {"target_articles": [{"id": "1"}]})

"""Where the metadata lives, end to end (issue 5 points 3 and 4): an engine serving a metadata
directory in Hasura's layout (`--metadata-dir`, read-only, `--watch` to follow edits), and several
engines sharing one Postgres metadata store (`--metadata-store postgres://…`).

The directory joins two real databases: `orders` in `shop` (cluster A) has an object remote
relationship `customer` to `customers` in `crm` (cluster B); the database URLs come from the
environment (`from_env`), as in a Hasura project kept in git.
"""

import concurrent.futures
import pathlib
import time

import pytest

from support import run_to_exit
from test_postgres import add_source, call, data

SHOP_SQL = """
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, total numeric NOT NULL);
INSERT INTO orders VALUES (1, 1, 10), (2, 2, 20), (3, 1, 30);
"""
CRM_SQL = """
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bob');
"""

DATABASES_YAML = """\
- name: shop
  kind: postgres
  configuration:
    connection_info:
      database_url:
        from_env: SHOP_DATABASE_URL
  tables: "!include shop/tables/tables.yaml"
- name: crm
  kind: postgres
  configuration:
    connection_info:
      database_url:
        from_env: CRM_DATABASE_URL
  tables: "!include crm/tables/tables.yaml"
"""

ORDERS_YAML = """\
table:
  name: orders
  schema: public
remote_relationships:
  - name: {name}
    definition:
      to_source:
        relationship_type: object
        source: crm
        table:
          name: customers
          schema: public
        field_mapping:
          customer_id: id
"""

FILES = {
    "version.yaml": "version: 3\n",
    "databases/databases.yaml": DATABASES_YAML,
    "databases/shop/tables/tables.yaml": '- "!include public_orders.yaml"\n',
    "databases/shop/tables/public_orders.yaml": ORDERS_YAML.format(name="customer"),
    "databases/crm/tables/tables.yaml": '- "!include public_customers.yaml"\n',
    "databases/crm/tables/public_customers.yaml":
        "table:\n  name: customers\n  schema: public\n",
}

# How long a change made elsewhere may take to be served in these tests. The engines look every
# 250 ms (docs/metadata-as-code.md); the margin is for a loaded CI machine under sanitizers.
SYNC_DEADLINE = 15


def orders_with(relationship):
    return ("{ orders(order_by: {id: asc}) { id %s { name } } }" % relationship)


def joined(relationship):
    names = ["Ada", "Bob", "Ada"]
    return {"orders": [{"id": i + 1, relationship: {"name": name}}
                       for i, name in enumerate(names)]}


@pytest.fixture(scope="module")
def databases(pg_cluster, pg_cluster_b):
    return {"SHOP_DATABASE_URL": pg_cluster.create_database("dir_shop", SHOP_SQL),
            "CRM_DATABASE_URL": pg_cluster_b.create_database("dir_crm", CRM_SQL)}


def write_files(root, files):
    for name, content in files.items():
        path = pathlib.Path(root) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write beside and rename, as editors do: the engine never reads half a file.
        temp = path.with_name(path.name + ".tmp")
        temp.write_text(content)
        temp.replace(path)


@pytest.fixture
def metadata_dir(tmp_path):
    root = tmp_path / "metadata"
    write_files(root, FILES)
    return root


def eventually(check, what, deadline=SYNC_DEADLINE):
    """Calls check() until it returns a true value; fails naming `what` after `deadline` s."""
    end = time.monotonic() + deadline
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"not within {deadline} s: {what}")
        time.sleep(0.05)


def answers(engine, query):
    body = engine.graphql({"query": query}).json()
    return body.get("data")


def export(engine):
    return call(engine, "export_metadata", {}, version=2)


# --- --metadata-dir ------------------------------------------------------------------------------


def test_an_engine_serves_a_metadata_directory(start_engine, databases, metadata_dir):
    engine = start_engine(args=["--metadata-dir", str(metadata_dir)], env=databases,
                          pass_metadata=False)
    assert data(engine, orders_with("customer")) == joined("customer")
    exported = export(engine)["metadata"]
    assert [s["name"] for s in exported["sources"]] == ["shop", "crm"]
    assert exported["sources"][0]["configuration"]["connection_info"]["database_url"] == {
        "from_env": "SHOP_DATABASE_URL"}


def test_a_directory_deployment_is_read_only(start_engine, databases, metadata_dir):
    engine = start_engine(args=["--metadata-dir", str(metadata_dir)], env=databases,
                          pass_metadata=False)
    before = export(engine)
    refused = call(engine, "pg_untrack_table", {"source": "crm", "table": "customers",
                                                "cascade": True}, status=400)
    assert refused["code"] == "not-supported"
    assert str(metadata_dir) in refused["error"] and "edit its files" in refused["error"]
    assert export(engine) == before
    # A reload changes nothing in the document, so it is allowed.
    call(engine, "reload_metadata", {"reload_sources": True})
    assert data(engine, orders_with("customer")) == joined("customer")
    assert not (metadata_dir.parent / "metadata.json").exists()


def test_watch_serves_edits_and_keeps_serving_through_a_broken_one(start_engine, databases,
                                                                   metadata_dir):
    engine = start_engine(args=["--metadata-dir", str(metadata_dir), "--watch"], env=databases,
                          pass_metadata=False)
    orders_file = "databases/shop/tables/public_orders.yaml"

    write_files(metadata_dir, {orders_file: ORDERS_YAML.format(name="buyer")})
    eventually(lambda: answers(engine, orders_with("buyer")) == joined("buyer"),
               "the renamed relationship is served")

    # A broken edit: reported with its file and line; the last good metadata keeps serving.
    write_files(metadata_dir, {orders_file: ORDERS_YAML.format(name="buyer") + "  - [oops\n"})
    eventually(lambda: "public_orders.yaml:" in engine.log(), "the broken file is reported")
    line = next(l for l in engine.log().splitlines() if "public_orders.yaml:" in l)
    assert "last good metadata keeps serving" in line, line
    assert data(engine, orders_with("buyer")) == joined("buyer")

    write_files(metadata_dir, {orders_file: ORDERS_YAML.format(name="client")})
    eventually(lambda: answers(engine, orders_with("client")) == joined("client"),
               "the fixed file is served")
    eventually(lambda: "can be read again" in engine.log(), "the recovery is logged")


def test_a_broken_directory_stops_start_up_naming_the_file_and_line(tmp_path, metadata_dir):
    write_files(metadata_dir, {"databases/databases.yaml": DATABASES_YAML + "- name: [\n"})
    done = run_to_exit(tmp_path, args=["--port", "0", "--metadata-dir", str(metadata_dir)])
    assert done.returncode == 1
    assert "databases/databases.yaml:" in done.stderr, done.stderr


def test_watch_needs_a_directory(tmp_path):
    done = run_to_exit(tmp_path, args=["--port", "0", "--watch"])
    assert done.returncode == 2
    assert "--watch needs --metadata-dir" in done.stderr


# --- --metadata-store postgres://… ---------------------------------------------------------------


@pytest.fixture
def store_url(pg_cluster_b, request):
    """A fresh, empty database for one test's metadata store."""
    return pg_cluster_b.create_database("meta_" + request.node.name[5:40].lower())


def start_sharing(start_engine, store_url, count=2):
    return [start_engine(args=["--metadata-store", store_url], pass_metadata=False)
            for _ in range(count)]


def in_sync(engines):
    """Waits until every engine serves the same resource_version; that version."""
    def same_version():
        versions = {export(engine)["resource_version"] for engine in engines}
        return versions.pop() if len(versions) == 1 else None
    return eventually(same_version, "the engines serve the same metadata")


def test_engines_sharing_a_store_serve_each_others_changes(start_engine, databases, store_url):
    first, second = start_sharing(start_engine, store_url)
    add_source(first, databases["SHOP_DATABASE_URL"], name="shop")
    call(first, "pg_track_table", {"source": "shop", "table": "orders"})

    started = time.monotonic()
    eventually(lambda: answers(second, "{ orders(order_by: {id: asc}) { id } }")
               == {"orders": [{"id": 1}, {"id": 2}, {"id": 3}]},
               "the second engine serves the first one's change")
    print(f"served by the other engine after {time.monotonic() - started:.2f} s")
    assert export(second) == export(first)

    # And back: a change through the second engine reaches the first.
    call(second, "pg_untrack_table", {"source": "shop", "table": "orders"})
    eventually(lambda: export(first) == export(second), "the first engine follows")

    # A third engine started now begins with the shared metadata.
    third = start_engine(args=["--metadata-store", store_url], pass_metadata=False)
    assert export(third) == export(first)


def test_concurrent_changes_naming_one_version_have_exactly_one_winner(start_engine, store_url):
    engines = start_sharing(start_engine, store_url)
    for round_ in range(3):
        version = in_sync(engines)
        requests_ = [{"type": "replace_metadata", "resource_version": version,
                      "args": {"version": 3, "sources": [], "network": {"winner": i}}}
                     for i in range(len(engines))]
        with concurrent.futures.ThreadPoolExecutor(len(engines)) as pool:
            responses = list(pool.map(lambda pair: pair[0].metadata_call(pair[1]),
                                      zip(engines, requests_)))
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200, 409], [r.text for r in responses]
        loser = next(r for r in responses if r.status_code == 409).json()
        assert loser["code"] == "conflict"
        winner = next(i for i, r in enumerate(responses) if r.status_code == 200)
        assert in_sync(engines) == version + 1, f"round {round_}"
        assert export(engines[0])["metadata"]["network"] == {"winner": winner}


def test_concurrent_changes_never_lose_one(start_engine, databases, store_url):
    """Two engines each add a source at once, without naming a version: either both changes are
    kept (one was made on top of the other) or the loser is told with a 409, never a lost
    update."""
    engines = start_sharing(start_engine, store_url)
    in_sync(engines)
    url = databases["SHOP_DATABASE_URL"]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        responses = list(pool.map(
            lambda i: engines[i].metadata_call({"type": "pg_add_source", "args": {
                "name": f"shop_{i}", "configuration": {"connection_info": {"database_url": url}}}}),
            range(2)))
    for response in responses:
        assert response.status_code in (200, 409), response.text
    added = {f"shop_{i}" for i, r in enumerate(responses) if r.status_code == 200}
    assert added, "at least one change wins"
    in_sync(engines)
    assert {s["name"] for s in export(engines[0])["metadata"]["sources"]} == added


def test_an_unreachable_store_stops_start_up_without_showing_its_password(tmp_path):
    from support import free_port
    url = f"postgres://junction:s3cret-pw@127.0.0.1:{free_port()}/meta"
    done = run_to_exit(tmp_path, args=["--port", "0", "--metadata-store", url])
    assert done.returncode == 1
    assert 'cannot load metadata from "postgres://junction:*****@127.0.0.1' in done.stderr, \
        done.stderr
    assert "s3cret-pw" not in done.stderr + done.stdout

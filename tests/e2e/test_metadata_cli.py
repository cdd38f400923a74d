"""`junction metadata …` end to end (issue 5 point 2): the real binary's command line against a
real engine joining two real Postgres databases.

The directory is the seed example (tests/data/metadata_dirs/postgres_remote_join): table `order`
of source `default` (cluster A) has an object remote relationship `user` to table `user` of source
`pg2` (cluster B); both database URLs come from the engine's environment (`from_env`). Every test
gets its own databases, engine and copy of the directory.
"""

import http.server
import pathlib
import shutil
import socket
import ssl
import subprocess
import threading

import pytest
import requests

from support import clean_env, free_port, junction_bin

SEED = pathlib.Path(__file__).resolve().parents[1] / "data" / "metadata_dirs" / \
    "postgres_remote_join"
CLI_TIMEOUT = 60  # seconds for one CLI run

SHOP_SQL = """
CREATE TABLE "order" (id int PRIMARY KEY, user_id int, item text NOT NULL);
INSERT INTO "order" VALUES (1, 1, 'pen'), (2, 2, 'ink'), (3, 1, 'paper'), (4, 9, 'lost');
"""
USERS_SQL = """
CREATE TABLE "user" (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO "user" VALUES (1, 'Ada'), (2, 'Bob');
"""

ORDERS_QUERY = "{ order(order_by: {id: asc}) { id item user { name } } }"
ORDERS_DATA = {"order": [{"id": 1, "item": "pen", "user": {"name": "Ada"}},
                         {"id": 2, "item": "ink", "user": {"name": "Bob"}},
                         {"id": 3, "item": "paper", "user": {"name": "Ada"}},
                         {"id": 4, "item": "lost", "user": None}]}

ORDER_FILE = "databases/default/tables/public_order.yaml"
SECRET = "cli-s3cret"


@pytest.fixture
def databases(pg_cluster, pg_cluster_b, request):
    """Fresh databases for one test; the engine's environment naming them."""
    suffix = request.node.name[5:35].lower()
    return {"PG_DATABASE_URL": pg_cluster.create_database("cli_shop_" + suffix, SHOP_SQL),
            "PG2_DATABASE_URL": pg_cluster_b.create_database("cli_users_" + suffix, USERS_SQL)}


@pytest.fixture
def engine(start_engine, databases):
    return start_engine(env=databases)


@pytest.fixture
def seed(tmp_path):
    """A copy of the seed directory to edit."""
    directory = tmp_path / "metadata"
    shutil.copytree(SEED, directory)
    return directory


def cli(*args, endpoint=None, env=None, timeout=CLI_TIMEOUT):
    """Runs `junction metadata <args>`; the CompletedProcess (text output)."""
    command = [junction_bin(), "metadata", *args]
    if endpoint is not None:
        command += ["--endpoint", endpoint]
    return subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          env=clean_env(env), timeout=timeout)


def ok(*args, **kwargs):
    done = cli(*args, **kwargs)
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    return done


def export(engine):
    response = engine.metadata_call({"type": "export_metadata", "version": 2, "args": {}})
    assert response.status_code == 200, response.text
    return response.json()


def graphql_data(engine, query):
    response = engine.graphql({"query": query})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def files(directory):
    """Every file under `directory`: relative path → bytes."""
    root = pathlib.Path(directory)
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


PROJECT = SEED.parent / "library_project"
LIBRARY_SQL = """
CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE article (id int PRIMARY KEY, author_id int NOT NULL REFERENCES author (id),
                      title text NOT NULL);
INSERT INTO author VALUES (1, 'Le Guin'), (2, 'Lem');
INSERT INTO article VALUES (1, 1, 'The Dispossessed'), (2, 2, 'Solaris'), (3, 1, 'Earthsea');
"""
VIEWS_SQL = """
CREATE TABLE page_view (id int PRIMARY KEY, article_id int NOT NULL, day date NOT NULL);
INSERT INTO page_view VALUES (1, 1, '2026-11-01'), (2, 3, '2026-11-02'), (3, 1, '2026-11-03');
"""
LIBRARY_QUERY = """{ author(order_by: {id: asc}) { name articles(order_by: {id: asc}) {
  title views(order_by: {id: asc}) { day article { author { name } } } } } }"""


def test_a_hand_written_hasura_project_with_includes_applies(start_engine, pg_cluster,
                                                             pg_cluster_b, tmp_path):
    env = {"PG_DATABASE_URL": pg_cluster.create_database("cli_library", LIBRARY_SQL),
           "PG2_DATABASE_URL": pg_cluster_b.create_database("cli_views", VIEWS_SQL)}
    engine = start_engine(env=env)
    done = ok("apply", "--dir", str(PROJECT), endpoint=engine.url)
    assert done.stdout.splitlines()[:-1] == [
        "+ source default", "+ source analytics", "+ query collection allowed-queries",
        "+ allowlist entry allowed-queries"], \
        done.stdout

    # Local and remote relationships, both ways, from the nested and tagged includes.
    def viewed(day):
        return {"day": day, "article": {"author": {"name": "Le Guin"}}}
    assert graphql_data(engine, LIBRARY_QUERY) == {"author": [
        {"name": "Le Guin", "articles": [
            {"title": "The Dispossessed", "views": [viewed("2026-11-01"), viewed("2026-11-03")]},
            {"title": "Earthsea", "views": [viewed("2026-11-02")]}]},
        {"name": "Lem", "articles": [{"title": "Solaris", "views": []}]}]}
    # A file that is not YAML is included as text: the query kept in a .graphql file.
    stored = export(engine)["metadata"]["query_collections"][0]["definition"]["queries"][0]
    assert stored["query"] == (PROJECT / "queries" / "article_views.graphql").read_text()

    # Exported, the project takes the canonical layout; applying that changes nothing.
    exported = tmp_path / "exported"
    ok("export", "--dir", str(exported), endpoint=engine.url)
    assert "no changes" in ok("apply", "--dir", str(exported), endpoint=engine.url).stdout


def test_apply_the_seed_example_and_query_through_the_remote_relationship(engine, seed):
    done = ok("apply", "--dir", str(seed), endpoint=engine.url)
    assert done.stdout.splitlines() == [
        "+ source default", "+ source pg2",
        f"applied 2 changes from {seed} to http://127.0.0.1:{engine.port}"], done.stdout
    assert done.stderr == ""
    assert graphql_data(engine, ORDERS_QUERY) == ORDERS_DATA
    again = ok("apply", "--dir", str(seed), endpoint=engine.url)
    assert again.stdout.startswith(f"no changes: {seed} matches the metadata of"), again.stdout


def test_export_apply_export_gives_identical_bytes(engine, seed, tmp_path):
    ok("apply", "--dir", str(seed), endpoint=engine.url)
    first = tmp_path / "first"
    done = ok("export", "--dir", str(first), endpoint=engine.url)
    assert f"wrote {first}/{ORDER_FILE}" in done.stdout.splitlines()
    assert done.stdout.splitlines()[-1].startswith(
        f"exported the metadata of http://127.0.0.1:{engine.port} (resource_version ")
    assert files(first) == files(seed)  # the seed is in the canonical form already
    applied = ok("apply", "--dir", str(first), endpoint=engine.url)
    assert applied.stdout.startswith("no changes"), applied.stdout
    second = tmp_path / "second"
    ok("export", "--dir", str(second), endpoint=engine.url)
    assert files(second) == files(first)
    assert graphql_data(engine, ORDERS_QUERY) == ORDERS_DATA


def test_diff_shows_an_edited_table_and_nothing_after_apply(engine, seed):
    ok("apply", "--dir", str(seed), endpoint=engine.url)
    clean = ok("diff", "--dir", str(seed), endpoint=engine.url)
    assert clean.stdout.startswith(f"no changes: {seed} matches"), clean.stdout

    table = seed / ORDER_FILE
    table.write_text(table.read_text().replace("- name: user", "- name: buyer"))
    done = ok("diff", "--dir", str(seed), endpoint=engine.url)
    lines = done.stdout.splitlines()
    assert lines[:2] == ["~ table public.order (source default)", ""], done.stdout
    assert lines[2:5] == [f"--- server/{ORDER_FILE}", f"+++ {seed}/{ORDER_FILE}",
                          "@@ -2,7 +2,7 @@"], done.stdout
    assert "-  - name: user" in lines and "+  - name: buyer" in lines, done.stdout
    assert len([line for line in lines if line.startswith("@@")]) == 1

    applied = ok("apply", "--dir", str(seed), endpoint=engine.url)
    assert applied.stdout.splitlines()[0] == "~ table public.order (source default)"
    after = ok("diff", "--dir", str(seed), endpoint=engine.url)
    assert after.stdout.startswith("no changes"), after.stdout
    assert graphql_data(engine, "{ order(where: {id: {_eq: 2}}) { buyer { name } } }") == \
        {"order": [{"buyer": {"name": "Bob"}}]}


def test_broken_yaml_names_the_file_and_line_and_changes_nothing(engine, seed):
    ok("apply", "--dir", str(seed), endpoint=engine.url)
    before = export(engine)
    (seed / ORDER_FILE).write_text("table:\n  name: order\n  schema: [public\n")
    for command in ("apply", "diff"):
        done = cli(command, "--dir", str(seed), endpoint=engine.url)
        assert done.returncode == 1, done
        assert done.stdout == ""
        first = done.stderr.splitlines()[0]
        assert first.startswith(ORDER_FILE + ":"), done.stderr
        line = first.split(":")[1]
        assert line.isdigit() and int(line) >= 3, done.stderr
    assert export(engine) == before


def test_an_inconsistent_apply_lists_each_object_and_changes_nothing(engine, seed):
    ok("apply", "--dir", str(seed), endpoint=engine.url)
    before = export(engine)
    tables = seed / "databases/default/tables"
    (tables / "public_missing.yaml").write_text("table:\n  name: missing\n  schema: public\n")
    (tables / "tables.yaml").write_text('- "!include public_order.yaml"\n'
                                        '- "!include public_missing.yaml"\n')
    table = seed / ORDER_FILE
    table.write_text(table.read_text().replace("user_id: id", "no_such_column: id"))
    done = cli("apply", "--dir", str(seed), endpoint=engine.url)
    assert done.returncode == 1, done
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"error: {seed} is inconsistent: http://127.0.0.1:{engine.port} "
                               "refused it and kept its metadata"), done.stderr
    # Hasura leaves the public schema out of object names.
    assert lines[1:] == [
        "  databases/default/tables/public_missing.yaml:1:1: table missing in source default: "
        'Inconsistent object: no such table/view exists in source: "missing"',
        f"  {ORDER_FILE}:5:5: remote_relationship user in table order in source default: "
        'Inconsistent object: in table "order": in remote relationship "user": '
        '"no_such_column" does not exist'], done.stderr
    assert export(engine) == before
    assert graphql_data(engine, ORDERS_QUERY) == ORDERS_DATA


def test_the_admin_secret_from_the_flag_or_the_environment(start_engine, databases, seed):
    secured = start_engine(args=["--admin-secret", SECRET], env=databases)
    ok("apply", "--dir", str(seed), "--admin-secret", SECRET, endpoint=secured.url)
    for variable in ("JUNCTION_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET"):
        done = ok("inconsistency", "list",
                  env={"JUNCTION_ENDPOINT": secured.url, variable: SECRET})
        assert done.stdout == "metadata is consistent\n"
    for args, env in ((["--admin-secret", "wrong"], {}),
                      ([], {"JUNCTION_ADMIN_SECRET": "wrong"}),
                      (["--admin-secret", "wrong"], {"JUNCTION_ADMIN_SECRET": SECRET}),
                      ([], {})):
        done = cli("diff", "--dir", str(seed), *args, endpoint=secured.url, env=env)
        assert done.returncode == 1, done
        assert done.stderr.startswith(
            f"error: http://127.0.0.1:{secured.port}/v1/metadata refused the request (HTTP 401, "
            "access-denied): "), done.stderr
        assert "--admin-secret or JUNCTION_ADMIN_SECRET" in done.stderr
        assert "wrong" not in done.stderr and SECRET not in done.stderr + done.stdout
        assert len(done.stderr.splitlines()) == 1


def test_an_unreachable_or_silent_endpoint_is_a_clear_error(seed):
    port = free_port()
    done = cli("apply", "--dir", str(seed), endpoint=f"http://127.0.0.1:{port}")
    assert done.returncode == 1
    assert done.stderr == f"error: http://127.0.0.1:{port}: cannot connect: Connection refused\n"

    silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # accepts, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        done = cli("reload", "--timeout", "1", endpoint=url, timeout=20)
        assert done.returncode == 1
        assert done.stderr == f"error: {url}: cannot read the response: no answer within 1 s\n"
    finally:
        silent.close()

    done = cli("export", endpoint="localhost:8080")
    assert done.returncode == 2
    assert "invalid endpoint URL" in done.stderr and "(from --endpoint)" in done.stderr


def test_inconsistency_list_and_reload(engine, seed, pg_cluster_b, databases):
    ok("apply", "--dir", str(seed), endpoint=engine.url)
    assert ok("inconsistency", "list", endpoint=engine.url).stdout == \
        "metadata is consistent\n"
    users = databases["PG2_DATABASE_URL"].rsplit("/", 1)[1]
    pg_cluster_b.execute(users, 'ALTER TABLE "user" RENAME TO person')
    done = ok("reload", endpoint=engine.url)
    lines = done.stdout.splitlines()
    assert lines[0] == f"reloaded the metadata of http://127.0.0.1:{engine.port}"
    assert lines[1].startswith("metadata is inconsistent: "), done.stdout
    assert any(line.startswith("  table user in source pg2: Inconsistent object: ")
               for line in lines), done.stdout
    listed = ok("inconsistency", "list", endpoint=engine.url).stdout.splitlines()
    assert listed == lines[1:]

    pg_cluster_b.execute(users, 'ALTER TABLE person RENAME TO "user"')
    done = ok("reload", endpoint=engine.url)
    assert done.stdout.splitlines()[1:] == ["metadata is consistent"]
    assert graphql_data(engine, ORDERS_QUERY) == ORDERS_DATA


class Proxy:
    """A front for an engine at http(s)://localhost:PORT/hasura forwarding each POST under /hasura
    to it: an engine behind a (TLS-terminating, with `tls_dir`: a self-signed certificate for
    localhost made there with the openssl command) proxy with a path prefix. `before_forward(body)`
    runs before each request is forwarded."""

    def __init__(self, engine, tls_dir=None, before_forward=None):
        target = engine.url

        class Forward(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                if not self.path.startswith("/hasura/"):
                    self.send_error(404)
                    return
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if before_forward:
                    before_forward(body)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() in ("content-type", "x-hasura-admin-secret")}
                answer = requests.post(target + self.path[len("/hasura"):], data=body,
                                       headers=headers, timeout=30)
                self.send_response(answer.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
        scheme = "http"
        if tls_dir is not None:
            scheme = "https"
            self.certificate = tls_dir / "localhost.pem"
            key = tls_dir / "localhost-key.pem"
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                            "2", "-subj", "/CN=localhost", "-addext",
                            "subjectAltName=DNS:localhost", "-keyout", str(key), "-out",
                            str(self.certificate)], check=True, capture_output=True, timeout=60)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.certificate, key)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = f"{scheme}://localhost:{self.server.server_address[1]}/hasura"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def test_https_with_a_path_prefix_verifies_the_certificate(engine, seed, tmp_path):
    proxy = Proxy(engine, tls_dir=tmp_path)
    try:
        trusted = {"SSL_CERT_FILE": str(proxy.certificate)}  # OpenSSL's default trust store
        done = ok("apply", "--dir", str(seed), endpoint=proxy.url, env=trusted)
        assert done.stdout.splitlines()[-1] == f"applied 2 changes from {seed} to {proxy.url}"
        assert graphql_data(engine, ORDERS_QUERY) == ORDERS_DATA
        assert ok("inconsistency", "list", endpoint=proxy.url, env=trusted).stdout == \
            "metadata is consistent\n"
        untrusted = cli("inconsistency", "list", endpoint=proxy.url)
        assert untrusted.returncode == 1
        assert untrusted.stderr.startswith(f"error: {proxy.url}: TLS handshake failed: "), \
            untrusted.stderr
        assert "certificate verify failed" in untrusted.stderr
        wrong_name = proxy.url.replace("localhost", "127.0.0.1")
        mismatch = cli("inconsistency", "list", endpoint=wrong_name, env=trusted)
        assert mismatch.returncode == 1
        assert mismatch.stderr.startswith(f"error: {wrong_name}: TLS handshake failed: "), \
            mismatch.stderr
    finally:
        proxy.stop()


def test_a_change_made_meanwhile_is_a_conflict_and_nothing_is_applied(engine, seed):
    def change_first(body):  # another client changes the metadata just before the replace
        if b'"replace_metadata"' in body:
            response = engine.metadata_call({"type": "reload_metadata", "args": {}})
            assert response.status_code == 200, response.text

    proxy = Proxy(engine, before_forward=change_first)
    try:
        before = export(engine)
        done = cli("apply", "--dir", str(seed), endpoint=proxy.url)
        assert done.returncode == 1, done
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert lines[0].startswith(f"error: {proxy.url}/v1/metadata answered HTTP 409 (conflict): "
                                   ), done.stderr
        assert lines[1] == (f"the engine's metadata changed while {seed} was being applied (it "
                            f"was at resource_version {before['resource_version']}); nothing was "
                            "applied: run `junction metadata diff` and apply again")
        assert export(engine)["metadata"] == before["metadata"]
    finally:
        proxy.stop()


def test_usage(seed):
    done = cli("--help")
    assert done.returncode == 0 and "inconsistency" in done.stdout
    done = cli("frobnicate")
    assert done.returncode == 2 and done.stderr
    done = subprocess.run([junction_bin(), "frobnicate"], capture_output=True, text=True,
                          env=clean_env())
    assert done.returncode == 2
    assert "expected serve, version or metadata" in done.stderr

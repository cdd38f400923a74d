"""Real GraphQL servers for the black-box tests (remote schemas): tests/e2e/remote_graphql/ is a
node package (graphql-js 16.8.2, pinned like tests/oracle; scripts/test runs `npm ci` in it) whose
server.mjs serves one of its schemas ("orders", "users") on a free loopback port.

    server = RemoteServer.start("orders")
    server.url                        # http://127.0.0.1:PORT/graphql
    server.at("/slow/3000/graphql")   # the same server, another behaviour (see server.mjs)
    server.query("{ order(id: 1) { id } }")  # its answer, straight from the server
    server.reset(); ...; server.stats()      # {"requests", "root_fields", "queries", "calls", …}
    server.use_schema("users")        # serve another schema at the same address
    server.behave("/hang")            # /graphql hangs from now on (reset() restores it)
    server.stop()

Fixtures (conftest.py imports them): `orders_server` and `users_server` (one server each for the
session; reset before every test that asks for them) and `start_remote` (a factory for servers of
a test's own, stopped at teardown). A missing node or node_modules fails the test: never a skip.
"""

import pathlib
import shutil

import pytest
import requests

from support import HelperProcess

PACKAGE = pathlib.Path(__file__).resolve().parent / "remote_graphql"
START_TIMEOUT = 15  # seconds until the server prints its address
REQUEST_TIMEOUT = 15


def node_binary():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the remote-schema tests run GraphQL servers on node "
                    "(scripts/test installs it)", pytrace=False)
    if not (PACKAGE / "node_modules" / "graphql" / "package.json").is_file():
        pytest.fail(f"{PACKAGE}/node_modules is missing: run "
                    "`source scripts/lib/deps.sh && junction_npm_ci tests/e2e/remote_graphql` "
                    "(scripts/test does)", pytrace=False)
    return node


def _address(line):
    if not line or not line.startswith("http://"):
        raise ValueError(line)
    return line.strip()


class RemoteServer(HelperProcess):
    """One running `node server.mjs <schema>`; stopped by its PID."""

    def __init__(self, process, base, schema):
        super().__init__(process)
        self.base = base  # http://127.0.0.1:PORT
        self.schema = schema

    @classmethod
    def start(cls, schema, port=0):
        process, base = HelperProcess.launch(
            [node_binary(), str(PACKAGE / "server.mjs"), schema, "--port", str(port)],
            PACKAGE, f"node server.mjs {schema}", _address, START_TIMEOUT)
        return cls(process, base, schema)

    @property
    def port(self):
        return int(self.base.rsplit(":", 1)[1])

    @property
    def url(self):
        return self.base + "/graphql"

    def at(self, path):
        """The URL of another behaviour of this server: at("/slow/2000/graphql"), at("/hang")."""
        return self.base + path

    def stats(self):
        response = requests.get(self.base + "/_stats", timeout=REQUEST_TIMEOUT)
        assert response.status_code == 200, response.text
        return response.json()

    def reset(self):
        response = requests.post(self.base + "/_reset", timeout=REQUEST_TIMEOUT)
        assert response.status_code == 200, response.text

    def use_schema(self, schema):
        response = requests.post(self.base + "/_schema", json={"schema": schema},
                                 timeout=REQUEST_TIMEOUT)
        assert response.status_code == 200, response.text
        self.schema = schema

    def behave(self, path):
        """From now on /graphql answers as `path` would ("/hang", "/slow/3000/graphql", …);
        behave("/graphql") or reset() restores it."""
        response = requests.post(self.base + "/_behave", json={"path": path},
                                 timeout=REQUEST_TIMEOUT)
        assert response.status_code == 200, response.text

    def query(self, query, variables=None, path="/graphql", headers=None):
        """The server's own answer (a check of the fixture, and the expected answer of tests that
        compare Junction's answer with the remote's)."""
        response = requests.post(self.base + path, json={"query": query, "variables": variables},
                                 headers=headers, timeout=REQUEST_TIMEOUT)
        assert response.status_code == 200, response.text
        return response.json()



@pytest.fixture(scope="session")
def remote_servers():
    """Every server the session started (by the fixtures below), stopped at the end."""
    started = []
    yield started
    for server in started:
        server.stop()


def _session_server(remote_servers, schema):
    server = RemoteServer.start(schema)
    remote_servers.append(server)
    return server


@pytest.fixture(scope="session")
def orders_session_server(remote_servers):
    return _session_server(remote_servers, "orders")


@pytest.fixture(scope="session")
def users_session_server(remote_servers):
    return _session_server(remote_servers, "users")


@pytest.fixture
def orders_server(orders_session_server):
    """The session's "orders" server, statistics and data reset for this test."""
    assert orders_session_server.running(), "".join(orders_session_server.stderr_lines)
    orders_session_server.use_schema("orders")
    orders_session_server.reset()
    return orders_session_server


@pytest.fixture
def users_server(users_session_server):
    """The session's "users" server, statistics and data reset for this test."""
    assert users_session_server.running(), "".join(users_session_server.stderr_lines)
    users_session_server.use_schema("users")
    users_session_server.reset()
    return users_session_server


@pytest.fixture
def start_remote():
    """start_remote("orders") → a RemoteServer of this test's own, stopped at teardown."""
    started = []

    def factory(schema, port=0):
        started.append(RemoteServer.start(schema, port))
        return started[-1]

    yield factory
    for server in started:
        server.stop()

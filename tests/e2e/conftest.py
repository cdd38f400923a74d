"""Black-box tests of the `junction` binary: each test starts the real binary (path in
$JUNCTION_BIN, set by ctest) on a free port with its own metadata file, talks HTTP to it, and
stops it with SIGTERM, expecting exit status 0.

    JUNCTION_BIN=build/junction /usr/bin/python3 -m pytest -q tests/e2e

Fixtures:
  engine        a shared engine with empty metadata and no admin secret (read-only tests)
  start_engine  start_engine(args=[...], env={...}, metadata=path, …) → a new Engine (see
                support.start); every engine started is stopped at teardown and must exit 0
  pg_cluster    a throwaway Postgres cluster for the session (postgres.Cluster)
  pg_cluster_b  a second one, for what joins across two database servers
"""

import pathlib
import shutil

import pytest

from postgres import Cluster
from support import start

DATA = pathlib.Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def engine(tmp_path_factory):
    shared = start(tmp_path_factory.mktemp("shared-engine"))
    yield shared
    assert shared.stop() == 0, shared.log()


@pytest.fixture
def start_engine(tmp_path):
    started = []

    def factory(**kwargs):  # the arguments of support.start, but the working directory
        started.append(start(tmp_path, **kwargs))
        return started[-1]

    yield factory
    for running in started:
        assert running.stop() == 0, running.log()


@pytest.fixture(scope="session")
def introspection_query():
    """GraphiQL's introspection query, verbatim: what graphql-js 16.8.2 getIntrospectionQuery()
    returns with its default options (tests/oracle pins that version), which GraphiQL sends as
    operation "IntrospectionQuery"."""
    return (DATA / "introspection_query.graphql").read_text()


def session_cluster():
    cluster = Cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway Postgres cluster for the session (tests/e2e/postgres.py); tests create their
    own databases in it."""
    yield from session_cluster()


@pytest.fixture(scope="session")
def pg_cluster_b():
    """A second throwaway Postgres cluster for the session: the other server of the tests that
    join across database servers."""
    yield from session_cluster()


@pytest.fixture(scope="module")
def start_engine_module(tmp_path_factory):
    """start_engine for module-scoped engines; `metadata_template` (a path) is copied into the
    engine's own directory first, so the engine's writes never touch the source tree."""
    started = []

    def factory(metadata_template=None, **kwargs):
        workdir = tmp_path_factory.mktemp("engine")
        if metadata_template is not None:
            kwargs["metadata"] = workdir / "metadata.json"
            shutil.copyfile(metadata_template, kwargs["metadata"])
        started.append(start(workdir, **kwargs))
        return started[-1]

    yield factory
    for running in started:
        assert running.stop() == 0, running.log()

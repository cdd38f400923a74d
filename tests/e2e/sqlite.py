"""What test_sqlite.py and test_sqlite_joins.py share: SQLite databases made with Python's
sqlite3 module (the same SQLite library the engine links), what the tests read from the engine's
query log, and small helpers for metadata calls and answers compared with their key order.

    path = create_database(tmp_path / "shop.db", "CREATE TABLE …; INSERT …;")
    with Lock(path):            # another process's BEGIN EXCLUSIVE: readers get SQLITE_BUSY
        ...
    mark = QueryLog(engine)     # the engine runs with --enabled-log-types …,query-log
    engine.graphql(...)
    mark.counts()               # {"shop": 1, "accounts": 2}: statements per source since the mark
"""

import json
import pathlib
import sqlite3
import time

from test_postgres import call

# Engine arguments that turn the query log on.
QUERY_LOG = ["--enabled-log-types", "startup,http-log,query-log"]


def create_database(path, sql):
    """A fresh SQLite file at `path` (replaced if it exists) with the script `sql` run in it."""
    path = pathlib.Path(path)
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        connection.executescript(sql)
        connection.commit()
    finally:
        connection.close()
    return path


class Lock:
    """Holds an EXCLUSIVE lock on a database file (BEGIN EXCLUSIVE in a rollback-journal
    database): until released, every other connection's read waits its busy timeout, then fails
    with SQLITE_BUSY."""

    def __init__(self, path):
        self.connection = sqlite3.connect(path, isolation_level=None, timeout=0)

    def __enter__(self):
        self.connection.execute("BEGIN EXCLUSIVE")
        return self

    def __exit__(self, *exc):
        self.connection.execute("ROLLBACK")
        self.connection.close()


LOG_TIMEOUT = 5  # seconds for a request's log lines to reach the log file


def log_lines(engine):
    """The engine's JSON log lines (its stdout), parsed; other lines left out."""
    lines = []
    for line in engine.log().splitlines():
        if line.startswith("{"):
            try:
                lines.append(json.loads(line))
            except json.JSONDecodeError:  # a line being written
                pass
    return lines


class QueryLog:
    """The query-log lines an engine writes from now on. The engine must run with query-log
    and http-log enabled: a request's http-log line comes after its statements' lines, so
    waiting for it makes sure they are all in the file."""

    def __init__(self, engine):
        self.engine = engine
        self.start = len(log_lines(engine))

    def _since(self):
        return log_lines(self.engine)[self.start:]

    def statements(self, requests=1):
        """The statements ({"source", "sql", "params"}) sent since the mark, once `requests`
        HTTP requests have been logged since it."""
        deadline = time.monotonic() + LOG_TIMEOUT
        while True:
            lines = self._since()
            if sum(line.get("type") == "http-log" for line in lines) >= requests:
                return [line["detail"] for line in lines if line.get("type") == "query-log"]
            if time.monotonic() > deadline:
                raise AssertionError(f"no http-log line for {requests} request(s) within "
                                     f"{LOG_TIMEOUT} s:\n{self.engine.log()[-4000:]}")
            time.sleep(0.02)

    def counts(self, requests=1):
        """{source: number of statements} since the mark."""
        found = {}
        for statement in self.statements(requests):
            found[statement["source"]] = found.get(statement["source"], 0) + 1
        return found




def add_source(engine, path, name="default", **settings):
    return call(engine, "sqlite_add_source",
                {"name": name, "configuration": {"db": str(path), **settings}})


def export(engine):
    return call(engine, "export_metadata", {})


def source_entry(metadata, name):
    return next(s for s in metadata["sources"] if s["name"] == name)

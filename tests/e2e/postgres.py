"""Throwaway Postgres clusters for the black-box tests, started with scripts/pg_cluster (which
runs them as a non-root user, on 127.0.0.1, at a free port) and always stopped at teardown.

    cluster = Cluster.start(tmp_dir)
    url = cluster.create_database("cases", schema_sql)   # postgres://…/cases
    cluster.restart()                                     # same port, connections dropped
    cluster.stop_server(); cluster.start_server()         # down for a while, back at one address
    cluster.enable_statement_statistics()                 # pg_stat_statements loaded (a restart)
    cluster.stop()
"""

import os
import pathlib
import subprocess
import tempfile
import urllib.parse

import psycopg2

ROOT = pathlib.Path(__file__).resolve().parents[2]
PG_CLUSTER = ROOT / "scripts" / "pg_cluster"
CLUSTER_TIMEOUT = 60  # seconds for start, restart and stop (the script waits at most 30 s)


class Cluster:
    def __init__(self, directory, url):
        self.directory = directory
        self.url = url  # postgres://postgres@127.0.0.1:PORT/postgres

    @classmethod
    def start(cls):
        # A directory of its own outside pytest's (mode 0700) tmp tree: the server runs as
        # another user when the tests run as root.
        directory = tempfile.mkdtemp(prefix="junction-pg-")
        os.chmod(directory, 0o755)
        done = subprocess.run([str(PG_CLUSTER), "start", directory], capture_output=True,
                              text=True, timeout=CLUSTER_TIMEOUT, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise AssertionError(f"scripts/pg_cluster start failed:\n{done.stderr}")
        return cls(directory, done.stdout.strip())

    def database_url(self, name):
        parts = urllib.parse.urlsplit(self.url)
        return urllib.parse.urlunsplit(parts._replace(path="/" + name))

    def connect(self, database="postgres"):
        connection = psycopg2.connect(self.database_url(database))
        connection.autocommit = True
        return connection

    def create_database(self, name, sql=None):
        """A fresh database `name` (dropped first if it exists) with `sql` run in it; its URL."""
        admin = self.connect()  # autocommit: CREATE DATABASE cannot run in a transaction
        try:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{name}"')
                # Timestamps print the same on every machine.
                cursor.execute(f'ALTER DATABASE "{name}" SET timezone TO \'UTC\'')
        finally:
            admin.close()
        if sql:
            connection = self.connect(name)
            with connection.cursor() as cursor:
                cursor.execute(sql)
            connection.close()
        return self.database_url(name)

    def execute(self, database, sql, params=None):
        """Runs `sql` in `database`; the rows when it returns any."""
        connection = self.connect(database)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()

    def enable_statement_statistics(self):
        """Loads pg_stat_statements (restarting the server unless it is loaded already), counting
        planned statements only, not BEGIN/SET/COMMIT. Each database that is to be counted
        needs `CREATE EXTENSION pg_stat_statements` in it."""
        loaded = self.execute("postgres", "SHOW shared_preload_libraries")[0][0]
        if "pg_stat_statements" not in loaded:
            self.execute("postgres", "ALTER SYSTEM SET shared_preload_libraries = "
                                     "'pg_stat_statements'")
            self.restart()
        # Known (and settable) only once the library is loaded.
        self.execute("postgres", "ALTER SYSTEM SET pg_stat_statements.track_utility = off")
        self.execute("postgres", "SELECT pg_reload_conf()")

    def _run(self, *args):
        done = subprocess.run([str(PG_CLUSTER), *args, self.directory], capture_output=True,
                              text=True, timeout=CLUSTER_TIMEOUT, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise AssertionError(f"scripts/pg_cluster {args[0]} failed:\n{done.stderr}")

    def restart(self):
        self._run("restart")

    def stop_server(self):
        """Stops the server but keeps its data (start_server brings it back)."""
        self._run("stop")

    def start_server(self):
        """Starts the stopped server again at the same address."""
        port = urllib.parse.urlsplit(self.url).port
        done = subprocess.run([str(PG_CLUSTER), "start", self.directory, str(port)],
                              capture_output=True, text=True, timeout=CLUSTER_TIMEOUT,
                              stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise AssertionError(f"scripts/pg_cluster start failed:\n{done.stderr}")

    def stop(self):
        subprocess.run([str(PG_CLUSTER), "stop", self.directory, "--remove"],
                       capture_output=True, text=True, timeout=CLUSTER_TIMEOUT,
                       stdin=subprocess.DEVNULL)

"""What the black-box tests share: starting and stopping the real `junction` binary, and checks
of Hasura's response shapes. The fixtures that use it are in conftest.py.
"""

import json
import os
import pathlib
import signal
import socket
import subprocess
import threading
import time

import pytest
import requests

REQUEST_TIMEOUT = 15  # seconds, for every HTTP request of the suite
START_TIMEOUT = 30    # seconds until /healthz must answer (a sanitized build starts slower)
STOP_TIMEOUT = 30     # seconds from SIGTERM to exit


def junction_bin():
    path = os.environ.get("JUNCTION_BIN", "")
    if not path or not os.access(path, os.X_OK):
        pytest.fail(f"JUNCTION_BIN={path!r} is not an executable; set it to the built junction "
                    "binary (ctest does)", pytrace=False)
    return os.path.abspath(path)  # engines run in their own working directory


def free_ports(count):
    """`count` different ports that were free a moment ago (the kernel's picks for port 0)."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def free_port():
    return free_ports(1)[0]


def clean_env(extra=None):
    """The environment for the binary: ours, minus any JUNCTION_/HASURA_GRAPHQL_ settings."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUNCTION_", "HASURA_GRAPHQL_"))}
    env.update(extra or {})
    return env


class Engine:
    """One running `junction serve` process."""

    def __init__(self, workdir, args=(), env=None, metadata=None, port=None, pass_port=True,
                 pass_metadata=True):
        self.workdir = pathlib.Path(workdir)
        self.metadata = pathlib.Path(metadata or self.workdir / "metadata.json")
        self.port = port or free_port()
        self.log_path = self.workdir / f"junction-{self.port}.log"
        command = [junction_bin(), "serve", "--host", "127.0.0.1", *args]
        if pass_metadata:
            command += ["--metadata-store", str(self.metadata)]
        if pass_port:
            command += ["--port", str(self.port)]
        self.command = command
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, env=clean_env(env),
                                            cwd=self.workdir)
        self.exit_code = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def log(self):
        return self.log_path.read_text(errors="replace")

    def wait_healthy(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"junction exited with {self.process.returncode} during "
                                     f"start-up:\n{self.log()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise AssertionError(f"junction did not answer /healthz within {START_TIMEOUT} s:\n"
                             f"{self.log()}")

    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
        return requests.get(self.url + path, **kwargs)

    def post(self, path, **kwargs):
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
        return requests.post(self.url + path, **kwargs)

    def graphql(self, body, headers=None):
        return self.post("/v1/graphql", json=body, headers=headers)

    def metadata_call(self, body, headers=None):
        return self.post("/v1/metadata", json=body, headers=headers)

    def stop(self):
        """SIGTERM, then the exit status (killing the process if it does not exit in time)."""
        if self.exit_code is None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
            try:
                self.exit_code = self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)
                raise AssertionError(f"junction did not exit within {STOP_TIMEOUT} s of SIGTERM:"
                                     f"\n{self.log()}")
        return self.exit_code


def start(workdir, args=(), env=None, metadata=None, port=None, pass_port=True,
          pass_metadata=True):
    """Starts an engine and waits until it is healthy; retries on a port taken meanwhile.
    pass_port / pass_metadata: whether --port / --metadata-store are given on the command line
    (tests of the environment variables and defaults leave them out)."""
    for _ in range(3):
        engine = Engine(workdir, args=args, env=env, metadata=metadata, port=port,
                        pass_port=pass_port, pass_metadata=pass_metadata)
        try:
            return engine.wait_healthy()
        except AssertionError:
            engine.stop()
            if port is None and "in use" in engine.log().lower():
                continue
            raise
    raise AssertionError("no free port found")


class HelperProcess:
    """A server the tests start themselves (a remote GraphQL service, the BigQuery double):
    launched with pipes, its stderr kept in `stderr_lines`, stopped by its PID."""

    STOP_TIMEOUT = 10

    def __init__(self, process):
        self.process = process
        self.stderr_lines = []
        threading.Thread(target=self._read_stderr, daemon=True).start()

    @staticmethod
    def launch(command, cwd, what, parse, timeout):
        """Starts `command` and waits up to `timeout` s for its first line on stdout, which
        `parse` reads (raising ValueError, KeyError or TypeError on a bad one); returns the
        process and what `parse` answered, or kills the process and fails with its stderr."""
        process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = [None]
        reader = threading.Thread(target=lambda: line.__setitem__(0, process.stdout.readline()),
                                  daemon=True)
        reader.start()
        reader.join(timeout)
        try:
            return process, parse(line[0])
        except (TypeError, ValueError, KeyError):
            process.kill()
            _, err = process.communicate(timeout=HelperProcess.STOP_TIMEOUT)
            raise AssertionError(f"{what} did not start within {timeout} s "
                                 f"(exit {process.returncode}):\n{err}")

    def _read_stderr(self):
        for text in self.process.stderr:
            self.stderr_lines.append(text)

    def running(self):
        return self.process.poll() is None

    def stop(self):
        """SIGTERM, then SIGKILL after STOP_TIMEOUT seconds; its pipes closed; its exit status."""
        process = self.process
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=self.STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=self.STOP_TIMEOUT)
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        return process.returncode


def key_order(value):
    """The keys of every object in `value`, in order (numbers compare by value, as JSON does:
    10 and 10.0 are the same number)."""
    if isinstance(value, dict):
        return [(key, key_order(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [key_order(item) for item in value]
    return None


def same(actual, expected):
    """Equal JSON with the keys in the same order (answers keep the query's order)."""
    assert actual == expected, json.dumps(actual)
    assert key_order(actual) == key_order(expected), json.dumps(actual)


def answer(engine, query, variables=None):
    """The whole body of a GraphQL request's answer (HTTP 200)."""
    response = engine.graphql({"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    return response.json()


def check(engine, query, data, variables=None):
    """The query answers exactly `data`, keys in the same order."""
    same(answer(engine, query, variables), {"data": data})


def graphql_error(response):
    """The first error of a GraphQL error response, checked for Hasura's shape."""
    body = response.json()
    assert set(body) == {"errors"}, body
    assert isinstance(body["errors"], list) and body["errors"], body
    error = body["errors"][0]
    assert isinstance(error["message"], str), body
    assert set(error["extensions"]) >= {"path", "code"}, body
    return error


def read_json(path):
    return json.loads(pathlib.Path(path).read_text())


def run_to_exit(workdir, args=(), env=None, timeout=START_TIMEOUT):
    """Runs `junction serve …` expected to stop on its own (a start-up failure); returns the
    CompletedProcess with stdout and stderr as text."""
    return subprocess.run([junction_bin(), "serve", "--host", "127.0.0.1", *args],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          env=clean_env(env), cwd=workdir, timeout=timeout)

"""The process: graceful shutdown on SIGTERM and SIGINT, the command line's environment
variables (JUNCTION_* and their HASURA_GRAPHQL_* aliases) and its usage errors."""

import http.client
import json
import signal
import socket
import time

import pytest
import requests

from support import REQUEST_TIMEOUT, free_port, free_ports, run_to_exit


def read_http_response(sock):
    """Reads one whole response from a socket the server closes afterwards."""
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return lines[0], headers, body


def test_sigterm_lets_a_request_in_flight_finish(start_engine):
    engine = start_engine()
    body = json.dumps({"query": "{ __typename }"}).encode()
    head = (f"POST /v1/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", engine.port), timeout=REQUEST_TIMEOUT) as sock:
        sock.sendall(head + body[:5])  # the request has begun; its body is still arriving
        time.sleep(0.5)
        engine.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert engine.process.poll() is None, "exited with a request in flight"
        with pytest.raises(OSError):  # the listener is closed: no new connections
            socket.create_connection(("127.0.0.1", engine.port), timeout=2).close()
        sock.sendall(body[5:])
        status, headers, answer = read_http_response(sock)
    assert status == "HTTP/1.1 200 OK"
    assert headers["connection"] == "close"
    assert json.loads(answer) == {"data": {"__typename": "query_root"}}
    assert engine.stop() == 0


def test_idle_keep_alive_connections_do_not_delay_shutdown(start_engine):
    engine = start_engine()
    connection = http.client.HTTPConnection("127.0.0.1", engine.port, timeout=REQUEST_TIMEOUT)
    connection.request("GET", "/healthz")
    assert connection.getresponse().read() == b"OK"  # the connection stays open, idle
    began = time.monotonic()
    assert engine.stop() == 0
    assert time.monotonic() - began < 10
    connection.close()


def test_signals_repeated_until_exit_still_give_a_clean_exit(start_engine):
    """A supervisor may repeat SIGTERM while the engine tears down: the exit stays clean."""
    engine = start_engine()
    deadline = time.monotonic() + 30
    while engine.process.poll() is None and time.monotonic() < deadline:
        engine.process.send_signal(signal.SIGTERM)
        time.sleep(0.001)
    assert engine.stop() == 0


def test_sigint_stops_gracefully_too(start_engine):
    engine = start_engine()
    engine.process.send_signal(signal.SIGINT)
    assert engine.process.wait(timeout=30) == 0
    assert engine.stop() == 0


@pytest.mark.parametrize("variable", ["JUNCTION_PORT", "HASURA_GRAPHQL_SERVER_PORT"])
def test_port_from_the_environment(start_engine, variable):
    port = free_port()
    engine = start_engine(pass_port=False, port=port, env={variable: str(port)})
    assert engine.get("/healthz").text == "OK"


def test_flag_beats_junction_variable_beats_hasura_alias(start_engine):
    flag_port, junction_port, hasura_port = free_ports(3)
    engine = start_engine(port=flag_port, env={"JUNCTION_PORT": str(junction_port),
                                               "HASURA_GRAPHQL_SERVER_PORT": str(hasura_port)})
    assert engine.get("/healthz").text == "OK"
    engine = start_engine(pass_port=False, port=junction_port,
                          env={"JUNCTION_PORT": str(junction_port),
                               "HASURA_GRAPHQL_SERVER_PORT": str(hasura_port)})
    assert engine.get("/healthz").text == "OK"
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{hasura_port}/healthz", timeout=2)


@pytest.mark.parametrize("variable", ["JUNCTION_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET"])
def test_admin_secret_from_the_environment(start_engine, variable):
    engine = start_engine(env={variable: "from-env"})
    denied = engine.graphql({"query": "{ __typename }"})
    assert denied.json()["errors"][0]["extensions"]["code"] == "access-denied"
    allowed = engine.graphql({"query": "{ __typename }"},
                             headers={"X-Hasura-Admin-Secret": "from-env"})
    assert allowed.json() == {"data": {"__typename": "query_root"}}


def test_metadata_store_from_the_environment_and_its_default(start_engine, tmp_path):
    chosen = tmp_path / "from-env.json"
    engine = start_engine(pass_metadata=False, env={"JUNCTION_METADATA_STORE": str(chosen)})
    engine.metadata_call({"type": "clear_metadata", "args": {}})
    assert chosen.is_file()
    engine = start_engine(pass_metadata=False)
    engine.metadata_call({"type": "clear_metadata", "args": {}})
    assert (tmp_path / "junction-metadata.json").is_file()  # ./junction-metadata.json


def test_bad_port_flag_is_a_usage_error(tmp_path):
    result = run_to_exit(tmp_path, ["--port", "eighty"])
    assert result.returncode == 2
    assert "--port" in result.stderr


def test_bad_port_variable_is_a_usage_error_naming_the_variable(tmp_path):
    result = run_to_exit(tmp_path, env={"JUNCTION_PORT": "99999"})
    assert result.returncode == 2
    assert "JUNCTION_PORT" in result.stderr


def test_unknown_command_is_a_usage_error(tmp_path):
    result = run_to_exit(tmp_path, ["--no-such-flag"])
    assert result.returncode == 2
    assert "--no-such-flag" in result.stderr


def test_port_in_use_fails_start_up(start_engine, tmp_path):
    engine = start_engine()
    result = run_to_exit(tmp_path, ["--port", str(engine.port),
                                    "--metadata-store", str(tmp_path / "other.json")])
    assert result.returncode == 1
    assert str(engine.port) in result.stderr
    assert engine.get("/healthz").text == "OK"

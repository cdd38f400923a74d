"""Health, version, unknown routes and HTTP keep-alive, against the real binary."""

import http.client
import json
import re
import subprocess

import requests

from support import REQUEST_TIMEOUT, junction_bin

NOT_FOUND = {"path": "$", "error": "resource does not exist", "code": "not-found"}


def test_healthz_answers_ok_as_text(engine):
    response = engine.get("/healthz")
    assert response.status_code == 200
    assert response.text == "OK"
    assert response.headers["content-type"].startswith("text/plain")


def test_version_endpoint_matches_the_version_command(engine):
    response = engine.get("/v1/version")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["version"]
    printed = subprocess.run([junction_bin(), "version"], capture_output=True, text=True,
                             timeout=REQUEST_TIMEOUT, check=True).stdout.strip()
    assert body["version"] == printed
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", printed), printed


def test_version_command_prints_only_the_version():
    result = subprocess.run([junction_bin(), "version"], capture_output=True, text=True,
                            timeout=REQUEST_TIMEOUT)
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


def test_unknown_path_is_a_json_404(engine):
    # / and /console are the web console's (test_console_assets.py).
    for path in ["/v1/graphq", "/v1/graphql/extra", "/healthz/", "/consoles", "/v1"]:
        response = engine.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("application/json"), path
        assert response.json() == NOT_FOUND, path


def test_wrong_method_is_a_json_404_naming_the_allowed_one(engine):
    response = engine.get("/v1/graphql")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert response.headers["allow"] == "POST"
    response = engine.post("/healthz", data="")
    assert response.status_code == 404
    assert response.headers["allow"] == "GET, HEAD"


def test_head_answers_the_headers_of_get_without_a_body(engine):
    for path in ["/healthz", "/v1/version"]:
        got = engine.get(path)
        head = requests.head(engine.url + path, timeout=REQUEST_TIMEOUT)
        assert head.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-length"] == str(len(got.content)), path
        assert head.headers["content-type"] == got.headers["content-type"], path


def test_query_string_does_not_change_the_route(engine):
    assert engine.get("/healthz?probe=1").text == "OK"


def test_two_requests_share_one_keep_alive_connection(engine):
    connection = http.client.HTTPConnection("127.0.0.1", engine.port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", "/healthz")
        first = connection.getresponse()
        assert first.status == 200 and first.read() == b"OK"
        socket_before = connection.sock
        assert socket_before is not None, "the server closed a keep-alive connection"
        body = json.dumps({"query": "{ __typename }"})
        connection.request("POST", "/v1/graphql", body=body,
                           headers={"Content-Type": "application/json"})
        second = connection.getresponse()
        assert connection.sock is socket_before  # no reconnect happened
        assert second.status == 200
        assert json.loads(second.read()) == {"data": {"__typename": "query_root"}}
    finally:
        connection.close()


def test_every_response_carries_a_request_id(engine):
    first = engine.get("/healthz").headers.get("x-request-id")
    second = engine.get("/healthz").headers.get("x-request-id")
    assert first and second and first != second
    echoed = engine.get("/healthz", headers={"X-Request-Id": "abc-123"}).headers["x-request-id"]
    assert echoed == "abc-123"

"""The console's files served by the real binary (src/server/console_assets.h) over real HTTP:
each test starts an engine with --console-assets-dir naming a tiny build made in its own
directory (an index.html and a content-hashed assets/app-1234.js), and checks the types, the
app's own routes, caching, ETags, security headers, the / redirect, the page shown when the
console was not built, and --enable-console false.

    JUNCTION_BIN=build/junction /usr/bin/python3 -m pytest -q tests/e2e/test_console_assets.py
"""

import socket

import pytest
import requests

from support import REQUEST_TIMEOUT

INDEX = ('<!doctype html><html><head><script type="module" src="/console/assets/app-1234.js">'
         '</script></head><body><div id="root"></div></body></html>')
SCRIPT = "document.getElementById('root').textContent = 'Junction';"
NOT_FOUND = {"path": "$", "error": "resource does not exist", "code": "not-found"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
       "data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
       "base-uri 'self'; form-action 'self'")


@pytest.fixture
def dist(tmp_path):
    """A console build: dist/index.html and dist/assets/app-1234.js, with a file beside dist
    that no request may reach."""
    (tmp_path / "secret.txt").write_text("outside the console")
    directory = tmp_path / "dist"
    (directory / "assets").mkdir(parents=True)
    (directory / "index.html").write_text(INDEX)
    (directory / "assets" / "app-1234.js").write_text(SCRIPT)
    return directory


@pytest.fixture
def console(start_engine, dist):
    return start_engine(args=["--console-assets-dir", str(dist)])


def raw_get(engine, target):
    """The status line and body of GET `target` sent as is: an HTTP client would normalize the
    dot segments that the traversal tests need to send."""
    with socket.create_connection(("127.0.0.1", engine.port), timeout=REQUEST_TIMEOUT) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
                     .encode())
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0].decode(), body.decode(errors="replace")


def test_serves_the_files_with_their_types(console):
    script = console.get("/console/assets/app-1234.js")
    assert script.status_code == 200
    assert script.text == SCRIPT
    assert script.headers["content-type"] == "text/javascript; charset=utf-8"
    index = console.get("/console")
    assert index.status_code == 200
    assert index.text == INDEX
    assert index.headers["content-type"] == "text/html; charset=utf-8"


def test_the_apps_routes_answer_index_html(console):
    for path in ["/console/", "/console/index.html", "/console/api-explorer",
                 "/console/data/default/schema/public/tables/order/relationships",
                 "/console/data?source=default"]:
        response = console.get(path)
        assert response.status_code == 200, path
        assert response.text == INDEX, path
        assert response.headers["cache-control"] == "no-cache", path


def test_a_missing_file_is_a_404_not_the_app(console):
    for path in ["/console/assets/gone.js", "/console/gone.css", "/console/assets/gone"]:
        response = console.get(path)
        assert response.status_code == 404, path
        assert "<html" not in response.text, path


def test_nothing_outside_the_directory_is_reached(console):
    for target in ["/console/../secret.txt", "/console/%2e%2e/secret.txt", "/console/%2e%2e/x",
                   "/console/assets/../../etc/passwd", "/console/assets/..%2f..%2fsecret.txt",
                   "/console/../../../../etc/passwd"]:
        status, body = raw_get(console, target)
        assert status == "HTTP/1.1 404 Not Found", target
        assert "outside the console" not in body and "root:" not in body, target


def test_caching_by_path_and_etags(console):
    script = console.get("/console/assets/app-1234.js")
    assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
    etag = script.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 34
    again = console.get("/console/assets/app-1234.js", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert console.get("/console/assets/app-1234.js",
                       headers={"If-None-Match": '"other"'}).status_code == 200
    index_etag = console.get("/console").headers["etag"]
    assert index_etag != etag
    assert console.get("/console/data", headers={"If-None-Match": index_etag}).status_code == 304


def test_security_headers_and_the_csp_on_html_only(console):
    for path in ["/console", "/console/assets/app-1234.js", "/console/assets/gone.js"]:
        headers = console.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert headers["x-frame-options"] == "DENY", path
    assert console.get("/console").headers["content-security-policy"] == CSP
    assert "content-security-policy" not in console.get("/console/assets/app-1234.js").headers


def test_head_answers_the_headers_without_the_body(console):
    response = requests.head(console.url + "/console/assets/app-1234.js", timeout=REQUEST_TIMEOUT)
    assert response.status_code == 200
    assert response.headers["content-length"] == str(len(SCRIPT))
    assert response.content == b""
    # The connection stays usable: the next answer is whole.
    with requests.Session() as session:
        assert session.head(console.url + "/console", timeout=REQUEST_TIMEOUT).status_code == 200
        assert session.get(console.url + "/console", timeout=REQUEST_TIMEOUT).text == INDEX


def test_root_redirects_to_the_console(console):
    for path in ["/", "/?from=bookmark"]:
        response = console.get(path, allow_redirects=False)
        assert response.status_code == 307, path
        assert response.headers["location"] == "/console", path
    followed = console.get("/")
    assert followed.url == console.url + "/console"
    assert followed.text == INDEX


def test_another_method_is_a_404_naming_get(console):
    response = console.post("/console", data="")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert response.headers["allow"] == "GET, HEAD"


def test_the_apis_are_unchanged(console):
    assert console.get("/healthz").text == "OK"
    assert console.metadata_call({"type": "export_metadata", "args": {}}).status_code == 200


def test_not_built_says_how_to_build_it(start_engine, tmp_path):
    missing = tmp_path / "no-console-here"
    engine = start_engine(args=["--console-assets-dir", str(missing)])
    for path in ["/console", "/console/assets/app-1234.js", "/console/data"]:
        response = engine.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "text/html; charset=utf-8", path
        assert "not built" in response.text, path
        assert str(missing) in response.text, path
        assert "npm ci --prefix console &amp;&amp; npm run build --prefix console" in response.text
    assert engine.get("/", allow_redirects=False).status_code == 307
    assert "the console was not built" in engine.log()
    assert str(missing) in engine.log()


def test_enable_console_false_leaves_the_paths_unknown(start_engine, dist):
    engine = start_engine(args=["--console-assets-dir", str(dist), "--enable-console", "false"])
    for path in ["/", "/console", "/console/assets/app-1234.js"]:
        response = engine.get(path, allow_redirects=False)
        assert response.status_code == 404, path
        assert response.json() == NOT_FOUND, path
        assert "allow" not in response.headers, path


def test_the_variables_set_it_too(start_engine, dist):
    engine = start_engine(env={"JUNCTION_CONSOLE_ASSETS_DIR": str(dist)})
    assert engine.get("/console").text == INDEX
    off = start_engine(env={"JUNCTION_CONSOLE_ASSETS_DIR": str(dist),
                            "HASURA_GRAPHQL_ENABLE_CONSOLE": "No"})  # Hasura's booleans
    assert off.get("/console").status_code == 404

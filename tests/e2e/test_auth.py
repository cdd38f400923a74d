"""Authentication modes against the real binary: JWT (HS256, RS256, a jwk_url served here and
refreshed), the webhook (GET and POST, served here; one that hangs fails the request after the
timeout) and the unauthorized role. Errors are Hasura's: HTTP 200 with {"errors": [...]} on
/v1/graphql, {"path","error","code"} with Hasura's status elsewhere.

Without permissions a non-admin role sees `query_root { no_queries_available }`; the admin sees
the tracked tables: that is how these tests tell who a request ran as."""

import base64
import datetime
import hashlib
import hmac
import http.server
import ipaddress
import json
import ssl
import threading
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from sqlite import create_database
from support import graphql_error

SECRET = "admin-s3cret"
HS_KEY = "an-hs256-key-of-at-least-32-characters!"
TYPENAME = {"query": "{ __typename }"}
EXPORT = {"type": "export_metadata", "args": {}}
ROOT_FIELDS = {"query": "{ __schema { queryType { fields { name } } } }"}
HOOK_TIMEOUT = 1  # seconds: --auth-hook-timeout
HANG = 4  # seconds the hanging hook sleeps: longer than the timeout, bounded for teardown


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(roles=("user", "editor"), default="user", **extra):
    payload = {"sub": "42", "iat": int(time.time()) - 5, "exp": int(time.time()) + 300,
               "https://hasura.io/jwt/claims": {
                   "x-hasura-allowed-roles": list(roles), "x-hasura-default-role": default,
                   "x-hasura-user-id": "42"}}
    payload.update(extra)
    return payload


def token(payload, sign, alg, kid=None):
    header = {"alg": alg, "typ": "JWT"}
    if kid:
        header["kid"] = kid
    signing_input = (b64url(json.dumps(header).encode()) + "." +
                     b64url(json.dumps(payload).encode()))
    return signing_input + "." + b64url(sign(signing_input.encode()))


def hs256(payload, key=HS_KEY):
    return token(payload, lambda data: hmac.new(key.encode(), data, hashlib.sha256).digest(),
                 "HS256")


def rs256(payload, private_key, kid=None):
    return token(payload,
                 lambda data: private_key.sign(data, padding.PKCS1v15(), hashes.SHA256()),
                 "RS256", kid)


def bearer(jwt):
    return {"Authorization": "Bearer " + jwt}


def public_pem(private_key):
    return private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def jwk(private_key, kid):
    numbers = private_key.public_key().public_numbers()

    def number(n):
        return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))
    return {"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig", "n": number(numbers.n),
            "e": number(numbers.e)}


def new_rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def graphql_denial(response, message, code):
    assert response.status_code == 200
    error = graphql_error(response)
    assert (error["message"], error["extensions"]["code"]) == (message, code), error


def runs_as_non_admin(engine, headers):
    """Admin APIs tell the admin from everyone else without any permissions configured."""
    response = engine.metadata_call(EXPORT, headers=headers)
    assert response.status_code == 400, response.text
    assert response.json() == {"path": "$.args", "error": "restricted access : admin only",
                               "code": "access-denied"}
    assert engine.graphql(TYPENAME, headers=headers).json() == {
        "data": {"__typename": "query_root"}}


def runs_as_admin(engine, headers):
    assert engine.metadata_call(EXPORT, headers=headers).status_code == 200


class Service:
    """An http.server on a free loopback port, in a thread, stopped by stop()."""

    def __init__(self, handler):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.server.requests = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def service():
    started = []

    def factory(handler):
        started.append(Service(handler))
        return started[-1]
    yield factory
    for s in started:
        s.stop()


class QuietHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


# --- JWT --------------------------------------------------------------------------------------


@pytest.fixture
def hs_engine(start_engine):
    return start_engine(args=["--admin-secret", SECRET, "--jwt-secret",
                              json.dumps({"type": "HS256", "key": HS_KEY})])


def test_jwt_hs256_token_runs_as_its_default_role(hs_engine):
    runs_as_non_admin(hs_engine, bearer(hs256(claims())))


def test_jwt_role_header_must_be_an_allowed_role(hs_engine):
    headers = {**bearer(hs256(claims())), "X-Hasura-Role": "editor"}
    runs_as_non_admin(hs_engine, headers)
    for role in ["admin", "stranger"]:
        headers = {**bearer(hs256(claims())), "X-Hasura-Role": role}
        graphql_denial(hs_engine.graphql(TYPENAME, headers=headers),
                       "Your requested role is not in allowed roles", "access-denied")
        response = hs_engine.metadata_call(EXPORT, headers=headers)
        assert response.status_code == 400
        assert response.json()["error"] == "Your requested role is not in allowed roles"


def test_jwt_admin_role_in_the_token_is_admin(hs_engine):
    runs_as_admin(hs_engine, bearer(hs256(claims(roles=["admin", "user"], default="admin"))))


def test_jwt_tampered_wrongly_signed_and_expired_tokens_are_refused(hs_engine):
    good = hs256(claims())
    header, payload, signature = good.split(".")
    forged = json.loads(base64.urlsafe_b64decode(payload + "=="))
    forged["https://hasura.io/jwt/claims"]["x-hasura-allowed-roles"] = ["admin"]
    forged["https://hasura.io/jwt/claims"]["x-hasura-default-role"] = "admin"
    tampered = ".".join([header, b64url(json.dumps(forged).encode()), signature])
    unsigned = ".".join([b64url(b'{"alg":"none"}'), payload, ""])
    for bad in [tampered, unsigned, hs256(claims(), key="another-key-another-key-another-key!")]:
        graphql_denial(hs_engine.graphql(TYPENAME, headers=bearer(bad)),
                       "Could not verify JWT: JWSError JWSInvalidSignature", "invalid-jwt")
    expired = hs256(claims(exp=int(time.time()) - 60))
    graphql_denial(hs_engine.graphql(TYPENAME, headers=bearer(expired)),
                   "Could not verify JWT: JWTExpired", "invalid-jwt")
    response = hs_engine.metadata_call(EXPORT, headers=bearer(expired))
    assert response.status_code == 400
    assert response.json() == {"path": "$", "error": "Could not verify JWT: JWTExpired",
                               "code": "invalid-jwt"}


def test_jwt_missing_and_malformed_authorization(hs_engine):
    graphql_denial(hs_engine.graphql(TYPENAME),
                   "Missing Authorization header in JWT authentication mode", "invalid-headers")
    graphql_denial(hs_engine.graphql(TYPENAME, headers={"Authorization": "Token abc"}),
                   "Malformed Authorization header", "invalid-headers")


def test_jwt_mode_still_accepts_the_admin_secret(hs_engine):
    runs_as_admin(hs_engine, {"X-Hasura-Admin-Secret": SECRET})
    # …with any role, and whatever Authorization says.
    runs_as_non_admin(hs_engine, {"X-Hasura-Admin-Secret": SECRET, "X-Hasura-Role": "anyone",
                                  "Authorization": "Bearer not-a-token"})
    graphql_denial(hs_engine.graphql(TYPENAME, headers={"X-Hasura-Admin-Secret": "wrong",
                                                        **bearer(hs256(claims()))}),
                   "invalid x-hasura-admin-secret/x-hasura-access-key", "access-denied")


def test_jwt_rs256_with_a_pem_key_and_claims_options(start_engine):
    key = new_rsa_key()
    engine = start_engine(args=["--admin-secret", SECRET], env={
        "HASURA_GRAPHQL_JWT_SECRET": json.dumps({
            "type": "RS256", "key": public_pem(key), "audience": ["app"], "issuer": "auth",
            "claims_namespace_path": "$.hasura.claims", "claims_format": "stringified_json"})})
    inner = claims()["https://hasura.io/jwt/claims"]
    payload = {"exp": int(time.time()) + 60, "aud": "app", "iss": "auth",
               "hasura": {"claims": json.dumps(inner)}}
    runs_as_non_admin(engine, bearer(rs256(payload, key)))
    graphql_denial(engine.graphql(TYPENAME, headers=bearer(rs256({**payload, "aud": "x"}, key))),
                   "Could not verify JWT: JWTNotInAudience", "invalid-jwt")
    graphql_denial(engine.graphql(TYPENAME, headers=bearer(rs256({**payload, "iss": "x"}, key))),
                   "Could not verify JWT: JWTNotInIssuer", "invalid-jwt")
    graphql_denial(engine.graphql(TYPENAME, headers=bearer(rs256(payload, new_rsa_key()))),
                   "Could not verify JWT: JWSError JWSInvalidSignature", "invalid-jwt")
    # An HS256 token keyed with the public key (algorithm confusion) is refused.
    confused = hs256(payload, key=public_pem(key))
    graphql_denial(engine.graphql(TYPENAME, headers=bearer(confused)),
                   "Could not verify JWT: JWSError JWSInvalidSignature", "invalid-jwt")


def test_jwt_from_a_jwk_url_is_refreshed(start_engine, service):
    keys = {"current": new_rsa_key(), "kid": "k1"}

    class Jwks(QuietHandler):
        def do_GET(self):
            self.server.requests.append(self.path)
            self.answer(200, {"keys": [jwk(keys["current"], keys["kid"])]},
                        [("Cache-Control", "max-age=1")])

    jwks = service(Jwks)
    engine = start_engine(args=["--admin-secret", SECRET, "--jwt-secret",
                                json.dumps({"jwk_url": jwks.url + "/jwks.json"})])
    assert jwks.server.requests[0] == "/jwks.json"
    old_key = keys["current"]
    runs_as_non_admin(engine, bearer(rs256(claims(), old_key, kid="k1")))
    keys["current"], keys["kid"] = new_rsa_key(), "k2"
    new_token = bearer(rs256(claims(), keys["current"], kid="k2"))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if "data" in engine.graphql(TYPENAME, headers=new_token).json():
            break
        time.sleep(0.2)
    runs_as_non_admin(engine, new_token)
    graphql_denial(engine.graphql(TYPENAME, headers=bearer(rs256(claims(), old_key, kid="k1"))),
                   "Could not verify JWT: JWSError JWSInvalidSignature", "invalid-jwt")
    assert len(jwks.server.requests) >= 2


def self_signed_certificate(directory):
    """A key and a certificate for 127.0.0.1 (an IP address SAN), as PEM files in `directory`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "junction test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(hours=1))
                   .add_extension(x509.SubjectAlternativeName(
                       [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    key_file, certificate_file = directory / "key.pem", directory / "cert.pem"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    certificate_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_file, certificate_file


def test_jwt_from_a_jwk_url_over_verified_tls(start_engine, service, tmp_path):
    key = new_rsa_key()

    class Jwks(QuietHandler):
        def do_GET(self):
            self.answer(200, {"keys": [jwk(key, "k1")]})

    jwks = service(Jwks)
    key_file, certificate_file = self_signed_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate_file, key_file)
    jwks.server.socket = context.wrap_socket(jwks.server.socket, server_side=True)
    url = jwks.url.replace("http://", "https://") + "/jwks.json"
    secret = json.dumps({"jwk_url": url})
    # Trusted (SSL_CERT_FILE names the certificate as OpenSSL's trust store): the keys are used.
    engine = start_engine(args=["--admin-secret", SECRET, "--jwt-secret", secret],
                          env={"SSL_CERT_FILE": str(certificate_file)})
    runs_as_non_admin(engine, bearer(rs256(claims(), key, kid="k1")))
    # Not trusted: the certificate is refused and the engine does not start.
    from support import run_to_exit
    done = run_to_exit(tmp_path, args=["--admin-secret", SECRET, "--jwt-secret", secret],
                       env={"SSL_CERT_FILE": str(tmp_path / "no-such-bundle.pem")})
    assert done.returncode == 1
    assert "TLS handshake with 127.0.0.1 failed" in done.stderr, done.stderr


def test_jwt_needs_an_admin_secret_and_a_reachable_jwk_url(tmp_path):
    from support import free_port, run_to_exit
    done = run_to_exit(tmp_path, args=["--jwt-secret", json.dumps({"type": "HS256",
                                                                    "key": HS_KEY})])
    assert done.returncode == 1
    assert ("Fatal Error : --jwt-secret (HASURA_GRAPHQL_JWT_SECRET) requires --admin-secret"
            in done.stderr)
    done = run_to_exit(tmp_path, args=["--admin-secret", SECRET, "--jwt-secret",
                                       json.dumps({"jwk_url": f"http://127.0.0.1:{free_port()}/"})])
    assert done.returncode == 1
    assert "JWK" in done.stderr
    done = run_to_exit(tmp_path, args=["--admin-secret", SECRET, "--jwt-secret", '{"type": 1}'])
    assert done.returncode == 1


# --- unauthorized role ------------------------------------------------------------------------


def test_unauthorized_role_with_jwt_and_with_the_admin_secret_only(start_engine):
    jwt_engine = start_engine(args=["--admin-secret", SECRET, "--unauthorized-role", "anonymous",
                                    "--jwt-secret", json.dumps({"type": "HS256", "key": HS_KEY})])
    runs_as_non_admin(jwt_engine, {})
    graphql_denial(jwt_engine.graphql(TYPENAME, headers={"Authorization": "Bearer x.y.z"}),
                   "Could not verify JWT: JWSError (CompactDecodeError Invalid text: not "
                   "base64url)", "invalid-jwt")
    secret_engine = start_engine(args=["--admin-secret", SECRET],
                                 env={"JUNCTION_UNAUTHORIZED_ROLE": "anonymous"})
    runs_as_non_admin(secret_engine, {})
    runs_as_admin(secret_engine, {"X-Hasura-Admin-Secret": SECRET})


# --- webhook ----------------------------------------------------------------------------------


class Hook(QuietHandler):
    def decide(self, authorization):
        self.server.requests.append({"method": self.command, "headers": {k.lower(): v for k, v in self.headers.items()},
                                     "body": self.body})
        if authorization == "Bearer user":
            return self.answer(200, {"X-Hasura-Role": "user", "X-Hasura-User-Id": "7",
                                     "Cache-Control": "max-age=60"})
        if authorization == "Bearer admin":
            return self.answer(200, {"x-hasura-role": "admin"})
        if authorization == "Bearer no-role":
            return self.answer(200, {"x-hasura-user-id": "7"})
        if authorization == "Bearer hang":
            time.sleep(HANG)
            return self.answer(200, {"x-hasura-role": "user"})
        if authorization == "Bearer broken":
            return self.answer(500, {"error": "oops"})
        if authorization == "Bearer not-json":
            return self.answer(200, b"<html>")
        return self.answer(401, {"error": "who are you"})

    def do_GET(self):
        self.body = None
        self.decide(self.headers.get("Authorization"))

    def do_POST(self):
        self.body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.decide(self.body["headers"].get("authorization"))


@pytest.fixture(params=["GET", "POST"])
def hooked(request, start_engine, service):
    hook = service(Hook)
    engine = start_engine(args=["--admin-secret", SECRET, "--auth-hook", hook.url + "/auth",
                                "--auth-hook-mode", request.param,
                                "--auth-hook-timeout", str(HOOK_TIMEOUT)])
    return engine, hook, request.param


def test_webhook_answer_is_the_session(hooked):
    engine, hook, mode = hooked
    runs_as_non_admin(engine, {"Authorization": "Bearer user", "X-Custom": "c"})
    runs_as_admin(engine, {"Authorization": "Bearer admin"})
    seen = hook.server.requests[0]
    assert seen["method"] == mode
    if mode == "GET":
        assert seen["headers"]["authorization"] == "Bearer user"
        assert seen["headers"]["x-custom"] == "c"
        assert "content-length" not in seen["headers"], "the client's body is not forwarded"
        assert "junction" in seen["headers"]["user-agent"]
    else:
        assert seen["body"]["headers"]["authorization"] == "Bearer user"
        assert seen["body"]["headers"]["x-custom"] == "c"
        graphql_request = [r for r in hook.server.requests
                           if r["body"]["request"] is not None][0]["body"]["request"]
        assert graphql_request == TYPENAME


def test_webhook_refusals_and_failures(hooked):
    engine, _, _ = hooked
    graphql_denial(engine.graphql(TYPENAME, headers={"Authorization": "Bearer nobody"}),
                   "Authentication hook unauthorized this request", "access-denied")
    response = engine.metadata_call(EXPORT, headers={"Authorization": "Bearer nobody"})
    assert response.status_code == 401
    assert response.json() == {"path": "$", "error": "Authentication hook unauthorized this "
                               "request", "code": "access-denied"}
    graphql_denial(engine.graphql(TYPENAME),
                   "Authentication hook unauthorized this request", "access-denied")
    graphql_denial(engine.graphql(TYPENAME, headers={"Authorization": "Bearer broken"}),
                   "Invalid response from authorization hook", "unexpected")
    assert engine.metadata_call(EXPORT, headers={"Authorization": "Bearer broken"}
                                ).status_code == 500
    graphql_denial(engine.graphql(TYPENAME, headers={"Authorization": "Bearer not-json"}),
                   "Invalid response from authorization hook: expected a JSON object",
                   "unexpected")
    graphql_denial(engine.graphql(TYPENAME, headers={"Authorization": "Bearer no-role"}),
                   "x-hasura-role not found in session variables", "invalid-params")
    runs_as_admin(engine, {"X-Hasura-Admin-Secret": SECRET, "Authorization": "Bearer nobody"})


def test_a_hanging_webhook_fails_the_request_after_the_timeout(hooked):
    engine, _, _ = hooked
    started = time.monotonic()
    response = engine.graphql(TYPENAME, headers={"Authorization": "Bearer hang"})
    elapsed = time.monotonic() - started
    graphql_denial(response, "webhook authentication request failed", "unexpected")
    assert HOOK_TIMEOUT * 0.9 <= elapsed < HANG, elapsed
    # Meanwhile and after, other requests are served.
    runs_as_non_admin(engine, {"Authorization": "Bearer user"})
    assert "webhook-log" in engine.log() and "timed out" in engine.log()


def test_webhook_needs_an_admin_secret_and_no_unauthorized_role(tmp_path):
    from support import run_to_exit
    done = run_to_exit(tmp_path, args=["--auth-hook", "http://127.0.0.1:9/"])
    assert done.returncode == 1
    assert "Fatal Error : --auth-hook (HASURA_GRAPHQL_AUTH_HOOK) requires --admin-secret" \
        in done.stderr
    done = run_to_exit(tmp_path, args=["--admin-secret", SECRET, "--auth-hook",
                                       "http://127.0.0.1:9/", "--unauthorized-role", "anon"])
    assert done.returncode == 1
    assert "--unauthorized-role" in done.stderr
    done = run_to_exit(tmp_path, args=["--admin-secret", SECRET, "--auth-hook",
                                       "http://127.0.0.1:9/", "--jwt-secret",
                                       json.dumps({"type": "HS256", "key": HS_KEY})])
    assert done.returncode == 1
    assert "Both webhook and JWT mode cannot be enabled at the same time" in done.stderr


# --- with a database: who a request runs as decides what it reads ------------------------------


def test_a_jwt_role_without_permissions_sees_no_tables(start_engine, pg_cluster):
    url = pg_cluster.create_database("auth_roles", "CREATE TABLE item (id int PRIMARY KEY);")
    engine = start_engine(args=["--admin-secret", SECRET, "--jwt-secret",
                                json.dumps({"type": "HS256", "key": HS_KEY})])
    admin = {"X-Hasura-Admin-Secret": SECRET}
    for call in [{"type": "pg_add_source", "args": {"name": "default", "configuration": {
                     "connection_info": {"database_url": url}}}},
                 {"type": "pg_track_table", "args": {"table": "item"}}]:
        assert engine.metadata_call(call, headers=admin).status_code == 200
    fields = engine.graphql(ROOT_FIELDS, headers=admin).json()
    assert "item" in {f["name"] for f in fields["data"]["__schema"]["queryType"]["fields"]}
    fields = engine.graphql(ROOT_FIELDS, headers=bearer(hs256(claims()))).json()
    assert [f["name"] for f in fields["data"]["__schema"]["queryType"]["fields"]] == [
        "no_queries_available"]


ITEMS_SQL = ("CREATE TABLE item (id int PRIMARY KEY); "
             "INSERT INTO item VALUES (7); INSERT INTO item VALUES (42); "
             "INSERT INTO item VALUES (99);")


def own_items_engine(start_engine, pg_cluster, tmp_path, kind, name, auth_args):
    """An engine over item(id) holding 7, 42 and 99 in a Postgres database `name` or a SQLite
    file, where role `user` may read the item whose id is its session's x-hasura-user-id."""
    engine = start_engine(args=["--admin-secret", SECRET] + auth_args)
    admin = {"X-Hasura-Admin-Secret": SECRET}
    if kind == "postgres":
        url = pg_cluster.create_database(name, ITEMS_SQL)
        source = {"connection_info": {"database_url": url}}
    else:
        source = {"db": str(create_database(tmp_path / "items.db", ITEMS_SQL))}
    prefix = "pg" if kind == "postgres" else "sqlite"
    for call in [{"type": prefix + "_add_source",
                  "args": {"name": "default", "configuration": source}},
                 {"type": prefix + "_track_table", "args": {"table": "item"}},
                 {"type": prefix + "_create_select_permission", "args": {
                     "table": "item", "role": "user", "permission": {
                         "columns": ["id"], "filter": {"id": {"_eq": "X-Hasura-User-Id"}}}}}]:
        response = engine.metadata_call(call, headers=admin)
        assert response.status_code == 200, response.text
    return engine


ITEMS = {"query": "{ item(order_by: {id: asc}) { id } }"}


@pytest.mark.parametrize("kind", ["postgres", "sqlite"])
def test_jwt_claims_are_the_session_permissions_read(start_engine, pg_cluster, tmp_path, kind):
    engine = own_items_engine(start_engine, pg_cluster, tmp_path, kind, "auth_jwt_items",
                              ["--jwt-secret", json.dumps({"type": "HS256", "key": HS_KEY})])
    # The token says user 42; a header claiming another user is not the session.
    headers = {**bearer(hs256(claims())), "X-Hasura-User-Id": "7"}
    assert engine.graphql(ITEMS, headers=headers).json() == {"data": {"item": [{"id": 42}]}}
    forged = claims()
    forged["https://hasura.io/jwt/claims"]["x-hasura-user-id"] = "99"
    wrong_key = hs256(forged, key="another-key-of-at-least-32-characters!!")
    response = engine.graphql(ITEMS, headers=bearer(wrong_key)).json()
    assert response["errors"][0]["extensions"]["code"] == "invalid-jwt", response


@pytest.mark.parametrize("kind", ["postgres", "sqlite"])
def test_webhook_answer_is_the_session_permissions_read(start_engine, pg_cluster, service,
                                                        tmp_path, kind):
    hook = service(Hook)
    engine = own_items_engine(start_engine, pg_cluster, tmp_path, kind, "auth_hook_items",
                              ["--auth-hook", hook.url + "/auth"])
    assert engine.graphql(ITEMS, headers={"Authorization": "Bearer user"}).json() == {
        "data": {"item": [{"id": 7}]}}

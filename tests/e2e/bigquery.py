"""The BigQuery test double for the black-box tests: tests/bigquery/ is a node package (DuckDB
behind BigQuery's REST protocol; scripts/test runs `npm ci` in it) whose server.mjs serves a
seeded project on a free loopback port, with a token endpoint that verifies the engine's JWT
against this session's test key.

    double = BigQueryDouble.start(seed_sql, account)   # account: ServiceAccount.create(tmp)
    double.emulator_host        # 127.0.0.1:PORT, the engine's BIGQUERY_EMULATOR_HOST
    double.control({"fail": [{"status": 403, "reason": "rateLimitExceeded"}]})
    double.stats()              # {"jobs", "tokens", "requests", "queries": [{"sql", …}]}
    double.reset(); double.stop()

Fixtures (import them into a test module): `bq_account` (a service-account key of the session,
its token_uri set per double), `bq_double` (one double for the session over data/bigquery_seed.sql,
reset before each test). A missing node or node_modules fails the test: never a skip.
"""

import json
import pathlib
import shutil

import pytest
import requests

from support import HelperProcess
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "bigquery"
SEED = pathlib.Path(__file__).resolve().parent / "data" / "bigquery_seed.sql"
PROJECT = "my-project"
CLIENT_EMAIL = "junction-tests@my-project.iam.gserviceaccount.com"
START_TIMEOUT = 30
REQUEST_TIMEOUT = 15


def node_binary():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the BigQuery tests run the test double on node "
                    "(scripts/test installs it)", pytrace=False)
    if not (PACKAGE / "node_modules" / "@duckdb" / "node-api" / "package.json").is_file():
        pytest.fail(f"{PACKAGE}/node_modules is missing: run "
                    "`source scripts/lib/deps.sh && junction_npm_ci tests/bigquery` "
                    "(scripts/test does)", pytrace=False)
    return node


class ServiceAccount:
    """A throwaway RSA key pair and the service-account key file Google would issue for it."""

    def __init__(self, directory):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.private_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()).decode()
        self.public_key_path = pathlib.Path(directory) / "bigquery-test-key.pub.pem"
        self.public_key_path.write_bytes(key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))

    def key(self, token_uri):
        """The key file's JSON object, its token_uri pointing at a double."""
        return {"type": "service_account", "project_id": PROJECT, "private_key_id": "test-key-1",
                "private_key": self.private_pem, "client_email": CLIENT_EMAIL,
                "client_id": "1000", "token_uri": token_uri}


class BigQueryDouble(HelperProcess):
    """One running `node server.mjs`; stopped by its PID."""

    def __init__(self, process, port, account):
        super().__init__(process)
        self.port = port
        self.account = account

    @classmethod
    def start(cls, account, seed=SEED, port=0):
        process, port = HelperProcess.launch(
            [node_binary(), str(PACKAGE / "server.mjs"), "--port", str(port), "--seed", str(seed),
             "--public-key", str(account.public_key_path), "--client-email", CLIENT_EMAIL,
             "--project", PROJECT],
            PACKAGE, "the BigQuery double", lambda line: json.loads(line)["port"], START_TIMEOUT)
        return cls(process, port, account)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def emulator_host(self):
        return f"127.0.0.1:{self.port}"

    @property
    def token_uri(self):
        return self.base + "/token"

    def key(self):
        """The service-account key (a JSON object) whose tokens this double issues."""
        return self.account.key(self.token_uri)

    def env(self, extra=None):
        """The engine's environment: the emulator host and the key in BIGQUERY_SERVICE_ACCOUNT
        (the seed's `from_env`)."""
        env = {"BIGQUERY_EMULATOR_HOST": self.emulator_host,
               "BIGQUERY_SERVICE_ACCOUNT": json.dumps(self.key())}
        env.update(extra or {})
        return env

    def control(self, settings):
        response = requests.post(self.base + "/control", json=settings, timeout=REQUEST_TIMEOUT)
        assert response.status_code == 200, response.text

    def reset(self):
        response = requests.post(self.base + "/control/reset", timeout=REQUEST_TIMEOUT)
        assert response.status_code == 200, response.text

    def stats(self):
        response = requests.get(self.base + "/control/stats", timeout=REQUEST_TIMEOUT)
        assert response.status_code == 200, response.text
        return response.json()



@pytest.fixture(scope="session")
def bq_account(tmp_path_factory):
    return ServiceAccount(tmp_path_factory.mktemp("bigquery-key"))


@pytest.fixture(scope="session")
def bq_session_double(bq_account):
    double = BigQueryDouble.start(bq_account)
    yield double
    double.stop()


@pytest.fixture
def bq_double(bq_session_double):
    """The session's double, its statistics, faults and settings reset for this test."""
    assert bq_session_double.running(), "".join(bq_session_double.stderr_lines)
    bq_session_double.reset()
    return bq_session_double

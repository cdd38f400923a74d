"""The web console in a real browser: two throwaway Postgres databases, the fixtures' "users"
GraphQL server (tests/e2e/remote_graphql/), the real engine serving console/dist with an admin
secret (and a second one with a JWT secret as well), and tests/console/console.mjs driving
Debian's chromium through playwright-core over the console's pages (sign-in, Data, relationships,
the explorer and its history, remote schemas, permissions, metadata and its inconsistencies), one
numbered screenshot per step. Afterwards, the admin secret must appear in neither engine's log.

    JUNCTION_BIN=build/junction /usr/bin/python3 -m pytest -q tests/e2e/test_console_browser.py

Its own ctest test (`console`, run with `ctest -L console`), left out of the `e2e` run: it needs
what scripts/test installs and builds (chromium, tests/console/node_modules, console/dist).

    JUNCTION_CONSOLE_OUTPUT_DIR=DIR   where the screenshots go (ctest: <build>/test-output/console;
                                      otherwise a pytest temporary directory)
    JUNCTION_CONSOLE_SCREENSHOTS=DIR  after a passing run, copy them there too (relative to the
                                      working directory): docs/console.md's are regenerated with
                                      JUNCTION_CONSOLE_SCREENSHOTS=docs/images/console
"""

import json
import os
import pathlib
import re
import shutil
import signal
import subprocess

import pytest

from remote_graphql import start_remote  # a fixture

FIXTURES = (start_remote,)

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONSOLE_DIST = ROOT / "console" / "dist"
BROWSER_TESTS = ROOT / "tests" / "console"
SCRIPT = BROWSER_TESTS / "console.mjs"
CHROMIUM = pathlib.Path("/usr/bin/chromium")
SECRET = "console-browser-test-secret"
JWT_SECRET = {"type": "HS256", "key": "console-browser-test-jwt-key-of-32-bytes"}
# playwright-core 1.65 (tests/console/package.json) runs on Node.js 20 or later.
NODE_MAJOR_NEEDED = 20
# The script stops itself at its own deadline (console.mjs, 150 s) and closes chromium; this is the
# backstop for a script that hangs regardless, after which its whole process group is killed.
SCRIPT_TIMEOUT = 200  # seconds

ORDERS_SQL = """
CREATE TABLE "order" (id int PRIMARY KEY, user_id int, product text);
INSERT INTO "order" VALUES (1, 1, 'Teapot'), (2, 2, 'Kettle'), (3, 1, 'Cups'), (4, 3, 'Tray');
"""
USERS_SQL = """
CREATE TABLE "user" (id int PRIMARY KEY, name text);
INSERT INTO "user" VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger');
"""


def need(condition, message):
    """Fails loudly (never skips) when something the test needs was not installed or built."""
    if not condition:
        pytest.fail(message, pytrace=False)


def node_version():
    """What `node --version` says (`v20.20.2`), and its major version (20; None when unreadable)."""
    try:
        done = subprocess.run(["node", "--version"], capture_output=True, text=True, timeout=10,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error), None
    text = done.stdout.strip() or done.stderr.strip()
    match = re.match(r"v(\d+)\.", text)
    return text, int(match.group(1)) if match else None


def run_script(env):
    """Runs console.mjs in a process group of its own, killed whole if it hangs past
    SCRIPT_TIMEOUT; chromium (which playwright starts in a group of its own) quits when its pipe
    to the script closes. Returns (status, output)."""
    process = subprocess.Popen(["node", str(SCRIPT)], cwd=BROWSER_TESTS, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=SCRIPT_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return None, output + f"\n(killed after {SCRIPT_TIMEOUT} s)"
    return process.returncode, output


def test_console_in_chromium(pg_cluster, pg_cluster_b, start_engine, start_remote, tmp_path):
    need((CONSOLE_DIST / "index.html").is_file(),
         f"{CONSOLE_DIST}/index.html is missing: the console is not built; run scripts/test, "
         "which builds the console (or: npm ci --prefix console && npm run build --prefix console)")
    need((BROWSER_TESTS / "node_modules" / "playwright-core").is_dir(),
         "tests/console/node_modules has no playwright-core; run scripts/test, which installs it "
         "(or: npm ci --prefix tests/console)")
    need(os.access(CHROMIUM, os.X_OK),
         f"{CHROMIUM} is missing; run scripts/test, which installs Debian's chromium")
    need(shutil.which("node") is not None, "node is missing; run scripts/test, which installs it")
    version, major = node_version()
    need(major is not None and major >= NODE_MAJOR_NEEDED,
         f"`node --version` says {version!r}: playwright-core 1.65 needs Node.js "
         f"{NODE_MAJOR_NEEDED} or later")
    psql = shutil.which("psql")
    need(psql is not None, "psql is missing; it comes with Debian's postgresql, which scripts/test "
         "installs")

    orders_url = pg_cluster.create_database("console_orders", ORDERS_SQL)
    users_url = pg_cluster_b.create_database("console_users", USERS_SQL)
    users_server = start_remote("users")  # its root fields user, users, … clash with the tables'
    engine = start_engine(args=["--admin-secret", SECRET,
                                "--console-assets-dir", str(CONSOLE_DIST)])
    # Without credentials this one answers 400 invalid-headers, not access-denied.
    jwt_engine = start_engine(args=["--admin-secret", SECRET, "--jwt-secret",
                                    json.dumps(JWT_SECRET),
                                    "--console-assets-dir", str(CONSOLE_DIST)])

    output_dir = pathlib.Path(os.environ.get("JUNCTION_CONSOLE_OUTPUT_DIR") or
                              tmp_path / "screenshots")
    shutil.rmtree(output_dir, ignore_errors=True)  # no screenshot of an earlier run left behind
    output_dir.mkdir(parents=True)

    env = {key: value for key, value in os.environ.items() if not key.startswith("CONSOLE_")}
    env.update({
        "CONSOLE_ENGINE_URL": engine.url,
        "CONSOLE_ADMIN_SECRET": SECRET,
        "CONSOLE_JWT_ENGINE_URL": jwt_engine.url,
        "CONSOLE_PSQL": psql,
        "CONSOLE_DEFAULT_DATABASE_URL": orders_url,
        "CONSOLE_PG2_DATABASE_URL": users_url,
        "CONSOLE_USERS_REMOTE_URL": users_server.url,
        "CONSOLE_SCREENSHOT_DIR": str(output_dir),
    })
    status, output = run_script(env)
    print(output)  # pytest shows it with -s, and on failure
    assert status == 0, (f"tests/console/console.mjs failed (status {status}); screenshots in "
                         f"{output_dir}\n{output}\n--- engine log ---\n{engine.log()}")
    for name, started in (("engine", engine), ("JWT engine", jwt_engine)):
        assert SECRET not in started.log(), f"the admin secret is in the {name}'s log"

    docs_dir = os.environ.get("JUNCTION_CONSOLE_SCREENSHOTS")
    if docs_dir:
        target = pathlib.Path(docs_dir)
        target.mkdir(parents=True, exist_ok=True)
        for stale in target.glob("*.png"):
            stale.unlink()
        for screenshot in sorted(output_dir.glob("*.png")):
            shutil.copyfile(screenshot, target / screenshot.name)

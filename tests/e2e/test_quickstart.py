"""The README's promise: `./scripts/quickstart` serves a join across two databases with no other
step, and the README's example query answers exactly what the README shows.

The test runs the real script (its dependency check, an up-to-date build of the binary under test,
the databases built from examples/quickstart/*.sql, `junction serve --metadata-dir …`), runs the
README's `curl` against it and compares the answer with the README's, key order included. It also
runs the two queries the script prints, checks that the web console it built is served at
/console, then stops the script with Ctrl-C (SIGINT) as a user would.
"""

import json
import os
import pathlib
import re
import signal
import subprocess
import time

import requests

from support import REQUEST_TIMEOUT, START_TIMEOUT, STOP_TIMEOUT, clean_env, free_port, junction_bin

REPO = pathlib.Path(__file__).resolve().parents[2]
README = REPO / "README.md"
DEFAULT_URL = "http://127.0.0.1:8080"


def readme_example():
    """The README's example: its curl command and the response it shows (parsed, order kept)."""
    text = README.read_text()
    query = re.search(r"<!-- quickstart:query -->\s*```sh\n(.*?)```", text, re.S)
    response = re.search(r"<!-- quickstart:response -->\s*```json\n(.*?)```", text, re.S)
    assert query and response, "README.md lost its quickstart example markers"
    return query.group(1).strip(), json.loads(response.group(1))


def printed_curls(output):
    """The curl commands the script printed (each spans two lines joined by a backslash)."""
    commands = re.findall(r"^  (curl -s .*?\\\n\s+-d '.*?')$", output, re.M)
    return [c.replace("\\\n", " ") for c in commands]


def run_curl(command, url):
    done = subprocess.run(["bash", "-c", command.replace(DEFAULT_URL, url)], capture_output=True,
                          text=True, timeout=REQUEST_TIMEOUT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_quickstart_serves_the_readme_example():
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    build_dir = os.path.dirname(junction_bin())
    env = clean_env({"PORT": str(port), "BUILD_DIR": build_dir, "JOBS": "1"})
    script = subprocess.Popen([str(REPO / "scripts" / "quickstart")], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    output = []
    try:
        # The script prints its instructions once the engine answers /healthz; a build that is
        # up to date takes seconds, but leave room for a slow dependency check.
        deadline = time.monotonic() + START_TIMEOUT + 120
        while "Ctrl-C stops the engine." not in "".join(output):
            assert time.monotonic() < deadline, "".join(output)
            line = script.stdout.readline()
            assert line or script.poll() is None, "quickstart exited:\n" + "".join(output)
            output.append(line)
        printed = "".join(output)
        assert requests.get(url + "/healthz", timeout=REQUEST_TIMEOUT).status_code == 200

        command, expected = readme_example()
        answer = run_curl(command, url)
        assert answer == expected, json.dumps(answer, indent=2)
        assert json.dumps(answer) == json.dumps(expected), "key order differs from the README"
        # The example joins the two databases: customers (crm) with their orders (shop).
        assert any(customer["orders"] for customer in answer["data"]["customers"])

        curls = printed_curls(printed)
        assert len(curls) == 2, printed
        for curl in curls:
            body = run_curl(curl, url)
            assert "errors" not in body and body["data"], body
        orders = run_curl(curls[1], url)["data"]["orders"]
        assert orders and all(order["customer"]["name"] for order in orders), orders

        # The web console the script built and names: the app itself, not the not-built page.
        assert f"{url}/console" in printed, printed
        console = requests.get(url + "/console", timeout=REQUEST_TIMEOUT)
        assert console.status_code == 200, console.text
        assert console.headers["Content-Type"].startswith("text/html"), console.headers
        assert '<div id="root">' in console.text and "/console/assets/" in console.text, console.text
        root = requests.get(url + "/", timeout=REQUEST_TIMEOUT, allow_redirects=False)
        assert (root.status_code, root.headers.get("Location")) == (307, "/console"), root.headers
    finally:
        if script.poll() is None:
            os.killpg(script.pid, signal.SIGINT)
        try:
            script.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(script.pid, signal.SIGKILL)
            script.wait()
            raise AssertionError("quickstart did not stop on Ctrl-C:\n" + "".join(output))
    assert script.returncode == 0, "".join(output) + script.stdout.read()

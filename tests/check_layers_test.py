"""Self-test of scripts/check_layers: proves the layering check fails when it should, naming the
file and line, and passes on code that follows DESIGN.md §3. Run by ctest (label `lint`):

    /usr/bin/python3 -m pytest -q tests/check_layers_test.py
"""

import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
CHECK = REPO / "scripts" / "check_layers"
FIXTURE = REPO / "tests" / "layers_fixture"


def run_check(root):
    result = subprocess.run([sys.executable, str(CHECK), "--root", str(root)],
                            capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout.splitlines()


def write_tree(root, files):
    for relative, text in files.items():
        path = root / "src" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_fixture_reports_exactly_the_bad_include_and_the_bad_dependency():
    code, lines = run_check(FIXTURE)
    assert code == 1
    assert len(lines) == 2, lines
    assert lines[0].startswith(
        'src/graphql/validation/unknown_rule.cc:4: #include "server/engine.h": '
        "graphql may not use server")
    assert lines[1].startswith(
        "src/metadata/CMakeLists.txt:2: depends on junction_schema: metadata may not use schema")


def test_downward_and_same_folder_includes_pass(tmp_path):
    write_tree(tmp_path, {
        "common/error.h": "#pragma once\n",
        "graphql/parser.h": '#include "common/error.h"\n#include "graphql/ast.h"\n',
        "app/main.cc": '#include "server/engine.h"\n#include "common/error.h"\n',
        "backends/sqlite/from_ir.cc": '#include "backends/sql/print.h"\n#include "backends/source.h"\n',
        "backends/source.cc": '#include "backends/postgres/connection.h"\n',
    })
    code, lines = run_check(tmp_path)
    assert code == 0, lines


def test_backend_siblings_may_not_include_each_other(tmp_path):
    write_tree(tmp_path, {
        "backends/postgres/from_ir.cc": '#include "backends/sqlite/dialect.h"\n',
        "backends/remote_graphql/client.cc": '\n#include "backends/sql/print.h"\n',
        "backends/sql/print.cc": '#include "backends/bigquery/dialect.h"\n',
    })
    code, lines = run_check(tmp_path)
    assert code == 1
    assert [line.split(": ")[0] for line in lines] == [
        "src/backends/postgres/from_ir.cc:1",
        "src/backends/remote_graphql/client.cc:2",
        "src/backends/sql/print.cc:1",
    ], lines
    assert "sibling" in lines[0]


def test_relative_climbing_includes_and_unknown_folders_fail(tmp_path):
    write_tree(tmp_path, {
        "graphql/parser.cc": '#include "../server/engine.h"\n',
        "utils/strings.h": "#pragma once\n",
    })
    code, lines = run_check(tmp_path)
    assert code == 1
    assert any(line.startswith("src/graphql/parser.cc:1:") and '".."' in line for line in lines)
    assert any(line.startswith("src/utils/strings.h:1:") and "not a layer" in line
               for line in lines)


def test_cmake_dependency_on_a_higher_backend_sibling_fails(tmp_path):
    write_tree(tmp_path, {
        "backends/postgres/CMakeLists.txt":
            "# links junction_backends_sqlite in a comment: ignored\n"
            "target_link_libraries(junction_backends_postgres PUBLIC junction_backends_sql\n"
            "  junction_backends_sqlite)\n",
        "plan/CMakeLists.txt": "junction_library(plan DEPS junction_ir junction_execute)\n",
    })
    code, lines = run_check(tmp_path)
    assert code == 1
    assert [line.split(": ")[0] for line in lines] == [
        "src/backends/postgres/CMakeLists.txt:3",
        "src/plan/CMakeLists.txt:1",
    ], lines

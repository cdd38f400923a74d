"""POST /v1/metadata on an engine without sources: export, replace and clear, persisted atomically
in the metadata file and read back after a restart; a corrupt file stops start-up untouched."""

import json

from support import free_port, read_json, run_to_exit

EMPTY = {"version": 3, "sources": []}
# Metadata an engine without databases can hold: a query collection and an allowlist entry.
COLLECTIONS = {
    "version": 3,
    "sources": [],
    "query_collections": [{
        "name": "allowed-queries",
        "definition": {"queries": [{"name": "typename", "query": "query typename { __typename }"}]},
    }],
    "allowlist": [{"collection": "allowed-queries", "scope": {"global": True}}],
}


def export(engine):
    response = engine.metadata_call({"type": "export_metadata", "args": {}})
    assert response.status_code == 200, response.text
    return response.json()


def assert_file_holds(engine, metadata):
    """The metadata file is complete JSON holding `metadata`, and no temporary file is left."""
    stored = read_json(engine.metadata)
    assert stored["metadata"] == metadata
    leftovers = [p.name for p in engine.metadata.parent.iterdir()
                 if p.name.startswith(engine.metadata.name) and p != engine.metadata]
    assert leftovers == []


def test_fresh_engine_exports_empty_metadata(start_engine):
    engine = start_engine()
    assert export(engine) == EMPTY


def test_replace_export_clear_round_trip_is_persisted(start_engine):
    engine = start_engine()
    replaced = engine.metadata_call({"type": "replace_metadata", "args": COLLECTIONS})
    assert replaced.status_code == 200, replaced.text
    assert replaced.json() == {"message": "success"}
    assert export(engine) == COLLECTIONS
    assert_file_holds(engine, COLLECTIONS)

    cleared = engine.metadata_call({"type": "clear_metadata", "args": {}})
    assert cleared.status_code == 200, cleared.text
    assert cleared.json() == {"message": "success"}
    assert export(engine) == EMPTY
    assert_file_holds(engine, EMPTY)


def test_metadata_survives_a_restart(start_engine, tmp_path):
    metadata = tmp_path / "kept.json"
    first = start_engine(metadata=metadata)
    assert first.metadata_call({"type": "replace_metadata", "args": COLLECTIONS}).status_code == 200
    exported = export(first)
    assert first.stop() == 0
    second = start_engine(metadata=metadata)
    assert export(second) == exported == COLLECTIONS


def test_export_version_2_carries_the_resource_version(start_engine):
    engine = start_engine()
    before = engine.metadata_call({"type": "export_metadata", "version": 2, "args": {}}).json()
    assert before["metadata"] == EMPTY
    engine.metadata_call({"type": "replace_metadata", "args": COLLECTIONS})
    after = engine.metadata_call({"type": "export_metadata", "version": 2, "args": {}}).json()
    assert after["metadata"] == COLLECTIONS
    assert after["resource_version"] == before["resource_version"] + 1
    assert read_json(engine.metadata)["resource_version"] == after["resource_version"]


def test_file_is_valid_json_after_every_call(start_engine):
    engine = start_engine()
    calls = [
        {"type": "replace_metadata", "args": COLLECTIONS},
        {"type": "export_metadata", "args": {}},
        {"type": "clear_metadata", "args": {}},
        {"type": "replace_metadata", "args": EMPTY},
        {"type": "replace_metadata", "args": {"version": 3, "sources": "not a list"}},
        {"type": "no_such_command", "args": {}},
        {"type": "bulk", "args": [{"type": "replace_metadata", "args": COLLECTIONS},
                                  {"type": "clear_metadata", "args": {}}]},
    ]
    for call in calls:
        engine.metadata_call(call)
        assert isinstance(read_json(engine.metadata)["metadata"], dict), call
    assert export(engine) == EMPTY


def test_refused_change_leaves_metadata_and_file_alone(start_engine):
    engine = start_engine()
    engine.metadata_call({"type": "replace_metadata", "args": COLLECTIONS})
    before = engine.metadata.read_bytes()
    response = engine.metadata_call({"type": "replace_metadata",
                                     "args": {"version": 3, "sources": "not a list"}})
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"path", "error", "code"}, body
    assert body["path"].startswith("$.args"), body
    assert engine.metadata.read_bytes() == before
    assert export(engine) == COLLECTIONS


def test_malformed_metadata_request_body(start_engine):
    engine = start_engine()
    response = engine.post("/v1/metadata", data=b"{nope",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid-json" and body["path"] == "$", body


def test_corrupt_metadata_file_stops_start_up_and_is_left_unchanged(tmp_path):
    metadata = tmp_path / "corrupt.json"
    corrupt = b'{"resource_version": 3, "metadata": {"version": 3, "sources": [}\n'
    metadata.write_bytes(corrupt)
    result = run_to_exit(tmp_path, ["--port", str(free_port()), "--metadata-store", str(metadata)])
    assert result.returncode == 1, result
    assert f'cannot load metadata from "{metadata}"' in result.stderr, result.stderr
    assert "line 1" in result.stderr, result.stderr  # where the JSON breaks
    assert metadata.read_bytes() == corrupt
    assert [p.name for p in tmp_path.iterdir()] == ["corrupt.json"]


def test_metadata_file_that_is_not_metadata_stops_start_up(tmp_path):
    metadata = tmp_path / "wrong.json"
    metadata.write_text(json.dumps({"version": 3, "sources": {"not": "a list"}}))
    before = metadata.read_bytes()
    result = run_to_exit(tmp_path, ["--port", str(free_port()), "--metadata-store", str(metadata)])
    assert result.returncode == 1, result
    assert f'cannot load metadata from "{metadata}"' in result.stderr, result.stderr
    assert metadata.read_bytes() == before

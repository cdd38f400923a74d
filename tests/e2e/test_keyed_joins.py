"""Keyed object joins end to end (docs/architecture.md, "Keyed object joins"): an object
relationship on one integer, text or uuid column sends the distinct keys alone and maps the
target's answer back to the parents' keys. An int4 parent joins an int8 target by the very text
of its keys; a uuid or a text parent's keys are JSON strings, matched through the text the target
writes (strings that need escaping in JSON included); a target column that is not unique gives
each parent one of its rows.
"""

import pytest

from support import answer
from test_postgres import add_source, call

PARENT_SQL = """
CREATE TABLE item (id int PRIMARY KEY, owner_id int4, ref uuid, label text);
INSERT INTO item VALUES
  (1, 7, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', E'Tab\\tand "quotes"'),
  (2, 7, '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', 'Crème brûlée'),
  (3, 12, 'b1ffcd88-8d1a-4ef8-bb6d-6bb9bd380a22', 'nobody'),
  (4, NULL, NULL, NULL);
"""

TARGET_SQL = """
CREATE TABLE owner (id int8 PRIMARY KEY, name text NOT NULL);
CREATE TABLE document (ref uuid PRIMARY KEY, title text NOT NULL);
CREATE TABLE note (label text, body text NOT NULL);
INSERT INTO owner VALUES (7, 'Seven'), (12, 'Twelve');
INSERT INTO document VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'Plan'),
                            ('b1ffcd88-8d1a-4ef8-bb6d-6bb9bd380a22', 'Map');
INSERT INTO note VALUES (E'Tab\\tand "quotes"', 'first'), (E'Tab\\tand "quotes"', 'second'),
                        ('Crème brûlée', 'dessert');
"""


def relationship(name, column, table, target_column):
    return {"source": "parent", "table": "item", "name": name,
            "definition": {"to_source": {"source": "target", "table": table,
                                         "relationship_type": "object",
                                         "field_mapping": {column: target_column}}}}


@pytest.fixture(scope="module")
def joined(pg_cluster, start_engine_module):
    engine = start_engine_module()
    add_source(engine, pg_cluster.create_database("keyed_parent", PARENT_SQL), name="parent")
    add_source(engine, pg_cluster.create_database("keyed_target", TARGET_SQL), name="target")
    call(engine, "pg_track_table", {"source": "parent", "table": "item"})
    for table in ("owner", "document", "note"):
        call(engine, "pg_track_table", {"source": "target", "table": table})
    for args in (relationship("owner", "owner_id", "owner", "id"),
                 relationship("document", "ref", "document", "ref"),
                 relationship("note", "label", "note", "label")):
        call(engine, "pg_create_remote_relationship", args)
    return engine


def test_keys_the_target_writes_differently_still_join(joined):
    body = answer(joined, """{ item(order_by: {id: asc}) {
        id owner { name } document { title } } }""")
    assert body["data"] == {"item": [
        {"id": 1, "owner": {"name": "Seven"}, "document": {"title": "Plan"}},
        {"id": 2, "owner": {"name": "Seven"}, "document": {"title": "Plan"}},
        {"id": 3, "owner": {"name": "Twelve"}, "document": {"title": "Map"}},
        {"id": 4, "owner": None, "document": None}]}


def test_text_keys_with_escapes_and_a_column_that_is_not_unique(joined):
    body = answer(joined, "{ item(order_by: {id: asc}) { id note { body } } }")
    first, second, third, fourth = body["data"]["item"]
    assert first["note"]["body"] in ("first", "second")  # one of the two rows of that label
    assert second == {"id": 2, "note": {"body": "dessert"}}
    assert third == {"id": 3, "note": None}
    assert fourth == {"id": 4, "note": None}


def test_each_relationship_takes_the_keys_alone(joined):
    response = joined.post("/v1/graphql/explain", json={"query": {
        "query": "{ item { owner { name } document { title } note { body } } }"}})
    assert response.status_code == 200, response.text
    hops = {hop["field"]: hop for hop in response.json()[1:]}
    assert set(hops) == {"item.owner", "item.document", "item.note"}
    for field, type_ in (("item.owner", "int8"), ("item.document", "uuid"), ("item.note", "text")):
        assert f"= ANY($1::{type_}[])" in hops[field]["sql"], hops[field]
        assert "json_object_agg(" in hops[field]["sql"] and "unnest(" not in hops[field]["sql"]

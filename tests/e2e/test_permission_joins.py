"""Select permissions across remote database relationships (REMOTE_JOINS.md §4, issue 7), through
the real binary, in three set-ups: Postgres → Postgres on another cluster, Postgres → SQLite and
SQLite → Postgres. The left-hand source is `source` (artist, track), the target `target` (album),
as in Hasura's XToDBArrayRelationshipSpec / XToDBObjectRelationshipSpec, whose permission
sections these tests follow; the request's role and session variables govern the target too.

    artist  1 artist1   2 artist2   3 artist3_no_albums   NULL artist4_no_id
    album   1 album1_artist1 (artist 1)   2 album2_artist1 (1)   3 album3_artist1 (1)
            4 album4_artist2 (2)
    track   1 track1_album1 (album 1)   2 track2_album1 (1)   3 track1_album2 (2)
            4 track1_album4 (4)         5 track_no_album (NULL)

Relationships: artist.albums (array, id → artist_id), track.album (object, album_id → id).
Roles:
    role1   album: title, artist_id where artist_id = X-Hasura-Artist-Id
    role2   album: id, title, artist_id, same filter, limit 2, aggregations allowed
    role3   no permission on album
    role4   artist: name only, track: title only; album: title only, every row (join columns
            selectable on neither side)
    titled  artist / track filtered by a remote relationship (item 4), no permission on album
Statements are counted in the engine's query log (one per hop).
"""

import pytest

from permissions import (ENGINE_ARGS, admin_call, as_admin, as_role, check, check_error, grant_all,
                         missing, same, type_fields)
from sqlite import QUERY_LOG, QueryLog, create_database

LHS_SQL = """
CREATE TABLE artist (id INTEGER, name TEXT NOT NULL);
CREATE TABLE track (id INTEGER PRIMARY KEY, title TEXT NOT NULL, album_id INTEGER);
INSERT INTO artist VALUES (1, 'artist1'), (2, 'artist2'), (3, 'artist3_no_albums'),
                          (NULL, 'artist4_no_id');
INSERT INTO track VALUES (1, 'track1_album1', 1), (2, 'track2_album1', 1),
                         (3, 'track1_album2', 2), (4, 'track1_album4', 4),
                         (5, 'track_no_album', NULL);
"""

RHS_SQL = """
CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT NOT NULL, artist_id INTEGER);
INSERT INTO album VALUES (1, 'album1_artist1', 1), (2, 'album2_artist1', 1),
                         (3, 'album3_artist1', 1), (4, 'album4_artist2', 2);
"""

BY_ARTIST = {"artist_id": {"_eq": "x-hasura-artist-id"}}
EVERY_ROW = {}

LHS_PERMISSIONS = [
    ("artist", "role1", {"columns": ["id", "name"], "filter": EVERY_ROW}),
    ("track", "role1", {"columns": ["id", "title", "album_id"], "filter": EVERY_ROW}),
    ("artist", "role2", {"columns": ["id", "name"], "filter": EVERY_ROW}),
    ("artist", "role3", {"columns": ["id", "name"], "filter": EVERY_ROW}),
    ("track", "role3", {"columns": ["id", "title"], "filter": EVERY_ROW}),
    ("artist", "role4", {"columns": ["name"], "filter": EVERY_ROW}),
    ("track", "role4", {"columns": ["title"], "filter": EVERY_ROW}),
    ("artist", "titled", {"columns": ["id", "name"],
                          "filter": {"albums": {"title": {"_eq": "X-Hasura-Title"}}}}),
    ("track", "titled", {"columns": ["id", "title"],
                         "filter": {"album": {"title": {"_eq": "X-Hasura-Title"}}}}),
    ("artist", "titled_or", {"columns": ["name"], "filter": {"_or": [
        {"albums": {"title": {"_eq": "X-Hasura-Title"}}},
        {"name": {"_eq": "artist3_no_albums"}}]}}),
]

RHS_PERMISSIONS = [
    ("album", "role1", {"columns": ["title", "artist_id"], "filter": BY_ARTIST}),
    ("album", "role2", {"columns": ["id", "title", "artist_id"], "filter": BY_ARTIST,
                        "limit": 2, "allow_aggregations": True}),
    ("album", "role4", {"columns": ["title"], "filter": EVERY_ROW}),
]

# (left-hand backend, target backend) of each set-up.
SETUPS = {"pg_to_pg": ("postgres", "postgres"), "pg_to_sqlite": ("postgres", "sqlite"),
          "sqlite_to_pg": ("sqlite", "postgres")}
PREFIX = {"postgres": "pg", "sqlite": "sqlite"}
SCHEMA = {"postgres": "public", "sqlite": "main"}


def spell(kind, name):
    return {"schema": SCHEMA[kind], "name": name}


class Joined:
    def __init__(self, engine, lhs, rhs):
        self.engine = engine
        self.lhs = lhs
        self.rhs = rhs


def add_database(engine, kind, name, location):
    if kind == "postgres":
        admin_call(engine, "pg_add_source", {"name": name, "configuration": {
            "connection_info": {"database_url": location}}})
    else:
        admin_call(engine, "sqlite_add_source",
                   {"name": name, "configuration": {"db": str(location)}})


def make_database(kind, name, sql, cluster, directory):
    if kind == "postgres":
        return cluster.create_database(name, sql)
    return create_database(directory / f"{name}.db", sql)


@pytest.fixture(scope="module", params=list(SETUPS))
def joined(request, pg_cluster, pg_cluster_b, tmp_path_factory, start_engine_module):
    lhs, rhs = SETUPS[request.param]
    directory = tmp_path_factory.mktemp("permission-joins")
    lhs_db = make_database(lhs, f"pj_lhs_{request.param}", LHS_SQL, pg_cluster, directory)
    rhs_db = make_database(rhs, f"pj_rhs_{request.param}", RHS_SQL, pg_cluster_b, directory)
    engine = start_engine_module(args=ENGINE_ARGS + QUERY_LOG)
    add_database(engine, lhs, "source", lhs_db)
    add_database(engine, rhs, "target", rhs_db)
    for table in ["artist", "track"]:
        admin_call(engine, PREFIX[lhs] + "_track_table",
                   {"source": "source", "table": spell(lhs, table)})
    admin_call(engine, PREFIX[rhs] + "_track_table",
               {"source": "target", "table": spell(rhs, "album")})
    for table, name, kind, mapping in [("artist", "albums", "array", {"id": "artist_id"}),
                                       ("track", "album", "object", {"album_id": "id"})]:
        assert admin_call(engine, PREFIX[lhs] + "_create_remote_relationship", {
            "source": "source", "table": spell(lhs, table), "name": name,
            "definition": {"to_source": {"source": "target", "table": spell(rhs, "album"),
                                         "relationship_type": kind,
                                         "field_mapping": mapping}}}) == {"message": "success"}
    grant_all(engine,
              [("source", spell(lhs, table), role, permission)
               for table, role, permission in LHS_PERMISSIONS] +
              [("target", spell(rhs, table), role, permission)
               for table, role, permission in RHS_PERMISSIONS])
    return Joined(engine, lhs, rhs)


ARTISTS_ALBUMS = """{ artist(order_by: {name: asc}) {
    name albums(order_by: {title: asc}) { title } } }"""


def test_admin_sees_every_row(joined):
    same(as_admin(joined.engine, ARTISTS_ALBUMS),
         {"data": {"artist": [
             {"name": "artist1", "albums": [{"title": "album1_artist1"},
                                            {"title": "album2_artist1"},
                                            {"title": "album3_artist1"}]},
             {"name": "artist2", "albums": [{"title": "album4_artist2"}]},
             {"name": "artist3_no_albums", "albums": []},
             {"name": "artist4_no_id", "albums": None}]}})


# ---- the target's permission governs the relationship --------------------------------------------

def test_only_allowed_rows_of_an_array_relationship(joined):
    check(joined.engine, ARTISTS_ALBUMS, "role1",
          {"artist": [{"name": "artist1", "albums": [{"title": "album1_artist1"},
                                                     {"title": "album2_artist1"},
                                                     {"title": "album3_artist1"}]},
                      {"name": "artist2", "albums": []},  # album 4 is artist 2's: hidden
                      {"name": "artist3_no_albums", "albums": []},
                      {"name": "artist4_no_id", "albums": None}]},
          artist_id=1)
    check(joined.engine, ARTISTS_ALBUMS, "role1",
          {"artist": [{"name": "artist1", "albums": []},
                      {"name": "artist2", "albums": [{"title": "album4_artist2"}]},
                      {"name": "artist3_no_albums", "albums": []},
                      {"name": "artist4_no_id", "albums": None}]},
          artist_id=2)


def test_only_allowed_rows_of_an_object_relationship(joined):
    check(joined.engine, "{ track(order_by: {id: asc}) { title album { title } } }", "role1",
          {"track": [{"title": "track1_album1", "album": {"title": "album1_artist1"}},
                     {"title": "track2_album1", "album": {"title": "album1_artist1"}},
                     {"title": "track1_album2", "album": {"title": "album2_artist1"}},
                     {"title": "track1_album4", "album": None},  # another artist's album
                     {"title": "track_no_album", "album": None}]},
          artist_id=1)


def test_only_allowed_columns(joined):
    e = joined.engine
    assert type_fields(e, "album", "role1", artist_id=1) == ["artist_id", "title"]
    check(e, """{ artist(where: {name: {_eq: "artist1"}}) {
            name albums(limit: 1) { __typename } } }""", "role1",
          {"artist": [{"name": "artist1", "albums": [{"__typename": "album"}]}]}, artist_id=1)
    check_error(e, "{ artist { albums { id } } }", "role1", {"errors": [{
        "message": 'Cannot query field "id" on type "album".',
        "locations": [{"line": 1, "column": 21}],
        "extensions": {"path": "$", "code": "validation-failed"}}]}, artist_id=1)


def test_aggregates_only_with_allow_aggregations(joined):
    e = joined.engine
    assert type_fields(e, "artist", "role1") == ["albums", "id", "name"]
    assert type_fields(e, "artist", "role2") == ["albums", "albums_aggregate", "id", "name"]


def test_no_permission_on_the_target_hides_the_relationship(joined):
    e = joined.engine
    assert type_fields(e, "artist", "role3") == ["id", "name"]
    assert type_fields(e, "track", "role3") == ["id", "title"]
    assert type_fields(e, "album", "role3") is None
    check_error(e, "{ artist { albums { title } } }", "role3", {"errors": [{
        "message": 'Cannot query field "albums" on type "artist".',
        "locations": [{"line": 1, "column": 12}],
        "extensions": {"path": "$", "code": "validation-failed"}}]})


def test_the_targets_session_variable_must_be_sent(joined):
    same(as_role(joined.engine, ARTISTS_ALBUMS, "role1"), missing("x-hasura-artist-id"))


# ---- limits --------------------------------------------------------------------------------------

ARTIST1_ALBUMS = """{ artist(where: {name: {_eq: "artist1"}}) {
    name albums(order_by: {id: asc}%s) { title } } }"""


@pytest.mark.parametrize("user_limit, titles", [
    ("", ["album1_artist1", "album2_artist1"]),           # no-query-limit
    (", limit: 1", ["album1_artist1"]),                   # user-limit-less-than-permission-limit
    (", limit: 4", ["album1_artist1", "album2_artist1"]),  # user-limit-greater-than-…
])
def test_permission_limit_caps_each_parents_array(joined, user_limit, titles):
    check(joined.engine, ARTIST1_ALBUMS % user_limit, "role2",
          {"artist": [{"name": "artist1", "albums": [{"title": t} for t in titles]}]},
          artist_id=1)


def test_permission_limit_applies_per_parent_row(joined):
    # Both artists' arrays are capped on their own, in the one statement the hop sends.
    check(joined.engine, """{ artist(where: {id: {_in: [1, 2]}}, order_by: {id: asc}) {
            id albums(order_by: {id: desc}) { id } } }""", "role2",
          {"artist": [{"id": 1, "albums": [{"id": 3}, {"id": 2}]},
                      {"id": 2, "albums": []}]},
          artist_id=1)


def test_aggregate_permission_limit_applies_to_nodes_only(joined):
    check(joined.engine, """{ artist(where: {name: {_eq: "artist1"}}) {
            name albums_aggregate(order_by: {id: asc}) {
              aggregate { count } nodes { title } } } }""", "role2",
          {"artist": [{"name": "artist1", "albums_aggregate": {
              "aggregate": {"count": 3},
              "nodes": [{"title": "album1_artist1"}, {"title": "album2_artist1"}]}}]},
          artist_id=1)


def test_aggregate_user_limit_applies_to_both(joined):
    check(joined.engine, """{ artist(where: {name: {_eq: "artist1"}}) {
            name albums_aggregate(limit: 1, order_by: {id: asc}) {
              aggregate { count } nodes { title } } } }""", "role2",
          {"artist": [{"name": "artist1", "albums_aggregate": {
              "aggregate": {"count": 1}, "nodes": [{"title": "album1_artist1"}]}}]},
          artist_id=1)


# ---- join columns --------------------------------------------------------------------------------

def test_join_columns_need_not_be_selectable_and_never_appear(joined):
    e = joined.engine
    assert type_fields(e, "artist", "role4") == ["albums", "name"]
    assert type_fields(e, "album", "role4") == ["title"]
    check(e, ARTISTS_ALBUMS, "role4",
          {"artist": [{"name": "artist1", "albums": [{"title": "album1_artist1"},
                                                     {"title": "album2_artist1"},
                                                     {"title": "album3_artist1"}]},
                      {"name": "artist2", "albums": [{"title": "album4_artist2"}]},
                      {"name": "artist3_no_albums", "albums": []},
                      {"name": "artist4_no_id", "albums": None}]})
    check(e, "{ track(order_by: {title: asc}) { title album { title } } }", "role4",
          {"track": [{"title": "track1_album1", "album": {"title": "album1_artist1"}},
                     {"title": "track1_album2", "album": {"title": "album2_artist1"}},
                     {"title": "track1_album4", "album": {"title": "album4_artist2"}},
                     {"title": "track2_album1", "album": {"title": "album1_artist1"}},
                     {"title": "track_no_album", "album": None}]})


# ---- statements ----------------------------------------------------------------------------------

def test_one_statement_per_hop(joined):
    e = joined.engine
    as_role(e, ARTISTS_ALBUMS, "role2", artist_id=1)  # connections opened
    log = QueryLog(e)
    check(e, ARTISTS_ALBUMS, "role2",
          {"artist": [{"name": "artist1", "albums": [{"title": "album1_artist1"},
                                                     {"title": "album2_artist1"}]},
                      {"name": "artist2", "albums": []},
                      {"name": "artist3_no_albums", "albums": []},
                      {"name": "artist4_no_id", "albums": None}]},
          artist_id=1)
    assert log.counts() == {"source": 1, "target": 1}, log.statements()


# ---- item 4: a remote relationship inside a permission filter ------------------------------------

@pytest.mark.parametrize("title, names", [
    ("album4_artist2", ["artist2"]),
    ("album2_artist1", ["artist1"]),
    ("no such album", []),
])
def test_filter_through_a_remote_array_relationship(joined, title, names):
    check(joined.engine, "{ artist(order_by: {name: asc}) { name } }", "titled",
          {"artist": [{"name": name} for name in names]}, title=title)


def test_filter_through_a_remote_object_relationship(joined):
    check(joined.engine, "{ track(order_by: {id: asc}) { id title } }", "titled",
          {"track": [{"id": 1, "title": "track1_album1"}, {"id": 2, "title": "track2_album1"}]},
          title="album1_artist1")


def test_filter_through_a_remote_relationship_inside_or(joined):
    check(joined.engine, "{ artist(order_by: {name: asc}) { name } }", "titled_or",
          {"artist": [{"name": "artist2"}, {"name": "artist3_no_albums"}]},
          title="album4_artist2")
    check(joined.engine, "{ artist(order_by: {name: asc}) { name } }", "titled_or",
          {"artist": [{"name": "artist3_no_albums"}]}, title="none")


def test_remote_filter_needs_its_session_variable(joined):
    same(as_role(joined.engine, "{ artist { name } }", "titled"), missing("x-hasura-title"))


def test_remote_filter_sends_one_statement_to_each_source(joined):
    e = joined.engine
    query = "{ artist(order_by: {name: asc}) { name } }"
    as_role(e, query, "titled", title="album2_artist1")
    log = QueryLog(e)
    check(e, query, "titled", {"artist": [{"name": "artist1"}]}, title="album2_artist1")
    assert log.counts() == {"source": 1, "target": 1}, log.statements()


def test_remote_filter_role_does_not_see_the_relationship(joined):
    # titled has no permission on album: the filter still reads it, the field is absent.
    assert type_fields(joined.engine, "artist", "titled", title="x") == ["id", "name"]


def test_a_nested_remote_relationship_in_a_filter_is_refused(joined):
    e = joined.engine
    lhs, rhs = joined.lhs, joined.rhs
    assert admin_call(e, PREFIX[rhs] + "_create_remote_relationship", {
        "source": "target", "table": spell(rhs, "album"), "name": "tracks",
        "definition": {"to_source": {"source": "source", "table": spell(lhs, "track"),
                                     "relationship_type": "array",
                                     "field_mapping": {"id": "album_id"}}}}) == \
        {"message": "success"}
    try:
        refused = admin_call(e, PREFIX[lhs] + "_create_select_permission", {
            "source": "source", "table": spell(lhs, "artist"), "role": "nested",
            "permission": {"columns": "*", "filter": {
                "albums": {"tracks": {"title": {"_eq": "x-hasura-title"}}}}}}, status=400)
        # A table of the public schema is named without it, as in Hasura's messages; a SQLite
        # table with its schema, as Junction's other messages about SQLite tables do.
        shown = "artist" if lhs == "postgres" else "main.artist"
        message = (f'Inconsistent object: in table "{shown}": in permission for role '
                   '"nested": Expected one of the supported operators (_eq, _neq, _gt, _lt, '
                   '_gte, _lte, _in, _nin, _like, _nlike and _is_null)')
        assert refused["code"] == "invalid-configuration", refused
        assert refused["error"] == message, refused
        assert refused["path"] == "$.args", refused
        # Nothing was kept.
        assert type_fields(e, "artist", "nested") is None
    finally:
        admin_call(e, PREFIX[rhs] + "_delete_remote_relationship",
                   {"source": "target", "table": spell(rhs, "album"), "name": "tracks"})

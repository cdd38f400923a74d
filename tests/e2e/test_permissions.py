"""Select permissions end to end (issue 7 items 2–5), on a Postgres source and on a SQLite source,
through the real binary: what a role's schema contains, row filters with session variables,
permission limits, and that nothing filtered out or hidden can be reached another way.

Every engine runs with an admin secret; a request chooses its role with the secret plus
`X-Hasura-Role` and `X-Hasura-*` session variables, as Hasura allows (tests/e2e/permissions.py).
Both sources hold the same tables and rows, so most tests are parametrized over the backend;
expected answers are written by hand from the rows below and compared whole, with their key
order. Introspection lists fields sorted by name, as Hasura does.

    author   1 Le Guin   2 Lem   3 Butler                     (secret: hidden from every role)
    article  1 Earthsea 1 published 5       2 The Dispossessed 1 published 4
             3 Draft 1 draft 1              4 Solaris 2 published 5
             5 Cyberiad 2 draft 3           6 Kindred 3 published 4
    editor_note  (1, article 1)             (no role may select it)
    access_grant user 1                     (read by an `_exists` filter)
"""

import pytest

from permissions import (ENGINE_ARGS, admin_call, as_admin, as_role, check, check_error, error,
                         grant_all, headers, missing, root_fields, same, type_fields)
from sqlite import create_database

SCHEMA_SQL = """
CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL, secret TEXT);
CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
                      author_id INTEGER REFERENCES author (id), status TEXT NOT NULL,
                      rating INTEGER);
CREATE TABLE editor_note (id INTEGER PRIMARY KEY, article_id INTEGER REFERENCES article (id),
                          note TEXT);
CREATE TABLE access_grant (user_id INTEGER PRIMARY KEY);
INSERT INTO author VALUES (1, 'Le Guin', 's1'), (2, 'Lem', 's2'), (3, 'Butler', 's3');
INSERT INTO article VALUES (1, 'Earthsea', 1, 'published', 5),
                           (2, 'The Dispossessed', 1, 'published', 4),
                           (3, 'Draft', 1, 'draft', 1), (4, 'Solaris', 2, 'published', 5),
                           (5, 'Cyberiad', 2, 'draft', 3), (6, 'Kindred', 3, 'published', 4);
INSERT INTO editor_note VALUES (1, 1, 'fine');
INSERT INTO access_grant VALUES (1);
"""

TABLES = ["author", "article", "editor_note", "access_grant"]

PUBLISHED_OR_OWN = {"_or": [{"author_id": {"_eq": "X-Hasura-User-Id"}},
                            {"status": {"_eq": "published"}}]}


def permissions(table):
    """(table, role, permission) of every role; `table(name)` spells a table for the backend."""
    return [
        # user: every author, articles that are published or the user's own; aggregations of
        # articles only; no rating, no secret.
        ("author", "user", {"columns": ["id", "name"], "filter": {}}),
        ("article", "user", {"columns": ["id", "title", "author_id", "status"],
                             "filter": PUBLISHED_OR_OWN, "allow_aggregations": True}),
        # reader: no session variables; cannot see Lem nor drafts; cannot select author.id.
        ("author", "reader", {"columns": ["name"], "filter": {"name": {"_neq": "Lem"}}}),
        ("article", "reader", {"columns": ["id", "title", "status"],
                               "filter": {"status": {"_eq": "published"}}}),
        # lister: the list root field only, and no permission on author.
        ("article", "lister", {"columns": ["id", "title"], "filter": {},
                               "allow_aggregations": True, "query_root_fields": ["select"]}),
        # via_article: author only through article's relationship (no root field).
        ("author", "via_article", {"columns": ["id", "name"], "filter": {},
                                   "query_root_fields": []}),
        ("article", "via_article", {"columns": ["id", "title"], "filter": {"id": {"_lt": 3}}}),
        # owner: a lower-case session variable through an object relationship.
        ("author", "owner", {"columns": ["id", "name"], "filter": {}}),
        ("article", "owner", {"columns": ["id", "title"],
                              "filter": {"author": {"name": {"_eq": "x-hasura-author-name"}}}}),
        # picker: a session variable holding a list.
        ("article", "picker", {"columns": ["id"],
                               "filter": {"id": {"_in": "X-Hasura-Article-Ids"}}}),
        # mixed: _and, _or, _not.
        ("article", "mixed", {"columns": ["id"], "filter": {"_and": [
            PUBLISHED_OR_OWN, {"_not": {"title": {"_eq": "Solaris"}}}]}}),
        # drafter: authors with a draft (an array relationship in the filter).
        ("author", "drafter", {"columns": ["id", "name"],
                               "filter": {"articles": {"status": {"_eq": "draft"}}}}),
        # granted: every author when the user has an access grant, none otherwise.
        ("author", "granted", {"columns": ["id"], "filter": {"_exists": {
            "_table": table("access_grant"),
            "_where": {"user_id": {"_eq": "X-Hasura-User-Id"}}}}}),
        # limited: at most 2 rows wherever article is selected.
        ("author", "limited", {"columns": ["id"], "filter": {}}),
        ("article", "limited", {"columns": ["id", "author_id"], "filter": {}, "limit": 2}),
        # named: authors by a text session variable (what SQL in a value does).
        ("author", "named", {"columns": ["id", "name"],
                             "filter": {"name": {"_eq": "X-Hasura-Author-Name"}}}),
    ]


class Backend:
    def __init__(self, kind, engine, schema):
        self.kind = kind            # "postgres" or "sqlite"
        self.prefix = {"postgres": "pg", "sqlite": "sqlite"}[kind]
        self.engine = engine
        self.schema = schema        # "public" or "main"

    def table(self, name):
        return {"schema": self.schema, "name": name}


def populate(engine, prefix, table):
    for name in TABLES:
        admin_call(engine, prefix + "_track_table", {"source": "default", "table": table(name)})
    admin_call(engine, prefix + "_create_object_relationship",
               {"source": "default", "table": table("article"), "name": "author",
                "using": {"foreign_key_constraint_on": "author_id"}})
    admin_call(engine, prefix + "_create_array_relationship",
               {"source": "default", "table": table("author"), "name": "articles",
                "using": {"foreign_key_constraint_on": {"table": table("article"),
                                                        "column": "author_id"}}})
    admin_call(engine, prefix + "_create_array_relationship",
               {"source": "default", "table": table("article"), "name": "notes",
                "using": {"foreign_key_constraint_on": {"table": table("editor_note"),
                                                        "column": "article_id"}}})


def make_backend(kind, engine, database):
    schema = "public" if kind == "postgres" else "main"
    backend = Backend(kind, engine, schema)
    if kind == "postgres":
        admin_call(engine, "pg_add_source", {"name": "default", "configuration": {
            "connection_info": {"database_url": database}}})
    else:
        admin_call(engine, "sqlite_add_source",
                   {"name": "default", "configuration": {"db": str(database)}})
    populate(engine, backend.prefix, backend.table)
    grant_all(engine, [("default", backend.table(table), role, permission)
                       for table, role, permission in permissions(backend.table)])
    return backend


@pytest.fixture(scope="module", params=["postgres", "sqlite"])
def db(request, pg_cluster, tmp_path_factory, start_engine_module):
    engine = start_engine_module(args=ENGINE_ARGS)
    if request.param == "postgres":
        database = pg_cluster.create_database("permissions", SCHEMA_SQL)
    else:
        database = create_database(tmp_path_factory.mktemp("permissions") / "permissions.db",
                                   SCHEMA_SQL)
    backend = make_backend(request.param, engine, database)
    backend.database = database
    return backend


def ids(found, field="article"):
    assert "errors" not in found, found
    return [row["id"] for row in found["data"][field]]


ARTICLE_IDS = "{ article(order_by: {id: asc}) { id } }"


# ---- the role's schema ---------------------------------------------------------------------------

def test_root_fields_follow_the_permissions(db):
    e = db.engine
    assert root_fields(e, "user") == ["article", "article_aggregate", "article_by_pk", "author",
                                      "author_by_pk"]
    # reader may not select author.id (the primary key): no author_by_pk; no aggregations.
    assert root_fields(e, "reader") == ["article", "article_by_pk", "author"]
    # query_root_fields: ["select"] keeps only the list field, allow_aggregations or not.
    assert root_fields(e, "lister") == ["article"]
    assert root_fields(e, "picker") == ["article", "article_by_pk"]


def test_empty_query_root_fields_leave_the_table_to_relationships(db):
    assert root_fields(db.engine, "via_article") == ["article", "article_by_pk"]
    check(db.engine, "{ article(order_by: {id: asc}) { title author { id name } } }",
          "via_article",
          {"article": [{"title": "Earthsea", "author": {"id": 1, "name": "Le Guin"}},
                       {"title": "The Dispossessed", "author": {"id": 1, "name": "Le Guin"}}]})


def test_object_types_hold_only_permitted_columns_and_relationships(db):
    e = db.engine
    # rating hidden; notes goes to editor_note, which user may not select.
    assert type_fields(e, "article", "user") == ["author", "author_id", "id", "status", "title"]
    # articles_aggregate: user may aggregate articles.
    assert type_fields(e, "author", "user") == ["articles", "articles_aggregate", "id", "name"]
    # reader may not aggregate articles: no articles_aggregate.
    assert type_fields(e, "author", "reader") == ["articles", "name"]
    assert type_fields(e, "article", "reader") == ["author", "id", "status", "title"]
    # lister has no permission on author: no author relationship, no author type at all.
    assert type_fields(e, "article", "lister") == ["id", "title"]
    assert type_fields(e, "author", "lister") is None
    assert type_fields(e, "editor_note", "user") is None
    assert type_fields(e, "access_grant", "granted", user_id=1) is None


def test_input_and_enum_types_hold_only_permitted_columns(db):
    e = db.engine
    assert type_fields(e, "article_bool_exp", "user") == \
        ["_and", "_not", "_or", "author", "author_id", "id", "status", "title"]
    assert type_fields(e, "article_order_by", "user") == \
        ["author", "author_id", "id", "status", "title"]
    assert type_fields(e, "article_select_column", "user") == \
        ["author_id", "id", "status", "title"]
    assert type_fields(e, "author_select_column", "user") == ["id", "name"]
    assert type_fields(e, "author_bool_exp", "reader") == ["_and", "_not", "_or", "articles",
                                                           "name"]
    assert type_fields(e, "article_select_column", "lister") == ["id", "title"]
    # The aggregate types of user's articles know no rating either.
    assert type_fields(e, "article_max_fields", "user") == ["author_id", "id", "status", "title"]
    assert type_fields(e, "article_sum_fields", "user") == ["author_id", "id"]
    # Ordering by an array relationship's aggregate only where the target is visible.
    assert type_fields(e, "author_order_by", "user") == ["articles_aggregate", "id", "name"]


def test_admin_still_sees_everything(db):
    assert type_fields(db.engine, "article", None) == \
        ["author", "author_id", "id", "notes", "notes_aggregate", "rating", "status", "title"]
    same(as_admin(db.engine, "{ author(order_by: {id: asc}) { secret } }"),
         {"data": {"author": [{"secret": "s1"}, {"secret": "s2"}, {"secret": "s3"}]}})


def test_role_with_no_permissions_gets_no_queries_available(db):
    assert root_fields(db.engine, "nobody") == ["no_queries_available"]
    check_error(db.engine, "{ article { id } }", "nobody", {"errors": [{
        "message": 'Cannot query field "article" on type "query_root".',
        "locations": [{"line": 1, "column": 3}],
        "extensions": {"path": "$", "code": "validation-failed"}}]})


# ---- row filters and session variables -----------------------------------------------------------

def test_filter_with_a_session_variable(db):
    assert ids(as_role(db.engine, ARTICLE_IDS, "user", user_id=1)) == [1, 2, 3, 4, 6]
    assert ids(as_role(db.engine, ARTICLE_IDS, "user", user_id=2)) == [1, 2, 4, 5, 6]
    assert ids(as_role(db.engine, ARTICLE_IDS, "user", user_id=3)) == [1, 2, 4, 6]


def test_session_variable_header_names_are_case_insensitive(db):
    for name in ["x-hasura-user-id", "X-HASURA-USER-ID", "X-Hasura-User-Id"]:
        request_headers = headers("user")
        request_headers[name] = "2"
        response = db.engine.graphql({"query": ARTICLE_IDS}, headers=request_headers)
        assert ids(response.json()) == [1, 2, 4, 5, 6], name
    # The role header too.
    request_headers = {"X-Hasura-Admin-Secret": headers()["X-Hasura-Admin-Secret"],
                       "x-hasura-role": "user", "x-hasura-user-id": "2"}
    assert ids(db.engine.graphql({"query": ARTICLE_IDS}, headers=request_headers).json()) == \
        [1, 2, 4, 5, 6]


def test_lower_case_session_variable_through_an_object_relationship(db):
    check(db.engine, "{ article(order_by: {id: asc}) { id title } }", "owner",
          {"article": [{"id": 4, "title": "Solaris"}, {"id": 5, "title": "Cyberiad"}]},
          author_name="Lem")
    check(db.engine, "{ article(order_by: {id: asc}) { id } }", "owner", {"article": []},
          author_name="Nobody")


def test_session_variable_holding_a_list_in_in(db):
    # Postgres reads the value as an array literal; Hasura's data connectors (SQLite) as JSON.
    listed = "{1,4}" if db.kind == "postgres" else "[1,4]"
    assert ids(as_role(db.engine, ARTICLE_IDS, "picker", article_ids=listed)) == [1, 4]
    empty = "{}" if db.kind == "postgres" else "[]"
    assert ids(as_role(db.engine, ARTICLE_IDS, "picker", article_ids=empty)) == []


def test_and_or_not(db):
    assert ids(as_role(db.engine, ARTICLE_IDS, "mixed", user_id=1)) == [1, 2, 3, 6]
    assert ids(as_role(db.engine, ARTICLE_IDS, "mixed", user_id=2)) == [1, 2, 5, 6]


def test_filter_through_an_array_relationship(db):
    check(db.engine, "{ author(order_by: {id: asc}) { id name } }", "drafter",
          {"author": [{"id": 1, "name": "Le Guin"}, {"id": 2, "name": "Lem"}]})


def test_exists_on_an_unrelated_table(db):
    check(db.engine, "{ author(order_by: {id: asc}) { id } }", "granted",
          {"author": [{"id": 1}, {"id": 2}, {"id": 3}]}, user_id=1)
    check(db.engine, "{ author(order_by: {id: asc}) { id } }", "granted", {"author": []},
          user_id=2)


def test_missing_session_variable(db):
    same(as_role(db.engine, ARTICLE_IDS, "user"), missing("x-hasura-user-id"))
    same(as_role(db.engine, ARTICLE_IDS, "owner"), missing("x-hasura-author-name"))
    # Through a relationship of a table whose own filter needs nothing.
    same(as_role(db.engine, "{ author { articles { id } } }", "user"),
         missing("x-hasura-user-id"))


def test_a_query_that_needs_no_session_variable_runs_without_it(db):
    # user's author filter reads no session variable: only the tables a query reads count.
    check(db.engine, "{ author(order_by: {id: asc}) { name } }", "user",
          {"author": [{"name": "Le Guin"}, {"name": "Lem"}, {"name": "Butler"}]})


# ---- limits --------------------------------------------------------------------------------------

def test_permission_limit_caps_rows_and_a_smaller_user_limit_wins(db):
    e = db.engine
    assert ids(as_role(e, ARTICLE_IDS, "limited")) == [1, 2]
    assert ids(as_role(e, "{ article(order_by: {id: asc}, limit: 5) { id } }", "limited")) == \
        [1, 2]
    assert ids(as_role(e, "{ article(order_by: {id: asc}, limit: 1) { id } }", "limited")) == [1]
    # The limit applies after the filter and the offset.
    assert ids(as_role(e, """{ article(where: {id: {_gt: 2}}, order_by: {id: asc}, offset: 1)
                                { id } }""", "limited")) == [4, 5]


def test_permission_limit_applies_per_parent_in_array_relationships(db):
    check(db.engine, """{ author(order_by: {id: asc}) {
            id articles(order_by: {id: desc}) { id } } }""", "limited",
          {"author": [{"id": 1, "articles": [{"id": 3}, {"id": 2}]},
                      {"id": 2, "articles": [{"id": 5}, {"id": 4}]},
                      {"id": 3, "articles": [{"id": 6}]}]})


# ---- nothing hidden can be reached another way ---------------------------------------------------

def validation(message, line, column):
    return {"errors": [{"message": message, "locations": [{"line": line, "column": column}],
                        "extensions": {"path": "$", "code": "validation-failed"}}]}


@pytest.mark.parametrize("query, expected", [
    ("{ article { id rating } }",
     validation('Cannot query field "rating" on type "article".', 1, 16)),
    ("{ article(where: {rating: {_gt: 0}}) { id } }",
     validation('Field "rating" is not defined by type "article_bool_exp".', 1, 19)),
    ("{ article(order_by: {rating: asc}) { id } }",
     validation('Field "rating" is not defined by type "article_order_by".', 1, 22)),
    ("{ article(distinct_on: rating) { id } }",
     validation('Value "rating" does not exist in "article_select_column" enum.', 1, 24)),
    ("{ article_aggregate { aggregate { max { rating } } } }",
     validation('Cannot query field "rating" on type "article_max_fields".', 1, 41)),
    ("{ author { articles_aggregate { aggregate { sum { rating } } } } }",
     validation('Cannot query field "rating" on type "article_sum_fields".', 1, 51)),
    ("{ article_aggregate { aggregate { count(columns: [rating]) } } }",
     validation('Value "rating" does not exist in "article_select_column" enum.', 1, 51)),
    ("{ article(order_by: {author: {secret: asc}}) { id } }",
     validation('Field "secret" is not defined by type "author_order_by".', 1, 31)),
    ("{ author { secret } }",
     validation('Cannot query field "secret" on type "author".', 1, 12)),
    ("{ article { author { secret } } }",
     validation('Cannot query field "secret" on type "author".', 1, 22)),
    ("{ article(where: {author: {secret: {_eq: \"s2\"}}}) { id } }",
     validation('Field "secret" is not defined by type "author_bool_exp".', 1, 28)),
    ("{ article { notes { note } } }",
     validation('Cannot query field "notes" on type "article".', 1, 13)),
    ("{ editor_note { note } }",
     validation('Cannot query field "editor_note" on type "query_root".', 1, 3)),
    ("{ author_aggregate { aggregate { count } } }",
     validation('Cannot query field "author_aggregate" on type "query_root". '
                'Did you mean "article_aggregate"?', 1, 3)),
], ids=["select", "where", "order_by", "distinct_on", "aggregate", "relationship_aggregate",
        "count_columns", "order_by_through_relationship", "author_column",
        "through_relationship", "where_through_relationship", "hidden_relationship",
        "hidden_table", "aggregate_not_allowed"])
def test_hidden_columns_and_fields_are_unknown(db, query, expected):
    # The same error as for a field that does not exist: nothing tells the role it does.
    check_error(db.engine, query, "user", expected, user_id=1)


@pytest.mark.parametrize("query, expected", [
    ("{ article { id ratinx } }",
     validation('Cannot query field "ratinx" on type "article".', 1, 16)),
    ("{ article(distinct_on: ratinx) { id } }",
     validation('Value "ratinx" does not exist in "article_select_column" enum.', 1, 24)),
    ("{ author(where: {secrex: {_eq: 1}}) { id } }",
     validation('Field "secrex" is not defined by type "author_bool_exp".', 1, 18)),
    ("{ editor_notx { id } }",
     validation('Cannot query field "editor_notx" on type "query_root".', 1, 3)),
], ids=["field", "enum", "input_field", "root_field"])
def test_suggestions_never_name_hidden_fields(db, query, expected):
    # For the admin each of these ends in 'Did you mean "rating"?' (or "secret", "editor_note").
    check_error(db.engine, query, "user", expected, user_id=1)


def test_by_pk_of_a_filtered_out_row_is_null(db):
    check(db.engine, """{ draft: article_by_pk(id: 5) { id title }
                          own: article_by_pk(id: 3) { id title } }""", "user",
          {"draft": None, "own": {"id": 3, "title": "Draft"}}, user_id=1)
    check(db.engine, "{ article_by_pk(id: 3) { id } }", "reader", {"article_by_pk": None})


def test_where_and_aliases_cannot_reach_filtered_out_rows(db):
    check(db.engine, """{
            drafts: article(where: {status: {_eq: "draft"}}, order_by: {id: asc}) { id title }
            theirs: article(where: {author_id: {_eq: 2}}, order_by: {id: asc}) { id status }
            cyberiad: article(where: {_or: [{id: {_eq: 5}}, {title: {_eq: "Cyberiad"}}]}) { id }
            not_mine: article(where: {_not: {author_id: {_eq: 1}}}, order_by: {id: asc}) { id }
          }""", "user",
          {"drafts": [{"id": 3, "title": "Draft"}],
           "theirs": [{"id": 4, "status": "published"}],
           "cyberiad": [],
           "not_mine": [{"id": 4}, {"id": 6}]}, user_id=1)


def test_distinct_on_and_order_by_see_only_permitted_rows(db):
    check(db.engine, """{ article(distinct_on: status, order_by: [{status: asc}, {id: desc}])
                          { status id } }""", "user",
          {"article": [{"status": "draft", "id": 5}, {"status": "published", "id": 6}]},
          user_id=2)


def test_aggregates_count_only_permitted_rows(db):
    check(db.engine, """{ article_aggregate(where: {status: {_eq: "draft"}}) {
            aggregate { count max { id } } nodes { id } } }""", "user",
          {"article_aggregate": {"aggregate": {"count": 1, "max": {"id": 3}},
                                 "nodes": [{"id": 3}]}}, user_id=1)
    check(db.engine, """{ author(order_by: {id: asc}) {
            name articles_aggregate { aggregate { count } } } }""", "user",
          {"author": [{"name": "Le Guin", "articles_aggregate": {"aggregate": {"count": 3}}},
                      {"name": "Lem", "articles_aggregate": {"aggregate": {"count": 1}}},
                      {"name": "Butler", "articles_aggregate": {"aggregate": {"count": 1}}}]},
          user_id=1)


def test_the_targets_filter_applies_inside_relationships(db):
    e = db.engine
    # Lem is hidden from reader: Solaris's author is null, Lem's rows never appear.
    check(e, "{ article(order_by: {id: asc}) { title author { name } } }", "reader",
          {"article": [{"title": "Earthsea", "author": {"name": "Le Guin"}},
                       {"title": "The Dispossessed", "author": {"name": "Le Guin"}},
                       {"title": "Solaris", "author": None},
                       {"title": "Kindred", "author": {"name": "Butler"}}]})
    # Drafts are hidden inside the array relationship too.
    check(e, """{ author(order_by: {name: desc}) { name
                  articles(order_by: {title: asc}) { title } } }""", "reader",
          {"author": [{"name": "Le Guin", "articles": [{"title": "Earthsea"},
                                                       {"title": "The Dispossessed"}]},
                      {"name": "Butler", "articles": [{"title": "Kindred"}]}]})
    # user 1: Lem's draft Cyberiad is hidden under Lem.
    check(e, """{ author(where: {id: {_eq: 2}}) { articles(order_by: {id: asc}) { id } } }""",
          "user", {"author": [{"articles": [{"id": 4}]}]}, user_id=1)


def test_where_through_a_relationship_applies_the_targets_filter(db):
    e = db.engine
    # Solaris is published, but its author is one reader cannot see: no match.
    check(e, '{ article(where: {author: {name: {_eq: "Lem"}}}) { title } }', "reader",
          {"article": []})
    check(e, '{ article(where: {author: {name: {_eq: "Butler"}}}) { title } }', "reader",
          {"article": [{"title": "Kindred"}]})
    # Array relationship: Le Guin has a draft, which reader cannot see.
    check(e, '{ author(where: {articles: {status: {_eq: "draft"}}}) { name } }', "reader",
          {"author": []})
    # user 1 cannot see Cyberiad: Lem has no visible article titled Cyberiad.
    check(e, '{ author(where: {articles: {title: {_eq: "Cyberiad"}}}) { name } }', "user",
          {"author": []}, user_id=1)
    check(e, '{ author(where: {articles: {title: {_eq: "Cyberiad"}}}) { name } }', "user",
          {"author": [{"name": "Lem"}]}, user_id=2)


def test_introspection_does_not_reveal_hidden_names(db):
    found = as_role(db.engine, """{ __schema { types { name
        fields { name } inputFields { name } enumValues { name } } } }""", "user", user_id=1)
    assert "errors" not in found, found
    text = repr(found)
    for hidden in ["rating", "secret", "editor_note", "access_grant", "notes"]:
        assert hidden not in text, hidden


# ---- session variables are values ----------------------------------------------------------------

INJECTIONS = ["Lem' OR '1'='1", "x'); DROP TABLE author; --", "Lem\"; DROP TABLE article; --",
              "Lem\\'", "%", "Lem; SELECT 1"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_in_a_session_variable_is_just_a_value(db, value):
    check(db.engine, "{ author { id name } }", "named", {"author": []}, author_name=value)
    # Tables intact; the role still works with an honest value.
    check(db.engine, "{ author { id name } }", "named", {"author": [{"id": 2, "name": "Lem"}]},
          author_name="Lem")
    same(as_admin(db.engine, "{ author_aggregate { aggregate { count } } "
                             "article_aggregate { aggregate { count } } }"),
         {"data": {"author_aggregate": {"aggregate": {"count": 3}},
                   "article_aggregate": {"aggregate": {"count": 6}}}})


def test_sql_in_an_integer_session_variable(db):
    value = "1; DROP TABLE article; --"
    found = as_role(db.engine, ARTICLE_IDS, "user", user_id=value)
    if db.kind == "postgres":
        # Hasura casts the value in SQL: Postgres refuses it. No `internal` (which holds the
        # SQL) for a role other than admin.
        same(found, error(f'invalid input syntax for type integer: "{value}"', "data-exception"))
    else:
        # Hasura's data connectors parse a number variable as JSON before sending anything.
        same(found, error('Expected number value for session variable "x-hasura-user-id". '
                          "Error in $: endOfInput", "parse-failed"))
    same(as_admin(db.engine, "{ article_aggregate { aggregate { count } } }"),
         {"data": {"article_aggregate": {"aggregate": {"count": 6}}}})


# ---- the metadata commands take effect at once ---------------------------------------------------

def test_create_and_drop_select_permission_change_the_roles_schema(pg_cluster, tmp_path,
                                                                   start_engine):
    engine = start_engine(args=ENGINE_ARGS)
    database = create_database(tmp_path / "commands.db", SCHEMA_SQL)
    admin_call(engine, "sqlite_add_source", {"name": "default",
                                              "configuration": {"db": str(database)}})
    admin_call(engine, "sqlite_track_table", {"source": "default", "table": "article"})
    url = pg_cluster.create_database("permission_commands", SCHEMA_SQL)
    admin_call(engine, "pg_add_source", {"name": "pg", "configuration": {
        "connection_info": {"database_url": url}}})
    admin_call(engine, "pg_track_table", {"source": "pg", "table": "author"})
    assert root_fields(engine, "guest") == ["no_queries_available"]

    assert admin_call(engine, "sqlite_create_select_permission", {
        "source": "default", "table": "article", "role": "guest",
        "permission": {"columns": ["id", "title"], "filter": {"status": {"_eq": "draft"}},
                       "limit": 1}}) == {"message": "success"}
    assert admin_call(engine, "pg_create_select_permission", {
        "source": "pg", "table": "author", "role": "guest",
        "permission": {"columns": ["name"], "filter": {"id": {"_eq": "X-Hasura-User-Id"}}}}) == \
        {"message": "success"}
    assert root_fields(engine, "guest") == ["article", "article_by_pk", "author"]
    check(engine, "{ article(order_by: {id: desc}) { id title } author { name } }", "guest",
          {"article": [{"id": 5, "title": "Cyberiad"}], "author": [{"name": "Lem"}]},
          user_id=2)

    assert admin_call(engine, "sqlite_drop_select_permission", {
        "source": "default", "table": "article", "role": "guest"}) == {"message": "success"}
    assert root_fields(engine, "guest") == ["author"]
    assert admin_call(engine, "pg_drop_select_permission", {
        "source": "pg", "table": "author", "role": "guest"}) == {"message": "success"}
    assert root_fields(engine, "guest") == ["no_queries_available"]

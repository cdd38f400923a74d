// The SQL subset the engine emits (src/backends/bigquery/translate.h, introspection.h), run
// through the double against a seeded DuckDB, and BigQuery's semantics where DuckDB differs.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parse } from './parse.mjs';
import { cells, param, startDouble } from './testkit.mjs';

let kit;
before(async () => {
  kit = await startDouble();
});
after(async () => {
  await kit.close();
});

async function ok(sql, params = []) {
  const r = await kit.query(sql, { queryParameters: params, parameterMode: 'NAMED' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

async function fails(sql, pattern, { params = [], status = 400, reason = 'invalidQuery' } = {}) {
  const r = await kit.query(sql, { queryParameters: params, parameterMode: 'NAMED' });
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.error.errors[0].reason, reason);
  assert.match(r.body.error.message, pattern);
  return r.body;
}

test("translate.h's example: object and array relationships, LIKE, ORDER BY, LIMIT", async () => {
  const sql = `SELECT \`t1\`.\`id\` AS \`c0\`, \`o2\`.\`v\` AS \`c1\`, \`a3\`.\`v\` AS \`c2\`
    FROM \`source\`.\`author\` AS \`t1\`
    LEFT OUTER JOIN (SELECT \`t4\`.\`id\` AS \`k0\`, ANY_VALUE(STRUCT(\`t4\`.\`name\` AS \`c0\`)) AS \`v\`
                     FROM \`source\`.\`country\` AS \`t4\` GROUP BY \`t4\`.\`id\`) AS \`o2\`
      ON (\`o2\`.\`k0\` = \`t1\`.\`country_id\`)
    LEFT OUTER JOIN (SELECT \`t5\`.\`author_id\` AS \`k0\`,
                            ARRAY_AGG(STRUCT(\`t5\`.\`title\` AS \`c0\`)
                                      ORDER BY \`t5\`.\`id\` DESC LIMIT 1000) AS \`v\`
                     FROM \`source\`.\`article\` AS \`t5\` GROUP BY \`t5\`.\`author_id\`) AS \`a3\`
      ON (\`a3\`.\`k0\` = \`t1\`.\`id\`)
    WHERE (\`t1\`.\`name\` LIKE @p1)
    ORDER BY \`t1\`.\`id\` ASC NULLS FIRST
    LIMIT @p2`;
  const r = await ok(sql, [param.str('p1', 'A%'), param.int('p2', 2)]);
  assert.deepEqual(r.schema.fields, [
    { name: 'c0', type: 'INTEGER', mode: 'NULLABLE' },
    { name: 'c1', type: 'RECORD', mode: 'NULLABLE', fields: [{ name: 'c0', type: 'STRING', mode: 'NULLABLE' }] },
    { name: 'c2', type: 'RECORD', mode: 'REPEATED', fields: [{ name: 'c0', type: 'STRING', mode: 'NULLABLE' }] },
  ]);
  // Anna's country (3) does not exist: her object relationship is NULL, not a STRUCT of NULLs.
  assert.deepEqual(r.rows, [
    { f: [{ v: '1' }, { v: { f: [{ v: 'Netherlands' }] } }, { v: [{ v: { f: [{ v: 'a3' }] } }, { v: { f: [{ v: 'a2' }] } }, { v: { f: [{ v: 'a1' }] } }] }] },
    { f: [{ v: '2' }, { v: null }, { v: [{ v: { f: [{ v: 'b1' }] } }] }] },
  ]);
});

test('ANY_VALUE(STRUCT) LEFT JOIN: an unmatched row is NULL, a parent without children has []', async () => {
  const r = await ok(`SELECT a.id, o.v, arr.v AS titles FROM source.author AS a
    LEFT OUTER JOIN (SELECT c.id AS k0, ANY_VALUE(STRUCT(c.name AS name, c.id AS id)) AS v FROM source.country AS c GROUP BY c.id) AS o
      ON o.k0 = a.country_id
    LEFT OUTER JOIN (SELECT t.author_id AS k0, ARRAY_AGG(STRUCT(t.title AS title) ORDER BY t.id) AS v FROM source.article AS t GROUP BY t.author_id) AS arr
      ON arr.k0 = a.id
    ORDER BY a.id`);
  assert.deepEqual(cells(r.rows), [
    ['1', ['Netherlands', '1'], [['a1'], ['a2'], ['a3']]],
    ['2', null, [['b1']]],
    ['3', null, []],
    ['4', ['France', '2'], []],
  ]);
});

test('a grouped ARRAY_AGG with ORDER BY … LIMIT keeps the first n in order, nulls placed as BigQuery does', async () => {
  const r = await ok(`SELECT t.author_id AS k0,
      ARRAY_AGG(STRUCT(t.id AS id, t.rating AS rating) ORDER BY t.rating DESC LIMIT 2) AS top,
      ARRAY_AGG(t.id ORDER BY (t.rating IS NULL) DESC, t.rating ASC LIMIT @n) AS nulls_first
    FROM source.article AS t GROUP BY t.author_id ORDER BY k0`, [param.int('n', 5)]);
  assert.deepEqual(r.schema.fields[1].fields.map((f) => f.type), ['INTEGER', 'NUMERIC']);
  assert.deepEqual(cells(r.rows), [
    ['1', [['10', '4.5'], ['11', '3.25']], ['13', '11', '10']],
    ['2', [['12', null]], ['12']],
  ]);
});

test('a remote-join-shaped query with an ARRAY<STRUCT> parameter', async () => {
  const keys = param.structArray('p1', [['__argument_id__', 'INT64'], ['k0', 'INT64']], [[0, 1], [1, 3], [2, 2]]);
  const r = await ok(`SELECT \`k\`.\`__argument_id__\` AS \`c0\`, \`a1\`.\`v\` AS \`c1\`
    FROM UNNEST(@p1) AS \`k\`
    LEFT OUTER JOIN (SELECT \`t2\`.\`author_id\` AS \`k0\`,
                            ARRAY_AGG(STRUCT(\`t2\`.\`id\` AS \`c0\`, \`t2\`.\`title\` AS \`c1\`) ORDER BY \`t2\`.\`id\` ASC LIMIT 1000) AS \`v\`
                     FROM \`source\`.\`article\` AS \`t2\` GROUP BY \`t2\`.\`author_id\`) AS \`a1\`
      ON (\`a1\`.\`k0\` = \`k\`.\`k0\`)
    ORDER BY \`c0\``, [keys]);
  assert.deepEqual(cells(r.rows), [
    ['0', [['10', 'a1'], ['11', 'a2'], ['13', 'a3']]],
    ['1', []],
    ['2', [['12', 'b1']]],
  ]);
  const s = await kit.stats();
  assert.deepEqual(s.queries.at(-1).parameters, [keys]);
  // Unqualified struct fields resolve too, and STRING keys work alike.
  const byName = param.structArray('p1', [['__argument_id__', 'INT64'], ['k0', 'STRING']], [[5, 'Alice'], [6, 'Zed']]);
  const r2 = await ok(`SELECT __argument_id__, o.v FROM UNNEST(@p1) AS k LEFT JOIN
      (SELECT a.name AS k0, ANY_VALUE(STRUCT(a.id AS id)) AS v FROM source.author AS a GROUP BY a.name) AS o ON o.k0 = k.k0
    ORDER BY 1`, [byName]);
  assert.deepEqual(cells(r2.rows), [['5', ['1']], ['6', null]]);
});

test('x IN UNNEST(@p) has BigQuery semantics for empty and NULL-holding arrays', async () => {
  const r = await ok(`SELECT id FROM source.article WHERE id IN UNNEST(@ids) ORDER BY id`, [param.intArray('ids', [13, 10, 99])]);
  assert.deepEqual(cells(r.rows), [['10'], ['13']]);
  const empty = await ok(`SELECT COUNT(*) AS n, COUNTIF(id NOT IN UNNEST(@ids)) AS m FROM source.article`, [param.intArray('ids', [])]);
  assert.deepEqual(cells(empty.rows), [['4', '4']]);
  const nul = await ok(`SELECT 1 IN UNNEST([1, NULL]) AS a, 2 IN UNNEST([1, NULL]) AS b, CAST(NULL AS INT64) IN UNNEST(@e) AS c`,
    [param.intArray('e', [])]);
  assert.deepEqual(cells(nul.rows), [['true', null, 'false']]);
});

test('a result ARRAY holding NULL is an error naming the field; a NULL array is []', async () => {
  await fails('SELECT ARRAY_AGG(rating) AS ratings FROM source.article',
    /^Array cannot have a null element; error in writing field ratings$/);
  await fails('SELECT STRUCT([1, NULL] AS xs) AS s', /^Array cannot have a null element; error in writing field xs$/);
  const r = await ok('SELECT id, tags FROM source.article ORDER BY id');
  assert.deepEqual(cells(r.rows).map((x) => x[1]), [['x', 'y'], [], [], ['z']]);
  const ignored = await ok('SELECT ARRAY_AGG(rating IGNORE NULLS ORDER BY rating) AS r FROM source.article');
  assert.deepEqual(cells(ignored.rows), [[['1', '3.25', '4.5']]]);
});

test('NULLs sort first ascending and last descending unless NULLS FIRST/LAST says otherwise', async () => {
  const asc = await ok('SELECT id FROM source.article ORDER BY rating, id');
  assert.deepEqual(cells(asc.rows).flat(), ['12', '13', '11', '10']);
  const desc = await ok('SELECT id FROM source.article ORDER BY rating DESC, id');
  assert.deepEqual(cells(desc.rows).flat(), ['10', '11', '13', '12']);
  const last = await ok('SELECT id FROM source.article ORDER BY rating ASC NULLS LAST, id');
  assert.deepEqual(cells(last.rows).flat(), ['13', '11', '10', '12']);
  await fails('SELECT ARRAY_AGG(id ORDER BY rating DESC NULLS FIRST) FROM source.article', /NULLS FIRST not supported/);
});

test('offsets with ROW_NUMBER and distinct_on shapes', async () => {
  const r = await ok(`SELECT \`n1\`.\`k0\`, \`n1\`.\`v\` FROM (
      SELECT \`t\`.\`author_id\` AS \`k0\`, ARRAY_AGG(STRUCT(\`t\`.\`id\` AS \`c0\`) ORDER BY \`t\`.\`id\` ASC LIMIT 10) AS \`v\`
      FROM (SELECT \`a\`.\`id\`, \`a\`.\`author_id\`,
                   ROW_NUMBER() OVER (PARTITION BY \`a\`.\`author_id\` ORDER BY \`a\`.\`id\` ASC) AS \`n\`
            FROM \`source\`.\`article\` AS \`a\`) AS \`t\`
      WHERE (\`t\`.\`n\` > @p1) GROUP BY \`t\`.\`author_id\`) AS \`n1\` ORDER BY 1`, [param.int('p1', 1)]);
  assert.deepEqual(cells(r.rows), [['1', [['11'], ['13']]]]);
  const d = await ok(`SELECT t.author_id, t.id FROM (SELECT a.author_id, a.id,
      ROW_NUMBER() OVER (PARTITION BY a.author_id ORDER BY a.id DESC) AS n FROM source.article AS a) AS t
    WHERE t.n = 1 ORDER BY t.author_id LIMIT 9223372036854775807 OFFSET @o`, [param.int('o', 0)]);
  assert.deepEqual(cells(d.rows), [['1', '13'], ['2', '12']]);
});

test('aggregates as nested STRUCTs, IFNULL for parents without rows, EXISTS for relationship filters', async () => {
  const r = await ok(`SELECT a.id AS c0,
      IFNULL(g.v, STRUCT(0 AS c0, STRUCT(CAST(NULL AS NUMERIC) AS c0, NULL AS c1) AS c1)) AS c1
    FROM source.author AS a
    LEFT OUTER JOIN (SELECT t.author_id AS k0,
        STRUCT(COUNT(*) AS c0, STRUCT(SUM(t.rating) AS c0, AVG(t.rating) AS c1) AS c1) AS v
      FROM source.article AS t GROUP BY t.author_id) AS g ON g.k0 = a.id
    WHERE EXISTS (SELECT 1 FROM source.article AS x WHERE x.author_id = a.id AND x.title LIKE 'a%') OR a.id > 3
    ORDER BY a.id`);
  assert.deepEqual(r.schema.fields[1].fields[1].fields.map((f) => f.type), ['NUMERIC', 'NUMERIC']);
  assert.deepEqual(cells(r.rows), [['1', ['3', ['8.75', '2.916666667']]], ['4', ['0', [null, null]]]]);
  const s = await ok(`SELECT COUNT(*), COUNT(DISTINCT author_id), SUM(id), AVG(id), MIN(title), MAX(day),
      STDDEV_SAMP(id), STDDEV_POP(id), VAR_SAMP(id), VAR_POP(id) FROM source.article`);
  assert.deepEqual(s.schema.fields.map((f) => f.type),
    ['INTEGER', 'INTEGER', 'INTEGER', 'FLOAT', 'STRING', 'DATE', 'FLOAT', 'FLOAT', 'FLOAT', 'FLOAT']);
  assert.deepEqual(cells(s.rows), [['4', '2', '46', '11.5', 'a1', '2025-06-01', '1.2909944487358056',
    '1.118033988749895', '1.6666666666666667', '1.25']]);
});

test('where operators: comparisons, AND/OR/NOT, LIKE escapes, ILIKE and regex forms', async () => {
  const q = async (where, params = []) => cells((await ok(`SELECT id FROM source.author WHERE ${where} ORDER BY id`, params)).rows).flat();
  assert.deepEqual(await q('NOT (id >= 2 AND id <= 3) OR name = @n', [param.str('n', 'Bob')]), ['1', '3', '4']);
  assert.deepEqual(await q('LOWER(name) LIKE LOWER(@p)', [param.str('p', 'a%')]), ['1', '2']);
  assert.deepEqual(await q('name NOT LIKE @p', [param.str('p', '%n%')]), ['1', '3', '4']);
  assert.deepEqual(await q("name LIKE 'A\\\\_%'"), []);
  assert.deepEqual(await q('REGEXP_CONTAINS(name, CONCAT("(?i)", @p))', [param.str('p', '^a')]), ['1', '2']);
  assert.deepEqual(await q('NOT REGEXP_CONTAINS(name, @p)', [param.str('p', 'l')]), ['2', '3']);
  assert.deepEqual(await q('country_id IS NULL'), ['3']);
  assert.deepEqual(await q('IF(country_id IS NULL, FALSE, country_id > 1)'), ['2', '4']);
  assert.deepEqual(await q('COALESCE(country_id, 0) = 0'), ['3']);
});

test('typed parameters of every scalar type bind as BigQuery types', async () => {
  const p = (name, type, value) => param.of(name, { type }, { value });
  const r = await ok(`SELECT @i AS i, @f AS f, @n AS n, @b AS b, @s AS s, @y AS y, @d AS d, @dt AS dt, @ts AS ts, @t AS t, @j AS j`, [
    p('i', 'INT64', '-9223372036854775808'), p('f', 'FLOAT64', '0.1'), p('n', 'NUMERIC', '-12.500'), p('b', 'BOOL', 'TRUE'),
    p('s', 'STRING', 'é'), p('y', 'BYTES', 'aGk='), p('d', 'DATE', '2024-02-29'), p('dt', 'DATETIME', '2024-02-29T01:02:03.5'),
    p('ts', 'TIMESTAMP', '2024-02-29 01:02:03.000001+01:00'), p('t', 'TIME', '23:59:59'), p('j', 'JSON', '{"a":1}'),
  ]);
  assert.deepEqual(r.schema.fields.map((f) => f.type),
    ['INTEGER', 'FLOAT', 'NUMERIC', 'BOOLEAN', 'STRING', 'BYTES', 'DATE', 'DATETIME', 'TIMESTAMP', 'TIME', 'JSON']);
  assert.deepEqual(cells(r.rows), [['-9223372036854775808', '0.1', '-12.5', 'true', 'é', 'aGk=', '2024-02-29',
    '2024-02-29T01:02:03.500', '1709164923000001', '23:59:59', '{"a":1}']]);
  await fails('SELECT @i', /INT64/, { params: [p('i', 'INT64', '1.5')] });
  await fails('SELECT @d', /invalid date/, { params: [p('d', 'DATE', '2023-02-29')] });
  await fails('SELECT @missing', /Query parameter 'missing' not found/);
  const ps = await kit.query('SELECT @i', { queryParameters: [p('i', 'INT64', '1')], parameterMode: 'POSITIONAL' });
  assert.equal(ps.status, 400);
});

test('column types and values of a seeded table in the wire format', async () => {
  const r = await ok('SELECT * EXCEPT (tags, meta) FROM source.article WHERE id = 10');
  assert.deepEqual(r.schema.fields.map((f) => [f.name, f.type]), [['id', 'INTEGER'], ['title', 'STRING'], ['author_id', 'INTEGER'],
    ['rating', 'NUMERIC'], ['published', 'TIMESTAMP'], ['written', 'DATETIME'], ['day', 'DATE'], ['score', 'FLOAT'],
    ['body', 'JSON'], ['raw', 'BYTES'], ['t', 'TIME'], ['flag', 'BOOLEAN']]);
  assert.deepEqual(cells(r.rows), [['10', 'a1', '1', '4.5', '1748781296123456', '2025-06-01T12:34:56', '2025-06-01', '1.5',
    '{"k":[1,2]}', 'aGk=', '12:34:56.500', 'true']]);
  const f = await ok('SELECT score FROM source.article WHERE id IN (12, 13) ORDER BY id');
  assert.deepEqual(cells(f.rows), [['-0.25'], ['1.0E20']]);
  const m = await ok('SELECT meta, meta.b, meta.a FROM source.article WHERE id = 10');
  assert.deepEqual(m.schema.fields, [
    { name: 'meta', type: 'RECORD', mode: 'NULLABLE', fields: [{ name: 'a', type: 'INTEGER', mode: 'NULLABLE' }, { name: 'b', type: 'STRING', mode: 'REPEATED' }] },
    { name: 'b', type: 'STRING', mode: 'REPEATED' },
    { name: 'a', type: 'INTEGER', mode: 'NULLABLE' },
  ]);
  assert.deepEqual(cells(m.rows), [[['1', ['q']], ['q'], '1']]);
});

test("introspection.h's query answers from DuckDB's catalog in BigQuery's types", async () => {
  const sql = `SELECT \`c\`.\`table_name\`, \`t\`.\`table_type\`, \`c\`.\`column_name\`, \`c\`.\`ordinal_position\`,
         \`c\`.\`is_nullable\`, \`c\`.\`data_type\`
  FROM \`source\`.INFORMATION_SCHEMA.COLUMNS AS \`c\`
  JOIN \`source\`.INFORMATION_SCHEMA.TABLES AS \`t\` ON \`t\`.\`table_name\` = \`c\`.\`table_name\`
  WHERE \`c\`.\`is_hidden\` = 'NO'
  ORDER BY \`c\`.\`table_name\`, \`c\`.\`ordinal_position\``;
  const r = await ok(sql);
  assert.deepEqual(r.schema.fields.map((f) => [f.name, f.type]), [['table_name', 'STRING'], ['table_type', 'STRING'],
    ['column_name', 'STRING'], ['ordinal_position', 'INTEGER'], ['is_nullable', 'STRING'], ['data_type', 'STRING']]);
  const rows = cells(r.rows);
  assert.deepEqual(rows.filter((x) => x[0] === 'article').map((x) => [x[2], x[3], x[4], x[5]]), [
    ['id', '1', 'YES', 'INT64'], ['title', '2', 'YES', 'STRING'], ['author_id', '3', 'YES', 'INT64'],
    ['rating', '4', 'YES', 'NUMERIC'], ['tags', '5', 'NO', 'ARRAY<STRING>'], ['meta', '6', 'YES', 'STRUCT<a INT64, b ARRAY<STRING>>'],
    ['published', '7', 'YES', 'TIMESTAMP'], ['written', '8', 'YES', 'DATETIME'], ['day', '9', 'YES', 'DATE'],
    ['score', '10', 'YES', 'FLOAT64'], ['body', '11', 'YES', 'JSON'], ['raw', '12', 'YES', 'BYTES'], ['t', '13', 'YES', 'TIME'],
    ['flag', '14', 'YES', 'BOOL'],
  ]);
  assert.deepEqual(rows.filter((x) => x[0] === 'author').map((x) => [x[1], x[2], x[4]]),
    [['BASE TABLE', 'id', 'NO'], ['BASE TABLE', 'name', 'YES'], ['BASE TABLE', 'country_id', 'YES']]);
  assert.deepEqual(rows.filter((x) => x[0] === 'article_titles').map((x) => [x[1], x[2]]), [['VIEW', 'id'], ['VIEW', 'title']]);
  assert.ok(!rows.some((x) => x[0] === 'tag'), 'only the dataset asked for');
  // No pseudo-column here: every column the double has is is_hidden 'NO'.
  const hidden = await ok('SELECT DISTINCT is_hidden FROM `source`.INFORMATION_SCHEMA.COLUMNS');
  assert.deepEqual(cells(hidden.rows), [['NO']]);

  const other = await ok(sql.replaceAll('`source`', '`other`'));
  assert.deepEqual(cells(other.rows).map((x) => x[2]), ['article_id', 'tag']);
  const missing = await fails(sql.replaceAll('`source`', '`nope`'), /^Not found: Dataset proj:nope was not found in location US$/,
    { status: 404, reason: 'notFound' });
  assert.equal(missing.error.status, 'NOT_FOUND');
});

test('unknown tables and names are Google-shaped errors', async () => {
  await fails('SELECT 1 FROM source.nope', /^Not found: Table proj:source.nope was not found in location US$/, { status: 404, reason: 'notFound' });
  await fails('SELECT 1 FROM nope.t', /^Not found: Dataset proj:nope/, { status: 404, reason: 'notFound' });
  await fails('SELECT nope FROM source.author', /^Unrecognized name: nope/);
  await fails('SELECT id FROM source.author AS a, source.article AS b', /ambiguous/);
  await fails('SELECT 1 FROM author', /missing dataset/);
  const r = await kit.query('SELECT COUNT(*) FROM author', { defaultDataset: { projectId: 'proj', datasetId: 'source' } });
  assert.deepEqual(cells(r.body.rows), [['4']]);
});

test('BigQuery semantics where DuckDB differs: casts, division, CONCAT, GREATEST, subscripts', async () => {
  await fails("SELECT CAST('1.5' AS INT64)", /^Could not cast literal "1.5" to type INT64/);
  await fails("SELECT CAST(CONCAT('1.', '5') AS INT64)", /^Bad int64 value: 1.5/);
  await fails('SELECT CAST(title AS INT64) FROM source.article', /^Bad int64 value: a/);
  const c = await ok("SELECT CAST(' 42 ' AS INT64), CAST('-0x1F' AS INT64), SAFE_CAST('1.5' AS INT64), CAST(2.5 AS INT64), CAST(-2.5 AS INT64), CAST('TRUE' AS BOOL), CAST(NUMERIC '1.50' AS STRING)");
  assert.deepEqual(cells(c.rows), [['42', '-31', null, '3', '-3', 'true', '1.5']]);
  await fails('SELECT 1 / 0', /^division by zero/);
  await fails('SELECT MOD(id, 0) FROM source.article', /^division by zero/);
  const d = await ok("SELECT CONCAT('a', CAST(NULL AS STRING)), GREATEST(1, NULL), 7 / 2, DIV(-7, 2), MOD(-7, 2), SAFE_DIVIDE(1, 0)");
  assert.deepEqual(cells(d.rows), [[null, null, '3.5', '-3', '-1', null]]);
  await fails('SELECT [1, 2][OFFSET(2)]', /out of bounds/);
  await fails('SELECT [1, 2][ORDINAL(0)]', /out of bounds/);
  const s = await ok('SELECT [1, 2][SAFE_OFFSET(-1)], [1, 2][OFFSET(1)], 1 << 63, -1 >> 60');
  assert.deepEqual(cells(s.rows), [[null, '2', '-9223372036854775808', '15']]);
});

test("TO_JSON_STRING: BigQuery's text where the double reproduces it", async () => {
  // Fixture 049's value, as BigQuery answered it.
  const f = await ok("SELECT TO_JSON_STRING(STRUCT(1 AS id, 'name' AS label))");
  assert.deepEqual(cells(f.rows), [['{"id":1,"label":"name"}']]);
  const r = await ok(`SELECT TO_JSON_STRING(STRUCT(9007199254740992 AS i, 9007199254740993 AS big, -9007199254740993 AS neg,
      NUMERIC '2' AS n, NUMERIC '1.50' AS nf, NUMERIC '12345678901234567' AS nbig, TRUE AS b, CAST(NULL AS STRING) AS z,
      @s AS s, b'hi' AS y, DATE '2024-02-29' AS d)),
    TO_JSON_STRING(CAST(NULL AS STRUCT<a INT64>)), TO_JSON_STRING(7), TO_JSON_STRING(CAST(NULL AS INT64))`,
  [param.str('s', 'q"b\\\n\u0001\u2028é/')]);
  assert.deepEqual(cells(r.rows), [['{"i":9007199254740992,"big":"9007199254740993","neg":"-9007199254740993",' +
    '"n":2,"nf":"1.5","nbig":"12345678901234567","b":true,"z":null,"s":"q\\"b\\\\\\n\\u0001\\u2028é/","y":"aGk=",' +
    '"d":"2024-02-29"}', 'null', '7', 'null']]);
});

test('COUNT(DISTINCT TO_JSON_STRING(STRUCT(…))) counts distinct tuples, NULL fields included', async () => {
  const r = await ok(`SELECT COUNT(DISTINCT TO_JSON_STRING(STRUCT(t.a AS c0, t.b AS c1))), COUNT(*) FROM (
      SELECT 1 AS a, 'x' AS b UNION ALL SELECT 1, 'x' UNION ALL SELECT NULL, 'x' UNION ALL SELECT NULL, 'x'
      UNION ALL SELECT 1, NULL UNION ALL SELECT 1, 'null' UNION ALL SELECT 2, 'x') AS t`);
  assert.deepEqual(cells(r.rows), [['5', '7']]);
  // The engine's statement (translate_test.cc, DistinctCountOfSeveralColumns).
  const e = await ok('SELECT STRUCT(COUNT(DISTINCT TO_JSON_STRING(STRUCT(`t1`.`author_id` AS `c0`, `t1`.`title` AS `c1`))) ' +
    'AS `c0`) AS `c0` FROM `source`.`article` AS `t1`');
  assert.deepEqual(cells(e.rows), [[['4']]]);
  // FLOAT64, TIME (and DATETIME, TIMESTAMP) fields: a text of the double's own, allowed only here.
  const u = await ok(`SELECT COUNT(DISTINCT TO_JSON_STRING(STRUCT(a.score AS c0, a.t AS c1, a.written AS c2, a.published AS c3))),
      COUNT(DISTINCT TO_JSON_STRING(STRUCT(a.author_id AS c0, a.flag AS c1))) FROM source.article AS a`);
  assert.deepEqual(cells(u.rows), [['4', '3']]);
  await fails("SELECT COUNT(DISTINCT CONCAT(TO_JSON_STRING(STRUCT(score AS c0)), '')) FROM source.article",
    /^Not supported by the BigQuery test double: TO_JSON_STRING of a FLOAT64 value outside an aggregate's DISTINCT/);
  await fails('SELECT COUNT(DISTINCT TO_JSON_STRING(STRUCT(meta AS c0))) FROM source.article',
    /^Not supported by the BigQuery test double: TO_JSON_STRING of a STRUCT<a INT64, b ARRAY<STRING>> value/);
});

test('DISTINCT, GROUP BY and PARTITION BY refuse the types BigQuery cannot group there', async () => {
  for (const [sql, message] of [
    ['SELECT COUNT(DISTINCT STRUCT(author_id, title)) FROM source.article',
      /^Aggregate functions with DISTINCT cannot be used with arguments of type STRUCT<author_id INT64, title STRING> at \[1:8\]$/],
    ['SELECT COUNT(DISTINCT body) FROM source.article', /^Aggregate functions with DISTINCT cannot be used with arguments of type JSON/],
    ['SELECT ARRAY_AGG(DISTINCT tags) FROM source.article', /^Aggregate functions with DISTINCT cannot be used with arguments of type ARRAY<STRING>/],
    ['SELECT body, COUNT(*) FROM source.article GROUP BY body', /^Grouping by expressions of type JSON is not allowed/],
    ['SELECT DISTINCT id, body FROM source.article', /^Column body of type JSON cannot be used in SELECT DISTINCT/],
    ['SELECT ROW_NUMBER() OVER (PARTITION BY score) FROM source.article', /^Partitioning by expressions of type FLOAT64 is not allowed/],
    ['SELECT ROW_NUMBER() OVER (PARTITION BY id, meta) FROM source.article', /^Partitioning by expressions of type STRUCT is not allowed/],
    ['SELECT ROW_NUMBER() OVER (PARTITION BY tags) FROM source.article', /^Partitioning by expressions of type ARRAY is not allowed/],
    ['SELECT ROW_NUMBER() OVER (PARTITION BY body) FROM source.article', /^Partitioning by expressions of type JSON is not allowed/],
    // BigQuery groups STRUCTs and ARRAYs in GROUP BY and SELECT DISTINCT only lately: refused.
    ['SELECT meta, COUNT(*) FROM source.article GROUP BY meta', /^Not supported by the BigQuery test double: GROUP BY a STRUCT value/],
    ['SELECT DISTINCT tags FROM source.article', /^Not supported by the BigQuery test double: SELECT DISTINCT over an ARRAY value/],
  ]) {
    const body = await fails(sql, message);
    assert.equal(body.error.code, 400);
  }
  // FLOAT64 groups (GROUP BY, DISTINCT) though it does not partition.
  const g = await ok('SELECT score, COUNT(*) FROM source.article GROUP BY score ORDER BY score');
  assert.deepEqual(cells(g.rows), [[null, '1'], ['-0.25', '1'], ['1.5', '1'], ['1.0E20', '1']]);
  const d = await ok('SELECT COUNT(DISTINCT score) FROM source.article');
  assert.deepEqual(cells(d.rows), [['3']]);
});

test('anything outside the subset is refused with 400 invalidQuery naming it', async () => {
  for (const [sql, what] of [
    ['SELECT ST_GEOGPOINT(1, 2)', /GEOGRAPHY functions \(ST_GEOGPOINT\)/],
    ['SELECT TO_JSON_STRING(STRUCT(1.5 AS a))', /TO_JSON_STRING of a FLOAT64 value outside an aggregate's DISTINCT/],
    ['SELECT * FROM source.author PIVOT (COUNT(*) FOR name IN ("a"))', /PIVOT/],
    ['INSERT INTO source.author VALUES (9, "x", NULL)', /statement INSERT/],
    ['SELECT 1; SELECT 2', /multi-statement/],
    ['SELECT MY_UDF(1)', /function MY_UDF/],
    ['SELECT id FROM source.author WINDOW w AS (ORDER BY id)', /named windows/],
    ['SELECT @@project_id', /system variables/],
    ['SELECT 1 AS a UNION ALL SELECT 2 ORDER BY a + 1', /ORDER BY expressions over a set operation/],
    ['SELECT ARRAY_AGG(x) OVER () FROM UNNEST([1]) AS x', /ARRAY_AGG as an analytic function/],
  ]) {
    await fails(sql, what);
    await fails(sql, /^Not supported by the BigQuery test double: /);
  }
  await fails('SELEC 1', /statement SELEC/);
  await fails('SELECT (1', /Syntax error/);
});

test('parse: BigQuery literals and identifiers', () => {
  const ast = parse("SELECT `a\\`b`, 'x\\'y', r'\\d', b'\\x01', \"\"\"multi\nline\"\"\", 0x1F, .5e1 FROM `p.d.t`");
  const vals = ast.body.items.map((i) => i.expr);
  assert.equal(vals[0].parts[0], 'a`b');
  assert.equal(vals[1].value, "x'y");
  assert.equal(vals[2].value, '\\d');
  assert.deepEqual([...vals[3].value], [1]);
  assert.equal(vals[4].value, 'multi\nline');
  assert.equal(vals[5].value, '0x1F');
  assert.equal(vals[6].type, 'FLOAT64');
  assert.deepEqual(ast.body.from.parts, ['p.d.t']);
});

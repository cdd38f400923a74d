// The seeded DuckDB database as BigQuery datasets: each DuckDB schema is a dataset, each table or
// view a table with columns in BigQuery's types, and INFORMATION_SCHEMA.COLUMNS / TABLES of each
// dataset kept as the "__bq_info" tables the translator reads them from.

import { bqTypeFromDuck, duckTypeSql, quoteIdent as qi, quoteString as qs, T, typeText } from './types.mjs';

const INFO_COLUMNS = [
  ['table_catalog', T.STRING], ['table_schema', T.STRING], ['table_name', T.STRING],
  ['column_name', T.STRING], ['ordinal_position', T.INT64], ['is_nullable', T.STRING],
  ['data_type', T.STRING], ['is_generated', T.STRING], ['is_hidden', T.STRING],
  ['is_system_defined', T.STRING], ['is_partitioning_column', T.STRING],
  ['clustering_ordinal_position', T.INT64], ['collation_name', T.STRING], ['column_default', T.STRING],
];
const INFO_TABLES = [
  ['table_catalog', T.STRING], ['table_schema', T.STRING], ['table_name', T.STRING],
  ['table_type', T.STRING], ['is_insertable_into', T.STRING], ['is_typed', T.STRING],
];
export const INFORMATION_SCHEMA = { COLUMNS: INFO_COLUMNS, TABLES: INFO_TABLES };

const HIDDEN_SCHEMAS = new Set(['__bq_info', 'information_schema', 'pg_catalog']);

// The catalog as BigQuery sees it: dataset → table → columns with BigQuery types; written to
// "__bq_info" tables too, which the INFORMATION_SCHEMA views translate to.
export async function snapshotCatalog(c, projectId) {
  const rel = await c.runAndReadAll(`
    SELECT schema_name, table_name, 'BASE TABLE' AS kind FROM duckdb_tables()
      WHERE NOT internal AND NOT temporary AND database_name = current_database()
    UNION ALL
    SELECT schema_name, view_name, 'VIEW' FROM duckdb_views()
      WHERE NOT internal AND NOT temporary AND database_name = current_database()
    ORDER BY 1, 2`);
  const nulls = await c.runAndReadAll(`
    SELECT schema_name, table_name, column_name, is_nullable FROM duckdb_columns()
      WHERE database_name = current_database()`);
  const nullable = new Map(nulls.getRows().map(([s, t, col, n]) => [`${s}\u0000${t}\u0000${col}`, n]));
  const datasets = new Map();
  for (const [schema, table, kind] of rel.getRows()) {
    if (HIDDEN_SCHEMAS.has(schema)) continue;
    const probe = await c.runAndReadAll(`SELECT * FROM ${qi(schema)}.${qi(table)} LIMIT 0`);
    const columns = probe.columnNames().map((name, i) => {
      const dt = probe.columnTypes()[i];
      const type = bqTypeFromDuck(dt);
      if (!type || type.name === 'INTERVAL') {
        throw new Error(`seed column ${schema}.${table}.${name} has DuckDB type ${dt.toString()}, which has no BigQuery counterpart here`);
      }
      return { name, type, nullable: nullable.get(`${schema}\u0000${table}\u0000${name}`) !== false };
    });
    if (!datasets.has(schema)) datasets.set(schema, new Map());
    datasets.get(schema).set(table, { kind, columns });
  }
  // Empty schemas are datasets too.
  const schemas = await c.runAndReadAll(`SELECT schema_name FROM duckdb_schemas()
    WHERE NOT internal AND database_name = current_database()`);
  for (const [schema] of schemas.getRows()) {
    if (!HIDDEN_SCHEMAS.has(schema) && schema !== 'main' && !datasets.has(schema)) datasets.set(schema, new Map());
  }
  const catalog = { datasets };
  await c.run('DROP SCHEMA IF EXISTS "__bq_info" CASCADE; CREATE SCHEMA "__bq_info"');
  const ddl = (name, cols) => `CREATE TABLE "__bq_info".${qi(name)} (${cols.map(([n, t]) => `${qi(n)} ${duckTypeSql(t)}`).join(', ')})`;
  await c.run(ddl('columns', INFORMATION_SCHEMA.COLUMNS));
  await c.run(ddl('tables', INFORMATION_SCHEMA.TABLES));
  const project = projectId || 'project';
  for (const [schema, tables] of datasets) {
    for (const [table, info] of tables) {
      await c.run(`INSERT INTO "__bq_info"."tables" VALUES (${[project, schema, table, info.kind,
        info.kind === 'VIEW' ? 'NO' : 'YES', 'NO'].map(qs).join(', ')})`);
      for (const [i, col] of info.columns.entries()) {
        // A REPEATED column is never NULL (BigQuery reports it as not nullable).
        const isNullable = col.nullable && col.type.name !== 'ARRAY' ? 'YES' : 'NO';
        const vals = [qs(project), qs(schema), qs(table), qs(col.name), String(i + 1), qs(isNullable),
          qs(typeText(col.type)), "'NEVER'", "'NO'", "'NO'", "'NO'", 'NULL', 'NULL', "'NULL'"];
        await c.run(`INSERT INTO "__bq_info"."columns" VALUES (${vals.join(', ')})`);
      }
    }
  }
  return catalog;
}

// The query engine of the BigQuery test double: an in-memory DuckDB seeded with DuckDB SQL (a DuckDB
// schema is a BigQuery dataset), a snapshot of its catalog in BigQuery's types, and the run of one
// BigQuery query: parameters converted, SQL translated, executed, encoded in the wire format.

import crypto from 'node:crypto';
import duckdb from '@duckdb/node-api';
import { QueryError } from './parse.mjs';
import { translate } from './translate.mjs';
import { snapshotCatalog } from './catalog.mjs';
import { MACROS } from './macros.mjs';
import { convertParameters } from './params.mjs';
import { encodeResult } from './encode.mjs';

const { DuckDBInstance, DuckDBScalarFunction, VARCHAR, BLOB } = duckdb;

// DuckDB's message without its error class prefix and the "LINE 1: …" excerpt of the translated
// SQL, which would mean nothing to the caller.
function duckMessage(e) {
  const first = String(e.message || e).split('\n')[0];
  if (first.startsWith('Invalid Input Error: ')) return first.slice('Invalid Input Error: '.length);
  return first;
}

export class Double {
  static async create({ seedSql = '', project = null } = {}) {
    const d = new Double();
    d.project = project;
    d.instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    d.conn = await d.instance.connect();
    d.queue = Promise.resolve();
    await d.setup(seedSql);
    return d;
  }

  async setup(seedSql) {
    const c = this.conn;
    await c.run("SET TimeZone = 'UTC'");
    await c.run("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
    for (const m of MACROS) await c.run(m);
    c.registerScalarFunction(DuckDBScalarFunction.create({
      name: 'bq_hash',
      returnType: BLOB,
      parameterTypes: [VARCHAR, BLOB],
      mainFunction: (info, input, output) => {
        const algos = input.getColumnVector(0);
        const data = input.getColumnVector(1);
        for (let i = 0; i < input.rowCount; i++) {
          const bytes = data.getItem(i);
          if (bytes === null) output.setItem(i, null);
          else output.setItem(i, duckdb.blobValue(crypto.createHash(algos.getItem(i)).update(bytes.bytes).digest()));
        }
        output.flush();
      },
    }));
    if (seedSql.trim()) {
      try {
        await c.run(seedSql);
      } catch (e) {
        throw new Error(`seed failed: ${e.message}`);
      }
    }
    this.catalog = await snapshotCatalog(c, this.project);
  }

  // Runs one query; calls are serialized on the one connection.
  run(req) {
    const next = this.queue.then(() => this.runNow(req));
    this.queue = next.catch(() => {});
    return next;
  }

  // req: {query, queryParameters, parameterMode, project, location, defaultDataset,
  // useInt64Timestamp}. Returns {fields, rows (encoded), raw: {names, types, rows}}.
  async runNow(req) {
    const params = convertParameters(req.queryParameters, req.parameterMode);
    const tr = translate(req.query, {
      catalog: this.catalog,
      project: req.project,
      location: req.location,
      defaultDataset: req.defaultDataset,
      params,
    });
    let reader;
    try {
      const prepared = await this.conn.prepare(tr.sql);
      const values = {};
      const types = {};
      for (const key of tr.usedParams) {
        values[`bqp_${key}`] = params.get(key).value;
        types[`bqp_${key}`] = params.get(key).duckType;
      }
      if (tr.usedParams.size) prepared.bind(values, types);
      reader = await prepared.runAndReadAll();
    } catch (e) {
      if (e instanceof QueryError) throw e;
      const err = new QueryError(duckMessage(e));
      err.sql = tr.sql;
      throw err;
    }
    const names = tr.columns.map((c) => c.name);
    const types = reader.columnTypes();
    const rows = reader.getRows();
    const hints = tr.columns.map((c) => c.type);
    const encoded = encodeResult(names, types, rows, { useInt64Timestamp: !!req.useInt64Timestamp }, hints);
    return { ...encoded, sql: tr.sql, raw: { names, types, rows, hints } };
  }

  close() {
    this.conn.closeSync();
    this.instance.closeSync?.();
  }
}

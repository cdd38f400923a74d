// Conformance of the double with real BigQuery: every recorded fixture (fixtures/NNN-name.sql, the
// query; NNN-name.json, BigQuery's response, captured with formatOptions.useInt64Timestamp) is run
// through the double, seeded with nothing, and its response, cleaned as fixtures/README.md says
// the recordings were, must equal the recording. The fixtures the double cannot run are listed in
// UNSUPPORTED with the reason; each must be refused with 400 invalidQuery, so the list cannot go
// stale silently.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDouble } from './testkit.mjs';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

const UNSUPPORTED = {
  '007-st-distance-geodesic': 'GEOGRAPHY (ST_*) functions: DuckDB would need its spatial extension, which is not available offline',
  '049-json-functions': 'JSON_EXTRACT / JSON_QUERY / JSON_TYPE: BigQuery\'s normalisation of JSON text is not reproduced (its TO_JSON_STRING is, in translate.test.mjs)',
  '059-dml-insert': 'multi-statement scripts with temporary tables and DML',
  '060-dml-update': 'multi-statement scripts with temporary tables and DML',
  '061-dml-delete': 'multi-statement scripts with temporary tables and DML',
  '062-dml-merge': 'multi-statement scripts with temporary tables and DML (MERGE)',
  '072-geography-accessors': 'GEOGRAPHY (ST_*) functions: DuckDB would need its spatial extension, which is not available offline',
  '074-pivot': 'PIVOT (BigQuery\'s naming of pivoted columns is not reproduced)',
};

// Recordings without their query (the index lacked 001's .sql); nothing to run.
const NO_QUERY = { '001-int64-literal': 'the recorded query is missing (fixtures/README.md)' };

// The recordings' cleaning (fixtures/README.md): schema.fields without mode NULLABLE, categories
// and policyTags; rows, totalRows and jobComplete; nothing else.
function cleanFields(fields) {
  return fields.map((f) => {
    const out = {};
    for (const [k, v] of Object.entries(f)) {
      if (k === 'categories' || k === 'policyTags' || (k === 'mode' && v === 'NULLABLE')) continue;
      out[k] = k === 'fields' ? cleanFields(v) : v;
    }
    return out;
  });
}

function clean(resp) {
  const out = { schema: { fields: cleanFields(resp.schema.fields) } };
  if (resp.rows) out.rows = resp.rows;
  out.totalRows = resp.totalRows;
  out.jobComplete = resp.jobComplete;
  return out;
}

const names = fs.readdirSync(DIR).filter((f) => /^\d{3}-.*\.json$/.test(f) && !f.endsWith('.meta.json'))
  .map((f) => f.slice(0, -'.json'.length)).sort();

let kit;
let matched = 0;
before(async () => {
  kit = await startDouble({ seedSql: '' });
});
after(async () => {
  await kit.close();
});

test('the fixture set is what this file accounts for', () => {
  for (const n of Object.keys(UNSUPPORTED)) assert.ok(names.includes(n), `UNSUPPORTED lists ${n}, which is not a fixture`);
  for (const n of names) {
    const hasSql = fs.existsSync(path.join(DIR, `${n}.sql`));
    assert.equal(hasSql, !NO_QUERY[n], `${n}: .sql ${hasSql ? 'present' : 'missing'}`);
  }
});

for (const name of names) {
  if (NO_QUERY[name]) continue;
  test(`fixture ${name}`, async () => {
    const sql = fs.readFileSync(path.join(DIR, `${name}.sql`), 'utf8');
    const recorded = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
    delete recorded._meta;
    const r = await kit.query(sql, { location: 'US' });
    if (UNSUPPORTED[name]) {
      assert.equal(r.status, 400, `${name} is listed as unsupported but answered ${r.status}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.errors[0].reason, 'invalidQuery');
      assert.match(r.body.error.message, /Not supported by the BigQuery test double/);
      return;
    }
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(clean(r.body), recorded);
    matched += 1;
  });
}

test('summary', (t) => {
  const runnable = names.length - Object.keys(NO_QUERY).length;
  const line = `conformance: ${matched} of ${runnable} runnable fixtures match the recordings; ` +
    `${Object.keys(UNSUPPORTED).length} refused as unsupported; ${Object.keys(NO_QUERY).length} without a query`;
  t.diagnostic(line);
  assert.equal(matched + Object.keys(UNSUPPORTED).length, runnable);
});

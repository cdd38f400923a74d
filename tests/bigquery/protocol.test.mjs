// The double's REST protocol: jobs.query and getQueryResults (polling, paging, location), the
// control API (page size, incomplete polls, injected failures, delays, stats, reset) and the CLI.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { signJwt } from './auth.mjs';
import { cells, param, startDouble } from './testkit.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const IDS = 'SELECT id FROM source.article ORDER BY id';

let kit;
before(async () => {
  kit = await startDouble();
});
after(async () => {
  await kit.close();
});
beforeEach(async () => {
  await kit.reset();
});

// Follows getQueryResults until the job is complete and every page is read.
async function readAll(first, params = {}) {
  let r = first;
  const pages = [r];
  const rows = [...(r.body.rows || [])];
  const ref = r.body.jobReference;
  while (r.body.jobComplete === false || r.body.pageToken) {
    const q = { location: ref.location, 'formatOptions.useInt64Timestamp': 'true', ...params };
    if (r.body.pageToken) q.pageToken = r.body.pageToken;
    r = await kit.results(ref.jobId, q);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    pages.push(r);
    rows.push(...(r.body.rows || []));
  }
  return { pages, rows };
}

test('jobs.query answers a complete job in the wire format', async () => {
  const r = await kit.query(IDS);
  assert.equal(r.status, 200);
  assert.equal(r.body.kind, 'bigquery#queryResponse');
  assert.equal(r.body.jobComplete, true);
  assert.equal(r.body.totalRows, '4');
  assert.deepEqual(r.body.schema.fields, [{ name: 'id', type: 'INTEGER', mode: 'NULLABLE' }]);
  assert.deepEqual(r.body.rows, [10, 11, 12, 13].map((n) => ({ f: [{ v: String(n) }] })));
  assert.equal(r.body.pageToken, undefined);
  assert.deepEqual(r.body.jobReference.location, 'US');
  assert.match(r.body.jobReference.jobId, /^job_/);
  assert.equal(r.body.jobReference.projectId, 'proj');
});

test('the request location is echoed and required on getQueryResults', async () => {
  await kit.control({ page_size: 1 });
  const r = await kit.query(IDS, { location: 'EU' });
  assert.equal(r.body.jobReference.location, 'EU');
  const wrong = await kit.results(r.body.jobReference.jobId, { location: 'US', pageToken: r.body.pageToken });
  assert.equal(wrong.status, 404);
  assert.equal(wrong.body.error.errors[0].reason, 'notFound');
  const right = await kit.results(r.body.jobReference.jobId, { location: 'EU', pageToken: r.body.pageToken });
  assert.equal(right.status, 200);
  assert.equal(right.body.kind, 'bigquery#getQueryResultsResponse');
  assert.equal(right.body.jobReference.location, 'EU');
});

test('page_size pages through pageToken; maxResults caps pages too', async () => {
  await kit.control({ page_size: 3 });
  const first = await kit.query(IDS);
  assert.equal(first.body.rows.length, 3);
  assert.equal(first.body.totalRows, '4');
  assert.ok(first.body.pageToken);
  const { pages, rows } = await readAll(first);
  assert.equal(pages.length, 2);
  assert.deepEqual(cells(rows), [['10'], ['11'], ['12'], ['13']]);
  assert.equal(pages[1].body.totalRows, '4');
  assert.equal(pages[1].body.pageToken, undefined);

  const capped = await kit.query(IDS, { maxResults: 1 });
  assert.equal(capped.body.rows.length, 1);
  const all = await readAll(capped, { maxResults: '2' });
  assert.deepEqual(all.pages.map((p) => (p.body.rows || []).length), [1, 2, 1]);
  assert.deepEqual(cells(all.rows), [['10'], ['11'], ['12'], ['13']]);

  const bad = await kit.results(first.body.jobReference.jobId, { location: 'US', pageToken: 'garbage' });
  assert.equal(bad.status, 400);
});

test('an empty result has no rows and totalRows 0', async () => {
  const r = await kit.query('SELECT id FROM source.article WHERE id < 0');
  assert.equal(r.body.totalRows, '0');
  assert.equal(r.body.rows, undefined);
  assert.equal(r.body.jobComplete, true);
});

test('incomplete_polls: the next job answers jobComplete false n times', async () => {
  await kit.control({ incomplete_polls: 3 });
  const r = await kit.query(IDS);
  assert.equal(r.status, 200);
  assert.equal(r.body.jobComplete, false);
  assert.equal(r.body.rows, undefined);
  assert.equal(r.body.schema, undefined);
  assert.ok(r.body.jobReference.jobId);
  const { pages, rows } = await readAll(r);
  assert.deepEqual(pages.map((p) => p.body.jobComplete), [false, false, false, true]);
  assert.equal(rows.length, 4);
  // Only that job: the next one is complete at once.
  assert.equal((await kit.query(IDS)).body.jobComplete, true);
});

test('fail injects Google-shaped errors into the next API requests, in order', async () => {
  await kit.control({ fail: [{ status: 403, reason: 'rateLimitExceeded' }, { status: 503, reason: 'backendError' }] });
  const a = await kit.query(IDS);
  assert.equal(a.status, 403);
  assert.equal(a.body.error.code, 403);
  assert.equal(a.body.error.errors[0].reason, 'rateLimitExceeded');
  assert.equal(a.body.error.status, 'PERMISSION_DENIED');
  const b = await kit.query(IDS);
  assert.equal(b.status, 503);
  assert.equal(b.body.error.errors[0].reason, 'backendError');
  const c = await kit.query(IDS);
  assert.equal(c.status, 200);
  const s = await kit.stats();
  assert.equal(s.jobs, 1);
  assert.equal(s.requests, 3);

  // Failures hit getQueryResults as well.
  await kit.control({ page_size: 2, fail: [{ status: 500, reason: 'internalError', message: 'boom' }] });
  const d = await kit.query(IDS);
  assert.equal(d.status, 500);
  assert.equal(d.body.error.message, 'boom');
  const e = await kit.query(IDS);
  await kit.control({ fail: [{ status: 503, reason: 'backendError' }] });
  const f = await kit.results(e.body.jobReference.jobId, { location: 'US', pageToken: e.body.pageToken });
  assert.equal(f.status, 503);
  const g = await kit.results(e.body.jobReference.jobId, { location: 'US', pageToken: e.body.pageToken });
  assert.equal(g.status, 200);
});

test('stats count jobs that ran, tokens, requests, and record queries with their parameters', async () => {
  const p = [param.int('p1', 11)];
  await kit.query('SELECT id FROM source.article WHERE id = @p1', { queryParameters: p, parameterMode: 'NAMED' });
  await kit.query('SELECT nope FROM source.article');
  await kit.query('SELECT 1', { useLegacySql: true });
  await kit.exchange(kit.assertion());
  const s = await kit.stats();
  assert.equal(s.jobs, 1);
  assert.equal(s.tokens, 1);
  assert.equal(s.requests, 3);
  assert.deepEqual(s.queries, [{ sql: 'SELECT id FROM source.article WHERE id = @p1', parameters: p }]);
  assert.equal(s.failed.length, 1);
  await kit.reset();
  assert.deepEqual(await kit.stats(), { jobs: 0, tokens: 0, requests: 0, queries: [], failed: [] });
});

test('delay_ms delays every API answer', async () => {
  await kit.control({ delay_ms: 150 });
  const t0 = Date.now();
  await kit.query('SELECT 1');
  assert.ok(Date.now() - t0 >= 140);
});

test('useLegacySql must be false; malformed requests are 400', async () => {
  for (const body of [{ useLegacySql: true }, { useLegacySql: undefined }]) {
    const r = await kit.query('SELECT 1', body);
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 400);
  }
  const r = await fetch(`${kit.base}/bigquery/v2/projects/proj/queries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await kit.token()}` },
    body: '{nope',
  });
  assert.equal(r.status, 400);
  const typo = await kit.query('SELECT 1', { queryParams: [] });
  assert.equal(typo.status, 400);
  assert.match(typo.body.error.message, /Unknown name "queryParams"/);
  const badParam = await kit.query('SELECT @p', { parameterMode: 'NAMED',
    queryParameters: [{ name: 'p', parameterType: { type: 'INT64' }, parameterValue: { values: '1' } }] });
  assert.equal(badParam.status, 400);
  assert.match(badParam.body.error.message, /Unknown name "values"/);
  // Google's JSON mapping takes the protobuf field names too.
  const snake = await kit.query('SELECT @p AS p', { parameter_mode: 'NAMED', max_results: 5,
    query_parameters: [{ name: 'p', parameter_type: { type: 'ARRAY', array_type: { type: 'INT64' } },
      parameter_value: { array_values: [{ value: '1' }] } }] });
  assert.equal(snake.status, 200, JSON.stringify(snake.body));
  const other = await kit.query('SELECT 1', {}, { proj: 'elsewhere' });
  assert.equal(other.status, 404);
  const missing = await kit.results('job_missing', { location: 'US' });
  assert.equal(missing.status, 404);
  assert.match(missing.body.error.message, /^Not found: Job proj:US\.job_missing/);
});

test('TIMESTAMP cells are microseconds with useInt64Timestamp, float seconds otherwise', async () => {
  const sql = 'SELECT published FROM source.article WHERE id = 12';
  const micros = await kit.query(sql);
  assert.deepEqual(cells(micros.body.rows), [['1000000']]);
  const seconds = await kit.query(sql, { formatOptions: {} });
  assert.deepEqual(cells(seconds.body.rows), [['1.0']]);
  const later = await kit.query('SELECT published FROM source.article WHERE id = 10', { formatOptions: {} });
  assert.deepEqual(cells(later.body.rows), [['1.748781296123456E9']]);
  // getQueryResults encodes per its own formatOptions.
  await kit.control({ page_size: 1 });
  const r = await kit.query('SELECT published FROM source.article WHERE id IN (10, 12) ORDER BY id');
  const next = await kit.results(r.body.jobReference.jobId, { location: 'US', pageToken: r.body.pageToken });
  assert.deepEqual(cells(next.body.rows), [['1.0']]);
});

test('control rejects unknown settings and bad values', async () => {
  assert.equal((await kit.control({ pagesize: 1 })).status, 400);
  assert.equal((await kit.control({ page_size: -1 })).status, 400);
  assert.equal((await kit.control({ fail: [{ status: 'x' }] })).status, 400);
});

test('the CLI prints its port, serves on loopback and stops when stdin closes or on SIGTERM', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bqdouble-'));
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'seed.sql'), "CREATE SCHEMA ds; CREATE TABLE ds.t (id BIGINT); INSERT INTO ds.t VALUES (7);");
  const email = 'cli@proj.iam.gserviceaccount.com';
  const start = () => spawn(process.execPath, [path.join(HERE, 'server.mjs'), '--port', '0', '--seed', path.join(dir, 'seed.sql'),
    '--public-key', path.join(dir, 'pub.pem'), '--client-email', email, '--project', 'cli-proj'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const portOf = (child) => new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]).port);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const exited = (child) => new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const child = start();
  const port = await portOf(child);
  const base = `http://127.0.0.1:${port}`;
  const now = Math.floor(Date.now() / 1000);
  const jwt = signJwt({ iss: email, scope: 'https://www.googleapis.com/auth/bigquery', aud: `${base}/token`, iat: now, exp: now + 600 }, privateKey);
  const tok = await (await fetch(`${base}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }),
  })).json();
  const r = await fetch(`${base}/bigquery/v2/projects/cli-proj/queries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tok.access_token}` },
    body: JSON.stringify({ query: 'SELECT id FROM `ds`.`t`', useLegacySql: false }),
  });
  assert.deepEqual(cells((await r.json()).rows), [['7']]);
  const done = exited(child);
  child.stdin.end();
  assert.equal((await done).code, 0);

  const second = start();
  await portOf(second);
  const done2 = exited(second);
  second.kill('SIGTERM');
  assert.equal((await done2).code, 0);
  fs.rmSync(dir, { recursive: true });
});

// Helpers for the double's own tests: an in-process server with a throwaway RSA key pair, and
// small HTTP clients for its token endpoint, the BigQuery API and the control API.

import crypto from 'node:crypto';
import { signJwt } from './auth.mjs';
import { DoubleServer } from './server.mjs';

export const CLIENT_EMAIL = 'junction-test@proj.iam.gserviceaccount.com';
export const PROJECT = 'proj';

export const SEED = `
CREATE SCHEMA source;
CREATE TABLE source.country (id BIGINT, name VARCHAR);
CREATE TABLE source.author (id BIGINT NOT NULL, name VARCHAR, country_id BIGINT);
CREATE TABLE source.article (id BIGINT, title VARCHAR, author_id BIGINT, rating DECIMAL(10, 2),
  tags VARCHAR[], meta STRUCT(a BIGINT, b VARCHAR[]), published TIMESTAMPTZ, written TIMESTAMP, day DATE,
  score DOUBLE, body JSON, raw BLOB, t TIME, flag BOOLEAN);
INSERT INTO source.country VALUES (1, 'Netherlands'), (2, 'France');
INSERT INTO source.author VALUES (1, 'Alice', 1), (2, 'Anna', 3), (3, 'Bob', NULL), (4, 'Carl', 2);
INSERT INTO source.article VALUES
  (10, 'a1', 1, 4.5, ['x', 'y'], {'a': 1, 'b': ['q']}, '2025-06-01 12:34:56.123456+00', '2025-06-01 12:34:56',
   '2025-06-01', 1.5, '{"k": [1, 2]}', 'hi'::BLOB, '12:34:56.5', true),
  (11, 'a2', 1, 3.25, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (12, 'b1', 2, NULL, [], {'a': NULL, 'b': NULL}, '1970-01-01 00:00:01+00', '2025-01-02 00:00:00.25',
   '2025-01-02', -0.25, 'null', ''::BLOB, '00:00:00', false),
  (13, 'a3', 1, 1.00, ['z'], NULL, NULL, NULL, NULL, 1e20, NULL, NULL, NULL, NULL);
CREATE VIEW source.article_titles AS SELECT id, title FROM source.article;
CREATE SCHEMA other;
CREATE TABLE other.tag (article_id BIGINT, tag VARCHAR);
INSERT INTO other.tag VALUES (10, 'red'), (10, 'blue'), (12, 'red');
`;

export async function startDouble({ seedSql = SEED, project = PROJECT } = {}) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const server = await DoubleServer.start({
    seedSql,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }),
    clientEmail: CLIENT_EMAIL,
    project,
  });
  const base = `http://127.0.0.1:${server.port}`;
  const kit = {
    server,
    base,
    privateKey,
    project,
    claims(overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      return { iss: CLIENT_EMAIL, scope: 'https://www.googleapis.com/auth/bigquery', aud: `${base}/token`, iat: now,
        exp: now + 3600, ...overrides };
    },
    assertion(overrides = {}, key = privateKey, header = undefined) {
      return signJwt(kit.claims(overrides), key, header);
    },
    async exchange(assertion, grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const r = await fetch(`${base}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: grantType, assertion }),
      });
      return { status: r.status, body: await r.json() };
    },
    async token() {
      if (!kit.cachedToken) {
        const r = await kit.exchange(kit.assertion());
        if (r.status !== 200) throw new Error(`token: ${JSON.stringify(r.body)}`);
        kit.cachedToken = r.body.access_token;
      }
      return kit.cachedToken;
    },
    // jobs.query; body fields override the defaults (useLegacySql false, int64 timestamps).
    async query(sql, body = {}, { token, proj = project } = {}) {
      const auth = token === null ? {} : { authorization: `Bearer ${token ?? (await kit.token())}` };
      const r = await fetch(`${base}/bigquery/v2/projects/${proj}/queries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ query: sql, useLegacySql: false, formatOptions: { useInt64Timestamp: true }, ...body }),
      });
      return { status: r.status, body: await r.json() };
    },
    async results(jobId, params = {}, { token, proj = project } = {}) {
      const q = new URLSearchParams(params);
      const r = await fetch(`${base}/bigquery/v2/projects/${proj}/queries/${jobId}?${q}`, {
        headers: { authorization: `Bearer ${token ?? (await kit.token())}` },
      });
      return { status: r.status, body: await r.json() };
    },
    async control(settings) {
      const r = await fetch(`${base}/control`, { method: 'POST', body: JSON.stringify(settings) });
      return { status: r.status, body: await r.json() };
    },
    async reset() {
      await fetch(`${base}/control/reset`, { method: 'POST' });
    },
    async stats() {
      return (await fetch(`${base}/control/stats`)).json();
    },
    close: () => server.close(),
  };
  return kit;
}

// Named, typed query parameters in BigQuery's QueryParameter JSON.
export const param = {
  int: (name, v) => ({ name, parameterType: { type: 'INT64' }, parameterValue: { value: v === null ? null : String(v) } }),
  str: (name, v) => ({ name, parameterType: { type: 'STRING' }, parameterValue: { value: v } }),
  of: (name, type, value) => ({ name, parameterType: type, parameterValue: value }),
  intArray: (name, vs) => ({
    name,
    parameterType: { type: 'ARRAY', arrayType: { type: 'INT64' } },
    parameterValue: { arrayValues: vs.map((v) => ({ value: String(v) })) },
  }),
  // ARRAY<STRUCT<…>> from rows of {field: [type, value]}.
  structArray: (name, fields, rows) => ({
    name,
    parameterType: { type: 'ARRAY', arrayType: { type: 'STRUCT', structTypes: fields.map(([n, t]) => ({ name: n, type: { type: t } })) } },
    parameterValue: {
      arrayValues: rows.map((row) => ({
        structValues: Object.fromEntries(fields.map(([n], i) => [n, { value: row[i] === null ? null : String(row[i]) }])),
      })),
    },
  }),
};

// The cells of an answer's rows as plain values: {"f": [{"v": "1"}, …]} → ["1", …].
export function cells(rows) {
  const un = (v) => {
    if (v === null) return null;
    if (Array.isArray(v)) return v.map((x) => un(x.v));
    if (typeof v === 'object') return v.f.map((x) => un(x.v));
    return v;
  };
  return (rows || []).map((r) => r.f.map((c) => un(c.v)));
}

#!/usr/bin/env node
// The BigQuery test double's HTTP server (README.md; the protocol is the brief's):
//   node server.mjs --port 0 --seed <file.sql> --public-key <pem> --client-email <email> [--project <id>]
// prints {"port": N} on stdout when ready and stops on SIGTERM, SIGINT or when stdin closes.
// It serves Google's token endpoint (POST /token), BigQuery's jobs.query and getQueryResults
// (/bigquery/v2/projects/{p}/queries[/{jobId}]) and a control API for tests (/control…).

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { AuthError, GRANT_TYPE, TokenStore, verifyAssertion } from './auth.mjs';
import { Double } from './double.mjs';
import { encodeResult } from './encode.mjs';
import { QueryError } from './parse.mjs';
import { proto } from './params.mjs';

const STATUS = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 501: 'NOT_IMPLEMENTED', 503: 'UNAVAILABLE' };

const DEFAULT_MESSAGES = {
  rateLimitExceeded: 'Exceeded rate limits: too many api requests per user per method for this user_method. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas',
  backendError: 'Backend error. Job aborted.',
  internalError: 'An internal error occurred and the request could not be completed.',
  quotaExceeded: 'Quota exceeded: Your project exceeded quota for concurrent queries.',
  accessDenied: 'Access Denied: BigQuery BigQuery: Permission denied while running query.',
};

// Google's error body; inner: the errors[0].message when Google words it differently.
function googleError(code, reason, message, extra = {}, inner = message) {
  return { error: { code, message, errors: [{ message: inner, domain: 'global', reason, ...extra }], status: STATUS[code] || 'UNKNOWN' } };
}

class HttpError extends Error {
  constructor(code, body) {
    super(JSON.stringify(body));
    this.code = code;
    this.body = body;
  }
}

// QueryRequest's fields (BigQuery REST reference); the double reads query, useLegacySql,
// parameterMode, queryParameters, location, maxResults, defaultDataset and formatOptions.
const QUERY_REQUEST_FIELDS = ['kind', 'query', 'maxResults', 'defaultDataset', 'timeoutMs', 'jobTimeoutMs',
  'destinationEncryptionConfiguration', 'dryRun', 'preserveNulls', 'useQueryCache', 'useLegacySql', 'parameterMode',
  'queryParameters', 'location', 'formatOptions', 'connectionProperties', 'labels', 'maximumBytesBilled',
  'requestId', 'createSession', 'jobCreationMode', 'continuous', 'writeIncrementalResults', 'reservation', 'maxSlots'];

const defaultControl = () => ({ page_size: 0, incomplete_polls: 0, fail: [], delay_ms: 0, token_lifetime: 3600 });

export class DoubleServer {
  // opts: {seedSql, publicKey (PEM), clientEmail, project, port}
  static async start(opts = {}) {
    const s = new DoubleServer();
    s.opts = opts;
    s.double = await Double.create({ seedSql: opts.seedSql || '', project: opts.project || null });
    s.publicKey = opts.publicKey ? crypto.createPublicKey(opts.publicKey) : null;
    s.tokens = new TokenStore();
    s.control = defaultControl();
    s.resetStats();
    s.jobs = new Map();
    s.server = http.createServer((req, res) => s.handle(req, res));
    await new Promise((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(opts.port || 0, '127.0.0.1', resolve);
    });
    s.port = s.server.address().port;
    s.tokenUrl = `http://127.0.0.1:${s.port}/token`;
    return s;
  }

  resetStats() {
    this.stats = { jobs: 0, tokens: 0, requests: 0, queries: [], failed: [] };
  }

  async close() {
    await new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections?.();
    });
    this.double.close();
  }

  send(res, code, body) {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  async handle(req, res) {
    try {
      const body = await readBody(req);
      const url = new URL(req.url, 'http://127.0.0.1');
      const out = await this.route(req.method, url, body, req.headers);
      this.send(res, out.code ?? 200, out.body);
    } catch (e) {
      if (e instanceof HttpError) this.send(res, e.code, e.body);
      else this.send(res, 500, googleError(500, 'internalError', `test double: ${e.stack || e}`));
    }
  }

  async route(method, url, body, headers) {
    const path = url.pathname;
    if (path === '/token') {
      if (method !== 'POST') throw new HttpError(405, { error: 'invalid_request', error_description: 'POST only' });
      return this.token(body, headers);
    }
    if (path === '/control' && method === 'POST') return this.setControl(parseJson(body));
    if (path === '/control/reset' && method === 'POST') {
      this.control = defaultControl();
      this.resetStats();
      this.jobs.clear();
      return { body: this.control };
    }
    if (path === '/control/stats' && method === 'GET') return { body: this.stats };
    const m = /^\/bigquery\/v2\/projects\/([^/]+)\/queries(?:\/([^/]+))?$/.exec(path);
    if (!m) {
      throw new HttpError(404, googleError(404, 'notFound', `Not found: ${method} ${path} is not served by the BigQuery test double`));
    }
    return this.api(method, decodeURIComponent(m[1]), m[2] && decodeURIComponent(m[2]), url, body, headers);
  }

  // ---- token endpoint

  token(body, headers) {
    const ctype = String(headers['content-type'] || '');
    const oauthError = (error, description) => new HttpError(400, { error, error_description: description });
    if (!ctype.startsWith('application/x-www-form-urlencoded')) {
      throw oauthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== GRANT_TYPE) throw oauthError('unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
    const assertion = form.get('assertion');
    if (!assertion) throw oauthError('invalid_request', 'Missing required parameter: assertion');
    if (!this.publicKey || !this.opts.clientEmail) throw oauthError('invalid_client', 'The double was started without --public-key/--client-email');
    try {
      verifyAssertion(assertion, { publicKey: this.publicKey, clientEmail: this.opts.clientEmail, tokenUrl: this.tokenUrl });
    } catch (e) {
      if (e instanceof AuthError) throw oauthError(e.error, e.message);
      throw e;
    }
    this.stats.tokens += 1;
    return { body: this.tokens.issue(this.control.token_lifetime) };
  }

  // ---- control

  setControl(c) {
    if (!c || typeof c !== 'object' || Array.isArray(c)) throw new HttpError(400, { error: 'control body must be a JSON object' });
    for (const [k, v] of Object.entries(c)) {
      if (!(k in this.control)) throw new HttpError(400, { error: `unknown control setting ${k}` });
      if (k === 'fail') {
        if (!Array.isArray(v) || v.some((f) => !f || !Number.isInteger(f.status) || typeof f.reason !== 'string')) {
          throw new HttpError(400, { error: 'fail must be a list of {"status": n, "reason": "…"}' });
        }
        this.control.fail = v.map((f) => ({ ...f }));
      } else {
        if (!Number.isInteger(v) || v < 0) throw new HttpError(400, { error: `${k} must be a non-negative integer` });
        this.control[k] = v;
      }
    }
    return { body: this.control };
  }

  // ---- BigQuery API

  async api(method, project, jobId, url, body, headers) {
    this.stats.requests += 1;
    if (this.control.delay_ms) await new Promise((r) => setTimeout(r, this.control.delay_ms));
    const auth = this.tokens.check(headers.authorization);
    if (auth !== 'ok') {
      const message = auth === 'missing'
        ? 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.'
        : 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
      throw new HttpError(401, googleError(401, auth === 'missing' ? 'required' : 'authError',
        message, { location: 'Authorization', locationType: 'header' },
        auth === 'missing' ? 'Login Required.' : 'Invalid Credentials'));
    }
    if (this.control.fail.length) {
      const f = this.control.fail.shift();
      throw new HttpError(f.status, googleError(f.status, f.reason, f.message || DEFAULT_MESSAGES[f.reason] || `Injected failure: ${f.reason}`));
    }
    if (this.opts.project && project !== this.opts.project) {
      throw new HttpError(404, googleError(404, 'notFound', `Not found: Project ${project}`));
    }
    if (!jobId) {
      if (method !== 'POST') throw new HttpError(405, googleError(405, 'badRequest', 'jobs.query is POST'));
      return this.jobsQuery(project, parseJson(body));
    }
    if (method !== 'GET') throw new HttpError(405, googleError(405, 'badRequest', 'getQueryResults is GET'));
    return this.getQueryResults(project, jobId, url.searchParams);
  }

  async jobsQuery(project, body) {
    let q = body;
    const invalid = (msg) => new HttpError(400, googleError(400, 'invalid', msg));
    if (!q || typeof q !== 'object' || Array.isArray(q)) throw invalid('Invalid JSON payload received.');
    try {
      q = proto(q, QUERY_REQUEST_FIELDS, 'query_request');
      q.defaultDataset = proto(q.defaultDataset, ['projectId', 'datasetId'], 'query_request.default_dataset');
      q.formatOptions = proto(q.formatOptions, ['useInt64Timestamp', 'timestampOutputFormat'], 'query_request.format_options');
    } catch (e) {
      throw invalid(e.message);
    }
    if (typeof q.query !== 'string') throw invalid('Required parameter is missing: query');
    if (q.useLegacySql !== false) {
      throw invalid('The BigQuery test double only runs GoogleSQL: set useLegacySql to false (it defaults to true).');
    }
    if (q.dryRun) throw invalid('Not supported by the BigQuery test double: dryRun');
    const location = q.location || 'US';
    const useInt64Timestamp = !!(q.formatOptions && q.formatOptions.useInt64Timestamp);
    let result;
    try {
      result = await this.double.run({
        query: q.query,
        queryParameters: q.queryParameters,
        parameterMode: q.parameterMode,
        project,
        location,
        defaultDataset: q.defaultDataset && q.defaultDataset.datasetId,
        useInt64Timestamp,
      });
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      this.stats.failed.push({ sql: q.query, parameters: q.queryParameters ?? [], error: e.message });
      const extra = e.reason === 'invalidQuery' ? { location: 'q', locationType: 'parameter' } : {};
      throw new HttpError(e.status, googleError(e.status, e.reason, e.message, extra));
    }
    this.stats.jobs += 1;
    this.stats.queries.push({ sql: q.query, parameters: q.queryParameters ?? [] });
    const job = {
      id: `job_${crypto.randomBytes(12).toString('base64url').replace(/-/g, '_')}`,
      project,
      location,
      result,
      useInt64Timestamp,
      pending: this.control.incomplete_polls,
    };
    this.control.incomplete_polls = 0;
    this.jobs.set(`${project}\u0000${job.id}`, job);
    const maxResults = q.maxResults === undefined ? null : Number(q.maxResults);
    return { body: this.answer(job, 'bigquery#queryResponse', { maxResults, start: 0, useInt64Timestamp }) };
  }

  getQueryResults(project, jobId, params) {
    const job = this.jobs.get(`${project}\u0000${jobId}`);
    const location = params.get('location');
    if (!job || (location && location !== job.location)) {
      throw new HttpError(404, googleError(404, 'notFound', `Not found: Job ${project}:${location || 'US'}.${jobId}`));
    }
    let start = 0;
    const token = params.get('pageToken');
    if (token) {
      const decoded = decodePageToken(token);
      if (!decoded || decoded.job !== job.id) throw new HttpError(400, googleError(400, 'invalid', `Invalid page token: ${token}`));
      start = decoded.start;
    } else if (params.get('startIndex')) {
      start = Number(params.get('startIndex'));
      if (!Number.isInteger(start) || start < 0) throw new HttpError(400, googleError(400, 'invalid', 'Invalid startIndex'));
    }
    const maxResults = params.get('maxResults') === null ? null : Number(params.get('maxResults'));
    const fmt = params.get('formatOptions.useInt64Timestamp');
    const useInt64Timestamp = fmt === null ? false : fmt === 'true';
    return { body: this.answer(job, 'bigquery#getQueryResultsResponse', { maxResults, start, useInt64Timestamp }) };
  }

  // One answer about a job: incomplete while it has pending polls, else a page of its rows.
  answer(job, kind, { maxResults, start, useInt64Timestamp }) {
    const jobReference = { projectId: job.project, jobId: job.id, location: job.location };
    if (job.pending > 0) {
      job.pending -= 1;
      return { kind, jobReference, jobComplete: false };
    }
    let rows = job.result.rows;
    if (useInt64Timestamp !== job.useInt64Timestamp) {
      const raw = job.result.raw;
      rows = encodeResult(raw.names, raw.types, raw.rows, { useInt64Timestamp }, raw.hints).rows;
    }
    const sizes = [this.control.page_size, maxResults].filter((n) => Number.isInteger(n) && n > 0);
    const size = sizes.length ? Math.min(...sizes) : rows.length;
    const page = rows.slice(start, start + size);
    const out = {
      kind,
      schema: { fields: job.result.fields },
      jobReference,
      totalRows: String(rows.length),
      totalBytesProcessed: '0',
      jobComplete: true,
      cacheHit: false,
    };
    if (page.length) out.rows = page;
    if (start + page.length < rows.length) out.pageToken = encodePageToken({ job: job.id, start: start + page.length });
    return out;
  }
}

function encodePageToken(t) {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodePageToken(s) {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return t && typeof t.job === 'string' && Number.isInteger(t.start) && t.start >= 0 ? t : null;
  } catch {
    return null;
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text || 'null');
  } catch {
    throw new HttpError(400, googleError(400, 'parseError', 'Invalid JSON payload received.'));
  }
}

// BigQuery caps a request at 10 MB; the double refuses bodies past twice that.
const MAX_BODY = 20 * 1024 * 1024;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY) reject(new HttpError(400, googleError(400, 'invalid', 'Request payload size exceeds the limit')));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

// ---- CLI

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    const need = () => {
      if (v === undefined) throw new Error(`${a} needs a value`);
      i++;
      return v;
    };
    if (a === '--port') opts.port = Number(need());
    else if (a === '--seed') opts.seed = need();
    else if (a === '--public-key') opts.publicKeyFile = need();
    else if (a === '--client-email') opts.clientEmail = need();
    else if (a === '--project') opts.project = need();
    else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.publicKeyFile || !opts.clientEmail) throw new Error('--public-key and --client-email are required');
  if (!Number.isInteger(opts.port) || opts.port < 0) opts.port = 0;
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\nusage: node server.mjs --port 0 --seed <file.sql> --public-key <pem> --client-email <email> [--project <id>]\n`);
    process.exit(2);
  }
  const server = await DoubleServer.start({
    port: opts.port,
    seedSql: opts.seed ? fs.readFileSync(opts.seed, 'utf8') : '',
    publicKey: fs.readFileSync(opts.publicKeyFile, 'utf8'),
    clientEmail: opts.clientEmail,
    project: opts.project,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  main().catch((e) => {
    process.stderr.write(`${e.stack || e}\n`);
    process.exit(1);
  });
}

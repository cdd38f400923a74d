// The double's token endpoint (the OAuth2 JWT-bearer exchange) and its Bearer checks.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import { startDouble } from './testkit.mjs';

let kit;
before(async () => {
  kit = await startDouble();
});
after(async () => {
  await kit.close();
});

test('a good assertion is exchanged for a Bearer token', async () => {
  const r = await kit.exchange(kit.assertion());
  assert.equal(r.status, 200);
  assert.equal(r.body.token_type, 'Bearer');
  assert.equal(r.body.expires_in, 3600);
  assert.match(r.body.access_token, /^ya29\./);
  const q = await kit.query('SELECT 1 AS x', {}, { token: r.body.access_token });
  assert.equal(q.status, 200);
});

test('the cloud-platform scope is accepted too, beside others', async () => {
  const r = await kit.exchange(kit.assertion({ scope: 'openid https://www.googleapis.com/auth/cloud-platform' }));
  assert.equal(r.status, 200, JSON.stringify(r.body));
});

async function refused(assertion, error = 'invalid_grant', pattern = /./) {
  const r = await kit.exchange(assertion);
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.error, error);
  assert.match(r.body.error_description, pattern);
}

test('an assertion signed with another key is refused', async () => {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  await refused(kit.assertion({}, privateKey), 'invalid_grant', /Invalid JWT Signature/);
});

test('a wrong audience is refused', async () => {
  await refused(kit.assertion({ aud: 'https://oauth2.googleapis.com/token' }), 'invalid_grant', /audience/);
});

test('a wrong issuer is refused', async () => {
  await refused(kit.assertion({ iss: 'someone@else.iam.gserviceaccount.com' }), 'invalid_grant', /email/);
});

test('an assertion without a BigQuery scope is refused', async () => {
  await refused(kit.assertion({ scope: 'https://www.googleapis.com/auth/devstorage.read_only' }), 'invalid_scope');
  await refused(kit.assertion({ scope: undefined }), 'invalid_scope');
});

test('expired, future-dated and long-lived assertions are refused', async () => {
  const now = Math.floor(Date.now() / 1000);
  await refused(kit.assertion({ iat: now - 7200, exp: now - 3600 }), 'invalid_grant', /iat and exp/);
  await refused(kit.assertion({ iat: now + 1000, exp: now + 2000 }), 'invalid_grant', /iat and exp/);
  await refused(kit.assertion({ iat: now, exp: now + 3601 }), 'invalid_grant', /iat and exp/);
  await refused(kit.assertion({ iat: String(now) }), 'invalid_grant', /iat and exp/);
});

test('alg none and HS256 are refused', async () => {
  await refused(kit.assertion({}, null, { alg: 'none', typ: 'JWT' }), 'invalid_grant', /RS256/);
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(kit.claims())}`;
  const mac = crypto.createHmac('sha256', 'secret').update(input).digest('base64url');
  await refused(`${input}.${mac}`, 'invalid_grant', /RS256/);
});

test('a tampered claim set fails the signature check', async () => {
  const [h, , s] = kit.assertion().split('.');
  const forged = Buffer.from(JSON.stringify(kit.claims({ iss: 'x' }))).toString('base64url');
  await refused(`${h}.${forged}.${s}`, 'invalid_grant', /Signature/);
});

test('malformed requests get OAuth2-shaped errors', async () => {
  await refused('not-a-jwt', 'invalid_grant');
  const r = await kit.exchange(kit.assertion(), 'client_credentials');
  assert.equal(r.status, 400);
  assert.equal(r.body.error, 'unsupported_grant_type');
  const json = await fetch(`${kit.base}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: kit.assertion() }),
  });
  assert.equal(json.status, 400);
  assert.equal((await json.json()).error, 'invalid_request');
});

function isUnauthenticated(r, reason) {
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 401);
  assert.equal(r.body.error.status, 'UNAUTHENTICATED');
  assert.equal(r.body.error.errors[0].reason, reason);
}

test('the API requires a known, unexpired Bearer token', async () => {
  isUnauthenticated(await kit.query('SELECT 1', {}, { token: null }), 'required');
  const unknown = await kit.query('SELECT 1', {}, { token: 'ya29.made-up' });
  isUnauthenticated(unknown, 'authError');
  assert.match(unknown.body.error.message, /^Request had invalid authentication credentials/);
  const jobs = (await kit.stats()).jobs;

  await kit.control({ token_lifetime: 0 });
  const expired = await kit.exchange(kit.assertion());
  assert.equal(expired.body.expires_in, 0);
  const r = await kit.query('SELECT 1', {}, { token: expired.body.access_token });
  isUnauthenticated(r, 'authError');
  assert.match(r.body.error.message, /^Request had invalid authentication credentials/);
  const g = await kit.results('job_x', {}, { token: expired.body.access_token });
  isUnauthenticated(g, 'authError');
  assert.equal((await kit.stats()).jobs, jobs, 'refused requests run no job');
  await kit.control({ token_lifetime: 3600 });
});

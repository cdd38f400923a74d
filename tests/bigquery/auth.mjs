// Google's OAuth2 JWT-bearer token exchange, as the double serves it, and its access tokens.
// verifyAssertion checks what Google's token endpoint checks for a service account's assertion
// (BIGQUERY.md §1.7): RS256 signature with the account's public key, iss, aud, scope, iat, exp.

import crypto from 'node:crypto';

export const SCOPES = ['https://www.googleapis.com/auth/bigquery', 'https://www.googleapis.com/auth/cloud-platform'];
export const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export class AuthError extends Error {
  // error: the OAuth2 error code (invalid_grant, invalid_scope, invalid_request, …).
  constructor(error, description) {
    super(description);
    this.error = error;
  }
}

function b64urlDecode(part, what) {
  if (typeof part !== 'string' || !/^[A-Za-z0-9_-]*$/.test(part)) {
    throw new AuthError('invalid_grant', `Invalid JWT: ${what} is not base64url.`);
  }
  return Buffer.from(part, 'base64url');
}

function jsonPart(part, what) {
  try {
    const v = JSON.parse(b64urlDecode(part, what).toString('utf8'));
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v;
  } catch (e) {
    if (e instanceof AuthError) throw e;
    throw new AuthError('invalid_grant', `Invalid JWT: the ${what} is not a JSON object.`);
  }
}

// Returns the claims of a valid assertion, throws AuthError otherwise.
// opts: {publicKey (KeyObject or PEM), clientEmail, tokenUrl, nowSeconds?}
export function verifyAssertion(jwt, opts) {
  const parts = String(jwt).split('.');
  if (parts.length !== 3) throw new AuthError('invalid_grant', 'Invalid JWT: the assertion is not a compact JWS (header.claims.signature).');
  const [h, c, s] = parts;
  const header = jsonPart(h, 'header');
  if (header.alg !== 'RS256') throw new AuthError('invalid_grant', `Invalid JWT: algorithm ${JSON.stringify(header.alg)} is not RS256.`);
  if (header.typ !== undefined && header.typ !== 'JWT') throw new AuthError('invalid_grant', 'Invalid JWT: typ is not JWT.');
  const key = typeof opts.publicKey === 'string' ? crypto.createPublicKey(opts.publicKey) : opts.publicKey;
  const sig = b64urlDecode(s, 'signature');
  let ok = false;
  try {
    ok = crypto.verify('sha256', Buffer.from(`${h}.${c}`), { key, padding: crypto.constants.RSA_PKCS1_PADDING }, sig);
  } catch {
    ok = false;
  }
  if (!ok) throw new AuthError('invalid_grant', 'Invalid JWT Signature.');
  const claims = jsonPart(c, 'claim set');
  if (claims.iss !== opts.clientEmail) throw new AuthError('invalid_grant', 'Invalid email or User ID');
  if (claims.aud !== opts.tokenUrl) {
    throw new AuthError('invalid_grant', `Invalid JWT: Failed audience check. The right audience is ${opts.tokenUrl}`);
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/) : [];
  if (!scopes.some((x) => SCOPES.includes(x))) {
    throw new AuthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  }
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  const { iat, exp } = claims;
  if (!Number.isInteger(iat) || !Number.isInteger(exp) || Math.abs(iat - now) > 300 || exp <= iat ||
      exp - iat > 3600 || exp <= now) {
    throw new AuthError('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a ' +
      'reasonable timeframe. Check your iat and exp values in the JWT claim.');
  }
  return claims;
}

// Signs claims as an RS256 JWT (the tests' stand-in for the engine's OpenSSL code).
export function signJwt(claims, privateKey, header = { alg: 'RS256', typ: 'JWT' }) {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc(header)}.${enc(claims)}`;
  const sig = header.alg === 'none' ? '' : crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url');
  return `${input}.${sig}`;
}

// Access tokens the double issued, with their expiry.
export class TokenStore {
  constructor() {
    this.tokens = new Map();
  }

  issue(lifetimeSeconds, nowMs = Date.now()) {
    const token = `ya29.double-${crypto.randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, nowMs + lifetimeSeconds * 1000);
    return { access_token: token, expires_in: lifetimeSeconds, token_type: 'Bearer' };
  }

  // 'ok', 'missing', 'unknown' or 'expired' for an Authorization header's value.
  check(header, nowMs = Date.now()) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header || '');
    if (!m) return 'missing';
    const expires = this.tokens.get(m[1]);
    if (expires === undefined) return 'unknown';
    return nowMs >= expires ? 'expired' : 'ok';
  }
}

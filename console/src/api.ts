// The console's only way to the engine: POST /v1/metadata and /v1/graphql on the origin that
// served it. Every call carries the admin secret the user signed in with (auth.tsx keeps it;
// it is sent as a header, never in a URL) and turns an error answer into an ApiError holding
// Hasura's {error, code, path} so the page can say what went wrong where the user acted.

// The secret sent as X-Hasura-Admin-Secret; null when the engine needs none or nobody signed in.
let adminSecret: string | null = null;

export function setAdminSecret(secret: string | null): void {
  adminSecret = secret;
}

export function currentAdminSecret(): string | null {
  return adminSecret;
}

// Hasura's error body: {"path":"$.args","error":"…","code":"…","internal":…}.
export interface HasuraError {
  error: string;
  code?: string;
  path?: string;
  internal?: unknown;
}

// The codes of the errors made here, not by the engine: no answer, no answer in time, or an answer
// that is not JSON (a proxy's page).
const NOT_FROM_ENGINE = new Set(['network-error', 'timeout', 'invalid-response']);

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path?: string;
  readonly internal?: unknown;

  constructor(status: number, body: HasuraError) {
    super(body.error);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'unexpected';
    this.path = body.path;
    this.internal = body.internal;
  }

  // True when the engine refused the credentials it was given: a wrong admin secret (or none,
  // when the engine has no other way in).
  get accessDenied(): boolean {
    return this.code === 'access-denied' || this.status === 401;
  }

  // True when the engine itself answered with a client error (4xx, with Hasura's JSON error body)
  // rather than not answering, failing (5xx) or being something else (a body that is not JSON).
  // To an admin call without credentials, this is how the engine says it wants them: an admin
  // secret alone answers access-denied, but with JWT or an auth webhook too, a request without a
  // token is refused first for that (invalid-headers, invalid-jwt).
  get clientErrorFromEngine(): boolean {
    return this.status >= 400 && this.status < 500 && !NOT_FROM_ENGINE.has(this.code);
  }
}

// Reads a response body as JSON; a body that is not JSON (a proxy's error page, a dropped
// connection) becomes an ApiError that says so rather than a parse exception.
async function readJson(response: Response, options: CallOptions = {}): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ApiError(response.status, {
      error: isTimeout(error)
        ? `the engine's answer did not arrive ${describeWait(options)}`
        : `the engine's answer was cut off: ${describeError(error)}`,
      code: isTimeout(error) ? 'timeout' : 'network-error',
    });
  }
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    throw new ApiError(response.status, {
      error: `the engine answered HTTP ${response.status} with a body that is not JSON`,
      code: 'invalid-response',
    });
  }
}

// How long a call may wait for the engine's answer; without it, as long as the browser lets it.
export interface CallOptions {
  timeoutMs?: number;
}

// Whether a fetch (or the reading of its body) failed because its AbortSignal.timeout ran out.
function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError';
}

function describeWait(options: CallOptions): string {
  return options.timeoutMs === undefined ? 'in time' : `within ${options.timeoutMs / 1000} s`;
}

// Sends `body` to `path`; a request that gets no answer (the engine down, the network gone, no
// answer within `timeoutMs`) becomes an ApiError that says so, with status 0, rather than fetch's
// bare TypeError or DOMException.
async function send(
  path: string,
  body: unknown,
  requestHeaders: Record<string, string>,
  options: CallOptions = {},
): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...requestHeaders },
      body: JSON.stringify(body),
      signal: options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new ApiError(0, {
      error: isTimeout(error)
        ? `the engine did not answer ${describeWait(options)}`
        : `cannot reach the engine: ${describeError(error)}`,
      code: isTimeout(error) ? 'timeout' : 'network-error',
    });
  }
}

async function post(path: string, body: unknown, options: CallOptions = {}): Promise<unknown> {
  const requestHeaders: Record<string, string> = {};
  if (adminSecret !== null) requestHeaders['X-Hasura-Admin-Secret'] = adminSecret;
  const response = await send(path, body, requestHeaders, options);
  const json = await readJson(response, options);
  if (!response.ok) {
    const failure = json as Partial<HasuraError> | null;
    throw new ApiError(response.status, {
      error: failure?.error ?? `HTTP ${response.status}`,
      code: failure?.code,
      path: failure?.path,
      internal: failure?.internal,
    });
  }
  return json;
}

// One metadata API command: {"type": type, "args": args} to /v1/metadata.
export async function metadataCall<T = unknown>(
  type: string,
  args: object = {},
  options: CallOptions = {},
): Promise<T> {
  return (await post('/v1/metadata', { type, args }, options)) as T;
}

// A command as the metadata API takes it, for previews and bulk calls.
export interface MetadataCommand {
  type: string;
  args: object;
}

export async function metadataRequest<T = unknown>(command: MetadataCommand): Promise<T> {
  return (await post('/v1/metadata', command)) as T;
}

export interface GraphqlAnswer {
  status: number;
  body: unknown;
  milliseconds: number;
}

// A GraphQL request with the given headers exactly (the explorer decides whether the admin
// secret goes with it), timed from sending to the last byte of the answer. Any HTTP status is an
// answer (GraphQL errors come with 200 or 400); only no answer, or one that is not JSON, throws.
export async function graphqlCall(
  request: unknown,
  requestHeaders: Record<string, string>,
): Promise<GraphqlAnswer> {
  const started = performance.now();
  const response = await send('/v1/graphql', request, requestHeaders);
  const body = await readJson(response);
  return { status: response.status, body, milliseconds: performance.now() - started };
}

// The error text a page shows for anything a call threw.
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

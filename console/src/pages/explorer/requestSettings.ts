// The explorer's request settings: the headers its bar adds to every GraphQL request (a role and
// session variables), and the fetcher GraphiQL runs queries and introspection through. The admin
// secret is added here, at call time, from api.ts, so it never enters GraphiQL's headers editor or
// the storage GraphiQL keeps its tabs in.
import type { GraphiQLProps } from 'graphiql';
import type { ExecutionResult } from 'graphql';

import { ApiError, currentAdminSecret, describeError, graphqlCall } from '../../api';

export type ExplorerFetcher = GraphiQLProps['fetcher'];

export interface SessionVariableRow {
  id: number;
  name: string;
  value: string;
}

// What the bar decided, in the form the fetcher needs: header names in lower case, so that the
// bar's and GraphiQL's spellings of one header merge into one instead of being sent twice.
export interface RequestSettings {
  sendSecret: boolean;
  headers: Record<string, string>;
}

// The answer of the last query the user ran, for the response-time status.
export interface Timing {
  status: number | null; // null when no HTTP answer arrived
  milliseconds: number;
}

const SESSION_PREFIX = 'x-hasura-';

// Why a session variable's name cannot be sent, or null when it can (an empty name is an unfilled
// row and is simply left out).
export function sessionVariableProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  const lower = trimmed.toLowerCase();
  if (!lower.startsWith(SESSION_PREFIX) || lower.length === SESSION_PREFIX.length) {
    return `Session variable names start with "${SESSION_PREFIX}" (for example x-hasura-user-id).`;
  }
  if (!/^[A-Za-z0-9-]+$/.test(trimmed)) {
    return 'A header name has only letters, digits and dashes.';
  }
  return null;
}

// The headers the bar adds: the session variables that are valid, then the role (the "Role"
// input wins over a session variable spelled x-hasura-role).
export function barHeaders(role: string, rows: SessionVariableRow[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '' || sessionVariableProblem(name) !== null) continue;
    headers[name.toLowerCase()] = row.value;
  }
  if (role.trim() !== '') headers['x-hasura-role'] = role.trim();
  return headers;
}

function isIntrospection(operationName: string | null | undefined): boolean {
  return operationName === 'IntrospectionQuery';
}

// GraphiQL's fetcher for `settings`. A new fetcher is made whenever the settings change, and
// GraphiQL introspects again when its fetcher changes, so the docs show what the new role sees.
// Headers, last wins: the admin secret, the bar's, then GraphiQL's own headers editor.
export function makeFetcher(
  settings: RequestSettings,
  onTiming: (timing: Timing) => void,
): ExplorerFetcher {
  // Queries can overlap (run twice quickly); the status tells of the last one sent.
  let lastSent = 0;
  return async (params, options) => {
    const headers: Record<string, string> = {};
    const secret = settings.sendSecret ? currentAdminSecret() : null;
    if (secret !== null) headers['x-hasura-admin-secret'] = secret;
    Object.assign(headers, settings.headers);
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    const request = {
      query: params.query,
      operationName: params.operationName ?? undefined,
      variables: params.variables,
    };
    // Introspection (on every settings change) is not what the user ran, so it is not timed.
    const sent = isIntrospection(params.operationName) ? null : ++lastSent;
    const report = (timing: Timing) => {
      if (sent !== null && sent === lastSent) onTiming(timing);
    };
    const started = performance.now();
    try {
      const answer = await graphqlCall(request, headers);
      report({ status: answer.status, milliseconds: answer.milliseconds });
      if (answer.body !== null && typeof answer.body === 'object') {
        return answer.body as ExecutionResult;
      }
      return failed(`The engine answered HTTP ${answer.status} without a GraphQL result.`);
    } catch (failure) {
      // No answer, or one that is not JSON: said in words in the result pane.
      const status = failure instanceof ApiError && failure.status !== 0 ? failure.status : null;
      report({ status, milliseconds: performance.now() - started });
      return failed(describeError(failure));
    }
  };
}

// A result holding one error, for the result pane.
function failed(message: string): ExecutionResult {
  return { errors: [{ message }] } as unknown as ExecutionResult;
}

export function describeTiming(timing: Timing | null): string {
  if (timing === null) return 'No query run yet';
  const time = `${Math.round(timing.milliseconds)} ms`;
  return timing.status === null ? `Network error · ${time}` : `${timing.status} · ${time}`;
}

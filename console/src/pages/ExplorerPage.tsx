// The API explorer: GraphiQL (with its docs explorer and history) over /v1/graphql, under a bar
// that says whom the requests run as — the admin secret (when the user signed in with one), a
// role and session variables. Changing the bar makes GraphiQL introspect again, so the docs show
// the API that role sees. Loaded lazily (App.tsx): GraphiQL is most of the console's code.
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { useEffect, useMemo, useRef, useState } from 'react';

import { useAuth } from '../auth';
import { ErrorMessage } from '../components';
import './explorer/explorer.css';
import {
  barHeaders,
  describeTiming,
  makeFetcher,
  sessionVariableProblem,
} from './explorer/requestSettings';
import type { RequestSettings, SessionVariableRow, Timing } from './explorer/requestSettings';

const DEFAULT_QUERY = `# Welcome to Junction's API explorer.
#
# Write a GraphQL query here and run it with Ctrl-Enter (or the ▶ button).
# The book icon on the left opens the docs: every table and remote field
# this role can see. Set "Role" and session variables above to try the
# API as another user; the docs follow.
#
# query {
#   ...
# }
`;

// How long the bar waits after the last keystroke before GraphiQL introspects again.
const SETTINGS_DELAY_MS = 400;

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

export default function ExplorerPage() {
  const { usesSecret } = useAuth();
  const [sendSecret, setSendSecret] = useState(true);
  const [role, setRole] = useState('');
  const [rows, setRows] = useState<SessionVariableRow[]>([]);
  // Each row's key; a ref, not state, so that two quick clicks on "Add" get two different ids.
  const nextId = useRef(1);
  const [timing, setTiming] = useState<Timing | null>(null);

  // The settings as a string, so that the fetcher (and with it GraphiQL's introspection) changes
  // only when what is sent changes, not on every render.
  const settingsKey = JSON.stringify({
    sendSecret: usesSecret && sendSecret,
    headers: barHeaders(role, rows),
  } satisfies RequestSettings);
  const debouncedKey = useDebounced(settingsKey, SETTINGS_DELAY_MS);
  const fetcher = useMemo(
    () => makeFetcher(JSON.parse(debouncedKey) as RequestSettings, setTiming),
    [debouncedKey],
  );

  function updateRow(id: number, change: Partial<SessionVariableRow>) {
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));
  }

  return (
    <div className="explorer">
      <section className="explorer-bar" aria-label="Request settings">
        {usesSecret ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={sendSecret}
              onChange={(event) => setSendSecret(event.target.checked)}
            />
            Send admin secret
          </label>
        ) : null}
        <label className="explorer-role">
          Role
          <input
            type="text"
            value={role}
            placeholder="admin"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setRole(event.target.value)}
          />
        </label>
        <div className="explorer-session">
          {rows.map((row, index) => {
            const number = index + 1;
            const problem = sessionVariableProblem(row.name);
            return (
              <div className="explorer-session-row" key={row.id}>
                <label>
                  Session variable {number} name
                  <input
                    type="text"
                    value={row.name}
                    placeholder="x-hasura-user-id"
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={problem !== null}
                    onChange={(event) => updateRow(row.id, { name: event.target.value })}
                  />
                </label>
                <label>
                  Session variable {number} value
                  <input
                    type="text"
                    value={row.value}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(event) => updateRow(row.id, { value: event.target.value })}
                  />
                </label>
                <button
                  type="button"
                  aria-label={`Remove session variable ${number}`}
                  onClick={() =>
                    setRows((current) => current.filter((other) => other.id !== row.id))
                  }
                >
                  Remove
                </button>
                {problem !== null ? <ErrorMessage error={new Error(problem)} /> : null}
              </div>
            );
          })}
          <button
            type="button"
            onClick={() => {
              const id = nextId.current++;
              setRows((current) => [...current, { id, name: '', value: '' }]);
            }}
          >
            Add session variable
          </button>
        </div>
        <span className="explorer-timing" role="status" aria-label="Response time">
          {describeTiming(timing)}
        </span>
      </section>
      <div className="explorer-graphiql">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
      </div>
    </div>
  );
}

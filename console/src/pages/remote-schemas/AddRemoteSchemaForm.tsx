// The form that adds a remote schema (add_remote_schema). The engine introspects the server before
// it answers, so an unreachable URL is refused here, with the engine's reason.
import { useState } from 'react';
import type { FormEvent } from 'react';

import { metadataCall } from '../../api';
import { ErrorMessage, JsonBlock } from '../../components';

interface HeaderRow {
  id: number;
  name: string;
  value: string;
}

const DEFAULT_TIMEOUT_SECONDS = 60;

export function AddRemoteSchemaForm({
  onAdded,
  onCancel,
}: {
  onAdded: (name: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [timeout, setTimeoutText] = useState('');
  const [forward, setForward] = useState(false);
  const [comment, setComment] = useState('');
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [nextId, setNextId] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const timeoutSeconds = timeout.trim() === '' ? DEFAULT_TIMEOUT_SECONDS : Number(timeout);
  const args = {
    name: name.trim(),
    definition: {
      url: url.trim(),
      timeout_seconds: timeoutSeconds,
      forward_client_headers: forward,
      headers: headers
        .filter((header) => header.name.trim() !== '')
        .map((header) => ({ name: header.name.trim(), value: header.value })),
    },
    ...(comment.trim() !== '' ? { comment: comment.trim() } : {}),
  };

  function updateHeader(id: number, change: Partial<HeaderRow>) {
    setHeaders((rows) => rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) {
      setError(new Error('The timeout is a whole number of seconds, at least 1.'));
      return;
    }
    setBusy(true);
    try {
      await metadataCall('add_remote_schema', args);
      await onAdded(args.name);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card remote-schema-form"
      onSubmit={submit}
      aria-labelledby="add-remote-schema-title"
    >
      <h2 id="add-remote-schema-title">Add a remote schema</h2>
      <label>
        Name
        <input
          type="text"
          value={name}
          required
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label>
        GraphQL server URL
        <input
          type="text"
          inputMode="url"
          value={url}
          required
          placeholder="http://127.0.0.1:4000/graphql"
          onChange={(event) => setUrl(event.target.value)}
        />
      </label>
      <label>
        Timeout (seconds)
        <input
          type="number"
          min={1}
          step={1}
          value={timeout}
          placeholder={String(DEFAULT_TIMEOUT_SECONDS)}
          onChange={(event) => setTimeoutText(event.target.value)}
        />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={forward}
          onChange={(event) => setForward(event.target.checked)}
        />
        Forward client headers
      </label>
      <fieldset className="remote-schema-headers">
        <legend>Headers sent to the server</legend>
        {headers.map((header, index) => {
          const number = index + 1;
          return (
            <div className="row" key={header.id}>
              <label>
                Header {number} name
                <input
                  type="text"
                  value={header.name}
                  onChange={(event) => updateHeader(header.id, { name: event.target.value })}
                />
              </label>
              <label>
                Header {number} value
                <input
                  type="text"
                  value={header.value}
                  onChange={(event) => updateHeader(header.id, { value: event.target.value })}
                />
              </label>
              <button
                type="button"
                className="remote-schema-row-button"
                aria-label={`Remove header ${number}`}
                onClick={() => setHeaders((rows) => rows.filter((row) => row.id !== header.id))}
              >
                Remove
              </button>
            </div>
          );
        })}
        <button
          type="button"
          onClick={() => {
            setHeaders((rows) => [...rows, { id: nextId, name: '', value: '' }]);
            setNextId(nextId + 1);
          }}
        >
          Add header
        </button>
      </fieldset>
      <label>
        Comment
        <input type="text" value={comment} onChange={(event) => setComment(event.target.value)} />
      </label>
      <h3>Metadata call</h3>
      <JsonBlock label="Metadata call preview" value={{ type: 'add_remote_schema', args }} />
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Add remote schema
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

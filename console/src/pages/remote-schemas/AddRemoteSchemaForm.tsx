// The form that adds a remote schema (add_remote_schema). The engine introspects the server before
// it answers, so an unreachable URL is refused here, with the engine's reason, and so is a schema
// whose root fields or types clash with the tables' or another remote schema's: the customization
// (a root fields namespace, a type name prefix or suffix) is how such a schema is added anyway.
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';

import { metadataRequest } from '../../api';
import { ErrorMessage, MetadataCallPreview } from '../../components';
import { useAction } from '../../hooks';

interface HeaderRow {
  id: number;
  name: string;
  value: string;
}

const DEFAULT_TIMEOUT_SECONDS = 60;

// Hasura's definition.customization, with only the keys the user filled in: an empty namespace or
// prefix is left out rather than sent as "" (which is not a GraphQL name). The engine checks that
// each is a valid name, so the form does not.
function customizationOf(namespace: string, prefix: string, suffix: string): object | null {
  const typeNames = {
    ...(prefix !== '' ? { prefix } : {}),
    ...(suffix !== '' ? { suffix } : {}),
  };
  const customization = {
    ...(namespace !== '' ? { root_fields_namespace: namespace } : {}),
    ...(Object.keys(typeNames).length > 0 ? { type_names: typeNames } : {}),
  };
  return Object.keys(customization).length > 0 ? customization : null;
}

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
  const [namespace, setNamespace] = useState('');
  const [typePrefix, setTypePrefix] = useState('');
  const [typeSuffix, setTypeSuffix] = useState('');
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  // Row ids from a ref, not state: two quick clicks on "Add header" must not share one.
  const nextId = useRef(1);
  const { busy, error, run, setError } = useAction();
  const hintId = useId();

  const timeoutSeconds = timeout.trim() === '' ? DEFAULT_TIMEOUT_SECONDS : Number(timeout);
  const customization = customizationOf(namespace.trim(), typePrefix.trim(), typeSuffix.trim());
  // The three optional names, each an input of the same kind: [label, value, setter].
  const customizationInputs: [string, string, (value: string) => void][] = [
    ['Root fields namespace', namespace, setNamespace],
    ['Type name prefix', typePrefix, setTypePrefix],
    ['Type name suffix', typeSuffix, setTypeSuffix],
  ];
  const args = {
    name: name.trim(),
    definition: {
      url: url.trim(),
      timeout_seconds: timeoutSeconds,
      forward_client_headers: forward,
      headers: headers
        .filter((header) => header.name.trim() !== '')
        .map((header) => ({ name: header.name.trim(), value: header.value })),
      ...(customization !== null ? { customization } : {}),
    },
    ...(comment.trim() !== '' ? { comment: comment.trim() } : {}),
  };
  const command = { type: 'add_remote_schema', args };

  function updateHeader(id: number, change: Partial<HeaderRow>) {
    setHeaders((rows) => rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) {
      setError(new Error('The timeout is a whole number of seconds, at least 1.'));
      return;
    }
    void run(async () => {
      await metadataRequest(command);
      await onAdded(args.name);
    });
  }

  return (
    <form
      className="card remote-schema-form"
      onSubmit={submit}
      aria-labelledby="add-remote-schema-title"
    >
      <h2 id="add-remote-schema-title">Add Remote Schema</h2>
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
            const id = nextId.current++;
            setHeaders((rows) => [...rows, { id, name: '', value: '' }]);
          }}
        >
          Add header
        </button>
      </fieldset>
      <fieldset className="remote-schema-customization">
        <legend>Customization</legend>
        <p className="muted" id={hintId}>
          Optional. When the server's root fields or type names clash with the tables' or another
          remote schema's, put its root fields under one field (a namespace) or rename its types.
        </p>
        <div className="row">
          {customizationInputs.map(([label, value, setValue]) => (
            <label key={label}>
              {label}
              <input
                type="text"
                value={value}
                placeholder="none"
                aria-describedby={hintId}
                onChange={(event) => setValue(event.target.value)}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Comment
        <input type="text" value={comment} onChange={(event) => setComment(event.target.value)} />
      </label>
      <MetadataCallPreview command={command} />
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

// Remote schemas: the list (with each one's status, reload and remove), the form that adds one,
// and a schema's own page with its Details and Relationships tabs.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';

import { metadataCall } from '../api';
import { ActionButton, ErrorMessage } from '../components';
import { useMetadata } from '../metadata';
import type { RemoteSchemaEntry } from '../metadata';
import { AddRemoteSchemaForm } from './remote-schemas/AddRemoteSchemaForm';
import { remoteSchemaOf, useInconsistencies } from './remote-schemas/inconsistencies';
import type { InconsistentObject } from './remote-schemas/inconsistencies';
import { useRemoteIntrospection } from './remote-schemas/introspection';
import { DetailsTab, RelationshipsTab } from './remote-schemas/RemoteSchemaTabs';
import './remote-schemas/remote-schemas.css';

function schemaPath(name: string, tab = 'details'): string {
  return `/remote-schemas/${encodeURIComponent(name)}/${tab}`;
}

function schemaUrl(entry: RemoteSchemaEntry): string {
  if (typeof entry.definition.url === 'string') return entry.definition.url;
  const fromEnv = entry.definition.url_from_env;
  if (typeof fromEnv === 'string') return `from $${fromEnv}`;
  return '';
}

function inconsistencyOf(
  objects: InconsistentObject[] | null,
  name: string,
): InconsistentObject | undefined {
  return objects?.find((object) => remoteSchemaOf(object) === name);
}

function StatusText({ object }: { object: InconsistentObject | undefined }) {
  if (object === undefined) return <span className="ok">OK</span>;
  return (
    <span className="remote-schema-inconsistent">
      {object.reason}
      {object.message !== undefined && object.message !== '' ? `: ${object.message}` : ''}
    </span>
  );
}

export function RemoteSchemasPage() {
  const { metadata, error, loading, refresh } = useMetadata();
  const inconsistencies = useInconsistencies();
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const schemas = metadata?.remote_schemas ?? [];

  return (
    <div className="remote-schemas-page">
      <h1>Remote Schemas</h1>
      <p className="muted">
        GraphQL services whose fields Junction serves beside the databases' and joins to them.
      </p>
      <ErrorMessage error={error} />
      <ErrorMessage error={inconsistencies.error} />
      {status !== null ? (
        <p className="ok" role="status">
          {status}
        </p>
      ) : null}
      {adding ? (
        <AddRemoteSchemaForm
          onCancel={() => setAdding(false)}
          onAdded={async (name) => {
            await refresh();
            setAdding(false);
            setStatus(`Remote schema ${name} added`);
          }}
        />
      ) : (
        <p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setStatus(null);
              setAdding(true);
            }}
          >
            Add Remote Schema
          </button>
        </p>
      )}
      {metadata === null && loading ? <p className="muted">Loading…</p> : null}
      {metadata !== null && schemas.length === 0 ? <p>No remote schemas yet.</p> : null}
      {schemas.length > 0 ? (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">URL</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schemas.map((entry) => (
              <tr key={entry.name}>
                <td>
                  <Link to={schemaPath(entry.name)}>{entry.name}</Link>
                </td>
                <td>
                  <code>{schemaUrl(entry)}</code>
                </td>
                <td>
                  {inconsistencies.objects === null ? (
                    <span className="muted">…</span>
                  ) : (
                    <StatusText object={inconsistencyOf(inconsistencies.objects, entry.name)} />
                  )}
                </td>
                <td>
                  <div className="remote-schema-actions">
                    <ActionButton
                      label="Reload"
                      ariaLabel={`Reload ${entry.name}`}
                      action={async () => {
                        setStatus(null);
                        await metadataCall('reload_remote_schema', { name: entry.name });
                        await refresh();
                        await inconsistencies.reload();
                        setStatus(`Remote schema ${entry.name} reloaded`);
                      }}
                    />
                    <ActionButton
                      label="Remove"
                      ariaLabel={`Remove ${entry.name}`}
                      className="danger"
                      confirm={`Remove the remote schema ${entry.name}? Its fields leave the API.`}
                      action={async () => {
                        setStatus(null);
                        await metadataCall('remove_remote_schema', { name: entry.name });
                        await refresh();
                        setStatus(`Remote schema ${entry.name} removed`);
                      }}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

const TABS = [
  { id: 'details', label: 'Details' },
  { id: 'relationships', label: 'Relationships' },
] as const;

export function RemoteSchemaPage() {
  const params = useParams();
  const name = params.name ?? '';
  const tab = params.tab === 'relationships' ? 'relationships' : 'details';
  const { metadata, error, loading } = useMetadata();
  const inconsistencies = useInconsistencies();
  const entry = metadata?.remote_schemas?.find((schema) => schema.name === name);
  // Introspected again whenever the entry changes (a reload gives a new metadata object).
  const introspection = useRemoteIntrospection(entry !== undefined ? name : null, entry);

  if (entry === undefined) {
    return (
      <div className="remote-schemas-page">
        <p>
          <Link to="/remote-schemas">Remote Schemas</Link>
        </p>
        <h1>{name}</h1>
        <ErrorMessage error={error} />
        {metadata === null && loading ? (
          <p className="muted">Loading…</p>
        ) : (
          <p>There is no remote schema named {name}.</p>
        )}
      </div>
    );
  }

  const inconsistency = inconsistencyOf(inconsistencies.objects, name);
  return (
    <div className="remote-schemas-page">
      <p className="breadcrumb">
        <Link to="/remote-schemas">Remote Schemas</Link> / {name}
      </p>
      <h1>{name}</h1>
      {inconsistency !== undefined ? (
        <p className="remote-schema-inconsistent">
          Inconsistent: <StatusText object={inconsistency} />
        </p>
      ) : null}
      <nav className="tabs" role="tablist" aria-label={`${name} tabs`}>
        {TABS.map((item) => (
          <Link
            key={item.id}
            to={schemaPath(name, item.id)}
            role="tab"
            aria-selected={tab === item.id}
          >
            {item.label}
          </Link>
        ))}
      </nav>
      <div role="tabpanel" aria-label={tab === 'details' ? 'Details' : 'Relationships'}>
        {tab === 'details' ? (
          <DetailsTab entry={entry} introspection={introspection} />
        ) : (
          <RelationshipsTab entry={entry} introspection={introspection} />
        )}
      </div>
    </div>
  );
}

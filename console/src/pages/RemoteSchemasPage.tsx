// Remote schemas: the list (with each one's status, reload and remove), the form that adds one,
// and a schema's own page with its Details and Relationships tabs.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';

import { metadataCall } from '../api';
import { ActionButton, ListHead, Loading, StatusMessage, Tabs } from '../components';
import { describeInconsistency, findInconsistency, useMetadata } from '../metadata';
import type { InconsistentObject, RemoteSchemaEntry } from '../metadata';
import { AddRemoteSchemaForm } from './remote-schemas/AddRemoteSchemaForm';
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

function StatusText({ object }: { object: InconsistentObject | undefined }) {
  if (object === undefined) return <span className="ok">OK</span>;
  return <span className="inconsistent">{describeInconsistency(object)}</span>;
}

export function RemoteSchemasPage() {
  const { metadata, inconsistencies, error, refresh } = useMetadata();
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const schemas = metadata?.remote_schemas ?? [];

  return (
    <div className="remote-schemas-page">
      <h1>Remote Schemas</h1>
      <p className="muted">
        GraphQL services whose fields Junction serves beside the databases' and joins to them.
      </p>
      <StatusMessage text={status} />
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
      {metadata === null ? <Loading error={error} /> : null}
      {metadata !== null && schemas.length === 0 ? <p>No remote schemas yet.</p> : null}
      {schemas.length > 0 ? (
        <table className="list">
          <ListHead columns={['Name', 'URL', 'Status']} actions />
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
                  <StatusText
                    object={findInconsistency(inconsistencies, 'remote_schema', entry.name)}
                  />
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
  { id: 'details', title: 'Details' },
  { id: 'relationships', title: 'Relationships' },
] as const;

export function RemoteSchemaPage() {
  const params = useParams();
  const name = params.name ?? '';
  const tab = params.tab === 'relationships' ? 'relationships' : 'details';
  const { metadata, inconsistencies, generation, error } = useMetadata();
  const entry = metadata?.remote_schemas?.find((schema) => schema.name === name);
  const introspection = useRemoteIntrospection(entry !== undefined ? name : null, generation);

  if (entry === undefined) {
    return (
      <div className="remote-schemas-page">
        <p className="breadcrumb">
          <Link to="/remote-schemas">Remote Schemas</Link>
        </p>
        <h1>{name}</h1>
        {metadata === null ? (
          <Loading error={error} />
        ) : (
          <p>There is no remote schema named {name}.</p>
        )}
      </div>
    );
  }

  const inconsistency = findInconsistency(inconsistencies, 'remote_schema', name);
  // The Relationships tab is keyed on the schema (as TablePage's tabs are on the table): going
  // back from one schema's page to another's must not carry an open form over.
  return (
    <div className="remote-schemas-page">
      <p className="breadcrumb">
        <Link to="/remote-schemas">Remote Schemas</Link> / {name}
      </p>
      <h1>{name}</h1>
      {inconsistency !== undefined ? (
        <p className="inconsistent">
          Inconsistent: <StatusText object={inconsistency} />
        </p>
      ) : null}
      <Tabs
        label={`${name} tabs`}
        tabs={TABS}
        selected={tab}
        pathOf={(id) => schemaPath(name, id)}
      >
        {tab === 'details' ? (
          <DetailsTab entry={entry} introspection={introspection} />
        ) : (
          <RelationshipsTab key={name} entry={entry} introspection={introspection} />
        )}
      </Tabs>
    </div>
  );
}

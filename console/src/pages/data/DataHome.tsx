// /data: the databases the engine serves (its sources), whether each can be served, and the form
// that connects another one (pg_add_source / sqlite_add_source).
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';

import { metadataCall } from '../../api';
import { ActionButton, ErrorMessage, ListHead, Loading, SelectField } from '../../components';
import { useAction } from '../../hooks';
import { describeInconsistency, findInconsistency, useMetadata } from '../../metadata';
import { commandPrefix } from './catalog';
import './data.css';

export function DataHome() {
  const { metadata, inconsistencies, error, refresh } = useMetadata();
  const [adding, setAdding] = useState(false);

  async function reload(name: string) {
    await metadataCall('reload_metadata', { reload_sources: [name] });
    await refresh();
  }

  async function remove(name: string, kind: string) {
    await metadataCall(`${commandPrefix(kind)}_drop_source`, { name });
    await refresh();
  }

  const sources = metadata?.sources ?? [];
  return (
    <section className="data-page">
      <h1>Data</h1>
      {metadata === null ? (
        <Loading error={error} />
      ) : sources.length === 0 ? (
        <p className="muted">No database is connected yet.</p>
      ) : (
        <table className="list" aria-label="Sources">
          <ListHead columns={['Name', 'Kind', 'Status']} actions />
          <tbody>
            {sources.map((source) => {
              const inconsistency = findInconsistency(inconsistencies, 'source', source.name);
              return (
                <tr key={source.name}>
                  <td>
                    <Link to={`/data/${encodeURIComponent(source.name)}`}>{source.name}</Link>
                  </td>
                  <td>{source.kind}</td>
                  <td>
                    {inconsistency === undefined ? (
                      <span className="ok">OK</span>
                    ) : (
                      <span className="inconsistent">{describeInconsistency(inconsistency)}</span>
                    )}
                  </td>
                  <td className="actions">
                    <ActionButton
                      label="Reload"
                      ariaLabel={`Reload ${source.name}`}
                      action={() => reload(source.name)}
                    />
                    <ActionButton
                      label="Remove"
                      ariaLabel={`Remove ${source.name}`}
                      className="danger"
                      confirm={
                        `Remove the database "${source.name}" from the engine? Its tracked ` +
                        'tables, relationships and permissions go with it.'
                      }
                      action={() => remove(source.name, source.kind)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {adding ? (
        <ConnectDatabaseForm
          onDone={async () => {
            await refresh();
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <p>
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Connect Database
          </button>
        </p>
      )}
    </section>
  );
}

function ConnectDatabaseForm({
  onDone,
  onCancel,
}: {
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'postgres' | 'sqlite'>('postgres');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState('');
  const { busy, error, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      if (kind === 'postgres') {
        await metadataCall('pg_add_source', {
          name,
          configuration: { connection_info: { database_url: url } },
        });
      } else {
        await metadataCall('sqlite_add_source', { name, configuration: { db: file } });
      }
      await onDone();
    });
  }

  const location = kind === 'postgres' ? url : file;
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="connect-database-title">
      <h2 id="connect-database-title">Connect Database</h2>
      <label>
        Database name
        <input value={name} onChange={(event) => setName(event.target.value)} required autoFocus />
      </label>
      <SelectField
        label="Database kind"
        value={kind}
        onChange={(value) => setKind(value === 'sqlite' ? 'sqlite' : 'postgres')}
      >
        <option value="postgres">postgres</option>
        <option value="sqlite">sqlite</option>
      </SelectField>
      {kind === 'postgres' ? (
        <label>
          Database URL
          <input
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="postgres://user:password@host:5432/database"
            required
          />
        </label>
      ) : (
        <label>
          Database file
          <input
            value={file}
            onChange={(event) => setFile(event.target.value)}
            placeholder="/path/to/database.db"
            required
          />
        </label>
      )}
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || name === '' || location === ''}>
          Add source
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

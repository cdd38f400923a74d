// /data/:source: one database's tables, tracked (served by the GraphQL API, each with its own page)
// and untracked (in the database but not in the metadata: get_source_tables minus the tracked).
import { Link, useParams } from 'react-router-dom';

import { metadataCall, metadataRequest } from '../../api';
import { ActionButton, ErrorMessage } from '../../components';
import { findSource, formatTableName, qualifiedName, tablePath, useMetadata } from '../../metadata';
import type { TableName } from '../../metadata';
import {
  commandPrefix,
  sameTable,
  sourceInconsistency,
  useInconsistencies,
  useSourceTables,
} from './catalog';
import './data.css';

function compareTables(a: TableName, b: TableName): number {
  return a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name);
}

export function SourcePage() {
  const { source: sourceName = '' } = useParams();
  const { metadata, error, refresh } = useMetadata();
  const source = findSource(metadata, sourceName);
  const inconsistencies = useInconsistencies(metadata);
  const reason = sourceInconsistency(inconsistencies.data, sourceName);
  // The database is asked only once it is known to be servable.
  const listable = source !== undefined && inconsistencies.data !== null && reason === null;
  const databaseTables = useSourceTables(listable ? source : null, metadata);

  if (metadata === null) {
    return (
      <section className="data-page">
        <h1>{sourceName}</h1>
        {error === null ? <p className="page-note">Loading…</p> : <ErrorMessage error={error} />}
      </section>
    );
  }
  if (source === undefined) {
    return (
      <section className="data-page">
        <Breadcrumb />
        <h1>{sourceName}</h1>
        <p className="muted">The engine has no database named “{sourceName}”.</p>
      </section>
    );
  }

  const prefix = commandPrefix(source.kind);
  const tracked = source.tables
    .map((entry) => qualifiedName(entry.table, source.kind))
    .sort(compareTables);
  const untracked = (databaseTables.data ?? [])
    .filter((table) => !tracked.some((known) => sameTable(known, table)))
    .sort(compareTables);

  async function track(table: TableName) {
    await metadataCall(`${prefix}_track_table`, { source: sourceName, table });
    await refresh();
  }

  async function untrack(table: TableName) {
    await metadataCall(`${prefix}_untrack_table`, { source: sourceName, table });
    await refresh();
  }

  async function trackAll() {
    await metadataRequest({
      type: 'bulk',
      args: untracked.map((table) => ({
        type: `${prefix}_track_table`,
        args: { source: sourceName, table: { schema: table.schema, name: table.name } },
      })),
    });
    await refresh();
  }

  return (
    <section className="data-page">
      <Breadcrumb />
      <h1>{sourceName}</h1>
      <p className="muted">
        {source.kind} database
        {databaseTables.loading || inconsistencies.loading ? ' · reading its tables…' : null}
      </p>
      <ErrorMessage error={inconsistencies.error} />
      {reason !== null ? (
        <ErrorMessage error={new Error(reason)} />
      ) : inconsistencies.data === null ? null : (
        <>
          <h2>Tracked tables</h2>
          {tracked.length === 0 ? (
            <p className="muted">No table of this database is tracked.</p>
          ) : (
            <ul className="table-list" aria-label="Tracked tables">
              {tracked.map((table) => {
                const label = formatTableName(table);
                return (
                  <li key={label}>
                    <Link to={tablePath(sourceName, table)}>{label}</Link>
                    <ActionButton
                      label="Untrack"
                      ariaLabel={`Untrack ${label}`}
                      action={() => untrack(table)}
                    />
                  </li>
                );
              })}
            </ul>
          )}
          <h2>Untracked tables</h2>
          <ErrorMessage error={databaseTables.error} />
          {databaseTables.data === null ? null : untracked.length === 0 ? (
            <p className="muted">Every table of this database is tracked.</p>
          ) : (
            <>
              <ul className="table-list" aria-label="Untracked tables">
                {untracked.map((table) => {
                  const label = formatTableName(table);
                  return (
                    <li key={label}>
                      <span>{label}</span>
                      <ActionButton
                        label="Track"
                        ariaLabel={`Track ${label}`}
                        action={() => track(table)}
                      />
                    </li>
                  );
                })}
              </ul>
              <ActionButton label="Track all" className="primary" action={trackAll} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function Breadcrumb() {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/data">Databases</Link>
    </nav>
  );
}

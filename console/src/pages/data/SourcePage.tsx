// /data/:source: one database's tables, tracked (served by the GraphQL API, each with its own page)
// and untracked (in the database but not in the metadata: get_source_tables minus the tracked).
// The engine lists a database's tables as it last read them: a table created since appears after
// Reload (reload_metadata of this source).
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';

import { metadataCall, metadataRequest } from '../../api';
import type { MetadataCommand } from '../../api';
import { ActionButton, ErrorMessage, Loading, StatusMessage } from '../../components';
import {
  describeInconsistency,
  findInconsistency,
  findSource,
  formatTableName,
  qualifiedName,
  sameTable,
  tablePath,
  useMetadata,
} from '../../metadata';
import type { TableName } from '../../metadata';
import { commandPrefix, useSourceTables } from './catalog';
import './data.css';

function compareTables(a: TableName, b: TableName): number {
  return a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name);
}

export function SourcePage() {
  const { source: sourceName = '' } = useParams();
  const { metadata, inconsistencies, generation, error, refresh } = useMetadata();
  const source = findSource(metadata, sourceName);
  const inconsistency = findInconsistency(inconsistencies, 'source', sourceName);
  // The database is asked only when the engine can serve it.
  const listable = source !== undefined && inconsistency === undefined;
  const databaseTables = useSourceTables(listable ? source : null, generation);
  // What the last Reload did, and to which database: going from one database's page to another's
  // keeps this page mounted, and the words must not follow.
  const [status, setStatus] = useState<{ source: string; text: string } | null>(null);

  if (metadata === null) {
    return (
      <section className="data-page">
        <Breadcrumb />
        <h1>{sourceName}</h1>
        <Loading error={error} />
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

  const trackCommand = (table: TableName): MetadataCommand => ({
    type: `${prefix}_track_table`,
    args: { source: sourceName, table: { schema: table.schema, name: table.name } },
  });

  async function track(table: TableName) {
    await metadataRequest(trackCommand(table));
    await refresh();
  }

  async function untrack(table: TableName) {
    await metadataCall(`${prefix}_untrack_table`, {
      source: sourceName,
      table: { schema: table.schema, name: table.name },
    });
    await refresh();
  }

  async function trackAll() {
    await metadataRequest({ type: 'bulk', args: untracked.map(trackCommand) });
    await refresh();
  }

  async function reload() {
    setStatus(null);
    await metadataCall('reload_metadata', { reload_sources: [sourceName] });
    await refresh();
    setStatus({ source: sourceName, text: `Database ${sourceName} reloaded` });
  }

  return (
    <section className="data-page">
      <Breadcrumb />
      <h1>{sourceName}</h1>
      <p className="muted">
        {source.kind} database
        {databaseTables.loading ? ' · reading its tables…' : null}
      </p>
      <div className="row source-actions">
        <ActionButton label="Reload" ariaLabel={`Reload ${sourceName}`} action={reload} />
        <StatusMessage text={status?.source === sourceName ? status.text : null} />
      </div>
      {inconsistency !== undefined ? (
        <ErrorMessage error={new Error(describeInconsistency(inconsistency))} />
      ) : (
        <>
          <h2>Tracked tables</h2>
          {tracked.length === 0 ? (
            <p className="muted">No table of this database is tracked.</p>
          ) : (
            <TableList
              label="Tracked tables"
              tables={tracked}
              pathOf={(table) => tablePath(sourceName, table)}
              actionLabel="Untrack"
              action={untrack}
            />
          )}
          <h2>Untracked tables</h2>
          <ErrorMessage error={databaseTables.error} />
          {databaseTables.data === null ? null : untracked.length === 0 ? (
            <p className="muted">Every table of this database is tracked.</p>
          ) : (
            <>
              <TableList
                label="Untracked tables"
                tables={untracked}
                actionLabel="Track"
                action={track}
              />
              <ActionButton label="Track all" className="primary" action={trackAll} />
            </>
          )}
        </>
      )}
    </section>
  );
}

// Tables, each with one action ("Track public.order"), and a link to its page when it has one.
function TableList({
  label,
  tables,
  pathOf,
  actionLabel,
  action,
}: {
  label: string;
  tables: TableName[];
  pathOf?: (table: TableName) => string;
  actionLabel: string;
  action: (table: TableName) => Promise<void>;
}) {
  return (
    <ul className="table-list" aria-label={label}>
      {tables.map((table) => {
        const name = formatTableName(table);
        return (
          <li key={JSON.stringify([table.schema, table.name])}>
            {pathOf !== undefined ? <Link to={pathOf(table)}>{name}</Link> : <span>{name}</span>}
            <ActionButton
              label={actionLabel}
              ariaLabel={`${actionLabel} ${name}`}
              action={() => action(table)}
            />
          </li>
        );
      })}
    </ul>
  );
}

function Breadcrumb() {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/data">Databases</Link>
    </nav>
  );
}

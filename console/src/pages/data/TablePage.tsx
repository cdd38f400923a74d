// /data/:source/schema/:schema/tables/:table/:tab: one table, in three tabs: its columns (from
// get_table_info), its relationships (local and remote) and its select permissions.
import { Link, useParams } from 'react-router-dom';

import { ListHead, Loading, Tabs } from '../../components';
import type { Loaded } from '../../hooks';
import { findSource, findTable, formatTableName, tablePath, useMetadata } from '../../metadata';
import type { SourceEntry, TableEntry, TableName } from '../../metadata';
import { useTableInfo } from './catalog';
import type { TableInfo, TableLocation } from './catalog';
import { PermissionsTab } from './PermissionsTab';
import { formatMapping } from './relationships';
import { RelationshipsTab } from './RelationshipsTab';
import './data.css';

// What the Relationships and Permissions tabs work on: a tracked table.
export interface TableContext {
  source: SourceEntry;
  location: TableLocation;
  entry: TableEntry;
  info: Loaded<TableInfo>;
}

const TABS = [
  { id: 'columns', title: 'Columns' },
  { id: 'relationships', title: 'Relationships' },
  { id: 'permissions', title: 'Permissions' },
] as const;

export function TablePage() {
  const params = useParams();
  const sourceName = params.source ?? '';
  const table: TableName = { schema: params.schema ?? '', name: params.table ?? '' };
  const tab = params.tab ?? 'columns';
  const { metadata, generation, error } = useMetadata();
  const source = findSource(metadata, sourceName);
  // Read again after every change, so a reloaded source shows its table's new columns.
  const info = useTableInfo(source ?? null, table, generation);
  const sourcePath = `/data/${encodeURIComponent(sourceName)}`;
  // Going back or forward from one table's page to another's keeps this page mounted: the tabs
  // are keyed on the table, so that a form open on the first does not stay open on the second.
  const tableKey = JSON.stringify([sourceName, table.schema, table.name]);

  let body;
  if (metadata === null) {
    body = <Loading error={error} />;
  } else if (source === undefined) {
    body = <p className="muted">The engine has no database named “{sourceName}”.</p>;
  } else {
    const entry = findTable(source, table);
    const context: TableContext | null =
      entry === undefined
        ? null
        : {
            source,
            location: { source: source.name, kind: source.kind, table },
            entry,
            info,
          };
    body = (
      <Tabs
        label="Table"
        tabs={TABS}
        selected={tab}
        pathOf={(id) => tablePath(sourceName, table, id)}
      >
        {context === null ? (
          <p className="muted">
            This table is not tracked, so the GraphQL API does not serve it; track it on the{' '}
            <Link to={sourcePath}>database’s page</Link>.
          </p>
        ) : null}
        {tab === 'columns' ? (
          <ColumnsTab info={info} />
        ) : tab === 'relationships' ? (
          context === null ? null : (
            <RelationshipsTab key={tableKey} context={context} />
          )
        ) : tab === 'permissions' ? (
          context === null ? null : (
            <PermissionsTab key={tableKey} context={context} />
          )
        ) : (
          <p className="muted">No such tab.</p>
        )}
      </Tabs>
    );
  }

  return (
    <section className="data-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/data">Databases</Link>
        <span aria-hidden="true"> / </span>
        <Link to={sourcePath}>{sourceName}</Link>
      </nav>
      <h1>{formatTableName(table)}</h1>
      {body}
    </section>
  );
}

function ColumnsTab({ info }: { info: Loaded<TableInfo> }) {
  if (info.data === null) return <Loading error={info.error} />;
  const primaryKey = info.data.primary_key ?? [];
  const foreignKeys = Object.entries(info.data.foreign_keys ?? {});
  return (
    <>
      {info.data.type === 'view' ? <p className="muted">This is a view.</p> : null}
      <table className="list" aria-label="Columns">
        <ListHead columns={['Name', 'Type', 'Nullable', 'Primary key', 'Has default']} />
        <tbody>
          {info.data.columns.map((column) => (
            <tr key={column.name}>
              <td>
                <code>{column.name}</code>
              </td>
              <td>
                {column.type}
                {column.is_array ? '[]' : ''}
              </td>
              <td>{column.nullable ? 'yes' : 'no'}</td>
              <td>{primaryKey.includes(column.name) ? 'yes' : ''}</td>
              <td>{column.has_default ? 'yes' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {foreignKeys.length > 0 ? (
        <>
          <h2>Foreign keys</h2>
          <table className="list" aria-label="Foreign keys">
            <ListHead columns={['Constraint', 'References', 'Columns']} />
            <tbody>
              {foreignKeys.map(([constraint, key]) => (
                <tr key={constraint}>
                  <td>
                    <code>{constraint}</code>
                  </td>
                  <td>{formatTableName(key.foreign_table)}</td>
                  <td>{formatMapping(key.column_mapping)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}

// /data/:source/schema/:schema/tables/:table/:tab: one table, in three tabs: its columns (from
// get_table_info), its relationships (local and remote) and its select permissions.
import { Link, useParams } from 'react-router-dom';

import { ErrorMessage } from '../../components';
import { findSource, findTable, formatTableName, tablePath, useMetadata } from '../../metadata';
import type { SourceEntry, TableEntry, TableName } from '../../metadata';
import { useTableInfo } from './catalog';
import type { Loaded, TableInfo } from './catalog';
import { PermissionsTab } from './PermissionsTab';
import { formatMapping } from './relationships';
import { RelationshipsTab } from './RelationshipsTab';
import './data.css';

// What every tab of the table page works on.
export interface TableContext {
  source: SourceEntry;
  table: TableName;
  // The table's metadata entry; undefined when the table is not tracked.
  entry: TableEntry | undefined;
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
  const { metadata, error } = useMetadata();
  const source = findSource(metadata, sourceName);
  const info = useTableInfo(source ?? null, table);
  const title = formatTableName(table);

  let body;
  if (metadata === null) {
    body = error === null ? <p className="page-note">Loading…</p> : <ErrorMessage error={error} />;
  } else if (source === undefined) {
    body = <p className="muted">The engine has no database named “{sourceName}”.</p>;
  } else {
    const context: TableContext = {
      source,
      table,
      entry: findTable(source, table.schema, table.name),
      info,
    };
    body = (
      <>
        <div className="tabs" role="tablist" aria-label="Table">
          {TABS.map(({ id, title: tabTitle }) => (
            <Link
              key={id}
              id={`table-tab-${id}`}
              role="tab"
              aria-selected={tab === id}
              aria-controls="table-tab-panel"
              to={tablePath(sourceName, table, id)}
            >
              {tabTitle}
            </Link>
          ))}
        </div>
        <div id="table-tab-panel" role="tabpanel" aria-labelledby={`table-tab-${tab}`}>
          {context.entry === undefined ? (
            <p className="muted">
              This table is not tracked, so the GraphQL API does not serve it; track it on the{' '}
              <Link to={`/data/${encodeURIComponent(sourceName)}`}>database’s page</Link>.
            </p>
          ) : null}
          {tab === 'columns' ? (
            <ColumnsTab info={info} />
          ) : tab === 'relationships' ? (
            context.entry === undefined ? null : (
              <RelationshipsTab context={context} />
            )
          ) : tab === 'permissions' ? (
            context.entry === undefined ? null : (
              <PermissionsTab context={context} />
            )
          ) : (
            <p className="muted">No such tab.</p>
          )}
        </div>
      </>
    );
  }

  return (
    <section className="data-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/data">Databases</Link>
        <span aria-hidden="true"> / </span>
        <Link to={`/data/${encodeURIComponent(sourceName)}`}>{sourceName}</Link>
      </nav>
      <h1>{title}</h1>
      {body}
    </section>
  );
}

function ColumnsTab({ info }: { info: Loaded<TableInfo> }) {
  if (info.error !== null) return <ErrorMessage error={info.error} />;
  if (info.data === null) return <p className="page-note">Loading…</p>;
  const primaryKey = info.data.primary_key ?? [];
  const foreignKeys = Object.entries(info.data.foreign_keys ?? {});
  return (
    <>
      {info.data.type === 'view' ? <p className="muted">This is a view.</p> : null}
      <table className="list" aria-label="Columns">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Nullable</th>
            <th>Primary key</th>
            <th>Default</th>
          </tr>
        </thead>
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
              <td>
                {typeof column.default === 'string' ? (
                  <code>{column.default}</code>
                ) : column.has_default ? (
                  'yes'
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {foreignKeys.length > 0 ? (
        <>
          <h2>Foreign keys</h2>
          <table className="list" aria-label="Foreign keys">
            <thead>
              <tr>
                <th>Constraint</th>
                <th>References</th>
                <th>Columns</th>
              </tr>
            </thead>
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

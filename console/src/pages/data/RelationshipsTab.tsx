// The Relationships tab: the table's object, array and remote relationships in one list, each
// editable and deletable, and the form that adds one (RelationshipForm).
import { useState } from 'react';

import { metadataRequest } from '../../api';
import { ActionButton } from '../../components';
import { formatTableName, useMetadata } from '../../metadata';
import type { TableEntry } from '../../metadata';
import { fetchTableInfo, useLoaded } from './catalog';
import type { TableInfo } from './catalog';
import { RelationshipForm } from './RelationshipForm';
import { dropCommand, foreignKeyTables, relationshipRows } from './relationships';
import type { RelationshipRow } from './relationships';
import type { TableContext } from './TablePage';

export function RelationshipsTab({ context }: { context: TableContext }) {
  const { metadata, refresh } = useMetadata();
  const { source, table, info } = context;
  const entry = context.entry as TableEntry;
  const where = { source: source.name, kind: source.kind, table };
  // `null`: no form; `{original: null}`: adding; otherwise editing that row.
  const [form, setForm] = useState<{ original: RelationshipRow | null } | null>(null);

  // Relationships on another table's foreign key name only its columns; that table's info says
  // which of ours they reference. A table that cannot be read leaves the columns shown as named.
  const farTables = foreignKeyTables(entry, source.kind);
  const farInfos = useLoaded(
    farTables.length === 0 ? null : JSON.stringify([source.name, farTables]),
    async () => {
      const infos = new Map<string, TableInfo>();
      await Promise.all(
        farTables.map(async (far) => {
          try {
            infos.set(formatTableName(far), await fetchTableInfo(source.name, far, source.kind));
          } catch {
            // Shown as the foreign key's columns instead of a mapping.
          }
        }),
      );
      return infos;
    },
  );

  const rows = relationshipRows(
    entry,
    { ...where, info: info.data ?? undefined },
    farInfos.data ?? new Map(),
    metadata,
  );

  async function remove(row: RelationshipRow) {
    await metadataRequest(dropCommand(row, where));
    await refresh();
    if (form?.original?.name === row.name) setForm(null);
  }

  return (
    <>
      {rows.length === 0 ? (
        <p className="muted">This table has no relationships yet.</p>
      ) : (
        <table className="list" aria-label="Relationships">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Target</th>
              <th>Mapping</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.local ? 'local' : 'remote'}:${row.name}`}>
                <td>
                  <code>{row.name}</code>
                </td>
                <td>{row.kind}</td>
                <td>{row.targetText}</td>
                <td>{row.mappingText}</td>
                <td className="actions">
                  <button
                    type="button"
                    aria-label={`Edit ${row.name}`}
                    onClick={() => setForm({ original: row })}
                  >
                    Edit
                  </button>
                  <ActionButton
                    label="Delete"
                    ariaLabel={`Delete ${row.name}`}
                    className="danger"
                    confirm={`Delete the relationship "${row.name}"?`}
                    action={() => remove(row)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {form === null ? (
        <p>
          <button type="button" className="primary" onClick={() => setForm({ original: null })}>
            Add Relationship
          </button>
        </p>
      ) : (
        <RelationshipForm
          key={form.original === null ? '(new)' : `${form.original.local}:${form.original.name}`}
          context={context}
          original={form.original}
          onDone={() => setForm(null)}
        />
      )}
    </>
  );
}

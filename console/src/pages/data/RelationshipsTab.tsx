// The Relationships tab: the table's object, array and remote relationships in one list, each
// editable and deletable, and the form that adds one (RelationshipForm).
import { useState } from 'react';

import { describeError, metadataRequest } from '../../api';
import { ActionButton, ErrorMessage, ListHead } from '../../components';
import { useLoaded } from '../../hooks';
import { formatTableName, useMetadata } from '../../metadata';
import { fetchTableInfo } from './catalog';
import type { TableInfo } from './catalog';
import { RelationshipForm } from './RelationshipForm';
import { dropCommand, foreignKeyTables, relationshipRows } from './relationships';
import type { RelationshipRow } from './relationships';
import type { TableContext } from './TablePage';

export function RelationshipsTab({ context }: { context: TableContext }) {
  const { metadata, refresh } = useMetadata();
  const { source, location, entry, info } = context;
  // `null`: no form; `{original: null}`: adding; otherwise editing that row.
  const [form, setForm] = useState<{ original: RelationshipRow | null } | null>(null);

  // Relationships on another table's foreign key name only its columns; that table's info says
  // which of ours they reference. A table that cannot be read leaves the columns shown as named,
  // and the reason under the list.
  const farTables = foreignKeyTables(entry, source.kind);
  const farInfos = useLoaded(
    farTables.length === 0 ? null : JSON.stringify([source.name, farTables]),
    async () => {
      const answers = await Promise.allSettled(
        farTables.map((far) => fetchTableInfo(source, far)),
      );
      const infos = new Map<string, TableInfo>();
      const failures: string[] = [];
      answers.forEach((answer, index) => {
        const name = formatTableName(farTables[index]);
        if (answer.status === 'fulfilled') infos.set(name, answer.value);
        else failures.push(`${name} (${describeError(answer.reason)})`);
      });
      return { infos, failures };
    },
  );
  const farFailures = farInfos.data?.failures ?? [];

  const rows = relationshipRows(
    entry,
    { ...location, info: info.data ?? undefined },
    farInfos.data?.infos ?? new Map(),
    metadata,
  );

  async function remove(row: RelationshipRow) {
    await metadataRequest(dropCommand(row, location));
    await refresh();
    setForm((current) => (current?.original?.name === row.name ? null : current));
  }

  return (
    <>
      {rows.length === 0 ? (
        <p className="muted">This table has no relationships yet.</p>
      ) : (
        <table className="list" aria-label="Relationships">
          <ListHead columns={['Name', 'Kind', 'Target', 'Mapping']} actions />
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
      <ErrorMessage error={farInfos.error} />
      {farFailures.length > 0 ? (
        <ErrorMessage
          error={new Error(`Foreign keys not read for: ${farFailures.join('; ')}`)}
        />
      ) : null}
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

// The Permissions tab: for every role the metadata knows (any role with a select permission on any
// table) and any role added here, whether it may select from this table (full, partial, none), and
// an editor of that select permission: columns, row filter, limit, aggregations.
import { useState } from 'react';
import type { FormEvent } from 'react';

import { metadataRequest } from '../../api';
import type { MetadataCommand } from '../../api';
import {
  ErrorMessage,
  JsonObjectField,
  ListHead,
  MetadataCallPreview,
  parseJsonObject,
} from '../../components';
import { useAction } from '../../hooks';
import { useMetadata } from '../../metadata';
import type { Metadata, SelectPermission } from '../../metadata';
import { commandPrefix } from './catalog';
import type { TableLocation } from './catalog';
import type { TableContext } from './TablePage';

type Access = 'full' | 'partial' | 'none';

function knownRoles(metadata: Metadata | null): string[] {
  const roles = new Set<string>();
  for (const source of metadata?.sources ?? []) {
    for (const table of source.tables) {
      for (const permission of table.select_permissions ?? []) roles.add(permission.role);
    }
  }
  return [...roles];
}

// Full: every column and every row (an empty filter); partial: anything less; none: no permission.
function accessOf(permission: SelectPermission | undefined, columns: string[] | null): Access {
  if (permission === undefined) return 'none';
  const { columns: allowed, filter } = permission.permission;
  const everyColumn =
    allowed === '*' ||
    (columns !== null && columns.every((column) => (allowed ?? []).includes(column)));
  const everyRow = filter === undefined || filter === null || Object.keys(filter).length === 0;
  return everyColumn && everyRow ? 'full' : 'partial';
}

export function PermissionsTab({ context }: { context: TableContext }) {
  const { metadata } = useMetadata();
  const { entry } = context;
  const [addedRoles, setAddedRoles] = useState<string[]>([]);
  const [newRole, setNewRole] = useState('');
  const [editing, setEditing] = useState<string | null>(null);

  const columns = context.info.data?.columns.map((column) => column.name) ?? null;
  const roles = [...new Set([...knownRoles(metadata), ...addedRoles])].sort();
  const permissionOf = (role: string) =>
    (entry.select_permissions ?? []).find((permission) => permission.role === role);

  function addRole(event: FormEvent) {
    event.preventDefault();
    const role = newRole.trim();
    if (role === '') return;
    if (!roles.includes(role)) setAddedRoles([...addedRoles, role]);
    setNewRole('');
  }

  return (
    <>
      <table className="list permissions" aria-label="Permissions">
        <ListHead columns={['Role', 'Select']} actions />
        <tbody>
          {roles.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                No role has a select permission yet; add one below.
              </td>
            </tr>
          ) : null}
          {roles.map((role) => {
            const access = accessOf(permissionOf(role), columns);
            return (
              <tr key={role} className={editing === role ? 'editing' : undefined}>
                <td>{role}</td>
                <td className={`access access-${access}`}>{access}</td>
                <td className="actions">
                  <button
                    type="button"
                    aria-label={`Edit select permission for ${role}`}
                    onClick={() => setEditing(role)}
                  >
                    Edit
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="row add-role" onSubmit={addRole}>
        <label>
          New role
          <input value={newRole} onChange={(event) => setNewRole(event.target.value)} />
        </label>
        <button type="submit" disabled={newRole.trim() === ''}>
          Add role
        </button>
      </form>
      {editing === null ? null : (
        <SelectPermissionEditor
          key={editing}
          where={context.location}
          role={editing}
          existing={permissionOf(editing)}
          columns={columns}
          columnsError={context.info.error}
          onDone={() => setEditing(null)}
        />
      )}
    </>
  );
}

function parseFilter(text: string): { value: object; problem: string | null } {
  const { value, problem } = parseJsonObject(text, 'Row filter');
  return { value: value ?? {}, problem };
}

function parseLimit(text: string): { value: number | undefined; problem: string | null } {
  if (text.trim() === '') return { value: undefined, problem: null };
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    return { value: undefined, problem: 'Limit must be a whole number of rows, 0 or more.' };
  }
  return { value, problem: null };
}

function SelectPermissionEditor({
  where,
  role,
  existing,
  columns,
  columnsError,
  onDone,
}: {
  where: TableLocation;
  role: string;
  existing: SelectPermission | undefined;
  columns: string[] | null;
  columnsError: unknown;
  onDone: () => void;
}) {
  const { refresh } = useMetadata();
  const granted = existing?.permission.columns;
  const [allColumns, setAllColumns] = useState(granted === '*');
  const [chosen, setChosen] = useState<string[]>(Array.isArray(granted) ? granted : []);
  const [filterText, setFilterText] = useState(
    existing === undefined ? '{}' : JSON.stringify(existing.permission.filter ?? {}, null, 2),
  );
  const [limitText, setLimitText] = useState(
    existing?.permission.limit === undefined ? '' : String(existing.permission.limit),
  );
  const [aggregations, setAggregations] = useState(
    existing?.permission.allow_aggregations ?? false,
  );
  const { busy, error, run } = useAction();

  const filter = parseFilter(filterText);
  const limit = parseLimit(limitText);
  // Columns the permission names that the table no longer has stay listed, so they can go.
  const choices = [...(columns ?? []), ...chosen.filter((column) => !columns?.includes(column))];

  const prefix = commandPrefix(where.kind);
  const table = { schema: where.table.schema, name: where.table.name };
  const drop: MetadataCommand = {
    type: `${prefix}_drop_select_permission`,
    args: { source: where.source, table, role },
  };
  // Keys this editor does not show (computed_fields, query_root_fields, …) are kept as they were.
  const kept: Record<string, unknown> = { ...existing?.permission };
  delete kept.limit;
  const permission: Record<string, unknown> = {
    ...kept,
    columns: allColumns ? '*' : choices.filter((column) => chosen.includes(column)),
    filter: filter.value,
    allow_aggregations: aggregations,
  };
  if (limit.value !== undefined) permission.limit = limit.value;
  const create: MetadataCommand = {
    type: `${prefix}_create_select_permission`,
    args: { source: where.source, table, role, permission },
  };
  const save: MetadataCommand =
    existing === undefined ? create : { type: 'bulk', args: [drop, create] };

  async function send(command: MetadataCommand) {
    const sent = await run(async () => {
      await metadataRequest(command);
      await refresh();
    });
    if (sent) onDone();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (filter.problem === null && limit.problem === null) void send(save);
  }

  function remove() {
    if (window.confirm(`Delete the select permission of role ${role} on this table?`)) {
      void send(drop);
    }
  }

  function toggle(column: string, checked: boolean) {
    if (allColumns) {
      // Unticking one column of "all" keeps the others.
      setAllColumns(false);
      setChosen(choices.filter((other) => other !== column));
      return;
    }
    setChosen(checked ? [...chosen, column] : chosen.filter((other) => other !== column));
  }

  const titleId = 'select-permission-title';
  return (
    <form className="card form permission-form" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>Select permission for {role}</h2>
      <fieldset>
        <legend>Columns</legend>
        <ErrorMessage error={columnsError} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={allColumns}
            onChange={(event) => {
              setAllColumns(event.target.checked);
              if (!event.target.checked) setChosen([]);
            }}
          />
          All columns
        </label>
        <div className="column-checkboxes">
          {choices.map((column) => (
            <label className="checkbox" key={column}>
              <input
                type="checkbox"
                checked={allColumns || chosen.includes(column)}
                onChange={(event) => toggle(column, event.target.checked)}
              />
              {column}
            </label>
          ))}
        </div>
      </fieldset>
      <JsonObjectField
        label="Row filter"
        text={filterText}
        onChange={setFilterText}
        placeholder='{"user_id": {"_eq": "X-Hasura-User-Id"}}'
        problem={filter.problem}
      />
      <div className="row">
        <label>
          Limit
          <input
            type="number"
            min={0}
            step={1}
            value={limitText}
            onChange={(event) => setLimitText(event.target.value)}
            placeholder="no limit"
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={aggregations}
            onChange={(event) => setAggregations(event.target.checked)}
          />
          Allow aggregations
        </label>
      </div>
      {limit.problem !== null ? <ErrorMessage error={new Error(limit.problem)} /> : null}
      <MetadataCallPreview command={save} />
      <ErrorMessage error={error} />
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={busy || filter.problem !== null || limit.problem !== null}
        >
          Save Permissions
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || existing === undefined}
          onClick={remove}
        >
          Delete Permissions
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

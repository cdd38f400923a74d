// A table's relationships as the Relationships tab shows and edits them, read from its metadata
// entry, and the metadata calls that create, replace and delete one. Pure functions: the tab and
// its form render what these return and send what these build.
import type { MetadataCommand } from '../../api';
import type { TargetOption } from '../../components/TargetPicker';
import { findSource, formatTableName, qualifiedName, sameTable } from '../../metadata';
import type {
  LocalRelationship,
  Metadata,
  RemoteRelationship,
  TableEntry,
  TableName,
} from '../../metadata';
import { commandPrefix } from './catalog';
import type { TableInfo, TableLocation } from './catalog';

// What a relationship points to: a table of some source, or a remote schema.
export type Target =
  { kind: 'table'; source: string; table: TableName } | { kind: 'remote_schema'; name: string };

export type RelationshipKind =
  'Object' | 'Array' | 'Remote object' | 'Remote array' | 'Remote schema';

export interface RelationshipRow {
  name: string;
  kind: RelationshipKind;
  // Local relationships (object_relationships, array_relationships) are dropped with
  // drop_relationship; remote ones with delete_remote_relationship.
  local: boolean;
  target: Target | null;
  targetText: string;
  mappingText: string;
  // The column mapping as far as it is known (for the editor).
  mapping: Record<string, string>;
  lhsFields: string[];
  remoteField: unknown;
}

export function targetKey(target: Target): string {
  return target.kind === 'table'
    ? JSON.stringify(['table', target.source, target.table.schema, target.table.name])
    : JSON.stringify(['remote_schema', target.name]);
}

export function targetLabel(target: Target): string {
  return target.kind === 'table'
    ? `${target.source} / ${formatTableName(target.table)}`
    : `remote schema: ${target.name}`;
}

// Every table of every source (tracked ones first, the source `here`'s before the others', then
// the `untracked` ones by source) and every remote schema, as picker options.
export function targetOptions(
  metadata: Metadata | null,
  here = '',
  untracked = new Map<string, TableName[]>(),
): TargetOption<Target>[] {
  const sources = [...(metadata?.sources ?? [])].sort(
    (a, b) => Number(b.name === here) - Number(a.name === here),
  );
  const option = (target: Target, note?: string): TargetOption<Target> => ({
    key: targetKey(target),
    label: targetLabel(target),
    value: target,
    note,
  });
  const tracked = sources.flatMap((source) =>
    source.tables.map((entry) =>
      option({
        kind: 'table',
        source: source.name,
        table: qualifiedName(entry.table, source.kind),
      }),
    ),
  );
  const others = sources.flatMap((source) => {
    const known = source.tables.map((entry) => qualifiedName(entry.table, source.kind));
    return (untracked.get(source.name) ?? [])
      .filter((table) => !known.some((tracked) => sameTable(tracked, table)))
      .map((table) => option({ kind: 'table', source: source.name, table }, 'untracked'));
  });
  const schemas = (metadata?.remote_schemas ?? []).map((schema) =>
    option({ kind: 'remote_schema', name: schema.name }),
  );
  return [...tracked, ...others, ...schemas];
}

export function formatMapping(mapping: Record<string, string>): string {
  return Object.entries(mapping)
    .map(([from, to]) => `${from} → ${to}`)
    .join(', ');
}

// Where a remote field's arguments use the row's columns: {"user":{"arguments":{"id":"$user_id"}}}
// gives "user_id → user.id".
export function describeRemoteField(remoteField: unknown): string {
  const parts: string[] = [];
  function visitValue(value: unknown, path: string) {
    if (typeof value === 'string' && value.startsWith('$')) {
      parts.push(`${value.slice(1)} → ${path}`);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visitValue(item, `${path}[${index}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visitValue(item, `${path}.${key}`);
    }
  }
  function visitFields(fields: unknown, prefix: string) {
    if (fields === null || typeof fields !== 'object') return;
    for (const [field, selection] of Object.entries(fields as Record<string, unknown>)) {
      const path = prefix === '' ? field : `${prefix}.${field}`;
      const { arguments: args, field: nested } = (selection ?? {}) as {
        arguments?: unknown;
        field?: unknown;
      };
      if (args !== null && typeof args === 'object') {
        for (const [name, value] of Object.entries(args)) visitValue(value, `${path}.${name}`);
      }
      visitFields(nested, path);
    }
  }
  visitFields(remoteField, '');
  return parts.join(', ');
}

function columnsOf(spec: unknown): string[] | null {
  if (typeof spec === 'string') return [spec];
  if (spec === null || typeof spec !== 'object') return null;
  const { column, columns } = spec as { column?: unknown; columns?: unknown };
  if (typeof column === 'string') return [column];
  if (Array.isArray(columns))
    return columns.filter((item): item is string => typeof item === 'string');
  return null;
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((column) => b.includes(column));
}

// The foreign key of `info` on exactly `columns`, pointing at `to` when given.
function findForeignKey(info: TableInfo | undefined, columns: string[], to?: TableName) {
  return Object.values(info?.foreign_keys ?? {}).find(
    (key) =>
      sameColumns(Object.keys(key.column_mapping), columns) &&
      (to === undefined || sameTable(qualifiedName(key.foreign_table), to)),
  );
}

// The tables whose foreign keys the relationships of `entry` rest on (from the far side), so the
// tab can read their info to show the mapping.
export function foreignKeyTables(entry: TableEntry, kind: string): TableName[] {
  const tables: TableName[] = [];
  for (const relationship of [
    ...(entry.object_relationships ?? []),
    ...(entry.array_relationships ?? []),
  ]) {
    const spec = relationship.using.foreign_key_constraint_on as { table?: unknown } | undefined;
    if (spec !== null && typeof spec === 'object' && spec.table !== undefined) {
      const table = qualifiedName(spec.table as TableName | string, kind);
      if (!tables.some((known) => sameTable(known, table))) tables.push(table);
    }
  }
  return tables;
}

// The table whose relationships are listed, with its columns and keys once they are read.
type ListedTable = TableLocation & { info?: TableInfo };

function localRow(
  relationship: LocalRelationship,
  type: 'object' | 'array',
  context: ListedTable,
  farInfos: Map<string, TableInfo>,
): RelationshipRow {
  const kind: RelationshipKind = type === 'object' ? 'Object' : 'Array';
  const row = (
    table: TableName | null,
    mapping: Record<string, string>,
    mappingText?: string,
  ): RelationshipRow => {
    const target: Target | null =
      table === null ? null : { kind: 'table', source: context.source, table };
    return {
      name: relationship.name,
      kind,
      local: true,
      target,
      targetText: target === null ? '' : targetLabel(target),
      mappingText: mappingText ?? formatMapping(mapping),
      mapping,
      lhsFields: [],
      remoteField: null,
    };
  };
  const manual = relationship.using.manual_configuration;
  if (manual !== undefined) {
    return row(qualifiedName(manual.remote_table, context.kind), manual.column_mapping ?? {});
  }
  const spec = relationship.using.foreign_key_constraint_on;
  const far =
    spec !== null && typeof spec === 'object' ? (spec as { table?: unknown }).table : undefined;
  const columns = columnsOf(spec) ?? [];
  if (far === undefined) {
    // The foreign key is this table's own, on `columns`.
    const key = findForeignKey(context.info, columns);
    if (key === undefined) return row(null, {}, `foreign key on ${columns.join(', ')}`);
    return row(qualifiedName(key.foreign_table, context.kind), key.column_mapping);
  }
  // The foreign key is the far table's, on `columns`, pointing back here.
  const farTable = qualifiedName(far as TableName | string, context.kind);
  const key = findForeignKey(farInfos.get(formatTableName(farTable)), columns, context.table);
  if (key === undefined) {
    return row(farTable, {}, `foreign key ${formatTableName(farTable)} (${columns.join(', ')})`);
  }
  const mapping: Record<string, string> = {};
  for (const [farColumn, hereColumn] of Object.entries(key.column_mapping))
    mapping[hereColumn] = farColumn;
  return row(farTable, mapping);
}

function remoteRow(relationship: RemoteRelationship, metadata: Metadata | null): RelationshipRow {
  const definition = relationship.definition;
  const toSource =
    definition.to_source ?? (definition.remote_source as typeof definition.to_source);
  if (toSource !== undefined) {
    const table = qualifiedName(toSource.table, findSource(metadata, toSource.source)?.kind);
    const target: Target = { kind: 'table', source: toSource.source, table };
    const mapping = toSource.field_mapping ?? {};
    return {
      name: relationship.name,
      kind: toSource.relationship_type === 'array' ? 'Remote array' : 'Remote object',
      local: false,
      target,
      targetText: targetLabel(target),
      mappingText: formatMapping(mapping),
      mapping,
      lhsFields: [],
      remoteField: null,
    };
  }
  // to_remote_schema, or the older form with the same keys inline (hasura_fields).
  const toSchema = (definition.to_remote_schema ?? definition) as {
    remote_schema?: unknown;
    lhs_fields?: unknown;
    hasura_fields?: unknown;
    remote_field?: unknown;
  };
  const name = typeof toSchema.remote_schema === 'string' ? toSchema.remote_schema : '';
  const fields = toSchema.lhs_fields ?? toSchema.hasura_fields;
  return {
    name: relationship.name,
    kind: 'Remote schema',
    local: false,
    target: name === '' ? null : { kind: 'remote_schema', name },
    targetText: name,
    mappingText: describeRemoteField(toSchema.remote_field),
    mapping: {},
    lhsFields: Array.isArray(fields)
      ? fields.filter((f): f is string => typeof f === 'string')
      : [],
    remoteField: toSchema.remote_field ?? null,
  };
}

export function relationshipRows(
  entry: TableEntry,
  context: ListedTable,
  farInfos: Map<string, TableInfo>,
  metadata: Metadata | null,
): RelationshipRow[] {
  return [
    ...(entry.object_relationships ?? []).map((r) => localRow(r, 'object', context, farInfos)),
    ...(entry.array_relationships ?? []).map((r) => localRow(r, 'array', context, farInfos)),
    ...(entry.remote_relationships ?? []).map((r) => remoteRow(r, metadata)),
  ];
}

// What the form holds, as the calls need it.
export interface RelationshipDraft {
  name: string;
  type: 'object' | 'array';
  target: Target | null;
  mapping: Record<string, string>;
  lhsFields: string[];
  remoteField: unknown;
}

// A table as the calls name it, in the form of Hasura's documentation: a table of Postgres's
// default schema by its bare name ("order"), any other as {"schema", "name"} (SQLite's are in
// "main"). The engine keeps the spelling it is given, so a relationship made here exports exactly
// as one made by the documented API call. Every form that names a table in a call uses this.
export function tableArg(table: TableName): TableName | string {
  return table.schema === 'public' ? table.name : { schema: table.schema, name: table.name };
}

// The call that creates the drafted relationship (a remote one when the target is elsewhere).
export function createCommand(
  draft: RelationshipDraft,
  where: TableLocation,
  verb = 'create',
): MetadataCommand {
  const prefix = commandPrefix(where.kind);
  const base = { name: draft.name, source: where.source, table: tableArg(where.table) };
  const target = draft.target;
  if (target !== null && target.kind === 'table' && target.source === where.source) {
    return {
      type: `${prefix}_create_${draft.type}_relationship`,
      args: {
        ...base,
        using: {
          manual_configuration: {
            remote_table: tableArg(target.table),
            column_mapping: draft.mapping,
          },
        },
      },
    };
  }
  const definition =
    target !== null && target.kind === 'remote_schema'
      ? {
          to_remote_schema: {
            remote_schema: target.name,
            lhs_fields: draft.lhsFields,
            remote_field: draft.remoteField,
          },
        }
      : {
          to_source: {
            relationship_type: draft.type,
            source: target?.source ?? '',
            table: target === null ? { schema: '', name: '' } : tableArg(target.table),
            field_mapping: draft.mapping,
          },
        };
  return { type: `${prefix}_${verb}_remote_relationship`, args: { ...base, definition } };
}

export function isLocal(draft: RelationshipDraft, where: TableLocation): boolean {
  return draft.target?.kind === 'table' && draft.target.source === where.source;
}

export function dropCommand(
  row: { name: string; local: boolean },
  where: TableLocation,
): MetadataCommand {
  const prefix = commandPrefix(where.kind);
  const base = { source: where.source, table: tableArg(where.table) };
  return row.local
    ? { type: `${prefix}_drop_relationship`, args: { ...base, relationship: row.name } }
    : { type: `${prefix}_delete_remote_relationship`, args: { ...base, name: row.name } };
}

// The call that saves the draft: a create for a new relationship; for an edited one, the remote
// update when it stays remote under its name, else the drop and the create in one bulk (all or
// nothing, so a refused create leaves the old relationship in place).
export function saveCommand(
  draft: RelationshipDraft,
  where: TableLocation,
  original: { name: string; local: boolean } | null,
): MetadataCommand {
  if (original === null) return createCommand(draft, where);
  if (!original.local && !isLocal(draft, where) && original.name === draft.name) {
    return createCommand(draft, where, 'update');
  }
  return { type: 'bulk', args: [dropCommand(original, where), createCommand(draft, where)] };
}

// The engine's metadata as every page sees it: one export_metadata and the objects the engine
// could not serve (get_inconsistent_metadata), read together, shared through a context and read
// again after each change a page makes (`refresh`), so the lists, the editors and the explorer
// agree with the engine. Also the helpers that read it: table names, lookups, inconsistencies.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';

import { metadataCall } from './api';

// The parts of Hasura's metadata the console reads; the rest is kept as it came.
export interface TableName {
  schema: string;
  name: string;
}

export interface FieldMappingTarget {
  source: string;
  table: TableName | string | string[];
  relationship_type: 'object' | 'array';
  field_mapping: Record<string, string>;
}

export interface RemoteRelationship {
  name: string;
  definition: {
    to_source?: FieldMappingTarget;
    to_remote_schema?: { remote_schema: string; lhs_fields: string[]; remote_field: unknown };
    [key: string]: unknown;
  };
}

export interface LocalRelationship {
  name: string;
  using: {
    foreign_key_constraint_on?: unknown;
    manual_configuration?: {
      remote_table: TableName | string;
      column_mapping: Record<string, string>;
      insertion_order?: string | null;
    };
  };
  comment?: string;
}

export interface SelectPermission {
  role: string;
  permission: {
    columns: string[] | '*';
    filter: object;
    limit?: number;
    allow_aggregations?: boolean;
    [key: string]: unknown;
  };
  comment?: string;
}

export interface TableEntry {
  table: TableName | string[];
  object_relationships?: LocalRelationship[];
  array_relationships?: LocalRelationship[];
  remote_relationships?: RemoteRelationship[];
  select_permissions?: SelectPermission[];
  [key: string]: unknown;
}

export interface SourceEntry {
  name: string;
  kind: string;
  tables: TableEntry[];
  configuration: Record<string, unknown>;
  [key: string]: unknown;
}

export interface RemoteSchemaEntry {
  name: string;
  definition: {
    url?: string;
    url_from_env?: string;
    timeout_seconds?: number;
    [key: string]: unknown;
  };
  comment?: string;
  remote_relationships?: {
    type_name: string;
    relationships: { name: string; definition: Record<string, unknown> }[];
  }[];
  [key: string]: unknown;
}

export interface Metadata {
  version: number;
  sources: SourceEntry[];
  remote_schemas?: RemoteSchemaEntry[];
  [key: string]: unknown;
}

// Hasura's shape: {"type":"remote_schema","name":"remote_schema orders","reason":"Inconsistent
// object: …","definition":{…the object…},"message":"…"}.
export interface InconsistentObject {
  type: string;
  name?: string;
  reason: string;
  definition?: unknown;
  message?: string;
}

interface MetadataState {
  // Null until the first read succeeds.
  metadata: Metadata | null;
  // The objects the engine cannot serve, as of `metadata` (empty while it is null).
  inconsistencies: InconsistentObject[];
  // Counts the reads; a hook that must read something again after every change depends on it.
  generation: number;
  // Why the last read failed, or null.
  error: unknown;
  // Reads both again; resolves once the answer is in place (or a later read, begun meanwhile, is
  // on its way with a newer one), rejects with the read's failure, which the caller shows where
  // the user acted.
  refresh: () => Promise<void>;
}

const MetadataContext = createContext<MetadataState | null>(null);

interface Snapshot {
  metadata: Metadata | null;
  inconsistencies: InconsistentObject[];
  generation: number;
}

export function MetadataProvider({ children }: { children: ReactNode }) {
  const [snapshot, setSnapshot] = useState<Snapshot>({
    metadata: null,
    inconsistencies: [],
    generation: 0,
  });
  const [error, setError] = useState<unknown>(null);
  // The number of the latest read. Reads can overlap (two quick changes); only the latest one's
  // answer is kept, so a slow earlier answer cannot overwrite a later one. Bumped on unmount too
  // (signing out), so nothing is set after it.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const read = ++latest.current;
    try {
      const [metadata, report] = await Promise.all([
        metadataCall<Metadata>('export_metadata'),
        metadataCall<{ inconsistent_objects?: InconsistentObject[] }>('get_inconsistent_metadata'),
      ]);
      if (read !== latest.current) return;
      setSnapshot((previous) => ({
        metadata: { ...metadata, sources: metadata.sources ?? [] },
        inconsistencies: report.inconsistent_objects ?? [],
        generation: previous.generation + 1,
      }));
      setError(null);
    } catch (failure) {
      if (read === latest.current) setError(failure);
      throw failure;
    }
  }, []);

  useEffect(() => {
    // A failure of this first read is in `error`, which the pages show in place of what they
    // could not list.
    refresh().catch(() => {});
    return () => {
      latest.current++;
    };
  }, [refresh]);

  const value = useMemo(() => ({ ...snapshot, error, refresh }), [snapshot, error, refresh]);
  return <MetadataContext.Provider value={value}>{children}</MetadataContext.Provider>;
}

export function useMetadata(): MetadataState {
  const state = useContext(MetadataContext);
  if (state === null) throw new Error('useMetadata outside MetadataProvider');
  return state;
}

// The schema a bare table name means in a source of this kind: SQLite's "main", else Postgres's
// "public".
export function defaultSchema(kind?: string): string {
  return kind === 'sqlite' ? 'main' : 'public';
}

// A table name as metadata writes it ("users", {"schema","name"}, or SQLite's ["main","users"])
// in the {"schema","name"} form, with the source kind's default schema for a bare string
// (Postgres's when the kind is not given).
export function qualifiedName(table: TableName | string | string[], kind?: string): TableName {
  if (typeof table === 'string') return { schema: defaultSchema(kind), name: table };
  if (Array.isArray(table)) {
    return table.length === 1
      ? { schema: 'main', name: table[0] }
      : { schema: table[0], name: table[table.length - 1] };
  }
  return { schema: table.schema ?? defaultSchema(kind), name: table.name };
}

export function formatTableName(table: TableName | string | string[], kind?: string): string {
  const { schema, name } = qualifiedName(table, kind);
  return `${schema}.${name}`;
}

export function sameTable(a: TableName, b: TableName): boolean {
  return a.schema === b.schema && a.name === b.name;
}

export function findSource(metadata: Metadata | null, name: string): SourceEntry | undefined {
  return metadata?.sources.find((source) => source.name === name);
}

export function findTable(
  source: SourceEntry | undefined,
  table: TableName,
): TableEntry | undefined {
  return source?.tables.find((entry) => sameTable(qualifiedName(entry.table, source.kind), table));
}

// The console's path of a table's page, with its tab.
export function tablePath(source: string, table: TableName, tab = 'columns'): string {
  const part = encodeURIComponent;
  return `/data/${part(source)}/schema/${part(table.schema)}/tables/${part(table.name)}/${tab}`;
}

// The inconsistency of the source or remote schema `name`, if it has one. Hasura names the object
// "<type> <name>" and its definition carries the name.
export function findInconsistency(
  objects: InconsistentObject[],
  type: 'source' | 'remote_schema',
  name: string,
): InconsistentObject | undefined {
  return objects.find((object) => {
    if (object.type !== type) return false;
    const definition = object.definition as { name?: unknown } | undefined;
    return definition?.name === name || object.name === `${type} ${name}`;
  });
}

// An inconsistency in one line. Hasura's message is the underlying error, often already the
// reason's last words, which are then not repeated.
export function describeInconsistency(object: InconsistentObject): string {
  const message = object.message ?? '';
  return message === '' || object.reason.includes(message)
    ? object.reason
    : `${object.reason}: ${message}`;
}

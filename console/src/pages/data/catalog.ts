// What the data pages ask the engine besides the exported metadata: a database's tables
// (get_source_tables), one table's columns and keys (get_table_info), and which objects the engine
// could not serve (get_inconsistent_metadata); plus the command names of a source's kind.
import { useCallback, useEffect, useState } from 'react';

import { metadataCall, metadataRequest } from '../../api';
import type { Metadata, SourceEntry, TableName } from '../../metadata';

export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  has_default?: boolean;
  // The default's SQL text, when the engine reports it.
  default?: string | null;
  is_array?: boolean;
}

export interface ForeignKeyInfo {
  foreign_table: TableName;
  column_mapping: Record<string, string>;
}

export interface TableInfo {
  name: TableName;
  type?: string;
  columns: ColumnInfo[];
  primary_key?: string[] | null;
  foreign_keys?: Record<string, ForeignKeyInfo> | null;
}

export interface InconsistentObject {
  type: string;
  name?: string;
  definition?: unknown;
  reason: string;
  message?: string;
}

// The prefix of a source's commands: pg_track_table, sqlite_track_table, …
export function commandPrefix(kind: string): string {
  return kind === 'postgres' ? 'pg' : kind;
}

export function sameTable(a: TableName, b: TableName): boolean {
  return a.schema === b.schema && a.name === b.name;
}

// An answer that arrives later: the value, the call's error, and a way to ask again. The call runs
// again whenever `key` changes; an answer to an older key is dropped.
export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useLoaded<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(key !== null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (key === null) {
      setData(null);
      setError(null);
      setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    load()
      .then((answer) => {
        if (!current) return;
        setData(answer);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (!current) return;
        setData(null);
        setError(failure);
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` names everything it depends on.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload };
}

// The kind of a source, read from the engine's metadata, for callers that do not have it at hand.
async function fetchSourceKind(source: string): Promise<string> {
  const answer = await metadataRequest<{ metadata: Metadata }>({
    type: 'export_metadata',
    version: 2,
    args: {},
  });
  const found = answer.metadata.sources?.find((entry) => entry.name === source);
  if (found === undefined) throw new Error(`source with name "${source}" does not exist`);
  return found.kind;
}

// Both commands take the backend prefix of the source's kind (pg_get_source_tables, …); without
// `kind`, the metadata is read first to find it.
export async function fetchSourceTables(source: string, kind?: string): Promise<TableName[]> {
  const prefix = commandPrefix(kind ?? (await fetchSourceKind(source)));
  return metadataCall<TableName[]>(`${prefix}_get_source_tables`, { source });
}

export async function fetchTableInfo(
  source: string,
  table: TableName,
  kind?: string,
): Promise<TableInfo> {
  const prefix = commandPrefix(kind ?? (await fetchSourceKind(source)));
  return metadataCall<TableInfo>(`${prefix}_get_table_info`, {
    source,
    table: { schema: table.schema, name: table.name },
  });
}

// The tables of a database, read again whenever the metadata changes (a reload may find new ones).
export function useSourceTables(source: SourceEntry | null, metadata: Metadata | null) {
  const key =
    source === null ? null : JSON.stringify([source.name, source.kind, metadataStamp(metadata)]);
  return useLoaded(key, () => fetchSourceTables(source?.name ?? '', source?.kind));
}

// A table's columns and keys; `source` null asks nothing.
export function useTableInfo(source: SourceEntry | null, table: TableName | null) {
  const key =
    source === null || table === null ? null : JSON.stringify([source.name, source.kind, table]);
  return useLoaded(key, () =>
    fetchTableInfo(source?.name ?? '', table ?? { schema: '', name: '' }, source?.kind),
  );
}

// The objects the engine cannot serve, read again whenever the metadata changes.
export function useInconsistencies(metadata: Metadata | null) {
  const key = metadata === null ? null : String(metadataStamp(metadata));
  return useLoaded(key, async () => {
    const answer = await metadataCall<{ inconsistent_objects?: InconsistentObject[] }>(
      'get_inconsistent_metadata',
    );
    return answer.inconsistent_objects ?? [];
  });
}

// A number that changes whenever the MetadataProvider reads the metadata again (each refresh makes
// a new object), so loaders keyed on it run after every change.
const stamps = new WeakMap<object, number>();
let nextStamp = 1;
function metadataStamp(metadata: Metadata | null): number {
  if (metadata === null) return 0;
  let stamp = stamps.get(metadata);
  if (stamp === undefined) {
    stamp = nextStamp++;
    stamps.set(metadata, stamp);
  }
  return stamp;
}

// The reason a source cannot be served, or null when it is consistent.
export function sourceInconsistency(
  objects: InconsistentObject[] | null,
  source: string,
): string | null {
  const found = objects?.find((object) => {
    if (object.type !== 'source') return false;
    if (object.name === `source ${source}`) return true;
    const definition = object.definition as { name?: unknown } | undefined;
    return definition?.name === source;
  });
  if (found === undefined) return null;
  // Hasura's message is the underlying error, often already the reason's last words.
  const message = found.message ?? '';
  return message === '' || found.reason.includes(message)
    ? found.reason
    : `${found.reason}: ${message}`;
}

// The sources whose tables can be listed (consistent ones), for pickers across sources.
export function servableSources(
  metadata: Metadata | null,
  objects: InconsistentObject[] | null,
): SourceEntry[] {
  return (metadata?.sources ?? []).filter(
    (source) => sourceInconsistency(objects, source.name) === null,
  );
}

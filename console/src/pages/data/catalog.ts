// What the data pages ask the engine besides the metadata: a database's tables
// (get_source_tables) and one table's columns and keys (get_table_info); plus the command names of
// a source's kind and the sources whose tables can be listed.
import { metadataCall } from '../../api';
import { useLoaded } from '../../hooks';
import { findInconsistency } from '../../metadata';
import type { InconsistentObject, Metadata, SourceEntry, TableName } from '../../metadata';

export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  // Whether the column has a default (the engine does not say which).
  has_default?: boolean;
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

// A table as the metadata commands address it: the source's name and kind (which names the
// commands) and the table.
export interface TableLocation {
  source: string;
  kind: string;
  table: TableName;
}

// The prefix of a source's commands: pg_track_table, sqlite_track_table, …
export function commandPrefix(kind: string): string {
  return kind === 'postgres' ? 'pg' : kind;
}

export async function fetchSourceTables(source: SourceEntry): Promise<TableName[]> {
  return metadataCall<TableName[]>(`${commandPrefix(source.kind)}_get_source_tables`, {
    source: source.name,
  });
}

export async function fetchTableInfo(source: SourceEntry, table: TableName): Promise<TableInfo> {
  return metadataCall<TableInfo>(`${commandPrefix(source.kind)}_get_table_info`, {
    source: source.name,
    table: { schema: table.schema, name: table.name },
  });
}

// The tables of a database (`source` null asks nothing), read again with each new `version` of
// the metadata (a reload may find new ones).
export function useSourceTables(source: SourceEntry | null, version: number) {
  const key = source === null ? null : JSON.stringify([source.name, source.kind]);
  return useLoaded(key, () => fetchSourceTables(source as SourceEntry), version);
}

// A table's columns and keys (`source` or `table` null asks nothing), read again with each new
// `version` when one is given.
export function useTableInfo(source: SourceEntry | null, table: TableName | null, version = 0) {
  const key =
    source === null || table === null
      ? null
      : JSON.stringify([source.name, source.kind, table.schema, table.name]);
  return useLoaded(
    key,
    () => fetchTableInfo(source as SourceEntry, table as TableName),
    version,
  );
}

// The sources whose tables can be listed (the consistent ones), for pickers across sources.
export function servableSources(
  metadata: Metadata | null,
  inconsistencies: InconsistentObject[],
): SourceEntry[] {
  return (metadata?.sources ?? []).filter(
    (source) => findInconsistency(inconsistencies, 'source', source.name) === undefined,
  );
}

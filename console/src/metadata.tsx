// The engine's metadata as every page sees it: one export_metadata (version 2, with its
// resource_version) shared through a context, read again after each change a page makes
// (`refresh`), so the lists, the relationship editor and the explorer agree with the engine.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';

import { metadataRequest } from './api';

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
  definition: { url?: string; url_from_env?: string; timeout_seconds?: number; [key: string]: unknown };
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

interface MetadataState {
  metadata: Metadata | null;
  resourceVersion: number | null;
  error: unknown;
  loading: boolean;
  // Reads the metadata again; resolves once the new one is in place.
  refresh: () => Promise<void>;
}

const MetadataContext = createContext<MetadataState | null>(null);

export function MetadataProvider({ children }: { children: ReactNode }) {
  const [metadata, setMetadata] = useState<Metadata | null>(null);
  const [resourceVersion, setResourceVersion] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const answer = await metadataRequest<{ resource_version: number; metadata: Metadata }>({
        type: 'export_metadata',
        version: 2,
        args: {},
      });
      setMetadata({ ...answer.metadata, sources: answer.metadata.sources ?? [] });
      setResourceVersion(answer.resource_version);
      setError(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(
    () => ({ metadata, resourceVersion, error, loading, refresh }),
    [metadata, resourceVersion, error, loading, refresh],
  );
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
// in the {"schema","name"} form, with the source kind's default schema for a bare string (Postgres's
// when the kind is not given).
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

export function findSource(metadata: Metadata | null, name: string): SourceEntry | undefined {
  return metadata?.sources.find((source) => source.name === name);
}

export function findTable(
  source: SourceEntry | undefined,
  schema: string,
  name: string,
): TableEntry | undefined {
  return source?.tables.find((entry) => {
    const table = qualifiedName(entry.table, source.kind);
    return table.schema === schema && table.name === name;
  });
}

// The console's path of a table's page, with its tab.
export function tablePath(source: string, table: TableName, tab = 'columns'): string {
  const part = encodeURIComponent;
  return `/data/${part(source)}/schema/${part(table.schema)}/tables/${part(table.name)}/${tab}`;
}

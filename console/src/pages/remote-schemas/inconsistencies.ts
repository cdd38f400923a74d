// The engine's inconsistent objects (get_inconsistent_metadata), read by the remote-schema list
// (a schema's status) and the metadata page (the whole list). Read again when the metadata
// changes, so a reload or a fix shows at once.
import { useCallback, useEffect, useState } from 'react';

import { metadataCall } from '../../api';
import { useMetadata } from '../../metadata';

// Hasura's shape: {"type":"remote_schema","name":"remote_schema orders","reason":"Inconsistent
// object: …","definition":{…the object…}}.
export interface InconsistentObject {
  type: string;
  name: string;
  reason: string;
  definition?: unknown;
  message?: string;
}

interface InconsistencyReport {
  is_consistent: boolean;
  inconsistent_objects: InconsistentObject[];
}

export interface InconsistenciesState {
  objects: InconsistentObject[] | null;
  error: unknown;
  reload: () => Promise<void>;
}

export function useInconsistencies(): InconsistenciesState {
  const { metadata } = useMetadata();
  const [objects, setObjects] = useState<InconsistentObject[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      const report = await metadataCall<InconsistencyReport>('get_inconsistent_metadata');
      setObjects(report.inconsistent_objects ?? []);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, []);

  // Every new metadata (each refresh() after a change) may have made objects (in)consistent.
  useEffect(() => {
    void reload();
  }, [reload, metadata]);

  return { objects, error, reload };
}

// The remote schema an inconsistent object is, if it is one: its definition carries the name;
// the object's own name is "remote_schema <name>".
export function remoteSchemaOf(object: InconsistentObject): string | null {
  if (object.type !== 'remote_schema') return null;
  const definition = object.definition as { name?: unknown } | undefined;
  if (definition !== undefined && typeof definition.name === 'string') return definition.name;
  const prefix = 'remote_schema ';
  return object.name.startsWith(prefix) ? object.name.slice(prefix.length) : object.name;
}

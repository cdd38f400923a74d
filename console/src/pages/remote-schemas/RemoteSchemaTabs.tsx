// The two tabs of a remote schema's page: Details (its definition and the types the engine
// introspected) and Relationships (its types' remote relationships, with Add Relationship).
import { useState } from 'react';
import type { IntrospectionInputValue, IntrospectionSchema } from 'graphql';

import { metadataCall } from '../../api';
import { ActionButton, JsonBlock, ListHead, Loading, StatusMessage } from '../../components';
import { findSource, formatTableName, useMetadata } from '../../metadata';
import type { FieldMappingTarget, Metadata, RemoteSchemaEntry } from '../../metadata';
import { AddRemoteRelationshipForm } from './AddRemoteRelationshipForm';
import { objectTypes, typeRefText } from './introspection';
import type { Introspection } from './introspection';

export function DetailsTab({
  entry,
  introspection,
}: {
  entry: RemoteSchemaEntry;
  introspection: Introspection;
}) {
  return (
    <>
      <h2>Definition</h2>
      <JsonBlock label="Definition" value={entry.definition} />
      {entry.comment !== undefined && entry.comment !== '' ? <p>{entry.comment}</p> : null}
      <h2>Types</h2>
      {introspection.data === null ? (
        <Loading error={introspection.error} text="Introspecting…" />
      ) : (
        <TypeList schema={introspection.data} />
      )}
    </>
  );
}

function argumentList(args: readonly IntrospectionInputValue[]): string {
  return args.map((arg) => `${arg.name}: ${typeRefText(arg.type)}`).join(', ');
}

function TypeList({ schema }: { schema: IntrospectionSchema }) {
  const types = objectTypes(schema);
  if (types.length === 0) return <p>The schema has no object types.</p>;
  return (
    <div className="remote-types">
      {types.map((type) => (
        <section className="card remote-type" key={type.name} aria-label={`Type ${type.name}`}>
          <h3>{type.name}</h3>
          {type.description ? <p className="muted">{type.description}</p> : null}
          <ul>
            {type.fields.map((field) => (
              <li key={field.name}>
                <code>
                  {field.name}
                  {field.args.length > 0 ? `(${argumentList(field.args)})` : ''}
                  : {typeRefText(field.type)}
                </code>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

interface Row {
  typeName: string;
  name: string;
  definition: Record<string, unknown>;
}

function describeTarget(
  definition: Record<string, unknown>,
  metadata: Metadata | null,
): { target: string; mapping: string } {
  const toSource = definition.to_source as FieldMappingTarget | undefined;
  if (toSource !== undefined) {
    const table = formatTableName(toSource.table, findSource(metadata, toSource.source)?.kind);
    return {
      target: `${toSource.source} / ${table} (${toSource.relationship_type})`,
      mapping: Object.entries(toSource.field_mapping ?? {})
        .map(([field, column]) => `${field} → ${column}`)
        .join(', '),
    };
  }
  const toSchema = definition.to_remote_schema as
    | { remote_schema: string; lhs_fields: string[]; remote_field: Record<string, unknown> }
    | undefined;
  if (toSchema !== undefined) {
    const path = Object.keys(toSchema.remote_field ?? {}).join('.');
    const fields = (toSchema.lhs_fields ?? []).join(', ');
    return {
      target: `remote schema ${toSchema.remote_schema}: ${path}`,
      mapping: `${fields} → ${JSON.stringify(toSchema.remote_field)}`,
    };
  }
  return { target: JSON.stringify(definition), mapping: '' };
}

export function RelationshipsTab({
  entry,
  introspection,
}: {
  entry: RemoteSchemaEntry;
  introspection: Introspection;
}) {
  const { metadata, refresh } = useMetadata();
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const rows: Row[] = (entry.remote_relationships ?? []).flatMap((group) =>
    group.relationships.map((relationship) => ({
      typeName: group.type_name,
      name: relationship.name,
      definition: relationship.definition,
    })),
  );

  return (
    <>
      <h2>Relationships</h2>
      <StatusMessage text={status} />
      {rows.length === 0 ? (
        <p>No relationships from this remote schema's types yet.</p>
      ) : (
        <table className="list">
          <ListHead columns={['Type', 'Name', 'Target', 'Mapping']} actions />
          <tbody>
            {rows.map((row) => {
              const { target, mapping } = describeTarget(row.definition, metadata);
              return (
                <tr key={`${row.typeName}.${row.name}`}>
                  <td>{row.typeName}</td>
                  <td>{row.name}</td>
                  <td>{target}</td>
                  <td>
                    <code>{mapping}</code>
                  </td>
                  <td>
                    <ActionButton
                      label="Delete"
                      ariaLabel={`Delete ${row.name}`}
                      className="danger"
                      confirm={`Delete the relationship ${row.name} of ${row.typeName}?`}
                      action={async () => {
                        setStatus(null);
                        await metadataCall('delete_remote_schema_remote_relationship', {
                          remote_schema: entry.name,
                          type_name: row.typeName,
                          name: row.name,
                        });
                        await refresh();
                        setStatus(`Relationship ${row.name} deleted`);
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {adding ? (
        introspection.data !== null ? (
          <AddRemoteRelationshipForm
            remoteSchema={entry.name}
            schema={introspection.data}
            metadata={metadata}
            onCancel={() => setAdding(false)}
            onCreated={async (name) => {
              await refresh();
              setAdding(false);
              setStatus(`Relationship ${name} created`);
            }}
          />
        ) : (
          <>
            <Loading error={introspection.error} text="Introspecting…" />
            <button type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </>
        )
      ) : (
        <p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setStatus(null);
              setAdding(true);
            }}
          >
            Add Relationship
          </button>
        </p>
      )}
    </>
  );
}

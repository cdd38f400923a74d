// Add Relationship for a remote schema's type (create_remote_schema_remote_relationship): from an
// object type of the schema to a table of a database (to_source, joined by fields → columns) or
// to a root field of a remote schema (to_remote_schema, the type's fields passed as arguments).
// The call is shown as it will be sent before it is.
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { IntrospectionSchema } from 'graphql';

import { metadataRequest } from '../../api';
import type { MetadataCommand } from '../../api';
import { ColumnMapping, mappingProblem, pairsToMapping } from '../../components/ColumnMapping';
import type { ColumnPair } from '../../components/ColumnMapping';
import { TargetPicker } from '../../components/TargetPicker';
import type { TargetOption } from '../../components/TargetPicker';
import { ErrorMessage, JsonBlock } from '../../components';
import { qualifiedName } from '../../metadata';
import type { Metadata, TableName } from '../../metadata';
import { fetchTableInfo, useLoaded } from '../data/catalog';
import {
  findObjectType,
  joinableFields,
  queryFields,
  relationshipSourceTypes,
  typeRefText,
  useRemoteIntrospection,
} from './introspection';
import { SelectField } from './SelectField';

type Target =
  | { kind: 'table'; source: string; sourceKind: string; table: TableName }
  | { kind: 'remote_schema'; name: string };

function targetOptions(metadata: Metadata | null): TargetOption<Target>[] {
  const options: TargetOption<Target>[] = [];
  for (const source of metadata?.sources ?? []) {
    for (const entry of source.tables) {
      const table = qualifiedName(entry.table);
      options.push({
        key: `table:${JSON.stringify([source.name, table.schema, table.name])}`,
        label: `${source.name} / ${table.schema}.${table.name}`,
        value: { kind: 'table', source: source.name, sourceKind: source.kind, table },
        note: source.kind,
      });
    }
  }
  for (const schema of metadata?.remote_schemas ?? []) {
    options.push({
      key: `remote_schema:${schema.name}`,
      label: `remote schema ${schema.name}`,
      value: { kind: 'remote_schema', name: schema.name },
    });
  }
  return options;
}

export function AddRemoteRelationshipForm({
  remoteSchema,
  schema,
  metadata,
  onCreated,
  onCancel,
}: {
  remoteSchema: string;
  schema: IntrospectionSchema;
  metadata: Metadata | null;
  onCreated: (name: string) => Promise<void>;
  onCancel: () => void;
}) {
  const types = relationshipSourceTypes(schema);
  const [typeName, setTypeName] = useState(types[0]?.name ?? '');
  const [name, setName] = useState('');
  const [targetKey, setTargetKey] = useState<string | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [relationshipType, setRelationshipType] = useState<'object' | 'array'>('object');
  const [pairs, setPairs] = useState<ColumnPair[]>([['', '']]);
  const [remoteField, setRemoteField] = useState('');
  const [argumentFields, setArgumentFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const options = useMemo(() => targetOptions(metadata), [metadata]);
  const fields = joinableFields(findObjectType(schema, typeName)).map((field) => field.name);

  // The target table's columns, for the mapping's right side.
  const tableKey = target?.kind === 'table' ? JSON.stringify([target.source, target.table]) : null;
  const tableInfo = useLoaded(tableKey, () =>
    target?.kind === 'table'
      ? fetchTableInfo(target.source, target.table, target.sourceKind)
      : Promise.reject(new Error('no table')),
  );
  const columns = tableInfo.data?.columns.map((column) => column.name) ?? null;

  // The target remote schema's root fields, for to_remote_schema.
  const targetSchema = useRemoteIntrospection(
    target?.kind === 'remote_schema' ? target.name : null,
  );
  const rootFields = targetSchema.schema !== null ? queryFields(targetSchema.schema) : [];
  const chosenRootField = rootFields.find((field) => field.name === remoteField);

  function definition(): object | null {
    if (target === null) return null;
    if (target.kind === 'table') {
      return {
        to_source: {
          source: target.source,
          table: { schema: target.table.schema, name: target.table.name },
          relationship_type: relationshipType,
          field_mapping: pairsToMapping(pairs),
        },
      };
    }
    const bound = Object.entries(argumentFields).filter(([, field]) => field !== '');
    const lhsFields = [...new Set(bound.map(([, field]) => field))];
    const argumentsOf = Object.fromEntries(
      bound.map(([argument, field]) => [argument, `$${field}`]),
    );
    return {
      to_remote_schema: {
        remote_schema: target.name,
        lhs_fields: lhsFields,
        remote_field: remoteField === '' ? {} : { [remoteField]: { arguments: argumentsOf } },
      },
    };
  }

  const command: MetadataCommand = {
    type: 'create_remote_schema_remote_relationship',
    args: {
      remote_schema: remoteSchema,
      type_name: typeName,
      name: name.trim(),
      definition: definition(),
    },
  };

  function problem(): string | null {
    if (typeName === '') return 'Choose the type the relationship starts from.';
    if (name.trim() === '') return 'Give the relationship a name.';
    if (target === null) return 'Choose what the relationship reaches (To Reference).';
    if (target.kind === 'table') return mappingProblem(pairs);
    if (remoteField === '') return 'Choose the remote field the relationship calls.';
    if (!Object.values(argumentFields).some((field) => field !== '')) {
      return 'Pass at least one field of the type as an argument of the remote field.';
    }
    return null;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const why = problem();
    if (why !== null) {
      setError(new Error(why));
      return;
    }
    setBusy(true);
    try {
      await metadataRequest(command);
      await onCreated(name.trim());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card remote-relationship-form"
      onSubmit={submit}
      aria-labelledby="add-relationship-title"
    >
      <h2 id="add-relationship-title">Add a relationship</h2>
      <div className="row">
        <SelectField
          label="Type"
          value={typeName}
          onChange={(value) => {
            setTypeName(value);
            setPairs([['', '']]);
            setArgumentFields({});
          }}
        >
          {types.length === 0 ? <option value="">No object types</option> : null}
          {types.map((type) => (
            <option key={type.name} value={type.name}>
              {type.name}
            </option>
          ))}
        </SelectField>
        <label>
          Relationship name
          <input type="text" value={name} onChange={(event) => setName(event.target.value)} />
        </label>
      </div>
      <TargetPicker<Target>
        label="To Reference"
        listLabel="Tables and remote schemas"
        options={options}
        selected={targetKey}
        onSelect={(option) => {
          setTargetKey(option.key);
          setTarget(option.value);
          setPairs([['', '']]);
          setRemoteField('');
          setArgumentFields({});
        }}
      />
      {target?.kind === 'table' ? (
        <>
          <SelectField
            label="Relationship type"
            value={relationshipType}
            onChange={(value) => setRelationshipType(value === 'array' ? 'array' : 'object')}
          >
            <option value="object">Object (one row)</option>
            <option value="array">Array (many rows)</option>
          </SelectField>
          <ErrorMessage error={tableInfo.error} />
          <ColumnMapping
            pairs={pairs}
            onChange={setPairs}
            sourceColumns={fields}
            referenceColumns={columns}
            sourceLabel="Field"
            referenceLabel="Reference column"
          />
        </>
      ) : null}
      {target?.kind === 'remote_schema' ? (
        <>
          <ErrorMessage error={targetSchema.error} />
          <SelectField
            label="Remote field"
            value={remoteField}
            onChange={(value) => {
              setRemoteField(value);
              setArgumentFields({});
            }}
          >
            <option value="">{targetSchema.loading ? 'Loading…' : 'Choose a field'}</option>
            {rootFields.map((field) => (
              <option key={field.name} value={field.name}>
                {field.name}: {typeRefText(field.type)}
              </option>
            ))}
          </SelectField>
          {chosenRootField?.args.map((argument) => (
            <SelectField
              key={argument.name}
              label={`Argument ${argument.name} (${typeRefText(argument.type)})`}
              value={argumentFields[argument.name] ?? ''}
              onChange={(value) => setArgumentFields({ ...argumentFields, [argument.name]: value })}
            >
              <option value="">Not passed</option>
              {fields.map((field) => (
                <option key={field} value={field}>
                  ${field}
                </option>
              ))}
            </SelectField>
          ))}
        </>
      ) : null}
      <h3>Metadata call</h3>
      <JsonBlock label="Metadata call preview" value={command} />
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Create Relationship
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// Add Relationship for a remote schema's type (create_remote_schema_remote_relationship): from an
// object type of the schema to a table of a database (to_source, joined by fields → columns) or
// to a root field of a remote schema (to_remote_schema, the type's fields passed as arguments).
// The call is shown as it will be sent before it is.
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { IntrospectionSchema } from 'graphql';

import { metadataRequest } from '../../api';
import type { MetadataCommand } from '../../api';
import { ErrorMessage, MetadataCallPreview, SelectField } from '../../components';
import { ColumnMapping, mappingProblem, pairsToMapping } from '../../components/ColumnMapping';
import type { ColumnPair } from '../../components/ColumnMapping';
import { TargetPicker } from '../../components/TargetPicker';
import { useAction } from '../../hooks';
import { findSource } from '../../metadata';
import type { Metadata } from '../../metadata';
import { useTableInfo } from '../data/catalog';
import { tableArg, targetKey, targetOptions } from '../data/relationships';
import type { Target } from '../data/relationships';
import {
  findObjectType,
  joinableFields,
  queryFields,
  relationshipSourceTypes,
  typeRefText,
  useRemoteIntrospection,
} from './introspection';

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
  const [target, setTarget] = useState<Target | null>(null);
  const [relationshipType, setRelationshipType] = useState<'object' | 'array'>('object');
  const [pairs, setPairs] = useState<ColumnPair[]>([['', '']]);
  const [remoteField, setRemoteField] = useState('');
  const [argumentFields, setArgumentFields] = useState<Record<string, string>>({});
  const { busy, error, run, setError } = useAction();

  const options = useMemo(() => targetOptions(metadata), [metadata]);
  const fields = joinableFields(findObjectType(schema, typeName)).map((field) => field.name);

  // The target table's columns, for the mapping's right side.
  const tableTarget = target?.kind === 'table' ? target : null;
  const tableInfo = useTableInfo(
    tableTarget === null ? null : (findSource(metadata, tableTarget.source) ?? null),
    tableTarget?.table ?? null,
  );
  const columns = tableInfo.data?.columns.map((column) => column.name) ?? null;

  // The target remote schema's root fields, for to_remote_schema.
  const targetSchema = useRemoteIntrospection(
    target?.kind === 'remote_schema' ? target.name : null,
  );
  const rootFields = targetSchema.data !== null ? queryFields(targetSchema.data) : [];
  const chosenRootField = rootFields.find((field) => field.name === remoteField);

  function definition(): object | null {
    if (target === null) return null;
    if (target.kind === 'table') {
      return {
        to_source: {
          source: target.source,
          table: tableArg(target.table),
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

  function submit(event: FormEvent) {
    event.preventDefault();
    const why = problem();
    if (why !== null) {
      setError(new Error(why));
      return;
    }
    void run(async () => {
      await metadataRequest(command);
      await onCreated(name.trim());
    });
  }

  return (
    <form
      className="card remote-relationship-form"
      onSubmit={submit}
      aria-labelledby="add-relationship-title"
    >
      <h2 id="add-relationship-title">Add Relationship</h2>
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
        selected={target === null ? null : targetKey(target)}
        onSelect={(option) => {
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
      <MetadataCallPreview command={command} />
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

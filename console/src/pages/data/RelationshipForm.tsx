// The form that adds or edits one relationship of a table: its name and type, what it points to
// (any table of any source, or a remote schema: TargetPicker), how the two sides join
// (ColumnMapping, or join fields and a remote field for a remote schema), and a preview of the
// exact metadata call the submit button sends. The engine's refusal is shown in the form, which
// stays filled so it can be corrected.
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';

import { describeError, metadataRequest } from '../../api';
import {
  ErrorMessage,
  JsonObjectField,
  MetadataCallPreview,
  parseJsonObject,
  SelectField,
} from '../../components';
import {
  ColumnMapping,
  mappingProblem,
  mappingToPairs,
  pairsToMapping,
} from '../../components/ColumnMapping';
import type { ColumnPair } from '../../components/ColumnMapping';
import { TargetPicker } from '../../components/TargetPicker';
import { useAction, useLoaded } from '../../hooks';
import { findSource, findTable, useMetadata } from '../../metadata';
import type { TableName } from '../../metadata';
import { fetchSourceTables, servableSources, useTableInfo } from './catalog';
import { isLocal, saveCommand, targetKey, targetLabel, targetOptions } from './relationships';
import type { RelationshipRow, Target } from './relationships';
import type { TableContext } from './TablePage';

const REMOTE_FIELD_EXAMPLE = '{"user": {"arguments": {"id": "$user_id"}}}';

function parseRemoteField(text: string): { value: unknown; problem: string | null } {
  if (text.trim() === '') return { value: null, problem: 'Write the remote field to join to.' };
  return parseJsonObject(text, 'Remote field');
}

export function RelationshipForm({
  context,
  original,
  onDone,
}: {
  context: TableContext;
  original: RelationshipRow | null;
  onDone: () => void;
}) {
  const { metadata, inconsistencies, refresh } = useMetadata();
  const { source, location, info } = context;

  const [name, setName] = useState(original?.name ?? '');
  const [type, setType] = useState<'object' | 'array'>(
    original?.kind === 'Array' || original?.kind === 'Remote array' ? 'array' : 'object',
  );
  const [target, setTarget] = useState<Target | null>(original?.target ?? null);
  const [pairs, setPairs] = useState<ColumnPair[]>(mappingToPairs(original?.mapping));
  const [joinFields, setJoinFields] = useState<string[]>(original?.lhsFields ?? []);
  const [remoteFieldText, setRemoteFieldText] = useState(
    original?.remoteField !== null && original?.remoteField !== undefined
      ? JSON.stringify(original.remoteField, null, 2)
      : '',
  );
  const { busy, error, run } = useAction();

  // The databases' untracked tables, from every source the engine can serve.
  const listable = servableSources(metadata, inconsistencies);
  const untracked = useLoaded(
    JSON.stringify(listable.map((entry) => [entry.name, entry.kind])),
    async () => {
      const answers = await Promise.allSettled(listable.map(fetchSourceTables));
      const tables = new Map<string, TableName[]>();
      const failures: string[] = [];
      answers.forEach((answer, index) => {
        const sourceName = listable[index].name;
        if (answer.status === 'fulfilled') tables.set(sourceName, answer.value);
        else failures.push(`${sourceName} (${describeError(answer.reason)})`);
      });
      return { tables, failures };
    },
  );
  const options = useMemo(
    () => targetOptions(metadata, source.name, untracked.data?.tables ?? new Map()),
    [metadata, source.name, untracked.data],
  );
  const pickerStatus = untracked.loading
    ? 'Listing the untracked tables…'
    : untracked.data !== null && untracked.data.failures.length > 0
      ? `Untracked tables not listed for: ${untracked.data.failures.join('; ')}`
      : undefined;

  const tableTarget = target?.kind === 'table' ? target : null;
  const farSource = tableTarget === null ? undefined : findSource(metadata, tableTarget.source);
  const targetTracked =
    tableTarget === null || findTable(farSource, tableTarget.table) !== undefined;
  const farInfo = useTableInfo(farSource ?? null, tableTarget?.table ?? null);
  const sourceColumns = info.data?.columns.map((column) => column.name) ?? null;
  const referenceColumns = farInfo.data?.columns.map((column) => column.name) ?? null;

  const remoteField = parseRemoteField(remoteFieldText);
  const draft = {
    name: name.trim(),
    type,
    target,
    mapping: pairsToMapping(pairs),
    lhsFields: joinFields,
    remoteField: remoteField.value,
  };
  const command = saveCommand(draft, location, original);

  let problem: string | null = null;
  if (draft.name === '') problem = 'Name the relationship.';
  else if (target === null) problem = 'Choose what the relationship points to.';
  else if (target.kind === 'table') problem = mappingProblem(pairs);
  else if (remoteField.problem !== null) problem = remoteField.problem;
  const jsonError =
    target?.kind === 'remote_schema' && remoteFieldText.trim() !== '' ? remoteField.problem : null;

  function pickTarget(next: Target) {
    if (target !== null && targetKey(target) === targetKey(next)) return;
    setTarget(next);
    // The reference columns belonged to the previous target.
    setPairs((current) => current.map(([from]): ColumnPair => [from, '']));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (problem !== null) return;
    const saved = await run(async () => {
      await metadataRequest(command);
      await refresh();
    });
    if (saved) onDone();
  }

  const editing = original !== null;
  const titleId = 'relationship-form-title';
  return (
    <form className="card form relationship-form" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>{editing ? `Edit Relationship ${original.name}` : 'Add Relationship'}</h2>
      <div className="row">
        <label>
          Relationship name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoFocus={!editing}
            placeholder="user"
          />
        </label>
        <SelectField
          label="Relationship type"
          value={type}
          disabled={target?.kind === 'remote_schema'}
          onChange={(value) => setType(value === 'array' ? 'array' : 'object')}
        >
          <option value="object">Object</option>
          <option value="array">Array</option>
        </SelectField>
      </div>
      <TargetPicker
        options={options}
        selected={target === null ? null : targetKey(target)}
        selectedLabel={target === null ? undefined : targetLabel(target)}
        onSelect={(option) => pickTarget(option.value)}
        status={pickerStatus}
      />
      {target === null ? null : target.kind === 'table' ? (
        <fieldset className="mapping">
          <legend>Column mapping</legend>
          <p className="muted">
            {isLocal(draft, location)
              ? 'A table of this database: an object or array relationship.'
              : 'A table of another database: a remote relationship.'}
            {targetTracked ? null : ' The engine joins only tracked tables: track this one first.'}
          </p>
          <ErrorMessage error={info.error} />
          <ErrorMessage error={farInfo.error} />
          <ColumnMapping
            pairs={pairs}
            onChange={setPairs}
            sourceColumns={sourceColumns}
            referenceColumns={referenceColumns}
          />
        </fieldset>
      ) : (
        <RemoteSchemaJoin
          columns={sourceColumns}
          columnsError={info.error}
          joinFields={joinFields}
          setJoinFields={setJoinFields}
          remoteFieldText={remoteFieldText}
          setRemoteFieldText={setRemoteFieldText}
          jsonError={jsonError}
        />
      )}
      <MetadataCallPreview command={command} />
      <ErrorMessage error={error} />
      {problem !== null && jsonError === null ? <p className="muted form-hint">{problem}</p> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || problem !== null}>
          {editing ? 'Save Relationship' : 'Create Relationship'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// A remote schema join: which of the row's columns the remote field's arguments use ($column),
// and the remote field itself as JSON.
function RemoteSchemaJoin({
  columns,
  columnsError,
  joinFields,
  setJoinFields,
  remoteFieldText,
  setRemoteFieldText,
  jsonError,
}: {
  columns: string[] | null;
  columnsError: unknown;
  joinFields: string[];
  setJoinFields: (fields: string[]) => void;
  remoteFieldText: string;
  setRemoteFieldText: (text: string) => void;
  jsonError: string | null;
}) {
  // Fields named by the metadata but missing from the table stay listed, so they can be unticked.
  const choices = [...(columns ?? []), ...joinFields.filter((field) => !columns?.includes(field))];
  return (
    <>
      <fieldset className="join-fields">
        <legend>Join fields</legend>
        <ErrorMessage error={columnsError} />
        {choices.length === 0 ? <p className="muted">Reading the table’s columns…</p> : null}
        {choices.map((column) => (
          <label className="checkbox" key={column}>
            <input
              type="checkbox"
              checked={joinFields.includes(column)}
              onChange={(event) =>
                setJoinFields(
                  event.target.checked
                    ? [...joinFields, column]
                    : joinFields.filter((field) => field !== column),
                )
              }
            />
            {column}
          </label>
        ))}
      </fieldset>
      <JsonObjectField
        label="Remote field"
        text={remoteFieldText}
        onChange={setRemoteFieldText}
        placeholder={REMOTE_FIELD_EXAMPLE}
        problem={jsonError}
      />
    </>
  );
}

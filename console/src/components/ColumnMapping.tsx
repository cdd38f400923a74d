// The pairs of a join: each row maps a column (or field) of the side the relationship starts from
// to one of the side it reaches, as Hasura's column_mapping and field_mapping write them
// ({"user_id": "id"}). It knows nothing of tables: the caller gives each side's column names, or
// null when they are not known, in which case the names are typed.
import { Field, SelectField } from '../components';

export type ColumnPair = [string, string];

export function mappingToPairs(mapping: Record<string, string> | undefined): ColumnPair[] {
  const pairs = Object.entries(mapping ?? {});
  return pairs.length === 0 ? [['', '']] : pairs;
}

// The pairs as a mapping; rows with an empty side are left out (see incompletePairs).
export function pairsToMapping(pairs: ColumnPair[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const [from, to] of pairs) {
    if (from !== '' && to !== '') mapping[from] = to;
  }
  return mapping;
}

// Why the pairs cannot be sent yet, or null when they can.
export function mappingProblem(pairs: ColumnPair[]): string | null {
  if (pairs.length === 0 || pairs.every(([from, to]) => from === '' && to === '')) {
    return 'Choose at least one pair of columns.';
  }
  if (pairs.some(([from, to]) => from === '' || to === '')) {
    return 'Every pair needs a column on both sides.';
  }
  const froms = pairs.map(([from]) => from);
  if (new Set(froms).size !== froms.length) return 'A source column appears in two pairs.';
  return null;
}

function ColumnChoice({
  label,
  value,
  columns,
  onChange,
}: {
  label: string;
  value: string;
  columns: string[] | null;
  onChange: (value: string) => void;
}) {
  // Tied to its label by id either way, as every select is (components.tsx's Field).
  if (columns === null) {
    return (
      <Field label={label}>
        {(id) => <input id={id} value={value} onChange={(event) => onChange(event.target.value)} />}
      </Field>
    );
  }
  // A column the mapping names but the list lacks (renamed since) stays visible and choosable.
  const choices = value !== '' && !columns.includes(value) ? [...columns, value] : columns;
  return (
    <SelectField label={label} value={value} onChange={onChange}>
      <option value="">Choose a column</option>
      {choices.map((column) => (
        <option key={column} value={column}>
          {column}
        </option>
      ))}
    </SelectField>
  );
}

export function ColumnMapping({
  pairs,
  onChange,
  sourceColumns,
  referenceColumns,
  sourceLabel = 'Source column',
  referenceLabel = 'Reference column',
}: {
  pairs: ColumnPair[];
  onChange: (pairs: ColumnPair[]) => void;
  sourceColumns: string[] | null;
  referenceColumns: string[] | null;
  // Each row's controls are named "<label> N", N counting from 1.
  sourceLabel?: string;
  referenceLabel?: string;
}) {
  function update(index: number, side: 0 | 1, value: string) {
    onChange(
      pairs.map((pair, at): ColumnPair => {
        if (at !== index) return pair;
        return side === 0 ? [value, pair[1]] : [pair[0], value];
      }),
    );
  }

  return (
    <div className="column-mapping">
      {pairs.map((pair, index) => (
        <div className="row mapping-row" key={index}>
          <ColumnChoice
            label={`${sourceLabel} ${index + 1}`}
            value={pair[0]}
            columns={sourceColumns}
            onChange={(value) => update(index, 0, value)}
          />
          <span className="mapping-arrow" aria-hidden="true">
            →
          </span>
          <ColumnChoice
            label={`${referenceLabel} ${index + 1}`}
            value={pair[1]}
            columns={referenceColumns}
            onChange={(value) => update(index, 1, value)}
          />
          <button
            type="button"
            aria-label={`Remove pair ${index + 1}`}
            onClick={() => onChange(pairs.filter((_, at) => at !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...pairs, ['', '']])}>
        Add column pair
      </button>
    </div>
  );
}

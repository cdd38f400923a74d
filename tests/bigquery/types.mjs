// BigQuery types as the test double models them, and their DuckDB counterparts.
// A type is {name} for a scalar (INT64, FLOAT64, NUMERIC, BIGNUMERIC, BOOL, STRING, BYTES, DATE,
// DATETIME, TIME, TIMESTAMP, JSON, INTERVAL, GEOGRAPHY), {name: 'ARRAY', of} or
// {name: 'STRUCT', fields: [{name, type}]}; null stands for a type the translator does not know.

import { QueryError, at } from './parse.mjs';

export const SCALARS = ['INT64', 'FLOAT64', 'NUMERIC', 'BIGNUMERIC', 'BOOL', 'STRING', 'BYTES', 'DATE',
  'DATETIME', 'TIME', 'TIMESTAMP', 'JSON', 'INTERVAL', 'GEOGRAPHY'];

export const T = Object.fromEntries(SCALARS.map((n) => [n, Object.freeze({ name: n })]));

export const arrayOf = (of) => ({ name: 'ARRAY', of });
export const structOf = (fields) => ({ name: 'STRUCT', fields });

export const isNumeric = (t) => !!t && ['INT64', 'FLOAT64', 'NUMERIC', 'BIGNUMERIC'].includes(t.name);
export const is = (t, ...names) => !!t && names.includes(t.name);

// NUMERIC is DECIMAL(38, 9) in BigQuery and in the double alike.
const DUCK_SCALAR = { INT64: 'BIGINT', FLOAT64: 'DOUBLE', NUMERIC: 'DECIMAL(38,9)', BOOL: 'BOOLEAN',
  STRING: 'VARCHAR', BYTES: 'BLOB', DATE: 'DATE', DATETIME: 'TIMESTAMP', TIME: 'TIME',
  TIMESTAMP: 'TIMESTAMPTZ', JSON: 'JSON', INTERVAL: 'INTERVAL' };

export function quoteIdent(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

export function quoteString(s) {
  if (s.includes('\0')) throw new QueryError('Not supported by the BigQuery test double: NUL characters in strings');
  return `'${s.replace(/'/g, "''")}'`;
}

// The DuckDB type a BigQuery type lives in.
export function duckTypeSql(t) {
  if (t.name === 'ARRAY') {
    if (t.of.name === 'ARRAY') throw new QueryError('Cannot construct array with element type ARRAY: nested arrays are not supported');
    return `${duckTypeSql(t.of)}[]`;
  }
  if (t.name === 'STRUCT') {
    if (t.fields.some((f) => !f.name)) {
      throw new QueryError('Not supported by the BigQuery test double: STRUCT types with unnamed fields');
    }
    return `STRUCT(${t.fields.map((f) => `${quoteIdent(f.name)} ${duckTypeSql(f.type)}`).join(', ')})`;
  }
  const d = DUCK_SCALAR[t.name];
  if (!d) throw new QueryError(`Not supported by the BigQuery test double: type ${t.name}`);
  return d;
}

// BigQuery's text for a type, as INFORMATION_SCHEMA.COLUMNS.data_type spells it.
export function typeText(t) {
  if (t.name === 'ARRAY') return `ARRAY<${typeText(t.of)}>`;
  if (t.name === 'STRUCT') return `STRUCT<${t.fields.map((f) => `${f.name} ${typeText(f.type)}`).join(', ')}>`;
  return t.name;
}

export function sameType(a, b) {
  if (!a || !b || a.name !== b.name) return false;
  if (a.name === 'ARRAY') return sameType(a.of, b.of);
  if (a.name === 'STRUCT') {
    return a.fields.length === b.fields.length &&
      a.fields.every((f, i) => sameType(f.type, b.fields[i].type));
  }
  return true;
}

// The common supertype of two types, or null when there is none: numbers widen, STRUCTs and
// ARRAYs field- or element-wise (a field a NULL literal made takes the other side's type).
function supertype2(a, b) {
  if (sameType(a, b)) return a;
  if (isNumeric(a) && isNumeric(b)) {
    const rank = { INT64: 0, NUMERIC: 1, BIGNUMERIC: 2, FLOAT64: 3 };
    return rank[b.name] > rank[a.name] ? b : a;
  }
  if (a.name === 'ARRAY' && b.name === 'ARRAY') {
    const of = supertype2(a.of, b.of);
    return of ? arrayOf(of) : null;
  }
  if (a.name === 'STRUCT' && b.name === 'STRUCT' && a.fields.length === b.fields.length) {
    const fields = [];
    for (const [i, f] of a.fields.entries()) {
      const g = b.fields[i];
      if (f.nullLit) fields.push({ name: f.name, type: g.type, nullLit: g.nullLit });
      else if (g.nullLit) fields.push(f);
      else {
        const t = supertype2(f.type, g.type);
        if (!t) return null;
        fields.push({ name: f.name, type: t });
      }
    }
    return structOf(fields);
  }
  return null;
}

// The common supertype of expressions (CASE branches, COALESCE, array elements, set operations),
// or null when unknown or when there is none.
export function supertype(types) {
  if (!types.length || types.some((t) => !t)) return null;
  let acc = types[0];
  for (const t of types.slice(1)) {
    acc = supertype2(acc, t);
    if (!acc) return null;
  }
  return acc;
}

// DuckDB's type (a DuckDBType from @duckdb/node-api) → BigQuery type; null for a type BigQuery
// has no counterpart for.
export function bqTypeFromDuck(dt) {
  const id = dt.typeId;
  // Type ids of @duckdb/node-api's DuckDBTypeId.
  switch (id) {
    case 2: case 3: case 4: case 5: case 6: case 7: case 8: case 9: case 16: case 32:
      return T.INT64;
    case 10: case 11:
      return T.FLOAT64;
    case 19:
      return dt.scale > 9 ? T.BIGNUMERIC : T.NUMERIC;
    case 1:
      return T.BOOL;
    case 17:
      return dt.alias === 'JSON' ? T.JSON : T.STRING;
    case 18:
      return T.BYTES;
    case 13:
      return T.DATE;
    case 12:
      return T.DATETIME;
    case 31:
      return T.TIMESTAMP;
    case 14:
      return T.TIME;
    case 15:
      return T.INTERVAL;
    case 24:
    case 33: {
      const of = bqTypeFromDuck(dt.valueType);
      return of ? arrayOf(of) : null;
    }
    case 25: {
      const fields = dt.entryNames.map((name, i) => ({ name, type: bqTypeFromDuck(dt.entryTypes[i]) }));
      return fields.every((f) => f.type) ? structOf(fields) : null;
    }
    case 36:
      return null; // SQLNULL: typed by the caller
    default:
      return null;
  }
}

export function resultType(results, pos) {
  const nonNull = results.filter((r) => !r.isNull);
  if (!nonNull.length) return null;
  const t = supertype(nonNull.map((r) => r.type));
  if (!t && nonNull.every((r) => r.type)) {
    throw new QueryError(`No common supertype for ${nonNull.map((r) => r.type.name).join(', ')}${at(pos)}`);
  }
  return t;
}

export function typeFromAst(t) {
  if (t.name === 'ARRAY') return arrayOf(typeFromAst(t.of));
  if (t.name === 'STRUCT') return structOf(t.fields.map((f) => ({ name: f.name, type: typeFromAst(f.type) })));
  if (!T[t.name]) throw new QueryError(`Type not found: ${t.name}${at(t.pos)}`);
  return T[t.name];
}

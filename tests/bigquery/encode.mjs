// DuckDB results → BigQuery's REST wire format (BIGQUERY.md §1.4): schema fields with legacy type
// names (INTEGER, FLOAT, BOOLEAN, RECORD) and modes, rows as {"f": [{"v": …}]} with every scalar a
// string, RECORDs nested as {"f": …}, REPEATED values as lists of {"v": …}, NULL arrays as [],
// TIMESTAMP as integer microseconds (formatOptions.useInt64Timestamp) or float seconds.

import { QueryError } from './parse.mjs';

const LEGACY = { 2: 'INTEGER', 3: 'INTEGER', 4: 'INTEGER', 5: 'INTEGER', 6: 'INTEGER', 7: 'INTEGER', 8: 'INTEGER',
  9: 'INTEGER', 16: 'INTEGER', 32: 'INTEGER', 10: 'FLOAT', 11: 'FLOAT', 1: 'BOOLEAN', 18: 'BYTES', 13: 'DATE',
  12: 'DATETIME', 31: 'TIMESTAMP', 14: 'TIME', 36: 'INTEGER' };

const isList = (t) => t.typeId === 24 || t.typeId === 33;

function legacyType(t) {
  if (t.typeId === 17) return t.alias === 'JSON' ? 'JSON' : 'STRING';
  if (t.typeId === 19) return t.scale > 9 ? 'BIGNUMERIC' : 'NUMERIC';
  if (t.typeId === 25) return 'RECORD';
  const name = LEGACY[t.typeId];
  if (!name) throw new QueryError(`Not supported by the BigQuery test double: a result column of DuckDB type ${t.toString()}`);
  return name;
}

const BQ_LEGACY = { INT64: 'INTEGER', FLOAT64: 'FLOAT', BOOL: 'BOOLEAN', STRUCT: 'RECORD' };

// A field from the translator's BigQuery type: for values DuckDB typed as NULL.
function fieldFromBq(name, bq) {
  const repeated = bq.name === 'ARRAY';
  const elem = repeated ? bq.of : bq;
  const field = { name, type: BQ_LEGACY[elem.name] || elem.name, mode: repeated ? 'REPEATED' : 'NULLABLE' };
  if (elem.name === 'STRUCT') field.fields = elem.fields.map((f) => fieldFromBq(f.name, f.type));
  return field;
}

// One schema field for a result column (or a RECORD's member). hint: the translator's BigQuery
// type, if known, which names the type of a column DuckDB only knows as NULL.
export function schemaField(name, t, hint = null) {
  if (t.typeId === 36 && hint) return fieldFromBq(name, hint);
  let mode = 'NULLABLE';
  let elem = t;
  let elemHint = hint;
  if (isList(t)) {
    mode = 'REPEATED';
    elem = t.valueType;
    elemHint = hint && hint.name === 'ARRAY' ? hint.of : null;
    if (isList(elem)) throw new QueryError(`Cannot return an ARRAY of ARRAYs (column ${name}): nested arrays are not supported`);
  }
  if (elem.typeId === 36 && elemHint) return { ...fieldFromBq(name, elemHint), mode };
  const field = { name, type: legacyType(elem), mode };
  if (elem.typeId === 25) {
    const hints = elemHint && elemHint.name === 'STRUCT' ? elemHint.fields : [];
    field.fields = elem.entryNames.map((n, i) => schemaField(n, elem.entryTypes[i], hints[i]?.type ?? null));
  }
  return field;
}

// Java's Double.toString spelling (shortest round-trip digits, E notation outside [1e-3, 1e7)),
// which BigQuery's REST answers show for FLOAT64 and for float-second TIMESTAMPs.
export function formatFloat(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  let [m, e] = x.toExponential().split('e');
  if (!m.includes('.')) m += '.0';
  return `${m}E${Number(e)}`;
}

function decimalText(v) {
  // DuckDBDecimalValue: value (bigint) scaled by 10^scale; BigQuery prints the shortest exact form.
  const neg = v.value < 0n;
  let digits = (neg ? -v.value : v.value).toString().padStart(v.scale + 1, '0');
  let out = v.scale ? `${digits.slice(0, -v.scale)}.${digits.slice(-v.scale)}` : digits;
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  return (neg && out !== '0' ? '-' : '') + out;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

function dateText(days) {
  const d = new Date(Number(days) * 86400000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

// ZetaSQL prints sub-second digits in groups of three: none, milliseconds or microseconds.
function fraction(us) {
  if (us === 0n) return '';
  const s = pad(us, 6);
  return s.endsWith('000') ? `.${s.slice(0, 3)}` : `.${s}`;
}

function timeText(micros) {
  const sec = micros / 1000000n;
  return `${pad(sec / 3600n)}:${pad((sec / 60n) % 60n)}:${pad(sec % 60n)}${fraction(micros % 1000000n)}`;
}

function floorDiv(a, b) {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

function datetimeText(micros) {
  const days = floorDiv(micros, 86400000000n);
  const rest = micros - days * 86400000000n;
  return `${dateText(days)}T${timeText(rest)}`;
}

// JSON text without insignificant whitespace; numbers and strings keep their exact text.
function minifyJson(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!' \t\n\r'.includes(c)) {
      out += c;
    }
  }
  return out;
}

const INT64_MIN = -9223372036854775808n;
const INT64_MAX = 9223372036854775807n;

// One cell value: what goes in {"v": …}. name: the field, for the NULL-element error.
function cell(v, t, name, opts) {
  if (isList(t)) {
    // A NULL array is written as an empty one.
    if (v === null) return [];
    return v.items.map((item) => {
      if (item === null) throw new QueryError(`Array cannot have a null element; error in writing field ${name}`);
      return { v: cell(item, t.valueType, name, opts) };
    });
  }
  if (v === null) return null;
  switch (t.typeId) {
    case 1:
      return v ? 'true' : 'false';
    case 2: case 3: case 4: case 5: case 6: case 7: case 8: case 9: case 16: case 32: {
      const b = BigInt(v);
      if (b < INT64_MIN || b > INT64_MAX) throw new QueryError(`Int64 overflow: ${b}`);
      return b.toString();
    }
    case 36:
      return null;
    case 10: case 11:
      return formatFloat(v);
    case 19:
      return decimalText(v);
    case 17:
      return t.alias === 'JSON' ? minifyJson(v) : v;
    case 18:
      return Buffer.from(v.bytes).toString('base64');
    case 13:
      return dateText(v.days);
    case 12:
      return datetimeText(v.micros);
    case 31:
      return opts.useInt64Timestamp ? v.micros.toString() : formatFloat(Number(v.micros) / 1e6);
    case 14:
      return timeText(v.micros);
    case 25:
      return { f: t.entryNames.map((n, i) => ({ v: cell(v.entries[n], t.entryTypes[i], n, opts) })) };
    default:
      throw new QueryError(`Not supported by the BigQuery test double: a result value of DuckDB type ${t.toString()}`);
  }
}

// names: the BigQuery column names; types: DuckDB's column types; rows: DuckDB values per row.
// hints: the translator's BigQuery types of the columns (null where unknown).
export function encodeResult(names, types, rows, opts = {}, hints = []) {
  const fields = names.map((n, i) => schemaField(n, types[i], hints[i] ?? null));
  const encoded = rows.map((row) => ({ f: row.map((v, i) => ({ v: cell(v, types[i], names[i], opts) })) }));
  return { fields, rows: encoded };
}

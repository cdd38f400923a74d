// BigQuery QueryParameter JSON → typed DuckDB values for binding.
//   {"name": "p1", "parameterType": {"type": "ARRAY", "arrayType": {"type": "STRUCT", "structTypes":
//     [{"name": "k0", "type": {"type": "INT64"}}]}}, "parameterValue": {"arrayValues": [
//     {"structValues": {"k0": {"value": "1"}}}]}}
// Every scalar arrives as a string and is checked against BigQuery's accepted forms here, so a
// value BigQuery would refuse ("1.5" for INT64) is refused, not rounded by a DuckDB cast.

import duckdb from '@duckdb/node-api';
import { QueryError } from './parse.mjs';
import { T, arrayOf, structOf } from './types.mjs';

const { BIGINT, DOUBLE, DECIMAL, BOOLEAN, VARCHAR, BLOB, DATE, TIMESTAMP, TIMESTAMPTZ, TIME, LIST, STRUCT,
  decimalValue, blobValue, dateValue, timestampValue, timestampTZValue, timeValue, listValue, structValue } = duckdb;

const TYPE_NAMES = { INT64: 'INT64', INTEGER: 'INT64', FLOAT64: 'FLOAT64', FLOAT: 'FLOAT64', NUMERIC: 'NUMERIC',
  BOOL: 'BOOL', BOOLEAN: 'BOOL', STRING: 'STRING', BYTES: 'BYTES', DATE: 'DATE', DATETIME: 'DATETIME',
  TIME: 'TIME', TIMESTAMP: 'TIMESTAMP', JSON: 'JSON' };

function bad(name, message) {
  return new QueryError(`Invalid value for query parameter ${name}: ${message}`);
}

// A JSON object of a protobuf message as Google's JSON mapping reads it: lowerCamelCase or the
// original snake_case names, nothing else (an unknown name is a 400, as Google answers, so a
// misspelt field is caught rather than ignored). Returns it with lowerCamelCase keys.
export function proto(obj, fields, where) {
  if (obj === undefined || obj === null) return obj;
  if (typeof obj !== 'object' || Array.isArray(obj)) {
    throw new QueryError(`Invalid JSON payload received. Expected an object at '${where}'.`, 400, 'invalid');
  }
  const out = {};
  for (const [k, v] of Object.entries(obj)) {
    const camel = k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    if (!fields.includes(camel)) {
      throw new QueryError(`Invalid JSON payload received. Unknown name "${k}" at '${where}': Cannot find field.`, 400, 'invalid');
    }
    out[camel] = v;
  }
  return out;
}

const TYPE_FIELDS = ['type', 'arrayType', 'structTypes', 'rangeElementType', 'timestampPrecision'];
const VALUE_FIELDS = ['value', 'arrayValues', 'structValues', 'rangeValue'];

export function paramType(ptIn, name) {
  const pt = proto(ptIn, TYPE_FIELDS, 'query_parameters.parameter_type');
  if (!pt || typeof pt.type !== 'string') throw bad(name, 'parameterType.type is required');
  if (pt.rangeElementType) throw new QueryError('Not supported by the BigQuery test double: RANGE query parameters');
  const t = pt.type.toUpperCase();
  if (t === 'ARRAY') {
    const of = paramType(pt.arrayType, name);
    if (of.name === 'ARRAY') throw bad(name, 'arrays of arrays are not supported');
    return arrayOf(of);
  }
  if (t === 'STRUCT' || t === 'RECORD') {
    const fields = (pt.structTypes || []).map((fIn) => {
      const f = proto(fIn, ['name', 'type', 'description'], 'query_parameters.parameter_type.struct_types');
      if (!f.name) throw new QueryError(`Not supported by the BigQuery test double: STRUCT parameter ${name} with unnamed fields`);
      return { name: f.name, type: paramType(f.type, name) };
    });
    if (!fields.length) throw bad(name, 'a STRUCT needs structTypes');
    return structOf(fields);
  }
  if (!TYPE_NAMES[t]) throw new QueryError(`Not supported by the BigQuery test double: query parameters of type ${t}`);
  return T[TYPE_NAMES[t]];
}

export function duckType(t) {
  switch (t.name) {
    case 'INT64': return BIGINT;
    case 'FLOAT64': return DOUBLE;
    case 'NUMERIC': return DECIMAL(38, 9);
    case 'BOOL': return BOOLEAN;
    case 'STRING': case 'JSON': return VARCHAR;
    case 'BYTES': return BLOB;
    case 'DATE': return DATE;
    case 'DATETIME': return TIMESTAMP;
    case 'TIMESTAMP': return TIMESTAMPTZ;
    case 'TIME': return TIME;
    case 'ARRAY': return LIST(duckType(t.of));
    case 'STRUCT': return STRUCT(Object.fromEntries(t.fields.map((f) => [f.name, duckType(f.type)])));
    default: throw new QueryError(`Not supported by the BigQuery test double: query parameters of type ${t.name}`);
  }
}

const DAY_US = 86400000000n;

function civilDays(y, m, d, name, text) {
  // setUTCFullYear, unlike Date.UTC, takes years below 100 literally.
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  if (y < 1 || y > 9999 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    throw bad(name, `invalid date ${JSON.stringify(text)}`);
  }
  return Math.round(dt.getTime() / 86400000);
}

function timeMicros(h, mi, s, frac, name, text) {
  if (h > 23 || mi > 59 || s > 59) throw bad(name, `invalid time ${JSON.stringify(text)}`);
  const us = BigInt((frac || '').padEnd(6, '0') || '0');
  return ((BigInt(h) * 60n + BigInt(mi)) * 60n + BigInt(s)) * 1000000n + us;
}

const DATETIME_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ Tt](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?)?/;

function scalar(t, text, name) {
  switch (t.name) {
    case 'INT64': {
      if (!/^\s*[+-]?\d+\s*$/.test(text)) throw bad(name, `${JSON.stringify(text)} is not an INT64`);
      const v = BigInt(text.trim());
      if (v > 9223372036854775807n || v < -9223372036854775808n) throw bad(name, `${text} is out of range for INT64`);
      return v;
    }
    case 'FLOAT64': {
      const s = text.trim();
      if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
      if (/^[+-]?nan$/i.test(s)) return NaN;
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) throw bad(name, `${JSON.stringify(text)} is not a FLOAT64`);
      return Number(s);
    }
    case 'NUMERIC': {
      const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
      if (!m || (m[2] === '' && !m[3])) throw bad(name, `${JSON.stringify(text)} is not a NUMERIC`);
      const intPart = m[2].replace(/^0+(?=\d)/, '');
      if (intPart.length > 29) throw bad(name, `${text} is out of range for NUMERIC`);
      if ((m[3] || '').length > 9) throw new QueryError(`Not supported by the BigQuery test double: NUMERIC parameter ${name} with more than 9 fractional digits`);
      const scaled = BigInt((intPart || '0') + (m[3] || '').padEnd(9, '0'));
      return decimalValue(m[1] === '-' ? -scaled : scaled, 38, 9);
    }
    case 'BOOL':
      if (/^true$/i.test(text)) return true;
      if (/^false$/i.test(text)) return false;
      throw bad(name, `${JSON.stringify(text)} is not a BOOL`);
    case 'STRING':
      return text;
    case 'JSON':
      try {
        JSON.parse(text);
      } catch {
        throw bad(name, `${JSON.stringify(text)} is not JSON`);
      }
      return text;
    case 'BYTES':
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) throw bad(name, 'BYTES values must be base64');
      return blobValue(Uint8Array.from(Buffer.from(text, 'base64')));
    case 'DATE': {
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
      if (!m) throw bad(name, `${JSON.stringify(text)} is not a DATE`);
      return dateValue(civilDays(+m[1], +m[2], +m[3], name, text));
    }
    case 'TIME': {
      const m = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,6}))?$/.exec(text.trim());
      if (!m) throw bad(name, `${JSON.stringify(text)} is not a TIME`);
      return timeValue(timeMicros(+m[1], +m[2], +m[3], m[4], name, text));
    }
    case 'DATETIME':
    case 'TIMESTAMP': {
      const s = text.trim();
      const m = DATETIME_RE.exec(s);
      if (!m) throw bad(name, `${JSON.stringify(text)} is not a ${t.name}`);
      const rest = s.slice(m[0].length).trim();
      let offsetMin = 0;
      if (rest) {
        if (t.name === 'DATETIME') throw bad(name, `${JSON.stringify(text)} is not a DATETIME`);
        const z = /^(?:Z|UTC|([+-])(\d{1,2})(?::?(\d{2}))?)$/i.exec(rest);
        if (!z) {
          throw new QueryError(`Not supported by the BigQuery test double: TIMESTAMP parameter ${name} with time zone ${JSON.stringify(rest)} (use an offset or UTC)`);
        }
        if (z[1]) offsetMin = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] || 0));
      }
      const days = civilDays(+m[1], +m[2], +m[3], name, text);
      const tod = m[4] === undefined ? 0n : timeMicros(+m[4], +m[5], +(m[6] || 0), m[7], name, text);
      const micros = BigInt(days) * DAY_US + tod - BigInt(offsetMin) * 60000000n;
      return t.name === 'DATETIME' ? timestampValue(micros) : timestampTZValue(micros);
    }
    default:
      throw new QueryError(`Not supported by the BigQuery test double: query parameters of type ${t.name}`);
  }
}

function value(t, pvIn, name) {
  const pv = proto(pvIn, VALUE_FIELDS, 'query_parameters.parameter_value');
  if (t.name === 'ARRAY') {
    if (pv && pv.value === null && !pv.arrayValues) return null;
    const items = (pv && pv.arrayValues) || [];
    if (!Array.isArray(items)) throw bad(name, 'arrayValues must be a list');
    return listValue(items.map((item) => {
      const v = value(t.of, item, name);
      if (v === null) throw new QueryError(`Not supported by the BigQuery test double: NULL elements in array parameter ${name}`);
      return v;
    }));
  }
  if (t.name === 'STRUCT') {
    if (!pv || (pv.value === null && !pv.structValues)) return null;
    const sv = pv.structValues || {};
    for (const k of Object.keys(sv)) {
      if (!t.fields.some((f) => f.name === k)) throw bad(name, `struct field ${k} is not in its type`);
    }
    return structValue(Object.fromEntries(t.fields.map((f) => [f.name, value(f.type, sv[f.name], name)])));
  }
  if (!pv || pv.value === null || pv.value === undefined) return null;
  if (typeof pv.value !== 'string') throw bad(name, 'scalar values must be JSON strings');
  return scalar(t, pv.value, name);
}

// queryParameters → Map(lowercased name → {name, type, value, duckType}).
export function convertParameters(list, mode) {
  const out = new Map();
  if (!list || !list.length) return out;
  if (mode && String(mode).toUpperCase() !== 'NAMED') {
    throw new QueryError('Not supported by the BigQuery test double: parameterMode other than NAMED');
  }
  if (!Array.isArray(list)) throw new QueryError('Invalid JSON payload received. queryParameters must be a list.', 400, 'invalid');
  for (const pIn of list) {
    const p = proto(pIn, ['name', 'parameterType', 'parameterValue'], 'query_parameters');
    if (!p || !p.name) throw new QueryError('Not supported by the BigQuery test double: positional (unnamed) query parameters');
    const key = p.name.toLowerCase();
    if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw bad(p.name, 'invalid parameter name');
    if (out.has(key)) throw new QueryError(`Duplicate query parameter name ${p.name}`);
    const type = paramType(p.parameterType, p.name);
    out.set(key, { name: p.name, type, value: value(type, p.parameterValue, p.name), duckType: duckType(type) });
  }
  return out;
}

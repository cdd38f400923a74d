// BigQuery literals → DuckDB SQL with their BigQuery types: INT64 (always BIGINT, so DuckDB's
// 32-bit literal arithmetic never overflows where BigQuery's would not), FLOAT64, STRING, BYTES,
// BOOL, NULL, and the typed literals DATE '…', DATETIME '…', TIMESTAMP '…', TIME '…',
// NUMERIC '…', JSON '…', each checked against BigQuery's accepted forms.

import { QueryError, unsupported, at } from './parse.mjs';
import { T, quoteString as qs } from './types.mjs';

export function literal(e) {
  switch (e.type) {
    case 'INT64': {
      const v = BigInt(e.value);
      if (v > 9223372036854775807n) throw new QueryError(`Invalid integer literal: ${e.value}${at(e.pos)}`);
      return { sql: `CAST(${v} AS BIGINT)`, type: T.INT64, lit: v };
    }
    case 'FLOAT64':
      return { sql: `CAST(${qs(e.value)} AS DOUBLE)`, type: T.FLOAT64, lit: Number(e.value) };
    case 'STRING':
      return { sql: qs(e.value), type: T.STRING, lit: e.value };
    case 'BYTES':
      return { sql: `'${[...e.value].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}'::BLOB`, type: T.BYTES, lit: e.value };
    case 'BOOL':
      return { sql: e.value ? 'TRUE' : 'FALSE', type: T.BOOL, lit: e.value };
    case 'NULL':
      return { sql: 'NULL', type: null, isNull: true };
    default:
      throw unsupported(`literal ${e.type}`, e.pos);
  }
}

const DATE_RE = /^\d{4}-\d{1,2}-\d{1,2}$/;
const DATETIME_RE = /^\d{4}-\d{1,2}-\d{1,2}([ Tt]\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,6})?)?)?$/;
const TS_RE = /^\d{4}-\d{1,2}-\d{1,2}([ Tt]\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,6})?)?)?\s*(Z|z|UTC|[+-]\d{1,2}(:\d{2})?)?$/;
const TIME_RE = /^\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,6})?)?$/;
const NUMERIC_RE = /^\s*[+-]?(\d{1,29}(\.\d{0,9})?|\.\d{1,9})\s*$/;

export function typedLiteral(e) {
  const v = e.value;
  const bad = () => new QueryError(`Invalid ${e.type} literal: ${JSON.stringify(v)}${at(e.pos)}`);
  switch (e.type) {
    case 'DATE':
      if (!DATE_RE.test(v)) throw bad();
      return { sql: `CAST(${qs(v)} AS DATE)`, type: T.DATE, lit: v };
    case 'DATETIME':
      if (!DATETIME_RE.test(v)) throw bad();
      return { sql: `CAST(${qs(v.replace(/[Tt]/, ' '))} AS TIMESTAMP)`, type: T.DATETIME, lit: v };
    case 'TIMESTAMP': {
      if (!TS_RE.test(v)) {
        if (/[A-Za-z]+\/[A-Za-z_]+/.test(v)) throw unsupported('named time zones in TIMESTAMP literals', e.pos);
        throw bad();
      }
      const norm = v.replace(/[Tt]/, ' ').replace(/\s*(Z|z|UTC)$/, '+00');
      return { sql: `CAST(${qs(norm)} AS TIMESTAMPTZ)`, type: T.TIMESTAMP, lit: v };
    }
    case 'TIME':
      if (!TIME_RE.test(v)) throw bad();
      return { sql: `CAST(${qs(v)} AS TIME)`, type: T.TIME, lit: v };
    case 'NUMERIC':
      if (!NUMERIC_RE.test(v)) throw unsupported(`NUMERIC literal ${JSON.stringify(v)} (more than 29 integer or 9 fractional digits, or exponent form)`, e.pos);
      return { sql: `CAST(${qs(v.trim())} AS DECIMAL(38,9))`, type: T.NUMERIC, lit: v };
    case 'JSON':
      try {
        JSON.parse(v);
      } catch {
        throw bad();
      }
      return { sql: `CAST(${qs(v)} AS JSON)`, type: T.JSON, lit: v };
    default:
      throw unsupported(`${e.type} literals`, e.pos);
  }
}

// BigQuery's operators → DuckDB: arithmetic with BigQuery's result types and errors (division by
// zero, NUMERIC scale), comparisons between comparable types only, IN lists and IN UNNEST with
// SQL's NULL semantics, bit operations on 64 bits, and array subscripts that fail out of range.

import { QueryError, unsupported, at } from './parse.mjs';
import { T, duckTypeSql, supertype, isNumeric, is, sameType } from './types.mjs';

export function subscript(tr, e, ctx) {
  const a = tr.expr(e.expr, ctx);
  const i = tr.expr(e.index, ctx);
  if (a.type && !is(a.type, 'ARRAY')) {
    if (is(a.type, 'JSON')) throw unsupported('JSON subscripts', e.pos);
    throw new QueryError(`Array element access with array position is not supported on ${a.type.name}${at(e.pos)}`);
  }
  if (i.type && !is(i.type, 'INT64')) throw new QueryError(`Array position in [] must be coercible to INT64 type${at(e.pos)}`);
  const ordinal = e.mode.endsWith('ORDINAL');
  const safe = e.mode.startsWith('SAFE');
  const idx = ordinal ? i.sql : `(${i.sql} + 1)`;
  const out = safe
    ? 'NULL'
    : `error('Array index ' || CAST(${i.sql} AS VARCHAR) || ' is out of bounds')`;
  // DuckDB answers NULL past the end and counts negative indexes from the end; BigQuery errors.
  return {
    sql: `(CASE WHEN ${idx} < 1 OR ${idx} > len(${a.sql}) THEN ${out} ELSE (${a.sql})[${idx}] END)`,
    type: a.type ? a.type.of : null,
  };
}

export function unary(tr, e, ctx) {
  if (e.op === '-' && e.expr.k === 'lit' && e.expr.type === 'INT64') {
    const v = -BigInt(e.expr.value);
    if (v < -9223372036854775808n) throw new QueryError(`Invalid integer literal: -${e.expr.value}${at(e.pos)}`);
    return { sql: `CAST(${v} AS BIGINT)`, type: T.INT64, lit: v };
  }
  const r = tr.expr(e.expr, ctx);
  switch (e.op) {
    case 'NOT':
      if (r.type && !is(r.type, 'BOOL')) throw new QueryError(`No matching signature for operator NOT for argument types: ${r.type.name}${at(e.pos)}`);
      return { sql: `(NOT ${r.sql})`, type: T.BOOL };
    case '-':
      if (r.type && !isNumeric(r.type) && !is(r.type, 'INTERVAL')) throw new QueryError(`No matching signature for operator - for argument types: ${r.type.name}${at(e.pos)}`);
      return { sql: `(- ${r.sql})`, type: r.type, lit: r.lit !== undefined ? -r.lit : undefined };
    case '+':
      return r;
    case '~':
      if (r.type && !is(r.type, 'INT64')) throw unsupported(`~ on ${r.type.name}`, e.pos);
      return { sql: `(~ ${r.sql})`, type: T.INT64 };
    default:
      throw unsupported(`operator ${e.op}`, e.pos);
  }
}

export function binary(tr, e, ctx) {
  const l = tr.expr(e.left, ctx);
  const r = tr.expr(e.right, ctx);
  const lt = l.type;
  const rt = r.type;
  const sig = () => new QueryError(`No matching signature for operator ${e.op} for argument types: ${lt?.name ?? 'NULL'}, ${rt?.name ?? 'NULL'}${at(e.pos)}`);
  switch (e.op) {
    case 'AND':
    case 'OR':
      if ((lt && !is(lt, 'BOOL')) || (rt && !is(rt, 'BOOL'))) throw sig();
      return { sql: `(${l.sql} ${e.op} ${r.sql})`, type: T.BOOL };
    case '=': case '!=': case '<': case '>': case '<=': case '>=':
      if (lt && rt && !comparable(l, r)) throw sig();
      if (is(lt, 'ARRAY', 'JSON') || is(rt, 'ARRAY', 'JSON')) throw sig();
      if (is(lt, 'STRUCT') || is(rt, 'STRUCT')) throw unsupported('comparison of STRUCT values', e.pos);
      return { sql: `(${l.sql} ${e.op} ${r.sql})`, type: T.BOOL };
    case '+':
    case '-': {
      if (is(lt, 'DATE', 'DATETIME', 'TIMESTAMP') && is(rt, 'INTERVAL')) {
        const t = is(lt, 'DATE') ? T.DATETIME : lt;
        const base = is(lt, 'DATE') ? `CAST(${l.sql} AS TIMESTAMP)` : l.sql;
        return { sql: `(${base} ${e.op} ${r.sql})`, type: t };
      }
      if (e.op === '+' && is(lt, 'INTERVAL') && is(rt, 'DATE', 'DATETIME', 'TIMESTAMP')) {
        const t = is(rt, 'DATE') ? T.DATETIME : rt;
        const base = is(rt, 'DATE') ? `CAST(${r.sql} AS TIMESTAMP)` : r.sql;
        return { sql: `(${base} + ${l.sql})`, type: t };
      }
      return arith(e, l, r, sig);
    }
    case '*':
      return arith(e, l, r, sig);
    case '/': {
      if ((lt && !isNumeric(lt)) || (rt && !isNumeric(rt))) throw sig();
      if (is(lt, 'NUMERIC', 'BIGNUMERIC') || is(rt, 'NUMERIC', 'BIGNUMERIC')) throw unsupported('division of NUMERIC values', e.pos);
      if (!lt || !rt) throw unsupported('division of operands of unknown type', e.pos);
      return { sql: `bq_div(${l.sql}, ${r.sql})`, type: T.FLOAT64 };
    }
    case '||':
      if (is(lt, 'ARRAY') || is(rt, 'ARRAY')) throw unsupported('|| on arrays', e.pos);
      if ((lt && !is(lt, 'STRING', 'BYTES')) || (rt && !is(rt, 'STRING', 'BYTES'))) throw sig();
      return { sql: `CAST((${l.sql} || ${r.sql}) AS ${duckTypeSql(lt || rt || T.STRING)})`, type: lt || rt || T.STRING };
    case '&':
    case '|':
    case '^':
      if (!is(lt, 'INT64') || !is(rt, 'INT64')) throw unsupported(`operator ${e.op} on ${lt?.name ?? 'unknown'}, ${rt?.name ?? 'unknown'}`, e.pos);
      // DuckDB's ^ is exponentiation; BigQuery's is exclusive or.
      return { sql: e.op === '^' ? `xor(${l.sql}, ${r.sql})` : `(${l.sql} ${e.op} ${r.sql})`, type: T.INT64 };
    case '<<':
    case '>>':
      if (!is(lt, 'INT64') || !is(rt, 'INT64')) throw unsupported(`operator ${e.op} on ${lt?.name ?? 'unknown'}, ${rt?.name ?? 'unknown'}`, e.pos);
      return { sql: `bq_shift_${e.op === '<<' ? 'left' : 'right'}(${l.sql}, ${r.sql})`, type: T.INT64 };
    default:
      throw unsupported(`operator ${e.op}`, e.pos);
  }
}

function arith(e, l, r, sig) {
  const lt = l.type;
  const rt = r.type;
  if ((lt && !isNumeric(lt)) || (rt && !isNumeric(rt))) throw sig();
  if (!lt && !rt) {
    if (l.isNull || r.isNull) return { sql: 'NULL', type: null, isNull: true };
    throw unsupported(`operator ${e.op} on operands of unknown type`, e.pos);
  }
  const t = supertype([lt || rt, rt || lt]);
  if (is(lt, 'BIGNUMERIC') || is(rt, 'BIGNUMERIC')) throw unsupported('BIGNUMERIC arithmetic', e.pos);
  let sql = `(${l.sql} ${e.op} ${r.sql})`;
  // DECIMAL products widen their scale in DuckDB; BigQuery's NUMERIC stays at scale 9.
  if (is(t, 'NUMERIC')) sql = `CAST(${sql} AS DECIMAL(38,9))`;
  return { sql, type: t };
}

export function inExpr(tr, e, ctx) {
  const x = tr.expr(e.expr, ctx);
  const not = e.not ? 'NOT ' : '';
  if (e.unnest) {
    const a = tr.expr(e.unnest, ctx);
    if (a.type && !is(a.type, 'ARRAY')) throw new QueryError(`Second argument of IN UNNEST must be an array but was ${a.type.name}${at(e.pos)}`);
    if (a.type && x.type && !comparable(x, { type: a.type.of })) throw new QueryError(`Cannot execute IN UNNEST: ${x.type.name} vs ${a.type.of.name}${at(e.pos)}`);
    // x IN UNNEST(a) is x IN (SELECT e FROM UNNEST(a) e): SQL's IN-subquery semantics, NULLs included.
    return { sql: `(${not}(${x.sql} IN (SELECT unnest(${a.sql}))))`, type: T.BOOL };
  }
  if (e.query) {
    const q = tr.query(e.query, ctx.scope);
    if (q.cols.length !== 1) throw new QueryError(`IN subquery must have exactly one column${at(e.pos)}`);
    return { sql: `(${not}(${x.sql} IN (${q.sql})))`, type: T.BOOL };
  }
  const items = e.list.map((i) => tr.expr(i, ctx));
  for (const [k, it] of items.entries()) {
    if (!comparable(x, it)) throw new QueryError(`No matching signature for operator IN for argument types ${x.type.name} and ${it.type.name}${at(e.list[k].pos)}`);
  }
  return { sql: `(${not}(${x.sql} IN (${items.map((i) => i.sql).join(', ')})))`, type: T.BOOL };
}

// Whether BigQuery compares the two: numbers with numbers, literals/params of STRING with the
// temporal types they coerce to, otherwise equal types.
export function comparable(l, r) {
  const a = l.type;
  const b = r.type;
  if (!a || !b) return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (sameType(a, b)) return true;
  const temporal = ['DATE', 'DATETIME', 'TIMESTAMP', 'TIME'];
  if (is(a, 'STRING') && temporal.includes(b.name) && (l.lit !== undefined || l.param)) return true;
  if (is(b, 'STRING') && temporal.includes(a.name) && (r.lit !== undefined || r.param)) return true;
  if (is(a, 'STRUCT') && is(b, 'STRUCT')) return a.fields.length === b.fields.length;
  return false;
}

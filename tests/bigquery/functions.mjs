// BigQuery functions and casts → DuckDB, with BigQuery's result types and error rules. Each
// function either maps onto a DuckDB expression that gives BigQuery's answer for every input of
// the types it accepts, or is refused (QueryError naming it). Date and time functions are in
// datetime.mjs; the DuckDB macros called here in macros.mjs.

import { QueryError, unsupported, at } from './parse.mjs';
import { T, arrayOf, duckTypeSql, quoteString as qs, is, resultType, typeFromAst, typeText } from './types.mjs';
import { toJsonString } from './to_json_string.mjs';

// ---------------------------------------------------------------------------------------------

function argc(call, min, max = min) {
  const n = call.args.length;
  if (call.star || n < min || n > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new QueryError(`Number of arguments does not match for function ${call.name}: expected ${want}, got ${call.star ? '*' : n}${at(call.pos)}`);
  }
}

function sigError(call, args) {
  return new QueryError(`No matching signature for function ${call.name} for argument types: ${args.map((a) => a.type?.name ?? 'NULL').join(', ')}${at(call.pos)}`);
}

// Requires every argument's type to be one of `names` (NULL literals pass).
function want(call, args, ...names) {
  for (const a of args) {
    if (a.isNull) continue;
    if (!a.type) throw unsupported(`${call.name} of an argument of unknown type`, call.pos);
    if (!names.includes(a.type.name)) throw sigError(call, args);
  }
}

function partOf(call, i) {
  const a = call.args[i];
  if (a && a.k === 'path' && a.parts.length === 1) return a.parts[0].toUpperCase();
  if (a && a.k === 'call') throw unsupported(`date part ${a.name}(…)`, a.pos);
  throw new QueryError(`A valid date part name is required${at(call.pos)}`);
}

function literalString(call, i, what) {
  const a = call.args[i];
  if (!a || a.k !== 'lit' || a.type !== 'STRING') throw unsupported(`${call.name} with a ${what} that is not a string literal`, call.pos);
  return a.value;
}

const FMT_OK = new Set(['Y', 'm', 'd', 'H', 'M', 'S', 'y', 'b', 'B', 'a', 'A', 'j', 'p', 'I', 'U', 'W', '%']);
function checkDateFormat(call, fmt) {
  for (const m of fmt.matchAll(/%(.)/g)) {
    if (!FMT_OK.has(m[1])) throw unsupported(`format element %${m[1]} in ${call.name}`, call.pos);
  }
}

// Capturing groups of an RE2 pattern, for REGEXP_EXTRACT's choice of group.
function captureGroups(re) {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(' && (re[i + 1] !== '?' || re.startsWith('(?P<', i))) n++;
  }
  return n;
}

const INTERVAL_PARTS = {
  MICROSECOND: (v) => `to_microseconds(${v})`,
  MILLISECOND: (v) => `to_microseconds(${v} * 1000)`,
  SECOND: (v) => `to_microseconds(${v} * 1000000)`,
  MINUTE: (v) => `to_minutes(${v})`,
  HOUR: (v) => `to_hours(${v})`,
  DAY: (v) => `to_days(CAST(${v} AS INTEGER))`,
  WEEK: (v) => `to_days(CAST(7 * ${v} AS INTEGER))`,
  MONTH: (v) => `to_months(CAST(${v} AS INTEGER))`,
  QUARTER: (v) => `to_months(CAST(3 * ${v} AS INTEGER))`,
  YEAR: (v) => `to_years(CAST(${v} AS INTEGER))`,
};

export function intervalSql(v, part, pos) {
  if (v.type && !is(v.type, 'INT64')) throw unsupported(`INTERVAL of a ${v.type.name} value`, pos);
  const f = INTERVAL_PARTS[part];
  if (!f) throw unsupported(`INTERVAL … ${part}`, pos);
  return { sql: f(v.sql), type: T.INTERVAL, part };
}

// CAST / SAFE_CAST from a translated expression to a BigQuery type (AST).
export function castSql(r, typeAst, safe, pos) {
  const to = typeFromAst(typeAst);
  const from = r.type;
  const cast = safe ? 'TRY_CAST' : 'CAST';
  const plain = () => ({ sql: `${cast}(${r.sql} AS ${duckTypeSql(to)})`, type: to });
  const no = () => unsupported(`CAST from ${from.name} to ${to.name}`, pos);
  if (r.isNull) return { sql: `CAST(NULL AS ${duckTypeSql(to)})`, type: to };
  if (!from) throw unsupported(`CAST of an expression of unknown type`, pos);
  if (from.name === to.name && !is(to, 'ARRAY', 'STRUCT')) return { sql: r.sql, type: to };
  // BigQuery casts string literals while analysing the query, so a bad one fails even in a branch
  // that never runs; DuckDB would only fail where it is evaluated.
  if (!safe && is(from, 'STRING') && typeof r.lit === 'string') {
    const okLiteral = { INT64: /^\s*[+-]?(\d+|0[xX][0-9a-fA-F]+)\s*$/, BOOL: /^(true|false)$/i }[to.name];
    if (okLiteral && !okLiteral.test(r.lit)) throw new QueryError(`Could not cast literal ${JSON.stringify(r.lit)} to type ${to.name}${at(pos)}`);
  }
  switch (to.name) {
    case 'INT64':
      if (is(from, 'STRING')) return { sql: `bq_str_int64(${r.sql}, ${safe})`, type: to };
      // FLOAT64 rounds halfway cases away from zero in BigQuery, to even in DuckDB's cast.
      if (is(from, 'FLOAT64')) return { sql: `${cast}(round(${r.sql}) AS BIGINT)`, type: to };
      if (is(from, 'NUMERIC', 'BOOL')) return plain();
      throw no();
    case 'FLOAT64':
    case 'NUMERIC':
      if (is(from, 'STRING', 'INT64', 'FLOAT64', 'NUMERIC')) return plain();
      throw no();
    case 'BOOL':
      if (is(from, 'STRING')) return { sql: `bq_str_bool(${r.sql}, ${safe})`, type: to };
      if (is(from, 'INT64')) return plain();
      throw no();
    case 'STRING':
      if (is(from, 'INT64', 'BOOL', 'DATE')) return plain();
      if (is(from, 'NUMERIC')) return { sql: `bq_numeric_str(${r.sql})`, type: to };
      if (is(from, 'BYTES')) return { sql: safe ? `TRY(decode(${r.sql}))` : `decode(${r.sql})`, type: to };
      throw no();
    case 'BYTES':
      if (is(from, 'STRING')) return { sql: `encode(${r.sql})`, type: to };
      throw no();
    case 'DATE':
      if (is(from, 'STRING', 'DATETIME', 'TIMESTAMP')) return plain();
      throw no();
    case 'DATETIME':
    case 'TIMESTAMP':
      if (is(from, 'STRING', 'DATE', 'DATETIME', 'TIMESTAMP')) return plain();
      throw no();
    case 'TIME':
      if (is(from, 'STRING', 'DATETIME', 'TIMESTAMP')) return plain();
      throw no();
    default:
      throw no();
  }
}

const EXTRACT_PARTS = {
  YEAR: (x) => `extract(year FROM ${x})`,
  MONTH: (x) => `extract(month FROM ${x})`,
  DAY: (x) => `extract(day FROM ${x})`,
  QUARTER: (x) => `extract(quarter FROM ${x})`,
  DAYOFYEAR: (x) => `extract(doy FROM ${x})`,
  DAYOFWEEK: (x) => `(extract(dow FROM ${x}) + 1)`,
  WEEK: (x) => `CAST(strftime(${x}, '%U') AS BIGINT)`,
  ISOWEEK: (x) => `extract(week FROM ${x})`,
  ISOYEAR: (x) => `extract(isoyear FROM ${x})`,
  HOUR: (x) => `extract(hour FROM ${x})`,
  MINUTE: (x) => `extract(minute FROM ${x})`,
  SECOND: (x) => `extract(second FROM ${x})`,
  MILLISECOND: (x) => `(extract(millisecond FROM ${x}) % 1000)`,
  MICROSECOND: (x) => `(extract(microsecond FROM ${x}) % 1000000)`,
};
const DATE_PARTS = ['YEAR', 'MONTH', 'DAY', 'QUARTER', 'DAYOFYEAR', 'DAYOFWEEK', 'WEEK', 'ISOWEEK', 'ISOYEAR'];
const TIME_PARTS = ['HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND'];

export function translateExtract(tr, e, ctx) {
  const x = tr.expr(e.expr, { ...ctx, winOk: false });
  if (!is(x.type, 'DATE', 'DATETIME', 'TIMESTAMP', 'TIME')) {
    throw unsupported(`EXTRACT from ${x.type?.name ?? 'an expression of unknown type'}`, e.pos);
  }
  const allowed = is(x.type, 'DATE') ? DATE_PARTS : is(x.type, 'TIME') ? TIME_PARTS : [...DATE_PARTS, ...TIME_PARTS, 'DATE', 'TIME', 'DATETIME'];
  if (!allowed.includes(e.part)) {
    if (!EXTRACT_PARTS[e.part] && !['DATE', 'TIME', 'DATETIME'].includes(e.part)) throw unsupported(`EXTRACT(${e.part} …)`, e.pos);
    throw new QueryError(`EXTRACT from ${x.type.name} does not support the ${e.part} date part${at(e.pos)}`);
  }
  if (e.part === 'DATE') return { sql: `CAST(${x.sql} AS DATE)`, type: T.DATE };
  if (e.part === 'TIME') return { sql: `CAST(${x.sql} AS TIME)`, type: T.TIME };
  if (e.part === 'DATETIME') {
    if (!is(x.type, 'TIMESTAMP')) throw new QueryError(`EXTRACT from ${x.type.name} does not support the DATETIME date part${at(e.pos)}`);
    return { sql: `CAST(${x.sql} AS TIMESTAMP)`, type: T.DATETIME };
  }
  return { sql: EXTRACT_PARTS[e.part](x.sql), type: T.INT64 };
}

// ---------------------------------------------------------------------------------------------
// Aggregate and window functions

const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'ANY_VALUE', 'ARRAY_AGG', 'STRING_AGG',
  'STDDEV_SAMP', 'STDDEV', 'STDDEV_POP', 'VAR_SAMP', 'VARIANCE', 'VAR_POP', 'COUNTIF', 'LOGICAL_AND',
  'LOGICAL_OR']);
const WINDOW_ONLY = new Set(['ROW_NUMBER', 'RANK', 'DENSE_RANK', 'PERCENT_RANK', 'CUME_DIST', 'NTILE', 'LAG',
  'LEAD', 'FIRST_VALUE', 'LAST_VALUE', 'NTH_VALUE']);

function aggregate(tr, call, ctx) {
  const name = call.name;
  if (call.over && (call.distinct || call.orderBy || call.limit || ['ARRAY_AGG', 'STRING_AGG', 'ANY_VALUE'].includes(name))) {
    throw unsupported(`${name} as an analytic function${call.distinct ? ' with DISTINCT' : ''}`, call.pos);
  }
  if ((call.orderBy || call.limit) && !['ARRAY_AGG', 'STRING_AGG'].includes(name)) {
    throw new QueryError(`ORDER BY and LIMIT are not allowed in ${name}${at(call.pos)}`);
  }
  if (call.nulls && name !== 'ARRAY_AGG') throw new QueryError(`IGNORE/RESPECT NULLS is not allowed in ${name}${at(call.pos)}`);
  const inner = { ...ctx, aggOk: false, winOk: false };
  // With DISTINCT the argument's value is only compared, never read: a TO_JSON_STRING there may
  // answer a text of the double's own (to_json_string.mjs).
  const unseen = (a) => call.distinct && a.k === 'call' && a.name === 'TO_JSON_STRING';
  const args = call.args.map((a) => tr.expr(a, unseen(a) ? { ...inner, textUnseen: true } : inner));
  // Only GROUP BY and SELECT DISTINCT group STRUCTs and ARRAYs; JSON and GEOGRAPHY nowhere.
  if (call.distinct && args[0] && is(args[0].type, 'STRUCT', 'ARRAY', 'JSON', 'GEOGRAPHY')) {
    throw new QueryError(`Aggregate functions with DISTINCT cannot be used with arguments of type ${typeText(args[0].type)}${at(call.pos)}`);
  }
  const d = call.distinct ? 'DISTINCT ' : '';
  const over = call.over ? tr.overSql(call.over, ctx) : '';
  // The OVER clause goes right after the aggregate call, inside any cast around it.
  const done = (sql, type) => {
    const i = sql.lastIndexOf('\u0001');
    return { sql: sql.slice(0, i) + over + sql.slice(i + 1), type };
  };
  if (name === 'COUNT') {
    if (call.star) return done('count(*)\u0001', T.INT64);
    argc(call, 1);
    return done(`count(${d}${args[0].sql})\u0001`, T.INT64);
  }
  argc(call, name === 'STRING_AGG' ? 1 : 1, name === 'STRING_AGG' ? 2 : 1);
  const [x] = args;
  switch (name) {
    case 'SUM':
      want(call, [x], 'INT64', 'FLOAT64', 'NUMERIC');
      if (is(x.type, 'INT64')) return done(`CAST(sum(${d}${x.sql})\u0001 AS BIGINT)`, T.INT64);
      if (is(x.type, 'NUMERIC')) return done(`CAST(sum(${d}CAST(${x.sql} AS DECIMAL(38,9)))\u0001 AS DECIMAL(38,9))`, T.NUMERIC);
      return done(`sum(${d}${x.sql})\u0001`, T.FLOAT64);
    case 'AVG':
      want(call, [x], 'INT64', 'FLOAT64', 'NUMERIC');
      if (is(x.type, 'NUMERIC')) {
        if (call.over) throw unsupported('AVG of NUMERIC as an analytic function', call.pos);
        return done(`bq_numeric_avg(sum(${d}CAST(${x.sql} AS DECIMAL(38,9))), count(${d}${x.sql}))\u0001`, T.NUMERIC);
      }
      return done(`avg(${d}${x.sql})\u0001`, T.FLOAT64);
    case 'MIN':
    case 'MAX':
      if (is(x.type, 'ARRAY', 'STRUCT', 'JSON')) throw sigError(call, args);
      return done(`${name.toLowerCase()}(${d}${x.sql})\u0001`, x.type);
    case 'ANY_VALUE':
      // Both skip NULLs: BigQuery's ANY_VALUE behaves as if IGNORE NULLS were given.
      return done(`any_value(${x.sql})\u0001`, x.type);
    case 'STDDEV_SAMP': case 'STDDEV': case 'STDDEV_POP': case 'VAR_SAMP': case 'VARIANCE': case 'VAR_POP': {
      want(call, [x], 'INT64', 'FLOAT64', 'NUMERIC');
      const f = { STDDEV: 'stddev_samp', VARIANCE: 'var_samp' }[name] || name.toLowerCase();
      return done(`${f}(${d}CAST(${x.sql} AS DOUBLE))\u0001`, T.FLOAT64);
    }
    case 'COUNTIF':
      want(call, [x], 'BOOL');
      return done(`count_if(${x.sql})\u0001`, T.INT64);
    case 'LOGICAL_AND':
    case 'LOGICAL_OR':
      want(call, [x], 'BOOL');
      return done(`${name === 'LOGICAL_AND' ? 'bool_and' : 'bool_or'}(${x.sql})\u0001`, T.BOOL);
    case 'STRING_AGG': {
      want(call, [x], 'STRING');
      if (call.limit) throw unsupported('STRING_AGG … LIMIT', call.pos);
      const sep = args[1] ? args[1].sql : "','";
      if (args[1]) want(call, [args[1]], 'STRING');
      const order = call.orderBy ? ` ORDER BY ${tr.orderList(call.orderBy, inner, { aggregate: true })}` : '';
      return done(`string_agg(${d}${x.sql}, ${sep}${order})\u0001`, T.STRING);
    }
    case 'ARRAY_AGG': {
      if (is(x.type, 'ARRAY')) throw new QueryError(`Cannot use ARRAY_AGG on a value of type ARRAY because nested arrays are not supported${at(call.pos)}`);
      if (!x.type && !x.isNull) throw unsupported('ARRAY_AGG of an expression of unknown type', call.pos);
      const order = call.orderBy ? ` ORDER BY ${tr.orderList(call.orderBy, inner, { aggregate: true })}` : '';
      let sql = `array_agg(${d}${x.sql}${order})`;
      if (call.nulls === 'IGNORE') sql += ` FILTER (WHERE ${x.sql} IS NOT NULL)`;
      if (call.limit) {
        const l = call.limit;
        if (!(l.k === 'lit' && l.type === 'INT64') && l.k !== 'param') {
          throw new QueryError(`LIMIT in ARRAY_AGG expects an integer literal or parameter${at(l.pos)}`);
        }
        const n = tr.expr(l, inner);
        if (!is(n.type, 'INT64')) throw new QueryError(`LIMIT in ARRAY_AGG expects an INT64${at(l.pos)}`);
        // BigQuery keeps the first n elements in the aggregate's order; DuckDB slices after.
        sql = `(${sql})[1:${n.sql}]`;
      }
      return done(`${sql}\u0001`, arrayOf(x.type || T.INT64));
    }
    default:
      throw unsupported(`aggregate ${name}`, call.pos);
  }
}

function windowFunction(tr, call, ctx) {
  const name = call.name;
  if (!call.over) throw new QueryError(`Analytic function ${name} cannot be called without an OVER clause${at(call.pos)}`);
  if (call.distinct || call.orderBy || call.limit || call.nulls) throw unsupported(`modifiers inside ${name}(…)`, call.pos);
  const inner = { ...ctx, aggOk: true, winOk: false };
  const args = call.args.map((a) => tr.expr(a, inner));
  const over = tr.overSql(call.over, ctx);
  const lowerName = name.toLowerCase();
  switch (name) {
    case 'ROW_NUMBER': case 'RANK': case 'DENSE_RANK':
      argc(call, 0);
      return { sql: `${lowerName}()${over}`, type: T.INT64 };
    case 'PERCENT_RANK': case 'CUME_DIST':
      argc(call, 0);
      return { sql: `${lowerName}()${over}`, type: T.FLOAT64 };
    case 'NTILE':
      argc(call, 1);
      want(call, args, 'INT64');
      return { sql: `ntile(${args[0].sql})${over}`, type: T.INT64 };
    case 'LAG': case 'LEAD': {
      argc(call, 1, 3);
      if (args[1]) want(call, [args[1]], 'INT64');
      const t = args[2] ? resultType([args[0], args[2]], call.pos) : args[0].type;
      return { sql: `${lowerName}(${args.map((a) => a.sql).join(', ')})${over}`, type: t };
    }
    case 'FIRST_VALUE': case 'LAST_VALUE':
      argc(call, 1);
      return { sql: `${lowerName}(${args[0].sql})${over}`, type: args[0].type };
    case 'NTH_VALUE':
      argc(call, 2);
      want(call, [args[1]], 'INT64');
      return { sql: `nth_value(${args[0].sql}, ${args[1].sql})${over}`, type: args[0].type };
    default:
      throw unsupported(`analytic function ${name}`, call.pos);
  }
}

// ---------------------------------------------------------------------------------------------
// Scalar functions: name → (tr, call, args, ctx) → {sql, type}

const fn = (name, ...a) => `${name}(${a.map((x) => x.sql).join(', ')})`;

const REFUSED = {
  TO_JSON: 'the JSON type\'s constructors',
  PARSE_JSON: 'the JSON type\'s constructors',
  JSON_QUERY: 'JSON_QUERY (BigQuery\'s normalisation of the extracted JSON text is not reproduced)',
  JSON_EXTRACT: 'JSON_EXTRACT (BigQuery\'s normalisation of the extracted JSON text is not reproduced)',
  JSON_TYPE: 'JSON_TYPE',
  FORMAT_TIMESTAMP: 'FORMAT_TIMESTAMP',
};

const SCALARS = {
  TO_JSON_STRING(tr, call, args, ctx) {
    argc(call, 1, 2);
    return toJsonString(call, args, ctx);
  },
  IF(tr, call, args) {
    argc(call, 3);
    want(call, [args[0]], 'BOOL');
    return { sql: `(CASE WHEN ${args[0].sql} THEN ${args[1].sql} ELSE ${args[2].sql} END)`, type: resultType(args.slice(1), call.pos) };
  },
  IFNULL(tr, call, args) {
    argc(call, 2);
    return { sql: fn('COALESCE', ...args), type: resultType(args, call.pos) };
  },
  COALESCE(tr, call, args) {
    argc(call, 1, 1000);
    return { sql: fn('COALESCE', ...args), type: resultType(args, call.pos) };
  },
  NULLIF(tr, call, args) {
    argc(call, 2);
    return { sql: fn('NULLIF', ...args), type: args[0].type };
  },
  CONCAT(tr, call, args) {
    argc(call, 1, 1000);
    want(call, args, 'STRING', 'BYTES');
    // BigQuery's CONCAT is NULL when any argument is; DuckDB's concat skips NULLs, its || does not.
    // The cast keeps DuckDB from typing a constant-folded NULL result as INTEGER.
    const t = resultType(args, call.pos) || T.STRING;
    return { sql: `CAST((${args.map((a) => a.sql).join(' || ')}) AS ${duckTypeSql(t)})`, type: t };
  },
  LOWER: (tr, call, args) => (argc(call, 1), want(call, args, 'STRING'), { sql: fn('lower', ...args), type: T.STRING }),
  UPPER: (tr, call, args) => (argc(call, 1), want(call, args, 'STRING'), { sql: fn('upper', ...args), type: T.STRING }),
  LENGTH(tr, call, args) {
    argc(call, 1);
    want(call, args, 'STRING', 'BYTES');
    return { sql: is(args[0].type, 'BYTES') ? fn('octet_length', ...args) : fn('length', ...args), type: T.INT64 };
  },
  CHAR_LENGTH: (tr, call, args) => (argc(call, 1), want(call, args, 'STRING'), { sql: fn('length', ...args), type: T.INT64 }),
  BYTE_LENGTH(tr, call, args) {
    argc(call, 1);
    want(call, args, 'STRING', 'BYTES');
    return { sql: is(args[0].type, 'BYTES') ? fn('octet_length', ...args) : `octet_length(encode(${args[0].sql}))`, type: T.INT64 };
  },
  REGEXP_CONTAINS(tr, call, args) {
    argc(call, 2);
    want(call, args, 'STRING');
    return { sql: fn('regexp_matches', ...args), type: T.BOOL };
  },
  REGEXP_EXTRACT(tr, call, args) {
    argc(call, 2);
    want(call, args, 'STRING');
    const groups = captureGroups(literalString(call, 1, 'pattern'));
    if (groups > 1) throw new QueryError(`Regular expressions passed into extraction functions must not have more than 1 capturing group${at(call.pos)}`);
    return { sql: `(CASE WHEN regexp_matches(${args[0].sql}, ${args[1].sql}) THEN regexp_extract(${args[0].sql}, ${args[1].sql}, ${groups}) END)`, type: T.STRING };
  },
  REGEXP_EXTRACT_ALL(tr, call, args) {
    argc(call, 2);
    want(call, args, 'STRING');
    const groups = captureGroups(literalString(call, 1, 'pattern'));
    if (groups > 1) throw new QueryError(`Regular expressions passed into extraction functions must not have more than 1 capturing group${at(call.pos)}`);
    return { sql: `regexp_extract_all(${args[0].sql}, ${args[1].sql}, ${groups})`, type: arrayOf(T.STRING) };
  },
  REGEXP_REPLACE(tr, call, args) {
    argc(call, 3);
    want(call, args, 'STRING');
    return { sql: `regexp_replace(${args[0].sql}, ${args[1].sql}, ${args[2].sql}, 'g')`, type: T.STRING };
  },
  SUBSTR(tr, call, args) {
    argc(call, 2, 3);
    want(call, [args[0]], 'STRING');
    want(call, args.slice(1), 'INT64');
    return { sql: fn('bq_substr', ...args), type: T.STRING };
  },
  SPLIT(tr, call, args) {
    argc(call, 1, 2);
    want(call, args, 'STRING');
    return { sql: `string_split(${args[0].sql}, ${args[1] ? args[1].sql : "','"})`, type: arrayOf(T.STRING) };
  },
  STARTS_WITH: (tr, call, args) => (argc(call, 2), want(call, args, 'STRING'), { sql: fn('starts_with', ...args), type: T.BOOL }),
  ENDS_WITH: (tr, call, args) => (argc(call, 2), want(call, args, 'STRING'), { sql: fn('ends_with', ...args), type: T.BOOL }),
  STRPOS: (tr, call, args) => (argc(call, 2), want(call, args, 'STRING'), { sql: fn('strpos', ...args), type: T.INT64 }),
  REPLACE: (tr, call, args) => (argc(call, 3), want(call, args, 'STRING'), { sql: fn('replace', ...args), type: T.STRING }),
  REVERSE: (tr, call, args) => (argc(call, 1), want(call, args, 'STRING'), { sql: fn('reverse', ...args), type: T.STRING }),
  TRANSLATE: (tr, call, args) => (argc(call, 3), want(call, args, 'STRING'), { sql: fn('translate', ...args), type: T.STRING }),
  REPEAT(tr, call, args) {
    argc(call, 2);
    want(call, [args[0]], 'STRING');
    want(call, [args[1]], 'INT64');
    return { sql: fn('bq_repeat', ...args), type: T.STRING };
  },
  LPAD: (tr, call, args) => pad('lpad', call, args),
  RPAD: (tr, call, args) => pad('rpad', call, args),
  LEFT: (tr, call, args) => (argc(call, 2), want(call, [args[0]], 'STRING'), want(call, [args[1]], 'INT64'), { sql: fn('bq_left', ...args), type: T.STRING }),
  RIGHT: (tr, call, args) => (argc(call, 2), want(call, [args[0]], 'STRING'), want(call, [args[1]], 'INT64'), { sql: fn('bq_right', ...args), type: T.STRING }),
  TRIM: (tr, call, args) => trim('trim', call, args),
  LTRIM: (tr, call, args) => trim('ltrim', call, args),
  RTRIM: (tr, call, args) => trim('rtrim', call, args),
  ABS(tr, call, args) {
    argc(call, 1);
    want(call, args, 'INT64', 'FLOAT64', 'NUMERIC');
    return { sql: fn('abs', ...args), type: args[0].type };
  },
  SIGN(tr, call, args) {
    argc(call, 1);
    want(call, args, 'INT64', 'FLOAT64', 'NUMERIC');
    const t = args[0].type;
    if (is(t, 'FLOAT64')) return { sql: `(CASE WHEN isnan(${args[0].sql}) THEN ${args[0].sql} ELSE CAST(sign(${args[0].sql}) AS DOUBLE) END)`, type: t };
    return { sql: `CAST(sign(${args[0].sql}) AS ${duckTypeSql(t)})`, type: t };
  },
  ROUND(tr, call, args) {
    argc(call, 1, 2);
    want(call, [args[0]], 'INT64', 'FLOAT64', 'NUMERIC');
    if (args[1]) want(call, [args[1]], 'INT64');
    const [x, n] = args;
    const digits = n ? `, CAST(${n.sql} AS INTEGER)` : '';
    if (is(x.type, 'NUMERIC')) return { sql: `CAST(round(${x.sql}${digits}) AS DECIMAL(38,9))`, type: T.NUMERIC };
    return { sql: `round(CAST(${x.sql} AS DOUBLE)${digits})`, type: T.FLOAT64 };
  },
  CEIL: (tr, call, args) => ceilFloor('ceil', call, args),
  FLOOR: (tr, call, args) => ceilFloor('floor', call, args),
  SQRT(tr, call, args) {
    argc(call, 1);
    want(call, args, 'INT64', 'FLOAT64');
    return { sql: `bq_sqrt(CAST(${args[0].sql} AS DOUBLE))`, type: T.FLOAT64 };
  },
  POW(tr, call, args) {
    argc(call, 2);
    want(call, args, 'INT64', 'FLOAT64');
    return { sql: `bq_pow(CAST(${args[0].sql} AS DOUBLE), CAST(${args[1].sql} AS DOUBLE))`, type: T.FLOAT64 };
  },
  MOD(tr, call, args) {
    argc(call, 2);
    want(call, args, 'INT64', 'NUMERIC');
    if (args.some((a) => is(a.type, 'NUMERIC'))) return { sql: `CAST(${fn('bq_mod', ...args)} AS DECIMAL(38,9))`, type: T.NUMERIC };
    return { sql: fn('bq_mod', ...args), type: T.INT64 };
  },
  DIV(tr, call, args) {
    argc(call, 2);
    want(call, args, 'INT64');
    return { sql: fn('bq_intdiv', ...args), type: T.INT64 };
  },
  GREATEST: (tr, call, args) => greatestLeast('greatest', call, args),
  LEAST: (tr, call, args) => greatestLeast('least', call, args),
  SAFE_ADD: (tr, call, args) => safeArith('+', call, args),
  SAFE_SUBTRACT: (tr, call, args) => safeArith('-', call, args),
  SAFE_MULTIPLY: (tr, call, args) => safeArith('*', call, args),
  SAFE_NEGATE(tr, call, args) {
    argc(call, 1);
    want(call, args, 'INT64', 'FLOAT64');
    if (is(args[0].type, 'FLOAT64')) return { sql: `(- ${args[0].sql})`, type: T.FLOAT64 };
    return { sql: `TRY_CAST(- CAST(${args[0].sql} AS HUGEINT) AS BIGINT)`, type: T.INT64 };
  },
  SAFE_DIVIDE(tr, call, args) {
    argc(call, 2);
    want(call, args, 'INT64', 'FLOAT64');
    const [a, b] = args;
    return { sql: `(CASE WHEN ${b.sql} = 0 THEN NULL ELSE bq_float_or_null(CAST(${a.sql} AS DOUBLE) / ${b.sql}, CAST(${a.sql} AS DOUBLE), CAST(${b.sql} AS DOUBLE)) END)`, type: T.FLOAT64 };
  },
  IEEE_DIVIDE(tr, call, args) {
    argc(call, 2);
    want(call, args, 'INT64', 'FLOAT64');
    return { sql: `(CAST(${args[0].sql} AS DOUBLE) / CAST(${args[1].sql} AS DOUBLE))`, type: T.FLOAT64 };
  },
  BIT_COUNT(tr, call, args) {
    argc(call, 1);
    want(call, args, 'INT64');
    return { sql: `CAST(bit_count(${args[0].sql}) AS BIGINT)`, type: T.INT64 };
  },
  TO_HEX: (tr, call, args) => (argc(call, 1), want(call, args, 'BYTES'), { sql: `lower(hex(${args[0].sql}))`, type: T.STRING }),
  FROM_HEX: (tr, call, args) => (argc(call, 1), want(call, args, 'STRING'), { sql: fn('bq_from_hex', ...args), type: T.BYTES }),
  TO_BASE64: (tr, call, args) => (argc(call, 1), want(call, args, 'BYTES'), { sql: fn('to_base64', ...args), type: T.STRING }),
  FROM_BASE64: (tr, call, args) => (argc(call, 1), want(call, args, 'STRING'), { sql: fn('from_base64', ...args), type: T.BYTES }),
  MD5: (tr, call, args) => hash('md5', call, args),
  SHA1: (tr, call, args) => hash('sha1', call, args),
  SHA256: (tr, call, args) => hash('sha256', call, args),
  SHA512: (tr, call, args) => hash('sha512', call, args),
  FORMAT: format,
  ARRAY_LENGTH(tr, call, args) {
    argc(call, 1);
    if (!is(args[0].type, 'ARRAY') && !args[0].isNull) throw sigError(call, args);
    return { sql: `CAST(len(${args[0].sql}) AS BIGINT)`, type: T.INT64 };
  },
  ARRAY_REVERSE(tr, call, args) {
    argc(call, 1);
    if (!is(args[0].type, 'ARRAY')) throw sigError(call, args);
    return { sql: fn('list_reverse', ...args), type: args[0].type };
  },
  ARRAY_CONCAT(tr, call, args) {
    argc(call, 1, 1000);
    if (args.some((a) => !is(a.type, 'ARRAY'))) throw unsupported('ARRAY_CONCAT of non-array or NULL literal arguments', call.pos);
    const t = resultType(args.map((a) => ({ type: a.type.of })), call.pos);
    const sql = args.slice(1).reduce((acc, a) => `list_concat(${acc}, ${a.sql})`, args[0].sql);
    return { sql: `(CASE WHEN ${args.map((a) => `${a.sql} IS NULL`).join(' OR ')} THEN NULL ELSE ${sql} END)`, type: arrayOf(t) };
  },
  ARRAY_TO_STRING(tr, call, args) {
    argc(call, 2);
    if (!is(args[0].type, 'ARRAY') || !is(args[0].type.of, 'STRING')) throw unsupported('ARRAY_TO_STRING of anything but ARRAY<STRING>', call.pos);
    want(call, [args[1]], 'STRING');
    return { sql: fn('array_to_string', ...args), type: T.STRING };
  },
  GENERATE_ARRAY(tr, call, args) {
    argc(call, 2, 3);
    want(call, args, 'INT64');
    return { sql: `CAST(generate_series(${args.map((a) => a.sql).join(', ')}) AS BIGINT[])`, type: arrayOf(T.INT64) };
  },
  GENERATE_DATE_ARRAY(tr, call, args) {
    argc(call, 2, 3);
    want(call, args.slice(0, 2), 'DATE');
    let step = 'to_days(1)';
    if (args[2]) {
      if (!is(args[2].type, 'INTERVAL') || !['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'].includes(args[2].part)) {
        throw sigError(call, args);
      }
      step = args[2].sql;
    }
    return { sql: `CAST(generate_series(CAST(${args[0].sql} AS TIMESTAMP), CAST(${args[1].sql} AS TIMESTAMP), ${step}) AS DATE[])`, type: arrayOf(T.DATE) };
  },
  DATE(tr, call, args) {
    argc(call, 1, 3);
    if (args.length === 3) {
      want(call, args, 'INT64');
      return { sql: fn('make_date', ...args), type: T.DATE };
    }
    if (args.length !== 1) throw unsupported('DATE(…, time zone)', call.pos);
    want(call, args, 'DATETIME', 'TIMESTAMP', 'DATE');
    return { sql: `CAST(${args[0].sql} AS DATE)`, type: T.DATE };
  },
  CURRENT_DATE: (tr, call) => (argc(call, 0), { sql: 'CAST(get_current_timestamp() AS DATE)', type: T.DATE }),
  CURRENT_DATETIME: (tr, call) => (argc(call, 0), { sql: 'CAST(get_current_timestamp() AS TIMESTAMP)', type: T.DATETIME }),
  CURRENT_TIMESTAMP: (tr, call) => (argc(call, 0), { sql: 'get_current_timestamp()', type: T.TIMESTAMP }),
  DATE_ADD: (tr, call, args) => dateAdd('+', call, args, 'DATE', ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']),
  DATE_SUB: (tr, call, args) => dateAdd('-', call, args, 'DATE', ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']),
  DATETIME_ADD: (tr, call, args) => dateAdd('+', call, args, 'DATETIME', Object.keys(INTERVAL_PARTS)),
  DATETIME_SUB: (tr, call, args) => dateAdd('-', call, args, 'DATETIME', Object.keys(INTERVAL_PARTS)),
  TIMESTAMP_ADD: (tr, call, args) => dateAdd('+', call, args, 'TIMESTAMP', ['MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY']),
  TIMESTAMP_SUB: (tr, call, args) => dateAdd('-', call, args, 'TIMESTAMP', ['MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY']),
  DATE_DIFF: (tr, call, args) => dateDiff(call, args, 'DATE'),
  DATETIME_DIFF: (tr, call, args) => dateDiff(call, args, 'DATETIME'),
  TIMESTAMP_DIFF: (tr, call, args) => dateDiff(call, args, 'TIMESTAMP'),
  DATE_TRUNC: (tr, call, args) => dateTrunc(call, args, 'DATE'),
  DATETIME_TRUNC: (tr, call, args) => dateTrunc(call, args, 'DATETIME'),
  TIMESTAMP_TRUNC: (tr, call, args) => dateTrunc(call, args, 'TIMESTAMP'),
  PARSE_DATE(tr, call, args) {
    argc(call, 2);
    want(call, args, 'STRING');
    checkDateFormat(call, literalString(call, 0, 'format'));
    return { sql: `CAST(strptime(${args[1].sql}, ${args[0].sql}) AS DATE)`, type: T.DATE };
  },
  FORMAT_DATE: (tr, call, args) => formatDate(call, args, 'DATE'),
  FORMAT_DATETIME: (tr, call, args) => formatDate(call, args, 'DATETIME'),
  JSON_VALUE: jsonValue,
  JSON_EXTRACT_SCALAR: jsonValue,
};
SCALARS.SUBSTRING = SCALARS.SUBSTR;
SCALARS.CHARACTER_LENGTH = SCALARS.CHAR_LENGTH;
SCALARS.CEILING = SCALARS.CEIL;
SCALARS.POWER = SCALARS.POW;

function pad(f, call, args) {
  argc(call, 2, 3);
  want(call, [args[0]], 'STRING');
  want(call, [args[1]], 'INT64');
  if (args[2]) want(call, [args[2]], 'STRING');
  const p = args[2] ? `bq_pad_pattern(${args[2].sql})` : "' '";
  return { sql: `${f}(${args[0].sql}, CAST(bq_pad_len(${args[1].sql}) AS INTEGER), ${p})`, type: T.STRING };
}

function trim(f, call, args) {
  argc(call, 1, 2);
  want(call, args, 'STRING');
  // Without a character set BigQuery trims Unicode whitespace; DuckDB's trim only spaces.
  if (args.length === 1) return { sql: fn(`bq_${f}`, ...args), type: T.STRING };
  return { sql: fn(f, ...args), type: T.STRING };
}

function ceilFloor(f, call, args) {
  argc(call, 1);
  want(call, args, 'INT64', 'FLOAT64', 'NUMERIC');
  if (is(args[0].type, 'NUMERIC')) return { sql: `CAST(${f}(${args[0].sql}) AS DECIMAL(38,9))`, type: T.NUMERIC };
  return { sql: `${f}(CAST(${args[0].sql} AS DOUBLE))`, type: T.FLOAT64 };
}

function greatestLeast(f, call, args) {
  argc(call, 1, 1000);
  const t = resultType(args, call.pos);
  if (is(t, 'ARRAY', 'STRUCT', 'JSON')) throw sigError(call, args);
  if (is(t, 'FLOAT64')) throw unsupported(`${call.name} of FLOAT64 (NaN ordering differs)`, call.pos);
  // BigQuery's GREATEST/LEAST are NULL when any argument is; DuckDB's skip NULLs.
  return { sql: `(CASE WHEN ${args.map((a) => `${a.sql} IS NULL`).join(' OR ')} THEN NULL ELSE ${f}(${args.map((a) => a.sql).join(', ')}) END)`, type: t };
}

function safeArith(op, call, args) {
  argc(call, 2);
  want(call, args, 'INT64', 'FLOAT64');
  const [a, b] = args;
  if (is(a.type, 'INT64') && is(b.type, 'INT64')) {
    return { sql: `TRY_CAST(CAST(${a.sql} AS HUGEINT) ${op} CAST(${b.sql} AS HUGEINT) AS BIGINT)`, type: T.INT64 };
  }
  const x = `CAST(${a.sql} AS DOUBLE)`;
  const y = `CAST(${b.sql} AS DOUBLE)`;
  return { sql: `bq_float_or_null(${x} ${op} ${y}, ${x}, ${y})`, type: T.FLOAT64 };
}

function hash(algo, call, args) {
  argc(call, 1);
  want(call, args, 'STRING', 'BYTES');
  const data = is(args[0].type, 'STRING') ? `encode(${args[0].sql})` : args[0].sql;
  // A JavaScript function over node:crypto (double.mjs), so every algorithm hashes bytes alike.
  return { sql: `bq_hash(${qs(algo)}, ${data})`, type: T.BYTES };
}

function format(tr, call, args) {
  argc(call, 1, 1000);
  const fmt = literalString(call, 0, 'format');
  const specs = [...fmt.matchAll(/%([-0 +#]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g)];
  let i = 1;
  const out = [];
  for (const m of specs) {
    const [, flags, , , conv] = m;
    if (conv === '%') continue;
    const a = args[i++];
    if (!a) throw new QueryError(`Too few arguments to FORMAT for pattern ${JSON.stringify(fmt)}${at(call.pos)}`);
    if (flags.includes('#')) throw unsupported('FORMAT flag #', call.pos);
    const what = `argument to FORMAT(${JSON.stringify(fmt)})`;
    if ('di'.includes(conv)) {
      want(call, [a], 'INT64');
      out.push(`bq_not_null(${a.sql}, ${qs(what)})`);
    } else if ('xXo'.includes(conv)) {
      want(call, [a], 'INT64');
      out.push(`bq_nonneg(bq_not_null(${a.sql}, ${qs(what)}), ${qs(what)})`);
    } else if (conv === 's') {
      want(call, [a], 'STRING');
      out.push(`bq_not_null(${a.sql}, ${qs(what)})`);
    } else if ('fF'.includes(conv)) {
      want(call, [a], 'FLOAT64', 'INT64');
      out.push(`bq_not_null(CAST(${a.sql} AS DOUBLE), ${qs(what)})`);
    } else {
      throw unsupported(`FORMAT element %${conv}`, call.pos);
    }
  }
  if (i !== args.length) throw new QueryError(`Too many arguments to FORMAT for pattern ${JSON.stringify(fmt)}${at(call.pos)}`);
  return { sql: `printf(${[qs(fmt.replace(/%F/g, '%f')), ...out].join(', ')})`, type: T.STRING };
}

function dateAdd(op, call, args, type, parts) {
  argc(call, 2);
  want(call, [args[0]], type);
  const iv = args[1];
  if (!is(iv.type, 'INTERVAL') || !iv.part) throw unsupported(`${call.name} without an INTERVAL n part literal`, call.pos);
  if (!parts.includes(iv.part)) throw new QueryError(`${call.name} does not support the ${iv.part} date part${at(call.pos)}`);
  if (type === 'DATE') return { sql: `CAST(CAST(${args[0].sql} AS TIMESTAMP) ${op} ${iv.sql} AS DATE)`, type: T.DATE };
  return { sql: `(${args[0].sql} ${op} ${iv.sql})`, type: T[type] };
}

function dateDiff(call, args, type) {
  argc(call, 3);
  want(call, args.slice(0, 2), type);
  const part = partOf(call, 2);
  const [a, b] = args;
  const small = ['MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR'];
  const big = ['DAY', 'WEEK', 'ISOWEEK', 'MONTH', 'QUARTER', 'YEAR', 'ISOYEAR'];
  const allowed = type === 'DATE' ? big : type === 'DATETIME' ? [...small, ...big] : [...small, 'DAY'];
  if (!allowed.includes(part)) throw new QueryError(`${call.name} does not support the ${part} date part${at(call.pos)}`);
  const p = { ISOWEEK: 'week', ISOYEAR: 'isoyear' }[part] || part.toLowerCase();
  // TIMESTAMP_DIFF counts whole elapsed parts; DATE_DIFF and DATETIME_DIFF count part
  // boundaries crossed, with weeks starting on Sunday (DuckDB's start on Monday, hence the shift).
  if (type === 'TIMESTAMP') return { sql: `date_sub('${p}', ${b.sql}, ${a.sql})`, type: T.INT64 };
  if (part === 'WEEK') {
    const shift = (x) => (type === 'DATE' ? `(${x} + 1)` : `(${x} + to_days(1))`);
    return { sql: `date_diff('week', ${shift(b.sql)}, ${shift(a.sql)})`, type: T.INT64 };
  }
  return { sql: `date_diff('${p}', ${b.sql}, ${a.sql})`, type: T.INT64 };
}

function dateTrunc(call, args, type) {
  argc(call, 2);
  want(call, [args[0]], type);
  const part = partOf(call, 1);
  const x = args[0].sql;
  const dateParts = ['DAY', 'WEEK', 'ISOWEEK', 'MONTH', 'QUARTER', 'YEAR'];
  const timeParts = ['MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR'];
  const allowed = type === 'DATE' ? dateParts : [...timeParts, ...dateParts];
  if (!allowed.includes(part)) throw unsupported(`${call.name}(…, ${part})`, call.pos);
  const p = part === 'ISOWEEK' ? 'week' : part.toLowerCase();
  if (type === 'DATE') {
    if (part === 'DAY') return { sql: x, type: T.DATE };
    if (part === 'WEEK') return { sql: `(${x} - CAST(dayofweek(${x}) AS INTEGER))`, type: T.DATE };
    return { sql: `CAST(date_trunc('${p}', ${x}) AS DATE)`, type: T.DATE };
  }
  if (part === 'WEEK') return { sql: `(date_trunc('day', ${x}) - to_days(CAST(dayofweek(${x}) AS INTEGER)))`, type: T[type] };
  return { sql: `date_trunc('${p}', ${x})`, type: T[type] };
}

function formatDate(call, args, type) {
  argc(call, 2);
  want(call, [args[0]], 'STRING');
  want(call, [args[1]], type);
  checkDateFormat(call, literalString(call, 0, 'format'));
  return { sql: `strftime(${args[1].sql}, ${args[0].sql})`, type: T.STRING };
}

function jsonValue(tr, call, args) {
  argc(call, 1, 2);
  want(call, [args[0]], 'STRING', 'JSON');
  const path = args[1] ? literalString(call, 1, 'JSONPath') : '$';
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/.test(path)) throw unsupported(`JSONPath ${JSON.stringify(path)}`, call.pos);
  return { sql: `bq_json_value(${args[0].sql}, ${qs(path)})`, type: T.STRING };
}

const PART_ARG = { DATE_DIFF: 2, DATETIME_DIFF: 2, TIMESTAMP_DIFF: 2, DATE_TRUNC: 1, DATETIME_TRUNC: 1,
  TIMESTAMP_TRUNC: 1 };

export function translateCall(tr, call, ctx) {
  const name = call.name;
  if (AGGREGATES.has(name)) {
    if (!ctx.aggOk && !call.over) throw new QueryError(`Aggregate function ${name} not allowed here${at(call.pos)}`);
    return aggregate(tr, call, ctx);
  }
  if (WINDOW_ONLY.has(name)) {
    if (!ctx.winOk) throw new QueryError(`Analytic function ${name} not allowed here${at(call.pos)}`);
    return windowFunction(tr, call, ctx);
  }
  if (REFUSED[name]) throw unsupported(REFUSED[name], call.pos);
  if (name.startsWith('ST_')) throw unsupported(`GEOGRAPHY functions (${name})`, call.pos);
  const h = SCALARS[name];
  if (!h) throw unsupported(`function ${name}`, call.pos);
  if (call.over) throw new QueryError(`Function ${name} does not support an OVER clause${at(call.pos)}`);
  if (call.distinct || call.orderBy || call.limit || call.nulls) throw new QueryError(`Function ${name} does not support DISTINCT, ORDER BY, LIMIT or NULLS modifiers${at(call.pos)}`);
  // Date part arguments (DATE_DIFF(a, b, DAY)) are names, not expressions.
  const partAt = PART_ARG[name];
  // textUnseen (aggregate above) is about this call's value, not its arguments'.
  const argCtx = ctx.textUnseen ? { ...ctx, textUnseen: false } : ctx;
  const args = call.args.map((a, i) => (i === partAt ? { sql: null, type: null, part: true } : tr.expr(a, argCtx)));
  return h(tr, call, args, ctx);
}

// BigQuery dialect subset → DuckDB SQL, at the AST level (parse.mjs builds the AST).
//
// The translator resolves every name itself: each FROM item gets a generated DuckDB alias (_r1,
// _r2, …), every column reference is emitted qualified ("_r1"."id"), every output column is named
// positionally (_c0, _c1, …) and the BigQuery names are kept beside the SQL, so DuckDB's own
// scoping rules never decide what a BigQuery name means. It also infers BigQuery types where they
// matter (function overloads that DuckDB types differently, literal and parameter types) and
// reproduces BigQuery's semantics where DuckDB differs: NULL ordering, division and modulo by zero,
// CAST rules, CONCAT/GREATEST NULL handling, array subscripts, ARRAY_AGG … LIMIT.
// Anything outside what it knows is refused with a QueryError naming it, never guessed.

import { parse, QueryError, unsupported, at } from './parse.mjs';
import { T, arrayOf, structOf, duckTypeSql, quoteIdent as qi, quoteString as qs, is, resultType,
  typeFromAst } from './types.mjs';
import { translateCall, translateExtract, castSql, intervalSql } from './functions.mjs';
import { INFORMATION_SCHEMA } from './catalog.mjs';
import { literal, typedLiteral } from './literals.mjs';
import { binary, comparable, inExpr, subscript, unary } from './operators.mjs';

const lower = (s) => String(s).toLowerCase();

// Scope: the relations a SELECT's expressions can see, chained to the enclosing query's scope
// for correlated subqueries. ctes: CTE names defined at this level.
function newScope(parent) {
  return { rels: [], parent, ctes: new Map() };
}

class Translator {
  constructor(ctx) {
    this.catalog = ctx.catalog;
    this.project = ctx.project;
    this.location = ctx.location || 'US';
    this.defaultDataset = ctx.defaultDataset || null;
    this.params = ctx.params || new Map();
    this.usedParams = new Set();
    this.n = 0;
    this.ctes = [];
  }

  alias(prefix = '_r') {
    this.n += 1;
    return `${prefix}${this.n}`;
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  top(ast) {
    const scope = newScope(null);
    const q = this.query(ast, scope, true);
    const cols = [];
    let anon = 0;
    for (const c of q.cols) {
      cols.push({ name: c.name ?? `f${anon++}_`, type: c.type });
    }
    const seen = new Map();
    for (const c of cols) {
      const k = lower(c.name);
      if (seen.has(k)) {
        throw new QueryError(`Duplicate column names in the result are not supported. Found duplicate(s): ${c.name}`);
      }
      seen.set(k, true);
    }
    const withSql = this.ctes.length
      ? `WITH ${this.ctes.map((c) => `${c.sqlName} AS (${c.sql})`).join(', ')} `
      : '';
    return { sql: withSql + q.sql, columns: cols };
  }

  // A query: CTEs, a body (SELECT or set operation) and its ORDER BY / LIMIT / OFFSET.
  // Returns {sql, cols: [{name, type}]} with DuckDB columns named _c0, _c1, … in order.
  query(q, scope, isTop = false) {
    let inner = scope;
    if (q.ctes.length) {
      inner = newScope(scope);
      for (const cte of q.ctes) {
        const key = lower(cte.name);
        if (inner.ctes.has(key)) throw new QueryError(`Duplicate alias ${cte.name} for WITH subquery${at(cte.pos)}`);
        const body = this.query(cte.query, inner);
        const sqlName = qi(this.alias('_w'));
        this.ctes.push({ sqlName, sql: body.sql });
        inner.ctes.set(key, { sqlName, cols: body.cols });
      }
    }
    const tail = { orderBy: q.orderBy, limit: q.limit, offset: q.offset };
    if (q.body.k === 'select') return this.select(q.body, inner, tail, isTop);
    const body = q.body.k === 'setop' ? this.setop(q.body, inner) : this.query(q.body, inner);
    if (!q.orderBy && !q.limit) return body;
    // ORDER BY over a set operation (or a parenthesized query) sees its output columns only.
    let sql = `SELECT * FROM (${body.sql}) AS ${qi(this.alias())}`;
    if (q.orderBy) {
      const items = q.orderBy.map((o) => {
        const idx = this.outputOrdinal(o.expr, body.cols);
        if (idx === null) throw unsupported('ORDER BY expressions over a set operation (only its output columns)', o.expr.pos);
        checkOrderable(body.cols[idx].type, o.expr.pos);
        return this.orderItemSql(String(idx + 1), o);
      });
      sql += ` ORDER BY ${items.join(', ')}`;
    }
    sql += this.limitSql(tail, { scope: inner });
    return { sql, cols: body.cols };
  }

  outputOrdinal(e, cols) {
    if (e.k === 'lit' && e.type === 'INT64') {
      const n = Number(e.value);
      if (n < 1 || n > cols.length) throw new QueryError(`ORDER BY is out of range${at(e.pos)}`);
      return n - 1;
    }
    if (e.k === 'path' && e.parts.length === 1) {
      const i = cols.findIndex((c) => c.name && lower(c.name) === lower(e.parts[0]));
      return i < 0 ? null : i;
    }
    return null;
  }

  setop(s, scope) {
    const left = s.left.k === 'setop' ? this.setop(s.left, scope) : this.operand(s.left, scope);
    const right = s.right.k === 'setop' ? this.setop(s.right, scope) : this.operand(s.right, scope);
    const word = `${s.op} ${s.all ? 'ALL' : 'DISTINCT'}`;
    if (left.cols.length !== right.cols.length) {
      throw new QueryError(`Queries in ${word} have mismatched column count; query 1 has ${left.cols.length} ` +
        `columns, query 2 has ${right.cols.length} columns${at(s.pos)}`);
    }
    const cols = left.cols.map((c, i) => ({
      name: c.name,
      type: resultType([c, right.cols[i]], s.pos),
      isNull: c.isNull && right.cols[i].isNull,
    }));
    const op = s.op === 'UNION' ? (s.all ? 'UNION ALL' : 'UNION') : s.op;
    return { sql: `(${left.sql}) ${op} (${right.sql})`, cols };
  }

  operand(q, scope) {
    return q.k === 'select' ? this.select(q, scope, {}, false) : this.query(q, scope);
  }

  limitSql(tail, ctx) {
    let sql = '';
    const count = (e, what) => {
      if (!(e.k === 'lit' && e.type === 'INT64') && e.k !== 'param') {
        throw new QueryError(`${what} expects an integer literal or parameter${at(e.pos)}`);
      }
      const r = this.expr(e, ctx);
      if (!is(r.type, 'INT64')) throw new QueryError(`${what} expects an integer literal or parameter${at(e.pos)}`);
      if (e.k === 'lit' && BigInt(e.value) < 0n) throw new QueryError(`${what} expects a non-negative integer${at(e.pos)}`);
      return r.sql;
    };
    if (tail.limit) sql += ` LIMIT ${count(tail.limit, 'LIMIT')}`;
    if (tail.offset) sql += ` OFFSET ${count(tail.offset, 'OFFSET')}`;
    return sql;
  }

  orderItemSql(sql, o) {
    // BigQuery puts NULLs first in ascending and last in descending order; DuckDB is told so
    // explicitly on every key.
    const nulls = o.nulls || (o.dir === 'ASC' ? 'FIRST' : 'LAST');
    return `${sql} ${o.dir} NULLS ${nulls}`;
  }

  select(s, outer, tail, isTop) {
    const scope = newScope(outer);
    const fromSql = s.from ? this.from(s.from, scope, outer) : null;
    const ctx = { scope, aggOk: true, winOk: true };
    const items = [];
    for (const item of s.items) {
      if (item.k === 'expr') {
        const r = this.expr(item.expr, ctx);
        items.push({ sql: r.sql, name: item.alias ?? implicitName(item.expr), type: r.type, isNull: r.isNull });
      } else {
        items.push(...this.star(item, scope, ctx));
      }
    }
    if (!items.length) throw new QueryError(`SELECT list must not be empty${at(s.pos)}`);
    const aliases = new Map();
    items.forEach((it, i) => {
      if (it.name) {
        const k = lower(it.name);
        aliases.set(k, aliases.has(k) ? { ambiguous: true } : { ...it, index: i });
      }
    });
    const fallback = { scope, aggOk: true, winOk: false, aliases, aliasMode: 'fallback' };
    let sql = 'SELECT ';
    if (s.distinct) {
      items.forEach((it, i) => checkGroupable(it.type, 'SELECT DISTINCT over',
        (type) => `Column ${it.name ?? i + 1} of type ${type} cannot be used in SELECT DISTINCT`, s.pos));
      sql += 'DISTINCT ';
    }
    if (s.asStruct) {
      if (isTop) throw unsupported('SELECT AS STRUCT as the outermost query', s.pos);
      if (items.some((it) => !it.name)) throw unsupported('SELECT AS STRUCT with unnamed columns', s.pos);
      checkDistinctNames(items.map((it) => it.name), s.pos);
      sql += `struct_pack(${items.map((it) => `${qi(it.name)} := ${it.sql}`).join(', ')}) AS "_c0"`;
    } else {
      sql += items.map((it, i) => `${it.sql} AS "_c${i}"`).join(', ');
    }
    if (fromSql) sql += ` FROM ${fromSql}`;
    if (s.where) sql += ` WHERE ${this.boolExpr(s.where, { scope, aggOk: false, winOk: false }, 'WHERE')}`;
    if (s.groupBy) {
      const keys = s.groupBy.map((g) => {
        let key;
        if (g.k === 'lit' && g.type === 'INT64') {
          const n = Number(g.value);
          if (n < 1 || n > items.length) throw new QueryError(`GROUP BY ordinal ${n} is out of range${at(g.pos)}`);
          key = items[n - 1];
        } else {
          key = this.expr(g, { scope, aggOk: false, winOk: false, aliases, aliasMode: 'fallback' });
        }
        checkGroupable(key.type, 'GROUP BY', (type) => `Grouping by expressions of type ${type} is not allowed`, g.pos);
        return key.sql;
      });
      sql += ` GROUP BY ${keys.join(', ')}`;
    }
    if (s.having) sql += ` HAVING ${this.boolExpr(s.having, fallback, 'HAVING')}`;
    if (s.qualify) sql += ` QUALIFY ${this.boolExpr(s.qualify, { ...fallback, winOk: true }, 'QUALIFY')}`;
    if (tail.orderBy) {
      const keys = tail.orderBy.map((o) => {
        if (!s.asStruct) {
          const idx = this.outputOrdinal(o.expr, items);
          if (idx !== null && !(aliases.get(lower(o.expr.parts?.[0] ?? ''))?.ambiguous)) {
            checkOrderable(items[idx].type, o.expr.pos);
            return this.orderItemSql(String(idx + 1), o);
          }
        }
        const r = this.expr(o.expr, { scope, aggOk: true, winOk: true, aliases, aliasMode: 'first' });
        checkOrderable(r.type, o.expr.pos);
        return this.orderItemSql(r.sql, o);
      });
      sql += ` ORDER BY ${keys.join(', ')}`;
    }
    sql += this.limitSql(tail, { scope });
    const cols = s.asStruct
      ? [{ name: null, type: items.every((it) => it.type) ? structOf(items.map((it) => ({ name: it.name, type: it.type }))) : null }]
      : items.map((it) => ({ name: it.name, type: it.type, isNull: it.isNull }));
    return { sql, cols };
  }

  boolExpr(e, ctx, clause) {
    const r = this.expr(e, ctx);
    if (r.type && !is(r.type, 'BOOL')) {
      throw new QueryError(`${clause} clause should return type BOOL, but returns ${r.type.name}${at(e.pos)}`);
    }
    return r.sql;
  }

  star(item, scope, ctx) {
    let cols = [];
    if (item.k === 'star') {
      if (!scope.rels.length) throw new QueryError(`SELECT * must have a FROM clause${at(item.pos)}`);
      for (const rel of scope.rels) cols.push(...this.relColumns(rel));
    } else {
      const p = item.expr;
      const rel = p.k === 'path' && p.parts.length === 1 ? this.findRel(scope, p.parts[0]) : null;
      if (rel && !rel.value) cols = this.relColumns(rel);
      else {
        const r = this.expr(p, ctx);
        if (!is(r.type, 'STRUCT')) throw new QueryError(`Dot-star is not supported for type ${r.type?.name ?? 'unknown'}${at(item.pos)}`);
        cols = r.type.fields.map((f) => ({ name: f.name, sql: `struct_extract(${r.sql}, ${qs(f.name)})`, type: f.type }));
      }
    }
    if (item.except) {
      for (const name of item.except) {
        const i = cols.findIndex((c) => c.name && lower(c.name) === lower(name));
        if (i < 0) throw new QueryError(`Column ${name} in SELECT * EXCEPT list does not exist${at(item.pos)}`);
        cols = cols.filter((c) => !(c.name && lower(c.name) === lower(name)));
      }
    }
    if (item.replace) {
      for (const rep of item.replace) {
        const i = cols.findIndex((c) => c.name && lower(c.name) === lower(rep.name));
        if (i < 0) throw new QueryError(`Column ${rep.name} in SELECT * REPLACE list does not exist${at(item.pos)}`);
        const r = this.expr(rep.expr, ctx);
        cols[i] = { name: cols[i].name, sql: r.sql, type: r.type };
      }
    }
    return cols.map((c) => ({ sql: c.sql, name: c.name, type: c.type }));
  }

  relColumns(rel) {
    const out = [];
    if (rel.value) {
      if (is(rel.value.type, 'STRUCT')) {
        for (const f of rel.value.type.fields) {
          out.push({ name: f.name, sql: `struct_extract(${rel.value.sql}, ${qs(f.name)})`, type: f.type });
        }
      } else {
        out.push({ name: rel.alias, sql: rel.value.sql, type: rel.value.type });
      }
    }
    for (const c of rel.cols) if (!c.hidden) out.push(c);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // FROM

  from(item, scope, outer) {
    switch (item.k) {
      case 'join': {
        const left = this.from(item.left, scope, outer);
        const before = scope.rels.length;
        const right = this.from(item.right, scope, outer);
        const rightRels = scope.rels.slice(before);
        const leftRels = scope.rels.slice(0, before);
        if (item.type === 'CROSS') return `${left} CROSS JOIN ${right}`;
        const kind = { INNER: 'INNER JOIN', LEFT: 'LEFT OUTER JOIN', RIGHT: 'RIGHT OUTER JOIN', FULL: 'FULL OUTER JOIN' }[item.type];
        let cond;
        if (item.on) cond = this.boolExpr(item.on, { scope, aggOk: false, winOk: false }, 'JOIN ON');
        else if (item.using) {
          if (item.type !== 'INNER' && item.type !== 'LEFT') throw unsupported(`${item.type} JOIN … USING`, item.pos);
          cond = item.using.map((name) => {
            const l = this.findColumn(leftRels, name, item.pos);
            const r = this.findColumn(rightRels, name, item.pos);
            r.col.hidden = true;
            return `${l.sql} = ${r.sql}`;
          }).join(' AND ');
        } else cond = 'TRUE';
        return `${left} ${kind} ${right} ON ${cond}`;
      }
      case 'paren':
        return `(${this.from(item.item, scope, outer)})`;
      case 'subquery': {
        const q = this.query(item.query, outer);
        const a = this.alias();
        scope.rels.push({ alias: item.alias, cols: q.cols.map((c, i) => ({ name: c.name, sql: `${qi(a)}."_c${i}"`, type: c.type })) });
        return `(${q.sql}) AS ${qi(a)}`;
      }
      case 'unnest': {
        // UNNEST(array) AS x [WITH OFFSET AS o]: a relation of one value column (and the offset).
        const arr = this.expr(item.expr, { scope, aggOk: false, winOk: false });
        if (arr.type && !is(arr.type, 'ARRAY')) {
          throw new QueryError(`Values referenced in UNNEST must be arrays. UNNEST contains expression of type ${arr.type.name}${at(item.pos)}`);
        }
        const a = this.alias();
        let sql = `(SELECT unnest(${arr.sql}) AS "v"`;
        const rel = { alias: item.alias, value: { sql: `${qi(a)}."v"`, type: arr.type ? arr.type.of : null }, cols: [] };
        if (item.withOffset) {
          sql += `, generate_subscripts(${arr.sql}, 1) - 1 AS "o"`;
          rel.cols.push({ name: item.offsetAlias || 'offset', sql: `${qi(a)}."o"`, type: T.INT64 });
        }
        scope.rels.push(rel);
        return `${sql}) AS ${qi(a)}`;
      }
      case 'table':
        return this.table(item, scope);
      default:
        throw unsupported(`FROM item ${item.k}`, item.pos);
    }
  }

  table(item, scope) {
    // FROM x.arr, x a range variable in scope: BigQuery's implicit UNNEST of a correlated array.
    if (item.parts.length > 1 && this.findRel(scope, item.parts[0])) {
      const expr = { k: 'path', parts: item.parts, pos: item.pos };
      return this.from({ k: 'unnest', expr, alias: item.alias ?? item.parts[item.parts.length - 1], pos: item.pos }, scope);
    }
    const parts = item.parts.flatMap((p) => p.split('.'));
    if (parts.some((p) => p === '')) throw new QueryError(`Invalid table name ${item.parts.join('.')}${at(item.pos)}`);
    if (parts.length === 1) {
      for (let s = scope; s; s = s.parent) {
        const cte = s.ctes.get(lower(parts[0]));
        if (cte) {
          const a = this.alias();
          scope.rels.push({ alias: item.alias ?? parts[0], cols: cte.cols.map((c, i) => ({ name: c.name, sql: `${qi(a)}."_c${i}"`, type: c.type })) });
          return `${cte.sqlName} AS ${qi(a)}`;
        }
      }
      if (!this.defaultDataset) {
        throw new QueryError(`Table name "${parts[0]}" missing dataset while no default dataset is set in the request.${at(item.pos)}`);
      }
      parts.unshift(this.defaultDataset);
    }
    let project = this.project;
    let rest = parts;
    const infoAt = parts.findIndex((p) => p.toUpperCase() === 'INFORMATION_SCHEMA');
    if (infoAt >= 0) {
      if (infoAt === 2) [project] = parts;
      else if (infoAt !== 1) throw unsupported(`INFORMATION_SCHEMA at the ${infoAt === 0 ? 'region' : 'given'} level`, item.pos);
      if (parts.length !== infoAt + 2) throw new QueryError(`Invalid INFORMATION_SCHEMA reference ${parts.join('.')}${at(item.pos)}`);
      const dataset = parts[infoAt - 1];
      const view = parts[infoAt + 1].toUpperCase();
      this.requireDataset(project, dataset);
      const def = INFORMATION_SCHEMA[view];
      if (!def) throw unsupported(`INFORMATION_SCHEMA.${view}`, item.pos);
      const a = this.alias();
      scope.rels.push({ alias: item.alias ?? parts[infoAt + 1], cols: def.map(([name, type]) => ({ name, sql: `${qi(a)}.${qi(name)}`, type })) });
      return `(SELECT * FROM "__bq_info".${qi(lower(view))} WHERE table_schema = ${qs(dataset)}) AS ${qi(a)}`;
    }
    if (parts.length === 3) [project, ...rest] = parts;
    else if (parts.length !== 2) throw new QueryError(`Invalid table name ${parts.join('.')}${at(item.pos)}`);
    const [dataset, name] = rest;
    const tables = this.requireDataset(project, dataset);
    const table = tables.get(name);
    if (!table) {
      throw new QueryError(`Not found: Table ${project}:${dataset}.${name} was not found in location ${this.location}`, 404, 'notFound');
    }
    const a = this.alias();
    scope.rels.push({ alias: item.alias ?? name, cols: table.columns.map((c) => ({ name: c.name, sql: `${qi(a)}.${qi(c.name)}`, type: c.type })) });
    return `${qi(dataset)}.${qi(name)} AS ${qi(a)}`;
  }

  requireDataset(project, dataset) {
    const tables = project === this.project ? this.catalog.datasets.get(dataset) : null;
    if (!tables) {
      throw new QueryError(`Not found: Dataset ${project}:${dataset} was not found in location ${this.location}`, 404, 'notFound');
    }
    return tables;
  }

  findRel(scope, name) {
    for (let s = scope; s; s = s.parent) {
      const rel = s.rels.find((r) => r.alias && lower(r.alias) === lower(name));
      if (rel) return rel;
    }
    return null;
  }

  findColumn(rels, name, pos) {
    const found = [];
    for (const rel of rels) {
      for (const c of rel.cols) if (!c.hidden && c.name && lower(c.name) === lower(name)) found.push({ rel, col: c, sql: c.sql, type: c.type });
      if (rel.value && is(rel.value.type, 'STRUCT')) {
        for (const f of rel.value.type.fields) {
          if (lower(f.name) === lower(name)) {
            found.push({ rel, col: {}, sql: `struct_extract(${rel.value.sql}, ${qs(f.name)})`, type: f.type });
          }
        }
      }
    }
    if (found.length > 1) throw new QueryError(`Column name ${name} is ambiguous${at(pos)}`);
    if (!found.length) throw new QueryError(`Unrecognized name: ${name}${at(pos)}`);
    return found[0];
  }

  // A path a.b.c: a range variable (table alias) and its column, or a column, then struct fields.
  resolvePath(e, ctx) {
    const [head, ...rest] = e.parts;
    if (ctx.aliasMode === 'first' && e.parts.length === 1) {
      const a = ctx.aliases?.get(lower(head));
      if (a && !a.ambiguous) return { sql: `(${a.sql})`, type: a.type };
    }
    for (let s = ctx.scope; s; s = s.parent) {
      const rel = s.rels.find((r) => r.alias && lower(r.alias) === lower(head));
      if (rel) {
        if (rel.value) return this.fields({ sql: rel.value.sql, type: rel.value.type }, rest, e.pos);
        if (!rest.length) throw unsupported(`the range variable ${head} as a value`, e.pos);
        const col = rel.cols.find((c) => c.name && lower(c.name) === lower(rest[0]));
        if (!col) throw new QueryError(`Name ${rest[0]} not found inside ${head}${at(e.pos)}`);
        return this.fields({ sql: col.sql, type: col.type }, rest.slice(1), e.pos);
      }
      let found = null;
      try {
        found = s.rels.length ? this.findColumn(s.rels, head, e.pos) : null;
      } catch (err) {
        if (!/^Unrecognized name/.test(err.message)) throw err;
      }
      if (found) return this.fields({ sql: found.sql, type: found.type }, rest, e.pos);
    }
    if (ctx.aliasMode === 'fallback' && e.parts.length === 1) {
      const a = ctx.aliases?.get(lower(head));
      if (a && !a.ambiguous) return { sql: `(${a.sql})`, type: a.type };
    }
    throw new QueryError(`Unrecognized name: ${head}${at(e.pos)}`);
  }

  fields(base, names, pos) {
    let cur = base;
    for (const name of names) {
      if (cur.type && !is(cur.type, 'STRUCT')) {
        throw new QueryError(`Cannot access field ${name} on a value with type ${cur.type.name}${at(pos)}`);
      }
      if (!cur.type) throw unsupported(`field access .${name} on a value of unknown type`, pos);
      const f = cur.type.fields.find((x) => x.name && lower(x.name) === lower(name));
      if (!f) throw new QueryError(`Field name ${name} does not exist in STRUCT${at(pos)}`);
      cur = { sql: `struct_extract(${cur.sql}, ${qs(f.name)})`, type: f.type };
    }
    return cur;
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions: {sql, type, isNull?, lit?}

  expr(e, ctx) {
    switch (e.k) {
      case 'lit':
        return literal(e);
      case 'typedlit':
        return typedLiteral(e);
      case 'param':
        return this.param(e);
      case 'path':
        return this.resolvePath(e, ctx);
      case 'paren': {
        const r = this.expr(e.expr, ctx);
        return { ...r, sql: `(${r.sql})` };
      }
      case 'field':
        return this.fields(this.expr(e.expr, ctx), [e.name], e.pos);
      case 'index':
        return subscript(this, e, ctx);
      case 'unary':
        return unary(this, e, ctx);
      case 'binary':
        return binary(this, e, ctx);
      case 'like': {
        const l = this.expr(e.expr, ctx);
        const p = this.expr(e.pattern, ctx);
        for (const [r, x] of [[l, e.expr], [p, e.pattern]]) {
          if (r.type && !is(r.type, 'STRING', 'BYTES')) throw new QueryError(`No matching signature for operator LIKE for argument types ${r.type.name}${at(x.pos)}`);
        }
        // BigQuery's LIKE escapes with a backslash; DuckDB's has no escape unless told.
        return { sql: `(${l.sql} ${e.not ? 'NOT LIKE' : 'LIKE'} ${p.sql} ESCAPE '\\')`, type: T.BOOL };
      }
      case 'between': {
        const [a, lo, hi] = [e.expr, e.lo, e.hi].map((x) => this.expr(x, ctx));
        if (!comparable(a, lo) || !comparable(a, hi)) throw new QueryError(`No matching signature for operator BETWEEN${at(e.pos)}`);
        return { sql: `(${a.sql} ${e.not ? 'NOT BETWEEN' : 'BETWEEN'} ${lo.sql} AND ${hi.sql})`, type: T.BOOL };
      }
      case 'in':
        return inExpr(this, e, ctx);
      case 'is': {
        const a = this.expr(e.expr, ctx);
        const not = e.not ? ' NOT' : '';
        if (e.what === 'DISTINCT') return { sql: `(${a.sql} IS${not} DISTINCT FROM ${this.expr(e.other, ctx).sql})`, type: T.BOOL };
        if (e.what !== 'NULL' && a.type && !is(a.type, 'BOOL')) throw new QueryError(`IS ${e.what} requires a BOOL${at(e.pos)}`);
        return { sql: `(${a.sql} IS${not} ${e.what})`, type: T.BOOL };
      }
      case 'case':
        return this.caseExpr(e, ctx);
      case 'cast': {
        const r = this.expr(e.expr, ctx);
        return castSql(r, e.type, e.safe, e.pos);
      }
      case 'extract':
        return translateExtract(this, e, ctx);
      case 'call':
        return translateCall(this, e, ctx);
      case 'exists': {
        const q = this.query(e.query, ctx.scope);
        return { sql: `(EXISTS (${q.sql}))`, type: T.BOOL };
      }
      case 'subquery': {
        const q = this.query(e.query, ctx.scope);
        if (q.cols.length !== 1) throw new QueryError(`Scalar subquery cannot have more than one column unless using SELECT AS STRUCT to build STRUCT values${at(e.pos)}`);
        return { sql: `(${q.sql})`, type: q.cols[0].type };
      }
      case 'arraysub': {
        const q = this.query(e.query, ctx.scope);
        if (q.cols.length !== 1) throw new QueryError(`ARRAY subquery cannot have more than one column unless using SELECT AS STRUCT to build STRUCT values${at(e.pos)}`);
        const t = q.cols[0].type;
        if (is(t, 'ARRAY')) throw new QueryError(`Cannot use array subquery with column of type ARRAY because nested arrays are not supported${at(e.pos)}`);
        return { sql: `ARRAY(${q.sql})`, type: t ? arrayOf(t) : null };
      }
      case 'arraylit':
        return this.arrayLiteral(e, ctx);
      case 'struct':
        return this.struct(e, ctx);
      case 'interval':
        return intervalSql(this.expr(e.value, ctx), e.part, e.pos);
      default:
        throw unsupported(`expression ${e.k}`, e.pos);
    }
  }

  param(e) {
    const key = lower(e.name);
    const p = this.params.get(key);
    if (!p) throw new QueryError(`Query parameter '${e.name}' not found${at(e.pos)}`);
    this.usedParams.add(key);
    return { sql: `CAST($bqp_${key} AS ${duckTypeSql(p.type)})`, type: p.type, param: p };
  }

  caseExpr(e, ctx) {
    let sql = 'CASE';
    if (e.operand) sql += ` ${this.expr(e.operand, ctx).sql}`;
    const results = [];
    for (const w of e.whens) {
      const c = e.operand ? this.expr(w.when, ctx) : { sql: this.boolExpr(w.when, ctx, 'WHEN') };
      const t = this.expr(w.then, ctx);
      results.push(t);
      sql += ` WHEN ${c.sql} THEN ${t.sql}`;
    }
    if (e.else) {
      const el = this.expr(e.else, ctx);
      results.push(el);
      sql += ` ELSE ${el.sql}`;
    }
    return { sql: `${sql} END`, type: resultType(results, e.pos) };
  }

  arrayLiteral(e, ctx) {
    const items = e.items.map((i) => this.expr(i, ctx));
    let elem = e.elemType ? typeFromAst(e.elemType) : resultType(items, e.pos);
    if (!elem && !items.length) elem = T.INT64;
    if (!elem && items.every((i) => i.isNull)) elem = T.INT64;
    if (is(elem, 'ARRAY')) throw new QueryError(`Cannot construct array with element type ARRAY because nested arrays are not supported${at(e.pos)}`);
    if (!elem) throw unsupported('array literal of elements of unknown type', e.pos);
    return { sql: `CAST([${items.map((i) => i.sql).join(', ')}] AS ${duckTypeSql(arrayOf(elem))})`, type: arrayOf(elem) };
  }

  struct(e, ctx) {
    const vals = e.fields.map((f) => this.expr(f.expr, ctx));
    if (!vals.length) throw unsupported('empty STRUCT()', e.pos);
    let fields;
    if (e.type) {
      const t = typeFromAst(e.type);
      if (t.fields.length !== vals.length) throw new QueryError(`STRUCT type has ${t.fields.length} fields but constructor call has ${vals.length} fields${at(e.pos)}`);
      if (e.fields.some((f) => f.alias)) throw new QueryError(`STRUCT constructors cannot specify both an explicit type and field names with AS${at(e.pos)}`);
      fields = t.fields.map((f, i) => ({ name: f.name, type: f.type, sql: `CAST(${vals[i].sql} AS ${duckTypeSql(f.type)})` }));
    } else {
      fields = e.fields.map((f, i) => ({ name: f.alias ?? implicitName(f.expr), type: vals[i].type, sql: vals[i].sql, isNull: vals[i].isNull }));
      // A NULL literal field is INT64 in BigQuery, but coerces to its counterpart's type in a
      // supertype (IFNULL(agg, STRUCT(NULL AS c0))).
      for (const f of fields) if (f.isNull) f.type = T.INT64;
    }
    if (fields.some((f) => !f.name)) throw unsupported('STRUCT fields without a name', e.pos);
    checkDistinctNames(fields.map((f) => f.name), e.pos);
    const type = fields.every((f) => f.type)
      ? structOf(fields.map((f) => (f.isNull ? { name: f.name, type: f.type, nullLit: true } : { name: f.name, type: f.type })))
      : null;
    return { sql: `struct_pack(${fields.map((f) => `${qi(f.name)} := ${f.sql}`).join(', ')})`, type };
  }

  // ORDER BY inside an aggregate or a window, defaulted to BigQuery's NULL order.
  orderList(items, ctx, { aggregate = false } = {}) {
    return items.map((o) => {
      if (aggregate && o.nulls && o.nulls !== (o.dir === 'ASC' ? 'FIRST' : 'LAST')) {
        throw new QueryError(`NULLS ${o.nulls} not supported with ${o.dir === 'ASC' ? 'ascending' : 'descending'} sort order in aggregate functions${at(o.expr.pos)}`);
      }
      const r = this.expr(o.expr, ctx);
      checkOrderable(r.type, o.expr.pos);
      return this.orderItemSql(r.sql, o);
    }).join(', ');
  }

  overSql(over, ctx) {
    const parts = [];
    if (over.partitionBy) {
      const keys = over.partitionBy.map((p) => {
        const r = this.expr(p, { ...ctx, winOk: false });
        // Windows partition by groupable types only, and not by FLOAT64 either.
        if (is(r.type, 'STRUCT', 'ARRAY', 'JSON', 'GEOGRAPHY', 'FLOAT64')) {
          throw new QueryError(`Partitioning by expressions of type ${r.type.name} is not allowed${at(p.pos)}`);
        }
        return r.sql;
      });
      parts.push(`PARTITION BY ${keys.join(', ')}`);
    }
    if (over.orderBy) parts.push(`ORDER BY ${this.orderList(over.orderBy, { ...ctx, winOk: false })}`);
    if (over.frame) parts.push(over.frame);
    return ` OVER (${parts.join(' ')})`;
  }
}

// ----------------------------------------------------------------------------------------------

function implicitName(e) {
  if (e.k === 'path') return e.parts[e.parts.length - 1];
  if (e.k === 'field') return e.name;
  if (e.k === 'paren') return null;
  return null;
}

function checkOrderable(t, pos) {
  if (is(t, 'ARRAY', 'STRUCT', 'JSON', 'GEOGRAPHY')) throw new QueryError(`ORDER BY does not support expressions of type ${t.name}${at(pos)}`);
}

// GROUP BY and SELECT DISTINCT (`clause`): BigQuery groups no JSON or GEOGRAPHY value, and
// `refusal(type name)` is its error. It has lately grouped STRUCTs and ARRAYs in those two clauses
// (data-types#groupable_data_types), which it used to refuse; the double refuses them as
// unsupported, so the engine cannot come to rely on them.
function checkGroupable(t, clause, refusal, pos) {
  if (is(t, 'JSON', 'GEOGRAPHY')) throw new QueryError(`${refusal(t.name)}${at(pos)}`);
  if (is(t, 'STRUCT', 'ARRAY')) throw unsupported(`${clause} ${t.name === 'ARRAY' ? 'an' : 'a'} ${t.name} value`, pos);
}

function checkDistinctNames(names, pos) {
  const seen = new Set();
  for (const n of names) {
    if (seen.has(lower(n))) throw unsupported(`duplicate field name ${n} in a STRUCT`, pos);
    seen.add(lower(n));
  }
}

// Translates one BigQuery query. ctx: {catalog, project, location, defaultDataset, params:
// Map(lowercased name → {name, type})}. Returns {sql, columns: [{name, type}], usedParams}.
export function translate(text, ctx) {
  const ast = parse(text);
  const tr = new Translator(ctx);
  const out = tr.top(ast);
  return { ...out, usedParams: tr.usedParams };
}

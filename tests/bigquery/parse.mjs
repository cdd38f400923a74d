// Parser for the subset of BigQuery's SQL dialect (GoogleSQL) the test double accepts: tokens
// (lex.mjs) → an AST that translate.mjs turns into DuckDB SQL, so no BigQuery text ever reaches
// DuckDB as is. Anything it does not know is refused with a QueryError naming the construct.

import { QueryError, at, lex, unsupported } from './lex.mjs';

export { QueryError, at, unsupported };

const COMPARISONS = new Set(['=', '!=', '<>', '<', '>', '<=', '>=']);

class Parser {
  constructor(text) {
    this.toks = lex(text);
    this.i = 0;
  }
  get tok() {
    return this.toks[this.i];
  }
  peek(n = 1) {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)];
  }
  next() {
    return this.toks[this.i++];
  }
  isKw(v, t = this.tok) {
    return t.t === 'kw' && t.v === v;
  }
  isOp(v, t = this.tok) {
    return t.t === 'op' && t.v === v;
  }
  // A non-reserved word such as OFFSET, STRUCT's AS-less names, or DATE.
  isWord(v, t = this.tok) {
    return t.t === 'ident' && !t.quoted && t.v.toUpperCase() === v;
  }
  acceptKw(v) {
    if (this.isKw(v)) return this.next();
    return null;
  }
  acceptOp(v) {
    if (this.isOp(v)) return this.next();
    return null;
  }
  acceptWord(v) {
    if (this.isWord(v)) return this.next();
    return null;
  }
  fail(what) {
    const t = this.tok;
    const got = t.t === 'eof' ? 'end of input' : t.t === 'kw' ? `keyword ${t.v}` : `"${t.v}"`;
    return new QueryError(`Syntax error: Expected ${what} but got ${got}${at(t.pos)}`);
  }
  expectKw(v) {
    if (!this.isKw(v)) throw this.fail(`keyword ${v}`);
    return this.next();
  }
  expectOp(v) {
    if (!this.isOp(v)) throw this.fail(`"${v}"`);
    return this.next();
  }
  expectIdent() {
    if (this.tok.t !== 'ident') throw this.fail('identifier');
    return this.next();
  }

  // script := statement [;]  — one query; multi-statement scripts are not supported.
  script() {
    const t = this.tok;
    if (!this.isKw('SELECT') && !this.isKw('WITH') && !this.isOp('(')) {
      const word = t.t === 'eof' ? 'an empty query' : `the statement ${String(t.v).toUpperCase()}`;
      throw unsupported(`${word} (only SELECT queries)`, t.pos);
    }
    const q = this.query();
    this.acceptOp(';');
    if (this.tok.t !== 'eof') {
      if (this.isKw('SELECT') || this.isKw('WITH') || this.tok.t === 'ident' || this.isKw('CREATE') ||
          this.isKw('MERGE')) {
        throw unsupported('multi-statement scripts', this.tok.pos);
      }
      throw this.fail('end of input');
    }
    return q;
  }

  query() {
    const pos = this.tok.pos;
    let ctes = [];
    if (this.acceptKw('WITH')) {
      if (this.acceptKw('RECURSIVE')) throw unsupported('WITH RECURSIVE', pos);
      do {
        const name = this.expectIdent();
        this.expectKw('AS');
        this.expectOp('(');
        const q = this.query();
        this.expectOp(')');
        ctes.push({ name: name.v, query: q, pos: name.pos });
      } while (this.acceptOp(','));
    }
    let body = this.setOperand();
    for (;;) {
      let op = null;
      if (this.isKw('UNION')) op = 'UNION';
      else if (this.isKw('INTERSECT')) op = 'INTERSECT';
      else if (this.isKw('EXCEPT')) op = 'EXCEPT';
      else break;
      const opTok = this.next();
      let all;
      if (this.acceptKw('ALL')) all = true;
      else if (this.acceptKw('DISTINCT')) all = false;
      else throw this.fail(`ALL or DISTINCT after ${op}`);
      if (op !== 'UNION' && all) throw unsupported(`${op} ALL`, opTok.pos);
      const right = this.setOperand();
      body = { k: 'setop', op, all, left: body, right, pos: opTok.pos };
    }
    const q = { k: 'query', ctes, body, orderBy: null, limit: null, offset: null, pos };
    if (this.isKw('ORDER')) q.orderBy = this.orderBy();
    if (this.acceptKw('LIMIT')) {
      q.limit = this.expr();
      if (this.acceptWord('OFFSET')) q.offset = this.expr();
    }
    return q;
  }

  setOperand() {
    if (this.isOp('(')) {
      this.next();
      const q = this.query();
      this.expectOp(')');
      return q;
    }
    return this.select();
  }

  orderBy() {
    this.expectKw('ORDER');
    this.expectKw('BY');
    const items = [];
    do {
      const expr = this.expr();
      let dir = 'ASC';
      let explicitDir = false;
      if (this.acceptKw('ASC')) explicitDir = true;
      else if (this.acceptKw('DESC')) {
        dir = 'DESC';
        explicitDir = true;
      }
      let nulls = null;
      if (this.acceptKw('NULLS')) {
        if (this.acceptWord('FIRST')) nulls = 'FIRST';
        else if (this.acceptWord('LAST')) nulls = 'LAST';
        else throw this.fail('FIRST or LAST');
      }
      items.push({ expr, dir, explicitDir, nulls });
    } while (this.acceptOp(','));
    return items;
  }

  select() {
    const pos = this.expectKw('SELECT').pos;
    const s = { k: 'select', distinct: false, asStruct: false, items: [], from: null, where: null,
      groupBy: null, having: null, qualify: null, pos };
    if (this.acceptKw('AS')) {
      if (this.acceptKw('STRUCT')) s.asStruct = true;
      else if (this.isWord('VALUE')) throw unsupported('SELECT AS VALUE', pos);
      else throw this.fail('STRUCT');
    }
    if (this.acceptKw('DISTINCT')) s.distinct = true;
    else this.acceptKw('ALL');
    do {
      s.items.push(this.selectItem());
    } while (this.acceptOp(','));
    if (this.acceptKw('FROM')) s.from = this.fromClause();
    if (this.acceptKw('WHERE')) s.where = this.expr();
    if (this.acceptKw('GROUP')) {
      this.expectKw('BY');
      if (this.isKw('ROLLUP') || this.isKw('CUBE') || this.isKw('GROUPING')) {
        throw unsupported(`GROUP BY ${this.tok.v}`, this.tok.pos);
      }
      s.groupBy = [];
      do {
        s.groupBy.push(this.expr());
      } while (this.acceptOp(','));
    }
    if (this.acceptKw('HAVING')) s.having = this.expr();
    if (this.acceptKw('QUALIFY')) s.qualify = this.expr();
    if (this.isKw('WINDOW')) throw unsupported('named windows (WINDOW)', this.tok.pos);
    return s;
  }

  selectItem() {
    const pos = this.tok.pos;
    if (this.isOp('*')) {
      this.next();
      return { k: 'star', ...this.starModifiers(), pos };
    }
    const expr = this.expr();
    if (this.isOp('.') && this.isOp('*', this.peek())) {
      this.next();
      this.next();
      return { k: 'dotstar', expr, ...this.starModifiers(), pos };
    }
    let alias = null;
    if (this.acceptKw('AS')) alias = this.expectIdent().v;
    else if (this.tok.t === 'ident') alias = this.next().v;
    return { k: 'expr', expr, alias, pos };
  }

  starModifiers() {
    const mods = { except: null, replace: null };
    if (this.acceptKw('EXCEPT')) {
      this.expectOp('(');
      mods.except = [];
      do {
        mods.except.push(this.expectIdent().v);
      } while (this.acceptOp(','));
      this.expectOp(')');
    }
    if (this.acceptWord('REPLACE')) {
      this.expectOp('(');
      mods.replace = [];
      do {
        const expr = this.expr();
        this.acceptKw('AS');
        mods.replace.push({ expr, name: this.expectIdent().v });
      } while (this.acceptOp(','));
      this.expectOp(')');
    }
    return mods;
  }

  fromClause() {
    let left = this.fromItem();
    for (;;) {
      const pos = this.tok.pos;
      if (this.acceptOp(',')) {
        left = { k: 'join', type: 'CROSS', comma: true, left, right: this.fromItem(), pos };
        continue;
      }
      let type = null;
      if (this.isKw('JOIN')) type = 'INNER';
      else if (this.acceptKw('INNER')) type = 'INNER';
      else if (this.acceptKw('CROSS')) type = 'CROSS';
      else if (this.acceptKw('LEFT')) type = 'LEFT';
      else if (this.acceptKw('RIGHT')) type = 'RIGHT';
      else if (this.acceptKw('FULL')) type = 'FULL';
      else if (this.isKw('NATURAL')) throw unsupported('NATURAL JOIN', pos);
      else break;
      if (type === 'LEFT' || type === 'RIGHT' || type === 'FULL') this.acceptKw('OUTER');
      this.expectKw('JOIN');
      const right = this.fromItem();
      const j = { k: 'join', type, left, right, on: null, using: null, pos };
      if (type !== 'CROSS') {
        if (this.acceptKw('ON')) j.on = this.expr();
        else if (this.acceptKw('USING')) {
          this.expectOp('(');
          j.using = [];
          do {
            j.using.push(this.expectIdent().v);
          } while (this.acceptOp(','));
          this.expectOp(')');
        } else if (right.k !== 'unnest') {
          throw this.fail('ON or USING');
        }
      }
      left = j;
    }
    return left;
  }

  alias() {
    if (this.acceptKw('AS')) return this.expectIdent().v;
    if (this.tok.t === 'ident' && !this.isWord('PIVOT') && !this.isWord('UNPIVOT')) return this.next().v;
    return null;
  }

  fromItem() {
    const pos = this.tok.pos;
    let item;
    if (this.acceptKw('UNNEST')) {
      this.expectOp('(');
      const expr = this.expr();
      this.expectOp(')');
      item = { k: 'unnest', expr, alias: this.alias(), offsetAlias: null, withOffset: false, pos };
      if (this.isKw('WITH') && this.isWord('OFFSET', this.peek())) {
        this.next();
        this.next();
        item.withOffset = true;
        item.offsetAlias = this.alias();
      }
    } else if (this.isOp('(')) {
      this.next();
      if (this.isKw('SELECT') || this.isKw('WITH') || this.isOp('(')) {
        const q = this.query();
        this.expectOp(')');
        item = { k: 'subquery', query: q, alias: this.alias(), pos };
      } else {
        item = this.fromClause();
        this.expectOp(')');
        item = { k: 'paren', item, pos };
      }
    } else if (this.tok.t === 'ident') {
      const parts = [];
      const first = this.next();
      parts.push(first.v);
      while (this.isOp('.')) {
        this.next();
        const t = this.tok;
        if (t.t === 'ident' || t.t === 'kw') parts.push(this.next().v);
        else throw this.fail('identifier');
      }
      if (this.isOp('(')) throw unsupported('table-valued functions', pos);
      item = { k: 'table', parts, alias: this.alias(), pos };
    } else {
      throw this.fail('a table, subquery or UNNEST');
    }
    if (this.isWord('PIVOT') || this.isWord('UNPIVOT')) throw unsupported(this.tok.v.toUpperCase(), this.tok.pos);
    if (this.isKw('TABLESAMPLE')) throw unsupported('TABLESAMPLE', this.tok.pos);
    if (this.isKw('FOR')) throw unsupported('FOR SYSTEM_TIME AS OF', this.tok.pos);
    return item;
  }

  // Expressions, by BigQuery's operator precedence (lowest first).
  expr() {
    return this.orExpr();
  }
  orExpr() {
    let l = this.andExpr();
    while (this.isKw('OR')) {
      const pos = this.next().pos;
      l = { k: 'binary', op: 'OR', left: l, right: this.andExpr(), pos };
    }
    return l;
  }
  andExpr() {
    let l = this.notExpr();
    while (this.isKw('AND')) {
      const pos = this.next().pos;
      l = { k: 'binary', op: 'AND', left: l, right: this.notExpr(), pos };
    }
    return l;
  }
  notExpr() {
    if (this.isKw('NOT')) {
      const pos = this.next().pos;
      return { k: 'unary', op: 'NOT', expr: this.notExpr(), pos };
    }
    return this.comparison();
  }
  comparison() {
    const l = this.bitOr();
    const pos = this.tok.pos;
    if (this.tok.t === 'op' && COMPARISONS.has(this.tok.v)) {
      const op = this.next().v;
      return { k: 'binary', op: op === '<>' ? '!=' : op, left: l, right: this.bitOr(), pos };
    }
    if (this.isKw('IS')) {
      this.next();
      const not = !!this.acceptKw('NOT');
      if (this.acceptKw('NULL')) return { k: 'is', not, what: 'NULL', expr: l, pos };
      if (this.acceptKw('TRUE')) return { k: 'is', not, what: 'TRUE', expr: l, pos };
      if (this.acceptKw('FALSE')) return { k: 'is', not, what: 'FALSE', expr: l, pos };
      if (this.acceptKw('DISTINCT')) {
        this.expectKw('FROM');
        return { k: 'is', not, what: 'DISTINCT', expr: l, other: this.bitOr(), pos };
      }
      throw this.fail('NULL, TRUE, FALSE or DISTINCT FROM');
    }
    let not = false;
    if (this.isKw('NOT') && (this.isKw('LIKE', this.peek()) || this.isKw('IN', this.peek()) ||
        this.isKw('BETWEEN', this.peek()))) {
      this.next();
      not = true;
    }
    if (this.acceptKw('LIKE')) {
      if (this.isKw('ANY') || this.isKw('ALL') || this.isKw('SOME')) throw unsupported(`LIKE ${this.tok.v}`, pos);
      return { k: 'like', not, expr: l, pattern: this.bitOr(), pos };
    }
    if (this.acceptKw('BETWEEN')) {
      const lo = this.bitOr();
      this.expectKw('AND');
      return { k: 'between', not, expr: l, lo, hi: this.bitOr(), pos };
    }
    if (this.acceptKw('IN')) {
      if (this.acceptKw('UNNEST')) {
        this.expectOp('(');
        const arr = this.expr();
        this.expectOp(')');
        return { k: 'in', not, expr: l, unnest: arr, pos };
      }
      this.expectOp('(');
      if (this.isKw('SELECT') || this.isKw('WITH')) {
        const q = this.query();
        this.expectOp(')');
        return { k: 'in', not, expr: l, query: q, pos };
      }
      const list = [];
      do {
        list.push(this.expr());
      } while (this.acceptOp(','));
      this.expectOp(')');
      return { k: 'in', not, expr: l, list, pos };
    }
    if (not) throw this.fail('LIKE, IN or BETWEEN');
    return l;
  }
  binaryLevel(ops, nextFn) {
    let l = nextFn();
    while (this.tok.t === 'op' && ops.includes(this.tok.v)) {
      const t = this.next();
      l = { k: 'binary', op: t.v, left: l, right: nextFn(), pos: t.pos };
    }
    return l;
  }
  bitOr() {
    return this.binaryLevel(['|'], () => this.bitXor());
  }
  bitXor() {
    return this.binaryLevel(['^'], () => this.bitAnd());
  }
  bitAnd() {
    return this.binaryLevel(['&'], () => this.shift());
  }
  shift() {
    return this.binaryLevel(['<<', '>>'], () => this.additive());
  }
  additive() {
    return this.binaryLevel(['+', '-'], () => this.multiplicative());
  }
  multiplicative() {
    return this.binaryLevel(['*', '/', '||'], () => this.unary());
  }
  unary() {
    if (this.isOp('-') || this.isOp('+') || this.isOp('~')) {
      const t = this.next();
      return { k: 'unary', op: t.v, expr: this.unary(), pos: t.pos };
    }
    return this.postfix();
  }
  postfix() {
    let e = this.primary();
    for (;;) {
      if (this.isOp('.') && !this.isOp('*', this.peek())) {
        const pos = this.next().pos;
        const t = this.tok;
        if (t.t !== 'ident' && t.t !== 'kw') throw this.fail('field name');
        this.next();
        if (e.k === 'path' && !e.closed) e = { ...e, parts: [...e.parts, t.v] };
        else e = { k: 'field', expr: e, name: t.v, pos };
        continue;
      }
      if (this.isOp('[')) {
        const pos = this.next().pos;
        let mode = 'OFFSET';
        let index;
        const w = this.tok.t === 'ident' && !this.tok.quoted ? this.tok.v.toUpperCase() : null;
        if (['OFFSET', 'ORDINAL', 'SAFE_OFFSET', 'SAFE_ORDINAL'].includes(w) && this.isOp('(', this.peek())) {
          mode = w;
          this.next();
          this.next();
          index = this.expr();
          this.expectOp(')');
        } else {
          index = this.expr();
        }
        this.expectOp(']');
        e = { k: 'index', expr: e, mode, index, pos };
        continue;
      }
      return e;
    }
  }

  typeName() {
    const t = this.tok;
    if (this.acceptKw('ARRAY')) {
      this.expectOp('<');
      const of = this.typeName();
      this.expectOp('>');
      return { name: 'ARRAY', of };
    }
    if (this.acceptKw('STRUCT')) {
      this.expectOp('<');
      const fields = [];
      do {
        let name = null;
        if (this.tok.t === 'ident' && !(this.peek().t === 'op' && [',', '>', '<', '('].includes(this.peek().v))) {
          name = this.next().v;
        }
        fields.push({ name, type: this.typeName() });
      } while (this.acceptOp(','));
      this.expectOp('>');
      return { name: 'STRUCT', fields };
    }
    if (this.acceptKw('INTERVAL')) return { name: 'INTERVAL' };
    if (t.t !== 'ident') throw this.fail('a type name');
    this.next();
    const aliases = { INTEGER: 'INT64', INT: 'INT64', SMALLINT: 'INT64', BIGINT: 'INT64', TINYINT: 'INT64',
      BYTEINT: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL', DECIMAL: 'NUMERIC', BIGDECIMAL: 'BIGNUMERIC' };
    const up = t.v.toUpperCase();
    const name = aliases[up] || up;
    if (this.isOp('(')) throw unsupported(`parameterized type ${name}(…)`, t.pos);
    return { name, pos: t.pos };
  }

  // Arguments of a call, with the aggregate modifiers BigQuery allows inside the parentheses.
  callArgs(call) {
    if (this.acceptOp(')')) return call;
    if (this.acceptKw('DISTINCT')) call.distinct = true;
    if (this.isOp('*') && this.isOp(')', this.peek())) {
      this.next();
      call.star = true;
    } else {
      do {
        call.args.push(this.expr());
      } while (this.acceptOp(','));
    }
    if (this.acceptKw('IGNORE')) {
      this.expectKw('NULLS');
      call.nulls = 'IGNORE';
    } else if (this.acceptKw('RESPECT')) {
      this.expectKw('NULLS');
      call.nulls = 'RESPECT';
    }
    if (this.isKw('ORDER')) call.orderBy = this.orderBy();
    if (this.acceptKw('LIMIT')) call.limit = this.expr();
    if (this.isKw('HAVING')) throw unsupported('HAVING MAX/MIN in aggregates', this.tok.pos);
    this.expectOp(')');
    return call;
  }

  overClause() {
    this.expectOp('(');
    const w = { partitionBy: null, orderBy: null, frame: null };
    if (this.tok.t === 'ident') throw unsupported('named windows', this.tok.pos);
    if (this.acceptKw('PARTITION')) {
      this.expectKw('BY');
      w.partitionBy = [];
      do {
        w.partitionBy.push(this.expr());
      } while (this.acceptOp(','));
    }
    if (this.isKw('ORDER')) w.orderBy = this.orderBy();
    if (this.isKw('ROWS') || this.isKw('RANGE')) {
      const unit = this.next().v;
      const bound = () => {
        if (this.acceptKw('UNBOUNDED')) {
          if (this.acceptKw('PRECEDING')) return 'UNBOUNDED PRECEDING';
          this.expectKw('FOLLOWING');
          return 'UNBOUNDED FOLLOWING';
        }
        if (this.acceptKw('CURRENT')) {
          if (!this.acceptWord('ROW')) throw this.fail('ROW');
          return 'CURRENT ROW';
        }
        if (this.tok.t !== 'int') throw unsupported('window frame offsets other than integer literals', this.tok.pos);
        const n = this.next().v;
        if (this.acceptKw('PRECEDING')) return `${n} PRECEDING`;
        this.expectKw('FOLLOWING');
        return `${n} FOLLOWING`;
      };
      if (this.acceptKw('BETWEEN')) {
        const a = bound();
        this.expectKw('AND');
        w.frame = `${unit} BETWEEN ${a} AND ${bound()}`;
      } else {
        w.frame = `${unit} ${bound()}`;
      }
    }
    this.expectOp(')');
    return w;
  }

  primary() {
    const t = this.tok;
    const pos = t.pos;
    switch (t.t) {
      case 'int':
        this.next();
        return { k: 'lit', type: 'INT64', value: t.v, pos };
      case 'float':
        this.next();
        return { k: 'lit', type: 'FLOAT64', value: t.v, pos };
      case 'string':
        this.next();
        return { k: 'lit', type: 'STRING', value: t.v, pos };
      case 'bytes':
        this.next();
        return { k: 'lit', type: 'BYTES', value: t.v, pos };
      case 'param':
        this.next();
        return { k: 'param', name: t.v, pos };
      case 'op':
        if (t.v === '(') {
          this.next();
          if (this.isKw('SELECT') || this.isKw('WITH')) {
            const q = this.query();
            this.expectOp(')');
            return { k: 'subquery', query: q, pos };
          }
          const e = this.expr();
          if (this.isOp(',')) throw unsupported('tuple (…, …) expressions', pos);
          this.expectOp(')');
          return { k: 'paren', expr: e, pos };
        }
        if (t.v === '[') return this.arrayLiteral(null, pos);
        throw this.fail('an expression');
      case 'kw':
        return this.keywordPrimary(t);
      case 'ident':
        return this.identPrimary(t);
      default:
        throw this.fail('an expression');
    }
  }

  arrayLiteral(elemType, pos) {
    this.expectOp('[');
    const items = [];
    if (!this.isOp(']')) {
      do {
        items.push(this.expr());
      } while (this.acceptOp(','));
    }
    this.expectOp(']');
    return { k: 'arraylit', elemType, items, pos };
  }

  keywordPrimary(t) {
    const pos = t.pos;
    switch (t.v) {
      case 'NULL':
        this.next();
        return { k: 'lit', type: 'NULL', value: null, pos };
      case 'TRUE':
      case 'FALSE':
        this.next();
        return { k: 'lit', type: 'BOOL', value: t.v === 'TRUE', pos };
      case 'CASE': {
        this.next();
        const c = { k: 'case', operand: null, whens: [], else: null, pos };
        if (!this.isKw('WHEN')) c.operand = this.expr();
        while (this.acceptKw('WHEN')) {
          const when = this.expr();
          this.expectKw('THEN');
          c.whens.push({ when, then: this.expr() });
        }
        if (!c.whens.length) throw this.fail('WHEN');
        if (this.acceptKw('ELSE')) c.else = this.expr();
        this.expectKw('END');
        return c;
      }
      case 'CAST': {
        this.next();
        this.expectOp('(');
        const expr = this.expr();
        this.expectKw('AS');
        const type = this.typeName();
        if (this.isWord('FORMAT')) throw unsupported('CAST … FORMAT', this.tok.pos);
        this.expectOp(')');
        return { k: 'cast', safe: false, expr, type, pos };
      }
      case 'EXTRACT': {
        this.next();
        this.expectOp('(');
        const partTok = this.expectIdent();
        let part = partTok.v.toUpperCase();
        if (this.isOp('(')) throw unsupported(`EXTRACT(${part}(…))`, partTok.pos);
        this.expectKw('FROM');
        const expr = this.expr();
        if (this.isKw('AT')) throw unsupported('EXTRACT … AT TIME ZONE', this.tok.pos);
        this.expectOp(')');
        return { k: 'extract', part, expr, pos };
      }
      case 'EXISTS': {
        this.next();
        this.expectOp('(');
        const q = this.query();
        this.expectOp(')');
        return { k: 'exists', query: q, pos };
      }
      case 'ARRAY': {
        this.next();
        if (this.isOp('(')) {
          this.next();
          const q = this.query();
          this.expectOp(')');
          return { k: 'arraysub', query: q, pos };
        }
        let elemType = null;
        if (this.acceptOp('<')) {
          elemType = this.typeName();
          this.expectOp('>');
        }
        return this.arrayLiteral(elemType, pos);
      }
      case 'STRUCT': {
        this.next();
        let type = null;
        if (this.isOp('<')) {
          this.i--;
          type = this.typeName();
        }
        this.expectOp('(');
        const fields = [];
        if (!this.isOp(')')) {
          do {
            const expr = this.expr();
            let alias = null;
            if (this.acceptKw('AS')) alias = this.expectIdent().v;
            fields.push({ expr, alias });
          } while (this.acceptOp(','));
        }
        this.expectOp(')');
        return { k: 'struct', type, fields, pos };
      }
      case 'INTERVAL': {
        this.next();
        const value = this.additive();
        const partTok = this.expectIdent();
        if (this.isKw('TO')) throw unsupported('INTERVAL … TO … literals', partTok.pos);
        return { k: 'interval', value, part: partTok.v.toUpperCase(), pos };
      }
      case 'IF':
      case 'LEFT':
      case 'RIGHT':
      case 'ANY':
        if (this.isOp('(', this.peek())) return this.call(t.v, t);
        break;
      default:
        break;
    }
    throw this.fail('an expression');
  }

  call(name, t) {
    this.next();
    this.expectOp('(');
    const call = { k: 'call', name: name.toUpperCase(), args: [], distinct: false, star: false, nulls: null,
      orderBy: null, limit: null, over: null, pos: t.pos };
    this.callArgs(call);
    if (this.acceptKw('OVER')) call.over = this.overClause();
    return call;
  }

  identPrimary(t) {
    const pos = t.pos;
    const up = t.quoted ? null : t.v.toUpperCase();
    const nxt = this.peek();
    // Typed literals: DATE '…', NUMERIC '…', …
    if (up && nxt.t === 'string' &&
        ['DATE', 'DATETIME', 'TIMESTAMP', 'TIME', 'NUMERIC', 'BIGNUMERIC', 'JSON', 'RANGE', 'BIGDECIMAL',
          'DECIMAL'].includes(up)) {
      this.next();
      this.next();
      const type = { DECIMAL: 'NUMERIC', BIGDECIMAL: 'BIGNUMERIC' }[up] || up;
      return { k: 'typedlit', type, value: nxt.v, pos };
    }
    if (up && this.isOp('(', nxt)) {
      if (up === 'SAFE_CAST') {
        this.next();
        this.expectOp('(');
        const expr = this.expr();
        this.expectKw('AS');
        const type = this.typeName();
        this.expectOp(')');
        return { k: 'cast', safe: true, expr, type, pos };
      }
      if (up === 'SAFE' ) throw unsupported('SAFE. function prefix', pos);
      return this.call(up, t);
    }
    if (up === 'SAFE' && this.isOp('.', nxt)) throw unsupported('SAFE. function prefix', pos);
    this.next();
    return { k: 'path', parts: [t.v], pos };
  }
}

export function parse(text) {
  return new Parser(text).script();
}

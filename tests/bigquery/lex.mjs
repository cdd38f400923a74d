// BigQuery's lexical structure (GoogleSQL): backtick identifiers, the string and bytes literal
// forms with their escapes, numbers, @parameters, reserved keywords; and the QueryError every
// stage of the double throws for a query it refuses.

export class QueryError extends Error {
  // status/reason follow BigQuery's error table: 400 invalidQuery for anything wrong with the
  // query, 404 notFound for a missing dataset or table.
  constructor(message, status = 400, reason = 'invalidQuery') {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

export function unsupported(what, pos) {
  return new QueryError(`Not supported by the BigQuery test double: ${what}${at(pos)}`);
}

export function at(pos) {
  return pos ? ` at [${pos.line}:${pos.col}]` : '';
}

// BigQuery's reserved keywords (GoogleSQL lexical structure); an unquoted one is never a name.
const RESERVED = new Set(
  ('ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS CREATE ' +
    'CROSS CUBE CURRENT DEFAULT DEFINE DESC DISTINCT ELSE END ENUM ESCAPE EXCEPT EXCLUDE EXISTS ' +
    'EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL GROUP GROUPING GROUPS HASH HAVING IF IGNORE IN ' +
    'INNER INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP MERGE NATURAL NEW NO ' +
    'NOT NULL NULLS OF ON OR ORDER OUTER OVER PARTITION PRECEDING PROTO QUALIFY RANGE RECURSIVE ' +
    'RESPECT RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE UNBOUNDED ' +
    'UNION UNNEST USING WHEN WHERE WINDOW WITH WITHIN').split(' '),
);

const PUNCT = ['<<', '>>', '<=', '>=', '<>', '!=', '||', '=>', '(', ')', '[', ']', ',', '.', ';',
  '+', '-', '*', '/', '=', '<', '>', '&', '|', '^', '~'];

function decodeEscapes(body, bytes, pos) {
  // Returns an array of code points (strings) or byte values (bytes literals).
  const out = [];
  const bad = (what) => new QueryError(`Illegal escape sequence: ${what}${at(pos)}`);
  for (let i = 0; i < body.length; ) {
    const ch = body[i];
    if (ch !== '\\') {
      const cp = body.codePointAt(i);
      if (bytes) out.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
      else out.push(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) throw bad('\\');
    const simple = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '?': 63, '"': 34, "'": 39, '`': 96 };
    if (e in simple) {
      out.push(simple[e]);
      i += 2;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) throw bad('\\' + oct);
      out.push(parseInt(oct, 8));
      i += 4;
    } else if (e === 'x' || e === 'X') {
      const hex = body.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw bad('\\x' + hex);
      out.push(parseInt(hex, 16));
      i += 4;
    } else if ((e === 'u' || e === 'U') && !bytes) {
      const n = e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw bad('\\' + e + hex);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw bad('\\' + e + hex);
      out.push(cp);
      i += 2 + n;
    } else {
      throw bad('\\' + e);
    }
  }
  return out;
}

export function lex(text) {
  const toks = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = () => ({ line, col: i - lineStart + 1 });
  const advance = (n) => {
    for (let k = 0; k < n; k++) {
      if (text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
      i++;
    }
  };
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      advance(1);
      continue;
    }
    if (c === '#' || (c === '-' && text[i + 1] === '-')) {
      while (i < text.length && text[i] !== '\n') advance(1);
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new QueryError(`Syntax error: Unclosed comment${at(pos())}`);
      advance(end + 2 - i);
      continue;
    }
    const p = pos();
    // String and bytes literals, with their optional r/b prefixes.
    const pre = /^(rb|br|r|b)?(['"])/i.exec(text.slice(i, i + 4));
    if (pre && (pre[1] === undefined || /^[rRbB]/.test(c))) {
      const prefix = (pre[1] || '').toLowerCase();
      const raw = prefix.includes('r');
      const bytes = prefix.includes('b');
      advance(prefix.length);
      const q = text[i];
      const triple = text.slice(i, i + 3) === q.repeat(3);
      const delim = triple ? q.repeat(3) : q;
      advance(delim.length);
      let body = '';
      for (;;) {
        if (i >= text.length) throw new QueryError(`Syntax error: Unclosed string literal${at(p)}`);
        if (text.startsWith(delim, i)) break;
        if (text[i] === '\\') {
          body += text.slice(i, i + 2);
          advance(2);
          continue;
        }
        if (!triple && text[i] === '\n') {
          throw new QueryError(`Syntax error: Unclosed string literal${at(p)}`);
        }
        body += text[i];
        advance(1);
      }
      advance(delim.length);
      let value;
      if (raw) {
        value = bytes ? Uint8Array.from(Buffer.from(body, 'utf8')) : body;
      } else {
        const units = decodeEscapes(body, bytes, p);
        value = bytes ? Uint8Array.from(units) : String.fromCodePoint(...units);
      }
      toks.push({ t: bytes ? 'bytes' : 'string', v: value, pos: p });
      continue;
    }
    if (c === '`') {
      let body = '';
      advance(1);
      for (;;) {
        if (i >= text.length) throw new QueryError(`Syntax error: Unclosed identifier literal${at(p)}`);
        if (text[i] === '`') break;
        if (text[i] === '\\') {
          body += text.slice(i, i + 2);
          advance(2);
          continue;
        }
        body += text[i];
        advance(1);
      }
      advance(1);
      const name = String.fromCodePoint(...decodeEscapes(body, false, p));
      if (name === '') throw new QueryError(`Syntax error: Invalid empty identifier${at(p)}`);
      toks.push({ t: 'ident', v: name, quoted: true, pos: p });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      advance(m[0].length);
      const up = m[0].toUpperCase();
      if (RESERVED.has(up)) toks.push({ t: 'kw', v: up, pos: p });
      else toks.push({ t: 'ident', v: m[0], quoted: false, pos: p });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] || ''))) {
      const rest = text.slice(i);
      const hex = /^0[xX][0-9a-fA-F]+/.exec(rest);
      const m = hex || /^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?/.exec(rest);
      advance(m[0].length);
      if (/^[A-Za-z_]/.test(text.slice(i))) {
        throw new QueryError(`Syntax error: Missing whitespace between literal and alias${at(p)}`);
      }
      const isFloat = !hex && /[.eE]/.test(m[0]);
      toks.push({ t: isFloat ? 'float' : 'int', v: m[0], pos: p });
      continue;
    }
    if (c === '@') {
      if (text[i + 1] === '@') throw unsupported('system variables (@@)', p);
      const m = /^@([A-Za-z_][A-Za-z0-9_]*|`[^`]+`)/.exec(text.slice(i));
      if (!m) throw new QueryError(`Syntax error: Unexpected "@"${at(p)}`);
      advance(m[0].length);
      toks.push({ t: 'param', v: m[1].replace(/`/g, ''), pos: p });
      continue;
    }
    if (c === '?') throw unsupported('positional parameters (?)', p);
    const op = PUNCT.find((o) => text.startsWith(o, i));
    if (!op) throw new QueryError(`Syntax error: Illegal input character "${c}"${at(p)}`);
    advance(op.length);
    toks.push({ t: 'op', v: op, pos: p });
  }
  toks.push({ t: 'eof', v: '', pos: pos() });
  return toks;
}

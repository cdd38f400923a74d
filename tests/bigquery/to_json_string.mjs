// TO_JSON_STRING(value), as ZetaSQL's JsonFromValue writes it (zetasql/public/functions/
// json_format.cc), for a scalar or a STRUCT of scalars: {"name":value,…} without spaces, NULL as
// null. The text is BigQuery's for the types whose encoding the double reproduces (TEXT below,
// built by the bq_json_* macros of macros.mjs). The other scalar types (FLOAT64's shortest form,
// the formats of DATETIME, TIME and TIMESTAMP) get a text of the double's own, which is accepted
// only where no one reads it: as the argument of an aggregate with DISTINCT (the engine's
// COUNT(DISTINCT TO_JSON_STRING(STRUCT(a AS c0, b AS c1)))), where all that matters is that equal
// values give equal texts and different values different ones. Anything else is refused.

import { unsupported } from './parse.mjs';
import { T, quoteString as qs, is, typeText } from './types.mjs';

// BigQuery's text of a non-NULL value, by type.
const TEXT = {
  INT64: (v) => `bq_json_int64(${v})`,
  NUMERIC: (v) => `bq_json_numeric(${v})`,
  BOOL: (v) => `CASE WHEN ${v} THEN 'true' ELSE 'false' END`,
  STRING: (v) => `bq_json_string(${v})`,
  BYTES: (v) => `'"' || to_base64(${v}) || '"'`,
  DATE: (v) => `'"' || CAST(${v} AS VARCHAR) || '"'`,
};

// The double's own text, one per value: DuckDB's text of it, quoted.
const UNSEEN_TEXT_TYPES = ['FLOAT64', 'DATETIME', 'TIME', 'TIMESTAMP'];

function valueText(sql, type, unseen, pos) {
  let text;
  if (TEXT[type.name]) text = TEXT[type.name](sql);
  else if (unseen && UNSEEN_TEXT_TYPES.includes(type.name)) text = `bq_json_string(CAST(${sql} AS VARCHAR))`;
  else if (UNSEEN_TEXT_TYPES.includes(type.name)) {
    throw unsupported(`TO_JSON_STRING of a ${type.name} value outside an aggregate's DISTINCT (BigQuery's text of it is not reproduced)`, pos);
  } else throw unsupported(`TO_JSON_STRING of a ${typeText(type)} value`, pos);
  return `COALESCE(${text}, 'null')`;
}

// ctx.textUnseen: the call is the argument of an aggregate with DISTINCT (functions.mjs).
export function toJsonString(call, args, ctx) {
  if (args.length === 2) throw unsupported('TO_JSON_STRING with pretty_print', call.pos);
  const [x] = args;
  const unseen = !!ctx.textUnseen;
  if (x.isNull) return { sql: "'null'", type: T.STRING };
  if (!x.type) throw unsupported('TO_JSON_STRING of a value of unknown type', call.pos);
  if (!is(x.type, 'STRUCT')) return { sql: valueText(x.sql, x.type, unseen, call.pos), type: T.STRING };
  const pieces = x.type.fields.map((f, i) => {
    const member = `${qs(`${i ? ',' : ''}${JSON.stringify(f.name)}:`)}`;
    return `${member} || ${valueText(`struct_extract(${x.sql}, ${qs(f.name)})`, f.type, unseen, call.pos)}`;
  });
  return { sql: `CASE WHEN (${x.sql}) IS NULL THEN 'null' ELSE '{' || ${pieces.join(' || ')} || '}' END`, type: T.STRING };
}

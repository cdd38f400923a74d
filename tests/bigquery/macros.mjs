// The DuckDB macros the translations call (functions.mjs, translate.mjs), created once per
// database by double.mjs. Each reproduces a BigQuery behaviour DuckDB's own function lacks,
// mostly errors BigQuery raises where DuckDB answers NULL or rounds.

const WS = '[\\s\\v\\x{85}\\p{Z}]';

// ZetaSQL's JsonEscapeString (zetasql/common/json_util.cc), which TO_JSON_STRING writes strings
// with: backslash and double quote escaped, control characters as \b \f \n \r \t or \u00xx,
// U+2028 and U+2029 as \u2028 and \u2029, everything else as it is. The backslash goes first, so
// the escapes added after it are not escaped again.
function jsonEscaped(s) {
  let sql = `replace(replace(${s}, '\\', '\\\\'), '"', '\\"')`;
  const SHORT = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
  for (let c = 0; c < 0x20; c += 1) {
    sql = `replace(${sql}, chr(${c}), '${SHORT[c] ?? `\\u${c.toString(16).padStart(4, '0')}`}')`;
  }
  return `replace(replace(${sql}, chr(8232), '\\u2028'), chr(8233), '\\u2029')`;
}

export const MACROS = [
  // Division and modulo by zero are errors in BigQuery and NULL (or Infinity) in DuckDB.
  `CREATE MACRO bq_div(a, b) AS CASE WHEN b = 0 THEN error('division by zero: ' || CAST(a AS VARCHAR) || ' / ' || CAST(b AS VARCHAR)) ELSE a / b END`,
  `CREATE MACRO bq_mod(a, b) AS CASE WHEN b = 0 THEN error('division by zero: MOD(' || CAST(a AS VARCHAR) || ', ' || CAST(b AS VARCHAR) || ')') ELSE a % b END`,
  `CREATE MACRO bq_intdiv(a, b) AS CASE WHEN b = 0 THEN error('division by zero: DIV(' || CAST(a AS VARCHAR) || ', ' || CAST(b AS VARCHAR) || ')') ELSE a // b END`,
  // BigQuery's CAST(STRING AS INT64) takes decimal or hex digits with an optional sign and
  // surrounding whitespace, nothing else ('1.5' is an error, not 2).
  `CREATE MACRO bq_str_int64(s, safe) AS CASE WHEN s IS NULL THEN NULL
     WHEN regexp_full_match(s, '\\s*[+-]?[0-9]+\\s*') THEN CAST(trim(s) AS BIGINT)
     WHEN regexp_full_match(s, '\\s*[+]?0[xX][0-9a-fA-F]+\\s*') THEN CAST(ltrim(trim(s), '+') AS BIGINT)
     WHEN regexp_full_match(s, '\\s*-0[xX][0-9a-fA-F]+\\s*') THEN - CAST(ltrim(trim(s), '-') AS BIGINT)
     WHEN safe THEN NULL ELSE error('Bad int64 value: ' || s) END`,
  `CREATE MACRO bq_str_bool(s, safe) AS CASE WHEN s IS NULL THEN NULL WHEN lower(s) = 'true' THEN TRUE
     WHEN lower(s) = 'false' THEN FALSE WHEN safe THEN NULL ELSE error('Bad bool value: ' || s) END`,
  `CREATE MACRO bq_numeric_str(n) AS CASE WHEN contains(CAST(n AS VARCHAR), '.')
     THEN rtrim(rtrim(CAST(n AS VARCHAR), '0'), '.') ELSE CAST(n AS VARCHAR) END`,
  // AVG of NUMERIC is NUMERIC, rounded half away from zero at 9 digits, computed exactly from the
  // scaled sum (DuckDB's avg would go through DOUBLE).
  `CREATE MACRO bq_numeric_avg(s, n) AS CASE WHEN n = 0 OR s IS NULL THEN NULL ELSE
     CAST(CASE WHEN CAST(replace(CAST(s AS VARCHAR), '.', '') AS HUGEINT) >= 0
       THEN (2 * CAST(replace(CAST(s AS VARCHAR), '.', '') AS HUGEINT) + n) // (2 * CAST(n AS HUGEINT))
       ELSE - ((- 2 * CAST(replace(CAST(s AS VARCHAR), '.', '') AS HUGEINT) + n) // (2 * CAST(n AS HUGEINT))) END
     AS DECIMAL(38,0)) * CAST('0.000000001' AS DECIMAL(38,9)) END`,
  `CREATE MACRO bq_substr_start(s, p) AS CASE WHEN p IS NULL THEN NULL WHEN p > 0 THEN p WHEN p = 0 THEN 1
     ELSE greatest(length(s) + p + 1, 1) END`,
  `CREATE MACRO bq_substr(s, p) AS substring(s, bq_substr_start(s, p)),
     (s, p, l) AS CASE WHEN l < 0 THEN error('Third argument in SUBSTR() cannot be negative')
     ELSE substring(s, bq_substr_start(s, p), l) END`,
  `CREATE MACRO bq_repeat(s, n) AS CASE WHEN n < 0 THEN error('Second argument in REPEAT() cannot be negative') ELSE repeat(s, n) END`,
  `CREATE MACRO bq_pad_len(n) AS CASE WHEN n < 0 THEN error('Second argument in LPAD/RPAD cannot be negative') ELSE n END`,
  `CREATE MACRO bq_pad_pattern(p) AS CASE WHEN p = '' THEN error('Third argument in LPAD/RPAD cannot be empty') ELSE p END`,
  `CREATE MACRO bq_left(s, n) AS CASE WHEN n < 0 THEN error('Second argument in LEFT() cannot be negative') ELSE left(s, n) END`,
  `CREATE MACRO bq_right(s, n) AS CASE WHEN n < 0 THEN error('Second argument in RIGHT() cannot be negative') ELSE right(s, n) END`,
  `CREATE MACRO bq_trim(s) AS regexp_replace(s, '^${WS}+|${WS}+$', '', 'g')`,
  `CREATE MACRO bq_ltrim(s) AS regexp_replace(s, '^${WS}+', '')`,
  `CREATE MACRO bq_rtrim(s) AS regexp_replace(s, '${WS}+$', '')`,
  `CREATE MACRO bq_sqrt(x) AS CASE WHEN x < 0 THEN error('Argument to SQRT cannot be negative: ' || CAST(x AS VARCHAR)) ELSE sqrt(x) END`,
  `CREATE MACRO bq_pow(x, y) AS CASE
     WHEN isnan(pow(x, y)) AND NOT isnan(x) AND NOT isnan(y) THEN error('Floating point error in function: POW(' || CAST(x AS VARCHAR) || ', ' || CAST(y AS VARCHAR) || ')')
     WHEN isinf(pow(x, y)) AND NOT isinf(x) AND NOT isinf(y) THEN error('Floating point overflow in function: POW(' || CAST(x AS VARCHAR) || ', ' || CAST(y AS VARCHAR) || ')')
     ELSE pow(x, y) END`,
  `CREATE MACRO bq_float_or_null(r, a, b) AS CASE WHEN isinf(r) AND NOT isinf(a) AND NOT isinf(b) THEN NULL ELSE r END`,
  `CREATE MACRO bq_u64(a) AS CASE WHEN a < 0 THEN CAST(a AS HUGEINT) + CAST('18446744073709551616' AS HUGEINT) ELSE CAST(a AS HUGEINT) END`,
  `CREATE MACRO bq_i64(u) AS CAST(CASE WHEN u >= CAST('9223372036854775808' AS HUGEINT) THEN u - CAST('18446744073709551616' AS HUGEINT) ELSE u END AS BIGINT)`,
  // BigQuery shifts INT64 as 64 bits without sign extension; past 63 the result is 0.
  `CREATE MACRO bq_shift_left(a, b) AS CASE WHEN b < 0 THEN error('Bit shift by a negative amount: ' || CAST(b AS VARCHAR))
     WHEN b >= 64 THEN CAST(0 AS BIGINT)
     ELSE bq_i64((bq_u64(a) % (CAST(1 AS HUGEINT) << CAST(64 - b AS INTEGER))) << CAST(b AS INTEGER)) END`,
  `CREATE MACRO bq_shift_right(a, b) AS CASE WHEN b < 0 THEN error('Bit shift by a negative amount: ' || CAST(b AS VARCHAR))
     WHEN b >= 64 THEN CAST(0 AS BIGINT) ELSE bq_i64(bq_u64(a) >> CAST(b AS INTEGER)) END`,
  // JSON_VALUE: a scalar's text, NULL for objects, arrays and JSON null; non-integral numbers are
  // refused because BigQuery's text for them is not known to the double.
  `CREATE MACRO bq_json_value(j, p) AS CASE WHEN json_type(j, p) IN ('OBJECT', 'ARRAY', 'NULL') THEN NULL
     WHEN json_type(j, p) = 'DOUBLE' THEN error('Not supported by the BigQuery test double: JSON_VALUE of a non-integral number')
     ELSE json_extract_string(j, p) END`,
  `CREATE MACRO bq_not_null(x, what) AS CASE WHEN x IS NULL THEN error('Not supported by the BigQuery test double: NULL ' || what) ELSE x END`,
  `CREATE MACRO bq_nonneg(x, what) AS CASE WHEN x < 0 THEN error('Not supported by the BigQuery test double: negative ' || what) ELSE x END`,
  `CREATE MACRO bq_from_hex(s) AS unhex(CASE WHEN length(s) % 2 = 1 THEN '0' || s ELSE s END)`,
  // TO_JSON_STRING's texts of values (ZetaSQL's JsonFromValue, zetasql/public/functions/
  // json_format.cc; to_json_string.mjs): a string escaped as above; an INT64, or a NUMERIC
  // without a fractional part, a bare number within ±2^53 (exact in a double) and quoted beyond.
  `CREATE MACRO bq_json_string(s) AS '"' || ${jsonEscaped('s')} || '"'`,
  `CREATE MACRO bq_json_int64(v) AS CASE WHEN v BETWEEN -9007199254740992 AND 9007199254740992
     THEN CAST(v AS VARCHAR) ELSE '"' || CAST(v AS VARCHAR) || '"' END`,
  `CREATE MACRO bq_json_numeric(n) AS CASE
     WHEN contains(bq_numeric_str(n), '.') OR n NOT BETWEEN -9007199254740992 AND 9007199254740992
     THEN '"' || bq_numeric_str(n) || '"' ELSE bq_numeric_str(n) END`,
];

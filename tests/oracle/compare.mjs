// How the oracle (run.mjs) compares graphql-js's answer with Junction's and explains a difference
// readably. Pure functions over JSON values; no I/O.
//
// Two results are equal when they are the same JSON, object key order included, except that the
// lists whose order the GraphQL spec leaves to the implementation are compared as sets keyed by
// name: `__schema.types`, `__schema.directives` and a type's `possibleTypes`.

const UNORDERED_LISTS = new Set(['types', 'directives', 'possibleTypes']);
const MAX_DIFFERENCES = 25;

// A copy of `value` with the unordered lists sorted by name.
export function canonicalIntrospection(value) {
  if (Array.isArray(value)) return value.map(canonicalIntrospection);
  if (value === null || typeof value !== 'object') return value;
  const copy = {};
  for (const [key, member] of Object.entries(value)) {
    let canonical = canonicalIntrospection(member);
    if (UNORDERED_LISTS.has(key) && Array.isArray(canonical) &&
        canonical.every((item) => item !== null && typeof item?.name === 'string')) {
      canonical = [...canonical].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    copy[key] = canonical;
  }
  return copy;
}

// A copy of `value` with every object's keys sorted, for comparisons where key order carries no
// meaning (coerced argument maps).
export function sortedKeys(value) {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys(value[key])]));
}

// A GraphQL error as both sides report it: the message and the locations (absent = none).
export function errorShape(error) {
  return {
    message: String(error?.message),
    locations: (error?.locations ?? []).map(({ line, column }) => ({ line, column })),
  };
}

function brief(value) {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

// The label of one array element in a path: [name=Foo] when it has a name, else [index].
function elementLabel(item, index) {
  return item !== null && typeof item === 'object' && typeof item.name === 'string'
    ? `[name=${item.name}]` : `[${index}]`;
}

// Lists where `expected` (graphql-js) and `actual` (Junction) differ, one line per difference,
// each naming the JSON path; at most MAX_DIFFERENCES lines (then a line saying how many more).
export function jsonDifferences(expected, actual) {
  const out = [];
  let more = 0;
  const report = (line) => (out.length < MAX_DIFFERENCES ? out.push(line) : more++);
  const walk = (e, a, path) => {
    if (Array.isArray(e) && Array.isArray(a)) {
      const named = (list) => list.every((x) => x !== null && typeof x?.name === 'string');
      if (named(e) && named(a)) {
        const eNames = e.map((x) => x.name);
        const aNames = a.map((x) => x.name);
        const missing = eNames.filter((n) => !aNames.includes(n));
        const extra = aNames.filter((n) => !eNames.includes(n));
        if (missing.length) report(`${path}: junction lacks ${missing.join(', ')}`);
        if (extra.length) report(`${path}: junction has extra ${extra.join(', ')}`);
        const common = eNames.filter((n) => aNames.includes(n));
        const aCommon = aNames.filter((n) => eNames.includes(n));
        if (common.join('\0') !== aCommon.join('\0')) {
          report(`${path}: order differs: graphql-js [${common.join(', ')}], ` +
                 `junction [${aCommon.join(', ')}]`);
        }
        for (const name of common) {
          walk(e.find((x) => x.name === name), a.find((x) => x.name === name),
               `${path}[name=${name}]`);
        }
        return;
      }
      if (e.length !== a.length) {
        report(`${path}: graphql-js has ${e.length} items, junction ${a.length}`);
      }
      for (let i = 0; i < Math.min(e.length, a.length); i++) walk(e[i], a[i], path + elementLabel(e[i], i));
      for (let i = a.length; i < e.length; i++) report(`${path}[${i}]: junction lacks ${brief(e[i])}`);
      for (let i = e.length; i < a.length; i++) report(`${path}[${i}]: junction has extra ${brief(a[i])}`);
      return;
    }
    const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
    if (isObject(e) && isObject(a)) {
      const eKeys = Object.keys(e);
      const aKeys = Object.keys(a);
      for (const key of eKeys) {
        if (!(key in a)) report(`${path}.${key}: junction lacks it (graphql-js: ${brief(e[key])})`);
      }
      for (const key of aKeys) {
        if (!(key in e)) report(`${path}.${key}: junction has it, graphql-js does not (${brief(a[key])})`);
      }
      const eCommon = eKeys.filter((k) => k in a);
      const aCommon = aKeys.filter((k) => k in e);
      if (eCommon.join('\0') !== aCommon.join('\0')) {
        report(`${path}: key order differs: graphql-js {${eCommon.join(', ')}}, ` +
               `junction {${aCommon.join(', ')}}`);
      }
      for (const key of eCommon) walk(e[key], a[key], `${path}.${key}`);
      return;
    }
    if (JSON.stringify(e) !== JSON.stringify(a)) {
      report(`${path}: graphql-js ${brief(e)}, junction ${brief(a)}`);
    }
  };
  walk(expected, actual, '$');
  if (more > 0) out.push(`... and ${more} more difference(s)`);
  return out;
}

function formatErrors(errors) {
  if (errors.length === 0) return ['    (no errors)'];
  return errors.map(({ message, locations }) => {
    const where = locations.map(({ line, column }) => `${line}:${column}`).join(', ');
    return `    ${message}${where ? `  @ ${where}` : ''}`;
  });
}

// Both error lists in full, one error per line, for validation and coercion cases.
export function errorListDifference(expected, actual) {
  return ['  graphql-js:', ...formatErrors(expected), '  junction:', ...formatErrors(actual)];
}

// A line as printed in a report: control characters escaped, trailing whitespace pointed out.
function visible(text) {
  const escaped = text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return /\s$/.test(text) ? `${escaped}  <- trailing whitespace` : escaped;
}

// The first line where two texts differ, with a few lines of context from each side.
export function textDifference(expected, actual) {
  const e = expected.split('\n');
  const a = actual.split('\n');
  let line = 0;
  while (line < e.length && line < a.length && e[line] === a[line]) line++;
  const from = Math.max(0, line - 2);
  const show = (lines) => lines.slice(from, line + 3).map((text, i) => {
    const number = String(from + i + 1).padStart(6);
    return `${number}${from + i === line ? '>' : ' '} ${visible(text)}`;
  });
  return [`  first difference at line ${line + 1} ` +
          `(graphql-js ${e.length} lines, junction ${a.length} lines)`,
          '  graphql-js:', ...show(e), '  junction:', ...show(a)];
}

// The graphql-js oracle: runs the same GraphQL work through graphql-js (the reference
// implementation, pinned in package.json) and through Junction (graphql_oracle_tool, built from
// src/graphql) and fails on any difference that explained_differences.json does not explain.
//
// Cases (ids in brackets):
//   introspection  every schema (schemas/*.graphql and GitHub's) × getIntrospectionQuery() with
//                  every option on and with the defaults [introspection/<schema>/full|default],
//                  plus the queries in introspection/*.graphql [introspection/<schema>/<file>].
//                  (graphql-js cannot build kitchen-sink-sdl.graphql, which names undefined
//                  types, so it is only printed.)
//   validation     each document of validation/*.graphql (documents separated by lines `# ---`)
//                  against schemas/harness.graphql: messages and locations, in order
//                  [validation/<file>#<n>]
//   print          print(parse(text)) of the graphql-js kitchen sinks, the schemas and
//                  print/*.graphql [print/<file>]
//   coercion       variable and argument coercion of coercion.json's cases [coercion/<id>]
//
// Run by ctest (label `oracle`), with ORACLE_TOOL set; or by hand:
//   ORACLE_TOOL=build/graphql_oracle_tool node tests/oracle/run.mjs [id-prefix…] [--verbose]
//       [--dump DIR]   (DIR receives graphql-js.json and junction.json for every failing case)
// A run with id prefixes checks only those cases (no minimum counts, no stale explanations).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  compareCoercion, compareErrors, compareIntrospection, comparePrint, jsCoerce, jsIntrospect,
  jsPrint, jsValidate, splitDocuments,
} from './sides.mjs';
import { makeTool } from './tool.mjs';

const ORACLE_DIR = path.dirname(fileURLToPath(import.meta.url));
const SHARED_DIR = process.env.JUNCTION_SHARED_DIR ?? path.join(ORACLE_DIR, '../../../shared');
const GRAPHQL_JS_DATA = path.join(SHARED_DIR, 'testdata/graphql-js');
// A run that compares fewer cases than this is broken (missing files, a glob that matches nothing).
const MINIMUM_CASES = { introspection: 15, validation: 300, print: 9, coercion: 50 };
const ALL_OPTIONS = {
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
  inputValueDeprecation: true,
};

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dumpIndex = args.indexOf('--dump');
const dumpDir = dumpIndex >= 0 ? args[dumpIndex + 1] : null;
const prefixes = args.filter((arg, i) => !arg.startsWith('--') && (dumpIndex < 0 || i !== dumpIndex + 1));
const selected = (id) => prefixes.length === 0 || prefixes.some((prefix) => id.startsWith(prefix));

const problems = [];  // failures that are not a single case (missing files, tool errors)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'junction-oracle-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function writeTemp(name, text) {
  const file = path.join(tmp, name.replace(/[^A-Za-z0-9_.-]/g, '_'));
  fs.writeFileSync(file, text);
  return file;
}

function graphqlFiles(dir) {
  const full = path.join(ORACLE_DIR, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full).filter((f) => f.endsWith('.graphql')).sort()
    .map((f) => ({ name: path.basename(f, '.graphql'), file: path.join(full, f) }));
}

function readRequired(file, why) {
  if (!fs.existsSync(file)) {
    problems.push(`missing ${path.relative(process.cwd(), file)} (${why})`);
    return null;
  }
  return fs.readFileSync(file, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Case collection. Each case: {id, category, run() → {equal, details: [line…], sides}}.

const tool = makeTool(process.env.ORACLE_TOOL, problems);
const cases = [];

const schemas = graphqlFiles('schemas');
if (!schemas.some((s) => s.name === 'harness')) {
  problems.push('missing tests/oracle/schemas/harness.graphql (the validation harness schema)');
}
if (readRequired(path.join(GRAPHQL_JS_DATA, 'github-schema.graphql'), 'GitHub\'s schema') !== null) {
  schemas.push({ name: 'github', file: path.join(GRAPHQL_JS_DATA, 'github-schema.graphql') });
}
const schemaByName = new Map(schemas.map((s) => [s.name, s]));

for (const schema of schemas) {
  for (const [variant, options] of [['full', ALL_OPTIONS], ['default', {}]]) {
    const id = `introspection/${schema.name}/${variant}`;
    cases.push({
      id, category: 'introspection',
      run: () => compareIntrospection(
        jsIntrospect(schema.file, { options }),
        tool.run(['introspect', '--schema', schema.file,
                  '--query', writeTemp(`${variant}.graphql`, jsIntrospect.queryText(options))])),
    });
  }
}

// introspection/*.graphql: a query with header lines `# schema: <name>` (required),
// `# variables: <json>` and `# operation: <name>`.
for (const query of graphqlFiles('introspection')) {
  const text = fs.readFileSync(query.file, 'utf8');
  const header = (key) => text.match(new RegExp(`^# ${key}: (.*)$`, 'm'))?.[1]?.trim();
  const schema = schemaByName.get(header('schema'));
  if (!schema) {
    problems.push(`${query.file}: needs a header line "# schema: <one of ${[...schemaByName.keys()]}>"`);
    continue;
  }
  const variables = header('variables') ?? '{}';
  const operation = header('operation');
  cases.push({
    id: `introspection/${schema.name}/${query.name}`, category: 'introspection',
    run: () => {
      const toolArgs = ['introspect', '--schema', schema.file, '--query', query.file,
                        '--variables', writeTemp(`${query.name}.variables.json`, variables)];
      if (operation) toolArgs.push('--operation', operation);
      return compareIntrospection(
        jsIntrospect(schema.file, { source: text, variables: JSON.parse(variables), operation }),
        tool.run(toolArgs));
    },
  });
}

const harness = schemaByName.get('harness');
for (const document of harness ? graphqlFiles('validation') : []) {
  const pieces = splitDocuments(fs.readFileSync(document.file, 'utf8'));
  let junction = null;  // one tool run per file, shared by its cases
  const junctionResults = () => {
    junction ??= tool.run(['validate', '--schema', harness.file, '--document', document.file, '--split']);
    return junction;
  };
  pieces.forEach((piece, index) => {
    if (piece.blank) return;
    cases.push({
      id: `validation/${document.name}#${index + 1}`, category: 'validation', title: piece.title,
      run: () => {
        const results = junctionResults();
        if (results.failed) return results;
        if (!Array.isArray(results.json) || results.json.length !== pieces.length) {
          return { equal: false, details: [`  the tool split the file into ${results.json?.length} ` +
                                           `documents, the oracle into ${pieces.length}`] };
        }
        return compareErrors(jsValidate(harness.file, piece.text), results.json[index]);
      },
    });
  });
}

const printDocuments = [
  ...['kitchen-sink', 'kitchen-sink-query', 'kitchen-sink-sdl'].map((name) => (
    { name, file: path.join(GRAPHQL_JS_DATA, `${name}.graphql`) })),
  ...schemas, ...graphqlFiles('print'),
];
for (const document of printDocuments) {
  cases.push({
    id: `print/${document.name}`, category: 'print',
    run: () => {
      const text = readRequired(document.file, 'a document to print');
      if (text === null) return { equal: false, details: ['  the document is missing'] };
      return comparePrint(jsPrint(text), tool.run(['print', '--document', document.file]));
    },
  });
}

const coercionFile = path.join(ORACLE_DIR, 'coercion.json');
const coercionCases = JSON.parse(readRequired(coercionFile, 'the coercion cases') ?? '[]');
for (const c of coercionCases) {
  const schema = schemaByName.get(c.schema);
  if (!schema) {
    problems.push(`coercion.json: case ${c.id}: unknown schema ${c.schema}`);
    continue;
  }
  const variables = typeof c.variables === 'string' ? c.variables : JSON.stringify(c.variables ?? {});
  cases.push({
    id: `coercion/${c.id}`, category: 'coercion', title: c.document,
    run: () => {
      const toolArgs = ['coerce', '--schema', schema.file,
                        '--document', writeTemp(`${c.id}.graphql`, c.document),
                        '--variables', writeTemp(`${c.id}.json`, variables)];
      if (c.operation) toolArgs.push('--operation', c.operation);
      return compareCoercion(jsCoerce(schema.file, c.document, variables, c.operation),
                             tool.run(toolArgs));
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Running and reporting.

const explainedList = JSON.parse(readRequired(path.join(ORACLE_DIR, 'explained_differences.json'),
                                              'the explained differences') ?? '[]');
const explained = new Map(explainedList.map((entry) => [entry.case, entry.reason]));
for (const entry of explainedList) {
  if (!entry.case || !entry.reason) problems.push(`explained_differences.json: entry without case and reason: ${JSON.stringify(entry)}`);
}
const counts = {};
let passed = 0;
let failed = 0;
let explainedCount = 0;
for (const c of cases.filter((x) => selected(x.id))) {
  counts[c.category] = (counts[c.category] ?? 0) + 1;
  const outcome = c.run();
  const reason = explained.get(c.id);
  if (outcome.equal && reason === undefined) {
    passed++;
    if (verbose) console.log(`ok   ${c.id}`);
  } else if (!outcome.equal && reason !== undefined) {
    explainedCount++;
    console.log(`explained ${c.id}: ${reason}`);
  } else if (outcome.equal) {
    failed++;
    console.log(`FAIL ${c.id}: explained_differences.json explains a difference that no longer ` +
                'exists; remove the entry');
  } else {
    failed++;
    console.log(`FAIL ${c.id}${c.title ? `  (${c.title.slice(0, 100)})` : ''}`);
    for (const line of outcome.details) console.log(line);
    if (dumpDir && outcome.sides) {
      const dir = path.join(dumpDir, c.id.replace(/[^A-Za-z0-9_.-]/g, '_'));
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'graphql-js.json'), JSON.stringify(outcome.sides.expected, null, 2));
      fs.writeFileSync(path.join(dir, 'junction.json'), JSON.stringify(outcome.sides.actual, null, 2));
    }
  }
}

if (prefixes.length === 0) {
  const ids = new Set(cases.map((c) => c.id));
  for (const id of explained.keys()) {
    if (!ids.has(id)) problems.push(`explained_differences.json names ${id}, which is not a case`);
  }
  for (const [category, minimum] of Object.entries(MINIMUM_CASES)) {
    if ((counts[category] ?? 0) < minimum) {
      problems.push(`only ${counts[category] ?? 0} ${category} cases were compared; expected at ` +
                    `least ${minimum} (are the case files there?)`);
    }
  }
}
for (const problem of problems) console.log(`FAIL ${problem}`);

const total = passed + failed + explainedCount;
const byCategory = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
console.log(`oracle: ${total} cases, ${passed} passed, ${failed} failed, ${explainedCount} ` +
            `explained (${byCategory || 'none'}); graphql-js ${jsIntrospect.version}`);
process.exitCode = failed > 0 || problems.length > 0 ? 1 : 0;

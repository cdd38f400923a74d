// The graphql-js side of each oracle case, and the comparison of its answer with Junction's (the
// tool's JSON). graphql-js is loaded from tests/oracle/node_modules at the version package.json
// pins; a missing or different installation stops the run with the command that fixes it.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  canonicalIntrospection, errorListDifference, errorShape, jsonDifferences, sortedKeys,
  textDifference,
} from './compare.mjs';

const ORACLE_DIR = path.dirname(fileURLToPath(import.meta.url));
const pinned = JSON.parse(fs.readFileSync(path.join(ORACLE_DIR, 'package.json'), 'utf8'))
  .dependencies.graphql;
let graphql;
try {
  graphql = await import('graphql');
} catch (error) {
  console.error(`oracle: graphql-js is not installed (${error.message}); run ` +
                '`npm ci --prefix tests/oracle` (scripts/test does)');
  process.exit(1);
}
if (graphql.version !== pinned) {
  console.error(`oracle: tests/oracle/node_modules holds graphql ${graphql.version}, package.json ` +
                `pins ${pinned}; run \`npm ci --prefix tests/oracle\``);
  process.exit(1);
}
const {
  Kind, buildSchema, getArgumentValues, getIntrospectionQuery, getOperationAST, getVariableValues,
  graphqlSync, parse, print, validate,
} = graphql;

const schemaCache = new Map();
function loadSchema(file) {
  if (!schemaCache.has(file)) {
    schemaCache.set(file, buildSchema(fs.readFileSync(file, 'utf8')));
  }
  return schemaCache.get(file);
}

// A GraphQL response reduced to what both sides must agree on: data, or errors' messages and
// locations.
function responseShape(response) {
  if (response?.errors?.length) return { errors: response.errors.map(errorShape) };
  return { data: JSON.parse(JSON.stringify(response?.data ?? null)) };
}

// ---------------------------------------------------------------------------------------------
// graphql-js

export function jsIntrospect(schemaFile, { options, source, variables, operation }) {
  return graphqlSync({
    schema: loadSchema(schemaFile), source: source ?? getIntrospectionQuery(options),
    variableValues: variables, operationName: operation,
  });
}
jsIntrospect.queryText = (options) => getIntrospectionQuery(options);
jsIntrospect.version = graphql.version;

// The syntax error, or every validation error (graphql-js's default cap of 100).
export function jsValidate(schemaFile, text) {
  let document;
  try {
    document = parse(text);
  } catch (error) {
    return [errorShape(error)];
  }
  return validate(loadSchema(schemaFile), document).map(errorShape);
}

export function jsPrint(text) {
  try {
    return { printed: print(parse(text)) };
  } catch (error) {
    return { errors: [errorShape(error)] };
  }
}

// getVariableValues (spec CoerceVariableValues), then getArgumentValues of every root field.
export function jsCoerce(schemaFile, text, variablesText, operationName) {
  const schema = loadSchema(schemaFile);
  let document;
  try {
    document = parse(text);
  } catch (error) {
    return { errors: [errorShape(error)] };
  }
  const validation = validate(schema, document);
  if (validation.length) return { errors: validation.map(errorShape) };
  const operation = getOperationAST(document, operationName);
  if (!operation) return { errors: [{ message: 'the case has no such operation', locations: [] }] };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [],
                                    JSON.parse(variablesText), { maxErrors: 50 });
  if (coerced.errors) return { errors: coerced.errors.map(errorShape) };
  const root = schema.getRootType(operation.operation);
  const argumentsByKey = {};
  try {
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) continue;
      const field = root.getFields()[selection.name.value];
      argumentsByKey[selection.alias?.value ?? selection.name.value] =
        getArgumentValues(field, selection, coerced.coerced);
    }
  } catch (error) {
    return { errors: [errorShape(error)] };
  }
  return { errors: [], arguments: JSON.parse(JSON.stringify(argumentsByKey)) };
}

// Splits a validation file at lines that are exactly `# ---`, as graphql_oracle_tool does (each
// line keeps its newline). A document with nothing but blank and comment lines is `blank`.
export function splitDocuments(text) {
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  const pieces = [[]];
  for (const line of lines) {
    if (line === '# ---' || line === '# ---\r') pieces.push([]);
    else pieces.at(-1).push(line);
  }
  return pieces.map((piece) => {
    const meaningful = piece.filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const comment = piece.find((l) => l.trim().startsWith('#'));
    return {
      text: piece.map((l) => `${l}\n`).join(''),
      blank: meaningful.length === 0,
      title: (comment ?? meaningful[0] ?? '').trim().replace(/^#\s*/, ''),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Comparisons: expected is graphql-js's answer, actual the tool's {json} or its failure.
// Each returns {equal, details, sides}.

export function compareIntrospection(jsResponse, actual) {
  if (actual.failed) return actual;
  const expected = canonicalIntrospection(responseShape(jsResponse));
  const ours = canonicalIntrospection(responseShape(actual.json));
  const details = jsonDifferences(expected, ours).map((line) => `  ${line}`);
  return { equal: details.length === 0, details, sides: { expected, actual: ours } };
}

export function compareErrors(expectedErrors, actualErrors) {
  const expected = expectedErrors.map(errorShape);
  const ours = (Array.isArray(actualErrors) ? actualErrors : [{ message: 'not an array' }])
    .map(errorShape);
  const equal = JSON.stringify(expected) === JSON.stringify(ours);
  return { equal, details: equal ? [] : errorListDifference(expected, ours),
           sides: { expected, actual: ours } };
}

export function comparePrint(expected, actual) {
  if (actual.failed) return actual;
  const ours = actual.json;
  if (typeof expected.printed === 'string' && typeof ours?.printed === 'string') {
    const equal = expected.printed === ours.printed;
    return { equal, details: equal ? [] : textDifference(expected.printed, ours.printed),
             sides: { expected, actual: ours } };
  }
  return compareErrors(expected.errors ?? [], ours?.errors ?? []);
}

export function compareCoercion(expected, actual) {
  if (actual.failed) return actual;
  const ours = actual.json ?? {};
  const errors = compareErrors(expected.errors, ours.errors ?? []);
  if (!errors.equal || expected.errors.length > 0) return errors;
  const details = jsonDifferences(sortedKeys(expected.arguments), sortedKeys(ours.arguments ?? {}))
    .map((line) => `  arguments ${line}`);
  return { equal: details.length === 0, details, sides: { expected, actual: ours } };
}

// graphql-js's side of bench/parse_compare: times graphql-js `parse` on one document and prints
// one JSON line {graphql, node, iterations, wall_ms, cpu_ms}, the mean time per parse. graphql
// comes from tests/oracle/node_modules (the version pinned in tests/oracle/package.json).
// Warm-up runs first let V8 optimize the parser; then it parses until both MIN_ITERATIONS runs
// and MIN_SECONDS have passed. CPU time is the process's (user + system), which includes V8's
// garbage-collector threads.
//
//   node bench/parse_graphqljs.mjs ../shared/testdata/graphql-js/github-schema.graphql

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WARMUP_ITERATIONS = 50;
const MIN_ITERATIONS = 100;
const MIN_SECONDS = 3;

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'tests', 'oracle', 'package.json'));
const { parse, version } = require('graphql');

const path = process.argv[2];
if (!path) {
  console.error('usage: node bench/parse_graphqljs.mjs FILE.graphql');
  process.exit(2);
}
const source = readFileSync(path, 'utf8');

let sink = 0;
for (let i = 0; i < WARMUP_ITERATIONS; ++i) sink += parse(source).definitions.length;

const cpuStart = process.cpuUsage();
const wallStart = process.hrtime.bigint();
let iterations = 0;
let elapsedSeconds = 0;
while (iterations < MIN_ITERATIONS || elapsedSeconds < MIN_SECONDS) {
  sink += parse(source).definitions.length;
  ++iterations;
  elapsedSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
}
const cpu = process.cpuUsage(cpuStart);

if (sink === 0) throw new Error('parse returned no definitions');
console.log(JSON.stringify({
  graphql: version,
  node: process.version,
  iterations,
  wall_ms: (elapsedSeconds * 1000) / iterations,
  cpu_ms: (cpu.user + cpu.system) / 1000 / iterations,
}));

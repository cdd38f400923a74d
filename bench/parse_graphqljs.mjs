// graphql-js's side of bench/parse_compare: times graphql-js `parse` on one document and prints
// one JSON line {graphql, node, parses, best_ms, mean_ms, cpu_ms}, all per parse. graphql comes
// from tests/oracle/node_modules (the version pinned in tests/oracle/package.json).
//
// Warm-up parses first let V8 optimize the parser. Then ROUNDS rounds of PARSES_PER_ROUND parses
// each are timed: best_ms is the fastest round (the least disturbed by other processes on a
// shared machine), mean_ms the mean over all rounds, cpu_ms the process's CPU time (user +
// system, which includes V8's garbage-collector threads) over all rounds.
//
//   node bench/parse_graphqljs.mjs ../shared/testdata/graphql-js/github-schema.graphql

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WARMUP_PARSES = 50;
const ROUNDS = 40;
const PARSES_PER_ROUND = 5;

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
for (let i = 0; i < WARMUP_PARSES; ++i) sink += parse(source).definitions.length;

const cpuStart = process.cpuUsage();
let best = Infinity;
let total = 0;
for (let round = 0; round < ROUNDS; ++round) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PARSES_PER_ROUND; ++i) sink += parse(source).definitions.length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / PARSES_PER_ROUND;
  best = Math.min(best, ms);
  total += ms;
}
const cpu = process.cpuUsage(cpuStart);
const parses = ROUNDS * PARSES_PER_ROUND;

if (sink === 0) throw new Error('parse returned no definitions');
console.log(JSON.stringify({
  graphql: version,
  node: process.version,
  parses,
  best_ms: best,
  mean_ms: total / ROUNDS,
  cpu_ms: (cpu.user + cpu.system) / 1000 / parses,
}));

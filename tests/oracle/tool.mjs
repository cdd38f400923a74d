// Runs graphql_oracle_tool (tests/oracle/oracle_tool.cc, Junction's side of the oracle) and reads
// its JSON answer. A tool that cannot be found is a problem of the whole run; a tool that crashes,
// exits non-zero or prints something that is not JSON fails the one case that ran it.

import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

const TIMEOUT_MS = 300_000;

// The useful part of the tool's stderr: a sanitizer's report from its first line (the error and
// the top of the stack), else the last lines.
function reportExcerpt(stderr) {
  const lines = stderr.trim().split('\n');
  const start = lines.findIndex((l) => /==\d+==ERROR|runtime error:|Assertion .* failed/.test(l));
  return start >= 0 ? lines.slice(start, start + 16).map((l) => l.slice(0, 240)) : lines.slice(-30);
}

export function makeTool(file, problems) {
  const usable = Boolean(file) && fs.existsSync(file);
  if (!usable) {
    problems.push(`ORACLE_TOOL=${file ?? ''} is not a file: set it to the built ` +
                  'graphql_oracle_tool (ctest does)');
  }
  return {
    // → {json} on success; {failed: true, equal: false, details} otherwise.
    run(args) {
      if (!usable) return { failed: true, equal: false, details: ['  no graphql_oracle_tool'] };
      const result = spawnSync(file, args, {
        encoding: 'utf8', maxBuffer: 1 << 30, timeout: TIMEOUT_MS,
      });
      const stderr = reportExcerpt(result.stderr ?? '').map((l) => `    ${l}`);
      if (result.error || result.status !== 0) {
        const how = result.error ? String(result.error)
          : result.signal ? `killed by ${result.signal}` : `exit status ${result.status}`;
        return { failed: true, equal: false,
                 details: [`  graphql_oracle_tool ${args.join(' ')}: ${how}`, ...stderr] };
      }
      try {
        return { json: JSON.parse(result.stdout) };
      } catch (error) {
        return { failed: true, equal: false,
                 details: [`  graphql_oracle_tool ${args[0]} printed invalid JSON: ${error.message}`,
                           `    ${result.stdout.slice(0, 300)}`] };
      }
    },
  };
}

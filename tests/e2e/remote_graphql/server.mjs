// A real GraphQL server (graphql-js, node's own http module) for the end-to-end tests: Junction
// adds it as a remote schema, and the tests read back what Junction sent it.
//
//   node server.mjs orders --port 0
//   => prints "http://127.0.0.1:41234" (its address) as the first line of stdout, then serves:
//
//   POST /graphql               the schema ({"query","variables","operationName"})
//   POST /slow/<ms>/graphql     the same, answered after <ms> milliseconds
//   POST /garbage               200 with a body that is not JSON
//   POST /errors                200 with {"errors":[{"message":"the remote refused"}]} and no data
//   POST /status/<code>         that status, with a text body
//   POST /hang                  no answer, ever (closed when the client gives up or we stop)
//   GET  /_stats                {"requests","root_fields","paths","bodies","headers","queries",
//                               "calls"}
//   POST /_reset                clears the statistics and restores the data (mutations undone)
//   POST /_schema               {"schema":"users"}: serve another schema from now on
//   POST /_behave               {"path":"/hang"}: /graphql behaves as that path from now on (so a
//                               remote added while healthy can fail later); {"path":null} or
//                               /_reset restores it
//
// Every POST other than the /_ ones counts as a request; `bodies`, `headers` (lower-case names)
// and `paths` keep the last 50 requests. For the last 50 requests that were executed (answered
// by the schema), `queries` holds the query text and `calls` the fields the server resolved that
// take arguments or sit at the root: [{"path":"f0" or "f0.user","field":"user","args":{…}}, …].
// `root_fields` counts the root fields resolved since the last reset.
//
// The server exits on SIGTERM, SIGINT or when its stdin closes (the test process went away), so it
// never outlives the test session.

import http from "node:http";
import { graphqlSync } from "graphql";

import * as orders from "./orders.mjs";
import * as users from "./users.mjs";

const SCHEMAS = { orders, users };
const KEEP = 50;

function usage(message) {
  process.stderr.write(`${message}\nusage: node server.mjs <${Object.keys(SCHEMAS).join("|")}> [--port N]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let schemaName = null;
let port = 0;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--port") {
    port = Number(args[++i]);
    if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`bad port: ${args[i]}`);
  } else if (schemaName === null) {
    schemaName = args[i];
  } else {
    usage(`unexpected argument: ${args[i]}`);
  }
}
if (!(schemaName in SCHEMAS)) usage(`unknown schema: ${schemaName}`);

// Resolvers are synchronous and run inside graphqlSync, so the request being executed is known.
let current = null;
function record(info, args) {
  const keys = [];
  for (let p = info.path; p; p = p.prev) if (typeof p.key === "string") keys.unshift(p.key);
  current.push({ path: keys.join("."), field: info.fieldName, args: structuredClone(args) });
}

let service = SCHEMAS[schemaName].create(record);
let behave = null;
let stats;
function resetStats() {
  stats = { requests: 0, root_fields: 0, paths: [], bodies: [], headers: [], queries: [], calls: [] };
}
resetStats();

function keep(list, item) {
  list.push(item);
  if (list.length > KEEP) list.shift();
}

function send(res, status, body, type = "application/json") {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function execute(res, text, headers) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return send(res, 400, { errors: [{ message: "the request body is not JSON" }] });
  }
  const calls = [];
  current = calls;
  let result;
  try {
    result = graphqlSync({
      schema: service.schema,
      source: String(body.query ?? ""),
      rootValue: service.root,
      contextValue: { headers },
      variableValues: body.variables ?? undefined,
      operationName: body.operationName ?? undefined,
    });
  } finally {
    current = null;
  }
  keep(stats.queries, String(body.query ?? ""));
  keep(stats.calls, calls);
  stats.root_fields += calls.filter((call) => !call.path.includes(".")).length;
  send(res, 200, result);
}

const hanging = new Set();

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const text = Buffer.concat(chunks).toString("utf8");
    const requested = new URL(req.url, "http://localhost").pathname;
    const path = requested === "/graphql" && behave !== null ? behave : requested;
    if (req.method === "GET" && path === "/_stats") return send(res, 200, stats);
    if (req.method === "POST" && path === "/_reset") {
      resetStats();
      behave = null;
      service = SCHEMAS[schemaName].create(record);
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && path === "/_behave") {
      let as;
      try {
        as = JSON.parse(text).path ?? null;
      } catch {
        return send(res, 400, { error: "expected {\"path\": …}" });
      }
      behave = as === "/graphql" ? null : as;
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && path === "/_schema") {
      let name;
      try {
        name = JSON.parse(text).schema;
      } catch {
        name = undefined;
      }
      if (!(name in SCHEMAS)) return send(res, 400, { error: `unknown schema: ${name}` });
      schemaName = name;
      service = SCHEMAS[schemaName].create(record);
      return send(res, 200, { ok: true });
    }
    if (req.method !== "POST") return send(res, 405, "POST only\n", "text/plain");

    stats.requests += 1;
    keep(stats.paths, requested);
    keep(stats.headers, { ...req.headers });
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    keep(stats.bodies, parsed);

    let match;
    if (path === "/graphql") return execute(res, text, req.headers);
    if ((match = path.match(/^\/slow\/(\d+)\/graphql$/))) {
      const timer = setTimeout(() => {
        if (!res.destroyed) execute(res, text, req.headers);
      }, Number(match[1]));
      res.on("close", () => clearTimeout(timer));
      return;
    }
    if (path === "/garbage") return send(res, 200, "this is { not JSON", "application/json");
    if (path === "/errors") return send(res, 200, { errors: [{ message: "the remote refused" }] });
    if ((match = path.match(/^\/status\/(\d{3})$/))) {
      return send(res, Number(match[1]), `status ${match[1]}\n`, "text/plain");
    }
    if (path === "/hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    send(res, 404, `no such path: ${path}\n`, "text/plain");
  });
});

function stop() {
  for (const res of hanging) res.destroy();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();

server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});

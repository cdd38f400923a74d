// The remote GraphQL service of bench/remote_schema_compare: graphql-js 16 on node's own http
// module, an in-memory table of users, and counters of what it was asked, so the benchmark can
// report how many requests and resolver calls one Junction query costs the remote.
//
//   node server.mjs --port 0 --users 10000
//   => prints "http://127.0.0.1:41234" (its address) as the first line of stdout, then serves:
//
//   POST /graphql   {"query","variables","operationName"} against
//                     type User { id: Int!, name: String!, email: String! }
//                     type Query { user(id: Int!): User, users_by_ids(ids: [Int!]!): [User!]! }
//                   e.g. { users_by_ids(ids: [2, 1]) { id name } }
//                   => {"data":{"users_by_ids":[{"id":2,"name":"User 2"},{"id":1,"name":"User 1"}]}}
//                   (users_by_ids answers in the order of `ids`, unknown ids left out)
//   GET  /_stats    {"requests","user_calls","users_by_ids_calls","keys"} since the last reset:
//                   GraphQL requests, calls of each root resolver, ids looked up by either
//   GET  /_last     the body of the last GraphQL request, as received (what the engine sent)
//   POST /_reset    zeroes the counters
//
// Each request is parsed, validated and executed by graphql-js (`graphqlSync`: the resolvers are
// synchronous lookups in a Map), as a plain graphql-js service does; there is no document cache,
// since an aliased remote-join query differs with every set of keys anyway. The server exits on
// SIGTERM or SIGINT (the benchmark stops it by its PID).

import http from "node:http";
import { buildSchema, graphqlSync } from "graphql";

const args = process.argv.slice(2);
let port = 0;
let count = 10000;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--port") port = Number(args[++i]);
  else if (args[i] === "--users") count = Number(args[++i]);
  else {
    process.stderr.write(`unexpected argument: ${args[i]}\nusage: node server.mjs [--port N] [--users N]\n`);
    process.exit(2);
  }
}

const schema = buildSchema(`
  type User { id: Int!, name: String!, email: String! }
  type Query {
    user(id: Int!): User
    users_by_ids(ids: [Int!]!): [User!]!
  }
`);

const users = new Map();
for (let id = 1; id <= count; id++) {
  users.set(id, { id, name: `User ${id}`, email: `user${id}@example.com` });
}

let stats;
let last = "";
function reset() {
  stats = { requests: 0, user_calls: 0, users_by_ids_calls: 0, keys: 0 };
}
reset();

const root = {
  user({ id }) {
    stats.user_calls += 1;
    stats.keys += 1;
    return users.get(id) ?? null;
  },
  users_by_ids({ ids }) {
    stats.users_by_ids_calls += 1;
    stats.keys += ids.length;
    const found = [];
    for (const id of ids) {
      const user = users.get(id);
      if (user !== undefined) found.push(user);
    }
    return found;
  },
};

function send(res, status, body) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const path = new URL(req.url, "http://localhost").pathname;
    if (req.method === "GET" && path === "/_stats") return send(res, 200, stats);
    if (req.method === "GET" && path === "/_last") return send(res, 200, last);
    if (req.method === "POST" && path === "/_reset") {
      reset();
      return send(res, 200, { ok: true });
    }
    if (req.method !== "POST" || path !== "/graphql") return send(res, 404, { error: `no ${req.method} ${path}` });
    const text = Buffer.concat(chunks).toString("utf8");
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return send(res, 400, { errors: [{ message: "the request body is not JSON" }] });
    }
    stats.requests += 1;
    last = text;
    send(res, 200, graphqlSync({
      schema,
      source: String(body.query ?? ""),
      rootValue: root,
      variableValues: body.variables ?? undefined,
      operationName: body.operationName ?? undefined,
    }));
  });
});
server.keepAliveTimeout = 60000;

process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));

server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});

// The "users" remote schema: the target of table → remote and remote → remote joins. It has a
// field by key (`user(id:)`), a field by a list of keys for batch mode (`users_by_ids`), a field
// with an input object a relationship template binds only part of (`users(where:)`), a nested
// path (`directory { user(id:) }`) and `User.posts`, so that three hops can chain.
//
//   { users_by_ids(ids: [2, 1]) { id name } }
//   => {"data":{"users_by_ids":[{"id":1,"name":"Ada"},{"id":2,"name":"Bob"}]}}   (id order)
//
// create() gives a fresh schema and data; `record(info, args)` is called by every resolver that
// takes arguments (and every root field), so the server can count what was resolved.

import { buildSchema } from "graphql";

export const sdl = `
  type Post { id: Int!, title: String!, author_id: Int! }

  type User {
    id: Int!
    name: String!
    email: String
    orders_ref: Int
    posts: [Post!]!
  }

  input IntComparison { eq: Int, in: [Int!], gt: Int }  # as orders has it: the engine merges the two
  input StringComparison { eq: String }
  input UserFilter { id: IntComparison, name: StringComparison }

  type Directory {
    user(id: Int!): User
    users(limit: Int): [User!]!
  }

  type Query {
    user(id: Int!): User
    users_by_ids(ids: [Int!]!): [User!]!
    users(where: UserFilter, limit: Int): [User!]!
    directory: Directory!
  }
`;

const USERS = [
  { id: 1, name: "Ada", email: "ada@example.com", orders_ref: 1 },
  { id: 2, name: "Bob", email: null, orders_ref: 2 },
  { id: 3, name: "Cy", email: "cy@example.com", orders_ref: null },
];
const POSTS = [
  { id: 1, title: "Hello", author_id: 1 },
  { id: 2, title: "Again", author_id: 1 },
  { id: 3, title: "Bob writes", author_id: 2 },
];

function matches(user, where) {
  if (!where) return true;
  const id = where.id;
  const name = where.name;
  return (
    (id == null || ((id.eq == null || user.id === id.eq) && (id.in == null || id.in.includes(user.id)))) &&
    (name == null || name.eq == null || user.name === name.eq)
  );
}

export function create(record) {
  const users = USERS.map((u) => ({
    ...u,
    posts: () => POSTS.filter((p) => p.author_id === u.id),
  }));
  const byId = (id) => users.find((u) => u.id === id) ?? null;
  const directory = {
    user(args, ctx, info) {
      record(info, args);
      return byId(args.id);
    },
    users(args, ctx, info) {
      record(info, args);
      return args.limit == null ? users : users.slice(0, args.limit);
    },
  };
  const root = {
    user(args, ctx, info) {
      record(info, args);
      return byId(args.id);
    },
    users_by_ids(args, ctx, info) {
      record(info, args);
      return users.filter((u) => args.ids.includes(u.id));
    },
    users(args, ctx, info) {
      record(info, args);
      const found = users.filter((u) => matches(u, args.where));
      return args.limit == null ? found : found.slice(0, args.limit);
    },
    directory(args, ctx, info) {
      record(info, args);
      return directory;
    },
  };
  return { schema: buildSchema(sdl), root };
}

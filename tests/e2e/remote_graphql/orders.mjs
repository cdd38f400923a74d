// The "orders" remote schema: the seed's remote service (a remote `Order` type joined to a
// database table `user`), with every GraphQL feature the end-to-end tests send through Junction:
// an enum, an interface, a union, nested input objects, a custom scalar, a mutation, a field that
// fails and a field that echoes the request's headers.
//
//   { order(id: 1) { id user_id total status } }
//   => {"data":{"order":{"id":1,"user_id":1,"total":10.5,"status":"PAID"}}}
//
// create() gives a fresh schema and data; `record(info, args)` is called by every resolver that
// takes arguments (and every root field), so the server can count what was resolved.

import { buildSchema } from "graphql";

export const sdl = `
  "Anything JSON: passed through unchanged."
  scalar JSON

  enum OrderStatus { PENDING PAID SHIPPED CANCELLED }

  interface Node { id: ID! }

  type Order {
    id: Int!
    user_id: Int
    total: Float
    status: OrderStatus
    customer_ref: String
    details: JSON
  }

  type Refund implements Node {
    id: ID!
    order_id: Int!
    amount: Float!
    reason: String
  }

  union SearchResult = Order | Refund

  input IntComparison { eq: Int, in: [Int!], gt: Int }
  input FloatComparison { gt: Float, lt: Float }
  input OrderFilter {
    user_id: IntComparison
    total: FloatComparison
    status: OrderStatus
    _and: [OrderFilter!]
  }

  type Query {
    orders(limit: Int, status: OrderStatus): [Order!]!
    order(id: Int!): Order
    orders_where(where: OrderFilter): [Order!]!
    orders_by_user_ids(user_ids: [Int!]!): [Order!]!
    node(id: ID!): Node
    search(term: String!): [SearchResult!]!
    echo_json(value: JSON): JSON
    failing: String
    echo_headers: [String!]!
  }

  type Mutation {
    create_order(user_id: Int!, total: Float!): Order
  }
`;

const ORDERS = [
  { id: 1, user_id: 1, total: 10.5, status: "PAID", customer_ref: "c-1", details: { gift: true, tags: ["red"] } },
  { id: 2, user_id: 2, total: 20, status: "PENDING", customer_ref: "c-2", details: null },
  { id: 3, user_id: 1, total: 5, status: "SHIPPED", customer_ref: null, details: { gift: false } },
  { id: 4, user_id: null, total: 7, status: "PAID", customer_ref: "c-4", details: null },
  { id: 5, user_id: 99, total: 1, status: "CANCELLED", customer_ref: "c-5", details: null },
];
const REFUNDS = [{ id: "refund-1", order_id: 2, amount: 20, reason: "damaged" }];

function matches(order, where) {
  if (!where) return true;
  const int = (value, cmp) =>
    cmp == null ||
    (value != null &&
      (cmp.eq == null || value === cmp.eq) &&
      (cmp.in == null || cmp.in.includes(value)) &&
      (cmp.gt == null || value > cmp.gt));
  const float = (value, cmp) =>
    cmp == null ||
    (value != null && (cmp.gt == null || value > cmp.gt) && (cmp.lt == null || value < cmp.lt));
  return (
    int(order.user_id, where.user_id) &&
    float(order.total, where.total) &&
    (where.status == null || order.status === where.status) &&
    (where._and ?? []).every((inner) => matches(order, inner))
  );
}

export function create(record) {
  let orders = ORDERS.map((o) => ({ __typename: "Order", ...o }));
  const refunds = REFUNDS.map((r) => ({ __typename: "Refund", ...r }));
  const root = {
    orders(args, ctx, info) {
      record(info, args);
      const found = orders.filter((o) => args.status == null || o.status === args.status);
      return args.limit == null ? found : found.slice(0, args.limit);
    },
    order(args, ctx, info) {
      record(info, args);
      return orders.find((o) => o.id === args.id) ?? null;
    },
    orders_where(args, ctx, info) {
      record(info, args);
      return orders.filter((o) => matches(o, args.where));
    },
    orders_by_user_ids(args, ctx, info) {
      record(info, args);
      return orders.filter((o) => args.user_ids.includes(o.user_id));
    },
    node(args, ctx, info) {
      record(info, args);
      return refunds.find((r) => r.id === args.id) ?? null;
    },
    search(args, ctx, info) {
      record(info, args);
      const term = args.term;
      return [
        ...orders.filter((o) => String(o.id) === term || (o.customer_ref ?? "").includes(term)),
        ...refunds.filter((r) => String(r.order_id) === term || (r.reason ?? "").includes(term)),
      ];
    },
    echo_json(args, ctx, info) {
      record(info, args);
      return args.value ?? null;
    },
    failing(args, ctx, info) {
      record(info, args);
      throw new Error("failing on purpose");
    },
    echo_headers(args, ctx, info) {
      record(info, args);
      return Object.entries(ctx.headers)
        .map(([name, value]) => `${name}: ${value}`)
        .sort();
    },
    create_order(args, ctx, info) {
      record(info, args);
      const order = {
        __typename: "Order",
        id: Math.max(...orders.map((o) => o.id)) + 1,
        user_id: args.user_id,
        total: args.total,
        status: "PENDING",
        customer_ref: null,
        details: null,
      };
      orders = [...orders, order];
      return order;
    },
  };
  return { schema: buildSchema(sdl), root };
}

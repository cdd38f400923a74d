#pragma once
// TableSchema: the GraphQL types and root fields Hasura v2 generates for a tracked table
// (server/src-lib/Hasura/GraphQL/Schema/{Select,BoolExp,OrderBy}.hs and the Postgres instance),
// from the table as a role's model holds it (the admin's: every column; another role's: the
// columns, relationships and root fields its permission allows, role_model.h). For
// `users(id int4 pk, name text)`:
//
//   type users { id: Int!  name: String! … relationships }        "columns and relationships of"
//   type users_aggregate { aggregate: users_aggregate_fields  nodes: [users!]! }
//   type users_aggregate_fields { avg … count(columns, distinct): Int! max min … variance }
//   type users_avg_fields { id: Float }, users_max_fields { id: Int name: String }, …
//   input users_bool_exp { _and _not _or id: Int_comparison_exp name: String_comparison_exp }
//   input users_order_by { id: order_by name: order_by }, users_aggregate_order_by, …
//   enum users_select_column { id name }
//   query_root: users(distinct_on, limit, offset, order_by, where): [users!]!
//               users_by_pk(id: Int!): users
//               users_aggregate(…): users_aggregate!
//
// plus, per column type, Int_comparison_exp, String_comparison_exp, … and the custom scalars
// (bigint, numeric, jsonb, an enum type's name, …). Every generated type is returned; the schema
// builder (build_role_schema.h) keeps those reachable from the roots, as Hasura's schema holds only
// what its root fields reach. Field, argument and enum value order does not matter here: Hasura
// lists them sorted by name and so does the builder.
//
// Not generated yet (recorded in docs/architecture.md): the aggregation predicates
// `<rel>_aggregate: <t>_aggregate_bool_exp` of Hasura ≥ 2.16, subscriptions (`subscription_root`,
// `<t>_stream`), mutations.

#include <set>
#include <string>
#include <vector>

#include "graphql/schema.h"
#include "schema/source_model.h"

namespace junction::schema {

// Every type name TableTypes may produce for `table` alone (the names it claims in the schema).
std::vector<std::string> TableTypeNames(const Table& table);
// The shared type names `table`'s columns need: custom scalars and comparison expressions.
std::vector<std::string> ColumnTypeNames(const Table& table);
// The type names every schema may hold whatever its tables: the built-in scalars, the root
// types, order_by.
std::set<std::string> FixedTypeNames();

// The table's own types (object, aggregate, bool_exp, order_by, select_column, …) and those its
// columns need (comparison expressions, custom scalars, the order_by enum); shared types are
// repeated once per table that needs them.
std::vector<graphql::TypeDef> TableTypes(const Table& table);

// The fields a relationship adds to its table's object type (or to a remote schema's type, for a
// remote relationship from it): `<r>` for an object relationship; `<r>` and `<r>_aggregate`
// (when the target allows aggregations), with a select's arguments, for an array relationship.
void AddRelationshipFields(const Relationship& relationship,
                           std::vector<graphql::FieldDef>& fields);
// The field of a relationship to a remote schema: its type and the arguments the template leaves.
graphql::FieldDef RemoteSchemaRelationshipField(const RemoteSchemaRelationship& relationship);

// The query_root fields of `table`: select, select_by_pk (with a primary key), select_aggregate.
std::vector<graphql::FieldDef> TableQueryFields(const Table& table);

}  // namespace junction::schema

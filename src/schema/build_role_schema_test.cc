#include "schema/build_role_schema.h"

#include <string>
#include <variant>

#include <gtest/gtest.h>

#include "graphql/printer.h"
#include "schema/resolve.h"
#include "schema/test_catalog.h"

namespace junction::schema {
namespace {

using testing::DefaultSource;
using testing::ShopCatalogs;

std::shared_ptr<const RoleSchema> AdminSchemaOf(const metadata::Metadata& metadata,
                                                const metadata::Catalogs& catalogs) {
  Resolved resolved = ResolveSources(metadata, catalogs);
  EXPECT_TRUE(resolved.inconsistent_objects.empty())
      << resolved.inconsistent_objects.front().reason;
  Result<std::shared_ptr<const RoleSchema>> role = BuildRoleSchema(resolved.model);
  EXPECT_TRUE(role) << role.error().message;
  return *role;
}

const graphql::TypeDef& TypeOf(const RoleSchema& role, std::string_view name) {
  const graphql::TypeDef* type = role.schema->FindType(name);
  EXPECT_NE(type, nullptr) << name;
  static const graphql::TypeDef kNone;
  return type ? *type : kNone;
}

// "name: Type" of each field (or input field) of `type`, in order.
std::vector<std::string> Members(const graphql::TypeDef& type) {
  std::vector<std::string> members;
  for (const auto& field : type.fields)
    members.push_back(field.name + ": " + field.type.ToString());
  for (const auto& field : type.input_fields) {
    members.push_back(field.name + ": " + field.type.ToString());
  }
  for (const auto& value : type.enum_values) members.push_back(value.name);
  return members;
}

using Strings = std::vector<std::string>;

const char* kUsersOrders =
    R"([{"table":"users","array_relationships":[{"name":"orders","using":)"
    R"({"foreign_key_constraint_on":{"table":"orders","column":"user_id"}}}]},)"
    R"({"table":"orders","object_relationships":[{"name":"user","using":)"
    R"({"foreign_key_constraint_on":"user_id"}}]}])";

TEST(AdminSchemaTest, TableObjectTypeHasColumnsAndRelationships) {
  auto role = AdminSchemaOf(DefaultSource(kUsersOrders), ShopCatalogs());
  EXPECT_EQ(Members(TypeOf(*role, "users")),
            (Strings{"active: Boolean", "address: inet", "age: smallint", "balance: numeric",
                     "created_at: timestamptz", "data: jsonb", "email: String", "id: Int!",
                     "meta: json", "mood: mood", "name: String!", "orders: [orders!]!",
                     "orders_aggregate: orders_aggregate!", "score: float8", "tags: [String!]"}));
  const graphql::TypeDef& users = TypeOf(*role, "users");
  EXPECT_EQ(users.description, "columns and relationships of \"users\"");
  // Hasura's `path: String` argument of json/jsonb columns is not offered yet.
  EXPECT_TRUE(users.FindField("data")->arguments.empty());
  EXPECT_TRUE(users.FindField("meta")->arguments.empty());
  EXPECT_EQ(users.FindField("orders")->description, "An array relationship");
  EXPECT_EQ(users.FindField("orders_aggregate")->description, "An aggregate relationship");
  std::vector<std::string> arguments;
  for (const auto& argument : users.FindField("orders")->arguments) {
    arguments.push_back(argument.name + ": " + argument.type.ToString());
  }
  EXPECT_EQ(arguments, (Strings{"distinct_on: [orders_select_column!]", "limit: Int", "offset: Int",
                                "order_by: [orders_order_by!]", "where: orders_bool_exp"}));
  const graphql::FieldDef* user = TypeOf(*role, "orders").FindField("user");
  EXPECT_EQ(user->type.ToString(), "users!");
  EXPECT_EQ(user->description, "An object relationship");
}

TEST(AdminSchemaTest, BoolExpAndComparisonExpressions) {
  auto role = AdminSchemaOf(DefaultSource(kUsersOrders), ShopCatalogs());
  EXPECT_EQ(Members(TypeOf(*role, "orders_bool_exp")),
            (Strings{"_and: [orders_bool_exp!]", "_not: orders_bool_exp", "_or: [orders_bool_exp!]",
                     "id: Int_comparison_exp", "total: numeric_comparison_exp",
                     "user: users_bool_exp", "user_id: Int_comparison_exp"}));
  EXPECT_EQ(TypeOf(*role, "orders_bool_exp").description,
            "Boolean expression to filter rows from the table \"orders\". All fields are combined "
            "with a logical 'AND'.");
  EXPECT_EQ(Members(TypeOf(*role, "Int_comparison_exp")),
            (Strings{"_eq: Int", "_gt: Int", "_gte: Int", "_in: [Int!]", "_is_null: Boolean",
                     "_lt: Int", "_lte: Int", "_neq: Int", "_nin: [Int!]"}));
  EXPECT_EQ(TypeOf(*role, "Int_comparison_exp").description,
            "Boolean expression to compare columns of type \"Int\". All fields are combined with "
            "logical 'AND'.");
  EXPECT_EQ(Members(TypeOf(*role, "String_comparison_exp")),
            (Strings{"_eq: String", "_gt: String", "_gte: String", "_ilike: String",
                     "_in: [String!]", "_iregex: String", "_is_null: Boolean", "_like: String",
                     "_lt: String", "_lte: String", "_neq: String", "_nilike: String",
                     "_nin: [String!]", "_niregex: String", "_nlike: String", "_nregex: String",
                     "_nsimilar: String", "_regex: String", "_similar: String"}));
  EXPECT_EQ(Members(TypeOf(*role, "jsonb_comparison_exp")),
            (Strings{"_contained_in: jsonb", "_contains: jsonb", "_eq: jsonb", "_gt: jsonb",
                     "_gte: jsonb", "_has_key: String", "_has_keys_all: [String!]",
                     "_has_keys_any: [String!]", "_in: [jsonb!]", "_is_null: Boolean", "_lt: jsonb",
                     "_lte: jsonb", "_neq: jsonb", "_nin: [jsonb!]"}));
  // Hasura's `_cast: jsonb_cast_exp` is not offered yet, nor `_in`/`_nin` on arrays.
  EXPECT_EQ(role->schema->FindType("jsonb_cast_exp"), nullptr);
  EXPECT_EQ(Members(TypeOf(*role, "String_array_comparison_exp")),
            (Strings{"_contained_in: [String!]", "_contains: [String!]", "_eq: [String!]",
                     "_gt: [String!]", "_gte: [String!]", "_is_null: Boolean", "_lt: [String!]",
                     "_lte: [String!]", "_neq: [String!]"}));
  EXPECT_EQ(TypeOf(*role, "users_bool_exp").FindInputField("tags")->type.ToString(),
            "String_array_comparison_exp");
  EXPECT_EQ(TypeOf(*role, "users_bool_exp").FindInputField("orders")->type.ToString(),
            "orders_bool_exp");
  for (const char* scalar : {"mood", "inet", "timestamptz"}) {
    EXPECT_EQ(TypeOf(*role, scalar).kind, graphql::TypeKind::kScalar) << scalar;
    EXPECT_NE(role->schema->FindType(std::string(scalar) + "_comparison_exp"), nullptr);
  }
  EXPECT_EQ(role->schema->FindType("bigint"), nullptr) << "only the scalars in use are declared";
}

TEST(AdminSchemaTest, OrderByTypes) {
  auto role = AdminSchemaOf(DefaultSource(kUsersOrders), ShopCatalogs());
  EXPECT_EQ(Members(TypeOf(*role, "order_by")),
            (Strings{"asc", "asc_nulls_first", "asc_nulls_last", "desc", "desc_nulls_first",
                     "desc_nulls_last"}));
  EXPECT_EQ(TypeOf(*role, "order_by").FindEnumValue("desc")->description,
            "in descending order, nulls first");
  EXPECT_EQ(
      Members(TypeOf(*role, "orders_order_by")),
      (Strings{"id: order_by", "total: order_by", "user: users_order_by", "user_id: order_by"}));
  EXPECT_EQ(TypeOf(*role, "users_order_by").FindInputField("orders_aggregate")->type.ToString(),
            "orders_aggregate_order_by");
  EXPECT_EQ(
      Members(TypeOf(*role, "orders_aggregate_order_by")),
      (Strings{"avg: orders_avg_order_by", "count: order_by", "max: orders_max_order_by",
               "min: orders_min_order_by", "stddev: orders_stddev_order_by",
               "stddev_pop: orders_stddev_pop_order_by", "stddev_samp: orders_stddev_samp_order_by",
               "sum: orders_sum_order_by", "var_pop: orders_var_pop_order_by",
               "var_samp: orders_var_samp_order_by", "variance: orders_variance_order_by"}));
  EXPECT_EQ(TypeOf(*role, "orders_sum_order_by").description,
            "order by sum() on columns of table \"orders\"");
  EXPECT_EQ(role->schema->FindType("users_aggregate_order_by"), nullptr)
      << "no array relationship points at users";
}

TEST(AdminSchemaTest, AggregateTypes) {
  auto role = AdminSchemaOf(DefaultSource(kUsersOrders), ShopCatalogs());
  EXPECT_EQ(Members(TypeOf(*role, "users_aggregate")),
            (Strings{"aggregate: users_aggregate_fields", "nodes: [users!]!"}));
  const graphql::TypeDef& fields = TypeOf(*role, "users_aggregate_fields");
  EXPECT_EQ(fields.FindField("count")->type.ToString(), "Int!");
  EXPECT_EQ(fields.FindField("count")->arguments.size(), 2u);
  EXPECT_EQ(fields.FindField("count")->arguments[0].type.ToString(), "[users_select_column!]");
  EXPECT_EQ(fields.FindField("count")->arguments[1].type.ToString(), "Boolean");
  EXPECT_EQ(Members(TypeOf(*role, "users_sum_fields")),
            (Strings{"age: smallint", "balance: numeric", "id: Int", "score: float8"}));
  EXPECT_EQ(Members(TypeOf(*role, "users_avg_fields")),
            (Strings{"age: Float", "balance: Float", "id: Float", "score: Float"}));
  EXPECT_EQ(TypeOf(*role, "users_avg_fields").description, "aggregate avg on columns");
  EXPECT_EQ(Members(TypeOf(*role, "users_max_fields")),
            (Strings{"age: smallint", "balance: numeric", "created_at: timestamptz",
                     "email: String", "id: Int", "mood: mood", "name: String", "score: float8"}));
  EXPECT_EQ(Members(TypeOf(*role, "users_select_column")),
            (Strings{"active", "address", "age", "balance", "created_at", "data", "email", "id",
                     "meta", "mood", "name", "score", "tags"}));
}

TEST(AdminSchemaTest, RootFieldsAreBoundToTheirTables) {
  auto role = AdminSchemaOf(DefaultSource(R"([{"table":"users"},{"table":"notes"},)"
                                          R"({"table":{"schema":"app","name":"items"}}])"),
                            ShopCatalogs());
  EXPECT_EQ(Members(*role->schema->query_type()),
            (Strings{"app_items: [app_items!]!", "app_items_aggregate: app_items_aggregate!",
                     "app_items_by_pk: app_items", "notes: [notes!]!",
                     "notes_aggregate: notes_aggregate!", "users: [users!]!",
                     "users_aggregate: users_aggregate!", "users_by_pk: users"}));
  const graphql::TypeDef& root = *role->schema->query_type();
  EXPECT_EQ(root.FindField("app_items")->description, "fetch data from the table: \"app.items\"");
  EXPECT_EQ(root.FindField("users_by_pk")->description,
            "fetch data from the table: \"users\" using primary key columns");
  EXPECT_EQ(root.FindField("users_aggregate")->description,
            "fetch aggregated fields from the table: \"users\"");
  EXPECT_EQ(root.FindField("app_items_by_pk")->arguments.front().type.ToString(), "uuid!");

  const RootField* bound = role->FindRootField(graphql::OperationType::kQuery, "users_by_pk");
  ASSERT_NE(bound, nullptr);
  ASSERT_TRUE(std::holds_alternative<TableRootField>(*bound));
  EXPECT_EQ(std::get<TableRootField>(*bound).kind, TableRootField::Kind::kSelectByPk);
  EXPECT_EQ(std::get<TableRootField>(*bound).table,
            role->model->FindTable("default", {"public", "users"}));
  EXPECT_EQ(role->FindRootField(graphql::OperationType::kQuery, "no_queries_available"), nullptr);
}

TEST(AdminSchemaTest, CustomRootFieldCommentReplacesTheDescription) {
  auto role =
      AdminSchemaOf(DefaultSource(R"([{"table":"notes","configuration":{"custom_root_fields":)"
                                  R"({"select":{"name":"allNotes","comment":"every note"}}}}])"),
                    ShopCatalogs());
  const graphql::FieldDef* field = role->schema->query_type()->FindField("allNotes");
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->description, "every note");
  EXPECT_EQ(field->type.ToString(), "[notes!]!");
}

TEST(AdminSchemaTest, NoTablesGivesThePlaceholder) {
  auto role = AdminSchemaOf(DefaultSource("[]"), ShopCatalogs());
  EXPECT_NE(role->FindRootField(graphql::OperationType::kQuery, "no_queries_available"), nullptr);
}

}  // namespace
}  // namespace junction::schema

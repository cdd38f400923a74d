// Remote schemas in the schema layer: RemoteNames (customization, remote_schema_model.cc), the
// remote schemas merged into the snapshot's schemas (resolve_remote_schemas.cc,
// build_role_schema.cc), the relationships to them from tables and on their types, and the role
// copies (role_model.cc). The remote services are SDL built with graphql::BuildSchema; the
// tables are test_catalog.h's shop:
//
//   accounts: Query { account(id: Int!): Account, accounts(ids), account_search(filter, limit),
//             lookup { account, accounts }, node, find, count_accounts, by_code(…) }
//             Mutation { rename_account }   Account implements Node, Address, Found (union), …

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "graphql/build_schema.h"
#include "graphql/parser.h"
#include "schema/snapshot.h"
#include "schema/test_catalog.h"

namespace junction::schema {
namespace {

using graphql::OperationType;
using metadata::Json;
using Strings = std::vector<std::string>;

constexpr std::string_view kAccountsSdl = R"(
type Query {
  account(id: Int!): Account
  accounts(ids: [Int!]!): [Account!]!
  account_search(filter: AccountFilter, limit: Int = 10): [Account!]!
  lookup: Lookup
  node(id: ID!): Node
  find(term: String!): [Found!]!
  count_accounts(ids: [Int!]!): Int
  by_code(code: String, score: Float, active: Boolean, key: ID, status: Status, when: DateTime,
          codes: [String!]): Account
}
type Mutation { rename_account(id: Int!, name: String!): Account }
type Lookup { account(id: Int!): Account accounts(ids: [Int!]!): [Account!]! }
interface Node { id: ID! }
type Account implements Node {
  id: ID!
  uid: Int!
  name: String!
  status: Status
  address: Address
  label(lang: String): String
}
type Address { city: String }
union Found = Account | Address
input AccountFilter { id: IntComparison name: String and: [AccountFilter!] }
input IntComparison { eq: Int gt: Int }
enum Status { ACTIVE CLOSED }
scalar DateTime
)";

std::shared_ptr<const graphql::Schema> Sdl(std::string_view text) {
  Result<graphql::Document> document = graphql::Parse(text);
  EXPECT_TRUE(document) << document.error().message;
  if (!document) return nullptr;
  Result<std::shared_ptr<const graphql::Schema>> schema = graphql::BuildSchema(*document);
  EXPECT_TRUE(schema) << schema.error().message;
  return schema ? *schema : nullptr;
}

metadata::RemoteSchemaCatalog Catalog(std::string_view sdl) { return {Json::object(), Sdl(sdl)}; }

// A remote_schemas entry's text, with the customization object and the remote_relationships
// array when given.
std::string Remote(std::string_view name, std::string_view customization = "",
                   std::string_view relationships = "") {
  std::string entry = R"({"name":")" + std::string(name) + R"(","definition":{"url":"http://)" +
                      std::string(name) + R"(.test/graphql")";
  if (!customization.empty()) entry += R"(,"customization":)" + std::string(customization);
  entry += "}";
  if (!relationships.empty()) {
    entry += R"(,"remote_relationships":)" + std::string(relationships);
  }
  return entry + "}";
}

// "default" tracking `tables` (a JSON array's text) and the remote schemas `remotes` (one).
metadata::Metadata WithRemotes(std::string_view tables, std::string_view remotes) {
  return testing::MetadataFrom(
      R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":)" +
      std::string(tables) + R"(,"configuration":{}}],"remote_schemas":)" + std::string(remotes) +
      "}");
}

std::shared_ptr<const Snapshot> Build(const metadata::Metadata& metadata,
                                      const metadata::RemoteSchemaCatalogs& remotes) {
  Result<std::shared_ptr<const Snapshot>> snapshot =
      BuildSnapshot(metadata, testing::ShopCatalogs(), remotes);
  EXPECT_TRUE(snapshot) << snapshot.error().message;
  return snapshot ? *snapshot : nullptr;
}

metadata::RemoteSchemaCatalogs Accounts() {
  metadata::RemoteSchemaCatalogs catalogs;
  catalogs.emplace("accounts", Catalog(kAccountsSdl));
  return catalogs;
}

const metadata::InconsistentObject* FindObject(const Snapshot& snapshot, std::string_view name) {
  for (const metadata::InconsistentObject& object : snapshot.inconsistent_objects) {
    if (object.name == name) return &object;
  }
  return nullptr;
}

std::string AllReasons(const Snapshot& snapshot) {
  std::string out;
  for (const metadata::InconsistentObject& object : snapshot.inconsistent_objects) {
    out += object.name + ": " + object.reason + "\n";
  }
  return out;
}

Strings FieldNames(const graphql::TypeDef* type) {
  Strings names;
  if (type == nullptr) return names;
  for (const graphql::FieldDef& field : type->fields) names.push_back(field.name);
  return names;
}

Strings InputFieldNames(const graphql::TypeDef* type) {
  Strings names;
  if (type == nullptr) return names;
  for (const graphql::InputValueDef& field : type->input_fields) names.push_back(field.name);
  return names;
}

bool Has(const Strings& names, std::string_view name) {
  return std::ranges::find(names, name) != names.end();
}

std::string FieldType(const RoleSchema& role, std::string_view type, std::string_view field) {
  const graphql::TypeDef* def = role.schema->FindType(type);
  if (def == nullptr) return "<no type " + std::string(type) + ">";
  const graphql::FieldDef* found = def->FindField(field);
  return found == nullptr ? "<no field " + std::string(field) + ">" : found->type.ToString();
}

// ---- RemoteNames --------------------------------------------------------------------------------

TEST(RemoteNamesTest, WithoutCustomizationNamesReadTheSame) {
  Result<RemoteNames> names = RemoteNames::Make(*Sdl(kAccountsSdl), {});
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_FALSE(names->renames_types());
  EXPECT_EQ(names->Type("Account"), "Account");
  EXPECT_EQ(names->RemoteType("Account"), "Account");
  EXPECT_EQ(names->Field("Account", "name"), "name");
  EXPECT_EQ(names->RemoteField("Account", "name"), "name");
}

TEST(RemoteNamesTest, PrefixAndSuffixRenameEveryTypeButBuiltinsAndIntrospection) {
  metadata::RemoteSchemaCustomization customization;
  customization.type_names.prefix = "acc_";
  customization.type_names.suffix = "_t";
  Result<RemoteNames> names = RemoteNames::Make(*Sdl(kAccountsSdl), customization);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_TRUE(names->renames_types());
  for (const char* type :
       {"Account", "Query", "Mutation", "Node", "Found", "AccountFilter", "Status", "DateTime"}) {
    EXPECT_EQ(names->Type(type), "acc_" + std::string(type) + "_t");
    EXPECT_EQ(names->RemoteType("acc_" + std::string(type) + "_t"), type);
  }
  for (const char* kept :
       {"Int", "Float", "String", "Boolean", "ID", "__Schema", "__Type", "__TypeKind", "__Field",
        "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation"}) {
    EXPECT_EQ(names->Type(kept), kept);
    EXPECT_EQ(names->RemoteType(kept), kept);
  }
  // Not the remote's names, so not renamed either way.
  EXPECT_EQ(names->Type("Elsewhere"), "Elsewhere");
  EXPECT_EQ(names->RemoteType("Account"), "Account");
  // Type names do not rename fields.
  EXPECT_EQ(names->Field("Account", "name"), "name");
}

TEST(RemoteNamesTest, MappingWinsOverPrefixAndSuffix) {
  metadata::RemoteSchemaCustomization customization;
  customization.type_names.prefix = "acc_";
  customization.type_names.mapping = {{"Account", "Person"}, {"Status", "Status"}};
  Result<RemoteNames> names = RemoteNames::Make(*Sdl(kAccountsSdl), customization);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(names->Type("Account"), "Person");
  EXPECT_EQ(names->RemoteType("Person"), "Account");
  EXPECT_EQ(names->RemoteType("acc_Account"), "acc_Account");
  EXPECT_EQ(names->Type("Status"), "Status") << "mapped to itself: no prefix";
  EXPECT_EQ(names->Type("Address"), "acc_Address");
}

TEST(RemoteNamesTest, TypesMayTradeNames) {
  metadata::RemoteSchemaCustomization customization;
  customization.type_names.mapping = {{"Account", "Address"}, {"Address", "Account"}};
  Result<RemoteNames> names = RemoteNames::Make(*Sdl(kAccountsSdl), customization);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(names->Type("Account"), "Address");
  EXPECT_EQ(names->Type("Address"), "Account");
  EXPECT_EQ(names->RemoteType("Address"), "Account");
  EXPECT_EQ(names->RemoteType("Account"), "Address");
}

TEST(RemoteNamesTest, FieldNamesApplyPerParentType) {
  metadata::RemoteSchemaCustomization customization;
  customization.type_names.prefix = "acc_";
  metadata::FieldNameCustomization account;
  account.parent_type = "Account";
  account.prefix = "f_";
  account.suffix = "_x";
  // Node's id renamed the same way in Account, which implements it (else inconsistent).
  account.mapping = {{"name", "full_name"}, {"id", "node_id"}};
  metadata::FieldNameCustomization node;
  node.parent_type = "Node";  // an interface
  node.mapping = {{"id", "node_id"}};
  customization.field_names = {account, node};
  Result<RemoteNames> names = RemoteNames::Make(*Sdl(kAccountsSdl), customization);
  ASSERT_TRUE(names) << names.error().message;
  // By the remote's type name, not the customized one.
  EXPECT_EQ(names->Field("Account", "name"), "full_name");
  EXPECT_EQ(names->Field("Account", "uid"), "f_uid_x");
  EXPECT_EQ(names->RemoteField("Account", "full_name"), "name");
  EXPECT_EQ(names->RemoteField("Account", "f_uid_x"), "uid");
  EXPECT_EQ(names->Field("acc_Account", "uid"), "uid");
  EXPECT_EQ(names->Field("Node", "id"), "node_id");
  EXPECT_EQ(names->RemoteField("Node", "node_id"), "id");
  // Other types' fields keep their names.
  EXPECT_EQ(names->Field("Address", "city"), "city");
  EXPECT_EQ(names->RemoteField("Address", "f_city_x"), "f_city_x");
  EXPECT_EQ(names->RemoteField("Account", "uid"), "uid") << "not one of ours";

  metadata::RemoteSchemaCustomization fields_only;
  fields_only.field_names = {account, node};
  Result<RemoteNames> only = RemoteNames::Make(*Sdl(kAccountsSdl), fields_only);
  ASSERT_TRUE(only);
  EXPECT_FALSE(only->renames_types());
  EXPECT_EQ(only->Field("Account", "name"), "full_name");
}

std::string MakeError(const metadata::RemoteSchemaCustomization& customization) {
  Result<RemoteNames> names = RemoteNames::Make(*Sdl(kAccountsSdl), customization);
  if (names) return "<no error>";
  EXPECT_EQ(names.error().code, ErrorCode::kInvalidConfiguration);
  return names.error().message;
}

TEST(RemoteNamesTest, ClashingOrInvalidNamesAreErrors) {
  const std::string prefix = "Inconsistent object: Remote schema customization inconsistency: ";
  metadata::RemoteSchemaCustomization customization;
  customization.type_names.mapping = {{"Account", "Address"}};
  EXPECT_EQ(MakeError(customization),
            prefix + "type name \"Address\" is given to more than one type");
  customization.type_names.mapping = {{"Account", "String"}};
  EXPECT_EQ(MakeError(customization),
            prefix + "type name \"String\" is given to more than one type");
  customization.type_names.mapping = {{"Account", "__Type"}};
  EXPECT_EQ(MakeError(customization),
            prefix + "type name \"__Type\" is given to more than one type");
  customization.type_names.mapping = {{"Account", "bad-name"}};
  EXPECT_EQ(MakeError(customization),
            prefix + "type name \"bad-name\" is not a valid GraphQL name");
  customization.type_names.mapping = {};
  customization.type_names.prefix = "1";
  EXPECT_NE(MakeError(customization).find("is not a valid GraphQL name"), std::string::npos);

  metadata::RemoteSchemaCustomization fields;
  metadata::FieldNameCustomization rule;
  rule.parent_type = "Account";
  rule.mapping = {{"name", "id"}};
  fields.field_names = {rule};
  EXPECT_EQ(MakeError(fields),
            prefix + "field name \"id\" is given to more than one field of \"Account\"");
  rule.mapping = {};
  rule.prefix = "__";
  fields.field_names = {rule};
  EXPECT_EQ(MakeError(fields),
            prefix + "field name \"__id\" of \"Account\" is not a valid GraphQL name");
  rule.prefix = "";
  rule.mapping = {{"name", "a b"}};
  fields.field_names = {rule};
  EXPECT_EQ(MakeError(fields),
            prefix + "field name \"a b\" of \"Account\" is not a valid GraphQL name");
  rule.mapping = {};
  for (const char* parent : {"Nope", "AccountFilter", "Status", "Found"}) {
    rule.parent_type = parent;
    fields.field_names = {rule};
    EXPECT_EQ(MakeError(fields), prefix + "field name customization for \"" + parent +
                                     "\": there is no object or interface type of that name");
  }
}

// ---- remote schemas in the snapshot -----------------------------------------------------------

TEST(RemoteSchemaSnapshotTest, RootFieldsAndTypesJoinTheAdminSchema) {
  auto snapshot = Build(
      WithRemotes(R"([{"table":"users"},{"table":"orders"}])", "[" + Remote("accounts") + "]"),
      Accounts());
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RoleSchema& admin = *snapshot->admin;
  const Strings query = FieldNames(admin.schema->query_type());
  for (const char* field : {"users", "users_by_pk", "orders", "account", "accounts",
                            "account_search", "lookup", "node", "find", "count_accounts"}) {
    EXPECT_TRUE(Has(query, field)) << field;
  }
  EXPECT_EQ(FieldType(admin, "query_root", "accounts"), "[Account!]!");
  EXPECT_EQ(FieldType(admin, "query_root", "account"), "Account");
  const graphql::FieldDef* search = admin.schema->query_type()->FindField("account_search");
  ASSERT_NE(search, nullptr);
  ASSERT_EQ(search->arguments.size(), 2u);
  EXPECT_EQ(search->arguments[0].type.ToString(), "AccountFilter");

  ASSERT_NE(admin.schema->mutation_type(), nullptr);
  EXPECT_EQ(admin.schema->mutation_type()->name, "mutation_root");
  EXPECT_EQ(FieldNames(admin.schema->mutation_type()), Strings{"rename_account"});

  for (const char* type : {"Account", "Address", "Node", "Found", "AccountFilter", "IntComparison",
                           "Status", "DateTime", "Lookup"}) {
    EXPECT_NE(admin.schema->FindType(type), nullptr) << type;
  }
  // The remote's roots are not types of ours.
  EXPECT_EQ(admin.schema->FindType("Query"), nullptr);
  EXPECT_EQ(admin.schema->FindType("Mutation"), nullptr);
  // The remote's field order is kept (not sorted as the tables' are).
  EXPECT_EQ(FieldNames(admin.schema->FindType("Account")),
            (Strings{"id", "uid", "name", "status", "address", "label"}));

  const RootField* account = admin.FindRootField(OperationType::kQuery, "account");
  ASSERT_NE(account, nullptr);
  ASSERT_TRUE(std::holds_alternative<RemoteRootField>(*account));
  const RemoteRootField& bound = std::get<RemoteRootField>(*account);
  EXPECT_EQ(bound.remote_field, "account");
  ASSERT_NE(bound.schema, nullptr);
  EXPECT_EQ(bound.schema->name(), "accounts");
  EXPECT_EQ(bound.schema, &admin.model->remote_schemas.at("accounts"));
  EXPECT_EQ(bound.schema->definition.url, "http://accounts.test/graphql");
  const RootField* rename = admin.FindRootField(OperationType::kMutation, "rename_account");
  ASSERT_NE(rename, nullptr);
  EXPECT_EQ(std::get<RemoteRootField>(*rename).remote_field, "rename_account");
  EXPECT_TRUE(
      std::holds_alternative<TableRootField>(*admin.FindRootField(OperationType::kQuery, "users")));
}

TEST(RemoteSchemaSnapshotTest, CustomizedNamesAndRootFieldNamespace) {
  auto snapshot = Build(
      WithRemotes(
          R"([{"table":"users"}])",
          "[" +
              Remote("accounts",
                     R"({"root_fields_namespace":"acc","type_names":{"prefix":"acc_"},)"
                     R"("field_names":[{"parent_type":"Account","mapping":{"name":"full_name"}},)"
                     R"({"parent_type":"Query","mapping":{"account":"one_account"}}]})") +
              "]"),
      Accounts());
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RoleSchema& admin = *snapshot->admin;
  const Strings query = FieldNames(admin.schema->query_type());
  EXPECT_TRUE(Has(query, "acc"));
  EXPECT_TRUE(Has(query, "users"));
  EXPECT_FALSE(Has(query, "account"));
  EXPECT_FALSE(Has(query, "one_account"));
  EXPECT_EQ(FieldType(admin, "query_root", "acc"), "acc_Query!");
  EXPECT_EQ(FieldType(admin, "mutation_root", "acc"), "acc_Mutation!");
  // The namespace's type is the remote's query root, customized, its fields renamed.
  EXPECT_EQ(FieldNames(admin.schema->FindType("acc_Query")),
            (Strings{"one_account", "accounts", "account_search", "lookup", "node", "find",
                     "count_accounts", "by_code"}));
  EXPECT_EQ(FieldType(admin, "acc_Query", "accounts"), "[acc_Account!]!");
  EXPECT_EQ(FieldType(admin, "acc_Mutation", "rename_account"), "acc_Account");
  EXPECT_EQ(FieldNames(admin.schema->FindType("acc_Account")),
            (Strings{"id", "uid", "full_name", "status", "address", "label"}));
  const graphql::TypeDef* account = admin.schema->FindType("acc_Account");
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(account->interfaces, Strings{"acc_Node"});
  const graphql::TypeDef* found = admin.schema->FindType("acc_Found");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->union_members, (Strings{"acc_Account", "acc_Address"}));
  EXPECT_EQ(admin.schema->FindType("Account"), nullptr);
  EXPECT_NE(admin.schema->FindType("Int"), nullptr);
  const graphql::FieldDef* search =
      admin.schema->FindType("acc_Query")->FindField("account_search");
  ASSERT_NE(search, nullptr);
  EXPECT_EQ(search->arguments[0].type.ToString(), "acc_AccountFilter");
  EXPECT_EQ(InputFieldNames(admin.schema->FindType("acc_AccountFilter")),
            (Strings{"id", "name", "and"}));
  EXPECT_EQ(admin.schema->FindType("acc_AccountFilter")->input_fields[2].type.ToString(),
            "[acc_AccountFilter!]");

  const RootField* acc = admin.FindRootField(OperationType::kQuery, "acc");
  ASSERT_NE(acc, nullptr);
  ASSERT_TRUE(std::holds_alternative<RemoteRootField>(*acc));
  EXPECT_EQ(std::get<RemoteRootField>(*acc).remote_field, "");
  const RootField* mutation = admin.FindRootField(OperationType::kMutation, "acc");
  ASSERT_NE(mutation, nullptr);
  EXPECT_EQ(std::get<RemoteRootField>(*mutation).remote_field, "");
}

TEST(RemoteSchemaSnapshotTest, ACustomizationThatClashesIsInconsistent) {
  auto snapshot = Build(
      WithRemotes(
          "[]",
          "[" + Remote("accounts", R"({"type_names":{"mapping":{"Account":"Address"}}})") + "]"),
      Accounts());
  ASSERT_NE(snapshot, nullptr);
  const metadata::InconsistentObject* object = FindObject(*snapshot, "remote_schema accounts");
  ASSERT_NE(object, nullptr) << AllReasons(*snapshot);
  EXPECT_EQ(object->type, "remote_schema");
  EXPECT_EQ(object->reason,
            "Inconsistent object: Remote schema customization inconsistency: type name "
            "\"Address\" is given to more than one type");
  EXPECT_TRUE(snapshot->admin->model->remote_schemas.empty());
}

// BUG (resolve_remote_schemas.cc / remote_schema_model.cc): a field_names customization that
// renames an object type's field but not the same field of an interface it implements makes
// BuildSnapshot fail as a whole ("Interface field Node.id expected but Account does not provide
// it.") instead of making the remote schema inconsistent. Hasura rejects it as a customization
// inconsistency ("Remote schema customization inconsistency: field name mapping for field "id"
// of interface "Node" is inconsistent with mapping for type "Account". …").
TEST(RemoteSchemaSnapshotTest, ACustomizationBreakingAnInterfaceIsInconsistentNotAnError) {
  Result<std::shared_ptr<const Snapshot>> snapshot = BuildSnapshot(
      WithRemotes("[]", "[" +
                            Remote("accounts", R"({"field_names":[{"parent_type":"Account",)"
                                               R"("mapping":{"id":"account_id"}}]})") +
                            "]"),
      testing::ShopCatalogs(), Accounts());
  ASSERT_TRUE(snapshot) << snapshot.error().message;
  const metadata::InconsistentObject* object = FindObject(**snapshot, "remote_schema accounts");
  ASSERT_NE(object, nullptr) << AllReasons(**snapshot);
  EXPECT_TRUE(object->reason.starts_with(
      "Inconsistent object: Remote schema customization inconsistency: field name mapping for "
      "field"))
      << object->reason;
}

TEST(RemoteSchemaSnapshotTest, ARootFieldTakenByATableIsInconsistent) {
  metadata::RemoteSchemaCatalogs catalogs;
  catalogs.emplace("people", Catalog("type Query { users: [Person] me: Person } "
                                     "type Person { id: Int }"));
  auto snapshot =
      Build(WithRemotes(R"([{"table":"users"}])", "[" + Remote("people") + "]"), catalogs);
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->inconsistent_objects.size(), 1u) << AllReasons(*snapshot);
  const metadata::InconsistentObject& object = snapshot->inconsistent_objects[0];
  EXPECT_EQ(object.type, "remote_schema");
  EXPECT_EQ(object.name, "remote_schema people");
  EXPECT_EQ(object.reason,
            "Inconsistent object: Conflicting root fields: the field \"users\" of query_root is "
            "already defined");
  EXPECT_EQ(object.section, "remote_schemas");
  EXPECT_EQ(object.index, 0u);
  EXPECT_EQ(object.definition["name"], "people");
  EXPECT_EQ(object.definition["definition"]["url"], "http://people.test/graphql");
  // Nothing of it joins: not its other root field, not its types.
  const RoleSchema& admin = *snapshot->admin;
  EXPECT_FALSE(Has(FieldNames(admin.schema->query_type()), "me"));
  EXPECT_EQ(admin.schema->FindType("Person"), nullptr);
  EXPECT_TRUE(
      std::holds_alternative<TableRootField>(*admin.FindRootField(OperationType::kQuery, "users")));
  EXPECT_TRUE(admin.model->remote_schemas.empty());
}

TEST(RemoteSchemaSnapshotTest, ARootFieldOfAnEarlierRemoteSchemaIsTaken) {
  metadata::RemoteSchemaCatalogs catalogs = Accounts();
  catalogs.emplace("again", Catalog("type Query { ping: Int } "
                                    "type Mutation { rename_account: Int }"));
  auto snapshot =
      Build(WithRemotes("[]", "[" + Remote("accounts") + "," + Remote("again") + "]"), catalogs);
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->inconsistent_objects.size(), 1u) << AllReasons(*snapshot);
  EXPECT_EQ(snapshot->inconsistent_objects[0].name, "remote_schema again");
  EXPECT_EQ(snapshot->inconsistent_objects[0].index, 1u);
  EXPECT_EQ(snapshot->inconsistent_objects[0].reason,
            "Inconsistent object: Conflicting root fields: the field \"rename_account\" of "
            "mutation_root is already defined");
  EXPECT_FALSE(Has(FieldNames(snapshot->admin->schema->query_type()), "ping"));
}

TEST(RemoteSchemaSnapshotTest, ATypeDefinedDifferentlyIsInconsistent) {
  // A remote type named as a table's type.
  metadata::RemoteSchemaCatalogs tables;
  tables.emplace("people", Catalog("type Query { person: users } type users { id: Int }"));
  auto snapshot =
      Build(WithRemotes(R"([{"table":"users"}])", "[" + Remote("people") + "]"), tables);
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->inconsistent_objects.size(), 1u) << AllReasons(*snapshot);
  EXPECT_EQ(snapshot->inconsistent_objects[0].name, "remote_schema people");
  EXPECT_EQ(snapshot->inconsistent_objects[0].reason,
            "Inconsistent object: Conflicting types: Found conflicting definitions for GraphQL "
            "type 'users'.");

  // A remote enum named as a table's column scalar (only a scalar may share it).
  metadata::RemoteSchemaCatalogs scalars;
  scalars.emplace("people", Catalog("type Query { a: numeric b: timestamptz } "
                                    "enum numeric { ONE } scalar timestamptz"));
  snapshot = Build(WithRemotes(R"([{"table":"users"}])", "[" + Remote("people") + "]"), scalars);
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->inconsistent_objects.size(), 1u) << AllReasons(*snapshot);
  EXPECT_EQ(snapshot->inconsistent_objects[0].reason,
            "Inconsistent object: Conflicting types: Found conflicting definitions for GraphQL "
            "type 'numeric'.");

  // A type of an earlier remote schema, with another structure.
  metadata::RemoteSchemaCatalogs two = Accounts();
  two.emplace("places", Catalog("type Query { place: Address } type Address { city: Int }"));
  snapshot = Build(WithRemotes("[]", "[" + Remote("accounts") + "," + Remote("places") + "]"), two);
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->inconsistent_objects.size(), 1u) << AllReasons(*snapshot);
  EXPECT_EQ(snapshot->inconsistent_objects[0].name, "remote_schema places");
  EXPECT_EQ(snapshot->inconsistent_objects[0].reason,
            "Inconsistent object: Conflicting types: Found conflicting definitions for GraphQL "
            "type 'Address'.");
  EXPECT_FALSE(Has(FieldNames(snapshot->admin->schema->query_type()), "place"));
  EXPECT_EQ(FieldType(*snapshot->admin, "Address", "city"), "String");
}

TEST(RemoteSchemaSnapshotTest, IdenticalTypesAndSharedScalarsMerge) {
  metadata::RemoteSchemaCatalogs catalogs = Accounts();
  catalogs.emplace("places", Catalog("type Query { place: Address when: timestamptz } "
                                     "\"described differently\" type Address { city: String } "
                                     "scalar timestamptz"));
  auto snapshot = Build(WithRemotes(R"([{"table":"users"}])",
                                    "[" + Remote("accounts") + "," + Remote("places") + "]"),
                        catalogs);
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RoleSchema& admin = *snapshot->admin;
  EXPECT_EQ(FieldType(admin, "query_root", "place"), "Address");
  EXPECT_EQ(FieldType(admin, "query_root", "when"), "timestamptz");
  EXPECT_EQ(FieldType(admin, "Account", "address"), "Address");
  EXPECT_EQ(admin.model->remote_schemas.size(), 2u);
}

TEST(RemoteSchemaSnapshotTest, ARoleWithoutPermissionsSeesTheRemoteSchemas) {
  auto snapshot = Build(
      WithRemotes(R"([{"table":"users"},{"table":"orders","select_permissions":[{"role":"user",)"
                  R"("permission":{"columns":["id"],"filter":{}}}]}])",
                  "[" + Remote("accounts") + "]"),
      Accounts());
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RoleSchema& nobody = snapshot->ForRole("nobody");
  EXPECT_EQ(&nobody, snapshot->unprivileged.get());
  const Strings query = FieldNames(nobody.schema->query_type());
  EXPECT_TRUE(Has(query, "account"));
  EXPECT_FALSE(Has(query, "no_queries_available"));
  EXPECT_FALSE(Has(query, "users"));
  EXPECT_FALSE(Has(query, "orders"));
  ASSERT_NE(nobody.schema->mutation_type(), nullptr);
  EXPECT_EQ(FieldNames(nobody.schema->mutation_type()), Strings{"rename_account"});
  const RootField* account = nobody.FindRootField(OperationType::kQuery, "account");
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(std::get<RemoteRootField>(*account).schema,
            &nobody.model->remote_schemas.at("accounts"))
      << "points into the role's own model";

  const RoleSchema& user = snapshot->ForRole("user");
  const Strings user_query = FieldNames(user.schema->query_type());
  EXPECT_TRUE(Has(user_query, "orders"));
  EXPECT_TRUE(Has(user_query, "account"));
  EXPECT_FALSE(Has(user_query, "users"));
}

TEST(RemoteSchemaSnapshotTest, ImplementationsOfAnInterfaceAreKeptAndSubscriptionsLeftOut) {
  metadata::RemoteSchemaCatalogs catalogs;
  catalogs.emplace("things", Catalog("type Query { node: Node } interface Node { id: ID! } "
                                     "type Thing implements Node { id: ID! size: Size } "
                                     "scalar Size type Unused { a: Int } "
                                     "type Subscription { tick: Int }"));
  auto snapshot = Build(WithRemotes("[]", "[" + Remote("things") + "]"), catalogs);
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const graphql::Schema& schema = *snapshot->admin->schema;
  EXPECT_NE(schema.FindType("Thing"), nullptr) << "reachable only as an implementation of Node";
  EXPECT_NE(schema.FindType("Size"), nullptr);
  EXPECT_EQ(schema.FindType("Unused"), nullptr) << "unreachable types are left out";
  EXPECT_EQ(schema.subscription_type(), nullptr);
  EXPECT_EQ(schema.FindType("Subscription"), nullptr);
  EXPECT_EQ(schema.mutation_type(), nullptr) << "no remote mutation, no mutation root";
  EXPECT_EQ(FieldNames(schema.query_type()), Strings{"node"});
}

TEST(RemoteSchemaSnapshotTest, RemoteSchemasThatWereNotIntrospectedAreInconsistent) {
  metadata::RemoteSchemaCatalogs catalogs;
  catalogs.emplace("down", Error(ErrorCode::kRemoteSchemaError, "connection refused"));
  auto snapshot =
      Build(WithRemotes("[]", "[" + Remote("down") + "," + Remote("unknown") + "]"), catalogs);
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->inconsistent_objects.size(), 2u) << AllReasons(*snapshot);
  EXPECT_EQ(snapshot->inconsistent_objects[0].name, "remote_schema down");
  EXPECT_EQ(snapshot->inconsistent_objects[0].reason, "Inconsistent object: connection refused");
  EXPECT_EQ(snapshot->inconsistent_objects[0].index, 0u);
  EXPECT_EQ(snapshot->inconsistent_objects[1].name, "remote_schema unknown");
  EXPECT_EQ(snapshot->inconsistent_objects[1].reason,
            "Inconsistent object: remote schema unknown has not been introspected");
  EXPECT_EQ(snapshot->inconsistent_objects[1].index, 1u);
  EXPECT_TRUE(snapshot->admin->model->remote_schemas.empty());
  EXPECT_EQ(snapshot->admin->query_fields.count("no_queries_available"), 1u);
}

// ---- relationships from tables to remote schemas -----------------------------------------------

// "default" tracking users and orders, orders with the remote relationships `remote` (a JSON
// array's members' text), and the accounts remote schema.
std::shared_ptr<const Snapshot> OrdersWith(const std::string& remote,
                                           const std::string& accounts = Remote("accounts")) {
  return Build(WithRemotes(R"([{"table":"users"},{"table":"orders","remote_relationships":[)" +
                               remote + "]}]",
                           "[" + accounts + "]"),
               Accounts());
}

std::string ToRemote(std::string_view name, std::string_view lhs, std::string_view remote_field,
                     std::string_view extra = "") {
  return R"({"name":")" + std::string(name) +
         R"(","definition":{"to_remote_schema":{"remote_schema":"accounts","lhs_fields":)" +
         std::string(lhs) + R"(,"remote_field":)" + std::string(remote_field) + std::string(extra) +
         "}}}";
}

const Table& Orders(const Snapshot& snapshot) {
  const Table* table = snapshot.admin->model->FindTable("default", {"public", "orders"});
  EXPECT_NE(table, nullptr);
  return *table;
}

TEST(RemoteSchemaRelationshipTest, ToRemoteSchemaResolves) {
  auto snapshot = OrdersWith(
      ToRemote("account", R"(["user_id"])", R"({"account":{"arguments":{"id":"$user_id"}}})"));
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const Table& orders = Orders(*snapshot);
  ASSERT_EQ(orders.remote_schema_relationships.size(), 1u);
  const RemoteSchemaRelationship* relationship = orders.FindRemoteSchemaRelationship("account");
  ASSERT_NE(relationship, nullptr);
  EXPECT_EQ(relationship->name, "account");
  EXPECT_EQ(relationship->remote_schema, "accounts");
  EXPECT_EQ(relationship->target, &snapshot->admin->model->remote_schemas.at("accounts"));
  EXPECT_EQ(relationship->lhs_fields, Strings{"user_id"});
  ASSERT_EQ(relationship->path.size(), 1u);
  EXPECT_EQ(relationship->path[0].field, "account");
  EXPECT_EQ(relationship->path[0].arguments, Json::parse(R"({"id":"$user_id"})"));
  EXPECT_FALSE(relationship->batch.has_value());
  EXPECT_EQ(relationship->type.ToString(), "Account");
  EXPECT_TRUE(relationship->arguments.empty()) << "id is bound by the template";
  EXPECT_TRUE(relationship->cloned_types.empty());
  // The table's type has the field; its bool_exp does not.
  EXPECT_EQ(FieldType(*snapshot->admin, "orders", "account"), "Account");
  EXPECT_EQ(snapshot->admin->schema->FindType("orders_bool_exp")->FindInputField("account"),
            nullptr);
}

TEST(RemoteSchemaRelationshipTest, TheLegacyFormResolves) {
  auto snapshot = OrdersWith(
      R"({"name":"acct","definition":{"remote_schema":"accounts","hasura_fields":["user_id","id"],)"
      R"("remote_field":{"accounts":{"arguments":{"ids":["$user_id"]}}}}})");
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RemoteSchemaRelationship* relationship =
      Orders(*snapshot).FindRemoteSchemaRelationship("acct");
  ASSERT_NE(relationship, nullptr);
  EXPECT_EQ(relationship->remote_schema, "accounts");
  EXPECT_EQ(relationship->lhs_fields, (Strings{"user_id", "id"}));
  EXPECT_EQ(relationship->type.ToString(), "[Account!]!");
  EXPECT_EQ(FieldType(*snapshot->admin, "orders", "acct"), "[Account!]!");
}

TEST(RemoteSchemaRelationshipTest, ANestedFieldPath) {
  auto snapshot = OrdersWith(ToRemote(
      "account", R"(["user_id","user_id"])",
      R"({"lookup":{"arguments":{},"field":{"account":{"arguments":{"id":"$user_id"}}}}})"));
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RemoteSchemaRelationship* relationship =
      Orders(*snapshot).FindRemoteSchemaRelationship("account");
  ASSERT_NE(relationship, nullptr);
  EXPECT_EQ(relationship->lhs_fields, Strings{"user_id"}) << "duplicates dropped";
  ASSERT_EQ(relationship->path.size(), 2u);
  EXPECT_EQ(relationship->path[0].field, "lookup");
  EXPECT_EQ(relationship->path[0].arguments, Json::object());
  EXPECT_EQ(relationship->path[1].field, "account");
  EXPECT_EQ(relationship->path[1].arguments, Json::parse(R"({"id":"$user_id"})"));
  EXPECT_EQ(relationship->type.ToString(), "Account");

  // A nested field under a field that returns a list, or a scalar, is refused.
  auto list = OrdersWith(ToRemote("account", R"(["user_id"])",
                                  R"({"accounts":{"arguments":{"ids":["$user_id"]},)"
                                  R"("field":{"name":{}}}})"));
  const metadata::InconsistentObject* object =
      FindObject(*list, "remote_relationship account in table orders in source default");
  ASSERT_NE(object, nullptr) << AllReasons(*list);
  EXPECT_EQ(object->reason,
            "Inconsistent object: in table \"orders\": in remote relationship \"account\": "
            "remote field \"accounts\" must return an object to have a nested field");
}

TEST(RemoteSchemaRelationshipTest, ArgumentsTheTemplateLeavesAreTheUsers) {
  auto snapshot = OrdersWith(ToRemote("matches", R"(["user_id"])",
                                      R"({"account_search":{"arguments":{"filter":)"
                                      R"({"id":{"eq":"$user_id"}}}}})"));
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RemoteSchemaRelationship* relationship =
      Orders(*snapshot).FindRemoteSchemaRelationship("matches");
  ASSERT_NE(relationship, nullptr);
  ASSERT_EQ(relationship->arguments.size(), 2u);
  EXPECT_EQ(relationship->arguments[0].name, "filter");
  EXPECT_EQ(relationship->arguments[0].type.ToString(), "AccountFilter_remote_rel_ordersmatches");
  EXPECT_FALSE(relationship->arguments[0].default_value.has_value());
  EXPECT_EQ(relationship->arguments[1].name, "limit");
  EXPECT_EQ(relationship->arguments[1].type.ToString(), "Int");
  // The filter's id is bound in part (eq): its type is cloned too, innermost first.
  ASSERT_EQ(relationship->cloned_types.size(), 2u);
  const graphql::TypeDef& comparison = relationship->cloned_types[0];
  EXPECT_EQ(comparison.name, "IntComparison_remote_rel_ordersmatches");
  EXPECT_EQ(InputFieldNames(&comparison), Strings{"gt"});
  const graphql::TypeDef& filter = relationship->cloned_types[1];
  EXPECT_EQ(filter.name, "AccountFilter_remote_rel_ordersmatches");
  EXPECT_EQ(filter.kind, graphql::TypeKind::kInputObject);
  EXPECT_EQ(InputFieldNames(&filter), (Strings{"id", "name", "and"}));
  EXPECT_EQ(filter.input_fields[0].type.ToString(), "IntComparison_remote_rel_ordersmatches");
  EXPECT_EQ(filter.input_fields[2].type.ToString(), "[AccountFilter!]");

  // The schema has the field with those arguments and the clones.
  const graphql::TypeDef* orders = snapshot->admin->schema->FindType("orders");
  ASSERT_NE(orders, nullptr);
  const graphql::FieldDef* field = orders->FindField("matches");
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->type.ToString(), "[Account!]!");
  ASSERT_EQ(field->arguments.size(), 2u);
  EXPECT_EQ(field->arguments[0].type.ToString(), "AccountFilter_remote_rel_ordersmatches");
  EXPECT_EQ(
      InputFieldNames(snapshot->admin->schema->FindType("IntComparison_remote_rel_ordersmatches")),
      Strings{"gt"});

  // A template that binds the whole input object leaves no argument for it.
  auto whole = OrdersWith(ToRemote("matches", R"(["user_id"])",
                                   R"({"account_search":{"arguments":{"filter":)"
                                   R"({"id":{"eq":"$user_id","gt":0},"name":"x","and":[]}}}})"));
  ASSERT_NE(whole, nullptr);
  EXPECT_TRUE(whole->inconsistent_objects.empty()) << AllReasons(*whole);
  const RemoteSchemaRelationship* bound = Orders(*whole).FindRemoteSchemaRelationship("matches");
  ASSERT_NE(bound, nullptr);
  ASSERT_EQ(bound->arguments.size(), 1u);
  EXPECT_EQ(bound->arguments[0].name, "limit");
  EXPECT_TRUE(bound->arguments[0].default_value.has_value()) << "unbound: keeps its default";
  EXPECT_TRUE(bound->cloned_types.empty());
}

TEST(RemoteSchemaRelationshipTest, BatchMode) {
  auto snapshot = OrdersWith(
      ToRemote("owner", R"(["user_id"])", R"({"accounts":{"arguments":{"ids":"$user_id"}}})",
               R"(,"batch":{"key_field":"uid"})") +
      "," +
      ToRemote("owners", R"(["user_id"])",
               R"({"lookup":{"field":{"accounts":{"arguments":{"ids":"$user_id"}}}}})",
               R"(,"batch":{"key_field":"uid","relationship_type":"array"})"));
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RemoteSchemaRelationship* owner = Orders(*snapshot).FindRemoteSchemaRelationship("owner");
  ASSERT_NE(owner, nullptr);
  ASSERT_TRUE(owner->batch.has_value());
  EXPECT_EQ(owner->batch->key_field, "uid");
  EXPECT_FALSE(owner->batch->array);
  EXPECT_EQ(owner->type.ToString(), "Account") << "the element, nullable";
  const RemoteSchemaRelationship* owners = Orders(*snapshot).FindRemoteSchemaRelationship("owners");
  ASSERT_NE(owners, nullptr);
  ASSERT_TRUE(owners->batch.has_value());
  EXPECT_TRUE(owners->batch->array);
  EXPECT_EQ(owners->type.ToString(), "[Account!]!");
  EXPECT_EQ(owners->path.size(), 2u);
  EXPECT_EQ(FieldType(*snapshot->admin, "orders", "owner"), "Account");
  EXPECT_EQ(FieldType(*snapshot->admin, "orders", "owners"), "[Account!]!");
}

// The reason a relationship `r` on orders is inconsistent for.
std::string Reason(const std::string& relationship) {
  auto snapshot = OrdersWith(relationship);
  if (snapshot == nullptr) return "<no snapshot>";
  const metadata::InconsistentObject* object =
      FindObject(*snapshot, "remote_relationship r in table orders in source default");
  if (object == nullptr) return "<consistent> " + AllReasons(*snapshot);
  EXPECT_EQ(object->type, "remote_relationship");
  EXPECT_EQ(Orders(*snapshot).FindRemoteSchemaRelationship("r"), nullptr);
  return object->reason;
}

std::string Account(std::string_view arguments) {
  return R"({"account":{"arguments":)" + std::string(arguments) + "}}";
}

std::string ByCode(std::string_view arguments) {
  return R"({"by_code":{"arguments":)" + std::string(arguments) + "}}";
}

TEST(RemoteSchemaRelationshipTest, EachValidationError) {
  const std::string in = "Inconsistent object: in table \"orders\": in remote relationship \"r\": ";
  EXPECT_EQ(Reason(R"({"name":"r","definition":{"to_remote_schema":{"remote_schema":"nope",)"
                   R"("lhs_fields":["user_id"],"remote_field":{"account":{"arguments":{}}}}}})"),
            in + "remote schema with name \"nope\" not found");
  EXPECT_EQ(Reason(ToRemote("r", R"(["buyer_id"])", Account(R"({"id":"$buyer_id"})"))),
            in + "field with name \"buyer_id\" is not provided by the lhs entity");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", R"({"nope":{"arguments":{}}})")),
            in + "remote field with name \"nope\" and type \"Query\" not found");
  EXPECT_EQ(
      Reason(ToRemote("r", R"(["user_id"])", R"({"lookup":{"field":{"nope":{"arguments":{}}}}})")),
      in + "remote field with name \"nope\" and type \"Lookup\" not found");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", Account(R"({"uid":"$user_id"})"))),
            in + "argument with name \"uid\" not found in remote schema");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", Account(R"({"id":"$buyer_id"})"))),
            in + "variable \"buyer_id\" is not found");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", Account(R"({"id":"$"})"))),
            in + "Empty variable name");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])",
                            R"({"accounts":{"arguments":{"ids":["$user_id",2]}}})")),
            in + "multiple elements in list value is not supported");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", Account(R"({"id":null})"))),
            in + "null is not allowed here");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", Account(R"({"id":{"eq":1}})"))),
            in + "type \"Int!\" is invalid for stripping");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", Account(R"({"id":[1]})"))),
            in + "type \"Int!\" is invalid for stripping");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])",
                            R"({"account_search":{"arguments":{"filter":{"nope":1}}}})")),
            in + "argument with name \"nope\" not found in remote schema");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", Account(R"({"id":"abc"})"))),
            in + "expected type \"Int!\" but got \"String\"");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", Account(R"({"id":1.5})"))),
            in + "expected type \"Int!\" but got \"Float\"");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", ByCode(R"({"code":7})"))),
            in + "expected type \"String\" but got \"Int\"");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", ByCode(R"({"active":"yes"})"))),
            in + "expected type \"Boolean\" but got \"String\"");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", ByCode(R"({"score":true})"))),
            in + "expected type \"Float\" but got \"Boolean\"");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", ByCode(R"({"key":1.5})"))),
            in + "expected type \"ID\" but got \"Float\"");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", ByCode(R"({"codes":"a"})"))),
            in + "expected type \"[String!]\" but got \"String\"");
  // What fits: Int for Float and ID, a string for ID, anything for enums and custom scalars.
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])",
                            ByCode(R"({"code":"$user_id","score":1,"key":7,"status":"ACTIVE",)"
                                   R"("when":12,"codes":["a"],"active":false})"))),
            "<consistent> ");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", ByCode(R"({"key":"k7"})"))), "<consistent> ");

  // Batch mode.
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])", Account(R"({"id":"$user_id"})"),
                            R"(,"batch":{"key_field":"uid"})")),
            in + "batch mode needs \"$user_id\" in an argument that takes a list, not \"Int!\"");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id"])",
                            R"({"count_accounts":{"arguments":{"ids":"$user_id"}}})",
                            R"(,"batch":{"key_field":"uid"})")),
            in + "batch mode needs a remote field that returns a list of objects, not \"Int\"");
  EXPECT_EQ(
      Reason(ToRemote("r", R"(["user_id"])", R"({"accounts":{"arguments":{"ids":"$user_id"}}})",
                      R"(,"batch":{"key_field":"nope"})")),
      in + "batch key_field \"nope\" is not an argument-less field of \"Account\"");
  EXPECT_EQ(
      Reason(ToRemote("r", R"(["user_id"])", R"({"accounts":{"arguments":{"ids":"$user_id"}}})",
                      R"(,"batch":{"key_field":"label"})")),
      in + "batch key_field \"label\" is not an argument-less field of \"Account\"");
  EXPECT_EQ(
      Reason(ToRemote("r", R"(["user_id"])", R"({"accounts":{"arguments":{"ids":"$user_id"}}})",
                      R"(,"batch":{"key_field":"uid","relationship_type":"many"})")),
      in + "batch relationship_type must be \"object\" or \"array\"");
  EXPECT_EQ(Reason(ToRemote("r", R"(["user_id","id"])",
                            R"({"accounts":{"arguments":{"ids":"$user_id"}}})",
                            R"(,"batch":{"key_field":"uid"})")),
            in + "batch mode joins on exactly one lhs field");

  // A name a column or another relationship has.
  auto twice = OrdersWith(ToRemote("r", R"(["user_id"])", Account(R"({"id":"$user_id"})")) + "," +
                          ToRemote("r", R"(["user_id"])", Account(R"({"id":1})")));
  ASSERT_EQ(twice->inconsistent_objects.size(), 1u) << AllReasons(*twice);
  EXPECT_EQ(twice->inconsistent_objects[0].reason,
            "Conflicting objects: conflicting definitions for field \"r\"");
  EXPECT_EQ(twice->inconsistent_objects[0].pointer, "/tables/1/remote_relationships/1");
  ASSERT_NE(Orders(*twice).FindRemoteSchemaRelationship("r"), nullptr);
  EXPECT_EQ(Orders(*twice).FindRemoteSchemaRelationship("r")->path[0].arguments,
            Json::parse(R"({"id":"$user_id"})"))
      << "the first one stays";
  auto column = OrdersWith(ToRemote("total", R"(["user_id"])", Account(R"({"id":"$user_id"})")));
  const metadata::InconsistentObject* object =
      FindObject(*column, "remote_relationship total in table orders in source default");
  ASSERT_NE(object, nullptr) << AllReasons(*column);
  EXPECT_EQ(object->reason, "Inconsistent object: field definition conflicts with postgres column");
}

// ---- relationships on remote schemas' types -----------------------------------------------------

std::string OnType(std::string_view type, std::string_view relationships) {
  return R"([{"type_name":")" + std::string(type) + R"(","relationships":[)" +
         std::string(relationships) + "]}]";
}

constexpr std::string_view kOrdersOfAccount =
    R"({"name":"orders","definition":{"to_source":{"source":"default","table":"orders",)"
    R"("relationship_type":"array","field_mapping":{"uid":"user_id"}}}})";
constexpr std::string_view kFriendOfAccount =
    R"({"name":"friend","definition":{"to_remote_schema":{"remote_schema":"accounts",)"
    R"("lhs_fields":["uid"],"remote_field":{"account":{"arguments":{"id":"$uid"}}}}}})";

std::string AccountsWith(std::string_view type, std::string_view relationships,
                         std::string_view customization = "") {
  return Remote("accounts", customization, OnType(type, relationships));
}

TEST(RemoteTypeRelationshipTest, ToSourceAndToRemoteSchema) {
  const std::string relationships =
      std::string(kOrdersOfAccount) + "," + std::string(kFriendOfAccount);
  auto snapshot = Build(WithRemotes(R"([{"table":"users"},{"table":"orders"}])",
                                    "[" + AccountsWith("Account", relationships) + "]"),
                        Accounts());
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const SourceModel& model = *snapshot->admin->model;
  const RemoteSchema& accounts = model.remote_schemas.at("accounts");
  ASSERT_EQ(accounts.relationships.count("Account"), 1u);
  const RemoteTypeRelationships& on_account = accounts.relationships.at("Account");
  ASSERT_EQ(on_account.to_source.size(), 1u);
  const Relationship& orders = on_account.to_source[0];
  EXPECT_EQ(orders.name, "orders");
  EXPECT_EQ(orders.kind, Relationship::Kind::kArray);
  EXPECT_TRUE(orders.remote);
  EXPECT_EQ(orders.target, model.FindTable("default", {"public", "orders"}));
  EXPECT_EQ(orders.mapping, (std::vector<std::pair<std::string, std::string>>{{"uid", "user_id"}}));
  ASSERT_EQ(on_account.to_remote_schema.size(), 1u);
  const RemoteSchemaRelationship& friend_ = on_account.to_remote_schema[0];
  EXPECT_EQ(friend_.name, "friend");
  EXPECT_EQ(friend_.target, &accounts);
  EXPECT_EQ(friend_.lhs_fields, Strings{"uid"});
  EXPECT_EQ(friend_.type.ToString(), "Account");

  const RoleSchema& admin = *snapshot->admin;
  EXPECT_EQ(FieldNames(admin.schema->FindType("Account")),
            (Strings{"id", "uid", "name", "status", "address", "label", "orders",
                     "orders_aggregate", "friend"}));
  EXPECT_EQ(FieldType(admin, "Account", "orders"), "[orders!]!");
  EXPECT_EQ(FieldType(admin, "Account", "friend"), "Account");
}

TEST(RemoteTypeRelationshipTest, UnderCustomizedNames) {
  // The relationship's lhs fields and type_name are the remote's names; the clone is named
  // after the customized type.
  auto snapshot = Build(
      WithRemotes(
          R"([{"table":"orders"}])",
          "[" +
              AccountsWith(
                  "Account",
                  R"({"name":"peers","definition":{"to_remote_schema":{)"
                  R"("remote_schema":"accounts","lhs_fields":["uid"],)"
                  R"("remote_field":{"account_search":{"arguments":)"
                  R"({"filter":{"name":"$uid"}}}}}}})",
                  R"({"type_names":{"prefix":"acc_"},"field_names":[)"
                  R"({"parent_type":"Account","prefix":"a_"},{"parent_type":"Node","prefix":"a_"}]})") +
              "]"),
      Accounts());
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RemoteSchemaRelationship& peers = snapshot->admin->model->remote_schemas.at("accounts")
                                              .relationships.at("Account")
                                              .to_remote_schema.at(0);
  EXPECT_EQ(peers.type.ToString(), "[acc_Account!]!");
  ASSERT_EQ(peers.arguments.size(), 2u);
  EXPECT_EQ(peers.arguments[0].type.ToString(), "acc_AccountFilter_remote_rel_acc_Accountpeers");
  EXPECT_EQ(peers.arguments[1].type.ToString(), "Int");
  ASSERT_EQ(peers.cloned_types.size(), 1u);
  EXPECT_EQ(InputFieldNames(&peers.cloned_types[0]), (Strings{"id", "and"}));
  EXPECT_EQ(peers.cloned_types[0].input_fields[0].type.ToString(), "acc_IntComparison");
  EXPECT_EQ(FieldType(*snapshot->admin, "acc_Account", "peers"), "[acc_Account!]!");
  EXPECT_NE(snapshot->admin->schema->FindType("acc_AccountFilter_remote_rel_acc_Accountpeers"),
            nullptr);
}

// The only remote_schema_remote_relationship inconsistency of `entry` (the accounts entry).
const metadata::InconsistentObject* TypeRelationshipError(const Snapshot& snapshot) {
  const metadata::InconsistentObject* found = nullptr;
  for (const metadata::InconsistentObject& object : snapshot.inconsistent_objects) {
    if (object.type != "remote_schema_remote_relationship") continue;
    EXPECT_EQ(found, nullptr) << "more than one";
    found = &object;
  }
  return found;
}

TEST(RemoteTypeRelationshipTest, UnknownAndNonObjectTypesAndTakenNames) {
  auto unknown = Build(
      WithRemotes(R"([{"table":"orders"}])", "[" + AccountsWith("Nope", kOrdersOfAccount) + "]"),
      Accounts());
  ASSERT_NE(unknown, nullptr);
  const metadata::InconsistentObject* object = TypeRelationshipError(*unknown);
  ASSERT_NE(object, nullptr) << AllReasons(*unknown);
  EXPECT_EQ(object->name,
            "remote_schema_remote_relationship remote_relationship orders on type Nope in remote "
            "schema accounts");
  EXPECT_EQ(object->reason,
            "Inconsistent object: no type named \"Nope\" defined in remote schema \"accounts\"");
  EXPECT_EQ(object->section, "remote_schemas");
  EXPECT_EQ(object->index, 0u);
  EXPECT_EQ(object->pointer, "/remote_relationships/0/relationships/0");
  EXPECT_EQ(object->definition["type"], "Nope");
  EXPECT_EQ(object->definition["remote_schema"], "accounts");
  EXPECT_EQ(object->definition["name"], "orders");
  EXPECT_EQ(unknown->admin->model->remote_schemas.size(), 1u) << "the remote schema stays";

  for (const char* type : {"Node", "Found", "AccountFilter", "Status"}) {
    auto other = Build(
        WithRemotes(R"([{"table":"orders"}])", "[" + AccountsWith(type, kOrdersOfAccount) + "]"),
        Accounts());
    ASSERT_NE(other, nullptr);
    object = TypeRelationshipError(*other);
    ASSERT_NE(object, nullptr) << type << ": " << AllReasons(*other);
    EXPECT_EQ(object->reason,
              "Inconsistent object: remote relationships on a remote schema can only be defined "
              "on object types");
  }

  // A field of the type (by its customized name), or another relationship's.
  const std::string named_name =
      R"({"name":"name","definition":{"to_remote_schema":{"remote_schema":"accounts",)"
      R"("lhs_fields":["uid"],"remote_field":{"account":{"arguments":{"id":"$uid"}}}}}})";
  auto taken =
      Build(WithRemotes(R"([{"table":"orders"}])", "[" + AccountsWith("Account", named_name) + "]"),
            Accounts());
  ASSERT_NE(taken, nullptr);
  object = TypeRelationshipError(*taken);
  ASSERT_NE(object, nullptr) << AllReasons(*taken);
  EXPECT_EQ(object->reason, "Conflicting objects: conflicting definitions for field \"name\"");

  // orders_aggregate clashes with a remote relationship named so.
  const std::string aggregate_name =
      R"({"name":"orders_aggregate","definition":{"to_remote_schema":{"remote_schema":)"
      R"("accounts","lhs_fields":["uid"],"remote_field":{"account":{"arguments":{"id":"$uid"}}}}}})";
  auto twice = Build(
      WithRemotes(
          R"([{"table":"orders"}])",
          "[" + AccountsWith("Account", std::string(kOrdersOfAccount) + "," + aggregate_name) +
              "]"),
      Accounts());
  ASSERT_NE(twice, nullptr);
  object = TypeRelationshipError(*twice);
  ASSERT_NE(object, nullptr) << AllReasons(*twice);
  EXPECT_EQ(object->reason,
            "Conflicting objects: conflicting definitions for field \"orders_aggregate\"");
  EXPECT_EQ(object->pointer, "/remote_relationships/0/relationships/1");

  // A to_source relationship's own failures carry the type's context.
  auto missing = Build(
      WithRemotes(
          R"([{"table":"orders"}])",
          "[" +
              AccountsWith("Account", R"({"name":"orders","definition":{"to_source":{"source":)"
                                      R"("default","table":"orders","relationship_type":"array",)"
                                      R"("field_mapping":{"label":"user_id"}}}})") +
              "]"),
      Accounts());
  ASSERT_NE(missing, nullptr);
  object = TypeRelationshipError(*missing);
  ASSERT_NE(object, nullptr) << AllReasons(*missing);
  EXPECT_EQ(object->reason,
            "Inconsistent object: in remote schema \"accounts\": in type \"Account\": in remote "
            "relationship \"orders\": \"label\" does not exist")
      << "a field with arguments cannot join";
}

TEST(RemoteTypeRelationshipTest, ARolesCopyDropsRelationshipsToTablesItCannotRead) {
  const std::string relationships =
      std::string(kOrdersOfAccount) + "," + std::string(kFriendOfAccount);
  auto snapshot = Build(
      WithRemotes(R"([{"table":"users","select_permissions":[{"role":"reader","permission":)"
                  R"({"columns":["id"],"filter":{}}}]},{"table":"orders","select_permissions":[)"
                  R"({"role":"buyer","permission":{"columns":["id","user_id"],"filter":{}}}]}])",
                  "[" + AccountsWith("Account", relationships) + "]"),
      Accounts());
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);

  const RoleSchema& buyer = snapshot->ForRole("buyer");
  const RemoteSchema& buyers = buyer.model->remote_schemas.at("accounts");
  const RemoteTypeRelationships& kept = buyers.relationships.at("Account");
  ASSERT_EQ(kept.to_source.size(), 1u);
  EXPECT_EQ(kept.to_source[0].target, buyer.model->FindTable("default", {"public", "orders"}))
      << "the role's copy of the table";
  EXPECT_NE(kept.to_source[0].target,
            snapshot->admin->model->FindTable("default", {"public", "orders"}));
  ASSERT_EQ(kept.to_remote_schema.size(), 1u);
  EXPECT_EQ(kept.to_remote_schema[0].target, &buyers) << "the role's copy of the remote schema";
  EXPECT_TRUE(Has(FieldNames(buyer.schema->FindType("Account")), "orders"));

  const RoleSchema& reader = snapshot->ForRole("reader");
  const RemoteSchema& readers = reader.model->remote_schemas.at("accounts");
  const RemoteTypeRelationships& dropped = readers.relationships.at("Account");
  EXPECT_TRUE(dropped.to_source.empty());
  ASSERT_EQ(dropped.to_remote_schema.size(), 1u);
  EXPECT_EQ(dropped.to_remote_schema[0].target, &readers);
  const Strings fields = FieldNames(reader.schema->FindType("Account"));
  EXPECT_FALSE(Has(fields, "orders"));
  EXPECT_FALSE(Has(fields, "orders_aggregate"));
  EXPECT_TRUE(Has(fields, "friend"));

  const RoleSchema& nobody = snapshot->ForRole("nobody");
  EXPECT_TRUE(
      nobody.model->remote_schemas.at("accounts").relationships.at("Account").to_source.empty());
  EXPECT_FALSE(Has(FieldNames(nobody.schema->FindType("Account")), "orders"));
  EXPECT_TRUE(Has(FieldNames(nobody.schema->FindType("Account")), "friend"));
}

TEST(RemoteTypeRelationshipTest, ATableRelationshipInARolesModelLeadsToTheRolesRemoteSchema) {
  auto snapshot =
      Build(WithRemotes(R"([{"table":"orders","select_permissions":[{"role":"buyer","permission":)"
                        R"({"columns":["id","user_id"],"filter":{}}}],"remote_relationships":[)" +
                            ToRemote("account", R"(["user_id"])", Account(R"({"id":"$user_id"})")) +
                            "]}]",
                        "[" + Remote("accounts") + "]"),
            Accounts());
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->inconsistent_objects.empty()) << AllReasons(*snapshot);
  const RoleSchema& buyer = snapshot->ForRole("buyer");
  const Table* orders = buyer.model->FindTable("default", {"public", "orders"});
  ASSERT_NE(orders, nullptr);
  const RemoteSchemaRelationship* account = orders->FindRemoteSchemaRelationship("account");
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(account->target, &buyer.model->remote_schemas.at("accounts"));
  EXPECT_EQ(FieldType(buyer, "orders", "account"), "Account");
}

}  // namespace
}  // namespace junction::schema

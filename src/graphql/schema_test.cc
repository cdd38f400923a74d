// Schema::Make: the built-ins it adds, the type order graphql-js gives `__schema.types`, the
// lookups, and the type-system validation of spec §3 with graphql-js's messages.

#include "graphql/schema.h"

#include <gtest/gtest.h>

#include "graphql/builtins.h"

namespace junction::graphql {
namespace {

FieldDef Field(std::string name, std::string_view type, std::vector<InputValueDef> args = {}) {
  FieldDef field;
  field.name = std::move(name);
  field.type = MakeTypeRef(type);
  field.arguments = std::move(args);
  return field;
}

InputValueDef Arg(std::string name, std::string_view type) {
  InputValueDef arg;
  arg.name = std::move(name);
  arg.type = MakeTypeRef(type);
  return arg;
}

TypeDef Object(std::string name, std::vector<FieldDef> fields,
               std::vector<std::string> interfaces = {}) {
  TypeDef type;
  type.kind = TypeKind::kObject;
  type.name = std::move(name);
  type.fields = std::move(fields);
  type.interfaces = std::move(interfaces);
  return type;
}

TypeDef Interface(std::string name, std::vector<FieldDef> fields,
                  std::vector<std::string> interfaces = {}) {
  TypeDef type = Object(std::move(name), std::move(fields), std::move(interfaces));
  type.kind = TypeKind::kInterface;
  return type;
}

TypeDef Union(std::string name, std::vector<std::string> members) {
  TypeDef type;
  type.kind = TypeKind::kUnion;
  type.name = std::move(name);
  type.union_members = std::move(members);
  return type;
}

TypeDef Input(std::string name, std::vector<InputValueDef> fields) {
  TypeDef type;
  type.kind = TypeKind::kInputObject;
  type.name = std::move(name);
  type.input_fields = std::move(fields);
  return type;
}

std::vector<std::string> TypeNames(const Schema& schema) {
  std::vector<std::string> names;
  for (const TypeDef& type : schema.types()) names.push_back(type.name);
  return names;
}

std::string MakeError(std::vector<TypeDef> types, RootTypes roots = {"Query", "", ""}) {
  Result<std::shared_ptr<const Schema>> schema = Schema::Make(std::move(types), roots);
  return schema ? "" : schema.error().message;
}

TEST(SchemaTest, TypesFollowGraphqlJsCollectionOrder) {
  // graphql-js: each given type, then what it references that is not yet listed (depth first);
  // given types referenced earlier keep their own place; then directive argument types and the
  // introspection types. Built-in scalars appear only when referenced.
  Result<std::shared_ptr<const Schema>> schema = Schema::Make(
      {Object("Query",
              {Field("a", "Int", {Arg("x", "Float"), Arg("in", "In")}), Field("o", "Obj")}),
       Input("In", {Arg("b", "[ID!]")}), Object("Obj", {Field("s", "String")})},
      {"Query", "", ""});
  ASSERT_TRUE(schema) << schema.error().message;
  EXPECT_EQ(
      TypeNames(**schema),
      (std::vector<std::string>{"Query", "Int", "Float", "In", "ID", "Obj", "String", "Boolean",
                                "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue",
                                "__EnumValue", "__Directive", "__DirectiveLocation"}));
  std::vector<std::string> directives;
  for (const DirectiveDef& directive : (*schema)->directives())
    directives.push_back(directive.name);
  EXPECT_EQ(directives, (std::vector<std::string>{"include", "skip", "deprecated", "specifiedBy"}));
}

TEST(SchemaTest, UserDirectiveReplacesSpecifiedOneAndComesFirst) {
  DirectiveDef skip;
  skip.name = "skip";
  skip.locations = {"FIELD"};
  DirectiveDef mine;
  mine.name = "mine";
  mine.locations = {"QUERY"};
  Result<std::shared_ptr<const Schema>> schema =
      Schema::Make({Object("Query", {Field("a", "Int")})}, {"Query", "", ""}, {mine, skip});
  ASSERT_TRUE(schema) << schema.error().message;
  std::vector<std::string> names;
  for (const DirectiveDef& directive : (*schema)->directives()) names.push_back(directive.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"mine", "skip", "include", "deprecated", "specifiedBy"}));
  EXPECT_TRUE((*schema)->FindDirective("skip")->arguments.empty());
}

TEST(SchemaTest, ABuiltinScalarNamedByTheUserStandsForTheBuiltin) {
  TypeDef string_type;
  string_type.kind = TypeKind::kScalar;
  string_type.name = "String";
  string_type.description = "mine";
  Result<std::shared_ptr<const Schema>> schema =
      Schema::Make({string_type, Object("Query", {Field("a", "Int")})}, {"Query", "", ""});
  ASSERT_TRUE(schema) << schema.error().message;
  EXPECT_EQ(TypeNames(**schema)[0], "String");
  EXPECT_NE((*schema)->FindType("String")->description, "mine");

  TypeDef object_string = Object("String", {Field("a", "Int")});
  EXPECT_EQ(
      MakeError({object_string, Object("Query", {Field("a", "Int")})}),
      "Schema must contain uniquely named types but contains multiple types named \"String\".");
}

TEST(SchemaTest, LookupsAndMetaFields) {
  Result<std::shared_ptr<const Schema>> schema =
      Schema::Make({Object("Query", {Field("u", "U")}), Object("A", {Field("id", "ID")}, {"Node"}),
                    Object("B", {Field("id", "ID")}, {"Node"}),
                    Interface("Node", {Field("id", "ID")}), Union("U", {"B", "A"})},
                   {"Query", "", ""});
  ASSERT_TRUE(schema) << schema.error().message;
  const Schema& s = **schema;
  const TypeDef& query = *s.FindType("Query");
  const TypeDef& a = *s.FindType("A");
  const TypeDef& node = *s.FindType("Node");
  const TypeDef& u = *s.FindType("U");
  EXPECT_EQ(s.query_type(), &query);
  EXPECT_EQ(s.RootType(OperationType::kMutation), nullptr);
  EXPECT_EQ(s.FindField(query, "__schema")->type.ToString(), "__Schema!");
  EXPECT_EQ(s.FindField(query, "__type")->arguments[0].type.ToString(), "String!");
  EXPECT_EQ(s.FindField(a, "__schema"), nullptr);
  EXPECT_EQ(s.FindField(u, "__typename")->type.ToString(), "String!");
  EXPECT_EQ(s.FindField(a, "id")->type.name, "ID");
  EXPECT_EQ(s.FindField(a, "nope"), nullptr);

  // Possible types: union members in member order, interface implementations in type order.
  ASSERT_EQ(s.PossibleTypes(u).size(), 2u);
  EXPECT_EQ(s.PossibleTypes(u)[0]->name, "B");
  ASSERT_EQ(s.PossibleTypes(node).size(), 2u);
  EXPECT_EQ(s.PossibleTypes(node)[0]->name, "A");
  EXPECT_TRUE(s.IsPossibleType(node, a));
  EXPECT_TRUE(s.IsSubType(node, a));
  EXPECT_TRUE(s.IsSubType(a, a));
  EXPECT_FALSE(s.IsSubType(a, node));
  EXPECT_TRUE(s.DoTypesOverlap(node, u));
  EXPECT_TRUE(s.DoTypesOverlap(a, node));
  EXPECT_FALSE(s.DoTypesOverlap(a, *s.FindType("B")));
}

TEST(SchemaTest, TypeSubTypeOfFollowsWrappersCovariantly) {
  Result<std::shared_ptr<const Schema>> schema =
      Schema::Make({Object("Query", {Field("a", "A")}), Object("A", {Field("id", "ID")}, {"Node"}),
                    Interface("Node", {Field("id", "ID")})},
                   {"Query", "", ""});
  ASSERT_TRUE(schema) << schema.error().message;
  const Schema& s = **schema;
  auto sub = [&](std::string_view a, std::string_view b) {
    return s.IsTypeSubTypeOf(MakeTypeRef(a), MakeTypeRef(b));
  };
  EXPECT_TRUE(sub("A", "Node"));
  EXPECT_TRUE(sub("A!", "Node"));
  EXPECT_FALSE(sub("A", "Node!"));
  EXPECT_TRUE(sub("[A!]!", "[Node]"));
  EXPECT_FALSE(sub("[A]", "[Node!]"));
  EXPECT_FALSE(sub("[A]", "Node"));
  EXPECT_FALSE(sub("A", "[Node]"));
  EXPECT_FALSE(sub("Node", "A"));
  EXPECT_TRUE(sub("[[Int]]", "[[Int]]"));
}

TEST(SchemaTest, RootTypesMustBeObjects) {
  EXPECT_EQ(MakeError({Object("Q", {Field("a", "Int")})}, {"", "", ""}),
            "Query root type must be provided.");
  EXPECT_EQ(MakeError({Interface("Q", {Field("a", "Int")})}, {"Q", "", ""}),
            "Query root type must be Object type, it cannot be Q.");
  EXPECT_EQ(
      MakeError({Object("Q", {Field("a", "Int")}), Input("M", {Arg("a", "Int")})}, {"Q", "M", ""}),
      "Mutation root type must be Object type if provided, it cannot be M.");
  EXPECT_EQ(MakeError({Object("Q", {Field("a", "Int")})}, {"Q", "", "S"}),
            "Subscription root type \"S\" is not defined.");
}

TEST(SchemaTest, ReportsEveryTypeSystemProblemWithGraphqlJsMessages) {
  std::string message = MakeError({
      Object("Query",
             {Field("a", "Missing"), Field("b", "In"), Field("c", "Int", {Arg("x", "Query")})}),
      Object("Empty", {}),
      Object("__Bad", {Field("a", "Int")}),
      Input("In", {Arg("self", "In!")}),
      Union("U", {"Node", "Query", "Query"}),
      Interface("Node", {Field("id", "ID!", {Arg("x", "Int")})}),
      Object("Impl", {Field("id", "ID", {Arg("x", "String"), Arg("y", "Int!")})}, {"Node", "Node"}),
  });
  for (const char* expected : {
           "Unknown type \"Missing\" referenced by Query.a.",
           "The type of Query.b must be Output Type but got: In.",
           "The type of Query.c(x:) must be Input Type but got: Query.",
           "Type Empty must define one or more fields.",
           "Name \"__Bad\" must not begin with \"__\", which is reserved by GraphQL introspection.",
           "Cannot reference Input Object \"In\" within itself through a series of non-null "
           "fields: \"self\".",
           "Union type U can only include Object types, it cannot include Node.",
           "Union type U can only include type Query once.",
           "Interface field Node.id expects type ID! but Impl.id is type ID.",
           "Interface field argument Node.id(x:) expects type Int but Impl.id(x:) is type String.",
           "Object field Impl.id includes required argument y that is missing from the Interface "
           "field Node.id.",
           "Type Impl can only implement Node once.",
       }) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
  }
}

TEST(SchemaTest, InterfacesMustDeclareTransitiveInterfaces) {
  std::string message = MakeError({
      Object("Query", {Field("a", "Int")}),
      Interface("Node", {Field("id", "ID")}),
      Interface("Entity", {Field("id", "ID")}, {"Node"}),
      Object("Thing", {Field("id", "ID")}, {"Entity"}),
      Interface("Loop", {Field("id", "ID")}, {"Loop"}),
  });
  EXPECT_NE(message.find("Type Thing must implement Node because it is implemented by Entity."),
            std::string::npos)
      << message;
  EXPECT_NE(message.find(
                "Type Loop cannot implement itself because it would create a circular reference."),
            std::string::npos)
      << message;
}

TEST(SchemaTest, RequiredArgumentsCannotBeDeprecated) {
  InputValueDef arg = Arg("x", "Int!");
  arg.deprecation_reason = "old";
  EXPECT_EQ(MakeError({Object("Query", {Field("a", "Int", {arg})})}),
            "Required argument Query.a(x:) cannot be deprecated.");
}

TEST(SchemaTest, DuplicateNamesAreErrors) {
  EXPECT_EQ(
      MakeError({Object("Query", {Field("a", "Int")}), Object("Query", {Field("b", "Int")})}),
      "Schema must contain uniquely named types but contains multiple types named \"Query\".");
  EXPECT_EQ(MakeError({Object("Query", {Field("a", "Int"), Field("a", "ID")})}),
            "Field \"Query.a\" can only be defined once.");
}

}  // namespace
}  // namespace junction::graphql

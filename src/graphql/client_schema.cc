#include "graphql/client_schema.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graphql/builtins.h"
#include "graphql/lexer.h"
#include "graphql/parser.h"

namespace junction::graphql {
namespace {

using Json = nlohmann::ordered_json;

// Every problem is a remote-schema-error naming where in the result it is, e.g.
//   Invalid introspection result: type "Query", field "order": unknown type "Order".
Error Invalid(const std::string& where, const std::string& what) {
  return Error(ErrorCode::kRemoteSchemaError,
               "Invalid introspection result: " + (where.empty() ? "" : where + ": ") + what);
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// The member `key` of `object` when it is present and not null; nullptr otherwise.
const Json* Member(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<std::string> RequiredString(const Json& object, const char* key, const std::string& where) {
  const Json* value = Member(object, key);
  if (value == nullptr || !value->is_string()) {
    return Invalid(where, "\"" + std::string(key) + "\" must be a string");
  }
  return value->get<std::string>();
}

// A description or deprecation reason: a string, or null/absent (the empty string).
Result<std::string> OptionalString(const Json& object, const char* key, const std::string& where) {
  const Json* value = Member(object, key);
  if (value == nullptr) return std::string();
  if (!value->is_string()) return Invalid(where, "\"" + std::string(key) + "\" must be a string");
  return value->get<std::string>();
}

// A list member (fields, args, …): an array, or nullptr when null or absent and `required` is
// false. graphql-js names what is missing the same way ("Introspection result missing fields").
Result<const Json*> ArrayMember(const Json& object, const char* key, const std::string& where,
                                bool required) {
  const Json* value = Member(object, key);
  if (value == nullptr) {
    if (required) return Invalid(where, "missing \"" + std::string(key) + "\"");
    return static_cast<const Json*>(nullptr);
  }
  if (!value->is_array()) return Invalid(where, "\"" + std::string(key) + "\" must be a list");
  return value;
}

// Deprecation as introspection reports it. graphql-js keeps only deprecationReason; a result
// that says isDeprecated without a reason is deprecated with the default reason.
Result<std::optional<std::string>> Deprecation(const Json& object, const std::string& where) {
  const Json* reason = Member(object, "deprecationReason");
  if (reason != nullptr) {
    if (!reason->is_string()) return Invalid(where, "\"deprecationReason\" must be a string");
    return std::optional<std::string>(reason->get<std::string>());
  }
  const Json* deprecated = Member(object, "isDeprecated");
  if (deprecated != nullptr && deprecated->is_boolean() && deprecated->get<bool>()) {
    return std::optional<std::string>(std::string(kDefaultDeprecationReason));
  }
  return std::optional<std::string>();
}

// A default value's GraphQL text → a constant Value. The text is parsed as the default of a
// variable definition; it is first lexed alone so that it cannot end that definition (no `)`,
// `$` or `@`, no unterminated string), which makes the wrapped parse read exactly the text.
Result<Value> ParseDefaultValue(const std::string& text, const std::string& where) {
  auto fail = [&](const std::string& detail) {
    return Invalid(where, "default value " + Quoted(text) + " does not parse: " + detail);
  };
  Lexer lexer(text);
  size_t tokens = 0;
  while (true) {
    Result<Token> token = lexer.Next();
    if (!token) return fail(token.error().message);
    if (token->kind == TokenKind::kEof) break;
    if (token->kind == TokenKind::kParenR || token->kind == TokenKind::kDollar ||
        token->kind == TokenKind::kAt) {
      return fail("unexpected " + token->Describe());
    }
    ++tokens;
  }
  if (tokens == 0) return fail("it is empty");
  Result<Document> document = Parse("query ($v: Int =\n" + text + "\n) { a }");
  if (!document) {
    // An error at the `)` after the text (on the line after its last) is the text ending early.
    const uint32_t closing_line =
        3 + static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
    const std::vector<SourceLocation>& at = document.error().locations;
    if (!at.empty() && at.front().line >= closing_line) return fail("it ends too soon");
    return fail(document.error().message);
  }
  auto* operation = document->definitions.size() == 1
                        ? std::get_if<OperationDefinition>(&document->definitions.front())
                        : nullptr;
  if (operation == nullptr || operation->variables.size() != 1 ||
      !operation->variables.front().default_value) {
    return fail("it is not a single value");
  }
  Value value = std::move(*operation->variables.front().default_value);
  return value;
}

class ClientSchemaBuilder {
 public:
  Result<std::shared_ptr<const Schema>> Build(const Json& introspection) {
    if (!introspection.is_object()) return Invalid("", "the data must be an object");
    const Json* schema = Member(introspection, "__schema");
    if (schema == nullptr || !schema->is_object()) {
      return Invalid("", "no \"__schema\" object (was the introspection query answered?)");
    }
    Result<const Json*> types = ArrayMember(*schema, "types", "__schema", true);
    if (!types) return std::move(types).error();

    // First every listed name and kind, so that references can be checked in any order.
    for (const Json& type : **types) {
      if (!type.is_object()) return Invalid("__schema.types", "every type must be an object");
      Result<std::string> name = RequiredString(type, "name", "a type in __schema.types");
      if (!name) return std::move(name).error();
      Result<std::string> kind = RequiredString(type, "kind", "type " + Quoted(*name));
      if (!kind) return std::move(kind).error();
      std::optional<TypeKind> type_kind = KindOf(*kind);
      if (!type_kind) return Invalid("type " + Quoted(*name), "unknown kind " + Quoted(*kind));
      if (!kinds_.emplace(*name, *type_kind).second) {
        return Invalid("__schema.types", "type " + Quoted(*name) + " is listed twice");
      }
    }

    std::vector<TypeDef> type_defs;
    for (const Json& type : **types) {
      std::string name = type["name"].get<std::string>();
      // The result's built-in scalars and introspection types stand for ours (graphql-js
      // buildClientSchema replaces them by name).
      if (IsBuiltinScalarName(name) || IsIntrospectionTypeName(name)) continue;
      Result<TypeDef> type_def = BuildType(type, name);
      if (!type_def) return std::move(type_def).error();
      type_defs.push_back(std::move(*type_def));
    }

    RootTypes roots;
    for (auto [key, slot] :
         {std::pair{"queryType", &roots.query}, std::pair{"mutationType", &roots.mutation},
          std::pair{"subscriptionType", &roots.subscription}}) {
      const Json* root = Member(*schema, key);
      if (root == nullptr) continue;
      if (!root->is_object()) return Invalid("__schema." + std::string(key), "must be an object");
      Result<std::string> name = RequiredString(*root, "name", "__schema." + std::string(key));
      if (!name) return std::move(name).error();
      if (Status known = CheckKnown(*name, "__schema." + std::string(key)); !known) {
        return std::move(known).error();
      }
      *slot = std::move(*name);
    }

    std::vector<DirectiveDef> directives;
    Result<const Json*> directive_list = ArrayMember(*schema, "directives", "__schema", false);
    if (!directive_list) return std::move(directive_list).error();
    if (*directive_list != nullptr) {
      for (const Json& directive : **directive_list) {
        Result<DirectiveDef> directive_def = BuildDirective(directive);
        if (!directive_def) return std::move(directive_def).error();
        directives.push_back(std::move(*directive_def));
      }
    }

    Result<std::string> description = OptionalString(*schema, "description", "__schema");
    if (!description) return std::move(description).error();
    Result<std::shared_ptr<const Schema>> built = Schema::Make(
        std::move(type_defs), std::move(roots), std::move(directives), std::move(*description));
    if (!built) {
      return Error(
          ErrorCode::kRemoteSchemaError,
          "Invalid introspection result: the schema is not valid: " + built.error().message);
    }
    return built;
  }

 private:
  static std::optional<TypeKind> KindOf(std::string_view kind) {
    for (TypeKind candidate : {TypeKind::kScalar, TypeKind::kObject, TypeKind::kInterface,
                               TypeKind::kUnion, TypeKind::kEnum, TypeKind::kInputObject}) {
      if (ToString(candidate) == kind) return candidate;
    }
    return std::nullopt;
  }

  Status CheckKnown(const std::string& name, const std::string& where) const {
    if (kinds_.contains(name)) return {};
    return Invalid(where, "unknown type " + Quoted(name) +
                              " (it is not listed in __schema.types; was the full introspection "
                              "query used?)");
  }

  // {"kind":"NON_NULL","ofType":{"kind":"LIST","ofType":{"kind":"SCALAR","name":"ID"}}} → [ID]!
  Result<TypeRef> BuildTypeRef(const Json& json, const std::string& where) const {
    TypeRef ref;
    const Json* current = &json;
    while (true) {
      if (!current->is_object()) return Invalid(where, "a type reference must be an object");
      Result<std::string> kind = RequiredString(*current, "kind", where + ", type reference");
      if (!kind) return std::move(kind).error();
      if (*kind == "LIST" || *kind == "NON_NULL") {
        bool non_null = *kind == "NON_NULL";
        if (non_null && !ref.wrappers.empty() &&
            ref.wrappers.back() == TypeRef::Wrapper::kNonNull) {
          return Invalid(where, "a NON_NULL type reference wraps another NON_NULL");
        }
        ref.wrappers.push_back(non_null ? TypeRef::Wrapper::kNonNull : TypeRef::Wrapper::kList);
        current = Member(*current, "ofType");
        if (current == nullptr) {
          return Invalid(where, "a " + *kind +
                                    " type reference has no ofType (the type is wrapped deeper "
                                    "than the introspection query reads)");
        }
        continue;
      }
      Result<std::string> name = RequiredString(*current, "name", where + ", type reference");
      if (!name) return std::move(name).error();
      if (Status known = CheckKnown(*name, where); !known) return std::move(known).error();
      ref.name = std::move(*name);
      return ref;
    }
  }

  // Arguments and input fields.
  Result<std::vector<InputValueDef>> BuildInputValues(const Json* list,
                                                      const std::string& where) const {
    std::vector<InputValueDef> values;
    if (list == nullptr) return values;
    for (const Json& json : *list) {
      if (!json.is_object()) return Invalid(where, "every input value must be an object");
      Result<std::string> name = RequiredString(json, "name", where);
      if (!name) return std::move(name).error();
      std::string here = where + " " + Quoted(*name);
      InputValueDef value;
      value.name = std::move(*name);
      Result<std::string> description = OptionalString(json, "description", here);
      if (!description) return std::move(description).error();
      value.description = std::move(*description);
      const Json* type = Member(json, "type");
      if (type == nullptr) return Invalid(here, "missing \"type\"");
      Result<TypeRef> ref = BuildTypeRef(*type, here);
      if (!ref) return std::move(ref).error();
      value.type = std::move(*ref);
      const Json* default_value = Member(json, "defaultValue");
      if (default_value != nullptr) {
        if (!default_value->is_string()) return Invalid(here, "\"defaultValue\" must be a string");
        Result<Value> parsed = ParseDefaultValue(default_value->get<std::string>(), here);
        if (!parsed) return std::move(parsed).error();
        value.default_value = std::move(*parsed);
      }
      Result<std::optional<std::string>> deprecation = Deprecation(json, here);
      if (!deprecation) return std::move(deprecation).error();
      value.deprecation_reason = std::move(*deprecation);
      values.push_back(std::move(value));
    }
    return values;
  }

  Result<std::vector<std::string>> BuildNamedRefs(const Json* list, const std::string& where,
                                                  TypeKind expected) const {
    std::vector<std::string> names;
    if (list == nullptr) return names;
    for (const Json& json : *list) {
      Result<TypeRef> ref = BuildTypeRef(json, where);
      if (!ref) return std::move(ref).error();
      if (!ref->wrappers.empty() || kinds_.at(ref->name) != expected) {
        return Invalid(where, Quoted(ref->ToString()) + " is not an " +
                                  std::string(ToString(expected)) + " type");
      }
      names.push_back(std::move(ref->name));
    }
    return names;
  }

  Result<TypeDef> BuildType(const Json& json, const std::string& name) const {
    std::string where = "type " + Quoted(name);
    TypeDef type;
    type.name = name;
    type.kind = kinds_.at(name);
    Result<std::string> description = OptionalString(json, "description", where);
    if (!description) return std::move(description).error();
    type.description = std::move(*description);
    switch (type.kind) {
      case TypeKind::kScalar: {
        // specifiedByUrl is graphql-js 15's spelling.
        for (const char* key : {"specifiedByURL", "specifiedByUrl"}) {
          Result<std::string> url = OptionalString(json, key, where);
          if (!url) return std::move(url).error();
          if (Member(json, key) != nullptr) type.specified_by_url = std::move(*url);
        }
        break;
      }
      case TypeKind::kObject:
      case TypeKind::kInterface: {
        Result<const Json*> fields = ArrayMember(json, "fields", where, true);
        if (!fields) return std::move(fields).error();
        for (const Json& field_json : **fields) {
          Result<FieldDef> field = BuildField(field_json, where);
          if (!field) return std::move(field).error();
          type.fields.push_back(std::move(*field));
        }
        // Older servers answer null interfaces for interfaces; graphql-js accepts that too.
        Result<const Json*> interfaces = ArrayMember(json, "interfaces", where, false);
        if (!interfaces) return std::move(interfaces).error();
        Result<std::vector<std::string>> names =
            BuildNamedRefs(*interfaces, where + ", interfaces", TypeKind::kInterface);
        if (!names) return std::move(names).error();
        type.interfaces = std::move(*names);
        break;
      }
      case TypeKind::kUnion: {
        Result<const Json*> members = ArrayMember(json, "possibleTypes", where, true);
        if (!members) return std::move(members).error();
        Result<std::vector<std::string>> names =
            BuildNamedRefs(*members, where + ", possibleTypes", TypeKind::kObject);
        if (!names) return std::move(names).error();
        type.union_members = std::move(*names);
        break;
      }
      case TypeKind::kEnum: {
        Result<const Json*> values = ArrayMember(json, "enumValues", where, true);
        if (!values) return std::move(values).error();
        for (const Json& value_json : **values) {
          if (!value_json.is_object()) return Invalid(where, "every enum value must be an object");
          Result<std::string> value_name =
              RequiredString(value_json, "name", where + ", enum value");
          if (!value_name) return std::move(value_name).error();
          std::string here = where + ", enum value " + Quoted(*value_name);
          EnumValueDef value;
          value.name = std::move(*value_name);
          Result<std::string> value_description = OptionalString(value_json, "description", here);
          if (!value_description) return std::move(value_description).error();
          value.description = std::move(*value_description);
          Result<std::optional<std::string>> deprecation = Deprecation(value_json, here);
          if (!deprecation) return std::move(deprecation).error();
          value.deprecation_reason = std::move(*deprecation);
          type.enum_values.push_back(std::move(value));
        }
        break;
      }
      case TypeKind::kInputObject: {
        Result<const Json*> fields = ArrayMember(json, "inputFields", where, true);
        if (!fields) return std::move(fields).error();
        Result<std::vector<InputValueDef>> values =
            BuildInputValues(*fields, where + ", input field");
        if (!values) return std::move(values).error();
        type.input_fields = std::move(*values);
        break;
      }
    }
    return type;
  }

  Result<FieldDef> BuildField(const Json& json, const std::string& type_where) const {
    if (!json.is_object()) return Invalid(type_where, "every field must be an object");
    Result<std::string> name = RequiredString(json, "name", type_where + ", field");
    if (!name) return std::move(name).error();
    std::string where = type_where + ", field " + Quoted(*name);
    FieldDef field;
    field.name = std::move(*name);
    Result<std::string> description = OptionalString(json, "description", where);
    if (!description) return std::move(description).error();
    field.description = std::move(*description);
    Result<const Json*> args = ArrayMember(json, "args", where, true);
    if (!args) return std::move(args).error();
    Result<std::vector<InputValueDef>> arguments = BuildInputValues(*args, where + ", argument");
    if (!arguments) return std::move(arguments).error();
    field.arguments = std::move(*arguments);
    const Json* type = Member(json, "type");
    if (type == nullptr) return Invalid(where, "missing \"type\"");
    Result<TypeRef> ref = BuildTypeRef(*type, where);
    if (!ref) return std::move(ref).error();
    field.type = std::move(*ref);
    Result<std::optional<std::string>> deprecation = Deprecation(json, where);
    if (!deprecation) return std::move(deprecation).error();
    field.deprecation_reason = std::move(*deprecation);
    return field;
  }

  Result<DirectiveDef> BuildDirective(const Json& json) const {
    if (!json.is_object())
      return Invalid("__schema.directives", "every directive must be an object");
    Result<std::string> name = RequiredString(json, "name", "a directive in __schema.directives");
    if (!name) return std::move(name).error();
    std::string where = "directive " + Quoted("@" + *name);
    DirectiveDef directive;
    directive.name = std::move(*name);
    Result<std::string> description = OptionalString(json, "description", where);
    if (!description) return std::move(description).error();
    directive.description = std::move(*description);
    Result<const Json*> locations = ArrayMember(json, "locations", where, true);
    if (!locations) return std::move(locations).error();
    for (const Json& location : **locations) {
      if (!location.is_string()) return Invalid(where, "every location must be a string");
      directive.locations.push_back(location.get<std::string>());
    }
    Result<const Json*> args = ArrayMember(json, "args", where, true);
    if (!args) return std::move(args).error();
    Result<std::vector<InputValueDef>> arguments = BuildInputValues(*args, where + ", argument");
    if (!arguments) return std::move(arguments).error();
    directive.arguments = std::move(*arguments);
    const Json* repeatable = Member(json, "isRepeatable");
    directive.repeatable =
        repeatable != nullptr && repeatable->is_boolean() && repeatable->get<bool>();
    return directive;
  }

  std::unordered_map<std::string, TypeKind> kinds_;  // every listed type
};

// Hasura's query (server/src-rsr/introspection.json), which is graphql-js getIntrospectionQuery()
// with descriptions and its default options otherwise.
constexpr std::string_view kIntrospectionQuery = R"(query IntrospectionQuery {
  __schema {
    queryType {
      name
    }
    mutationType {
      name
    }
    subscriptionType {
      name
    }
    types {
      ...FullType
    }
    directives {
      name
      description
      locations
      args {
        ...InputValue
      }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  fields(includeDeprecated: true) {
    name
    description
    args {
      ...InputValue
    }
    type {
      ...TypeRef
    }
    isDeprecated
    deprecationReason
  }
  inputFields {
    ...InputValue
  }
  interfaces {
    ...TypeRef
  }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes {
    ...TypeRef
  }
}

fragment InputValue on __InputValue {
  name
  description
  type {
    ...TypeRef
  }
  defaultValue
}

fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
              }
            }
          }
        }
      }
    }
  }
}
)";

}  // namespace

Result<std::shared_ptr<const Schema>> BuildClientSchema(
    const nlohmann::ordered_json& introspection) {
  return ClientSchemaBuilder().Build(introspection);
}

std::string_view IntrospectionQuery() { return kIntrospectionQuery; }

}  // namespace junction::graphql

#include "graphql/build_schema.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graphql/builtins.h"
#include "graphql/printer.h"
#include "graphql/sdl_validation.h"

namespace junction::graphql {
namespace {

std::string JoinMessages(const std::vector<std::string>& messages) {
  std::string joined;
  for (const std::string& message : messages) {
    if (!joined.empty()) joined += "\n\n";
    joined += message;
  }
  return joined;
}

std::string DescriptionOf(const std::optional<Value>& description) {
  return description ? description->text : std::string();
}

const Directive* FindDirective(const std::vector<Directive>& directives, std::string_view name) {
  for (const Directive& directive : directives) {
    if (directive.name == name) return &directive;
  }
  return nullptr;
}

// The value of the String argument `name` of an applied @deprecated or @specifiedBy, as graphql-js
// getDirectiveValues reads it in SDL (there are no variables): nullopt for an explicit null, the
// default when the argument is absent or a variable, an error for any other kind of value.
Result<std::optional<std::string>> StringArgument(const Directive& directive, std::string_view name,
                                                  std::optional<std::string> default_value) {
  const Argument* argument = nullptr;
  for (const Argument& arg : directive.arguments) {
    if (arg.name == name) argument = &arg;
  }
  std::string arg_name(name);
  if (argument == nullptr || argument->value.kind == Value::Kind::kVariable) {
    if (default_value) return default_value;
    if (argument == nullptr) {
      return Error(ErrorCode::kValidationFailed,
                   "Argument \"" + arg_name + "\" of required type \"String!\" was not provided.");
    }
    return Error(ErrorCode::kValidationFailed,
                 "Argument \"" + arg_name +
                     "\" of required type \"String!\" was provided the "
                     "variable \"$" +
                     argument->value.text + "\" which was not provided a runtime value.");
  }
  if (argument->value.kind == Value::Kind::kNull) {
    if (!default_value) {
      return Error(ErrorCode::kValidationFailed,
                   "Argument \"" + arg_name + "\" of non-null type \"String!\" must not be null.");
    }
    return std::optional<std::string>();
  }
  if (argument->value.kind != Value::Kind::kString) {
    return Error(ErrorCode::kValidationFailed,
                 "Argument \"" + arg_name + "\" has invalid value " + Print(argument->value) + ".");
  }
  return std::optional<std::string>(argument->value.text);
}

Result<std::optional<std::string>> DeprecationReason(const std::vector<Directive>& directives) {
  const Directive* deprecated = FindDirective(directives, "deprecated");
  if (deprecated == nullptr) return std::optional<std::string>();
  return StringArgument(*deprecated, "reason", std::string(kDefaultDeprecationReason));
}

// Turns the type definitions of an SDL document, with their extensions, into TypeDefs.
class SchemaBuilder {
 public:
  explicit SchemaBuilder(const Document& document) {
    for (const Definition& definition : document.definitions) {
      if (const auto* type = std::get_if<TypeDefinition>(&definition)) {
        if (type->is_extension) {
          extensions_[type->name].push_back(type);
        } else {
          type_definitions_.push_back(type);
        }
      } else if (const auto* schema = std::get_if<SchemaDefinition>(&definition)) {
        (schema->is_extension ? schema_extensions_ : schema_definitions_).push_back(schema);
      } else if (const auto* directive = std::get_if<DirectiveDefinition>(&definition)) {
        directive_definitions_.push_back(directive);
      }
    }
  }

  Result<std::shared_ptr<const Schema>> Build() {
    std::vector<TypeDef> types;
    for (const TypeDefinition* definition : type_definitions_) {
      Result<TypeDef> type = BuildType(*definition);
      if (!type) return std::move(type).error();
      types.push_back(std::move(*type));
    }
    std::vector<DirectiveDef> directives;
    for (const DirectiveDefinition* definition : directive_definitions_) {
      DirectiveDef directive;
      directive.name = definition->name;
      directive.description = DescriptionOf(definition->description);
      directive.locations = definition->locations;
      directive.repeatable = definition->repeatable;
      if (Status status = AddInputValues(definition->arguments, directive.arguments); !status) {
        return std::move(status).error();
      }
      directives.push_back(std::move(directive));
    }

    RootTypes roots;
    std::vector<const SchemaDefinition*> schema_nodes = schema_definitions_;
    schema_nodes.insert(schema_nodes.end(), schema_extensions_.begin(), schema_extensions_.end());
    for (const SchemaDefinition* node : schema_nodes) {
      for (const OperationTypeDefinition& operation : node->operation_types) {
        RootSlot(roots, operation.operation) = operation.type_name;
      }
    }
    if (schema_definitions_.empty()) {  // conventional names (graphql-js buildASTSchema)
      for (const TypeDef& type : types) {
        if (type.name == "Query") roots.query = type.name;
        if (type.name == "Mutation") roots.mutation = type.name;
        if (type.name == "Subscription") roots.subscription = type.name;
      }
    }
    std::string description;
    if (!schema_definitions_.empty())
      description = DescriptionOf(schema_definitions_[0]->description);
    return Schema::Make(std::move(types), std::move(roots), std::move(directives),
                        std::move(description));
  }

 private:
  static std::string& RootSlot(RootTypes& roots, OperationType operation) {
    switch (operation) {
      case OperationType::kQuery:
        return roots.query;
      case OperationType::kMutation:
        return roots.mutation;
      case OperationType::kSubscription:
        return roots.subscription;
    }
    return roots.query;
  }

  Result<TypeDef> BuildType(const TypeDefinition& definition) {
    for (const auto* builtins : {&BuiltinScalarTypes(), &IntrospectionTypes()}) {
      for (const TypeDef& builtin : *builtins) {
        if (builtin.name == definition.name) return builtin;  // SDL cannot redefine built-ins
      }
    }
    TypeDef type;
    type.name = definition.name;
    type.description = DescriptionOf(definition.description);
    switch (definition.kind) {
      case TypeDefinition::Kind::kScalar:
        type.kind = TypeKind::kScalar;
        break;
      case TypeDefinition::Kind::kObject:
        type.kind = TypeKind::kObject;
        break;
      case TypeDefinition::Kind::kInterface:
        type.kind = TypeKind::kInterface;
        break;
      case TypeDefinition::Kind::kUnion:
        type.kind = TypeKind::kUnion;
        break;
      case TypeDefinition::Kind::kEnum:
        type.kind = TypeKind::kEnum;
        break;
      case TypeDefinition::Kind::kInputObject:
        type.kind = TypeKind::kInputObject;
        break;
    }
    // graphql-js reads @specifiedBy from the definition only, not its extensions.
    if (const Directive* specified_by = FindDirective(definition.directives, "specifiedBy");
        specified_by != nullptr && type.kind == TypeKind::kScalar) {
      Result<std::optional<std::string>> url = StringArgument(*specified_by, "url", std::nullopt);
      if (!url) return std::move(url).error();
      type.specified_by_url = std::move(*url);
    }

    std::vector<const TypeDefinition*> nodes{&definition};
    auto extensions = extensions_.find(definition.name);
    if (extensions != extensions_.end()) {
      nodes.insert(nodes.end(), extensions->second.begin(), extensions->second.end());
    }
    for (const TypeDefinition* node : nodes) {
      if (node->kind != definition.kind) continue;  // reported by SDL validation
      type.interfaces.insert(type.interfaces.end(), node->interfaces.begin(),
                             node->interfaces.end());
      type.union_members.insert(type.union_members.end(), node->union_members.begin(),
                                node->union_members.end());
      for (const FieldDefinition& field_node : node->fields) {
        FieldDef field;
        field.name = field_node.name;
        field.description = DescriptionOf(field_node.description);
        field.type = field_node.type;
        if (Status status = AddInputValues(field_node.arguments, field.arguments); !status) {
          return std::move(status).error();
        }
        Result<std::optional<std::string>> reason = DeprecationReason(field_node.directives);
        if (!reason) return std::move(reason).error();
        field.deprecation_reason = std::move(*reason);
        type.fields.push_back(std::move(field));
      }
      for (const EnumValueDefinition& value_node : node->enum_values) {
        EnumValueDef value;
        value.name = value_node.name;
        value.description = DescriptionOf(value_node.description);
        Result<std::optional<std::string>> reason = DeprecationReason(value_node.directives);
        if (!reason) return std::move(reason).error();
        value.deprecation_reason = std::move(*reason);
        type.enum_values.push_back(std::move(value));
      }
      if (Status status = AddInputValues(node->input_fields, type.input_fields); !status) {
        return std::move(status).error();
      }
    }
    return type;
  }

  static Status AddInputValues(const std::vector<InputValueDefinition>& nodes,
                               std::vector<InputValueDef>& out) {
    for (const InputValueDefinition& node : nodes) {
      InputValueDef value;
      value.name = node.name;
      value.description = DescriptionOf(node.description);
      value.type = node.type;
      value.default_value = node.default_value;
      Result<std::optional<std::string>> reason = DeprecationReason(node.directives);
      if (!reason) return std::move(reason).error();
      value.deprecation_reason = std::move(*reason);
      out.push_back(std::move(value));
    }
    return {};
  }

  std::vector<const TypeDefinition*> type_definitions_;
  std::unordered_map<std::string, std::vector<const TypeDefinition*>> extensions_;
  std::vector<const SchemaDefinition*> schema_definitions_;
  std::vector<const SchemaDefinition*> schema_extensions_;
  std::vector<const DirectiveDefinition*> directive_definitions_;
};

}  // namespace

Result<std::shared_ptr<const Schema>> BuildSchema(const Document& sdl) {
  std::vector<std::string> errors = ValidateSdl(sdl);
  if (!errors.empty()) return Error(ErrorCode::kValidationFailed, JoinMessages(errors));
  return SchemaBuilder(sdl).Build();
}

}  // namespace junction::graphql

#include "graphql/sdl_validation.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "graphql/builtins.h"
#include "graphql/did_you_mean.h"

namespace junction::graphql {
namespace {

using TypeKindAst = TypeDefinition::Kind;

// What the rules need to know of a directive, from the specified ones and the document's.
struct DirectiveInfo {
  std::vector<std::string> locations;
  bool repeatable = false;
  std::vector<std::string> arguments;
  std::vector<std::pair<std::string, std::string>> required;  // name, printed type
};

std::string_view KindLocation(TypeKindAst kind) {
  switch (kind) {
    case TypeKindAst::kScalar:
      return "SCALAR";
    case TypeKindAst::kObject:
      return "OBJECT";
    case TypeKindAst::kInterface:
      return "INTERFACE";
    case TypeKindAst::kUnion:
      return "UNION";
    case TypeKindAst::kEnum:
      return "ENUM";
    case TypeKindAst::kInputObject:
      return "INPUT_OBJECT";
  }
  return "OBJECT";
}

std::string_view KindWord(TypeKindAst kind) {
  switch (kind) {
    case TypeKindAst::kScalar:
      return "scalar";
    case TypeKindAst::kObject:
      return "object";
    case TypeKindAst::kInterface:
      return "interface";
    case TypeKindAst::kUnion:
      return "union";
    case TypeKindAst::kEnum:
      return "enum";
    case TypeKindAst::kInputObject:
      return "input object";
  }
  return "object";
}

class SdlValidator {
 public:
  explicit SdlValidator(const Document& document) : document_(document) {
    for (const TypeDef& type : BuiltinScalarTypes()) standard_names_.push_back(type.name);
    for (const TypeDef& type : IntrospectionTypes()) standard_names_.push_back(type.name);
    for (const DirectiveDef& directive : SpecifiedDirectives()) {
      DirectiveInfo& info = directives_[directive.name];
      info.locations = directive.locations;
      info.repeatable = directive.repeatable;
      for (const InputValueDef& arg : directive.arguments) {
        info.arguments.push_back(arg.name);
        if (arg.type.IsNonNull() && !arg.default_value) {
          info.required.emplace_back(arg.name, arg.type.ToString());
        }
      }
    }
    for (const Definition& definition : document.definitions) {
      if (const auto* type = std::get_if<TypeDefinition>(&definition)) {
        if (!type->is_extension && defined_types_.emplace(type->name, type).second) {
          defined_names_.push_back(type->name);
        }
      } else if (const auto* directive = std::get_if<DirectiveDefinition>(&definition)) {
        DirectiveInfo info;
        info.locations = directive->locations;
        info.repeatable = directive->repeatable;
        for (const InputValueDefinition& arg : directive->arguments) {
          info.arguments.push_back(arg.name);
          if (arg.type.IsNonNull() && !arg.default_value) {
            info.required.emplace_back(arg.name, arg.type.ToString());
          }
        }
        directives_[directive->name] = std::move(info);
      }
    }
  }

  std::vector<std::string> Run() {
    for (const Definition& definition : document_.definitions) {
      std::visit([this](const auto& node) { Visit(node); }, definition);
    }
    return std::move(errors_);
  }

 private:
  void Report(std::string message) { errors_.push_back(std::move(message)); }

  void Visit(const OperationDefinition& operation) {
    Report(operation.name.empty()
               ? std::string("An operation cannot be part of a type-system document.")
               : "Operation \"" + operation.name + "\" cannot be part of a type-system document.");
  }

  void Visit(const FragmentDefinition& fragment) {
    Report("Fragment \"" + fragment.name + "\" cannot be part of a type-system document.");
  }

  void Visit(const SchemaDefinition& schema) {
    if (!schema.is_extension) {
      if (schema_definitions_ > 0) Report("Must provide only one schema definition.");
      ++schema_definitions_;
    }
    for (const OperationTypeDefinition& operation : schema.operation_types) {
      std::string name(ToString(operation.operation));
      if (!operation_types_.insert(name).second) {
        Report("There can be only one " + name + " type in schema.");
      }
    }
    CheckUniqueDirectives(schema.directives, schema_directives_);
    VisitDirectives(schema.directives, "SCHEMA");
    for (const OperationTypeDefinition& operation : schema.operation_types) {
      VisitNamedType(operation.type_name);
    }
  }

  void Visit(const TypeDefinition& type) {
    if (!type.is_extension) {
      if (!type_names_.insert(type.name).second) {
        Report("There can be only one type named \"" + type.name + "\".");
      }
    }
    if (type.kind == TypeKindAst::kEnum) {
      std::unordered_set<std::string>& known = enum_values_[type.name];
      for (const EnumValueDefinition& value : type.enum_values) {
        if (!known.insert(value.name).second) {
          Report("Enum value \"" + type.name + "." + value.name + "\" can only be defined once.");
        }
      }
    }
    if (type.kind == TypeKindAst::kObject || type.kind == TypeKindAst::kInterface ||
        type.kind == TypeKindAst::kInputObject) {
      std::unordered_set<std::string>& known = field_names_[type.name];
      auto check = [&](const std::string& name) {
        if (!known.insert(name).second) {
          Report("Field \"" + type.name + "." + name + "\" can only be defined once.");
        }
      };
      for (const FieldDefinition& field : type.fields) check(field.name);
      for (const InputValueDefinition& field : type.input_fields) check(field.name);
    }
    for (const FieldDefinition& field : type.fields) {
      CheckUniqueArgumentDefinitions(type.name + "." + field.name, field.arguments);
    }
    CheckUniqueDirectives(type.directives, type_directives_[type.name]);
    if (type.is_extension) CheckExtension(type);

    for (const std::string& iface : type.interfaces) VisitNamedType(iface);
    VisitDirectives(type.directives, KindLocation(type.kind));
    for (const FieldDefinition& field : type.fields) {
      std::unordered_set<std::string> seen;
      CheckUniqueDirectives(field.directives, seen);
      for (const InputValueDefinition& arg : field.arguments) {
        VisitInputValue(arg, "ARGUMENT_DEFINITION");
      }
      VisitNamedType(field.type.name);
      VisitDirectives(field.directives, "FIELD_DEFINITION");
    }
    for (const std::string& member : type.union_members) VisitNamedType(member);
    for (const EnumValueDefinition& value : type.enum_values) {
      std::unordered_set<std::string> seen;
      CheckUniqueDirectives(value.directives, seen);
      VisitDirectives(value.directives, "ENUM_VALUE");
    }
    for (const InputValueDefinition& field : type.input_fields) {
      VisitInputValue(field, "INPUT_FIELD_DEFINITION");
    }
  }

  void Visit(const DirectiveDefinition& directive) {
    CheckUniqueArgumentDefinitions("@" + directive.name, directive.arguments);
    if (!directive_names_.insert(directive.name).second) {
      Report("There can be only one directive named \"@" + directive.name + "\".");
    }
    for (const InputValueDefinition& arg : directive.arguments) {
      VisitInputValue(arg, "ARGUMENT_DEFINITION");
    }
  }

  void VisitInputValue(const InputValueDefinition& value, std::string_view location) {
    std::unordered_set<std::string> seen;
    CheckUniqueDirectives(value.directives, seen);
    VisitNamedType(value.type.name);
    if (value.default_value) VisitValue(*value.default_value);
    VisitDirectives(value.directives, location);
  }

  // KnownTypeNames: standard types may be named without being defined in SDL.
  void VisitNamedType(const std::string& name) {
    if (defined_types_.contains(name)) return;
    if (std::find(standard_names_.begin(), standard_names_.end(), name) != standard_names_.end()) {
      return;
    }
    std::vector<std::string> options = standard_names_;
    options.insert(options.end(), defined_names_.begin(), defined_names_.end());
    Report("Unknown type \"" + name + "\"." + DidYouMean(SuggestionList(name, options)));
  }

  void VisitDirectives(const std::vector<Directive>& directives, std::string_view location) {
    for (const Directive& directive : directives) {
      auto info = directives_.find(directive.name);
      if (info == directives_.end()) {
        Report("Unknown directive \"@" + directive.name + "\".");
      } else {
        const std::vector<std::string>& allowed = info->second.locations;
        if (std::find(allowed.begin(), allowed.end(), location) == allowed.end()) {
          Report("Directive \"@" + directive.name + "\" may not be used on " +
                 std::string(location) + ".");
        }
        for (const Argument& arg : directive.arguments) {
          const std::vector<std::string>& known = info->second.arguments;
          if (std::find(known.begin(), known.end(), arg.name) == known.end()) {
            Report("Unknown argument \"" + arg.name + "\" on directive \"@" + directive.name +
                   "\"." + DidYouMean(SuggestionList(arg.name, known)));
          }
        }
      }
      std::unordered_set<std::string> argument_names;
      for (const Argument& arg : directive.arguments) {
        if (!argument_names.insert(arg.name).second) {
          Report("There can be only one argument named \"" + arg.name + "\".");
        }
      }
      for (const Argument& arg : directive.arguments) VisitValue(arg.value);
      if (info != directives_.end()) {
        for (const auto& [name, type] : info->second.required) {
          if (argument_names.contains(name)) continue;
          Report("Directive \"@" + directive.name + "\" argument \"" + name + "\" of type \"" +
                 type + "\" is required, but it was not provided.");
        }
      }
    }
  }

  // UniqueInputFieldNames, over nested object values.
  void VisitValue(const Value& value) {
    if (value.kind == Value::Kind::kList) {
      for (const Value& item : value.list) VisitValue(item);
    } else if (value.kind == Value::Kind::kObject) {
      std::unordered_set<std::string> names;
      for (const ObjectField& field : value.fields) {
        if (!names.insert(field.name).second) {
          Report("There can be only one input field named \"" + field.name + "\".");
        }
        VisitValue(field.value);
      }
    }
  }

  void CheckUniqueDirectives(const std::vector<Directive>& directives,
                             std::unordered_set<std::string>& seen) {
    for (const Directive& directive : directives) {
      auto info = directives_.find(directive.name);
      if (info == directives_.end() || info->second.repeatable) continue;
      if (!seen.insert(directive.name).second) {
        Report("The directive \"@" + directive.name + "\" can only be used once at this location.");
      }
    }
  }

  void CheckUniqueArgumentDefinitions(const std::string& parent,
                                      const std::vector<InputValueDefinition>& arguments) {
    std::vector<std::string> reported;
    for (size_t i = 0; i < arguments.size(); ++i) {
      const std::string& name = arguments[i].name;
      if (std::find(reported.begin(), reported.end(), name) != reported.end()) continue;
      for (size_t j = i + 1; j < arguments.size(); ++j) {
        if (arguments[j].name == name) {
          Report("Argument \"" + parent + "(" + name + ":)\" can only be defined once.");
          reported.push_back(name);
          break;
        }
      }
    }
  }

  // PossibleTypeExtensions.
  void CheckExtension(const TypeDefinition& extension) {
    auto defined = defined_types_.find(extension.name);
    if (defined == defined_types_.end()) {
      Report("Cannot extend type \"" + extension.name + "\" because it is not defined." +
             DidYouMean(SuggestionList(extension.name, defined_names_)));
    } else if (defined->second->kind != extension.kind) {
      Report("Cannot extend non-" + std::string(KindWord(extension.kind)) + " type \"" +
             extension.name + "\".");
    }
  }

  const Document& document_;
  std::vector<std::string> standard_names_;
  std::unordered_map<std::string, const TypeDefinition*> defined_types_;
  std::vector<std::string> defined_names_;  // in document order
  std::unordered_map<std::string, DirectiveInfo> directives_;
  int schema_definitions_ = 0;
  std::unordered_set<std::string> operation_types_;
  std::unordered_set<std::string> type_names_;
  std::unordered_set<std::string> directive_names_;
  std::unordered_map<std::string, std::unordered_set<std::string>> enum_values_;
  std::unordered_map<std::string, std::unordered_set<std::string>> field_names_;
  std::unordered_set<std::string> schema_directives_;
  std::unordered_map<std::string, std::unordered_set<std::string>> type_directives_;
  std::vector<std::string> errors_;
};

}  // namespace

std::vector<std::string> ValidateSdl(const Document& document) {
  return SdlValidator(document).Run();
}

}  // namespace junction::graphql

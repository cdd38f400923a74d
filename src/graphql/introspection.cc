#include "graphql/introspection.h"

#include <map>
#include <span>
#include <utility>

#include "graphql/printer.h"
#include "graphql/value_coercion.h"

namespace junction::graphql {
namespace {

// A __Type value: a named type seen through zero or more list/non-null wrappers (outermost
// first), as graphql-js's GraphQLList/GraphQLNonNull wrap a named type.
struct TypeView {
  const TypeDef* named = nullptr;
  std::span<const TypeRef::Wrapper> wrappers;

  bool IsNamed() const { return wrappers.empty(); }
};

bool IncludeDeprecated(const NormalizedField& field) {
  auto it = field.arguments.find("includeDeprecated");
  return it != field.arguments.end() && it->is_boolean() && it->get<bool>();
}

// Writes introspection objects field by field in the order the selection asks, as graphql-js
// resolves them. Only the fields of each __ type are answered; the selection was validated.
class IntrospectionWriter {
 public:
  IntrospectionWriter(const Schema& schema, JsonWriter& out) : schema_(schema), out_(out) {}

  void WriteSchema(const std::vector<NormalizedField>& selection) {
    out_.BeginObject();
    for (const NormalizedField& field : Fields(selection, "__Schema")) {
      out_.Key(field.alias);
      const std::string& name = field.name;
      if (name == "__typename") {
        out_.String("__Schema");
      } else if (name == "description") {
        OptionalString(schema_.description());
      } else if (name == "types") {
        out_.BeginArray();
        for (const TypeDef& type : schema_.types())
          WriteType(TypeView{&type, {}}, field.selection_set);
        out_.EndArray();
      } else if (name == "queryType" || name == "mutationType" || name == "subscriptionType") {
        const TypeDef* root = name == "queryType"      ? schema_.query_type()
                              : name == "mutationType" ? schema_.mutation_type()
                                                       : schema_.subscription_type();
        WriteNamedType(root, field.selection_set);
      } else if (name == "directives") {
        out_.BeginArray();
        for (const DirectiveDef& directive : schema_.directives()) {
          WriteDirective(directive, field.selection_set);
        }
        out_.EndArray();
      } else {
        out_.Null();
      }
    }
    out_.EndObject();
  }

  void WriteNamedType(const TypeDef* type, const std::vector<NormalizedField>& selection) {
    if (type == nullptr) {
      out_.Null();
    } else {
      WriteType(TypeView{type, {}}, selection);
    }
  }

 private:
  void WriteType(TypeView type, const std::vector<NormalizedField>& selection) {
    const TypeDef& named = *type.named;
    bool is_named = type.IsNamed();
    bool has_fields =
        is_named && (named.kind == TypeKind::kObject || named.kind == TypeKind::kInterface);
    out_.BeginObject();
    for (const NormalizedField& field : Fields(selection, "__Type")) {
      out_.Key(field.alias);
      const std::string& name = field.name;
      if (name == "__typename") {
        out_.String("__Type");
      } else if (name == "kind") {
        out_.String(is_named                                           ? ToString(named.kind)
                    : type.wrappers.front() == TypeRef::Wrapper::kList ? "LIST"
                                                                       : "NON_NULL");
      } else if (name == "name") {
        is_named ? out_.String(named.name) : out_.Null();
      } else if (name == "description") {
        OptionalString(is_named ? named.description : std::string());
      } else if (name == "specifiedByURL") {
        if (is_named && named.kind == TypeKind::kScalar && named.specified_by_url) {
          out_.String(*named.specified_by_url);
        } else {
          out_.Null();
        }
      } else if (name == "fields") {
        if (!has_fields) {
          out_.Null();
          continue;
        }
        bool include_deprecated = IncludeDeprecated(field);
        out_.BeginArray();
        for (const FieldDef& member : named.fields) {
          if (include_deprecated || !member.deprecation_reason)
            WriteField(member, field.selection_set);
        }
        out_.EndArray();
      } else if (name == "interfaces") {
        if (!has_fields) {
          out_.Null();
          continue;
        }
        out_.BeginArray();
        for (const std::string& iface : named.interfaces) {
          WriteNamedType(schema_.FindType(iface), field.selection_set);
        }
        out_.EndArray();
      } else if (name == "possibleTypes") {
        if (!is_named || !named.IsAbstract()) {
          out_.Null();
          continue;
        }
        out_.BeginArray();
        for (const TypeDef* possible : schema_.PossibleTypes(named)) {
          WriteNamedType(possible, field.selection_set);
        }
        out_.EndArray();
      } else if (name == "enumValues") {
        if (!is_named || named.kind != TypeKind::kEnum) {
          out_.Null();
          continue;
        }
        bool include_deprecated = IncludeDeprecated(field);
        out_.BeginArray();
        for (const EnumValueDef& value : named.enum_values) {
          if (include_deprecated || !value.deprecation_reason)
            WriteEnumValue(value, field.selection_set);
        }
        out_.EndArray();
      } else if (name == "inputFields") {
        if (!is_named || named.kind != TypeKind::kInputObject) {
          out_.Null();
          continue;
        }
        WriteInputValues(named.input_fields, IncludeDeprecated(field), field.selection_set);
      } else if (name == "ofType") {
        if (is_named) {
          out_.Null();
        } else {
          WriteType(TypeView{type.named, type.wrappers.subspan(1)}, field.selection_set);
        }
      } else {
        out_.Null();
      }
    }
    out_.EndObject();
  }

  void WriteTypeRef(const TypeRef& ref, const std::vector<NormalizedField>& selection) {
    const TypeDef* named = schema_.FindType(ref.name);
    if (named == nullptr) {
      out_.Null();  // Schema::Make rejects references to undefined types
      return;
    }
    WriteType(TypeView{named, ref.wrappers}, selection);
  }

  void WriteField(const FieldDef& definition, const std::vector<NormalizedField>& selection) {
    out_.BeginObject();
    for (const NormalizedField& field : Fields(selection, "__Field")) {
      out_.Key(field.alias);
      const std::string& name = field.name;
      if (name == "__typename") {
        out_.String("__Field");
      } else if (name == "name") {
        out_.String(definition.name);
      } else if (name == "description") {
        OptionalString(definition.description);
      } else if (name == "args") {
        WriteInputValues(definition.arguments, IncludeDeprecated(field), field.selection_set);
      } else if (name == "type") {
        WriteTypeRef(definition.type, field.selection_set);
      } else {
        WriteDeprecation(name, definition.deprecation_reason);
      }
    }
    out_.EndObject();
  }

  void WriteInputValues(const std::vector<InputValueDef>& values, bool include_deprecated,
                        const std::vector<NormalizedField>& selection) {
    out_.BeginArray();
    for (const InputValueDef& value : values) {
      if (include_deprecated || !value.deprecation_reason) WriteInputValue(value, selection);
    }
    out_.EndArray();
  }

  void WriteInputValue(const InputValueDef& definition,
                       const std::vector<NormalizedField>& selection) {
    out_.BeginObject();
    for (const NormalizedField& field : Fields(selection, "__InputValue")) {
      out_.Key(field.alias);
      const std::string& name = field.name;
      if (name == "__typename") {
        out_.String("__InputValue");
      } else if (name == "name") {
        out_.String(definition.name);
      } else if (name == "description") {
        OptionalString(definition.description);
      } else if (name == "type") {
        WriteTypeRef(definition.type, field.selection_set);
      } else if (name == "defaultValue") {
        WriteDefaultValue(definition);
      } else {
        WriteDeprecation(name, definition.deprecation_reason);
      }
    }
    out_.EndObject();
  }

  // graphql-js prints astFromValue(defaultValue, type), where defaultValue is the literal's
  // coerced value; a default that does not coerce counts as none.
  void WriteDefaultValue(const InputValueDef& definition) {
    std::optional<nlohmann::ordered_json> value = CoercedDefaultValue(schema_, definition);
    std::optional<Value> literal;
    if (value) literal = AstFromValue(schema_, *value, definition.type);
    if (literal) {
      out_.String(Print(*literal));
    } else {
      out_.Null();
    }
  }

  void WriteEnumValue(const EnumValueDef& definition,
                      const std::vector<NormalizedField>& selection) {
    out_.BeginObject();
    for (const NormalizedField& field : Fields(selection, "__EnumValue")) {
      out_.Key(field.alias);
      const std::string& name = field.name;
      if (name == "__typename") {
        out_.String("__EnumValue");
      } else if (name == "name") {
        out_.String(definition.name);
      } else if (name == "description") {
        OptionalString(definition.description);
      } else {
        WriteDeprecation(name, definition.deprecation_reason);
      }
    }
    out_.EndObject();
  }

  void WriteDirective(const DirectiveDef& definition,
                      const std::vector<NormalizedField>& selection) {
    out_.BeginObject();
    for (const NormalizedField& field : Fields(selection, "__Directive")) {
      out_.Key(field.alias);
      const std::string& name = field.name;
      if (name == "__typename") {
        out_.String("__Directive");
      } else if (name == "name") {
        out_.String(definition.name);
      } else if (name == "description") {
        OptionalString(definition.description);
      } else if (name == "isRepeatable") {
        out_.Bool(definition.repeatable);
      } else if (name == "locations") {
        out_.BeginArray();
        for (const std::string& location : definition.locations) out_.String(location);
        out_.EndArray();
      } else if (name == "args") {
        WriteInputValues(definition.arguments, IncludeDeprecated(field), field.selection_set);
      } else {
        out_.Null();
      }
    }
    out_.EndObject();
  }

  // isDeprecated / deprecationReason, shared by fields, input values and enum values.
  void WriteDeprecation(const std::string& name, const std::optional<std::string>& reason) {
    if (name == "isDeprecated") {
      out_.Bool(reason.has_value());
    } else if (name == "deprecationReason" && reason) {
      out_.String(*reason);
    } else {
      out_.Null();
    }
  }

  void OptionalString(const std::string& text) {
    if (text.empty()) {
      out_.Null();
    } else {
      out_.String(text);
    }
  }

  // The fields of `selection` that apply to the introspection type `type_name`, computed once per
  // selection and type (a full introspection writes the same selection for every type).
  const std::vector<NormalizedField>& Fields(const std::vector<NormalizedField>& selection,
                                             std::string_view type_name) {
    const TypeDef* type = schema_.FindType(type_name);
    auto key = std::make_pair(&selection, type);
    auto it = collected_.find(key);
    if (it == collected_.end()) {
      std::vector<NormalizedField> fields;
      if (type != nullptr) fields = CollectFields(schema_, selection, *type);
      it = collected_.emplace(key, std::move(fields)).first;
    }
    return it->second;
  }

  const Schema& schema_;
  JsonWriter& out_;
  std::map<std::pair<const std::vector<NormalizedField>*, const TypeDef*>,
           std::vector<NormalizedField>>
      collected_;
};

}  // namespace

void WriteIntrospectionField(const Schema& schema, const NormalizedField& field, JsonWriter& out) {
  IntrospectionWriter writer(schema, out);
  if (field.name == "__schema") {
    writer.WriteSchema(field.selection_set);
    return;
  }
  auto name = field.arguments.find("name");
  const TypeDef* type = nullptr;
  if (name != field.arguments.end() && name->is_string()) {
    type = schema.FindType(name->get_ref<const std::string&>());
  }
  writer.WriteNamedType(type, field.selection_set);
}

}  // namespace junction::graphql

#include "graphql/validation/type_info.h"

namespace junction::graphql::validation {
namespace {

// An input type, or unknown: graphql-js keeps only input types on its input stack.
TypeView InputOrUnknown(TypeView type) { return type.IsInputType() ? type : TypeView(); }

}  // namespace

void TypeInfo::EnterOperation(const OperationDefinition& operation) {
  const TypeDef* root = schema_.RootType(operation.operation);
  bool is_object = root != nullptr && root->kind == TypeKind::kObject;
  type_stack_.push_back(is_object ? TypeView(root) : TypeView());
}

void TypeInfo::EnterFragment(const std::string& type_condition) {
  TypeView type;
  if (!type_condition.empty()) {
    type = TypeView(LookupType(schema_, type_condition));
  } else {
    type = TypeView(this->type().named());
  }
  type_stack_.push_back(type.IsOutputType() ? type : TypeView());
}

void TypeInfo::EnterSelectionSet() {
  const TypeDef* named = type().named();
  parent_type_stack_.push_back(named != nullptr && named->IsComposite() ? named : nullptr);
}

void TypeInfo::EnterField(const Field& field) {
  const TypeDef* parent = parent_type();
  const FieldDef* definition = parent == nullptr ? nullptr : schema_.FindField(*parent, field.name);
  TypeView type;
  if (definition != nullptr) type = TypeView::FromRef(schema_, definition->type);
  field_def_stack_.push_back(definition);
  type_stack_.push_back(type.IsOutputType() ? type : TypeView());
}

void TypeInfo::LeaveField() {
  field_def_stack_.pop_back();
  type_stack_.pop_back();
}

void TypeInfo::EnterVariableDefinition(const VariableDefinition& definition) {
  input_type_stack_.push_back(InputOrUnknown(TypeView::FromRef(schema_, definition.type)));
}

void TypeInfo::EnterArgument(const Argument& argument) {
  // As graphql-js: the directive's arguments when inside a known directive, else the field's
  // (also inside an unknown directive).
  const std::vector<InputValueDef>* definitions = nullptr;
  if (directive_ != nullptr) {
    definitions = &directive_->arguments;
  } else if (const FieldDef* field = field_def()) {
    definitions = &field->arguments;
  }
  const InputValueDef* definition = nullptr;
  if (definitions != nullptr) {
    for (const InputValueDef& candidate : *definitions) {
      if (candidate.name == argument.name) {
        definition = &candidate;
        break;
      }
    }
  }
  argument_ = definition;
  default_value_stack_.push_back(definition != nullptr && definition->default_value.has_value());
  TypeView type;
  if (definition != nullptr) type = TypeView::FromRef(schema_, definition->type);
  input_type_stack_.push_back(InputOrUnknown(type));
}

void TypeInfo::LeaveArgument() {
  argument_ = nullptr;
  PopInput();
}

void TypeInfo::EnterListValue() {
  TypeView list = input_type().Nullable();
  TypeView item = list.IsList() ? list.OfType() : list;
  default_value_stack_.push_back(false);  // list positions never have a default value
  input_type_stack_.push_back(InputOrUnknown(item));
}

void TypeInfo::EnterObjectField(const ObjectField& field) {
  const TypeDef* object = input_type().named();
  const InputValueDef* definition = nullptr;
  if (object != nullptr && object->kind == TypeKind::kInputObject) {
    definition = object->FindInputField(field.name);
  }
  default_value_stack_.push_back(definition != nullptr && definition->default_value.has_value());
  TypeView type;
  if (definition != nullptr) type = TypeView::FromRef(schema_, definition->type);
  input_type_stack_.push_back(InputOrUnknown(type));
}

}  // namespace junction::graphql::validation

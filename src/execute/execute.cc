#include "execute/execute.h"

#include <utility>
#include <variant>
#include <vector>

#include "common/json_writer.h"
#include "graphql/introspection.h"

namespace junction::execute {
namespace {

// Overload set for std::visit over RootField.
template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

Status WriteRootField(const graphql::Operation& operation, const schema::RoleSchema& schema,
                      const graphql::NormalizedField& field, JsonWriter& out) {
  if (field.name == "__typename") {
    out.String(operation.root_type->name);
    return {};
  }
  if (field.name == "__schema" || field.name == "__type") {
    if (operation.type != graphql::OperationType::kQuery) {
      return Error(
          ErrorCode::kValidationFailed,
          "field '" + field.name + "' not found in type: '" + operation.root_type->name + "'",
          "$.selectionSet." + field.alias);
    }
    graphql::WriteIntrospectionField(*schema.schema, field, out);
    return {};
  }
  const schema::RootField* root_field = schema.FindRootField(operation.type, field.name);
  if (root_field == nullptr) {
    return Error(ErrorCode::kUnexpected,
                 "root field '" + field.name + "' of '" + operation.root_type->name +
                     "' has nothing to resolve it",
                 "$.selectionSet." + field.alias);
  }
  return std::visit(Overloaded{[&](const schema::PlaceholderField& placeholder) -> Status {
                      out.String(placeholder.value);
                      return {};
                    }},
                    *root_field);
}

}  // namespace

Result<std::string> Execute(const graphql::Operation& operation, const schema::RoleSchema& schema) {
  if (operation.root_type == nullptr) {
    return Error(ErrorCode::kUnexpected, "operation has no root type");
  }
  const std::vector<graphql::NormalizedField> fields =
      graphql::CollectFields(*schema.schema, operation.selection_set, *operation.root_type);
  JsonWriter out;
  out.BeginObject();
  out.Key("data");
  out.BeginObject();
  for (const graphql::NormalizedField& field : fields) {
    out.Key(field.alias);
    if (Status written = WriteRootField(operation, schema, field, out); !written) {
      return written.error();
    }
  }
  out.EndObject();
  out.EndObject();
  return out.Take();
}

}  // namespace junction::execute

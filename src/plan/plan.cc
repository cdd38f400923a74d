#include "plan/plan.h"

#include <utility>

#include "common/json_writer.h"
#include "graphql/introspection.h"
#include "ir/build_ir.h"
#include "plan/remote_joins.h"

namespace junction::plan {
namespace {

std::string JsonString(std::string_view value) {
  JsonWriter out;
  out.String(value);
  return out.Take();
}

Result<std::variant<std::string, Step, RemoteStep>> PlanRootField(
    const graphql::Operation& operation, const schema::RoleSchema& schema,
    const graphql::NormalizedField& field, const schema::Session& session) {
  if (field.name == "__typename") return JsonString(operation.root_type->name);
  if (field.name == "__schema" || field.name == "__type") {
    if (operation.type != graphql::OperationType::kQuery) {
      return Error(
          ErrorCode::kValidationFailed,
          "field '" + field.name + "' not found in type: '" + operation.root_type->name + "'",
          "$.selectionSet." + field.alias);
    }
    JsonWriter out;
    graphql::WriteIntrospectionField(*schema.schema, field, out);
    return out.Take();
  }
  const schema::RootField* root_field = schema.FindRootField(operation.type, field.name);
  if (root_field == nullptr) {
    return Error(ErrorCode::kUnexpected,
                 "root field '" + field.name + "' of '" + operation.root_type->name +
                     "' has nothing to resolve it",
                 "$.selectionSet." + field.alias);
  }
  if (const auto* placeholder = std::get_if<schema::PlaceholderField>(root_field)) {
    return JsonString(placeholder->value);
  }
  if (const auto* remote = std::get_if<schema::RemoteRootField>(root_field)) {
    Result<ir::RemoteRootField> ir =
        ir::BuildRemoteRootField(*remote, operation.type, field, session);
    if (!ir) return std::move(ir).error();
    JoinTree joins = CutRemoteJoins(*ir);
    return RemoteStep{std::move(ir).value(), std::move(joins)};
  }
  const auto& table_field = std::get<schema::TableRootField>(*root_field);
  Result<ir::RootField> ir = ir::BuildRootField(table_field, field, session);
  if (!ir) return std::move(ir).error();
  JoinTree joins = CutRemoteJoins(*ir);
  return Step{table_field.table->source, std::move(ir).value(), std::move(joins)};
}

}  // namespace

Result<Plan> MakePlan(const graphql::Operation& operation, const schema::RoleSchema& schema,
                      const schema::Session& session) {
  if (operation.root_type == nullptr) {
    return Error(ErrorCode::kUnexpected, "operation has no root type");
  }
  Plan plan;
  plan.sequential = operation.type == graphql::OperationType::kMutation;
  for (const graphql::NormalizedField& field :
       graphql::CollectFields(*schema.schema, operation.selection_set, *operation.root_type)) {
    Result<std::variant<std::string, Step, RemoteStep>> value =
        PlanRootField(operation, schema, field, session);
    if (!value) return std::move(value).error();
    plan.root.push_back({field.alias, std::move(value).value()});
  }
  return plan;
}

}  // namespace junction::plan

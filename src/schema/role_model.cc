#include "schema/role_model.h"

#include <algorithm>
#include <utility>

#include "metadata/source_metadata.h"
#include "schema/resolve_internal.h"
#include "schema/table_schema_internal.h"

namespace junction::schema {
namespace {

using metadata::Json;
using metadata::QualifiedName;

// The operators a filter may use on a remote relationship's target (Hasura's
// RemoteSourcePermissionPredicate), in the words of its error.
constexpr std::string_view kRemoteOperators[] = {
    "_eq", "_neq", "_gt", "_lt", "_gte", "_lte", "_in", "_nin", "_like", "_nlike", "_is_null"};

struct FilterScope {
  const SourceModel& model;
  SelectPermission& permission;
  bool remote_target = false;  // inside a remote relationship: column comparisons only
};

Result<PermissionExp> ParseFilter(const FilterScope& scope, const Table& table, const Json& value);

Error Invalid(std::string message) { return Error(ErrorCode::kInvalidConfiguration, message); }

// Whether a comparison value reads the session: the value, or an element of a list value.
bool ReadsSession(const Json& value) {
  if (value.is_string()) return IsSessionVariable(value.get<std::string>());
  if (!value.is_array()) return false;
  return std::ranges::any_of(value, [](const Json& item) { return ReadsSession(item); });
}

// `{_eq: 1, _in: "X-Hasura-Ids"}` on `column`.
Result<PermissionExp> ParseComparisons(const FilterScope& scope, const Table& table,
                                       const Column& column, const Json& value) {
  if (!value.is_object()) {
    return Invalid("expected an object of operators for column " + Quoted(column.name));
  }
  std::vector<std::string> operators;
  for (const graphql::TypeDef& type : ComparisonTypes(column)) {
    for (const graphql::InputValueDef& field : type.input_fields) operators.push_back(field.name);
  }
  PermissionAnd conjunction;
  for (const auto& [op, operand] : value.items()) {
    const bool known = scope.remote_target
                           ? std::ranges::find(kRemoteOperators, op) != std::end(kRemoteOperators)
                           : std::ranges::find(operators, op) != operators.end();
    if (!known && scope.remote_target) {
      return Invalid(
          "Expected one of the supported operators (_eq, _neq, _gt, _lt, _gte, _lte, _in, _nin, "
          "_like, _nlike and _is_null)");
    }
    if (!known)
      return Invalid("unknown operator " + Quoted(op) + " on column " + Quoted(column.name));
    const bool list = op == "_in" || op == "_nin" || op == "_has_keys_any" || op == "_has_keys_all";
    const bool session = ReadsSession(operand);
    if (operand.is_null() || (list && !operand.is_array() && !session) ||
        (op == "_is_null" && !operand.is_boolean())) {
      return Invalid("invalid value for operator " + Quoted(op) + " on column " +
                     Quoted(column.name));
    }
    scope.permission.uses_session = scope.permission.uses_session || session;
    conjunction.operands.push_back(
        PermissionExp{PermissionCompare{&column, op, operand, table.backend}});
  }
  if (conjunction.operands.size() == 1) return std::move(conjunction.operands.front());
  return PermissionExp{std::move(conjunction)};
}

Result<std::vector<PermissionExp>> ParseOperands(const FilterScope& scope, const Table& table,
                                                 const Json& value) {
  std::vector<PermissionExp> operands;
  const Json list = value.is_array() ? value : Json::array({value});
  for (const Json& item : list) {
    auto operand = ParseFilter(scope, table, item);
    if (!operand) return operand.error();
    operands.push_back(std::move(*operand));
  }
  return operands;
}

Result<std::shared_ptr<const PermissionExp>> Shared(Result<PermissionExp> exp) {
  if (!exp) return exp.error();
  return std::make_shared<const PermissionExp>(std::move(exp).value());
}

// `_exists: {_table, _where}`: a tracked table of the same source.
Result<PermissionExp> ParseExistsTable(const FilterScope& scope, const Table& table,
                                       const Json& value) {
  const Json* name = value.is_object() ? FindKey(value, "_table") : nullptr;
  const Json* where = value.is_object() ? FindKey(value, "_where") : nullptr;
  if (name == nullptr || where == nullptr) {
    return Invalid("_exists expects an object with \"_table\" and \"_where\"");
  }
  const std::optional<QualifiedName> qualified = QualifiedNameOf(*name);
  const Table* target = qualified ? scope.model.FindTable(table.source, *qualified) : nullptr;
  if (target == nullptr) {
    return Invalid("table " + Quoted(qualified ? QualifiedText(*qualified) : name->dump()) +
                   " is not tracked in source " + Quoted(table.source));
  }
  auto inner = Shared(ParseFilter(scope, *target, *where));
  if (!inner) return inner.error();
  return PermissionExp{PermissionExistsTable{target, std::move(*inner)}};
}

Result<PermissionExp> ParseField(const FilterScope& scope, const Table& table,
                                 const std::string& name, const Json& value) {
  if (name == "_and" || name == "_or") {
    auto operands = ParseOperands(scope, table, value);
    if (!operands) return operands.error();
    if (name == "_and") return PermissionExp{PermissionAnd{std::move(*operands)}};
    return PermissionExp{PermissionOr{std::move(*operands)}};
  }
  if (name == "_not") {
    auto operand = Shared(ParseFilter(scope, table, value));
    if (!operand) return operand.error();
    return PermissionExp{PermissionNot{std::move(*operand)}};
  }
  if (name == "_exists" && !scope.remote_target) return ParseExistsTable(scope, table, value);
  if (const Column* column = table.FindColumnByName(name)) {
    return ParseComparisons(scope, table, *column, value);
  }
  const Relationship* relationship = table.FindRelationship(name);
  if (relationship != nullptr && scope.remote_target) {
    return Invalid(
        "Expected one of the supported operators (_eq, _neq, _gt, _lt, _gte, _lte, _in, _nin, "
        "_like, _nlike and _is_null)");
  }
  if (relationship != nullptr && relationship->remote) {
    FilterScope inner_scope{scope.model, scope.permission, true};
    auto inner = Shared(ParseFilter(inner_scope, *relationship->target, value));
    if (!inner) return inner.error();
    std::vector<const Column*> columns;
    for (const auto& [ours, theirs] : relationship->mapping) {
      columns.push_back(table.FindColumnByName(ours));  // resolve checked they exist
    }
    scope.permission.uses_remote = true;
    return PermissionExp{
        PermissionRemoteExists{relationship, std::move(columns), std::move(*inner)}};
  }
  if (relationship != nullptr) {
    auto inner = Shared(ParseFilter(scope, *relationship->target, value));
    if (!inner) return inner.error();
    return PermissionExp{PermissionExists{relationship, std::move(*inner)}};
  }
  return Invalid("no such column or relationship exists: " + Quoted(name));
}

Result<PermissionExp> ParseFilter(const FilterScope& scope, const Table& table, const Json& value) {
  if (!value.is_object()) return Invalid("expected a boolean expression (an object)");
  PermissionAnd conjunction;
  for (const auto& [name, operand] : value.items()) {
    auto exp = ParseField(scope, table, name, operand);
    if (!exp) return exp.error();
    conjunction.operands.push_back(std::move(*exp));
  }
  if (conjunction.operands.size() == 1) return std::move(conjunction.operands.front());
  return PermissionExp{std::move(conjunction)};
}

Result<std::set<std::string>> ParseColumns(const Table& table, const Json* value) {
  std::set<std::string> columns;
  if (value != nullptr && value->is_string() && value->get<std::string>() == "*") {
    for (const Column& column : table.columns) columns.insert(column.name);
    return columns;
  }
  if (value == nullptr || !value->is_array())
    return Invalid("expected \"columns\": a list or \"*\"");
  for (const Json& name : *value) {
    if (!name.is_string() || table.FindColumnByName(name.get<std::string>()) == nullptr) {
      return Invalid("no such column exists: " +
                     Quoted(name.is_string() ? name.get<std::string>() : name.dump()));
    }
    columns.insert(name.get<std::string>());
  }
  return columns;
}

Result<PermittedRootFields> ParseRootFields(const Json* value) {
  if (value == nullptr || value->is_null()) return PermittedRootFields{};
  if (!value->is_array()) return Invalid("expected \"query_root_fields\": a list");
  PermittedRootFields fields{false, false, false};
  for (const Json& name : *value) {
    const std::string text = name.is_string() ? name.get<std::string>() : "";
    if (text == "select") {
      fields.select = true;
    } else if (text == "select_by_pk") {
      fields.select_by_pk = true;
    } else if (text == "select_aggregate") {
      fields.select_aggregate = true;
    } else {
      return Invalid("unknown query root field " + Quoted(text.empty() ? name.dump() : text));
    }
  }
  return fields;
}

Result<SelectPermission> ParsePermission(const SourceModel& model, const Table& table,
                                         const Json& entry) {
  const Json* permission = FindKey(entry, "permission");
  if (permission == nullptr || !permission->is_object()) {
    return Invalid("expected \"permission\": an object");
  }
  SelectPermission parsed;
  auto columns = ParseColumns(table, FindKey(*permission, "columns"));
  if (!columns) return columns.error();
  parsed.columns = std::move(*columns);
  if (const Json* filter = FindKey(*permission, "filter");
      filter != nullptr && !filter->is_null()) {
    auto exp = ParseFilter(FilterScope{model, parsed}, table, *filter);
    if (!exp) return exp.error();
    parsed.filter = std::move(*exp);
  }
  if (const Json* limit = FindKey(*permission, "limit"); limit != nullptr && !limit->is_null()) {
    if (!limit->is_number_integer() || limit->get<int64_t>() < 0) {
      return Invalid("expected \"limit\": a non-negative integer");
    }
    parsed.limit = limit->get<int64_t>();
  }
  if (const Json* aggregations = FindKey(*permission, "allow_aggregations")) {
    if (!aggregations->is_boolean() && !aggregations->is_null()) {
      return Invalid("expected \"allow_aggregations\": a boolean");
    }
    parsed.allow_aggregations = aggregations->is_boolean() && aggregations->get<bool>();
  }
  auto root_fields = ParseRootFields(FindKey(*permission, "query_root_fields"));
  if (!root_fields) return root_fields.error();
  parsed.root_fields = *root_fields;
  return parsed;
}

metadata::InconsistentObject PermissionInconsistency(const Table& table, const std::string& role,
                                                     const Json& entry, size_t source_index,
                                                     size_t table_index, size_t index,
                                                     const std::string& reason) {
  metadata::InconsistentObject object;
  object.type = "select_permission";
  object.name = metadata::PermissionObjectName(table.source, table.name, "select", role);
  object.reason = std::string(kInconsistentPrefix) + "in table " +
                  Quoted(QualifiedText(table.name)) + ": in permission for role " + Quoted(role) +
                  ": " + reason;
  Json definition = Json::object();
  for (const char* key : {"comment", "permission", "role"}) {
    if (const Json* value = FindKey(entry, key)) definition[key] = *value;
  }
  definition["source"] = table.source;
  definition["table"] = QualifiedNameJson(table.name, table.backend);
  object.definition = metadata::SortedKeys(definition);
  object.section = "sources";
  object.index = source_index;
  object.pointer =
      "/tables/" + std::to_string(table_index) + "/select_permissions/" + std::to_string(index);
  return object;
}

using TableKey = std::pair<std::string, QualifiedName>;
using Permissions = std::map<TableKey, std::shared_ptr<const SelectPermission>>;

// The role's copy of `table`: its selectable and hidden columns, root fields and permission
// (relationships are added once every table is copied).
Table RoleTable(const Table& table, std::shared_ptr<const SelectPermission> permission) {
  Table copy = table;
  copy.columns.clear();
  copy.relationships.clear();
  for (const Column& column : table.columns) {
    (permission->columns.contains(column.name) ? copy.columns : copy.hidden_columns)
        .push_back(column);
  }
  const PermittedRootFields& allowed = permission->root_fields;
  if (!allowed.select) copy.root_fields.select.clear();
  const bool key_selectable = std::ranges::all_of(
      table.primary_key, [&](const std::string& key) { return permission->columns.contains(key); });
  if (!allowed.select_by_pk || !key_selectable) copy.root_fields.select_by_pk.clear();
  if (!allowed.select_aggregate || !permission->allow_aggregations) {
    copy.root_fields.select_aggregate.clear();
  }
  copy.permission = std::move(permission);
  return copy;
}

std::shared_ptr<const SourceModel> RoleModel(const std::shared_ptr<const SourceModel>& admin,
                                             const Permissions& permissions) {
  auto model = std::make_shared<SourceModel>();
  model->base = admin;
  for (const auto& [key, permission] : permissions) {
    const Table* table = admin->FindTable(key.first, key.second);
    if (table == nullptr || permission->columns.empty()) continue;
    Source& source = model->sources[key.first];
    const Source& admin_source = admin->sources.find(key.first)->second;
    source.name = admin_source.name;
    source.kind = admin_source.kind;
    source.tables.emplace(key.second, RoleTable(*table, permission));
  }
  for (auto& [source_name, source] : model->sources) {
    for (auto& [name, table] : source.tables) {
      const Table& original = *admin->FindTable(source_name, name);
      for (const Relationship& relationship : original.relationships) {
        const Table* target =
            model->FindTable(relationship.target->source, relationship.target->name);
        if (target == nullptr) continue;  // the role may not read the target
        Relationship copy = relationship;
        copy.target = target;
        table.relationships.push_back(std::move(copy));
      }
    }
  }
  // Every remote schema, its relationships to tables retargeted as the tables' are.
  for (const auto& [name, schema] : admin->remote_schemas) {
    RemoteSchema copy = schema;
    for (auto& [type, relationships] : copy.relationships) {
      std::erase_if(relationships.to_source, [&](Relationship& relationship) {
        relationship.target =
            model->FindTable(relationship.target->source, relationship.target->name);
        return relationship.target == nullptr;
      });
    }
    model->remote_schemas.emplace(name, std::move(copy));
  }
  // Relationships to remote schemas lead to the role's copies.
  const auto retarget = [&](std::vector<RemoteSchemaRelationship>& relationships) {
    for (RemoteSchemaRelationship& relationship : relationships) {
      relationship.target = &model->remote_schemas.at(relationship.remote_schema);
    }
  };
  for (auto& [source_name, source] : model->sources) {
    for (auto& [name, table] : source.tables) retarget(table.remote_schema_relationships);
  }
  for (auto& [name, schema] : model->remote_schemas) {
    for (auto& [type, relationships] : schema.relationships) {
      retarget(relationships.to_remote_schema);
    }
  }
  return model;
}

}  // namespace

std::shared_ptr<const SourceModel> UnprivilegedModel(
    const std::shared_ptr<const SourceModel>& admin) {
  return RoleModel(admin, {});
}

RoleModels ResolveRoleModels(const metadata::Metadata& metadata,
                             std::shared_ptr<const SourceModel> admin) {
  RoleModels result;
  std::map<std::string, Permissions, std::less<>> roles;
  const Json& sources = metadata.sources();
  for (size_t i = 0; i < sources.size(); ++i) {
    const std::string source = StringAt(sources[i], "name").value_or("");
    const Json* tables = FindKey(sources[i], "tables");
    if (tables == nullptr || !tables->is_array()) continue;
    for (size_t j = 0; j < tables->size(); ++j) {
      const std::optional<QualifiedName> name = TableNameOf((*tables)[j]);
      const Table* table = name ? admin->FindTable(source, *name) : nullptr;
      const Json* list = FindKey((*tables)[j], "select_permissions");
      if (table == nullptr || list == nullptr || !list->is_array()) continue;
      for (size_t k = 0; k < list->size(); ++k) {
        const Json& entry = (*list)[k];
        const std::string role = StringAt(entry, "role").value_or("");
        Result<SelectPermission> permission = ParsePermission(*admin, *table, entry);
        if (!permission) {
          result.inconsistent_objects.push_back(
              PermissionInconsistency(*table, role, entry, i, j, k, permission.error().message));
          continue;
        }
        roles[role][{source, *name}] =
            std::make_shared<const SelectPermission>(std::move(permission).value());
      }
    }
  }
  for (const auto& [role, permissions] : roles) {
    result.roles.emplace(role, RoleModel(admin, permissions));
  }
  return result;
}

}  // namespace junction::schema

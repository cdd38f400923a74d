#include "ir/build_select_args.h"

#include "ir/permission_filter.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

namespace junction::ir {

namespace {

using Json = nlohmann::ordered_json;

Error Unexpected(const std::string& message, const std::string& path) {
  return Error(ErrorCode::kUnexpected, message, path);
}

// The operators of `<scalar>_comparison_exp`, by GraphQL name.
const std::map<std::string_view, CompareOp>& CompareOps() {
  static const std::map<std::string_view, CompareOp> ops{
      {"_eq", CompareOp::kEq},
      {"_neq", CompareOp::kNeq},
      {"_gt", CompareOp::kGt},
      {"_gte", CompareOp::kGte},
      {"_lt", CompareOp::kLt},
      {"_lte", CompareOp::kLte},
      {"_in", CompareOp::kIn},
      {"_nin", CompareOp::kNin},
      {"_is_null", CompareOp::kIsNull},
      {"_like", CompareOp::kLike},
      {"_nlike", CompareOp::kNlike},
      {"_ilike", CompareOp::kIlike},
      {"_nilike", CompareOp::kNilike},
      {"_similar", CompareOp::kSimilar},
      {"_nsimilar", CompareOp::kNsimilar},
      {"_regex", CompareOp::kRegex},
      {"_nregex", CompareOp::kNregex},
      {"_iregex", CompareOp::kIregex},
      {"_niregex", CompareOp::kNiregex},
      {"_contains", CompareOp::kContains},
      {"_contained_in", CompareOp::kContainedIn},
      {"_has_key", CompareOp::kHasKey},
      {"_has_keys_any", CompareOp::kHasKeysAny},
      {"_has_keys_all", CompareOp::kHasKeysAll},
  };
  return ops;
}

// {a, b} as a vector (BoolExp is move-only, so no initializer list).
std::vector<BoolExp> Operands(BoolExp a, BoolExp b) {
  std::vector<BoolExp> operands;
  operands.push_back(std::move(a));
  operands.push_back(std::move(b));
  return operands;
}

// The GraphQL type of an operator's argument, as Hasura names it in "unexpected null value".
std::string OperandType(CompareOp op, const schema::Column& column) {
  switch (op) {
    case CompareOp::kIn:
    case CompareOp::kNin:
      return "[" + column.scalar + "!]";
    case CompareOp::kIsNull:
      return "Boolean";
    case CompareOp::kHasKey:
      return "String";
    case CompareOp::kHasKeysAny:
    case CompareOp::kHasKeysAll:
      return "[String!]";
    default:
      return column.scalar;
  }
}

// `{_eq: 1, _lt: 5}` on `column` → the conjunction of its comparisons.
Result<BoolExp> BuildComparisons(const schema::Column& column, const Json& value,
                                 const std::string& path) {
  if (!value.is_object()) return Unexpected("expected an object of comparisons", path);
  And conjunction;
  for (const auto& [name, operand] : value.items()) {
    const auto op = CompareOps().find(name);
    if (op == CompareOps().end()) return Unexpected("unknown operator " + name, path + "." + name);
    if (operand.is_null()) {
      return Error(ErrorCode::kValidationFailed,
                   "unexpected null value for type '" + OperandType(op->second, column) + "'",
                   path + "." + name);
    }
    conjunction.operands.push_back(BoolExp{Compare{&column, op->second, operand}});
  }
  if (conjunction.operands.size() == 1) return std::move(conjunction.operands.front());
  return BoolExp{std::move(conjunction)};
}

// `_and` / `_or`: a list of bool_exps (a single object counts as a list of one).
Result<std::vector<BoolExp>> BuildOperands(const schema::Table& table, const Json& value,
                                           const std::string& path,
                                           const schema::Session& session) {
  std::vector<BoolExp> operands;
  if (!value.is_array()) {
    auto operand = BuildBoolExp(table, value, path, session);
    if (!operand) return operand.error();
    operands.push_back(std::move(*operand));
    return operands;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    auto operand = BuildBoolExp(table, value[i], path + "[" + std::to_string(i) + "]", session);
    if (!operand) return operand.error();
    operands.push_back(std::move(*operand));
  }
  return operands;
}

// One field of a bool_exp object.
Result<BoolExp> BuildBoolExpField(const schema::Table& table, const std::string& name,
                                  const Json& value, const std::string& path,
                                  const schema::Session& session) {
  if (name == "_and" || name == "_or") {
    auto operands = BuildOperands(table, value, path, session);
    if (!operands) return operands.error();
    if (name == "_and") return BoolExp{And{std::move(*operands)}};
    return BoolExp{Or{std::move(*operands)}};
  }
  if (name == "_not") {
    auto operand = BuildBoolExp(table, value, path, session);
    if (!operand) return operand.error();
    return BoolExp{Not{std::make_unique<BoolExp>(std::move(*operand))}};
  }
  if (const schema::Column* column = table.FindColumn(name)) {
    return BuildComparisons(*column, value, path);
  }
  if (const schema::Relationship* relationship = table.FindRelationship(name)) {
    // The target's rows the role may not see match nothing (Hasura ands the target's filter in).
    auto where = BuildBoolExp(*relationship->target, value, path, session);
    if (!where) return where.error();
    auto filter = PermissionFilter(*relationship->target, session);
    if (!filter) return filter.error();
    if (*filter) where = BoolExp{And{Operands(std::move(*where), std::move(**filter))}};
    return BoolExp{Exists{relationship, std::make_unique<BoolExp>(std::move(*where))}};
  }
  return Unexpected("field '" + name + "' not found in type: '" + table.graphql_name + "_bool_exp'",
                    path);
}

// The role's permission filter on `table`, shared by the sort keys that read it (null: none).
Result<std::shared_ptr<const BoolExp>> SharedFilter(const schema::Table& table,
                                                    const schema::Session& session) {
  auto filter = PermissionFilter(table, session);
  if (!filter) return filter.error();
  if (!*filter) return std::shared_ptr<const BoolExp>();
  return std::shared_ptr<const BoolExp>(std::make_shared<BoolExp>(std::move(**filter)));
}

// "asc", "desc_nulls_last", … → direction and nulls.
Result<OrderBy> ParseDirection(const Json& value, const std::string& path) {
  static const std::map<std::string, std::pair<Direction, Nulls>> directions{
      {"asc", {Direction::kAsc, Nulls::kLast}},
      {"asc_nulls_first", {Direction::kAsc, Nulls::kFirst}},
      {"asc_nulls_last", {Direction::kAsc, Nulls::kLast}},
      {"desc", {Direction::kDesc, Nulls::kFirst}},
      {"desc_nulls_first", {Direction::kDesc, Nulls::kFirst}},
      {"desc_nulls_last", {Direction::kDesc, Nulls::kLast}},
  };
  const auto it = value.is_string() ? directions.find(value.get<std::string>()) : directions.end();
  if (it == directions.end()) return Unexpected("expected an order_by direction", path);
  OrderBy order_by;
  order_by.direction = it->second.first;
  order_by.nulls = it->second.second;
  return order_by;
}

// `{count: desc, sum: {total: asc}}` on an array relationship → its sort keys.
Status AddAggregateOrderBy(const OrderBy& prefix, const schema::Relationship& relationship,
                           const Json& value, const std::string& json_path,
                           const schema::Session& session, std::vector<OrderBy>& out) {
  if (!value.is_object()) return Unexpected("expected an aggregate order_by", json_path);
  auto filter = SharedFilter(*relationship.target, session);
  if (!filter) return filter.error();
  for (const auto& [function, operand] : value.items()) {
    if (operand.is_null()) continue;
    const std::string function_path = json_path + "." + function;
    if (function == "count") {
      auto order_by = ParseDirection(operand, function_path);
      if (!order_by) return order_by.error();
      order_by->path = prefix.path;
      order_by->path_filters = prefix.path_filters;
      order_by->target = OrderByAggregate{&relationship, "count", nullptr, *filter};
      out.push_back(std::move(*order_by));
      continue;
    }
    if (!operand.is_object()) return Unexpected("expected columns", function_path);
    for (const auto& [name, direction] : operand.items()) {
      if (direction.is_null()) continue;
      const schema::Column* column = relationship.target->FindColumn(name);
      if (column == nullptr) return Unexpected("unknown column " + name, function_path);
      auto order_by = ParseDirection(direction, function_path + "." + name);
      if (!order_by) return order_by.error();
      order_by->path = prefix.path;
      order_by->path_filters = prefix.path_filters;
      order_by->target = OrderByAggregate{&relationship, function, column, *filter};
      out.push_back(std::move(*order_by));
    }
  }
  return {};
}

// One `<t>_order_by` object, reached through the object relationships of `prefix` (its path and
// their targets' permission filters).
Status AddOrderBy(const schema::Table& table, const OrderBy& prefix, const Json& value,
                  const std::string& json_path, const schema::Session& session,
                  std::vector<OrderBy>& out) {
  if (!value.is_object()) return Unexpected("expected an order_by object", json_path);
  for (const auto& [name, operand] : value.items()) {
    if (operand.is_null()) continue;
    const std::string field_path = json_path + "." + name;
    if (const schema::Column* column = table.FindColumn(name)) {
      auto order_by = ParseDirection(operand, field_path);
      if (!order_by) return order_by.error();
      order_by->path = prefix.path;
      order_by->path_filters = prefix.path_filters;
      order_by->target = column;
      out.push_back(std::move(*order_by));
      continue;
    }
    const schema::Relationship* relationship = table.FindRelationship(name);
    if (relationship == nullptr && name.ends_with("_aggregate")) {
      relationship = table.FindRelationship(name.substr(0, name.size() - 10));
    }
    if (relationship == nullptr) return Unexpected("unknown order_by field " + name, field_path);
    if (relationship->kind == schema::Relationship::Kind::kArray) {
      Status added = AddAggregateOrderBy(prefix, *relationship, operand, field_path, session, out);
      if (!added) return added;
      continue;
    }
    OrderBy nested;
    nested.path = prefix.path;
    nested.path.push_back(relationship);
    nested.path_filters = prefix.path_filters;
    auto filter = SharedFilter(*relationship->target, session);
    if (!filter) return filter.error();
    nested.path_filters.push_back(std::move(*filter));
    Status added = AddOrderBy(*relationship->target, nested, operand, field_path, session, out);
    if (!added) return added;
  }
  return {};
}

Result<std::vector<OrderBy>> BuildOrderBy(const schema::Table& table, const Json& value,
                                          const std::string& path, const schema::Session& session) {
  std::vector<OrderBy> order_by;
  if (value.is_null()) return order_by;
  if (!value.is_array()) {
    Status added = AddOrderBy(table, OrderBy{}, value, path, session, order_by);
    if (!added) return added.error();
    return order_by;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i].is_null()) continue;
    Status added = AddOrderBy(table, OrderBy{}, value[i], path + "[" + std::to_string(i) + "]",
                              session, order_by);
    if (!added) return added.error();
  }
  return order_by;
}

Result<std::vector<const schema::Column*>> BuildDistinctOn(const schema::Table& table,
                                                           const Json& value,
                                                           const std::string& path) {
  std::vector<const schema::Column*> columns;
  if (value.is_null()) return columns;
  const Json list = value.is_array() ? value : Json::array({value});
  for (const Json& name : list) {
    const schema::Column* column =
        name.is_string() ? table.FindColumn(name.get<std::string>()) : nullptr;
    if (column == nullptr) return Unexpected("unknown distinct_on column", path);
    columns.push_back(column);
  }
  return columns;
}

// Hasura's rule: the first n order_by keys are columns of the table itself and include every
// distinct_on column.
Status CheckDistinctOn(const SelectArgs& args, const std::string& path) {
  if (args.distinct_on.empty() || args.order_by.empty()) return {};
  const size_t n = args.distinct_on.size();
  std::vector<const schema::Column*> initial;
  for (size_t i = 0; i < n && i < args.order_by.size(); ++i) {
    const OrderBy& key = args.order_by[i];
    const auto* column = std::get_if<const schema::Column*>(&key.target);
    if (key.path.empty() && column != nullptr) initial.push_back(*column);
  }
  const bool valid = initial.size() == n &&
                     std::ranges::all_of(args.distinct_on, [&](const schema::Column* column) {
                       return std::ranges::find(initial, column) != initial.end();
                     });
  if (valid) return {};
  return Error(ErrorCode::kValidationFailed,
               "\"distinct_on\" columns must match initial \"order_by\" columns", path);
}

// limit / offset: a non-negative Int, or absent.
Result<std::optional<int64_t>> BuildCount(const Json& value, const std::string& path) {
  if (value.is_null()) return std::optional<int64_t>();
  if (!value.is_number_integer()) return Unexpected("expected an integer", path);
  const int64_t count = value.get<int64_t>();
  if (count < 0) return Error(ErrorCode::kNotSupported, "unexpected negative value", path);
  return std::optional<int64_t>(count);
}

}  // namespace

std::optional<CompareOp> CompareOpNamed(std::string_view name) {
  const auto op = CompareOps().find(name);
  if (op == CompareOps().end()) return std::nullopt;
  return op->second;
}

Result<BoolExp> BuildBoolExp(const schema::Table& table, const Json& value, const std::string& path,
                             const schema::Session& session) {
  if (value.is_null()) return BoolExp{And{}};
  if (!value.is_object()) return Unexpected("expected a boolean expression", path);
  And conjunction;
  for (const auto& [name, operand] : value.items()) {
    if (operand.is_null()) continue;
    auto exp = BuildBoolExpField(table, name, operand, path + "." + name, session);
    if (!exp) return exp.error();
    conjunction.operands.push_back(std::move(*exp));
  }
  if (conjunction.operands.size() == 1) return std::move(conjunction.operands.front());
  return BoolExp{std::move(conjunction)};
}

Result<SelectArgs> BuildSelectArgs(const schema::Table& table, const Json& arguments,
                                   const std::string& path, const schema::Session& session) {
  SelectArgs args;
  const Json null;
  const auto get = [&](const char* name) -> const Json& {
    const auto it = arguments.find(name);
    return it == arguments.end() ? null : *it;
  };
  if (!get("where").is_null()) {
    auto where = BuildBoolExp(table, get("where"), path + ".where", session);
    if (!where) return where.error();
    args.where = std::move(*where);
  }
  auto order_by = BuildOrderBy(table, get("order_by"), path + ".order_by", session);
  if (!order_by) return order_by.error();
  args.order_by = std::move(*order_by);
  auto limit = BuildCount(get("limit"), path + ".limit");
  if (!limit) return limit.error();
  args.limit = *limit;
  auto offset = BuildCount(get("offset"), path + ".offset");
  if (!offset) return offset.error();
  args.offset = *offset;
  auto distinct_on = BuildDistinctOn(table, get("distinct_on"), path + ".distinct_on");
  if (!distinct_on) return distinct_on.error();
  args.distinct_on = std::move(*distinct_on);
  Status checked = CheckDistinctOn(args, path);
  if (!checked) return checked.error();
  return args;
}

}  // namespace junction::ir

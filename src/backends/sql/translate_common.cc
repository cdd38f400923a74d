#include "backends/sql/translate_common.h"

#include <algorithm>
#include <utility>

namespace junction::backends::sql {

namespace {

Result<Expression> TranslateConjunction(bool is_and, const std::vector<ir::BoolExp>& operands,
                                        const std::string& alias, Aliases& aliases,
                                        CompareTranslator compare) {
  Conjunction conjunction{is_and, {}};
  for (const ir::BoolExp& operand : operands) {
    auto translated = TranslateBoolExp(operand, alias, aliases, compare);
    if (!translated) return translated.error();
    conjunction.operands.push_back(std::move(*translated));
  }
  return Expression{std::move(conjunction)};
}

// EXISTS (SELECT 1 FROM target AS "_tN" WHERE mapping AND where).
Result<Expression> TranslateExists(const ir::Exists& exists, const std::string& alias,
                                   Aliases& aliases, CompareTranslator compare) {
  const std::string child = aliases.Next("_t");
  auto where = TranslateBoolExp(*exists.where, child, aliases, compare);
  if (!where) return where.error();
  auto select = std::make_unique<Select>();
  select->items.push_back({Expression{Keyword{"1"}}, ""});
  select->from = TableItem(*exists.relationship->target, child);
  Conjunction condition{true, {}};
  condition.operands.push_back(JoinCondition(*exists.relationship, alias, child));
  condition.operands.push_back(std::move(*where));
  select->where = Expression{std::move(condition)};
  return Expression{Exists{std::move(select)}};
}

// EXISTS (SELECT 1 FROM table AS "_tN" WHERE where): `_exists` of a permission filter.
Result<Expression> TranslateExistsTable(const ir::ExistsTable& exists, Aliases& aliases,
                                        CompareTranslator compare) {
  const std::string child = aliases.Next("_t");
  auto where = TranslateBoolExp(*exists.where, child, aliases, compare);
  if (!where) return where.error();
  auto select = std::make_unique<Select>();
  select->items.push_back({Expression{Keyword{"1"}}, ""});
  select->from = TableItem(*exists.table, child);
  select->where = std::move(*where);
  return Expression{Exists{std::move(select)}};
}

// A remote relationship of a permission filter, its target's matching keys known (execute
// resolves them first): `column IN (keys)` for one join column, else a disjunction of the key
// tuples. No key: false.
Result<Expression> TranslateRemoteExists(const ir::RemoteExists& exists, const std::string& alias,
                                         Aliases& aliases, CompareTranslator compare) {
  if (!exists.keys->resolved) {
    return Error(ErrorCode::kUnexpected, "a remote permission filter was not resolved");
  }
  // A null join value equals nothing: a target row with one matches no row here.
  std::vector<const nlohmann::ordered_json*> rows;
  for (const nlohmann::ordered_json& row : exists.keys->rows) {
    if (std::ranges::none_of(row, [](const auto& value) { return value.is_null(); })) {
      rows.push_back(&row);
    }
  }
  ir::BoolExp keys{ir::Or{}};
  if (exists.columns.size() == 1 && !rows.empty()) {
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const nlohmann::ordered_json* row : rows) values.push_back(row->at(0));
    keys = ir::BoolExp{ir::Compare{exists.columns.front(), ir::CompareOp::kIn, std::move(values)}};
  } else {
    auto& tuples = std::get<ir::Or>(keys.node).operands;
    for (const nlohmann::ordered_json* row : rows) {
      ir::And tuple;
      for (size_t i = 0; i < exists.columns.size(); ++i) {
        tuple.operands.push_back(
            ir::BoolExp{ir::Compare{exists.columns[i], ir::CompareOp::kEq, row->at(i)}});
      }
      tuples.push_back(ir::BoolExp{std::move(tuple)});
    }
  }
  return TranslateBoolExp(keys, alias, aliases, compare);
}

// `where` with the permission filter `filter` anded in (when there is one), on `alias`.
Result<Expression> WithFilter(Expression where, const std::shared_ptr<const ir::BoolExp>& filter,
                              const std::string& alias, Aliases& aliases,
                              CompareTranslator compare) {
  if (filter == nullptr) return where;
  auto condition = TranslateBoolExp(*filter, alias, aliases, compare);
  if (!condition) return condition.error();
  Conjunction both{true, {}};
  both.operands.push_back(std::move(where));
  both.operands.push_back(std::move(*condition));
  return Expression{std::move(both)};
}

bool IsOwnColumn(const ir::OrderBy& key) {
  return key.path.empty() && std::holds_alternative<const schema::Column*>(key.target);
}

std::string SortKeyName(size_t i) { return "__o" + std::to_string(i); }

OrderByItem OrderItem(const ir::OrderBy& key, Expression expression) {
  return {std::make_unique<Expression>(std::move(expression)),
          key.direction == ir::Direction::kDesc, key.nulls == ir::Nulls::kFirst};
}

// (SELECT count(*) / fn("_tM"."col") FROM target AS "_tM" WHERE mapping [AND filter])
Result<Expression> AggregateSortKey(const ir::OrderByAggregate& aggregate, const std::string& alias,
                                    Aliases& aliases, const SortKeyTranslators& translators) {
  const std::string child = aliases.Next("_t");
  Expression value = MakeCall("count", Keyword{"*"});
  if (aggregate.function != "count") {
    auto function = translators.function(aggregate.function);
    if (!function) return function.error();
    value = MakeCall(*function, MakeColumn(child, aggregate.column->name));
  }
  auto where = WithFilter(JoinCondition(*aggregate.relationship, alias, child), aggregate.filter,
                          child, aliases, translators.compare);
  if (!where) return where.error();
  auto select = std::make_unique<Select>();
  select->items.push_back({std::move(value), ""});
  select->from = TableItem(*aggregate.relationship->target, child);
  select->where = std::move(*where);
  return Expression{Subquery{std::move(select)}};
}

// The value of a sort key for the row `alias`, following key.path from `depth`.
Result<Expression> SortKey(const ir::OrderBy& key, size_t depth, const std::string& alias,
                           Aliases& aliases, const SortKeyTranslators& translators) {
  if (depth == key.path.size()) {
    if (const auto* column = std::get_if<const schema::Column*>(&key.target)) {
      return MakeColumn(alias, (*column)->name);
    }
    return AggregateSortKey(std::get<ir::OrderByAggregate>(key.target), alias, aliases,
                            translators);
  }
  const schema::Relationship& relationship = *key.path[depth];
  const std::string child = aliases.Next("_t");
  auto value = SortKey(key, depth + 1, child, aliases, translators);
  if (!value) return value.error();
  const std::shared_ptr<const ir::BoolExp> no_filter;
  auto where = WithFilter(JoinCondition(relationship, alias, child),
                          depth < key.path_filters.size() ? key.path_filters[depth] : no_filter,
                          child, aliases, translators.compare);
  if (!where) return where.error();
  auto select = std::make_unique<Select>();
  select->items.push_back({std::move(*value), ""});
  select->from = TableItem(*relationship.target, child);
  select->where = std::move(*where);
  select->limit = Expression{Keyword{"1"}};
  return Expression{Subquery{std::move(select)}};
}

}  // namespace

FromItem TableItem(const schema::Table& table, std::string alias) {
  return FromItem{Table{table.name.schema, table.name.name}, std::move(alias)};
}

Expression JoinCondition(const schema::Relationship& relationship, const std::string& parent,
                         const std::string& child) {
  std::vector<Expression> parent_values;
  for (const auto& pair : relationship.mapping) {
    parent_values.push_back(MakeColumn(parent, pair.first));
  }
  return JoinCondition(relationship, child, std::move(parent_values));
}

Expression JoinCondition(const schema::Relationship& relationship, const std::string& child,
                         std::vector<Expression> parent_values) {
  Conjunction condition{true, {}};
  for (size_t i = 0; i < relationship.mapping.size(); ++i) {
    condition.operands.push_back(MakeBinary("=", MakeColumn(child, relationship.mapping[i].second),
                                            std::move(parent_values[i])));
  }
  if (condition.operands.size() == 1) return std::move(condition.operands.front());
  return Expression{std::move(condition)};
}

Error UnknownAggregateFunction(const std::string& name) {
  return Error(ErrorCode::kUnexpected, "unknown aggregate function " + name);
}

const char* OrderingOperator(ir::CompareOp op) {
  switch (op) {
    case ir::CompareOp::kEq:
      return "=";
    case ir::CompareOp::kNeq:
      return "<>";
    case ir::CompareOp::kGt:
      return ">";
    case ir::CompareOp::kGte:
      return ">=";
    case ir::CompareOp::kLt:
      return "<";
    case ir::CompareOp::kLte:
      return "<=";
    default:
      return nullptr;
  }
}

Result<Expression> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                    Aliases& aliases, CompareTranslator compare) {
  if (const auto* conjunction = std::get_if<ir::And>(&exp.node)) {
    return TranslateConjunction(true, conjunction->operands, alias, aliases, compare);
  }
  if (const auto* disjunction = std::get_if<ir::Or>(&exp.node)) {
    return TranslateConjunction(false, disjunction->operands, alias, aliases, compare);
  }
  if (const auto* negation = std::get_if<ir::Not>(&exp.node)) {
    auto operand = TranslateBoolExp(*negation->operand, alias, aliases, compare);
    if (!operand) return operand.error();
    return Expression{Not{std::make_unique<Expression>(std::move(*operand))}};
  }
  if (const auto* comparison = std::get_if<ir::Compare>(&exp.node)) {
    return compare(*comparison, alias, aliases);
  }
  if (const auto* exists = std::get_if<ir::Exists>(&exp.node)) {
    return TranslateExists(*exists, alias, aliases, compare);
  }
  if (const auto* exists = std::get_if<ir::ExistsTable>(&exp.node)) {
    return TranslateExistsTable(*exists, aliases, compare);
  }
  return TranslateRemoteExists(std::get<ir::RemoteExists>(exp.node), alias, aliases, compare);
}

Status AddSortKeys(const ir::SelectArgs& args, const std::string& alias, Select& base,
                   Aliases& aliases, const SortKeyTranslators& translators) {
  for (size_t i = 0; i < args.order_by.size(); ++i) {
    const ir::OrderBy& key = args.order_by[i];
    auto expression = SortKey(key, 0, alias, aliases, translators);
    if (!expression) return expression.error();
    if (!IsOwnColumn(key)) {
      base.items.push_back({std::move(*expression), SortKeyName(i)});
      expression = MakeColumn("", SortKeyName(i));
    }
    base.order_by.push_back(OrderItem(key, std::move(*expression)));
  }
  return {};
}

std::vector<OrderByItem> RowOrder(const ir::SelectArgs& args, const std::string& alias) {
  std::vector<OrderByItem> order;
  for (size_t i = 0; i < args.order_by.size(); ++i) {
    const ir::OrderBy& key = args.order_by[i];
    const std::string name =
        IsOwnColumn(key) ? std::get<const schema::Column*>(key.target)->name : SortKeyName(i);
    order.push_back(OrderItem(key, MakeColumn(alias, name)));
  }
  return order;
}

std::string KeysJson(const std::vector<std::vector<std::string_view>>& arguments, size_t begin,
                     size_t end) {
  std::string json = "[";
  for (size_t i = begin; i < end && i < arguments.size(); ++i) {
    if (i > begin) json += ',';
    json += '[';
    json += std::to_string(i);
    for (const std::string_view value : arguments[i]) {
      json += ',';
      json += value;
    }
    json += ']';
  }
  return json + "]";
}

}  // namespace junction::backends::sql

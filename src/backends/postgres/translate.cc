#include "backends/postgres/translate.h"

#include <string_view>
#include <utility>

#include "backends/postgres/translate_internal.h"
#include "backends/sql/printer.h"
#include "schema/aggregate_functions.h"

namespace junction::backends::postgres {

namespace {

using sql::Expression;

constexpr std::string_view kJson = "__j";        // the JSON a lateral subquery answers
constexpr std::string_view kRowAlias = "__e";    // the row of row_to_json
constexpr size_t kMaxJsonBuildObjectPairs = 50;  // Postgres functions take at most 100 arguments
constexpr size_t kMaxIdentifierBytes = 63;       // NAMEDATALEN - 1: longer aliases are truncated

Error UnknownFunction(const std::string& name) {
  return Error(ErrorCode::kUnexpected, "unknown aggregate function " + name);
}

sql::FromItem TableItem(const schema::Table& table, std::string alias) {
  return sql::FromItem{sql::Table{table.name.schema, table.name.name}, std::move(alias)};
}

Expression EmptyJson(std::string_view text) {
  return Expression{sql::Cast{sql::Box(sql::StringLiteral{std::string(text)}), {"", "json"}}};
}

// The rows of a level are joined to their parent through a relationship.
struct Correlation {
  const schema::Relationship* relationship = nullptr;
  std::string parent;
};

// Builds the SQL tree of one root field. Every table a level reads is aliased `_t<n>` in a base
// subquery that filters, sorts and limits it, and keeps that alias outside so that column
// references read the same at both levels; relationships join to it as `_r<n>`.
class Translator {
 public:
  Result<sql::Select> Root(const ir::RootField& field) {
    switch (field.kind) {
      case ir::RootField::Kind::kSelect:
        return Rows(field.select, nullptr, "root");
      case ir::RootField::Kind::kSelectByPk: {
        auto object = SingleObject(field.select, nullptr);
        if (!object) return object.error();
        sql::Select select;
        select.items.push_back(
            {sql::MakeCall("coalesce",
                           sql::Subquery{std::make_unique<sql::Select>(std::move(*object))},
                           EmptyJson("null")),
             "root"});
        return select;
      }
      case ir::RootField::Kind::kSelectAggregate:
        return Aggregate(field.aggregate, nullptr, "root");
    }
    return Error(ErrorCode::kUnexpected, "unknown root field kind");
  }

 private:
  // SELECT … FROM (SELECT "_tN".*, <sort keys> FROM table AS "_tN" WHERE … ORDER BY … LIMIT …)
  // AS "_tN": the caller adds the items and lateral joins. `single` limits to one row.
  Result<sql::Select> Level(const schema::Table& table, const ir::SelectArgs& args,
                            const Correlation* correlation, bool single, std::string& alias) {
    alias = aliases_.Next("_t");
    auto base = std::make_unique<sql::Select>();
    base->items.push_back({Expression{sql::AllColumns{alias}}, ""});
    base->from = TableItem(table, alias);
    sql::Conjunction where{true, {}};
    if (correlation != nullptr) {
      where.operands.push_back(
          JoinCondition(*correlation->relationship, correlation->parent, alias));
    }
    if (args.where) {
      auto condition = TranslateBoolExp(*args.where, alias, aliases_);
      if (!condition) return condition.error();
      where.operands.push_back(std::move(*condition));
    }
    if (!where.operands.empty()) base->where = Expression{std::move(where)};
    for (const schema::Column* column : args.distinct_on) {
      base->distinct_on.push_back(sql::MakeColumn(alias, column->name));
    }
    Status sorted = AddSortKeys(args, alias, *base);
    if (!sorted) return sorted.error();
    if (args.limit) base->limit = Count(*args.limit);
    if (single) base->limit = Expression{sql::Keyword{"1"}};
    if (args.offset) base->offset = Count(*args.offset);
    sql::Select select;
    select.from = sql::FromItem{std::move(base), alias};
    return select;
  }

  static Expression Count(int64_t count) {
    return Expression{sql::Parameter{std::to_string(count), {"", "int8"}}};
  }

  // ORDER BY of the base subquery; keys other than the table's own columns are computed there
  // as `__o<i>`.
  Status AddSortKeys(const ir::SelectArgs& args, const std::string& alias, sql::Select& base) {
    for (size_t i = 0; i < args.order_by.size(); ++i) {
      const ir::OrderBy& key = args.order_by[i];
      auto expression = SortKey(key, 0, alias);
      if (!expression) return expression.error();
      if (!IsOwnColumn(key)) {
        base.items.push_back({std::move(*expression), SortKeyName(i)});
        expression = sql::MakeColumn("", SortKeyName(i));
      }
      base.order_by.push_back(OrderItem(key, std::move(*expression)));
    }
    return {};
  }

  static bool IsOwnColumn(const ir::OrderBy& key) {
    return key.path.empty() && std::holds_alternative<const schema::Column*>(key.target);
  }
  static std::string SortKeyName(size_t i) { return "__o" + std::to_string(i); }

  static sql::OrderByItem OrderItem(const ir::OrderBy& key, Expression expression) {
    return {std::make_unique<Expression>(std::move(expression)),
            key.direction == ir::Direction::kDesc, key.nulls == ir::Nulls::kFirst};
  }

  // The sort keys of a level's rows, read from outside its base subquery.
  static std::vector<sql::OrderByItem> RowOrder(const ir::SelectArgs& args,
                                                const std::string& alias) {
    std::vector<sql::OrderByItem> order;
    for (size_t i = 0; i < args.order_by.size(); ++i) {
      const ir::OrderBy& key = args.order_by[i];
      const std::string name =
          IsOwnColumn(key) ? std::get<const schema::Column*>(key.target)->name : SortKeyName(i);
      order.push_back(OrderItem(key, sql::MakeColumn(alias, name)));
    }
    return order;
  }

  // The value of a sort key for the row `alias`, following key.path from `depth`.
  Result<Expression> SortKey(const ir::OrderBy& key, size_t depth, const std::string& alias) {
    if (depth == key.path.size()) {
      if (const auto* column = std::get_if<const schema::Column*>(&key.target)) {
        return sql::MakeColumn(alias, (*column)->name);
      }
      return AggregateSortKey(std::get<ir::OrderByAggregate>(key.target), alias);
    }
    const schema::Relationship& relationship = *key.path[depth];
    const std::string child = aliases_.Next("_t");
    auto value = SortKey(key, depth + 1, child);
    if (!value) return value.error();
    auto select = std::make_unique<sql::Select>();
    select->items.push_back({std::move(*value), ""});
    select->from = TableItem(*relationship.target, child);
    select->where = JoinCondition(relationship, alias, child);
    select->limit = Expression{sql::Keyword{"1"}};
    return Expression{sql::Subquery{std::move(select)}};
  }

  // (SELECT count(*) / fn("_tM"."col") FROM target AS "_tM" WHERE mapping)
  Result<Expression> AggregateSortKey(const ir::OrderByAggregate& aggregate,
                                      const std::string& alias) {
    const std::string child = aliases_.Next("_t");
    Expression value = sql::MakeCall("count", sql::Keyword{"*"});
    if (aggregate.function != "count") {
      if (!schema::IsAggregateFunction(aggregate.function))
        return UnknownFunction(aggregate.function);
      value = sql::MakeCall(aggregate.function, sql::MakeColumn(child, aggregate.column->name));
    }
    auto select = std::make_unique<sql::Select>();
    select->items.push_back({std::move(value), ""});
    select->from = TableItem(*aggregate.relationship->target, child);
    select->where = JoinCondition(*aggregate.relationship, alias, child);
    return Expression{sql::Subquery{std::move(select)}};
  }

  // The JSON array of a level's rows: coalesce(json_agg(<object> ORDER BY …), '[]').
  Result<sql::Select> Rows(const ir::Select& rows, const Correlation* correlation,
                           std::string output) {
    std::string alias;
    auto select = Level(*rows.table, rows.args, correlation, false, alias);
    if (!select) return select.error();
    auto array = JsonArray(rows.fields, rows.args, alias, *select);
    if (!array) return array.error();
    select->items.push_back({std::move(*array), std::move(output)});
    return select;
  }

  Result<Expression> JsonArray(const std::vector<ir::Field>& fields, const ir::SelectArgs& args,
                               const std::string& alias, sql::Select& select) {
    auto object = Object(fields, alias, select);
    if (!object) return object.error();
    Expression agg = sql::MakeCall("json_agg", std::move(*object));
    std::get<sql::Call>(agg.node).order_by = RowOrder(args, alias);
    return sql::MakeCall("coalesce", std::move(agg), EmptyJson("[]"));
  }

  // The object of the one row the level selects (an object relationship, a by_pk root field).
  Result<sql::Select> SingleObject(const ir::Select& row, const Correlation* correlation) {
    std::string alias;
    auto select = Level(*row.table, row.args, correlation, correlation != nullptr, alias);
    if (!select) return select.error();
    auto object = Object(row.fields, alias, *select);
    if (!object) return object.error();
    select->items.push_back({std::move(*object), std::string(kJson)});
    return select;
  }

  // json_build_object('alias', value, …) for the row `alias`; relationships become lateral joins
  // of `select`.
  Result<Expression> Object(const std::vector<ir::Field>& fields, const std::string& alias,
                            sql::Select& select) {
    std::vector<std::pair<std::string, Expression>> pairs;
    for (const ir::Field& field : fields) {
      auto value = FieldValue(field, alias, select);
      if (!value) return value.error();
      pairs.emplace_back(field.alias, std::move(*value));
    }
    return BuildObject(std::move(pairs));
  }

  // Up to 50 pairs: json_build_object. Beyond (Postgres takes at most 100 arguments):
  // row_to_json of a row whose columns are named by the keys, which keeps their order; a key is
  // then an SQL alias, so one longer than 63 bytes is refused rather than truncated.
  static Result<Expression> BuildObject(std::vector<std::pair<std::string, Expression>> pairs) {
    if (pairs.size() <= kMaxJsonBuildObjectPairs) {
      Expression object = sql::MakeCall("json_build_object");
      for (auto& [key, value] : pairs) {
        std::get<sql::Call>(object.node).args.push_back(Expression{sql::StringLiteral{key}});
        std::get<sql::Call>(object.node).args.push_back(std::move(value));
      }
      return object;
    }
    for (const auto& pair : pairs) {
      if (pair.first.size() > kMaxIdentifierBytes) {
        return Error(ErrorCode::kNotSupported,
                     "a selection of more than 50 fields cannot have a field alias longer than "
                     "63 bytes: " +
                         pair.first);
      }
    }
    auto row = std::make_unique<sql::Select>();
    for (auto& [key, value] : pairs) row->items.push_back({std::move(value), key});
    auto select = std::make_unique<sql::Select>();
    select->items.push_back({sql::MakeColumn("", std::string(kRowAlias)), ""});
    select->from = sql::FromItem{std::move(row), std::string(kRowAlias)};
    return sql::MakeCall("row_to_json", sql::Subquery{std::move(select)});
  }

  Result<Expression> FieldValue(const ir::Field& field, const std::string& alias,
                                sql::Select& select) {
    if (const auto* column = std::get_if<ir::ColumnField>(&field.value)) {
      return sql::MakeColumn(alias, column->column->name);
    }
    if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
      return Expression{sql::StringLiteral{type->name}};
    }
    Result<sql::Select> joined = Error(ErrorCode::kUnexpected, "unknown field");
    if (const auto* object = std::get_if<ir::ObjectRelation>(&field.value)) {
      const Correlation correlation{object->relationship, alias};
      joined = SingleObject(object->select, &correlation);
    } else if (const auto* array = std::get_if<ir::ArrayRelation>(&field.value)) {
      const Correlation correlation{array->relationship, alias};
      joined = Rows(array->select, &correlation, std::string(kJson));
    } else if (const auto* aggregate = std::get_if<ir::ArrayAggregate>(&field.value)) {
      const Correlation correlation{aggregate->relationship, alias};
      joined = Aggregate(aggregate->select, &correlation, std::string(kJson));
    }
    if (!joined) return joined.error();
    const std::string join_alias = aliases_.Next("_r");
    select.left_lateral_joins.push_back(
        sql::FromItem{std::make_unique<sql::Select>(std::move(*joined)), join_alias});
    return sql::MakeColumn(join_alias, std::string(kJson));
  }

  // `<t>_aggregate`: one object over the level's rows.
  Result<sql::Select> Aggregate(const ir::AggregateSelect& aggregate,
                                const Correlation* correlation, std::string output) {
    std::string alias;
    auto select = Level(*aggregate.table, aggregate.args, correlation, false, alias);
    if (!select) return select.error();
    std::vector<std::pair<std::string, Expression>> pairs;
    for (const ir::AggregateField& field : aggregate.fields) {
      Result<Expression> value = Error(ErrorCode::kUnexpected, "unknown aggregate field");
      if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
        value = Expression{sql::StringLiteral{type->name}};
      } else if (const auto* functions = std::get_if<ir::AggregateFunctions>(&field.value)) {
        value = Functions(*functions, alias);
      } else {
        value = JsonArray(std::get<ir::Nodes>(field.value).fields, aggregate.args, alias, *select);
      }
      if (!value) return value.error();
      pairs.emplace_back(field.alias, std::move(*value));
    }
    auto object = BuildObject(std::move(pairs));
    if (!object) return object.error();
    select->items.push_back({std::move(*object), std::move(output)});
    return select;
  }

  // `aggregate { count sum { … } … }` over the rows `alias`.
  static Result<Expression> Functions(const ir::AggregateFunctions& functions,
                                      const std::string& alias) {
    std::vector<std::pair<std::string, Expression>> pairs;
    for (const ir::AggregateFunctionField& field : functions.fields) {
      if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
        pairs.emplace_back(field.alias, Expression{sql::StringLiteral{type->name}});
      } else if (const auto* count = std::get_if<ir::AggregateCount>(&field.value)) {
        pairs.emplace_back(field.alias, CountOf(*count, alias));
      } else {
        auto op = Operator(std::get<ir::AggregateOperator>(field.value), alias);
        if (!op) return op.error();
        pairs.emplace_back(field.alias, std::move(*op));
      }
    }
    return BuildObject(std::move(pairs));
  }

  // count(*), count("c"), count(DISTINCT ("a", "b")).
  static Expression CountOf(const ir::AggregateCount& count, const std::string& alias) {
    if (count.columns.empty()) return sql::MakeCall("count", sql::Keyword{"*"});
    Expression argument = sql::MakeColumn(alias, count.columns.front()->name);
    if (count.columns.size() > 1) {
      sql::Row row;
      for (const schema::Column* column : count.columns) {
        row.elements.push_back(sql::MakeColumn(alias, column->name));
      }
      argument = Expression{std::move(row)};
    }
    Expression call = sql::MakeCall("count", std::move(argument));
    std::get<sql::Call>(call.node).distinct = count.distinct;
    return call;
  }

  // `sum { a b }` → json_build_object('a', sum("_t1"."a"), 'b', sum("_t1"."b")).
  static Result<Expression> Operator(const ir::AggregateOperator& op, const std::string& alias) {
    if (!schema::IsAggregateFunction(op.function)) return UnknownFunction(op.function);
    std::vector<std::pair<std::string, Expression>> pairs;
    for (const ir::AggregateColumnField& field : op.fields) {
      if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
        pairs.emplace_back(field.alias, Expression{sql::StringLiteral{type->name}});
        continue;
      }
      const schema::Column* column = std::get<const schema::Column*>(field.value);
      pairs.emplace_back(field.alias,
                         sql::MakeCall(op.function, sql::MakeColumn(alias, column->name)));
    }
    return BuildObject(std::move(pairs));
  }

  Aliases aliases_;
};

}  // namespace

Result<sql::Statement> Translate(const ir::RootField& field) {
  Translator translator;
  auto select = translator.Root(field);
  if (!select) return select.error();
  return sql::Print(*select);
}

}  // namespace junction::backends::postgres

#include "backends/sqlite/translate.h"

#include <string_view>
#include <utility>

#include "backends/sql/printer.h"
#include "backends/sqlite/translate_internal.h"

namespace junction::backends::sqlite {

namespace {

using sql::Expression;

constexpr std::string_view kJson = "__j";  // the JSON a subquery answers
constexpr std::string_view kRank = "__n";  // row_number() per distinct_on key
// json_object takes at most 127 arguments (SQLITE_MAX_FUNCTION_ARG); so does json_set.
constexpr size_t kMaxPairsPerCall = 63;

// json(x): the JSON text of a subquery (or a text) read as JSON, not quoted as a string.
Expression Json(Expression text) { return sql::MakeCall("json", std::move(text)); }

Expression Scalar(sql::Select select) {
  return Expression{sql::Subquery{std::make_unique<sql::Select>(std::move(select))}};
}

// A boolean stored 0/1 as JSON true/false (NULL stays NULL):
//   json(CASE WHEN v THEN 'true' WHEN NOT (v) THEN 'false' END), `value()` building v each time.
template <typename MakeValue>
Expression BooleanJson(MakeValue value) {
  sql::Case flag;
  flag.whens.push_back({sql::Box(value()), sql::Box(sql::StringLiteral{"true"})});
  flag.whens.push_back(
      {sql::Box(sql::Not{sql::Box(value())}), sql::Box(sql::StringLiteral{"false"})});
  return Json(Expression{std::move(flag)});
}

bool IsBoolean(const schema::Column& column) {
  return column.scalar_kind == schema::PgScalar::Kind::kBoolean;
}

// A number that may be a REAL, written exactly (functions.h, junction_number): SQLite's JSON
// writer keeps 15 significant digits only.
Expression ExactNumber(Expression value) {
  return sql::MakeCall("junction_number", std::move(value));
}

// A column's value in a JSON object.
Expression ColumnValue(const schema::Column& column, const std::string& alias) {
  const auto value = [&] { return sql::MakeColumn(alias, column.name); };
  if (IsBoolean(column)) return BooleanJson(value);
  if (column.scalar_kind == schema::PgScalar::Kind::kReal) return ExactNumber(value());
  return value();
}

// The first element of a remote join's key tuple, `"_k"."value" ->> 0`: the argument id.
Expression ArgumentId(const std::string& keys) {
  return sql::MakeBinary("->>", sql::MakeColumn(keys, "value"), Expression{sql::Keyword{"0"}});
}

// The rows of a level are joined to their parent (sql::Correlation): with `keys`, to the key tuple
// of a remote join's json_each row.
using sql::Correlation;

// Builds the SQL tree of one root field. Every table a level reads is aliased `_t<n>` in a base
// subquery that filters, sorts and limits it, and keeps that alias outside so that column
// references read the same at both levels. Each relationship is a correlated scalar subquery in
// the object of its parent row, evaluated only for the rows the level returns.
class Translator {
 public:
  Result<sql::Select> Root(const ir::RootField& field) {
    switch (field.kind) {
      case ir::RootField::Kind::kSelect:
        return Rows(field.select, nullptr);
      case ir::RootField::Kind::kSelectByPk: {
        auto object = SingleObject(field.select, nullptr);
        if (!object) return object.error();
        sql::Select select;
        select.items.push_back(
            {sql::MakeCall("coalesce", Scalar(std::move(*object)), sql::StringLiteral{"null"}),
             "root"});
        return select;
      }
      case ir::RootField::Kind::kSelectAggregate:
        return Aggregate(field.aggregate, nullptr);
    }
    return Error(ErrorCode::kUnexpected, "unknown root field kind");
  }

  // TranslateRemoteJoin (translate.h): for each key tuple, the value a local relationship would
  // have, as a correlated subquery (SQLite joins by nested loops anyway, and this way an array's
  // limit, offset and distinct_on, and aggregates, apply per argument for free):
  //   SELECT coalesce(json_group_array(json_array("_k1"."value" ->> 0, json((SELECT …
  //          WHERE "_t2"."id" = ("_k1"."value" ->> 1) …)))), '[]') FROM json_each(?1) AS "_k1"
  Result<sql::Select> RemoteJoin(const ir::Field& field) {
    const std::string keys = aliases_.Next("_k");
    const schema::Relationship* relationship = ir::RelationshipOf(field);
    if (relationship == nullptr) {
      return Error(ErrorCode::kUnexpected, "a remote join of a field that is no relationship");
    }
    const Correlation correlation{relationship, keys, true};
    Result<sql::Select> value = Error(ErrorCode::kUnexpected, "unknown relationship field");
    if (const auto* object = std::get_if<ir::ObjectRelation>(&field.value)) {
      value = SingleObject(object->select, &correlation);
    } else if (const auto* array = std::get_if<ir::ArrayRelation>(&field.value)) {
      value = Rows(array->select, &correlation);
    } else if (const auto* aggregate = std::get_if<ir::ArrayAggregate>(&field.value)) {
      value = Aggregate(aggregate->select, &correlation);
    }
    if (!value) return value.error();
    Expression pair =
        sql::MakeCall("json_array", ArgumentId(keys), Json(Scalar(std::move(*value))));
    sql::Select select;
    select.items.push_back(
        {sql::MakeCall("coalesce", sql::MakeCall("json_group_array", std::move(pair)),
                       sql::StringLiteral{"[]"}),
         "root"});
    Expression each =
        sql::MakeCall("json_each", sql::Parameter{std::nullopt, {"", "TEXT"}, size_t{0}});
    select.from = sql::FromItem{sql::RecordSet{sql::Box(std::move(each)), {}}, keys};
    return select;
  }

 private:
  // SELECT … FROM (SELECT "_tN".*, <sort keys> FROM table AS "_tN" WHERE … ORDER BY … LIMIT …)
  // AS "_tN": the caller adds the items. `single` limits to one row. With distinct_on, the base
  // ranks its rows per key (row_number() OVER (PARTITION BY … ORDER BY <order_by>)) in one more
  // subquery and keeps the first of each; SQLite has no DISTINCT ON.
  Result<sql::Select> Level(const schema::Table& table, const ir::SelectArgs& args,
                            const Correlation* correlation, bool single, std::string& alias) {
    alias = aliases_.Next("_t");
    auto base = std::make_unique<sql::Select>();
    base->items.push_back({Expression{sql::AllColumns{alias}}, ""});
    base->from = sql::TableItem(table, alias);
    sql::Conjunction where{true, {}};
    if (correlation != nullptr) {
      where.operands.push_back(
          JoinCondition(*correlation->relationship, correlation->parent, alias, correlation->keys));
    }
    if (args.where) {
      auto condition = TranslateBoolExp(*args.where, alias, aliases_);
      if (!condition) return condition.error();
      where.operands.push_back(std::move(*condition));
    }
    if (!where.operands.empty()) base->where = Expression{std::move(where)};
    Status sorted = sql::AddSortKeys(args, alias, *base, aliases_, SortKeyTranslators());
    if (!sorted) return sorted.error();
    if (!args.distinct_on.empty()) {
      base->order_by.clear();
      sql::WindowCall rank{sql::Box(sql::MakeCall("row_number")), {}, sql::RowOrder(args, alias)};
      for (const schema::Column* column : args.distinct_on) {
        rank.partition_by.push_back(sql::MakeColumn(alias, column->name));
      }
      auto ranked = std::make_unique<sql::Select>();
      ranked->items.push_back({Expression{sql::AllColumns{alias}}, ""});
      ranked->items.push_back({Expression{std::move(rank)}, std::string(kRank)});
      ranked->from = sql::FromItem{std::move(base), alias};
      base = std::make_unique<sql::Select>();
      base->items.push_back({Expression{sql::AllColumns{alias}}, ""});
      base->from = sql::FromItem{std::move(ranked), alias};
      base->where = sql::MakeBinary("=", sql::MakeColumn(alias, std::string(kRank)),
                                    Expression{sql::Keyword{"1"}});
      base->order_by = sql::RowOrder(args, alias);
    }
    if (args.limit) base->limit = IntegerParameter(*args.limit);
    if (single) base->limit = Expression{sql::Keyword{"1"}};
    if (args.offset) {
      if (!base->limit) base->limit = Expression{sql::Keyword{"-1"}};  // OFFSET needs a LIMIT
      base->offset = IntegerParameter(*args.offset);
    }
    sql::Select select;
    select.from = sql::FromItem{std::move(base), alias};
    return select;
  }

  // The JSON array of a level's rows: json_group_array over the ordered base subquery, which
  // keeps its order (SQLite keeps a FROM subquery's ORDER BY under an aggregate other than
  // count/min/max, and the subquery is not flattened into an aggregate). `[]` when no row.
  Result<sql::Select> Rows(const ir::Select& rows, const Correlation* correlation) {
    std::string alias;
    auto select = Level(*rows.table, rows.args, correlation, false, alias);
    if (!select) return select.error();
    auto object = Object(rows.fields, alias);
    if (!object) return object.error();
    select->items.push_back(
        {sql::MakeCall("json_group_array", std::move(*object)), ResultName(correlation)});
    return select;
  }

  // The object of the one row the level selects (an object relationship, a by_pk root field).
  Result<sql::Select> SingleObject(const ir::Select& row, const Correlation* correlation) {
    std::string alias;
    auto select = Level(*row.table, row.args, correlation, correlation != nullptr, alias);
    if (!select) return select.error();
    auto object = Object(row.fields, alias);
    if (!object) return object.error();
    select->items.push_back({std::move(*object), std::string(kJson)});
    return select;
  }

  static std::string ResultName(const Correlation* correlation) {
    return correlation == nullptr ? "root" : std::string(kJson);
  }

  // The object of the row `alias`, keys in query order.
  Result<Expression> Object(const std::vector<ir::Field>& fields, const std::string& alias) {
    std::vector<std::pair<std::string, Expression>> pairs;
    for (const ir::Field& field : fields) {
      auto value = FieldValue(field, alias);
      if (!value) return value.error();
      pairs.emplace_back(field.alias, std::move(*value));
    }
    return BuildObject(std::move(pairs));
  }

  // Up to 63 pairs: json_object. Beyond (it takes at most 127 arguments): json_set of the first
  // object with up to 63 more pairs per call, each `'$."key"', value`, which appends the keys in
  // order and keeps nulls (json_patch would drop them). GraphQL aliases are names, so a key never
  // needs escaping in a path; one that would is refused.
  static Result<Expression> BuildObject(std::vector<std::pair<std::string, Expression>> pairs) {
    Expression object = sql::MakeCall("json_object");
    size_t i = 0;
    for (; i < pairs.size() && i < kMaxPairsPerCall; ++i) {
      auto& args = std::get<sql::Call>(object.node).args;
      args.push_back(Expression{sql::StringLiteral{pairs[i].first}});
      args.push_back(std::move(pairs[i].second));
    }
    while (i < pairs.size()) {
      Expression set = sql::MakeCall("json_set", std::move(object));
      auto& args = std::get<sql::Call>(set.node).args;
      for (size_t n = 0; i < pairs.size() && n < kMaxPairsPerCall; ++i, ++n) {
        const std::string& key = pairs[i].first;
        if (key.find_first_of("\"\\") != std::string::npos) {
          return Error(ErrorCode::kNotSupported,
                       "a selection of more than 63 fields cannot have the field alias " + key);
        }
        args.push_back(Expression{sql::StringLiteral{"$.\"" + key + "\""}});
        args.push_back(std::move(pairs[i].second));
      }
      object = std::move(set);
    }
    return object;
  }

  Result<Expression> FieldValue(const ir::Field& field, const std::string& alias) {
    if (const auto* column = std::get_if<ir::ColumnField>(&field.value)) {
      return ColumnValue(*column->column, alias);
    }
    if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
      return Expression{sql::StringLiteral{type->name}};
    }
    if (std::holds_alternative<ir::JoinPlaceholder>(field.value)) {
      return Expression{sql::Keyword{"NULL"}};
    }
    const schema::Relationship* relationship = ir::RelationshipOf(field);
    if (relationship != nullptr && relationship->remote) {
      return Error(ErrorCode::kUnexpected,
                   "remote relationship \"" + field.alias + "\" was not cut out of the query");
    }
    const Correlation correlation{relationship, alias};
    Result<sql::Select> joined = Error(ErrorCode::kUnexpected, "unknown field");
    if (const auto* object = std::get_if<ir::ObjectRelation>(&field.value)) {
      joined = SingleObject(object->select, &correlation);
    } else if (const auto* array = std::get_if<ir::ArrayRelation>(&field.value)) {
      joined = Rows(array->select, &correlation);
    } else if (const auto* aggregate = std::get_if<ir::ArrayAggregate>(&field.value)) {
      joined = Aggregate(aggregate->select, &correlation);
    }
    if (!joined) return joined.error();
    return Json(Scalar(std::move(*joined)));
  }

  // `nodes` of an aggregate: the JSON array of its rows `alias`, or, when a permission limit caps
  // the nodes only, of its own rows read with `nodes_args`.
  Result<Expression> Nodes(const ir::Nodes& nodes, const ir::AggregateSelect& aggregate,
                           const Correlation* correlation, const std::string& alias) {
    std::string own = alias;
    std::optional<sql::Select> level;
    if (aggregate.nodes_args) {
      auto limited = Level(*aggregate.table, *aggregate.nodes_args, correlation, false, own);
      if (!limited) return limited.error();
      level = std::move(*limited);
    }
    auto object = Object(nodes.fields, own);
    if (!object) return object.error();
    Expression array = sql::MakeCall("json_group_array", std::move(*object));
    if (!level) return array;
    level->items.push_back({std::move(array), ""});
    return sql::MakeCall("json", sql::Subquery{std::make_unique<sql::Select>(std::move(*level))});
  }

  // `<t>_aggregate`: one object over the level's rows (nodes in the base's order, as in Rows).
  Result<sql::Select> Aggregate(const ir::AggregateSelect& aggregate,
                                const Correlation* correlation) {
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
        value = Nodes(std::get<ir::Nodes>(field.value), aggregate, correlation, alias);
      }
      if (!value) return value.error();
      pairs.emplace_back(field.alias, std::move(*value));
    }
    auto object = BuildObject(std::move(pairs));
    if (!object) return object.error();
    select->items.push_back({std::move(*object), ResultName(correlation)});
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

  // count(*), count("c"), count(DISTINCT "c"). Several columns count their tuple, as Postgres's
  // count(("a", "b")) does — a row value, never null, so every row counts, and with DISTINCT
  // the distinct tuples, nulls included: count([DISTINCT] json_array("a", "b")).
  static Expression CountOf(const ir::AggregateCount& count, const std::string& alias) {
    if (count.columns.empty()) return sql::MakeCall("count", sql::Keyword{"*"});
    Expression argument = sql::MakeColumn(alias, count.columns.front()->name);
    if (count.columns.size() > 1) {
      argument = sql::MakeCall("json_array");
      for (const schema::Column* column : count.columns) {
        std::get<sql::Call>(argument.node).args.push_back(sql::MakeColumn(alias, column->name));
      }
    }
    Expression call = sql::MakeCall("count", std::move(argument));
    std::get<sql::Call>(call.node).distinct = count.distinct;
    return call;
  }

  // `sum { a b }` → json_object('a', sum("_t1"."a"), 'b', sum("_t1"."b")).
  static Result<Expression> Operator(const ir::AggregateOperator& op, const std::string& alias) {
    auto function = AggregateFunction(op.function);
    if (!function) return function.error();
    std::vector<std::pair<std::string, Expression>> pairs;
    for (const ir::AggregateColumnField& field : op.fields) {
      if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
        pairs.emplace_back(field.alias, Expression{sql::StringLiteral{type->name}});
        continue;
      }
      const schema::Column* column = std::get<const schema::Column*>(field.value);
      const auto value = [&] {
        return sql::MakeCall(*function, sql::MakeColumn(alias, column->name));
      };
      // min/max of booleans stay booleans.
      const bool boolean = IsBoolean(*column) && (op.function == "min" || op.function == "max");
      // avg, the statistics and sums or extremes of REAL columns are REALs.
      pairs.emplace_back(field.alias, boolean ? BooleanJson(value) : ExactNumber(value()));
    }
    return BuildObject(std::move(pairs));
  }

  sql::Aliases aliases_;
};

}  // namespace

Result<sql::Statement> TranslateRemoteJoin(const ir::Field& field) {
  Translator translator;
  auto select = translator.RemoteJoin(field);
  if (!select) return select.error();
  return sql::Print(*select, sql::Dialect::kSqlite);
}

Result<sql::Statement> Translate(const ir::RootField& field) {
  Translator translator;
  auto select = translator.Root(field);
  if (!select) return select.error();
  return sql::Print(*select, sql::Dialect::kSqlite);
}

}  // namespace junction::backends::sqlite

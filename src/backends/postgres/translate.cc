#include "backends/postgres/translate.h"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "backends/postgres/translate_internal.h"
#include "backends/sql/printer.h"

namespace junction::backends::postgres {

namespace {

using sql::Expression;

constexpr std::string_view kJson = "__j";        // the JSON a lateral subquery answers
constexpr std::string_view kRowAlias = "__e";    // the row of row_to_json
constexpr size_t kMaxJsonBuildObjectPairs = 50;  // Postgres functions take at most 100 arguments
constexpr size_t kMaxIdentifierBytes = 63;       // NAMEDATALEN - 1: longer aliases are truncated

Expression EmptyJson(std::string_view text) {
  return Expression{sql::Cast{sql::Box(sql::StringLiteral{std::string(text)}), {"", "json"}}};
}

// The rows of a level are joined to their parent (sql::Correlation): with `keys`, to the rows of a
// remote join's key record set, which the level then joins itself, once (TranslateRemoteJoin).
using sql::Correlation;

// The type of the keys a remote join compares with the target's column `remote` (an array of the
// column's type), with the execution slot that carries them.
Result<sql::Parameter> KeyArray(const schema::Relationship& relationship, size_t index) {
  const std::string& remote = relationship.mapping[index].second;
  const schema::Column* column = relationship.target->FindColumnByName(remote);
  if (column == nullptr || column->is_array) {
    return Error(ErrorCode::kNotSupported, "remote relationship \"" + relationship.name +
                                               "\" cannot join on column " + remote);
  }
  sql::TypeName type = ColumnType(*column);
  type.array_dimensions = 1;
  return sql::Parameter{std::nullopt, std::move(type), index + 1};
}

// A remote join's keys: unnest($1::int8[], $2::<type>[], …) AS "_k"("__argument_id__", "<this
// table's column>", …): the argument ids (slot 0) and, for each pair of the mapping, the values
// compared with the target's column, as an array of its type (slot 1 + the pair's index).
Result<sql::FromItem> KeyRecords(const schema::Relationship& relationship,
                                 const std::string& alias) {
  Expression call = sql::MakeCall(
      "unnest", sql::Parameter{std::nullopt, sql::TypeName{"", "int8", 1}, size_t{0}});
  sql::RecordSet records{nullptr, {{std::string(kArgumentId), std::nullopt}}};
  for (size_t i = 0; i < relationship.mapping.size(); ++i) {
    Result<sql::Parameter> keys = KeyArray(relationship, i);
    if (!keys) return keys.error();
    std::get<sql::Call>(call.node).args.push_back(Expression{std::move(*keys)});
    records.columns.emplace_back(relationship.mapping[i].first, std::nullopt);
  }
  records.call = sql::Box(std::move(call));
  return sql::FromItem{std::move(records), alias};
}

Expression ArgumentId(const std::string& alias) {
  return sql::MakeColumn(alias, std::string(kArgumentId));
}

// coalesce(json_agg(json_build_array(<argument id>, <value>)), '[]'): a remote join's answer.
Expression ArgumentValues(Expression argument, Expression value) {
  return sql::MakeCall(
      "coalesce",
      sql::MakeCall("json_agg",
                    sql::MakeCall("json_build_array", std::move(argument), std::move(value))),
      EmptyJson("[]"));
}

enum class KeyComparison { kNone, kInteger, kText, kUuid };

// How a column's values compare: by the text Postgres writes for them (its output function), for
// the types whose equality is equality of that text.
KeyComparison KeyComparisonOf(const schema::Column& column) {
  if (column.is_array || column.type_schema != "pg_catalog") return KeyComparison::kNone;
  if (column.type == "int2" || column.type == "int4" || column.type == "int8") {
    return KeyComparison::kInteger;
  }
  if (column.type == "text" || column.type == "varchar") return KeyComparison::kText;
  if (column.type == "uuid") return KeyComparison::kUuid;
  return KeyComparison::kNone;
}

// A JSON string's text, decoded; other JSON (a number) as written.
std::optional<std::string> Unquoted(std::string_view json) {
  if (!json.starts_with('"')) return std::string(json);
  if (json.find('\\') == std::string_view::npos) {
    return std::string(json.substr(1, json.size() - 2));
  }
  const auto decoded = nlohmann::json::parse(json, nullptr, false);
  if (!decoded.is_string()) return std::nullopt;
  return decoded.get<std::string>();
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Postgres's integer input (surrounding spaces, a sign, leading zeros) to its output.
std::optional<std::string> CanonicalInteger(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  if (text.starts_with('+')) text.remove_prefix(1);
  int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, failure] = std::from_chars(text.data(), end, value);
  if (failure != std::errc() || stop != end || text.empty()) return std::nullopt;
  return std::to_string(value);
}

// Postgres's uuid input (any case, hyphens after any group of four digits, braces) to its output.
std::optional<std::string> CanonicalUuid(std::string_view text) {
  if (text.starts_with('{') && text.ends_with('}')) text = text.substr(1, text.size() - 2);
  std::string digits;
  for (const char c : text) {
    if (c == '-') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    digits += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (digits.size() != 32) return std::nullopt;
  for (const size_t at : {20, 16, 12, 8}) digits.insert(at, 1, '-');
  return digits;
}

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

  // TranslateRemoteJoin (translate.h).
  Result<sql::Select> RemoteJoin(const ir::Field& field) {
    if (const schema::Column* column = KeyedJoinColumn(field)) {
      return KeyedObjects(std::get<ir::ObjectRelation>(field.value).select, *column);
    }
    const std::string keys = aliases_.Next("_k");
    if (const auto* object = std::get_if<ir::ObjectRelation>(&field.value)) {
      const Correlation correlation{object->relationship, keys, true};
      return JoinedObjects(object->select, correlation);
    }
    if (const auto* array = std::get_if<ir::ArrayRelation>(&field.value)) {
      const Correlation correlation{array->relationship, keys, true};
      const ir::SelectArgs& args = array->select.args;
      if (!args.limit && !args.offset && args.distinct_on.empty()) {
        return JoinedRows(array->select, correlation);
      }
      return PerKey(*array->relationship, keys, [&](const Correlation& each) {
        return Rows(array->select, &each, std::string(kJson));
      });
    }
    if (const auto* aggregate = std::get_if<ir::ArrayAggregate>(&field.value)) {
      return PerKey(*aggregate->relationship, keys, [&](const Correlation& each) {
        return Aggregate(aggregate->select, &each, std::string(kJson));
      });
    }
    return Error(ErrorCode::kUnexpected, "a remote join of a field that is no relationship");
  }

 private:
  // An object relationship whose target compares keys by their text (KeyedJoinColumn), for the
  // distinct keys in slot 0: {"<the target's text of a key>": <object>, …}, from `column =
  // ANY($1)` alone — no argument ids, unnest, sort or DISTINCT ON.
  Result<sql::Select> KeyedObjects(const ir::Select& row, const schema::Column& column) {
    std::string alias = aliases_.Next("_t");
    sql::TypeName keys = ColumnType(column);
    keys.array_dimensions = 1;
    Expression condition =
        sql::MakeBinary("=", sql::MakeColumn(alias, column.name),
                        sql::MakeCall("ANY", sql::Parameter{std::nullopt, std::move(keys), 0}));
    auto select = Level(*row.table, row.args, nullptr, false, alias, std::move(condition));
    if (!select) return select.error();
    auto object = Object(row.fields, alias, *select);
    if (!object) return object.error();
    select->items.push_back(
        {sql::MakeCall("coalesce",
                       sql::MakeCall("json_object_agg", sql::MakeColumn(alias, column.name),
                                     std::move(*object)),
                       EmptyJson("{}")),
         "root"});
    return select;
  }

  // An object relationship for all keys at once: the first related row of each argument.
  Result<sql::Select> JoinedObjects(const ir::Select& row, const Correlation& correlation) {
    std::string alias;
    auto select = Level(*row.table, row.args, &correlation, true, alias);
    if (!select) return select.error();
    auto object = Object(row.fields, alias, *select);
    if (!object) return object.error();
    select->items.push_back({ArgumentValues(ArgumentId(alias), std::move(*object)), "root"});
    return select;
  }

  // An array relationship for all keys at once: the related rows grouped by argument.
  Result<sql::Select> JoinedRows(const ir::Select& rows, const Correlation& correlation) {
    std::string alias;
    auto grouped = Level(*rows.table, rows.args, &correlation, false, alias);
    if (!grouped) return grouped.error();
    auto array = JsonArray(rows.fields, rows.args, alias, *grouped);
    if (!array) return array.error();
    grouped->items.push_back({ArgumentId(alias), std::string(kArgumentId)});
    grouped->items.push_back({std::move(*array), std::string(kJson)});
    grouped->group_by.push_back(ArgumentId(alias));
    const std::string groups = aliases_.Next("_g");
    sql::Select select;
    select.items.push_back(
        {ArgumentValues(ArgumentId(groups), sql::MakeColumn(groups, std::string(kJson))), "root"});
    select.from = sql::FromItem{std::make_unique<sql::Select>(std::move(*grouped)), groups};
    return select;
  }

  // The keys LEFT JOIN LATERAL what `each` selects for one key (its parent row).
  template <typename PerRow>
  Result<sql::Select> PerKey(const schema::Relationship& relationship, const std::string& keys,
                             PerRow each) {
    auto records = KeyRecords(relationship, keys);
    if (!records) return records.error();
    const Correlation correlation{&relationship, keys, false};
    auto joined = each(correlation);
    if (!joined) return joined.error();
    const std::string join_alias = aliases_.Next("_r");
    sql::Select select;
    select.items.push_back(
        {ArgumentValues(ArgumentId(keys), sql::MakeColumn(join_alias, std::string(kJson))),
         "root"});
    select.from = std::move(*records);
    select.left_lateral_joins.push_back(
        sql::FromItem{std::make_unique<sql::Select>(std::move(*joined)), join_alias});
    return select;
  }

  // SELECT … FROM (SELECT "_tN".*, <sort keys> FROM table AS "_tN" WHERE … ORDER BY … LIMIT …)
  // AS "_tN": the caller adds the items and lateral joins. `single` limits to one row. `alias`
  // is the level's, chosen here unless the caller has (for `condition`, on the table's rows).
  Result<sql::Select> Level(const schema::Table& table, const ir::SelectArgs& args,
                            const Correlation* correlation, bool single, std::string& alias,
                            std::optional<Expression> condition = std::nullopt) {
    if (alias.empty()) alias = aliases_.Next("_t");
    auto base = std::make_unique<sql::Select>();
    base->items.push_back({Expression{sql::AllColumns{alias}}, ""});
    base->from = sql::TableItem(table, alias);
    sql::Conjunction where{true, {}};
    if (condition) where.operands.push_back(std::move(*condition));
    if (correlation != nullptr) {
      where.operands.push_back(
          sql::JoinCondition(*correlation->relationship, correlation->parent, alias));
    }
    if (correlation != nullptr && correlation->keys) {
      Status joined = JoinKeys(*correlation, alias, single, *base, where);
      if (!joined) return joined.error();
      single = false;  // the first row of each argument, not of all
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
    Status sorted = sql::AddSortKeys(args, alias, *base, aliases_, SortKeyTranslators());
    if (!sorted) return sorted.error();
    if (args.limit) base->limit = Count(*args.limit);
    if (single) base->limit = Expression{sql::Keyword{"1"}};
    if (args.offset) base->offset = Count(*args.offset);
    sql::Select select;
    select.from = sql::FromItem{std::move(base), alias};
    return select;
  }

  // Joins a remote join's key record set to a level's base subquery and selects the argument
  // id; `single` keeps the first row of each argument (DISTINCT ON, the argument sorting first).
  // The target's rows are also filtered by `column = ANY(<the keys>)`, which lets the planner
  // read them through an index (a bitmap scan) rather than scan the table to hash-join the keys.
  static Status JoinKeys(const Correlation& correlation, const std::string& alias, bool single,
                         sql::Select& base, sql::Conjunction& where) {
    const schema::Relationship& relationship = *correlation.relationship;
    auto records = KeyRecords(relationship, correlation.parent);
    if (!records) return records.error();
    base.cross_joins.push_back(std::move(*records));
    for (size_t i = 0; i < relationship.mapping.size(); ++i) {
      Result<sql::Parameter> keys = KeyArray(relationship, i);
      if (!keys) return keys.error();
      where.operands.push_back(
          sql::MakeBinary("=", sql::MakeColumn(alias, relationship.mapping[i].second),
                          sql::MakeCall("ANY", std::move(*keys))));
    }
    base.items.push_back({ArgumentId(correlation.parent), ""});
    if (single) {
      base.distinct_on.push_back(ArgumentId(correlation.parent));
      base.order_by.push_back({sql::Box(ArgumentId(correlation.parent)), false, false});
    }
    return {};
  }

  static Expression Count(int64_t count) {
    return Expression{sql::Parameter{std::to_string(count), {"", "int8"}}};
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
    std::get<sql::Call>(agg.node).order_by = sql::RowOrder(args, alias);
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

  // The JSON object of the row `alias`: row_to_json("_eN".*) of a lateral join of `select`,
  // `LEFT JOIN LATERAL (SELECT <value> AS "<key>", …) AS "_eN" ON TRUE`, which Postgres flattens
  // into the level (no subquery runs per row) and which builds a row's JSON in about two thirds
  // of json_build_object's time (bench/PROFILE.md). A key is then a column alias, so a selection
  // with a key longer than 63 bytes falls back to BuildObject. Relationships become lateral joins
  // of `select` too, before the row that reads them.
  Result<Expression> Object(const std::vector<ir::Field>& fields, const std::string& alias,
                            sql::Select& select) {
    std::vector<std::pair<std::string, Expression>> pairs;
    bool short_keys = !fields.empty();
    for (const ir::Field& field : fields) {
      auto value = FieldValue(field, alias, select);
      if (!value) return value.error();
      short_keys = short_keys && field.alias.size() <= kMaxIdentifierBytes;
      pairs.emplace_back(field.alias, std::move(*value));
    }
    if (!short_keys) return BuildObject(std::move(pairs));
    auto row = std::make_unique<sql::Select>();
    for (auto& [key, value] : pairs) row->items.push_back({std::move(value), key});
    const std::string row_alias = aliases_.Next("_e");
    select.left_lateral_joins.push_back(sql::FromItem{std::move(row), row_alias});
    return sql::MakeCall("row_to_json", sql::AllColumns{row_alias});
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
    if (std::holds_alternative<ir::JoinPlaceholder>(field.value)) {
      return Expression{sql::Keyword{"NULL"}};
    }
    Result<sql::Select> joined = Error(ErrorCode::kUnexpected, "unknown field");
    if (const schema::Relationship* relationship = ir::RelationshipOf(field);
        relationship != nullptr && relationship->remote) {
      return Error(ErrorCode::kUnexpected,
                   "remote relationship \"" + field.alias + "\" was not cut out of the query");
    }
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
        value = Nodes(std::get<ir::Nodes>(field.value), aggregate, correlation, alias, *select);
      }
      if (!value) return value.error();
      pairs.emplace_back(field.alias, std::move(*value));
    }
    auto object = BuildObject(std::move(pairs));
    if (!object) return object.error();
    select->items.push_back({std::move(*object), std::move(output)});
    return select;
  }

  // `nodes` of an aggregate: the JSON array of its rows `alias`, or, when a permission limit caps
  // the nodes only, of its own rows read with `nodes_args`.
  Result<Expression> Nodes(const ir::Nodes& nodes, const ir::AggregateSelect& aggregate,
                           const Correlation* correlation, const std::string& alias,
                           sql::Select& select) {
    if (!aggregate.nodes_args) return JsonArray(nodes.fields, aggregate.args, alias, select);
    std::string own;
    auto level = Level(*aggregate.table, *aggregate.nodes_args, correlation, false, own);
    if (!level) return level.error();
    auto array = JsonArray(nodes.fields, *aggregate.nodes_args, own, *level);
    if (!array) return array.error();
    level->items.push_back({std::move(*array), ""});
    return Expression{sql::Subquery{std::make_unique<sql::Select>(std::move(*level))}};
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
    auto function = AggregateFunction(op.function);
    if (!function) return function.error();
    std::vector<std::pair<std::string, Expression>> pairs;
    for (const ir::AggregateColumnField& field : op.fields) {
      if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
        pairs.emplace_back(field.alias, Expression{sql::StringLiteral{type->name}});
        continue;
      }
      const schema::Column* column = std::get<const schema::Column*>(field.value);
      pairs.emplace_back(field.alias,
                         sql::MakeCall(*function, sql::MakeColumn(alias, column->name)));
    }
    return BuildObject(std::move(pairs));
  }

  sql::Aliases aliases_;
};

}  // namespace

Result<std::string> KeyArrayText(const std::vector<std::string_view>& json_values,
                                 const schema::Column& compared_with) {
  const bool json = compared_with.type_schema == "pg_catalog" &&
                    (compared_with.type == "json" || compared_with.type == "jsonb");
  std::string text = "{";
  for (const std::string_view value : json_values) {
    if (text.size() > 1) text += ',';
    std::optional<std::string> element = json ? std::string(value) : Unquoted(value);
    if (!element) {
      return Error(ErrorCode::kUnexpected, "a join key is not valid JSON: " + std::string(value));
    }
    text += '"';
    for (const char c : *element) {
      if (c == '"' || c == '\\') text += '\\';
      text += c;
    }
    text += '"';
  }
  return text + "}";
}

const schema::Column* KeyedJoinColumn(const ir::Field& field) {
  const auto* object = std::get_if<ir::ObjectRelation>(&field.value);
  if (object == nullptr) return nullptr;
  const schema::Relationship& relationship = *object->relationship;
  if (!relationship.remote || relationship.mapping.size() != 1 ||
      relationship.target->backend != schema::Backend::kPostgres) {
    return nullptr;
  }
  const schema::Column* column =
      relationship.target->FindColumnByName(relationship.mapping.front().second);
  if (column == nullptr || KeyComparisonOf(*column) == KeyComparison::kNone) return nullptr;
  return column;
}

std::optional<std::string> JoinKeyText(std::string_view json_value, const schema::Column& column) {
  std::optional<std::string> text = Unquoted(json_value);
  if (!text) return std::nullopt;
  switch (KeyComparisonOf(column)) {
    case KeyComparison::kInteger:
      return CanonicalInteger(*text);
    case KeyComparison::kUuid:
      return CanonicalUuid(*text);
    case KeyComparison::kText:
      return text;
    case KeyComparison::kNone:
      break;
  }
  return std::nullopt;
}

Result<sql::Statement> TranslateRemoteJoin(const ir::Field& field) {
  Translator translator;
  auto select = translator.RemoteJoin(field);
  if (!select) return select.error();
  return sql::Print(*select);
}

Result<sql::Statement> Translate(const ir::RootField& field) {
  Translator translator;
  auto select = translator.Root(field);
  if (!select) return select.error();
  return sql::Print(*select);
}

}  // namespace junction::backends::postgres

#include "backends/bigquery/translate.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "backends/bigquery/identifier.h"
#include "backends/bigquery/translate_internal.h"
#include "schema/aggregate_functions.h"

namespace junction::backends::bigquery {

namespace {

using sql::FieldShape;
using ShapeKind = sql::FieldShape::Kind;

// The largest INT64: the LIMIT of an OFFSET without one (BigQuery needs a LIMIT before OFFSET).
constexpr std::string_view kNoLimit = "9223372036854775807";

FieldShape Value(std::string key) { return FieldShape{std::move(key), ShapeKind::kValue, {}, ""}; }

FieldShape Constant(std::string key, std::string json) {
  return FieldShape{std::move(key), ShapeKind::kConstant, {}, std::move(json)};
}

// The smaller of a level's limit and its table's global_select_limit (Hasura's rule: limits
// combine by their minimum).
std::optional<int64_t> Capped(const schema::Table& table, std::optional<int64_t> limit) {
  if (!table.global_select_limit) return limit;
  if (!limit) return table.global_select_limit;
  return std::min(*limit, *table.global_select_limit);
}

// BigQuery's aggregate function for a GraphQL aggregate operator (the same names).
Result<std::string> AggregateFunction(const std::string& name) {
  if (!schema::IsAggregateFunction(name)) {
    return Error(ErrorCode::kUnexpected, "unknown aggregate function " + name);
  }
  return Upper(name);
}

// The columns of an object (a result row, a STRUCT), final expressions, and their JSON shape
// (which also holds the fields that take no column: __typename, cut-out remote joins).
struct Projection {
  std::vector<std::string> columns;
  std::vector<FieldShape> shape;
};

// The aggregate expressions of an `_aggregate` over a level's rows, and how the fields of the
// aggregate select are built from them: a Node is one of those expressions (`value`) or a STRUCT
// of nodes (`fields`).
struct AggregateNode {
  std::optional<size_t> value;
  std::vector<AggregateNode> fields;
};
struct Aggregates {
  std::vector<std::string> values;
  std::vector<bool> counts;  // value i is a count: 0, not NULL, over no row
  std::vector<AggregateNode> fields;
  std::vector<FieldShape> shape;
};

// How a level's rows are read: a root field's list or aggregate, or grouped by a relationship's
// join keys: one object per key, the list of a key's rows, or their aggregate.
enum class Form { kRootRows, kRootAggregate, kObject, kArray, kAggregate };

class Translator {
 public:
  Result<sql::Statement> Root(const ir::RootField& field) {
    switch (field.kind) {
      case ir::RootField::Kind::kSelect:
        return RootRows(field.select);
      case ir::RootField::Kind::kSelectAggregate:
        return RootAggregate(field.aggregate);
      case ir::RootField::Kind::kSelectByPk:
        return Error(ErrorCode::kNotSupported,
                     "BigQuery tables have no primary key: " + field.alias + " cannot be answered");
    }
    return Error(ErrorCode::kUnexpected, "unknown root field kind");
  }

  // TranslateRemoteJoin (translate.h): the keys unnested, the relationship's grouped subquery
  // joined to them.
  Result<sql::Statement> RemoteJoin(const ir::Field& field) {
    const schema::Relationship* relationship = ir::RelationshipOf(field);
    if (relationship == nullptr) {
      return Error(ErrorCode::kUnexpected, "a remote join of a field that is no relationship");
    }
    auto key_types = JoinKeyTypes(*relationship);
    if (!key_types) return key_types.error();
    const std::string keys = b_.ExecutionParam(KeysType(*key_types));
    std::string from = "UNNEST(" + keys + ") AS " + b_.Id("k");
    std::vector<std::string> parent_keys;
    for (size_t i = 0; i < key_types->size(); ++i) {
      parent_keys.push_back(b_.Column("k", "k" + std::to_string(i)));
    }
    auto joined = Join(from, parent_keys, field);
    if (!joined) return joined.error();
    const std::string text = "SELECT " + b_.Column("k", "__argument_id__") + " AS " + b_.Id("c0") +
                             ", " + joined->value + " AS " + b_.Id("c1") + " FROM " + from;
    return b_.Finish(text, {sql::RowShape::Form::kArguments, {std::move(joined->shape)}});
  }

 private:
  // SELECT … FROM table AS `t1` … WHERE … ORDER BY … NULLS … LIMIT @p OFFSET @p.
  Result<sql::Statement> RootRows(const ir::Select& select) {
    auto level = OpenLevel(*select.table, select.args, nullptr, Form::kRootRows);
    if (!level) return level.error();
    auto projection = Fields(select.fields, *level);
    if (!projection) return projection.error();
    std::string text = "SELECT " + Items(projection->columns, 'c', "TRUE") + level->FromClause();
    const std::string order = OrderClause(level->FinalOrder(), true);
    if (!order.empty()) text += " ORDER BY " + order;
    const std::optional<int64_t> limit = Capped(*select.table, select.args.limit);
    if (limit) text += " LIMIT " + b_.IntegerParam(*limit);
    if (select.args.offset) {
      if (!limit) text += " LIMIT " + std::string(kNoLimit);
      text += " OFFSET " + b_.IntegerParam(*select.args.offset);
    }
    return b_.Finish(text, {sql::RowShape::Form::kRows, std::move(projection->shape)});
  }

  // SELECT STRUCT(COUNT(*) AS `c0`, …) AS `c0`, ARRAY_AGG(…) AS `c1` FROM …: one row.
  Result<sql::Statement> RootAggregate(const ir::AggregateSelect& aggregate) {
    auto level = OpenLevel(*aggregate.table, aggregate.args, nullptr, Form::kRootAggregate);
    if (!level) return level.error();
    auto aggregates = AggregatesOf(aggregate, *level);
    if (!aggregates) return aggregates.error();
    const auto value = [&](size_t i) { return aggregates->values[i]; };
    // COUNT(*) when nothing else: an aggregate, so still one row.
    const std::string text =
        "SELECT " + Items(Build(aggregates->fields, value), 'c', "COUNT(*)") + level->FromClause();
    return b_.Finish(text, {sql::RowShape::Form::kFirstRow, std::move(aggregates->shape)});
  }

  // The rows of `table` that `args` select, aliased `t<n>`: the conditions, the sort keys (with
  // the joins those through relationships need), the join keys of `relationship` (grouped forms),
  // and the stages distinct_on, an array's offset and an aggregate's offset and limit need.
  Result<Level> OpenLevel(const schema::Table& table, const ir::SelectArgs& args,
                          const schema::Relationship* relationship, Form form) {
    if (table.backend != schema::Backend::kBigQuery) {
      return Error(ErrorCode::kUnexpected, "table " + table.name.name + " is not in BigQuery");
    }
    Level level(b_, table);
    if (args.where) {
      Status added = AddConditions(*args.where, level.alias, b_, level.conditions);
      if (!added) return added.error();
    }
    for (const ir::OrderBy& key : args.order_by) {
      auto sort_key = SortKeyOf(key, level);
      if (!sort_key) return sort_key.error();
      level.order.push_back(std::move(*sort_key));
    }
    if (relationship != nullptr) {
      for (const auto& pair : relationship->mapping) {
        level.keys.push_back(b_.Column(level.alias, pair.second));
      }
    }
    for (const schema::Column* column : args.distinct_on) {
      level.distinct.push_back(b_.Column(level.alias, column->name));
    }
    if (form == Form::kObject) return level;
    // An aggregate's offset and limit, and an array's offset, number the rows per join key.
    const bool aggregate = form == Form::kRootAggregate || form == Form::kAggregate;
    const bool numbered =
        aggregate ? (args.offset || args.limit) : (form == Form::kArray && args.offset.has_value());
    if (!args.distinct_on.empty() || numbered) {
      Status partitionable = CheckPartitions(args.distinct_on, relationship);
      if (!partitionable) return partitionable.error();
    }
    if (!args.distinct_on.empty()) level.AddDistinctStage();
    if (numbered) level.AddNumberingStage(args.offset, aggregate ? args.limit : std::nullopt);
    return level;
  }

  // Not-supported when a stage's window would partition by a column BigQuery cannot partition
  // by: a distinct_on column, or (below `relationship`) a join column.
  static Status CheckPartitions(const std::vector<const schema::Column*>& distinct_on,
                                const schema::Relationship* relationship) {
    for (const schema::Column* column : distinct_on) {
      if (!Partitionable(*column)) {
        return Error(ErrorCode::kNotSupported,
                     "distinct_on the " + TypeText(*column) + " column " + column->name +
                         " is not supported on BigQuery, which cannot partition by it");
      }
    }
    if (relationship == nullptr) return {};
    for (const auto& pair : relationship->mapping) {
      const schema::Column* column = relationship->target->FindColumnByName(pair.second);
      if (column != nullptr && !Partitionable(*column)) {
        return Error(ErrorCode::kNotSupported,
                     "distinct_on, an offset or an aggregate's limit on the relationship " +
                         relationship->name + ", joining on the " + TypeText(*column) + " column " +
                         column->name +
                         ", is not supported on BigQuery, which cannot partition by it");
      }
    }
    return {};
  }

  // ---- sort keys --------------------------------------------------------------------------------

  // A sort key of `level`'s rows: its own column, or a value joined through relationships.
  Result<SortKey> SortKeyOf(const ir::OrderBy& key, Level& level) {
    SortKey sort_key;
    sort_key.descending = key.direction == ir::Direction::kDesc;
    sort_key.nulls_first = key.nulls == ir::Nulls::kFirst;
    if (key.path.empty()) {
      if (const auto* column = std::get_if<const schema::Column*>(&key.target)) {
        sort_key.expression = b_.Column(level.alias, (*column)->name);
        sort_key.nullable = (*column)->nullable;
        return sort_key;
      }
      auto value =
          AggregateSortKey(std::get<ir::OrderByAggregate>(key.target), level.from, level.alias);
      if (!value) return value.error();
      sort_key.expression = std::move(*value);
      return sort_key;
    }
    auto value = PathSortKey(key, 0, level.from, level.alias);
    if (!value) return value.error();
    sort_key.expression = std::move(*value);
    return sort_key;
  }

  // The value of a sort key through object relationships from key.path[depth], for the rows
  // `alias` of `from`: LEFT OUTER JOIN (SELECT keys, ANY_VALUE(value) AS `v` FROM target …
  // GROUP BY keys) — the target's permission filter applied, its own path joined in turn.
  Result<std::string> PathSortKey(const ir::OrderBy& key, size_t depth, std::string& from,
                                  const std::string& alias) {
    const schema::Relationship& relationship = *key.path[depth];
    if (auto joinable = JoinKeyTypes(relationship); !joinable) return joinable.error();
    const std::string joined = b_.Alias('j');
    const std::string child = b_.Alias('t');
    std::string child_from = b_.Table(*relationship.target) + " AS " + b_.Id(child);
    std::vector<Condition> conditions;
    if (depth < key.path_filters.size() && key.path_filters[depth] != nullptr) {
      Status added = AddConditions(*key.path_filters[depth], child, b_, conditions);
      if (!added) return added.error();
    }
    Result<std::string> value = Error(ErrorCode::kUnexpected, "no sort key");
    if (depth + 1 < key.path.size()) {
      value = PathSortKey(key, depth + 1, child_from, child);
    } else if (const auto* column = std::get_if<const schema::Column*>(&key.target)) {
      value = b_.Column(child, (*column)->name);
    } else {
      value = AggregateSortKey(std::get<ir::OrderByAggregate>(key.target), child_from, child);
    }
    if (!value) return value.error();
    const std::vector<std::string> keys = TargetKeys(relationship, child);
    const std::string subquery = "SELECT " + Items(keys, 'k') + ", ANY_VALUE(" + *value + ") AS " +
                                 b_.Id("v") + " FROM " + child_from + WhereClause(conditions) +
                                 " GROUP BY " + Joined(keys);
    AddJoin(from, subquery, joined, ParentKeys(relationship, alias));
    return b_.Column(joined, "v");
  }

  // An aggregate of an array relationship's rows (those its permission filter passes) for the
  // rows `alias` of `from`: LEFT OUTER JOIN (SELECT keys, COUNT(*) AS `v` … GROUP BY keys); a
  // count is 0, not NULL, for a row without related rows.
  Result<std::string> AggregateSortKey(const ir::OrderByAggregate& aggregate, std::string& from,
                                       const std::string& alias) {
    const schema::Relationship& relationship = *aggregate.relationship;
    if (auto joinable = JoinKeyTypes(relationship); !joinable) return joinable.error();
    const std::string joined = b_.Alias('j');
    const std::string child = b_.Alias('t');
    const bool count = aggregate.function == "count";
    std::string value = "COUNT(*)";
    if (!count) {
      auto function = AggregateFunction(aggregate.function);
      if (!function) return function.error();
      value = *function + "(" + b_.Column(child, aggregate.column->name) + ")";
    }
    std::vector<Condition> conditions;
    if (aggregate.filter != nullptr) {
      Status added = AddConditions(*aggregate.filter, child, b_, conditions);
      if (!added) return added.error();
    }
    const std::vector<std::string> keys = TargetKeys(relationship, child);
    const std::string subquery = "SELECT " + Items(keys, 'k') + ", " + value + " AS " + b_.Id("v") +
                                 " FROM " + b_.Table(*relationship.target) + " AS " + b_.Id(child) +
                                 WhereClause(conditions) + " GROUP BY " + Joined(keys);
    AddJoin(from, subquery, joined, ParentKeys(relationship, alias));
    const std::string result = b_.Column(joined, "v");
    return count ? "IFNULL(" + result + ", 0)" : result;
  }

  // ---- fields -----------------------------------------------------------------------------------

  // The columns of the objects of `level`'s rows.
  Result<Projection> Fields(const std::vector<ir::Field>& fields, Level& level) {
    Projection projection;
    for (const ir::Field& field : fields) {
      if (const auto* column = std::get_if<ir::ColumnField>(&field.value)) {
        projection.columns.push_back(level.Use(b_.Column(level.alias, column->column->name)));
        projection.shape.push_back(Value(field.alias));
        continue;
      }
      if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
        projection.shape.push_back(Constant(field.alias, nlohmann::json(type->name).dump()));
        continue;
      }
      if (std::holds_alternative<ir::JoinPlaceholder>(field.value)) {
        projection.shape.push_back(Constant(field.alias, "null"));
        continue;
      }
      const schema::Relationship* relationship = ir::RelationshipOf(field);
      if (relationship == nullptr || relationship->remote) {
        return Error(ErrorCode::kUnexpected,
                     "remote relationship \"" + field.alias + "\" was not cut out of the query");
      }
      auto joined = Join(level.from, ParentKeys(*relationship, level.alias), field);
      if (!joined) return joined.error();
      projection.columns.push_back(level.Use(std::move(joined->value)));
      projection.shape.push_back(std::move(joined->shape));
    }
    return projection;
  }

  // A relationship field's value: its target's rows grouped by the join columns, LEFT OUTER
  // JOINed to `parent_keys` (the parent row's join columns, or a remote join's keys) in `from`.
  struct JoinedValue {
    std::string value;
    FieldShape shape;
  };
  Result<JoinedValue> Join(std::string& from, const std::vector<std::string>& parent_keys,
                           const ir::Field& field) {
    const schema::Relationship& relationship = *ir::RelationshipOf(field);
    if (relationship.mapping.empty()) {
      return Error(ErrorCode::kUnexpected, "relationship " + relationship.name + " maps no column");
    }
    if (auto joinable = JoinKeyTypes(relationship); !joinable) return joinable.error();
    if (const auto* object = std::get_if<ir::ObjectRelation>(&field.value)) {
      return JoinObject(from, parent_keys, relationship, object->select, field.alias);
    }
    if (const auto* array = std::get_if<ir::ArrayRelation>(&field.value)) {
      return JoinArray(from, parent_keys, relationship, array->select, field.alias);
    }
    return JoinAggregate(from, parent_keys, relationship,
                         std::get<ir::ArrayAggregate>(field.value).select, field.alias);
  }

  // ANY_VALUE(STRUCT(…)) per key: at most one row per parent, a NULL STRUCT (null) unmatched.
  Result<JoinedValue> JoinObject(std::string& from, const std::vector<std::string>& parent_keys,
                                 const schema::Relationship& relationship, const ir::Select& select,
                                 const std::string& key) {
    const std::string joined = b_.Alias('o');
    auto level = OpenLevel(*select.table, select.args, &relationship, Form::kObject);
    if (!level) return level.error();
    auto projection = Fields(select.fields, *level);
    if (!projection) return projection.error();
    const std::string subquery = "SELECT " + Items(level->FinalKeys(), 'k') + ", ANY_VALUE(" +
                                 Struct(projection->columns) + ") AS " + b_.Id("v") +
                                 level->FromClause() + GroupBy(*level);
    AddJoin(from, subquery, joined, parent_keys);
    return JoinedValue{b_.Column(joined, "v"),
                       {key, ShapeKind::kObject, std::move(projection->shape), ""}};
  }

  // ARRAY_AGG(STRUCT(…) ORDER BY … LIMIT @p) per key: NULL (read as []) unmatched.
  Result<JoinedValue> JoinArray(std::string& from, const std::vector<std::string>& parent_keys,
                                const schema::Relationship& relationship, const ir::Select& select,
                                const std::string& key) {
    const std::string joined = b_.Alias('a');
    auto level = OpenLevel(*select.table, select.args, &relationship, Form::kArray);
    if (!level) return level.error();
    auto projection = Fields(select.fields, *level);
    if (!projection) return projection.error();
    const std::string rows =
        ArrayAgg(projection->columns, *level, Capped(*select.table, select.args.limit));
    const std::string subquery = "SELECT " + Items(level->FinalKeys(), 'k') + ", " + rows + " AS " +
                                 b_.Id("v") + level->FromClause() + GroupBy(*level);
    AddJoin(from, subquery, joined, parent_keys);
    return JoinedValue{b_.Column(joined, "v"),
                       {key, ShapeKind::kArray, std::move(projection->shape), ""}};
  }

  // The aggregates per key as columns `v0`, `v1`, …, built into the STRUCT of the aggregate
  // select outside, where an unmatched parent's counts read 0 (IFNULL) and the rest NULL.
  Result<JoinedValue> JoinAggregate(std::string& from, const std::vector<std::string>& parent_keys,
                                    const schema::Relationship& relationship,
                                    const ir::AggregateSelect& select, const std::string& key) {
    const std::string joined = b_.Alias('g');
    auto level = OpenLevel(*select.table, select.args, &relationship, Form::kAggregate);
    if (!level) return level.error();
    auto aggregates = AggregatesOf(select, *level);
    if (!aggregates) return aggregates.error();
    std::vector<std::string> items = {Items(level->FinalKeys(), 'k')};
    for (size_t i = 0; i < aggregates->values.size(); ++i) {
      items.push_back(aggregates->values[i] + " AS " + b_.Id("v" + std::to_string(i)));
    }
    const std::string subquery = "SELECT " + Joined(items) + level->FromClause() + GroupBy(*level);
    AddJoin(from, subquery, joined, parent_keys);
    const auto value = [&](size_t i) {
      const std::string column = b_.Column(joined, "v" + std::to_string(i));
      return aggregates->counts[i] ? "IFNULL(" + column + ", 0)" : column;
    };
    return JoinedValue{Struct(Build(aggregates->fields, value)),
                       {key, ShapeKind::kObject, std::move(aggregates->shape), ""}};
  }

  // ---- aggregates -------------------------------------------------------------------------------

  // The aggregate expressions of `select` over `level`'s rows, and the tree of its fields.
  Result<Aggregates> AggregatesOf(const ir::AggregateSelect& select, Level& level) {
    Aggregates aggregates;
    const auto add = [&](std::string value, bool count) {
      aggregates.values.push_back(std::move(value));
      aggregates.counts.push_back(count);
      return AggregateNode{aggregates.values.size() - 1, {}};
    };
    for (const ir::AggregateField& field : select.fields) {
      if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
        aggregates.shape.push_back(Constant(field.alias, nlohmann::json(type->name).dump()));
      } else if (const auto* nodes = std::get_if<ir::Nodes>(&field.value)) {
        auto projection = Fields(nodes->fields, level);
        if (!projection) return projection.error();
        const std::optional<int64_t> limit =
            Capped(*select.table, select.nodes_args ? select.nodes_args->limit : select.args.limit);
        aggregates.fields.push_back(add(ArrayAgg(projection->columns, level, limit), false));
        aggregates.shape.push_back(
            {field.alias, ShapeKind::kArray, std::move(projection->shape), ""});
      } else {
        AggregateNode functions;
        FieldShape shape{field.alias, ShapeKind::kObject, {}, ""};
        for (const ir::AggregateFunctionField& function :
             std::get<ir::AggregateFunctions>(field.value).fields) {
          if (const auto* type = std::get_if<ir::Typename>(&function.value)) {
            shape.fields.push_back(Constant(function.alias, nlohmann::json(type->name).dump()));
          } else if (const auto* count = std::get_if<ir::AggregateCount>(&function.value)) {
            auto value = CountOf(*count, level);
            if (!value) return value.error();
            functions.fields.push_back(add(std::move(*value), true));
            shape.fields.push_back({function.alias, ShapeKind::kNumber, {}, ""});
          } else {
            auto op = Operator(std::get<ir::AggregateOperator>(function.value), level, add);
            if (!op) return op.error();
            functions.fields.push_back(std::move(op->first));
            shape.fields.push_back({function.alias, ShapeKind::kObject, std::move(op->second), ""});
          }
        }
        aggregates.fields.push_back(std::move(functions));
        aggregates.shape.push_back(std::move(shape));
      }
    }
    return aggregates;
  }

  // COUNT(*), COUNT([DISTINCT] x); several columns count their tuple as Postgres's count((a, b))
  // does: every row, COUNT(STRUCT(a, b)), or with DISTINCT the distinct tuples. BigQuery cannot
  // count STRUCTs DISTINCT, so those count the tuples' JSON texts, equal exactly when the tuples
  // are (a NULL field is null, not "null"):
  //   COUNT(DISTINCT TO_JSON_STRING(STRUCT(a AS `c0`, b AS `c1`)))
  // Errors: not-supported for a DISTINCT count of one column BigQuery cannot group.
  Result<std::string> CountOf(const ir::AggregateCount& count, Level& level) {
    if (count.columns.empty()) return std::string("COUNT(*)");
    std::vector<std::string> columns;
    for (const schema::Column* column : count.columns) {
      columns.push_back(level.Use(b_.Column(level.alias, column->name)));
    }
    if (!count.distinct) {
      return "COUNT(" +
             (columns.size() == 1 ? columns.front() : "STRUCT(" + Joined(columns) + ")") + ")";
    }
    if (columns.size() > 1) return "COUNT(DISTINCT TO_JSON_STRING(" + Struct(columns) + "))";
    const schema::Column& column = *count.columns.front();
    if (!Groupable(column)) {
      return Error(ErrorCode::kNotSupported,
                   "counting the distinct values of the " + TypeText(column) + " column " +
                       column.name + " is not supported on BigQuery, which cannot group them");
    }
    return "COUNT(DISTINCT " + columns.front() + ")";
  }

  // `sum { a b }`: SUM(a), SUM(b) as a STRUCT node.
  template <typename Add>
  Result<std::pair<AggregateNode, std::vector<FieldShape>>> Operator(
      const ir::AggregateOperator& op, Level& level, const Add& add) {
    auto function = AggregateFunction(op.function);
    if (!function) return function.error();
    AggregateNode node;
    std::vector<FieldShape> shape;
    for (const ir::AggregateColumnField& field : op.fields) {
      if (const auto* type = std::get_if<ir::Typename>(&field.value)) {
        shape.push_back(Constant(field.alias, nlohmann::json(type->name).dump()));
        continue;
      }
      const schema::Column* column = std::get<const schema::Column*>(field.value);
      node.fields.push_back(
          add(*function + "(" + level.Use(b_.Column(level.alias, column->name)) + ")", false));
      shape.push_back(Value(field.alias));
    }
    return std::pair(std::move(node), std::move(shape));
  }

  // The expressions of `fields`: a value node is `value(i)`, a STRUCT node its fields.
  template <typename Value>
  std::vector<std::string> Build(const std::vector<AggregateNode>& fields, const Value& value) {
    std::vector<std::string> expressions;
    for (const AggregateNode& node : fields) {
      expressions.push_back(node.value ? value(*node.value) : Struct(Build(node.fields, value)));
    }
    return expressions;
  }

  // ---- pieces of text ---------------------------------------------------------------------------

  // `a AS `c0`, b AS `c1`` (`x0`, … with another prefix); `padding AS `c0`` when there is no
  // column (an object of only __typename still needs one).
  std::string Items(const std::vector<std::string>& columns, char prefix,
                    std::string_view padding = "") {
    std::vector<std::string> items;
    for (size_t i = 0; i < columns.size(); ++i) {
      items.push_back(columns[i] + " AS " + b_.Id(std::string(1, prefix) + std::to_string(i)));
    }
    if (items.empty() && !padding.empty()) {
      items.push_back(std::string(padding) + " AS " + b_.Id(std::string(1, prefix) + "0"));
    }
    return Joined(items);
  }

  std::string Struct(const std::vector<std::string>& columns) {
    return "STRUCT(" + Items(columns, 'c', "TRUE") + ")";
  }

  // ARRAY_AGG(STRUCT(…) ORDER BY … LIMIT @p) over `level`'s rows.
  std::string ArrayAgg(const std::vector<std::string>& columns, const Level& level,
                       std::optional<int64_t> limit) {
    std::string rows = "ARRAY_AGG(" + Struct(columns);
    const std::string order = OrderClause(level.FinalOrder(), false);
    if (!order.empty()) rows += " ORDER BY " + order;
    if (limit) rows += " LIMIT " + b_.IntegerParam(*limit);
    return rows + ")";
  }

  std::string GroupBy(const Level& level) { return " GROUP BY " + Joined(level.FinalKeys()); }

  // The join columns of `relationship` on each side: the target's (`child`), the parent's.
  std::vector<std::string> TargetKeys(const schema::Relationship& relationship,
                                      const std::string& child) {
    std::vector<std::string> keys;
    for (const auto& pair : relationship.mapping) keys.push_back(b_.Column(child, pair.second));
    return keys;
  }
  std::vector<std::string> ParentKeys(const schema::Relationship& relationship,
                                      const std::string& parent) {
    std::vector<std::string> keys;
    for (const auto& pair : relationship.mapping) keys.push_back(b_.Column(parent, pair.first));
    return keys;
  }

  // ` LEFT OUTER JOIN (subquery) AS `alias` ON (`alias`.`k0` = parent_keys[0] AND …)`.
  void AddJoin(std::string& from, const std::string& subquery, const std::string& alias,
               const std::vector<std::string>& parent_keys) {
    std::vector<std::string> on;
    for (size_t i = 0; i < parent_keys.size(); ++i) {
      on.push_back(b_.Column(alias, "k" + std::to_string(i)) + " = " + parent_keys[i]);
    }
    from += " LEFT OUTER JOIN (" + subquery + ") AS " + b_.Id(alias) + " ON (" +
            Joined(on, " AND ") + ")";
  }

  StatementBuilder b_;
};

}  // namespace

Result<sql::Statement> Translate(const ir::RootField& field) { return Translator().Root(field); }

Result<sql::Statement> TranslateRemoteJoin(const ir::Field& field) {
  return Translator().RemoteJoin(field);
}

}  // namespace junction::backends::bigquery

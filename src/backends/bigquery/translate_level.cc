// StatementBuilder, the parameter types and Level (translate_internal.h): the pieces of BigQuery
// text every translated level shares.

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <utility>

#include "backends/bigquery/identifier.h"
#include "backends/bigquery/translate_internal.h"

namespace junction::backends::bigquery {

namespace {

using OrderedJson = nlohmann::ordered_json;

OrderedJson TypeObject(std::string_view type) { return OrderedJson{{"type", type}}; }

// The counter (Level::counts_) numbering the columns named with `prefix`: c0, c1, …; s0, …; k0, ….
int PrefixIndex(char prefix) {
  switch (prefix) {
    case 's':
      return 1;
    case 'k':
      return 2;
    default:
      return 0;
  }
}

}  // namespace

// ---- StatementBuilder ---------------------------------------------------------------------------

std::string StatementBuilder::Id(std::string_view name) {
  auto quoted = QuoteIdentifier(name);
  if (quoted) return std::move(*quoted);
  if (!error_) error_ = quoted.error();
  return "``";
}

std::string StatementBuilder::Table(const schema::Table& table) {
  return Id(table.name.schema) + "." + Id(table.name.name);
}

std::string StatementBuilder::Column(std::string_view alias, std::string_view name) {
  return Id(alias) + "." + Id(name);
}

std::string StatementBuilder::Alias(char prefix) {
  return std::string(1, prefix) + std::to_string(++aliases_);
}

std::string StatementBuilder::Param(std::optional<std::string> value, std::string type) {
  statement_.params.push_back(std::move(value));
  statement_.param_types.push_back(std::move(type));
  return "@p" + std::to_string(statement_.params.size());
}

std::string StatementBuilder::IntegerParam(int64_t value) {
  return Param(std::to_string(value), ScalarType("INT64"));
}

std::string StatementBuilder::ExecutionParam(std::string type) {
  statement_.execution_parameters.push_back(statement_.params.size());
  return Param(std::nullopt, std::move(type));
}

Result<sql::Statement> StatementBuilder::Finish(std::string text, sql::RowShape shape) {
  if (error_) return *error_;
  statement_.text = std::move(text);
  statement_.shape = std::make_shared<const sql::RowShape>(std::move(shape));
  return std::move(statement_);
}

// ---- types --------------------------------------------------------------------------------------

std::string ScalarType(std::string_view type) { return TypeObject(type).dump(); }

std::string ArrayType(std::string_view element) {
  return OrderedJson{{"type", "ARRAY"}, {"arrayType", TypeObject(element)}}.dump();
}

std::string KeysType(const std::vector<std::string>& key_types) {
  OrderedJson fields = OrderedJson::array();
  fields.push_back({{"name", "__argument_id__"}, {"type", TypeObject("INT64")}});
  for (size_t i = 0; i < key_types.size(); ++i) {
    fields.push_back({{"name", "k" + std::to_string(i)}, {"type", TypeObject(key_types[i])}});
  }
  const OrderedJson element{{"type", "STRUCT"}, {"structTypes", std::move(fields)}};
  return OrderedJson{{"type", "ARRAY"}, {"arrayType", element}}.dump();
}

Result<std::string> ParameterType(const schema::Column& column) {
  std::string type = Upper(column.type.substr(0, column.type.find('(')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  // Legacy SQL's names, as the REST schema spells them.
  static const std::array<std::pair<std::string_view, std::string_view>, 5> kLegacy = {{
      {"INTEGER", "INT64"},
      {"FLOAT", "FLOAT64"},
      {"BOOLEAN", "BOOL"},
      {"DECIMAL", "NUMERIC"},
      {"BIGDECIMAL", "BIGNUMERIC"},
  }};
  for (const auto& [legacy, name] : kLegacy) {
    if (type == legacy) type = name;
  }
  static const std::array<std::string_view, 13> kScalars = {
      "INT64", "FLOAT64",  "NUMERIC", "BIGNUMERIC", "BOOL",      "STRING", "BYTES",
      "DATE",  "DATETIME", "TIME",    "TIMESTAMP",  "GEOGRAPHY", "JSON"};
  if (column.is_array || std::ranges::find(kScalars, type) == kScalars.end()) {
    return Error(ErrorCode::kNotSupported, "the BigQuery column " + column.name + " of type " +
                                               TypeText(column) +
                                               " cannot be compared with a value");
  }
  return type;
}

bool Incomparable(std::string_view type) { return type == "JSON" || type == "GEOGRAPHY"; }

std::string TypeText(const schema::Column& column) {
  return column.is_array ? "ARRAY<" + column.type + ">" : column.type;
}

bool Groupable(const schema::Column& column) {
  const Result<std::string> type = ParameterType(column);
  return type && !Incomparable(*type);
}

bool Partitionable(const schema::Column& column) {
  return Groupable(column) && *ParameterType(column) != "FLOAT64";
}

Result<std::vector<std::string>> JoinKeyTypes(const schema::Relationship& relationship) {
  std::vector<std::string> types;
  for (const auto& pair : relationship.mapping) {
    const schema::Column* column = relationship.target->FindColumnByName(pair.second);
    if (column == nullptr) {
      return Error(ErrorCode::kUnexpected, "unknown join column " + pair.second +
                                               " of the relationship " + relationship.name);
    }
    if (!Groupable(*column)) {
      return Error(ErrorCode::kNotSupported,
                   "the relationship " + relationship.name + ", joining on the " +
                       TypeText(*column) + " column " + column->name +
                       ", is not supported on BigQuery, which cannot compare or group it");
    }
    types.push_back(*ParameterType(*column));
  }
  return types;
}

// ---- clauses ------------------------------------------------------------------------------------

std::string Embedded(const Condition& condition) {
  return condition.compound ? "(" + condition.text + ")" : condition.text;
}

std::string Joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += separator;
    text += items[i];
  }
  return text;
}

std::string WhereClause(const std::vector<Condition>& conditions) {
  if (conditions.empty()) return "";
  std::vector<std::string> parts;
  for (const Condition& condition : conditions) parts.push_back(Embedded(condition));
  return " WHERE " + Joined(parts, " AND ");
}

std::string OrderClause(const std::vector<SortKey>& keys, bool explicit_nulls) {
  std::vector<std::string> parts;
  for (const SortKey& key : keys) {
    const char* direction = key.descending ? " DESC" : " ASC";
    if (explicit_nulls) {
      parts.push_back(key.expression + direction +
                      (key.nulls_first ? " NULLS FIRST" : " NULLS LAST"));
      continue;
    }
    // BigQuery sorts nulls first ascending and last descending; `x IS NULL` is false for the
    // values, so sorting it in the key's direction puts the nulls at the other end.
    if (key.nullable && key.nulls_first == key.descending) {
      parts.push_back("(" + key.expression + " IS NULL)" + direction);
    }
    parts.push_back(key.expression + direction);
  }
  return Joined(parts);
}

// ---- Level --------------------------------------------------------------------------------------

Level::Level(StatementBuilder& builder, const schema::Table& table)
    : alias(builder.Alias('t')),
      from(builder.Table(table) + " AS " + builder.Id(alias)),
      builder_(&builder) {}

Level::Slot& Level::AddSlot(std::vector<Slot>& slots, std::string expression, char prefix) {
  const std::string name = std::string(1, prefix) + std::to_string(counts_[PrefixIndex(prefix)]++);
  slots.push_back({std::move(expression), name});
  return slots.back();
}

void Level::AddStage(Stage stage) {
  if (stages_.empty()) {
    for (const std::string& key : keys) AddSlot(key_slots_, key, 'k');
    for (const SortKey& key : order) AddSlot(order_slots_, key.expression, 's');
  }
  stages_.push_back(std::move(stage));
}

void Level::AddDistinctStage() {
  Stage stage{builder_->Alias('r'), true, {}};
  stage.filter.push_back({builder_->Column(stage.alias, "n") + " = 1"});
  AddStage(std::move(stage));
}

void Level::AddNumberingStage(std::optional<int64_t> offset, std::optional<int64_t> limit) {
  Stage stage{builder_->Alias('r'), false, {}};
  const std::string number = builder_->Column(stage.alias, "n");
  const int64_t skipped = offset.value_or(0);
  if (offset) stage.filter.push_back({number + " > " + builder_->IntegerParam(skipped)});
  if (limit) {
    // The last row kept, offset + limit, saturating.
    const int64_t last = *limit > std::numeric_limits<int64_t>::max() - skipped
                             ? std::numeric_limits<int64_t>::max()
                             : skipped + *limit;
    stage.filter.push_back({number + " <= " + builder_->IntegerParam(last)});
  }
  AddStage(std::move(stage));
}

std::string Level::At(const Slot& slot, size_t stage) const {
  if (stage == 0) return slot.expression;
  return builder_->Column(stages_[stage - 1].alias, slot.name);
}

std::string Level::Use(std::string expression, char prefix) {
  if (stages_.empty()) return expression;
  return At(AddSlot(slots_, std::move(expression), prefix), stages_.size());
}

std::vector<std::string> Level::FinalKeys() const {
  if (stages_.empty()) return keys;
  std::vector<std::string> final_keys;
  for (const Slot& slot : key_slots_) final_keys.push_back(At(slot, stages_.size()));
  return final_keys;
}

std::vector<SortKey> Level::OrderAt(size_t stage) const {
  std::vector<SortKey> keys_at = order;
  if (stage == 0 || stages_.empty()) return keys_at;
  for (size_t i = 0; i < keys_at.size(); ++i) keys_at[i].expression = At(order_slots_[i], stage);
  return keys_at;
}

std::vector<SortKey> Level::FinalOrder() const { return OrderAt(stages_.size()); }

std::string Level::Window(size_t stage) const {
  std::vector<std::string> partition;
  for (const Slot& slot : key_slots_) partition.push_back(At(slot, stage));
  if (stages_[stage].distinct) {
    // A distinct stage is the first, reading the base.
    partition.insert(partition.end(), distinct.begin(), distinct.end());
  }
  std::string window;
  if (!partition.empty()) window = "PARTITION BY " + Joined(partition);
  const std::string order_by = OrderClause(OrderAt(stage), false);
  if (!order_by.empty()) window += (window.empty() ? "" : " ") + ("ORDER BY " + order_by);
  return window;
}

std::string Level::FromClause() const {
  std::string source = " FROM " + from + WhereClause(conditions);
  for (size_t i = 0; i < stages_.size(); ++i) {
    std::vector<std::string> items;
    for (const auto* slots : {&key_slots_, &order_slots_, &slots_}) {
      for (const Slot& slot : *slots)
        items.push_back(At(slot, i) + " AS " + builder_->Id(slot.name));
    }
    items.push_back("ROW_NUMBER() OVER (" + Window(i) + ") AS " + builder_->Id("n"));
    source = " FROM (SELECT " + Joined(items) + source + ") AS " + builder_->Id(stages_[i].alias) +
             WhereClause(stages_[i].filter);
  }
  return source;
}

}  // namespace junction::backends::bigquery

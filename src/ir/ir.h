#pragma once
// The query IR (DESIGN.md §2, BuildIr → Plan → Translate): what one root field asks of a source,
// with every GraphQL name resolved to the table, column or relationship of the SourceModel it
// stands for and every argument value coerced. It knows no SQL; backends translate it.
//
//   { users(where: {name: {_like: "A%"}}, order_by: {id: desc}, limit: 2) {
//       id  orders(limit: 1) { total }  orders_aggregate { aggregate { count } } } }
//   => RootField{"users", source "default", kSelect, Select{users,
//        fields [Field{"id", Column{id}},
//                Field{"orders", ArrayRelation{orders rel, Select{orders, [Field{"total"…}],
//                                                                  args{limit 1}}}},
//                Field{"orders_aggregate", ArrayAggregate{orders rel, AggregateSelect{
//                   [AggregateField{"aggregate", AggregateFunctions{[{"count", Count{}}]}}]}}}],
//        args{where Compare{name, kLike, "A%"}, order_by [{id, kDesc}], limit 2}}}
//
// Pointers point into the SourceModel the IR was built from, which outlives it. Trees hold their
// children by value; BoolExp uses unique_ptr only to break recursion, so the IR is move-only.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "graphql/ast.h"
#include "schema/source_model.h"

namespace junction::ir {

// ---- where: <t>_bool_exp ---------------------------------------------------------------------

// The comparison operators of Hasura's `<scalar>_comparison_exp`.
enum class CompareOp {
  kEq,
  kNeq,
  kGt,
  kGte,
  kLt,
  kLte,
  kIn,
  kNin,
  kIsNull,
  kLike,
  kNlike,
  kIlike,
  kNilike,
  kSimilar,
  kNsimilar,
  kRegex,
  kNregex,
  kIregex,
  kNiregex,
  kContains,
  kContainedIn,
  kHasKey,
  kHasKeysAny,
  kHasKeysAll,
};

struct BoolExp;

// All operands hold (true when empty).
struct And {
  std::vector<BoolExp> operands;
};
// Some operand holds (false when empty).
struct Or {
  std::vector<BoolExp> operands;
};
struct Not {
  std::unique_ptr<BoolExp> operand;
};
// `column op value`. The value is the coerced GraphQL value (never null): a scalar for most
// operators, a list for _in/_nin/_has_keys_*, a boolean for _is_null (true: IS NULL), any JSON
// for jsonb _contains/_contained_in.
struct Compare {
  const schema::Column* column = nullptr;
  CompareOp op = CompareOp::kEq;
  nlohmann::ordered_json value;
};
// Some row of the relationship's target, joined by its mapping, satisfies `where` (object and
// array relationships alike).
struct Exists {
  const schema::Relationship* relationship = nullptr;
  std::unique_ptr<BoolExp> where;
};

// `_exists` of a permission filter: some row of `table` (unrelated to the row tested) satisfies
// `where`.
struct ExistsTable {
  const schema::Table* table = nullptr;
  std::unique_ptr<BoolExp> where;
};
// A remote relationship in a permission filter (schema/permission.h): the row's `columns` equal
// the join values of some target row satisfying the filter's condition. `lookup` is the query on
// the target's source that answers those values (a select of the target's join columns, keyed
// "k0", "k1", … in mapping order, of the rows the condition passes); Execute runs it before
// translating the query and fills in `keys` (one array of values per target row), which the
// translators read as `columns IN keys` (execute/remote_filters.h).
struct RootField;
struct RemoteKeys {
  std::vector<nlohmann::ordered_json> rows;
  bool resolved = false;
};
struct RemoteExists {
  const schema::Relationship* relationship = nullptr;
  std::vector<const schema::Column*> columns;  // this table's join columns, in mapping order
  std::shared_ptr<const RootField> lookup;
  std::shared_ptr<RemoteKeys> keys = std::make_shared<RemoteKeys>();
};

struct BoolExp {
  std::variant<And, Or, Not, Compare, Exists, ExistsTable, RemoteExists> node;
};

// ---- order_by: <t>_order_by ------------------------------------------------------------------

enum class Direction { kAsc, kDesc };
// Hasura's asc is nulls last and desc nulls first (Postgres's defaults), unless stated.
enum class Nulls { kFirst, kLast };

// An aggregate of an array relationship's rows: count(*) when `column` is null, else
// `function(column)` (function: sum, avg, max, min, stddev, stddev_pop, stddev_samp, var_pop,
// var_samp, variance).
struct OrderByAggregate {
  const schema::Relationship* relationship = nullptr;  // an array relationship
  std::string function;                                // "count" or the operator name
  const schema::Column* column = nullptr;              // of the relationship's target
  // The role's permission filter on the target: only the rows it passes are aggregated.
  std::shared_ptr<const BoolExp> filter;
};

// One sort key: after following `path` (object relationships, outermost first), a column of the
// table reached, or an aggregate of one of its array relationships.
struct OrderBy {
  std::vector<const schema::Relationship*> path;
  // Per step of `path`, the role's permission filter on the table it reaches (null: none): a
  // related row the role may not see sorts as no row.
  std::vector<std::shared_ptr<const BoolExp>> path_filters;
  std::variant<const schema::Column*, OrderByAggregate> target;
  Direction direction = Direction::kAsc;
  Nulls nulls = Nulls::kLast;
};

// ---- selections --------------------------------------------------------------------------------

// The arguments a list of rows takes: where, order_by, limit, offset, distinct_on.
struct SelectArgs {
  std::optional<BoolExp> where;
  std::vector<OrderBy> order_by;
  std::optional<int64_t> limit;
  std::optional<int64_t> offset;
  std::vector<const schema::Column*> distinct_on;  // a prefix of order_by's columns
};

// `__typename`: the GraphQL type name of the object it is selected in.
struct Typename {
  std::string name;
};

struct Field;

// Rows of `table` shaped by `fields` (an object per row).
struct Select {
  const schema::Table* table = nullptr;
  std::vector<Field> fields;
  SelectArgs args;
};

// `fn { col … }` inside `aggregate` (fn: sum, avg, max, min, stddev, …).
struct AggregateColumnField {
  std::string alias;
  std::variant<const schema::Column*, Typename> value;
};
struct AggregateCount {
  std::vector<const schema::Column*> columns;  // empty: count(*)
  bool distinct = false;
};
struct AggregateOperator {
  std::string function;
  std::vector<AggregateColumnField> fields;
};
// One field of `<t>_aggregate_fields`.
struct AggregateFunctionField {
  std::string alias;
  std::variant<AggregateCount, AggregateOperator, Typename> value;
};
// `aggregate { … }` and `nodes { … }` of `<t>_aggregate`.
struct AggregateFunctions {
  std::vector<AggregateFunctionField> fields;
};
struct Nodes {
  std::vector<Field> fields;
};
struct AggregateField {
  std::string alias;
  std::variant<AggregateFunctions, Nodes, Typename> value;
};

// `<t>_aggregate`: aggregates over, and the nodes of, the rows `args` select (limit and offset
// included, as Hasura does). A role's permission limit caps `nodes` only (REMOTE_JOINS.md §4):
// then `nodes_args` are `args` with that limit, and `nodes` reads its own rows with them.
struct AggregateSelect {
  const schema::Table* table = nullptr;
  std::vector<AggregateField> fields;
  SelectArgs args;
  std::optional<SelectArgs> nodes_args;
};

struct ColumnField {
  const schema::Column* column = nullptr;
};
// An object relationship: the related row as an object, or null. `select.args` is empty.
struct ObjectRelation {
  const schema::Relationship* relationship = nullptr;
  Select select;
};
// An array relationship: the related rows as a list.
struct ArrayRelation {
  const schema::Relationship* relationship = nullptr;
  Select select;
};
// `<rel>_aggregate` of an array relationship.
struct ArrayAggregate {
  const schema::Relationship* relationship = nullptr;
  AggregateSelect select;
};

// Where the plan cut a remote relationship out of the query (plan.h, RemoteJoin): JSON null in
// the query's result, keeping the key's place until the engine puts the joined value there.
struct JoinPlaceholder {};

// ---- remote schemas ----------------------------------------------------------------------------

struct RemoteSelection;

// An argument sent to a remote schema: its coerced value, and its type in the remote's names (the
// engine sends every value as a variable of that type).
struct RemoteArgument {
  std::string name;
  graphql::TypeRef type;
  nlohmann::ordered_json value;
};

// A field sent to a remote schema, in the remote's names: `alias: name(arguments) { selection }`
// (`__typename` too, whose answer the engine renames when the remote's types are renamed).
struct RemoteField {
  std::string alias;
  std::string name;
  std::vector<RemoteArgument> arguments;
  std::vector<RemoteSelection> selection;  // empty for a leaf
};

// A relationship to a remote schema's field (from a table or a remote type): what the user's
// field asks of the target, the user's arguments (merged with the relationship's template when
// sent) and the selection of the field's type, in the target's names.
struct RemoteSchemaRelation {
  const schema::RemoteSchemaRelationship* relationship = nullptr;
  std::vector<RemoteArgument> arguments;
  std::vector<RemoteSelection> selection;
};

// One field of a table's object type, under its response key.
struct Field {
  std::string alias;
  std::variant<ColumnField, Typename, ObjectRelation, ArrayRelation, ArrayAggregate,
               RemoteSchemaRelation, JoinPlaceholder>
      value;
};

// One field of a selection on a remote schema's type: a field the remote answers, or a
// relationship from that type (a Field holding an ObjectRelation, ArrayRelation, ArrayAggregate
// or RemoteSchemaRelation, which the plan cuts out into a JoinPlaceholder). `type_conditions`:
// the remote's types an object must be of for the field to apply (inline fragments, innermost
// last), as in graphql::NormalizedField.
struct RemoteSelection {
  std::vector<std::string> type_conditions;
  std::variant<RemoteField, Field> node;
};

// A root field (or, with a root-field namespace, the whole root) of a remote schema: what one
// request to it asks. `selection` holds the remote root's fields; the step's value is the
// answer's `data` object (`namespaced`) or its one field.
struct RemoteRootField {
  std::string alias;
  const schema::RemoteSchema* schema = nullptr;
  graphql::OperationType operation = graphql::OperationType::kQuery;
  std::vector<RemoteSelection> selection;
  bool namespaced = false;
};

// The relationship `field` follows (an object or array relationship, `<rel>_aggregate`), or null
// (a relationship to a remote schema included: RemoteSchemaRelation).
inline const schema::Relationship* RelationshipOf(const Field& field) {
  if (const auto* object = std::get_if<ObjectRelation>(&field.value)) return object->relationship;
  if (const auto* array = std::get_if<ArrayRelation>(&field.value)) return array->relationship;
  if (const auto* aggregate = std::get_if<ArrayAggregate>(&field.value)) {
    return aggregate->relationship;
  }
  return nullptr;
}

// ---- root fields -------------------------------------------------------------------------------

// One root field bound to a source. kSelect answers a list (select), kSelectByPk one object or
// null (select, whose where is the primary-key equality), kSelectAggregate an object (aggregate).
struct RootField {
  enum class Kind { kSelect, kSelectByPk, kSelectAggregate };

  std::string alias;
  std::string source;
  Kind kind = Kind::kSelect;
  Select select;              // kSelect, kSelectByPk
  AggregateSelect aggregate;  // kSelectAggregate
};

}  // namespace junction::ir

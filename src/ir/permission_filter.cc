#include "ir/permission_filter.h"

#include <cctype>
#include <string>
#include <utility>

#include "ir/build_select_args.h"

namespace junction::ir {
namespace {

using Json = nlohmann::ordered_json;

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// A SQLite source's session value that is not of its column's type: Hasura's data connectors
// parse it as JSON of that type before sending anything (aeson's words).
Error NotOfType(const std::string& variable, const std::string& value, std::string_view type) {
  const Json prefix = Json::parse(value.substr(0, value.find_first_of(" ;,")), nullptr, false);
  const std::string reason = prefix.is_discarded()
                                 ? "Failed reading: not a valid json value at '" + value + "'"
                                 : "endOfInput";
  return Error(ErrorCode::kParseFailed, "Expected " + std::string(type) +
                                            " value for session variable \"" + variable +
                                            "\". Error in $: " + reason);
}

// A session variable's text as a value of `column`'s type. Postgres gets the text, cast to the
// column's type in SQL as Hasura does (a value that is not of the type fails there, as Postgres
// says); SQLite compares by type, so its numbers and booleans are parsed here.
Result<Json> Typed(const std::string& variable, const std::string& text,
                   const schema::Column& column, schema::Backend backend) {
  if (backend != schema::Backend::kSqlite) return Json(text);
  using Kind = schema::PgScalar::Kind;
  switch (column.scalar_kind) {
    case Kind::kInteger:
    case Kind::kSmallInt:
    case Kind::kBigInt:
    case Kind::kReal:
    case Kind::kDouble:
    case Kind::kNumeric: {
      const Json number = Json::parse(text, nullptr, false);
      if (!number.is_number()) return NotOfType(variable, text, "number");
      return number;
    }
    case Kind::kBoolean: {
      const Json boolean = Json::parse(text, nullptr, false);
      if (!boolean.is_boolean()) return NotOfType(variable, text, "boolean");
      return boolean;
    }
    default:
      return Json(text);
  }
}

// The elements of a list-valued session variable: a JSON array, or a Postgres array literal
// `{1,2,"a b"}` as Hasura's users send in claims; anything else is one element.
std::vector<std::string> ListElements(const std::string& text) {
  std::vector<std::string> elements;
  if (!text.empty() && text.front() == '[') {
    const Json list = Json::parse(text, nullptr, false);
    if (list.is_array()) {
      for (const Json& item : list) {
        elements.push_back(item.is_string() ? item.get<std::string>() : item.dump());
      }
      return elements;
    }
  }
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') return {text};
  std::string current;
  bool quoted = false;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (c == '\\' && i + 2 < text.size()) {
      current += text[++i];
    } else if (c == ',' && !quoted) {
      elements.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (text.size() > 2) elements.push_back(std::move(current));
  return elements;
}

Result<const std::string*> Lookup(const schema::Session& session, const std::string& name) {
  const std::string variable = Lower(name);
  const auto found = session.variables.find(variable);
  if (found == session.variables.end()) {
    return Error(ErrorCode::kNotFound, "missing session variables: \"" + variable + "\"");
  }
  return &found->second;
}

// A filter's comparison value with the session's values in place of the variables it names.
Result<Json> Substitute(const Json& value, bool list, const schema::PermissionCompare& compare,
                        const schema::Session& session) {
  if (value.is_string() && schema::IsSessionVariable(value.get<std::string>())) {
    const std::string variable = Lower(value.get<std::string>());
    auto text = Lookup(session, variable);
    if (!text) return text.error();
    if (!list) return Typed(variable, **text, *compare.column, compare.backend);
    Json elements = Json::array();
    for (const std::string& element : ListElements(**text)) {
      auto typed = Typed(variable, element, *compare.column, compare.backend);
      if (!typed) return typed.error();
      elements.push_back(std::move(*typed));
    }
    return elements;
  }
  if (!value.is_array() || !list) return value;
  Json elements = Json::array();
  for (const Json& item : value) {
    auto substituted = Substitute(item, false, compare, session);
    if (!substituted) return substituted.error();
    elements.push_back(std::move(*substituted));
  }
  return elements;
}

Result<std::unique_ptr<BoolExp>> Owned(Result<BoolExp> exp) {
  if (!exp) return exp.error();
  return std::make_unique<BoolExp>(std::move(exp).value());
}

Result<std::vector<BoolExp>> InstantiateAll(const std::vector<schema::PermissionExp>& operands,
                                            const schema::Session& session) {
  std::vector<BoolExp> out;
  for (const schema::PermissionExp& operand : operands) {
    auto exp = InstantiateFilter(operand, session);
    if (!exp) return exp.error();
    out.push_back(std::move(*exp));
  }
  return out;
}

// The query answering a remote filter's keys: the target's join columns of the rows `where`
// passes.
std::shared_ptr<const RootField> KeyLookup(const schema::Relationship& relationship,
                                           BoolExp where) {
  auto lookup = std::make_shared<RootField>();
  const schema::Table& target = *relationship.target;
  lookup->alias = "keys";
  lookup->source = target.source;
  lookup->kind = RootField::Kind::kSelect;
  lookup->select.table = &target;
  for (size_t i = 0; i < relationship.mapping.size(); ++i) {
    lookup->select.fields.push_back(
        {"k" + std::to_string(i),
         ColumnField{target.FindColumnByName(relationship.mapping[i].second)}});
  }
  lookup->select.args.where = std::move(where);
  return lookup;
}

}  // namespace

Result<BoolExp> InstantiateFilter(const schema::PermissionExp& filter,
                                  const schema::Session& session) {
  return std::visit(
      [&](const auto& node) -> Result<BoolExp> {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, schema::PermissionAnd> ||
                      std::is_same_v<Node, schema::PermissionOr>) {
          auto operands = InstantiateAll(node.operands, session);
          if (!operands) return operands.error();
          if constexpr (std::is_same_v<Node, schema::PermissionAnd>) {
            return BoolExp{And{std::move(*operands)}};
          } else {
            return BoolExp{Or{std::move(*operands)}};
          }
        } else if constexpr (std::is_same_v<Node, schema::PermissionNot>) {
          auto operand = Owned(InstantiateFilter(*node.operand, session));
          if (!operand) return operand.error();
          return BoolExp{Not{std::move(*operand)}};
        } else if constexpr (std::is_same_v<Node, schema::PermissionCompare>) {
          const std::optional<CompareOp> op = CompareOpNamed(node.op);
          if (!op) return Error(ErrorCode::kUnexpected, "unknown operator " + node.op);
          const bool list = *op == CompareOp::kIn || *op == CompareOp::kNin ||
                            *op == CompareOp::kHasKeysAny || *op == CompareOp::kHasKeysAll;
          auto value = Substitute(node.value, list, node, session);
          if (!value) return value.error();
          return BoolExp{Compare{node.column, *op, std::move(*value)}};
        } else if constexpr (std::is_same_v<Node, schema::PermissionExists>) {
          auto where = Owned(InstantiateFilter(*node.where, session));
          if (!where) return where.error();
          return BoolExp{Exists{node.relationship, std::move(*where)}};
        } else if constexpr (std::is_same_v<Node, schema::PermissionExistsTable>) {
          auto where = Owned(InstantiateFilter(*node.where, session));
          if (!where) return where.error();
          return BoolExp{ExistsTable{node.table, std::move(*where)}};
        } else {
          auto where = InstantiateFilter(*node.where, session);
          if (!where) return where.error();
          return BoolExp{RemoteExists{node.relationship, node.columns,
                                      KeyLookup(*node.relationship, std::move(*where))}};
        }
      },
      filter.node);
}

Result<std::optional<BoolExp>> PermissionFilter(const schema::Table& table,
                                                const schema::Session& session) {
  if (table.permission == nullptr) return std::optional<BoolExp>();
  const auto* all = std::get_if<schema::PermissionAnd>(&table.permission->filter.node);
  if (all != nullptr && all->operands.empty()) return std::optional<BoolExp>();
  auto filter = InstantiateFilter(table.permission->filter, session);
  if (!filter) return filter.error();
  return std::optional<BoolExp>(std::move(filter).value());
}

}  // namespace junction::ir

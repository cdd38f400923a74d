#include "backends/sql/printer.h"

#include <utility>

namespace junction::backends::sql {

namespace {

// Built-in type names that mean something else unquoted (`char` is char(1), `bit` is bit(1)).
bool NeedsQuoting(std::string_view type_name) {
  if (type_name.empty() || type_name == "char" || type_name == "bit") return true;
  if (type_name[0] >= '0' && type_name[0] <= '9') return true;
  for (const char c : type_name) {
    const bool simple = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!simple) return true;
  }
  return false;
}

// Whether `expression` must be parenthesized as an operand of an operator.
bool IsCompound(const Expression& expression) {
  if (const auto* conjunction = std::get_if<Conjunction>(&expression.node)) {
    return conjunction->operands.size() > 1;
  }
  return std::holds_alternative<Binary>(expression.node) ||
         std::holds_alternative<Not>(expression.node) ||
         std::holds_alternative<IsNull>(expression.node) ||
         std::holds_alternative<Cast>(expression.node);
}

class Printer {
 public:
  explicit Printer(Dialect dialect) : dialect_(dialect) {}

  Statement Finish() && { return std::move(statement_); }

  void PrintSelect(const Select& select) {
    Append("SELECT ");
    if (!select.distinct_on.empty()) {
      Append("DISTINCT ON (");
      PrintList(select.distinct_on);
      Append(") ");
    }
    for (size_t i = 0; i < select.items.size(); ++i) {
      if (i > 0) Append(", ");
      PrintExpression(select.items[i].expression);
      if (!select.items[i].alias.empty()) Append(" AS " + QuoteIdentifier(select.items[i].alias));
    }
    if (select.from) {
      Append(" FROM ");
      PrintFromItem(*select.from);
    }
    for (const FromItem& item : select.cross_joins) {
      Append(", ");
      PrintFromItem(item);
    }
    for (const FromItem& join : select.left_lateral_joins) {
      Append(" LEFT JOIN LATERAL ");
      PrintFromItem(join);
      Append(" ON TRUE");
    }
    if (select.where) {
      Append(" WHERE ");
      PrintExpression(*select.where);
    }
    if (!select.group_by.empty()) {
      Append(" GROUP BY ");
      PrintList(select.group_by);
    }
    if (!select.order_by.empty()) {
      Append(" ORDER BY ");
      PrintOrderBy(select.order_by);
    }
    if (select.limit) {
      Append(" LIMIT ");
      PrintExpression(*select.limit);
    }
    if (select.offset) {
      Append(" OFFSET ");
      PrintExpression(*select.offset);
    }
  }

 private:
  void Append(std::string_view text) { statement_.text += text; }

  void PrintType(const TypeName& type) {
    // SQLite's types are the engine's own words (INTEGER, REAL, TEXT): printed as they are.
    if (dialect_ == Dialect::kSqlite) return Append(type.name);
    const bool builtin = type.schema.empty() || type.schema == "pg_catalog";
    if (builtin && !NeedsQuoting(type.name)) {
      Append(type.name);
    } else {
      if (!builtin) Append(QuoteIdentifier(type.schema) + ".");
      Append(QuoteIdentifier(type.name));
    }
    for (int i = 0; i < type.array_dimensions; ++i) Append("[]");
  }

  void PrintFromItem(const FromItem& item) {
    if (const auto* table = std::get_if<Table>(&item.source)) {
      Append(QuoteIdentifier(table->schema) + "." + QuoteIdentifier(table->name));
    } else if (const auto* select = std::get_if<std::unique_ptr<Select>>(&item.source)) {
      Append("(");
      PrintSelect(**select);
      Append(")");
    } else {
      const auto& records = std::get<RecordSet>(item.source);
      PrintExpression(*records.call);
      Append(" AS " + QuoteIdentifier(item.alias));
      if (records.columns.empty()) return;
      Append("(");
      for (size_t i = 0; i < records.columns.size(); ++i) {
        if (i > 0) Append(", ");
        Append(QuoteIdentifier(records.columns[i].first));
        if (records.columns[i].second) {
          Append(" ");
          PrintType(*records.columns[i].second);
        }
      }
      Append(")");
      return;
    }
    Append(" AS " + QuoteIdentifier(item.alias));
  }

  void PrintList(const std::vector<Expression>& expressions) {
    for (size_t i = 0; i < expressions.size(); ++i) {
      if (i > 0) Append(", ");
      PrintExpression(expressions[i]);
    }
  }

  void PrintOrderBy(const std::vector<OrderByItem>& items) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) Append(", ");
      PrintExpression(*items[i].expression);
      Append(items[i].descending ? " DESC" : " ASC");
      Append(items[i].nulls_first ? " NULLS FIRST" : " NULLS LAST");
    }
  }

  void PrintOperand(const Expression& expression) {
    // CAST(x AS t) is self-delimiting; `x::t` is not.
    const bool sqlite_cast =
        dialect_ == Dialect::kSqlite && std::holds_alternative<Cast>(expression.node);
    if (!IsCompound(expression) || sqlite_cast) return PrintExpression(expression);
    Append("(");
    PrintExpression(expression);
    Append(")");
  }

  void PrintConjunction(const Conjunction& conjunction) {
    if (conjunction.operands.empty()) return Append(conjunction.is_and ? "TRUE" : "FALSE");
    for (size_t i = 0; i < conjunction.operands.size(); ++i) {
      if (i > 0) Append(conjunction.is_and ? " AND " : " OR ");
      const Expression& operand = conjunction.operands[i];
      const auto* nested = std::get_if<Conjunction>(&operand.node);
      if (nested != nullptr && nested->operands.size() > 1) {
        Append("(");
        PrintConjunction(*nested);
        Append(")");
      } else {
        PrintExpression(operand);
      }
    }
  }

  void PrintCall(const Call& call) {
    Append(call.name + "(");
    if (call.distinct) Append("DISTINCT ");
    PrintList(call.args);
    if (!call.order_by.empty()) {
      Append(" ORDER BY ");
      PrintOrderBy(call.order_by);
    }
    Append(")");
  }

  void PrintParameter(const Parameter& parameter) {
    size_t number = statement_.params.size() + 1;
    if (parameter.execution_slot) {
      const size_t slot = *parameter.execution_slot;
      std::vector<size_t>& slots = statement_.execution_parameters;
      if (slots.size() <= slot) slots.resize(slot + 1, kNoParameter);
      if (slots[slot] == kNoParameter) {
        slots[slot] = statement_.params.size();
        statement_.params.push_back(parameter.value);
      }
      number = slots[slot] + 1;
    } else {
      statement_.params.push_back(parameter.value);
    }
    if (dialect_ == Dialect::kSqlite) return Append("?" + std::to_string(number));
    Append("$" + std::to_string(number) + "::");
    PrintType(parameter.type);
  }

  static constexpr size_t kNoParameter = static_cast<size_t>(-1);

  void PrintExpression(const Expression& expression) {
    std::visit([this](const auto& node) { PrintNode(node); }, expression.node);
  }

  void PrintNode(const Column& column) {
    if (!column.table.empty()) Append(QuoteIdentifier(column.table) + ".");
    Append(QuoteIdentifier(column.name));
  }
  void PrintNode(const AllColumns& all) { Append(QuoteIdentifier(all.table) + ".*"); }
  void PrintNode(const Parameter& parameter) { PrintParameter(parameter); }
  void PrintNode(const StringLiteral& literal) { Append(QuoteLiteral(literal.value)); }
  void PrintNode(const Keyword& keyword) { Append(keyword.word); }
  void PrintNode(const Cast& cast) {
    if (dialect_ == Dialect::kSqlite) {
      Append("CAST(");
      PrintExpression(*cast.operand);
      Append(" AS ");
      PrintType(cast.type);
      return Append(")");
    }
    PrintOperand(*cast.operand);
    Append("::");
    PrintType(cast.type);
  }
  void PrintNode(const Binary& binary) {
    PrintOperand(*binary.left);
    Append(" " + binary.op + " ");
    PrintOperand(*binary.right);
  }
  void PrintNode(const Conjunction& conjunction) { PrintConjunction(conjunction); }
  void PrintNode(const Not& node) {
    Append("NOT (");
    PrintExpression(*node.operand);
    Append(")");
  }
  void PrintNode(const IsNull& node) {
    PrintOperand(*node.operand);
    Append(node.negated ? " IS NOT NULL" : " IS NULL");
  }
  void PrintNode(const Row& row) {
    Append("(");
    PrintList(row.elements);
    Append(")");
  }
  void PrintNode(const Call& call) { PrintCall(call); }
  void PrintNode(const Subquery& subquery) {
    Append("(");
    PrintSelect(*subquery.select);
    Append(")");
  }
  void PrintNode(const Exists& exists) {
    Append("EXISTS (");
    PrintSelect(*exists.select);
    Append(")");
  }

  void PrintNode(const Case& node) {
    Append("CASE");
    for (const CaseWhen& when : node.whens) {
      Append(" WHEN ");
      PrintExpression(*when.condition);
      Append(" THEN ");
      PrintExpression(*when.result);
    }
    if (node.otherwise) {
      Append(" ELSE ");
      PrintExpression(*node.otherwise);
    }
    Append(" END");
  }
  void PrintNode(const WindowCall& window) {
    PrintExpression(*window.call);
    Append(" OVER (");
    if (!window.partition_by.empty()) {
      Append("PARTITION BY ");
      PrintList(window.partition_by);
    }
    if (!window.order_by.empty()) {
      if (!window.partition_by.empty()) Append(" ");
      Append("ORDER BY ");
      PrintOrderBy(window.order_by);
    }
    Append(")");
  }

  Dialect dialect_;
  Statement statement_;
};

}  // namespace

Statement Print(const Select& select, Dialect dialect) {
  Printer printer(dialect);
  printer.PrintSelect(select);
  return std::move(printer).Finish();
}

std::string QuoteIdentifier(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string QuoteLiteral(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

}  // namespace junction::backends::sql

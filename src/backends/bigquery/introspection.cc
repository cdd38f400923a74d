#include "backends/bigquery/introspection.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "backends/bigquery/decode.h"
#include "backends/bigquery/identifier.h"

namespace junction::backends::bigquery {
namespace {

using metadata::CatalogColumn;
using metadata::CatalogTable;

Error Malformed(std::string what) { return MalformedResponse(std::move(what)); }

bool StartsWithWord(std::string_view text, std::string_view upper_word) {
  if (text.size() < upper_word.size() || Upper(text.substr(0, upper_word.size())) != upper_word) {
    return false;
  }
  // The word ends there: "STRUCT<", "STRUCT <", but not "STRUCTURE".
  return text.size() == upper_word.size() || text[upper_word.size()] == '<' ||
         text[upper_word.size()] == ' ' || text[upper_word.size()] == '(';
}

// Whether every '<' and '(' in `type` closes, in order. INFORMATION_SCHEMA never answers
// otherwise; a type that does not is a malformed answer rather than something to guess at.
bool Balanced(std::string_view type) {
  std::vector<char> open;
  for (const char c : type) {
    if (c == '<' || c == '(') open.push_back(c);
    if (c == '>' || c == ')') {
      if (open.empty() || open.back() != (c == '>' ? '<' : '(')) return false;
      open.pop_back();
    }
  }
  return open.empty();
}

// A scalar's type name without its parameters: "STRING(10)" → "STRING", "NUMERIC(10, 2)" →
// "NUMERIC". Angle-bracketed element types ("RANGE<DATE>") are part of the name and stay.
std::string WithoutParameters(std::string_view type) {
  const size_t open = type.find('(');
  if (open != std::string_view::npos && type.find('<') > open) type = type.substr(0, open);
  return std::string(TrimSpace(type));
}

struct ColumnType {
  std::string type;
  bool is_array = false;
};

// INFORMATION_SCHEMA.COLUMNS.data_type as introspection.h describes it.
std::optional<ColumnType> ParseDataType(std::string_view data_type) {
  const std::string_view type = TrimSpace(data_type);
  if (type.empty() || !Balanced(type)) return std::nullopt;
  if (StartsWithWord(type, "STRUCT")) return ColumnType{std::string(type), false};
  if (StartsWithWord(type, "ARRAY")) {
    const size_t open = type.find('<');
    if (open == std::string_view::npos || type.back() != '>') return std::nullopt;
    const std::string_view element = TrimSpace(type.substr(open + 1, type.size() - open - 2));
    // The brackets must be the ARRAY's own: "ARRAY<A> x <B>" would balance yet not be one.
    if (element.empty() || !Balanced(element)) return std::nullopt;
    if (StartsWithWord(element, "STRUCT")) return ColumnType{std::string(type), false};
    return ColumnType{WithoutParameters(element), true};
  }
  return ColumnType{WithoutParameters(type), false};
}

// The text of `row`'s column `name`, or nullopt when it is null or not text.
std::optional<std::string> Text(const nlohmann::json& row, const char* name) {
  const auto value = row.find(name);
  if (value == row.end() || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

}  // namespace

Result<std::string> IntrospectionSql(std::string_view dataset) {
  Result<std::string> quoted = QuoteIdentifier(dataset);
  if (!quoted) {
    return Error(ErrorCode::kInvalidConfiguration,
                 "invalid BigQuery dataset: " + std::move(quoted).error().message);
  }
  return "SELECT `c`.`table_name`, `t`.`table_type`, `c`.`column_name`, `c`.`ordinal_position`, "
         "`c`.`is_nullable`, `c`.`data_type`\n"
         "FROM " +
         *quoted +
         ".INFORMATION_SCHEMA.COLUMNS AS `c`\n"
         "JOIN " +
         *quoted +
         ".INFORMATION_SCHEMA.TABLES AS `t` ON `t`.`table_name` = `c`.`table_name`\n"
         "WHERE `c`.`is_hidden` = 'NO'\n"
         "ORDER BY `c`.`table_name`, `c`.`ordinal_position`";
}

Status AddDataset(std::string_view dataset, const QueryAnswer& answer, metadata::Catalog& catalog) {
  const Result<nlohmann::json> rows = DecodeRows(answer.fields, answer.rows);
  if (!rows) return rows.error();
  std::map<std::string, CatalogTable> tables;
  for (const nlohmann::json& row : *rows) {
    const std::optional<std::string> table_name = Text(row, "table_name");
    const std::optional<std::string> column_name = Text(row, "column_name");
    const std::optional<std::string> position_text = Text(row, "ordinal_position");
    const std::optional<std::string> data_type = Text(row, "data_type");
    if (!table_name || !column_name || !position_text || !data_type) {
      return Malformed(
          "an INFORMATION_SCHEMA row lacks table_name, column_name, ordinal_position "
          "or data_type");
    }
    int position = 0;
    const char* end = position_text->data() + position_text->size();
    const auto [parsed_end, error] = std::from_chars(position_text->data(), end, position);
    if (error != std::errc() || parsed_end != end) {
      return Malformed("ordinal_position \"" + *position_text + "\" is not an integer");
    }
    const std::optional<ColumnType> type = ParseDataType(*data_type);
    if (!type) {
      return Malformed("the column " + *table_name + "." + *column_name + " has the type \"" +
                       *data_type + "\"");
    }
    CatalogTable& table = tables[*table_name];
    if (table.columns.empty()) {
      table.name = metadata::QualifiedName{std::string(dataset), *table_name};
      const std::string table_type = Text(row, "table_type").value_or("BASE TABLE");
      if (table_type == "VIEW" || table_type == "MATERIALIZED VIEW") {
        table.kind = CatalogTable::Kind::kView;
      }
    }
    CatalogColumn column;
    column.name = *column_name;
    column.position = position;
    column.type = type->type;
    column.type_schema = std::string(metadata::kBigQueryTypeSchema);
    column.is_array = type->is_array;
    column.nullable = Text(row, "is_nullable") != "NO";
    table.columns.push_back(std::move(column));
  }
  for (auto& [name, table] : tables) {
    // ORDER BY already sorts them; a double or a future answer that does not must not reorder
    // the schema's fields.
    std::stable_sort(
        table.columns.begin(), table.columns.end(),
        [](const CatalogColumn& a, const CatalogColumn& b) { return a.position < b.position; });
    catalog.tables[table.name] = std::move(table);
  }
  return {};
}

}  // namespace junction::backends::bigquery

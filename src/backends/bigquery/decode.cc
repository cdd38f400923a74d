#include "backends/bigquery/decode.h"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "backends/bigquery/client.h"
#include "backends/bigquery/identifier.h"
#include "common/json_writer.h"

namespace junction::backends::bigquery {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using sql::FieldShape;
using sql::RowShape;

// What did not fit stays in `internal` (it may quote a cell: data the role may not see).
Error Malformed(std::string what) { return MalformedResponse(std::move(what)); }

// How a field's cells are encoded; every type not named here is written as its text (see the
// table in decode.h), including types BigQuery may add, since their text is all there is.
enum class Encoding { kText, kBool, kTimestamp, kJson, kRecord };

struct FieldInfo {
  std::string_view name;
  std::string_view type;
  Encoding encoding = Encoding::kText;
  bool repeated = false;
  const json* fields = nullptr;  // kRecord: the RECORD's own fields
};

// Query results name types the legacy way (INTEGER, FLOAT, BOOLEAN, RECORD; BIGQUERY.md §1.4);
// the standard names are accepted too, as Hasura's parser does. `mode` missing means NULLABLE.
Result<FieldInfo> ReadField(const json& field) {
  if (!field.is_object()) return Malformed("a schema field is not an object");
  const auto name = field.find("name");
  const auto type = field.find("type");
  if (name == field.end() || !name->is_string()) return Malformed("a schema field has no name");
  FieldInfo info;
  info.name = name->get_ref<const std::string&>();
  if (type == field.end() || !type->is_string()) {
    return Malformed("the schema field \"" + std::string(info.name) + "\" has no type");
  }
  info.type = type->get_ref<const std::string&>();
  const auto mode = field.find("mode");
  if (mode != field.end() && mode->is_string()) {
    info.repeated = Upper(mode->get_ref<const std::string&>()) == "REPEATED";
  }
  const std::string type_name = Upper(info.type);
  if (type_name == "BOOLEAN" || type_name == "BOOL") {
    info.encoding = Encoding::kBool;
  } else if (type_name == "TIMESTAMP") {
    info.encoding = Encoding::kTimestamp;
  } else if (type_name == "JSON") {
    info.encoding = Encoding::kJson;
  } else if (type_name == "RECORD" || type_name == "STRUCT") {
    info.encoding = Encoding::kRecord;
    const auto fields = field.find("fields");
    if (fields == field.end() || !fields->is_array()) {
      return Malformed("the RECORD field \"" + std::string(info.name) + "\" has no fields");
    }
    info.fields = &*fields;
  }
  return info;
}

std::string FieldError(const FieldInfo& field, std::string_view what) {
  return "field \"" + std::string(field.name) + "\" (" + std::string(field.type) +
         "): " + std::string(what);
}

// The value of a cell {"v": value}.
Result<const json*> CellValue(const json& cell) {
  if (!cell.is_object()) return Malformed("a cell is not an object");
  const auto value = cell.find("v");
  if (value == cell.end()) return Malformed("a cell has no \"v\"");
  return &*value;
}

// The cells {"f": [...]} of a row or a RECORD value, which must number as many as `fields`.
Result<const json*> RecordCells(const json& record, const json& fields) {
  if (!record.is_object()) return Malformed("a row or RECORD value is not an object");
  const auto cells = record.find("f");
  if (cells == record.end() || !cells->is_array()) {
    return Malformed("a row or RECORD value has no \"f\" list");
  }
  if (cells->size() != fields.size()) {
    return Malformed("a row or RECORD value has " + std::to_string(cells->size()) +
                     " cells where its schema has " + std::to_string(fields.size()) + " fields");
  }
  return &*cells;
}

// ---- TIMESTAMP ------------------------------------------------------------------------------

// BigQuery's TIMESTAMP range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z, in µs.
constexpr int64_t kMinMicros = -62135596800000000;
constexpr int64_t kMaxMicros = 253402300799999999;
constexpr int64_t kMicrosPerDay = 86400000000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Microseconds since the epoch from a TIMESTAMP cell: integer microseconds (useInt64Timestamp,
// "1748781296000000") or float seconds in any notation BigQuery prints ("1.561017697269367E9",
// "1561017697.269367", "-1.0E-6"). Float seconds are read as the decimal they spell, not through a
// double, so every microsecond they carry survives; digits past the microsecond round half up.
std::optional<int64_t> TimestampMicros(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::string digits;    // the significand's digits, the point removed
  int64_t exponent = 0;  // value = digits × 10^exponent
  bool any_digit = false;
  bool is_float = false;
  for (; i < text.size() && IsDigit(text[i]); ++i) {
    digits.push_back(text[i]);
    any_digit = true;
  }
  if (i < text.size() && text[i] == '.') {
    is_float = true;
    for (++i; i < text.size() && IsDigit(text[i]); ++i) {
      digits.push_back(text[i]);
      --exponent;
      any_digit = true;
    }
  }
  if (!any_digit) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    is_float = true;
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exponent_negative = text[i++] == '-';
    const size_t start = i;
    int64_t written = 0;
    for (; i < text.size() && IsDigit(text[i]) && i - start < 6; ++i) {
      written = written * 10 + (text[i] - '0');
    }
    if (i == start) return std::nullopt;
    exponent += exponent_negative ? -written : written;
  }
  if (i != text.size()) return std::nullopt;
  // Seconds become microseconds.
  if (is_float) exponent += 6;
  // Keep the digits that are whole microseconds; round on the first one dropped.
  bool round_up = false;
  if (exponent < 0) {
    const auto dropped = static_cast<size_t>(-exponent);
    if (dropped > digits.size()) {
      digits.clear();
    } else {
      round_up = digits[digits.size() - dropped] >= '5';
      digits.resize(digits.size() - dropped);
    }
    exponent = 0;
  }
  const size_t first = digits.find_first_not_of('0');
  digits.erase(0, first == std::string::npos ? digits.size() : first);
  if (digits.empty() && !round_up) return 0;
  // 19 digits exceed the range whatever follows; the check below keeps int64 from overflowing.
  if (static_cast<int64_t>(digits.size()) + exponent > 18) return std::nullopt;
  int64_t magnitude = 0;
  for (const char c : digits) magnitude = magnitude * 10 + (c - '0');
  for (int64_t e = 0; e < exponent; ++e) magnitude *= 10;
  if (round_up) ++magnitude;
  const int64_t micros = negative ? -magnitude : magnitude;
  if (micros < kMinMicros || micros > kMaxMicros) return std::nullopt;
  return micros;
}

void AppendPadded(std::string& out, int64_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
  out += digits;
}

// "YYYY-MM-DDTHH:MM:SS[.ffffff]Z", the fraction without trailing zeros (none when whole).
// The date comes from Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
std::string FormatTimestamp(int64_t micros) {
  int64_t days = micros / kMicrosPerDay;
  int64_t rest = micros % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const int64_t seconds = rest / 1000000;
  int64_t fraction = rest % 1000000;
  std::string out;
  out.reserve(27);
  AppendPadded(out, year, 4);
  out += '-';
  AppendPadded(out, month, 2);
  out += '-';
  AppendPadded(out, day, 2);
  out += 'T';
  AppendPadded(out, seconds / 3600, 2);
  out += ':';
  AppendPadded(out, seconds / 60 % 60, 2);
  out += ':';
  AppendPadded(out, seconds % 60, 2);
  if (fraction != 0) {
    int width = 6;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --width;
    }
    out += '.';
    AppendPadded(out, fraction, width);
  }
  out += 'Z';
  return out;
}

// ---- Cells ----------------------------------------------------------------------------------

// A cell's value (what its "v" holds) in Hasura's encoding. Json is nlohmann::json for
// DecodeCell / DecodeRows and ordered_json for DecodeShaped, which keeps a RECORD's fields and a
// JSON value's keys in BigQuery's order.
template <typename Json>
Result<Json> DecodeValue(const FieldInfo& field, const json& value, bool element = false);

template <typename Json>
Result<Json> DecodeRecord(const FieldInfo& field, const json& value) {
  const Result<const json*> cells = RecordCells(value, *field.fields);
  if (!cells) return cells.error();
  Json object = Json::object();
  for (size_t i = 0; i < field.fields->size(); ++i) {
    const Result<FieldInfo> sub = ReadField((*field.fields)[i]);
    if (!sub) return sub.error();
    const Result<const json*> cell = CellValue((**cells)[i]);
    if (!cell) return cell.error();
    Result<Json> decoded = DecodeValue<Json>(*sub, **cell);
    if (!decoded) return decoded.error();
    object[std::string(sub->name)] = std::move(*decoded);
  }
  return object;
}

template <typename Json>
Result<Json> DecodeValue(const FieldInfo& field, const json& value, bool element) {
  if (field.repeated && !element) {
    // BigQuery answers a NULL array as an empty one; Hasura's encoding agrees.
    if (value.is_null()) return Json::array();
    if (!value.is_array()) return Malformed(FieldError(field, "a REPEATED cell is not a list"));
    Json list = Json::array();
    for (const json& item : value) {
      const Result<const json*> item_value = CellValue(item);
      if (!item_value) return item_value.error();
      Result<Json> decoded = DecodeValue<Json>(field, **item_value, true);
      if (!decoded) return decoded.error();
      list.push_back(std::move(*decoded));
    }
    return list;
  }
  if (value.is_null()) return Json(nullptr);
  if (field.encoding == Encoding::kRecord) return DecodeRecord<Json>(field, value);
  if (!value.is_string()) return Malformed(FieldError(field, "a cell is not a string"));
  const std::string& text = value.get_ref<const std::string&>();
  switch (field.encoding) {
    case Encoding::kBool:
      if (text == "true") return Json(true);
      if (text == "false") return Json(false);
      return Malformed(FieldError(field, "\"" + text + "\" is not a boolean"));
    case Encoding::kTimestamp: {
      const std::optional<int64_t> micros = TimestampMicros(text);
      if (!micros) return Malformed(FieldError(field, "\"" + text + "\" is not a timestamp"));
      return Json(FormatTimestamp(*micros));
    }
    case Encoding::kJson: {
      Json parsed = Json::parse(text, nullptr, false);
      if (parsed.is_discarded()) return Malformed(FieldError(field, "the value is not JSON"));
      return parsed;
    }
    case Encoding::kText:
    case Encoding::kRecord:
      break;
  }
  return Json(text);
}

// ---- Shaped output --------------------------------------------------------------------------

// JSON text that is valid UTF-8 whatever the strings held (they come from a parsed response, so
// the replacement never happens in practice).
std::string Dump(const ordered_json& value) {
  return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

Error BadShape(std::string what) {
  return Error(ErrorCode::kUnexpected, "invalid row shape: " + std::move(what));
}

// Constants are the translator's JSON text; one bad constant would make the whole answer invalid,
// so they are checked once per statement rather than trusted.
Status CheckConstants(const std::vector<FieldShape>& fields) {
  for (const FieldShape& field : fields) {
    if (field.kind == FieldShape::Kind::kConstant && !json::accept(field.constant)) {
      return BadShape("the constant of \"" + field.key + "\" is not JSON");
    }
    if (Status nested = CheckConstants(field.fields); !nested) return nested;
  }
  return {};
}

size_t ColumnCount(const std::vector<FieldShape>& fields) {
  size_t count = 0;
  for (const FieldShape& field : fields) count += field.kind == FieldShape::Kind::kConstant ? 0 : 1;
  return count;
}

// An INT64 cell as a JSON number.
Status WriteNumber(const FieldInfo& field, const json& value, JsonWriter& out) {
  if (value.is_null()) {
    out.Null();
    return {};
  }
  if (field.repeated) return Malformed(FieldError(field, "a REPEATED column is not a number"));
  if (!value.is_string()) return Malformed(FieldError(field, "a cell is not a string"));
  const std::string& text = value.get_ref<const std::string&>();
  int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Malformed(FieldError(field, "\"" + text + "\" is not an integer"));
  }
  out.Int(number);
  return {};
}

class ShapedWriter {
 public:
  // Writes the object `shape` makes of `record`'s cells ({"f": [...]}) typed by `fields`.
  Status WriteObject(const std::vector<FieldShape>& shape, const json& fields, const json& record) {
    const Result<const json*> cells = RecordCells(record, fields);
    if (!cells) return cells.error();
    // An object of constants only (`{ __typename }`) still has one column: BigQuery has no empty
    // STRUCT or row, so the translator pads it with one the shape does not read (row_shape.h).
    const size_t read = ColumnCount(shape);
    if (read != fields.size() && !(read == 0 && fields.size() == 1)) {
      return Malformed("the result has " + std::to_string(fields.size()) +
                       " columns where the statement reads " + std::to_string(read));
    }
    out_.BeginObject();
    size_t column = 0;
    for (const FieldShape& field : shape) {
      out_.Key(field.key);
      if (field.kind == FieldShape::Kind::kConstant) {
        out_.Raw(field.constant);
        continue;
      }
      const Result<const json*> value = CellValue((**cells)[column]);
      if (!value) return value.error();
      if (Status written = WriteField(field, fields[column], **value); !written) return written;
      ++column;
    }
    out_.EndObject();
    return {};
  }

  // Writes one column's value `value` (a cell's "v") of schema field `field` as `shape` says.
  Status WriteField(const FieldShape& shape, const json& field, const json& value) {
    const Result<FieldInfo> info = ReadField(field);
    if (!info) return info.error();
    switch (shape.kind) {
      case FieldShape::Kind::kValue: {
        const Result<ordered_json> decoded = DecodeValue<ordered_json>(*info, value);
        if (!decoded) return decoded.error();
        out_.Raw(Dump(*decoded));
        return {};
      }
      case FieldShape::Kind::kNumber:
        return WriteNumber(*info, value, out_);
      case FieldShape::Kind::kObject:
        if (info->encoding != Encoding::kRecord || info->repeated) {
          return Malformed(FieldError(*info, "an object's column is not a STRUCT"));
        }
        if (value.is_null()) {
          out_.Null();
          return {};
        }
        return WriteObject(shape.fields, *info->fields, value);
      case FieldShape::Kind::kArray: {
        if (info->encoding != Encoding::kRecord || !info->repeated) {
          return Malformed(FieldError(*info, "an array's column is not an ARRAY<STRUCT>"));
        }
        out_.BeginArray();
        if (!value.is_null()) {
          if (!value.is_array()) return Malformed(FieldError(*info, "the cell is not a list"));
          for (const json& item : value) {
            const Result<const json*> element = CellValue(item);
            if (!element) return element.error();
            if ((*element)->is_null()) {
              out_.Null();
              continue;
            }
            if (Status written = WriteObject(shape.fields, *info->fields, **element); !written) {
              return written;
            }
          }
        }
        out_.EndArray();
        return {};
      }
      case FieldShape::Kind::kConstant:
        break;
    }
    // WriteObject and WriteArgument write constants without a column; reaching here is our bug.
    return BadShape("the constant \"" + shape.key + "\" was given a column");
  }

  // One remote-join row: [argument id, value], the value read from column 1 as `value_shape`.
  Status WriteArgument(const FieldShape& value_shape, const json& fields, const json& row) {
    const Result<const json*> cells = RecordCells(row, fields);
    if (!cells) return cells.error();
    const size_t needed = value_shape.kind == FieldShape::Kind::kConstant ? 1 : 2;
    if (fields.size() != needed) {
      return Malformed("a remote join's result has " + std::to_string(fields.size()) +
                       " columns where the statement reads " + std::to_string(needed));
    }
    const Result<FieldInfo> id_field = ReadField(fields[0]);
    if (!id_field) return id_field.error();
    const Result<const json*> id = CellValue((**cells)[0]);
    if (!id) return id.error();
    if ((*id)->is_null()) return Malformed("a remote join's argument id is null");
    out_.BeginArray();
    if (Status written = WriteNumber(*id_field, **id, out_); !written) return written;
    if (needed == 1) {
      out_.Raw(value_shape.constant);
    } else {
      const Result<const json*> value = CellValue((**cells)[1]);
      if (!value) return value.error();
      if (Status written = WriteField(value_shape, fields[1], **value); !written) return written;
    }
    out_.EndArray();
    return {};
  }

  JsonWriter& out() { return out_; }

 private:
  JsonWriter out_;
};

}  // namespace

Result<nlohmann::json> DecodeCell(const nlohmann::json& field, const nlohmann::json& cell) {
  const Result<FieldInfo> info = ReadField(field);
  if (!info) return info.error();
  const Result<const json*> value = CellValue(cell);
  if (!value) return value.error();
  return DecodeValue<json>(*info, **value);
}

Result<nlohmann::json> DecodeRows(const nlohmann::json& fields,
                                  const std::vector<nlohmann::json>& rows) {
  if (!fields.is_array()) return Malformed("the schema's fields are not a list");
  std::vector<FieldInfo> infos;
  infos.reserve(fields.size());
  for (const json& field : fields) {
    Result<FieldInfo> info = ReadField(field);
    if (!info) return info.error();
    infos.push_back(*info);
  }
  json answer = json::array();
  for (const json& row : rows) {
    const Result<const json*> cells = RecordCells(row, fields);
    if (!cells) return cells.error();
    json object = json::object();
    for (size_t i = 0; i < infos.size(); ++i) {
      const Result<const json*> value = CellValue((**cells)[i]);
      if (!value) return value.error();
      Result<json> decoded = DecodeValue<json>(infos[i], **value);
      if (!decoded) return decoded.error();
      object[std::string(infos[i].name)] = std::move(*decoded);
    }
    answer.push_back(std::move(object));
  }
  return answer;
}

Result<std::string> DecodeShaped(const nlohmann::json& fields,
                                 const std::vector<nlohmann::json>& rows,
                                 const sql::RowShape& shape) {
  if (!fields.is_array()) return Malformed("the schema's fields are not a list");
  if (Status constants = CheckConstants(shape.fields); !constants) return constants.error();
  ShapedWriter writer;
  switch (shape.form) {
    case RowShape::Form::kRows:
      writer.out().BeginArray();
      for (const json& row : rows) {
        if (Status written = writer.WriteObject(shape.fields, fields, row); !written) {
          return written.error();
        }
      }
      writer.out().EndArray();
      break;
    case RowShape::Form::kFirstRow:
      if (rows.empty()) {
        writer.out().Null();
      } else if (Status written = writer.WriteObject(shape.fields, fields, rows.front());
                 !written) {
        return written.error();
      }
      break;
    case RowShape::Form::kArguments:
      if (shape.fields.empty()) return BadShape("a remote join's shape has no value field");
      writer.out().BeginArray();
      for (const json& row : rows) {
        if (Status written = writer.WriteArgument(shape.fields[0], fields, row); !written) {
          return written.error();
        }
      }
      writer.out().EndArray();
      break;
  }
  return writer.out().Take();
}

}  // namespace junction::backends::bigquery

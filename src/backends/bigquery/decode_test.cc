// Decoding BigQuery's f/v rows: every recorded real response (tests/bigquery/fixtures) decodes,
// the fixtures covering each encoding decode to exactly Hasura's JSON, TIMESTAMP in both of
// BigQuery's notations, DecodeShaped's forms and kinds, and malformed answers as errors.

#include "backends/bigquery/decode.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace junction::backends::bigquery {
namespace {

using nlohmann::json;
using sql::FieldShape;
using sql::RowShape;
using Kind = FieldShape::Kind;

struct Fixture {
  json fields;
  std::vector<json> rows;
  json total_rows;
};

std::filesystem::path FixtureDir() { return JUNCTION_BIGQUERY_FIXTURES; }

Fixture ReadFixture(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  const json response = json::parse(text.str());
  Fixture fixture;
  fixture.fields = response.at("schema").at("fields");
  if (response.contains("rows")) {
    for (const json& row : response.at("rows")) fixture.rows.push_back(row);
  }
  fixture.total_rows = response.value("totalRows", json());
  return fixture;
}

// The fixture whose name starts with `prefix` ("003-").
Fixture FixtureNamed(const std::string& prefix) {
  for (const auto& entry : std::filesystem::directory_iterator(FixtureDir())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".json") && !name.ends_with(".meta.json")) {
      return ReadFixture(entry.path());
    }
  }
  ADD_FAILURE() << "no fixture " << prefix;
  return {};
}

// A shape reading every top-level column as a value under its schema name.
RowShape ValueShape(const json& fields) {
  RowShape shape;
  for (const json& field : fields) {
    shape.fields.push_back(FieldShape{field.at("name").get<std::string>(), Kind::kValue, {}, {}});
  }
  return shape;
}

json Cell(json value) { return json{{"v", std::move(value)}}; }
json Row(std::vector<json> values) {
  json cells = json::array();
  for (json& value : values) cells.push_back(Cell(std::move(value)));
  return json{{"f", std::move(cells)}};
}

void ExpectMalformed(const Error& error) {
  EXPECT_EQ(error.code, ErrorCode::kUnexpected);
  EXPECT_EQ(error.message, "malformed BigQuery response");
  EXPECT_FALSE(error.internal.value("message", "").empty()) << error.internal.dump();
}

// ---- The recorded real responses ------------------------------------------------------------

TEST(DecodeFixturesTest, EveryRecordedResponseDecodesBothWays) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(FixtureDir())) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".json") || name.ends_with(".meta.json")) continue;
    SCOPED_TRACE(name);
    ++count;
    const Fixture fixture = ReadFixture(entry.path());
    const Result<json> rows = DecodeRows(fixture.fields, fixture.rows);
    ASSERT_TRUE(rows) << rows.error().message;
    ASSERT_TRUE(rows->is_array());
    EXPECT_EQ(std::to_string(rows->size()), fixture.total_rows.get<std::string>());
    // The shaped path writes the same values, as JSON text a parser accepts.
    const Result<std::string> shaped =
        DecodeShaped(fixture.fields, fixture.rows, ValueShape(fixture.fields));
    ASSERT_TRUE(shaped) << shaped.error().message;
    EXPECT_EQ(json::parse(*shaped), *rows);
  }
  EXPECT_EQ(count, 80);
}

struct Expected {
  const char* prefix;
  const char* rows;
};

TEST(DecodeFixturesTest, EachEncodingIsHasuras) {
  const Expected cases[] = {
      // INT64 as its decimal text.
      {"001-", R"([{"n":"42"}])"},
      // FLOAT64 as its text, BOOL as a boolean, STRING as itself.
      {"002-", R"([{"f":"3.14","b":true,"s":"hi"}])"},
      // DATE and DATETIME as BigQuery writes them; TIMESTAMP (µs) as ISO 8601 in UTC.
      {"003-", R"([{"d":"2025-06-01","dt":"2025-06-01T12:34:56","ts":"2025-06-01T12:34:56Z"}])"},
      {"004-", R"([{"xs":["1","2","3"]}])"},
      {"009-", R"([{"s":{"id":"1","label":"name"}}])"},
      {"011-", R"([{"plain_null":null,"typed_null":null,"ifnull_str":"fallback",
                    "coalesce_int":"42","nullif_eq":null}])"},
      {"013-", R"([{"b_literal":"aGVsbG8=","b_decoded":"d29ybGQ=","b64_encoded":"d29ybGQ="}])"},
      {"014-", R"([{"n":"123.456","larger_n":"999999.999999","negative_n":"-42.5"}])"},
      // JSON functions answer STRING columns: their text stays text.
      {"018-", R"([{"nested_string":"hello","array_idx":"20","null_val":null,
                    "missing_path":null}])"},
      {"049-", R"([{"extract_obj":"{\"b\":1}","extract_scalar":"hi","query_arr":"[1,2,3]",
                    "value_n":"42","to_json":"{\"id\":1,\"label\":\"name\"}",
                    "json_type":"object"}])"},
      {"034-", R"([{"mod_pos":"1","mod_neg_dividend":"-1","mod_neg_divisor":"1","div_pos":"3",
                    "div_neg":"-3"}])"},
      {"036-", R"([{"round_2":"3.14","round_0":"3.0","round_neg":"1200.0",
                    "round_half_even":"3.0","round_half_up":"4.0"}])"},
      {"063-", R"([{"overflow_add":null,"overflow_mul":null,"negate_ok":"-42","normal_add":"30",
                    "div_zero":null,"div_ok":"2.5"}])"},
      {"067-", R"([{"elem":"a","idx":"0"},{"elem":"b","idx":"1"},{"elem":"c","idx":"2"}])"},
      {"077-", R"([{"int_range":["1","2","3","4","5"],"stepped":["0","2","4","6","8","10"],
                    "descending":["5","4","3","2","1"],
                    "dates":["2025-01-01","2025-01-02","2025-01-03","2025-01-04",
                             "2025-01-05"]}])"},
      // An empty string in an array is kept, not dropped or nulled.
      {"079-", R"([{"translated":"xbzxbz","split_with_empty":["a","b","","c"],
                    "all_digits":["1","2","3"],"ltrimmed":"hi","rtrimmed":"hi"}])"},
  };
  for (const Expected& expected : cases) {
    SCOPED_TRACE(expected.prefix);
    const Fixture fixture = FixtureNamed(expected.prefix);
    const Result<json> rows = DecodeRows(fixture.fields, fixture.rows);
    ASSERT_TRUE(rows) << rows.error().message;
    EXPECT_EQ(*rows, json::parse(expected.rows));
  }
}

TEST(DecodeFixturesTest, ShapedTextKeepsTheShapesOrderAndUtf8) {
  const Fixture dates = FixtureNamed("003-");
  Result<std::string> shaped = DecodeShaped(dates.fields, dates.rows, ValueShape(dates.fields));
  ASSERT_TRUE(shaped) << shaped.error().message;
  EXPECT_EQ(*shaped,
            R"([{"d":"2025-06-01","dt":"2025-06-01T12:34:56","ts":"2025-06-01T12:34:56Z"}])");

  const Fixture text = FixtureNamed("048-");
  shaped = DecodeShaped(text.fields, text.rows, ValueShape(text.fields));
  ASSERT_TRUE(shaped) << shaped.error().message;
  EXPECT_EQ(*shaped,
            "[{\"accented\":\"h\xC3\xA9llo\",\"emoji\":\"caf\xC3\xA9 \xE2\x98\x95\","
            "\"japanese\":\"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\",\"char_len\":\"5\","
            "\"byte_len\":\"6\",\"jp_char_len\":\"3\",\"jp_byte_len\":\"9\","
            "\"uppered\":\"CAF\xC3\x89\"}]");

  const Fixture escapes = FixtureNamed("042-");
  shaped = DecodeShaped(escapes.fields, escapes.rows, ValueShape(escapes.fields));
  ASSERT_TRUE(shaped) << shaped.error().message;
  EXPECT_EQ(*shaped, R"([{"tab_escape":"tab\there","newline_escape":"line1\nline2",)"
                     R"("escaped_quote":"quote's","unicode_escape":"ABC","hex_escape":"AB",)"
                     R"("raw_no_escape":"raw\\nstring"}])");
}

// ---- DecodeCell -------------------------------------------------------------------------------

json Field(const char* name, const char* type, const char* mode = nullptr) {
  json field{{"name", name}, {"type", type}};
  if (mode != nullptr) field["mode"] = mode;
  return field;
}

json DecodeOk(const json& field, const json& value) {
  const Result<json> decoded = DecodeCell(field, Cell(value));
  EXPECT_TRUE(decoded) << decoded.error().message;
  return decoded ? *decoded : json("<error>");
}

TEST(DecodeCellTest, LegacyAndStandardTypeNames) {
  EXPECT_EQ(DecodeOk(Field("a", "INTEGER"), "-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(DecodeOk(Field("a", "INT64"), "7"), "7");
  EXPECT_EQ(DecodeOk(Field("a", "FLOAT"), "NaN"), "NaN");
  EXPECT_EQ(DecodeOk(Field("a", "FLOAT64"), "-Infinity"), "-Infinity");
  EXPECT_EQ(DecodeOk(Field("a", "BOOLEAN"), "false"), false);
  EXPECT_EQ(DecodeOk(Field("a", "BOOL"), "true"), true);
  EXPECT_EQ(DecodeOk(Field("a", "BIGNUMERIC"), "1.00000000000000000000000000000000000001"),
            "1.00000000000000000000000000000000000001");
  EXPECT_EQ(DecodeOk(Field("a", "TIME"), "12:34:56.5"), "12:34:56.5");
  EXPECT_EQ(DecodeOk(Field("a", "GEOGRAPHY"), "POINT(1 2)"), "POINT(1 2)");
  EXPECT_EQ(DecodeOk(Field("a", "INTERVAL"), "0-0 1 0:0:0"), "0-0 1 0:0:0");
  const json record{{"name", "r"}, {"type", "STRUCT"}, {"fields", {Field("x", "INT64")}}};
  EXPECT_EQ(DecodeOk(record, {{"f", {Cell("1")}}}), json::parse(R"({"x":"1"})"));
}

TEST(DecodeCellTest, ModeMissingOrNullableOrRequiredIsOneValue) {
  EXPECT_EQ(DecodeOk(Field("a", "STRING"), nullptr), nullptr);
  EXPECT_EQ(DecodeOk(Field("a", "STRING", "NULLABLE"), "x"), "x");
  EXPECT_EQ(DecodeOk(Field("a", "STRING", "REQUIRED"), "x"), "x");
}

TEST(DecodeCellTest, RepeatedIsAListAndNullIsEmpty) {
  const json strings = Field("a", "STRING", "REPEATED");
  EXPECT_EQ(DecodeOk(strings, nullptr), json::array());
  EXPECT_EQ(DecodeOk(strings, json::array()), json::array());
  EXPECT_EQ(DecodeOk(strings, {Cell("x"), Cell("")}), json::parse(R"(["x",""])"));
  EXPECT_EQ(DecodeOk(Field("a", "BOOLEAN", "REPEATED"), json::array({Cell("true")})),
            json::parse("[true]"));
}

TEST(DecodeCellTest, RecordsNestRecordsAndLists) {
  const json inner{{"name", "inner"},
                   {"type", "RECORD"},
                   {"mode", "REPEATED"},
                   {"fields", {Field("t", "TIMESTAMP"), Field("tags", "STRING", "REPEATED")}}};
  const json outer{
      {"name", "outer"}, {"type", "RECORD"}, {"fields", {Field("id", "INTEGER"), inner}}};
  const json value{{"f",
                    {Cell("1"), Cell({Cell({{"f", {Cell("0"), Cell({Cell("a")})}}}),
                                      Cell({{"f", {Cell(nullptr), Cell(nullptr)}}})})}}};
  EXPECT_EQ(DecodeOk(outer, value), json::parse(R"({"id":"1","inner":[
      {"t":"1970-01-01T00:00:00Z","tags":["a"]},{"t":null,"tags":[]}]})"));
  EXPECT_EQ(DecodeOk(outer, nullptr), nullptr);
  EXPECT_EQ(DecodeOk(inner, nullptr), json::array());
}

TEST(DecodeCellTest, JsonIsTheValueItHolds) {
  EXPECT_EQ(DecodeOk(Field("j", "JSON"), R"({"a":[1,2.5,"x",null,true]})"),
            json::parse(R"({"a":[1,2.5,"x",null,true]})"));
  EXPECT_EQ(DecodeOk(Field("j", "JSON"), "\"text\""), "text");
  EXPECT_EQ(DecodeOk(Field("j", "JSON"), "null"), nullptr);
  EXPECT_EQ(DecodeOk(Field("j", "JSON"), nullptr), nullptr);
  const Result<json> bad = DecodeCell(Field("j", "JSON"), Cell("{"));
  ASSERT_FALSE(bad);
  ExpectMalformed(bad.error());
}

std::string Timestamp(const char* text) {
  const json decoded = DecodeOk(Field("t", "TIMESTAMP"), text);
  return decoded.is_string() ? decoded.get<std::string>() : "<not a string>";
}

TEST(DecodeCellTest, TimestampFromIntegerMicroseconds) {
  EXPECT_EQ(Timestamp("1748781296000000"), "2025-06-01T12:34:56Z");
  EXPECT_EQ(Timestamp("1748781296123450"), "2025-06-01T12:34:56.12345Z");
  EXPECT_EQ(Timestamp("1748781296000001"), "2025-06-01T12:34:56.000001Z");
  EXPECT_EQ(Timestamp("0"), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Timestamp("-1"), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(Timestamp("-1234567"), "1969-12-31T23:59:58.765433Z");
  EXPECT_EQ(Timestamp("-1000000000000000"), "1938-04-24T22:13:20Z");
  EXPECT_EQ(Timestamp("951782400000000"), "2000-02-29T00:00:00Z");
  EXPECT_EQ(Timestamp("-62135596800000000"), "0001-01-01T00:00:00Z");
  EXPECT_EQ(Timestamp("253402300799999999"), "9999-12-31T23:59:59.999999Z");
}

TEST(DecodeCellTest, TimestampFromFloatSecondsInEveryNotation) {
  EXPECT_EQ(Timestamp("1.561017697269367E9"), "2019-06-20T08:01:37.269367Z");
  EXPECT_EQ(Timestamp("1561017697.269367"), "2019-06-20T08:01:37.269367Z");
  EXPECT_EQ(Timestamp("1.5610176972693671E9"), "2019-06-20T08:01:37.269367Z");
  EXPECT_EQ(Timestamp("1.5610176972693675e+9"), "2019-06-20T08:01:37.269368Z");
  EXPECT_EQ(Timestamp("1.0E9"), "2001-09-09T01:46:40Z");
  EXPECT_EQ(Timestamp("1e9"), "2001-09-09T01:46:40Z");
  EXPECT_EQ(Timestamp("0.0"), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Timestamp("1.5E-5"), "1970-01-01T00:00:00.000015Z");
  EXPECT_EQ(Timestamp("4E-7"), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Timestamp("5E-7"), "1970-01-01T00:00:00.000001Z");
  EXPECT_EQ(Timestamp("-1.0E-6"), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(Timestamp("-8.64E4"), "1969-12-31T00:00:00Z");
  EXPECT_EQ(Timestamp("-1.0E9"), "1938-04-24T22:13:20Z");
  EXPECT_EQ(Timestamp("-6.21355968E10"), "0001-01-01T00:00:00Z");
  EXPECT_EQ(Timestamp(".5"), "1970-01-01T00:00:00.5Z");
}

TEST(DecodeCellTest, BadTimestampsAreMalformed) {
  for (const char* text :
       {"", "abc", "1.2.3", "1e", "1e+", "--1", " 1", "1 ", "E9", ".", "253402300800000000",
        "-62135596800000001", "1E999999999", "1.0E300", "99999999999999999999999"}) {
    SCOPED_TRACE(text);
    const Result<json> decoded = DecodeCell(Field("t", "TIMESTAMP"), Cell(text));
    ASSERT_FALSE(decoded);
    ExpectMalformed(decoded.error());
  }
}

TEST(DecodeCellTest, CellsThatDoNotFitTheirFieldAreMalformed) {
  const json record{{"name", "r"}, {"type", "RECORD"}, {"fields", {Field("x", "INT64")}}};
  const std::vector<std::pair<json, json>> cases = {
      {Field("a", "INTEGER"), Cell(42)},                             // a number, not its text
      {Field("a", "STRING"), Cell(true)},                            //
      {Field("a", "BOOLEAN"), Cell("yes")},                          //
      {Field("a", "STRING", "REPEATED"), Cell("x")},                 // a list expected
      {Field("a", "STRING", "REPEATED"), Cell(json::array({"x"}))},  // elements are {"v": …}
      {Field("a", "STRING"), json{{"x", "1"}}},                      // no "v"
      {Field("a", "STRING"), json("1")},                             // not a cell
      {record, Cell("x")},                                           // a RECORD is {"f": …}
      {record, Cell({{"f", {Cell("1"), Cell("2")}}})},               // too many cells
      {record, Cell({{"f", json::array()}})},                        // too few
      {json{{"name", "r"}, {"type", "RECORD"}}, Cell({{"f", json::array()}})},  // no fields
      {json{{"name", "a"}}, Cell("1")},                                         // no type
      {json("INTEGER"), Cell("1")},                                             // not a field
  };
  for (const auto& [field, cell] : cases) {
    SCOPED_TRACE(field.dump() + " " + cell.dump());
    const Result<json> decoded = DecodeCell(field, cell);
    ASSERT_FALSE(decoded);
    ExpectMalformed(decoded.error());
  }
}

TEST(DecodeRowsTest, RowsAreObjectsAndWrongCellCountsAreMalformed) {
  const json fields{Field("id", "INTEGER"), Field("ok", "BOOLEAN")};
  const Result<json> rows = DecodeRows(fields, {Row({"1", "true"}), Row({"2", nullptr})});
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(*rows, json::parse(R"([{"id":"1","ok":true},{"id":"2","ok":null}])"));
  EXPECT_EQ(*DecodeRows(fields, {}), json::array());
  for (const json& row :
       {Row({"1"}), Row({"1", "true", "x"}), json{{"g", json::array()}}, json::array()}) {
    const Result<json> bad = DecodeRows(fields, {row});
    ASSERT_FALSE(bad) << row.dump();
    ExpectMalformed(bad.error());
  }
  const Result<json> not_a_list = DecodeRows(json::object(), {});
  ASSERT_FALSE(not_a_list);
  ExpectMalformed(not_a_list.error());
}

// ---- DecodeShaped ---------------------------------------------------------------------------

FieldShape Value(const char* key) { return FieldShape{key, Kind::kValue, {}, {}}; }
FieldShape Number(const char* key) { return FieldShape{key, Kind::kNumber, {}, {}}; }
FieldShape Constant(const char* key, const char* text) {
  return FieldShape{key, Kind::kConstant, {}, text};
}
FieldShape Object(const char* key, std::vector<FieldShape> fields) {
  return FieldShape{key, Kind::kObject, std::move(fields), {}};
}
FieldShape Array(const char* key, std::vector<FieldShape> fields) {
  return FieldShape{key, Kind::kArray, std::move(fields), {}};
}
json Record(const char* name, json fields, const char* mode = nullptr) {
  json field{{"name", name}, {"type", "RECORD"}, {"fields", std::move(fields)}};
  if (mode != nullptr) field["mode"] = mode;
  return field;
}
json Struct(std::vector<json> values) { return Row(std::move(values)); }
json List(std::vector<json> values) {
  json list = json::array();
  for (json& value : values) list.push_back(Cell(std::move(value)));
  return list;
}

std::string ShapedOk(const json& fields, const std::vector<json>& rows, const RowShape& shape) {
  const Result<std::string> shaped = DecodeShaped(fields, rows, shape);
  EXPECT_TRUE(shaped) << shaped.error().message;
  return shaped ? *shaped : "<error>";
}

void ExpectShapedMalformed(const json& fields, const std::vector<json>& rows,
                           const RowShape& shape) {
  const Result<std::string> shaped = DecodeShaped(fields, rows, shape);
  ASSERT_FALSE(shaped) << *shaped;
  ExpectMalformed(shaped.error());
}

// RowShape's worked example (row_shape.h): authors with an object and an array relationship.
TEST(DecodeShapedTest, RowsWithObjectsArraysAndConstants) {
  const json fields{Field("c0", "INTEGER"), Field("c1", "STRING"),
                    Record("c2", {Field("c0", "STRING")}),
                    Record("c3", {Field("c0", "STRING")}, "REPEATED")};
  const RowShape shape{
      RowShape::Form::kRows,
      {Value("id"), Value("name"), Object("country", {Value("name")}),
       Array("articles", {Value("title")}), Constant("__typename", R"("author")")}};
  const std::vector<json> rows{
      Row({"1", "Ann", Struct({"UK"}), List({Struct({"A"}), Struct({"B"})})}),
      // An unmatched object relationship is a NULL STRUCT, an unmatched array one a NULL array.
      Row({"2", nullptr, nullptr, nullptr}),
      Row({"3", "Cy", Struct({nullptr}), json::array()}),
  };
  EXPECT_EQ(
      ShapedOk(fields, rows, shape),
      R"([{"id":"1","name":"Ann","country":{"name":"UK"},)"
      R"("articles":[{"title":"A"},{"title":"B"}],"__typename":"author"},)"
      R"({"id":"2","name":null,"country":null,"articles":[],"__typename":"author"},)"
      R"({"id":"3","name":"Cy","country":{"name":null},"articles":[],"__typename":"author"}])");
  EXPECT_EQ(ShapedOk(fields, {}, shape), "[]");
}

// `author { __typename }`: BigQuery has no empty row or STRUCT, so the translator pads such an
// object with one column (row_shape.h), which the shape does not read; two columns are still
// malformed.
TEST(DecodeShapedTest, AnObjectOfConstantsSkipsItsPaddingColumn) {
  const RowShape shape{RowShape::Form::kRows,
                       {Constant("__typename", R"("author")"),
                        Object("country", {Constant("__typename", R"("country")")})}};
  const json fields{Record("c0", {Field("c0", "BOOLEAN")})};
  EXPECT_EQ(ShapedOk(fields, {Row({Struct({"true"})})}, shape),
            R"([{"__typename":"author","country":{"__typename":"country"}}])");
  const RowShape constants_only{RowShape::Form::kRows, {Constant("__typename", R"("author")")}};
  EXPECT_EQ(ShapedOk(json{Field("c0", "BOOLEAN")}, {Row({"true"})}, constants_only),
            R"([{"__typename":"author"}])");
  ExpectShapedMalformed(json{Field("c0", "BOOLEAN"), Field("c1", "BOOLEAN")},
                        {Row({"true", "true"})}, constants_only);
}

TEST(DecodeShapedTest, KeysFollowTheShapeAndNestingGoesDeep) {
  // Two levels: authors { z: id  books { title  publisher { name  city: id } reviews { stars } } }
  const json publisher = Record("c1", {Field("c0", "STRING"), Field("c1", "INT64")});
  const json reviews = Record("c2", {Field("c0", "INTEGER")}, "REPEATED");
  const json fields{Field("c0", "INTEGER"),
                    Record("c1", {Field("c0", "STRING"), publisher, reviews}, "REPEATED")};
  const RowShape shape{
      RowShape::Form::kRows,
      {Value("z"), Constant("a", "null"),
       Array("books", {Value("title"), Object("publisher", {Value("name"), Value("city")}),
                       Constant("kind", R"({"x":[1]})"), Array("reviews", {Number("stars")})})}};
  const std::vector<json> rows{
      Row({"7", List({Struct({"T", Struct({"P", "9"}), List({Struct({"5"}), Struct({"4"})})}),
                      Struct({"U", nullptr, nullptr})})})};
  EXPECT_EQ(ShapedOk(fields, rows, shape),
            R"([{"z":"7","a":null,"books":[)"
            R"({"title":"T","publisher":{"name":"P","city":"9"},"kind":{"x":[1]},)"
            R"("reviews":[{"stars":5},{"stars":4}]},)"
            R"({"title":"U","publisher":null,"kind":{"x":[1]},"reviews":[]}]}])");
}

TEST(DecodeShapedTest, ValuesAreEncodedAsDecodeCellDoes) {
  // A STRUCT read as a value (a column exposed as JSON) keeps its fields in order, as does a
  // JSON column its keys; numbers, booleans, timestamps and scalar arrays use Hasura's encodings.
  const json fields{Record("c0", {Field("z", "INTEGER"), Field("a", "BOOLEAN")}),
                    Field("c1", "JSON"),
                    Field("c2", "TIMESTAMP"),
                    Field("c3", "FLOAT", "REPEATED"),
                    Field("c4", "NUMERIC"),
                    Field("c5", "STRING", "REPEATED")};
  const RowShape shape{RowShape::Form::kRows,
                       {Value("s"), Value("j"), Value("t"), Value("f"), Value("n"), Value("l")}};
  const std::vector<json> rows{Row({Struct({"1", "true"}), R"({"b":1,"a":[true,null]})", "1.5E-5",
                                    List({"1.5", "NaN"}), "-0.000000001", nullptr})};
  EXPECT_EQ(ShapedOk(fields, rows, shape),
            R"([{"s":{"z":"1","a":true},"j":{"b":1,"a":[true,null]},)"
            R"("t":"1970-01-01T00:00:00.000015Z","f":["1.5","NaN"],"n":"-0.000000001","l":[]}])");
}

TEST(DecodeShapedTest, NumbersAreJsonNumbers) {
  const json fields{Field("c0", "INTEGER"), Field("c1", "INTEGER"), Field("c2", "INTEGER")};
  const RowShape shape{RowShape::Form::kRows, {Number("count"), Number("big"), Number("none")}};
  EXPECT_EQ(ShapedOk(fields, {Row({"0", "9007199254740993", nullptr})}, shape),
            R"([{"count":0,"big":9007199254740993,"none":null}])");
  ExpectShapedMalformed(fields, {Row({"1.5", "1", "1"})}, shape);
  ExpectShapedMalformed(fields, {Row({"", "1", "1"})}, shape);
  ExpectShapedMalformed(fields, {Row({"99999999999999999999", "1", "1"})}, shape);
  ExpectShapedMalformed({Field("c0", "INTEGER", "REPEATED")}, {Row({List({"1"})})},
                        RowShape{RowShape::Form::kRows, {Number("n")}});
}

// An aggregate: one row of STRUCT(COUNT(*) AS c0, STRUCT(SUM(x) AS c0) AS c1).
TEST(DecodeShapedTest, FirstRowIsTheObjectOrNull) {
  const json fields{Record("c0", {Field("c0", "INTEGER"), Record("c1", {Field("c0", "NUMERIC")})})};
  const RowShape shape{
      RowShape::Form::kFirstRow,
      {Object("aggregate", {Number("count"), Object("sum", {Value("price")}),
                            Constant("__typename", R"("books_aggregate_fields")")})}};
  EXPECT_EQ(ShapedOk(fields, {Row({Struct({"3", Struct({"10.5"})})}), Row({nullptr})}, shape),
            R"({"aggregate":{"count":3,"sum":{"price":"10.5"},)"
            R"("__typename":"books_aggregate_fields"}})");
  EXPECT_EQ(ShapedOk(fields, {}, shape), "null");
  // A row of constants only reads no column.
  EXPECT_EQ(ShapedOk(json::array(), {Row({})},
                     RowShape{RowShape::Form::kFirstRow, {Constant("__typename", R"("q")")}}),
            R"({"__typename":"q"})");
}

TEST(DecodeShapedTest, ArgumentsPairEachIdWithItsValue) {
  const json object_fields{Field("c0", "INTEGER"), Record("c1", {Field("c0", "STRING")})};
  const RowShape object_shape{RowShape::Form::kArguments, {Object("author", {Value("name")})}};
  EXPECT_EQ(
      ShapedOk(object_fields, {Row({"1", Struct({"Ann"})}), Row({"2", nullptr})}, object_shape),
      R"([[1,{"name":"Ann"}],[2,null]])");
  EXPECT_EQ(ShapedOk(object_fields, {}, object_shape), "[]");

  const json array_fields{Field("c0", "INTEGER"),
                          Record("c1", {Field("c0", "STRING")}, "REPEATED")};
  const RowShape array_shape{RowShape::Form::kArguments, {Array("articles", {Value("title")})}};
  EXPECT_EQ(ShapedOk(array_fields,
                     {Row({"0", List({Struct({"A"}), Struct({"B"})})}), Row({"12", nullptr})},
                     array_shape),
            R"([[0,[{"title":"A"},{"title":"B"}]],[12,[]]])");

  const json count_fields{Field("c0", "INT64"), Field("c1", "INT64")};
  EXPECT_EQ(ShapedOk(count_fields, {Row({"5", "0"})},
                     RowShape{RowShape::Form::kArguments, {Number("count")}}),
            "[[5,0]]");
  EXPECT_EQ(ShapedOk(json{Field("c0", "INT64")}, {Row({"5"})},
                     RowShape{RowShape::Form::kArguments, {Constant("v", "null")}}),
            "[[5,null]]");

  ExpectShapedMalformed(object_fields, {Row({nullptr, nullptr})}, object_shape);
  ExpectShapedMalformed(object_fields, {Row({"x", nullptr})}, object_shape);
  ExpectShapedMalformed(json{Field("c0", "INTEGER"), Field("c1", "STRING"), Field("c2", "STRING")},
                        {Row({"1", "a", "b"})}, RowShape{RowShape::Form::kArguments, {Value("v")}});
  const Result<std::string> no_value =
      DecodeShaped(object_fields, {}, RowShape{RowShape::Form::kArguments, {}});
  ASSERT_FALSE(no_value);
  EXPECT_EQ(no_value.error().code, ErrorCode::kUnexpected);
}

TEST(DecodeShapedTest, AnswersThatDoNotFitTheShapeAreMalformed) {
  const json fields{Field("c0", "INTEGER"), Record("c1", {Field("c0", "STRING")})};
  const RowShape shape{RowShape::Form::kRows, {Value("id"), Object("o", {Value("name")})}};
  // The shape reads more columns, or fewer, than the result has.
  ExpectShapedMalformed(json{Field("c0", "INTEGER")}, {Row({"1"})}, shape);
  ExpectShapedMalformed(json{Field("c0", "INTEGER"), fields[1], Field("c2", "STRING")},
                        {Row({"1", nullptr, "x"})}, shape);
  // A row's cells do not match the schema.
  ExpectShapedMalformed(fields, {Row({"1"})}, shape);
  ExpectShapedMalformed(fields, {json{{"f", "x"}}}, shape);
  // An object over a scalar or a list; an array over a single STRUCT.
  ExpectShapedMalformed(json{Field("c0", "INTEGER"), Field("c1", "STRING")}, {Row({"1", "x"})},
                        shape);
  ExpectShapedMalformed(
      json{Field("c0", "INTEGER"), Record("c1", {Field("c0", "STRING")}, "REPEATED")},
      {Row({"1", json::array()})}, shape);
  ExpectShapedMalformed(fields, {Row({"1", Struct({"a"})})},
                        RowShape{RowShape::Form::kRows, {Value("id"), Array("a", {Value("t")})}});
  // A STRUCT's cells do not match its fields, or a value is not text.
  ExpectShapedMalformed(fields, {Row({"1", Struct({"a", "b"})})}, shape);
  ExpectShapedMalformed(fields, {Row({1, Struct({"a"})})}, shape);
  ExpectShapedMalformed(fields, {Row({"1", "not a struct"})}, shape);
  // The schema is not a list.
  ExpectShapedMalformed(json::object(), {}, shape);
}

TEST(DecodeShapedTest, ABadConstantIsRefusedNotWritten) {
  const Result<std::string> shaped =
      DecodeShaped(json::array(), {Row({})},
                   RowShape{RowShape::Form::kRows, {Object("o", {Constant("x", "not json")})}});
  ASSERT_FALSE(shaped);
  EXPECT_EQ(shaped.error().code, ErrorCode::kUnexpected);
}

}  // namespace
}  // namespace junction::backends::bigquery

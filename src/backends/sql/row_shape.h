#pragma once
// RowShape: how the rows of a statement become the one JSON value it answers, for a database that
// answers rows rather than JSON (BigQuery: DESIGN.md §2's "the database builds the JSON" does not
// hold there, so the engine decodes the rows; backends/bigquery/decode.h reads them with this).
// Result columns are named positionally by the translator (`c0`, `c1`, …); the shape gives each
// its JSON key, so no GraphQL alias ever becomes an identifier in SQL. A row or STRUCT whose
// fields are all kConstant (`author { __typename }`) still has one column, a padding the shape
// does not read (BigQuery has no empty STRUCT, and a row needs a column): `STRUCT(TRUE AS c0)`.
//
//   authors { id name country { name } articles { title } __typename }
//   columns c0 INT64, c1 STRING, c2 STRUCT<c0 STRING>, c3 ARRAY<STRUCT<c0 STRING>>
//   => RowShape{kRows, [{"id"}, {"name"}, {"country", kObject, [{"name"}]},
//                       {"articles", kArray, [{"title"}]}, {"__typename", kConstant,
//                       "\"author\""}]}
//   rows [[1, "Ann", {"UK"}, [{"A"}]]] → [{"id":"1","name":"Ann","country":{"name":"UK"},
//                                          "articles":[{"title":"A"}],"__typename":"author"}]

#include <string>
#include <vector>

namespace junction::backends::sql {

struct FieldShape {
  enum class Kind {
    kValue,     // a scalar column, written in the backend's JSON encoding of its type
    kNumber,    // an integer column written as a JSON number (aggregate counts)
    kObject,    // a STRUCT column: an object of `fields` (a NULL STRUCT is null)
    kArray,     // an ARRAY<STRUCT> column: a list of objects of `fields` (NULL is [])
    kConstant,  // no column: `constant` is written as it is (JSON text: `"author"`, `null`)
  };

  std::string key;  // the JSON key
  Kind kind = Kind::kValue;
  std::vector<FieldShape> fields;  // kObject, kArray: the STRUCT's columns, in order
  std::string constant;            // kConstant
};

struct RowShape {
  enum class Form {
    kRows,       // a JSON array with one object per row
    kFirstRow,   // the first row's object (an aggregate's one row); null when there is none
    kArguments,  // a remote join's answer: [[argument id, value], …], one per row; column 0 is
                 // the argument id (INT64), column 1 the value, read as fields[0]
  };

  Form form = Form::kRows;
  std::vector<FieldShape> fields;
};

}  // namespace junction::backends::sql

#pragma once
// ReadSourceConfig: a SQLite source's `configuration` in metadata (what sqlite_add_source stores)
// → how the engine opens the database file:
//
//   {"db": "examples/quickstart/data/shop.db",   the file; a relative path is relative to the
//                                               engine's working directory, as in Hasura's agent
//    "read_only": false,                        open with SQLITE_OPEN_READONLY (default false)
//    "busy_timeout": 5000}                      ms to wait on a locked file (default 5000)
//
// Hasura's data-connector form `{"value": {"db": …}, "template": null, "timeout": null}` is read
// too (its `value` holds the same keys). Other keys of Hasura's SQLite agent ("tables",
// "include_sqlite_meta_tables", "explicit_main_schema") are accepted and ignored.
// Errors (no "db", a value of the wrong type): invalid-configuration, naming the key.

#include <chrono>
#include <string>

#include "common/result.h"
#include "metadata/json_path.h"

namespace junction::backends::sqlite {

struct SourceConfig {
  std::string database;  // the path of the file
  bool read_only = false;
  std::chrono::milliseconds busy_timeout{5000};
  // A statement still running after this long is interrupted (Postgres sources' statement
  // timeout is 60 s too); not a metadata key.
  std::chrono::milliseconds statement_timeout{60'000};
};

Result<SourceConfig> ReadSourceConfig(const metadata::Json& configuration);

}  // namespace junction::backends::sqlite

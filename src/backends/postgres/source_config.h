#pragma once
// ReadPoolSettings: a Postgres source's `configuration` in metadata (what pg_add_source stores)
// → the settings of its connection pool, as Hasura reads them:
//
//   {"connection_info": {
//      "database_url": "postgres://u:p@host:5432/db"            a URL or libpq conninfo string
//                    | {"from_env": "PG_DATABASE_URL"}           read from the environment
//                    | {"connection_parameters": {"host","port","username","password","database"}},
//      "pool_settings": {"max_connections": 50, "idle_timeout": 180, "connection_lifetime": 600,
//                        "pool_timeout": 360},                  seconds
//      "isolation_level": "read-committed" | "repeatable-read" | "serializable"}}
//
// Errors (a missing variable, a malformed value) are the source's inconsistency: the engine
// reports them as Hasura reports a source it cannot connect to.

#include "backends/postgres/pool.h"
#include "common/result.h"
#include "metadata/json_path.h"

namespace junction::backends::postgres {

Result<PoolSettings> ReadPoolSettings(const metadata::Json& configuration);

}  // namespace junction::backends::postgres

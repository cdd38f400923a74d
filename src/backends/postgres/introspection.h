#pragma once
// Introspect: reads a Postgres database's catalog into a metadata::Catalog (DESIGN.md §3, §6).
// One statement: Postgres builds the whole catalog as one JSON document (json_agg over
// pg_catalog), which is parsed here. It covers the tables, views, materialized views, foreign
// and partitioned tables of every schema but pg_catalog, information_schema and pg_toast*/pg_temp*:
// their columns (type, array element type, nullability, defaults/identity/generated, comments),
// primary key, unique constraints, foreign keys (column pairs in constraint order), comments; and
// every enum type with its labels in sort order.
//
//   CREATE TYPE mood AS ENUM ('sad', 'happy');
//   => enums[{public, mood}] = CatalogEnum{{public, mood}, ["sad", "happy"]}

#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "backends/postgres/pool.h"
#include "common/result.h"
#include "metadata/catalog.h"

namespace junction::backends::postgres {

// The catalog of the database behind `pool`; the pool's error when the statement fails.
boost::asio::awaitable<Result<metadata::Catalog>> Introspect(Pool& pool);

// Parses the JSON document the introspection statement returns (exposed for tests).
Result<metadata::Catalog> ParseCatalog(std::string_view json);

}  // namespace junction::backends::postgres

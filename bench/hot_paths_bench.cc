// Google Benchmark suite for the CPU hot paths of a remote-join request, without a database (the
// figures of bench/run are end to end; these isolate the engine's own work). The schema is the one
// bench/run serves: source `a` (orders, order_items, orders.items local) and source `b` (users),
// with the remote relationships orders.user (object, a → b) and users.orders (array, b → a),
// resolved against hand-written catalogs of the peer rig's tables.
//
//   BM_ParseValidate            graphql::Parse + CheckLimits + Validate of W2's query
//   BM_PrepareRequest           the stages before Execute on a cold query cache: parse, validate,
//                               normalize, plan, translate (server::PrepareGraphqlRequest)
//   BM_PrepareRequestCached     the same request again: the query-cache hit every repeat takes
//   BM_CollectAndStitch/N       execute::JoinWithAnswers on the root step's JSON of N orders
//                               (orders.user, ~6.3k distinct users per 10,000 rows as in W4):
//                               collecting the keys, reading the users' answer, stitching it in
//   BM_AssembleResponse/N       Execute's response assembly: {"data":{"orders":…}} around the
//                               stitched JSON of N orders (JsonWriter, the value spliced as bytes)
//
// Run (Release): build-bench/bench/hot_paths_bench; profiled in bench/PROFILE.md.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json_writer.h"
#include "execute/remote_join.h"
#include "graphql/limits.h"
#include "graphql/parser.h"
#include "graphql/validation.h"
#include "metadata/catalog.h"
#include "metadata/json_text.h"
#include "metadata/metadata.h"
#include "schema/snapshot.h"
#include "server/graphql_pipeline.h"
#include "server/query_cache.h"

namespace junction {
namespace {

constexpr std::string_view kW2 =
    "query W2 { orders(limit: 1000, order_by: {id: asc}) { id amount user { id name } } }";
constexpr std::string_view kW4 =
    "query W4 { orders(limit: 10000, order_by: {id: asc}) { id amount user { id name } } }";

constexpr std::string_view kMetadata = R"({"version": 3, "sources": [
 {"name": "a", "kind": "postgres", "tables": [
  {"table": {"schema": "public", "name": "orders"},
   "array_relationships": [{"name": "items", "using": {"foreign_key_constraint_on": {
     "table": {"schema": "public", "name": "order_items"}, "column": "order_id"}}}],
   "remote_relationships": [{"name": "user", "definition": {"to_source": {"source": "b",
     "table": {"schema": "public", "name": "users"}, "relationship_type": "object",
     "field_mapping": {"user_id": "id"}}}}]},
  {"table": {"schema": "public", "name": "order_items"}}],
  "configuration": {"connection_info": {"database_url": "postgres://127.0.0.1:1/a"}}},
 {"name": "b", "kind": "postgres", "tables": [
  {"table": {"schema": "public", "name": "users"},
   "remote_relationships": [{"name": "orders", "definition": {"to_source": {"source": "a",
     "table": {"schema": "public", "name": "orders"}, "relationship_type": "array",
     "field_mapping": {"id": "user_id"}}}}]}],
  "configuration": {"connection_info": {"database_url": "postgres://127.0.0.1:1/b"}}}]})";

metadata::CatalogColumn Column(std::string name, int position, std::string type) {
  metadata::CatalogColumn column;
  column.name = std::move(name);
  column.position = position;
  column.type = std::move(type);
  column.nullable = false;
  return column;
}

metadata::CatalogTable Table(std::string name, std::vector<metadata::CatalogColumn> columns) {
  metadata::CatalogTable table;
  table.name = {"public", std::move(name)};
  table.columns = std::move(columns);
  table.primary_key = {"id"};
  return table;
}

// The peer rig's tables (../shared/peer-bench/common/schema_{a,b}.sql) as introspection sees them.
metadata::Catalogs PeerCatalogs() {
  metadata::Catalog a;
  a.tables[{"public", "orders"}] =
      Table("orders",
            {Column("id", 1, "int4"), Column("user_id", 2, "int4"), Column("amount", 3, "numeric"),
             Column("status", 4, "text"), Column("created_at", 5, "timestamptz")});
  metadata::CatalogTable items =
      Table("order_items", {Column("id", 1, "int4"), Column("order_id", 2, "int4"),
                            Column("product_id", 3, "int4"), Column("quantity", 4, "int4"),
                            Column("unit_price", 5, "numeric")});
  items.foreign_keys.push_back(
      {"order_items_order_id_fkey", {"public", "orders"}, {{"order_id", "id"}}});
  a.tables[{"public", "order_items"}] = std::move(items);
  metadata::Catalog b;
  b.tables[{"public", "users"}] =
      Table("users", {Column("id", 1, "int4"), Column("name", 2, "text"),
                      Column("email", 3, "text"), Column("created_at", 4, "timestamptz")});
  metadata::Catalogs catalogs;
  catalogs.emplace("a", std::move(a));
  catalogs.emplace("b", std::move(b));
  return catalogs;
}

// The snapshot bench/run's Junction serves; aborts the process if it cannot be built (a bug).
const schema::Snapshot& BenchSnapshot() {
  static const std::shared_ptr<const schema::Snapshot> snapshot = [] {
    Result<metadata::Json> json = metadata::ParseJsonText(kMetadata);
    if (!json) std::abort();
    Result<metadata::Metadata> metadata = metadata::Metadata::FromJson(*json);
    if (!metadata) std::abort();
    Result<std::shared_ptr<const schema::Snapshot>> built =
        schema::BuildSnapshot(std::move(metadata).value(), PeerCatalogs());
    if (!built || !(*built)->inconsistent_objects.empty()) std::abort();
    return std::move(built).value();
  }();
  return *snapshot;
}

server::GraphqlRequest Request(std::string_view query) {
  server::GraphqlRequest request;
  request.query = std::string(query);
  return request;
}

void BM_ParseValidate(benchmark::State& state) {
  const graphql::Schema& schema = *BenchSnapshot().admin->schema;
  for (auto _ : state) {
    Result<graphql::Document> document = graphql::Parse(kW2);
    if (!document || !graphql::CheckLimits(*document)) {
      state.SkipWithError("W2 does not parse");
      return;
    }
    std::vector<Error> errors = graphql::Validate(schema, *document);
    if (!errors.empty()) {
      state.SkipWithError(errors.front().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(document);
  }
}
BENCHMARK(BM_ParseValidate)->Unit(benchmark::kMicrosecond);

void BM_PrepareRequest(benchmark::State& state) {
  const schema::RoleSchema& role = *BenchSnapshot().admin;
  const server::GraphqlRequest request = Request(kW2);
  for (auto _ : state) {
    server::QueryCache cache;
    server::PreparedRequest prepared =
        server::PrepareGraphqlRequest(role, schema::Session(), cache, request);
    if (prepared.plan == nullptr) {
      state.SkipWithError(prepared.errors.front().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(prepared);
  }
}
BENCHMARK(BM_PrepareRequest)->Unit(benchmark::kMicrosecond);

void BM_PrepareRequestCached(benchmark::State& state) {
  const schema::RoleSchema& role = *BenchSnapshot().admin;
  const server::GraphqlRequest request = Request(kW2);
  server::QueryCache cache;
  server::PrepareGraphqlRequest(role, schema::Session(), cache, request);
  for (auto _ : state) {
    server::PreparedRequest prepared =
        server::PrepareGraphqlRequest(role, schema::Session(), cache, request);
    benchmark::DoNotOptimize(prepared);
  }
}
BENCHMARK(BM_PrepareRequestCached)->Unit(benchmark::kMicrosecond);

// W4's plan: its root step's join tree (orders → user), kept alive with the plan.
std::shared_ptr<const execute::ExecutablePlan> W4Plan() {
  server::QueryCache cache;
  server::PreparedRequest prepared =
      server::PrepareGraphqlRequest(*BenchSnapshot().admin, schema::Session(), cache, Request(kW4));
  return prepared.plan;
}

// The root step's JSON for `rows` orders, as Postgres builds it (json_agg of row_to_json): the
// placeholder under the join's alias and the join values under its keys; user ids spread like the
// peer rig's (W4: 10,000 rows reach ~6.3k of the 10,000 users).
std::string OrdersJson(const plan::RemoteJoin& join, int64_t rows) {
  std::string out = "[";
  for (int64_t id = 1; id <= rows; ++id) {
    const int64_t user = 1 + (id * 2654435761) % 10000;
    if (id > 1) out += ", ";
    out += "{\"id\":" + std::to_string(id) + ",\"amount\":" + std::to_string(100 + id % 900) +
           ".25,\"" + join.alias + "\":null";
    for (const std::string& key : join.keys) out += ",\"" + key + "\":" + std::to_string(user);
    out += "}";
  }
  return out + "]";
}

// What the users' statement answers for `arguments`, a keyed join on users.id
// (backends/postgres KeyedJoinColumn): {"<id>" : {"id":…,"name":…}, …}, as json_object_agg
// writes it.
std::string UsersAnswer(const std::vector<std::vector<std::string_view>>& arguments) {
  std::string out = "{ ";
  for (size_t id = 0; id < arguments.size(); ++id) {
    if (id > 0) out += ", ";
    const std::string user(arguments[id][0]);
    out += "\"" + user + "\" : {\"id\":" + user + ",\"name\":\"user " + user + "\"}";
  }
  return out + " }";
}

struct JoinInput {
  std::shared_ptr<const execute::ExecutablePlan> plan;
  const plan::JoinTree* tree = nullptr;
  std::string value;
  std::string answer;  // computed once: the loop measures the engine, not this file's generator
};

// W4's join inputs for `rows` orders, or null (with the error on `state`).
std::unique_ptr<JoinInput> MakeJoinInput(benchmark::State& state, int64_t rows) {
  auto input = std::make_unique<JoinInput>();
  input->plan = W4Plan();
  const auto* step = input->plan == nullptr
                         ? nullptr
                         : std::get_if<plan::Step>(&input->plan->plan.root.front().value);
  if (step == nullptr || step->joins.joins.size() != 1) {
    state.SkipWithError("W4 does not plan to one remote join at its root");
    return nullptr;
  }
  input->tree = &step->joins;
  input->value = OrdersJson(step->joins.joins.front(), rows);
  Result<std::string> joined = execute::JoinWithAnswers(
      input->value, *input->tree,
      [&](const plan::RemoteJoin&, const std::vector<std::vector<std::string_view>>& arguments) {
        input->answer = UsersAnswer(arguments);
        return input->answer;
      });
  if (!joined) {
    state.SkipWithError(joined.error().message.c_str());
    return nullptr;
  }
  // Every order got its user, and the join column is gone.
  size_t users = 0;
  for (size_t at = joined->find("\"name\""); at != std::string::npos;
       at = joined->find("\"name\"", at + 1)) {
    ++users;
  }
  if (users != static_cast<size_t>(rows) ||
      joined->find(step->joins.joins.front().keys.front()) != std::string::npos) {
    state.SkipWithError("the stitched JSON is not W4's answer");
    return nullptr;
  }
  return input;
}

void BM_CollectAndStitch(benchmark::State& state) {
  std::unique_ptr<JoinInput> input = MakeJoinInput(state, state.range(0));
  if (input == nullptr) return;
  size_t bytes = 0;
  for (auto _ : state) {
    Result<std::string> joined = execute::JoinWithAnswers(
        input->value, *input->tree,
        [&](const plan::RemoteJoin&, const std::vector<std::vector<std::string_view>>&) {
          return input->answer;
        });
    bytes += joined->size();
    benchmark::DoNotOptimize(joined);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CollectAndStitch)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

void BM_AssembleResponse(benchmark::State& state) {
  std::unique_ptr<JoinInput> input = MakeJoinInput(state, state.range(0));
  if (input == nullptr) return;
  const std::string stitched = *execute::JoinWithAnswers(
      input->value, *input->tree,
      [&](const plan::RemoteJoin&, const std::vector<std::vector<std::string_view>>&) {
        return input->answer;
      });
  for (auto _ : state) {
    JsonWriter out;
    out.BeginObject();
    out.Key("data");
    out.BeginObject();
    out.Key("orders");
    out.Raw(stitched);
    out.EndObject();
    out.EndObject();
    std::string response = out.Take();
    benchmark::DoNotOptimize(response);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * stitched.size()));
}
BENCHMARK(BM_AssembleResponse)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace junction

BENCHMARK_MAIN();

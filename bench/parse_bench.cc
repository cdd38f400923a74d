// Google Benchmark suite for the GraphQL language front end (src/graphql): how long Parse takes on
// GitHub's public schema (368 KB of SDL, mostly descriptions) and on graphql-js's kitchen-sink
// query, and how long Print takes on the parsed schema. Each iteration parses (or prints) the
// whole document and frees the result. bench/parse_compare runs BM_ParseGithubSchema next to
// graphql-js's parse of the same file and writes both to bench/BENCHMARKS.md.

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "graphql/parser.h"
#include "graphql/printer.h"

namespace junction::graphql {
namespace {

// The graphql-js documents in ../shared/testdata/graphql-js; empty when the file is missing.
std::string ReadDocument(const std::string& name) {
  std::ifstream file(std::string(JUNCTION_SHARED_DIR) + "/testdata/graphql-js/" + name,
                     std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void ParseDocument(benchmark::State& state, const std::string& name) {
  const std::string source = ReadDocument(name);
  if (source.empty()) {
    state.SkipWithError(("missing test data: " + name).c_str());
    return;
  }
  for (auto _ : state) {
    Result<Document> document = Parse(source);
    if (!document) {
      state.SkipWithError(document.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(document);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * source.size()));
}

void BM_ParseGithubSchema(benchmark::State& state) {
  ParseDocument(state, "github-schema.graphql");
}
BENCHMARK(BM_ParseGithubSchema)->Unit(benchmark::kMillisecond);

void BM_ParseKitchenSinkQuery(benchmark::State& state) {
  ParseDocument(state, "kitchen-sink-query.graphql");
}
BENCHMARK(BM_ParseKitchenSinkQuery)->Unit(benchmark::kMicrosecond);

void BM_PrintGithubSchema(benchmark::State& state) {
  Result<Document> document = Parse(ReadDocument("github-schema.graphql"));
  if (!document) {
    state.SkipWithError(
        ("cannot parse github-schema.graphql: " + document.error().message).c_str());
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    std::string printed = Print(*document);
    bytes += printed.size();
    benchmark::DoNotOptimize(printed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_PrintGithubSchema)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace junction::graphql

BENCHMARK_MAIN();

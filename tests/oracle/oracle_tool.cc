// graphql_oracle_tool: runs Junction's GraphQL language (src/graphql) on files and prints the
// result as JSON, in the shapes graphql-js gives, so tests/oracle/run.mjs can compare the two
// implementations case by case. Test-only; not part of the engine.
//
//   graphql_oracle_tool validate   --schema S --document D [--split]
//       Parse + Validate D against the SDL in S → [{"message","locations"}, …]. With --split, D
//       holds several documents separated by lines `# ---` → one such array per document.
//   graphql_oracle_tool introspect --schema S [--query Q] [--variables V.json] [--operation N]
//       Parse, Validate, Normalize and execute Q's root fields (__schema, __type, __typename) →
//       {"data":{…}} or {"errors":[…]}. Q defaults to GraphiQL's introspection query.
//   graphql_oracle_tool print      --document D
//       Parse + Print → {"printed":"…"} or {"errors":[…]}.
//   graphql_oracle_tool coerce     --schema S --document D --variables V.json [--operation N]
//       Normalize's variable and argument coercion → {"errors":[…]} or
//       {"errors":[],"arguments":{<root response key>:{…coerced arguments…}}}.
//
// Exit status: 0 when the tool ran (even when the document has errors: they are the output),
// 2 on a usage error, an unreadable file, or a schema that does not build.

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/json_writer.h"
#include "graphql/build_schema.h"
#include "graphql/introspection.h"
#include "graphql/operation.h"
#include "graphql/parser.h"
#include "graphql/printer.h"
#include "graphql/validation.h"

namespace junction::graphql {
namespace {

constexpr int kUsageError = 2;
constexpr std::string_view kSeparator = "# ---";
constexpr const char* kDefaultQuery = JUNCTION_SOURCE_DIR "/tests/e2e/data/introspection_query.graphql";

// A failure of the tool itself (not of the document under test): reported on stderr, exit 2.
Error ToolError(std::string message) { return Error(ErrorCode::kBadRequest, std::move(message)); }

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ToolError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Splits `text` at lines that are exactly `# ---` (the separator lines are dropped).
std::vector<std::string> SplitDocuments(const std::string& text) {
  std::vector<std::string> documents(1);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line == kSeparator || line == std::string(kSeparator) + "\r") {
      documents.emplace_back();
    } else {
      documents.back() += line + "\n";
    }
  }
  return documents;
}

Result<std::shared_ptr<const Schema>> LoadSchema(const std::optional<std::string>& path) {
  if (!path) return ToolError("missing --schema");
  Result<std::string> text = ReadFile(*path);
  if (!text) return text.error();
  Result<Document> sdl = Parse(*text);
  if (!sdl) return ToolError(*path + ": " + sdl.error().message);
  Result<std::shared_ptr<const Schema>> schema = BuildSchema(*sdl);
  if (!schema) return ToolError(*path + ": " + schema.error().message);
  return schema;
}

Result<nlohmann::ordered_json> ReadVariables(const std::optional<std::string>& path) {
  if (!path) return nlohmann::ordered_json::object();
  Result<std::string> text = ReadFile(*path);
  if (!text) return text.error();
  nlohmann::ordered_json variables = nlohmann::ordered_json::parse(*text, nullptr, false);
  if (variables.is_discarded()) return ToolError(*path + ": not valid JSON");
  return variables;
}

void WriteError(const Error& error, JsonWriter& out) {
  out.BeginObject();
  out.Key("message");
  out.String(error.message);
  if (!error.locations.empty()) {
    out.Key("locations");
    out.BeginArray();
    for (const SourceLocation& location : error.locations) {
      out.BeginObject();
      out.Key("line");
      out.Int(location.line);
      out.Key("column");
      out.Int(location.column);
      out.EndObject();
    }
    out.EndArray();
  }
  out.EndObject();
}

void WriteErrors(const std::vector<Error>& errors, JsonWriter& out) {
  out.BeginArray();
  for (const Error& error : errors) WriteError(error, out);
  out.EndArray();
}

std::string ErrorsObject(const std::vector<Error>& errors) {
  JsonWriter out;
  out.BeginObject();
  out.Key("errors");
  WriteErrors(errors, out);
  out.EndObject();
  return out.Take();
}

// The errors graphql-js reports for one document: its syntax error, or every validation error.
std::vector<Error> ValidateText(const Schema& schema, const std::string& text) {
  Result<Document> document = Parse(text);
  if (!document) return {document.error()};
  return Validate(schema, *document);
}

struct Options {
  std::optional<std::string> schema, document, query, variables, operation;
  bool split = false;
};

Result<Options> ParseOptions(int argc, char** argv) {
  Options options;
  std::map<std::string_view, std::optional<std::string>*> valued = {
      {"--schema", &options.schema},       {"--document", &options.document},
      {"--query", &options.query},         {"--variables", &options.variables},
      {"--operation", &options.operation}};
  for (int i = 2; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--split") {
      options.split = true;
    } else if (auto it = valued.find(flag); it != valued.end() && i + 1 < argc) {
      *it->second = argv[++i];
    } else {
      return ToolError("unknown or incomplete option " + std::string(flag));
    }
  }
  return options;
}

Result<std::string> ReadRequired(const std::optional<std::string>& path, const char* flag) {
  if (!path) return ToolError(std::string("missing ") + flag);
  return ReadFile(*path);
}

Result<std::string> RunValidate(const Options& options) {
  Result<std::shared_ptr<const Schema>> schema = LoadSchema(options.schema);
  if (!schema) return schema.error();
  Result<std::string> text = ReadRequired(options.document, "--document");
  if (!text) return text.error();
  JsonWriter out;
  if (!options.split) {
    WriteErrors(ValidateText(**schema, *text), out);
    return out.Take();
  }
  out.BeginArray();
  for (const std::string& document : SplitDocuments(*text)) {
    WriteErrors(ValidateText(**schema, document), out);
  }
  out.EndArray();
  return out.Take();
}

// The outcome of Parse → Validate → Normalize, as the engine's pipeline runs them: the operation,
// or the errors of the stage that failed.
struct Prepared {
  std::optional<Operation> operation;
  std::vector<Error> errors;
};

Result<Prepared> Prepare(const Schema& schema, const std::string& text, const Options& options) {
  Result<nlohmann::ordered_json> variables = ReadVariables(options.variables);
  if (!variables) return variables.error();
  Prepared prepared;
  Result<Document> document = Parse(text);
  if (!document) {
    prepared.errors = {document.error()};
    return prepared;
  }
  prepared.errors = Validate(schema, *document);
  if (!prepared.errors.empty()) return prepared;
  Result<Operation> operation =
      Normalize(schema, *document, options.operation.value_or(""), *variables);
  if (operation) {
    prepared.operation = std::move(*operation);
  } else {
    prepared.errors = {operation.error()};
  }
  return prepared;
}

Result<std::string> RunIntrospect(const Options& options) {
  Result<std::shared_ptr<const Schema>> schema = LoadSchema(options.schema);
  if (!schema) return schema.error();
  Result<std::string> text = ReadFile(options.query.value_or(kDefaultQuery));
  if (!text) return text.error();
  Result<Prepared> prepared = Prepare(**schema, *text, options);
  if (!prepared) return prepared.error();
  if (!prepared->operation) return ErrorsObject(prepared->errors);
  const Operation& operation = *prepared->operation;
  JsonWriter out;
  out.BeginObject();
  out.Key("data");
  out.BeginObject();
  for (const NormalizedField& field :
       CollectFields(**schema, operation.selection_set, *operation.root_type)) {
    out.Key(field.alias);
    if (field.name == "__typename") {
      out.String(operation.root_type->name);
    } else if (field.name == "__schema" || field.name == "__type") {
      WriteIntrospectionField(**schema, field, out);
    } else {
      return ToolError("root field " + field.name + ": the tool executes only introspection");
    }
  }
  out.EndObject();
  out.EndObject();
  return out.Take();
}

Result<std::string> RunPrint(const Options& options) {
  Result<std::string> text = ReadRequired(options.document, "--document");
  if (!text) return text.error();
  Result<Document> document = Parse(*text);
  if (!document) return ErrorsObject({document.error()});
  JsonWriter out;
  out.BeginObject();
  out.Key("printed");
  out.String(Print(*document));
  out.EndObject();
  return out.Take();
}

Result<std::string> RunCoerce(const Options& options) {
  Result<std::shared_ptr<const Schema>> schema = LoadSchema(options.schema);
  if (!schema) return schema.error();
  Result<std::string> text = ReadRequired(options.document, "--document");
  if (!text) return text.error();
  if (!options.variables) return ToolError("missing --variables");
  Result<Prepared> prepared = Prepare(**schema, *text, options);
  if (!prepared) return prepared.error();
  if (!prepared->operation) return ErrorsObject(prepared->errors);
  nlohmann::ordered_json arguments = nlohmann::ordered_json::object();
  for (const NormalizedField& field : prepared->operation->selection_set) {
    arguments[field.alias] = field.arguments;
  }
  nlohmann::ordered_json result = {{"errors", nlohmann::ordered_json::array()},
                                   {"arguments", std::move(arguments)}};
  return result.dump();
}

Result<std::string> Run(std::string_view command, const Options& options) {
  if (command == "validate") return RunValidate(options);
  if (command == "introspect") return RunIntrospect(options);
  if (command == "print") return RunPrint(options);
  if (command == "coerce") return RunCoerce(options);
  return ToolError("unknown command " + std::string(command));
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: graphql_oracle_tool validate|introspect|print|coerce [options]\n";
    return kUsageError;
  }
  std::string_view command = argv[1];
  Result<Options> options = ParseOptions(argc, argv);
  Result<std::string> output = options ? Run(command, *options) : Result<std::string>(options.error());
  if (!output) {
    std::cerr << "graphql_oracle_tool " << command << ": " << output.error().message << "\n";
    return kUsageError;
  }
  std::cout << *output << "\n";
  return std::cout.flush() ? 0 : 1;
}

}  // namespace
}  // namespace junction::graphql

int main(int argc, char** argv) { return junction::graphql::Main(argc, argv); }

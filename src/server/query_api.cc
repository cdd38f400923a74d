#include "server/query_api.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "metadata/permission_commands.h"
#include "metadata/remote_relationship_commands.h"

namespace junction::server {
namespace {

using metadata::Command;
using metadata::CommandContext;
using metadata::CommandState;
using metadata::Json;
using metadata::JsonPathKey;

// The metadata commands Hasura also accepts on /v1/query under the same names (RQLQueryV1).
constexpr std::string_view kMetadataCommands[] = {
    "replace_metadata",     "export_metadata",           "clear_metadata",
    "reload_metadata",      "get_inconsistent_metadata", "drop_inconsistent_metadata",
    "add_remote_schema",    "update_remote_schema",      "remove_remote_schema",
    "reload_remote_schema", "introspect_remote_schema",
};

// Hasura's other /v1/query types (RQLQueryV1, RQLQueryV2): they exist, Junction lacks them.
constexpr std::string_view kOtherV1Types[] = {
    "add_existing_table_or_view",
    "track_table",
    "untrack_table",
    "set_table_is_enum",
    "set_table_customization",
    "set_table_custom_fields",
    "track_function",
    "untrack_function",
    "create_object_relationship",
    "create_array_relationship",
    "drop_relationship",
    "set_relationship_comment",
    "rename_relationship",
    "add_computed_field",
    "drop_computed_field",
    "create_insert_permission",
    "create_update_permission",
    "create_delete_permission",
    "drop_insert_permission",
    "drop_update_permission",
    "drop_delete_permission",
    "insert",
    "select",
    "update",
    "delete",
    "count",
    "create_event_trigger",
    "delete_event_trigger",
    "redeliver_event",
    "invoke_event_trigger",
    "create_cron_trigger",
    "delete_cron_trigger",
    "create_scheduled_event",
    "create_query_collection",
    "drop_query_collection",
    "add_query_to_collection",
    "drop_query_from_collection",
    "add_collection_to_allowlist",
    "drop_collection_from_allowlist",
    "create_action",
    "drop_action",
    "update_action",
    "create_action_permission",
    "drop_action_permission",
    "create_rest_endpoint",
    "drop_rest_endpoint",
    "dump_internal_state",
    "set_custom_types",
};

// Hasura's other /v2/query types (server/src-lib/Hasura/Server/API/V2Query.hs).
constexpr std::string_view kOtherV2Types[] = {
    "insert",          "select", "update", "delete", "count", "bigquery_database_inspection",
    "concurrent_bulk",
};

// run_sql and its backend-specific forms.
constexpr std::string_view kRunSqlV2Types[] = {
    "run_sql", "citus_run_sql", "cockroach_run_sql", "mssql_run_sql", "bigquery_run_sql",
};

template <size_t N>
bool Contains(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

}  // namespace

bool IsRunSqlCommand(QueryApi api, std::string_view type) {
  return api == QueryApi::kV1 ? type == "run_sql" : Contains(kRunSqlV2Types, type);
}

Result<RunSqlArgs> ReadRunSqlArgs(const Command& command) {
  const std::string args_path = JsonPathKey(command.path, "args");
  if (!command.args) return metadata::MissingKey(command.path, "args");
  const Json& args = *command.args;
  if (!args.is_object()) return metadata::TypeMismatch(args_path, "RunSQL", "Object", args);
  RunSqlArgs read;
  const auto sql = args.find("sql");
  if (sql == args.end()) return metadata::MissingKey(args_path, "sql");
  if (!sql->is_string()) {
    return metadata::TypeMismatch(JsonPathKey(args_path, "sql"), "Text", "String", *sql);
  }
  read.sql = sql->get<std::string>();
  if (const auto name = args.find("source"); name != args.end()) {
    if (!name->is_string()) {
      return metadata::TypeMismatch(JsonPathKey(args_path, "source"), "Text", "String", *name);
    }
    read.source = name->get<std::string>();
  }
  for (auto [key, flag] :
       {std::pair{"read_only", &read.read_only}, std::pair{"cascade", &read.cascade},
        std::pair{"check_metadata_consistency", &read.check_metadata_consistency}}) {
    const auto value = args.find(key);
    if (value == args.end() || value->is_null()) continue;
    if (!value->is_boolean()) {
      return metadata::TypeMismatch(JsonPathKey(args_path, key), "Bool", "Boolean", *value);
    }
    *flag = value->get<bool>();
  }
  return read;
}

namespace {

Result<Json> RunQuery(QueryApi api, CommandState& state, const Command& command,
                      const CommandContext& context);

Result<Json> RunBulk(QueryApi api, CommandState& state, const Command& command,
                     const CommandContext& context) {
  const std::string args_path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  if (!args.is_array()) return metadata::TypeMismatch(args_path, "[RQLQuery]", "Array", args);
  Json responses = Json::array();
  for (size_t i = 0; i < args.size(); ++i) {
    Result<Command> item = metadata::ParseCommand(args[i], metadata::JsonPathIndex(args_path, i));
    if (!item) return item.error();
    Result<Json> response = RunQuery(api, state, *item, context);
    if (!response) return response.error();
    responses.push_back(std::move(response).value());
  }
  return responses;
}

Result<Json> RunQuery(QueryApi api, CommandState& state, const Command& command,
                      const CommandContext& context) {
  const std::string& type = command.type;
  const bool v1_metadata = api == QueryApi::kV1 && Contains(kMetadataCommands, type);
  if (v1_metadata) return metadata::RunCommand(state, command, context);
  if (api == QueryApi::kV1) {
    // The legacy create/update/delete_remote_relationship: pg_…_remote_relationship by another
    // name.
    if (std::string renamed = metadata::RemoteRelationshipCommandOfQueryType(type);
        !renamed.empty()) {
      Command pg_command = command;
      pg_command.type = std::move(renamed);
      return metadata::RunCommand(state, pg_command, context);
    }
    // create_select_permission, drop_select_permission, set_permission_comment: the pg_ ones.
    if (std::string renamed = metadata::PermissionCommandOfQueryType(type); !renamed.empty()) {
      Command pg_command = command;
      pg_command.type = std::move(renamed);
      return metadata::RunCommand(state, pg_command, context);
    }
  }

  const bool known =
      type == "bulk" || IsRunSqlCommand(api, type) ||
      (api == QueryApi::kV1 ? Contains(kOtherV1Types, type) : Contains(kOtherV2Types, type));
  if (!known) {
    return Error(ErrorCode::kParseFailed, "unknown query type \"" + type + "\"", command.path);
  }
  if (!command.args) return metadata::MissingKey(command.path, "args");
  if (type == "bulk") return RunBulk(api, state, command, context);
  // The engine runs a top-level run_sql itself (it talks to the database; run_sql.cc); inside a
  // bulk it would have to share the bulk's transaction, which Junction cannot do yet.
  if (IsRunSqlCommand(api, type)) {
    Result<RunSqlArgs> args = ReadRunSqlArgs(command);
    if (!args) return args.error();
    return Error(ErrorCode::kNotSupported,
                 "run_sql inside a bulk is not supported by Junction yet; send it on its own",
                 command.path);
  }
  return Error(ErrorCode::kNotSupported,
               "query type \"" + type + "\" is not supported by Junction yet", command.path);
}

}  // namespace

Result<metadata::MetadataResponse> RunQueryRequest(QueryApi api, const metadata::Metadata& current,
                                                   const Json& body,
                                                   const CommandContext& context) {
  if (!body.is_object()) return metadata::TypeMismatch("$", "RQLQuery", "Object", body);
  Result<Command> command = metadata::ParseCommand(body, "$");
  if (!command) return command.error();
  CommandState state{current, false};
  Result<Json> response = RunQuery(api, state, *command, context);
  if (!response) return response.error();
  if (state.modified) state.metadata.set_resource_version(current.resource_version() + 1);
  return metadata::MetadataResponse{std::move(state.metadata),
                                    std::move(response).value(),
                                    state.modified,
                                    state.reload_all_sources,
                                    std::move(state.sources_to_reload),
                                    state.reload_all_remote_schemas,
                                    std::move(state.remote_schemas_to_reload)};
}

}  // namespace junction::server

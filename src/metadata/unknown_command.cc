#include "metadata/unknown_command.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace junction::metadata {
namespace {

// Hasura's backend-agnostic metadata commands (the RQLMetadataV1 parser).
constexpr std::string_view kAgnosticCommands[] = {
    "rename_source",
    "add_remote_schema_permissions",
    "drop_remote_schema_permissions",
    "create_cron_trigger",
    "delete_cron_trigger",
    "create_scheduled_event",
    "delete_scheduled_event",
    "get_scheduled_events",
    "get_event_invocations",
    "get_cron_triggers",
    "create_action",
    "drop_action",
    "update_action",
    "create_action_permission",
    "drop_action_permission",
    "create_query_collection",
    "rename_query_collection",
    "drop_query_collection",
    "add_query_to_collection",
    "drop_query_from_collection",
    "add_collection_to_allowlist",
    "drop_collection_from_allowlist",
    "update_scope_of_collection_in_allowlist",
    "create_rest_endpoint",
    "drop_rest_endpoint",
    "set_custom_types",
    "set_api_limits",
    "remove_api_limits",
    "set_metrics_config",
    "remove_metrics_config",
    "add_inherited_role",
    "drop_inherited_role",
    "add_host_to_tls_allowlist",
    "drop_host_from_tls_allowlist",
    "dump_internal_state",
    "get_catalog_state",
    "set_catalog_state",
    "set_graphql_schema_introspection_options",
    "test_webhook_transform",
    "set_query_tags",
    "set_opentelemetry_config",
    "set_opentelemetry_status",
    "bulk_atomic",
    "bulk_keep_going",
    "get_feature_flag",
};

// Hasura's backend prefixes (backendSourceKindFromText) and the kind each stands for.
constexpr std::pair<std::string_view, std::string_view> kBackends[] = {
    {"pg", "postgres"}, {"postgres", "postgres"}, {"citus", "citus"}, {"cockroach", "cockroach"},
    {"mssql", "mssql"}, {"bigquery", "bigquery"}, {"mysql", "mysql"}, {"sqlite", "sqlite"},
};

// The commands every backend offers under its prefix (metadataV1CommandParsers).
constexpr std::string_view kBackendCommands[] = {
    "add_source",
    "drop_source",
    "update_source",
    "track_table",
    "untrack_table",
    "track_tables",
    "untrack_tables",
    "set_table_customization",
    "set_table_is_enum",
    "create_insert_permission",
    "create_select_permission",
    "create_update_permission",
    "create_delete_permission",
    "drop_insert_permission",
    "drop_select_permission",
    "drop_update_permission",
    "drop_delete_permission",
    "set_permission_comment",
    "create_object_relationship",
    "create_array_relationship",
    "drop_relationship",
    "set_relationship_comment",
    "rename_relationship",
    "suggest_relationships",
    "create_remote_relationship",
    "update_remote_relationship",
    "delete_remote_relationship",
    "track_function",
    "untrack_function",
    "set_function_customization",
    "create_function_permission",
    "drop_function_permission",
    "add_computed_field",
    "drop_computed_field",
    "create_event_trigger",
    "delete_event_trigger",
    "redeliver_event",
    "invoke_event_trigger",
    "cleanup_event_trigger_logs",
    "get_source_tables",
    "get_table_info",
    "get_source_kind_capabilities",
    "track_native_query",
    "untrack_native_query",
    "get_native_query",
    "track_logical_model",
    "untrack_logical_model",
    "get_logical_model",
    "track_stored_procedure",
    "untrack_stored_procedure",
    "create_logical_model_select_permission",
    "drop_logical_model_select_permission",
};

template <size_t N>
bool Contains(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

Error NotSupported(std::string_view type, std::string path) {
  return Error(ErrorCode::kNotSupported,
               "metadata command \"" + std::string(type) + "\" is not supported by Junction yet",
               std::move(path));
}

}  // namespace

Error UnknownMetadataCommand(std::string_view type, std::string path) {
  if (Contains(kAgnosticCommands, type)) return NotSupported(type, std::move(path));
  // Like Hasura: the text before the first "_" names a backend, the rest its command.
  const size_t underscore = type.find('_');
  const std::string_view prefix = type.substr(0, underscore);
  const std::string_view command =
      underscore == std::string_view::npos ? std::string_view() : type.substr(underscore + 1);
  for (const auto& [name, kind] : kBackends) {
    if (name != prefix) continue;
    if (Contains(kBackendCommands, command)) return NotSupported(type, std::move(path));
    return Error(ErrorCode::kParseFailed,
                 "unknown metadata command \"" + std::string(command) + "\" for backend " +
                     std::string(kind),
                 std::move(path));
  }
  return Error(ErrorCode::kParseFailed,
               "unknown metadata command \"" + std::string(type) + "\"; \"" + std::string(prefix) +
                   "\" was not recognized as a valid backend name",
               std::move(path));
}

}  // namespace junction::metadata

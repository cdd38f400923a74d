#include "metadata/remote_schema.h"

#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>
#include <utility>

#include "graphql/lexer.h"
#include "metadata/source_metadata.h"

namespace junction::metadata {
namespace {

Error ParseFailed(std::string message, std::string path) {
  return Error(ErrorCode::kParseFailed, std::move(message), std::move(path));
}

// A member that is present and not null (aeson's .:? reads null as absent).
const Json* OptionalMember(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> Environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

// An optional string member; "" when absent or null.
Result<std::string> ReadOptionalText(const Json& object, std::string_view key,
                                     const std::string& path) {
  const Json* value = OptionalMember(object, key);
  if (value == nullptr) return std::string();
  if (!value->is_string()) return TypeMismatch(JsonPathKey(path, key), "Text", "String", *value);
  return value->get<std::string>();
}

// An optional GraphQL name (Hasura's G.Name): "" when absent or null.
Result<std::string> ReadOptionalName(const Json& object, std::string_view key,
                                     const std::string& path) {
  Result<std::string> text = ReadOptionalText(object, key, path);
  if (!text || text->empty()) return text;
  if (!graphql::IsName(*text)) {
    return ParseFailed(*text + " is not valid GraphQL name", JsonPathKey(path, key));
  }
  return text;
}

// A map of GraphQL names to GraphQL names ("mapping"); empty when absent or null.
Result<std::map<std::string, std::string, std::less<>>> ReadNameMapping(const Json& object,
                                                                        const std::string& path) {
  std::map<std::string, std::string, std::less<>> mapping;
  const Json* value = OptionalMember(object, "mapping");
  if (value == nullptr) return mapping;
  const std::string mapping_path = JsonPathKey(path, "mapping");
  if (!value->is_object()) return TypeMismatch(mapping_path, "HashMap", "Object", *value);
  for (const auto& [from, to] : value->items()) {
    const std::string to_path = JsonPathKey(mapping_path, from);
    if (!graphql::IsName(from)) return ParseFailed(from + " is not valid GraphQL name", to_path);
    if (!to.is_string()) return TypeMismatch(to_path, "Name", "String", to);
    const std::string& name = to.get_ref<const std::string&>();
    if (!graphql::IsName(name)) return ParseFailed(name + " is not valid GraphQL name", to_path);
    mapping.emplace(from, name);
  }
  return mapping;
}

// The prefix, suffix and mapping a type-name or field-name customization shares.
struct Renaming {
  std::string prefix;
  std::string suffix;
  std::map<std::string, std::string, std::less<>> mapping;
};

Result<Renaming> ReadRenaming(const Json& value, const std::string& path) {
  Result<std::string> prefix = ReadOptionalName(value, "prefix", path);
  if (!prefix) return prefix.error();
  Result<std::string> suffix = ReadOptionalName(value, "suffix", path);
  if (!suffix) return suffix.error();
  auto mapping = ReadNameMapping(value, path);
  if (!mapping) return mapping.error();
  return Renaming{std::move(prefix).value(), std::move(suffix).value(), std::move(mapping).value()};
}

Result<TypeNameCustomization> ReadTypeNames(const Json& value, const std::string& path) {
  if (!value.is_object()) return TypeMismatch(path, "RemoteTypeCustomization", "Object", value);
  Result<Renaming> renaming = ReadRenaming(value, path);
  if (!renaming) return renaming.error();
  return TypeNameCustomization{std::move(renaming->prefix), std::move(renaming->suffix),
                               std::move(renaming->mapping)};
}

Result<FieldNameCustomization> ReadFieldNames(const Json& value, const std::string& path) {
  if (!value.is_object()) return TypeMismatch(path, "RemoteFieldCustomization", "Object", value);
  Result<const Json*> parent = ReadMember(value, "parent_type", path);
  if (!parent) return parent.error();
  Result<std::string> parent_type = ReadOptionalName(value, "parent_type", path);
  if (!parent_type) return parent_type.error();
  if (parent_type->empty()) {
    return TypeMismatch(JsonPathKey(path, "parent_type"), "Name", "String", **parent);
  }
  Result<Renaming> renaming = ReadRenaming(value, path);
  if (!renaming) return renaming.error();
  return FieldNameCustomization{std::move(parent_type).value(), std::move(renaming->prefix),
                                std::move(renaming->suffix), std::move(renaming->mapping)};
}

Result<RemoteSchemaCustomization> ReadCustomization(const Json& value, const std::string& path) {
  if (!value.is_object()) return TypeMismatch(path, "RemoteSchemaCustomization", "Object", value);
  RemoteSchemaCustomization out;
  Result<std::string> root_namespace = ReadOptionalName(value, "root_fields_namespace", path);
  if (!root_namespace) return root_namespace.error();
  out.root_fields_namespace = std::move(root_namespace).value();
  if (const Json* type_names = OptionalMember(value, "type_names")) {
    Result<TypeNameCustomization> read =
        ReadTypeNames(*type_names, JsonPathKey(path, "type_names"));
    if (!read) return read.error();
    out.type_names = std::move(read).value();
  }
  if (const Json* field_names = OptionalMember(value, "field_names")) {
    const std::string list_path = JsonPathKey(path, "field_names");
    if (!field_names->is_array()) return TypeMismatch(list_path, "[a]", "Array", *field_names);
    for (size_t i = 0; i < field_names->size(); ++i) {
      Result<FieldNameCustomization> read =
          ReadFieldNames((*field_names)[i], JsonPathIndex(list_path, i));
      if (!read) return read.error();
      out.field_names.push_back(std::move(read).value());
    }
  }
  return out;
}

// A header of `headers`: {"name", "value"} or {"name", "value_from_env"} (Hasura's HeaderConf).
// The variable is read later, with the URL's, so that shape errors come first.
struct HeaderConf {
  std::string name;
  std::string value;
  bool from_env = false;
};

Result<HeaderConf> ReadHeader(const Json& value, const std::string& path) {
  if (!value.is_object()) return ParseFailed("expecting object for headers", path);
  Result<std::string> name = ReadString(value, "name", path);
  if (!name) return name.error();
  const Json* text = OptionalMember(value, "value");
  const Json* from_env = OptionalMember(value, "value_from_env");
  if (text == nullptr && from_env == nullptr) {
    return ParseFailed("expecting value or value_from_env keys", path);
  }
  if (text != nullptr && from_env != nullptr) {
    return ParseFailed("expecting only one of value or value_from_env keys", path);
  }
  const std::string_view key = text != nullptr ? "value" : "value_from_env";
  const Json& given = text != nullptr ? *text : *from_env;
  if (!given.is_string()) return TypeMismatch(JsonPathKey(path, key), "Text", "String", given);
  return HeaderConf{std::move(name).value(), given.get<std::string>(), from_env != nullptr};
}

// Whether `text` starts with a URI scheme ("http:", "https:"), as network-uri's parseURI
// requires of an absolute URI; spaces are never allowed.
bool IsAbsoluteUri(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (size_t i = 1; i < colon; ++i) {
    const char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return text.find_first_of(" \t\r\n") == std::string_view::npos;
}

// Hasura's URL templates: "{{ORDERS_HOST}}/graphql" reads ORDERS_HOST.
Result<std::string> RenderUrlTemplate(std::string_view url, const std::string& path) {
  std::string out;
  std::string missing;
  size_t at = 0;
  while (at < url.size()) {
    const size_t open = url.find("{{", at);
    if (open == std::string_view::npos) break;
    const size_t close = url.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out += url.substr(at, open - at);
    std::string variable(url.substr(open + 2, close - open - 2));
    while (!variable.empty() && variable.front() == ' ') variable.erase(variable.begin());
    while (!variable.empty() && variable.back() == ' ') variable.pop_back();
    if (std::optional<std::string> value = Environment(variable)) {
      out += *value;
    } else {
      if (!missing.empty()) missing += ", ";
      missing += variable;
    }
    at = close + 2;
  }
  out += url.substr(at);
  if (!missing.empty()) {
    return Error(ErrorCode::kUnexpected, "Value for environment variables not found: " + missing,
                 path);
  }
  return out;
}

Error InvalidParams(std::string message, const std::string& path) {
  return Error(ErrorCode::kInvalidParams, std::move(message), path);
}

}  // namespace

Result<RemoteSchemaDefinition> ReadRemoteSchemaDefinition(const Json& entry,
                                                          std::string_view path_view) {
  const std::string path(path_view);
  if (!entry.is_object()) return TypeMismatch(path, "AddRemoteSchemaQuery", "Object", entry);
  Result<std::string> name = ReadString(entry, "name", path);
  if (!name) return name.error();
  if (name->empty()) return ParseFailed("empty string not allowed", JsonPathKey(path, "name"));
  Result<const Json*> given = ReadMember(entry, "definition", path);
  if (!given) return given.error();
  const Json& definition = **given;
  const std::string definition_path = JsonPathKey(path, "definition");
  if (!definition.is_object()) return TypeMismatch(definition_path, "Object", "Object", definition);

  // The shape, in Hasura's field order.
  Result<std::string> url = ReadOptionalText(definition, "url", definition_path);
  if (!url) return url.error();
  Result<std::string> url_from_env = ReadOptionalText(definition, "url_from_env", definition_path);
  if (!url_from_env) return url_from_env.error();
  std::vector<HeaderConf> headers;
  if (const Json* list = OptionalMember(definition, "headers")) {
    const std::string headers_path = JsonPathKey(definition_path, "headers");
    if (!list->is_array()) return TypeMismatch(headers_path, "[a]", "Array", *list);
    for (size_t i = 0; i < list->size(); ++i) {
      Result<HeaderConf> header = ReadHeader((*list)[i], JsonPathIndex(headers_path, i));
      if (!header) return header.error();
      headers.push_back(std::move(header).value());
    }
  }
  Result<bool> forward =
      ReadOptionalBool(definition, "forward_client_headers", definition_path, false);
  if (!forward) return forward.error();
  RemoteSchemaDefinition out;
  out.name = std::move(name).value();
  out.forward_client_headers = *forward;
  if (const Json* timeout = OptionalMember(definition, "timeout_seconds")) {
    if (!timeout->is_number_integer() && !timeout->is_number_unsigned()) {
      return TypeMismatch(JsonPathKey(definition_path, "timeout_seconds"), "Int", "Number",
                          *timeout);
    }
    out.timeout_seconds = timeout->get<int64_t>();
  }
  if (const Json* customization = OptionalMember(definition, "customization")) {
    Result<RemoteSchemaCustomization> read =
        ReadCustomization(*customization, JsonPathKey(definition_path, "customization"));
    if (!read) return read.error();
    out.customization = std::move(read).value();
  }
  // A url key that is present with an empty string still counts as given.
  const bool has_url = OptionalMember(definition, "url") != nullptr;
  const bool has_url_from_env = OptionalMember(definition, "url_from_env") != nullptr;

  // Hasura's validateRemoteSchemaDef.
  for (const FieldNameCustomization& fields : out.customization.field_names) {
    for (const auto& [field, renamed] : fields.mapping) {
      if (field.starts_with("__")) {
        return InvalidParams("attempt to customize reserved field name " + Quoted(field), path);
      }
    }
  }
  if (has_url && has_url_from_env) {
    return InvalidParams("both `url` and `url_from_env` can't be present", path);
  }
  if (!has_url && !has_url_from_env) {
    return InvalidParams("both `url` and `url_from_env` can't be empty", path);
  }
  if (has_url) {
    Result<std::string> rendered = RenderUrlTemplate(*url, path);
    if (!rendered) return rendered.error();
    if (!IsAbsoluteUri(*rendered)) {
      return InvalidParams("not a valid URI generated from the template: " + *url, path);
    }
    out.url = std::move(rendered).value();
  } else {
    std::optional<std::string> value = Environment(*url_from_env);
    if (!value) {
      return InvalidParams("environment variable '" + *url_from_env + "' not set", path);
    }
    if (!IsAbsoluteUri(*value)) {
      return InvalidParams("not a valid URI in environment variable: " + *url_from_env, path);
    }
    out.url = std::move(value).value();
  }
  // Hasura's makeHeadersFromConf.
  for (HeaderConf& header : headers) {
    if (!header.from_env) {
      out.headers.push_back({std::move(header.name), std::move(header.value)});
      continue;
    }
    std::optional<std::string> value = Environment(header.value);
    if (!value) {
      return Error(ErrorCode::kNotFound, "environment variable '" + header.value + "' not set",
                   path);
    }
    out.headers.push_back({std::move(header.name), std::move(value).value()});
  }
  return out;
}

}  // namespace junction::metadata

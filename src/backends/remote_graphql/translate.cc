#include "backends/remote_graphql/translate.h"

#include <map>
#include <optional>
#include <utility>

namespace junction::backends::remote_graphql {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kBatchKey = "__junction_key";

Error Unexpected(std::string message) { return Error(ErrorCode::kUnexpected, std::move(message)); }

// Builds one document: the operation's selection text and its variables.
class DocumentWriter {
 public:
  // `$v<n>`, a new variable of `type` holding `value`.
  std::string Variable(const graphql::TypeRef& type, Json value) {
    std::string name = "v" + std::to_string(variables_.size());
    definitions_.push_back("$" + name + ": " + type.ToString());
    variables_[name] = std::move(value);
    return "$" + name;
  }

  std::string& text() { return text_; }

  // `alias: name(argument: $v…, …)`.
  void FieldHead(
      std::string_view alias, std::string_view name,
      const std::vector<std::pair<std::string, std::pair<graphql::TypeRef, Json>>>& arguments) {
    text_ += alias;
    text_ += ": ";
    text_ += name;
    if (arguments.empty()) return;
    text_ += '(';
    bool first = true;
    for (const auto& [argument, typed] : arguments) {
      if (!std::exchange(first, false)) text_ += ", ";
      text_ += argument;
      text_ += ": ";
      text_ += Variable(typed.first, typed.second);
    }
    text_ += ')';
  }

  // ` { … }`, with `extra` (a field's text) last.
  Status Selection(const std::vector<ir::RemoteSelection>& selection, std::string_view extra = {}) {
    text_ += " {";
    for (const ir::RemoteSelection& item : selection) {
      const auto* field = std::get_if<ir::RemoteField>(&item.node);
      if (field == nullptr) return Unexpected("a relationship was not cut out of a remote query");
      for (const std::string& condition : item.type_conditions) {
        text_ += " ... on ";
        text_ += condition;
        text_ += " {";
      }
      text_ += ' ';
      std::vector<std::pair<std::string, std::pair<graphql::TypeRef, Json>>> arguments;
      for (const ir::RemoteArgument& argument : field->arguments) {
        arguments.push_back({argument.name, {argument.type, argument.value}});
      }
      FieldHead(field->alias, field->name, arguments);
      if (!field->selection.empty()) {
        if (Status nested = Selection(field->selection); !nested) return nested;
      }
      for (size_t i = 0; i < item.type_conditions.size(); ++i) text_ += " }";
    }
    if (!extra.empty()) {
      text_ += ' ';
      text_ += extra;
    }
    text_ += " }";
    return {};
  }

  GraphqlRequest Finish(graphql::OperationType operation) {
    GraphqlRequest request;
    request.query = operation == graphql::OperationType::kMutation ? "mutation" : "query";
    if (!definitions_.empty()) {
      request.query += " (";
      for (size_t i = 0; i < definitions_.size(); ++i) {
        if (i > 0) request.query += ", ";
        request.query += definitions_[i];
      }
      request.query += ')';
    }
    request.query += text_;
    request.variables = std::move(variables_);
    return request;
  }

 private:
  std::string text_;
  std::vector<std::string> definitions_;
  Json variables_ = Json::object();
};

// The remote's fields along a relationship's path (the last is the one it calls).
Result<std::vector<const graphql::FieldDef*>> PathFields(
    const schema::RemoteSchemaRelationship& r) {
  std::vector<const graphql::FieldDef*> fields;
  const graphql::Schema& remote = *r.target->remote;
  const graphql::TypeDef* parent = remote.query_type();
  for (const schema::RemoteFieldStep& step : r.path) {
    const graphql::FieldDef* field = parent ? parent->FindField(step.field) : nullptr;
    if (field == nullptr) return Unexpected("remote field '" + step.field + "' not found");
    fields.push_back(field);
    parent = remote.FindType(field->type.name);
  }
  return fields;
}

// `value` (a template) with every "$x" replaced by the key value of left-hand field x.
Json Instantiate(const Json& value, const std::map<std::string, Json, std::less<>>& keys) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text.starts_with('$')) {
      const auto found = keys.find(std::string_view(text).substr(1));
      if (found != keys.end()) return found->second;
    }
    return value;
  }
  if (value.is_array() || value.is_object()) {
    Json copy = value;
    for (auto& element : copy) element = Instantiate(element, keys);
    return copy;
  }
  return value;
}

// The user's value merged into the template's (Hasura's combineValues): objects key by key,
// lists concatenated; anything else cannot be combined.
Result<Json> Merge(Json base, const Json& user) {
  if (base.is_object() && user.is_object()) {
    for (const auto& [key, value] : user.items()) {
      if (!base.contains(key)) {
        base[key] = value;
        continue;
      }
      Result<Json> merged = Merge(std::move(base[key]), value);
      if (!merged) return merged;
      base[key] = std::move(merged).value();
    }
    return base;
  }
  if (base.is_array() && user.is_array()) {
    for (const Json& value : user) base.push_back(value);
    return base;
  }
  return Unexpected("combineValues: cannot combine values (" + base.dump() + ") and (" +
                    user.dump() + ")");
}

// The comparable text of a key: a string's content, any other value's JSON (so that an ID the
// remote answers as "7" matches the key 7).
std::string KeyText(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

Result<Json> ParseKey(std::string_view text) {
  Json value = Json::parse(text, nullptr, false);
  if (value.is_discarded()) return Unexpected("a join key is not JSON");
  return value;
}

// Writes the path `f<alias>: a(…) { b(…) { <leaf>(…) { selection } } }` for one set of keys.
Status WritePath(DocumentWriter& out, std::string_view alias,
                 const ir::RemoteSchemaRelation& relation,
                 const std::vector<const graphql::FieldDef*>& fields,
                 const std::map<std::string, Json, std::less<>>& keys, std::string_view extra) {
  const schema::RemoteSchemaRelationship& relationship = *relation.relationship;
  for (size_t i = 0; i < fields.size(); ++i) {
    const bool leaf = i + 1 == fields.size();
    std::vector<std::pair<std::string, std::pair<graphql::TypeRef, Json>>> arguments;
    const Json& bound = relationship.path[i].arguments;
    for (const graphql::InputValueDef& def : fields[i]->arguments) {
      std::optional<Json> value;
      if (const auto it = bound.find(def.name); it != bound.end()) value = Instantiate(*it, keys);
      if (leaf) {
        for (const ir::RemoteArgument& user : relation.arguments) {
          if (user.name != def.name) continue;
          if (!value) {
            value = user.value;
            continue;
          }
          Result<Json> merged = Merge(std::move(*value), user.value);
          if (!merged) return merged.error();
          value = std::move(merged).value();
        }
      }
      if (value) arguments.push_back({def.name, {def.type, std::move(*value)}});
    }
    out.text() += ' ';
    out.FieldHead(i == 0 ? alias : fields[i]->name, fields[i]->name, arguments);
    if (!leaf) out.text() += " {";
  }
  if (Status written = out.Selection(relation.selection, extra); !written) return written;
  for (size_t i = 1; i < fields.size(); ++i) out.text() += " }";
  return {};
}

// The value under the relationship's path inside the value of its outermost field.
const Json* Descend(const schema::RemoteSchemaRelationship& relationship, const Json& outer) {
  const Json* value = &outer;
  for (size_t i = 1; i < relationship.path.size() && !value->is_null(); ++i) {
    if (!value->is_object()) return nullptr;
    const auto it = value->find(relationship.path[i].field);
    if (it == value->end()) return nullptr;
    value = &*it;
  }
  return value;
}

}  // namespace

std::string GraphqlRequest::Body() const {
  Json body = Json::object();
  body["query"] = query;
  body["variables"] = variables;
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<GraphqlRequest> TranslateRoot(const ir::RemoteRootField& field) {
  DocumentWriter out;
  if (Status written = out.Selection(field.selection); !written) return written.error();
  return out.Finish(field.operation);
}

Result<GraphqlRequest> TranslateJoin(const ir::RemoteSchemaRelation& relation,
                                     const JoinArguments& arguments, size_t begin, size_t end) {
  const schema::RemoteSchemaRelationship& relationship = *relation.relationship;
  Result<std::vector<const graphql::FieldDef*>> fields = PathFields(relationship);
  if (!fields) return fields.error();
  DocumentWriter out;
  if (relationship.batch) {
    std::map<std::string, Json, std::less<>> keys;
    Json list = Json::array();
    for (size_t id = begin; id < end; ++id) {
      Result<Json> key = ParseKey(arguments[id][0]);
      if (!key) return key.error();
      list.push_back(std::move(key).value());
    }
    keys.emplace(relationship.lhs_fields[0], std::move(list));
    const std::string key_field = std::string(kBatchKey) + ": " + relationship.batch->key_field;
    if (Status written = WritePath(out, "f", relation, *fields, keys, key_field); !written) {
      return written.error();
    }
  } else {
    for (size_t id = begin; id < end; ++id) {
      std::map<std::string, Json, std::less<>> keys;
      for (size_t i = 0; i < relationship.lhs_fields.size(); ++i) {
        Result<Json> key = ParseKey(arguments[id][i]);
        if (!key) return key.error();
        keys.emplace(relationship.lhs_fields[i], std::move(key).value());
      }
      const std::string alias = "f" + std::to_string(id);
      if (Status written = WritePath(out, alias, relation, *fields, keys, {}); !written) {
        return written.error();
      }
    }
  }
  // The outer braces of the operation's selection set.
  out.text() = " {" + out.text() + " }";
  return out.Finish(graphql::OperationType::kQuery);
}

Result<std::string> JoinAnswers(const ir::RemoteSchemaRelation& relation, const Json& data,
                                const JoinArguments& arguments, size_t begin, size_t end) {
  const schema::RemoteSchemaRelationship& relationship = *relation.relationship;
  const schema::RemoteSchema& target = *relationship.target;
  std::string out = "[";
  const auto add = [&](size_t id, Json value) {
    RenameTypenames(target, relation.selection, value);
    if (out.size() > 1) out += ',';
    out += '[';
    out += std::to_string(id);
    out += ',';
    out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    out += ']';
  };
  if (!data.is_object()) return Unexpected("\"data\" field not found in remote response");
  if (!relationship.batch) {
    for (size_t id = begin; id < end; ++id) {
      const std::string alias = "f" + std::to_string(id);
      const auto it = data.find(alias);
      if (it == data.end()) return Unexpected("failed to lookup key '" + alias + "' in response");
      const Json* value = Descend(relationship, *it);
      if (value == nullptr) return Unexpected("failed to lookup key '" + alias + "' in response");
      add(id, *value);
    }
    out += ']';
    return out;
  }
  const auto it = data.find("f");
  if (it == data.end()) return Unexpected("failed to lookup key 'f' in response");
  const Json* list = Descend(relationship, *it);
  if (list == nullptr) return Unexpected("failed to lookup key 'f' in response");
  std::map<std::string, std::vector<Json>> matches;
  if (list->is_array()) {
    for (const Json& element : *list) {
      if (!element.is_object() || !element.contains(kBatchKey)) continue;
      Json copy = element;
      const std::string key = KeyText(copy[kBatchKey]);
      copy.erase(kBatchKey);
      matches[key].push_back(std::move(copy));
    }
  }
  for (size_t id = begin; id < end; ++id) {
    Result<Json> key = ParseKey(arguments[id][0]);
    if (!key) return key.error();
    const auto found = matches.find(KeyText(*key));
    if (found == matches.end()) continue;  // the executor fills in null or []
    if (relationship.batch->array) {
      add(id, Json(found->second));
    } else {
      add(id, found->second.front());
    }
  }
  out += ']';
  return out;
}

void RenameTypenames(const schema::RemoteSchema& schema,
                     const std::vector<ir::RemoteSelection>& selection, Json& value) {
  if (!schema.names.renames_types()) return;
  if (value.is_array()) {
    for (Json& element : value) RenameTypenames(schema, selection, element);
    return;
  }
  if (!value.is_object()) return;
  for (const ir::RemoteSelection& item : selection) {
    const auto* field = std::get_if<ir::RemoteField>(&item.node);
    if (field == nullptr) continue;
    const auto it = value.find(field->alias);
    if (it == value.end()) continue;
    if (field->name == "__typename" && it->is_string()) {
      *it = schema.names.Type(it->get<std::string>());
    } else if (!field->selection.empty()) {
      RenameTypenames(schema, field->selection, *it);
    }
  }
}

}  // namespace junction::backends::remote_graphql

#include "metadata/json_path.h"

#include <utility>

namespace junction::metadata {

namespace {

bool IsIdentifier(std::string_view key) {
  if (key.empty()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace

std::string JsonPathKey(std::string_view path, std::string_view key) {
  std::string out(path);
  if (IsIdentifier(key)) {
    out += '.';
    out += key;
    return out;
  }
  out += "['";
  for (char c : key) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += "']";
  return out;
}

std::string JsonPathIndex(std::string_view path, size_t index) {
  std::string out(path);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

std::string_view JsonTypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      return "Object";
    case Json::value_t::array:
      return "Array";
    case Json::value_t::string:
      return "String";
    case Json::value_t::boolean:
      return "Boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "Number";
    case Json::value_t::null:
    case Json::value_t::discarded:
      return "Null";
    case Json::value_t::binary:
      return "Binary";
  }
  return "Null";
}

Error TypeMismatch(std::string path, std::string_view what, std::string_view expected,
                   const Json& actual) {
  std::string message = "parsing ";
  message += what;
  message += " failed, expected ";
  message += expected;
  message += ", but encountered ";
  message += JsonTypeName(actual);
  return Error(ErrorCode::kParseFailed, std::move(message), std::move(path));
}

Error MissingKey(std::string path, std::string_view key) {
  std::string message = "key \"";
  message += key;
  message += "\" not found";
  return Error(ErrorCode::kParseFailed, std::move(message), std::move(path));
}

Error RebasePath(Error error, std::string_view prefix) {
  // Paths always start with "$"; what follows it is relative to the nested document.
  std::string_view rest = error.path;
  if (!rest.empty() && rest.front() == '$') rest.remove_prefix(1);
  error.path = std::string(prefix) + std::string(rest);
  return error;
}

const Json* FindKey(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> StringAt(const Json& object, std::string_view key) {
  const Json* value = FindKey(object, key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

}  // namespace junction::metadata

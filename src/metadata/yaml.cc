#include "metadata/yaml.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace junction::metadata {
namespace {

// ---------------------------------------------------------------------------------------------
// Reading

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";
constexpr std::string_view kIncludeTag = "!include";

Error YamlErrorAt(const YAML::Mark& mark, std::string message) {
  Error error(ErrorCode::kParseFailed, std::move(message));
  if (!mark.is_null()) {
    error.locations.push_back(
        {static_cast<uint32_t>(mark.line + 1), static_cast<uint32_t>(mark.column + 1)});
  } else {
    error.locations.push_back({1, 1});
  }
  return error;
}

bool IsOneOf(std::string_view text, std::initializer_list<std::string_view> options) {
  for (std::string_view option : options) {
    if (text == option) return true;
  }
  return false;
}

// An integer of the core schema (`-12`, `+7`, `0o17`, `0x1F`), or nullopt; one too large for 64
// bits becomes a float, as JSON parsers read it.
std::optional<Json> ParseInteger(std::string_view text) {
  bool negative = false;
  std::string_view digits = text;
  int base = 10;
  if (digits.starts_with("0o")) {
    base = 8;
    digits.remove_prefix(2);
  } else if (digits.starts_with("0x")) {
    base = 16;
    digits.remove_prefix(2);
  } else if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) return std::nullopt;
  for (char c : digits) {
    const bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                               : (c >= '0' && c < '0' + base);
    if (!ok) return std::nullopt;
  }
  uint64_t magnitude = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    return Json(std::stod(std::string(text)));  // too large for 64 bits: a float, as JSON has it
  }
  if (!negative) {
    if (magnitude <= static_cast<uint64_t>(INT64_MAX)) return Json(static_cast<int64_t>(magnitude));
    return Json(magnitude);
  }
  if (magnitude <= static_cast<uint64_t>(INT64_MAX) + 1) {
    return Json(static_cast<int64_t>(0 - magnitude));
  }
  return Json(std::stod(std::string(text)));
}

// A cursor over a scalar's text for the matchers below, which stand in for regular expressions
// (std::regex is slow, and GCC 12 warns falsely inside it).
class Scan {
 public:
  explicit Scan(std::string_view text) : rest_(text) {}
  bool Done() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }
  // Consumes one character of `set`; whether there was one.
  bool Eat(std::string_view set) {
    if (rest_.empty() || set.find(rest_[0]) == std::string_view::npos) return false;
    rest_.remove_prefix(1);
    return true;
  }
  // Consumes characters of `set`, at most `max`; whether at least `min` were.
  bool EatRun(std::string_view set, size_t min = 0, size_t max = std::string_view::npos) {
    size_t n = 0;
    while (n < max && Eat(set)) ++n;
    return n >= min;
  }

 private:
  std::string_view rest_;
};

constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kDigitsOrUnderscore = "0123456789_";

// An optional exponent ([eE][-+]?[0-9]+), then the end of the text.
bool ExponentThenEnd(Scan& scan) {
  if (scan.Eat("eE")) {
    scan.Eat("-+");
    if (!scan.EatRun(kDigits, 1)) return false;
  }
  return scan.Done();
}

// A float of the core schema: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool IsCoreFloat(std::string_view text) {
  Scan scan(text);
  scan.Eat("-+");
  if (scan.EatRun(kDigits, 1)) {
    if (scan.Eat(".")) scan.EatRun(kDigits);
  } else if (!scan.Eat(".") || !scan.EatRun(kDigits, 1)) {
    return false;
  }
  return ExponentThenEnd(scan);
}

// The infinities and not-a-numbers of YAML, which JSON cannot hold.
bool IsInfinityOrNan(std::string_view text) {
  return IsOneOf(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf",
                        "-.INF", ".nan", ".NaN", ".NAN"});
}

// A plain scalar typed by the YAML 1.2 core schema.
Result<Json> ResolvePlain(const std::string& text, const YAML::Mark& mark) {
  if (IsOneOf(text, {"", "~", "null", "Null", "NULL"})) return Json(nullptr);
  if (IsOneOf(text, {"true", "True", "TRUE"})) return Json(true);
  if (IsOneOf(text, {"false", "False", "FALSE"})) return Json(false);
  if (std::optional<Json> integer = ParseInteger(text)) return *integer;
  if (IsCoreFloat(text)) return Json(std::stod(text));
  if (IsInfinityOrNan(text)) {
    return YamlErrorAt(mark, "the number " + text + " cannot be represented in JSON");
  }
  return Json(text);
}

class Converter {
 public:
  explicit Converter(YamlDocument& document) : document_(document) {}

  Result<Json> Convert(const YAML::Node& node, const std::string& path,
                       const YAML::Mark& parent_mark) {
    const YAML::Mark mark = node.Mark().is_null() ? parent_mark : node.Mark();
    document_.marks.emplace_back(path,
                                 junction::SourceLocation{static_cast<uint32_t>(mark.line + 1),
                                                          static_cast<uint32_t>(mark.column + 1)});
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return ConvertNull(node, mark);
      case YAML::NodeType::Scalar:
        return ConvertScalar(node, mark);
      case YAML::NodeType::Sequence:
        return ConvertSequence(node, path, mark);
      case YAML::NodeType::Map:
        return ConvertMap(node, path, mark);
    }
    return Json(nullptr);
  }

 private:
  static Result<Json> ConvertNull(const YAML::Node& node, const YAML::Mark& mark) {
    if (node.Tag() == kStrTag) return Json("");
    if (node.Tag() == kIncludeTag) return YamlErrorAt(mark, "!include without a file name");
    return Json(nullptr);
  }

  static Result<Json> ConvertScalar(const YAML::Node& node, const YAML::Mark& mark) {
    const std::string& tag = node.Tag();
    const std::string& text = node.Scalar();
    if (tag == "?") return ResolvePlain(text, mark);
    if (tag == "!" || tag == kStrTag) return Json(text);
    if (tag == kIncludeTag) return Json(std::string(kIncludePrefix) + text);
    return YamlErrorAt(mark, "unsupported tag " + tag);
  }

  Result<Json> ConvertSequence(const YAML::Node& node, const std::string& path,
                               const YAML::Mark& mark) {
    Json out = Json::array();
    size_t index = 0;
    for (const YAML::Node& item : node) {
      Result<Json> value = Convert(item, JsonPathIndex(path, index++), mark);
      if (!value) return value.error();
      out.push_back(std::move(value).value());
    }
    return out;
  }

  Result<Json> ConvertMap(const YAML::Node& node, const std::string& path, const YAML::Mark& mark) {
    Json out = Json::object();
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      const YAML::Mark key_mark = key.Mark().is_null() ? mark : key.Mark();
      if (!key.IsScalar() && !key.IsNull()) {
        return YamlErrorAt(key_mark, "a mapping key must be a scalar");
      }
      const std::string name = key.IsNull() ? "" : key.Scalar();
      if (out.contains(name)) return YamlErrorAt(key_mark, "duplicate key \"" + name + "\"");
      Result<Json> value = Convert(entry.second, JsonPathKey(path, name), key_mark);
      if (!value) return value.error();
      out[name] = std::move(value).value();
    }
    return out;
  }

  YamlDocument& document_;
};

// ---------------------------------------------------------------------------------------------
// Writing

// The code point at `text[i]`, advancing `i`; invalid UTF-8 gives -1 (one byte consumed).
int32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  int length = byte < 0x80           ? 1
               : (byte >> 5) == 0x6  ? 2
               : (byte >> 4) == 0xE  ? 3
               : (byte >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return -1;
  }
  int32_t code = length == 1 ? byte : byte & (0xFF >> (length + 1));
  for (int k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    code = (code << 6) | (next & 0x3F);
  }
  i += length;
  return code;
}

// go-yaml's is_printable.
bool IsPrintable(int32_t c) {
  return c == 0x0A || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || (c >= 0x10000 && c <= 0x10FFFF);
}

bool IsBreak(int32_t c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// What go-yaml's emitter allows for a string (yaml_emitter_analyze_scalar).
struct ScalarAnalysis {
  bool plain = true;  // block plain
  bool single_quoted = true;
  bool block = true;  // literal block
};

ScalarAnalysis Analyze(std::string_view value) {
  ScalarAnalysis result;
  if (value.empty()) {
    result.block = false;
    return result;
  }
  bool indicators = value.starts_with("---") || value.starts_with("...");
  bool line_breaks = false, special = false, tabs = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false,
       break_space = false, space_break = false;
  bool previous_space = false, previous_break = false, preceded_by_whitespace = true;
  for (size_t i = 0; i < value.size();) {
    const size_t start = i;
    const int32_t c = NextCodePoint(value, i);
    const bool last = i >= value.size();
    const bool followed_by_whitespace =
        last || value[i] == ' ' || value[i] == '\t' || value[i] == '\n' || value[i] == '\r';
    if (start == 0) {
      if (c >= 0 && c < 0x80 &&
          std::string_view("#,[]{}&*!|>'\"%@`").find(static_cast<char>(c)) !=
              std::string_view::npos) {
        indicators = true;
      } else if ((c == '?' || c == ':' || c == '-') && followed_by_whitespace) {
        indicators = true;
      }
    } else if ((c == ':' && followed_by_whitespace) || (c == '#' && preceded_by_whitespace)) {
      indicators = true;
    }
    if (c == '\t') {
      tabs = true;
    } else if (c < 0 || !IsPrintable(c)) {
      special = true;
    }
    if (c == ' ') {
      if (start == 0) leading_space = true;
      if (last) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (IsBreak(c)) {
      line_breaks = true;
      if (start == 0) leading_break = true;
      if (last) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = previous_break = false;
    }
    preceded_by_whitespace = c == ' ' || c == '\t' || IsBreak(c);
  }
  if (leading_space || leading_break || trailing_space || trailing_break) result.plain = false;
  if (trailing_space) result.block = false;
  if (break_space) result.plain = result.single_quoted = false;
  if (space_break || tabs || special) result.plain = result.single_quoted = false;
  if (space_break || special) result.block = false;
  if (line_breaks || indicators) result.plain = false;
  return result;
}

// YAML 1.1's booleans: y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
bool IsLegacyBool(std::string_view text) {
  return IsOneOf(text, {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON",
                        "off", "Off", "OFF"});
}

// What go-yaml resolves as a timestamp:
// [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?
//   (Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?
bool IsTimestamp(std::string_view text) {
  Scan scan(text);
  if (!scan.EatRun(kDigits, 4, 4) || !scan.Eat("-") || !scan.EatRun(kDigits, 1, 2) ||
      !scan.Eat("-") || !scan.EatRun(kDigits, 1, 2)) {
    return false;
  }
  if (scan.Done()) return true;
  if (!scan.Eat("Tt ") || !scan.EatRun(kDigits, 1, 2) || !scan.Eat(":") ||
      !scan.EatRun(kDigits, 1, 2) || !scan.Eat(":") || !scan.EatRun(kDigits, 1, 2)) {
    return false;
  }
  if (scan.Eat(".")) scan.EatRun(kDigits);
  if (scan.Eat("Z")) return scan.Done();
  if (scan.Eat("-+")) {
    if (!scan.EatRun(kDigits, 1, 2)) return false;
    if (scan.Eat(":") && !scan.EatRun(kDigits, 2, 2)) return false;
  }
  return scan.Done();
}

// A number by the loosest of the resolvers Hasura's writers follow (YAML 1.1 included), with at
// least one digit: [-+]? then 0b[01_]+ | 0o?[0-7_]+ | 0x[0-9a-fA-F_]+ | [0-9][0-9_]* |
// [0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)? | [0-9][0-9_]*[eE][-+]?[0-9]+ |
// [0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?
bool IsLooseNumber(std::string_view text) {
  if (text.find_first_of(kDigits) == std::string_view::npos) return false;
  Scan scan(text);
  scan.Eat("-+");
  const std::string_view body = scan.rest();
  const auto all_of = [](std::string_view part, std::string_view set) {
    return !part.empty() && part.find_first_not_of(set) == std::string_view::npos;
  };
  if (body.starts_with("0b")) return all_of(body.substr(2), "01_");
  if (body.starts_with("0x")) return all_of(body.substr(2), "0123456789abcdefABCDEF_");
  if (body.starts_with("0o")) return all_of(body.substr(2), "01234567_");
  if (body.starts_with("0") && all_of(body.substr(1), "01234567_")) return true;

  const bool leading_digit = !body.empty() && kDigits.find(body[0]) != std::string_view::npos;
  scan.EatRun(kDigitsOrUnderscore);
  if (scan.Done()) return leading_digit;
  if (scan.Eat(".")) {
    scan.EatRun(kDigitsOrUnderscore);
    return ExponentThenEnd(scan);
  }
  if (!leading_digit) return false;
  if (scan.rest()[0] != ':') return ExponentThenEnd(scan);
  while (scan.Eat(":")) {  // sexagesimal: each part [0-5]?[0-9]
    const std::string_view part = scan.rest();
    const bool two = part.size() >= 2 && part[0] >= '0' && part[0] <= '5' &&
                     kDigits.find(part[1]) != std::string_view::npos;
    if (!scan.EatRun(kDigits, two ? 2 : 1, two ? 2 : 1)) return false;
  }
  if (scan.Eat(".")) scan.EatRun(kDigitsOrUnderscore);
  return scan.Done();
}

// Whether a plain `text` would read back as something other than a string, by go-yaml v3's
// resolver or by the YAML 1.1 legacy rules Hasura's CUE step quotes.
bool LooksLikeNonString(const std::string& text) {
  // Only these first characters can start a null, bool, number, timestamp or merge key.
  if (!text.empty() &&
      std::string_view("0123456789+-.~<nNtTfFyYoO").find(text[0]) == std::string_view::npos) {
    return false;
  }
  if (IsOneOf(text, {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
                     "FALSE", "<<"}) ||
      IsInfinityOrNan(text)) {
    return true;
  }
  return IsLegacyBool(text) || IsTimestamp(text) || IsLooseNumber(text);
}

std::string DoubleQuoted(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (size_t i = 0; i < value.size();) {
    const size_t start = i;
    const int32_t c = NextCodePoint(value, i);
    const bool escape =
        c < 0 || !IsPrintable(c) || c == 0xFEFF || IsBreak(c) || c == '"' || c == '\\';
    if (!escape) {
      out.append(value.substr(start, i - start));
      continue;
    }
    out += '\\';
    switch (c) {
      case 0x00:
        out += '0';
        break;
      case 0x07:
        out += 'a';
        break;
      case 0x08:
        out += 'b';
        break;
      case 0x09:
        out += 't';
        break;
      case 0x0A:
        out += 'n';
        break;
      case 0x0B:
        out += 'v';
        break;
      case 0x0C:
        out += 'f';
        break;
      case 0x0D:
        out += 'r';
        break;
      case 0x1B:
        out += 'e';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 0x85:
        out += 'N';
        break;
      case 0x2028:
        out += 'L';
        break;
      case 0x2029:
        out += 'P';
        break;
      default: {
        const uint32_t code = c < 0 ? static_cast<unsigned char>(value[start]) : c;
        const int digits = code <= 0xFF ? 2 : code <= 0xFFFF ? 4 : 8;
        out += digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
          out += kHex[(code >> shift) & 0xF];
      }
    }
  }
  out += '"';
  return out;
}

std::string SingleQuoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

// A literal block: the header, then the lines at `indent` (empty lines stay empty).
std::string Literal(std::string_view value, int indent) {
  std::string out = "|";
  if (value[0] == ' ' || value[0] == '\n') out += '2';
  const bool ends_in_break = value.back() == '\n';
  if (!ends_in_break) {
    out += '-';
  } else if (value.size() == 1 || value[value.size() - 2] == '\n') {
    out += '+';
  }
  out += '\n';
  bool line_start = true;
  for (char c : value) {
    if (c == '\n') {
      out += '\n';
      line_start = true;
      continue;
    }
    if (line_start) out.append(indent, ' ');
    line_start = false;
    out += c;
  }
  if (!ends_in_break) out += '\n';
  return out;
}

// A string as a key or a one-line value (no literal block).
std::string InlineString(const std::string& value) {
  if (value.starts_with(kIncludePrefix)) return DoubleQuoted(value);
  const ScalarAnalysis analysis = Analyze(value);
  if (value.find('\n') != std::string::npos || LooksLikeNonString(value)) {
    return DoubleQuoted(value);
  }
  if (analysis.plain) return value;
  if (analysis.single_quoted) return SingleQuoted(value);
  return DoubleQuoted(value);
}

bool IsLiteral(const Json& value) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  return text.find('\n') != std::string::npos && Analyze(text).block;
}

bool IsBlockContainer(const Json& value) {
  return (value.is_object() || value.is_array()) && !value.empty();
}

// A scalar or empty container on one line (no line break).
std::string InlineValue(const Json& value) {
  if (value.is_string()) return InlineString(value.get_ref<const std::string&>());
  if (value.is_array()) return "[]";
  if (value.is_object()) return "{}";
  if (value.is_number_float()) return Json(value.get<double>()).dump();
  return value.dump();
}

void EmitMapping(const Json& object, int indent, bool first_inline, std::string& out);
void EmitSequence(const Json& array, int indent, bool first_inline, std::string& out);

// `value` after "key:" of a mapping whose keys are at `indent`.
void EmitMappingValue(const Json& value, int indent, std::string& out) {
  if (IsLiteral(value)) {
    out += ' ';
    out += Literal(value.get_ref<const std::string&>(), indent + 2);
  } else if (!IsBlockContainer(value)) {
    out += ' ';
    out += InlineValue(value);
    out += '\n';
  } else {
    out += '\n';
    if (value.is_object()) {
      EmitMapping(value, indent + 2, false, out);
    } else {
      EmitSequence(value, indent + 2, false, out);
    }
  }
}

// `value` after "- " of a sequence whose dashes are at `indent`.
void EmitSequenceItem(const Json& value, int indent, std::string& out) {
  if (IsLiteral(value)) {
    out += Literal(value.get_ref<const std::string&>(), indent + 2);
  } else if (!IsBlockContainer(value)) {
    out += InlineValue(value);
    out += '\n';
  } else if (value.is_object()) {
    EmitMapping(value, indent + 2, true, out);
  } else {
    EmitSequence(value, indent + 2, true, out);
  }
}

void EmitMapping(const Json& object, int indent, bool first_inline, std::string& out) {
  bool first = true;
  for (const auto& [key, value] : object.items()) {
    if (!first || !first_inline) out.append(indent, ' ');
    first = false;
    out += InlineString(key);
    out += ':';
    EmitMappingValue(value, indent, out);
  }
}

void EmitSequence(const Json& array, int indent, bool first_inline, std::string& out) {
  bool first = true;
  for (const Json& item : array) {
    if (!first || !first_inline) out.append(indent, ' ');
    first = false;
    out += "- ";
    EmitSequenceItem(item, indent, out);
  }
}

}  // namespace

Result<YamlDocument> ParseYaml(std::string_view text) {
  YamlDocument document;
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    if (documents.size() > 1) {
      return YamlErrorAt(documents[1].Mark(), "expected one YAML document, found several");
    }
    Converter converter(document);
    Result<Json> value =
        converter.Convert(documents.empty() ? YAML::Node() : documents[0], "$", YAML::Mark());
    if (!value) return value.error();
    document.value = std::move(value).value();
  } catch (const YAML::Exception& exception) {
    return YamlErrorAt(exception.mark, exception.msg);
  }
  return document;
}

std::string EmitYaml(const Json& value) {
  std::string out;
  if (IsLiteral(value)) return Literal(value.get_ref<const std::string&>(), 2);
  if (!IsBlockContainer(value)) return InlineValue(value) + "\n";
  if (value.is_object()) {
    EmitMapping(value, 0, false, out);
  } else {
    EmitSequence(value, 0, false, out);
  }
  return out;
}

}  // namespace junction::metadata

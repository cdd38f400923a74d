#include "graphql/printer.h"

#include <cstdio>
#include <string_view>
#include <vector>

#include "graphql/block_string.h"
#include "graphql/utf8.h"

namespace junction::graphql {
namespace {

// graphql-js wraps a field's arguments one per line when the field's line would pass this.
constexpr size_t kMaxLineLength = 80;

// graphql-js's printString: escapes control characters, `"`, `\` and U+007F–U+009F.
void AppendQuoted(std::string_view value, std::string& out) {
  out.push_back('"');
  for (size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    const char* escape = nullptr;
    switch (c) {
      case '\b':
        escape = "\\b";
        break;
      case '\t':
        escape = "\\t";
        break;
      case '\n':
        escape = "\\n";
        break;
      case '\f':
        escape = "\\f";
        break;
      case '\r':
        escape = "\\r";
        break;
      case '"':
        escape = "\\\"";
        break;
      case '\\':
        escape = "\\\\";
        break;
      default:
        break;
    }
    if (escape != nullptr) {
      out.append(escape);
      continue;
    }
    unsigned code = c;
    const bool c1_control = c == 0xC2 && i + 1 < value.size() &&
                            static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
                            static_cast<unsigned char>(value[i + 1]) <= 0x9F;
    if (c1_control) code = static_cast<unsigned char>(value[++i]);
    if (code < 0x20 || code == 0x7F || c1_control) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04X", code);
      out.append(buffer);
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  out.push_back('"');
}

// Prints in graphql-js 16's layout. Output goes through Write, which indents every new line to
// the current block depth — graphql-js's indent(), applied once per enclosing block.
class Printer {
 public:
  std::string Take() { return std::move(out_); }

  void PrintDocument(const Document& document) {
    for (size_t i = 0; i < document.definitions.size(); ++i) {
      if (i > 0) Write("\n\n");
      std::visit([this](const auto& definition) { PrintDefinition(definition); },
                 document.definitions[i]);
    }
  }

  void PrintValue(const Value& value) {
    switch (value.kind) {
      case Value::Kind::kVariable:
        Write('$');
        Write(value.text);
        return;
      case Value::Kind::kInt:
      case Value::Kind::kFloat:
      case Value::Kind::kEnum:
        Write(value.text);
        return;
      case Value::Kind::kString:
        if (value.block) {
          Write(PrintBlockString(value.text));
        } else {
          AppendQuoted(value.text, out_);
        }
        return;
      case Value::Kind::kBoolean:
        Write(value.boolean ? "true" : "false");
        return;
      case Value::Kind::kNull:
        Write("null");
        return;
      case Value::Kind::kList:
        Write('[');
        for (size_t i = 0; i < value.list.size(); ++i) {
          if (i > 0) Write(", ");
          PrintValue(value.list[i]);
        }
        Write(']');
        return;
      case Value::Kind::kObject:
        Write('{');
        for (size_t i = 0; i < value.fields.size(); ++i) {
          if (i > 0) Write(", ");
          Write(value.fields[i].name);
          Write(": ");
          PrintValue(value.fields[i].value);
        }
        Write('}');
        return;
    }
  }

  // block(selections): `{`, one selection per line one level deeper, `}`; nothing when empty.
  void PrintSelectionSet(const SelectionSet& selection_set) {
    Block(selection_set.size(), [&](size_t i) {
      std::visit([this](const auto& selection) { PrintSelection(selection); },
                 selection_set[i].node);
    });
  }

 private:
  // REQUIRES: c is not a line break (NewLine writes those).
  void Write(char c) { out_.push_back(c); }
  void NewLine() {
    out_.push_back('\n');
    out_.append(2 * depth_, ' ');
  }

  void Write(std::string_view text) {
    size_t from = 0;
    for (size_t newline = text.find('\n'); newline != std::string_view::npos;
         newline = text.find('\n', from)) {
      out_.append(text.substr(from, newline + 1 - from));
      out_.append(2 * depth_, ' ');
      from = newline + 1;
    }
    out_.append(text.substr(from));
  }

  // `{`, items on their own lines one level deeper, `}`; nothing for no items.
  template <typename PrintItem>
  void Block(size_t count, const PrintItem& print_item) {
    if (count == 0) return;
    Write('{');
    ++depth_;
    for (size_t i = 0; i < count; ++i) {
      NewLine();
      print_item(i);
    }
    --depth_;
    NewLine();
    Write('}');
  }

  // The items, pre-printed without indentation, on one line `(a, b)` or, when `one_per_line`,
  // one per line one level deeper.
  void Parenthesized(const std::vector<std::string>& items, bool one_per_line) {
    if (items.empty()) return;
    Write('(');
    if (one_per_line) ++depth_;
    for (size_t i = 0; i < items.size(); ++i) {
      if (one_per_line) {
        NewLine();
      } else if (i > 0) {
        Write(", ");
      }
      Write(items[i]);
    }
    if (one_per_line) {
      --depth_;
      NewLine();
    }
    Write(')');
  }

  template <typename Node, typename PrintNode>
  static std::vector<std::string> PrintEach(const std::vector<Node>& nodes,
                                            const PrintNode& print) {
    std::vector<std::string> printed;
    printed.reserve(nodes.size());
    for (const Node& node : nodes) {
      Printer printer;
      print(printer, node);
      printed.push_back(printer.Take());
    }
    return printed;
  }

  void PrintArgument(const Argument& argument) {
    Write(argument.name);
    Write(": ");
    PrintValue(argument.value);
  }

  void PrintDirectives(const std::vector<Directive>& directives, bool leading_space) {
    for (size_t i = 0; i < directives.size(); ++i) {
      if (i > 0 || leading_space) Write(' ');
      Write('@');
      Write(directives[i].name);
      if (directives[i].arguments.empty()) continue;
      Write('(');
      for (size_t j = 0; j < directives[i].arguments.size(); ++j) {
        if (j > 0) Write(", ");
        PrintArgument(directives[i].arguments[j]);
      }
      Write(')');
    }
  }

  void PrintType(const TypeRef& type) { Write(type.ToString()); }

  void PrintDescription(const std::optional<Value>& description) {
    if (!description) return;
    PrintValue(*description);
    NewLine();
  }

  // Executable definitions (§2)

  void PrintDefinition(const OperationDefinition& operation) {
    const bool anonymous_query = operation.operation == OperationType::kQuery &&
                                 operation.name.empty() && operation.variables.empty() &&
                                 operation.directives.empty();
    if (!anonymous_query) {
      // join([operation, join([name, variables]), join(directives, ' ')], ' ')
      Write(ToString(operation.operation));
      if (!operation.name.empty() || !operation.variables.empty()) Write(' ');
      Write(operation.name);
      if (!operation.variables.empty()) {
        Write('(');
        for (size_t i = 0; i < operation.variables.size(); ++i) {
          if (i > 0) Write(", ");
          PrintVariableDefinition(operation.variables[i]);
        }
        Write(')');
      }
      PrintDirectives(operation.directives, true);
      Write(' ');
    }
    PrintSelectionSet(operation.selection_set);
  }

  void PrintVariableDefinition(const VariableDefinition& variable) {
    Write('$');
    Write(variable.name);
    Write(": ");
    PrintType(variable.type);
    if (variable.default_value) {
      Write(" = ");
      PrintValue(*variable.default_value);
    }
    PrintDirectives(variable.directives, true);
  }

  void PrintDefinition(const FragmentDefinition& fragment) {
    Write("fragment ");
    Write(fragment.name);
    Write(" on ");
    Write(fragment.type_condition);
    Write(' ');
    if (!fragment.directives.empty()) {
      PrintDirectives(fragment.directives, false);
      Write(' ');
    }
    PrintSelectionSet(fragment.selection_set);
  }

  void PrintSelection(const Field& field) {
    // graphql-js: the arguments go one per line when `alias: name(arguments)` passes 80
    // characters (UTF-16 units, counting block strings' line breaks, not the indentation).
    size_t prefix_length = field.name.size();
    if (!field.alias.empty()) {
      Write(field.alias);
      Write(": ");
      prefix_length += field.alias.size() + 2;
    }
    Write(field.name);
    if (!field.arguments.empty()) {
      std::vector<std::string> arguments =
          PrintEach(field.arguments, [](Printer& p, const Argument& a) { p.PrintArgument(a); });
      size_t line_length = prefix_length + 2 + 2 * (arguments.size() - 1);
      for (const std::string& argument : arguments) line_length += Utf16Length(argument);
      Parenthesized(arguments, line_length > kMaxLineLength);
    }
    PrintDirectives(field.directives, true);
    if (!field.selection_set.empty()) {
      Write(' ');
      PrintSelectionSet(field.selection_set);
    }
  }

  void PrintSelection(const FragmentSpread& spread) {
    Write("...");
    Write(spread.name);
    PrintDirectives(spread.directives, true);
  }

  void PrintSelection(const InlineFragment& fragment) {
    Write("...");
    if (!fragment.type_condition.empty()) {
      Write(" on ");
      Write(fragment.type_condition);
    }
    PrintDirectives(fragment.directives, true);
    if (!fragment.selection_set.empty()) {
      Write(' ');
      PrintSelectionSet(fragment.selection_set);
    }
  }

  // Type-system definitions (§3)

  void PrintDefinition(const SchemaDefinition& schema) {
    if (schema.is_extension) {
      Write("extend schema");
    } else {
      PrintDescription(schema.description);
      Write("schema");
    }
    PrintDirectives(schema.directives, true);
    if (schema.operation_types.empty()) return;
    Write(' ');
    Block(schema.operation_types.size(), [&](size_t i) {
      Write(ToString(schema.operation_types[i].operation));
      Write(": ");
      Write(schema.operation_types[i].type_name);
    });
  }

  static std::string_view Keyword(TypeDefinition::Kind kind) {
    switch (kind) {
      case TypeDefinition::Kind::kScalar:
        return "scalar";
      case TypeDefinition::Kind::kObject:
        return "type";
      case TypeDefinition::Kind::kInterface:
        return "interface";
      case TypeDefinition::Kind::kUnion:
        return "union";
      case TypeDefinition::Kind::kEnum:
        return "enum";
      case TypeDefinition::Kind::kInputObject:
        return "input";
    }
    return "type";
  }

  void PrintDefinition(const TypeDefinition& type) {
    using Kind = TypeDefinition::Kind;
    if (type.is_extension) {
      Write("extend ");
    } else {
      PrintDescription(type.description);
    }
    Write(Keyword(type.kind));
    if (!type.name.empty()) Write(' ');
    Write(type.name);
    if (!type.interfaces.empty()) {
      Write(" implements ");
      for (size_t i = 0; i < type.interfaces.size(); ++i) {
        if (i > 0) Write(" & ");
        Write(type.interfaces[i]);
      }
    }
    PrintDirectives(type.directives, true);
    switch (type.kind) {
      case Kind::kScalar:
        return;
      case Kind::kObject:
      case Kind::kInterface:
        if (!type.fields.empty()) Write(' ');
        Block(type.fields.size(), [&](size_t i) { PrintFieldDefinition(type.fields[i]); });
        return;
      case Kind::kUnion:
        if (type.union_members.empty()) return;
        Write(" = ");
        for (size_t i = 0; i < type.union_members.size(); ++i) {
          if (i > 0) Write(" | ");
          Write(type.union_members[i]);
        }
        return;
      case Kind::kEnum:
        if (!type.enum_values.empty()) Write(' ');
        Block(type.enum_values.size(), [&](size_t i) {
          PrintDescription(type.enum_values[i].description);
          Write(type.enum_values[i].name);
          PrintDirectives(type.enum_values[i].directives, true);
        });
        return;
      case Kind::kInputObject:
        if (!type.input_fields.empty()) Write(' ');
        Block(type.input_fields.size(),
              [&](size_t i) { PrintInputValueDefinition(type.input_fields[i]); });
        return;
    }
  }

  // Argument definitions go one per line when any of them spans lines (has a description).
  void PrintArgumentDefinitions(const std::vector<InputValueDefinition>& arguments) {
    std::vector<std::string> printed =
        PrintEach(arguments, [](Printer& p, const InputValueDefinition& argument) {
          p.PrintInputValueDefinition(argument);
        });
    bool multiline = false;
    for (const std::string& argument : printed) {
      multiline = multiline || argument.find('\n') != std::string::npos;
    }
    Parenthesized(printed, multiline);
  }

  void PrintFieldDefinition(const FieldDefinition& field) {
    PrintDescription(field.description);
    Write(field.name);
    PrintArgumentDefinitions(field.arguments);
    Write(": ");
    PrintType(field.type);
    PrintDirectives(field.directives, true);
  }

  void PrintInputValueDefinition(const InputValueDefinition& value) {
    PrintDescription(value.description);
    Write(value.name);
    Write(": ");
    PrintType(value.type);
    if (value.default_value) {
      Write(" = ");
      PrintValue(*value.default_value);
    }
    PrintDirectives(value.directives, true);
  }

  void PrintDefinition(const DirectiveDefinition& directive) {
    PrintDescription(directive.description);
    Write("directive @");
    Write(directive.name);
    PrintArgumentDefinitions(directive.arguments);
    if (directive.repeatable) Write(" repeatable");
    Write(" on ");
    for (size_t i = 0; i < directive.locations.size(); ++i) {
      if (i > 0) Write(" | ");
      Write(directive.locations[i]);
    }
  }

  std::string out_;
  size_t depth_ = 0;
};

}  // namespace

std::string Print(const Document& document) {
  Printer printer;
  printer.PrintDocument(document);
  return printer.Take();
}

std::string Print(const Value& value) {
  Printer printer;
  printer.PrintValue(value);
  return printer.Take();
}

std::string Print(const SelectionSet& selection_set) {
  Printer printer;
  printer.PrintSelectionSet(selection_set);
  return printer.Take();
}

}  // namespace junction::graphql

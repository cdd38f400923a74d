#pragma once
// YAML text ↔ JSON, for the metadata directory (metadata_directory.h). Reading uses yaml-cpp and
// types values as YAML 1.2's core schema does; writing reproduces the style of the files Hasura's
// CLI writes (go-yaml v3 with a 2-space indent), so that a directory Hasura exported reads and
// writes back unchanged.
//
// Reading (ParseYaml):
//   - plain scalars: `~`, `null`/`Null`/`NULL` and empty are null; `true`/`True`/`TRUE`/`false`/…
//     are booleans; `[-+]?[0-9]+`, `0o17`, `0x1F` integers; `1.5`, `-2e3`, `.5` floats (`.inf` and
//     `.nan` are refused: JSON cannot hold them); everything else is a string;
//   - quoted scalars and block scalars (`|`, `>`) are strings, as is any scalar tagged `!!str`;
//   - a scalar tagged `!include` becomes the string "!include <its value>", the form Hasura's CLI
//     writes, so both spellings reach the include resolver the same way; other tags are refused;
//   - mapping keys must be scalars and unique; anchors and aliases are expanded.
//   Every value's position is recorded under its JSON path relative to the document ("$",
//   "$.tables[0].table").
//
// Writing (EmitYaml), go-yaml v3's rules as Hasura's CLI applies them:
//   - mappings `key: value`, nested mappings and sequences indented by 2 under their key
//     (`key:\n  - item`); a mapping inside a sequence starts on the dash line
//     (`- name: x\n  a: b`), a sequence in a sequence likewise (`- - a`); empty containers are
//     `[]` and `{}`;
//   - null, booleans and numbers are written plain (`null`, `true`, `42`, `1.5`);
//   - a string containing a line break is a literal block (`|`, with `-` when it does not end in a
//     line break, `+` when it ends in more than one, and the indentation indicator `2` when it
//     starts with a space or a break), unless a line ends in a space or it holds control
//     characters, when it is double-quoted;
//   - a string that would read back as something else is double-quoted: YAML 1.2 core null, bool,
//     int and float spellings, go-yaml's extras (`1_000`, `0b101`, `0755`, `<<`), and YAML 1.1's
//     legacy ones (`yes`/`no`/`on`/`off`/`y`/`n` in any case Hasura's CUE step quotes, and
//     sexagesimal numbers like `1:20`); so is "!include …" (Hasura's include references);
//   - otherwise a string is plain unless it cannot be: empty, leading or trailing space, starting
//     with an indicator (`- ? : , [ ] { } # & * ! | > ' " % @ \``), containing `: ` or ` #`,
//     starting with `---`/`...`; then it is single-quoted (`''` for a quote), or double-quoted
//     (with go-yaml's escapes) when it holds tabs or control characters;
//   - lines are never folded (go-yaml v3 has no line width by default).
//   Known differences: keys longer than 128 bytes, which go-yaml writes as `? key`, are written as
//   simple keys; strings that are not valid UTF-8 (go-yaml: !!binary) are written double-quoted.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "metadata/json_path.h"

namespace junction::metadata {

// How Hasura's CLI spells a reference to another file: "!include public_author.yaml".
inline constexpr std::string_view kIncludePrefix = "!include ";

// A parsed YAML document: its value and where each value of it starts.
struct YamlDocument {
  Json value;
  // JSON path relative to the document ("$", "$.tables[0]") → 1-based line and column where the
  // value starts, in document order.
  std::vector<std::pair<std::string, junction::SourceLocation>> marks;
};

// Reads one YAML document (empty text is null). Errors are kParseFailed with a message without
// position ("duplicate key \"name\"") and the position in `locations[0]`.
Result<YamlDocument> ParseYaml(std::string_view text);

// The YAML text of `value` in the style described above, ending in a line break.
std::string EmitYaml(const Json& value);

}  // namespace junction::metadata

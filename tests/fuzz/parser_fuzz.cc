// libFuzzer target for the GraphQL language front end (src/graphql): any input must parse or fail
// with an error, never crash, hang or touch memory it does not own. A document that parses must
// survive the round trip: Print it, Parse that, and the result must equal the first parse (and
// print the same text). A difference is our bug, so the target aborts for libFuzzer to report it.
// Run with scripts/fuzz; seeds are the graphql-js documents in ../shared/testdata/graphql-js.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "graphql/limits.h"
#include "graphql/parser.h"
#include "graphql/printer.h"

namespace {

[[noreturn]] void Fail(const char* what, std::string_view input, const std::string& printed) {
  std::fprintf(stderr, "parser_fuzz: %s\n--- input ---\n%.*s\n--- printed ---\n%s\n", what,
               static_cast<int>(input.size()), input.data(), printed.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using junction::Result;
  using namespace junction::graphql;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Result<Document> document = Parse(input);
  if (!document) {
    if (document.error().message.rfind("Syntax Error: ", 0) != 0 ||
        document.error().locations.size() != 1) {
      Fail("a parse error without the syntax-error shape", input, document.error().message);
    }
    return 0;
  }
  (void)CheckLimits(*document);
  const std::string printed = Print(*document);
  Result<Document> reparsed = Parse(printed);
  if (!reparsed) {
    Fail(("the printed document does not parse: " + reparsed.error().message).c_str(), input,
         printed);
  }
  if (!(*reparsed == *document)) Fail("the printed document parses differently", input, printed);
  if (Print(*reparsed) != printed) Fail("printing is not idempotent", input, printed);
  return 0;
}

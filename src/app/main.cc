// The `junction` binary: `junction metadata …` goes to metadata_cli.h; every other command line is
// parsed by config.h and run here.

#include <cstdio>
#include <iostream>
#include <string_view>

#include "app/config.h"
#include "app/metadata_cli.h"
#include "app/serve.h"
#include "app/version.h"

int main(int argc, char** argv) {
  using junction::app::Command;
  if (argc > 1 && std::string_view(argv[1]) == "metadata") {
    return junction::app::MetadataMain(argc, argv, junction::app::ProcessEnvironment, std::cout,
                                       std::cerr);
  }
  const junction::app::CommandLine command_line =
      junction::app::ParseCommandLine(argc, argv, junction::app::ProcessEnvironment);
  switch (command_line.command) {
    case Command::kServe:
      return junction::app::Serve(command_line.serve);
    case Command::kVersion:
      std::cout << junction::app::Version() << '\n';
      return 0;
    case Command::kExit:
      (command_line.exit_code == 0 ? std::cout : std::cerr) << command_line.message;
      return command_line.exit_code;
  }
  return 1;
}

// The `junction` binary: parses the command line (config.h) and runs the command.

#include <cstdio>
#include <iostream>

#include "app/config.h"
#include "app/serve.h"
#include "app/version.h"

int main(int argc, char** argv) {
  using junction::app::Command;
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

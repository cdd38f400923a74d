#pragma once
// The engine's version, from the project version in the top-level CMakeLists.txt. `junction
// version` prints it and GET /v1/version answers it.

#include <string_view>

namespace junction::app {

std::string_view Version();

}  // namespace junction::app

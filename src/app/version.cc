#include "app/version.h"

#ifndef JUNCTION_VERSION
#error "JUNCTION_VERSION must be defined by the build (src/app/CMakeLists.txt)"
#endif

namespace junction::app {

std::string_view Version() { return JUNCTION_VERSION; }

}  // namespace junction::app

#include "server/engine.h"
#include "app/config.h"
#include "backends/sql/select.h"
#include "spdlog/spdlog.h"

int main() { return 0; }

#pragma once
// `junction serve`: the start-up sequence (DESIGN.md §6) and the life of the server.
//
//   load metadata (FileMetadataStore) → BuildSnapshot → Engine → Router → HttpServer → wait
//
// A metadata file that cannot be read or parsed stops start-up with a message naming the file;
// the file is left as it is. SIGINT/SIGTERM stop the server gracefully (http_server.h).

#include "app/config.h"

namespace junction::app {

// Runs the engine until it is stopped; the process exit code: 0 after a clean stop, 1 when
// start-up failed.
int Serve(const ServeConfig& config);

}  // namespace junction::app

// A validation rule that reaches up into the server: the one bad include of this fixture.
#include "graphql/parser.h"

#include "server/engine.h"

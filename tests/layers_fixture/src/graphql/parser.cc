#include "graphql/parser.h"

#include <vector>

#include "common/error.h"

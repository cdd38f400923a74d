#pragma once
#include "backends/postgres/from_ir.h"
#include "graphql/parser.h"

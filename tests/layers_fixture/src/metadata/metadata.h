#pragma once
#include "graphql/parser.h"
#include "metadata/metadata.h"

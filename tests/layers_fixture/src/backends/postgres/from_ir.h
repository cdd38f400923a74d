#pragma once
#include "backends/sql/select.h"
#include "metadata/metadata.h"

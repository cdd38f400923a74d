#pragma once
#include <string>

#include "common/error.h"

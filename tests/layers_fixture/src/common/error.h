#pragma once
namespace fixture { struct Error {}; }

#include "server/request_id.h"

#include <cstdint>
#include <random>

namespace junction::server {

std::string RequestIdFor(std::string_view client_value) {
  if (client_value.empty() || client_value.size() > kMaxRequestIdLength) return NewUuid();
  for (unsigned char c : client_value) {
    if (c < 0x21 || c > 0x7E) return NewUuid();
  }
  return std::string(client_value);
}

std::string NewUuid() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  uint64_t high = generator();
  uint64_t low = generator();
  high = (high & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;    // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  auto append = [&](uint64_t value, int nibbles) {
    for (int i = nibbles - 1; i >= 0; --i) out.push_back(kHex[(value >> (i * 4)) & 0xF]);
  };
  append(high >> 32, 8);
  out.push_back('-');
  append(high >> 16, 4);
  out.push_back('-');
  append(high, 4);
  out.push_back('-');
  append(low >> 48, 4);
  out.push_back('-');
  append(low, 12);
  return out;
}

}  // namespace junction::server

#pragma once
// Session: who a request runs as (DESIGN.md §2, the output of Authenticate): the role and the
// session variables (`x-hasura-user-id`, …) that permissions will read. server/auth.h makes one
// from the request headers; the schema for the role is chosen with Snapshot::ForRole, and BuildIr
// will read the variables. Names are lower-case, as HTTP/2 and Hasura spell them.

#include <map>
#include <string>
#include <string_view>

namespace junction::schema {

inline constexpr std::string_view kAdminRole = "admin";

struct Session {
  std::string role = std::string(kAdminRole);
  // Every `x-hasura-*` request header except the admin secret, lower-case name → value, the role
  // included as `x-hasura-role` when it was sent.
  std::map<std::string, std::string, std::less<>> variables;

  bool IsAdmin() const { return role == kAdminRole; }
};

}  // namespace junction::schema

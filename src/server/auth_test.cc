#include "server/auth.h"

#include <gtest/gtest.h>

namespace junction::server {
namespace {

HttpRequest WithHeaders(std::map<std::string, std::string, std::less<>> headers) {
  HttpRequest request;
  request.method = "POST";
  request.target = "/v1/graphql";
  request.headers = std::move(headers);
  return request;
}

TEST(AuthTest, WithoutASecretEveryoneIsAdminUnlessARoleIsAsked) {
  Result<schema::Session> session = Authenticate("", WithHeaders({}));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->role, "admin");
  EXPECT_TRUE(session->IsAdmin());

  session = Authenticate("", WithHeaders({{"x-hasura-role", "user"}, {"x-hasura-user-id", "7"}}));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->role, "user");
  EXPECT_FALSE(session->IsAdmin());
  EXPECT_EQ(session->variables.at("x-hasura-user-id"), "7");
  EXPECT_EQ(session->variables.at("x-hasura-role"), "user");
}

TEST(AuthTest, MissingSecretIsDenied) {
  Result<schema::Session> session =
      Authenticate("s3cret", WithHeaders({{"x-hasura-role", "admin"}}));
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code, ErrorCode::kAccessDenied);
  EXPECT_EQ(session.error().path, "$");
  EXPECT_EQ(session.error().message,
            "x-hasura-admin-secret/x-hasura-access-key required, but not found");
}

TEST(AuthTest, WrongSecretIsDenied) {
  for (const char* wrong : {"", "s3cre", "s3cret!", "S3CRET", "x"}) {
    Result<schema::Session> session =
        Authenticate("s3cret", WithHeaders({{"x-hasura-admin-secret", wrong}}));
    ASSERT_FALSE(session) << wrong;
    EXPECT_EQ(session.error().code, ErrorCode::kAccessDenied);
    EXPECT_EQ(session.error().message, "invalid x-hasura-admin-secret/x-hasura-access-key");
  }
}

TEST(AuthTest, RightSecretIsAdminOrTheAskedRole) {
  Result<schema::Session> session =
      Authenticate("s3cret", WithHeaders({{"x-hasura-admin-secret", "s3cret"}}));
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->IsAdmin());
  EXPECT_EQ(session->variables.count("x-hasura-admin-secret"), 0u) << "the secret is no variable";

  session = Authenticate(
      "s3cret", WithHeaders({{"x-hasura-admin-secret", "s3cret"}, {"x-hasura-role", "editor"}}));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->role, "editor");
}

TEST(AuthTest, DeprecatedAccessKeyHeaderWorksToo) {
  EXPECT_TRUE(Authenticate("k", WithHeaders({{"x-hasura-access-key", "k"}})));
  EXPECT_FALSE(Authenticate("k", WithHeaders({{"x-hasura-access-key", "j"}})));
  // The admin secret header wins when both are sent.
  EXPECT_FALSE(Authenticate(
      "k", WithHeaders({{"x-hasura-admin-secret", "j"}, {"x-hasura-access-key", "k"}})));
}

TEST(AuthTest, EmptyRoleHeaderMeansAdmin) {
  Result<schema::Session> session = Authenticate("", WithHeaders({{"x-hasura-role", ""}}));
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->IsAdmin());
}

TEST(AuthTest, SecretEqualsComparesWholeStrings) {
  EXPECT_TRUE(SecretEquals("abc", "abc"));
  EXPECT_TRUE(SecretEquals("", ""));
  EXPECT_FALSE(SecretEquals("abc", "abd"));
  EXPECT_FALSE(SecretEquals("ab", "abc"));
  EXPECT_FALSE(SecretEquals("abcd", "abc"));
  EXPECT_FALSE(SecretEquals(std::string_view("ab\0", 3), "ab"));
}

}  // namespace
}  // namespace junction::server
